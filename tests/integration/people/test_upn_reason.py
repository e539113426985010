"""The reason a child has no unique pupil number (the census's UN codes) on the child form."""

from datetime import date

import answers
import pytest
from pages import error_messages, text_of
from records import add_child

from conference.extensions import db
from conference.models import Child

CHILD = {**answers.CHILD, "version": "1"}


@pytest.fixture
def worker(signed_in, make_case, app):
    client = signed_in("social_worker", team="Team A")
    client.case_id = make_case(team="Team A", social_worker_id=client.user_id)
    client.child_id = add_child(app, client.case_id, date_of_birth=date(2020, 4, 3))
    client.edit = f"/cases/{client.case_id}/children/{client.child_id}/edit"
    return client


def test_the_reason_is_offered_as_the_census_codes_stored_and_shown(worker, app):
    form = worker.get(worker.edit).get_data(as_text=True)
    assert "Reason the child has no UPN (optional)" in form
    for code in ("UN1", "UN2", "UN3", "UN4", "UN5", "UN6", "UN7"):
        assert f'value="{code}"' in form
    assert 'value="UN8"' not in form  # the census schema accepts UN1 to UN7 only
    response = worker.post(worker.edit, {**CHILD, "upn": "", "upn_unknown_reason": "UN1"})
    assert response.status_code == 302
    with app.app_context():
        child = db.session.get(Child, worker.child_id)
        assert (child.upn, child.upn_unknown_reason) == ("", "UN1")
    page = text_of(worker.get(response.headers["Location"]).get_data(as_text=True))
    assert (
        "Reason the child has no UPN Child is aged under 6 years old and is not yet "
        "attending school" in page
    )
    again = worker.get(worker.edit).get_data(as_text=True)
    assert 'value="UN1" selected' in again


def test_a_reason_with_a_upn_is_refused_and_nothing_is_stored(worker, app):
    answers = {**CHILD, "upn": "Q311200113001", "upn_unknown_reason": "UN2"}
    html = worker.post(worker.edit, answers).get_data(as_text=True)
    assert error_messages(html) == [
        "Remove the reason the child has no UPN, or remove the unique pupil number: a child "
        "with a UPN needs no reason"
    ]
    assert 'value="Q311200113001"' in html  # what was typed is kept
    with app.app_context():
        child = db.session.get(Child, worker.child_id)
        assert (child.upn, child.upn_unknown_reason, child.version) == ("", None, 1)


def test_an_unknown_code_is_refused(worker, app):
    html = worker.post(worker.edit, {**CHILD, "upn_unknown_reason": "UN99"}).get_data(as_text=True)
    assert error_messages(html) == ["Not a valid choice."]
    with app.app_context():
        assert db.session.get(Child, worker.child_id).upn_unknown_reason is None
