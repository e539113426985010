"""Administrators set the contacts for families, for the whole service and for each team; what
family documents will leave out is flagged to them; nobody else can change them."""

import pytest
from helpers import count
from pages import assert_page, error_messages, select, text_of, texts
from sqlalchemy import delete
from sqlalchemy import select as select_model

from conference.extensions import db
from conference.models import AuditEvent, ContactSetting, Team, User

SERVICE_URL = "/admin/contacts/service"
FORBIDDEN = "You do not have permission to see this page"
TEAM_PHONE_ERROR = "Enter the team’s phone number, like 01632 960000 or +44 1632 960000"


def _team(app, name) -> int:
    with app.app_context():
        team = Team(name=name)
        db.session.add(team)
        db.session.commit()
        return team.id


def _form(client, url, **values) -> dict:
    """The form as loaded (with its fingerprint), with `values` typed into it."""
    html = client.get(url).get_data(as_text=True)
    (loaded,) = select(html, 'input[name="loaded"]')
    return {"loaded": loaded.get("value"), **values}


def _settings(app) -> dict:
    with app.app_context():
        rows = db.session.query(ContactSetting).all()
        return {(row.team_id, row.key): row.value for row in rows}


def _gaps(html) -> list[str]:
    return texts(html, "[data-contact-gaps] li")


@pytest.mark.parametrize("role", ["manager", "chair", "social_worker", "practitioner"])
def test_only_admins_reach_the_contact_pages(signed_in, app, role):
    team_id = _team(app, "Assessment Team")
    client = signed_in(role)
    urls = ["/admin/contacts", SERVICE_URL, f"/admin/contacts/teams/{team_id}"]
    for url in urls:
        assert_page(client.get(url), FORBIDDEN, status=403)
    for url in urls[1:]:
        response = client.post(url, {"team_phone": "01632 960000"}, page="/")
        assert_page(response, FORBIDDEN, status=403)
    assert _settings(app) == {}
    assert count(app, AuditEvent, record_type="contact_setting") == 0


def test_admin_sets_the_service_contacts_and_each_change_is_audited(signed_in, app):
    client = signed_in("admin")
    assert_page(client.get(SERVICE_URL), "Contacts for the whole service")
    form = _form(
        client,
        SERVICE_URL,
        team_phone="01632 960000",
        out_of_hours="01632 960999, 5pm to 8:30am and all weekend",
        chair_contact="chairs@example.gov.uk",
    )
    response = client.post(SERVICE_URL, form)
    assert response.headers["Location"] == "/admin/contacts"
    assert _settings(app) == {
        (None, "team_phone"): "01632 960000",
        (None, "out_of_hours"): "01632 960999, 5pm to 8:30am and all weekend",
        (None, "chair_contact"): "chairs@example.gov.uk",
    }
    html = client.get("/admin/contacts").get_data(as_text=True)
    assert "Contacts for the whole service saved" in text_of(html)
    assert "01632 960999, 5pm to 8:30am and all weekend" in text_of(html)
    with app.app_context():
        events = db.session.query(AuditEvent).filter_by(record_type="contact_setting").all()
        assert {(e.action, e.user_id) for e in events} == {("create", client.user_id)}
        assert {"team_phone": [None, "01632 960000"], "team_id": [None, None]} in [
            e.changes for e in events
        ]

    # Cleared: the setting is removed, and that is audited too.
    client.post(SERVICE_URL, _form(client, SERVICE_URL, team_phone="01632 960001"))
    assert _settings(app) == {(None, "team_phone"): "01632 960001"}
    with app.app_context():
        actions = [e.action for e in db.session.query(AuditEvent).order_by(AuditEvent.id)]
        assert actions[-3:] == ["update", "delete", "delete"]


@pytest.mark.parametrize(
    ("values", "errors"),
    [
        ({"team_phone": "ring us"}, [TEAM_PHONE_ERROR]),
        ({"team_phone": "0163"}, [TEAM_PHONE_ERROR]),
        (
            {"out_of_hours": "Evenings and weekends"},
            [
                "Enter the out-of-hours team’s phone number and when it answers, like "
                "01632 960999, 5pm to 8:30am"
            ],
        ),
        (
            {"chair_contact": "Ask reception"},
            [
                "Enter a phone number or an email address for the conference chairs, like "
                "01632 960300 or chairs@example.gov.uk"
            ],
        ),
        ({"advocacy": "x" * 301}, ["Advocacy service must be 300 characters or fewer"]),
    ],
)
def test_bad_contacts_are_explained_and_nothing_is_saved(signed_in, app, values, errors):
    client = signed_in("admin")
    typed = {"interpreter": "Ask your social worker: it is free", **values}
    html = assert_page(
        client.post(SERVICE_URL, _form(client, SERVICE_URL, **typed)),
        "Contacts for the whole service",
    )
    assert error_messages(html) == errors
    (field,) = values  # the summary links to the box the message names
    assert select(html, f'.govuk-error-summary a[href="#{field}"]')
    assert "Ask your social worker: it is free" in html  # nothing typed is lost
    assert _settings(app) == {}


def test_a_team_sets_its_own_and_leaves_the_rest_to_the_service(signed_in, app):
    team_id = _team(app, "Assessment Team")
    client = signed_in("admin")
    client.post(SERVICE_URL, _form(client, SERVICE_URL, out_of_hours="01632 960999, 24 hours"))
    url = f"/admin/contacts/teams/{team_id}"
    html = assert_page(client.get(url), "Contacts for Assessment Team")
    assert "Blank: the service’s, 01632 960999, 24 hours" in text_of(html)
    client.post(url, _form(client, url, team_phone="+44 1632 960123"))
    assert _settings(app)[(team_id, "team_phone")] == "+44 1632 960123"
    html = client.get("/admin/contacts").get_data(as_text=True)
    assert "Not set: uses the service’s" in text_of(html)


def test_missing_contacts_are_flagged_on_the_home_page_and_the_contacts_page(signed_in, app):
    _team(app, "Assessment Team")
    client = signed_in("admin")
    service = {
        "team_phone": "01632 960000",
        "chair_contact": "01632 960300",
        "advocacy": "Speak Up Demo, 01632 960400",
        "interpreter": "Ask your social worker",
        "complaints": "complaints@example.gov.uk",
    }
    client.post(SERVICE_URL, _form(client, SERVICE_URL, **service))
    flag = (
        "Assessment Team has no out-of-hours number and the service has none either: family "
        "documents will leave it out."
    )
    assert _gaps(client.get("/").get_data(as_text=True)) == [flag]
    assert _gaps(client.get("/admin/contacts").get_data(as_text=True)) == [flag]

    url = f"/admin/contacts/teams/{_team(app, 'Family Support Team')}"
    client.post(url, _form(client, url, out_of_hours="01632 960999, 5pm to 9am"))
    assert _gaps(client.get("/").get_data(as_text=True)) == [flag]  # only the other team
    service["out_of_hours"] = "01632 960999, 24 hours"
    client.post(SERVICE_URL, _form(client, SERVICE_URL, **service))
    assert _gaps(client.get("/").get_data(as_text=True)) == []


def test_every_missing_contact_is_named_once(signed_in, app):
    _team(app, "Assessment Team")
    client = signed_in("admin")
    client.post(SERVICE_URL, _form(client, SERVICE_URL, team_phone="01632 960000"))
    assert _gaps(client.get("/admin/contacts").get_data(as_text=True)) == [
        "Assessment Team has no out-of-hours number, no contact for the conference chairs, no "
        "advocacy service, nothing on how to ask for an interpreter and nothing on how to "
        "complain, and the service has none either: family documents will leave them out."
    ]


def test_a_social_worker_sees_no_flags(signed_in):
    html = signed_in("social_worker").get("/").get_data(as_text=True)
    assert _gaps(html) == [] and "Contacts missing" not in html


def test_a_save_by_someone_else_in_between_is_shown_not_overwritten(signed_in, app):
    client = signed_in("admin")
    stale = _form(client, SERVICE_URL, team_phone="01632 960111", advocacy="Mine")
    client.post(SERVICE_URL, _form(client, SERVICE_URL, team_phone="01632 960222"))  # another
    html = client.post(SERVICE_URL, stale).get_data(as_text=True)
    assert "Someone else changed this record while you were editing it" in html
    assert "Team phone number 01632 960222 01632 960111" in text_of(html)
    assert 'value="01632 960111"' in html  # what this admin typed, still in the form
    assert _settings(app) == {(None, "team_phone"): "01632 960222"}
    (loaded,) = select(html, 'input[name="loaded"]')
    again = {"loaded": loaded.get("value"), "team_phone": "01632 960111", "advocacy": "Mine"}
    assert client.post(SERVICE_URL, again).status_code == 302  # saved knowingly
    assert _settings(app)[(None, "team_phone")] == "01632 960111"


def test_the_social_workers_phone_is_set_on_the_user_form_and_shown_on_their_home_page(
    signed_in, make_user, client, app
):
    from helpers import sign_in

    admin = signed_in("admin")
    user_id = make_user("social_worker", email="sam@example.org", name="Sam Worker")
    url = f"/admin/users/{user_id}"
    form = {
        "name": "Sam Worker",
        "email": "sam@example.org",
        "role": "social_worker",
        "phone": "not a number",
        "agency": "",
        "team_id": "",
        "pod_id": "",
        "senior_practitioner": "no",
        "active": "yes",
        "version": "1",
    }
    html = admin.post(url, form).get_data(as_text=True)
    assert error_messages(html) == ["Enter a phone number, like 01632 960000 or +44 1632 960000"]
    assert admin.post(url, {**form, "phone": "01632 960123"}).status_code == 302
    with app.app_context():
        event = db.session.query(AuditEvent).filter_by(action="update").one()
        assert event.changes["phone"] == ["", "01632 960123"]
    admin.post("/sign-out", page="/")
    sign_in(client, "sam@example.org")
    assert "Phone number 01632 960123" in text_of(client.get("/").get_data(as_text=True))


@pytest.fixture
def demo(app, monkeypatch):
    """The demo service: Sam Social-Worker (phone 01632 960123) is the social worker of the
    DEMO-0001 family, on a plan, in the Demo Assessment Team (phone 01632 960100)."""
    monkeypatch.setenv("DEMO_PASSWORD", "demo password for the contact tests")
    result = app.test_cli_runner().invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output


def _phone_cleared(app, name: str) -> None:
    with app.app_context():
        db.session.scalars(select_model(User).where(User.name == name)).one().phone = ""
        db.session.commit()


def _no_team_numbers(app) -> None:
    with app.app_context():
        db.session.execute(delete(ContactSetting).where(ContactSetting.key == "team_phone"))
        db.session.commit()


def test_a_social_worker_with_no_phone_on_a_plan_is_flagged(signed_in, app, demo):
    client = signed_in("admin")
    assert not any("has no phone number" in gap for gap in _gaps(client.get("/").text))

    _phone_cleared(app, "Sam Social-Worker")
    instead = (
        "Sam Social-Worker has no phone number: families on their cases get the team’s number "
        "instead."
    )
    assert instead in _gaps(client.get("/").text)
    assert instead in _gaps(client.get("/admin/contacts").text)

    _no_team_numbers(app)
    nothing = (
        "Sam Social-Worker has no phone number and Demo Assessment Team has none either: "
        "families on their cases get no daytime number."
    )
    for url in ("/", "/admin/contacts"):
        gaps = _gaps(client.get(url).text)
        assert nothing in gaps and instead not in gaps


def test_no_such_team(signed_in):
    response = signed_in("admin").get("/admin/contacts/teams/999999")
    assert response.status_code == 404
