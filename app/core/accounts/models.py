"""Users, groups and one-time sign-in codes."""

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import Column, ForeignKey, Index, String, Table
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core.db import UTCDateTime, db, utcnow


class Role(StrEnum):
    LEARNER = "learner"
    COACH = "coach"
    ADMIN = "admin"


group_members = Table(
    "group_member",
    db.metadata,
    Column("group_id", ForeignKey("learner_group.id", ondelete="CASCADE"), primary_key=True),
    Column("user_id", ForeignKey("user.id", ondelete="CASCADE"), primary_key=True, index=True),
)

group_coaches = Table(
    "group_coach",
    db.metadata,
    Column("group_id", ForeignKey("learner_group.id", ondelete="CASCADE"), primary_key=True),
    Column("user_id", ForeignKey("user.id", ondelete="CASCADE"), primary_key=True, index=True),
)


class User(db.Model):
    __tablename__ = "user"
    # The account list pages through everyone, or one role, in name order.
    __table_args__ = (Index("ix_user_display_name", "display_name", "id"),
                      Index("ix_user_role_display_name", "role", "display_name", "id"))

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(120))
    email: Mapped[str | None] = mapped_column(String(254))
    role: Mapped[Role] = mapped_column(String(16))
    title: Mapped[str | None] = mapped_column(String(120))
    date_of_birth: Mapped[date | None]
    password_hash: Mapped[str | None] = mapped_column(String(255))
    must_set_password: Mapped[bool] = mapped_column(default=False)
    language: Mapped[str | None] = mapped_column(String(8))
    # Set when the user chose a language themselves, so the first sign-in asks it only once.
    language_chosen_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    active: Mapped[bool] = mapped_column(default=True)
    # A coach whom an admin lets edit and publish course content (admins always may).
    content_editor: Mapped[bool] = mapped_column(default=False)
    session_version: Mapped[int] = mapped_column(default=1)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_sign_in_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # When the account was closed: its personal data is pseudonymised after the retention time.
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    pseudonymised_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    groups: Mapped[list["Group"]] = relationship(
        secondary=group_members, back_populates="learners", order_by="Group.name"
    )
    coached_groups: Mapped[list["Group"]] = relationship(
        secondary=group_coaches, back_populates="coaches", order_by="Group.name"
    )

    # Flask-Login reads these four; the session id carries a version so that a password change
    # or a coach's reset ends every other session of the user.
    is_authenticated = True
    is_anonymous = False

    @property
    def is_active(self) -> bool:
        return self.active

    def get_id(self) -> str:
        return f"{self.id}:{self.session_version}"

    @property
    def is_learner(self) -> bool:
        return self.role == Role.LEARNER

    @property
    def is_coach(self) -> bool:
        return self.role == Role.COACH

    @property
    def is_admin(self) -> bool:
        return self.role == Role.ADMIN

    @property
    def may_edit_content(self) -> bool:
        return self.active and (self.role == Role.ADMIN or (self.role == Role.COACH and self.content_editor))

    def __repr__(self) -> str:
        return f"<User {self.username} {self.role}>"


class Group(db.Model):
    """A coach's group of learners (ryhmä); a learner may be in several."""

    __tablename__ = "learner_group"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # An archived group leaves the lists and is read-only; its learners and their records stay.
    archived_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    learners: Mapped[list[User]] = relationship(
        secondary=group_members, back_populates="groups", order_by=User.display_name
    )
    coaches: Mapped[list[User]] = relationship(
        secondary=group_coaches, back_populates="coached_groups", order_by=User.display_name
    )

    @property
    def archived(self) -> bool:
        return self.archived_at is not None


class SignInCode(db.Model):
    """A one-time code that a coach hands to a learner on a printed card; only its hash is kept."""

    __tablename__ = "sign_in_code"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    code_hash: Mapped[str] = mapped_column(String(255))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    user: Mapped[User] = relationship(foreign_keys=[user_id])

    def is_usable(self, now: datetime) -> bool:
        return self.used_at is None and self.revoked_at is None and now < self.expires_at
