"""My work kept for a team's manager (issue 22): each open case's items, worked out for a day,
so that a manager's page reads thousands of rows instead of working out every case again
(services/my_work/kept.py). Nothing here is ever shown for a day or a case state other than the
one it was worked out for: a change to the case deletes it, and another day ignores it."""

from datetime import date

from sqlalchemy import Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from conference.extensions import db


class KeptWork(db.Model):
    """That a case's items are kept, for which day and which settings (the core group interval,
    the reports' notice, the calendar's bank holidays…)."""

    __tablename__ = "kept_work"

    case_id: Mapped[int] = mapped_column(
        ForeignKey("family_case.id", ondelete="CASCADE"), primary_key=True
    )
    team_id: Mapped[int] = mapped_column(Integer, index=True)
    worked_out_on: Mapped[date] = mapped_column(Date)
    settings: Mapped[str] = mapped_column(String(64))

    items: Mapped[list["KeptWorkItem"]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="KeptWorkItem.id"
    )


class KeptWorkItem(db.Model):
    """One row of a section of My work, as `services.my_work.items.sections` gave it."""

    __tablename__ = "kept_work_item"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(
        ForeignKey("kept_work.case_id", ondelete="CASCADE"), index=True
    )
    section: Mapped[str] = mapped_column(String(40))
    what: Mapped[str] = mapped_column(Text)
    endpoint: Mapped[str] = mapped_column(String(80))
    # Where the item links to: one id, by the name the page's route takes it by ("case_id").
    link_name: Mapped[str] = mapped_column(String(40))
    link_id: Mapped[int] = mapped_column(Integer)
    on: Mapped[date | None] = mapped_column(Date)
    on_label: Mapped[str] = mapped_column(String(40), default="")
    detail: Mapped[str] = mapped_column(Text, default="")
    # A draft plan with checks to put right: its version and how many checks.
    plan_id: Mapped[int | None] = mapped_column(Integer)
    plan_number: Mapped[int | None] = mapped_column(Integer)
    findings: Mapped[int | None] = mapped_column(Integer)
