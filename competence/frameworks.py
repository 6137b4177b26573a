"""Competence frameworks from content/frameworks/*.yaml: read, validate with line numbers, apply.

Reading never stops at the first problem: it collects every Problem it can find and still returns
what it could read, so the course checker can tell known objective codes from unknown ones.
Grades, scale values and criteria keys are kept as strings ("1", "hyväksytty").
"""

import re
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select

from app.core.db import db
from competence.changes import ImportReport, archive_missing, upsert
from competence.models import CompetenceArea, Objective, Unit
from competence.sourcefiles import Located, Problem, YAMLProblem, load_yaml

CODE_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,63}")
NATIONAL_CODE = re.compile(r"[A-Z0-9]{2,16}")
# The national code lists (koodistot) a unit may point to: sub-areas and qualification units.
KOODISTOT = ("ammatillisenoppiaineet", "tutkinnonosat")


@dataclass(frozen=True)
class ObjectiveSpec:
    code: str
    name: dict
    criteria: dict  # {grade: {fi, sv, en}}
    position: int
    compulsory: bool = True


@dataclass(frozen=True)
class UnitSpec:
    code: str
    name: dict
    osp: int
    scale: str
    national: dict  # {code, koodisto, name, unit: {code, koodisto, name}} or {} for a local unit
    position: int
    objectives: tuple[ObjectiveSpec, ...]


@dataclass(frozen=True)
class AreaSpec:
    code: str
    name: dict
    osp: int
    scales: dict  # {code: {"name": {...}, "values": [...], "criteria_for": [...]}}
    units: tuple[UnitSpec, ...]
    path: str


@dataclass
class FrameworkSet:
    """Every framework read from the content, and the problems found in them."""

    areas: list[AreaSpec] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    files: list[str] = field(default_factory=list)

    def area_codes(self) -> set[str]:
        return {area.code for area in self.areas}

    def objective_codes(self) -> set[str]:
        return {o.code for a in self.areas for u in a.units for o in u.objectives}


def shown_path(path: Path, root: Path) -> str:
    """A file's path as problems show it: relative to the content folder's parent where possible."""
    try:
        return str(path.relative_to(root.parent))
    except ValueError:
        return str(path)


def read_frameworks(root: Path) -> FrameworkSet:
    """Read and validate `root/frameworks/*.yaml`; codes must be unique across all files."""
    result = FrameworkSet()
    seen_codes: dict[str, str] = {}
    folder = root / "frameworks"
    paths = sorted([*folder.glob("*.yaml"), *folder.glob("*.yml")]) if folder.is_dir() else []
    for path in paths:
        result.files.append(shown_path(path, root))
        reader = _FileReader(shown_path(path, root), result.problems, seen_codes)
        area = reader.read(path)
        if area is not None:
            result.areas.append(area)
    return result


class _FileReader:
    """Reads one framework file, adding a Problem for everything wrong in it."""

    def __init__(self, shown: str, problems: list[Problem], seen_codes: dict[str, str]):
        self.shown = shown
        self.problems = problems
        self.seen_codes = seen_codes
        self.doc = Located(None)

    def problem(self, message: str, *path) -> None:
        self.problems.append(Problem(self.shown, self.doc.line(*path), message))

    def read(self, path: Path) -> AreaSpec | None:
        try:
            self.doc = load_yaml(path.read_text(encoding="utf-8"))
        except YAMLProblem as error:
            self.problems.append(Problem(self.shown, error.line, f"bad YAML: {error.message}"))
            return None
        except UnicodeDecodeError:
            self.problem("the file is not UTF-8 text")
            return None
        for key_path, line in self.doc.duplicate_keys:
            self.problems.append(Problem(self.shown, line, f"duplicate key {key_path[-1]!r}"))
        data = self.doc.data
        if not isinstance(data, dict):
            self.problem("a framework file is a mapping with code, name, osp, scales and units")
            return None
        code = self.code(data, ())
        name = self.name(data, ())
        osp = self.osp(data, ())
        scales = self.scales(data.get("scales"))
        units = self.units(data.get("units"), code, scales)
        if osp is not None and units and all(u.osp is not None for u in units):
            total = sum(u.osp for u in units)
            if total != osp:
                self.problem(f"the units' osp add up to {total}, but the area has osp {osp}", "osp")
        return AreaSpec(code or "", name, osp or 0, scales, tuple(units), self.shown)

    def code(self, data: dict, path: tuple) -> str | None:
        code = data.get("code")
        if code is None or code == "":
            self.problem("missing code", *path)
            return None
        code = str(code)
        if not CODE_PATTERN.fullmatch(code):
            self.problem(f"code {code!r} may only have letters, digits, '-' and '_' (64 at most)",
                         *path, "code")
        if code in self.seen_codes:
            self.problem(f"duplicate code {code} (also at {self.seen_codes[code]})", *path, "code")
        else:
            self.seen_codes[code] = f"{self.shown}:{self.doc.line(*path, 'code')}"
        return code

    def name(self, data: dict, path: tuple, key: str = "name") -> dict:
        name = data.get(key)
        if not isinstance(name, dict) or not str(name.get("fi") or "").strip():
            self.problem(f"missing fi {key}", *path, key)
            return name if isinstance(name, dict) else {}
        return {str(lang): str(text) for lang, text in name.items()}

    def osp(self, data: dict, path: tuple) -> int | None:
        osp = data.get("osp")
        if isinstance(osp, bool) or not isinstance(osp, int) or osp < 0:
            self.problem("osp must be a whole number, 0 or more", *path, "osp")
            return None
        return osp

    def scales(self, scales) -> dict:
        if not isinstance(scales, dict) or not scales:
            self.problem("missing scales", "scales")
            return {}
        result = {}
        for code, scale in scales.items():
            path = ("scales", code)
            if not isinstance(scale, dict):
                self.problem(f"scale {code} must be a mapping with name, values and criteria_for", *path)
                continue
            values = scale.get("values")
            criteria_for = scale.get("criteria_for")
            if not isinstance(values, list) or not values:
                self.problem(f"scale {code} needs a list of values", *path, "values")
                values = []
            if not isinstance(criteria_for, list) or not criteria_for:
                self.problem(f"scale {code} needs criteria_for, a list of its values", *path, "criteria_for")
                criteria_for = []
            values = [str(v) for v in values]
            criteria_for = [str(v) for v in criteria_for]
            for index, value in enumerate(criteria_for):
                if value not in values:
                    self.problem(f"scale {code}: criteria_for {value} is not one of its values",
                                 *path, "criteria_for", index)
            result[str(code)] = {"name": scale.get("name") or {}, "values": values,
                                 "criteria_for": criteria_for}
        return result

    def units(self, units, area_code: str | None, scales: dict) -> list:
        if not isinstance(units, list) or not units:
            self.problem("missing units", "units")
            return []
        result = []
        for position, unit in enumerate(units, start=1):
            path = ("units", position - 1)
            if not isinstance(unit, dict):
                self.problem("a unit is a mapping with code, name, osp, scale and objectives", *path)
                continue
            code = self.code(unit, path)
            name = self.name(unit, path)
            osp = self.osp(unit, path)
            scale = str(unit.get("scale") or "")
            if scale not in scales:
                known = ", ".join(scales) or "none"
                self.problem(f"unknown scale {scale!r} (the file defines: {known})", *path, "scale")
            objectives = self.objectives(unit.get("objectives"), path, code, scales.get(scale))
            national = self.national(unit.get("national"), path)
            result.append(UnitSpec(code or "", name, osp, scale, national, position, tuple(objectives)))
        return result

    def national(self, national, path: tuple, key: str = "national") -> dict:
        """The national code a unit corresponds to: `code` in `koodisto`, its official `name`, and
        for a sub-area the common `unit` it belongs to (the same three keys).
        """
        if national is None:
            return {}
        path = (*path, key)
        if not isinstance(national, dict):
            self.problem(f"{key} is a mapping with code, koodisto and name", *path)
            return {}
        code, koodisto = str(national.get("code") or ""), str(national.get("koodisto") or "")
        if not NATIONAL_CODE.fullmatch(code):
            self.problem(f"{key} code {code!r} is not a national code (capital letters or digits)", *path, "code")
        if koodisto not in KOODISTOT:
            self.problem(f"{key} koodisto {koodisto!r} is not one of {', '.join(KOODISTOT)}", *path, "koodisto")
        result = {"code": code, "koodisto": koodisto, "name": self.name(national, path)}
        if key == "national" and national.get("unit") is not None:
            result["unit"] = self.national(national["unit"], path, "unit")
        return result

    def objectives(self, objectives, unit_path: tuple, unit_code: str | None, scale: dict | None) -> list:
        if not isinstance(objectives, list) or not objectives:
            self.problem(f"unit {unit_code} has no objectives", *unit_path, "objectives")
            return []
        result = []
        for position, objective in enumerate(objectives, start=1):
            path = (*unit_path, "objectives", position - 1)
            if not isinstance(objective, dict):
                self.problem("an objective is a mapping with code, name and criteria", *path)
                continue
            code = self.code(objective, path)
            if code and unit_code and not code.startswith(f"{unit_code}-"):
                self.problem(f"objective code {code} does not start with its unit code {unit_code}-",
                             *path, "code")
            name = self.name(objective, path)
            criteria = self.criteria(objective.get("criteria"), path, code, scale)
            compulsory = objective.get("compulsory", True)
            if not isinstance(compulsory, bool):
                self.problem("compulsory must be true or false", *path, "compulsory")
                compulsory = True
            result.append(ObjectiveSpec(code or "", name, criteria, position, compulsory))
        return result

    def criteria(self, criteria, path: tuple, code: str | None, scale: dict | None) -> dict:
        if not isinstance(criteria, dict):
            self.problem(f"objective {code} has no criteria", *path, "criteria")
            return {}
        result = {}
        for grade, texts in criteria.items():
            if not isinstance(texts, dict) or not str(texts.get("fi") or "").strip():
                self.problem(f"objective {code}: missing fi criterion for {grade}", *path, "criteria", grade)
                texts = texts if isinstance(texts, dict) else {}
            result[str(grade)] = {str(lang): str(text) for lang, text in texts.items()}
        if scale is not None:
            wanted = scale["criteria_for"]
            if sorted(result) != sorted(wanted):
                self.problem(f"objective {code}: criteria are written for {', '.join(result) or 'nothing'}, "
                             f"but the scale needs {', '.join(wanted)}", *path, "criteria")
        return result


def apply_frameworks(areas: list[AreaSpec], report: ImportReport) -> None:
    """Create or update every area, unit and objective by code; archive the ones not in `areas`."""
    existing = {
        model: {row.code: row for row in db.session.scalars(select(model))}
        for model in (CompetenceArea, Unit, Objective)
    }
    seen: dict = {CompetenceArea: set(), Unit: set(), Objective: set()}
    for area in areas:
        area_row = upsert(CompetenceArea, existing[CompetenceArea], area.code,
                          {"name": area.name, "osp": area.osp, "scales": area.scales}, report, "area")
        seen[CompetenceArea].add(area.code)
        for unit in area.units:
            unit_row = upsert(Unit, existing[Unit], unit.code, {
                "area": area_row, "name": unit.name, "osp": unit.osp, "scale": unit.scale,
                "national": unit.national, "position": unit.position,
            }, report, "unit")
            seen[Unit].add(unit.code)
            for objective in unit.objectives:
                upsert(Objective, existing[Objective], objective.code, {
                    "unit": unit_row, "name": objective.name, "criteria": objective.criteria,
                    "position": objective.position, "compulsory": objective.compulsory,
                }, report, "objective")
                seen[Objective].add(objective.code)
    for model, kind in ((CompetenceArea, "area"), (Unit, "unit"), (Objective, "objective")):
        archive_missing(existing[model], seen[model], report, kind)
