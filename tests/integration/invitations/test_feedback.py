"""Families' feedback after a meeting (issue 20): offered with a feedback code once the meeting is
held, answered online once (the first name and the meeting's date, nothing else of the case), or
typed in by staff from a paper form; listed for whoever may view the meeting; every step audited.
"""

import io
import re
from datetime import UTC, datetime, timedelta

import pytest
from helpers import Client, sign_in
from invitation_world import MEETING_ON, TODAY
from pages import (
    assert_page,
    error_messages,
    error_summary,
    links,
    select,
    text,
    text_of,
    texts,
)
from pypdf import PdfReader
from sqlalchemy import select as query
from tagged_pdf import squashed

from conference.domain.wording import long_date
from conference.extensions import db
from conference.models import (
    AuditEvent,
    Child,
    Conference,
    CoreGroupMeeting,
    Invitation,
    User,
)
from conference.models.family_voice import FamilyFeedback
from conference.services import feedback, invitations

CODE = re.compile(r"[A-Z2-9]{4}(?:-[A-Z2-9]{4}){3}")
HELD_ON = TODAY - timedelta(days=2)
LIST = "Feedback from the family"
OFFER = "Offer feedback"
PAPER = "Enter a paper feedback form"
NOT_HELD = "You cannot ask for feedback on this meeting yet"
ALL_YES = {
    "listened_to": "yes",
    "understood_decisions": "partly",
    "understood_next_steps": "no",
    "documents_in_time": "not_needed",
    "documents_readable": "yes",
    "advocate": "wanted_one",
}
QUESTIONS = [
    "Did you feel listened to at the meeting?",
    "Did you understand what the meeting decided?",
    "Do you know what happens next?",
    "Did you get the papers in time to read them before the meeting?",
    "Were the papers in a language you can read?",
    "Did you have an advocate?",
]


@pytest.fixture
def held(app, family):
    """The review conference and the core group meeting, both held two days ago."""
    with app.app_context():
        db.session.get(Conference, family.conference_id).held_on = HELD_ON
        db.session.get(CoreGroupMeeting, family.meeting_id).held_on = HELD_ON - timedelta(days=1)
        db.session.commit()
    return family


def _as(client, family, who):
    assert sign_in(client, family.emails[who]).status_code == 302
    return client


def _urls(family, where="conference"):
    base = (
        f"/conferences/{family.conference_id}"
        if where == "conference"
        else f"/core-groups/{family.meeting_id}"
    )
    return {name: f"{base}/feedback{tail}" for name, tail in LIST_TAILS.items()}


LIST_TAILS = {"list": "", "offer": "/offer", "paper": "/paper"}


def _offer(client, family, person, days="", where="conference"):
    return client.post(_urls(family, where)["offer"], {"person": person, "days": days})


def _code_for(client, family, person="child:{kemi}"):
    person = person.format(kemi=family.kemi_id, dana=family.dana_id)
    html = assert_page(_offer(client, family, person), "The feedback code for Kemi Adeyemi")
    return CODE.search(text_of(html)).group(0)


def _type(client, code):
    return client.post("/respond", {"code": code})


def _rows(app, model, **where):
    with app.app_context():
        return list(db.session.scalars(query(model).filter_by(**where)))


# Offering


def test_feedback_is_offered_only_once_the_meeting_is_held(client, family, app):
    _as(client, family, "social_worker")
    urls = _urls(family)
    html = assert_page(client.get(urls["offer"]), NOT_HELD)
    assert f"The meeting is on {long_date(MEETING_ON)}" in text_of(html)
    assert not select(html, 'input[name="person"]')
    posted = client.post(urls["offer"], {"person": f"child:{family.kemi_id}"}, page=urls["list"])
    assert "Nothing was saved." in text_of(assert_page(posted, NOT_HELD))
    assert_page(client.get(urls["paper"]), NOT_HELD)
    listed = assert_page(client.get(urls["list"]), LIST)
    assert "Feedback is asked for after the meeting" in text_of(listed)
    assert OFFER not in [a.text for a in select(listed, "a.govuk-button")]
    assert _rows(app, Invitation) == [] and _rows(app, FamilyFeedback) == []
    with app.test_request_context():
        worker = db.session.get(User, family.user_ids["social_worker"])
        kemi = db.session.get(Child, family.kemi_id)
        conference = db.session.get(Conference, family.conference_id)
        with pytest.raises(invitations.NotInvitable):
            feedback.offer(worker, conference, kemi)


def test_offering_feedback_shows_the_code_once_and_audits_it(client, held, app):
    _as(client, held, "social_worker")
    html = assert_page(client.get(_urls(held)["offer"]), OFFER)
    persons = [each.get("value") for each in select(html, 'input[name="person"]')]
    assert persons == [f"adult:{held.dana_id}", f"child:{held.kemi_id}"]
    code = _code_for(client, held)
    [invitation] = _rows(app, Invitation)
    assert (invitation.purpose, invitation.child_id) == ("feedback", held.kemi_id)
    assert invitation.last_day == TODAY + timedelta(days=28)
    assert invitation.code_hash != code and code not in str(invitation.__dict__)
    [made] = _rows(app, AuditEvent, action="invitation made")
    assert made.changes["purpose"] == "feedback"
    assert made.user_id == held.user_ids["social_worker"]
    # The views' list is for views: the feedback code is on the feedback page.
    views_list = client.get(f"/conferences/{held.conference_id}/invitations")
    assert "Kemi Adeyemi" not in text_of(views_list.get_data(as_text=True))
    listed = text_of(assert_page(client.get(_urls(held)["list"]), LIST))
    assert f"Kemi Adeyemi: works until the end of {long_date(TODAY + timedelta(28))}" in listed


def test_one_open_feedback_code_per_person_and_a_set_number_of_days(client, held, app):
    _as(client, held, "chair")
    _code_for(client, held)
    again = _offer(client, held, f"child:{held.kemi_id}")
    assert error_messages(assert_page(again, OFFER)) == [
        "Kemi Adeyemi has a feedback code already. If it was lost, withdraw it first, "
        "then offer a new one"
    ]
    for days in ("0", "91", "ten"):
        refused = _offer(client, held, f"adult:{held.dana_id}", days)
        assert error_messages(assert_page(refused, OFFER)) == [
            "Enter the number of days as a whole number from 1 to 90"
        ]
    assert error_messages(assert_page(_offer(client, held, "adult:999999"), OFFER)) == [
        "Select who you are asking for feedback"
    ]
    made = _offer(client, held, f"adult:{held.dana_id}", "90", where="core")
    assert_page(made, "The feedback code for Dana Adeyemi")
    dana = [each for each in _rows(app, Invitation) if each.adult_id]
    assert [each.last_day for each in dana] == [TODAY + timedelta(days=90)]
    assert dana[0].core_group_meeting_id == held.meeting_id


def test_the_code_page_reloaded_makes_no_second_code(client, held, app):
    _as(client, held, "social_worker")
    url = _urls(held)["offer"]
    token = select(client.get(url).get_data(as_text=True), 'input[name="once"]')[0].get("value")
    data = {"person": f"child:{held.kemi_id}", "once": token}
    assert CODE.search(text_of(client.post(url, data).get_data(as_text=True)))
    again = assert_page(client.post(url, data), "This feedback code is already made")
    assert not CODE.search(text_of(again))
    assert len(_rows(app, Invitation)) == 1


# The family's form


def test_the_online_form_end_to_end(client, held, app):
    _as(client, held, "social_worker")
    code = _code_for(client, held)
    started = _type(client, code)
    assert started.headers["Location"] == "/respond/start"
    assert client.get("/respond/start").headers["Location"] == "/respond/feedback"
    html = assert_page(client.get("/respond/feedback"), "Hello Kemi")
    words = text_of(html)
    assert f"Tell us how the meeting on {long_date(HELD_ON)} went for you." in words
    for private in ("Adeyemi", "Dana", "INV-000001", "Review", "conference", "2013"):
        assert private not in words
    assert [legend.text.strip() for legend in select(html, "legend")] == QUESTIONS
    labels = [label.text.strip() for label in select(html, "label.govuk-radios__label")]
    assert labels[:3] == ["Yes", "Partly", "No"] and "I did not need them" in labels
    assert labels[-3:] == ["Yes, I had one", "No, but I wanted one", "No, I did not want one"]
    sent = client.post("/respond/feedback", {**ALL_YES, "would_have_helped": "A break.\r\nTea."})
    assert sent.headers["Location"] == "/respond/feedback/thank-you"
    thanks = assert_page(client.get("/respond/feedback/thank-you"), "Thank you, Kemi")
    assert "We have your feedback." in text_of(thanks)
    [stored] = _rows(app, FamilyFeedback)
    assert {field: getattr(stored, field) for field in ALL_YES} == ALL_YES
    assert (stored.source, stored.child_id, stored.adult_id) == ("online", held.kemi_id, None)
    assert (stored.conference_id, stored.core_group_meeting_id) == (held.conference_id, None)
    assert stored.would_have_helped == "A break.\r\nTea."
    assert (stored.language, stored.entered_by_id) == ("en", None)
    [event] = _rows(app, AuditEvent, action="feedback sent")
    invitation_id = _rows(app, Invitation)[0].id
    assert event.user_id is None
    assert event.changes["source"] == f"invited person, invitation {invitation_id}"
    assert event.case_id == held.case_id


def test_feedback_is_sent_once(client, held, app):
    _as(client, held, "social_worker")
    code = _code_for(client, held)
    _type(client, code)
    client.post("/respond/feedback", ALL_YES)
    page, changed = "/respond/feedback", {**ALL_YES, "listened_to": "no"}
    for response in (client.get(page), client.post(page, changed, page="/respond")):
        html = assert_page(response, "We have your feedback")
        assert "You can only send it once." in text_of(html) and not select(html, "form")
    assert _type(client, code).headers["Location"] == "/respond/start"  # the code still opens
    assert_page(client.get("/respond/feedback"), "We have your feedback")
    assert [each.listened_to for each in _rows(app, FamilyFeedback)] == ["yes"]
    assert len(_rows(app, AuditEvent, action="feedback sent")) == 1
    # Offering again is refused: they have told us.
    _as(client, held, "social_worker")
    again = _offer(client, held, f"child:{held.kemi_id}")
    assert error_messages(assert_page(again, OFFER)) == [
        "Kemi Adeyemi has sent their feedback for this meeting already"
    ]


def test_an_unanswered_question_is_asked_for_and_nothing_typed_is_lost(client, held, app):
    _as(client, held, "social_worker")
    _type(client, _code_for(client, held))
    partial = {"listened_to": "yes", "advocate": "sometimes", "would_have_helped": "Shorter."}
    html = assert_page(client.post("/respond/feedback", partial), "Hello Kemi", status=200)
    # Each message names its question: the summary lists them apart from their questions.
    assert (
        error_summary(html)
        == error_messages(html)
        == [
            "Select whether you understood what the meeting decided",
            "Select whether you know what happens next",
            "Select whether you got the papers in time",
            "Select whether the papers were in a language you can read",
            "Select whether you had an advocate",
        ]
    )
    assert select(html, 'input[name="listened_to"][value="yes"]')[0].get("checked") is not None
    assert select(html, "textarea")[0].text == "Shorter."
    too_long = {**ALL_YES, "would_have_helped": "x" * 2001}
    html = assert_page(client.post("/respond/feedback", too_long), "Hello Kemi")
    assert error_messages(html) == ["What you wrote must be 2,000 characters or fewer"]
    assert _rows(app, FamilyFeedback) == []
    assert client.get("/respond/feedback/thank-you").headers["Location"] == "/respond/feedback"


def test_the_form_in_the_person_s_language(client, held, app):
    _as(client, held, "social_worker")
    _type(client, _code_for(client, held))
    html = client.get("/respond/feedback?lang=pl").get_data(as_text=True)
    assert '<html lang="pl"' in html
    assert "Did you feel listened to at the meeting?" not in text_of(html)
    unanswered = client.post("/respond/feedback", {"would_have_helped": "Nic."})
    named = error_summary(unanswered.get_data(as_text=True))
    assert len(set(named)) == 6 and "Select whether you felt listened to" not in named
    client.post("/respond/feedback", ALL_YES)
    assert [each.language for each in _rows(app, FamilyFeedback)] == ["pl"]


def test_an_expired_or_withdrawn_feedback_code_opens_nothing(client, held, app):
    _as(client, held, "social_worker")
    code = _code_for(client, held)
    _type(client, code)
    assert client.get("/respond/feedback").status_code == 200
    with app.test_request_context():
        invitation = db.session.scalar(query(Invitation))
        invitations.withdraw(db.session.get(User, held.user_ids["social_worker"]), invitation)
        db.session.commit()
    for page in ("/respond/feedback", "/respond/feedback/thank-you"):
        assert client.get(page).headers["Location"] == "/respond", page
    refused = client.post("/respond/feedback", ALL_YES, page="/respond")
    assert refused.headers["Location"] == "/respond"
    assert error_messages(_type(client, code).get_data(as_text=True))  # "we could not find"
    _as(client, held, "social_worker")
    other = _code_for(client, held)
    _type(client, other)
    with app.app_context():
        newest = db.session.scalar(query(Invitation).order_by(Invitation.id.desc()))
        newest.expires_at = datetime.now(UTC) - timedelta(minutes=1)
        db.session.commit()
    assert client.get("/respond/feedback").headers["Location"] == "/respond"
    assert _rows(app, FamilyFeedback) == []


def test_a_views_code_does_not_open_the_feedback_form(client, family, app):
    with app.test_request_context():
        worker = db.session.get(User, family.user_ids["social_worker"])
        kemi = db.session.get(Child, family.kemi_id)
        conference = db.session.get(Conference, family.conference_id)
        _invitation, code = invitations.invite(worker, conference, kemi, "young_person")
        db.session.commit()
    _type(client, code)
    assert client.get("/respond/feedback").headers["Location"] == "/respond/start"
    refused = client.post("/respond/feedback", ALL_YES, page="/respond")
    assert refused.headers["Location"] == "/respond/start"
    assert _rows(app, FamilyFeedback) == []


def test_the_family_pages_need_a_code(client, held):
    for page in ("/respond/feedback", "/respond/feedback/thank-you"):
        assert client.get(page).headers["Location"] == "/respond"
    _as(client, held, "social_worker")  # a worker's sign-in is no code either
    assert client.get("/respond/feedback").headers["Location"] == "/respond"


# Paper


def test_a_paper_form_is_typed_in_and_listed_as_paper(client, held, app):
    _as(client, held, "manager")
    url = _urls(held)["paper"]
    html = assert_page(client.get(url), PAPER)
    persons = [each.get("value") for each in select(html, 'input[name="person"]')]
    assert persons == [f"adult:{held.dana_id}", f"child:{held.kemi_id}", "not_given"]
    data = {"person": f"adult:{held.dana_id}", "listened_to": "partly", "advocate": "had_one"}
    saved = client.post(url, {**data, "would_have_helped": "An interpreter."})
    assert saved.headers["Location"] == _urls(held)["list"]
    [stored] = _rows(app, FamilyFeedback)
    assert (stored.source, stored.adult_id, stored.invitation_id) == ("paper", held.dana_id, None)
    assert stored.entered_by_id == held.user_ids["manager"]
    assert (stored.listened_to, stored.understood_decisions, stored.advocate) == (
        "partly",
        None,
        "had_one",
    )
    [event] = _rows(app, AuditEvent, action="paper feedback entered")
    assert event.user_id == held.user_ids["manager"] and event.changes == {"from": "Dana Adeyemi"}
    assert client.post(url, {"person": "not_given", "would_have_helped": "Nothing."}).status_code
    listed = assert_page(client.get(_urls(held)["list"]), LIST)
    assert texts(listed, ".govuk-summary-card__title") == [
        "Dana Adeyemi Paper",
        "No name given Paper",
    ]
    words = text_of(listed)
    assert "typed in by Test manager" in words and "An interpreter." in words
    assert "Felt listened to Partly" in words
    assert "Understood what was decided Not answered" in words


def test_a_paper_form_s_errors_change_nothing(client, held, app):
    _as(client, held, "social_worker")
    url = _urls(held)["paper"]
    html = assert_page(client.post(url, {"would_have_helped": "Kept."}), PAPER)
    assert error_messages(html) == ["Select who the form is from, or that no name was given"]
    assert select(html, "textarea")[0].text == "Kept."
    html = assert_page(client.post(url, {"person": "not_given"}), PAPER)
    assert error_messages(html) == ["Enter at least one answer, or what would have helped"]
    odd = {"person": f"child:{held.kemi_id}", "listened_to": "maybe", "advocate": "yes"}
    html = assert_page(client.post(url, odd), PAPER)
    assert error_messages(html) == ["Select one of the answers, or leave the question blank"] * 2
    html = assert_page(client.post(url, {"person": "adult:999999", "listened_to": "yes"}), PAPER)
    assert error_messages(html) == ["Select who the form is from, or that no name was given"]
    assert _rows(app, FamilyFeedback) == []


# Access and audit


@pytest.mark.parametrize(
    ("who", "listed", "asks"),
    [
        ("social_worker", 200, 200),
        ("manager", 200, 200),
        ("chair", 200, 200),
        ("minute_taker", 200, 403),  # sees the conference, does not ask for feedback
        ("other_worker", 404, 404),
    ],
)
def test_who_may_see_and_ask_for_a_conference_s_feedback(client, held, who, listed, asks):
    _as(client, held, who)
    urls = _urls(held)
    assert client.get(urls["list"]).status_code == listed
    for page in (urls["offer"], urls["paper"]):
        assert client.get(page).status_code == asks, page
    if listed == 200:
        page = client.get(f"/conferences/{held.conference_id}").get_data(as_text=True)
        assert LIST in text_of(page)
        buttons = texts(client.get(urls["list"]).get_data(True), "a")
        assert (OFFER in buttons) == (asks == 200)


@pytest.mark.parametrize(
    ("who", "wanted"),
    [("social_worker", 200), ("chair", 200), ("minute_taker", 404), ("other_worker", 404)],
)
def test_who_may_see_and_ask_for_a_core_group_meeting_s_feedback(client, held, who, wanted):
    _as(client, held, who)
    for page in _urls(held, "core").values():
        assert client.get(page).status_code == wanted, page


def test_each_showing_of_the_list_is_audited(client, held, app):
    _as(client, held, "chair")
    client.get(_urls(held)["list"])
    client.get(_urls(held, "core")["list"])
    events = _rows(app, AuditEvent, action="feedback viewed")
    assert {(each.record_type, each.record_id) for each in events} == {
        ("conference", str(held.conference_id)),
        ("core_group_meeting", str(held.meeting_id)),
    }
    assert {each.user_id for each in events} == {held.user_ids["chair"]}


def test_withdrawing_a_feedback_code_goes_back_to_the_feedback(client, held, app):
    _as(client, held, "social_worker")
    _code_for(client, held)
    [invitation] = _rows(app, Invitation)
    listed = client.get(_urls(held)["list"]).get_data(as_text=True)
    url = f"/invitations/{invitation.id}/withdraw"
    assert (url, "Withdraw the feedback code for Kemi Adeyemi") in links(listed)
    assert_page(client.get(url), "Are you sure you want to withdraw this invitation?")
    assert client.post(url).headers["Location"] == _urls(held)["list"]
    assert _rows(app, Invitation)[0].withdrawn
    assert "Feedback codes that still work" not in text_of(client.get(_urls(held)["list"]).text)
    minute_taker = _as(Client(app.test_client()), held, "minute_taker")
    assert minute_taker.get(url).status_code == 403


# One person's feedback counts once


def _paper(client, family, person, **answers):
    data = {"person": person, "listened_to": "yes", **answers}
    return client.post(_urls(family)["paper"], data)


def test_a_paper_form_is_refused_for_someone_who_answered_online(client, held, app):
    _as(client, held, "social_worker")
    _type(client, _code_for(client, held))
    client.post("/respond/feedback", ALL_YES)
    _as(client, held, "social_worker")
    listed = text_of(assert_page(client.get(_urls(held)["list"]), LIST))
    assert "Feedback codes that still work" not in listed  # her form came back
    kemi = f"child:{held.kemi_id}"
    html = assert_page(_paper(client, held, kemi, would_have_helped="Kept."), PAPER)
    assert error_summary(html) == [
        "Kemi Adeyemi has given feedback for this meeting already. Select who else the form "
        "is from, or that no name was given"
    ]
    assert select(html, "textarea")[0].text == "Kept."
    assert [each.source for each in _rows(app, FamilyFeedback)] == ["online"]
    assert _rows(app, AuditEvent, action="paper feedback entered") == []


def test_a_second_paper_form_for_one_person_is_refused_a_nameless_one_is_not(client, held, app):
    _as(client, held, "manager")
    dana = f"adult:{held.dana_id}"
    assert _paper(client, held, dana).status_code == 302
    html = assert_page(_paper(client, held, dana, advocate="had_one"), PAPER)
    assert error_messages(html) == [
        "Dana Adeyemi has given feedback for this meeting already. Select who else the form "
        "is from, or that no name was given"
    ]
    for _twice in range(2):
        assert _paper(client, held, "not_given").status_code == 302
    # The core group meeting is another meeting: her form for it is welcome.
    core = client.post(_urls(held, "core")["paper"], {"person": dana, "listened_to": "no"})
    assert core.status_code == 302
    stored = _rows(app, FamilyFeedback)
    assert [(each.adult_id, each.advocate) for each in stored] == [
        (held.dana_id, None),
        (None, None),
        (None, None),
        (held.dana_id, None),
    ]
    with app.test_request_context():
        manager = db.session.get(User, held.user_ids["manager"])
        conference = db.session.get(Conference, held.conference_id)
        dana_adult = conference.case.adults[0]
        with pytest.raises(feedback.AlreadyAnswered):
            feedback.enter_paper(manager, conference, dana_adult, {"listened_to": "no"}, "")
    assert len(_rows(app, FamilyFeedback)) == 4


def test_a_paper_form_withdraws_the_person_s_open_feedback_code(client, held, app):
    _as(client, held, "social_worker")
    code = _code_for(client, held)
    assert _paper(client, held, f"child:{held.kemi_id}").status_code == 302
    [invitation] = _rows(app, Invitation)
    assert invitation.withdrawn and invitation.withdrawn_by_id == held.user_ids["social_worker"]
    assert "Feedback codes that still work" not in text_of(client.get(_urls(held)["list"]).text)
    assert error_messages(_type(client, code).get_data(as_text=True))  # the code opens nothing
    assert [each.source for each in _rows(app, FamilyFeedback)] == ["paper"]


# The letter


def test_the_feedback_code_page_offers_the_letter_with_the_feedback_wording(client, held, app):
    _as(client, held, "social_worker")
    html = assert_page(
        _offer(client, held, f"child:{held.kemi_id}"), "The feedback code for Kemi Adeyemi"
    )
    assert "Print this page" not in text_of(html)
    assert "The letter is in English." in text_of(html)
    [form] = [f for f in select(html, "form") if f.get("action", "").endswith("/letter")]
    fields = {each.get("name"): each.get("value") for each in form.iter("input")}
    [invitation] = _rows(app, Invitation)
    assert form.get("action") == f"/invitations/{invitation.id}/letter"
    assert fields["code"] == select(html, "#invitation-code")[0].text
    assert texts(form, "button") == ["Download the letter (PDF)"]
    response = client.raw.post(form.get("action"), data=fields)
    assert (response.status_code, response.mimetype) == (200, "application/pdf")
    words = squashed(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.data)).pages))
    for sentence in (
        "Hello Kemi",
        f"There was a meeting about your family on {long_date(HELD_ON)}.",
        "We would like to know how the meeting went for you.",
        " ".join(fields["code"].split("-")),
    ):
        assert squashed(sentence) in words, sentence
    assert squashed("There will be a meeting") not in words
    [printed] = _rows(app, AuditEvent, action="print")
    assert (printed.record_id, printed.user_id) == (
        str(invitation.id),
        held.user_ids["social_worker"],
    )
    # A wrong code prints nothing, and leads back to the meeting's feedback.
    refused = client.raw.post(form.get("action"), data={**fields, "code": "AAAA-BBBB-CCCC-DDDD"})
    assert refused.status_code == 400
    assert (_urls(held)["list"], "Back to the meeting’s feedback") in links(refused.text)


# Who is asked online


@pytest.fixture
def younger(app, held):
    """Kemi's brother Sam, six: asked for his feedback with help, on paper."""
    with app.app_context():
        case = db.session.get(Conference, held.conference_id).case
        sam = Child(
            given_name="Sam",
            family_name="Adeyemi",
            date_of_birth=TODAY.replace(year=TODAY.year - 6) - timedelta(days=1),
            local_child_id="INV-C2",
        )
        case.children.append(sam)
        db.session.commit()
        held.sam_id = sam.id
    return held


def test_a_child_under_12_is_not_offered_a_code_but_can_answer_on_paper(client, younger, app):
    _as(client, younger, "social_worker")
    html = assert_page(client.get(_urls(younger)["offer"]), OFFER)
    persons = [each.get("value") for each in select(html, 'input[name="person"]')]
    assert persons == [f"adult:{younger.dana_id}", f"child:{younger.kemi_id}"]
    note = text(select(html, "#younger-children")[0])
    assert "Sam Adeyemi is younger" in note
    assert "Ask a younger child with their trusted adult, and type it in as a paper form." in note
    refused = assert_page(_offer(client, younger, f"child:{younger.sam_id}"), OFFER)
    assert error_messages(refused) == [
        "Sam Adeyemi is under 12. Ask a younger child with their trusted adult, and type it in "
        "as a paper form"
    ]
    assert _rows(app, Invitation) == []
    with app.test_request_context():
        worker = db.session.get(User, younger.user_ids["social_worker"])
        sam = db.session.get(Child, younger.sam_id)
        conference = db.session.get(Conference, younger.conference_id)
        with pytest.raises(invitations.NotInvitable):
            feedback.offer(worker, conference, sam)
    assert _rows(app, Invitation) == []
    assert _paper(client, younger, f"child:{younger.sam_id}").status_code == 302
    assert [each.child_id for each in _rows(app, FamilyFeedback)] == [younger.sam_id]


def test_a_child_is_asked_online_from_their_twelfth_birthday(app, held):
    with app.test_request_context():
        kemi = db.session.get(Child, held.kemi_id)
        kemi.date_of_birth = TODAY.replace(year=TODAY.year - 12)
        assert feedback.asked_online(kemi)
        kemi.date_of_birth += timedelta(days=1)
        assert not feedback.asked_online(kemi)
        db.session.rollback()
