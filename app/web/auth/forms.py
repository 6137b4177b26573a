"""Sign-in and password forms."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import PasswordField, StringField
from wtforms.validators import DataRequired, EqualTo, Length


class SignInForm(FlaskForm):
    username = StringField(_l("Username"), validators=[DataRequired(_l("Write your username."))],
                           render_kw={"autocomplete": "username", "autocapitalize": "none",
                                      "spellcheck": "false"})
    password = PasswordField(_l("Password"), validators=[DataRequired(_l("Write your password."))],
                             render_kw={"autocomplete": "current-password"})


class CodeSignInForm(FlaskForm):
    username = StringField(_l("Username"), validators=[DataRequired(_l("Write your username."))],
                           render_kw={"autocomplete": "username", "autocapitalize": "none",
                                      "spellcheck": "false"})
    code = StringField(_l("One-time code"),
                       validators=[DataRequired(_l("Write the code from your sign-in card."))],
                       description=_l("8 letters and numbers, for example ACDE-FHJK."),
                       render_kw={"autocomplete": "one-time-code", "autocapitalize": "characters",
                                  "spellcheck": "false"})


class SetPasswordForm(FlaskForm):
    current_password = PasswordField(_l("Current password"),
                                     render_kw={"autocomplete": "current-password"})
    new_password = PasswordField(
        _l("New password"),
        validators=[DataRequired(_l("Write a new password.")), Length(max=256)],
        description=_l("At least 8 characters. Tip: three words in a row, like 'blue-coffee-bike'."),
        render_kw={"autocomplete": "new-password"},
    )
    confirm = PasswordField(
        _l("New password again"),
        validators=[DataRequired(_l("Write the new password again.")),
                    EqualTo("new_password", _l("The two passwords are not the same."))],
        render_kw={"autocomplete": "new-password"},
    )
