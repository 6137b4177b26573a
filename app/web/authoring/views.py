"""Administration → Content: the published courses, a course's steps, and which file each editor edits."""

import mimetypes
from pathlib import PurePosixPath

from flask import Response, abort, render_template
from flask_babel import lazy_gettext as _l

from app.core.db import db
from app.web.authoring import bp
from app.web.authoring.editor import Target, edit
from app.web.common.forms import ConfirmForm
from courses.authoring.drafts import drafted_paths, working
from courses.authoring.outline import course_outline, course_rows
from courses.authoring.pictures import PICTURE_SUFFIXES
from courses.authoring.published import course_prefix
from courses.authoring.publishing import course_by_code
from courses.models import Module, Step, StepKind

KIND_NAMES = {StepKind.LESSON: _l("lesson"), StepKind.QUIZ: _l("quiz"), StepKind.WRITTEN_TASK: _l("written task"),
              StepKind.FILE_TASK: _l("file task"), StepKind.SELF_ASSESSMENT: _l("self-assessment")}


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
    return edit(Target("step", course, module, step.source_path, step.title, f"{course.slug}/{module.folder}",
                       "authoring.step", {"course_code": course.code, "step_id": step.id}))


@bp.route("/<course_code>/modules/<int:module_id>", methods=["GET", "POST"])
def module_intro(course_code, module_id):
    course = course_by_code(course_code)
    module = db.session.get(Module, module_id)
    if module is None or module.course_id != course.id or module.archived_at is not None:
        abort(404)
    return edit(Target("module", course, module, f"courses/{course.slug}/{module.folder}/module.md", module.title,
                       f"{course.slug}/{module.folder}", "authoring.module_intro",
                       {"course_code": course.code, "module_id": module.id}))


@bp.route("/<course_code>/introduction", methods=["GET", "POST"])
def course_intro(course_code):
    course = course_by_code(course_code)
    return edit(Target("course", course, None, f"courses/{course.slug}/course.md", course.title, course.slug,
                       "authoring.course_intro", {"course_code": course.code}))


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
