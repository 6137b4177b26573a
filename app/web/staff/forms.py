"""Forms of the admin's pages."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import HiddenField, SelectChoice, SelectField, SelectMultipleField, StringField, TextAreaField, widgets
from wtforms.validators import DataRequired, Email, Length, Optional

from app.web.common.request_values import form_id

ROLE_CHOICES = [SelectChoice("learner", _l("Learner")), SelectChoice("coach", _l("Coach")),
                SelectChoice("admin", _l("Admin (staff)"))]


class UserForm(FlaskForm):
    display_name = StringField(_l("Name"), validators=[DataRequired(_l("Write the person's name.")),
                                                       Length(max=120)])
    username = StringField(_l("Username"), validators=[DataRequired(_l("Write a username.")),
                                                       Length(min=3, max=64)],
                           render_kw={"autocapitalize": "none", "spellcheck": "false"})
    role = SelectField(_l("Role"), choices=ROLE_CHOICES)
    title = StringField(_l("Job title (optional)"), validators=[Optional(), Length(max=120)],
                        description=_l("Shown on certificates, for example 'työvalmentaja'."))
    email = StringField(_l("E-mail (optional)"),
                        validators=[Optional(), Email(_l("Check the e-mail address.")), Length(max=254)])
    group_ids = SelectMultipleField(
        _l("Groups"), coerce=form_id,
        widget=widgets.ListWidget(prefix_label=False), option_widget=widgets.CheckboxInput(),
    )


class EditUserForm(FlaskForm):
    display_name = StringField(_l("Name"), validators=[DataRequired(_l("Write the person's name.")),
                                                       Length(max=120)])
    username = StringField(_l("Username"), validators=[DataRequired(_l("Write a username.")),
                                                       Length(min=3, max=64)],
                           description=_l("3–64 characters: small letters a–z, digits, dot, dash or underscore. "
                                          "The person signs in with the new username from now on."),
                           render_kw={"autocapitalize": "none", "spellcheck": "false"})
    role = SelectField(_l("Role"), choices=ROLE_CHOICES,
                       description=_l("A new role signs the person out. Remove them from their groups first."))
    language = SelectField(_l("Preferred language"), validators=[Optional()],
                           description=_l("Pages and sign-in cards are in this language."))


def optional_id(value) -> int | None:
    """`coerce` for a choice of an id or of nothing (the empty value)."""
    return None if value in ("", None) else form_id(value)


class ImportForm(FlaskForm):
    text = TextAreaField(_l("Names, one learner a line"), validators=[Optional(), Length(max=100_000)],
                         description=_l("A name, and if you like a semicolon or comma and a username: "
                                        "“Matti Meikäläinen; matti.m”. Without a username Verstas makes one."),
                         render_kw={"rows": 8, "autocomplete": "off", "spellcheck": "false"})
    file = FileField(_l("Or a CSV file (optional)"),
                     description=_l("The same columns: name, optional username. UTF-8, with or without BOM."),
                     render_kw={"accept": ".csv,.txt,text/csv,text/plain"})
    group_id = SelectField(_l("Group (optional)"), coerce=optional_id, validators=[Optional()])
    language = SelectField(_l("Language of the accounts and cards"), validators=[Optional()])
    previewed = HiddenField()


class UserSearchForm(FlaskForm):
    class Meta:
        csrf = False

    q = StringField(_l("Search by name or username"), validators=[Optional(), Length(max=64)])
    role = SelectField(_l("Role"), choices=[SelectChoice("", _l("All roles")), *ROLE_CHOICES],
                       validators=[Optional()])
