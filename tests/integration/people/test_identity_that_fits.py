"""The identity page asks the questions that fit the person (domain/identity.py prompts_for):
the rest are folded away, never left out, so an answer already given is kept and shown."""

from pages import select, text
from records import add_child, get

from conference.domain.identity import IDENTITY_TEXT_FIELDS
from conference.models import Child

BLANK = {
    "version": "1",
    "ethnicity_code": "NOBT",
    **dict.fromkeys(IDENTITY_TEXT_FIELDS, ""),
    "interpreter_needed": "",
    "interpreter_language": "",
    "interpreter_dialect": "",
    "plan_language": "",
    "plan_format_other": "",
}


def folded_fields(html: str) -> list[str]:
    """The names of the text boxes inside the folded "More questions"."""
    return [
        box.get("name")
        for details in select(html, "details.govuk-details")
        for box in select(details, "textarea") + select(details, "input")
        if box.get("type") != "checkbox"
    ]


def test_an_unborn_baby_is_asked_only_what_fits_with_the_rest_folded(signed_in, make_case, app):
    client = signed_in("manager", team="Team A")
    case_id = make_case(team="Team A")
    child_id = add_child(app, case_id, "Bump", "LC-1", date_of_birth=None)

    html = client.get(f"/cases/{case_id}/children/{child_id}/identity").get_data(as_text=True)

    assert sorted(folded_fields(html)) == sorted(set(IDENTITY_TEXT_FIELDS) - {"identity_notes"})
    summaries = [text(s).replace(" :", ":") for s in select(html, "details summary")]
    assert summaries[0] == "More questions, which may not apply to Bump: ethnicity and culture"
    assert not any(d.get("open") is not None for d in select(html, "details.govuk-details"))
    assert select(html, 'textarea[name="identity_notes"]')  # asked, not folded


def test_an_answer_given_to_a_folded_question_is_shown_and_kept(signed_in, make_case, app):
    client = signed_in("manager", team="Team A")
    case_id = make_case(team="Team A")
    child_id = add_child(app, case_id, "Bump", "LC-1", date_of_birth=None, dialect="Oyo")
    url = f"/cases/{case_id}/children/{child_id}/identity"

    html = client.get(url).get_data(as_text=True)
    [opened] = [d for d in select(html, "details.govuk-details") if d.get("open") is not None]
    [dialect] = select(opened, 'input[name="dialect"]')
    assert dialect.get("value") == "Oyo"

    response = client.post(url, {**BLANK, "dialect": "Oyo", "identity_notes": "Named by Kemi"})
    assert response.status_code == 302
    child = get(app, Child, child_id)
    assert (child.dialect, child.identity_notes) == ("Oyo", "Named by Kemi")
