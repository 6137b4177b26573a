"""Finnish and Swedish are complete for every string the code and templates show."""

import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "lazy_gettext": None, "_l": None, "N_": None}


def source_messages() -> set[str]:
    method_map = [("app/templates/**.html", "jinja2"), ("app/**.py", "python"),
                  ("courses/**.py", "python"), ("competence/**.py", "python")]
    found = set()
    for _, _, message, _, _ in extract_from_dir(ROOT, method_map, keywords=KEYWORDS):
        found.add(message[0] if isinstance(message, tuple) else message)
    return found


@pytest.fixture(scope="module")
def messages():
    return source_messages()


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_every_message_is_translated(messages, language):
    """Every msgid in the code has a non-empty, non-fuzzy translation (run ./scripts/translations)."""
    with open(ROOT / "app" / "translations" / language / "LC_MESSAGES" / "messages.po", "rb") as f:
        catalog = read_po(f)
    missing = []
    for msgid in sorted(messages):
        entry = catalog.get(msgid)
        strings = entry.string if entry is not None else None
        if isinstance(strings, tuple | list):
            strings = "".join(strings) if all(strings) else ""
        if entry is None or not strings or entry.fuzzy:
            missing.append(msgid)
    assert missing == [], f"{len(missing)} untranslated in {language}: {missing[:10]}"


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_placeholders_are_kept(language):
    """A translation keeps the same %(name)s placeholders as its source."""
    with open(ROOT / "app" / "translations" / language / "LC_MESSAGES" / "messages.po", "rb") as f:
        catalog = read_po(f)
    for entry in catalog:
        if not entry.id or not entry.string:
            continue
        source = entry.id if isinstance(entry.id, str) else entry.id[0]
        strings = [entry.string] if isinstance(entry.string, str) else list(entry.string)
        for translated in strings:
            assert set(PLACEHOLDER.findall(translated)) <= set(PLACEHOLDER.findall(source)) | {"num"}, source
