"""A case: one family known to children's social care, its members and who works with it."""

from datetime import date, datetime

from sqlalchemy import JSON, Boolean, Date, ForeignKey, String, Text, UniqueConstraint, false
from sqlalchemy.orm import Mapped, declared_attr, mapped_column, relationship

from conference.domain.vocabulary import CaseStatus
from conference.extensions import db
from conference.models.types import UTCDateTime, utc_now
from conference.models.user import Team, User


class Versioned:
    """Every editable record carries a version: a save based on an older one is refused."""

    version: Mapped[int] = mapped_column(default=1)

    @declared_attr.directive
    def __mapper_args__(cls):
        return {"version_id_col": cls.version}


class Case(Versioned, db.Model):
    __tablename__ = "family_case"

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(20), unique=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("team.id"), index=True)
    pod_id: Mapped[int | None] = mapped_column(ForeignKey("pod.id"), index=True)
    social_worker_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"), index=True)
    address: Mapped[str] = mapped_column(Text, default="")
    opened_on: Mapped[date] = mapped_column(Date)
    referral_date: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20), default=CaseStatus.SECTION_47.value)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    # Counts the changes to anything of the case, so a document made while one was being saved
    # is never kept (services/stored_documents.py). Written with SQL, never through the model.
    documents_generation: Mapped[int] = mapped_column(default=0, server_default="0")
    # The same for the items of My work kept for the team's manager (services/my_work/kept.py).
    work_generation: Mapped[int] = mapped_column(default=0, server_default="0")

    team: Mapped[Team] = relationship()
    pod: Mapped["Pod | None"] = relationship()
    social_worker: Mapped[User | None] = relationship()
    children: Mapped[list["Child"]] = relationship(
        back_populates="case", order_by="Child.id", cascade="all, delete-orphan"
    )
    adults: Mapped[list["Adult"]] = relationship(
        back_populates="case", order_by="Adult.id", cascade="all, delete-orphan"
    )
    core_group: Mapped[list["CoreGroupMember"]] = relationship(
        back_populates="case", cascade="all, delete-orphan"
    )

    @property
    def status_label(self) -> str:
        return CaseStatus(self.status).label

    @property
    def family_name(self) -> str:
        return family_name_of(
            [child.family_name for child in self.children],
            [adult.family_name for adult in self.adults],
        )


def family_name_of(children: list[str], adults: list[str]) -> str:
    """The family's name as lists show it: the children's family names, else the adults'."""
    return " / ".join(sorted(set(children) or set(adults)))


class Pod(db.Model):
    """A small group of social workers in a team, led by a senior practitioner."""

    __tablename__ = "pod"
    __table_args__ = (UniqueConstraint("team_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("team.id"), index=True)
    name: Mapped[str] = mapped_column(String(120))

    team: Mapped[Team] = relationship(back_populates="pods")
    members: Mapped[list[User]] = relationship(back_populates="pod", order_by="User.name")

    @property
    def senior_practitioners(self) -> list[User]:
        return [member for member in self.members if member.senior_practitioner]


class CoreGroupMember(db.Model):
    """Someone in the case's core group. A user who is a member may see the case: this is how
    practitioners from other agencies are given access."""

    __tablename__ = "core_group_member"
    __table_args__ = (UniqueConstraint("case_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("family_case.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    added_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)

    case: Mapped[Case] = relationship(back_populates="core_group")
    user: Mapped[User] = relationship()


class Identity:
    """The identity prompts (docs/domain.md section 5), asked for every child and adult.
    `identity_not_known` lists the prompts answered "not known yet"."""

    ethnicity_code: Mapped[str | None] = mapped_column(String(4))
    ethnicity_own_words: Mapped[str] = mapped_column(Text, default="")
    religion: Mapped[str] = mapped_column(Text, default="")
    faith_practices: Mapped[str] = mapped_column(Text, default="")
    first_language: Mapped[str] = mapped_column(String(100), default="")
    languages_spoken: Mapped[str] = mapped_column(Text, default="")
    languages_read_written: Mapped[str] = mapped_column(Text, default="")
    dialect: Mapped[str] = mapped_column(String(100), default="")
    interpreter_needed: Mapped[str | None] = mapped_column(String(10))
    interpreter_language: Mapped[str] = mapped_column(String(100), default="")
    interpreter_dialect: Mapped[str] = mapped_column(String(100), default="")
    interpreter_gender: Mapped[str | None] = mapped_column(String(20))
    plan_language: Mapped[str] = mapped_column(String(100), default="")
    plan_formats: Mapped[list] = mapped_column(JSON, default=list)
    plan_format_other: Mapped[str] = mapped_column(String(200), default="")
    nationality: Mapped[str] = mapped_column(String(100), default="")
    immigration_status: Mapped[str] = mapped_column(Text, default="")
    community_connections: Mapped[str] = mapped_column(Text, default="")
    discrimination_experiences: Mapped[str] = mapped_column(Text, default="")
    identity_notes: Mapped[str] = mapped_column(Text, default="")
    identity_not_known: Mapped[list] = mapped_column(JSON, default=list)


class Child(Versioned, Identity, db.Model):
    __tablename__ = "child"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("family_case.id"), index=True)
    given_name: Mapped[str] = mapped_column(String(100))
    family_name: Mapped[str] = mapped_column(String(100))
    date_of_birth: Mapped[date | None] = mapped_column(Date, index=True)
    expected_date_of_birth: Mapped[date | None] = mapped_column(Date)
    sex: Mapped[str] = mapped_column(String(1), default="U")
    gender_identity: Mapped[str] = mapped_column(String(200), default="")
    local_child_id: Mapped[str] = mapped_column(String(40), unique=True)
    disabilities: Mapped[list] = mapped_column(JSON, default=list)
    school: Mapped[str] = mapped_column(String(200), default="")
    gp: Mapped[str] = mapped_column(String(200), default="")
    # For the statutory returns: the unique pupil number, plans held before this toolkit's
    # records began (another authority's, say), and the latest emergency protection order or
    # police protection.
    upn: Mapped[str] = mapped_column(String(13), default="")
    previous_plans_elsewhere: Mapped[int] = mapped_column(default=0)
    emergency_protection_on: Mapped[date | None] = mapped_column(Date)
    # For the census: why a child of school age has no UPN (the DfE's UN codes), and the date
    # of death where a plan or an episode ended because the child died.
    upn_unknown_reason: Mapped[str | None] = mapped_column(String(3))
    died_on: Mapped[date | None] = mapped_column(Date)
    # A young person the chair agreed should have their own copy of the plan (issue 19).
    own_copy: Mapped[bool] = mapped_column(default=False, server_default=false())

    case: Mapped[Case] = relationship(back_populates="children")
    episodes: Mapped[list["ChildEpisode"]] = relationship(  # noqa: F821
        back_populates="child",
        order_by="(ChildEpisode.referral_date, ChildEpisode.id)",
        cascade="all, delete-orphan",
    )
    relationships: Mapped[list["AdultChildRelationship"]] = relationship(
        back_populates="child", cascade="all, delete-orphan"
    )

    @property
    def name(self) -> str:
        return f"{self.given_name} {self.family_name}"

    @property
    def unborn(self) -> bool:
        return self.date_of_birth is None

    @property
    def current_episode(self) -> "ChildEpisode | None":  # noqa: F821
        """The latest episode: the open one, or the last to close."""
        return self.episodes[-1] if self.episodes else None


class Adult(Versioned, Identity, db.Model):
    """A parent, carer or someone else in the household or the family's network."""

    __tablename__ = "adult"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("family_case.id"), index=True)
    given_name: Mapped[str] = mapped_column(String(100))
    family_name: Mapped[str] = mapped_column(String(100))
    in_household: Mapped[bool] = mapped_column(Boolean, default=True)
    phone: Mapped[str] = mapped_column(String(40), default="")
    email: Mapped[str] = mapped_column(String(254), default="")
    contact_address: Mapped[str] = mapped_column(Text, default="")

    case: Mapped[Case] = relationship(back_populates="adults")
    relationships: Mapped[list["AdultChildRelationship"]] = relationship(
        back_populates="adult", cascade="all, delete-orphan"
    )

    @property
    def name(self) -> str:
        return f"{self.given_name} {self.family_name}"


class AdultChildRelationship(db.Model):
    """How an adult is related to one child, and whether they hold parental responsibility."""

    __tablename__ = "adult_child_relationship"
    __table_args__ = (UniqueConstraint("adult_id", "child_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    adult_id: Mapped[int] = mapped_column(ForeignKey("adult.id"), index=True)
    child_id: Mapped[int] = mapped_column(ForeignKey("child.id"), index=True)
    relationship_to_child: Mapped[str] = mapped_column(String(100))
    parental_responsibility: Mapped[bool] = mapped_column(Boolean, default=False)

    adult: Mapped[Adult] = relationship(back_populates="relationships")
    child: Mapped[Child] = relationship(back_populates="relationships")
