"""An admin downloads everything Verstas holds about one person, for that person's right of access."""

from flask import abort, current_app, render_template
from flask_babel import force_locale
from flask_login import current_user

from app.core.db import utcnow
from app.web.common.downloads import personal_download
from app.web.common.forms import ConfirmForm
from app.web.staff import bp
from courses.privacy.export import collect, to_zip


@bp.post("/users/<int:user_id>/personal-data")
def personal_data(user_id):
    """A zip of JSON files and the person's own files, with a README in the person's language."""
    if not ConfirmForm().validate_on_submit():
        abort(400)
    data = collect(current_user, user_id)
    with force_locale(data.person.language or "fi"):
        readme = render_template("staff/personal_data_readme.txt", person=data.person, made_at=utcnow(),
                                 documents=sorted(data.documents))
    archive = to_zip(data, readme, current_app.config["STORAGE_DIR"])
    return personal_download(archive, f"verstas-personal-data-{data.person.id}.zip", "application/zip")
