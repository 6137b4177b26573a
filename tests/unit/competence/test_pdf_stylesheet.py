"""The certificate stylesheet and its fonts are loaded once per process and serve every rendering."""

import io

from pypdf import PdfReader

from competence import pdf


def _fonts(document: bytes) -> set[str]:
    reader = PdfReader(io.BytesIO(document))
    found = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            descriptor = font.get_object()["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            assert "/FontFile2" in descriptor
            found.add(str(font.get_object()["/BaseFont"]).split("+")[-1])
    return found


def test_a_second_rendering_reuses_the_stylesheet_and_still_embeds_its_fonts():
    """The kept font configuration gives the second document the same embedded fonts as the first."""
    html = '<html lang="fi"><head><title>Koe</title></head><body><h1>Osaamistodistus</h1><p>Ääkköset</p></body></html>'
    first = pdf.render_html(html)
    second = pdf.render_html(html.replace("Koe", "Toinen"))

    assert pdf._stylesheet.cache_info().currsize == 1
    assert _fonts(first) == _fonts(second)
    assert any("Certificate-Sans" in name for name in _fonts(second))
