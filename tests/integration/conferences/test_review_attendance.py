"""Attendance without typing people again (issue 18): a review's register offers the last
conference's people, the core group and the children; ticking who came, who sent apologies (and
why) and who did not come saves them all or none; a child on the list and their voice page agree;
adding someone is a short form; administrators are never offered."""

from datetime import UTC, date, datetime, time
from types import SimpleNamespace

import pytest
from answers import VOICE
from at_once import at_once
from pages import assert_page, error_messages, select, text_of, texts
from records import add_adult, add_attendee, add_child

from conference.extensions import db
from conference.models import (
    Attendee,
    AuditEvent,
    ChildVoice,
    Conference,
    CoreGroupMember,
)

HELD_ON = date(2026, 11, 26)


@pytest.fixture
def review(app, make_case, make_user):
    """A case with Mia (13) and her mother Dana; an initial conference in May, finalised, that
    Sam Smith (a teacher), Dana and Mia attended; a core group of a school nurse, an
    administrator and a nurse who has left; and the review conference in November."""
    nurse = make_user(
        "practitioner",
        email="nurse@example.org",
        name="Nina Nurse",
        agency="School Nursing Service",
    )
    admin = make_user("admin", email="admin@example.org", name="Ada Admin")
    gone = make_user("practitioner", email="gone@example.org", name="Gus Gone", active=False)
    case_id = make_case()
    mia = add_child(app, case_id, "Mia", f"LC-M-{case_id}", date_of_birth=date(2013, 3, 1))
    unborn = add_child(
        app,
        case_id,
        "Baby",
        f"LC-B-{case_id}",
        date_of_birth=None,
        expected_date_of_birth=date(2027, 2, 1),
    )
    dana = add_adult(app, case_id, relationships=[(mia, "Mother", True)])
    with app.app_context():
        initial = Conference(
            case_id=case_id,
            conference_type="initial",
            held_on=date(2026, 5, 20),
            starts_at=time(10),
            finalised_at=datetime(2026, 5, 21, tzinfo=UTC),
        )
        db.session.add(initial)
        db.session.flush()
        initial.attendees = [
            Attendee(
                name="Sam Smith",
                role="Class teacher",
                agency="Sample Primary School",
                agency_type="education",
                attendance="attended",
                position=1,
                interpreter_present=True,
                interpreter_language="Polish",
            ),
            Attendee(
                name="Dana Jones",
                agency_type="family",
                adult_id=dana,
                is_parent=True,
                relationship_to_family="Mother of Mia",
                attendance="attended",
                position=2,
            ),
            Attendee(
                name="Mia Jones",
                agency_type="family",
                child_id=mia,
                attendance="attended",
                position=3,
            ),
            Attendee(
                name="Nina Nurse",
                agency_type="health",
                user_id=nurse,
                agency="School Nursing Service",
                attendance="apologies",
                position=4,
            ),
        ]
        for user_id in (nurse, admin, gone):
            db.session.add(CoreGroupMember(case_id=case_id, user_id=user_id))
        conference = Conference(
            case_id=case_id,
            conference_type="review",
            held_on=HELD_ON,
            starts_at=time(10),
            previous_conference_id=initial.id,
        )
        db.session.add(conference)
        db.session.commit()
        return SimpleNamespace(
            id=conference.id,
            case_id=case_id,
            mia=mia,
            unborn=unborn,
            dana=dana,
            nurse=nurse,
            admin=admin,
            previous={a.name: a.id for a in initial.attendees},
            url=f"/conferences/{conference.id}/attendance",
            register=f"/conferences/{conference.id}/attendance/register",
        )


@pytest.fixture
def chair(signed_in):
    return signed_in("chair", email="chair@example.org", name="Chris Chair")


def listed(app, conference_id) -> list[Attendee]:
    with app.app_context():
        found = db.session.query(Attendee).filter_by(conference_id=conference_id)
        found = found.order_by(Attendee.position).all()
        db.session.expunge_all()
        return found


def voice(app, conference_id, child_id) -> ChildVoice | None:
    with app.app_context():
        found = db.session.query(ChildVoice).filter_by(
            conference_id=conference_id, child_id=child_id
        )
        record = found.one_or_none()
        db.session.expunge_all()
        return record


def legends(html: str) -> list[str]:
    return texts(html, "legend")


def checked(html: str, name: str | None = None) -> list[str]:
    """The values of the radios and checkboxes ticked (named `name`, if given)."""
    inputs = select(html, f'input[name="{name}"]' if name else "input[checked]")
    return [e.get("value") for e in inputs if e.get("checked") is not None]


# What a browser posts from the short form when only the first questions are answered: the
# radios under "More about this person" keep their answers chosen by default.
SHORT = {
    "name": "",
    "role": "",
    "adult_id": "",
    "child_id": "",
    "user_id": "",
    "is_parent": "no",
    "is_supporter": "no",
    "is_advocate": "no",
    "interpreter_present": "no",
}


def ticked(review, **answers) -> dict:
    """The register's post: each offered person as answered (attendance, or (attendance,
    reason)); everyone else left as they are."""
    data = {}
    for key, answer in answers.items():
        attendance, reason = answer if isinstance(answer, tuple) else (answer, "")
        data[f"person-{key}-attendance"] = attendance
        data[f"person-{key}-apologies_reason"] = reason
    return data


# The register


def test_the_review_offers_the_last_conference_the_core_group_and_the_children(chair, app, review):
    html = assert_page(chair.get(review.url), "Attendance")
    assert "4 people from the last conference, the core group and the family" in text_of(html)
    html = assert_page(chair.get(review.register), "Record who came")
    names = legends(html)
    # Everyone once: Nina was at the last conference and is in the core group; Mia was at it
    # and is a child in the family. No administrator, nobody who has left, no unborn baby.
    assert names == ["Sam Smith", "Dana Jones", "Nina Nurse", "Mia Jones"]
    page = text_of(html)
    # Each says where they come from, and all of it when more than one applies.
    assert "Class teacher, Sample Primary School – At the last conference" in page
    assert "Mother of Mia – In the family and at the last conference" in page
    assert "School Nursing Service – At the last conference and in the core group" in page
    assert "Child – A child in the family and at the last conference" in page
    assert "Ada Admin" not in page and "Gus Gone" not in page and "Baby" not in page
    # Nobody offered is added unless ticked.
    assert checked(html) == ["not_invited"] * 4


def test_ticking_who_came_adds_them_without_typing_them_again(chair, app, review):
    sam, dana = review.previous["Sam Smith"], review.previous["Dana Jones"]
    response = chair.post(
        review.register,
        ticked(
            review,
            **{
                f"previous-{sam}": "attended",
                f"previous-{dana}": ("apologies", "  At work, could not get the day off "),
                f"previous-{review.previous['Nina Nurse']}": "invited",
                f"child-{review.mia}": "not_invited",
            },
        ),
    )
    assert response.headers["Location"] == review.url
    people = listed(app, review.id)
    stored = [
        (p.name, p.role, p.agency, p.agency_type, p.attendance, p.apologies_reason) for p in people
    ]
    assert stored == [
        ("Sam Smith", "Class teacher", "Sample Primary School", "education", "attended", ""),
        ("Dana Jones", "", "", "family", "apologies", "At work, could not get the day off"),
        ("Nina Nurse", "", "School Nursing Service", "health", "invited", ""),
    ]
    assert (people[1].adult_id, people[1].is_parent) == (review.dana, True)
    assert people[2].user_id == review.nurse
    # An interpreter at the last conference is not one at this one.
    assert people[0].interpreter_present is False
    html = chair.get(review.url).get_data(as_text=True)
    assert "Attendance saved for 3 people" in html
    assert "At work, could not get the day off" in text_of(html)
    with app.app_context():
        created = db.session.query(AuditEvent).filter_by(action="create", record_type="attendee")
        assert created.filter_by(case_id=review.case_id).count() == 3


def test_a_core_group_member_not_at_the_last_conference_is_offered_with_their_agency(
    chair, app, review, make_user
):
    police = make_user(
        "practitioner", email="pc@example.org", name="Pat Police", agency="Demo Police"
    )
    with app.app_context():
        db.session.add(CoreGroupMember(case_id=review.case_id, user_id=police))
        db.session.commit()
    html = chair.get(review.register).get_data(as_text=True)
    assert "Demo Police – In the core group" in text_of(html)
    chair.post(review.register, ticked(review, **{f"member-{police}": "attended"}))
    (pat,) = listed(app, review.id)
    assert (pat.name, pat.agency, pat.agency_type, pat.user_id) == (
        "Pat Police",
        "Demo Police",
        "police",
        police,
    )


def test_people_on_the_list_are_ticked_again_with_their_versions(chair, app, review):
    sam = add_attendee(app, review.id, "Sam Smith", "education", attendance="invited")
    html = chair.get(review.register).get_data(as_text=True)
    assert legends(html)[0] == "Sam Smith"
    assert f'name="person-attendee-{sam}-version" type="hidden" value="1"' in html
    answers = ticked(review, **{f"attendee-{sam}": ("apologies", "Ill")})
    response = chair.post(review.register, {**answers, f"person-attendee-{sam}-version": "1"})
    assert response.status_code == 302
    (stored,) = listed(app, review.id)
    assert (stored.attendance, stored.apologies_reason, stored.version) == ("apologies", "Ill", 2)
    # A reason is kept only with apologies.
    answers = ticked(review, **{f"attendee-{sam}": ("attended", "Ill")})
    chair.post(review.register, {**answers, f"person-attendee-{sam}-version": "2"})
    (stored,) = listed(app, review.id)
    assert (stored.attendance, stored.apologies_reason) == ("attended", "")


def test_saving_the_register_unchanged_is_a_plain_notice_not_a_success(chair, app, review):
    sam = add_attendee(app, review.id, "Sam Smith", "education", attendance="attended")
    page = chair.get(review.url).get_data(as_text=True)
    # One way to the register: the button, not a second link of the same words.
    assert len(select(page, f'a[href="{review.register}"]')) == 1
    answers = ticked(review, **{f"attendee-{sam}": "attended"})
    response = chair.post(review.register, {**answers, f"person-attendee-{sam}-version": "1"})
    assert response.status_code == 302
    html = chair.get(review.url).get_data(as_text=True)
    assert "No changes to save" in text_of(html)
    assert "govuk-notification-banner--success" not in html and "Success" not in text_of(html)
    (stored,) = listed(app, review.id)
    assert (stored.attendance, stored.version) == ("attended", 1)


def test_a_register_based_on_an_older_version_saves_nobody(chair, app, review):
    sam = add_attendee(app, review.id, "Sam Smith", "education", attendance="invited")
    with app.app_context():  # someone else saves Sam after the register was opened
        db.session.get(Attendee, sam).role = "Class teacher"
        db.session.commit()
    answers = ticked(review, **{f"attendee-{sam}": "attended", f"child-{review.mia}": "attended"})
    response = chair.post(review.register, {**answers, f"person-attendee-{sam}-version": "1"})
    html = assert_page(response, "Record who came")
    assert "Someone else changed this record while you were editing it" in html
    assert [(p.name, p.attendance) for p in listed(app, review.id)] == [("Sam Smith", "invited")]
    # What was ticked is still ticked, and saving again saves it.
    assert checked(html) == ["attended", "not_invited", "not_invited", "attended"]
    assert f'name="person-attendee-{sam}-version" type="hidden" value="2"' in html


def test_an_answer_that_is_not_offered_is_refused(chair, app, review):
    response = chair.post(review.register, ticked(review, **{f"child-{review.mia}": "excluded"}))
    html = assert_page(response, "Record who came")
    assert error_messages(html) == ["Select whether Mia Jones came"]
    assert listed(app, review.id) == []


def test_a_reason_that_is_too_long_is_refused_and_kept(chair, app, review):
    reason = "x" * 501
    key = f"child-{review.mia}"
    response = chair.post(review.register, ticked(review, **{key: ("apologies", reason)}))
    html = assert_page(response, "Record who came")
    assert error_messages(html) == ["Why they could not come must be 500 characters or fewer"]
    assert reason in html
    assert listed(app, review.id) == []


def test_only_those_who_may_change_the_conference_record_who_came(
    signed_in, app, review, make_user
):
    nurse = signed_in("practitioner", email="nurse2@example.org")
    with app.app_context():
        db.session.add(CoreGroupMember(case_id=review.case_id, user_id=nurse.user_id))
        db.session.commit()
    assert nurse.get(review.register).status_code == 403
    html = nurse.get(review.url).get_data(as_text=True)
    assert "Record who came" not in html and "can be ticked" not in html


def test_the_conferences_minute_taker_records_who_came(signed_in, app, review):
    typist = signed_in("minute_taker", email="typist@example.org", name="Tess Typist")
    assert typist.get(review.register).status_code == 404  # not their conference
    with app.app_context():
        db.session.get(Conference, review.id).minute_taker_id = typist.user_id
        db.session.commit()
    assert_page(typist.get(review.register), "Record who came")
    typist.post(review.register, ticked(review, **{f"child-{review.mia}": "attended"}))
    assert [(p.name, p.attendance) for p in listed(app, review.id)] == [("Mia Jones", "attended")]


# A child on the list, and their voice page


def test_a_child_ticked_as_came_is_attending_on_their_voice_page(chair, app, review):
    voice_url = f"/conferences/{review.id}/voice/{review.mia}"
    chair.post(
        voice_url,
        {**VOICE, "advocacy_offered": "yes", "methods": ["letter"], "participation_code": "PN6"},
    )
    chair.post(review.register, ticked(review, **{f"child-{review.mia}": "attended"}))
    (mia,) = listed(app, review.id)
    assert (mia.name, mia.child_id, mia.agency_type, mia.attendance) == (
        "Mia Jones",
        review.mia,
        "family",
        "attended",
    )
    record = voice(app, review.id, review.mia)
    # PN6 (did not attend) contradicts the list, so the suggestion replaces it.
    assert (set(record.methods), record.participation_code) == ({"letter", "attended"}, "PN4")
    html = chair.get(voice_url).get_data(as_text=True)
    assert checked(html, "methods") == ["letter", "attended"]
    assert "The attendance list says the same: ticking this lists Mia there as attended" in html
    # Sent apologies after all: the voice no longer says she attended.
    answers = ticked(review, **{f"attendee-{mia.id}": ("apologies", "Exams")})
    chair.post(review.register, {**answers, f"person-attendee-{mia.id}-version": "1"})
    record = voice(app, review.id, review.mia)
    assert (record.methods, record.participation_code) == (["letter"], "PN6")


def test_a_child_recorded_as_attending_on_the_voice_page_is_on_the_list(chair, app, review):
    voice_url = f"/conferences/{review.id}/voice/{review.mia}"
    answers = {
        **VOICE,
        "advocacy_offered": "yes",
        "methods": ["attended"],
        "participation_code": "PN1",
    }
    assert chair.post(voice_url, answers).status_code == 302
    (mia,) = listed(app, review.id)
    assert (mia.name, mia.child_id, mia.attendance, mia.agency_type) == (
        "Mia Jones",
        review.mia,
        "attended",
        "family",
    )
    html = chair.get(review.url).get_data(as_text=True)
    assert "Mia Jones" in text_of(html)
    # Unticked on the voice page: still listed (invited), no longer as attended.
    version = voice(app, review.id, review.mia).version
    chair.post(
        voice_url,
        {**answers, "methods": ["letter"], "participation_code": "PN6", "version": str(version)},
    )
    (mia,) = listed(app, review.id)
    assert mia.attendance == "invited"


def test_a_child_added_with_the_form_is_family_and_their_voice_follows(chair, app, review):
    voice_url = f"/conferences/{review.id}/voice/{review.mia}"
    chair.post(
        voice_url,
        {**VOICE, "advocacy_offered": "yes", "methods": ["letter"], "participation_code": "PN6"},
    )
    short = {
        **SHORT,
        "agency_type": "education",
        "attendance": "attended",
        "child_id": str(review.mia),
    }
    assert chair.post(f"{review.url}/new", short).status_code == 302
    (mia,) = listed(app, review.id)
    assert (mia.name, mia.agency_type, mia.relationship_to_family) == (
        "Mia Jones",
        "family",
        "Child",
    )
    assert "attended" in voice(app, review.id, review.mia).methods


# Adding a person


def test_adding_a_person_needs_only_a_name_a_role_and_their_agency(chair, app, review):
    html = assert_page(chair.get(f"{review.url}/new"), "Add a person to the attendance list")
    details = select(html, "details")
    assert len(details) == 1 and details[0].get("open") is None
    assert "More about this person (optional)" in text_of(html)
    short = {
        **SHORT,
        "name": "Jo Reid",
        "role": "Health visitor",
        "agency_type": "health",
        "attendance": "apologies",
        "apologies_reason": "On leave",
    }
    assert chair.post(f"{review.url}/new", short).status_code == 302
    (jo,) = listed(app, review.id)
    assert (jo.name, jo.role, jo.agency_type, jo.attendance, jo.apologies_reason) == (
        "Jo Reid",
        "Health visitor",
        "health",
        "apologies",
        "On leave",
    )
    assert (jo.agency, jo.is_parent, jo.interpreter_present, jo.child_id) == (
        "",
        False,
        False,
        None,
    )


def test_an_error_in_the_more_detail_opens_it(chair, app, review):
    answers = {
        **SHORT,
        "name": "Jo Reid",
        "agency_type": "health",
        "attendance": "attended",
        "interpreter_present": "yes",
        "interpreter_language": "",
    }
    html = assert_page(
        chair.post(f"{review.url}/new", answers), "Add a person to the attendance list"
    )
    assert error_messages(html) == ["Enter the language the interpreter spoke"]
    assert select(html, "details")[0].get("open") is not None
    assert listed(app, review.id) == []


def test_administrators_are_not_offered_as_an_account(chair, app, review):
    html = chair.get(f"{review.url}/new").get_data(as_text=True)
    accounts = texts(html, "#user_id option")
    assert "Nina Nurse – School Nursing Service" in accounts
    assert not [a for a in accounts if "Ada Admin" in a]
    children = texts(html, "#child_id option")
    assert children == ["Not a child in the family", "Mia Jones"]
    # Nor linked by a made-up post.
    short = {
        **SHORT,
        "agency_type": "other",
        "attendance": "attended",
        "user_id": str(review.admin),
    }
    html = chair.post(f"{review.url}/new", short).get_data(as_text=True)
    assert error_messages(html)
    assert listed(app, review.id) == []


# Two people ticking the same person at once (issue 18)

CONFLICT = "Someone else changed this record while you were editing it"


@pytest.fixture
def minute_taker(app, review, another):
    """The review's minute-taker, on a browser of their own beside the chair's."""
    client = another("minute_taker", email="mina@example.org", name="Mina Minutes")
    with app.app_context():
        db.session.get(Conference, review.id).minute_taker_id = client.user_id
        db.session.commit()
    return client


def _post_register(client, review, answers):
    """The register as posted from a page loaded earlier: its CSRF token, then the answers."""
    token = client.csrf_token(review.register)
    return lambda: client.raw.post(review.register, data={"csrf_token": token, **answers})


def test_the_second_to_tick_someone_already_listed_sees_the_conflict(
    chair, minute_taker, app, review
):
    sam = f"previous-{review.previous['Sam Smith']}"
    chairs = _post_register(chair, review, ticked(review, **{sam: "attended"}))
    minutes = _post_register(minute_taker, review, ticked(review, **{sam: "apologies"}))
    assert chairs().status_code == 302
    response = minutes()
    assert response.status_code == 200
    page = text_of(response.get_data(as_text=True))
    assert CONFLICT in page
    assert "Sam Smith Came Sent apologies" in page  # saved now, and this person's answer
    assert [(p.name, p.attendance) for p in listed(app, review.id)] == [("Sam Smith", "attended")]
    # Saving again from the page shown saves without adding Sam a second time.
    again = minute_taker.post(review.register, {}, page=review.register)
    assert again.status_code == 302
    assert [p.name for p in listed(app, review.id)] == ["Sam Smith"]


def test_two_people_ticking_the_same_person_at_the_same_moment_add_them_once(
    chair, minute_taker, app, review
):
    sam = f"previous-{review.previous['Sam Smith']}"
    first = _post_register(chair, review, ticked(review, **{sam: "attended"}))
    second = _post_register(minute_taker, review, ticked(review, **{sam: "attended"}))
    responses = at_once(first, second)
    assert sorted(r.status_code for r in responses) == [200, 302]
    [refused] = [r for r in responses if r.status_code == 200]
    assert CONFLICT in text_of(refused.get_data(as_text=True))
    assert [p.name for p in listed(app, review.id)] == ["Sam Smith"]
    with app.app_context():
        assert db.session.query(AuditEvent).filter_by(action="create").count() == 1
