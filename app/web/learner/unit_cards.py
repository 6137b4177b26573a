"""My skills' unit cards as plain values, so that a card's HTML can be kept by what it shows.

A card holds everything its macro (templates/learner/_unit_card.html) shows and nothing else, with the
names already in the page's language. Two pages that show the same card then share one rendering, and
a change to anything a card shows makes a new key: there is nothing to invalidate. Rendering the
objectives of every unit was about a sixth of My skills (issue 7's profiles); many learners' cards
are alike (a unit not yet started looks the same for all of them).
"""

from typing import NamedTuple

from app.web.common.i18n import localized
from courses.skills import ObjectiveState, UnitRecord

# The states in which the page shows the coach's note beside the objective.
_NOTE_SHOWN = (ObjectiveState.MORE_NEEDED, ObjectiveState.NOT_ACCEPTED)


class ObjectiveLine(NamedTuple):
    name: str
    state: str
    grade: str | None
    self_level: str | None
    coach_note: str  # "" unless the coach asks for more or has not recognised it


class NextStep(NamedTuple):
    objective_code: str
    objective_name: str
    module_code: str | None  # where to practise it, if some module trains it
    module_title: str | None


class UnitCard(NamedTuple):
    id: int
    code: str
    name: str
    osp: int
    points: int
    grade: str | None
    percent: int
    recognised: int
    objectives: tuple[ObjectiveLine, ...]
    next: NextStep | None


def unit_card(record: UnitRecord) -> UnitCard:
    unit, upcoming = record.unit, record.next
    lines = tuple(
        ObjectiveLine(localized(o.objective.name), str(o.state), o.grade, o.self_level,
                      (o.latest.note or "") if o.latest is not None and o.state in _NOTE_SHOWN else "")
        for o in record.objectives)
    following = None
    if upcoming is not None:
        module = upcoming.module
        following = NextStep(upcoming.objective.code, localized(upcoming.objective.name),
                             module.code if module else None, module.title if module else None)
    return UnitCard(unit.id, unit.code, localized(unit.name), unit.osp, record.points, record.grade,
                    record.percent, record.recognised, lines, following)
