"""Domain errors: raised by services, turned into a status and a translated message by the web layer."""

from app.core.i18n import N_


class DomainError(Exception):
    """A rule of the domain was broken; `message` is a translatable msgid, `params` fill it in."""

    status = 400
    message = N_("The request could not be completed.")

    def __init__(self, message=None, **params):
        super().__init__(message or self.message)
        if message:
            self.message = message
        self.params = params


class NotFound(DomainError):
    """The object does not exist or the acting user may not know that it exists."""

    status = 404
    message = N_("The page or item was not found.")


class Forbidden(DomainError):
    status = 403
    message = N_("You do not have permission to do that.")


class Invalid(DomainError):
    """Input that breaks a rule; shown next to the form."""

    status = 400
