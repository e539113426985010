"""Audio copies of the agreed plan (issue 19), on the demo family: the mother asked for her plan
as audio, so My work tells the social worker a copy is owed until a recording is attached; the
recording is checked by its content, stored, replaced and removed (each audited), and downloaded
with the same access and audit as the printed plans."""

import re
from io import BytesIO
from types import SimpleNamespace

import pytest
from core_group_demo import seed, signed_in_as
from helpers import count
from pages import (
    assert_page,
    error_messages,
    error_summary,
    meta_content,
    section,
    section_rows,
    text_of,
)
from sqlalchemy import select
from werkzeug.datastructures import FileStorage, MultiDict
from werkzeug.test import encode_multipart

from conference.extensions import db
from conference.models import Adult, AudioCopy, AuditEvent, Case, Plan, StoredFile

MP3 = b"ID3\x04\x00\x00\x00\x00\x00\x00" + b"\x00" * 64
OGG = b"OggS\x00\x02" + b"\x00" * 64
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
OWED = "An audio copy of the plan is owed to Funmilayo Adebayo"
HEADING = "Audio copies of the plan"


@pytest.fixture
def demo(app, monkeypatch):
    """The demo family, DEMO-0001: plan version 1 agreed at the initial conference (version 2
    is the review's draft); the mother asked for her plan as standard print and audio."""
    seed(app, monkeypatch)
    with app.app_context():
        case = db.session.scalar(select(Case).where(Case.reference == "DEMO-0001"))
        plan = db.session.scalar(select(Plan).where(Plan.case_id == case.id, Plan.number == 1))
        draft = db.session.scalar(select(Plan).where(Plan.case_id == case.id, Plan.number == 2))
        mother = db.session.scalar(select(Adult).where(Adult.given_name == "Funmilayo"))
        assert plan.finalised and not draft.finalised
        assert "audio" in mother.plan_formats
        return SimpleNamespace(
            plan=plan.id, draft=draft.id, mother=f"adult-{mother.id}", mother_id=mother.id
        )


@pytest.fixture
def worker(app, demo):
    return signed_in_as(app, "socialworker@demo.example")


def url(demo) -> str:
    return f"/plans/{demo.plan}/audio"


def attach(client, address: str, recording=MP3, filename="plan.mp3", **answers):
    """Post the audio form to `address` as the browser does, with the file (the CSRF token from
    the page's head: the form is not shown to everyone)."""
    token = meta_content(client.get(address).get_data(as_text=True), "csrf-token")
    fields = {
        "csrf_token": token,
        "person": answers.pop("person", None),
        "language": answers.pop("language", "yo"),
        "read_by": answers.pop("read_by", "Grace Okafor, Yoruba interpreter"),
    }
    form = MultiDict({name: value for name, value in fields.items() if value is not None})
    if recording is not None:
        form["recording"] = FileStorage(BytesIO(recording), filename=filename)
    boundary, body = encode_multipart(form)
    return client.raw.post(
        address, data=body, content_type=f"multipart/form-data; boundary={boundary}"
    )


def copies(app) -> list[AudioCopy]:
    with app.app_context():
        found = db.session.scalars(select(AudioCopy).order_by(AudioCopy.id)).all()
        for copy in found:
            copy.file.media_type  # noqa: B018 (loaded before the session closes)
        return found


def test_my_work_says_a_copy_is_owed_until_a_recording_is_attached(app, demo, worker):
    html = worker.get("/my-work/").get_data(as_text=True)
    [row] = section_rows(html, "audio")
    assert OWED in row and "Plan version 1" in row and "Owed" in row
    assert f'href="/plans/{demo.plan}/audio"' in section(html, "audio")

    response = attach(worker, url(demo), person=demo.mother)
    assert response.status_code == 302

    html = worker.get("/my-work/").get_data(as_text=True)
    assert section_rows(html, "audio") == []
    assert "No audio copy of a plan is owed" in text_of(section(html, "audio"))
    assert OWED not in html


def test_the_practitioner_is_not_told_of_a_copy_to_attach(app, demo):
    nurse = signed_in_as(app, "practitioner@demo.example")
    assert OWED not in nurse.get("/my-work/").get_data(as_text=True)


def test_attaching_a_recording_stores_it_and_audits_it(app, demo, worker):
    html = assert_page(worker.get(url(demo)), HEADING)
    assert "Funmilayo Adebayo Owed No recording attached yet" in text_of(html)
    assert count(app, AuditEvent, action="view audio copies", record_id=str(demo.plan)) == 1
    # The one person who asked is chosen, with the language she asked for her plan in.
    assert re.search(rf'value="{demo.mother}"\s+checked', html)
    assert re.search(r'<option value="yo"\s+selected', html)

    response = attach(worker, url(demo), person=demo.mother)

    assert response.headers["Location"] == url(demo)
    page = text_of(assert_page(worker.get(url(demo)), HEADING))
    assert "Recording of the plan for Funmilayo Adebayo attached" in page
    assert "Recording in Yoruba, read by Grace Okafor, Yoruba interpreter" in page
    [copy] = copies(app)
    assert (copy.plan_id, copy.adult_id, copy.child_id) == (demo.plan, demo.mother_id, None)
    assert (copy.language, copy.read_by) == ("yo", "Grace Okafor, Yoruba interpreter")
    assert copy.file.media_type == "audio/mpeg"
    with app.app_context():
        assert db.session.get(StoredFile, copy.file_id).content == MP3
        event = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "upload")).one()
        assert (event.record_type, event.record_id) == ("audio_copy", str(copy.id))
        assert event.case_id == db.session.get(Plan, demo.plan).case_id
        assert event.changes["content_type"] == [None, "audio/mpeg"]
        assert event.changes["read_by"] == [None, "Grace Okafor, Yoruba interpreter"]


def test_attaching_another_recording_replaces_the_first(app, demo, worker):
    attach(worker, url(demo), person=demo.mother)
    [first] = copies(app)

    response = attach(
        worker, url(demo), OGG, "reading.ogg", person=demo.mother, language="en", read_by="Sam"
    )

    assert response.status_code == 302
    [copy] = copies(app)
    assert copy.id == first.id and copy.file_id != first.file_id
    assert (copy.language, copy.read_by, copy.file.media_type) == ("en", "Sam", "audio/ogg")
    assert count(app, StoredFile, id=first.file_id) == 0  # the first file went with it
    with app.app_context():
        event = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "replace")).one()
        assert event.changes["language"] == ["yo", "en"]
        assert event.changes["content_type"] == [None, "audio/ogg"]


@pytest.mark.parametrize(
    ("recording", "filename", "answers", "message"),
    [
        (PNG, "plan.mp3", {}, "The selected file must be an MP3, M4A, OGG, WAV or WebM audio file"),
        (b"", "plan.mp3", {}, "The selected file is empty"),
        (None, "", {}, "Select a recording to upload"),
        (MP3, "plan.mp3", {"person": None}, "Select who the recording is for"),
        (MP3, "plan.mp3", {"person": "adult-999999"}, "Not a valid choice."),
        (MP3, "plan.mp3", {"read_by": ""}, "Enter who read the plan aloud"),
        (MP3, "plan.mp3", {"language": ""}, "Select the language of the recording"),
    ],
)
def test_a_recording_that_is_refused_stores_nothing(
    app, demo, worker, recording, filename, answers, message
):
    typed = {"person": demo.mother, "read_by": "Grace Okafor", **answers}
    response = attach(worker, url(demo), recording, filename, **typed)

    html = assert_page(response, HEADING)
    assert error_messages(html) == [message]
    assert error_summary(html) == [message]
    assert copies(app) == []
    assert count(app, AuditEvent, action="upload") == 0
    if typed["read_by"]:
        assert 'value="Grace Okafor"' in html  # what was typed is kept


def test_a_recording_over_the_limit_is_refused_with_the_limit(app, demo, worker):
    app.config["MAX_AUDIO_BYTES"] = 64 * 1024
    response = attach(worker, url(demo), MP3 + b"\x00" * 64 * 1024, person=demo.mother)

    html = assert_page(response, HEADING)
    assert error_messages(html) == ["The selected file must be smaller than 0.0625MB"]
    assert copies(app) == []


def test_a_recording_is_of_the_agreed_plan_only(app, demo, worker):
    draft = f"/plans/{demo.draft}/audio"
    html = text_of(assert_page(worker.get(draft), HEADING))
    assert "it can be attached once this version of the plan is finalised" in html

    response = attach(worker, draft, person=demo.mother)

    assert response.status_code == 409
    assert copies(app) == []


def test_the_recording_downloads_as_a_plan_does(app, demo, worker):
    attach(worker, url(demo), person=demo.mother)
    [copy] = copies(app)

    response = worker.get(f"/plans/{demo.plan}/audio/{copy.id}")

    assert response.status_code == 200
    assert response.data == MP3
    assert response.mimetype == "audio/mpeg"
    disposition = response.headers["Content-Disposition"]
    assert disposition == f'attachment; filename="DEMO-0001-plan-audio-v1-{copy.id}.mp3"'
    for name in ("Funmilayo", "Adebayo", "Kemi", "Tolu"):
        assert name not in disposition
    assert response.headers["Cache-Control"] == "no-store"
    with app.app_context():
        event = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "download")).one()
        assert (event.record_type, event.record_id) == ("audio_copy", str(copy.id))
        assert event.changes == {"plan_version": [None, 1]}


def test_only_those_who_see_the_case_download_it_and_only_its_editors_change_it(app, demo, worker):
    attach(worker, url(demo), person=demo.mother)
    [copy] = copies(app)
    download = f"/plans/{demo.plan}/audio/{copy.id}"
    remove = f"{download}/remove"
    # The minute-taker sees only the review she minutes, not the plan agreed before it.
    minute_taker = signed_in_as(app, "minutetaker@demo.example")
    assert minute_taker.get(download).status_code == 404
    assert minute_taker.get(url(demo)).status_code == 404
    # The school nurse, in the core group, may hear it as she may read the plan; not change it.
    nurse = signed_in_as(app, "practitioner@demo.example")
    assert nurse.get(download).status_code == 200
    html = assert_page(nurse.get(url(demo)), HEADING)
    assert "Attach a recording" not in html and "Remove" not in text_of(html)
    assert nurse.get(remove).status_code == 403
    assert attach(nurse, url(demo), person=demo.mother).status_code == 403
    # Not another plan's recording through this plan's address.
    assert worker.get(f"/plans/{demo.draft}/audio/{copy.id}").status_code == 404
    with app.app_context():
        downloads = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "download"))
        assert len(downloads.all()) == 1  # only the nurse's: a refusal hears nothing
    assert len(copies(app)) == 1


def test_removing_a_recording_deletes_it_and_owes_the_copy_again(app, demo, worker):
    attach(worker, url(demo), person=demo.mother)
    [copy] = copies(app)
    remove = f"/plans/{demo.plan}/audio/{copy.id}/remove"
    html = assert_page(worker.get(remove), "Are you sure you want to remove this recording?")
    assert "for Funmilayo Adebayo in Yoruba" in text_of(html)

    response = worker.post(remove)

    assert response.headers["Location"] == url(demo)
    assert copies(app) == []
    assert count(app, StoredFile, id=copy.file_id) == 0
    with app.app_context():
        event = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "delete")).one()
        assert (event.record_type, event.record_id) == ("audio_copy", str(copy.id))
        assert event.changes["adult_id"] == [demo.mother_id, None]
    assert OWED in worker.get("/my-work/").get_data(as_text=True)


def test_a_recording_larger_than_any_request_is_refused_before_it_is_read(app, demo, worker):
    too_big = MP3 + b"\x00" * app.config["MAX_CONTENT_LENGTH"]

    response = attach(worker, url(demo), too_big, person=demo.mother)

    html = assert_page(response, "The file is too big", status=413)
    assert "Nothing was saved" in text_of(html)
    assert copies(app) == []
