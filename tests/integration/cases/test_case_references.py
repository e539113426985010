"""A case reference already in use: the message tells no one about a case they may not see, and
two people creating a case with the same reference at the same moment get one case and the
message, never an error page."""

from at_once import at_once
from helpers import Client, count, sign_in
from pages import error_messages, text_of
from werkzeug.datastructures import MultiDict

from conference.extensions import db
from conference.models import AuditEvent, Case, Team

SEEN = "A case with this reference already exists: find it in Cases, or enter another"
UNSEEN = "This case reference cannot be used: check it, or ask your manager about it"


def details(team_id, reference="hav-000123", address="1 Example Road") -> MultiDict:
    return MultiDict(
        [
            ("reference", reference),
            ("team_id", str(team_id)),
            ("pod_id", ""),
            ("social_worker_id", ""),
            ("address", address),
            ("referral_date", "28"),
            ("referral_date", "9"),
            ("referral_date", "2026"),
            ("opened_on", "1"),
            ("opened_on", "10"),
            ("opened_on", "2026"),
            ("status", "section_47"),
            ("version", "1"),
        ]
    )


def team(app, name) -> int:
    with app.app_context():
        return db.session.query(Team).filter_by(name=name).one().id


def created(app) -> int:
    with app.app_context():
        return (
            db.session.query(AuditEvent)
            .filter_by(action="create", record_type="family_case")
            .count()
        )


def test_a_reference_used_by_a_case_the_user_may_not_see_reveals_nothing(signed_in, make_case, app):
    make_case(team="Team B", reference="HAV-000123", address="9 Hidden Lane")
    manager = signed_in("manager", team="Team A")
    assert manager.post("/cases/new", details(team(app, "Team A"))).status_code == 302
    html = manager.post("/cases/new/check", page="/cases/new/check").get_data(as_text=True)
    page = text_of(assert_page_with_error(html))
    # (Team B is in the list of teams to choose from, as for everyone: not told here.)
    assert error_messages(html) == [UNSEEN]
    for told in ("9 Hidden Lane", "Another case", "already", "another team"):
        assert told not in page
    # What was typed is still in the form, and sending it with another reference creates it.
    assert "1 Example Road" in html and 'value="HAV-000123"' in html
    response = manager.post("/cases/new", details(team(app, "Team A"), reference="hav-000124"))
    assert response.headers["Location"] == "/cases/new/check"
    assert manager.post("/cases/new/check").status_code == 302
    assert count(app, Case) == 2


def assert_page_with_error(html):
    assert "govuk-error-summary" in html
    assert "Create a case" in html
    return html


def test_a_reference_used_by_a_case_the_user_may_see_says_so(signed_in, make_case, app):
    make_case(team="Team A", reference="HAV-000123")
    manager = signed_in("manager", team="Team A")
    manager.post("/cases/new", details(team(app, "Team A")))
    html = manager.post("/cases/new/check", page="/cases/new/check").get_data(as_text=True)
    assert error_messages(html) == [SEEN]
    assert count(app, Case) == 1


def test_changing_to_a_reference_of_a_case_not_visible_reveals_nothing(signed_in, make_case, app):
    make_case(team="Team B", reference="HAV-000999")
    manager = signed_in("manager", team="Team A")
    case_id = make_case(team="Team A", reference="HAV-000123")
    form = details(team(app, "Team A"), reference="HAV-000999", address="2 New Street")
    html = manager.post(f"/cases/{case_id}/edit", form).get_data(as_text=True)
    assert error_messages(html) == [UNSEEN]
    assert 'value="HAV-000999"' in html and "2 New Street" in html
    with app.app_context():
        assert db.session.get(Case, case_id).reference == "HAV-000123"


def test_two_people_creating_a_case_with_the_same_reference_at_once(signed_in, make_user, app):
    first = signed_in("manager", team="Team A", email="first@example.org")
    make_user("manager", team="Team A", email="second@example.org")
    second = Client(app.test_client())
    assert sign_in(second, "second@example.org").status_code == 302
    team_a = team(app, "Team A")
    forms = []
    for client, address in ((first, "1 Example Road"), (second, "2 Other Road")):
        assert client.post("/cases/new", details(team_a, address=address)).status_code == 302
        forms.append({"csrf_token": client.csrf_token("/cases/new/check")})
    responses = at_once(
        lambda: first.post("/cases/new/check", forms[0]),
        lambda: second.post("/cases/new/check", forms[1]),
    )
    assert sorted(response.status_code for response in responses) == [200, 302]
    refused = next(response for response in responses if response.status_code == 200)
    html = refused.get_data(as_text=True)
    assert error_messages(html) == [SEEN]  # both are in Team A: the case is theirs to see
    assert count(app, Case) == 1
    assert created(app) == 1
