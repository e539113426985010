"""People who sign in, and the teams they work in."""

from datetime import datetime
from enum import StrEnum

from flask import current_app, has_app_context
from flask_login import UserMixin
from sqlalchemy import CheckConstraint, ForeignKey, String, false
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from conference.extensions import db
from conference.models.types import UTCDateTime, utc_now


class Role(StrEnum):
    ADMIN = "admin"
    MANAGER = "manager"
    CHAIR = "chair"
    SOCIAL_WORKER = "social_worker"
    PRACTITIONER = "practitioner"
    MINUTE_TAKER = "minute_taker"

    @property
    def label(self) -> str:
        return ROLE_LABELS[self]


ROLE_LABELS = {
    Role.ADMIN: "Administrator",
    Role.MANAGER: "Manager",
    Role.CHAIR: "Conference chair",
    Role.SOCIAL_WORKER: "Social worker",
    Role.PRACTITIONER: "Practitioner from another agency",
    Role.MINUTE_TAKER: "Minute-taker (business support)",
}


class Team(db.Model):
    __tablename__ = "team"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)

    members: Mapped[list["User"]] = relationship(back_populates="team")
    pods: Mapped[list["Pod"]] = relationship(back_populates="team", order_by="Pod.name")  # noqa: F821


class User(UserMixin, db.Model):
    __tablename__ = "user_account"
    __table_args__ = (
        CheckConstraint(
            "role IN ('admin', 'manager', 'chair', 'social_worker', 'practitioner',"
            " 'minute_taker')",
            name="role_known",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20))
    agency: Mapped[str] = mapped_column(String(200), default="")
    # The number families and colleagues call (every family document prints it, issue 19).
    phone: Mapped[str] = mapped_column(String(40), default="", server_default="")
    team_id: Mapped[int | None] = mapped_column(ForeignKey("team.id"))
    pod_id: Mapped[int | None] = mapped_column(ForeignKey("pod.id"))
    senior_practitioner: Mapped[bool] = mapped_column(default=False, server_default=false())
    active: Mapped[bool] = mapped_column(default=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    last_signed_in_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Set by an administrator's reset: the user chooses a new password before anything else.
    must_change_password: Mapped[bool] = mapped_column(default=False, server_default=false())
    # The second factor: the authenticator app's shared secret (base32), and the last time step
    # a code was accepted for, so that a code cannot be used twice.
    second_factor_secret: Mapped[str | None] = mapped_column(String(64))
    second_factor_last_step: Mapped[int | None] = mapped_column()
    # Who the council's identity provider says this user is (its `sub`): stored at their first
    # single sign-on, matched on after, so a reused email address cannot take over the account.
    single_sign_on_subject: Mapped[str | None] = mapped_column(String(255), unique=True)
    version: Mapped[int] = mapped_column(default=1)

    team: Mapped[Team | None] = relationship(back_populates="members")
    pod: Mapped["Pod | None"] = relationship(back_populates="members")  # noqa: F821

    __mapper_args__ = {"version_id_col": version}

    @property
    def is_active(self) -> bool:
        return self.active

    @property
    def role_label(self) -> str:
        return Role(self.role).label

    def set_password(self, password: str) -> None:
        method = current_app.config["PASSWORD_HASH_METHOD"] if has_app_context() else "scrypt"
        self.password_hash = generate_password_hash(password, method=method)

    def check_password(self, password: str) -> bool:
        return check_password_hash(self.password_hash, password)
