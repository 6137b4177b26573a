"""Translation helpers that need no request: the domain marks messages, the web layer translates."""

LANGUAGES = {"fi": "Suomi", "sv": "Svenska", "en": "English"}
DEFAULT_LANGUAGE = "fi"


def N_(message: str) -> str:
    """Mark a message for extraction; it is translated where it is shown."""
    return message
