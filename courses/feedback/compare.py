"""Before and after: two rounds on the same target side by side, question by question."""

from dataclasses import dataclass

from app.core.accounts.models import User
from app.core.errors import Invalid
from app.core.i18n import N_
from courses.feedback.models import FeedbackRound, RoundStatus
from courses.feedback.results import QuestionResult, sent_responses, tally, visible
from courses.feedback.rounds import get_round, list_rounds


@dataclass
class ComparedQuestion:
    position: int
    first: QuestionResult | None
    second: QuestionResult | None

    @property
    def comparable(self) -> bool:
        """Same kind of question with the same options: the counts mean the same thing."""
        if self.first is None or self.second is None:
            return False
        a, b = self.first.question, self.second.question
        return a.kind == b.kind and list(a.choices) == list(b.choices)


@dataclass
class Comparison:
    first: FeedbackRound
    second: FeedbackRound
    first_answered: int
    second_answered: int
    shown: bool  # False when an anonymous round has too few answers to show
    questions: list[ComparedQuestion]


def comparable_rounds(actor: User, round_id: int) -> list[FeedbackRound]:
    """The other opened rounds about exactly the same course or modules, newest first."""
    found = get_round(actor, round_id)
    return [r for r in list_rounds(actor)
            if r.id != found.id and r.status != RoundStatus.DRAFT and r.target_key == found.target_key]


def compare_rounds(actor: User, first_id: int, second_id: int) -> Comparison:
    first, second = get_round(actor, first_id), get_round(actor, second_id)
    if first.id == second.id or RoundStatus.DRAFT in (first.status, second.status):
        raise Invalid(N_("Choose two different rounds that have been opened."))
    if first.target_key != second.target_key:
        raise Invalid(N_("Only rounds about the same course or modules can be compared."))
    first_responses, second_responses = sent_responses(first.id), sent_responses(second.id)
    shown = visible(first, len(first_responses)) and visible(second, len(second_responses))
    first_results = tally(first.questions, first_responses) if shown else []
    second_results = tally(second.questions, second_responses) if shown else []
    positions = range(1, max(len(first.questions), len(second.questions)) + 1) if shown else []
    pairs = [ComparedQuestion(p, _at(first_results, p), _at(second_results, p)) for p in positions]
    return Comparison(first, second, len(first_responses), len(second_responses), shown, pairs)


def _at(results: list[QuestionResult], position: int) -> QuestionResult | None:
    return next((r for r in results if r.question.position == position), None)
