"""Files of file tasks: the shared upload rules of app.core.files, under the names courses used."""

from app.core.files import (
    ALL_TYPES,
    CONTENT_TYPES,
    MAX_BYTES,
    StoredFile,
    clean_name,
    detect_type,
    remove_stored,
    store_upload,
    stored_path,
)

__all__ = ["ALL_TYPES", "CONTENT_TYPES", "MAX_BYTES", "StoredFile", "clean_name", "detect_type",
           "remove_stored", "store_upload", "stored_path"]
