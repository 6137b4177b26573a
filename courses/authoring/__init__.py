"""Content authoring in the browser: drafts of course source files, publishing, history.

- `models.py` the published source, draft files, and the published versions of each course;
- `published.py` the published source tree (kept verbatim at every import) and its export;
- `step_files.py` a content Markdown file as front matter and body, and back to text;
- `step_fields.py` a step's front matter as the editor's fields (quiz questions too), and back;
- `drafts.py` reading and saving draft files, with conflict detection;
- `publishing.py` checks a course's draft over the published tree, imports it, records a version;
- `history.py` versions, their differences, and restoring one as a new draft;
- `outline.py` what the content pages list;
- `pictures.py` uploaded pictures checked by content and resized for phones.
"""
