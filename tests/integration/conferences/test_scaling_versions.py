"""Scaling scores are versioned like every other record: many people scoring at once lose no
score and count none twice; two saving the same person's scores at once, or a save based on
scores changed since, is shown the conflict with the typed score kept. The migration resolves
scores already stored twice."""

from datetime import UTC, date, datetime, time

import pytest
from at_once import at_once
from flask_migrate import upgrade
from helpers import Client, as_it_was, drop_database, empty_database, make_config, sign_in
from pages import error_messages, text_of
from sqlalchemy import MetaData, Table, column, insert, select, table, text
from sqlalchemy.exc import IntegrityError

from conference import create_app
from conference.extensions import db
from conference.models import (
    Attendee,
    AuditEvent,
    Case,
    Conference,
    ScalingRound,
    ScalingScore,
    Team,
)

CONFLICT = "Someone else changed this record while you were editing it"
PEOPLE = ["Dana Jones", "Chris Jones", "Sam Patel", "Jo Reid", "Ali Khan", "Pat Lee"]


@pytest.fixture
def scaling(app, make_user, make_conference):
    """A conference that everyone in PEOPLE attended (`.people`: attendee ids by name), and
    `.chair(n)`: the n-th chair, signed in on a browser of their own."""
    conference = make_conference()
    with app.app_context():
        rows = [
            Attendee(
                conference_id=conference.id,
                name=name,
                agency_type="family" if n < 2 else "childrens_social_care",
                is_parent=n < 2,
                attendance="attended",
                position=n,
            )
            for n, name in enumerate(PEOPLE)
        ]
        db.session.add_all(rows)
        db.session.commit()
        conference.people = {row.name: row.id for row in rows}

    def chair(n) -> Client:
        make_user("chair", email=f"chair{n}@example.org", name=f"Chair {n}")
        browser = Client(app.test_client())
        assert sign_in(browser, f"chair{n}@example.org").status_code == 302
        return browser

    conference.chair = chair
    return conference


def url(scaling, name) -> str:
    return f"/conferences/{scaling.id}/scaling/{scaling.people[name]}"


def form(browser, page, value, reason, version=None) -> dict:
    """The score form as the browser has it (with its version), filled in."""
    html = browser.get(page).get_data(as_text=True)
    found = version if version is not None else _version_on(html)
    token = browser.csrf_token(page)
    return {"score": str(value), "reason": reason, "version": found, "csrf_token": token}


def _version_on(html) -> str:
    return html.split('name="version"')[1].split('value="')[1].split('"')[0]


def stored(app) -> list[tuple]:
    with app.app_context():
        rows = db.session.scalars(select(ScalingScore).order_by(ScalingScore.id))
        return [(row.person_name, row.worry_item_id, row.value, row.reason) for row in rows]


def conflict_page(response) -> str:
    assert response.status_code == 200
    page = text_of(response.get_data(as_text=True))
    assert CONFLICT in page
    return page


def test_everyone_scoring_at_the_same_moment_keeps_every_score_once(scaling, app):
    chairs = [scaling.chair(n) for n in range(len(PEOPLE))]
    forms = [
        form(chair, url(scaling, name), n + 2, f"Reason of {name}")
        for n, (chair, name) in enumerate(zip(chairs, PEOPLE, strict=True))
    ]
    responses = at_once(
        *[
            (lambda chair=chair, name=name, data=data: chair.post(url(scaling, name), data))
            for chair, name, data in zip(chairs, PEOPLE, forms, strict=True)
        ]
    )
    assert [response.status_code for response in responses] == [302] * len(PEOPLE)
    assert sorted(stored(app)) == sorted(
        (name, None, n + 2, f"Reason of {name}") for n, name in enumerate(PEOPLE)
    )
    # Once the chair has revealed the round to the room (until then only who has scored).
    with app.app_context():
        db.session.add(ScalingRound(conference_id=scaling.id, round_key="overall"))
        db.session.commit()
    page = text_of(chairs[0].get(f"/conferences/{scaling.id}/scaling").get_data(as_text=True))
    for name in PEOPLE:
        assert f"Reason of {name}" in page


def test_two_people_giving_the_same_persons_first_score_at_once(scaling, app):
    first, second = scaling.chair(1), scaling.chair(2)
    page = url(scaling, "Dana Jones")
    mine = form(first, page, 3, "Dad still visits at night")
    theirs = form(second, page, 8, "Things are calmer")
    assert mine["version"] == theirs["version"] == "0"
    responses = at_once(lambda: first.post(page, mine), lambda: second.post(page, theirs))
    assert sorted(response.status_code for response in responses) == [200, 302]
    [(_name, _item, value, reason)] = stored(app)
    refused = next(response for response in responses if response.status_code == 200)
    shown = conflict_page(refused)
    typed = theirs if value == 3 else mine
    html = refused.get_data(as_text=True)
    assert f'value="{typed["score"]}" checked' in html and typed["reason"] in html
    assert reason in shown  # what the other person saved, beside it
    with app.app_context():
        assert db.session.query(AuditEvent).filter_by(action="score").count() == 1


def test_two_people_changing_the_same_scores_at_once(scaling, app):
    first, second = scaling.chair(1), scaling.chair(2)
    page = url(scaling, "Sam Patel")
    assert first.post(page, form(first, page, 5, "Some progress")).status_code == 302
    mine, theirs = form(first, page, 6, "Better"), form(second, page, 4, "Worse")
    assert mine["version"] == theirs["version"] == "1"
    responses = at_once(lambda: first.post(page, mine), lambda: second.post(page, theirs))
    assert sorted(response.status_code for response in responses) == [200, 302]
    conflict_page(next(response for response in responses if response.status_code == 200))
    [(_name, _item, value, _reason)] = stored(app)
    assert value in (6, 4)
    with app.app_context():
        assert db.session.scalar(select(ScalingScore.version)) == 2


def test_a_save_based_on_scores_changed_since_shows_the_conflict_and_keeps_what_was_typed(
    scaling, app
):
    first, second = scaling.chair(1), scaling.chair(2)
    page = url(scaling, "Jo Reid")
    loaded = form(second, page, 2, "Lily was hungry at school")  # loaded before the change
    assert first.post(page, form(first, page, 7, "Good attendance")).status_code == 302
    response = second.post(page, loaded)
    shown = conflict_page(response)
    html = response.get_data(as_text=True)
    assert 'value="2" checked' in html and "Lily was hungry at school" in html
    assert "Good attendance" in shown and "7" in shown
    assert error_messages(html) == []
    assert stored(app) == [("Jo Reid", None, 7, "Good attendance")]
    # Saving again, having seen the other score, replaces it.
    resent = {**loaded, "version": _version_on(html)}
    assert second.post(page, resent).status_code == 302
    assert stored(app) == [("Jo Reid", None, 2, "Lily was hungry at school")]


# The migration


def test_the_migration_keeps_the_last_of_scores_stored_twice(db_url, tmp_path):
    url_ = empty_database(db_url, tmp_path, "scaling_migration")
    app = create_app(make_config(url_))
    try:
        with app.app_context():
            upgrade(revision="0011")
            with db.engine.begin() as connection:
                conference, dana, sam = _conference_with_two_people(connection)
                for attendee, value, worry in [
                    (dana, 3, None),
                    (dana, 4, None),  # Dana's overall score, stored twice at once
                    (sam, 6, None),
                    (None, 5, None),  # someone since removed: left alone
                    (None, 2, None),
                ]:
                    connection.execute(
                        insert(_score_table()), _score(conference, attendee, value, worry)
                    )
            upgrade(revision="0012")
            with db.engine.begin() as connection:
                rows = connection.execute(
                    text("SELECT attendee_id, value, version FROM scaling_score ORDER BY id")
                ).all()
                assert [tuple(row) for row in rows] == [
                    (dana, 4, 1),
                    (sam, 6, 1),
                    (None, 5, 1),
                    (None, 2, 1),
                ]
            with pytest.raises(IntegrityError), db.engine.begin() as connection:
                connection.execute(insert(_score_table()), _score(conference, sam, 9, None))
            db.engine.dispose()
    finally:
        drop_database(db_url, url_)


def _attendee_table():
    """The table as it was at 0011, without issue 18's columns (each with its default)."""
    later = {"apologies_reason", "child_id"}
    columns = [c._copy() for c in Attendee.__table__.columns if c.name not in later]
    return Table("attendee", MetaData(), *columns)


def _score_table():
    """The table as it was at 0011, without the version."""
    columns = [
        column(c.name, c.type) for c in ScalingScore.__table__.columns if c.name != "version"
    ]
    return table("scaling_score", *columns)


def _score(conference, attendee, value, worry) -> dict:
    return {
        "conference_id": conference,
        "attendee_id": attendee,
        "worry_item_id": worry,
        "person_name": "Someone",
        "role_label": "",
        "is_parent": False,
        "value": value,
        "reason": "A reason",
        "question": "Where are things today?",
        "zero_means": "",
        "ten_means": "",
        "polarity": "safe_at_10",
        "recorded_at": datetime(2025, 2, 3, 11, tzinfo=UTC),
    }


def _conference_with_two_people(connection) -> tuple[int, int, int]:
    teams = as_it_was(connection, Team)
    team = connection.execute(insert(teams).values(name="Team")).inserted_primary_key[0]
    case = connection.execute(
        insert(as_it_was(connection, Case)).values(
            reference="OLD-1",
            team_id=team,
            opened_on=date(2025, 1, 6),
            referral_date=date(2025, 1, 6),
            address="",
            status="section_47",
            version=1,
        )
    ).inserted_primary_key[0]
    conference = connection.execute(
        insert(as_it_was(connection, Conference)).values(
            case_id=case,
            conference_type="initial",
            held_on=date(2025, 2, 3),
            starts_at=time(10),
            venue="",
            online=False,
            twilight=False,
            version=1,
        )
    ).inserted_primary_key[0]
    people = []
    for name in ("Dana", "Sam"):
        people.append(
            connection.execute(
                insert(_attendee_table()).values(
                    conference_id=conference, name=name, agency_type="family", version=1
                )
            ).inserted_primary_key[0]
        )
    return conference, *people
