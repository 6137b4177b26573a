"""Forms for issuing and revoking certificates."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, RadioField, SelectChoice, SelectMultipleField, TextAreaField, widgets
from wtforms.validators import DataRequired, Length, Optional

from app.web.common.certificates import REASONS
from app.web.common.request_values import parse_id


class CheckboxesField(SelectMultipleField):
    widget = widgets.ListWidget(prefix_label=False)
    option_widget = widgets.CheckboxInput()


class CertificateForm(FlaskForm):
    """What goes on the certificate. Used without CSRF for the preview (a GET) and with it to issue."""

    units = CheckboxesField(_l("Units whose points are recorded"),
                            validators=[DataRequired(_l("Choose at least one unit."))])
    partial_units = CheckboxesField(
        _l("Also list recognised objectives of these units (not complete yet)"), validators=[Optional()])
    language = RadioField(
        _l("Language of the certificate"), default="fi",
        choices=[SelectChoice("fi", "Suomi"), SelectChoice("sv", "Svenska"), SelectChoice("en", "English")],
        validators=[DataRequired(_l("Choose the language of the certificate."))],
    )
    replaces = HiddenField()

    def choice(self) -> dict:
        """The form's values as the certificate service takes them."""
        return {"units": list(self.units.data or []), "partial_units": list(self.partial_units.data or []),
                "language": self.language.data}

    def replaces_id(self) -> int | None:
        return parse_id(self.replaces.data)


class RevokeForm(FlaskForm):
    reason = RadioField(_l("Reason"), choices=[SelectChoice(value, label) for value, label in REASONS.items()],
                        validators=[DataRequired(_l("Choose the reason for revoking."))])
    note = TextAreaField(
        _l("Note (seen by coaches and admins, not on the public page)"),
        validators=[Optional(), Length(max=2000)],
        description=_l("What was wrong, briefly. Needed when the reason is \"Other reason\"."),
    )
