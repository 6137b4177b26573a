"""A content Markdown file as its front matter (a mapping) and body, and back to text.

Only a file an editor saves is written again, so untouched files stay as they were in content/;
a saved file keeps its keys in their order and lists of codes in one line, as content/ writes them.
"""

from dataclasses import dataclass

import yaml

from app.core.errors import Invalid
from app.core.i18n import N_


@dataclass
class MarkdownFile:
    meta: dict
    body: str


def split(text: str) -> MarkdownFile:
    """The front matter and body of a content file; Invalid when the front matter cannot be read."""
    lines = text.removeprefix("\ufeff").splitlines(keepends=True)
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), None)
    if not lines or lines[0].strip() != "---" or end is None:
        raise Invalid(N_("The file has no front matter between two lines ---."))
    try:
        meta = yaml.safe_load("".join(lines[1:end])) or {}
    except yaml.YAMLError:
        raise Invalid(N_("The front matter of the file cannot be read.")) from None
    if not isinstance(meta, dict):
        raise Invalid(N_("The front matter of the file cannot be read."))
    return MarkdownFile(meta, "".join(lines[end + 1:]))


def compose(meta: dict, body: str) -> str:
    """The text of a content file: front matter, then the body with Unix line ends."""
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, default_flow_style=None, width=4096)
    body = body.replace("\r\n", "\n").replace("\r", "\n")
    if body and not body.endswith("\n"):
        body += "\n"
    return f"---\n{front}---\n{body}"
