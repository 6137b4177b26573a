"""The learner's own pages: My path, modules, lessons and activities."""

from functools import partial

from flask import (
    abort,
    current_app,
    flash,
    g,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user

from app.core.accounts import service as accounts
from app.core.db import db
from app.web.common import notices
from app.web.common.content_text import shown_html, sources_of
from app.web.common.downloads import stored_upload
from app.web.common.edge import keep_saved, once_committed, refused_into
from app.web.common.forms import ConfirmForm
from app.web.learner import bp
from courses import activities, progress, review, uploads
from courses.feedback import actions as feedback_actions
from courses.feedback import rounds
from courses.models import Module, StepKind, SubmissionStatus
from courses.objectives import objective_names
from service import check_in, meetings


def _variant(step_or_module) -> str | None:
    """Which version to show: plain language when chosen and available, else the user's language."""
    variants = step_or_module.variants or {}
    if session.get("selko") and "selko" in variants:
        return "selko"
    language = str(get_locale())
    return language if language in variants else None


def _title(entry) -> str:
    """A step's title in the chosen version, from the course catalog's titles."""
    variant = _variant(entry)
    return ((entry.variants or {}).get(variant) or {}).get("title") or entry.title


@bp.context_processor
def _content_titles():
    """`title_of(step_or_module)`: its title in the page's language wherever a learner page lists it."""
    return {"title_of": _title}


def _module_title(module, shown_variant: str | None) -> str:
    """The module's title in the language of the page: plain Finnish pages name it in Finnish."""
    return module.title if shown_variant == "selko" else _title(module)


def _only_finnish(variant: str | None) -> bool:
    """The page is in Swedish or English but the content has no such version, so Finnish is shown."""
    return variant is None and str(get_locale()) != "fi"


def _texts(item, body_attr: str) -> dict:
    """Title and body of a step (`body_html`) or a module (`intro_html`), both from the same version."""
    variant = _variant(item)
    chosen = (item.variants or {}).get(variant, {}) if variant else {}
    html = chosen.get(body_attr) or getattr(item, body_attr)
    return {"title": chosen.get("title") or item.title,
            "html": shown_html(html, variant if variant in ("sv", "en") else "fi"),
            "variant": variant, "lang": variant if variant in ("sv", "en") else "fi",
            "only_finnish": _only_finnish(variant)}


def _course_texts(course) -> dict:
    """A course's title and summary on My path, from the page language's version when there is one."""
    variant = str(get_locale())
    chosen = (course.variants or {}).get(variant) or {}
    return {"title": chosen.get("title") or course.title, "summary": chosen.get("summary") or course.summary,
            "lang": variant if chosen else course.language,
            "only_finnish": _only_finnish(variant if chosen else None)}


@bp.get("/")
def my_path():
    feedback_news, feedback_rounds = feedback_actions.for_my_path(current_user)  # the news is told once
    courses = progress.course_progress(current_user.id)
    shown = notices.shown(current_user)
    if feedback_news and "notice_count" in g:
        g.notice_count += 1
    # The feedback news is told among the notifications here, not as a notice of its own.
    return render_template("learner/my_path.html", courses=courses, groups=accounts.own_groups(current_user.id),
                           course_texts={cp.course.id: _course_texts(cp.course) for cp in courses},
                           feedback_rounds=feedback_rounds, feedback_news=False, news_since=feedback_news,
                           notices=shown,
                           upcoming=meetings.upcoming_for_learner(current_user),
                           check_in=check_in.today_state(current_user))


@bp.get("/modules/<code>")
def module(code):
    module = db.session.scalar(db.select(Module).where(Module.code == code, Module.archived_at.is_(None)))
    if module is None:
        abort(404)
    mp = progress.module_progress(current_user.id, module.id)
    if mp is None:  # its course is archived
        abort(404)
    return render_template("learner/module.html", module=module, mp=mp, texts=_texts(module, "intro_html"),
                           step_titles={s.id: _title(s) for s in mp.steps},
                           feedback_rounds=rounds.rounds_for(current_user, module=module))


def _step_context(step):
    mp = progress.module_progress(current_user.id, step.module_id)
    index = next((i for i, s in enumerate(mp.steps) if s.id == step.id), None) if mp else None
    if index is None:  # its module or course is archived
        abort(404)
    texts = _texts(step, "body_html")
    return {
        "step": step, "mp": mp, "texts": texts,
        "previous": mp.steps[index - 1] if index > 0 else None,
        "next": mp.steps[index + 1] if index + 1 < len(mp.steps) else None,
        "position": index + 1,
        "has_selko": "selko" in (step.variants or {}), "selko": bool(session.get("selko")),
        "sources": sources_of(step.settings or {}),
        "module_title": _module_title(mp.module, texts["variant"]),
    }


@bp.get("/steps/<code>")
def step(code):
    return render_step(code)


def render_step(code, errors=None, status=200):
    """A step's page; after a refused form, with the errors and the status 400."""
    step = activities.get_step(code)
    context = _step_context(step)
    if status == 200:
        activities.open_step(current_user, step, context["mp"].states)
    quiz_results = None
    if step.kind == StepKind.QUIZ:
        context["questions"] = activities.questions_of(step, context["texts"]["variant"])
        attempt = activities.last_attempt(current_user, step)
        if attempt is not None and request.args.get("again") is None:
            quiz_results = activities.results_of(step, attempt, context["texts"]["variant"])
        context["results"] = quiz_results
        # Trying again starts from the learner's last answers, so they change only what was wrong.
        context["previous_choices"] = attempt.answers if attempt is not None else {}
    elif step.kind in (StepKind.WRITTEN_TASK, StepKind.FILE_TASK):
        context["submission"] = submission = activities.get_submission(current_user, step)
        if submission is not None and submission.status == SubmissionStatus.ACCEPTED:
            context["outcome"] = review.task_outcome(submission)
        context["accept"] = step.settings.get("accept") or list(uploads.ALL_TYPES)
    elif step.kind == StepKind.SELF_ASSESSMENT:
        codes = list(step.objectives or context["mp"].module.objectives)
        context["statements"] = objective_names(codes, str(get_locale()))
        context["levels"] = activities.self_assessments(current_user.id, codes)
    return render_template(f"learner/step_{step.kind}.html", errors=errors or [], **context), status


def _confirm():
    if not ConfirmForm().validate_on_submit():
        abort(400)


@bp.post("/steps/<code>/read")
def mark_read(code):
    _confirm()
    step = activities.get_step(code)
    activities.mark_read(current_user, step)
    return _onwards(step)


def _onwards(step):
    """On to the next step, or back to the module after its last one."""
    ctx = _step_context(step)
    if ctx["next"] is not None:
        return redirect(url_for("learner.step", code=ctx["next"].code))
    return redirect(url_for("learner.module", code=step.module.code))


@bp.post("/steps/<code>/quiz")
def answer_quiz(code):
    _confirm()
    step = activities.get_step(code)
    answers = {}
    for key in request.form:
        if key.startswith("q-"):
            try:
                answers[key[2:]] = [int(v) for v in request.form.getlist(key)]
            except ValueError:
                abort(400)
    variant = _texts(step, "body_html")["variant"]
    errors = []
    with refused_into(errors):
        activities.answer_quiz(current_user, step, answers, variant)
        return redirect(url_for("learner.step", code=code, _anchor="results"))
    return render_step(code, errors=errors, status=400)


@bp.post("/steps/<code>/answer")
def save_answer(code):
    _confirm()
    step = activities.get_step(code)
    text = request.form.get("text", "")
    sending = request.form.get("action") == "submit"
    file = request.files.get("file")
    storage_dir = current_app.config["STORAGE_DIR"]
    stored_name = None
    errors = []
    with refused_into(errors):
        if step.kind == StepKind.FILE_TASK and file is not None and file.filename:
            # The chosen file goes with the same press of the button: one step, one transaction.
            stored_name = activities.add_file(current_user, step, file.filename, file.read(), storage_dir).stored_name
        if sending:
            activities.submit(current_user, step, text)
        else:
            activities.save_draft(current_user, step, text)
        flash(_("Sent to your coach. You will see here when they have looked at it.") if sending
              else _("Saved. You can continue later, also on another device."), "success")
        return redirect(url_for("learner.step", code=code))
    if stored_name is not None:  # refused after the file was stored: its record was rolled back
        uploads.remove_stored(storage_dir, stored_name)
    if sending and step.kind == StepKind.WRITTEN_TASK:
        # Keep what was typed even when it cannot be sent yet.
        activities.save_draft(current_user, step, text)
        keep_saved()
    return render_step(code, errors=errors, status=400)


@bp.post("/steps/<code>/draft")
def keep_draft(code):
    """A written answer saved as the learner types (JavaScript): 204 when kept, 400 with the reason if not."""
    _confirm()
    step = activities.get_step(code)
    if step.kind != StepKind.WRITTEN_TASK:
        abort(404)
    _step_context(step)  # a step of an archived module or course is not found
    errors = []
    with refused_into(errors):
        activities.save_draft(current_user, step, request.form.get("text", ""), as_typed=True)
        return "", 204
    return {"error": " ".join(errors)}, 400


@bp.post("/steps/<code>/files")
def upload(code):
    _confirm()
    step = activities.get_step(code)
    file = request.files.get("file")
    if file is None or not file.filename:
        return render_step(code, errors=[_("Choose a file first.")], status=400)
    errors = []
    with refused_into(errors):
        activities.add_file(current_user, step, file.filename, file.read(),
                            current_app.config["STORAGE_DIR"])
        flash(_("The file is saved. Remember to send the task when you are ready."), "success")
        return redirect(url_for("learner.step", code=code))
    return render_step(code, errors=errors, status=400)


@bp.post("/files/<int:file_id>/remove")
def remove_file(file_id):
    _confirm()
    file = activities.own_file(current_user, file_id)
    code = file.submission.step.code
    errors = []
    with refused_into(errors):
        stored_name = activities.remove_file(current_user, file_id)
        once_committed(partial(uploads.remove_stored, current_app.config["STORAGE_DIR"], stored_name))
        flash(_("The file was removed."), "success")
        return redirect(url_for("learner.step", code=code))
    return render_step(code, errors=errors, status=400)


@bp.get("/files/<int:file_id>")
def download(file_id):
    file = activities.own_file(current_user, file_id)
    return stored_upload(file)


@bp.post("/steps/<code>/self-assessment")
def self_assessment(code):
    _confirm()
    step = activities.get_step(code)
    codes = list(step.objectives or step.module.objectives)
    levels = {c: request.form.get(f"level-{c}", "") for c in codes}
    errors = []
    with refused_into(errors):
        activities.self_assess(current_user, step, levels)
        flash(_("Thank you! Your self-assessment is saved. Your coach sees it beside their own view."),
              "success")
        return _onwards(step)
    return render_step(code, errors=errors, status=400)


@bp.post("/plain-language")
def plain_language():
    _confirm()
    session["selko"] = request.form.get("on") == "1"
    target = request.form.get("next", "")
    return redirect(target if target.startswith("/learn/") else url_for("learner.my_path"))

