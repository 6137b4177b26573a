"""The figures' counts, each one aggregate query grouped by month and group, whatever the data's size.

Every query takes `groups` (a select of the group ids to count, or None for every group), `learners` (a
condition on a learner id column, for the service-kind filter) and the half-open range [start, end) of days.
"""

from collections.abc import Callable
from datetime import date

from sqlalchemy import Select, and_, case, func, or_, select, true, union_all
from sqlalchemy.orm import aliased

from app.core.accounts.models import group_members
from app.core.db import db
from competence.certificate_models import Certificate
from competence.models import Decision, Outcome, PointsEntry
from courses.feedback.models import FeedbackParticipation, FeedbackRound, RoundStatus, round_groups
from courses.models import ProgressEvent, Step
from service.attendance_models import Mode, ParticipationDay
from service.models import Meeting, MeetingState
from service.months import month_of, utc_start

Counts = dict[tuple[str, int], dict[str, int]]
Groups = Select | None
LearnerCondition = Callable[[object], object]
# The events that make a step done for good; a module is completed when every live step has one.
DONE_EVENTS = ("read", "quiz_passed", "self_assessed", "accepted")


def _member():
    return group_members.c


def _in(column, groups: Groups):
    """The column's group is one of `groups`; None means every group (an admin's whole view), which
    needs no condition and leaves the database free to read the big tables in their own order.
    """
    return true() if groups is None else column.in_(groups)


def _collect(counts: Counts, query: Select, names: tuple[str, ...]) -> None:
    for row in db.session.execute(query):
        cell = counts.setdefault((row[0], row[1]), {})
        for name, value in zip(names, row[2:], strict=True):
            cell[name] = cell.get(name, 0) + int(value or 0)


def participation(counts: Counts, groups: Groups, learners: LearnerCondition, start: date, end: date) -> None:
    """Active learners (a day at the workshop or remote) and confirmed days by mode: summed per learner and
    month first, so each learner's month meets the groups once instead of each day.
    """
    m, day = _member(), ParticipationDay

    def days(mode):
        return func.sum(case((day.mode == mode, 1), else_=0))

    month = month_of(day.day)
    per_learner = (select(day.learner_id, month.label("month"), days(Mode.ON_SITE).label("on_site"),
                          days(Mode.REMOTE).label("remote"), days(Mode.ABSENT).label("absent"))
                   .where(day.day >= start, day.day < end, day.confirmed.is_(True), learners(day.learner_id),
                          true() if groups is None else day.learner_id.in_(
                              select(m.user_id).where(m.group_id.in_(groups))))
                   .group_by(day.learner_id, month).subquery())
    took_part = per_learner.c.on_site + per_learner.c.remote
    query = (select(per_learner.c.month, m.group_id, func.sum(case((took_part > 0, 1), else_=0)),
                    func.sum(per_learner.c.on_site), func.sum(per_learner.c.remote), func.sum(per_learner.c.absent))
             .select_from(per_learner).join(group_members, m.user_id == per_learner.c.learner_id)
             .where(_in(m.group_id, groups))
             .group_by(per_learner.c.month, m.group_id))
    _collect(counts, query, ("active", "on_site", "remote", "absent"))


def meetings(counts: Counts, groups: Groups, learners: LearnerCondition, start: date, end: date) -> None:
    """Meetings held, by the mode they really had: a group's meeting for its group, a learner's for each
    group of the learner.
    """
    m = _member()
    held = and_(Meeting.state == MeetingState.HELD, Meeting.starts_at >= utc_start(start),
                Meeting.starts_at < utc_start(end))
    of_groups = (select(month_of(Meeting.starts_at).label("month"), Meeting.group_id.label("group_id"),
                        Meeting.held_mode.label("mode"))
                 .where(held, Meeting.group_id.is_not(None), _in(Meeting.group_id, groups)))
    of_learners = (select(month_of(Meeting.starts_at), m.group_id, Meeting.held_mode)
                   .join(group_members, m.user_id == Meeting.learner_id)
                   .where(held, _in(m.group_id, groups), learners(Meeting.learner_id)))
    both = union_all(of_groups, of_learners).subquery()
    modes = ("on_site", "phone", "video", "chat")
    query = (select(both.c.month, both.c.group_id,
                    *(func.sum(case((both.c.mode == mode, 1), else_=0)) for mode in modes))
             .group_by(both.c.month, both.c.group_id))
    _collect(counts, query, tuple(f"meetings_{mode}" for mode in modes))


def modules_completed(counts: Counts, groups: Groups, learners: LearnerCondition, start: date, end: date) -> None:
    """Modules whose every live step the learner has done, in the month the last of them was done."""
    m = _member()
    members = select(m.user_id).where(_in(m.group_id, groups))
    firsts = (select(ProgressEvent.learner_id, Step.module_id, func.min(ProgressEvent.at).label("at"))
              .join(Step, Step.id == ProgressEvent.step_id)
              .where(ProgressEvent.kind.in_(DONE_EVENTS), Step.archived_at.is_(None), ProgressEvent.at < utc_start(end),
                     ProgressEvent.learner_id.in_(members), learners(ProgressEvent.learner_id))
              .group_by(ProgressEvent.learner_id, Step.module_id, ProgressEvent.step_id).subquery())
    done = (select(firsts.c.learner_id, firsts.c.module_id, func.max(firsts.c.at).label("at"),
                   func.count().label("steps"))
            .group_by(firsts.c.learner_id, firsts.c.module_id).subquery())
    sizes = (select(Step.module_id, func.count().label("steps")).where(Step.archived_at.is_(None))
             .group_by(Step.module_id).subquery())
    month = month_of(done.c.at)
    query = (select(month, m.group_id, func.count())
             .select_from(done).join(sizes, and_(sizes.c.module_id == done.c.module_id, sizes.c.steps == done.c.steps))
             .join(group_members, m.user_id == done.c.learner_id)
             .where(done.c.at >= utc_start(start), done.c.at < utc_start(end), _in(m.group_id, groups))
             .group_by(month, m.group_id))
    _collect(counts, query, ("modules",))


def objectives_recognised(counts: Counts, groups: Groups, learners: LearnerCondition, start: date, end: date) -> None:
    """Accepted decisions that recognise an objective anew (not a regrading of an accepted one)."""
    m, earlier = _member(), aliased(Decision)
    month = month_of(Decision.decided_at)
    query = (select(month, m.group_id, func.count())
             .select_from(Decision).join(group_members, m.user_id == Decision.learner_id)
             .outerjoin(earlier, earlier.id == Decision.supersedes_id)
             .where(Decision.outcome == Outcome.ACCEPTED,
                    or_(earlier.id.is_(None), earlier.outcome != Outcome.ACCEPTED),
                    Decision.decided_at >= utc_start(start), Decision.decided_at < utc_start(end),
                    _in(m.group_id, groups), learners(Decision.learner_id))
             .group_by(month, m.group_id))
    _collect(counts, query, ("objectives",))


def points(counts: Counts, groups: Groups, learners: LearnerCondition, start: date, end: date) -> None:
    """The osp that the units recognised in full correspond to, net of reversals."""
    m = _member()
    month = month_of(PointsEntry.created_at)
    query = (select(month, m.group_id, func.sum(PointsEntry.points))
             .select_from(PointsEntry).join(group_members, m.user_id == PointsEntry.learner_id)
             .where(PointsEntry.created_at >= utc_start(start), PointsEntry.created_at < utc_start(end),
                    _in(m.group_id, groups), learners(PointsEntry.learner_id))
             .group_by(month, m.group_id))
    _collect(counts, query, ("osp",))


def certificates(counts: Counts, groups: Groups, learners: LearnerCondition, start: date, end: date) -> None:
    m = _member()
    month = month_of(Certificate.issued_at)
    query = (select(month, m.group_id, func.count())
             .select_from(Certificate).join(group_members, m.user_id == Certificate.learner_id)
             .where(Certificate.issued_at >= utc_start(start), Certificate.issued_at < utc_start(end),
                    _in(m.group_id, groups), learners(Certificate.learner_id))
             .group_by(month, m.group_id))
    _collect(counts, query, ("certificates",))


def feedback(counts: Counts, groups: Groups, learners: LearnerCondition, start: date, end: date) -> None:
    """Learners asked and learners who answered, for the rounds that close in the month."""
    m = _member()
    month = month_of(FeedbackRound.closes_on)
    audience = or_(FeedbackRound.all_learners.is_(True), m.group_id.in_(
        select(round_groups.c.group_id).where(round_groups.c.round_id == FeedbackRound.id)))
    query = (select(month, m.group_id, func.count(), func.count(FeedbackParticipation.learner_id))
             .select_from(FeedbackRound).join(group_members, and_(audience, true()))
             .outerjoin(FeedbackParticipation, and_(FeedbackParticipation.round_id == FeedbackRound.id,
                                                    FeedbackParticipation.learner_id == m.user_id))
             .where(FeedbackRound.status != RoundStatus.DRAFT, FeedbackRound.closes_on >= start,
                    FeedbackRound.closes_on < end, _in(m.group_id, groups), learners(m.user_id))
             .group_by(month, m.group_id))
    _collect(counts, query, ("feedback_asked", "feedback_answered"))


# The date or time of every row the figures count: a rebuild covers the months from the first to the last.
DATED_COLUMNS = (ParticipationDay.day, Meeting.starts_at, ProgressEvent.at, Decision.decided_at, PointsEntry.created_at,
                 Certificate.issued_at, FeedbackRound.closes_on)
ALL = (participation, meetings, modules_completed, objectives_recognised, points, certificates, feedback)
