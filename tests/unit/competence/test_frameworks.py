"""Framework files are validated with line numbers and applied by code, updating in place."""

import pytest
from sqlalchemy import select

from app.core.db import db
from competence.changes import ImportReport
from competence.frameworks import apply_frameworks, read_frameworks
from competence.models import CompetenceArea, Objective, Unit
from config import BASE_DIR

FRAMEWORK = """\
code: DEMO
name: {fi: Demo, en: Demo}
osp: 3
scales:
  grade-1-5:
    name: {fi: Arvosana}
    values: [1, 2, 3, 4, 5]
    criteria_for: [1, 3, 5]
  pass-fail:
    name: {fi: Hyväksytty}
    values: [hyväksytty]
    criteria_for: [hyväksytty]
units:
  - code: DEMO-A
    name: {fi: Ensimmäinen}
    osp: 2
    scale: grade-1-5
    national:
      code: YTTT
      koodisto: ammatillisenoppiaineet
      name: {fi: Kansallinen nimi}
      unit: {code: "106729", koodisto: tutkinnonosat, name: {fi: Yhteinen osa}}
    objectives:
      - code: DEMO-A-1
        name: {fi: Osaan yhden asian.}
        criteria:
          1: {fi: Ohjattuna.}
          3: {fi: Itsenäisesti.}
          5: {fi: Opastaa muita.}
  - code: DEMO-B
    name: {fi: Toinen}
    osp: 1
    scale: pass-fail
    objectives:
      - code: DEMO-B-1
        name: {fi: Osaan toisen asian.}
        criteria:
          hyväksytty: {fi: Tekee sen.}
"""


@pytest.fixture
def frameworks(tmp_path):
    """A content folder with one framework file; returns a writer for framework files."""
    root = tmp_path / "content"
    (root / "frameworks").mkdir(parents=True)

    def write(text=FRAMEWORK, name="demo.yaml"):
        (root / "frameworks" / name).write_text(text, encoding="utf-8")
        return root

    write()
    return write


def line_of(text: str, fragment: str, nth: int = 1) -> int:
    return [n for n, line in enumerate(text.splitlines(), 1) if fragment in line][nth - 1]


def problems_for(text: str, write) -> list[str]:
    return [str(p) for p in read_frameworks(write(text)).problems]


def test_the_real_framework_is_valid():
    """content/frameworks/tet.yaml reads clean: four units, 7 osp in all."""
    result = read_frameworks(BASE_DIR / "content")
    assert result.problems == []
    [area] = result.areas
    assert area.code == "VERSTAS-TYOELAMATAIDOT" and area.osp == 7
    assert [(u.code, u.osp) for u in area.units] == [
        ("TET-TT", 2), ("TET-OU", 1), ("TET-TH", 2), ("TET-DI", 2)
    ]
    assert "TET-DI-3" in result.objective_codes()


def test_sample_framework_is_valid(frameworks):
    """The sample the other tests break reads clean, with grades kept as strings."""
    result = read_frameworks(frameworks())
    assert result.problems == []
    objective = result.areas[0].units[0].objectives[0]
    assert objective.criteria["5"] == {"fi": "Opastaa muita."}
    assert result.areas[0].scales["grade-1-5"]["criteria_for"] == ["1", "3", "5"]


def test_yaml_error_has_its_line(frameworks):
    """A YAML syntax error names the file and the line."""
    text = FRAMEWORK.replace("osp: 3\n", "osp: 3\n  bad: [\n")
    [problem] = problems_for(text, frameworks)
    assert problem == (f"content/frameworks/demo.yaml:{line_of(text, 'bad: [')}: "
                       "bad YAML: mapping values are not allowed here")


def test_missing_code(frameworks):
    """A unit without a code is reported at the unit."""
    text = FRAMEWORK.replace("  - code: DEMO-B\n    name: {fi: Toinen}", "  - name: {fi: Toinen}")
    problems = problems_for(text, frameworks)
    assert f"content/frameworks/demo.yaml:{line_of(text, 'name: {fi: Toinen}')}: missing code" in problems


def test_duplicate_codes_across_files(frameworks):
    """A code defined in two files is reported in the second, naming the first."""
    frameworks()
    other = FRAMEWORK.replace("code: DEMO\n", "code: MUU\n").replace("DEMO-A", "MUU-A").replace("B-1", "B-2")
    root = frameworks(other, name="muu.yaml")
    problems = [str(p) for p in read_frameworks(root).problems]
    first = f"content/frameworks/demo.yaml:{line_of(FRAMEWORK, 'code: DEMO-B')}"
    assert problems == [
        f"content/frameworks/muu.yaml:{line_of(other, 'code: DEMO-B')}: "
        f"duplicate code DEMO-B (also at {first})"
    ]


def test_unknown_scale(frameworks):
    """A unit names a scale the file does not define."""
    text = FRAMEWORK.replace("scale: pass-fail", "scale: pass")
    assert problems_for(text, frameworks) == [
        f"content/frameworks/demo.yaml:{line_of(text, 'scale: pass')}: unknown scale 'pass' "
        "(the file defines: grade-1-5, pass-fail)"
    ]


def test_criteria_match_the_scale(frameworks):
    """Criteria are written exactly for the scale's criteria_for grades."""
    text = FRAMEWORK.replace("          5: {fi: Opastaa muita.}\n", "")
    assert problems_for(text, frameworks) == [
        f"content/frameworks/demo.yaml:{line_of(text, 'criteria:')}: "
        "objective DEMO-A-1: criteria are written for 1, 3, but the scale needs 1, 3, 5"
    ]


def test_unit_osp_add_up_to_the_area(frameworks):
    """The units' osp must sum to the area's osp."""
    text = FRAMEWORK.replace("osp: 3\n", "osp: 4\n")
    assert problems_for(text, frameworks) == [
        "content/frameworks/demo.yaml:3: the units' osp add up to 3, but the area has osp 4"
    ]


def test_objective_code_starts_with_its_unit_code(frameworks):
    """An objective's code extends its unit's code."""
    text = FRAMEWORK.replace("code: DEMO-B-1", "code: DEMO-A-2")
    assert problems_for(text, frameworks) == [
        f"content/frameworks/demo.yaml:{line_of(text, 'code: DEMO-A-2')}: objective code DEMO-A-2 does not "
        "start with its unit code DEMO-B-"
    ]


def test_missing_finnish_name(frameworks):
    """Every area, unit and objective has a Finnish name."""
    text = FRAMEWORK.replace("name: {fi: Osaan toisen asian.}", "name: {en: I can do another thing.}")
    assert problems_for(text, frameworks) == [
        f"content/frameworks/demo.yaml:{line_of(text, 'I can do another')}: missing fi name"
    ]


def test_scale_criteria_for_must_be_values(frameworks):
    """A scale's criteria_for grades are among its values."""
    text = FRAMEWORK.replace("criteria_for: [1, 3, 5]", "criteria_for: [1, 3, 6]")
    problems = problems_for(text, frameworks)
    assert (f"content/frameworks/demo.yaml:{line_of(text, 'criteria_for: [1, 3, 6]')}: scale grade-1-5: "
            "criteria_for 6 is not one of its values") in problems


def test_apply_creates_then_leaves_unchanged(app, frameworks):
    """Applying twice creates once; the second time every row is unchanged."""
    areas = read_frameworks(frameworks()).areas
    first = ImportReport()
    apply_frameworks(areas, first)
    db.session.commit()
    assert first.counts()["objective"] == {"created": 2, "updated": 0, "archived": 0, "unchanged": 0}
    unit = db.session.scalar(select(Unit).where(Unit.code == "DEMO-B"))
    assert (unit.area.code, unit.osp, unit.scale, unit.position) == ("DEMO", 1, "pass-fail", 2)
    assert unit.objectives[0].criteria == {"hyväksytty": {"fi": "Tekee sen."}}
    assert unit.objectives[0].compulsory
    second = ImportReport()
    apply_frameworks(read_frameworks(frameworks()).areas, second)
    assert not second.changed and not db.session.dirty


def test_apply_updates_in_place_archives_and_restores(app, frameworks):
    """A changed unit keeps its id; a removed one is archived; it is restored when it returns."""
    apply_frameworks(read_frameworks(frameworks()).areas, ImportReport())
    db.session.commit()
    unit_id = db.session.scalar(select(Unit.id).where(Unit.code == "DEMO-A"))
    without_b = FRAMEWORK[:FRAMEWORK.index("  - code: DEMO-B")].replace("osp: 3\n", "osp: 2\n", 1)
    report = ImportReport()
    apply_frameworks(read_frameworks(frameworks(without_b.replace("Kansallinen nimi", "Uusi"))).areas, report)
    db.session.commit()
    assert report.codes[("unit", "updated")] == ["DEMO-A"]
    assert report.codes[("unit", "archived")] == ["DEMO-B"]
    assert report.codes[("objective", "archived")] == ["DEMO-B-1"]
    assert db.session.get(Unit, unit_id).national["name"] == {"fi": "Uusi"}
    assert db.session.scalar(select(Objective).where(Objective.code == "DEMO-B-1")).archived_at is not None
    report = ImportReport()
    apply_frameworks(read_frameworks(frameworks()).areas, report)
    assert ("unit", "DEMO-B") in report.restored
    assert db.session.scalar(select(Unit).where(Unit.code == "DEMO-B")).archived_at is None
    assert db.session.scalar(select(CompetenceArea)).osp == 3


def test_a_unit_names_its_national_code_and_common_unit(frameworks):
    """A unit's `national:` is read as the sub-area code, its koodisto and names, and its common unit."""
    area = read_frameworks(frameworks()).areas[0]
    assert area.units[0].national == {
        "code": "YTTT", "koodisto": "ammatillisenoppiaineet", "name": {"fi": "Kansallinen nimi"},
        "unit": {"code": "106729", "koodisto": "tutkinnonosat", "name": {"fi": "Yhteinen osa"}}}
    assert area.units[1].national == {}


def test_a_national_code_outside_the_koodistot_is_a_problem(frameworks):
    """A lowercase code or an unknown koodisto is reported with its line, so no unit claims a made-up code."""
    text = FRAMEWORK.replace("code: YTTT", "code: yttt").replace("koodisto: tutkinnonosat", "koodisto: omat")
    problems = [p.message for p in read_frameworks(frameworks(text)).problems]
    assert any("'yttt' is not a national code" in m for m in problems)
    assert any("koodisto 'omat'" in m for m in problems)


def test_the_shipped_framework_uses_the_national_codes():
    """The shipped Työelämätaidot units point to YTTT, YTOU, YTTH and VVTD, and the local grouping has
    a code of its own (TET is a legacy national code)."""
    from pathlib import Path
    area = read_frameworks(Path(__file__).parents[3] / "content").areas[0]
    assert area.code != "TET" and "paikallinen" in area.name["fi"]
    assert [u.national["code"] for u in area.units] == ["YTTT", "YTOU", "YTTH", "VVTD"]
    assert [u.national["unit"]["code"] for u in area.units] == ["106729", "106729", "106729", "106727"]


def test_the_shipped_national_names_are_official_in_three_languages():
    """Each shipped sub-area and common unit carries its koodisto name in Finnish, Swedish and English."""
    from pathlib import Path
    area = read_frameworks(Path(__file__).parents[3] / "content").areas[0]
    units = {u.national["code"]: u.national for u in area.units}
    assert units["YTTT"]["name"] == {"fi": "Työelämässä toimiminen", "sv": "Att verka i arbetslivet",
                                     "en": "Operating in the world of work"}
    assert units["VVTD"]["unit"]["name"] == {"fi": "Viestintä- ja vuorovaikutusosaaminen",
                                             "sv": "Kunnande i kommunikation och interaktion",
                                             "en": "Communication and interaction competence"}
    assert units["YTTH"]["unit"]["name"]["sv"] == "Kunnande om samhälle och arbetsliv"
    for national in units.values():
        assert set(national["name"]) == set(national["unit"]["name"]) == {"fi", "sv", "en"}
