"""Flask extensions, created unbound here and bound in create_app."""

from flask import current_app, request
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


# The limiter skips every request outside RATE_LIMITED_BLUEPRINTS (config.py), where no limits are.
@limiter.request_filter
def _no_limit_applies() -> bool:
    return request.blueprint not in current_app.config["RATE_LIMITED_BLUEPRINTS"]
