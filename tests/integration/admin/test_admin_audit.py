"""Administrators search the audit trail, without ever seeing the case content it records."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from helpers import count
from pages import assert_page, error_messages, text_of, texts

from conference.extensions import db
from conference.models import AuditEvent


def _event(app, occurred_at, user_id=None, action="view", **fields) -> None:
    with app.app_context():
        db.session.add(
            AuditEvent(occurred_at=occurred_at, user_id=user_id, action=action, **fields)
        )
        db.session.commit()


def _rows(html) -> list[str]:
    return texts(html, "tbody.govuk-table__body tr")


def _dates(prefix, day, month, year) -> dict:
    return {prefix: [str(day), str(month), str(year)]}


@pytest.mark.parametrize("role", ["manager", "chair", "social_worker", "practitioner"])
def test_only_admins_reach_the_audit_trail(signed_in, role):
    client = signed_in(role)
    assert_page(
        client.get("/admin/audit"), "You do not have permission to see this page", status=403
    )


def test_events_are_listed_newest_first_in_london_time(signed_in, app, make_user):
    client = signed_in("admin")
    chair_id = make_user("chair", name="Chris Chair")
    _event(
        app,
        datetime(2026, 7, 1, 12, 5, tzinfo=UTC),
        chair_id,
        record_type="family_case",
        record_id="12",
        case_id=12,
        ip_address="192.0.2.7",
    )
    _event(app, datetime(2026, 11, 2, 13, 47, tzinfo=UTC), action="sign-in failed")
    html = assert_page(client.get("/admin/audit"), "Audit trail")
    assert "3 events, newest first" in text_of(html)
    assert _rows(html)[1:] == [
        "2 November 2026, 1:47pm Command line sign-in failed",
        "1 July 2026, 1:05pm Chris Chair view family_case 12 12 192.0.2.7",
    ]
    signing_in = f"Test Administrator sign-in user_account {client.user_id} 127.0.0.1"
    assert _rows(html)[0].endswith(signing_in)


def test_changes_are_never_shown(signed_in, app):
    client = signed_in("admin")
    _event(
        app,
        datetime(2026, 11, 1, 9, tzinfo=UTC),
        record_type="family_case",
        record_id="3",
        case_id=3,
        changes={"worry_statement": [None, "Zebedee's bruises were unexplained"]},
    )
    html = client.get("/admin/audit").get_data(as_text=True)
    assert "family_case 3" in text_of(html)
    assert "Zebedee" not in html
    assert "worry_statement" not in html


def test_search_by_user(signed_in, app, make_user):
    client = signed_in("admin")
    chair_id = make_user("chair", name="Chris Chair", email="chair@example.org")
    worker_id = make_user("social_worker", name="Sam Worker")
    _event(app, datetime(2026, 10, 1, 9, tzinfo=UTC), chair_id, record_id="1")
    _event(app, datetime(2026, 10, 2, 9, tzinfo=UTC), worker_id, record_id="2")
    html = client.get("/admin/audit").get_data(as_text=True)
    assert f'<option value="{chair_id}">Chris Chair (chair@example.org)</option>' in html
    html = client.get("/admin/audit", query_string={"user_id": chair_id}).get_data(as_text=True)
    assert _rows(html) == ["1 October 2026, 10am Chris Chair view 1"]
    assert f'<option value="{chair_id}" selected>' in html


def test_search_by_dates_uses_days_in_london(signed_in, app):
    client = signed_in("admin")
    _event(app, datetime(2026, 7, 30, 22, 59, tzinfo=UTC), record_id="before")  # 23:59 BST
    _event(app, datetime(2026, 7, 30, 23, 0, tzinfo=UTC), record_id="first")  # 31 July BST
    _event(app, datetime(2026, 8, 1, 22, 59, tzinfo=UTC), record_id="last")  # 23:59 BST
    _event(app, datetime(2026, 8, 1, 23, 0, tzinfo=UTC), record_id="after")  # 2 August BST
    search = _dates("date_from", 31, 7, 2026) | _dates("date_to", 1, 8, 2026)
    html = assert_page(client.get("/admin/audit", query_string=search), "Audit trail")
    assert _rows(html) == [
        "1 August 2026, 11:59pm Command line view last",
        "31 July 2026, midnight Command line view first",
    ]
    assert 'name="date_from" type="text" value="31"' in html


def test_search_from_a_date_only_or_to_a_date_only(signed_in, app):
    client = signed_in("admin")
    _event(app, datetime(2026, 1, 10, 9, tzinfo=UTC), record_id="january")
    _event(app, datetime(2026, 3, 10, 9, tzinfo=UTC), record_id="march")
    to_february = client.get("/admin/audit", query_string=_dates("date_to", 28, 2, 2026))
    assert [row.split()[-1] for row in _rows(to_february.get_data(as_text=True))] == ["january"]
    from_february = client.get("/admin/audit", query_string=_dates("date_from", 1, 2, 2026))
    assert [row.split()[-1] for row in _rows(from_february.get_data(as_text=True))][-1] == "march"
    assert "january" not in from_february.get_data(as_text=True)


@pytest.mark.parametrize(
    ("search", "message"),
    [
        (
            _dates("date_from", 2, 10, 2026) | _dates("date_to", 1, 10, 2026),
            "Date to must be the same as or after date from",
        ),
        (_dates("date_from", 31, 2, 2026), "Date from must be a real date"),
        (_dates("date_to", "", 2, 2026), "Date to must include a day"),
        ({"user_id": "999999"}, "Not a valid choice."),
    ],
)
def test_bad_search_is_explained(signed_in, app, search, message):
    client = signed_in("admin")
    _event(app, datetime(2026, 10, 1, 9, tzinfo=UTC))
    html = assert_page(client.get("/admin/audit", query_string=search), "Audit trail")
    assert error_messages(html) == [message]
    assert _rows(html) == []


def test_results_come_50_to_a_page(signed_in, app):
    client = signed_in("admin")  # signing in is the newest event
    start = datetime(2026, 1, 1, 9, tzinfo=UTC)
    for number in range(60):
        _event(app, start + timedelta(hours=number), record_id=f"event-{number}")
    first = client.get("/admin/audit").get_data(as_text=True)
    assert len(_rows(first)) == 50
    assert "61 events, newest first (showing 1 to 50)" in text_of(first)
    assert 'href="/admin/audit?page=2"' in first
    second = client.get("/admin/audit?page=2").get_data(as_text=True)
    assert [row.split()[-1] for row in _rows(second)] == [f"event-{n}" for n in range(10, -1, -1)]
    assert re.search(r'href="/admin/audit\?page=2" aria-label="Page 2" aria-current="page"', second)
    assert 'href="/admin/audit?page=1"' in second
    assert_page(client.get("/admin/audit?page=3"), "Page not found", status=404)


def test_pagination_keeps_the_search(signed_in, app, make_user):
    client = signed_in("admin")
    chair_id = make_user("chair")
    start = datetime(2026, 1, 1, 9, tzinfo=UTC)
    for number in range(51):
        _event(app, start + timedelta(hours=number), chair_id)
    html = client.get("/admin/audit", query_string={"user_id": chair_id}).get_data(as_text=True)
    assert f'href="/admin/audit?user_id={chair_id}&amp;page=2"' in html


def test_searching_is_not_audited(signed_in, app):
    client = signed_in("admin")
    before = count(app, AuditEvent)
    client.get("/admin/audit")
    client.get("/admin/audit?page=1")
    assert count(app, AuditEvent) == before


def test_the_menu_leads_an_administrator_to_the_audit_trail(signed_in):
    client = signed_in("admin")
    menu = texts(
        client.get("/admin/users").get_data(as_text=True), ".govuk-service-navigation__item a"
    )
    assert menu == ["Home", "Users", "Teams", "Comparators", "Contacts", "Audit trail"]
    html = client.get("/admin/audit").get_data(as_text=True)
    assert texts(html, ".govuk-service-navigation__item--active a") == ["Audit trail"]
