"""A small competence framework built straight into the database: a graded unit of two objectives
(2 osp, the objectives the course factory's steps name) and a pass/fail unit of one (1 osp)."""

from types import SimpleNamespace

from app.core.db import db
from competence.models import CompetenceArea, Objective, Unit

SCALES = {
    "grade-1-5": {"name": {"fi": "Arvosana 1–5"}, "values": [1, 2, 3, 4, 5], "criteria_for": [1, 3, 5]},
    "pass-fail": {"name": {"fi": "Hyväksytty"}, "values": ["hyväksytty"], "criteria_for": ["hyväksytty"]},
}
CRITERIA = {"1": {"fi": "Ohjattuna."}, "3": {"fi": "Itsenäisesti."}, "5": {"fi": "Opastaa muita."}}


def make_framework():
    area = CompetenceArea(code="TET", name={"fi": "Työelämätaidot", "en": "Work-life skills"}, osp=3,
                          scales=SCALES)
    graded = Unit(area=area, code="TET-TT", name={"fi": "Työelämässä toimiminen", "en": "Working life"},
                  osp=2, scale="grade-1-5", position=1,
                  national={"code": "YTTT", "koodisto": "ammatillisenoppiaineet",
                            "name": {"fi": "Työelämässä toimiminen", "en": "Operating in the world of work"},
                            "unit": {"code": "106729", "koodisto": "tutkinnonosat",
                                     "name": {"fi": "Yhteiskunta- ja työelämäosaaminen"}}})
    passed = Unit(area=area, code="TET-PF", name={"fi": "Hyväksytty osa", "en": "Pass unit"}, osp=1,
                  scale="pass-fail", position=2)
    objectives = [
        Objective(unit=graded, code="TET-TT-1", name={"fi": "Osaan etsiä työpaikkoja."}, criteria=CRITERIA,
                  position=1),
        Objective(unit=graded, code="TET-TT-2", name={"fi": "Tiedän oikeuteni."}, criteria=CRITERIA,
                  position=2),
        Objective(unit=passed, code="TET-PF-1", name={"fi": "Osaan toimia turvallisesti."},
                  criteria={"hyväksytty": {"fi": "Toimii ohjeiden mukaan."}}, position=1),
    ]
    db.session.add_all([area, graded, passed, *objectives])
    db.session.commit()
    return SimpleNamespace(area=area, graded=graded, passed=passed)
