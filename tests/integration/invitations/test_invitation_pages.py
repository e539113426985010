"""The staff's invitation pages (issue 20): who may invite (the case's social worker, its team's
manager, chairs; not the minute-taker, not another team), the code shown once with the address
and a QR code, the meeting's list, and withdrawing with a confirmation."""

import re

import pytest
from helpers import sign_in
from invitation_world import MEETING_ON
from pages import assert_page, error_messages, links, select, text_of
from sqlalchemy import func
from sqlalchemy import select as query

from conference.domain.wording import long_date
from conference.extensions import db
from conference.models import AuditEvent, Invitation

INVITE = "Invite someone to give their views"
LIST = "Invitations to give their views"
HELD = "You cannot invite anyone for this meeting"
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
    assert f"Review child protection conference on {long_date(MEETING_ON)}" in text_of(html)
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


def test_a_meeting_already_held_offers_no_form_and_refuses_a_post(client, family, app):
    from datetime import timedelta

    from conference.domain import clock
    from conference.models import CoreGroupMeeting

    _as(client, family, "social_worker")
    form = client.get(_invite_url(family, "core")).get_data(as_text=True)  # shown the day before
    token = select(form, 'input[name="once"]')[0].get("value")
    with app.app_context():
        held_on = clock.today() - timedelta(days=1)
        db.session.get(CoreGroupMeeting, family.meeting_id).held_on = held_on
        db.session.commit()
    html = assert_page(client.get(_invite_url(family, "core")), HELD)
    assert not select(html, 'input[name="person"]')
    listed = assert_page(client.get(_list_url(family, "core")), LIST)
    assert INVITE not in text_of(listed) and "nobody can be invited for it now" in text_of(listed)
    meeting_page = text_of(client.get(f"/core-groups/{family.meeting_id}").get_data(as_text=True))
    assert INVITE not in meeting_page
    assert "The meeting has been held: views are no longer asked for." in meeting_page
    data = {"person": f"adult:{family.dana_id}", "version": "parent", "days": "7", "once": token}
    html = assert_page(client.post(_invite_url(family, "core"), data), HELD)
    assert "Views are asked for before a meeting, not after it." in text_of(html)
    assert "Nobody was invited." in text_of(html)
    with app.app_context():
        assert db.session.scalar(query(Invitation.id)) is None


def test_only_sensible_choices_are_offered_and_nonsense_is_refused(client, family, app):
    from conference.models import Case, Child

    with app.app_context():
        case = db.session.get(Case, family.case_id)
        baby = Child(given_name="Baby", family_name="Adeyemi", local_child_id="INV-C2")
        case.children.append(baby)
        db.session.commit()
        baby_id = baby.id
    _as(client, family, "social_worker")
    html = assert_page(client.get(_invite_url(family)), INVITE)
    persons = [element.get("value") for element in select(html, 'input[name="person"]')]
    assert persons == [f"adult:{family.dana_id}", f"child:{family.kemi_id}"]  # not the baby
    refused = [
        (
            f"child:{baby_id}",
            "younger_child",
            "Baby Adeyemi is not born yet: select someone who can give their views",
        ),
        (
            f"child:{family.kemi_id}",
            "parent",
            "Kemi Adeyemi is a child: select the questions for a young person or a younger child",
        ),
        (
            f"adult:{family.dana_id}",
            "younger_child",
            "Dana Adeyemi is an adult: select the questions for a parent or carer",
        ),
        ("adult:99999", "parent", "Select who you are inviting"),
        (f"adult:{family.dana_id}", "grandparent", "Select which questions they are asked"),
    ]
    for person, version, message in refused:
        html = assert_page(_make(client, family, person, version), INVITE)
        assert error_messages(html) == [message], (person, version)
    with app.app_context():
        assert db.session.scalar(query(Invitation.id)) is None


def test_a_case_with_no_adult_offers_no_parent_s_questions(client, family, app):
    from conference.models import Adult

    with app.app_context():
        db.session.delete(db.session.get(Adult, family.dana_id))
        db.session.commit()
    _as(client, family, "social_worker")
    html = assert_page(client.get(_invite_url(family)), INVITE)
    versions = [element.get("value") for element in select(html, 'input[name="version"]')]
    assert versions == ["young_person", "younger_child"]


def test_the_staff_pages_say_what_is_asked_and_where_the_answers_go(client, family):
    _as(client, family, "social_worker")
    invite = text_of(client.get(_invite_url(family)).get_data(as_text=True))
    code_page = text_of(_make(client, family, f"child:{family.kemi_id}").get_data(as_text=True))
    for words in (invite, code_page):
        assert "their first name and the date of the meeting" in words
        assert "come to the social worker and the chair" in words
        assert "Nothing goes in" in words  # into the record, until they accept them
        assert "not open online" not in words and "as you do now" not in words
    assert "then the questions for them" in code_page
    assert "When the questions are open online" not in invite
    assert "A parent or carer is asked what is working well" in invite
    assert "A younger child answers with pictures" in invite


def test_the_same_form_sent_again_makes_nothing_and_never_shows_the_code(client, family, app):
    """Reloading the code page, or Back and the button again, posts the same form again."""
    _as(client, family, "social_worker")
    form = client.get(_invite_url(family)).get_data(as_text=True)
    token = select(form, 'input[name="once"]')[0].get("value")
    data = {"person": f"child:{family.kemi_id}", "version": "young_person", "once": token}
    first = client.post(_invite_url(family), data).get_data(as_text=True)
    code = select(first, "#invitation-code")[0].text
    again = client.post(_invite_url(family), data)
    html = assert_page(again, "This invitation is already made")
    words = text_of(html)
    assert "it made the invitation for Kemi Adeyemi" in words
    assert "If the code was lost, withdraw the invitation and invite Kemi again" in words
    assert code not in html and code.replace("-", "") not in html
    assert (
        f"/conferences/{family.conference_id}/invitations",
        "Go to the meeting’s invitations",
    ) in links(html)
    with app.app_context():
        [invitation] = db.session.scalars(query(Invitation)).all()
        assert not invitation.withdrawn  # the code shown first still works
    # Back to the form, fetched again with a new token, and the button again: Kemi is invited
    # already, and her code still works.
    form = client.get(_invite_url(family)).get_data(as_text=True)
    assert "Invited already" in text_of(form)
    fresh = select(form, 'input[name="once"]')[0].get("value")
    assert fresh != token
    html = assert_page(client.post(_invite_url(family), {**data, "once": fresh}), INVITE)
    assert error_messages(html) == [
        "Kemi Adeyemi is invited already. If their code was lost, withdraw that invitation "
        "first, then invite them again"
    ]
    with app.app_context():
        assert not db.session.scalar(query(Invitation)).withdrawn
        assert db.session.scalar(query(func.count(Invitation.id))) == 1
    # Withdrawn, Kemi is invited again with a new code.
    listed = client.get(_list_url(family)).get_data(as_text=True)
    [(withdraw_url, _text)] = [link for link in links(listed) if link[1].startswith("Withdraw")]
    client.post(withdraw_url, {})
    again = _make(client, family, f"child:{family.kemi_id}")
    assert select(again.get_data(as_text=True), "#invitation-code")[0].text != code


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
    assert f"The end of {long_date(MEETING_ON)}" in text_of(
        html
    ) and f"The end of {long_date(MEETING_ON)}" in text_of(listed)
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
