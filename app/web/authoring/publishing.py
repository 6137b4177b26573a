"""Publishing a course, its history of versions, the difference of two, and restoring one."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from app.web.authoring import bp
from app.web.authoring.views import course as course_page
from app.web.common.edge import refused_flashed
from app.web.common.forms import ConfirmForm
from app.web.common.request_values import parse_id
from courses.authoring import history
from courses.authoring.drafts import discard_drafts
from courses.authoring.publishing import check_course, course_by_code, publish_course


@bp.post("/<course_code>/publish")
def publish(course_code):
    if not ConfirmForm().validate_on_submit():
        abort(400)
    course = course_by_code(course_code)
    with refused_flashed():
        problems = check_course(course.code)
        if problems:
            return course_page(course.code, problems=problems, status=400)
        version = publish_course(current_user, course.code)
        flash(_("Published. Learners now see version %(number)d.", number=version.number), "success")
    return redirect(url_for("authoring.course", course_code=course.code))


@bp.post("/<course_code>/discard")
def discard(course_code):
    if not ConfirmForm().validate_on_submit():
        abort(400)
    course = course_by_code(course_code)
    count = discard_drafts(current_user, course)
    flash(ngettext("%(num)d unpublished change was discarded.", "%(num)d unpublished changes were discarded.",
                   count), "success")
    return redirect(url_for("authoring.course", course_code=course.code))


@bp.get("/<course_code>/history")
def versions(course_code):
    course = course_by_code(course_code)
    return render_template("authoring/history.html", course=course, versions=history.versions(course.code),
                           form=ConfirmForm())


@bp.get("/<course_code>/diff")
def diff(course_code):
    course = course_by_code(course_code)
    old, new = parse_id(request.args.get("old")), parse_id(request.args.get("new"))
    if old is None or new is None:
        abort(404)
    return render_template("authoring/diff.html", course=course, old=old, new=new,
                           changes=history.diff(course.code, old, new))


@bp.post("/<course_code>/versions/<int:version_id>/restore")
def restore(course_code, version_id):
    if not ConfirmForm().validate_on_submit():
        abort(400)
    course = course_by_code(course_code)
    number = history.number_of(course.code, version_id)
    changed = history.restore(current_user, course.code, course.slug, number)
    flash(_("Version %(number)d is now the draft (%(count)d files changed). Publish the course to show it "
            "to learners.", number=number, count=changed), "success")
    return redirect(url_for("authoring.course", course_code=course.code))
