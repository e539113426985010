"""Autosaved drafts: saved and given back to their author only, refused when malformed, too
large or about a conference the user may not see, discarded on request, never audited."""

import logging
import re
from datetime import UTC, date, datetime, time, timedelta

import pytest
from flask.testing import EnvironBuilder
from helpers import Client, count, sign_in
from pages import text_of
from sqlalchemy import select
from werkzeug.wrappers import Request

from conference.extensions import db
from conference.models import AuditEvent, Case, Conference, CoreGroupMember, FormDraft, User
from conference.services import drafts

TOKEN = re.compile(r'<meta name="csrf-token" content="([^"]+)">')


def token(client) -> str:
    return TOKEN.search(client.get("/").get_data(as_text=True)).group(1)


def save(client, key="notes", data=None, base_version=None, csrf=True, **body):
    headers = {"X-CSRFToken": token(client)} if csrf else {}
    payload = {"key": key, "data": data or {"notes": "typed"}, "base_version": base_version}
    return client.raw.post("/drafts", json={**payload, **body}, headers=headers)


def discard(client, key, csrf=True):
    headers = {"X-CSRFToken": token(client)} if csrf else {}
    return client.raw.post(f"/drafts/{key}/discard", headers=headers)


def add_conference(app, case_id) -> int:
    with app.app_context():
        conference = Conference(
            case_id=case_id,
            conference_type="initial",
            held_on=date(2026, 11, 3),
            starts_at=time(10, 0),
        )
        db.session.add(conference)
        db.session.commit()
        return conference.id


@pytest.fixture
def worker(signed_in, make_case, app):
    """The social worker allocated to a case in Team A, signed in; with `.case_id` and
    `.conference_id`, a conference of that case."""
    client = signed_in("social_worker", team="Team A")
    client.case_id = make_case(team="Team A", social_worker_id=client.user_id)
    client.conference_id = add_conference(app, client.case_id)
    return client


@pytest.fixture
def other_client(app, make_user):
    """`other_client(role, team=…)`: a second browser, signed in as another user."""

    def sign_in_as(role, team=None):
        user_id = make_user(role, email=f"other-{role}@example.org", team=team)
        client = Client(app.test_client())
        assert sign_in(client, f"other-{role}@example.org").status_code == 302
        client.user_id = user_id
        return client

    return sign_in_as


def test_a_saved_draft_is_given_back_to_its_author(worker, app):
    key = f"conference-{worker.conference_id}-map-item-new"
    data = {"description": "Dad shouts when he has been drinking", "children": ["1", "2"]}
    assert save(worker, key, data, base_version=3, path="/somewhere").status_code == 204

    response = worker.get(f"/drafts/{key}")
    assert response.status_code == 200
    body = response.get_json()
    assert (body["data"], body["base_version"]) == (data, 3)
    assert datetime.fromisoformat(body["saved_at"]).tzinfo is not None
    with app.app_context():
        draft = db.session.query(FormDraft).one()
        assert (draft.user_id, draft.form_key, draft.case_id) == (
            worker.user_id,
            key,
            worker.case_id,
        )


def test_saving_again_replaces_the_draft(worker, app):
    key = f"case-{worker.case_id}-details"
    save(worker, key, {"address": "1 First Street"}, base_version=1)
    assert save(worker, key, {"address": "2 Second Street"}, base_version=2).status_code == 204
    assert count(app, FormDraft) == 1
    body = worker.get(f"/drafts/{key}").get_json()
    assert (body["data"], body["base_version"]) == ({"address": "2 Second Street"}, 2)


def test_two_saves_at_once_leave_one_draft_with_the_later_data(worker, app, monkeypatch):
    """A timed save and the one on leaving the page can both find no draft and insert one."""
    save(worker, "notes", {"notes": "first"})
    found = iter([None])
    real = drafts.draft_for
    monkeypatch.setattr(drafts, "draft_for", lambda user, key: next(found, real(user, key)))
    assert save(worker, "notes", {"notes": "second"}).status_code == 204
    assert count(app, FormDraft) == 1
    assert worker.get("/drafts/notes").get_json()["data"] == {"notes": "second"}


def test_drafts_not_about_a_conference_or_case_are_kept_without_a_case(worker, app):
    assert save(worker, "admin-new-user").status_code == 204
    assert count(app, FormDraft, form_key="admin-new-user", case_id=None) == 1


def test_nobody_sees_another_persons_draft(worker, other_client):
    key = f"conference-{worker.conference_id}-scaling"
    save(worker, key, {"reason": "mine"})
    chair = other_client("chair")
    assert chair.get(f"/drafts/{key}").status_code == 204
    assert discard(chair, key).status_code == 204
    assert worker.get(f"/drafts/{key}").get_json()["data"] == {"reason": "mine"}


def test_no_draft_is_no_content(worker):
    """Not 404, which the browser would report in its console as an error on every page."""
    response = worker.get("/drafts/conference-1-nothing")
    assert (response.status_code, response.get_data()) == (204, b"")


KEY_MESSAGE = "The key must be 1 to 200 lowercase letters, digits or hyphens"
DATA_MESSAGE = "The data must be an object of field names and text"
VERSION_MESSAGE = "The base version must be a whole number or null"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"key": "Map-Item"}, KEY_MESSAGE),
        ({"key": "map_item"}, KEY_MESSAGE),
        ({"key": "map item"}, KEY_MESSAGE),
        ({"key": "notes\n"}, KEY_MESSAGE),
        ({"key": ""}, KEY_MESSAGE),
        ({"key": "a" * 201}, KEY_MESSAGE),
        ({"key": 12}, KEY_MESSAGE),
        ({"key": None}, KEY_MESSAGE),
        ({"data": ["notes", "typed"]}, DATA_MESSAGE),
        ({"data": "typed"}, DATA_MESSAGE),
        ({"data": {"notes": {"nested": "typed"}}}, DATA_MESSAGE),
        ({"data": {"notes": ["typed", ["nested"]]}}, DATA_MESSAGE),
        ({"data": {"score": 7}}, DATA_MESSAGE),
        ({"data": {"notes": None}}, DATA_MESSAGE),
        ({"base_version": "3"}, VERSION_MESSAGE),
        ({"base_version": True}, VERSION_MESSAGE),
        ({"base_version": -1}, VERSION_MESSAGE),
        ({"base_version": 2**31}, VERSION_MESSAGE),
        ({"base_version": 2.5}, VERSION_MESSAGE),
    ],
)
def test_malformed_drafts_are_refused_and_nothing_is_stored(worker, app, body, message):
    payload = {"key": "notes", "data": {"notes": "typed"}, "base_version": None, **body}
    response = worker.raw.post("/drafts", json=payload, headers={"X-CSRFToken": token(worker)})
    assert response.status_code == 400
    assert response.get_json() == {"error": message}
    assert count(app, FormDraft) == 0


@pytest.mark.parametrize("body", ["not json", "[1, 2]", "null", "[" * 100_000])
def test_a_body_that_is_not_a_json_object_is_refused(worker, app, body):
    response = worker.raw.post(
        "/drafts",
        data=body,
        content_type="application/json",
        headers={"X-CSRFToken": token(worker)},
    )
    assert response.status_code == 400
    assert response.get_json() == {"error": "Send the draft as a JSON object"}
    assert count(app, FormDraft) == 0


def test_a_draft_over_200_kb_is_refused(worker, app):
    response = save(worker, data={"notes": "x" * (200 * 1024)})
    assert response.status_code == 413
    assert response.get_json() == {"error": "The draft is too large to save: the limit is 200 KB"}
    assert count(app, FormDraft) == 0
    assert save(worker, data={"notes": "x" * (199 * 1024)}).status_code == 204


def test_a_draft_sent_without_a_length_over_200_kb_is_refused(worker, app):
    body = b'{"key": "notes", "data": {"notes": "' + b"x" * (200 * 1024) + b'"}}'
    builder = EnvironBuilder(
        app,
        "/drafts",
        method="POST",
        data=body,
        content_type="application/json",
        headers={"X-CSRFToken": token(worker), "Transfer-Encoding": "chunked"},
    )
    environ = builder.get_environ()
    del environ["CONTENT_LENGTH"]  # sent in chunks: the length is not known in advance
    environ["wsgi.input_terminated"] = True
    response = worker.raw.open(Request(environ))  # a Request keeps the environ as it is
    assert response.status_code == 413
    assert count(app, FormDraft) == 0


def test_a_draft_without_the_csrf_token_is_refused(worker, app):
    response = save(worker, csrf=False)
    assert response.status_code == 400
    assert count(app, FormDraft) == 0


def test_a_draft_about_a_conference_the_user_may_not_see_is_not_found(
    worker, other_client, app, make_case
):
    key = f"conference-{worker.conference_id}-map-item-new"
    outsider = other_client("practitioner")
    response = save(outsider, key)
    assert response.status_code == 404
    assert response.get_json() == {"error": "Not Found"}
    assert count(app, FormDraft) == 0

    other_conference = add_conference(app, make_case(team="Team C"))
    assert save(worker, f"conference-{other_conference}-voice").status_code == 404
    assert save(worker, f"case-{make_case(team='Team C')}-details").status_code == 404
    assert save(worker, "conference-999999-map").status_code == 404
    assert save(worker, f"conference-{2**31}-map").status_code == 404
    assert count(app, FormDraft) == 0


def test_anyone_who_may_see_the_conference_may_keep_a_draft_of_it(worker, other_client, app):
    """A draft is the user's own typing, not a change: seeing the conference is enough. (Saving
    the form itself is refused to those who may not change it.)"""
    key = f"conference-{worker.conference_id}-agency-views"
    team_colleague = other_client("social_worker", team="Team A")
    chair = other_client("chair")
    practitioner = other_client("practitioner")
    with app.app_context():
        db.session.add(CoreGroupMember(case_id=worker.case_id, user_id=practitioner.user_id))
        db.session.commit()
    for client in (team_colleague, chair, practitioner):
        assert save(client, key).status_code == 204
    assert count(app, FormDraft, form_key=key, case_id=worker.case_id) == 3


def test_a_draft_about_a_case_the_user_can_no_longer_see_is_not_given_back(worker, app):
    key = f"case-{worker.case_id}-details"
    save(worker, key)
    with app.app_context():
        db.session.get(User, worker.user_id).team_id = None
        db.session.get(Case, worker.case_id).social_worker_id = None
        db.session.commit()
    assert worker.get(f"/drafts/{key}").status_code == 204


def test_discarding_deletes_the_draft(worker, app):
    save(worker, "notes")
    save(worker, "other-notes")
    assert discard(worker, "notes").status_code == 204
    assert worker.get("/drafts/notes").status_code == 204
    assert count(app, FormDraft, form_key="other-notes") == 1
    assert discard(worker, "notes").status_code == 204


def test_discarding_needs_the_csrf_token_and_a_valid_key(worker, app):
    save(worker, "notes")
    assert discard(worker, "notes", csrf=False).status_code == 400
    assert count(app, FormDraft) == 1
    response = discard(worker, "Notes")
    assert (response.status_code, response.get_json()) == (400, {"error": KEY_MESSAGE})
    response = worker.get("/drafts/Notes")
    assert (response.status_code, response.get_json()) == (400, {"error": KEY_MESSAGE})


def test_drafts_write_no_audit_rows(worker, app):
    before = count(app, AuditEvent)
    key = f"conference-{worker.conference_id}-map"
    save(worker, key)
    save(worker, key, {"notes": "more"})
    worker.get(f"/drafts/{key}")
    discard(worker, key)
    assert count(app, AuditEvent) == before


def test_draft_contents_are_never_logged(worker, caplog):
    caplog.set_level(logging.DEBUG)
    save(worker, "notes", {"notes": "Lily hides under her bed"})
    worker.get("/drafts/notes")
    save(worker, "Bad", {"notes": "Lily hides under her bed"})
    assert "Lily hides" not in caplog.text


def test_signed_out_users_are_sent_to_sign_in_and_nothing_is_stored(client, app):
    response = client.raw.post("/drafts", json={"key": "notes", "data": {"notes": "typed"}})
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/sign-in")
    assert count(app, FormDraft) == 0


def test_clear_draft_removes_only_that_users_draft_of_that_form(worker, other_client, app):
    chair = other_client("chair")
    save(worker, "notes")
    save(worker, "other-notes")
    save(chair, "notes")
    with app.app_context():
        drafts.clear_draft(db.session.get(User, worker.user_id), "notes")
        drafts.clear_draft(db.session.get(User, worker.user_id), "never-saved")
        db.session.commit()  # the service flushes; its caller commits
    assert count(app, FormDraft, user_id=worker.user_id, form_key="notes") == 0
    assert count(app, FormDraft, user_id=worker.user_id, form_key="other-notes") == 1
    assert count(app, FormDraft, user_id=chair.user_id, form_key="notes") == 1


def test_pages_load_the_autosave_script_and_the_token_it_sends(worker):
    html = worker.get(f"/cases/{worker.case_id}/edit").get_data(as_text=True)
    assert f'data-autosave="case-{worker.case_id}-details"' in html
    assert 'type="module" src="/static/dist/autosave.mjs"' in html
    assert TOKEN.search(html)
    assert "Change case" in text_of(html)


def age(app, days: int) -> None:
    """Make every stored draft look last saved `days` days ago."""
    with app.app_context():
        for draft in db.session.scalars(select(FormDraft)):
            draft.saved_at = datetime.now(UTC) - timedelta(days=days)
        db.session.commit()


def keys_kept(app) -> list[str]:
    with app.app_context():
        return sorted(db.session.scalars(select(FormDraft.form_key)))


def test_a_draft_older_than_the_kept_days_is_not_given_back(worker, app):
    save(worker, key="notes", data={"notes": "typed a month ago"})
    age(app, app.config["DRAFTS_KEPT_DAYS"] + 1)
    assert worker.get("/drafts/notes").status_code == 204


def test_a_draft_within_the_kept_days_is_given_back(worker, app):
    save(worker, key="notes", data={"notes": "typed last week"})
    age(app, app.config["DRAFTS_KEPT_DAYS"] - 1)
    assert worker.get("/drafts/notes").get_json()["data"] == {"notes": "typed last week"}


def test_the_purge_command_deletes_only_expired_drafts(worker, other_client, app):
    save(worker, key="old")
    age(app, app.config["DRAFTS_KEPT_DAYS"] + 1)
    save(other_client("chair"), key="new")
    result = app.test_cli_runner().invoke(args=["purge-drafts"])
    assert result.exit_code == 0
    assert "1 drafts not saved for 30 days were deleted" in result.output
    assert keys_kept(app) == ["new"]


def test_saving_a_draft_purges_the_users_own_expired_drafts_only(worker, other_client, app):
    save(worker, key="mine-old")
    save(other_client("chair"), key="theirs-old")
    age(app, app.config["DRAFTS_KEPT_DAYS"] + 1)
    save(worker, key="mine-new")
    assert keys_kept(app) == ["mine-new", "theirs-old"]


def test_a_new_draft_beyond_the_quota_is_refused_and_the_others_kept(worker, app, monkeypatch):
    monkeypatch.setitem(app.config, "DRAFTS_PER_USER", 3)
    for key in ("one", "two", "three"):
        assert save(worker, key=key).status_code == 204
    refused = save(worker, key="four")
    assert refused.status_code == 413
    assert refused.get_json()["error"].startswith("You have 3 unsaved drafts, the most")
    assert keys_kept(app) == ["one", "three", "two"]
    # A draft already kept can still be saved again at the quota.
    assert save(worker, key="two", data={"notes": "more typing"}).status_code == 204
    assert worker.get("/drafts/two").get_json()["data"] == {"notes": "more typing"}
