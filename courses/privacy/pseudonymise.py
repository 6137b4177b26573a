"""Closed accounts lose their personal data once the retention time has passed.

What goes: the name, username, e-mail, title, date of birth, password and sign-in cards, every free
text written by or about the person in their records (task answers and the coach's feedback,
recognition requests and their replies, assessment notes, named feedback answers) and their uploaded
files. What stays, under the pseudonym: the structured record (what was done and assessed, by whom
and when, points), because the competence ledger, group statistics and certificates rest on it; the
audit log, which is never changed; and the issued certificates and badges unchanged, because a
certificate is the person's own document that employers verify: what was signed must stay as signed.
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import delete, select, update

from app.core import audit
from app.core.accounts.models import SignInCode, User
from app.core.db import db
from competence.models import Decision, EvidenceFile, RecognitionRequest
from courses.feedback.models import FeedbackAnswer, FeedbackResponse
from courses.models import Submission, SubmissionFile


@dataclass
class Pseudonymised:
    accounts: list[int] = field(default_factory=list)
    stored_files: list[str] = field(default_factory=list)  # remove these once committed


def pseudonym(user_id: int) -> str:
    return f"#{user_id}"


def due(now: datetime, retention_days: int) -> list[User]:
    """Closed accounts whose retention time has passed and that still hold personal data."""
    limit = now - timedelta(days=retention_days)
    return list(db.session.scalars(select(User).where(
        User.active.is_(False), User.closed_at.is_not(None), User.closed_at <= limit,
        User.pseudonymised_at.is_(None)).order_by(User.id)))


def pseudonymise_due(now: datetime, retention_days: int) -> Pseudonymised:
    """Pseudonymise every account that is due; the caller commits, then removes the stored files."""
    done = Pseudonymised()
    for user in due(now, retention_days):
        done.stored_files += pseudonymise(user, now)
        done.accounts.append(user.id)
    return done


def pseudonymise(user: User, now: datetime) -> list[str]:
    """Replace the person's personal data; returns the stored names of their files to remove."""
    user.display_name, user.username = pseudonym(user.id), f"pseudonym-{user.id}"
    user.email = user.title = user.date_of_birth = user.password_hash = user.last_sign_in_at = None
    user.must_set_password, user.pseudonymised_at = False, now
    user.session_version += 1
    db.session.execute(delete(SignInCode).where(SignInCode.user_id == user.id))
    submissions = select(Submission.id).where(Submission.learner_id == user.id)
    requests = select(RecognitionRequest.id).where(RecognitionRequest.learner_id == user.id)
    task_files = list(db.session.scalars(select(SubmissionFile).where(SubmissionFile.submission_id.in_(submissions))))
    evidence = list(db.session.scalars(select(EvidenceFile).where(EvidenceFile.request_id.in_(requests))))
    for file in [*task_files, *evidence]:
        db.session.delete(file)
    db.session.execute(update(Submission).where(Submission.learner_id == user.id)
                       .values(text="", coach_message=""), execution_options={"synchronize_session": False})
    db.session.execute(update(RecognitionRequest).where(RecognitionRequest.learner_id == user.id)
                       .values(description="", coach_message=""), execution_options={"synchronize_session": False})
    db.session.execute(update(Decision).where(Decision.learner_id == user.id).values(note=""),
                       execution_options={"synchronize_session": False})
    named = select(FeedbackResponse.id).where(FeedbackResponse.learner_id == user.id)
    db.session.execute(update(FeedbackAnswer).where(FeedbackAnswer.response_id.in_(named),
                                                    FeedbackAnswer.text.is_not(None)).values(text=""),
                       execution_options={"synchronize_session": False})
    db.session.flush()
    audit.record(None, "privacy.pseudonymise", user)
    return [file.stored_name for file in [*task_files, *evidence]]
