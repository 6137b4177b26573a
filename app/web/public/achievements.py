"""What a badge's achievement means: a public page per unit with its objectives and criteria, and the
picture that badges and the issuer profile show. Verifiers and employers open these from a badge.
"""

from flask import abort, current_app, render_template, send_from_directory

from app.web.public import bp
from competence.catalog import framework


@bp.get("/credentials/achievements/<code>")
def achievement(code):
    snapshot = framework()
    found = next(((area, unit) for area in snapshot.areas for unit in area.units if unit.code == code), None)
    if found is None:
        abort(404)
    area, unit = found
    scale = next(iter(u.scale_values for u in area.units if u.code == code))
    return render_template("public/achievement.html", area=area, unit=unit, scale=scale)


@bp.get("/credentials/image.svg")
def badge_image():
    response = send_from_directory(current_app.static_folder, "badge.svg", mimetype="image/svg+xml", max_age=86400)
    response.headers["Access-Control-Allow-Origin"] = "*"
    return response
