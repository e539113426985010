"""Attendance at a conference: adding and changing the people invited, the rules on their
answers, whether the conference is quorate, who may do what, and saves that clash."""

import pytest
from helpers import count
from pages import assert_page, error_messages, text_of
from records import add_attendee

from conference.extensions import db
from conference.models import (
    Attendee,
    AuditEvent,
)

ATTENDEE = {
    "name": "Sam Smith",
    "role": "Class teacher",
    "agency": "Sample Primary School",
    "agency_type": "education",
    "relationship_to_family": "",
    "is_parent": "no",
    "adult_id": "",
    "user_id": "",
    "attendance": "attended",
    "exclusion_reason": "",
    "interpreter_present": "no",
    "interpreter_language": "",
    "interpreter_dialect": "",
    "is_advocate": "no",
    "is_supporter": "no",
}


@pytest.fixture
def chair(signed_in, make_conference):
    """A chair, signed in; `.conference` is a conference they may change."""
    client = signed_in("chair", email="chair@example.org", name="Chris Chair")
    client.conference = make_conference()
    return client


def attendees(app, conference_id) -> list[Attendee]:
    with app.app_context():
        found = (
            db.session.query(Attendee)
            .filter_by(conference_id=conference_id)
            .order_by(Attendee.position)
            .all()
        )
        db.session.expunge_all()
        return found


def events(app, action, record_type) -> list[AuditEvent]:
    with app.app_context():
        found = db.session.query(AuditEvent).filter_by(action=action, record_type=record_type)
        found = found.order_by(AuditEvent.id).all()
        db.session.expunge_all()
        return found


# Adding people


def test_chair_adds_people_who_are_listed_in_the_order_they_were_added(chair, app):
    conference = chair.conference
    html = assert_page(chair.get(conference.url), "Attendance")
    assert "Nobody has been added yet." in text_of(html)
    new = f"{conference.url}/new"
    assert_page(chair.get(new), "Add a person to the attendance list")
    response = chair.post(new, ATTENDEE)
    assert response.headers["Location"] == conference.url
    chair.post(new, {**ATTENDEE, "name": "Pat Patel", "agency_type": "health", "role": "GP"})
    first, second = attendees(app, conference.id)
    stored = (
        first.name,
        first.role,
        first.agency,
        first.agency_type,
        first.attendance,
        first.is_parent,
        first.position,
    )
    assert stored == ("Sam Smith", "Class teacher", "Sample Primary School", "education",
                      "attended", False, 1)  # fmt: skip
    assert (second.name, second.position) == ("Pat Patel", 2)
    table = text_of(chair.get(conference.url).get_data(as_text=True).split("<table")[1])
    assert table.index("Sam Smith") < table.index("Pat Patel")
    assert "Class teacher Sample Primary School Education" in table
    created = events(app, "create", "attendee")
    assert [(e.record_id, e.case_id, e.user_id) for e in created] == [
        (str(first.id), conference.case_id, chair.user_id),
        (str(second.id), conference.case_id, chair.user_id),
    ]
    assert created[0].changes["name"] == [None, "Sam Smith"]


def test_the_success_message_names_the_person(chair):
    response = chair.post(f"{chair.conference.url}/new", ATTENDEE, follow_redirects=True)
    assert "Sam Smith added to the attendance list" in text_of(response.get_data(as_text=True))


@pytest.mark.parametrize(
    ("changes", "messages"),
    [
        (
            {"name": "", "agency_type": ""},
            ["Enter the person’s name", "Select the type of agency"],
        ),
        (
            {"attendance": "excluded", "exclusion_reason": "  "},
            ["Enter the reason this person was excluded"],
        ),
        (
            {"interpreter_present": "yes", "interpreter_language": ""},
            ["Enter the language the interpreter spoke"],
        ),
        ({"name": "x" * 201}, ["Name must be 200 characters or fewer"]),
    ],
)
def test_answers_are_checked_and_what_was_typed_is_kept(chair, app, changes, messages):
    url = f"{chair.conference.url}/new"
    html = chair.post(url, {**ATTENDEE, "role": "Kept role", **changes}).get_data(as_text=True)
    assert error_messages(html) == messages
    assert 'value="Kept role"' in html
    assert count(app, Attendee) == 0


def test_an_excluded_person_has_the_reason_recorded(chair, app):
    url = f"{chair.conference.url}/new"
    reason = "Threatened a professional at the last conference"
    chair.post(url, {**ATTENDEE, "attendance": "excluded", "exclusion_reason": reason})
    [person] = attendees(app, chair.conference.id)
    assert (person.attendance, person.exclusion_reason) == ("excluded", reason)
    page = text_of(chair.get(chair.conference.url).get_data(as_text=True))
    assert f"Excluded {reason}" in page


def test_a_reason_typed_for_someone_not_excluded_is_not_kept(chair, app):
    chair.post(f"{chair.conference.url}/new", {**ATTENDEE, "exclusion_reason": "Typed by mistake"})
    [person] = attendees(app, chair.conference.id)
    assert (person.attendance, person.exclusion_reason) == ("attended", "")


def test_interpreter_advocate_and_supporter_are_recorded(chair, app):
    chair.post(
        f"{chair.conference.url}/new",
        {
            **ATTENDEE,
            "name": "Jo Brown",
            "role": "Solicitor",
            "agency": "Brown & Co",
            "agency_type": "other",
            "relationship_to_family": "Dana’s solicitor",
            "interpreter_present": "yes",
            "interpreter_language": "Polish",
            "interpreter_dialect": "Silesian",
            "is_supporter": "yes",
        },
    )
    [person] = attendees(app, chair.conference.id)
    assert (
        person.interpreter_present,
        person.interpreter_language,
        person.interpreter_dialect,
        person.is_supporter,
        person.is_advocate,
    ) == (True, "Polish", "Silesian", True, False)
    page = text_of(chair.get(chair.conference.url).get_data(as_text=True))
    assert "Polish (Silesian) Supporter" in page


def test_linking_a_parent_fills_their_name_and_makes_them_a_parent(chair, app):
    conference = chair.conference
    chair.post(
        f"{conference.url}/new",
        {**ATTENDEE, "name": "", "agency_type": "family", "adult_id": str(conference.adult_id)},
    )
    [person] = attendees(app, conference.id)
    assert (person.name, person.adult_id, person.is_parent, person.relationship_to_family) == (
        "Dana Jones",
        conference.adult_id,
        True,
        "Mother of Lily",
    )
    assert "Mother of Lily Parent or carer" in text_of(
        chair.get(conference.url).get_data(as_text=True)
    )


def test_linking_an_account_fills_the_name_and_agency(chair, app, make_user):
    nurse = make_user(
        "practitioner", email="nurse@example.org", name="Nia Nurse", agency="Demo NHS Trust"
    )
    url = f"{chair.conference.url}/new"
    chair.post(url, {**ATTENDEE, "name": "", "agency": "", "user_id": str(nurse)})
    [person] = attendees(app, chair.conference.id)
    assert (person.name, person.agency, person.user_id) == ("Nia Nurse", "Demo NHS Trust", nurse)


def test_only_the_cases_own_adults_can_be_linked(chair, app, make_conference):
    other = make_conference()
    url = f"{chair.conference.url}/new"
    html = chair.post(url, {**ATTENDEE, "adult_id": str(other.adult_id)}).get_data(as_text=True)
    assert error_messages(html) == ["Not a valid choice."]
    assert count(app, Attendee) == 0


# Quorum


def test_not_quorate_until_childrens_social_care_and_two_other_agencies_attend(chair, app):
    conference = chair.conference
    add_attendee(app, conference.id, "Sam Worker", "childrens_social_care")
    add_attendee(app, conference.id, "Sam Smith", "education")
    add_attendee(app, conference.id, "Sue Smith", "education")
    add_attendee(app, conference.id, "Dana Jones", "family", is_parent=True)
    add_attendee(app, conference.id, "PC Ali", "police", attendance="report_sent")
    add_attendee(app, conference.id, "Jo Brown", "other", is_supporter=True)
    page = text_of(chair.get(conference.url).get_data(as_text=True))
    assert (
        "This conference is not quorate: children’s social care and at least two other "
        "agencies must attend. Agencies attending: Children’s social care, Education."
    ) in page
    assert "Quorate" not in page.replace("not quorate", "")

    add_attendee(app, conference.id, "Pat Patel", "health")
    html = chair.get(conference.url).get_data(as_text=True)
    assert '<strong class="govuk-tag govuk-tag--green">' in html
    page = text_of(html)
    assert "Quorate Agencies attending: Children’s social care, Education, Health." in page
    assert "not quorate" not in page


# Changing someone


def test_changing_a_person_is_audited(chair, app):
    conference = chair.conference
    attendee_id = add_attendee(app, conference.id, "Sam Smith", "education", attendance="invited")
    url = f"{conference.url}/{attendee_id}"
    html = assert_page(chair.get(url), "Change details for Sam Smith")
    assert 'name="version" type="hidden" value="1"' in html
    response = chair.post(url, {**ATTENDEE, "attendance": "apologies", "version": "1"})
    assert response.headers["Location"] == conference.url
    [person] = attendees(app, conference.id)
    assert (person.attendance, person.version, person.position) == ("apologies", 2, 1)
    [event] = events(app, "update", "attendee")
    assert event.case_id == conference.case_id
    assert event.changes["attendance"] == ["invited", "apologies"]
    assert "Sent apologies" in text_of(chair.get(conference.url).get_data(as_text=True))


def test_stale_change_keeps_what_was_typed_and_changes_nothing(chair, app):
    conference = chair.conference
    attendee_id = add_attendee(app, conference.id, "Sam Smith", "education", attendance="invited")
    url = f"{conference.url}/{attendee_id}"
    chair.post(url, {**ATTENDEE, "role": "Head teacher", "version": "1"})  # someone else
    html = chair.post(
        url, {**ATTENDEE, "role": "Class teacher", "attendance": "report_sent", "version": "1"}
    ).get_data(as_text=True)
    page = text_of(html)
    assert "Someone else changed this record while you were editing it" in page
    assert "Role Head teacher Class teacher" in page
    assert "Attendance Attended Sent a report" in page
    assert 'value="Class teacher"' in html
    assert 'name="version" type="hidden" value="2"' in html
    [person] = attendees(app, conference.id)
    assert (person.role, person.attendance) == ("Head teacher", "attended")
    chair.post(url, {**ATTENDEE, "role": "Class teacher", "version": "2"})
    assert attendees(app, conference.id)[0].role == "Class teacher"


def test_a_person_invited_to_another_conference_is_not_found(chair, app, make_conference):
    other = make_conference()
    attendee_id = add_attendee(app, other.id, "Sam Smith", "education")
    url = f"{chair.conference.url}/{attendee_id}"
    assert_page(chair.get(url), "Page not found", status=404)
    assert_page(chair.get(f"{chair.conference.url}/999999"), "Page not found", status=404)


# Who may do what


@pytest.mark.parametrize(
    ("role", "team"), [("practitioner", None), ("social_worker", "Team B"), ("admin", None)]
)
def test_people_who_may_not_see_the_case_are_told_the_conference_does_not_exist(
    signed_in, make_conference, app, role, team
):
    conference = make_conference()
    attendee_id = add_attendee(app, conference.id, "Sam Smith", "education")
    client = signed_in(role, team=team)
    for url in (conference.url, f"{conference.url}/new", f"{conference.url}/{attendee_id}"):
        assert_page(client.get(url), "Page not found", status=404)
    assert client.post(f"{conference.url}/new", ATTENDEE, page="/").status_code == 404
    assert count(app, Attendee) == 1
    assert count(app, AuditEvent, action="view") == 0


def test_a_social_worker_in_the_team_not_allocated_sees_but_cannot_change(
    signed_in, make_conference, app
):
    conference = make_conference()
    attendee_id = add_attendee(app, conference.id, "Sam Smith", "education")
    client = signed_in("social_worker", team="Team A")
    html = assert_page(client.get(conference.url), "Attendance")
    assert "Add a person" not in html and f"/attendance/{attendee_id}" not in html
    denied = "You do not have permission to see this page"
    for url in (f"{conference.url}/new", f"{conference.url}/{attendee_id}"):
        assert_page(client.get(url), denied, status=403)
        assert client.post(url, {**ATTENDEE, "version": "1"}, page="/").status_code == 403
    assert attendees(app, conference.id)[0].attendance == "attended"
    assert count(app, Attendee) == 1


def test_the_allocated_social_worker_can_add_people(signed_in, make_conference, app):
    client = signed_in("social_worker", team="Team A")
    conference = make_conference(social_worker_id=client.user_id)
    assert "Add a person" in client.get(conference.url).get_data(as_text=True)
    client.post(f"{conference.url}/new", ATTENDEE)
    assert count(app, Attendee) == 1


def test_viewing_the_attendance_is_audited(chair, app):
    chair.get(chair.conference.url)
    [event] = events(app, "view", "conference")
    assert (event.record_id, event.case_id) == (str(chair.conference.id), chair.conference.case_id)


def test_a_finalised_conference_cannot_be_changed(signed_in, make_conference, app):
    client = signed_in("chair")
    conference = make_conference(finalised=True)
    assert "Add a person" not in client.get(conference.url).get_data(as_text=True)
    assert client.get(f"{conference.url}/new").status_code == 409
    assert client.post(f"{conference.url}/new", ATTENDEE, page=conference.url).status_code == 409
    assert count(app, Attendee) == 0
