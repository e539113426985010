"""My work a page at a time (issue 22): a team manager reads how many items of each kind and of
each worker's cases there are, then the items, overdue first, a page at a time; the filters (a
kind, a worker, overdue only) are ids and kinds in the address, never names, and anything else
there is ignored; each view is audited; a short list is shown whole, as before."""

from datetime import date
from types import SimpleNamespace

import pytest
from helpers import PASSWORD, Client, count, sign_in
from pages import assert_page, links, texts, title
from pages import section_rows as rows
from records import add_child, add_enquiry
from sqlalchemy import select

from conference.extensions import db
from conference.models import AuditEvent, Case, Oversight, OversightAction, User
from conference.services.my_work import items as services
from conference.services.my_work import page
from conference.services.my_work.entries import Urgency

URL = "/my-work/"
# A Wednesday with no bank holiday near it.
BUILT_TODAY = date(2026, 10, 14)


def signed_in_as(app, email) -> Client:
    client = Client(app.test_client())
    assert sign_in(client, email, PASSWORD).status_code == 302, email
    return client


def _enquiring(app, make_case, worker: int | None, reference: str, started: str) -> None:
    """A case whose initial conference is to book: 15 working days after `started`."""
    case_id = make_case(social_worker_id=worker, reference=reference, status="section_47")
    child = add_child(app, case_id, local_child_id=f"C-{reference}")
    add_enquiry(app, child, date.fromisoformat(started))


@pytest.fixture
def team(app, make_user, make_case, monkeypatch):
    """Team A's manager and two social workers, four conferences to book: overdue on Ada's
    case and on Ben's, due soon on Ben's, due later on Ada's; three items a page."""
    monkeypatch.setattr(services, "today", lambda: BUILT_TODAY)
    monkeypatch.setattr(page, "PER_PAGE", 3)
    make_user("manager", email="manager@example.org", team="Team A")
    ada = make_user("social_worker", email="ada@example.org", name="Ada Worker", team="Team A")
    ben = make_user("social_worker", email="ben@example.org", name="Ben Worker", team="Team A")
    other = make_user("social_worker", email="olu@example.org", name="Olu Other", team="Team B")
    for worker, reference, started in (
        (ada, "LATE-A", "2026-09-11"),  # due 2 October
        (ada, "LATER-A", "2026-10-14"),  # due 4 November
        (ben, "LATE-B", "2026-09-10"),  # due 1 October
        (ben, "SOON-B", "2026-09-25"),  # due 16 October
    ):
        _enquiring(app, make_case, worker, reference, started)
    return {"ada": ada, "ben": ben, "other": other}


def _references(html: str) -> list[str]:
    return [row.split()[0] for row in rows(html, "conferences")]


def test_the_manager_reads_the_counts_first_then_a_page_of_items_overdue_first(app, team):
    client = signed_in_as(app, "manager@example.org")

    html = assert_page(client.get(URL), "My work")

    kinds = texts(html, "#summary-kind tbody tr")
    assert "Conferences 2 1 4" in kinds
    assert "Review conferences to book 0 0 0" in kinds
    assert texts(html, "#summary-worker tbody tr") == ["Ada Worker 1 0 2", "Ben Worker 1 1 2"]
    assert texts(html, "#shown") == ["4 items, page 1 of 2. The most urgent come first."]
    assert _references(html) == ["LATE-B", "LATE-A", "SOON-B"]
    assert ("/my-work/?page=2", "Next page") in links(html, ".govuk-pagination__next a")

    html = assert_page(client.get(URL, query_string={"page": "2"}), "My work")
    assert _references(html) == ["LATER-A"]
    assert 'id="core-groups"' not in html  # only the kinds with rows on this page


def test_the_filters_are_ids_and_kinds_and_narrow_the_items(app, team):
    client = signed_in_as(app, "manager@example.org")
    html = client.get(URL).get_data(as_text=True)
    # The summary links to the list filtered by id and kind, never by name.
    assert (f"/my-work/?worker={team['ben']}", "Ben Worker") in links(html, "#summary-worker a")
    assert ("/my-work/?kind=conferences", "Conferences") in links(html, "#summary-kind a")

    html = client.get(URL, query_string={"worker": team["ben"]}).get_data(as_text=True)
    assert _references(html) == ["LATE-B", "SOON-B"]
    assert texts(html, "#shown") == ["2 items match the filters. The most urgent come first."]

    html = client.get(URL, query_string={"overdue": "yes"}).get_data(as_text=True)
    assert _references(html) == ["LATE-B", "LATE-A"]

    html = client.get(URL, query_string={"worker": team["ada"], "overdue": "yes"}).get_data(
        as_text=True
    )
    assert _references(html) == ["LATE-A"]

    html = client.get(URL, query_string={"kind": "reviews"}).get_data(as_text=True)
    assert "No review conference to book" in html
    assert 'id="conferences"' not in html


@pytest.mark.parametrize(
    "query",
    [{"worker": "other"}, {"worker": "Ben Worker"}, {"kind": "nonsense"}, {"page": "99"}],
)
def test_filters_that_name_nothing_on_the_page_are_ignored(app, team, query):
    if query.get("worker") == "other":
        query = {"worker": team["other"]}  # a social worker of another team
    html = signed_in_as(app, "manager@example.org").get(URL, query_string=query)
    html = html.get_data(as_text=True)
    # Every item, on the page that exists (the last).
    expected = ["LATER-A"] if "page" in query else ["LATE-B", "LATE-A", "SOON-B"]
    assert _references(html) == expected
    assert "match the filters" not in html


def test_each_view_and_each_page_is_audited(app, team):
    client = signed_in_as(app, "manager@example.org")
    for query in ({}, {"page": "2"}, {"worker": team["ada"], "overdue": "yes"}):
        assert client.get(URL, query_string=query).status_code == 200
    assert count(app, AuditEvent, record_type="my_work") == 3


def test_a_social_worker_with_a_short_list_sees_it_whole_without_a_summary(app, team):
    html = signed_in_as(app, "ben@example.org").get(URL).get_data(as_text=True)
    assert 'id="summary"' not in html
    assert "govuk-pagination" not in html
    assert _references(html) == ["LATE-B", "SOON-B"]
    # Every kind is shown, as before, with what it says when empty.
    assert "No review conference to book" in html


def _row(worker: int, band: str | None):
    case = SimpleNamespace(social_worker_id=worker)
    item = SimpleNamespace(case_work=SimpleNamespace(case=case))
    return (item, Urgency(band, "") if band else None)


def test_overdue_items_of_every_kind_come_before_the_others(monkeypatch):
    monkeypatch.setattr(page, "PER_PAGE", 3)
    first = services.Section("first", "First", [_row(1, "overdue"), _row(1, "soon")])
    second = services.Section("second", "Second", [_row(2, "overdue"), _row(2, "later")])
    third = services.Section("third", "Third", [_row(1, None)])

    shown = page.page_of([first, second, third], page.Filters())

    assert (shown.number, shown.pages, shown.total, shown.whole) == (1, 2, 5, False)
    assert [(s.key, [page.band(r) for r in s.rows]) for s in shown.sections] == [
        ("first", ["overdue", "soon"]),
        ("second", ["overdue"]),
    ]
    later = page.page_of([first, second, third], page.Filters(page=2))
    assert [(s.key, [page.band(r) for r in s.rows]) for s in later.sections] == [
        ("second", ["later"]),
        ("third", [None]),
    ]
    assert [(t.key, t.overdue, t.soon, t.total) for t in page.kinds([first, second, third])] == [
        ("first", 1, 1, 2),
        ("second", 1, 0, 2),
        ("third", 0, 0, 1),
    ]


def test_on_a_long_list_what_is_due_soon_comes_before_what_is_due_later(app, team):
    """Whatever its kind: an action due in two days (a later kind than conferences) comes before a
    conference due in three weeks, and its kind's heading first on the page; the page's title
    says which page it is."""
    with app.app_context():
        manager = db.session.scalars(select(User).where(User.email == "manager@example.org")).one()
        case_id = db.session.scalars(select(Case.id).where(Case.reference == "LATER-A")).one()
        oversight = Oversight(case_id=case_id, held_on=BUILT_TODAY, manager_id=manager.id)
        oversight.actions.append(
            OversightAction(
                description="Ring the school about attendance",
                owner_id=manager.id,
                due_on=date(2026, 10, 16),  # in 2 working days
            )
        )
        db.session.add(oversight)
        db.session.commit()
    client = signed_in_as(app, "manager@example.org")

    html = assert_page(client.get(URL, query_string={"page": "2"}), "My work")

    assert texts(html, "main h2")[-2:] == ["Actions from management oversight", "Conferences"]
    assert rows(html, "oversight")[0].startswith("LATER-A")
    assert _references(html) == ["LATER-A"]
    assert title(html).startswith("My work – page 2 of 2 – ")
