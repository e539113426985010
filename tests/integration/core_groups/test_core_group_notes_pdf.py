"""The notes of a core group meeting as a PDF, for the record and for the family, on the demo
family (DEMO-0001) with a meeting added: what each version says, the document rules (PDF/UA-1,
every page marked, DRAFT until the meeting is completed), the trend chart in print, the download,
who may have it, and its audit row."""

import io
import re
from datetime import UTC, date, datetime, timedelta

import pytest
from core_group_notes_world import (
    DEMO_PASSWORD,
    EVIDENCE,
    NEW_ACTION,
    WHERE_NOW,
    add_meeting,
    seed,
    text_of,
)
from helpers import PASSWORD, Client, sign_in
from pypdf import PdfReader
from sqlalchemy import select

from conference.extensions import db
from conference.models import (
    AuditEvent,
    CoreGroupMeeting,
    CoreGroupScore,
    GoalProgress,
    Role,
    User,
)
from conference.pdf import core_group_notes as notes_pdf
from conference.pdf import documents
from conference.services import goals


def long_date(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


@pytest.fixture(scope="module")
def rendered(app):
    """The notes of one demo meeting, rendered once for the module: for the record and for the
    family once it is completed, and for the record while it is still a draft."""
    patch = pytest.MonkeyPatch()
    try:
        seed(app, patch)
    finally:
        patch.undo()
    with app.app_context():
        meeting = add_meeting()
        # A family reading English (the demo's parents read Yoruba: the family's notes in their
        # language are in test_core_group_notes_languages.py).
        for adult in meeting.case.adults:
            adult.plan_language = "English"
        done = {
            "record": documents.core_group_notes_pdf(meeting, notes_pdf.RECORD),
            "family": documents.core_group_notes_pdf(meeting, notes_pdf.FAMILY),
            "held_on": meeting.held_on,
            "next_on": meeting.next_meeting_on,
        }
        meeting.completed_at = None
        done["draft"] = documents.core_group_notes_pdf(meeting, notes_pdf.RECORD)
        db.session.rollback()
    with app.app_context(), db.engine.begin() as connection:
        for table in reversed(db.metadata.sorted_tables):
            connection.execute(table.delete())
    return done


def assert_pdf_ua(pdf: bytes) -> None:
    """Tagged, with a structure tree, the language set and marked PDF/UA-1."""
    root = PdfReader(io.BytesIO(pdf)).trailer["/Root"]
    assert root["/MarkInfo"]["/Marked"].value is True
    assert "/StructTreeRoot" in root
    assert root["/Lang"] == "en"
    xmp = root["/Metadata"].get_object().get_data().decode()
    assert re.search(r"pdfuaid:part(=\"1\"|>1<)", xmp)


def assert_every_page(pdf: bytes, held_on: date, draft: bool) -> None:
    reader = PdfReader(io.BytesIO(pdf))
    pages = len(reader.pages)
    for number, page in enumerate(reader.pages, start=1):
        text = re.sub(r"\s+", " ", page.extract_text())
        assert "OFFICIAL-SENSITIVE" in text
        assert f"Page {number} of {pages}" in text
        assert f"Kemi, Tolu and Baby Adebayo · {long_date(held_on)}" in text
        assert ("DRAFT" in text) is draft


def test_the_record_has_everything_the_meeting_recorded(rendered):
    text = text_of(rendered["record"])
    for heading in (
        f"Core group meeting on {long_date(rendered['held_on'])}",
        "Who came",
        "Visits since the last meeting",
        "Progress against each safety goal",
        "Actions",
        "New actions",
        "The children’s views",
        "The parents’ views",
        "Scaling",
        "Scores over time",
        "Next meeting",
        "Notes sent to",
    ):
        assert heading in text
    assert "DEMO-0001" in text
    assert "Ms Jo Jones Teacher Did not come" in text
    assert "Ms Jo Jones (Teacher) Riverside Primary Kemi Kemi Tolu" in text
    assert WHERE_NOW in text
    assert EVIDENCE in text
    assert "Some progress" in text
    assert "Attendance 91% this half term" in text
    assert "Worse" in text
    assert "Not discussed at this meeting" in text  # goals 2, 4, 5 and 6
    assert "Dad went on the Monday after" in text
    assert NEW_ACTION in text
    assert "Kemi said home is quieter now and she likes school again." in text
    assert "Mum said: we are trying hard and Grandma helps every evening." in text
    assert "where 10 means the highest risk: 7 where 10 means safe" in text
    assert long_date(rendered["next_on"]) in text
    assert "The family, the school nurse and Riverside Primary" in text


def test_the_trend_chart_prints_with_its_numbers(rendered):
    text = text_of(rendered["record"])
    # The chart's own text is real text in the PDF: its key and the meaning of each end.
    assert "Solid lines: parents. Dashed lines: everyone else." in text
    assert "10 means: Safe enough for the plan to end" in text
    assert "Funmilayo Adebayo (Mother)" in text
    # The same numbers in a table: the conference's median, and the nurse's turned-round 3.
    assert "given as 3 where 10 means the highest risk" in text
    assert "Median went from 4.5 at the conference" in text


def test_the_family_version_is_in_plain_words(rendered):
    text = text_of(rendered["family"])
    for heading in (
        f"Notes from our meeting on {long_date(rendered['held_on'])}",
        "How things are going",
        "What the children told us",
        "What you told us",
        "Your scores",
        "What happens next",
    ):
        assert heading in text
    assert "We are the core group. That is you, your social worker" in text
    assert f"Things are getting better. Where things are now: {WHERE_NOW}" in text
    assert f"How we know: {EVIDENCE}" in text
    assert "Things have got worse." in text
    assert "We did not talk about this goal this time." in text
    assert "Kemi said home is quieter now" in text
    assert f"Funmilayo Adebayo: {NEW_ACTION}" in text
    assert f"Our next meeting is on {long_date(rendered['next_on'])}." in text
    assert "Solid lines: parents." in text  # the chart prints here too
    assert "The middle score was 4.5 at the conference" in text
    assert "Median" not in text
    assert "DEMO-0001" not in text


@pytest.mark.parametrize("version", ["record", "family", "draft"])
def test_every_version_is_pdf_ua_with_every_page_marked(rendered, version):
    assert_pdf_ua(rendered[version])
    assert_every_page(rendered[version], rendered["held_on"], draft=version == "draft")


# The download.


@pytest.fixture
def meeting_id(app, monkeypatch):
    seed(app, monkeypatch)
    with app.app_context():
        meeting = add_meeting()
        db.session.commit()
        return meeting.id


def _client(app, email, password=DEMO_PASSWORD) -> Client:
    client = Client(app.test_client())
    assert sign_in(client, email, password).status_code == 302
    return client


def test_a_practitioner_in_the_core_group_downloads_the_family_notes(app, meeting_id):
    client = _client(app, "practitioner@demo.example")
    response = client.get(f"/core-groups/{meeting_id}/notes.pdf?for=family")
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    with app.app_context():
        held_on = db.session.get(CoreGroupMeeting, meeting_id).held_on
        assert response.headers["Content-Disposition"] == (
            f'attachment; filename="DEMO-0001-core-group-{held_on:%Y-%m-%d}-family.pdf"'
        )
        assert response.headers["Cache-Control"] == "no-store"
        assert "Notes from our meeting on" in text_of(response.data)
        events = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "print")).all()
        assert [(e.record_type, e.record_id, e.changes["document"]) for e in events] == [
            ("core_group_meeting", str(meeting_id), [None, "core-group-notes-family"])
        ]
        assert events[0].case_id == db.session.get(CoreGroupMeeting, meeting_id).case_id


def test_a_practitioner_outside_the_core_group_is_told_it_does_not_exist(
    app, meeting_id, make_user
):
    make_user(Role.PRACTITIONER, email="outsider@example.org")
    client = _client(app, "outsider@example.org", PASSWORD)
    for version in ("family", "record"):
        assert client.get(f"/core-groups/{meeting_id}/notes.pdf?for={version}").status_code == 404
    assert count_prints(app) == 0


def test_an_unknown_version_or_meeting_is_not_found(app, meeting_id):
    client = _client(app, "chair@demo.example")
    assert client.get(f"/core-groups/{meeting_id}/notes.pdf?for=court").status_code == 404
    assert client.get(f"/core-groups/{meeting_id + 100}/notes.pdf").status_code == 404
    assert count_prints(app) == 0


def test_a_failed_render_says_so_and_audits_nothing(app, meeting_id, monkeypatch):
    def broken(meeting, version):
        raise RuntimeError("Kemi's notes could not be drawn")

    monkeypatch.setattr(documents, "core_group_notes_pdf", broken)
    client = _client(app, "socialworker@demo.example")
    response = client.get(f"/core-groups/{meeting_id}/notes.pdf?for=record")
    assert response.status_code == 500
    assert "Sorry, the document could not be made" in response.get_data(as_text=True)
    assert count_prints(app) == 0


def count_prints(app) -> int:
    with app.app_context():
        return len(db.session.scalars(select(AuditEvent).where(AuditEvent.action == "print")).all())


def test_the_file_name_has_the_reference_and_date_made_safe(app, meeting_id):
    with app.app_context():
        meeting = db.session.get(CoreGroupMeeting, meeting_id)
        meeting.case.reference = "DEMO 0001/../x"
        assert documents.file_name_of(documents.CORE_GROUP_NOTES["record"], meeting) == (
            f"DEMO-0001-x-core-group-{meeting.held_on:%Y-%m-%d}-record.pdf"
        )
        db.session.rollback()


# Frozen at the time (issue 18): the notes are what the meeting recorded.


def _demo_chair() -> User:
    return db.session.scalar(select(User).where(User.email == "chair@demo.example"))


def test_a_goal_added_after_the_meeting_is_not_in_its_notes(app, monkeypatch):
    seed(app, monkeypatch)
    with app.app_context():
        meeting = add_meeting()
        meeting.completed_at = datetime.now(UTC) - timedelta(hours=1)
        db.session.commit()
        plan = meeting.plan
        before = [note.statement for note in notes_pdf.notes_context(meeting, "record")["goals"]]
        later = goals.add_goal(
            _demo_chair(),
            plan,
            statement="Baby Adebayo is fed every 3 hours, shown by the feeding chart",
            child_ids=[],
            worry_item_ids=[],
        )
        goals.add_action(_demo_chair(), later, what="Feeding chart on the fridge", who="Mum")
        db.session.commit()
        context = notes_pdf.notes_context(meeting, "record")
        assert [note.statement for note in context["goals"]] == before
        assert [note.number for note in context["goals"]] == list(range(1, len(before) + 1))
        assert "Feeding chart on the fridge" not in [a.what for a in context["next_steps"]]
        text = text_of(documents.core_group_notes_pdf(meeting, notes_pdf.RECORD))
        assert "Baby Adebayo is fed every 3 hours" not in text
        assert "Feeding chart on the fridge" not in text
        # A meeting still being recorded follows the plan as it is now.
        meeting.completed_at = None
        drafted = notes_pdf.notes_context(meeting, "record")["goals"]
        assert drafted[-1].statement.startswith("Baby Adebayo is fed every 3 hours")


def test_a_goal_recorded_as_not_discussed_prints_so(app, monkeypatch):
    seed(app, monkeypatch)
    with app.app_context():
        meeting = add_meeting()
        goal = sorted(meeting.plan.goals, key=lambda g: g.position)[1]
        meeting.progress.append(GoalProgress(goal=goal, discussed=False, rating=None))
        db.session.commit()
        [note] = [n for n in notes_pdf.notes_context(meeting, "record")["goals"] if n.number == 2]
        assert (note.discussed, note.rating_label) == (False, "")
        text = text_of(documents.core_group_notes_pdf(meeting, notes_pdf.RECORD))
        goal_2 = text[text.index("Goal 2") : text.index("Goal 3")]
        assert "Not discussed at this meeting" in goal_2


def test_a_childs_own_score_is_in_the_trend_beside_everyone_elses(app, monkeypatch):
    seed(app, monkeypatch)
    with app.app_context():
        meeting = add_meeting()
        kemi = meeting.case.children[0]
        meeting.scores.append(
            CoreGroupScore(
                child_id=kemi.id,
                person_name="",
                role_label="",
                value=6,
                question="Where are things today, from 0 to 10?",
                polarity="safe_at_10",
            )
        )
        db.session.commit()
        trend = notes_pdf.notes_context(meeting, "record")["scaling"].trend
        labels = [(s.label, s.is_parent, s.is_child) for s in trend.series]
        assert (f"{kemi.given_name} (Child)", False, True) in labels
        # Parents first, then the children, then everyone else.
        groups = [s.group for s in trend.series]
        assert groups == sorted(groups)
        assert trend.summaries[-1].children_median == 6
        text = text_of(documents.core_group_notes_pdf(meeting, notes_pdf.RECORD))
        assert "Dotted lines: children." in text
        assert f"{kemi.given_name} (Child)" in text
        # Scores given at this meeting: the child's own after the parent's, named.
        scores = notes_pdf.notes_context(meeting, "record")["scores"]
        assert [(n.name, n.role, n.given) for n in scores][:2] == [
            ("Funmilayo Adebayo", "Mother", 7),
            (kemi.given_name, "Child", 6),
        ]
