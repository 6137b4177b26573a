"""The PDF template reads only its own folder, and its wording is complete in three languages."""

import pytest
from weasyprint.urls import path2url

from competence.pdf import PDF_DIR, RefusedURL, RenderingFailed, TemplateFolderFetcher, render_html
from competence.pdf.texts import LANGUAGES, TEXTS


@pytest.fixture
def fetcher():
    return TemplateFolderFetcher(PDF_DIR, {"qr.svg": b"<svg xmlns='http://www.w3.org/2000/svg'/>"})


def test_files_of_the_template_folder_and_named_resources_are_served(fetcher):
    """The stylesheet, the shipped fonts and the in-memory QR code are readable."""
    assert b"@font-face" in fetcher.fetch(path2url(str(PDF_DIR / "certificate.css"))).read()
    font = fetcher.fetch(path2url(str(PDF_DIR / "fonts" / "DejaVuSansCondensed.ttf")))
    assert font.read(4) == b"\x00\x01\x00\x00"
    assert fetcher.fetch(path2url(str(PDF_DIR / "qr.svg"))).read().startswith(b"<svg")


@pytest.mark.parametrize("url", [
    "file:///etc/passwd",
    path2url(str(PDF_DIR.parent / "models.py")),
    path2url(str(PDF_DIR)) + "/../certificates.py",
    path2url(str(PDF_DIR)) + "/fonts/%2E%2E/%2E%2E/models.py",
    "file://attacker.example/share/x.css",
    "http://169.254.169.254/latest/meta-data/",
    "https://example.com/font.ttf",
    "ftp://example.com/x",
    "data:text/css,body{}",
])
def test_everything_outside_the_template_folder_is_refused(fetcher, url):
    """Other local files, path tricks, the network and data: URLs are all refused."""
    with pytest.raises(RefusedURL):
        fetcher.fetch(url)


@pytest.mark.parametrize("src", ["file:///etc/passwd", "http://127.0.0.1:9/x.png", "../certificates.py"])
def test_a_document_that_reaches_outside_is_not_rendered(src):
    """A refused resource stops the rendering instead of leaving a gap or reading the file."""
    with pytest.raises(RenderingFailed):
        render_html(f'<html lang="fi"><body><img src="{src}" alt="x"></body></html>')


def test_every_text_is_in_finnish_swedish_and_english():
    """The certificate's wording exists, non-empty, in all three languages."""
    for key, versions in TEXTS.items():
        assert set(versions) == set(LANGUAGES), key
        assert all(versions[language].strip() for language in LANGUAGES), key


def test_the_wording_never_claims_to_be_a_qualification_certificate():
    """The title is a certificate of competence, and the document says it is not a qualification certificate."""
    assert TEXTS["title"]["fi"] == "Osaamistodistus"
    assert "ei ole tutkintotodistus" in TEXTS["not_qualification"]["fi"]
    assert "inte ett examensbetyg" in TEXTS["not_qualification"]["sv"]
    assert "not a qualification certificate" in TEXTS["not_qualification"]["en"]
    for key, versions in TEXTS.items():
        if key not in ("not_qualification", "badge_description"):
            assert "tutkintotodistus" not in versions["fi"].lower(), key
