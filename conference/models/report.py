"""What managers write about the performance picture: a commentary kept with the month, the
figure and the part of the service it is about."""

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from conference.extensions import db
from conference.models.case import Versioned
from conference.models.types import UTCDateTime, utc_now
from conference.models.user import User


class Commentary(Versioned, db.Model):
    """`scope` names the part of the service: "all", "team:<id>" or "pod:<id>" (a string, so
    that the unique constraint holds where a NULL team would not)."""

    __tablename__ = "dashboard_commentary"
    __table_args__ = (UniqueConstraint("month", "scope", "figure"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    month: Mapped[date] = mapped_column(Date)  # the first day of the month
    scope: Mapped[str] = mapped_column(String(40), default="all")
    figure: Mapped[str] = mapped_column(String(60))
    text: Mapped[str] = mapped_column(Text, default="")
    written_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now, onupdate=utc_now)

    written_by: Mapped[User | None] = relationship()


# The dashboard's running totals (conference/dashboard/tallies.py keeps them).


class CaseTally(db.Model):
    """How many of a case's rows a figure counted with an outcome in a month: what the case
    adds to the running totals, kept so that it can be taken off again when the case changes.
    `counts_from` is the first day the outcome counts: the month itself, or for a first core
    group not held yet, the day after it was due (it is overdue from then)."""

    __tablename__ = "dashboard_case_tally"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("family_case.id"), index=True)
    figure: Mapped[str] = mapped_column(String(60))
    month: Mapped[date] = mapped_column(Date)
    team_id: Mapped[int] = mapped_column(Integer)
    pod_id: Mapped[int] = mapped_column(Integer)  # 0: the case is in no pod
    outcome: Mapped[str] = mapped_column(String(60))
    counts_from: Mapped[date] = mapped_column(Date)
    n: Mapped[int] = mapped_column(Integer)


class Tally(db.Model):
    """The running total of CaseTally over all cases, which the dashboard page sums: its size
    depends on the months, teams and pods, not on the number of children. The key columns are
    NOT NULL (a pod of 0 is no pod) so that the unique key holds and adding to it can be an
    atomic upsert."""

    __tablename__ = "dashboard_tally"
    __table_args__ = (
        UniqueConstraint("figure", "month", "team_id", "pod_id", "outcome", "counts_from"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    figure: Mapped[str] = mapped_column(String(60))
    month: Mapped[date] = mapped_column(Date, index=True)
    team_id: Mapped[int] = mapped_column(Integer)
    pod_id: Mapped[int] = mapped_column(Integer)
    outcome: Mapped[str] = mapped_column(String(60))
    counts_from: Mapped[date] = mapped_column(Date)
    n: Mapped[int] = mapped_column(Integer)


class PlanEpisode(db.Model):
    """One child's plan: from the conference that started it to the review that ended it (None
    while it goes on). Kept with the tallies; children on a plan are counted from these."""

    __tablename__ = "plan_episode"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("family_case.id"), index=True)
    child_id: Mapped[int] = mapped_column(ForeignKey("child.id"), index=True)
    category: Mapped[str | None] = mapped_column(String(10))
    started_on: Mapped[date] = mapped_column(Date, index=True)
    ended_on: Mapped[date | None] = mapped_column(Date, index=True)


class TallyHorizon(db.Model):
    """How far ahead the figures judged on a day (services/dashboard/visits.py) are kept: each
    case's totals hold every month's last day up to `judged_until`, written by the last
    rebuild (a refresh of one case since judges to a later day, never an earlier one). No row:
    none are kept, and the dashboard judges those figures from the records."""

    __tablename__ = "dashboard_tally_horizon"

    id: Mapped[int] = mapped_column(primary_key=True)
    judged_until: Mapped[date] = mapped_column(Date)


class TallyRebuild(db.Model):
    """A row here says the running totals are not kept for the data yet (a database that had
    data before they were added): the dashboard counts from the records instead until
    `flask --app wsgi rebuild-dashboard` has run. No row: they are current."""

    __tablename__ = "dashboard_tally_rebuild"

    id: Mapped[int] = mapped_column(primary_key=True)
    since: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
