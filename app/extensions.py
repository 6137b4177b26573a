"""Flask extensions, created unbound here and bound in create_app."""

from flask import request
from flask_babel import Babel
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_wtf import CSRFProtect

babel = Babel()
csrf = CSRFProtect()
login_manager = LoginManager()
migrate = Migrate()
limiter = Limiter(key_func=get_remote_address, default_limits=[], headers_enabled=True)

# Limits live on these blueprints only: sign-in attempts (auth) and certificate lookups (public); the
# limiter skips every other request, where it would find nothing to check. tests/web/test_access_map.py
# fails if a view elsewhere gets a limit, which this filter would silently switch off.
RATE_LIMITED_BLUEPRINTS = frozenset({"auth", "public"})


@limiter.request_filter
def _no_limit_applies() -> bool:
    return request.blueprint not in RATE_LIMITED_BLUEPRINTS
