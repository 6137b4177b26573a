"""The editor of one content file (a step, a module's or the course's introduction) and its language
variants: fields and Markdown, preview, saving as a draft, and the conflict page.
"""

from dataclasses import dataclass, field

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from wtforms import SelectChoice

from app.web.authoring.forms import PictureForm, StepForm
from app.web.common.edge import refused_into
from app.web.common.i18n import localized
from competence.catalog import framework
from courses.authoring.drafts import EditConflict, save_draft, working
from courses.authoring.pictures import pictures_in
from courses.authoring.step_fields import fields_from, meta_from, new_variant, variant_path
from courses.authoring.step_files import MarkdownFile, compose, split
from courses.content_import.markdown import render_markdown
from courses.content_import.source import VARIANTS
from courses.models import StepKind
from courses.uploads import ALL_TYPES

VARIANT_NAMES = {None: _l("Finnish"), "selko": _l("Plain language"), "en": _l("English"), "sv": _l("Swedish")}


@dataclass
class Target:
    """What is edited: `part` is "step", "module" or "course"; `folder` the media folder under courses/."""

    part: str
    course: object
    module: object | None
    main_path: str
    title: str
    folder: str
    endpoint: str
    url_args: dict = field(default_factory=dict)

    def url(self, variant: str | None) -> str:
        return url_for(self.endpoint, variant=variant, **self.url_args)


def edit(target: Target):
    course = target.course
    variant = request.args.get("variant")
    variant = variant if variant in VARIANTS else None
    main_now = working(course.code, target.main_path)
    if main_now.text is None:
        return render_template("authoring/step_removed.html", course=course, title=target.title)
    main = split(main_now.text)
    path = variant_path(target.main_path, variant)
    now = working(course.code, path) if variant else main_now
    current = split(now.text) if now.text is not None else MarkdownFile(new_variant(main.meta), "")
    if request.method == "POST":
        form = StepForm()
    else:
        form = StepForm(data={**fields_from(current.meta, current.body, variant is not None),
                              "revision": str(now.revision), "base": now.base_hash})
    _choices(form, target)
    context = {"target": target, "course": course, "module": target.module, "variant": variant,
               "kind": str(main.meta.get("kind") or StepKind.LESSON) if target.part == "step" else None,
               "variants": VARIANT_NAMES, "exists": now.text is not None, "drafted": now.drafted}
    if target.part == "step":
        context.update(pictures=pictures_in(course.code, f"courses/{target.folder}/"),
                       picture_form=PictureForm(formdata=None))
    errors: list[str] = []
    if form.validate_on_submit():
        meta = meta_from(current.meta, form.data, main.meta, variant is not None, target.part)
        text = compose(meta, form.body.data or "")
        if request.form.get("action") == "preview":
            base = url_for("authoring.media", course_code=course.code, path=target.folder)
            return render_template("authoring/editor.html", form=form, errors=errors,
                                   preview=render_markdown(form.body.data or "", base), **context)
        try:
            with refused_into(errors):
                save_draft(current_user, course.code, path, text.encode("utf-8"), _revision(form.revision.data),
                           form.base.data or "")
                flash(_("Saved as a draft. Learners see it once the course is published."), "success")
                return redirect(target.url(variant))
        except EditConflict as conflict:
            form.revision.data, form.base.data = str(conflict.saved.revision), conflict.saved.base_hash
            return render_template("authoring/editor.html", form=form, errors=errors, mine=text,
                                   saved=conflict.saved.text, **context), 409
    return render_template("authoring/editor.html", form=form, errors=errors, **context), \
        400 if request.method == "POST" else 200


def _choices(form: StepForm, target: Target) -> None:
    objectives = [str(code) for code in target.module.objectives] if target.part == "step" else []
    objectives += [code for code in form.objectives.data or () if code not in objectives]
    names = {entry.code: localized(entry.name) for entry in framework().objectives_by_id.values()}
    form.objectives.choices = [SelectChoice(code, f"{code}: {names[code]}" if code in names else code)
                               for code in objectives]
    form.accept.choices = list(ALL_TYPES)


def _revision(value) -> int:
    return int(value) if (value or "").isascii() and (value or "").isdigit() and len(value) < 9 else -1
