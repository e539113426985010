"""Documents made once (issue 22) survive work on a conference that is not finalised: changing a
review's map, scores, attendance, a child's words or the decisions being drafted forgets none of
the case's kept documents, since none prints them (laying each out again gives the same text);
the review's own date, finalising it, or agreeing a plan written at it still forgets them."""

import io
import re
import threading
from datetime import UTC, date, datetime

import pytest
from helpers import Client, sign_in
from pypdf import PdfReader
from sqlalchemy import select, update

from conference.extensions import db
from conference.models import (
    Case,
    Child,
    Conference,
    CoreGroupMeeting,
    MapItem,
    Plan,
    StoredDocument,
    User,
)
from conference.pdf import documents, kept
from conference.services import stored_documents
from conference.services.conferences import conference as conferences
from conference.services.conferences import map as conference_map
from conference.services.conferences import voice

DEMO_PASSWORD = "demo password for tests"
PRINTED_ON = re.compile(r"Printed on[^\n]*")


@pytest.fixture
def demo(app, monkeypatch):
    """DEMO-0001: the agreed plan of its initial conference (finalised), three completed core
    groups, and the review conference under way with a draft plan."""
    monkeypatch.setenv("DEMO_PASSWORD", DEMO_PASSWORD)
    result = app.test_cli_runner().invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        case = db.session.scalar(select(Case).where(Case.reference == "DEMO-0001"))
        plans = {plan.number: plan for plan in db.session.scalars(select(Plan))}
        meeting = db.session.scalars(
            select(CoreGroupMeeting)
            .where(CoreGroupMeeting.plan_id == plans[1].id)
            .order_by(CoreGroupMeeting.held_on.desc())
        ).first()
        return {
            "case": case.id,
            "plan": plans[1].id,
            "initial": plans[1].conference_id,
            "meeting": meeting.id,
            "draft": plans[2].id,
            "review": plans[2].conference_id,
            "child": case.children[0].id,
        }


def kept_files(app, case_id) -> dict[tuple[str, int, str], int]:
    """Each kept document of the case, by its record and name, with its file's id."""
    with app.app_context():
        rows = db.session.scalars(select(StoredDocument).where(StoredDocument.case_id == case_id))
        return {(row.record_type, row.record_id, row.document): row.file_id for row in rows}


def keep_final_documents(app, demo) -> dict:
    """Lay out and keep every document of the agreed plan, the initial conference's record and
    the last core group's notes."""
    with app.app_context():
        for table, record_id in (
            ("protection_plan", demo["plan"]),
            ("conference", demo["initial"]),
            ("core_group_meeting", demo["meeting"]),
        ):
            assert kept.make_missing(table, record_id) > 0
        db.session.commit()
    files = kept_files(app, demo["case"])
    assert {record_type for record_type, _id, _name in files} == {
        "protection_plan",
        "conference",
        "core_group_meeting",
    }
    return files


def text_of(pdf: bytes) -> str:
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    return PRINTED_ON.sub("", text)


def chair(app) -> Client:
    client = Client(app.test_client())
    assert sign_in(client, "chair@demo.example", DEMO_PASSWORD).status_code == 302
    return client


def post(client: Client, url: str, data: dict) -> None:
    response = client.post(url, data)
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]


MAP_ITEM = {
    "heading": "worry",
    "text": "",
    "who_is_worried": "The school",
    "worried_about": "Kemi has missed nine days since October",
    "could_happen": "Kemi could fall behind and lose her friends",
    "raised_by": "Class teacher",
    "family_response": "",
}
ATTENDEE = {
    "name": "Ms Patel",
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
DECISION = {
    "parents_view": "We agree the plan should continue.",
    "outcome": "cp_plan",
    "category": "EMO",
    "reasons": "Kemi is still living with shouting at home.",
    "dissent": "",
    "lead_social_worker_id": "",
    "contingency_plan": "A strategy discussion if Dad returns while drinking.",
    "first_core_group_on": ["11", "1", "2027"],
    "review_on": ["21", "6", "2027"],
    "version": "0",
}


def work_on_the_review(app, demo) -> None:
    """What twenty chairs did in the load test, and more: the review's map, who came, a score,
    the decision being drafted and a child's words, each saved as a user saves it."""
    client = chair(app)
    review, child = demo["review"], demo["child"]
    post(client, f"/conferences/{review}/map/new", {**MAP_ITEM, "child_ids": str(child)})
    with app.app_context():
        item = db.session.scalar(select(MapItem).where(MapItem.conference_id == review))
        item_id, version = item.id, item.version
    post(
        client,
        f"/conferences/{review}/map/{item_id}",
        {**MAP_ITEM, "text": "Kemi misses school", "child_ids": str(child), "version": version},
    )
    post(client, f"/conferences/{review}/attendance/new", ATTENDEE)
    with app.app_context():
        attendee = db.session.get(Conference, review).attendees[-1].id
    post(client, f"/conferences/{review}/scaling/{attendee}", {"score": "6", "reason": "Better"})
    post(client, f"/conferences/{review}/decisions/{child}", DECISION)
    with app.app_context():
        actor = db.session.scalar(select(User).where(User.email == "chair@demo.example"))
        conference = db.session.get(Conference, review)
        kemi = db.session.get(Child, child)
        said = voice.voice_of(conference, kemi)
        voice.save_voice(actor, conference, kemi, said.version, own_words="I want Dad home.")
        db.session.commit()


def test_work_on_a_review_under_way_forgets_no_kept_document_and_none_prints_it(
    app, demo, monkeypatch
):
    before = keep_final_documents(app, demo)
    with app.app_context():
        generation = stored_documents.generation_of(demo["case"])

    work_on_the_review(app, demo)

    assert kept_files(app, demo["case"]) == before
    with app.app_context():
        # Not counted either: a document being made meanwhile is kept.
        assert stored_documents.generation_of(demo["case"]) == generation
        # Laid out again now, each gives the kept text: none prints what was changed.
        for row in db.session.scalars(select(StoredDocument)):
            record = db.session.get(kept.KEPT_RECORDS[row.record_type], row.record_id)
            document = kept.document_called(record, row.document)
            again = documents.printed(document, record)
            assert text_of(again.data) == text_of(stored_documents.content_of(row)), row.document
        review = db.session.get(Conference, demo["review"])
        assert [item.text for item in review.map_items] == ["Kemi misses school"]
        assert len(review.scores) == 1 and len(review.decisions) == 1

    # The download hands over the kept file: nothing is laid out again.
    def refuse(*_args, **_kwargs):
        raise AssertionError("laid out again")

    monkeypatch.setattr(documents, "printed", refuse)
    client = chair(app)
    response = client.get(f"/plans/{demo['plan']}/family-plan.pdf")
    assert response.status_code == 200
    with app.app_context():
        family = db.session.scalar(
            select(StoredDocument).where(
                StoredDocument.record_id == demo["plan"], StoredDocument.document == "family"
            )
        )
        assert response.data == stored_documents.content_of(family)
        assert family.file_id == before[("protection_plan", demo["plan"], "family")]


def test_the_reviews_date_forgets_the_cases_documents(app, demo):
    keep_final_documents(app, demo)
    with app.app_context():
        actor = db.session.scalar(select(User).where(User.email == "chair@demo.example"))
        review = db.session.get(Conference, demo["review"])
        conferences.update_conference(actor, review, review.version, held_on=date(2027, 1, 4))
        db.session.commit()
    assert kept_files(app, demo["case"]) == {}


def test_finalising_the_review_forgets_the_cases_documents(app, demo):
    keep_final_documents(app, demo)
    with app.app_context():
        review = db.session.get(Conference, demo["review"])
        review.finalised_at = datetime.now(UTC)
        db.session.commit()
    assert kept_files(app, demo["case"]) == {}


def test_once_a_plan_written_at_the_review_is_agreed_its_map_forgets_it(app, demo):
    """The agreed plan prints its conference's map, even before the conference is finalised."""
    with app.app_context():
        plan = db.session.get(Plan, demo["draft"])
        plan.finalised_at = datetime.now(UTC)
        db.session.commit()
        kept.make(documents.PROFESSIONAL, db.session.get(Plan, demo["draft"]))
        db.session.commit()
    assert list(kept_files(app, demo["case"])) == [
        ("protection_plan", demo["draft"], "professional")
    ]
    client = chair(app)
    review, child = demo["review"], demo["child"]
    post(client, f"/conferences/{review}/map/new", {**MAP_ITEM, "child_ids": str(child)})
    assert kept_files(app, demo["case"]) == {}
    assert "Kemi has missed nine days" in text_of(
        client.get(f"/plans/{demo['draft']}/professional-plan.pdf").data
    )


def test_a_map_saved_while_a_plan_written_at_the_review_is_being_agreed_waits_and_forgets(
    app, demo
):
    """Agreeing the plan (a change of the case, holding its row) and a save of the map at the
    same moment: the save waits for the agreement and then counts a change, so a document of
    the plan laid out meanwhile, from the map before the save, is never kept."""
    with app.app_context():
        generation = stored_documents.generation_of(demo["case"])
        agreeing = db.engine.connect()
    transaction = agreeing.begin()
    agreeing.execute(
        update(Plan).where(Plan.id == demo["draft"]).values(finalised_at=datetime.now(UTC))
    )
    agreeing.execute(
        update(Case)
        .where(Case.id == demo["case"])
        .values(documents_generation=Case.documents_generation + 1)
    )

    def save_the_map():
        with app.app_context():
            actor = db.session.scalar(select(User).where(User.email == "chair@demo.example"))
            review = db.session.get(Conference, demo["review"])
            conference_map.add_item(actor, review, **MAP_ITEM, child_ids=[demo["child"]])
            db.session.commit()

    saving = threading.Thread(target=save_the_map)
    saving.start()
    saving.join(timeout=1)
    assert saving.is_alive(), "the save waits for the plan's agreement"
    transaction.commit()
    agreeing.close()
    saving.join(timeout=20)
    assert not saving.is_alive()
    with app.app_context():
        assert stored_documents.generation_of(demo["case"]) == generation + 2
