"""Open Badges 3.0 baking: a badge carried inside a PNG picture, which badge backpacks import.

The picture is the certificate's QR code (the verification page), so a person who sees the picture
can check it too. The credential is an iTXt chunk with the keyword `openbadgecredential` whose text
is the VC-JWT (its compact JWS), placed before IEND, as the Open Badges 3.0 baking section says.
"""

import io
import struct
import zlib

import segno

KEYWORD = b"openbadgecredential"
SIGNATURE = b"\x89PNG\r\n\x1a\n"
MAX_PICTURE = 2_000_000


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def _chunks(png: bytes):
    """(kind, data, start offset) of each chunk; ValueError when the bytes are not a whole PNG."""
    if not png.startswith(SIGNATURE):
        raise ValueError("not a PNG")
    position = len(SIGNATURE)
    while position + 12 <= len(png):
        (length,) = struct.unpack(">I", png[position:position + 4])
        kind = png[position + 4:position + 8]
        end = position + 12 + length
        if end > len(png):
            raise ValueError("a truncated PNG chunk")
        yield kind, png[position + 8:position + 8 + length], position
        if kind == b"IEND":
            return
        position = end
    raise ValueError("a PNG without IEND")


def picture(verify_url: str) -> bytes:
    """The badge's picture: a QR code of the certificate's verification page."""
    buffer = io.BytesIO()
    segno.make(verify_url, error="m").save(buffer, kind="png", scale=10, border=3, dark="#1b1f23")
    return buffer.getvalue()


def bake(png: bytes, token: str) -> bytes:
    """The PNG with the badge in an iTXt chunk (uncompressed, no language tag) just before IEND."""
    iend = next(start for kind, _, start in _chunks(png) if kind == b"IEND")
    text = KEYWORD + b"\x00" + b"\x00\x00" + b"\x00" + b"\x00" + token.encode("ascii")
    return png[:iend] + _chunk(b"iTXt", text) + png[iend:]


def unbake(png: bytes) -> str | None:
    """The badge baked into a PNG, or None when the bytes are not a PNG or carry no badge."""
    if len(png) > MAX_PICTURE:
        return None
    try:
        for kind, data, _ in _chunks(png):
            if kind == b"iTXt" and data.startswith(KEYWORD + b"\x00"):
                keyword_end = len(KEYWORD) + 1
                compressed = data[keyword_end]
                rest = data[keyword_end + 2:]
                _language, _, rest = rest.partition(b"\x00")
                _translated, _, text = rest.partition(b"\x00")
                if compressed:
                    text = zlib.decompressobj().decompress(text, 64_000)
                return text.decode("utf-8")
    except (ValueError, IndexError, UnicodeDecodeError, zlib.error):
        return None
    return None
