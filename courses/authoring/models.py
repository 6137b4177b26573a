"""The published content source, drafts of course files, and each published version of a course."""

from datetime import datetime

from sqlalchemy import ForeignKey, LargeBinary, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core.db import UTCDateTime, db, utcnow


class SourceFile(db.Model):
    """One file of the content as last imported, byte for byte, so export gives it back exactly."""

    __tablename__ = "content_source_file"

    id: Mapped[int] = mapped_column(primary_key=True)
    path: Mapped[str] = mapped_column(String(300), unique=True)
    data: Mapped[bytes] = mapped_column(LargeBinary)
    sha256: Mapped[str] = mapped_column(String(64))


class DraftFile(db.Model):
    """An editor's unpublished change to one file of a course; learners never read these."""

    __tablename__ = "content_draft_file"
    __table_args__ = (UniqueConstraint("course_code", "path"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    course_code: Mapped[str] = mapped_column(String(64), index=True)
    path: Mapped[str] = mapped_column(String(300))
    data: Mapped[bytes] = mapped_column(LargeBinary)
    # A restored version without this file: publishing removes it.
    deleted: Mapped[bool] = mapped_column(default=False)
    # The published file's hash when the draft began ("" for a new file).
    base_hash: Mapped[str] = mapped_column(String(64), default="")
    # Raised by every save; a save that started from an older revision is a conflict.
    revision: Mapped[int] = mapped_column(default=1)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"), index=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    @property
    def text(self) -> str:
        return self.data.decode("utf-8")


class CourseVersion(db.Model):
    """A published state of one course: who published it and when, with all of its files."""

    __tablename__ = "course_version"
    __table_args__ = (UniqueConstraint("course_code", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    course_code: Mapped[str] = mapped_column(String(64))
    number: Mapped[int]
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    files: Mapped[list["CourseVersionFile"]] = relationship(
        back_populates="version", cascade="all, delete-orphan", order_by="CourseVersionFile.path")


class CourseVersionFile(db.Model):
    __tablename__ = "course_version_file"
    __table_args__ = (UniqueConstraint("version_id", "path"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("course_version.id", ondelete="CASCADE"))
    path: Mapped[str] = mapped_column(String(300))
    data: Mapped[bytes] = mapped_column(LargeBinary)

    version: Mapped[CourseVersion] = relationship(back_populates="files")
