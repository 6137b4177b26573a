"""Markdown becomes safe HTML: only allow-listed tags, attributes and URL schemes ever reach a page."""

from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest

from courses.content_import.markdown import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, media_base, render_markdown, sanitise

BASE = "/content-media/demo/01-alku"

XSS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    '<img src=x onerror="alert(1)">',
    "<img src=x onerror=alert(1)//",
    "<svg onload=alert(1)><circle r=1 /></svg>",
    "<svg><script>alert(1)</script></svg>",
    '<iframe src="javascript:alert(1)"></iframe>',
    '<object data="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="></object>',
    '<embed src="javascript:alert(1)">',
    "<style>body{background:url(javascript:alert(1))}</style>",
    '<p style="background:url(javascript:alert(1))">x</p>',
    '<a href="javascript:alert(1)">x</a>',
    "<div onmouseover=alert(1)>hover</div>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<!-- --><script>alert(1)</script> -->",
    "[x](javascript:alert(1))",
    "[x](JaVaScRiPt:alert(1))",
    "[x](  javascript:alert(1) )",
    "[x](java\tscript:alert(1))",
    "[x](javascript&#58;alert(1))",
    "[x](&#106;avascript:alert(1))",
    "[x](&#x6A;avascript:alert(1))",
    "[x](<javascript:alert(1)>)",
    "[x](vbscript:msgbox(1))",
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[x](file:///etc/passwd)",
    "![x](javascript:alert(1))",
    "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    "![x](data:image/png;base64,iVBORw0KGgo=)",
    '![x](kuva.svg "title\\" onerror=\\"alert(1)")',
    "![x\" onerror=\"alert(1)](kuva.svg)",
    '![x](kuva.svg" onerror="alert(1))',
    "[x](https://example.org \"a' onmouseover='alert(1)\")",
    "[ref]\n\n[ref]: javascript:alert(1)",
    "![ref]\n\n[ref]: data:image/png;base64,AAAA",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "&#60;script&#62;alert(1)&#60;/script&#62;",
    "<a href=\"&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)\">x</a>",
    "```html\n<script>alert(1)</script>\n```",
    "    <script>alert(1)</script>",
    "| a |\n|---|\n| <img src=x onerror=alert(1)> |",
    "<form action=//evil.example><input name=x></form>",
    "<base href=//evil.example/>",
    "<meta http-equiv=refresh content=0;url=javascript:alert(1)>",
]


class _Inspector(HTMLParser):
    """Collects every tag and attribute of the output, as a browser would parse them."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))

    handle_startendtag = handle_starttag


def assert_safe(html: str) -> None:
    inspector = _Inspector()
    inspector.feed(html)
    inspector.close()
    for tag, attrs in inspector.elements:
        assert tag in ALLOWED_TAGS, f"<{tag}> in {html!r}"
        for name, value in attrs.items():
            allowed = ALLOWED_ATTRIBUTES.get(tag, set()) | ({"rel"} if tag == "a" else set())
            assert name in allowed, (tag, name)
            if name in ("href", "src"):
                scheme = urlsplit(value or "").scheme.lower()
                assert scheme in ("", "http", "https", "mailto", "tel"), (tag, name, value)
                assert "javascript" not in (value or "").lower()
    lowered = html.lower()
    assert "<script" not in lowered and "<svg" not in lowered and "<iframe" not in lowered
    assert "<style" not in lowered and "<object" not in lowered and "<embed" not in lowered


@pytest.mark.parametrize("payload", XSS)
def test_xss_payloads_never_reach_the_output(payload):
    """Script, event handlers, style, frames and javascript:/data: URLs are removed or shown as text."""
    assert_safe(render_markdown(payload, BASE))
    assert_safe(render_markdown(f"Teksti {payload} ja lisää.\n\n- {payload}\n\n> {payload}\n", BASE))


@pytest.mark.parametrize("payload", XSS)
def test_the_sanitiser_alone_stops_raw_html_payloads(payload):
    """Even if Markdown let raw HTML through, the allow-list would still remove everything unsafe."""
    assert_safe(sanitise(payload))


def test_sanitiser_keeps_rel_only_with_its_own_value():
    """rel survives only as noopener noreferrer; other values (e.g. opener) are dropped."""
    assert sanitise('<a href="https://x.example" rel="opener">x</a>') == '<a href="https://x.example">x</a>'


def test_raw_html_is_shown_as_text():
    """Raw HTML in Markdown is escaped, so an author sees their mistake instead of a broken page."""
    assert render_markdown("<b>hei</b>", BASE) == "<p>&lt;b&gt;hei&lt;/b&gt;</p>\n"


def test_relative_images_point_at_the_content_media_route():
    """An image beside the Markdown is served from /content-media/<course>/<module>/<file>."""
    html = render_markdown('![Puhelin ja paperi](skannaus.svg "Skannaus")', BASE)
    assert html == ('<p><img alt="Puhelin ja paperi" src="/content-media/demo/01-alku/skannaus.svg" '
                    'title="Skannaus"></p>\n')


def test_image_paths_are_encoded_and_normalised():
    """Spaces and letters like ä are percent-encoded; ./ and ../ are resolved in the URL."""
    html = render_markdown("![a](./kuva%20ä.png) ![b](../yhteinen.png)", BASE)
    assert 'src="/content-media/demo/01-alku/kuva%20%C3%A4.png"' in html
    assert 'src="/content-media/demo/yhteinen.png"' in html


def test_media_base_names_course_and_module():
    """The media URL folder is built from the course slug and the module folder."""
    assert media_base("tyoelamataidot", "06-digitaidot") == "/content-media/tyoelamataidot/06-digitaidot"
    assert media_base("tyoelamataidot") == "/content-media/tyoelamataidot"


def test_external_links_get_noopener_noreferrer():
    """A link to another site cannot reach back to the page or learn where the learner came from."""
    html = render_markdown("[Työmarkkinatori](https://tyomarkkinatori.fi)", BASE)
    assert html == ('<p><a href="https://tyomarkkinatori.fi" rel="noopener noreferrer">'
                    'Työmarkkinatori</a></p>\n')


def test_mail_phone_and_relative_links_are_kept():
    """mailto: and tel: links stay; a relative link points at the media route; no rel is needed."""
    html = render_markdown("[a](mailto:apu@example.fi) [b](tel:+358401234567) [c](malli.pdf)", BASE)
    assert '<a href="mailto:apu@example.fi">a</a>' in html
    assert '<a href="tel:+358401234567">b</a>' in html
    assert '<a href="/content-media/demo/01-alku/malli.pdf">c</a>' in html


def test_headings_are_kept_between_h2_and_h4():
    """The page title is the only h1; Markdown headings map into h2–h4."""
    html = render_markdown("# Yksi\n\n## Kaksi\n\n###### Kuusi", BASE)
    assert html == "<h2>Yksi</h2>\n<h2>Kaksi</h2>\n<h4>Kuusi</h4>\n"


def test_tables_lists_and_emphasis_are_rendered():
    """The allowed structure survives: tables, lists, emphasis, code and quotes."""
    html = render_markdown("| a | b |\n|--:|---|\n| 1 | 2 |\n\n1. **yksi**\n2. *kaksi*\n\n> `koodi`", BASE)
    assert "<table>" in html and "<th>a</th>" in html and "<td>2</td>" in html
    assert "<ol>" in html and "<strong>yksi</strong>" in html and "<em>kaksi</em>" in html
    assert "<blockquote>" in html and "<code>koodi</code>" in html
    assert "style" not in html


def test_nested_lists_indented_to_the_item_text_are_nested():
    """A sub-list indented to its item's text (three spaces under `1.`) nests, as authors write it."""
    html = render_markdown("1. Vastaa:\n   - mikä?\n   - missä?\n2. Kopioi.", BASE)
    assert html.replace("\n", "") == ("<ol><li>Vastaa:<ul><li>mikä?</li><li>missä?</li></ul></li>"
                                      "<li>Kopioi.</li></ol>")


def test_a_list_may_start_right_under_a_paragraph():
    """A list right under a paragraph line is a list, not more text of the paragraph."""
    html = render_markdown("Muista:\n- kypärä\n- kengät", BASE)
    assert html.replace("\n", "") == "<p>Muista:</p><ul><li>kypärä</li><li>kengät</li></ul>"


def test_plain_language_keeps_one_sentence_to_a_line():
    """With line breaks (selko versions) each line of a paragraph ends in <br>; otherwise lines join."""
    text = "Yksi lause.\nToinen lause.\n"
    assert render_markdown(text, "/m", line_breaks=True) == "<p>Yksi lause.<br>\nToinen lause.</p>\n"
    assert render_markdown(text, "/m") == "<p>Yksi lause.\nToinen lause.</p>\n"
