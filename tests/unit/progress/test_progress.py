"""Progress comes from events: states, percentages and the exact next step."""

from courses import activities, progress
from courses.progress import State
from tests.course_factory import make_course, step


def test_new_learner_starts_at_the_first_step(world):
    """Before anything is done, the next step is the first lesson and nothing is started."""
    make_course()
    [cp] = progress.course_progress(world.learner.id)
    assert cp.next_step.code == "K-M1-L1" and not cp.started and cp.percent == 0


def test_continue_goes_to_the_exact_next_step(world):
    """After reading the first lesson and opening the second, Continue leads to the second."""
    make_course()
    activities.mark_read(world.learner, step("K-M1-L1"))
    activities.open_step(world.learner, step("K-M1-L2"))
    [cp] = progress.course_progress(world.learner.id)
    assert cp.next_step.code == "K-M1-L2"
    assert cp.modules[0].state_of(step("K-M1-L2")) == State.IN_PROGRESS
    assert cp.done == 1 and cp.total == 6 and cp.percent == 17


def test_opening_a_done_step_again_keeps_it_done(world):
    """Re-reading a lesson does not undo it."""
    make_course()
    activities.mark_read(world.learner, step("K-M1-L1"))
    activities.record(world.learner, step("K-M1-L1"), "opened")
    assert progress.step_states(world.learner.id)[step("K-M1-L1").id] == State.DONE


def test_task_states_follow_the_latest_review(world):
    """A task is waiting when sent, returned when the coach asks for more, done when accepted."""
    make_course()
    task = step("K-M1-TASK")
    activities.submit(world.learner, task, "Tämä on riittävän pitkä vastaus.")
    assert progress.step_states(world.learner.id)[task.id] == State.WAITING
    activities.record(world.learner, task, "returned")
    assert progress.step_states(world.learner.id)[task.id] == State.RETURNED
    activities.record(world.learner, task, "draft_saved")
    assert progress.step_states(world.learner.id)[task.id] == State.RETURNED
    activities.record(world.learner, task, "accepted")
    assert progress.step_states(world.learner.id)[task.id] == State.DONE


def test_waiting_steps_are_skipped_by_continue(world):
    """A task waiting for the coach is not the next thing to do."""
    make_course()
    for code in ("K-M1-L1", "K-M1-L2"):
        activities.mark_read(world.learner, step(code))
    activities.answer_quiz(world.learner, step("K-M1-QUIZ"), {"q1": [0], "q2": [0, 1]})
    activities.submit(world.learner, step("K-M1-TASK"), "Tämä on riittävän pitkä vastaus.")
    [cp] = progress.course_progress(world.learner.id)
    assert cp.next_step.code == "K-M1-FILE"


def test_progress_is_per_learner(world):
    """One learner's events never show in another's progress."""
    make_course()
    activities.mark_read(world.learner, step("K-M1-L1"))
    [cp] = progress.course_progress(world.learner2.id)
    assert cp.done == 0
