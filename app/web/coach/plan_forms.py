"""Forms of the coach's plan and meeting pages."""

from datetime import datetime, time

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    RadioField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
    TimeField,
    widgets,
)
from wtforms.validators import DataRequired, Length, Optional

from app.web.common.request_values import form_id
from app.web.common.service_texts import CHANNELS, KINDS, MODES, PARTICIPATION, PROGRESS
from service.access import HELSINKI


class CheckboxesField(SelectMultipleField):
    widget = widgets.ListWidget(prefix_label=False)
    option_widget = widgets.CheckboxInput()


def _choices(table):
    return [SelectChoice(code, label) for code, label in table.items()]


class PlanForm(FlaskForm):
    """A period's plan: used to start, edit and renew a period."""

    kind = RadioField(_l("Kind of service"), choices=_choices(KINDS),
                      validators=[DataRequired(_l("Choose the kind of service."))])
    starts_on = DateField(_l("Start"), validators=[DataRequired(_l("Give the start day."))])
    planned_end_on = DateField(_l("Planned end"), validators=[DataRequired(_l("Give the planned end day."))])
    days_per_week = SelectField(_l("Days per week"), coerce=int, default=3,
                                choices=[SelectChoice(n, str(n)) for n in range(1, 6)])
    participation = RadioField(_l("Taking part"), choices=_choices(PARTICIPATION),
                               validators=[DataRequired(_l("Choose how the learner takes part."))])
    contact_channels = CheckboxesField(_l("Agreed ways of keeping in touch"), choices=_choices(CHANNELS),
                                       validators=[Optional()])
    review_every_months = SelectField(_l("Review every (months)"), coerce=int, default=3,
                                      choices=[SelectChoice(n, str(n)) for n in range(1, 13)])

    def values(self) -> dict:
        return {"kind": self.kind.data, "starts_on": self.starts_on.data, "planned_end_on": self.planned_end_on.data,
                "days_per_week": self.days_per_week.data, "participation": self.participation.data,
                "contact_channels": list(self.contact_channels.data or ()),
                "review_every_months": self.review_every_months.data}

    def fill(self, period) -> None:
        for name in ("kind", "starts_on", "planned_end_on", "days_per_week", "participation", "review_every_months"):
            getattr(self, name).data = getattr(period, name)
        self.contact_channels.data = [c.value for c in period.channels]


class CoachGoalForm(FlaskForm):
    text = TextAreaField(_l("Goal in the learner's own words"),
                         validators=[DataRequired(_l("Write the goal in a few words.")), Length(max=1000)])
    module_ids = CheckboxesField(_l("Modules that help (optional)"), coerce=form_id, validators=[Optional()])
    objective_ids = CheckboxesField(_l("Competence objectives (optional)"), coerce=form_id, validators=[Optional()])


class ReviewForm(FlaskForm):
    reviewed_on = DateField(_l("Date of the review"), validators=[DataRequired(_l("Give the date of the review."))])
    learner_view = RadioField(_l("The learner's view"), choices=_choices(PROGRESS),
                              validators=[DataRequired(_l("Choose the learner's view."))])
    coach_view = RadioField(_l("Your view"), choices=_choices(PROGRESS),
                            validators=[DataRequired(_l("Choose your view."))])
    note = TextAreaField(_l("Short note"), validators=[Optional(), Length(max=2000)])


class MeetingForm(FlaskForm):
    day = DateField(_l("Day"), validators=[DataRequired(_l("Give the day of the meeting."))])
    start = TimeField(_l("Time (Finnish time)"), validators=[DataRequired(_l("Give the time of the meeting."))])
    minutes = SelectField(_l("Length"), coerce=int, default=45, choices=[
        SelectChoice(n, _l("%(count)s min", count=n)) for n in (15, 30, 45, 60, 90, 120, 180, 240)])
    mode = RadioField(_l("How the meeting is held"), choices=_choices(MODES),
                      validators=[DataRequired(_l("Choose how the meeting is held."))])
    video_link = StringField(_l("Video meeting link"), validators=[Optional(), Length(max=500)],
                             description=_l("Only for a video meeting: the address starting with https://."))
    planned_note = TextAreaField(_l("What the meeting is about (the learner sees this)"),
                                 validators=[Optional(), Length(max=4000)])

    def starts_at(self) -> datetime:
        """The chosen day and time in Helsinki, as an aware datetime."""
        return datetime.combine(self.day.data, self.start.data or time(), tzinfo=HELSINKI)


class HeldForm(FlaskForm):
    held_mode = RadioField(_l("How it was really held"), choices=_choices(MODES),
                           validators=[DataRequired(_l("Choose how the meeting was really held."))])


class NotHeldForm(FlaskForm):
    reason = StringField(_l("Why it was not held"),
                         validators=[DataRequired(_l("Say briefly why the meeting was not held.")), Length(max=300)])


class MeetingNoteForm(FlaskForm):
    text = TextAreaField(_l("Note"), validators=[DataRequired(_l("Write the note.")), Length(max=4000)])
    internal = BooleanField(_l("Internal: not shown to the learner"))
