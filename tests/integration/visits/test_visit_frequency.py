"""The plan's visit frequency: set where the plan's details are changed, with the council's
setting as the default; 1 to 40 working days."""

import pytest
from helpers import Client, sign_in
from pages import assert_page, error_messages, error_summary, select, text_of

from conference.extensions import db
from conference.models import Plan

LABEL = "How often the social worker visits each child (working days) (optional)"


def as_worker(app) -> Client:
    client = Client(app.test_client())
    assert sign_in(client, "worker@example.org").status_code == 302
    return client


def plan_of(app, family) -> Plan:
    with app.app_context():
        return db.session.query(Plan).filter_by(case_id=family["case_id"]).one()


def test_the_form_shows_the_councils_setting_and_saves_the_plans_own(app, family):
    plan = plan_of(app, family)
    client = as_worker(app)
    url = f"/plans/{plan.id}/edit"
    html = assert_page(client.get(url), "Change the plan’s details")
    assert LABEL in text_of(html)
    assert "Leave blank to use the council’s setting: every 10 working days" in text_of(html)

    response = client.post(url, {"visit_interval_working_days": " 15 ", "version": "1"})

    assert response.status_code == 302
    assert plan_of(app, family).visit_interval_working_days == 15
    html = client.get(url).get_data(as_text=True)
    assert select(html, 'input[name="visit_interval_working_days"][value="15"]')
    client.post(url, {"visit_interval_working_days": "", "version": "2"})
    assert plan_of(app, family).visit_interval_working_days is None


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("0", "How often the social worker visits must be between 1 and 40 working days"),
        ("41", "How often the social worker visits must be between 1 and 40 working days"),
        (
            "ten",
            "Enter how often the social worker visits as a whole number of working days, like 10",
        ),
        (
            "2.5",
            "Enter how often the social worker visits as a whole number of working days, like 10",
        ),
    ],
)
def test_a_frequency_out_of_bounds_is_explained_and_nothing_changes(app, family, typed, message):
    plan = plan_of(app, family)
    client = as_worker(app)
    data = {
        "visit_interval_working_days": typed,
        "child_seen": "Mia alone at school",
        "version": "1",
    }

    response = client.post(f"/plans/{plan.id}/edit", data)

    html = assert_page(response, "Change the plan’s details")
    assert error_summary(html) == [message]
    assert error_messages(html) == [message]
    assert select(html, f'input[name="visit_interval_working_days"][value="{typed}"]')
    assert "Mia alone at school" in html
    saved = plan_of(app, family)
    assert (saved.visit_interval_working_days, saved.child_seen, saved.version) == (None, "", 1)
