"""Results: counts per option, response rates, the five-answer rule, themes, CSV and comparison."""

import pytest

from app.core.accounts.models import Role
from app.core.errors import Invalid, NotFound
from courses.feedback import rounds
from courses.feedback.compare import comparable_rounds, compare_rounds
from courses.feedback.export import export_answers
from courses.feedback.results import round_results, sent_responses, tag_answer, untag_answer
from tests.course_factory import make_course
from tests.feedback_factory import answer


@pytest.fixture
def crowd(world, make_user, make_group):
    """Seven learners in Ryhmä C and three in Ryhmä D."""
    big = [make_user(Role.LEARNER) for _ in range(7)]
    small = [make_user(Role.LEARNER) for _ in range(3)]
    return big, small, make_group("Ryhmä C", learners=big), make_group("Ryhmä D", learners=small)


def test_results_count_each_option_and_the_scale_average(world, make_round):
    """A named round shows counts, percentages, the average of the faces and the comments."""
    found = make_round(anonymous=False)
    answer(world.learner, found, {1: ["5"], 2: ["1"], 3: ["0", "2"], 4: ["Lisää kuvia"]})
    answer(world.learner2, found, {1: ["2"], 2: ["1"], 3: ["0"]})
    results = round_results(world.admin, found.id)
    scale, single, multiple, comments = results.questions
    assert [o.count for o in scale.options] == [0, 1, 0, 0, 1] and scale.average == 3.5
    assert [(o.label, o.count, o.percent) for o in single.options][1] == ("Right", 2, 100)
    assert [o.count for o in multiple.options] == [2, 0, 1]
    assert [a.text for a in comments.texts] == ["Lisää kuvia"]
    assert (results.answered, results.asked, results.rate) == (2, 3, 67)


def test_an_anonymous_round_shows_results_from_five_answers(crowd, world, make_round):
    """Four anonymous answers show nothing, not even their number; the fifth shows five at once."""
    big, _small, _c, _d = crowd
    found = make_round(groups=[_c])
    for learner in big[:4]:
        answer(learner, found)
    results = round_results(world.admin, found.id)
    assert results.answered == 0 and results.stepped and results.questions is None and results.themes == []
    with pytest.raises(Invalid):
        export_answers(world.admin, found.id)
    answer(big[4], found)
    results = round_results(world.admin, found.id)
    assert results.answered == 5 and results.questions[0].answered == 5


def test_open_anonymous_counts_move_in_steps_of_five(crowd, world, make_round):
    """While open, the answered numbers (in all and per group) and results change only by five or more."""
    big, small, group_c, group_d = crowd
    found = make_round(groups=[group_c, group_d])
    seen = []
    for learner in big + small:
        answer(learner, found)
        results = round_results(world.admin, found.id)
        per_group = {g.group.name: g.answered for g in results.groups}
        seen.append((results.answered, results.questions[0].answered if results.questions else 0,
                     per_group["Ryhmä C"], per_group["Ryhmä D"]))
    assert all(value % 5 == 0 for row in seen for value in row)
    assert [row[1] for row in seen] == [0, 0, 0, 0, 5, 5, 5, 5, 5, 10]
    rounds.close_round(world.admin, found.id)
    closed = round_results(world.admin, found.id)
    assert (closed.answered, closed.questions[0].answered, closed.stepped) == (10, 10, False)


def test_no_breakdown_for_a_group_with_fewer_than_five_answers(crowd, world, make_round, make_user):
    """Rates show for every group; answers per group only where five answers carry the group."""
    big, small, group_c, group_d = crowd
    found = make_round(groups=[group_c, group_d])
    for learner in big + small:
        answer(learner, found)
    rounds.close_round(world.admin, found.id)
    by_group = {g.group.name: g for g in round_results(world.admin, found.id).groups}
    assert (by_group["Ryhmä C"].asked, by_group["Ryhmä C"].answered) == (7, 7)
    assert (by_group["Ryhmä D"].asked, by_group["Ryhmä D"].answered, by_group["Ryhmä D"].rate) == (3, 3, 100)
    assert by_group["Ryhmä D"].questions is None
    assert by_group["Ryhmä C"].questions is None  # only answers 5-7 carry the group: three
    found = make_round(groups=[group_c, group_d])
    for learner in [*big, *[make_user(Role.LEARNER, groups=[group_c]) for _ in range(2)]]:
        answer(learner, found)
    rounds.close_round(world.admin, found.id)
    shown = {g.group.name: g for g in round_results(world.admin, found.id).groups}["Ryhmä C"]
    assert shown.questions is not None and shown.questions[0].answered == 5


def test_a_named_round_breaks_down_every_group(world, make_round):
    """In a named round even a small group's answers are shown by group."""
    found = make_round(anonymous=False)
    answer(world.stranger, found)
    by_group = {g.group.name: g for g in round_results(world.admin, found.id).groups}
    assert by_group["Ryhmä B"].questions[0].answered == 1


def test_staff_tag_comments_with_themes(world, make_round):
    """A comment gets a theme (new or existing, whatever the case) and loses it again."""
    found = make_round(anonymous=False)
    answer(world.learner, found)
    comment = next(a for a in sent_responses(found.id)[0].answers if a.text)
    tag_answer(world.admin, found.id, comment.id, "Ohjeet")
    tag_answer(world.admin, found.id, comment.id, " ohjeet ")
    results = round_results(world.admin, found.id)
    assert [(t.name, n) for t, n in results.themes] == [("Ohjeet", 1)]
    untag_answer(world.admin, found.id, comment.id, results.themes[0][0].id)
    assert comment.themes == []
    scale = next(a for a in sent_responses(found.id)[0].answers if a.number is not None)
    with pytest.raises(NotFound):
        tag_answer(world.admin, found.id, scale.id, "Ohjeet")


def test_csv_has_a_row_per_answer_set(world, make_round):
    """A named round's CSV names the learner and writes options as their text."""
    found = make_round(anonymous=False)
    answer(world.learner, found, {1: ["5"], 2: ["2"], 3: ["0", "1"], 4: ["Hyvä"]})
    export = export_answers(world.admin, found.id)
    assert export.fixed == ["Learner", "Groups"]
    assert export.questions[0] == "1. How well did the module work for you?"
    assert export.rows == [["Leena Oppija", "Ryhmä A", "5", "Too fast", "Pictures; Plain language", "Hyvä"]]


def test_anonymous_csv_has_no_names_and_no_small_groups(crowd, world, make_round):
    """An anonymous CSV has no learner column, random order, and no group under five answers."""
    big, _small, group_c, _d = crowd
    found = make_round(groups=[group_c])
    for learner in big:
        answer(learner, found)
    rounds.close_round(world.admin, found.id)
    export = export_answers(world.admin, found.id)
    assert export.fixed == ["Groups"] and len(export.rows) == 7
    assert {row[0] for row in export.rows} == {""}


def test_two_rounds_on_the_same_target_compare_question_by_question(world, make_round):
    """Before and after: the copy's answers stand beside the first round's, question by question."""
    before = make_round(anonymous=False)
    answer(world.learner, before, {1: ["2"]})
    after = rounds.copy_round(world.admin, before.id)
    rounds.open_round(world.admin, after.id)
    answer(world.learner, after, {1: ["5"]})
    assert [r.id for r in comparable_rounds(world.admin, before.id)] == [after.id]
    comparison = compare_rounds(world.admin, before.id, after.id)
    first = comparison.questions[0]
    assert first.comparable and (first.first.average, first.second.average) == (2.0, 5.0)


def test_rounds_on_different_targets_do_not_compare(world, make_round):
    """A round about another course, or a draft, cannot be compared."""
    before = make_round()
    other = make_round(target=make_course("X"))
    draft = make_round(opened=False)
    for second in (other, draft, before):
        with pytest.raises(Invalid):
            compare_rounds(world.admin, before.id, second.id)
    assert comparable_rounds(world.admin, before.id) == []
