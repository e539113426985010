"""The published comparators (England, statistical neighbours) an administrator enters for the
dashboard: added, changed and removed with GOV.UK errors for bad input (nothing saved), every
change audited; nobody else may enter them."""

import pytest
from pages import assert_page, error_messages, error_summary, links, texts
from sqlalchemy import select

from conference.domain import clock
from conference.extensions import db
from conference.models import AuditEvent, Comparator, Role

NEW = "/admin/comparators/new"
# The financial year (April to March) under way: the latest a published figure can be for.
_BEGAN = clock.today().year - (clock.today().month < 4)
THIS_YEAR = f"{_BEGAN}-{(_BEGAN + 1) % 100:02d}"
GOOD = {
    "figure": "twilight",
    "comparison": "statistical_neighbours",
    "neighbour_group": "North West",
    "year": "2024-25",
    "value": "12.5",
    "source": "LAIT",
    "source_url": "https://www.gov.uk/lait",
    "version": "1",
}


@pytest.fixture
def admin(signed_in):
    return signed_in(Role.ADMIN)


def stored(app) -> list[tuple]:
    with app.app_context():
        return [
            (c.figure, c.comparison, c.neighbour_group, c.year, c.value, c.source, c.source_url)
            for c in db.session.scalars(select(Comparator).order_by(Comparator.id))
        ]


def audited(app) -> list[tuple]:
    with app.app_context():
        events = db.session.scalars(
            select(AuditEvent)
            .where(AuditEvent.record_type == "dashboard_comparator")
            .order_by(AuditEvent.id)
        )
        return [(e.action, e.changes) for e in events]


def the_id(app) -> int:
    with app.app_context():
        return db.session.scalar(select(Comparator.id))


def test_a_comparator_is_added_listed_and_audited(admin, app):
    assert_page(admin.get(NEW), "Add a comparator")
    response = admin.post(NEW, GOOD)
    assert response.status_code == 302
    assert response.headers["Location"] == "/admin/comparators"
    assert stored(app) == [
        ("twilight", "statistical_neighbours", "North West", "2024-25", 12.5, "LAIT",
         "https://www.gov.uk/lait"),
    ]  # fmt: skip
    [(action, changes)] = audited(app)
    assert action == "create"
    assert changes["year"] == [None, "2024-25"]
    html = assert_page(admin.get("/admin/comparators"), "Comparators")
    assert texts(html, "tr[data-comparator] td")[:4] == [
        "Statistical neighbours (North West)",
        "2024-25",
        "12.5%",
        "LAIT",
    ]
    assert ("/admin/comparators", "Comparators") in links(html, ".govuk-service-navigation a")


def test_england_needs_no_group(admin, app):
    admin.post(NEW, {**GOOD, "comparison": "england", "neighbour_group": "", "source_url": ""})
    assert stored(app)[0][1:4] == ("england", "", "2024-25")


def test_a_comparator_is_changed_and_the_change_audited(admin, app):
    admin.post(NEW, GOOD)
    url = f"/admin/comparators/{the_id(app)}"
    assert 'value="12.5"' in admin.get(url).get_data(as_text=True)
    response = admin.post(url, {**GOOD, "value": "13", "year": "2023-24"})
    assert response.status_code == 302
    assert stored(app)[0][3:5] == ("2023-24", 13.0)
    action, changes = audited(app)[-1]
    assert action == "update"
    assert changes["value"] == [12.5, 13.0]


def test_a_comparator_is_removed_and_the_removal_audited(admin, app):
    admin.post(NEW, GOOD)
    url = f"/admin/comparators/{the_id(app)}"
    response = admin.post(f"{url}/remove", {"version": "1"}, page=url)
    assert response.status_code == 302
    assert stored(app) == []
    action, changes = audited(app)[-1]
    assert action == "delete"
    assert changes["source"] == ["LAIT", None]


def test_a_second_value_for_the_same_year_is_refused(admin, app):
    admin.post(NEW, GOOD)
    response = admin.post(NEW, {**GOOD, "value": "20"})
    assert error_summary(response.get_data(as_text=True)) == [
        "This figure already has a value of this kind for this year: change that one instead"
    ]
    assert len(stored(app)) == 1


def test_two_administrators_entering_the_same_value_at_once_are_told_not_shown_an_error(
    admin, app, monkeypatch
):
    """The second to save, whose check ran before the first had saved, meets the database's
    unique constraint: told as if the check had found it, and nothing is changed."""
    from conference.services.dashboard import targets

    taken = "This figure already has a value of this kind for this year: change that one instead"
    admin.post(NEW, GOOD)
    admin.post(NEW, {**GOOD, "year": "2023-24", "value": "9"})
    before = stored(app)
    monkeypatch.setattr(targets, "_taken", lambda *args: False)  # the check ran too early

    response = admin.post(NEW, {**GOOD, "value": "20"})
    assert response.status_code == 200
    assert error_summary(response.get_data(as_text=True)) == [taken]
    with app.app_context():
        older = db.session.scalar(select(Comparator.id).where(Comparator.year == "2023-24"))
    response = admin.post(f"/admin/comparators/{older}", {**GOOD, "value": "9"})
    assert response.status_code == 200
    assert error_summary(response.get_data(as_text=True)) == [taken]
    assert stored(app) == before


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"figure": ""}, "Select a figure from the list"),
        ({"figure": "no-such-figure"}, "Select a figure from the list"),
        ({"comparison": ""}, "Select England or statistical neighbours"),
        (
            {"comparison": "england"},
            "Leave the group blank for England, or select statistical neighbours",
        ),
        ({"year": ""}, "Enter the year"),
        ({"year": "2024"}, "Enter the year like 2024-25"),
        ({"year": "2024-26"}, "Enter the year like 2024-25"),
        ({"value": ""}, "Enter the value"),
        ({"value": "a lot"}, "Enter the value as a number, like 85.5"),
        ({"value": "12,5"}, "Enter the value as a number, like 85.5"),  # not 125
        ({"value": "12.55"}, "Enter the value with up to one decimal place, like 85.5"),
        ({"year": "2090-91"}, f"The year must be {THIS_YEAR} or earlier"),
        ({"figure": "on-plan"}, "Select a figure from the list"),
        ({"value": "120"}, "The value must be between 0% and 100%"),
        ({"source": ""}, "Enter the source"),
        (
            {"source_url": "javascript:alert(1)"},
            "Enter a web address starting https://, like https://www.gov.uk",
        ),
        ({"source": "x" * 201}, "The source must be 200 characters or fewer"),
    ],
)
def test_bad_comparators_are_explained_and_nothing_is_saved(admin, app, changes, message):
    response = admin.post(NEW, {**GOOD, **changes})
    html = response.get_data(as_text=True)
    assert error_summary(html) == [message]
    assert error_messages(html) == [message]
    assert stored(app) == []
    assert audited(app) == []


def test_only_percentages_are_offered_and_the_form_says_why(admin):
    html = assert_page(admin.get(NEW), "Add a comparator")
    assert "Children on a child protection plan" not in texts(html, "select#figure option")
    assert "Twilight conferences" in texts(html, "select#figure option")
    assert texts(html, "#figure-hint") == [
        "Only the figures that are percentages: England’s number of children on a plan says "
        "nothing about one council’s"
    ]


def test_this_years_figures_may_be_entered(admin, app):
    admin.post(NEW, {**GOOD, "year": THIS_YEAR})
    assert stored(app)[0][3] == THIS_YEAR


@pytest.mark.parametrize(
    ("role", "team"), [(Role.MANAGER, None), (Role.MANAGER, "Team A"), (Role.CHAIR, None)]
)
def test_nobody_but_an_administrator_may_enter_comparators(signed_in, app, role, team):
    client = signed_in(role, team=team)
    assert client.get("/admin/comparators").status_code == 403
    assert client.get(NEW).status_code == 403
    token = client.csrf_token("/")
    assert client.post(NEW, {**GOOD, "csrf_token": token}).status_code == 403
    assert stored(app) == []
