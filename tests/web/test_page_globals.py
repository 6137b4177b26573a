"""The remembered links, CSRF tokens and translations that every page's frame uses (issue 7)."""

import re

from flask import render_template_string

from tests.conftest import CSRF_PATTERN, csrf_token, sign_in


def _render(app, source, script_name="", **context):
    with app.test_request_context("/", base_url=f"http://localhost{script_name}/"):
        return render_template_string(source, **context)


def test_remembered_links_follow_their_values_and_mount_point(app, world):
    page = "{{ url_for('coach.group', group_id=g) }} {{ url_for('static', filename=f) }}"
    assert _render(app, page, g=1, f="a.css") == "/coach/groups/1 /static/a.css"
    assert _render(app, page, g=2, f="b.css") == "/coach/groups/2 /static/b.css"
    # The same link again, now under a mount point: not the one remembered for the root.
    assert _render(app, page, script_name="/verstas", g=1, f="a.css") == "/verstas/coach/groups/1 /verstas/static/a.css"
    assert _render(app, page, g=1, f="a.css") == "/coach/groups/1 /static/a.css"


def test_links_outside_a_request_are_built_by_flask(app):
    app.config["SERVER_NAME"] = "verstas.example"
    with app.app_context():
        assert app.jinja_env.from_string("{{ url_for('public.index') }}").render() == "http://verstas.example/"


def test_external_and_anchored_links_are_built_each_time(app):
    page = "{{ url_for('public.index', _external=True) }} {{ url_for('public.index', _anchor='main') }}"
    assert _render(app, page) == "http://localhost/ /#main"


def test_a_reused_csrf_token_is_accepted_and_each_session_has_its_own(app, world):
    first, second = app.test_client(), app.test_client()
    assert sign_in(first, "learner").status_code == 302
    assert sign_in(second, "learner2").status_code == 302
    tokens = [csrf_token(first, "/learn/") for _ in range(3)]
    assert len(set(tokens)) == 1, "signed once for the session, not on every page"
    assert csrf_token(second, "/learn/") != tokens[0]
    # A form posted with the remembered token is accepted: setting the language redirects back.
    response = first.post("/language", data={"csrf_token": tokens[0], "lang": "en", "next": "/learn/"})
    assert response.status_code == 302
    # The other session's token is refused.
    response = first.post("/language", data={"csrf_token": csrf_token(second, "/learn/"), "lang": "fi"})
    assert response.status_code == 400


def test_the_reused_token_is_signed_again_after_its_time(app, world, monkeypatch):
    import app.web.common.page_globals as page_globals

    client = app.test_client()
    assert sign_in(client, "learner").status_code == 302
    csrf_token(client, "/learn/")  # signing in starts a new session, with a token of its own
    signings = []
    real = page_globals.generate_csrf
    monkeypatch.setattr(page_globals, "generate_csrf", lambda: signings.append(1) or real())
    csrf_token(client, "/learn/")
    csrf_token(client, "/learn/")
    assert signings == []
    later = page_globals.time.monotonic() + 301
    monkeypatch.setattr(page_globals.time, "monotonic", lambda: later)
    csrf_token(client, "/learn/")
    assert signings == [1]


def test_translated_texts_escape_their_values(app):
    """A translated text escapes the values filled into it and picks the plural by number."""
    page = "{{ _('sent %(date)s', date=d) }}|{{ ngettext('%(num)d file', '%(num)d files', n) }}"
    app.add_url_rule("/_texts", "texts", lambda: render_template_string(page, d="<b>", n=2))
    english = app.test_client().get("/_texts", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert english == "sent &lt;b&gt;|2 files"
    finnish = app.test_client().get("/_texts", headers={"Accept-Language": "fi"}).get_data(as_text=True)
    assert finnish.endswith("2 tiedostoa") and "&lt;b&gt;" in finnish and "sent" not in finnish


def test_each_request_gets_its_own_language_even_in_turns(app):
    """Each request's texts and content names are in that request's language, whatever came before."""
    page = "{{ _('My skills') }}|{{ names | localized }}|{{ _('Sign out') }}"
    names = {"fi": "Työelämätaidot", "sv": "Arbetslivsfärdigheter", "en": "Work-life skills"}
    app.add_url_rule("/_turns", "turns", lambda: render_template_string(page, names=names))
    client = app.test_client()
    seen = [client.get("/_turns", headers={"Accept-Language": language}).get_data(as_text=True)
            for language in ("sv", "fi", "en", "sv")]
    assert seen == ["Min kompetens|Arbetslivsfärdigheter|Logga ut",
                    "Oma osaaminen|Työelämätaidot|Kirjaudu ulos",
                    "My skills|Work-life skills|Sign out",
                    "Min kompetens|Arbetslivsfärdigheter|Logga ut"]
    with app.test_request_context("/", headers={"Accept-Language": "en"}):
        assert render_template_string(page, names=names) == seen[2]


def test_a_state_label_is_in_the_page_language_with_its_grade(app):
    """An objective's state label shows its grade, in each request's own language."""
    page = ('{% from "macros/competence.html" import objective_state %}'
            '{{ objective_state(request.args.state, request.args.grade or None) }}')
    app.add_url_rule("/_state", "state", lambda: render_template_string(page))
    client = app.test_client()

    def label(language, state, grade=""):
        html = client.get(f"/_state?state={state}&grade={grade}", headers={"Accept-Language": language})
        return re.sub(r"\s+", " ", html.get_data(as_text=True))

    assert "arvosana 4" in label("fi", "recognised", "4") and "grade 4" in label("en", "recognised", "4")
    assert "arvosana 3" in label("fi", "recognised", "3")
    assert "skill-waiting" in label("fi", "waiting") and "coach" in label("en", "waiting")


def test_every_signed_in_page_carries_a_token(app, world, as_user):
    html = as_user(world.learner).get("/learn/").get_data(as_text=True)
    assert len(CSRF_PATTERN.findall(html)) >= 2  # the language form and signing out


def test_every_form_of_a_lesson_carries_the_token_without_repeating_an_id(world, as_user):
    from tests.course_factory import make_course

    make_course()
    html = as_user(world.learner).get("/learn/steps/K-M1-L1").get_data(as_text=True)
    forms = re.findall(r"<form\b.*?</form>", html, re.S)
    # language, signing out, the plain-language switch and "I have read this"
    assert len(forms) == 4
    assert all(len(CSRF_PATTERN.findall(form)) == 1 for form in forms)
    ids = re.findall(r'\bid="([^"]+)"', html)
    assert len(ids) == len(set(ids)), sorted(ids)
