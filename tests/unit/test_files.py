"""Upload type detection: zip-based documents are judged without unpacking a zip bomb."""

import bz2
import io
import struct
import tracemalloc
import zipfile
import zlib

import pytest

from app.core import files
from app.core.errors import Invalid

ODT_MIMETYPE = files.CONTENT_TYPES["odt"].encode()
HUGE = 300 * 1024 * 1024


def deflated_zeros(size: int) -> bytes:
    """Raw deflate of `size` zero bytes, built from one repeated fully flushed block, so it is fast."""
    chunk = bytes(1 << 20)
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    first = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    again = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    return first + again * (size // len(chunk) - 1) + compressor.flush()


def handmade_zip(members) -> bytes:
    """A zip of (name, method, compressed bytes, declared size, crc), sizes declared as given."""
    body, directory = b"", b""
    for name, method, data, declared, crc in members:
        encoded = name.encode()
        fields = struct.pack("<HHHHHIII", 20, 0, method, 0, 0, crc, len(data), declared)
        directory += (b"PK\x01\x02" + struct.pack("<H", 20) + fields
                      + struct.pack("<HHHHHII", len(encoded), 0, 0, 0, 0, 0, len(body)) + encoded)
        body += b"PK\x03\x04" + fields + struct.pack("<HH", len(encoded), 0) + encoded + data
    return (body + directory + b"PK\x05\x06"
            + struct.pack("<HHHHIIH", 0, 0, len(members), len(members), len(directory), len(body), 0))


def odt_bomb(method: int, data: bytes, declared: int) -> bytes:
    return handmade_zip([("mimetype", method, data, declared, 0),
                         ("content.xml", zipfile.ZIP_STORED, b"<x/>", 4, zlib.crc32(b"<x/>"))])


def detected_with_peak(data: bytes):
    tracemalloc.start()
    try:
        kind = files.detect_type(data)
        return kind, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def real_docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document>" + "<w:p>Hei</w:p>" * 5000 + "</w:document>")
    return buffer.getvalue()


def real_odt() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", ODT_MIMETYPE, compress_type=zipfile.ZIP_STORED)
        archive.writestr("content.xml", "<office:document-content/>" * 1000)
    return buffer.getvalue()


def test_real_documents_are_still_recognised():
    """Ordinary DOCX and ODT files, compressed as office programs do, pass the zip checks."""
    assert files.detect_type(real_docx()) == "docx"
    assert files.detect_type(real_odt()) == "odt"


def test_a_few_hundred_bytes_declaring_hundreds_of_megabytes_is_refused():
    """A tiny zip whose mimetype declares 300 MB is refused by its declared size, before reading."""
    bomb = odt_bomb(zipfile.ZIP_DEFLATED, zlib.compress(bytes(1000))[2:-4], HUGE)
    assert len(bomb) < 500
    kind, peak = detected_with_peak(bomb)
    assert kind is None and peak < 20 * 1024 * 1024


def test_honest_deflate_bomb_is_refused_with_flat_memory():
    """A mimetype that really inflates to 300 MB, sizes declared truly, is refused by size and ratio."""
    data = deflated_zeros(HUGE)
    kind, peak = detected_with_peak(odt_bomb(zipfile.ZIP_DEFLATED, data, HUGE))
    assert kind is None and peak < 20 * 1024 * 1024


def test_lying_deflate_bomb_is_read_only_a_few_hundred_bytes():
    """A mimetype declared small but inflating to 300 MB is read only up to the cap, and refused."""
    data = deflated_zeros(HUGE)
    kind, peak = detected_with_peak(odt_bomb(zipfile.ZIP_DEFLATED, data, len(ODT_MIMETYPE)))
    assert kind is None and peak < 20 * 1024 * 1024
    kind, peak = detected_with_peak(odt_bomb(zipfile.ZIP_DEFLATED, data, files.MAX_MIMETYPE_BYTES))
    assert kind is None and peak < 20 * 1024 * 1024


def test_unusual_compression_and_too_many_members_are_refused():
    """Only stored and deflated members are trusted, and a document has a bounded number of members."""
    tiny_bzip2 = bz2.compress(bytes(1 << 20))
    assert files.detect_type(odt_bomb(zipfile.ZIP_BZIP2, tiny_bzip2, 1 << 20)) is None
    many = handmade_zip([("mimetype", zipfile.ZIP_STORED, ODT_MIMETYPE, len(ODT_MIMETYPE), zlib.crc32(ODT_MIMETYPE))]
                        + [(f"x{i}", zipfile.ZIP_STORED, b"", 0, 0) for i in range(files.MAX_ZIP_MEMBERS)])
    assert files.detect_type(many) is None
    few = handmade_zip([("mimetype", zipfile.ZIP_STORED, ODT_MIMETYPE, len(ODT_MIMETYPE), zlib.crc32(ODT_MIMETYPE))])
    assert files.detect_type(few) == "odt"


def test_a_zip_bomb_upload_is_refused_as_a_wrong_type(tmp_path):
    """Storing a zip bomb fails with the wrong-type message the person already knows."""
    bomb = odt_bomb(zipfile.ZIP_DEFLATED, zlib.compress(bytes(1000))[2:-4], HUGE)
    with pytest.raises(Invalid) as refused:
        files.store_upload(str(tmp_path), "raportti.odt", bomb)
    assert refused.value.message.startswith("This type of file cannot be used here.")
    assert not (tmp_path / "uploads").exists() or not any((tmp_path / "uploads").iterdir())


@pytest.mark.parametrize("given, content_type, expected", [
    ("todistus.hta", "application/pdf", "todistus.pdf"),
    ("cv.pdf", "application/pdf", "cv.pdf"),
    ("kuva.jpeg", "image/jpeg", "kuva.jpg"),
    ("raportti", files.CONTENT_TYPES["docx"], "raportti.docx"),
    (".hta", "image/png", "hta.png"),
    ("../../etc/passwd.exe", files.CONTENT_TYPES["odt"], "passwd.odt"),
])
def test_download_name_takes_the_detected_types_extension(given, content_type, expected):
    """A download keeps the person's base name but always ends with the detected type's extension."""
    assert files.download_name(given, content_type) == expected
