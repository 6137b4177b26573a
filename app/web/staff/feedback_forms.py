"""Forms of the feedback round pages."""

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
    widgets,
)
from wtforms.validators import DataRequired, Length, Optional

from app.web.common.request_values import form_id


def _checkboxes(label, **kwargs):
    return SelectMultipleField(label, coerce=form_id, widget=widgets.ListWidget(prefix_label=False),
                               option_widget=widgets.CheckboxInput(), validate_choice=False, **kwargs)


class RoundForm(FlaskForm):
    title = StringField(_l("Title"), validators=[DataRequired(_l("Give the round a title.")), Length(max=200)])
    purpose = TextAreaField(_l("Why you ask (shown to the learners)"), validators=[Optional(), Length(max=2000)],
                            description=_l("One or two plain sentences, for example: 'We want to make the "
                                           "module easier to follow.'"))
    course_id = SelectField(_l("Course"), coerce=form_id)
    module_ids = _checkboxes(_l("Modules (none chosen: the whole course)"))
    audience = RadioField(_l("Who is asked"), default="all", choices=[
        SelectChoice("all", _l("All learners")), SelectChoice("groups", _l("Chosen groups"))])
    group_ids = _checkboxes(_l("Groups"))
    opens_on = DateField(_l("First day"), validators=[DataRequired(_l("Choose the first day."))])
    closes_on = DateField(_l("Last day"), validators=[DataRequired(_l("Choose the last day."))])
    anonymous = RadioField(_l("Answers"), default="anonymous", choices=[
        SelectChoice("anonymous", _l("Anonymous: nobody can see who answered what")),
        SelectChoice("named", _l("Named: staff see each learner's answers"))])


class QuestionForm(FlaskForm):
    kind = RadioField(_l("Kind of question"), default="scale", choices=[
        SelectChoice("scale", _l("Scale 1–5 with faces")), SelectChoice("single", _l("Choose one")),
        SelectChoice("multiple", _l("Choose one or more")), SelectChoice("text", _l("Free text"))])
    text = StringField(_l("Question"), validators=[DataRequired(_l("Write the question.")), Length(max=300)],
                       description=_l("A scale is answered from 'Very bad' to 'Very good', so ask for example "
                                      "'How well did the module work for you?'"))
    choices = TextAreaField(_l("Options, one per line (for 'choose' questions)"), validators=[Optional()],
                            render_kw={"rows": 4})
    required = BooleanField(_l("An answer is needed"))


class LastDayForm(FlaskForm):
    closes_on = DateField(_l("Last day"), validators=[DataRequired(_l("Choose the last day."))])


class ActionForm(FlaskForm):
    you_said = TextAreaField(_l("You said"), validators=[DataRequired(_l("Write what the learners said.")),
                                                         Length(max=2000)], render_kw={"rows": 3},
                             description=_l("In plain words, what the learners told you."))
    we_did = TextAreaField(_l("We did"), validators=[DataRequired(_l("Write what was done.")), Length(max=2000)],
                           render_kw={"rows": 3}, description=_l("What changed, and where to see it."))
    target = SelectField(_l("What changed (optional)"), validate_choice=False)


class ThemeForm(FlaskForm):
    theme = StringField(_l("Theme"), validators=[DataRequired(_l("Write a theme.")), Length(max=60)])


class CompareForm(FlaskForm):
    class Meta:
        csrf = False

    other = SelectField(_l("Compare with"), coerce=form_id, validate_choice=False)
