"""Printable sign-in cards: the address, the username, the one-time code and a QR code."""

import segno
from flask import current_app, render_template, request, url_for

from app.core.accounts.service import format_code


def sign_in_url(username: str) -> str:
    """Where a card's QR code leads: the code sign-in page with the username filled in."""
    base = current_app.config.get("PUBLIC_URL") or request.host_url
    return base.rstrip("/") + url_for("auth.sign_in_with_code", username=username)


def qr_data_uri(url: str) -> str:
    return segno.make(url, error="m").svg_data_uri(scale=5, border=2)


def render_cards(issued):
    """A print-ready page with one card per (user, code, sign_in_code); the codes are shown only here."""
    cards = [
        {
            "user": user,
            "code": format_code(code),
            "expires_at": sign_in_code.expires_at,
            "url": sign_in_url(user.username),
            "qr": qr_data_uri(sign_in_url(user.username)),
        }
        for user, code, sign_in_code in issued
    ]
    address = (current_app.config.get("PUBLIC_URL") or request.host_url).rstrip("/")
    return render_template("cards.html", cards=cards, address=address,
                           sign_in_path=url_for("auth.sign_in_with_code"))
