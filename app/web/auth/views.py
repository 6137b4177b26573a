"""Signing in with a password or a one-time code, choosing a password, signing out."""

from flask import current_app, flash, g, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_limiter.util import get_remote_address
from flask_login import current_user, login_required, login_user, logout_user

from app.core.accounts import service as accounts
from app.extensions import limiter
from app.web.auth import bp
from app.web.auth.forms import CodeSignInForm, SetPasswordForm, SignInForm
from app.web.common.access import home_endpoint
from app.web.common.edge import refused_into
from app.web.common.safety import safe_next


def _account_key() -> str:
    return "account:" + accounts.normalise_username(request.form.get("username", ""))


def _address_and_account_key() -> str:
    return get_remote_address() + "|" + _account_key()


def _signed_in_account_key() -> str:
    return f"user:{current_user.id}" if current_user.is_authenticated else "user:"


def _wrong_secret(response) -> bool:
    """Only a wrong password or code counts against a limit: a right one costs nothing."""
    return g.get("wrong_secret", False)


def _setting(name: str):
    return lambda: current_app.config[name]


def _failures_limit(setting: str, scope: str, key_func=None):
    return limiter.shared_limit(_setting(setting), scope=scope, key_func=key_func, methods=["POST"],
                                deduct_when=_wrong_secret)


# Shared by both sign-in forms. Fast per address and account, so one learner's typos don't block a
# workshop behind one address; slower per account from anywhere, so one attacker can't lock a learner
# out; generous per address, against one address trying many accounts.
sign_in_limits = [
    _failures_limit("SIGN_IN_LIMIT_PER_ADDRESS_AND_ACCOUNT", "sign-in-pair", _address_and_account_key),
    _failures_limit("SIGN_IN_LIMIT_PER_ACCOUNT", "sign-in-account", _account_key),
    _failures_limit("SIGN_IN_LIMIT_PER_ADDRESS", "sign-in-address"),
]
set_password_limits = [
    _failures_limit("IDENTITY_CHECK_LIMIT_PER_ACCOUNT", "set-password-account", _signed_in_account_key),
    _failures_limit("IDENTITY_CHECK_LIMIT_PER_ADDRESS", "set-password-address"),
]


def _limited(limits):
    def decorate(view):
        for limit in limits:
            view = limit(view)
        return view
    return decorate


def _refused_secret() -> None:
    g.wrong_secret = True


def _start(user):
    login_user(user)
    session.permanent = True
    if user.language:
        session["lang"] = user.language
    if user.must_set_password:
        return redirect(url_for("auth.set_password"))
    return _onwards(user, safe_next(request.args.get("next")))


def _onwards(user, next_url: str | None):
    """Home or the page asked for, through the language question on a learner's first sign-in."""
    if accounts.must_choose_language(user):
        return redirect(url_for("learner.first_language", next=next_url))
    return redirect(next_url or url_for(home_endpoint(user)))


@bp.route("/sign-in", methods=["GET", "POST"])
@_limited(sign_in_limits)
def sign_in():
    if current_user.is_authenticated:
        return redirect(url_for(home_endpoint(current_user)))
    form = SignInForm()
    if form.validate_on_submit():
        try:
            user = accounts.authenticate(form.username.data, form.password.data)
        except accounts.AccountClosed as closed:
            form.password.errors.append(_(closed.message))
        else:
            if user is not None:
                return _start(user)
            _refused_secret()
            form.password.errors.append(_("The username or password is not right. Check them and try again."))
    return render_template("auth/sign_in.html", form=form,
                           demo=current_app.config["DEMO_MODE"]), 200 if not form.errors else 400


@bp.route("/sign-in/code", methods=["GET", "POST"])
@_limited(sign_in_limits)
def sign_in_with_code():
    form = CodeSignInForm()
    if request.method == "GET" and request.args.get("username"):
        form.username.data = request.args["username"]
    if form.validate_on_submit():
        if current_user.is_authenticated:
            logout_user()
        try:
            user = accounts.sign_in_with_code(form.username.data, form.code.data)
        except accounts.AccountClosed as closed:
            form.code.errors.append(_(closed.message))
        else:
            if user is not None:
                return _start(user)
            _refused_secret()
            form.code.errors.append(
                _("The code does not work. It may be mistyped, used already or expired. "
                  "Your coach can give you a new code.")
            )
    return render_template("auth/sign_in_code.html", form=form), 200 if not form.errors else 400


@bp.route("/set-password", methods=["GET", "POST"])
@login_required
@_limited(set_password_limits)
def set_password():
    user = current_user._get_current_object()  # the entity itself: login_user keeps what it is given
    form = SetPasswordForm()
    first_time = user.must_set_password
    if form.validate_on_submit():
        refusals = []
        with refused_into(refusals):
            accounts.set_password(user, form.new_password.data, form.current_password.data)
            login_user(user)  # the session id carries the new version
            flash(_("Your password is saved. Use it next time you sign in."), "success")
            return _onwards(user, None)
        wrong_current = refusals == [_("The current password is not right.")]
        if wrong_current:
            _refused_secret()
        (form.current_password if wrong_current else form.new_password).errors.extend(refusals)
    return render_template("auth/set_password.html", form=form, first_time=first_time), \
        200 if not form.errors else 400


@bp.post("/sign-out")
def sign_out():
    language = session.get("lang")
    if current_user.is_authenticated:
        accounts.sign_out(current_user)
    logout_user()
    session.clear()
    if language:
        session["lang"] = language
    flash(_("You have signed out. See you soon!"), "success")
    response = redirect(url_for("auth.sign_in"))
    # Shared workshop computers: the browser forgets drafts kept in its storage and cached pages.
    response.headers["Clear-Site-Data"] = '"cache", "storage"'
    return response
