"""Forms of the coach's pages."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    HiddenField,
    RadioField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
    widgets,
)
from wtforms.validators import DataRequired, Length, Optional

from app.web.common.request_values import form_id


class GroupForm(FlaskForm):
    name = StringField(_l("Group name"), validators=[DataRequired(_l("Give the group a name.")),
                                                     Length(max=120)])


class LearnerForm(FlaskForm):
    display_name = StringField(_l("Learner's name"),
                               validators=[DataRequired(_l("Write the learner's name.")),
                                           Length(max=120)],
                               render_kw={"autocomplete": "off"})
    username = StringField(
        _l("Username (optional)"),
        validators=[Optional(), Length(min=3, max=64)],
        description=_l("Leave empty and Verstas makes one from the name."),
        render_kw={"autocomplete": "off", "autocapitalize": "none", "spellcheck": "false"},
    )
    group_id = SelectField(_l("Group"), coerce=form_id)


class MoveForm(FlaskForm):
    # Any id is taken here: the service says clearly when it is not one of the coach's groups.
    to_group_id = SelectField(_l("Move to the group"), coerce=form_id, validate_choice=False,
                              validators=[DataRequired(_l("Choose a group."))])


class AddLearnerForm(FlaskForm):
    username = HiddenField(validators=[DataRequired(), Length(max=64)])


class LearnerSearchForm(FlaskForm):
    class Meta:
        csrf = False

    q = StringField(_l("Name or username"), validators=[Optional(), Length(max=64)],
                    render_kw={"autocomplete": "off", "autocapitalize": "none", "spellcheck": "false"})


class CardsForm(FlaskForm):
    learner_ids = SelectMultipleField(
        _l("Learners"), coerce=form_id,
        widget=widgets.ListWidget(prefix_label=False), option_widget=widgets.CheckboxInput(),
    )



class ReviewForm(FlaskForm):
    decision = RadioField(
        _l("Decision"),
        choices=[SelectChoice("accept", _l("Accept the task")),
                 SelectChoice("return", _l("Ask for more (the task goes back to the learner)"))],
        validators=[DataRequired(_l("Choose accept or ask for more."))],
    )
    message = TextAreaField(
        _l("Message to the learner"),
        validators=[Optional(), Length(max=4000)],
        description=_l("Needed when you ask for more: say what to add or change."),
    )


class DirectDecisionForm(FlaskForm):
    """A decision on competence the coach observed in person at the workshop."""

    objective = SelectField(_l("Objective"), validators=[DataRequired()])
    outcome = StringField(_l("Decision"), validators=[DataRequired(_l("Choose a decision."))])
    note = TextAreaField(
        _l("Note"),
        validators=[DataRequired(_l("Write a note: what you saw and when.")), Length(max=4000)],
        description=_l("What you saw the learner do, and when. The learner sees this note."),
    )
