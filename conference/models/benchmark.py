"""What a manager reads beside the dashboard's figures: the council's own target for a figure,
and the published values of England and statistical neighbours to compare it with."""

from datetime import datetime

from sqlalchemy import Float, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from conference.extensions import db
from conference.models.case import Versioned
from conference.models.types import UTCDateTime, utc_now
from conference.models.user import User

ENGLAND = "england"
STATISTICAL_NEIGHBOURS = "statistical_neighbours"
COMPARISONS = {ENGLAND: "England", STATISTICAL_NEIGHBOURS: "Statistical neighbours"}


class FigureTarget(Versioned, db.Model):
    """The council's target for one figure (its key in services/dashboard/figures.py): a
    percentage, or a number of children for children on a plan, with the direction that is
    better."""

    __tablename__ = "dashboard_target"

    id: Mapped[int] = mapped_column(primary_key=True)
    figure: Mapped[str] = mapped_column(String(60), unique=True)
    value: Mapped[float] = mapped_column(Float)
    higher_is_better: Mapped[bool] = mapped_column()
    set_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    set_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now, onupdate=utc_now)

    set_by: Mapped[User | None] = relationship()


class Comparator(Versioned, db.Model):
    """A published value for one figure: England's, or the council's statistical neighbours'
    (a named group, optionally), for one year ("2024-25"), with where it was published."""

    __tablename__ = "dashboard_comparator"
    __table_args__ = (UniqueConstraint("figure", "comparison", "year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    figure: Mapped[str] = mapped_column(String(60))
    comparison: Mapped[str] = mapped_column(String(30))  # a key of COMPARISONS
    neighbour_group: Mapped[str] = mapped_column(String(200), default="")
    year: Mapped[str] = mapped_column(String(7))
    value: Mapped[float] = mapped_column(Float)
    source: Mapped[str] = mapped_column(String(200))
    source_url: Mapped[str] = mapped_column(String(500), default="")
    entered_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    entered_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now, onupdate=utc_now)

    entered_by: Mapped[User | None] = relationship()

    @property
    def comparison_label(self) -> str:
        """ "England", or "Statistical neighbours (North West group)"."""
        label = COMPARISONS.get(self.comparison, self.comparison)
        return f"{label} ({self.neighbour_group})" if self.neighbour_group else label
