"""Each demo user's My work lists only what they may act on (services/access.py and the checks
of the page each item links to), and each item once."""

import pytest
from core_group_demo import seed, signed_in_as
from pages import links, select, texts

from conference.extensions import db
from conference.models import Case, Plan
from conference.services.my_work.items import findings_count

URL = "/my-work/"
KEYS = (
    "conferences",
    "core-groups",
    "core-group-records",
    "actions",
    "visits",
    "reports",
    "oversight",
    "reviews",
    "plans-to-finalise",
    "plans",
    "audio",
)
# The demo family (DEMO-0001): a review booked, its report due, visits due, oversight actions
# for the social worker, the review's draft plan with checks to put right, and the audio copy
# of the agreed plan the mother asked for (the social worker and the manager have it made).
LISTED = {
    "socialworker": {
        "conferences",
        "core-groups",
        "visits",
        "reports",
        "oversight",
        "plans",
        "audio",
    },
    "manager": {
        "conferences",
        "core-groups",
        "visits",
        "reports",
        "oversight",
        "plans",
        "audio",
    },
    # The chair records the conference, may share the report (report_shared) and finalises
    # the plan; she neither visits nor answers for oversight actions.
    "chair": {"conferences", "core-groups", "reports", "plans"},
    # The school nurse goes to the review and records her agency's part at core groups; she
    # neither writes the report nor changes the plan.
    "practitioner": {"conferences", "core-groups", "actions"},
    # The head of service reads every case and has a part in none of the demo's.
    "headofservice": set(),
}


@pytest.fixture
def demo(app, monkeypatch):
    seed(app, monkeypatch)


def listed(html: str) -> dict[str, list[str]]:
    """Each section's rows, by the section's key."""
    found = {}
    for key in KEYS:
        if f'id="{key}"' not in html:
            continue
        start = html.index(f'id="{key}"')
        end = html.find("<h2", start)
        found[key] = texts(html[start : end if end != -1 else len(html)], "tbody tr")
    return found


@pytest.mark.parametrize("who", sorted(LISTED))
def test_each_user_is_listed_only_what_they_may_act_on(app, demo, who):
    html = signed_in_as(app, f"{who}@demo.example").get(URL).get_data(as_text=True)

    sections = listed(html)
    assert {key for key, rows in sections.items() if rows} == LISTED[who]
    every = [row for rows in sections.values() for row in rows]
    assert len(every) == len(set(every))


@pytest.mark.parametrize("who", sorted(LISTED))
def test_each_item_leads_to_a_page_the_user_may_open(app, demo, who):
    client = signed_in_as(app, f"{who}@demo.example")
    html = client.get(URL).get_data(as_text=True)

    for row in select(html, "main tbody tr"):
        for href, _text in links(row):
            assert client.get(href).status_code == 200, (who, href)


def test_the_practitioner_is_told_of_the_review_to_come_and_nothing_to_write_or_finalise(app, demo):
    html = signed_in_as(app, "practitioner@demo.example").get(URL).get_data(as_text=True)

    [conference] = listed(html)["conferences"]
    assert "Review child protection conference" in conference and "Booked for" in conference
    for not_hers in ("Report for the", "Plan version", "record not finalised", "not booked yet"):
        assert not_hers not in html


def test_the_minute_taker_sees_only_the_conferences_she_minutes(app, demo):
    html = signed_in_as(app, "minutetaker@demo.example").get(URL).get_data(as_text=True)

    rows = texts(html, "main tbody tr")
    assert len(rows) == 1 and rows[0].startswith("Review child protection conference")
    for not_hers in ("Report for the", "Plan version", "Core group", "Finish recording"):
        assert not_hers not in html


def test_administrators_have_no_my_work(app, demo):
    assert signed_in_as(app, "admin@demo.example").get(URL).status_code == 403


def test_a_plan_left_in_draft_is_listed_once_though_it_has_checks_to_put_right(app, demo):
    with app.app_context():
        case = db.session.query(Case).filter_by(reference="DEMO-0001").one()
        # The review's draft set aside: version 1, left in draft, is the newest.
        db.session.delete(db.session.query(Plan).filter_by(case_id=case.id, number=2).one())
        plan = db.session.query(Plan).filter_by(case_id=case.id, number=1).one()
        plan.finalised_at = None
        db.session.commit()
        assert findings_count(plan, app.config["PLAN_ACTIONS_CEILING"]) > 0

    html = signed_in_as(app, "socialworker@demo.example").get(URL).get_data(as_text=True)

    sections = listed(html)
    [row] = sections["plans-to-finalise"]
    assert row.startswith("DEMO-0001 Adebayo family Plan version 1: not finalised")
    assert sections["plans"] == []


@pytest.mark.parametrize(
    ("email", "caption"),
    [
        ("practitioner@demo.example", "Priya Practitioner, School Nursing Service"),
        ("socialworker@demo.example", "Sam Social-Worker, Social worker"),
    ],
)
def test_my_work_names_who_it_is_for(app, demo, email, caption):
    html = signed_in_as(app, email).get("/my-work/").get_data(as_text=True)
    assert texts(html, ".govuk-caption-l") == [caption]


@pytest.mark.parametrize("email", ["socialworker@demo.example", "manager@demo.example"])
def test_each_table_is_named_by_its_heading_once(app, demo, email):
    """A table under a heading is named by that heading (aria-labelledby), not by a hidden
    caption repeating it: a screen reader read each heading twice."""
    html = signed_in_as(app, email).get(URL).get_data(as_text=True)
    tables = select(html, "table")
    headings = {heading.get("id"): heading for heading in select(html, "h2")}
    named = [table.get("aria-labelledby") for table in tables if table.get("aria-labelledby")]
    assert len(named) >= 3
    for key in named:
        assert key in headings
    for table in tables:
        captions = select(table, "caption")
        assert bool(captions) != bool(table.get("aria-labelledby")), "named once, not twice"
        for caption in captions:
            assert "govuk-visually-hidden" not in caption.get("class", "")
