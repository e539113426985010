"""The identity questions for children and adults: every prompt saved, "Not known yet" kept apart
from a blank, and the interpreter and written plan questions."""

import pytest
from helpers import count
from pages import assert_page, error_messages, text_of
from records import add_adult, add_child, events, get

from conference.domain.identity import IDENTITY_PROMPTS, IDENTITY_TEXT_FIELDS
from conference.models import Adult, AuditEvent, Child

BLANK = {
    "version": "1",
    "ethnicity_code": "",
    **dict.fromkeys(IDENTITY_TEXT_FIELDS, ""),
    "interpreter_needed": "",
    "interpreter_language": "",
    "interpreter_dialect": "",
    "plan_language": "",
    "plan_format_other": "",
}


@pytest.fixture
def worker(signed_in, make_case, app):
    """The allocated social worker, signed in; `.case_id`, `.child_id` and `.adult_id`."""
    client = signed_in("social_worker", team="Team A")
    client.case_id = make_case(team="Team A", social_worker_id=client.user_id)
    client.child_id = add_child(app, client.case_id)
    client.adult_id = add_adult(app, client.case_id)
    return client


def child_url(client, page="/identity") -> str:
    return f"/cases/{client.case_id}/children/{client.child_id}{page}"


def test_identity_page_explains_not_known_yet_and_warns_about_interpreters(worker):
    for url, name in (
        (child_url(worker), "Lily Jones"),
        (f"/cases/{worker.case_id}/adults/{worker.adult_id}/identity", "Dana Jones"),
    ):
        html = assert_page(worker.get(url), f"Identity, culture and language for {name}")
        text = text_of(html)
        assert "Never use a family member or a child as an interpreter." in text
        assert (
            "Not known yet is a real answer: it tells the conference what still needs to be "
            "found out."
        ) in text
        headings = [
            "Ethnicity and culture",
            "Faith",
            "Language and interpreters",
            "The written plan",
            "Nationality and immigration",
            "Support and experiences",
            "Anything else",
        ]
        assert [h for h in headings if f'<h2 class="govuk-heading-m">{h}</h2>' in html] == headings
        for _field, question, hint in IDENTITY_PROMPTS:
            assert question in text and hint in text
        assert '<option value="WBRI">White British (WBRI)</option>' in html
        assert '<option value="NOBT">Information not yet obtained (NOBT)</option>' in html
        assert '<option value="" selected>Select</option>' in html


def test_every_answer_is_saved_and_audited(worker, app):
    answers = {
        **BLANK,
        "ethnicity_code": "BAFR",
        **{field: f"Answer to {field}" for field in IDENTITY_TEXT_FIELDS},
        "interpreter_needed": "yes",
        "interpreter_language": "Tigrinya",
        "interpreter_dialect": "Asmara",
        "interpreter_gender": "female",
        "plan_language": "Tigrinya",
        "plan_formats": ["large_print", "other"],
        "plan_format_other": "Read aloud at a home visit",
    }
    response = worker.post(child_url(worker), answers)
    assert response.headers["Location"] == child_url(worker, "")
    child = get(app, Child, worker.child_id)
    for field in IDENTITY_TEXT_FIELDS:
        assert getattr(child, field) == f"Answer to {field}"
    assert (
        child.ethnicity_code,
        child.interpreter_needed,
        child.interpreter_language,
        child.interpreter_dialect,
        child.interpreter_gender,
        child.plan_language,
        child.plan_formats,
        child.plan_format_other,
        child.identity_not_known,
        child.version,
    ) == (
        "BAFR",
        "yes",
        "Tigrinya",
        "Asmara",
        "female",
        "Tigrinya",
        ["large_print", "other"],
        "Read aloud at a home visit",
        [],
        2,
    )
    [updated] = events(app, "update")
    assert (updated.record_type, updated.case_id) == ("child", worker.case_id)
    assert updated.changes["ethnicity_code"] == [None, "BAFR"]
    assert updated.changes["religion"] == ["", "Answer to religion"]
    text = text_of(worker.get(child_url(worker, "")).get_data(as_text=True))
    assert "Ethnicity (statutory code) Black African (BAFR)" in text
    assert "Interpreter needed Yes: Tigrinya, Asmara dialect, female interpreter" in text
    assert "Written plan Tigrinya, Large print, Read aloud at a home visit" in text


def test_not_known_yet_is_stored_apart_from_a_blank_and_shown_as_such(worker, app):
    answers = {**BLANK, "religion_not_known": "y", "nationality_not_known": "y"}
    worker.post(child_url(worker), answers)
    child = get(app, Child, worker.child_id)
    assert child.identity_not_known == ["religion", "nationality"]
    assert (child.religion, child.faith_practices) == ("", "")
    html = worker.get(child_url(worker, "")).get_data(as_text=True)
    text = text_of(html)
    assert "Religion or faith Not known yet" in text
    assert "Nationality Not known yet" in text
    assert "Faith or cultural practices that matter day to day Not recorded" in text
    assert "2 not known yet" in text
    form = worker.get(child_url(worker)).get_data(as_text=True)
    assert form.count("checked") == 2  # the two "Not known yet" boxes, ticked again


def test_an_answer_and_not_known_yet_together_are_refused(worker, app):
    answers = {**BLANK, "religion": "Orthodox Christian", "religion_not_known": "y"}
    html = assert_page(
        worker.post(child_url(worker), answers), "Identity, culture and language for Lily Jones"
    )
    assert error_messages(html) == ["Clear the answer or untick ‘Not known yet’"]
    assert "Orthodox Christian" in html
    assert get(app, Child, worker.child_id).version == 1
    assert count(app, AuditEvent, action="update") == 0


@pytest.mark.parametrize(
    ("changes", "messages"),
    [
        ({"interpreter_needed": "yes"}, ["Enter the language the interpreter must speak"]),
        ({"plan_formats": ["other"]}, ["Enter the other format the plan must be in"]),
        ({"ethnicity_code": "XXXX"}, ["Not a valid choice."]),
    ],
)
def test_incomplete_answers_are_explained(worker, app, changes, messages):
    html = worker.post(child_url(worker), {**BLANK, **changes}).get_data(as_text=True)
    assert error_messages(html) == messages
    assert get(app, Child, worker.child_id).version == 1


def test_interpreter_details_are_dropped_when_none_is_needed(worker, app):
    answers = {
        **BLANK,
        "interpreter_needed": "no",
        "interpreter_language": "Polish",
        "interpreter_gender": "male",
        "plan_formats": ["standard"],
        "plan_format_other": "Braille",
    }
    worker.post(child_url(worker), answers)
    child = get(app, Child, worker.child_id)
    assert (child.interpreter_needed, child.interpreter_language, child.interpreter_gender) == (
        "no",
        "",
        None,
    )
    assert (child.plan_formats, child.plan_format_other) == (["standard"], "")


def test_adult_identity_is_saved(worker, app):
    url = f"/cases/{worker.case_id}/adults/{worker.adult_id}/identity"
    answers = {**BLANK, "ethnicity_code": "NOBT", "first_language_not_known": "y"}
    assert worker.post(url, answers).headers["Location"] == f"/cases/{worker.case_id}"
    adult = get(app, Adult, worker.adult_id)
    assert (adult.ethnicity_code, adult.identity_not_known) == ("NOBT", ["first_language"])
    [updated] = events(app, "update")
    assert (updated.record_type, updated.case_id) == ("adult", worker.case_id)


def test_stale_identity_save_keeps_what_was_typed(worker, app):
    worker.post(child_url(worker), {**BLANK, "religion": "Muslim"})  # someone else saves first
    html = worker.post(child_url(worker), {**BLANK, "religion": "Sunni Muslim"}).get_data(
        as_text=True
    )
    assert "Someone else changed this record while you were editing it" in html
    assert "Religion or faith Muslim Sunni Muslim" in text_of(html)
    assert "Sunni Muslim</textarea>" in html
    assert 'name="version" type="hidden" value="2"' in html
    assert get(app, Child, worker.child_id).religion == "Muslim"
