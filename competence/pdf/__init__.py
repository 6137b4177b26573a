"""The certificate as an accessible A4 PDF: an HTML/CSS template in this folder rendered by WeasyPrint.

The PDF is tagged (PDF/UA-1), has its language set and embeds the fonts shipped in `fonts/`
(DejaVu Sans Condensed, see fonts/LICENSE-DejaVu.txt), so it looks the same on every machine.
WeasyPrint reads nothing but the files of this folder and the QR code made in memory: the URL
fetcher refuses the network, `data:` URLs and every file outside the folder, and any refusal
stops the rendering rather than leaving a hole in the document.

The stylesheet (with its two fonts) is parsed and loaded into Fontconfig once per process and reused
by every rendering (docs/decisions/0006-process-start-up-work.md).
"""

import io
import mimetypes
import threading
from datetime import date
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

import segno
from babel.dates import format_date
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

from competence.pdf import tags
from competence.pdf.texts import localised, national_text, texts_for

PDF_DIR = Path(__file__).resolve().parent
STYLESHEET = PDF_DIR / "certificate.css"
QR_NAME = "qr.png"
DATE_FORMATS = {"fi": "d.M.yyyy", "sv": "d.M.yyyy", "en": "d MMM yyyy"}
LOCALES = {"fi": "fi_FI", "sv": "sv_FI", "en": "en_GB"}


class RefusedURL(ValueError):
    """WeasyPrint asked for something outside the template folder."""


class RenderingFailed(RuntimeError):
    """The PDF could not be made (a resource was refused or missing)."""


class TemplateFolderFetcher(URLFetcher):
    """Serves the files of one folder, and named in-memory resources as if they were in it."""

    def __init__(self, folder: Path = PDF_DIR, resources: dict[str, bytes] | None = None):
        super().__init__(fail_on_errors=True)
        self.folder = Path(folder).resolve()
        self.resources = dict(resources or {})

    def fetch(self, url, headers=None):
        parts = urlsplit(url)
        if parts.scheme.lower() != "file" or parts.netloc not in ("", "localhost"):
            raise RefusedURL(f"only files of the template folder are read, not {url[:80]}")
        path = Path(url2pathname(unquote(parts.path))).resolve()
        if not path.is_relative_to(self.folder):
            raise RefusedURL(f"{path} is outside the template folder")
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        if path.parent == self.folder and path.name in self.resources:
            body = self.resources[path.name]
        elif path.is_file():
            body = path.read_bytes()
        else:
            raise RefusedURL(f"{path.name} is not in the template folder")
        return URLFetcherResponse(url, body, {"Content-Type": content_type})


def qr_png(url: str) -> bytes:
    """A QR code (error correction M) of the verification page as a PNG of one pixel per module.

    The stylesheet scales it without smoothing (image-rendering: pixelated), so the modules print as
    sharp squares, and WeasyPrint does not have to parse an SVG path on every certificate.
    """
    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="png", scale=1, border=0, dark="#1b1f23")
    return buffer.getvalue()


def format_day(value: str | date | None, language: str) -> str:
    if not value:
        return ""
    day = value if isinstance(value, date) else date.fromisoformat(value)
    return format_date(day, DATE_FORMATS.get(language, "d.M.yyyy"), locale=LOCALES.get(language, "fi_FI"))


def grade_text(grade: str | None, values, texts: dict) -> str:
    """"4 (1–5)"; a grade that is not a number is the pass mark ("hyväksytty") in the certificate's language."""
    if not grade:
        return ""
    if not grade.isdigit():
        return texts["pass"]
    numbers = sorted(int(v) for v in values if str(v).isdigit())
    return f"{grade} ({numbers[0]}–{numbers[-1]})" if numbers else grade


_ENV = Environment(loader=FileSystemLoader(PDF_DIR), autoescape=select_autoescape(["html"]),
                   undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)


def certificate_html(content: dict, *, code: str, preview: bool = False) -> str:
    """The certificate's HTML: `content` as stored on the certificate, `code` formatted for print."""
    language = content["language"]
    texts = texts_for(language)
    return _ENV.get_template("certificate.html").render(
        c=content, t=texts, lang=language, code=code, preview=preview, qr=QR_NAME,
        name=lambda names: localised(names, language),
        national=lambda unit: national_text(unit, language),
        day=lambda value: format_day(value, language),
        grade=lambda grade, values: grade_text(grade, values, texts),
        method=lambda value: texts.get(f"method_{value}", value),
        role=lambda title, role: title if language == "fi" and title else texts.get(f"role_{role}", title or ""),
    )


# The shared font configuration is Pango/Fontconfig state, which is not safe to use from two threads
# at once; certificates are rendered seldom, so one rendering at a time per process is enough.
_RENDERING = threading.Lock()


@cache
def _stylesheet() -> tuple[FontConfiguration, CSS]:
    """certificate.css parsed once, with its @font-face fonts loaded into a font configuration kept
    for the process (only called under _RENDERING, so it is made once). WeasyPrint applies it as a user
    stylesheet, which still overrides its own defaults (they have no !important) as a linked one did.
    """
    font_config = FontConfiguration()
    css = CSS(filename=str(STYLESHEET), url_fetcher=TemplateFolderFetcher(PDF_DIR), font_config=font_config)
    return font_config, css


def render_html(html: str, resources: dict[str, bytes] | None = None) -> bytes:
    """Any HTML of this folder, styled by certificate.css, as a tagged PDF/UA-1 document, through the
    folder-only fetcher.
    """
    document = HTML(string=html, base_url=str(PDF_DIR) + "/", url_fetcher=TemplateFolderFetcher(PDF_DIR, resources))
    try:
        with _RENDERING:
            font_config, stylesheet = _stylesheet()
            return document.write_pdf(pdf_variant="pdf/ua-1", font_config=font_config, stylesheets=[stylesheet],
                                      finisher=tags.finish)
    except FatalURLFetchingError as error:
        raise RenderingFailed(str(error.__cause__ or error)) from None


def render_certificate(content: dict, *, code: str, preview: bool = False) -> bytes:
    """The certificate as PDF bytes; a preview is marked as such and has no valid code."""
    html = certificate_html(content, code=code, preview=preview)
    return render_html(html, {QR_NAME: qr_png(content["verify_url"])})
