"""Content import: frameworks and courses from content/ checked and applied to the database.

- `source.py` reads the course tree (front matter with line numbers, bodies);
- `step_settings.py` checks a step's activity settings and gives their stored form;
- `markdown.py` renders Markdown to safe HTML and finds its images and links;
- `checker.py` finds every problem (`flask content check`);
- `loader.py` applies checked content by code (`flask content import`).

The frameworks' own reading and applying live in competence (`frameworks.py`, `sourcefiles.py`,
`changes.py`), which courses builds on.
"""

from courses.content_import.checker import CheckedContent, check_content, inspect_content
from courses.content_import.loader import ContentErrors, import_content

__all__ = ["CheckedContent", "ContentErrors", "check_content", "import_content", "inspect_content"]
