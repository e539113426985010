"""The chronology as a PDF (docs/domain.md section 10): the events of the children and the
family in date order, with the filters of the page it was printed from, said at the top so a
filtered print is never read as the whole history. A professional record, like the page:
events a family member must not see are marked "Not for the family", and management oversight
is left out for whoever may not see it. The file name carries the case reference, never a
child's name."""

from dataclasses import dataclass
from datetime import date

from conference.domain import clock
from conference.domain.chronology import Filters, shown
from conference.domain.wording import and_list, long_date
from conference.models import Case
from conference.services import chronology as services

TEMPLATE = "chronology.html"


@dataclass(frozen=True)
class Chronology:
    """What is printed: the case's chronology with these filters. Audited as a print of the
    case (`__tablename__` and `id` are the case's)."""

    case: Case
    filters: Filters
    with_oversight: bool

    __tablename__ = "family_case"

    @property
    def id(self) -> int:
        return self.case.id

    @property
    def version(self) -> int:
        return self.case.version


def chronology_context(printed: Chronology, *, today: date | None = None) -> dict:
    """Everything `chronology.html` needs."""
    case, filters = printed.case, printed.filters
    names = {child.id: child.given_name for child in case.children}
    events = shown(services.events_of(case, printed.with_oversight), filters)
    printed_on = today or clock.today()
    return {
        "lang": "en",
        "draft": False,
        "large_print": False,
        "children_names": [child.name for child in case.children],
        "document_date": printed_on,
        "reference": case.reference,
        "family_name": case.family_name,
        "events": events,
        "names": names,
        "filters_text": filters_text(filters, names),
        "with_oversight": printed.with_oversight,
        "printed_on": printed_on,
    }


def filters_text(filters: Filters, names: dict[int, str]) -> str:
    """The filters in words, said at the top of the print."""
    if not filters.any:
        return ""
    parts = []
    if filters.child_id is not None:
        parts.append(f"{names.get(filters.child_id, '')}’s events and the whole family’s")
    if filters.kinds:
        parts.append(and_list([kind.label for kind in filters.kinds]) + " only")
    if filters.from_on:
        parts.append(f"from {long_date(filters.from_on)}")
    if filters.to_on:
        parts.append(f"to {long_date(filters.to_on)}")
    return "; ".join(parts)
