"""The words for the service's codes (kinds, participation, channels, progress, meeting modes), shared
by the learner's and the coach's plan and meeting pages.
"""

from flask_babel import format_datetime
from flask_babel import lazy_gettext as _l

from service.access import today

KINDS = {"kuntouttava_tyotoiminta": _l("Rehabilitative work activity"),
         "sosiaalinen_kuntoutus": _l("Social rehabilitation"), "other": _l("Other service")}
PARTICIPATION = {"on_site": _l("At the workshop"), "remote": _l("Remotely"),
                 "hybrid": _l("Both at the workshop and remotely")}
CHANNELS = {"phone": _l("Phone"), "sms": _l("Text message"), "video": _l("Video meeting"), "chat": _l("Chat"),
            "on_site": _l("Meeting on site")}
PROGRESS = {"not_started": _l("Not started"), "on_the_way": _l("On the way"), "reached": _l("Reached")}
MODES = {"on_site": _l("On site"), "phone": _l("Phone"), "video": _l("Video"), "chat": _l("Chat")}
STATES = {"planned": _l("Planned"), "held": _l("Held"), "not_held": _l("Not held")}


def _label(table):
    return lambda code: str(table.get(str(code), code)) if code else ""


def template_helpers() -> dict:
    """Context for plan and meeting templates; blueprints add it with `bp.context_processor`."""
    return {"kind_label": _label(KINDS), "participation_label": _label(PARTICIPATION),
            "channel_label": _label(CHANNELS), "progress_label": _label(PROGRESS), "mode_label": _label(MODES),
            "meeting_state_label": _label(STATES), "plan_day": lambda d: d.strftime("%-d.%-m.%Y"),
            "meeting_time": meeting_time,
            "today": today(),
            "channels_text": lambda period: ", ".join(str(CHANNELS[c.value]) for c in period.channels)}


def meeting_time(meeting) -> str:
    """The meeting's start in the page's time zone (Helsinki), weekday first: "ma 8.12.2026 10.00"."""
    return format_datetime(meeting.starts_at, "EEE d.M.yyyy HH.mm")
