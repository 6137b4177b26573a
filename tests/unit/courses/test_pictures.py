"""Pictures for content: PNG, JPEG and WebP by their bytes, never SVG; phone-sized; alt text required."""

import io

import pytest
from PIL import Image

from app.core.errors import Invalid
from courses.authoring.pictures import MAX_WIDTH, add_picture, phone_sized, picture_name, pictures_in

FOLDER = "courses/demo/01-alku/"


def _picture(kind="PNG", size=(2000, 1000)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(out, kind)
    return out.getvalue()


@pytest.mark.parametrize(("kind", "ext"), [("PNG", "png"), ("JPEG", "jpg"), ("WEBP", "webp")])
def test_pictures_are_made_phone_sized(kind, ext):
    """A wide picture of each accepted type comes back at most MAX_WIDTH wide, same kind, same shape."""
    data, found = phone_sized(_picture(kind))
    image = Image.open(io.BytesIO(data))
    assert found == ext and image.size == (MAX_WIDTH, MAX_WIDTH // 2)


@pytest.mark.parametrize("data", [
    b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
    b"%PDF-1.4\n", b"GIF89a....", b"\x89PNG\r\n\x1a\nbroken", b"",
])
def test_anything_else_is_refused_by_its_content(data):
    """SVG, PDF, GIF and broken files are refused whatever their name."""
    with pytest.raises(Invalid):
        phone_sized(data)


def test_names_are_content_names_and_never_overwrite():
    """The uploaded name becomes lowercase a-z, 0-9 and -, with a number when taken."""
    assert picture_name("Työpaikka Kuva.JPG", "jpg", set()) == "tyopaikka-kuva.jpg"
    assert picture_name("kuva.png", "png", {"kuva.png"}) == "kuva-2.png"
    assert picture_name("!!!.png", "png", set()) == "kuva.png"


def test_a_picture_needs_alt_text_and_is_saved_as_a_draft(app, world):
    """Without alt text nothing is saved; with it the picture is a draft file and the Markdown line is given."""
    with pytest.raises(Invalid):
        add_picture(world.admin, "DEMO-KURSSI", FOLDER, "kuva.png", _picture(), "  ")
    line = add_picture(world.admin, "DEMO-KURSSI", FOLDER, "Kuva.png", _picture(), "Punainen [laatta]")
    assert line == "![Punainen (laatta)](kuva.png)"
    assert pictures_in("DEMO-KURSSI", FOLDER) == ["kuva.png"]
