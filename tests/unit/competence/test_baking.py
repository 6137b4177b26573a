"""Open Badges 3.0 baking: the badge travels inside a PNG and comes out unchanged."""

import zlib

from competence import baking

TOKEN = "eyJhbGciOiJSUzI1NiJ9.eyJpZCI6InVybjp1dWlkOjEifQ.c2lnbmF0dXJl"


def test_a_baked_picture_is_a_png_that_carries_the_badge():
    """The baked PNG still starts and ends as a PNG and gives back the exact token."""
    png = baking.picture("https://verstas.example.fi/verify/ABCD")
    baked = baking.bake(png, TOKEN)
    assert baked.startswith(baking.SIGNATURE) and baked.endswith(png[-12:])
    assert baking.unbake(baked) == TOKEN
    assert baking.unbake(png) is None


def test_the_itxt_chunk_is_well_formed():
    """The chunk is iTXt with keyword openbadgecredential, uncompressed, and its CRC is right."""
    baked = baking.bake(baking.picture("https://x.example/verify/A"), TOKEN)
    [(data, start)] = [(data, start) for kind, data, start in baking._chunks(baked) if kind == b"iTXt"]
    assert data.startswith(b"openbadgecredential\x00\x00\x00")
    crc = int.from_bytes(baked[start + 8 + len(data):start + 12 + len(data)], "big")
    assert crc == zlib.crc32(b"iTXt" + data) & 0xFFFFFFFF


def test_unbaking_odd_bytes_gives_nothing():
    """Not a PNG, a truncated PNG, or a PDF: no badge and no error."""
    assert baking.unbake(b"%PDF-1.7 ...") is None
    assert baking.unbake(baking.SIGNATURE + b"\x00\x00\x00\xffIHDR") is None
    assert baking.unbake(b"") is None
