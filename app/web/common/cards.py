"""Printable sign-in cards: the address, the username, the one-time code and a QR code.

A view that issues codes keeps them for the next page only (`keep_cards`) and redirects to its cards
page (`show_cards`), which shows them once: a reload never issues or creates anything, and a plain
code is never in a URL. The codes wait in the signed-in session encrypted with the app's secret, for
a few minutes at most; the page then offers a new card instead.
"""

import base64
import hashlib
import json

import segno
from cryptography.fernet import Fernet, InvalidToken
from flask import current_app, redirect, render_template, request, session, url_for
from flask_babel import force_locale, get_locale
from flask_login import current_user
from markupsafe import Markup
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from app.core.accounts.models import SignInCode, User
from app.core.accounts.service import format_code
from app.core.db import db, utcnow

PENDING_KEY = "cards_pending"
SHOWN_KEY = "cards_shown"
# Long enough for a slow redirect on an old phone, short enough that a copied cookie is of no use.
PENDING_SECONDS = 10 * 60
SHEET_SIZE = 8  # cards on one A4 sheet


def sign_in_url(username: str) -> str:
    """Where a card's QR code leads: the code sign-in page with the username filled in."""
    base = current_app.config.get("PUBLIC_URL") or request.host_url
    return base.rstrip("/") + url_for("auth.sign_in_with_code", username=username)


def qr_data_uri(url: str) -> str:
    return segno.make(url, error="m").svg_data_uri(scale=5, border=2)


def _fernet() -> Fernet:
    secret = hashlib.sha256(b"verstas sign-in cards\0" + current_app.secret_key.encode()).digest()
    return Fernet(base64.urlsafe_b64encode(secret))


def keep_cards(issued, endpoint: str):
    """Keep the codes just issued for the cards page, encrypted, and redirect there (POST → GET).

    One token for all the codes: the session cookie must stay under the browsers' 4 kB.
    """
    pairs = [[sign_in_code.id, code] for _user, code, sign_in_code in issued]
    session[PENDING_KEY] = _fernet().encrypt(json.dumps(pairs).encode()).decode()
    session[SHOWN_KEY] = [user.id for user, _code, _sign_in_code in issued]
    return redirect(url_for(endpoint))


def take_cards() -> list:
    """The cards kept for this page, once: (user, code, sign_in_code) of codes this user issued that
    still work. Reading them removes them.
    """
    token = session.pop(PENDING_KEY, None)
    try:
        plain = {int(code_id): str(code) for code_id, code in
                 json.loads(_fernet().decrypt(token.encode(), ttl=PENDING_SECONDS))}
    except (InvalidToken, AttributeError, TypeError, ValueError):
        return []
    if not plain:
        return []
    codes = db.session.scalars(select(SignInCode).options(joinedload(SignInCode.user))
                               .where(SignInCode.id.in_(plain), SignInCode.created_by_id == current_user.id))
    now = utcnow()
    found = {code.id: code for code in codes if code.is_usable(now)}
    return [(found[code_id].user, plain[code_id], found[code_id]) for code_id in plain if code_id in found]


def shown_people(visible) -> list:
    """(id, display_name) of the people whose cards were last shown, among those `visible` selects."""
    ids = [i for i in session.get(SHOWN_KEY) or [] if isinstance(i, int)]
    if not ids:
        return []
    query = select(User.id, User.display_name).where(User.id.in_(ids), User.id.in_(visible))
    return db.session.execute(query.order_by(User.display_name, User.id)).all()


def show_cards(issued, new_code_endpoint: str, visible, id_arg: str):
    """The cards page: the cards kept for it, or, once shown, a way to make a new card."""
    if not issued:
        people = shown_people(visible)
        return render_template("cards_shown.html", people=people, endpoint=new_code_endpoint, id_arg=id_arg)
    return render_cards(issued)


def render_cards(issued):
    """A print-ready page with one card per (user, code, sign_in_code), each in its owner's language,
    eight to an A4 sheet.
    """
    address = (current_app.config.get("PUBLIC_URL") or request.host_url).rstrip("/")
    page_language = str(get_locale())
    cards = []
    for index, (user, code, sign_in_code) in enumerate(issued, start=1):
        url = sign_in_url(user.username)
        card = {"index": index, "user": user, "code": format_code(code), "expires_at": sign_in_code.expires_at,
                "url": url, "qr": qr_data_uri(url)}
        language = user.language or page_language
        with force_locale(language):
            html = render_template("_sign_in_card.html", card=card, address=address, language=language)
        cards.append(Markup(html))  # noqa: S704 - an autoescaped template's output
    return render_template("cards.html", cards=cards, sheets=_sheets(cards), address=address)


def _sheets(cards: list) -> list:
    return [cards[start:start + SHEET_SIZE] for start in range(0, len(cards), SHEET_SIZE)]
