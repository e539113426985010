"""What each item of My work (and of the case page's "What happens next") is: what is due,
where to act on it, its date, and how urgent it is (items.urgency)."""

from dataclasses import dataclass, field
from datetime import date

from conference.services.my_work.queries import CaseWork


@dataclass(frozen=True)
class Link:
    endpoint: str
    values: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Item:
    """Something due on one case: what, where to act, the date that orders it and what that
    date is ("Due by", "Booked for"), and anything else worth knowing."""

    case_work: CaseWork
    what: str
    link: Link
    on: date
    on_label: str = "Due by"
    detail: str = ""
    # Whether the user may act on it: My work lists only those; the case page lists them all.
    actionable: bool = True


@dataclass(frozen=True)
class Urgency:
    band: str  # OVERDUE, SOON or LATER
    text: str  # "3 days overdue", "Due today", "Due in 4 working days"
