"""The family's entry (issue 20), public: a right code opens a session holding the invitation's
id alone, and a page with the person's first name and the meeting's date, nothing else of the
case; it opens no staff page. A wrong, expired or withdrawn code gets the same page with one
plain message; a throttled address is told so, and when to try again, whatever code it gives."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from helpers import Client, session_cookie, sign_in
from invitation_world import MEETING_ON
from pages import assert_page, error_messages, select, text_of
from sqlalchemy import func
from sqlalchemy import select as query

from conference.common.sessions import SERIALIZER, key_hash
from conference.domain.wording import long_date
from conference.extensions import db
from conference.models import (
    Adult,
    Child,
    Conference,
    Invitation,
    SignInFailure,
    User,
    UserSession,
)
from conference.services import invitations

NOT_FOUND = (
    "We could not find that code. Check it and try again, or ask your social worker for a new one."
)
TOO_MANY = (
    "You have tried too many codes. Wait 15 minutes, then try again, or ask your social worker "
    "for help."
)
START = "Hello Kemi"


@pytest.fixture
def code(app, family) -> str:
    """Kemi's code for the review conference."""
    with app.test_request_context():
        worker = db.session.get(User, family.user_ids["social_worker"])
        kemi = db.session.get(Child, family.kemi_id)
        conference = db.session.get(Conference, family.conference_id)
        _invitation, made = invitations.invite(worker, conference, kemi, "young_person")
        db.session.commit()
        return made


def _type(client, code: str, address: str = "203.0.113.9"):
    token = select(client.get("/respond").get_data(as_text=True), 'input[name="csrf_token"]')
    data = {"csrf_token": token[0].get("value"), "code": code}
    return client.raw.post("/respond", data=data, environ_base={"REMOTE_ADDR": address})


def _as_shown(html: str) -> str:
    """The page without the values in its boxes: the CSRF token and the code as typed."""
    return re.sub(r' value="[^"]*"', "", html)


def test_the_code_page_is_the_family_s_own_without_staff_navigation(client):
    html = assert_page(client.get("/respond"), "Enter your code")
    assert not select(html, ".govuk-service-navigation")
    assert "Sign out" not in html and "Cases" not in text_of(html)
    assert "never share your sign-in" not in html  # the staff footer
    assert select(html, 'meta[name="viewport"]')
    assert select(html, 'input[name="code"]')[0].get("autocomplete") == "off"


def test_the_qr_code_s_address_fills_in_the_box_and_checks_nothing(client, code, app):
    html = client.get(f"/respond?code={code}").get_data(as_text=True)
    assert select(html, 'input[name="code"]')[0].get("value") == code
    with app.app_context():
        assert db.session.scalar(query(Invitation.last_used_at)) is None


def test_a_right_code_shows_only_the_first_name_and_the_date(client, code):
    response = _type(client, code.lower().replace("-", " "))
    assert (response.status_code, response.headers["Location"]) == (302, "/respond/start")
    html = assert_page(client.get("/respond/start"), START)
    words = text_of(html)
    assert f"This is about the meeting on {long_date(MEETING_ON)}." in words
    for private in ("Adeyemi", "Dana", "INV-000001", "Review", "conference", "2013"):
        assert private not in words
    # The questions are on pages of their own (test_views_forms.py): a link, not a form.
    assert [a.get("href") for a in select(html, "a.govuk-button--start")] == ["/respond/views"]
    assert not select(html, "form")


def test_the_session_holds_the_invitation_s_id_and_no_personal_data(client, code, app):
    _type(client, code)
    with app.app_context():
        row = db.session.scalar(
            query(UserSession).where(UserSession.key_hash == key_hash(session_cookie(client)))
        )
        data = SERIALIZER.loads(row.data)
        invitation_id = db.session.scalar(query(Invitation.id))
    assert row.user_id is None
    # The invitation's id, and the language the pages are in (Kemi asked for none: English).
    assert data == {"invitation": invitation_id, "respond_language": "en"}
    assert "Kemi" not in row.data and code not in row.data


def test_the_session_opens_no_staff_page(client, code, family):
    _type(client, code)
    for url in (
        "/",
        "/my-work/",
        f"/cases/{family.case_id}",
        f"/conferences/{family.conference_id}",
        f"/conferences/{family.conference_id}/invitations",
    ):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.headers["Location"].startswith("/sign-in"), url
    assert client.get("/respond/start").status_code == 200


def test_a_worker_signed_in_on_the_phone_is_signed_out_by_a_family_s_code(client, code, family):
    assert sign_in(client, family.emails["social_worker"]).status_code == 302
    assert client.get("/my-work/").status_code == 200
    _type(client, code)
    assert client.get("/my-work/").status_code == 302
    assert_page(client.get("/respond/start"), START)


def test_wrong_expired_and_withdrawn_get_one_and_the_same_page(client, code, app):
    wrong = _type(client, "K7QM-3XRT-9HWP-C2DA", "198.51.100.1")
    wrong_html = assert_page(wrong, "Enter your code")
    assert error_messages(wrong_html) == [NOT_FOUND]
    seen = {"wrong": _as_shown(wrong_html)}
    with app.test_request_context():
        invitation = db.session.scalar(query(Invitation))
        invitation.expires_at = datetime.now(UTC) - timedelta(minutes=1)
        db.session.commit()
        seen["expired"] = _as_shown(_type(client, code, "198.51.100.2").get_data(True))
        invitation.expires_at = datetime.now(UTC) + timedelta(days=1)
        invitations.withdraw(db.session.get(User, invitation.created_by_id), invitation)
        db.session.commit()
        seen["withdrawn"] = _as_shown(_type(client, code, "198.51.100.3").get_data(True))
    assert len(set(seen.values())) == 1, [k for k, v in seen.items() if v != seen["wrong"]]


def test_a_throttled_address_is_told_to_wait_whatever_the_code(client, code, app):
    other = _new_code(app, "dana")
    for _ in range(invitations.WRONG_CODES_PER_ADDRESS):
        _type(client, "K7QM-3XRT-9HWP-C2DA", "198.51.100.4")
    assert invitations.WAIT_MINUTES == 15  # the real window, as the message gives it
    shown = set()
    for typed in (other, "K7QM-3XRT-9HWP-C2DA", "not a code"):  # right, wrong, nonsense
        html = assert_page(_type(client, typed, "198.51.100.4"), "Enter your code")
        assert error_messages(html) == [TOO_MANY]
        shown.add(_as_shown(html))
    assert len(shown) == 1  # nothing tells one code from another
    with app.app_context():
        # The tries refused while throttled are not failures: the wait does not grow.
        assert db.session.scalar(query(func.count(SignInFailure.id))) == (
            invitations.WRONG_CODES_PER_ADDRESS
        )
        assert (
            db.session.scalar(
                query(Invitation.last_used_at).where(Invitation.adult_id.is_not(None))
            )
            is None
        )
    # The same right code from another address opens the page.
    assert _type(client, other, "198.51.100.5").status_code == 302


def _new_code(app, person: str) -> str:
    with app.test_request_context():
        invitation = db.session.scalar(query(Invitation))
        worker = db.session.get(User, invitation.created_by_id)
        dana = db.session.scalar(query(Adult))
        _made, made = invitations.invite(worker, invitation.conference, dana, "parent")
        db.session.commit()
        return made


def test_an_empty_code_asks_for_it(client):
    html = assert_page(_type(client, "  "), "Enter your code")
    assert error_messages(html) == ["Enter your code"]


def test_the_start_page_needs_an_open_invitation(client, code, app):
    assert client.get("/respond/start").headers["Location"] == "/respond"
    _type(client, code)
    assert client.get("/respond/start").status_code == 200
    with app.test_request_context():
        invitation = db.session.scalar(query(Invitation))
        invitations.withdraw(db.session.get(User, invitation.created_by_id), invitation)
        db.session.commit()
    assert client.get("/respond/start").headers["Location"] == "/respond"


def test_the_form_works_without_a_session_of_staff(app):
    """A phone that never opened the service: the code page gives its own token."""
    fresh = Client(app.test_client())
    assert fresh.get("/respond").status_code == 200
