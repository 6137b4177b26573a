"""The learner's feedback pages: answer a round (one question per screen or all at once), and
'You said, we did'. Works without JavaScript. An anonymous round's key lives in the signed session.
"""

from flask import abort, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.web.common.edge import keep_saved, refused_into
from app.web.common.forms import ConfirmForm
from app.web.learner import bp
from courses.feedback import pool, rounds
from courses.feedback.actions import actions_for, mark_all_seen
from courses.feedback.answers import answers_of, find_response, missing_required, save_answers, send

KEYS = "feedback_keys"


def _key(round_id: int) -> str | None:
    return (session.get(KEYS) or {}).get(str(round_id))


def _keep_key(round_id: int, key: str | None) -> None:
    if key and _key(round_id) != key:
        session[KEYS] = {**(session.get(KEYS) or {}), str(round_id): key}


def _chosen(found, response) -> dict[int, list[str]]:
    """What each question shows as chosen or written: what was posted, else what was saved."""
    saved = answers_of(response)
    chosen = {}
    for question in found.questions:
        value = saved.get(question.id)
        chosen[question.id] = ([str(v) for v in value] if isinstance(value, list) else
                               [] if value is None else [str(value)])
        if request.method == "POST" and f"shown-{question.id}" in request.form:
            chosen[question.id] = request.form.getlist(f"q-{question.id}")
    return chosen


def _context(found, **extra):
    response = find_response(current_user, found, _key(found.id))
    answered = rounds.has_answered(current_user, found)
    chosen = _chosen(found, response)
    today = rounds.today()
    return {"round": found, "response": response, "answered": answered, "chosen": chosen, "today": today,
            "can_answer": found.accepts_answers(today) and (response is not None or not answered),
            "first_open": next((q for q in found.questions if not chosen[q.id]), found.questions[0]),
            "form": ConfirmForm(), "errors": [], **extra}


def _save(found, questions, errors: list[str]) -> None:
    """Save the posted answers to `questions`; a refusal's reason goes into `errors`."""
    if not ConfirmForm().validate_on_submit():
        abort(400)
    raw = {q.id: request.form.getlist(f"q-{q.id}") for q in questions}
    with refused_into(errors):
        _response, key = save_answers(current_user, found.id, raw, _key(found.id))
        _keep_key(found.id, key)


def _send(found, errors: list[str]) -> None:
    with refused_into(errors):
        send(current_user, found.id, _key(found.id))
        flash(_("Thank you! Your answers were sent."), "success")
        if found.anonymous:
            keep_saved()  # the release is a transaction of its own, so it shares nothing with the send
            pool.release(found.id)


@bp.get("/feedback/<int:round_id>")
def feedback_round(round_id):
    """The start of a round: what it is for, how long it takes, what anonymity means, how to answer."""
    found = rounds.round_for_learner(current_user, round_id)
    return render_template("learner/feedback/start.html", **_context(found))


@bp.route("/feedback/<int:round_id>/all", methods=["GET", "POST"])
def feedback_all(round_id):
    """Every question on one page."""
    found = rounds.round_for_learner(current_user, round_id)
    if request.method == "POST":
        errors = []
        _save(found, found.questions, errors)
        if not errors and request.form.get("action") == "send":
            keep_saved()  # the answers stay saved when they cannot be sent yet
            _send(found, errors)
        if not errors:
            if request.form.get("action") != "send":
                flash(_("Saved. You can continue later."), "success")
            return redirect(url_for("learner.feedback_round", round_id=found.id))
        return render_template("learner/feedback/all.html", **_context(found, errors=errors)), 400
    context = _context(found)
    if not context["can_answer"]:
        return redirect(url_for("learner.feedback_round", round_id=found.id))
    return render_template("learner/feedback/all.html", **context)


@bp.route("/feedback/<int:round_id>/questions/<int:question_id>", methods=["GET", "POST"])
def feedback_question(round_id, question_id):
    """One question per screen; each screen saves its answer before moving on."""
    found = rounds.round_for_learner(current_user, round_id)
    index = next((i for i, q in enumerate(found.questions) if q.id == question_id), None)
    if index is None:
        abort(404)
    question = found.questions[index]
    previous = found.questions[index - 1] if index > 0 else None
    following = found.questions[index + 1] if index + 1 < len(found.questions) else None
    if request.method == "POST":
        errors = []
        _save(found, [question], errors)
        if not errors:
            if request.form.get("action") == "back" and previous is not None:
                return redirect(url_for("learner.feedback_question", round_id=found.id, question_id=previous.id))
            if following is not None and request.form.get("action") != "check":
                return redirect(url_for("learner.feedback_question", round_id=found.id, question_id=following.id))
            return redirect(url_for("learner.feedback_check", round_id=found.id))
        return render_template("learner/feedback/question.html", question=question, previous=previous,
                               following=following, **_context(found, errors=errors)), 400
    context = _context(found)
    if not context["can_answer"]:
        return redirect(url_for("learner.feedback_round", round_id=found.id))
    return render_template("learner/feedback/question.html", question=question, previous=previous,
                           following=following, **context)


@bp.route("/feedback/<int:round_id>/check", methods=["GET", "POST"])
def feedback_check(round_id):
    """The answers together before sending, each with a link to change it."""
    found = rounds.round_for_learner(current_user, round_id)
    if request.method == "POST":
        if not ConfirmForm().validate_on_submit():
            abort(400)
        errors = []
        _send(found, errors)
        if not errors:
            return redirect(url_for("learner.feedback_round", round_id=found.id))
        return render_template("learner/feedback/check.html", **_context(found, errors=errors)), 400
    context = _context(found)
    if not context["can_answer"]:
        return redirect(url_for("learner.feedback_round", round_id=found.id))
    context["missing"] = missing_required(found, context["response"])
    return render_template("learner/feedback/check.html", **context)


@bp.get("/feedback/you-said-we-did")
def you_said_we_did():
    """What changed because of the rounds that asked this learner, newest first."""
    actions = actions_for(current_user)
    mark_all_seen(current_user, actions)
    return render_template("learner/feedback/actions.html", actions=actions)
