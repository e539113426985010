"""The child's voice at a conference: their words kept exactly, how their views were gathered,
how they took part, advocacy, pictures of their work, who may do what, and clashing saves."""

import re
import threading
from datetime import date, time, timedelta
from io import BytesIO
from types import SimpleNamespace

import pytest
from answers import VOICE
from helpers import Client, count, sign_in
from images import picture, png
from pages import assert_page, error_messages, select, text_of
from werkzeug.datastructures import FileStorage, MultiDict
from werkzeug.test import encode_multipart

from conference.domain import clock
from conference.extensions import db
from conference.models import (
    AuditEvent,
    Child,
    ChildPicture,
    ChildVoice,
    Conference,
    CoreGroupMember,
    StoredFile,
    User,
)
from conference.services import pictures
from conference.services.conferences import voice as voice_service
from conference.services.conferences.conference import readiness

HELD_ON = date(2026, 11, 16)
MB5 = 5 * 1024 * 1024


def add_child(app, case_id, given_name="Lily", born=date(2018, 5, 1), **fields) -> int:
    with app.app_context():
        child = Child(
            case_id=case_id,
            given_name=given_name,
            family_name="Jones",
            date_of_birth=born,
            local_child_id=f"LC-{given_name}-{case_id}",
            **fields,
        )
        db.session.add(child)
        db.session.commit()
        return child.id


def add_conference(app, case_id, **fields) -> int:
    with app.app_context():
        conference = Conference(
            case_id=case_id,
            conference_type="initial",
            held_on=fields.pop("held_on", HELD_ON),
            starts_at=time(10, 0),
            **fields,
        )
        db.session.add(conference)
        db.session.commit()
        return conference.id


@pytest.fixture
def family(app, make_case, make_user):
    """A case in Team A allocated to a social worker (not signed in), with Lily (8) and a
    conference. Attributes: case_id, child_id, conference_id, voice_url, social_worker_id."""

    class Family:
        pass

    family = Family()
    family.social_worker_id = make_user("social_worker", email="allocated@example.org")
    family.case_id = make_case(team="Team A", social_worker_id=family.social_worker_id)
    family.child_id = add_child(app, family.case_id)
    family.conference_id = add_conference(app, family.case_id)
    family.voice_url = f"/conferences/{family.conference_id}/voice/{family.child_id}"
    family.upload_url = family.voice_url + "/pictures"
    return family


@pytest.fixture
def worker(signed_in, make_case, app):
    """The allocated social worker, signed in: `.voice_url`, `.conference_id`, `.child_id`."""
    client = signed_in("social_worker", team="Team A")
    client.case_id = make_case(team="Team A", social_worker_id=client.user_id)
    client.child_id = add_child(app, client.case_id)
    client.conference_id = add_conference(app, client.case_id)
    client.voice_url = f"/conferences/{client.conference_id}/voice/{client.child_id}"
    client.upload_url = client.voice_url + "/pictures"
    return client


def stored_voice(app, conference_id, child_id) -> ChildVoice | None:
    with app.app_context():
        voice = db.session.query(ChildVoice).filter_by(
            conference_id=conference_id, child_id=child_id
        )
        found = voice.one_or_none()
        if found is not None:
            db.session.expunge(found)
        return found


def events(app, action, record_type) -> list[AuditEvent]:
    with app.app_context():
        found = db.session.query(AuditEvent).filter_by(action=action, record_type=record_type)
        found = found.order_by(AuditEvent.id).all()
        db.session.expunge_all()
        return found


def checked(html: str, name: str) -> list[str]:
    """The values of the ticked boxes or the chosen radio called `name`."""
    return [tag.get("value") for tag in select(html, f'input[name="{name}"][checked]')]


def upload(client, url, page, data=b"", filename="drawing.png", **fields):
    """Post the picture form with a file. The body is encoded here, in memory: the test
    client would spool a large file to a temporary file and never close it."""
    form = {
        "csrf_token": client.csrf_token(page),
        "picture": FileStorage(BytesIO(data), filename=filename, content_type="image/png"),
        "picture_description": "Lily’s drawing of her house of dreams",
        "consent_to_share": "yes",
        **fields,
    }
    boundary, body = encode_multipart(MultiDict(form))
    return client.raw.post(url, data=body, content_type=f"multipart/form-data; boundary={boundary}")


# Recording the child's voice


def test_the_page_asks_for_the_childs_own_words_and_suggests_a_code(worker, app):
    html = assert_page(worker.get(worker.voice_url), "Voice of the child: Lily Jones")
    assert "Write down exactly what Lily said, in their words" in html
    assert "House of worries" in html and "House of good things" in html
    assert "House of dreams" in html
    assert "Three Houses" not in html and "Signs of Safety" not in html
    assert f'data-autosave="conference-{worker.conference_id}-voice-{worker.child_id}"' in html
    assert "Lily is 8 on the day of the conference." in text_of(html)
    assert "Suggested from Lily’s age and how their views were gathered: you can change it" in html
    assert checked(html, "participation_code") == ["PN7"]
    assert "Advocacy must be offered to children aged 12 or over" in html
    [view] = events(app, "view", "child")
    assert view.case_id == worker.case_id and view.user_id == worker.user_id


def test_own_words_are_stored_exactly_as_typed(worker, app):
    words = "\n  Mummy shouts  \r\n\r\n when the bottle comes out.\t\n"
    answers = {
        **VOICE,
        "own_words": words,
        "house_of_worries": "  Daddy’s friends\n",
        "house_of_dreams": "a puppy",
        "methods": ["direct_work", "houses"],
        "observed_by": "  not used  ",
        "not_recorded_reason": "  ",
    }
    response = worker.post(worker.voice_url, answers)
    assert response.status_code == 302
    assert response.headers["Location"] == f"/conferences/{worker.conference_id}"
    voice = stored_voice(app, worker.conference_id, worker.child_id)
    assert voice.own_words == words
    assert voice.own_words.encode() == words.encode()
    assert voice.house_of_worries == "  Daddy’s friends\n"
    assert (voice.house_of_dreams, voice.methods) == ("a puppy", ["direct_work", "houses"])
    assert (voice.participation_code, voice.observed_by, voice.not_recorded_reason) == (
        "PN6",
        "not used",
        "",
    )
    assert voice.version == 1
    [created] = events(app, "create", "child_voice")
    assert created.case_id == worker.case_id and created.record_id == str(voice.id)
    assert created.changes["own_words"] == [None, words]
    with worker.session_transaction() as session:
        assert ("success", "Lily’s voice saved") in session["_flashes"]


def test_the_words_come_back_into_the_box_unchanged(worker, app):
    words = "\n  I want to stay with Nan"
    worker.post(worker.voice_url, {**VOICE, "own_words": words})
    html = worker.get(worker.voice_url).get_data(as_text=True)
    # A browser drops the first line break after <textarea>, so one more is written out.
    assert re.search(r'name="own_words"[^>]*>\n\n  I want to stay with Nan</textarea>', html)


def test_changing_the_voice_is_audited_with_the_case(worker, app):
    worker.post(worker.voice_url, {**VOICE, "own_words": "first"})
    worker.post(worker.voice_url, {**VOICE, "own_words": "second", "version": "1"})
    voice = stored_voice(app, worker.conference_id, worker.child_id)
    assert (voice.own_words, voice.version) == ("second", 2)
    [update] = events(app, "update", "child_voice")
    assert update.changes == {"own_words": ["first", "second"]}
    assert update.case_id == worker.case_id


def test_seen_alone_needs_the_date(worker, app):
    answers = {**VOICE, "own_words": "  keep me", "methods": ["seen_alone"]}
    response = worker.post(worker.voice_url, answers)
    html = assert_page(response, "Voice of the child: Lily Jones")
    assert error_messages(html) == ["Enter the date Lily was seen alone"]
    assert ">\n  keep me</textarea>" in html
    assert checked(html, "methods") == ["seen_alone"]
    assert stored_voice(app, worker.conference_id, worker.child_id) is None


@pytest.mark.parametrize(
    ("day", "message"),
    [
        (["", "11", "2026"], "The date Lily was seen alone must include a day"),
        (["31", "2", "2026"], "The date Lily was seen alone must be a real date"),
        ("future", "The date Lily was seen alone must be today or in the past"),
    ],
)
def test_the_seen_alone_date_is_checked(worker, app, day, message):
    if day == "future":
        tomorrow = clock.today() + timedelta(days=1)
        day = [str(tomorrow.day), str(tomorrow.month), str(tomorrow.year)]
    answers = {**VOICE, "methods": ["seen_alone"], "seen_alone_on": day}
    assert error_messages(worker.post(worker.voice_url, answers).get_data(as_text=True)) == [
        message
    ]


def test_the_seen_alone_date_is_kept_only_when_seen_alone_is_ticked(worker, app):
    answers = {**VOICE, "methods": ["seen_alone"], "seen_alone_on": ["10", "11", "2026"]}
    worker.post(worker.voice_url, answers)
    assert stored_voice(app, worker.conference_id, worker.child_id).seen_alone_on == date(
        2026, 11, 10
    )
    answers = {**answers, "methods": ["letter"], "method_other": "ignored", "version": "1"}
    worker.post(worker.voice_url, answers)
    voice = stored_voice(app, worker.conference_id, worker.child_id)
    assert (voice.methods, voice.seen_alone_on, voice.method_other) == (["letter"], None, "")


def test_other_way_of_gathering_views_must_be_described(worker, app):
    response = worker.post(worker.voice_url, {**VOICE, "methods": ["other"]})
    assert error_messages(response.get_data(as_text=True)) == [
        "Enter the other way Lily’s views were gathered"
    ]
    worker.post(worker.voice_url, {**VOICE, "methods": ["other"], "method_other": "Puppets"})
    assert stored_voice(app, worker.conference_id, worker.child_id).method_other == "Puppets"


def test_observations_say_who_observed(worker, app):
    answers = {**VOICE, "observations": "Smiles when Nan picks her up"}
    response = worker.post(worker.voice_url, answers)
    assert error_messages(response.get_data(as_text=True)) == ["Enter who observed Lily"]
    worker.post(worker.voice_url, {**answers, "observed_by": "Sam Patel, health visitor"})
    voice = stored_voice(app, worker.conference_id, worker.child_id)
    assert voice.observed_by == "Sam Patel, health visitor"
    assert views_recorded(voice)


def test_a_participation_code_must_be_chosen(worker):
    response = worker.post(worker.voice_url, {**VOICE, "participation_code": ""})
    assert error_messages(response.get_data(as_text=True)) == [
        "Select how Lily took part in the conference"
    ]


def test_child_under_four_is_only_for_children_under_four(worker):
    response = worker.post(worker.voice_url, {**VOICE, "participation_code": "PN0"})
    assert error_messages(response.get_data(as_text=True)) == [
        "‘Child under 4’ (PN0) is only for children under 4 on the day of the conference"
    ]


@pytest.mark.parametrize(
    ("born", "suggested"),
    [
        (date(2023, 6, 1), "PN0"),
        (None, "PN0"),
        (date(2026, 12, 1), "PN0"),
        (date(2022, 11, 16), "PN7"),
    ],
)
def test_babies_unborn_children_and_under_fours_are_suggested_pn0(
    signed_in, make_case, app, born, suggested
):
    client = signed_in("chair")
    case_id = make_case()
    child_id = add_child(app, case_id, born=born, expected_date_of_birth=date(2027, 1, 5))
    conference_id = add_conference(app, case_id)
    html = client.get(f"/conferences/{conference_id}/voice/{child_id}").get_data(as_text=True)
    assert checked(html, "participation_code") == [suggested]


def test_after_saving_the_chosen_code_is_kept_and_the_suggestion_shown(worker, app):
    answers = {**VOICE, "methods": ["attended", "advocate"], "participation_code": "PN4"}
    worker.post(worker.voice_url, answers)
    html = worker.get(worker.voice_url).get_data(as_text=True)
    assert checked(html, "participation_code") == ["PN4"]
    assert "The suggestion is ‘Attends, an advocate speaks (PN2)’" in html


@pytest.mark.parametrize(
    ("born", "advocacy_age", "answer", "errors"),
    [
        (date(2014, 11, 17), 12, "no", []),
        (date(2014, 11, 17), 12, "not_applicable", []),
        (date(2014, 11, 16), 12, "no", ["Advocacy must be offered to children aged 12 or over"]),
        (
            date(2014, 11, 16),
            12,
            "not_applicable",
            ["Advocacy must be offered to children aged 12 or over"],
        ),
        (date(2014, 11, 16), 12, "yes", []),
        (date(2014, 11, 17), 10, "no", ["Advocacy must be offered to children aged 10 or over"]),
    ],
)
def test_advocacy_must_be_offered_from_the_local_age(
    signed_in, make_case, app, born, advocacy_age, answer, errors
):
    """The day before their 12th birthday a child is 11; on it, 12."""
    client = signed_in("chair")
    case_id = make_case()
    child_id = add_child(app, case_id, given_name="Kai", born=born)
    url = f"/conferences/{add_conference(app, case_id)}/voice/{child_id}"
    app.config["ADVOCACY_AGE"] = advocacy_age
    try:
        response = client.post(url, {**VOICE, "advocacy_offered": answer})
    finally:
        app.config["ADVOCACY_AGE"] = 12
    assert error_messages(response.get_data(as_text=True)) == errors
    assert response.status_code == (200 if errors else 302)


TEXT_FIELDS = (
    "own_words",
    "house_of_worries",
    "house_of_good_things",
    "house_of_dreams",
    "observations",
    "not_recorded_reason",
)


def views_recorded(voice: ChildVoice | None) -> bool:
    """Whether the chair's finalise checklist (conference.readiness) counts the child's views
    recorded, given the child's voice record (or none)."""
    child = SimpleNamespace(id=1, given_name="Lily")
    conference = SimpleNamespace(
        voices=[] if voice is None else [voice],
        identity_reviews=[],
        decisions=[],
        case=SimpleNamespace(children=[child]),
    )
    if voice is not None:
        voice.child_id = child.id
        for field in TEXT_FIELDS:  # as stored: an unanswered question is empty text
            setattr(voice, field, getattr(voice, field) or "")
    [lily] = readiness(conference)
    return lily.views_recorded


def test_voice_recorded_for_the_finalise_check():
    assert not views_recorded(None)
    assert not views_recorded(ChildVoice(own_words="  ", methods=["letter"]))
    assert views_recorded(ChildVoice(own_words="I like school"))
    assert views_recorded(ChildVoice(house_of_dreams="a puppy"))
    assert views_recorded(ChildVoice(observations="Calm with Nan"))
    assert views_recorded(ChildVoice(not_recorded_reason="Too unwell to be seen"))


# Saves that clash


def test_a_stale_save_keeps_what_was_typed_and_changes_nothing(worker, app):
    worker.post(worker.voice_url, {**VOICE, "own_words": "theirs"})
    theirs = {**VOICE, "own_words": "theirs again", "advocacy_offered": "not_applicable"}
    worker.post(worker.voice_url, {**theirs, "version": "1"})
    answers = {**VOICE, "own_words": "mine", "methods": ["letter"], "version": "1"}
    answers["advocacy_offered"] = "yes"
    html = assert_page(worker.post(worker.voice_url, answers), "Voice of the child: Lily Jones")
    assert "Someone else changed this record while you were editing it" in html
    table = text_of(html.split("</table>")[0])
    assert "Own words theirs again mine" in table
    assert "How views were gathered (blank) A letter" in table
    assert "Advocacy offered Not applicable Yes" in table
    assert ">\nmine</textarea>" in html
    assert 'name="version" type="hidden" value="2"' in html
    assert stored_voice(app, worker.conference_id, worker.child_id).own_words == "theirs again"
    worker.post(worker.voice_url, {**answers, "version": "2"})
    assert stored_voice(app, worker.conference_id, worker.child_id).own_words == "mine"


def test_two_first_saves_clash_too(worker, app):
    assert 'name="version" type="hidden" value="0"' in worker.get(worker.voice_url).get_data(
        as_text=True
    )
    worker.post(worker.voice_url, {**VOICE, "own_words": "first", "version": "0"})
    html = worker.post(worker.voice_url, {**VOICE, "own_words": "second", "version": "0"})
    assert "Someone else changed this record" in html.get_data(as_text=True)
    assert stored_voice(app, worker.conference_id, worker.child_id).own_words == "first"


def test_a_picture_uploaded_first_does_not_clash_with_the_first_save(worker, app):
    worker.get(worker.voice_url)
    upload(worker, worker.upload_url, worker.voice_url, png())
    response = worker.post(worker.voice_url, {**VOICE, "own_words": "hello", "version": "0"})
    assert response.status_code == 302
    assert stored_voice(app, worker.conference_id, worker.child_id).own_words == "hello"


# Pictures


def test_a_picture_is_kept_in_the_database_and_shown_to_the_social_worker(worker, app):
    response = upload(worker, worker.upload_url, worker.voice_url, png())
    assert response.headers["Location"] == worker.voice_url + "#pictures"
    clean_copy = pictures.check(png(), MB5).data
    with app.app_context():
        picture = db.session.query(ChildPicture).one()
        stored = (picture.content_type, picture.file.size, picture.description)
        stored += (picture.consent_to_share, picture.uploaded_by_id, picture.voice.child_id)
        content, sha256, picture_id = picture.file.content, picture.file.sha256, picture.id
    assert stored == (
        "image/png",
        len(clean_copy),
        "Lily’s drawing of her house of dreams",
        True,
        worker.user_id,
        worker.child_id,
    )
    assert content == clean_copy
    [uploaded] = events(app, "upload", "child_picture")
    assert uploaded.case_id == worker.case_id and uploaded.record_id == str(picture_id)
    assert uploaded.changes["sha256"] == [None, sha256]

    picture_url = f"/conferences/{worker.conference_id}/pictures/{picture_id}"
    html = worker.get(worker.voice_url).get_data(as_text=True)
    assert f'<img src="{picture_url}" alt="Lily’s drawing of her house of dreams"' in html
    assert "Can be shared in the plan" in html
    served = worker.get(picture_url)
    assert served.status_code == 200 and served.data == clean_copy
    assert served.headers["Content-Type"] == "image/png"
    assert served.headers["X-Content-Type-Options"] == "nosniff"
    assert served.headers["Content-Disposition"] == "inline"
    assert served.headers["Cache-Control"] == "no-store"
    assert "sandbox" in served.headers["Content-Security-Policy"]
    [viewed] = events(app, "view", "child_picture")
    assert viewed.case_id == worker.case_id and viewed.user_id == worker.user_id


def test_the_type_comes_from_the_content_not_the_name(worker, app):
    upload(worker, worker.upload_url, worker.voice_url, picture("JPEG"), filename="drawing.png")
    with app.app_context():
        stored = db.session.query(ChildPicture).one()
        assert (stored.content_type, stored.file.content[:3]) == ("image/jpeg", b"\xff\xd8\xff")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            b"<?php system($_GET['cmd']); ?>",
            "The selected file must be a PNG, JPG, GIF or WebP image",
        ),
        (b"", "The selected file is empty"),
        (png() + b"\x00" * (MB5 + 1 - len(png())), "The selected file must be smaller than 5MB"),
        (
            png(50_000, 50_000),
            "The selected picture is too large to use: choose a smaller picture, or take the "
            "photo at a lower resolution",
        ),
    ],
)
def test_files_that_are_not_safe_pictures_are_refused_and_nothing_is_stored(
    worker, app, data, message
):
    response = upload(worker, worker.upload_url, worker.voice_url, data)
    html = assert_page(response, "Voice of the child: Lily Jones")
    assert error_messages(html) == [message]
    # What was typed is kept; only the file must be chosen again.
    assert 'value="Lily’s drawing of her house of dreams"' in html
    assert checked(html, "consent_to_share") == ["yes"]
    assert count(app, ChildPicture) == 0
    assert count(app, ChildVoice) == 0
    assert count(app, StoredFile) == 0
    assert events(app, "upload", "child_picture") == []


def test_the_file_name_never_matters(worker, app, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    upload(worker, worker.upload_url, worker.voice_url, png(), filename="../../evil.png")
    assert not list(tmp_path.parent.rglob("evil*"))
    with app.app_context():
        stored = db.session.query(StoredFile).one()
        assert b"evil" not in stored.content and stored.media_type == "image/png"


def test_the_picture_form_is_checked(worker, app):
    response = worker.post(
        worker.upload_url,
        {"picture_description": "", "consent_to_share": ""},
        page=worker.voice_url,
    )
    assert error_messages(response.get_data(as_text=True)) == [
        "Select a picture to upload",
        "Enter a description of the picture",
        "Select whether consent has been given to share this picture in the plan",
    ]
    assert count(app, ChildPicture) == 0


def test_consent_is_required(worker, app):
    response = upload(worker, worker.upload_url, worker.voice_url, png(), consent_to_share="")
    assert error_messages(response.get_data(as_text=True)) == [
        "Select whether consent has been given to share this picture in the plan"
    ]
    assert count(app, ChildPicture) == 0
    upload(worker, worker.upload_url, worker.voice_url, png(), consent_to_share="no")
    html = worker.get(worker.voice_url).get_data(as_text=True)
    assert "Not to be shared in the plan" in html


def _one_picture(app):
    with app.app_context():
        picture = db.session.query(ChildPicture).one()
        return picture.id, picture.file_id


def test_removing_a_picture_asks_first_then_deletes_file_and_row(worker, app):
    upload(worker, worker.upload_url, worker.voice_url, png())
    picture_id, file_id = _one_picture(app)
    url = f"/conferences/{worker.conference_id}/pictures/{picture_id}/remove"
    assert_page(worker.get(url), "Are you sure you want to remove this picture?")
    assert count(app, ChildPicture) == 1
    response = worker.post(url, {})
    assert response.headers["Location"] == worker.voice_url + "#pictures"
    assert count(app, ChildPicture) == 0
    assert count(app, StoredFile) == 0
    [deleted] = events(app, "delete", "child_picture")
    assert deleted.case_id == worker.case_id
    assert deleted.changes["description"] == ["Lily’s drawing of her house of dreams", None]
    assert deleted.changes["file_id"] == [file_id, None]
    picture_url = f"/conferences/{worker.conference_id}/pictures/{picture_id}"
    assert worker.get(picture_url).status_code == 404


def test_a_picture_of_another_conference_is_not_found(worker, app):
    upload(worker, worker.upload_url, worker.voice_url, png())
    picture_id, _ = _one_picture(app)
    other = add_conference(app, worker.case_id, held_on=date(2027, 2, 15))
    assert_page(
        worker.get(f"/conferences/{other}/pictures/{picture_id}"), "Page not found", status=404
    )
    assert worker.post(f"/conferences/{other}/pictures/{picture_id}/remove", {}).status_code == 404
    assert count(app, ChildPicture) == 1


def test_two_first_pictures_of_a_child_at_the_same_moment_are_both_kept(worker, app, monkeypatch):
    """Two uploads, each finding no voice record for the child and making one: the second to
    store it is told, in a savepoint, and adds its picture to the first's record."""
    with app.app_context():
        email = db.session.get(User, worker.user_id).email
    second = Client(app.test_client())
    assert sign_in(second, email).status_code == 302
    pages = [worker.csrf_token(worker.voice_url), second.csrf_token(worker.voice_url)]
    both_looked = threading.Barrier(2, timeout=10)
    looked = threading.local()
    voice_of = voice_service.voice_of

    def voice_of_after_both_looked(conference, child):
        found = voice_of(conference, child)
        if not getattr(looked, "once", False):
            looked.once = True
            both_looked.wait()
        return found

    monkeypatch.setattr(voice_service, "voice_of", voice_of_after_both_looked)
    statuses = []

    def upload_first(client, token):
        form = {
            "csrf_token": token,
            "picture": FileStorage(BytesIO(png()), filename="a.png", content_type="image/png"),
            "picture_description": "A drawing",
            "consent_to_share": "no",
        }
        boundary, body = encode_multipart(MultiDict(form))
        response = client.raw.post(
            worker.upload_url, data=body, content_type=f"multipart/form-data; boundary={boundary}"
        )
        statuses.append(response.status_code)

    threads = [
        threading.Thread(target=upload_first, args=pair)
        for pair in zip([worker, second], pages, strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert statuses == [302, 302]
    assert count(app, ChildVoice) == 1
    assert count(app, ChildPicture) == 2 and count(app, StoredFile) == 2
    assert len(events(app, "create", "child_voice")) == 1


# Who may do what


def _add_picture(app, family) -> int:
    with app.app_context():
        voice = ChildVoice(
            conference_id=family.conference_id, child_id=family.child_id, own_words="Hi"
        )
        picture = ChildPicture(
            voice=voice, file=StoredFile.holding(png(), "image/png"), description="A drawing"
        )
        db.session.add(picture)
        db.session.commit()
        return picture.id


def test_practitioners_outside_the_core_group_are_told_nothing_exists(signed_in, family, app):
    picture_id = _add_picture(app, family)
    client = signed_in("practitioner")
    picture_url = f"/conferences/{family.conference_id}/pictures/{picture_id}"
    assert_page(client.get(family.voice_url), "Page not found", status=404)
    assert_page(client.get(picture_url), "Page not found", status=404)
    for url in (family.voice_url, family.upload_url, picture_url + "/remove"):
        response = client.post(url, {**VOICE, "own_words": "no"}, page="/")
        assert response.status_code == 404
    assert stored_voice(app, family.conference_id, family.child_id).own_words == "Hi"
    assert count(app, ChildPicture) == 1
    assert events(app, "view", "child_picture") == []


def test_core_group_practitioner_sees_the_voice_and_pictures_but_cannot_change(
    signed_in, family, app
):
    picture_id = _add_picture(app, family)
    client = signed_in("practitioner")
    with app.app_context():
        db.session.add(CoreGroupMember(case_id=family.case_id, user_id=client.user_id))
        db.session.commit()
    html = assert_page(client.get(family.voice_url), "Voice of the child: Lily Jones")
    assert "<form" not in html.split('id="main-content"')[1]
    assert "Own words" in text_of(html)
    assert client.get(f"/conferences/{family.conference_id}/pictures/{picture_id}").data == png()


def test_unallocated_social_worker_in_the_team_may_look_but_not_change(signed_in, family, app):
    picture_id = _add_picture(app, family)
    client = signed_in("social_worker", team="Team A")
    html = assert_page(client.get(family.voice_url), "Voice of the child: Lily Jones")
    assert 'name="own_words"' not in html and 'name="picture"' not in html
    assert "Remove" not in text_of(html)
    picture_url = f"/conferences/{family.conference_id}/pictures/{picture_id}"
    assert client.get(picture_url).status_code == 200
    forbidden = "You do not have permission to see this page"
    response = client.post(family.voice_url, {**VOICE, "own_words": "changed"}, page="/")
    assert_page(response, forbidden, status=403)
    response = upload(client, family.upload_url, "/", png())
    assert_page(response, forbidden, status=403)
    assert_page(client.get(picture_url + "/remove"), forbidden, status=403)
    assert_page(client.post(picture_url + "/remove", {}, page="/"), forbidden, status=403)
    assert stored_voice(app, family.conference_id, family.child_id).own_words == "Hi"
    assert count(app, ChildPicture) == 1


def test_a_chair_may_record_the_voice_and_add_pictures(signed_in, family, app):
    client = signed_in("chair")
    response = client.post(family.voice_url, {**VOICE, "own_words": "I miss Dad"})
    assert response.status_code == 302
    assert upload(client, family.upload_url, family.voice_url, png()).status_code == 302
    assert stored_voice(app, family.conference_id, family.child_id).own_words == "I miss Dad"
    assert count(app, ChildPicture) == 1


def test_a_child_of_another_family_is_not_found(worker, app, make_case):
    other_child = add_child(app, make_case(team="Team A"), given_name="Sam")
    url = f"/conferences/{worker.conference_id}/voice/{other_child}"
    assert_page(worker.get(url), "Page not found", status=404)
    assert worker.post(url, VOICE, page=worker.voice_url).status_code == 404
    response = upload(worker, url + "/pictures", worker.voice_url, png())
    assert response.status_code == 404
    assert count(app, ChildVoice) == 0 and count(app, ChildPicture) == 0


def test_a_finalised_conference_is_shown_but_never_changed(worker, app):
    worker.post(worker.voice_url, {**VOICE, "own_words": "before"})
    with app.app_context():
        conference = db.session.get(Conference, worker.conference_id)
        conference.finalised_at = conference.created_at
        db.session.commit()
    html = assert_page(worker.get(worker.voice_url), "Voice of the child: Lily Jones")
    assert 'name="own_words"' not in html and "before" in html
    response = worker.post(worker.voice_url, {**VOICE, "own_words": "after"}, page="/")
    assert response.status_code == 409
    assert upload(worker, worker.upload_url, "/", png()).status_code == 409
    assert stored_voice(app, worker.conference_id, worker.child_id).own_words == "before"
    assert count(app, ChildPicture) == 0
