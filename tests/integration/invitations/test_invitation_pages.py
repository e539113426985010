"""The staff's invitation pages (issue 20): who may invite (the case's social worker, its team's
manager, chairs; not the minute-taker, not another team), the code shown once with the address
and a QR code, the meeting's list, and withdrawing with a confirmation."""

import re

import pytest
from helpers import sign_in
from pages import assert_page, error_messages, links, select, text_of
from sqlalchemy import select as query

from conference.extensions import db
from conference.models import AuditEvent, Invitation

INVITE = "Invite someone to give their views"
LIST = "Invitations to give their views"
CODE = re.compile(r"[A-Z2-9]{4}(?:-[A-Z2-9]{4}){3}")


def _as(client, family, who):
    assert sign_in(client, family.emails[who]).status_code == 302
    return client


def _invite_url(family, where="conference"):
    if where == "conference":
        return f"/conferences/{family.conference_id}/invite"
    return f"/core-groups/{family.meeting_id}/invite"


def _list_url(family, where="conference"):
    if where == "conference":
        return f"/conferences/{family.conference_id}/invitations"
    return f"/core-groups/{family.meeting_id}/invitations"


def _make(client, family, person, version="young_person", days="", where="conference"):
    return client.post(
        _invite_url(family, where), {"person": person, "version": version, "days": days}
    )


@pytest.mark.parametrize(
    ("who", "wanted"),
    [
        ("social_worker", 200),
        ("manager", 200),
        ("chair", 200),
        ("minute_taker", 403),  # sees the conference, does not invite for it
        ("other_worker", 404),
    ],
)
def test_who_may_invite_for_a_conference(client, family, who, wanted):
    _as(client, family, who)
    for url in (_invite_url(family), _list_url(family)):
        assert client.get(url).status_code == wanted, url
    page = client.get(f"/conferences/{family.conference_id}").get_data(as_text=True)
    assert (INVITE in text_of(page)) == (wanted == 200)


@pytest.mark.parametrize(
    ("who", "wanted"),
    [("social_worker", 200), ("chair", 200), ("minute_taker", 404), ("other_worker", 404)],
)
def test_who_may_invite_for_a_core_group_meeting(client, family, who, wanted):
    _as(client, family, who)
    for url in (_invite_url(family, "core"), _list_url(family, "core")):
        assert client.get(url).status_code == wanted, url
    page = client.get(f"/core-groups/{family.meeting_id}")
    assert page.status_code == wanted
    assert (INVITE in text_of(page.get_data(as_text=True))) == (wanted == 200)


def test_the_invite_page_names_the_family_and_asks_for_a_choice(client, family):
    _as(client, family, "social_worker")
    html = assert_page(client.get(_invite_url(family)), INVITE)
    assert "Review child protection conference on 18 December 2026" in text_of(html)
    persons = [element.get("value") for element in select(html, 'input[name="person"]')]
    assert persons == [f"adult:{family.dana_id}", f"child:{family.kemi_id}"]
    legends = [legend.text.strip() for legend in select(html, "legend")]
    assert legends == ["Who are you inviting?", "Which questions should they be asked?"]
    labels = [label.text.strip() for label in select(html, "label.govuk-radios__label")]
    assert labels[:2] == ["Dana Adeyemi", "Kemi Adeyemi"]
    response = client.post(_invite_url(family), {"days": "0"})
    html = assert_page(response, INVITE)
    assert error_messages(html) == [
        "Select who you are inviting",
        "Select which questions they are asked",
        "Enter the number of days as a whole number from 1 to 90",
    ]
    with client.raw.application.app_context():
        assert db.session.scalar(query(Invitation.id)) is None


def test_a_meeting_in_the_past_needs_a_number_of_days(client, family, app):
    from datetime import date

    from conference.models import CoreGroupMeeting

    with app.app_context():
        db.session.get(CoreGroupMeeting, family.meeting_id).held_on = date(2026, 1, 5)
        db.session.commit()
    _as(client, family, "social_worker")
    html = assert_page(
        _make(client, family, f"adult:{family.dana_id}", "parent", where="core"), INVITE
    )
    assert error_messages(html) == [
        "The meeting has passed: enter how many days the code should last"
    ]
    response = _make(client, family, f"adult:{family.dana_id}", "parent", "7", where="core")
    assert_page(response, "The code for Dana Adeyemi")


def test_the_code_is_shown_once_with_the_address_and_a_qr_code(client, family, app):
    _as(client, family, "social_worker")
    response = _make(client, family, f"child:{family.kemi_id}")
    html = assert_page(response, "The code for Kemi Adeyemi")
    assert response.headers["Cache-Control"] == "no-store"
    [code] = [element.text for element in select(html, "#invitation-code")]
    assert CODE.fullmatch(code)
    assert select(html, "#invitation-address")[0].text == "http://localhost/respond"
    assert "This code is shown only once" in text_of(html)
    [svg] = select(html, "svg")
    assert select(html, '[role="img"][aria-labelledby="qr-text"]')
    assert code in select(html, "#qr-text")[0].text  # the QR code's text alternative
    assert svg.get("class") == "app-invitation-qr"
    # The list shows who is invited, never the code.
    listed = assert_page(client.get(_list_url(family)), LIST)
    assert "Kemi Adeyemi" in text_of(listed) and code not in listed
    assert "Not used yet" in text_of(listed) and "Open" in text_of(listed)
    assert "The end of 18 December 2026" in text_of(
        html
    ) and "The end of 18 December 2026" in text_of(listed)
    with app.app_context():
        invitation = db.session.scalar(query(Invitation))
        assert (invitation.version, invitation.child_id) == ("young_person", family.kemi_id)
        made = db.session.scalar(query(AuditEvent).where(AuditEvent.action == "invitation made"))
        assert made.user_id == family.user_ids["social_worker"]


def test_withdrawing_asks_first_then_the_code_opens_nothing(client, family, app):
    _as(client, family, "chair")
    html = _make(client, family, f"adult:{family.dana_id}", "parent").get_data(as_text=True)
    code = select(html, "#invitation-code")[0].text
    listed = client.get(_list_url(family)).get_data(as_text=True)
    [(withdraw_url, _text)] = [link for link in links(listed) if link[1].startswith("Withdraw")]
    assert_page(client.get(withdraw_url), "Are you sure you want to withdraw this invitation?")
    response = client.post(withdraw_url, {})
    assert response.status_code == 302 and response.headers["Location"] == _list_url(family)
    listed = client.get(_list_url(family)).get_data(as_text=True)
    assert "The invitation for Dana Adeyemi is withdrawn" in text_of(listed)
    assert "Withdrawn" in text_of(listed) and "Withdraw the invitation" not in text_of(listed)
    # Again: already withdrawn, back to the list, nothing more recorded.
    assert client.get(withdraw_url).status_code == 302
    family_client = client.raw.application.test_client()
    page = family_client.get("/respond").get_data(as_text=True)
    token = select(page, 'input[name="csrf_token"]')[0].get("value")
    refused = family_client.post("/respond", data={"csrf_token": token, "code": code})
    assert "We could not find that code" in refused.get_data(as_text=True)
    with app.app_context():
        invitation = db.session.scalar(query(Invitation))
        assert invitation.withdrawn_by_id == family.user_ids["chair"]
        actions = db.session.scalars(
            query(AuditEvent.action).where(AuditEvent.action == "invitation withdrawn")
        ).all()
        assert actions == ["invitation withdrawn"]
