"""Two people saving the same one-per-child record at the same moment (the first save, or a
change to the same version): one is saved, the other is shown the usual conflict with what
they typed kept, never an error page, and nothing is stored twice. (The first voice record and
the first decision were already saved in a SAVEPOINT, and two of them at once were already
told apart; a change to either at the same moment was not.)"""

import re
from html import unescape

import pytest
from at_once import at_once
from helpers import Client, count, sign_in
from pages import text_of
from werkzeug.datastructures import MultiDict

from conference.extensions import db
from conference.models import (
    AuditEvent,
    ChildDecision,
    ChildVoice,
    ConferenceIdentity,
    MapItem,
)

CONFLICT = "Someone else changed this record while you were editing it"
HIDDEN = re.compile(r'<input type="hidden" name="([^"]+)" value="([^"]*)">')
IDENTITY = {
    "cultural_or_harm": "Smacking is not a cultural practice here: it is harm.",
    "community_safety_network": "Aunt Hodan and the imam at the local mosque.",
    "heritage_connection": "Somali Saturday school.",
    "interpreter_and_translation": "Somali interpreter booked.",
}
VOICE = {
    "own_words": "",
    "house_of_worries": "",
    "house_of_good_things": "",
    "house_of_dreams": "",
    "method_other": "",
    "participation_code": "PN6",
    "advocacy_offered": "",
    "observations": "",
    "observed_by": "",
    "not_recorded_reason": "",
}
DECISION = {
    "outcome": "nfa",
    "category": "",
    "reasons": "",
    "parents_view": "",
    "dissent": "",
    "lead_social_worker_id": "",
    "contingency_plan": "",
    "version": "0",
}


@pytest.fixture
def two(app, signed_in, make_user, make_conference):
    """The allocated social worker and a chair, each signed in on their own browser, and a
    conference for Lily: `.conference`, `.worker`, `.chair`."""
    worker = signed_in("social_worker", email="sam@example.org", team="Team A")
    conference = make_conference(social_worker_id=worker.user_id)
    make_user("chair", email="chair@example.org")
    chair = Client(app.test_client())
    assert sign_in(chair, "chair@example.org").status_code == 302
    return type("Two", (), {"conference": conference, "worker": worker, "chair": chair})


def both_post(two, url, worker_data, chair_data) -> list[str]:
    """The worker and the chair send their forms at the same moment; each page's text."""
    worker_data = {**worker_data, "csrf_token": two.worker.csrf_token(url)}
    chair_data = {**chair_data, "csrf_token": two.chair.csrf_token(url)}
    responses = at_once(
        lambda: two.worker.post(url, worker_data), lambda: two.chair.post(url, chair_data)
    )
    return [_outcome(response) for response in responses]


def _outcome(response) -> str:
    if response.status_code == 302:
        return "saved"
    assert response.status_code == 200, response.status_code
    page = text_of(response.get_data(as_text=True))
    assert CONFLICT in page
    return page


def saved_and_conflict(pages) -> str:
    """The conflict page, once exactly one of the two was saved."""
    assert sorted(page == "saved" for page in pages) == [False, True]
    return next(page for page in pages if page != "saved")


def creates(app, record_type) -> int:
    with app.app_context():
        return (
            db.session.query(AuditEvent).filter_by(action="create", record_type=record_type).count()
        )


def test_two_first_answers_to_the_identity_questions(two, app):
    url = f"/conferences/{two.conference.id}/identity/{two.conference.child_id}"
    worker = {**IDENTITY, "heritage_connection": "Somali Saturday school.", "version": "0"}
    chair = {**IDENTITY, "heritage_connection": "Visits to her grandmother.", "version": "0"}
    conflict = saved_and_conflict(both_post(two, url, worker, chair))
    assert count(app, ConferenceIdentity) == 1
    assert creates(app, "conference_identity") == 1
    with app.app_context():
        stored = db.session.query(ConferenceIdentity).one().heritage_connection
    # The loser's own words are still in the form, the winner's shown as saved now.
    typed = {"Somali Saturday school.", "Visits to her grandmother."} - {stored}
    assert typed.pop() in conflict and stored in conflict


def test_two_changes_to_the_same_version_of_the_identity_answers(two, app):
    url = f"/conferences/{two.conference.id}/identity/{two.conference.child_id}"
    assert two.worker.post(url, {**IDENTITY, "version": "0"}).status_code == 302
    worker = {**IDENTITY, "cultural_or_harm": "Harm, whatever its roots.", "version": "1"}
    chair = {**IDENTITY, "cultural_or_harm": "Partly a misunderstanding.", "version": "1"}
    conflict = saved_and_conflict(both_post(two, url, worker, chair))
    with app.app_context():
        stored = db.session.query(ConferenceIdentity).one()
        assert stored.version == 2
        assert stored.cultural_or_harm in conflict
    typed = {"Harm, whatever its roots.", "Partly a misunderstanding."} - {stored.cultural_or_harm}
    assert typed.pop() in conflict


def test_two_changes_to_the_same_version_of_the_childs_voice(two, app):
    url = f"/conferences/{two.conference.id}/voice/{two.conference.child_id}"
    assert two.worker.post(url, {**VOICE, "version": "0"}).status_code == 302
    worker = {**VOICE, "observations": "Lily played calmly.", "version": "1"}
    worker["observed_by"] = "Sam"
    chair = {**VOICE, "observations": "Lily hid behind the sofa.", "version": "1"}
    chair["observed_by"] = "Chris"
    conflict = saved_and_conflict(both_post(two, url, worker, chair))
    with app.app_context():
        stored = db.session.query(ChildVoice).one()
        assert stored.version == 2
        assert stored.observations in conflict
    typed = {"Lily played calmly.", "Lily hid behind the sofa."} - {stored.observations}
    assert typed.pop() in conflict


def test_two_changes_to_the_same_version_of_a_decision(two, app):
    """Only the chair decides (issue 18): the chair, with the decision open in two windows."""
    url = f"/conferences/{two.conference.id}/decisions/{two.conference.child_id}"
    first = {**DECISION, "reasons": "The worries are resolved."}
    assert two.chair.post(url, first).status_code == 302
    second_window = Client(app.test_client())
    assert sign_in(second_window, "chair@example.org").status_code == 302
    windows = type("Two", (), {"worker": second_window, "chair": two.chair})
    worker = {**first, "reasons": "No further action: support is in place.", "version": "1"}
    chair = {**first, "reasons": "No further action: Dad has moved out.", "version": "1"}
    conflict = saved_and_conflict(both_post(windows, url, worker, chair))
    with app.app_context():
        stored = db.session.query(ChildDecision).one()
        assert stored.version == 2
        assert stored.reasons in conflict
    typed = {worker["reasons"], chair["reasons"]} - {stored.reasons}
    assert typed.pop() in conflict


def test_two_changes_to_a_map_item_at_once_keep_what_the_second_typed(two, app):
    """A page that does not catch the conflict itself (the map's items): the second person is
    shown what they typed, kept, and sending it again shows the map's own conflict."""
    with app.app_context():
        item = MapItem(conference_id=two.conference.id, heading="grey", text="Who lives there")
        db.session.add(item)
        db.session.commit()
        url = f"/conferences/{two.conference.id}/map/{item.id}"
    item_form = {
        "heading": "grey",
        "who_is_worried": "",
        "worried_about": "",
        "could_happen": "",
        "raised_by": "",
        "family_response": "",
        "child_ids": str(two.conference.child_id),
        "version": "1",
    }
    worker = {**item_form, "text": "Who lives at the house: Mum and Lily"}
    chair = {**item_form, "text": "Whether Dad still stays at weekends"}
    # The tokens are fetched first: fetching one writes the session, which would be the write
    # the two threads wait for, and the saves would then race only now and then.
    sent = [{**worker, "csrf_token": two.worker.csrf_token(url)}]
    sent.append({**chair, "csrf_token": two.chair.csrf_token(url)})
    responses = at_once(lambda: two.worker.post(url, sent[0]), lambda: two.chair.post(url, sent[1]))
    assert sorted(response.status_code for response in responses) == [302, 409]
    refused = next(response for response in responses if response.status_code == 409)
    page = text_of(refused.get_data(as_text=True))
    assert "Someone else saved this at the same moment" in page
    with app.app_context():
        saved = db.session.get(MapItem, item.id)
        assert saved.version == 2
    typed = {worker["text"], chair["text"]} - {saved.text}
    assert typed.pop() in page
    # "Continue" sends it again, unchanged: the map's own conflict, their text beside this one.
    html = refused.get_data(as_text=True)
    form = re.search(r'<form method="post" novalidate>(.*?)</form>', html, flags=re.S).group(1)
    resent = MultiDict((name, unescape(value)) for name, value in HIDDEN.findall(form))
    browser = two.worker if resent["text"] == worker["text"] else two.chair
    again = browser.raw.post(url, data=resent)
    assert CONFLICT in text_of(again.get_data(as_text=True))
    assert saved.text in text_of(again.get_data(as_text=True))
