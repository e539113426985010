"""What test_auth.py and test_security.py leave out: security headers on every kind of response
(page, PDF, CSV, static file, error pages), a change posted after the idle timeout, and no
personal data in the application log while the demo family's records are used."""

import logging
from datetime import timedelta

import pytest
from helpers import PASSWORD, Client, count, last_used, sign_in
from security_world import client_for
from sqlalchemy import select
from sqlalchemy.exc import OperationalError

from conference.extensions import db
from conference.models import Adult, Case, Conference, Plan
from conference.pdf import documents, kept
from conference.people import views as people_views

HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    # A year: browsers then only ever reach the service over HTTPS.
    "Strict-Transport-Security": "max-age=31536000; includeSubDomains",
}


def assert_security_headers(response, cached: bool = False):
    for name, value in HEADERS.items():
        assert response.headers.get(name) == value, name
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"] or (
        "sandbox" in response.headers["Content-Security-Policy"]
    )
    assert ("no-store" in response.headers.get("Cache-Control", "")) != cached


@pytest.mark.parametrize(
    ("url", "content_type", "status"),
    [
        ("/cases/{case_id}", "text/html", 200),
        ("/plans/{plan_id}/family-plan.pdf", "application/pdf", 200),
        ("/conferences/{initial_id}/record.pdf", "application/pdf", 200),
        ("/dashboard/on-plan/download", "text/csv", 200),
        ("/conferences/{review_id}/live.json", "application/json", 200),
        ("/conferences/{review_id}/pictures/{picture_id}", "image/png", 200),
        ("/no-such-page", "text/html", 404),
        ("/admin/users", "text/html", 403),
        ("/sign-out", "text/html", 405),
        ("/conferences/{initial_id}/edit", "text/html", 409),
    ],
)
def test_every_kind_of_response_has_the_security_headers(
    app, security_world, url, content_type, status
):
    client = client_for(app, security_world, "chair")
    response = client.get(url.format(**security_world["own"]))
    assert response.status_code == status
    assert response.mimetype == content_type
    assert_security_headers(response)
    response.close()


def test_error_pages_for_the_signed_out_have_the_headers_too(client):
    for response in (
        client.get("/healthz"),
        client.post("/sign-in", {"email": "a@example.org"}, csrf=False),
    ):
        assert_security_headers(response)


def test_strict_transport_security_can_be_turned_off(app, client, monkeypatch):
    monkeypatch.setitem(app.config, "HSTS_SECONDS", 0)
    assert "Strict-Transport-Security" not in client.get("/healthz").headers


def test_a_static_file_may_be_cached_but_has_the_other_headers(client):
    response = client.get("/static/src/app.mjs")
    assert response.status_code == 200
    assert_security_headers(response, cached=True)
    response.close()


def test_a_change_posted_after_the_idle_timeout_is_not_saved(app, security_world):
    client = client_for(app, security_world, "social_worker")
    url = f"/cases/{security_world['own']['case_id']}/adults/new"
    token = client.csrf_token(url)
    last_used(app, client, timedelta(minutes=31))
    response = client.post(url, {"csrf_token": token, "given_name": "New", "family_name": "Adult"})
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/sign-in?next=")
    assert count(app, Adult, given_name="New") == 0


# No personal data in the log


@pytest.fixture
def demo(app):
    result = app.test_cli_runner().invoke(args=["seed-demo"], env={"DEMO_PASSWORD": PASSWORD})
    assert result.exit_code == 0, result.output
    with app.app_context():
        case = db.session.scalar(select(Case).where(Case.reference == "DEMO-0001"))
        children, adults = list(case.children), list(case.adults)
        personal = {case.address}
        for person in children + adults:
            personal |= {person.given_name, person.family_name}
            personal.add(getattr(person, "contact_address", ""))
        for child in children:
            for born in (child.date_of_birth, child.expected_date_of_birth):
                if born is not None:
                    personal |= {born.isoformat(), f"{born:%-d %B %Y}", f"{born:%d/%m/%Y}"}
        conference = db.session.scalar(select(Conference).where(Conference.case_id == case.id))
        plan = db.session.scalar(select(Plan).where(Plan.case_id == case.id, Plan.number == 1))
        return {
            "case_id": case.id,
            "child_id": children[0].id,
            "adult_id": adults[0].id,
            "conference_id": conference.id,
            "plan_id": plan.id if plan else None,
            "personal": {value for value in personal if value and len(value) > 2},
        }


def test_no_personal_data_reaches_the_application_log(app, demo, caplog, monkeypatch):
    """Pages, PDFs, not found, a validation error, a failed sign-in, and the two failures the
    app logs: a PDF that cannot be made and a busy database, each with the family's details in
    the error itself."""
    for name in ("conference", "flask", "werkzeug", "flask_limiter", "flask_wtf"):
        caplog.set_level(logging.DEBUG, logger=name)
    client = Client(app.test_client())
    assert sign_in(client, "socialworker@demo.example").status_code == 302
    case_url = f"/cases/{demo['case_id']}"
    for url in (
        case_url,
        f"{case_url}/children/{demo['child_id']}",
        f"/conferences/{demo['conference_id']}",
        f"/conferences/{demo['conference_id']}/record.pdf",
        f"{case_url}/children/999999",  # not found
        "/no-such-page",
    ):
        client.get(url)
    if demo["plan_id"]:
        client.get(f"/plans/{demo['plan_id']}/family-plan.pdf")
    edit_adult = f"{case_url}/adults/{demo['adult_id']}/edit"
    response = client.post(edit_adult, {"given_name": "", "family_name": "Adebayo"})
    assert 'class="govuk-error-summary"' in response.get_data(as_text=True)
    name = sorted(demo["personal"])[0]

    def fails(*args, **kwargs):
        raise ValueError(f"could not draw the record of {name}")

    monkeypatch.setattr(documents, "printed", fails)
    # Laid out again, as after any change to the case, rather than handed over as kept.
    monkeypatch.setattr(kept, "kept", lambda _document, _record: None)
    assert client.get(f"/conferences/{demo['conference_id']}/record.pdf").status_code == 500

    def busy(*args, **kwargs):
        params = {"given_name": name}
        raise OperationalError("UPDATE adult SET given_name=?", params, Exception("locked"))

    monkeypatch.setattr(people_views.access, "case_to_edit", busy)
    response = client.post(edit_adult, {"given_name": name, "family_name": "Adebayo"})
    assert response.status_code == 503
    signed_out = Client(app.test_client())
    signed_out.post("/sign-in", {"email": "Funmilayo.Adebayo@example.org", "password": "x"})
    logged = "\n".join(record.getMessage() for record in caplog.records)
    logged += "\n".join(str(record.args) for record in caplog.records)
    assert caplog.records, "nothing was logged at all: is the log captured?"
    found = sorted(value for value in demo["personal"] if value.lower() in logged.lower())
    assert found == []


def test_the_log_check_would_see_a_name(app, demo, caplog):
    """The check above can fail: a name logged by the app is found."""
    caplog.set_level(logging.DEBUG, logger="conference")
    logging.getLogger("conference").info("about %s", "Adebayo")
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert any(value in logged for value in demo["personal"])
