"""Today's date where the service is: England, whatever the server's own time zone.

A server kept in UTC would otherwise count the hour after midnight in summer as yesterday, and
say a visit made at 00:30 was in the future. Everything that asks for today asks here, so the
tests can hold one date for a whole run that goes past midnight.
"""

from datetime import date, datetime
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")


def today() -> date:
    """Today's date in England."""
    return datetime.now(LONDON).date()
