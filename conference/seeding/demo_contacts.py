"""The demo's contacts for families (fictional: 01632 96xxxx is Ofcom's range for drama), so the
demo family's documents show who to ring. The service's are every team's; the demo team has its
own phone number."""

from conference.extensions import db
from conference.models import ContactSetting, Team
from conference.services.contacts import values_for

SERVICE_CONTACTS = {
    "team_phone": "01632 960000",
    "out_of_hours": (
        "01632 960999, from 5pm to 8:30am on weekdays, and all day at weekends and on bank holidays"
    ),
    "chair_contact": "01632 960300 or conference.chairs@demo.example",
    "advocacy": "Demo Advocacy Service, 01632 960400: free help to say what you think at meetings",
    "interpreter": (
        "Tell your social worker which language you need. An interpreter is free, and is never a "
        "member of your family"
    ),
    "complaints": "Complaints Team, 01632 960500 or complaints@demo.example",
}
TEAM_CONTACTS = {"team_phone": "01632 960100"}
# The demo social worker's own phone, on their account.
PHONES = {"socialworker@demo.example": "01632 960123"}


def seed_contacts(team: Team) -> None:
    """The service's contacts and the demo team's own, where not set already."""
    for team_id, values in ((None, SERVICE_CONTACTS), (team.id, TEAM_CONTACTS)):
        stored = values_for(team_id)
        db.session.add_all(
            ContactSetting(team_id=team_id, key=key, value=value)
            for key, value in values.items()
            if key not in stored
        )
    db.session.flush()
