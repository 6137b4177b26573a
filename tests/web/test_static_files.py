"""Static files: linked with their content's digest, kept by browsers for a year under that URL only."""

import hashlib
import re
from pathlib import Path

STYLESHEET = Path(__file__).resolve().parents[2] / "app" / "static" / "css" / "verstas.css"


def _stylesheet_url(client) -> str:
    html = client.get("/sign-in").get_data(as_text=True)
    return re.search(r'<link rel="stylesheet" href="([^"]+)"', html).group(1)


def test_pages_link_the_stylesheet_by_its_content(client):
    digest = hashlib.sha256(STYLESHEET.read_bytes()).hexdigest()[:12]

    assert _stylesheet_url(client) == f"/static/css/verstas.css?v={digest}"


def test_the_linked_stylesheet_is_kept_for_a_year(client):
    response = client.get(_stylesheet_url(client))

    assert response.status_code == 200
    assert response.get_data() == STYLESHEET.read_bytes()
    cache = response.cache_control
    assert cache.public and cache.immutable and cache.max_age == 365 * 24 * 3600 and not cache.no_cache


def test_an_old_or_missing_version_is_checked_again_each_time(client):
    for url in ("/static/css/verstas.css", "/static/css/verstas.css?v=000000000000"):
        response = client.get(url)
        assert response.status_code == 200
        assert not response.cache_control.immutable and response.cache_control.max_age is None


def test_a_file_outside_the_static_folder_is_not_found(client):
    assert client.get("/static/../config.py?v=x").status_code == 404
    assert client.get("/static/css/nothing.css").status_code == 404
