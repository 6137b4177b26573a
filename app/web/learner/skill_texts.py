"""The texts of My skills' unit cards, translated once per page and handed to the template: the page
shows a badge, a grade and a few links for every objective and unit, and a label macro or `_()` in
the template would look each one up in the catalogue again.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import ClassVar

from flask_babel import get_translations
from markupsafe import Markup

from app.web.common.icons import icon
from competence.grades import APPROVED

STATE_ICONS = {state: icon(state) for state in ("not_started", "practising", "waiting", "more_needed",
                                              "not_accepted", "recognised")}


@dataclass(frozen=True, slots=True)
class SkillTexts:
    """Translated texts; the formats (`recognised_of`, `osp_earned`) escape the values put into them."""

    state: Mapping[str, Markup]  # an objective's state
    own_view: Mapping[str, Markup]  # the learner's self-assessment
    passed: Markup
    grade_format: Markup
    your_own_view: Markup
    your_coach: Markup
    recognised_of: Markup
    osp_earned: Markup
    next: Markup
    practise: Markup
    already_know: Markup
    whole_unit: Markup
    all_recognised: Markup
    all_with_coach: Markup
    national: Markup
    grade_pending: Markup
    icon: ClassVar[Mapping[str, Markup]] = STATE_ICONS  # the same in every language

    def grade(self, value: str) -> Markup:
        return self.passed if value == APPROVED else self.grade_format % {"grade": value}


def skill_texts() -> SkillTexts:
    """The texts in the page's language."""
    translations = get_translations()

    def _(text: str) -> Markup:
        # Markup like Jinja's `_()`: the catalogue is ours, and a format escapes the values put into it.
        return Markup(translations.gettext(text))  # noqa: S704 - our own catalogue

    return SkillTexts(
        state={"not_started": _("Not started"), "practising": _("Practising"),
               "waiting": _("Waiting for the coach"), "more_needed": _("The coach asks for more"),
               "not_accepted": _("Not recognised yet"), "recognised": _("Recognised")},
        own_view={"not_yet": _("not yet"), "with_help": _("with help"), "on_my_own": _("on my own")},
        passed=_("passed"),
        grade_format=_("grade %(grade)s"),
        your_own_view=_("Your own view:"),
        your_coach=_("Your coach:"),
        recognised_of=_("%(done)s of %(total)s skills recognised"),
        osp_earned=_("Competence shown: %(points)s of %(osp)s competence points (osp)"),
        next=_("Next:"),
        practise=_("Practise"),
        already_know=_("I already know this"),
        whole_unit=_("I already know everything in this part"),
        all_recognised=_("Your coach has recognised everything in this part. Well done!"),
        all_with_coach=_("Everything here is with your coach. You will see their answer on this page."),
        national=_("In vocational qualifications: %(name)s (%(code)s)"),
        grade_pending=_("your coach decides the grade"),
    )
