"""Markdown from content/ to safe HTML, rendered once on import and never per request.

markdown-it-py (CommonMark plus tables, raw HTML off) turns Markdown into HTML; the token stream is
adjusted on the way (headings kept to h2–h4, relative images and links pointed at the content media
route, external links marked rel="noopener noreferrer"), and nh3 then keeps only an explicit
allow-list of tags, attributes and URL schemes, whatever the Markdown contained.
"""

import posixpath
from collections.abc import Iterator
from urllib.parse import quote, unquote, urlsplit

import nh3
from markdown_it import MarkdownIt

MEDIA_PREFIX = "/content-media"
EXTERNAL_REL = "noopener noreferrer"

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


def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).enable("table")


_markdown = _parser()


def media_base(course_slug: str, module_folder: str | None = None) -> str:
    """The URL folder that relative images and links of a course or module file point into."""
    parts = [course_slug] if module_folder is None else [course_slug, module_folder]
    return "/".join([MEDIA_PREFIX, *(quote(part) for part in parts)])


def render_markdown(text: str, media_base: str) -> str:
    """Markdown to sanitised HTML; relative image and link paths become URLs under `media_base`."""
    tokens = _markdown.parse(text)
    for token in _walk(tokens):
        if token.type in ("heading_open", "heading_close"):
            token.tag = f"h{min(max(int(token.tag[1]), 2), 4)}"
        elif token.type == "image":
            token.attrSet("src", _rewrite(token.attrGet("src") or "", media_base))
        elif token.type == "link_open":
            href = _rewrite(token.attrGet("href") or "", media_base)
            token.attrSet("href", href)
            if is_external(href):
                token.attrSet("rel", EXTERNAL_REL)
    return sanitise(_markdown.renderer.render(tokens, _markdown.options, {}))


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

    `kind` is "image" or "link"; the URL is as markdown-it normalised it (percent-encoded).
    """
    lines = text.splitlines()
    for block in _markdown.parse(text):
        if block.type != "inline" or not block.map:
            continue
        for token in _walk(block.children or []):
            if token.type == "image":
                kind, url = "image", token.attrGet("src") or ""
            elif token.type == "link_open":
                kind, url = "link", token.attrGet("href") or ""
            else:
                continue
            yield kind, url, _line_of(unquote(url), lines, block.map)


def _walk(tokens) -> Iterator:
    for token in tokens:
        yield token
        if token.children:
            yield from _walk(token.children)


def _rewrite(url: str, base: str) -> str:
    if not is_relative_path(url):
        return url
    parts = urlsplit(url)
    path = posixpath.normpath(posixpath.join(base, unquote(parts.path)))
    fragment = f"#{parts.fragment}" if parts.fragment else ""
    return quote(path) + fragment


def _line_of(url: str, lines: list[str], span: list[int]) -> int:
    start, end = span
    for number in range(start, min(end, len(lines))):
        if url in lines[number] or url in unquote(lines[number]):
            return number + 1
    return start + 1
