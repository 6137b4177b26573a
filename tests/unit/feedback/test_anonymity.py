"""Anonymous answers: nothing in the database joins them to a learner, whatever table, column,
transaction id (PostgreSQL xmin), physical position (ctid, SQLite scan order) or time one tries."""

import pytest
from sqlalchemy import JSON, Date, DateTime, Integer, func, select, text
from sqlalchemy.exc import OperationalError

from app.core.accounts.models import Role, User
from app.core.db import db
from courses.activities import mark_read
from courses.feedback import results, rounds
from courses.feedback.actions import add_action
from courses.feedback.models import (
    MIN_ANSWERS,
    FeedbackAnswer,
    FeedbackParticipation,
    FeedbackPending,
    FeedbackResponse,
)
from tests.course_factory import step
from tests.feedback_factory import answer

# The tables that hold an anonymous round's answers (and staff's themes on them).
ANSWER_TABLES = ("feedback_response", "feedback_answer", "feedback_answer_theme")


def _references(column) -> set[str]:
    """What a column points at: its foreign keys, or the ids a JSON list names (`info["references"]`)."""
    targets = {fk.target_fullname for fk in column.foreign_keys}
    if column.info.get("references"):
        targets.add(column.info["references"])
    return targets


def _learner_rows():
    """(table, row, learners the row names) for every row of every table that names a learner."""
    for table in db.metadata.sorted_tables:
        if table.name in ANSWER_TABLES:
            continue
        person_columns = [c for c in table.columns if "user.id" in _references(c)]
        if table.name == "user":
            person_columns = [table.c.id]
        if not person_columns:
            continue
        for row in db.session.execute(select(table)).mappings():
            people = {row[c.name] for c in person_columns} - {None}
            yield table, row, people


def _answer_rows(round_id):
    """(table, row, response id) for every row of the answer tables that belongs to the round."""
    responses = {r.id for r in db.session.scalars(select(FeedbackResponse).where(
        FeedbackResponse.round_id == round_id))}
    answers = {a.id: a.response_id for a in db.session.scalars(select(FeedbackAnswer).where(
        FeedbackAnswer.response_id.in_(responses)))}
    for table_name in ANSWER_TABLES:
        table = db.metadata.tables[table_name]
        for row in db.session.execute(select(table)).mappings():
            response = (row["id"] if table_name == "feedback_response" else
                        row["response_id"] if table_name == "feedback_answer" else answers.get(row["answer_id"]))
            if response in responses:
                yield table, row, response


def candidates(round_id) -> dict[str, set[int]]:
    """For each answer set of the round, the learners it could be from after every join one can try.

    A key or reference column (ids, foreign keys, the key hash, the group ids) is joined to every
    column that points at the same thing; a column holding a unique value (a random id, a hash) is
    also looked for inside every column of every table (JSON and text included). Each join that
    reaches learners narrows the candidates to them. The answer's own content (a scale value, a
    chosen option, a text) is not an identifier and is not joined.
    """
    participants = set(db.session.scalars(select(FeedbackParticipation.learner_id).where(
        FeedbackParticipation.round_id == round_id)))
    learners = set(db.session.scalars(select(User.id).where(User.role == Role.LEARNER)))
    learner_rows = list(_learner_rows())
    found: dict[str, set[int]] = {}
    for table, row, response in _answer_rows(round_id):
        possible = found.setdefault(response, set(participants))
        for column in table.columns:
            value = row[column.name]
            if value is None:
                continue
            values = value if isinstance(value, list) else [value]
            targets = _references(column)
            if "user.id" in targets:
                possible &= set(values)
            unique = (column.primary_key or column.unique) and not column.foreign_keys
            for other_table in {t for t, _row, _people in learner_rows}:
                for other in other_table.columns:
                    same_thing = targets & (_references(other) | {f"{other_table.name}.{other.name}"})
                    if not same_thing and not unique:
                        continue
                    reached = set().union(*(
                        people for t, other_row, people in learner_rows if t is other_table and (
                            other_row[other.name] in values if same_thing
                            else str(value) in str(other_row[other.name]))))
                    if reached & learners:
                        possible &= reached
    return found


@pytest.fixture
def busy_round(world, make_user, make_group, make_round, course):
    """An anonymous round for all learners: six answer from one group, one from a group of their own,
    with progress, themes on the comments and a published action around them."""
    members = [make_user(Role.LEARNER) for _ in range(6)]
    group = make_group("Iso ryhmä", learners=members)
    loner = make_user(Role.LEARNER)
    make_group("Pieni ryhmä", learners=[loner])
    found = make_round()
    participants = [*reversed(members[3:]), loner, *members[:3]]
    for number, learner in enumerate(participants):
        mark_read(learner, step("K-M1-L1"))
        answer(learner, found, {1: [str(1 + number % 5)], 4: [f"Kommentti {number}"]})
    rounds.close_round(world.admin, found.id)
    db.session.commit()
    for comment in results.sent_responses(found.id)[0].answers:
        if comment.text:
            results.tag_answer(world.admin, found.id, comment.id, "Ohjeet")
    add_action(world.admin, found.id, you_said="Ohjeet ovat epäselviä", we_did="Selkeytimme ohjeet")
    db.session.commit()
    return found, participants, group


def test_no_column_of_any_table_joins_an_anonymous_answer_to_a_learner(busy_round):
    """After every join one can try, each anonymous answer set could still be from five learners or more."""
    found, participants, _group = busy_round
    possible = candidates(found.id)
    assert len(possible) == len(participants)
    for response, learners in possible.items():
        assert len(learners) >= MIN_ANSWERS, f"answer set {response} could only be from {learners}"


def test_the_join_attempt_does_find_a_named_answer(world, make_round):
    """The same search ties a named round's answers to their learner: the test can see a link."""
    found = make_round(anonymous=False)
    response, _key = answer(world.learner, found)
    answer(world.stranger, found)
    assert candidates(found.id)[response.id] == {world.learner.id}


def test_the_join_attempt_sees_a_group_of_one(world, make_round):
    """Were the group of one on an anonymous answer, the search would tie the answer to its learner."""
    found = make_round()
    answer(world.stranger, found)
    answer(world.learner, found)
    rounds.close_round(world.admin, found.id)
    response = results.sent_responses(found.id)[0]
    response.group_ids = [world.other_group.id]
    db.session.commit()
    assert candidates(found.id)[response.id] == {world.stranger.id}


def test_groups_are_recorded_only_where_five_alike_have_answered(busy_round):
    """The group of one is never on an answer; the big group is, from its fifth answer on."""
    found, _participants, group = busy_round
    tagged = sorted(tuple(r.group_ids) for r in results.sent_responses(found.id))
    assert tagged == [(), (), (), (), (), (group.id,), (group.id,)]


def test_answer_tables_keep_no_time_no_order_and_no_learner(busy_round):
    """No timestamp, no counting id and no SQLite rowid in the answer tables or the participation marker."""
    found, _participants, _group = busy_round
    for name in (*ANSWER_TABLES, "feedback_participation"):
        table = db.metadata.tables[name]
        assert not [c.name for c in table.columns if isinstance(c.type, (DateTime, Date))], name
        if name != "feedback_participation":
            assert not [c for c in table.primary_key.columns if isinstance(c.type, Integer) and not c.foreign_keys]
        if db.engine.dialect.name == "sqlite":
            with pytest.raises(OperationalError):
                db.session.execute(text(f"SELECT rowid FROM {name}"))  # noqa: S608 - names from the metadata
            db.session.rollback()
    assert db.session.scalar(select(FeedbackResponse.learner_id).where(
        FeedbackResponse.round_id == found.id, FeedbackResponse.learner_id.is_not(None))) is None
    assert all(not isinstance(c.type, JSON) or c.info.get("references") or c.name == "numbers"
               for name in ANSWER_TABLES for c in db.metadata.tables[name].columns)


# --- the database's own bookkeeping: transaction ids, physical order, time ---------------------


def _postgres() -> bool:
    return db.engine.dialect.name == "postgresql"


def _physical(table: str, column: str, round_id: int) -> list:
    """The column's values in the order the rows lie in the table: by ctid, or SQLite's plain scan."""
    order = " ORDER BY ctid" if _postgres() else ""
    return list(db.session.scalars(text(
        f"SELECT {column} FROM {table} WHERE round_id = :round{order}"), {"round": round_id}))  # noqa: S608


def _number(response_id: str) -> int:
    """Which participant (in the order of answering) wrote the answer set: its comment says it."""
    comment = db.session.scalar(select(FeedbackAnswer.text).where(
        FeedbackAnswer.response_id == response_id, FeedbackAnswer.text.is_not(None)))
    return int(comment.rsplit(" ", 1)[1])


def test_every_answer_row_of_a_round_has_one_transaction_that_wrote_no_participation(busy_round):
    """PostgreSQL: joining on xmin ties no answer to a learner; all the round's answer rows share one xmin."""
    if not _postgres():
        pytest.skip("xmin is PostgreSQL's")
    found, _participants, _group = busy_round
    of_round = {"feedback_response": "round_id = :round",
                "feedback_answer": "response_id IN (SELECT id FROM feedback_response WHERE round_id = :round)"}
    assert db.session.scalar(select(func.count()).select_from(FeedbackParticipation)) == 7
    for table, condition in of_round.items():
        xmins = set(db.session.scalars(text(f"SELECT xmin::text FROM {table} WHERE {condition}"),  # noqa: S608
                                       {"round": found.id}))
        assert len(xmins) == 1, table
        joined = db.session.scalar(text(
            f"SELECT count(*) FROM {table} a JOIN feedback_participation p ON p.xmin = a.xmin"))  # noqa: S608
        assert joined == 0, table


def test_physical_order_of_answers_is_not_the_order_of_answering(world, make_user, make_round):
    """Pairing answers and participation markers by their places in the tables (ctid, scan order) fails."""
    found = make_round()
    participants = [make_user(Role.LEARNER) for _ in range(10)]
    for number, learner in enumerate(participants):
        answer(learner, found, {1: ["3"], 4: [f"Kommentti {number}"]})
    rounds.close_round(world.admin, found.id)
    db.session.commit()
    answered_in_order = [_number(r) for r in _physical("feedback_response", "id", found.id)]
    assert sorted(answered_in_order) == list(range(10))
    # A random order matches the answering order (or its reverse) once in 1.8 million rounds.
    assert answered_in_order not in (list(range(10)), list(range(9, -1, -1)))
    by_learner = {learner.id: number for number, learner in enumerate(participants)}
    markers = [by_learner[i] for i in _physical("feedback_participation", "learner_id", found.id)]
    assert sum(a == m for a, m in zip(answered_in_order, markers, strict=True)) < 10
    if not _postgres():
        ids = _physical("feedback_response", "id", found.id)
        assert ids == sorted(ids)  # a SQLite table without rowid lies in the order of its random keys


def test_answers_appear_only_five_or_more_at_a_time(world, make_user, make_round):
    """Timing: a sent answer shows nowhere until five wait; they appear together, and the rest at the close."""
    found = make_round()
    learners = [make_user(Role.LEARNER) for _ in range(7)]
    released = []
    for number, learner in enumerate(learners):
        answer(learner, found, {1: ["3"], 4: [f"Kommentti {number}"]})
        released.append(db.session.scalar(select(func.count()).select_from(FeedbackResponse).where(
            FeedbackResponse.round_id == found.id)))
    assert released == [0, 0, 0, 0, 5, 5, 5]
    assert results.round_results(world.admin, found.id).answered == 5
    rounds.close_round(world.admin, found.id)
    db.session.commit()
    assert len(results.sent_responses(found.id)) == 7
    assert db.session.scalar(select(func.count()).select_from(FeedbackPending)) == 0


def test_the_pool_holds_nothing_readable(world, make_user, make_round):
    """A waiting answer's row holds neither its text nor its choices, no key once sent, and its length
    is the same whether the learner wrote a word or the longest answer allowed."""
    found = make_round()
    answer(world.learner, found, {1: ["5"], 4: ["Salainen kommentti"]})
    answer(world.learner2, found, {1: ["1"], 2: ["0"], 3: ["0", "1", "2"], 4: ["ä\n" * 1000]})
    rows = db.session.scalars(select(FeedbackPending)).all()
    assert all(row.sent and row.key_hash is None for row in rows)
    assert not any(b"Salainen" in row.sealed for row in rows)
    assert len({len(row.sealed) for row in rows}) == 1 and len(rows[0].sealed) % 4096 == 28  # nonce and tag
    assert FeedbackResponse.query.count() == 0
