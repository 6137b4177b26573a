"""Content authoring in the browser: drafts of course source files, publishing, history.

- `models.py` the draft files and the published versions of each course;
- `published.py` the published source tree (kept verbatim at every import) and its export;
- `step_files.py` a step's Markdown file as fields (front matter, questions, body) and back;
- `drafts.py` reading and saving draft files, with conflict detection;
- `publishing.py` checks a course's draft over the published tree, imports it, records a version;
- `history.py` versions, their differences, and restoring one as a new draft;
- `pictures.py` uploaded pictures checked by content and resized for phones.
"""
