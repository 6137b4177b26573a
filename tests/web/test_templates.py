"""Templates in each request's language: translated texts, content names and labels."""

import re
from datetime import UTC, datetime, timedelta

from flask import render_template_string


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


def test_my_skills_texts_say_what_the_competence_label_macros_say(app):
    """My skills' texts, translated once per page, are the label macros' texts in every language."""
    from app.web.learner.skill_texts import STATE_ICONS, skill_texts

    macros = ('{% from "macros/competence.html" import objective_state, grade_text, self_text %}'
              '{{ objective_state(state, grade) }}|{{ grade_text(grade) }}|{{ self_text(level) }}')
    inline = ('<span class="badge skill-{{ state }}">{{ texts.icon[state] }} '
              '{{ texts.state[state] }}{% if grade %}, {{ texts.grade(grade) }}{% endif %}</span>'
              '|{{ texts.grade(grade) }}|{{ texts.own_view[level] }}')
    for language in ("fi", "sv", "en"):
        with app.test_request_context("/", headers={"Accept-Language": language}):
            texts = skill_texts()
            for state, grade, level in zip(STATE_ICONS, ("1", "hyväksytty", "3", "4", "5", "<5>"),
                                           ("not_yet", "with_help", "on_my_own") * 2, strict=True):
                values = {"state": state, "grade": grade, "level": level}
                assert (render_template_string(inline, texts=texts, **values)
                        == render_template_string(macros, **values)), (language, state)


def test_a_list_formats_its_times_as_the_datetimeformat_filter_does(app):
    """short_datetimes() gives each request's own language and Helsinki time, as datetimeformat('short'),
    also across the daylight saving changes.
    """
    times = [datetime(2025, 3, 30, 0, 0, tzinfo=UTC) + timedelta(minutes=37 * n) for n in range(12)]
    times += [datetime(2025, 10, 26, 0, 0, tzinfo=UTC) + timedelta(minutes=37 * n) for n in range(12)]
    page = ("{% set short = short_datetimes() %}{% for t in times %}{{ short(t) }}={{ t | datetimeformat('short') }};"
            "{% endfor %}")
    app.add_url_rule("/_times", "times", lambda: render_template_string(page, times=times))
    for language in ("fi", "sv", "en"):
        text = app.test_client().get("/_times", headers={"Accept-Language": language}).get_data(as_text=True)
        pairs = [pair.split("=") for pair in text.split(";")[:-1]]
        assert len(pairs) == len(times) and all(mine == filtered for mine, filtered in pairs), pairs


def test_a_text_translated_once_for_a_list_fills_in_and_escapes_like_a_text_per_line(app):
    """A text translated once with its placeholder kept, then filled in per line, reads and escapes the
    same as the text translated on each line.
    """
    page = ("{% set sent = _('sent %(date)s', date='%(date)s') %}"
            "{{ sent | format(date=d) }}|{{ _('sent %(date)s', date=d) }}")
    app.add_url_rule("/_once", "once", lambda: render_template_string(page, d="<b>"))
    for language in ("fi", "sv", "en"):
        once, per_line = app.test_client().get("/_once", headers={"Accept-Language": language}) \
            .get_data(as_text=True).split("|")
        assert once == per_line and "&lt;b&gt;" in once
