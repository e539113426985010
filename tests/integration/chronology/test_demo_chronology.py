"""The demo family's chronology and oversight, as `flask seed-demo` creates them."""

from datetime import date, datetime

from helpers import PASSWORD, Client, sign_in
from pages import select, text

from conference.extensions import db
from conference.models import Case


def test_the_demo_shows_the_chronology_and_the_oversight(app, monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", PASSWORD)
    result = app.test_cli_runner().invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        case_id = db.session.query(Case.id).filter_by(reference="DEMO-0001").scalar()
    client = Client(app.test_client())
    assert sign_in(client, "socialworker@demo.example").status_code == 302
    html = client.get(f"/cases/{case_id}/chronology").get_data(as_text=True)
    rows = [" ".join(text(row).split()) for row in select(html, "#chronology tbody tr")]
    joined = "\n".join(rows)
    for expected in (
        "Referral to children’s social care",  # Kemi's earlier episode, and this one
        "Episode closed. Reason: Case closed after assessment, no further action",
        "Case allocated to Morgan Manager",
        "Social worker changed from Morgan Manager to Sam Social-Worker",
        "Initial child protection conference",
        "Core group meeting",
        "Police called to the family home",
        "Management oversight: Pre-birth assessment to start",
    ):
        assert expected in joined, expected
    marked = next(row for row in rows if "MARAC" in row)
    assert "Not for the family" in marked
    # The story holds together: what the police shared after the strategy discussion is for the
    # enquiry that discussion started, not for a discussion already held.
    discussed = next(row for row in rows if row.split()[3:5] == ["Strategy", "discussion"])
    assert _day(marked) > _day(discussed)
    assert "strategy discussion" not in marked and "section 47 enquiry" in marked
    amended = next(row for row in rows if "three days this week" in row)
    assert "Amended on" in amended and "by Sam Social-Worker" in amended
    html = client.get("/my-work/").get_data(as_text=True)
    section = html.split('id="oversight"')[1].split("<h2")[0]
    assert "Invite the community midwife to the core group" in section
    assert "Overdue" in section


def _day(row: str) -> date:
    """The date a chronology row starts with ("3 September 2026 ...")."""
    return datetime.strptime(" ".join(row.split()[:3]), "%d %B %Y").date()
