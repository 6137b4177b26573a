"""Adding a picture beside a step: uploaded, checked and resized, saved in the course's draft."""

from flask import abort, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.web.authoring import bp
from app.web.authoring.forms import PictureForm
from app.web.authoring.views import step_in_course
from app.web.common.edge import refused_flashed
from courses.authoring.pictures import add_picture


@bp.post("/<course_code>/steps/<int:step_id>/pictures")
def add_step_picture(course_code, step_id):
    course, module, step = step_in_course(course_code, step_id)
    form = PictureForm()
    back = redirect(url_for("authoring.step", course_code=course.code, step_id=step.id) + "#pictures")
    if not form.validate_on_submit():
        if "csrf_token" in form.errors:
            abort(400)
        for errors in form.errors.values():
            flash(" ".join(map(str, errors)), "error")
        return back
    file = request.files.get("picture")
    if file is None or not file.filename:
        flash(_("Choose a picture first."), "error")
        return back
    with refused_flashed():
        markdown = add_picture(current_user, course.code, f"courses/{course.slug}/{module.folder}/", file.filename,
                               file.read(), form.alt.data)
        flash(_("The picture is saved in the draft. Copy this line into the text where the picture belongs: "
                "%(line)s", line=markdown), "success")
    return back
