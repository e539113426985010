"""The case page's "What happens next": what is due by the statutory timescales first, overdue
first (as My work works it out), then the rest; identity questions that fit each person."""

from datetime import date, datetime

import pytest
from helpers import PASSWORD, Client, sign_in
from pages import select, text, texts
from records import add_adult, add_child

from conference.common.templating import long_date
from conference.domain import clock, timescales
from conference.extensions import db
from conference.models import Case, Conference

TODAY = clock.today()


@pytest.fixture
def demo(app, monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", PASSWORD)
    result = app.test_cli_runner().invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        case = db.session.query(Case).filter_by(reference="DEMO-0001").one()
        review = db.session.query(Conference).filter_by(case_id=case.id, conference_type="review")
        return {"case_id": case.id, "review_on": review.one().held_on}


def case_page(app, email, case_id) -> str:
    client = Client(app.test_client())
    assert sign_in(client, email, PASSWORD).status_code == 302
    response = client.get(f"/cases/{case_id}")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def due_rows(html: str) -> list[str]:
    return texts(html, "table#due tbody tr")


def _date_of(row) -> date:
    """The date in a row's date cell: "Due by 8 October 2026", "Booked for …"."""
    cell = text(select(row, "td")[1])
    return datetime.strptime(" ".join(cell.split()[-3:]), "%d %B %Y").date()


def test_the_statutory_items_come_first_overdue_first_then_the_rest(app, demo):
    html = case_page(app, "socialworker@demo.example", demo["case_id"])

    rows = due_rows(html)
    whats = [text(select(row, "a")[0]) for row in select(html, "table#due tbody tr")]
    assert set(whats) >= {
        "Visit to Tolu Adebayo",
        "Report for the review child protection conference",
        "Review child protection conference",
        "Core group",
    }
    assert rows[0].startswith("Visit to Tolu Adebayo")
    assert "Overdue" in rows[0]
    on = [_date_of(row) for row in select(html, "table#due tbody tr")]
    assert on == sorted(on)
    review = next(row for row in rows if row.startswith("Review child protection conference"))
    assert f"Booked for {long_date(demo['review_on'])}" in review
    report_due = timescales.reports_to_parents_due(
        demo["review_on"], "review", timescales.default_calendar()
    )
    report = next(row for row in rows if row.startswith("Report for the review"))
    assert f"Due by {long_date(report_due)}" in report
    # The statutory table comes before the other steps (the identity questions).
    assert html.index('id="due"') < html.index('id="next-steps"')
    assert "Ask about Tolu’s identity" in text(select(html, "ul#next-steps")[0])


def test_each_statutory_item_is_listed_once(app, demo):
    rows = due_rows(case_page(app, "socialworker@demo.example", demo["case_id"]))
    assert len(rows) == len(set(rows))
    assert sum(row.startswith("Review child protection conference") for row in rows) == 1


def test_a_practitioner_sees_what_is_due_on_a_case_whose_core_group_they_are_in(app, demo):
    rows = due_rows(case_page(app, "practitioner@demo.example", demo["case_id"]))
    assert any(row.startswith("Visit to Tolu Adebayo") for row in rows)


def test_the_identity_questions_fit_the_person(app, signed_in, make_case):
    """An unborn baby is asked the ethnicity and how the plan keeps them connected to their
    heritage; a 3-year-old not what only they could say; an adult everything."""
    client = signed_in("manager", team="Team A")
    case_id = make_case(team="Team A")
    add_child(app, case_id, "Bump", "LC-1", date_of_birth=None)
    toddler_born = date(TODAY.year - 3, 1, 1)
    add_child(app, case_id, "Toddler", "LC-2", date_of_birth=toddler_born)
    add_adult(app, case_id, "Dana")

    html = client.get(f"/cases/{case_id}").get_data(as_text=True)

    steps = texts(html, "ul#next-steps li")
    assert "Ask about Bump’s identity: 2 questions not recorded yet." in steps
    assert "Ask about Toddler’s identity: 9 questions not recorded yet." in steps
    assert "Ask about Dana’s identity: 13 questions not recorded yet." in steps
    assert "0 answered, 0 not known yet, 2 not recorded" in html  # the baby's card agrees


def test_an_answer_already_given_still_counts_though_the_question_does_not_fit(
    app, signed_in, make_case
):
    client = signed_in("manager", team="Team A")
    case_id = make_case(team="Team A")
    add_child(app, case_id, "Bump", "LC-1", date_of_birth=None, first_language="Yoruba")

    html = client.get(f"/cases/{case_id}").get_data(as_text=True)

    assert "1 answered, 0 not known yet, 2 not recorded" in html


def test_a_new_case_has_no_statutory_items_and_says_what_to_add(signed_in, make_case):
    client = signed_in("manager", team="Team A")
    case_id = make_case(team="Team A")

    html = client.get(f"/cases/{case_id}").get_data(as_text=True)

    assert not select(html, "table#due")
    assert "Add the children in the family." in texts(html, "ul#next-steps li")
