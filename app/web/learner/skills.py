"""My skills and "I already know this": the learner's competence and recognition requests."""

from functools import partial

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.core.files import ALL_TYPES, remove_stored
from app.web.common.downloads import stored_upload
from app.web.common.edge import keep_saved, once_committed, refused_into
from app.web.common.forms import ConfirmForm
from app.web.learner import bp
from app.web.learner.skill_texts import skill_texts
from app.web.learner.views import _confirm
from competence import recognition, request_lists
from courses import progress
from courses.skills import learner_record


@bp.get("/skills")
def skills():
    requests = request_lists.own_requests(current_user.id)
    states = progress.step_states(current_user.id)
    areas = learner_record(current_user.id, requests, states=states)
    return render_template("learner/skills.html", areas=areas, requests=requests, points=sum(a.points for a in areas),
                           returned=progress.returned_steps(states),
                           available=sum(a.available for a in areas), texts=skill_texts(),
                           recognition_url=url_for("learner.new_recognition"))


def _render(req, unit, objective, errors=None, status=200):
    return render_template("learner/recognition.html", req=req, unit=unit, objective=objective,
                           objectives=[objective] if objective else [o for o in unit.objectives
                                                                     if o.archived_at is None],
                           form=ConfirmForm(), accept=ALL_TYPES, errors=errors or []), status


@bp.route("/skills/recognition/new", methods=["GET", "POST"])
def new_recognition():
    objective_code, unit_code = request.args.get("objective"), request.args.get("unit")
    unit, objective = recognition.find_target(objective_code, unit_code)
    if request.method == "GET":
        return _render(None, unit, objective)
    _confirm()
    req = recognition.start(current_user, objective_code=objective_code, unit_code=unit_code)
    return _save(req, new=True)


@bp.route("/skills/recognition/<int:request_id>", methods=["GET", "POST"])
def recognition_request(request_id):
    req = recognition.get_own(current_user, request_id)
    if request.method == "GET":
        return _render(req, req.unit, req.objective)
    _confirm()
    return _save(req)


def _save(req, new=False):
    """Save the text and a chosen file; send when asked. A refused send keeps the saved draft."""
    file = request.files.get("file")
    request_id, errors, saved_text = req.id, [], False
    with refused_into(errors):
        recognition.save(current_user, request_id, request.form.get("description", ""))
        if file is not None and file.filename:
            keep_saved()  # the typed text stays saved whatever becomes of the file (a full disk, a wrong type)
            saved_text = True
            recognition.add_evidence(current_user, request_id, file.filename, file.read(),
                                     current_app.config["STORAGE_DIR"])
    if errors:
        kept = not new or saved_text
        return _refused(recognition.get_own(current_user, request_id) if kept else None, errors)
    if request.form.get("action") != "send":
        flash(_("Saved. You can continue later, also on another device."), "success")
        return redirect(url_for("learner.recognition_request", request_id=request_id))
    keep_saved()
    with refused_into(errors):
        recognition.send(current_user, request_id)
        flash(_("Sent to your coach. You will see their answer here and on My skills."), "success")
        return redirect(url_for("learner.recognition_request", request_id=request_id))
    return _refused(req, errors)


def _refused(req, errors):
    if req is None:
        unit, objective = recognition.find_target(request.args.get("objective"), request.args.get("unit"))
        return _render(None, unit, objective, errors, 400)
    return _render(req, req.unit, req.objective, errors, 400)


@bp.post("/skills/evidence/<int:file_id>/remove")
def remove_evidence(file_id):
    _confirm()
    request_id = recognition.own_evidence(current_user, file_id).request_id
    errors = []
    with refused_into(errors):
        stored_name = recognition.remove_evidence(current_user, file_id)
        once_committed(partial(remove_stored, current_app.config["STORAGE_DIR"], stored_name))
        flash(_("The file was removed."), "success")
        return redirect(url_for("learner.recognition_request", request_id=request_id))
    return _refused(recognition.get_own(current_user, request_id), errors)


@bp.get("/skills/evidence/<int:file_id>")
def evidence(file_id):
    file = recognition.own_evidence(current_user, file_id)
    return stored_upload(file)
