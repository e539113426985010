"""Identity in the conference: the child's identity from the case record, the four questions
the conference answers, and "not known yet" carried onto the map as grey areas."""

from datetime import UTC, date, datetime, time

import pytest
from helpers import count
from pages import assert_page, error_messages, text_of

from conference.extensions import db
from conference.models import (
    Adult,
    AuditEvent,
    Child,
    Conference,
    ConferenceIdentity,
    CoreGroupMember,
    MapItem,
)
from conference.services.conferences.conference import readiness

HEADING = "Identity in the conference: Lily Jones"
ANSWERS = {
    "cultural_or_harm": "Smacking is not a cultural practice here: it is harm.",
    "community_safety_network": "Aunt Hodan and the imam at the local mosque.",
    "heritage_connection": "Somali Saturday school and visits to her grandmother.",
    "interpreter_and_translation": "Somali interpreter booked; plan translated into Somali.",
}
HERITAGE = "How will the plan keep Lily connected to their heritage?"
BOTH = "Clear the answer or untick ‘Not known yet’"
NEITHER = "Answer this question or select ‘Not known yet’"


def identity_answered(conference, child) -> bool:
    """Whether the chair's finalise checklist counts the child's identity questions answered."""
    return readiness(conference)[list(conference.case.children).index(child)].identity_answered


@pytest.fixture
def worker(signed_in, make_case):
    """The allocated social worker, signed in, with a conference for a family of one child:
    `.case_id`, `.conference_id`, `.child_id`."""
    client = signed_in("social_worker", team="Team A")
    client.case_id = make_case(team="Team A", social_worker_id=client.user_id)
    app = client.raw.application
    with app.app_context():
        child = Child(
            case_id=client.case_id,
            given_name="Lily",
            family_name="Jones",
            date_of_birth=date(2019, 4, 3),
            local_child_id="LC-1",
            religion="Muslim",
            first_language="Somali",
            ethnicity_code="BAFR",
            ethnicity_own_words="Somali British",
        )
        adult = Adult(
            case_id=client.case_id,
            given_name="Dana",
            family_name="Jones",
            first_language="Somali",
            interpreter_needed="yes",
            interpreter_language="Somali",
            plan_language="Somali",
            plan_formats=["easy_read"],
        )
        conference = Conference(
            case_id=client.case_id,
            conference_type="initial",
            held_on=date(2026, 11, 2),
            starts_at=time(10, 0),
        )
        db.session.add_all([child, adult, conference])
        db.session.commit()
        client.conference_id, client.child_id = conference.id, child.id
    return client


def url_of(client, child_id=None) -> str:
    return f"/conferences/{client.conference_id}/identity/{child_id or client.child_id}"


def form(version="0", **changes) -> dict:
    return {**ANSWERS, "version": version, **changes}


def saved(app, conference_id) -> ConferenceIdentity | None:
    with app.app_context():
        found = db.session.query(ConferenceIdentity).filter_by(conference_id=conference_id).all()
        db.session.expunge_all()
        return found[0] if found else None


def grey_areas(app) -> list[MapItem]:
    with app.app_context():
        found = db.session.query(MapItem).filter_by(heading="grey").order_by(MapItem.id).all()
        db.session.expunge_all()
        return found


def events(app, action, record_type) -> list[AuditEvent]:
    with app.app_context():
        found = (
            db.session.query(AuditEvent)
            .filter_by(action=action, record_type=record_type)
            .order_by(AuditEvent.id)
            .all()
        )
        db.session.expunge_all()
        return found


def test_page_shows_the_case_record_and_the_conference_questions(worker, app):
    html = assert_page(worker.get(url_of(worker)), HEADING)
    text = text_of(html)
    assert "Ethnicity Black African (BAFR): “Somali British”" in text
    assert "Religion or faith Muslim" in text
    assert "First language Somali" in text
    assert "Faith or cultural practices Not recorded" in text
    assert "Dana Jones Somali Yes: Somali Somali, Easy read" in text
    assert "Nothing on the case record is marked not known yet." in text
    for question in (
        "Which worries may be cultural misunderstanding, and which are harm?",
        "Who in the family’s community or faith network could join the safety network?",
        HERITAGE,
        "Have an interpreter and a translated plan been arranged?",
    ):
        assert question in text
    assert text.count("Not known yet") >= 4
    assert f'data-autosave="conference-{worker.conference_id}-identity-{worker.child_id}"' in html
    assert 'name="version" type="hidden" value="0"' in html
    [viewed] = events(app, "view", "child")
    assert viewed.case_id == worker.case_id


def test_answers_are_saved_and_audited(worker, app):
    response = worker.post(url_of(worker), form())
    assert response.headers["Location"] == f"/conferences/{worker.conference_id}"
    identity = saved(app, worker.conference_id)
    assert {field: getattr(identity, field) for field in ANSWERS} == ANSWERS
    assert (identity.child_id, identity.not_known, identity.version) == (worker.child_id, [], 1)
    [created] = events(app, "create", "conference_identity")
    assert (created.user_id, created.case_id) == (worker.user_id, worker.case_id)
    assert created.changes["heritage_connection"] == [None, ANSWERS["heritage_connection"]]
    assert grey_areas(app) == []
    with app.app_context():
        conference = db.session.get(Conference, worker.conference_id)
        assert identity_answered(conference, db.session.get(Child, worker.child_id))
    html = worker.get(url_of(worker)).get_data(as_text=True)
    assert ANSWERS["cultural_or_harm"] in html
    assert 'name="version" type="hidden" value="1"' in html


def test_not_known_yet_adds_one_grey_area_however_often_it_is_saved(worker, app):
    not_known = form(heritage_connection="", heritage_connection_not_known="y")
    worker.post(url_of(worker), not_known)
    [grey] = grey_areas(app)
    assert (grey.conference_id, grey.text, grey.child_ids, grey.raised_by, grey.source) == (
        worker.conference_id,
        f"Not known yet about Lily: {HERITAGE}",
        [worker.child_id],
        "Identity prompts",
        f"identity:{worker.child_id}:heritage_connection",
    )
    assert saved(app, worker.conference_id).not_known == ["heritage_connection"]
    [created] = events(app, "create", "map_item")
    assert (created.record_id, created.case_id) == (str(grey.id), worker.case_id)

    changed = {**not_known, "cultural_or_harm": "Both, we think", "version": "1"}
    assert worker.post(url_of(worker), changed).status_code == 302
    assert [g.id for g in grey_areas(app)] == [grey.id]
    assert count(app, AuditEvent, action="create", record_type="map_item") == 1
    with app.app_context():
        conference = db.session.get(Conference, worker.conference_id)
        assert identity_answered(conference, db.session.get(Child, worker.child_id))
    html = worker.get(url_of(worker)).get_data(as_text=True)
    assert 'name="heritage_connection_not_known" type="checkbox" value="y" checked' in html


def test_answering_a_not_known_question_removes_its_grey_area(worker, app):
    worker.post(
        url_of(worker),
        form(
            heritage_connection="",
            heritage_connection_not_known="y",
            cultural_or_harm="",
            cultural_or_harm_not_known="y",
        ),
    )
    assert len(grey_areas(app)) == 2
    heritage = next(g for g in grey_areas(app) if g.source.endswith("heritage_connection"))
    worker.post(
        url_of(worker), form(version="1", cultural_or_harm="", cultural_or_harm_not_known="y")
    )
    [left] = grey_areas(app)
    assert left.source == f"identity:{worker.child_id}:cultural_or_harm"
    assert saved(app, worker.conference_id).heritage_connection == ANSWERS["heritage_connection"]
    [deleted] = events(app, "delete", "map_item")
    assert (deleted.record_id, deleted.case_id) == (str(heritage.id), worker.case_id)
    assert deleted.changes["text"] == [f"Not known yet about Lily: {HERITAGE}", None]
    [updated] = events(app, "update", "conference_identity")
    assert updated.changes["not_known"] == [
        ["cultural_or_harm", "heritage_connection"],
        ["cultural_or_harm"],
    ]


def test_each_question_is_answered_or_not_known_never_both_nor_neither(worker, app):
    html = assert_page(
        worker.post(
            url_of(worker),
            form(
                cultural_or_harm="We are not sure yet",
                cultural_or_harm_not_known="y",
                heritage_connection="  ",
            ),
        ),
        HEADING,
    )
    assert error_messages(html) == [BOTH, NEITHER]
    assert "We are not sure yet" in html  # nothing typed is lost
    assert ANSWERS["interpreter_and_translation"] in html
    assert saved(app, worker.conference_id) is None
    assert grey_areas(app) == []
    with app.app_context():
        conference = db.session.get(Conference, worker.conference_id)
        assert not identity_answered(conference, db.session.get(Child, worker.child_id))


def test_not_known_yet_on_the_case_record_is_listed_and_becomes_grey_areas(worker, app):
    with app.app_context():
        child = db.session.get(Child, worker.child_id)
        child.identity_not_known = ["religion", "dialect"]
        child.religion = ""
        db.session.commit()
    text = text_of(worker.get(url_of(worker)).get_data(as_text=True))
    assert "Not known yet from the case record Religion or faith Dialect" in text
    worker.post(url_of(worker), form())
    assert [(g.text, g.source, g.child_ids) for g in grey_areas(app)] == [
        (
            "Not known yet about Lily: Religion or faith",
            f"identity-record:{worker.child_id}:religion",
            [worker.child_id],
        ),
        (
            "Not known yet about Lily: Dialect",
            f"identity-record:{worker.child_id}:dialect",
            [worker.child_id],
        ),
    ]
    worker.post(url_of(worker), form(version="1"))
    assert len(grey_areas(app)) == 2  # not added twice
    with app.app_context():
        db.session.get(Child, worker.child_id).identity_not_known = ["dialect"]
        db.session.commit()
    worker.post(url_of(worker), form(version="1"))
    assert [g.source for g in grey_areas(app)] == [f"identity-record:{worker.child_id}:dialect"]


def test_a_stale_save_keeps_what_was_typed_and_changes_nothing(worker, app):
    worker.post(url_of(worker), form(heritage_connection="Grandmother’s visits"))  # someone else
    html = worker.post(
        url_of(worker), form(heritage_connection="", heritage_connection_not_known="y")
    ).get_data(as_text=True)
    assert "Someone else changed this record while you were editing it" in html
    text = text_of(html)
    assert f"{HERITAGE} Grandmother’s visits (blank)" in text
    assert f"Not known yet (blank) {HERITAGE}" in text
    assert 'name="version" type="hidden" value="1"' in html
    assert 'name="heritage_connection_not_known" type="checkbox" value="y" checked' in html
    assert saved(app, worker.conference_id).heritage_connection == "Grandmother’s visits"
    assert grey_areas(app) == []

    worker.post(url_of(worker), form(version="1", cultural_or_harm="Harm"))
    html = worker.post(url_of(worker), form(version="1", cultural_or_harm="Mostly culture"))
    assert "Someone else changed this record" in html.get_data(as_text=True)
    assert saved(app, worker.conference_id).cultural_or_harm == "Harm"
    worker.post(url_of(worker), form(version="2", cultural_or_harm="Mostly culture"))
    assert saved(app, worker.conference_id).cultural_or_harm == "Mostly culture"


# Who may do what


def test_a_child_of_another_family_is_not_found(worker, app, make_case):
    other_case = make_case(team="Team A", social_worker_id=worker.user_id)
    with app.app_context():
        other = Child(
            case_id=other_case,
            given_name="Sam",
            family_name="Smith",
            date_of_birth=date(2018, 1, 1),
            local_child_id="LC-2",
        )
        db.session.add(other)
        db.session.commit()
        other_id = other.id
    assert worker.get(url_of(worker, other_id)).status_code == 404
    response = worker.post(url_of(worker, other_id), form(), page=url_of(worker))
    assert response.status_code == 404
    assert count(app, ConferenceIdentity) == 0


def test_a_practitioner_outside_the_core_group_is_told_nothing(worker, another):
    client = another("practitioner", email="gp@example.org", team=None)
    assert client.get(url_of(worker)).status_code == 404


def test_others_who_may_see_the_case_read_the_answers_but_cannot_change_them(worker, another, app):
    worker.post(url_of(worker), form(heritage_connection="", heritage_connection_not_known="y"))
    other = another("social_worker", email="other@example.org", team="Team A")
    html = assert_page(other.get(url_of(worker)), HEADING)
    assert 'data-autosave="' not in html
    text = text_of(html)
    assert f"{HERITAGE} Not known yet" in text
    assert ANSWERS["cultural_or_harm"] in text
    response = other.post(url_of(worker), form(version="1"), page=url_of(worker))
    assert response.status_code == 403
    assert saved(app, worker.conference_id).not_known == ["heritage_connection"]

    school = another("practitioner", email="school@example.org", team=None)
    with app.app_context():
        db.session.add(CoreGroupMember(case_id=worker.case_id, user_id=school.user_id))
        db.session.commit()
    assert_page(school.get(url_of(worker)), HEADING)


def test_a_chair_can_answer(worker, another, app):
    chair = another("chair", email="chair@example.org", team=None)
    assert chair.post(url_of(worker), form()).status_code == 302
    [created] = events(app, "create", "conference_identity")
    assert created.user_id == chair.user_id


def test_a_finalised_conference_shows_the_answers_and_refuses_changes(worker, app):
    worker.post(url_of(worker), form())
    with app.app_context():
        conference = db.session.get(Conference, worker.conference_id)
        conference.finalised_at = datetime(2026, 11, 2, 12, tzinfo=UTC)
        db.session.commit()
    html = assert_page(worker.get(url_of(worker)), HEADING)
    assert 'name="version"' not in html
    assert ANSWERS["heritage_connection"] in text_of(html)
    response = worker.post(url_of(worker), form(version="1"), page="/")
    assert response.status_code == 409
