"""Stored uploads sent back to the people allowed to see them (task files and evidence), and other
downloads of personal data.
"""

import io

from flask import Response, current_app, send_file

from app.core.files import download_name, stored_path


def stored_upload(file) -> Response:
    """The stored bytes as an attachment named and typed by the detected type, never kept by the browser.

    `file` is any uploaded file row (stored_name, original_name, content_type). no-store, not no-cache:
    learners use the workshop's shared computers, where a cached copy would stay for the next person.
    """
    response = send_file(stored_path(current_app.config["STORAGE_DIR"], file.stored_name),
                         mimetype=file.content_type, as_attachment=True,
                         download_name=download_name(file.original_name, file.content_type))
    response.headers["Cache-Control"] = "no-store"
    return response


def personal_download(data: bytes, name: str, mimetype: str) -> Response:
    """Bytes made for this request (a person's data export) as an attachment, never kept by the browser."""
    response = send_file(io.BytesIO(data), mimetype=mimetype, as_attachment=True, download_name=name)
    response.headers["Cache-Control"] = "no-store"
    return response
