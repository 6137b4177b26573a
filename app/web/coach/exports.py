"""The export of a learner's recognised sub-areas for the partner education provider, as JSON and CSV,
for their coach or an admin while the learner's permission is in force.
"""

import json

from flask import Response
from flask_login import current_user

from app.web.coach import bp
from app.web.common.certificates import issuer_settings
from app.web.common.spreadsheet import csv_response
from competence.export import ehoks


@bp.get("/learners/<int:learner_id>/export.json")
def learner_export_json(learner_id):
    document = ehoks.export_for(current_user, learner_id, issuer_settings())
    body = json.dumps(document, ensure_ascii=False, indent=2)
    return Response(body, mimetype="application/json", headers={
        "Content-Disposition": f'attachment; filename="osaaminen-{learner_id}.json"', "Cache-Control": "no-store"})


@bp.get("/learners/<int:learner_id>/export.csv")
def learner_export_csv(learner_id):
    document = ehoks.export_for(current_user, learner_id, issuer_settings())
    response = csv_response(ehoks.csv_rows(document), f"osaaminen-{learner_id}.csv")
    response.headers["Cache-Control"] = "no-store"
    return response
