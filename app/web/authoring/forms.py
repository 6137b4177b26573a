"""The step editor's forms: front matter as fields, quiz questions and choices, the Markdown body."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    FieldList,
    FormField,
    HiddenField,
    IntegerField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
    widgets,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from courses.authoring.step_fields import QUESTION_TYPES


class _Part(FlaskForm):
    """A repeated part of the step form; the step form carries the CSRF token."""

    class Meta:
        csrf = False


class ChoiceForm(_Part):
    text = StringField(_l("Choice"), validators=[Optional(), Length(max=500)])
    correct = BooleanField(_l("Right answer"))
    explanation = StringField(_l("Explanation shown after answering"), validators=[Optional(), Length(max=1000)])


class QuestionForm(_Part):
    qid = HiddenField()
    text = StringField(_l("Question"), validators=[Optional(), Length(max=500)])
    answer_type = SelectField(_l("Answer type"), choices=[SelectChoice(QUESTION_TYPES[0], _l("One right answer")),
                                                          SelectChoice(QUESTION_TYPES[1],
                                                                       _l("One or more right answers"))])
    choices = FieldList(FormField(ChoiceForm), min_entries=0)


class StepForm(FlaskForm):
    title = StringField(_l("Title"), validators=[DataRequired(_l("Write a title.")), Length(max=200)])
    summary = TextAreaField(_l("Summary on the course list"), validators=[Length(max=1000)], render_kw={"rows": 3})
    minutes = IntegerField(_l("Minutes it takes"), validators=[Optional(), NumberRange(min=0, max=600)])
    objectives = SelectMultipleField(_l("Objectives"), widget=widgets.ListWidget(prefix_label=False),
                                     option_widget=widgets.CheckboxInput(), validate_choice=True)
    min_chars = IntegerField(_l("Shortest answer, in characters"),
                             validators=[Optional(), NumberRange(min=0, max=100000)])
    accept = SelectMultipleField(_l("File types the learner may send"),
                                 widget=widgets.ListWidget(prefix_label=False),
                                 option_widget=widgets.CheckboxInput())
    questions = FieldList(FormField(QuestionForm), min_entries=0)
    body = TextAreaField(_l("Text (Markdown)"), validators=[Length(max=100000)], render_kw={"rows": 18},
                         description=_l("## makes a heading, **bold** bold text, - a list item, "
                                        "![picture text](file.png) a picture."))
    revision = HiddenField()
    base = HiddenField()


class PictureForm(FlaskForm):
    alt = StringField(_l("What the picture shows, in a few words"),
                      validators=[DataRequired(_l("Describe the picture in a few words for those who cannot see it.")),
                                  Length(max=200)],
                      description=_l("Read aloud to those who cannot see the picture."))
