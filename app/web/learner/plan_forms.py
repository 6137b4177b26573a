"""Forms of the learner's My plan page: own goals and own notes."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import TextAreaField
from wtforms.validators import DataRequired, Length, Optional


class GoalForm(FlaskForm):
    text = TextAreaField(_l("Goal in your own words"), validators=[DataRequired(_l("Write the goal in a few words.")),
                                                                   Length(max=1000)],
                         description=_l("For example: I come to the workshop three days a week."))


class NotesForm(FlaskForm):
    notes = TextAreaField(_l("My notes"), validators=[Optional(), Length(max=4000)],
                          description=_l("What you want to say about your plan. Your coach reads these."))
