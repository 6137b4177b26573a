"""The competence objectives a course step serves, in the reader's language."""

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.core.db import db
from competence.models import Objective, Unit


def localized(names: dict, language: str) -> str:
    return names.get(language) or names.get("fi") or next(iter(names.values()), "")


def objective_names(codes: list[str], language: str) -> list[tuple[str, str]]:
    """(code, name) for each code, in the given order; a code the framework lacks shows as itself."""
    rows = {o.code: o for o in db.session.scalars(select(Objective).where(Objective.code.in_(codes)))}
    return [(code, localized(rows[code].name, language) if code in rows else code) for code in codes]


def objectives_by_code(codes: list[str]) -> list[Objective]:
    """The live objectives with these codes, in the given order, with their units and areas."""
    query = (select(Objective).where(Objective.code.in_(codes), Objective.archived_at.is_(None))
             .options(selectinload(Objective.unit).selectinload(Unit.area)))
    rows = {o.code: o for o in db.session.scalars(query)}
    return [rows[code] for code in codes if code in rows]
