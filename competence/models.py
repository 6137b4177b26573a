"""The competence framework as imported from content/frameworks: areas, units and objectives.

Rows are keyed by their stable codes and updated in place on import; removed ones are archived,
never deleted, so decisions and points that name them keep their meaning.
"""

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core.db import UTCDateTime, db


class CompetenceArea(db.Model):
    """A group of units with its own osp, e.g. Työelämätaidot (TET)."""

    __tablename__ = "competence_area"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[dict] = mapped_column(JSON, default=dict)  # {"fi": ..., "sv": ..., "en": ...}
    osp: Mapped[int] = mapped_column(default=0)
    # {scale code: {"name": {fi, sv, en}, "values": [...], "criteria_for": [...]}}
    scales: Mapped[dict] = mapped_column(JSON, default=dict)
    archived_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    units: Mapped[list["Unit"]] = relationship(back_populates="area", order_by="Unit.position")


class Unit(db.Model):
    """A unit (tutkinnon osa / osa-alue) with its own competence points and grading scale."""

    __tablename__ = "competence_unit"

    id: Mapped[int] = mapped_column(primary_key=True)
    area_id: Mapped[int] = mapped_column(ForeignKey("competence_area.id"), index=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[dict] = mapped_column(JSON, default=dict)
    osp: Mapped[int] = mapped_column(default=0)
    scale: Mapped[str] = mapped_column(String(64))
    national_name: Mapped[str] = mapped_column(String(300), default="")
    position: Mapped[int] = mapped_column(default=0)
    archived_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    area: Mapped[CompetenceArea] = relationship(back_populates="units")
    objectives: Mapped[list["Objective"]] = relationship(
        back_populates="unit", order_by="Objective.position"
    )


class Objective(db.Model):
    """What the learner can do (osaamistavoite), with criteria per grade of the unit's scale."""

    __tablename__ = "competence_objective"

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("competence_unit.id"), index=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[dict] = mapped_column(JSON, default=dict)
    criteria: Mapped[dict] = mapped_column(JSON, default=dict)  # {"1": {fi, sv, en}, "3": ..., "5": ...}
    position: Mapped[int] = mapped_column(default=0)
    # Optional objectives (valinnaiset) are a later extension; every objective is compulsory today.
    compulsory: Mapped[bool] = mapped_column(default=True)
    archived_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    unit: Mapped[Unit] = relationship(back_populates="objectives")
