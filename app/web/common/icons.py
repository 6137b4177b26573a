"""Status icons drawn as inline SVG, so they show on every phone without an emoji font.

Each icon is decorative: the text beside it says the same, so screen readers skip the drawing.
"""

from markupsafe import Markup

_SHAPES = {
    "not_started": Markup('<circle cx="8" cy="8" r="5.5"/>'),
    "in_progress": Markup('<circle cx="8" cy="8" r="5.5"/><path d="M8 2.5a5.5 5.5 0 0 1 0 11z" fill="currentColor"/>'),
    "waiting": Markup('<circle cx="8" cy="8" r="5.5"/><path d="M8 5v3.2l2.2 1.6"/>'),
    "returned": Markup('<path d="M6 2.5 2.5 6 6 9.5M3 6h6.5a4 4 0 0 1 0 8H7"/>'),
    "no": Markup('<path d="M4 4l8 8M12 4l-8 8"/>'),
    "yes": Markup('<path d="M2.5 8.5l3.5 3.5 7.5-8"/>'),
    "draft": Markup('<path d="M3 13l.8-3.3 7-7 2.5 2.5-7 7zM9.5 4l2.5 2.5"/>'),
    "star": Markup('<path d="M8 1.2l2 4.3 4.6.5-3.4 3.1 1 4.6L8 11.4l-4.2 2.3 1-4.6L1.4 6l4.6-.5z" '
                   'fill="currentColor" stroke="none"/>'),
    "dot": Markup('<circle cx="8" cy="8" r="3" fill="currentColor" stroke="none"/>'),
}
# The states of steps, objectives and requests, each drawn with one of the shapes above.
_ALIASES = {"done": "yes", "recognised": "yes", "accepted": "yes", "right": "yes",
            "practising": "in_progress", "sent": "waiting", "more_needed": "returned", "partly": "returned",
            "not_accepted": "no", "wrong": "no"}

ICONS = {
    name: Markup('<svg class="icon icon-%s" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" '
                 'focusable="false" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" '
                 'stroke-linejoin="round">%s</svg>') % (name, shape)
    for name, shape in _SHAPES.items()
}
ICONS.update({alias: ICONS[shape] for alias, shape in _ALIASES.items()})


def icon(name: str) -> Markup:
    """The named icon, or a plain dot for a state without one of its own."""
    return ICONS.get(name, ICONS["dot"])


def init_app(app) -> None:
    app.jinja_env.globals["icon"] = icon
