"""The child's disability answer: the census codes, "No disability", or "Not known yet". Not
known is stored as no codes at all, which Annex A writes as c) Unknown, while "No disability" is
["NONE"], b) No."""

import answers
import pytest
from helpers import count
from pages import assert_page, error_messages, select, text, text_of
from records import add_child, events, get

from conference.extensions import db
from conference.models import Child

CHILD = {**answers.CHILD, "disabilities": ["NOT_KNOWN"]}


@pytest.fixture
def worker(signed_in, make_case):
    """The social worker allocated to a case in Team A, signed in; `.case_id` is the case."""
    client = signed_in("social_worker", team="Team A")
    client.case_id = make_case(team="Team A", social_worker_id=client.user_id)
    return client


def ticked(html: str) -> list[str]:
    return [box.get("value") for box in select(html, 'input[name="disabilities"][checked]')]


def test_not_known_yet_is_stored_as_no_codes_and_shown_as_not_known(worker, app):
    response = worker.post(f"/cases/{worker.case_id}/children/new", CHILD)
    [child] = _children(app)
    assert child.disabilities == []
    html = worker.get(response.headers["Location"]).get_data(as_text=True)
    assert "Disabilities Not known yet" in text_of(html)


def test_no_disability_and_not_known_yet_each_untick_the_others(worker):
    html = worker.get(f"/cases/{worker.case_id}/children/new").get_data(as_text=True)
    exclusive = select(html, 'input[name="disabilities"][data-behaviour="exclusive"]')
    assert [box.get("value") for box in exclusive] == ["NONE", "NOT_KNOWN"]
    assert "Not known yet" in text_of(html)


@pytest.mark.parametrize("others", [["HEAR"], ["NONE"]])
def test_not_known_yet_with_another_answer_is_refused(worker, app, others):
    url = f"/cases/{worker.case_id}/children/new"
    html = assert_page(
        worker.post(url, {**CHILD, "disabilities": [*others, "NOT_KNOWN"]}), "Add a child"
    )
    assert error_messages(html) == [
        "Select ‘Not known yet’ on its own, or only the disabilities that apply"
    ]
    assert count(app, Child) == 0
    assert ticked(html) == [*others, "NOT_KNOWN"]  # nothing ticked is lost


@pytest.mark.parametrize(
    ("stored", "shown"),
    [([], ["NOT_KNOWN"]), (["NONE"], ["NONE"]), (["HEAR", "VIS"], ["HEAR", "VIS"])],
)
def test_the_change_form_ticks_what_is_stored(worker, app, stored, shown):
    child_id = add_child(app, worker.case_id, disabilities=stored)
    html = worker.get(f"/cases/{worker.case_id}/children/{child_id}/edit").get_data(as_text=True)
    assert ticked(html) == shown


def test_no_disability_changed_to_not_known_yet_is_audited(worker, app):
    child_id = add_child(app, worker.case_id, disabilities=["NONE"])
    url = f"/cases/{worker.case_id}/children/{child_id}/edit"
    worker.post(url, {**CHILD, "version": "1"})
    assert get(app, Child, child_id).disabilities == []
    [updated] = events(app, "update")
    assert updated.changes["disabilities"] == [["NONE"], []]


def test_saving_not_known_yet_again_changes_nothing_about_disabilities(worker, app):
    child_id = add_child(app, worker.case_id, disabilities=[])
    url = f"/cases/{worker.case_id}/children/{child_id}/edit"
    worker.post(url, {**CHILD, "school": "Hill Academy", "version": "1"})
    [updated] = events(app, "update")
    assert "school" in updated.changes
    assert "disabilities" not in updated.changes


@pytest.mark.parametrize(
    ("stored", "row"),
    [([], None), (["HEAR"], "Disabilities Hearing Not known yet")],
)
def test_a_clashing_save_compares_disabilities_as_stored(worker, app, stored, row):
    child_id = add_child(app, worker.case_id, disabilities=stored)
    url = f"/cases/{worker.case_id}/children/{child_id}/edit"
    worker.post(url, {**CHILD, "disabilities": stored, "school": "Hill", "version": "1"})
    html = worker.post(url, {**CHILD, "school": "Dale", "version": "1"}).get_data(as_text=True)
    conflict = text(select(html, "table")[0])
    assert "School or setting Hill Dale" in conflict
    assert ("Disabilities" in conflict) is (row is not None)
    if row:
        assert row in conflict
    assert get(app, Child, child_id).disabilities == stored


def _children(app) -> list[Child]:
    with app.app_context():
        return list(db.session.scalars(db.select(Child)))
