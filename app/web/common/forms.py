"""Forms shared by several audiences, and the CSRF field that every form on the site carries."""

from flask_wtf import FlaskForm
from flask_wtf.csrf import generate_csrf
from markupsafe import Markup


class ConfirmForm(FlaskForm):
    """A form with nothing but its CSRF token, for buttons that change something."""


def csrf_field() -> Markup:
    """The hidden CSRF input for a template's form: the token a FlaskForm's own field carries, without
    that field's id, which would repeat itself on a page with several forms.
    """
    return Markup('<input type="hidden" name="csrf_token" value="%s">') % generate_csrf()


def init_app(app) -> None:
    app.jinja_env.globals["csrf_field"] = csrf_field
