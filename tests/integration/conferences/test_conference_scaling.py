"""Scaling at the conference: everyone present scores from 0 to 10 with a reason, parents first;
each score keeps the question it answered; the summary shows the spread and flags low scores."""

from datetime import UTC, date, datetime, time

import pytest
from helpers import Client, count, sign_in
from pages import assert_page, error_messages, select, text, text_of

from conference.extensions import db
from conference.models import (
    AuditEvent,
    Conference,
    CoreGroupMember,
    MapItem,
    ScalingRound,
)
from conference.models import ScalingScore as Score
from conference.services.conferences import scaling as scaling_service

DEFAULT_QUESTION = (
    "On a scale of 0 to 10, where 10 means everyone agrees the children are safe enough for the "
    "child protection plan to end, and 0 means things are so bad that the children cannot stay "
    "at home, where are things today?"
)
ESCALATE = "consider whether the children are safe at home tonight and whether to escalate"

# (name, role, is_parent, attendance): in the order attendance was recorded.
PEOPLE = [
    ("Sam Patel", "Social worker", False, "attended"),
    ("Jo Reid", "Teacher", False, "attended"),
    ("Dana Jones", "Mother", True, "attended"),
    ("Chris Jones", "Father", True, "attended"),
    ("Pat Ali", "Health visitor", False, "apologies"),
]


@pytest.fixture
def worker(signed_in, make_user, make_case, with_conference):
    """The chair, signed in, who types the scores as people give them (not the allocated social
    worker: issue 18); `.case_id` is the case and `.conference_id` a conference with the people
    above, `.people` their attendee ids by name."""
    social_worker = make_user("social_worker", email="allocated@example.org", team="Team A")
    client = signed_in("chair")
    client.case_id = make_case(team="Team A", social_worker_id=social_worker)
    return with_conference(client)


@pytest.fixture
def with_conference(app, attend):
    """`with_conference(client)`: a new conference of the client's case, with PEOPLE on its
    list; the client's `.conference_id` and `.people` become that conference's."""

    def add(client):
        with app.app_context():
            conference = Conference(
                case_id=client.case_id,
                conference_type="initial",
                held_on=date(2026, 11, 2),
                starts_at=time(10, 0),
            )
            db.session.add(conference)
            db.session.commit()
            client.conference_id = conference.id
        client.people = attend(client.conference_id, PEOPLE, agency="Demo Council")
        return client

    return add


def add_worries(app, conference_id, *texts) -> list[int]:
    with app.app_context():
        items = [
            MapItem(conference_id=conference_id, heading="worry", text=text, position=n)
            for n, text in enumerate(texts)
        ]
        db.session.add_all(items)
        db.session.commit()
        return [item.id for item in items]


def scaling_url(client) -> str:
    return f"/conferences/{client.conference_id}/scaling"


def score_url(client, name) -> str:
    return f"{scaling_url(client)}/{client.people[name]}"


def score(client, name, value, reason="Because", **worries):
    return client.post(score_url(client, name), {"score": str(value), "reason": reason, **worries})


def reveal(app, conference_id):
    """The chair reveals every round (overall, and each worry statement's) to the room: until
    then the page shows who has scored, not the scores (test_conference_wall.py)."""
    with app.app_context():
        worries = db.session.query(MapItem).filter_by(conference_id=conference_id, heading="worry")
        keys = ["overall"] + [f"worry:{item.id}" for item in worries]
        db.session.add_all(ScalingRound(conference_id=conference_id, round_key=k) for k in keys)
        db.session.commit()


def scores(app, **where) -> list[Score]:
    with app.app_context():
        found = db.session.query(Score).filter_by(**where).order_by(Score.id).all()
        db.session.expunge_all()
        return found


# The scaling page


def test_scaling_page_shows_the_question_and_everyone_present_parents_first(worker):
    html = assert_page(worker.get(scaling_url(worker)), "Scaling")
    text = text_of(html)
    assert DEFAULT_QUESTION in text
    assert "0 means Things are so bad that the children cannot stay at home" in text
    assert "10 means Everyone agrees the children are safe enough for the plan to end" in text
    present = text[text.index("People present") : text.index("Summary")]
    order = [present.index(name) for name in ("Dana Jones", "Chris Jones", "Sam Patel", "Jo Reid")]
    assert order == sorted(order)  # parents first, then in the order attendance was recorded
    assert "Pat Ali" not in text  # sent apologies: not present, so does not score
    assert present.count("Not scored yet") == 4
    assert "Nobody has scored yet." in text
    assert f'href="{score_url(worker, "Dana Jones")}"' in html


def test_scaling_page_is_audited_as_a_view_of_the_conference(worker, app):
    worker.get(scaling_url(worker))
    with app.app_context():
        viewed = db.session.query(AuditEvent).filter_by(action="view").one()
        assert (viewed.record_type, viewed.record_id, viewed.case_id) == (
            "conference",
            str(worker.conference_id),
            worker.case_id,
        )


# Recording a score


def test_a_score_keeps_the_question_and_polarity_it_was_given_under(worker, app, monkeypatch):
    url = score_url(worker, "Dana Jones")
    html = assert_page(worker.get(url), "Score from Dana Jones")
    assert (
        'data-autosave="conference-{}-scaling-{}"'.format(
            worker.conference_id, worker.people["Dana Jones"]
        )
        in html
    )
    response = score(worker, "Dana Jones", 3, "  Things are calmer at home  ")
    assert response.headers["Location"] == scaling_url(worker)
    [row] = scores(app)
    assert (
        row.conference_id,
        row.attendee_id,
        row.worry_item_id,
        row.person_name,
        row.role_label,
        row.is_parent,
        row.value,
        row.reason,
        row.question,
        row.zero_means,
        row.ten_means,
        row.polarity,
    ) == (
        worker.conference_id,
        worker.people["Dana Jones"],
        None,
        "Dana Jones",
        "Mother",
        True,
        3,
        "Things are calmer at home",
        DEFAULT_QUESTION,
        "Things are so bad that the children cannot stay at home",
        "Everyone agrees the children are safe enough for the plan to end",
        "safe_at_10",
    )
    page = text_of(worker.get(scaling_url(worker)).get_data(as_text=True))
    assert "Score from Dana Jones saved. The room sees it when the chair reveals" in page
    assert "saved: 3" not in page  # the room may see the screen before the reveal
    reveal(app, worker.conference_id)
    page = text_of(worker.get(scaling_url(worker)).get_data(as_text=True))
    assert "Dana Jones Mother 3 Things are calmer at home" in page

    monkeypatch.setitem(app.config, "SCALING_QUESTION", "Where are things now, from 0 to 10?")
    monkeypatch.setitem(app.config, "SCALING_TEN_MEANS", "The highest risk")
    monkeypatch.setitem(app.config, "SCALING_POLARITY", "risk_at_10")
    score(worker, "Sam Patel", 4)
    old, new = scores(app)
    assert (old.question, old.ten_means, old.polarity) == (
        DEFAULT_QUESTION,
        "Everyone agrees the children are safe enough for the plan to end",
        "safe_at_10",
    )
    assert (new.question, new.ten_means, new.polarity) == (
        "Where are things now, from 0 to 10?",
        "The highest risk",
        "risk_at_10",
    )


def test_a_score_and_its_reason_are_required(worker, app):
    url = score_url(worker, "Dana Jones")
    html = assert_page(worker.post(url, {"score": "", "reason": "   "}), "Score from Dana Jones")
    assert error_messages(html) == [
        "Select a score from 0 to 10",
        "Enter the reason for this score",
    ]
    html = worker.post(url, {"reason": "She is trying hard"}).get_data(as_text=True)
    assert error_messages(html) == ["Select a score from 0 to 10"]
    assert "She is trying hard" in html  # nothing typed is lost
    html = worker.post(url, {"score": "11", "reason": "Off the scale"}).get_data(as_text=True)
    assert error_messages(html) == ["Select a score from 0 to 10"]
    assert count(app, Score) == 0
    assert count(app, AuditEvent, action="score") == 0


def test_worry_statements_can_each_be_scored_with_a_reason(worker, app):
    drink, school = add_worries(
        app, worker.conference_id, "Dad drinks and shouts", "Lily misses school"
    )
    url = score_url(worker, "Sam Patel")
    html = worker.get(url).get_data(as_text=True)
    assert "Worry statement 1 Dad drinks and shouts" in text_of(html)
    assert "Score for worry statement 2 (optional)" in html
    score(
        worker, "Sam Patel", 5, **{f"worry-{drink}-score": "2", f"worry-{drink}-reason": "Police"}
    )
    rows = scores(app)
    assert [(r.worry_item_id, r.value, r.reason) for r in rows] == [
        (None, 5, "Because"),
        (drink, 2, "Police"),
    ]
    assert {(r.question, r.polarity) for r in rows} == {(DEFAULT_QUESTION, "safe_at_10")}
    reveal(app, worker.conference_id)
    text = text_of(worker.get(scaling_url(worker)).get_data(as_text=True))
    worries = text[text.index("Worry statements") :]
    assert "Worry statement 1 Dad drinks and shouts Median 2, lowest 2, highest 2." in worries
    assert "Sam Patel Social worker, Demo Council 2 Police" in worries
    assert "Worry statement 2 Lily misses school Nobody has scored this worry statement." in worries
    assert school not in {r.worry_item_id for r in rows}


def test_a_worry_score_needs_a_reason_and_a_reason_needs_a_score(worker, app):
    drink, school = add_worries(app, worker.conference_id, "Dad drinks", "Lily misses school")
    response = score(
        worker,
        "Sam Patel",
        5,
        **{f"worry-{drink}-score": "2", f"worry-{school}-reason": "She was off 20 days"},
    )
    html = assert_page(response, "Score from Sam Patel")
    assert error_messages(html) == [
        "Enter the reason for the score for worry statement 1",
        "Select a score from 0 to 10 for worry statement 2",
    ]
    assert "She was off 20 days" in html
    assert count(app, Score) == 0


def test_scoring_again_replaces_the_persons_scores_and_audits_old_and_new(worker, app):
    [drink] = add_worries(app, worker.conference_id, "Dad drinks")
    worry = {f"worry-{drink}-score": "4", f"worry-{drink}-reason": "Lily is tired"}
    score(worker, "Jo Reid", 6, "Good attendance", **worry)
    score(worker, "Dana Jones", 7, "We are doing well")
    html = worker.get(score_url(worker, "Jo Reid")).get_data(as_text=True)
    assert 'type="radio" value="6" checked' in html  # shown to change
    assert "Lily is tired" in html
    score(worker, "Jo Reid", 5, "She was late twice")
    mine = scores(app, attendee_id=worker.people["Jo Reid"])
    assert [(r.worry_item_id, r.value, r.reason) for r in mine] == [(None, 5, "She was late twice")]
    assert count(app, Score) == 2  # Dana's score is untouched
    with app.app_context():
        first, _second, third = (
            db.session.query(AuditEvent).filter_by(action="score").order_by(AuditEvent.id).all()
        )
        assert (third.user_id, third.record_type, third.record_id, third.case_id) == (
            worker.user_id,
            "conference",
            str(worker.conference_id),
            worker.case_id,
        )
        old, new = third.changes["scores"]
        assert [(s["person"], s["worry_item_id"], s["value"], s["reason"]) for s in old] == [
            ("Jo Reid", None, 6, "Good attendance"),
            ("Jo Reid", drink, 4, "Lily is tired"),
        ]
        assert [(s["person"], s["value"], s["reason"]) for s in new] == [
            ("Jo Reid", 5, "She was late twice")
        ]
        assert first.changes["scores"][0] is None


def test_only_people_who_attended_this_conference_can_score(worker, app, with_conference):
    page = scaling_url(worker)
    assert worker.get(score_url(worker, "Pat Ali")).status_code == 404  # sent apologies
    assert worker.post(score_url(worker, "Pat Ali"), {"score": "5"}, page=page).status_code == 404
    first = dict(worker.people)
    with_conference(worker)  # a second conference for the same family
    url = f"{scaling_url(worker)}/{first['Sam Patel']}"
    assert worker.get(url).status_code == 404
    assert worker.post(url, {"score": "5", "reason": "x"}, page=page).status_code == 404
    assert worker.get(score_url(worker, "Sam Patel")).status_code == 200
    assert count(app, Score) == 0


def test_parents_are_asked_first_but_others_are_not_stopped(worker, app):
    url = score_url(worker, "Jo Reid")
    text = text_of(worker.get(url).get_data(as_text=True))
    assert "Parents are asked first: Dana Jones and Chris Jones have not scored yet" in text
    score(worker, "Dana Jones", 4)
    text = text_of(worker.get(url).get_data(as_text=True))
    assert "Parents are asked first: Chris Jones has not scored yet" in text
    text = text_of(worker.get(score_url(worker, "Chris Jones")).get_data(as_text=True))
    assert "Parents are asked first" not in text
    score(worker, "Jo Reid", 6)
    assert count(app, Score) == 2


# The summary


def test_summary_shows_every_score_the_spread_and_the_median(worker, app):
    for name, value in [("Sam Patel", 2), ("Jo Reid", 9), ("Dana Jones", 5), ("Chris Jones", 4)]:
        score(worker, name, value, f"Reason of {name}")
    reveal(app, worker.conference_id)
    text = text_of(worker.get(scaling_url(worker)).get_data(as_text=True))
    summary = text[text.index("Summary") :]
    assert "Scores 4 Lowest 2 Highest 9 Median 4.5" in summary
    assert (
        "Every score Name Role Score Reason "
        "Dana Jones Mother 5 Reason of Dana Jones "
        "Chris Jones Father 4 Reason of Chris Jones "
        "Sam Patel Social worker, Demo Council 2 Reason of Sam Patel "
        "Jo Reid Teacher, Demo Council 9 Reason of Jo Reid"
    ) in summary
    assert ESCALATE not in text
    with app.app_context():
        conference = db.session.get(Conference, worker.conference_id)
        result = scaling_service.scaling_summary(conference)
        assert (result.count, result.lowest, result.highest, result.median) == (4, 2, 9, 4.5)
        assert [s.name for s in result.scores_in_order][:2] == ["Dana Jones", "Chris Jones"]


def test_a_score_of_0_or_1_is_flagged_for_escalation(worker, app):
    score(worker, "Sam Patel", 1, "Dad came home drunk again")
    score(worker, "Jo Reid", 2)
    reveal(app, worker.conference_id)
    html = worker.get(scaling_url(worker)).get_data(as_text=True)
    assert "govuk-warning-text" in html
    text = text_of(html)
    assert f"Sam Patel scored 1: {ESCALATE}" in text
    assert "Jo Reid scored 2" not in text


def test_where_10_means_the_highest_risk_a_9_is_flagged(worker, monkeypatch, app):
    monkeypatch.setitem(app.config, "SCALING_POLARITY", "risk_at_10")
    score(worker, "Sam Patel", 9)
    score(worker, "Jo Reid", 3)
    reveal(app, worker.conference_id)
    text = text_of(worker.get(scaling_url(worker)).get_data(as_text=True))
    assert f"Sam Patel scored 9: {ESCALATE}" in text
    assert "Lowest 3 Highest 9 Median 6" in text  # on the area's own scale


# Who may do what


def test_a_practitioner_outside_the_core_group_cannot_see_scaling(worker, another):
    client = another("practitioner", email="gp@example.org", team=None)
    client.people, client.conference_id = worker.people, worker.conference_id
    assert client.get(scaling_url(client)).status_code == 404
    assert client.get(score_url(client, "Dana Jones")).status_code == 404


def test_a_core_group_practitioner_sees_scaling_but_cannot_score(worker, another, app):
    client = another("practitioner", email="school@example.org", team=None)
    with app.app_context():
        db.session.add(CoreGroupMember(case_id=worker.case_id, user_id=client.user_id))
        db.session.commit()
    client.people, client.conference_id = worker.people, worker.conference_id
    html = assert_page(client.get(scaling_url(client)), "Scaling")
    assert score_url(client, "Dana Jones") not in html
    assert client.get(score_url(client, "Dana Jones")).status_code == 403


def test_a_social_worker_in_the_team_but_not_allocated_cannot_score(worker, another, app):
    other = another("social_worker", email="other@example.org", team="Team A")
    other.people, other.conference_id = worker.people, worker.conference_id
    assert other.get(scaling_url(other)).status_code == 200
    assert other.get(score_url(other, "Dana Jones")).status_code == 403
    response = other.post(
        score_url(other, "Dana Jones"), {"score": "5", "reason": "x"}, page=scaling_url(other)
    )
    assert response.status_code == 403
    assert count(app, Score) == 0


def test_the_allocated_social_worker_does_not_type_the_scores(worker, app):
    """Scores are typed by the chair or the minute-taker as people give them (issue 18)."""
    social_worker = Client(app.test_client())
    assert sign_in(social_worker, "allocated@example.org").status_code == 302
    social_worker.people, social_worker.conference_id = worker.people, worker.conference_id
    assert score(social_worker, "Dana Jones", 6).status_code == 403
    assert scores(app) == []


def test_scores_cannot_be_changed_once_the_conference_is_finalised(worker, app):
    score(worker, "Dana Jones", 6)
    with app.app_context():
        conference = db.session.get(Conference, worker.conference_id)
        conference.finalised_at = datetime(2026, 11, 2, 12, tzinfo=UTC)
        db.session.commit()
    assert worker.get(score_url(worker, "Dana Jones")).status_code == 409
    html = assert_page(worker.get(scaling_url(worker)), "Scaling")
    assert score_url(worker, "Dana Jones") not in html


# The conference's task list gives the round's true state (issue 18)


def _scaling_status(client) -> str:
    html = client.get(f"/conferences/{client.conference_id}").text
    [row] = [row for row in select(html, ".govuk-task-list__item") if "Scaling" in text(row)]
    return " ".join(text(row).split()).replace("Scaling", "", 1).strip()


def test_a_round_revealed_before_everyone_scored_is_not_shown_as_completed(worker, app):
    assert _scaling_status(worker) == "Not started"
    score(worker, "Dana Jones", 4)
    assert _scaling_status(worker) == "Not revealed: 1 of 4 scored"
    reveal(app, worker.conference_id)
    assert _scaling_status(worker) == "Revealed: 1 of 4 scored"
    assert "Revealed: 1 of 4 scored." in text_of(worker.get(scaling_url(worker)).text)
    for name in ("Chris Jones", "Sam Patel", "Jo Reid"):
        score(worker, name, 5)
    assert _scaling_status(worker) == "Completed"
