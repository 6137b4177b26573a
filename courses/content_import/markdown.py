"""Markdown from content/ to safe HTML, rendered once on import and never per request.

Python-Markdown (with its tables, fenced code and sane lists extensions; raw HTML is shown as text)
turns Markdown into an element tree, which is adjusted on the way (headings kept to h2–h4, relative
images and links pointed at the content media route, external links marked rel="noopener
noreferrer"), and nh3 then keeps only an explicit allow-list of tags, attributes and URL schemes,
whatever the Markdown contained.
"""

import html
import posixpath
import re
from collections.abc import Iterator
from urllib.parse import quote, unquote, urlsplit
from xml.etree.ElementTree import Element

import markdown
import nh3
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

MEDIA_PREFIX = "/content-media"
EXTERNAL_REL = "noopener noreferrer"
EXTENSIONS = ["tables", "fenced_code", "sane_lists"]

ALLOWED_TAGS = {
    "p", "h2", "h3", "h4", "ul", "ol", "li", "strong", "em", "a", "img", "blockquote", "code", "pre",
    "table", "thead", "tbody", "tr", "th", "td", "hr", "br",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "ol": {"start"},
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}
HEADINGS = {f"h{level}": f"h{min(max(level, 2), 4)}" for level in range(1, 7)}

_cleaner = nh3.Cleaner(
    tags=ALLOWED_TAGS,
    clean_content_tags={"script", "style"},
    attributes=ALLOWED_ATTRIBUTES,
    # rel is allowed with exactly one value, the one this module sets on external links.
    tag_attribute_values={"a": {"rel": {EXTERNAL_REL}}},
    link_rel=None,
    url_schemes=URL_SCHEMES,
    strip_comments=True,
)


class _ListIndent(Preprocessor):
    """Lists written as CommonMark reads them, rewritten the way Python-Markdown reads them.

    A nested item or continuation indented to its item's text (`1. Step` then `   - detail`) gets four
    spaces per level, and a list that starts right under a paragraph line gets a blank line before it.
    """

    def run(self, lines: list[str]) -> list[str]:
        out: list[str] = []
        columns: list[int] = []  # where the text of each open list item starts, outermost first
        in_list = False
        for line in lines:
            if not line.strip():
                out.append(line)
                continue
            indent = len(line) - len(line.lstrip(" "))
            while columns and indent < columns[-1]:
                columns.pop()
            item = None if _RULE.fullmatch(line) else _LIST_ITEM.match(line, indent)
            if item is not None and not columns and indent < 4:
                if not in_list and out and out[-1].strip() and item[1] in ("-", "*", "+", "1."):
                    out.append("")
                in_list = True
            elif not columns and (not out or not out[-1].strip()):
                in_list = False  # a paragraph after a blank line ends the list
            if columns:
                out.append(" " * (4 * len(columns) + indent - columns[-1]) + line[indent:])
            else:
                out.append(line)
            if item is not None and (columns or indent < 4):
                columns.append(item.end())
        return out


_LIST_ITEM = re.compile(r"([-*+]|\d+\.) {1,4}(?=\S)")
_RULE = re.compile(r" {0,3}([-*_])( *\1){2,} *")


class _Visit(Treeprocessor):
    """Calls `visit(element)` for every element of the finished tree, in document order."""

    def __init__(self, md: markdown.Markdown, visit):
        super().__init__(md)
        self.visit = visit

    def run(self, root: Element) -> None:
        for element in root.iter():
            self.visit(element)


def _converter(visit, line_breaks: bool = False) -> markdown.Markdown:
    md = markdown.Markdown(extensions=EXTENSIONS + (["nl2br"] if line_breaks else []), output_format="html")
    # Raw HTML is text to be shown, not markup to be passed on.
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    # After fenced code (priority 25) has put its blocks aside, so their lines are left alone.
    md.preprocessors.register(_ListIndent(md), "verstas_list_indent", 22)
    # After the inline patterns (priority 20) have made the links and images.
    md.treeprocessors.register(_Visit(md, visit), "verstas_visit", 5)
    return md


def media_base(course_slug: str, module_folder: str | None = None) -> str:
    """The URL folder that relative images and links of a course or module file point into."""
    parts = [course_slug] if module_folder is None else [course_slug, module_folder]
    return "/".join([MEDIA_PREFIX, *(quote(part) for part in parts)])


def render_markdown(text: str, media_base: str, line_breaks: bool = False) -> str:
    """Markdown to sanitised HTML; relative image and link paths become URLs under `media_base`.

    With `line_breaks` each line ends with a line break, as plain language is written: one sentence
    to a line.
    """

    def adjust(element: Element) -> None:
        if element.tag in HEADINGS:
            element.tag = HEADINGS[element.tag]
        elif element.tag == "img":
            element.set("src", _rewrite(_url(element, "src"), media_base))
        elif element.tag == "a":
            href = _rewrite(_url(element, "href"), media_base)
            element.set("href", href)
            if is_external(href):
                element.set("rel", EXTERNAL_REL)

    return sanitise(_converter(adjust, line_breaks).convert(text) + "\n")


PLACEHOLDERS = frozenset({"organiser"})
PLACEHOLDER = re.compile(r"\{\{\s*([^{}]*?)\s*\}\}")


def fill_placeholders(safe_html: str, values: dict[str, str]) -> str:
    """Sanitised HTML with each `{{ name }}` replaced by its value, escaped; unknown ones left as written.

    Runs when a page is shown, so a change of configuration needs no new import.
    """
    def fill(match: re.Match) -> str:
        value = values.get(match[1])
        return match[0] if value is None else html.escape(value)

    return PLACEHOLDER.sub(fill, safe_html)


def sanitise(html: str) -> str:
    """Keep only the allow-listed tags, attributes and URL schemes of `html`."""
    return _cleaner.clean(html)


def is_external(url: str) -> bool:
    """True for a URL on another site (http, https or scheme-relative)."""
    parts = urlsplit(url)
    return parts.scheme.lower() in ("http", "https") or (not parts.scheme and bool(parts.netloc))


def is_relative_path(url: str) -> bool:
    """True for a path relative to the Markdown file, e.g. `kuva.svg` or `../liite.pdf`."""
    parts = urlsplit(url)
    return not (parts.scheme or parts.netloc or url.startswith(("/", "#", "?")) or not parts.path)


def references(text: str) -> Iterator[tuple[str, str, int]]:
    """Every image and link in the Markdown as (kind, url as written, 1-based line in `text`).

    `kind` is "image" or "link"; the line is the first one, from the previous reference's on, that
    holds the URL.
    """
    for kind, url, _alt, line in _found(text):
        yield kind, url, line


def images(text: str) -> Iterator[tuple[str, str, int]]:
    """Every image in the Markdown as (url as written, alt text, 1-based line in `text`)."""
    for kind, url, alt, line in _found(text):
        if kind == "image":
            yield url, alt, line


def word_count(text: str) -> int:
    """The words a reader sees in the Markdown: no image, URL, markup or list numbers."""
    text = _IMAGE.sub(" ", text)
    text = _LINK.sub(r"\1", text)
    text = _NUMBERED.sub(" ", text)
    return len(_WORD.findall(text))


_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_NUMBERED = re.compile(r"^\s*\d+\.\s", re.MULTILINE)
_WORD = re.compile(r"[^\W\d_]+(?:[-'’:][^\W_]+)*|\d+(?:[.,:–-]\d+)*", re.UNICODE)


def _found(text: str) -> list[tuple[str, str, str, int]]:
    found: list[tuple[str, str, str]] = []

    def collect(element: Element) -> None:
        if element.tag == "img":
            found.append(("image", _url(element, "src"), element.get("alt") or ""))
        elif element.tag == "a":
            found.append(("link", _url(element, "href"), ""))

    _converter(collect).convert(text)
    lines = text.splitlines()
    at = 0
    located = []
    for kind, url, alt in found:
        at = _line_of(url, lines, at)
        located.append((kind, url, alt, at + 1))
    return located


def _url(element: Element, name: str) -> str:
    """The URL as the Markdown means it: character references such as `&#58;` decoded."""
    return html.unescape(element.get(name) or "")


def _rewrite(url: str, base: str) -> str:
    if not is_relative_path(url):
        return url
    parts = urlsplit(url)
    path = posixpath.normpath(posixpath.join(base, unquote(parts.path)))
    fragment = f"#{parts.fragment}" if parts.fragment else ""
    return quote(path) + fragment


def _line_of(url: str, lines: list[str], start: int) -> int:
    """The index of the first line from `start` on that holds `url`, or `start`."""
    for number in range(start, len(lines)):
        if url in lines[number] or unquote(url) in unquote(lines[number]):
            return number
    return start
