"""Administration → Content: the published courses, a course's steps, and the step editor."""

import mimetypes
from pathlib import PurePosixPath

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from wtforms import SelectChoice

from app.core.db import db
from app.web.authoring import bp
from app.web.authoring.forms import PictureForm, StepForm
from app.web.common.edge import refused_into
from app.web.common.forms import ConfirmForm
from app.web.common.i18n import localized
from competence.catalog import framework
from courses.authoring.drafts import EditConflict, drafted_paths, save_draft, working
from courses.authoring.outline import course_outline, course_rows
from courses.authoring.pictures import PICTURE_SUFFIXES, pictures_in
from courses.authoring.published import course_prefix
from courses.authoring.publishing import course_by_code
from courses.authoring.step_fields import fields_from, meta_from, new_variant, variant_path
from courses.authoring.step_files import MarkdownFile, compose, split
from courses.content_import.markdown import render_markdown
from courses.content_import.source import VARIANTS
from courses.models import Module, Step, StepKind
from courses.uploads import ALL_TYPES

KIND_NAMES = {StepKind.LESSON: _l("lesson"), StepKind.QUIZ: _l("quiz"), StepKind.WRITTEN_TASK: _l("written task"),
              StepKind.FILE_TASK: _l("file task"), StepKind.SELF_ASSESSMENT: _l("self-assessment")}
VARIANT_NAMES = {None: _l("Finnish"), "selko": _l("Plain language"), "en": _l("English"), "sv": _l("Swedish")}


@bp.get("/")
def courses():
    return render_template("authoring/courses.html", courses=course_rows())


@bp.get("/<course_code>")
def course(course_code, problems=(), status=200):
    course = course_by_code(course_code)
    drafts = drafted_paths(course.code)
    modules = course_outline(course, set(drafts))
    return render_template("authoring/course.html", course=course, modules=modules, drafts=drafts,
                           problems=problems, form=ConfirmForm(), kind_names=KIND_NAMES), status


def step_in_course(course_code: str, step_id: int):
    course = course_by_code(course_code)
    step = db.session.get(Step, step_id)
    if step is None or step.archived_at is not None or not step.source_path.startswith(course_prefix(course.slug)):
        abort(404)
    module = db.session.get(Module, step.module_id)
    return course, module, step


@bp.route("/<course_code>/steps/<int:step_id>", methods=["GET", "POST"])
def step(course_code, step_id):
    course, module, step = step_in_course(course_code, step_id)
    variant = request.args.get("variant")
    variant = variant if variant in VARIANTS else None
    main_now = working(course.code, step.source_path)
    if main_now.text is None:
        return render_template("authoring/step_removed.html", course=course, step=step)
    main = split(main_now.text)
    path = variant_path(step.source_path, variant)
    now = working(course.code, path) if variant else main_now
    current = split(now.text) if now.text is not None else MarkdownFile(new_variant(main.meta), "")
    if request.method == "POST":
        form = StepForm()
    else:
        form = StepForm(data={**fields_from(current.meta, current.body, variant is not None),
                              "revision": str(now.revision), "base": now.base_hash})
    objectives = [str(code) for code in module.objectives]
    objectives += [code for code in form.objectives.data or () if code not in objectives]
    names = {entry.code: localized(entry.name) for entry in framework().objectives_by_id.values()}
    form.objectives.choices = [SelectChoice(code, f"{code}: {names[code]}" if code in names else code)
                               for code in objectives]
    form.accept.choices = list(ALL_TYPES)
    kind = str(main.meta.get("kind") or StepKind.LESSON)
    context = {"course": course, "module": module, "step": step, "variant": variant, "kind": kind,
               "variants": VARIANT_NAMES, "exists": now.text is not None, "drafted": now.drafted,
               "pictures": pictures_in(course.code, f"courses/{course.slug}/{module.folder}/"),
               "picture_form": PictureForm(formdata=None)}
    errors: list[str] = []
    if form.validate_on_submit():
        meta = meta_from(current.meta, form.data, main.meta, variant is not None)
        text = compose(meta, form.body.data or "")
        if request.form.get("action") == "preview":
            base = url_for("authoring.media", course_code=course.code, path=f"{course.slug}/{module.folder}")
            return render_template("authoring/step.html", form=form, errors=errors,
                                   preview=render_markdown(form.body.data or "", base), **context)
        try:
            with refused_into(errors):
                save_draft(current_user, course.code, path, text.encode("utf-8"),
                           _revision(form.revision.data), form.base.data or "")
                flash(_("Saved as a draft. Learners see it once the course is published."), "success")
                return redirect(url_for("authoring.step", course_code=course.code, step_id=step.id,
                                        variant=variant))
        except EditConflict as conflict:
            form.revision.data, form.base.data = str(conflict.saved.revision), conflict.saved.base_hash
            return render_template("authoring/step.html", form=form, errors=errors, mine=text,
                                   saved=conflict.saved.text, **context), 409
    return render_template("authoring/step.html", form=form, errors=errors, **context), \
        400 if request.method == "POST" else 200


def _revision(value) -> int:
    return int(value) if (value or "").isascii() and (value or "").isdigit() and len(value) < 9 else -1


@bp.get("/<course_code>/media/<path:path>")
def media(course_code, path):
    """A picture of the course as the editor sees it: the draft's if there is one, else the published."""
    course = course_by_code(course_code)
    full = f"courses/{path}"
    if PurePosixPath(path).suffix.lower() not in PICTURE_SUFFIXES or not full.startswith(course_prefix(course.slug)) \
            or ".." in PurePosixPath(path).parts:
        abort(404)
    data = working(course.code, full).data
    if data is None:
        abort(404)
    response = Response(data, mimetype=mimetypes.guess_type(path)[0] or "application/octet-stream")
    response.headers["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'; sandbox"
    return response
