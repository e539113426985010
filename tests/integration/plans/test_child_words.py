"""Each goal's words for the child's own plan (issue 19): written on the goal form, with how easy
they are to read beside them; checked by a chair only (audited); changing them, or the goal
they describe, takes the check away; the plan page says how many of each child's goals are
ready for their plan."""

from datetime import UTC, date, datetime, time

import pytest
from helpers import Client, count, sign_in
from pages import assert_page, text_of, texts

from conference.extensions import db
from conference.models import AuditEvent, Child, Conference, Plan, SafetyGoal

HELD_ON = date(2026, 11, 26)
WORDS = "Mum and Dad will talk calmly. Nobody will shout or push."
HARD_WORDS = (
    "Parental conflict will be addressed through engagement with the commissioned domestic "
    "abuse intervention programme, and the effectiveness of this intervention will be evaluated "
    "by the multi-agency core group at each of its scheduled meetings."
)
CHECKED = "check words for the child's plan"


@pytest.fixture
def family(app, make_case, make_user):
    """A case in Team A allocated to a social worker, with Tolu and Kemi, a conference with no
    worry statements on its map, and a draft plan with two goals for Tolu (the first with
    words for his plan), one for Kemi and one for the unborn baby (who has no plan to read)."""
    worker_id = make_user("social_worker", email="sam@example.org", name="Sam", team="Team A")
    chair_id = make_user("chair", email="chair@example.org", name="Chris Chair")
    case_id = make_case(team="Team A", social_worker_id=worker_id)
    with app.app_context():
        tolu, kemi = (
            Child(
                case_id=case_id,
                given_name=name,
                family_name="Adebayo",
                date_of_birth=date(2020, 4, 3),
                local_child_id=f"LC-{case_id}-{name}",
            )
            for name in ("Tolu", "Kemi")
        )
        conference = Conference(
            case_id=case_id, conference_type="initial", held_on=HELD_ON, starts_at=time(10)
        )
        baby = Child(
            case_id=case_id,
            given_name="Baby",
            family_name="Adebayo",
            expected_date_of_birth=date(2027, 2, 1),
            local_child_id=f"LC-{case_id}-Baby",
        )
        db.session.add_all([tolu, kemi, baby, conference])
        db.session.flush()
        plan = Plan(case_id=case_id, conference=conference, number=1)
        plan.goals = [
            SafetyGoal(
                statement="Adults at home sort out disagreements calmly",
                child_ids=[tolu.id],
                owner="Mum and Dad",
                child_words=WORDS,
                position=0,
            ),
            SafetyGoal(statement="Tolu sleeps well", child_ids=[tolu.id], position=1),
            SafetyGoal(statement="Kemi goes to school every day", child_ids=[kemi.id], position=2),
            SafetyGoal(
                statement="The baby grows well before birth", child_ids=[baby.id], position=3
            ),
        ]
        db.session.add(plan)
        db.session.commit()
        return {
            "plan_id": plan.id,
            "chair_id": chair_id,
            "case_id": case_id,
            "goal_id": plan.goals[0].id,
            "tolu_id": tolu.id,
            "url": f"/plans/{plan.id}",
            "goal_url": f"/plans/{plan.id}/goals/{plan.goals[0].id}",
        }


def signed_in_as(app, email: str) -> Client:
    client = Client(app.test_client())
    assert sign_in(client, email).status_code == 302
    return client


def the_social_worker(app) -> Client:
    """The case's own social worker, who may change its plan (not a chair)."""
    return signed_in_as(app, "sam@example.org")


def the_chair(app) -> Client:
    return signed_in_as(app, "chair@example.org")


def goal(app, goal_id) -> SafetyGoal:
    with app.app_context():
        found = db.session.get(SafetyGoal, goal_id)
        db.session.expunge(found)
        return found


def goal_answers(family, version: int, **fields) -> list[tuple[str, str]]:
    answers = {
        "statement": "Adults at home sort out disagreements calmly",
        "owner": "Mum and Dad",
        "child_words": WORDS,
        "version": str(version),
        **fields,
    }
    return [
        *answers.items(),
        ("child_ids", str(family["tolu_id"])),
        ("review_on", ""),
        ("review_on", ""),
        ("review_on", ""),
    ]


def check_words(client, family, version: int):
    url = f"{family['goal_url']}/child-words/check"
    return client.post(url, {"version": str(version)}, page=family["url"])


def audit_rows(app, action) -> list[AuditEvent]:
    with app.app_context():
        found = db.session.query(AuditEvent).filter_by(action=action).all()
        db.session.expunge_all()
        return found


def test_the_goal_form_asks_for_the_words_and_says_how_easy_they_are_to_read(family, app):
    worker = the_social_worker(app)
    html = assert_page(worker.get(family["goal_url"]), "Change a safety goal")
    assert "Words for the child’s plan (optional)" in texts(html, "label")
    assert texts(html, "#child_words")[0] == WORDS
    status = texts(html, "#child-words-status")[0]
    assert "Not checked yet: the child’s plan leaves this goal out" in status
    assert "Reading age about" in status

    response = worker.post(family["goal_url"], goal_answers(family, 1, child_words=HARD_WORDS))
    assert response.status_code == 302
    assert goal(app, family["goal_id"]).child_words == HARD_WORDS
    html = worker.get(family["goal_url"]).get_data(as_text=True)
    status = texts(html, "#child-words-status")[0]
    assert "This sentence has 34 words" in status
    assert "“be addressed” does not say who does it." in status


def test_only_a_chair_checks_the_words_and_the_check_is_audited(family, app):
    worker = the_social_worker(app)
    assert check_words(worker, family, 1).status_code == 403
    assert goal(app, family["goal_id"]).child_words_checked_at is None

    chair = the_chair(app)
    html = chair.get(family["url"]).get_data(as_text=True)
    assert texts(html, "[data-child-plan]") == [
        "Tolu’s plan: 0 of 2 goals have checked words",
        "Kemi’s plan: 0 of 1 goal has checked words",
    ]
    assert len(texts(html, "[data-check-child-words]")) == 1  # only the goal with words

    response = check_words(chair, family, 1)
    assert response.headers["Location"].endswith(
        f"/plans/{family['plan_id']}#goal-{family['goal_id']}"
    )
    stored = goal(app, family["goal_id"])
    assert stored.child_words_checked_at is not None
    assert stored.child_words_checked_by_id == family["chair_id"]
    (row,) = audit_rows(app, CHECKED)
    assert (row.user_id, row.case_id, row.record_type, row.record_id) == (
        family["chair_id"],
        family["case_id"],
        "safety_goal",
        str(family["goal_id"]),
    )
    html = chair.get(family["url"]).get_data(as_text=True)
    assert "Words for the child’s plan checked" in text_of(html)
    assert "Tolu’s plan: 1 of 2 goals have checked words" in texts(html, "[data-child-plan]")
    assert "Checked by the chair" in text_of(html)
    assert texts(html, "[data-check-child-words]") == []


def test_changing_the_words_takes_the_check_away_and_other_changes_keep_it(family, app):
    chair = the_chair(app)
    check_words(chair, family, 1)
    version = goal(app, family["goal_id"]).version
    html = chair.get(family["goal_url"]).get_data(as_text=True)
    assert "Chris Chair checked these words on" in texts(html, "#child-words-status")[0]

    chair.post(family["goal_url"], goal_answers(family, version, owner="Mum"))
    kept = goal(app, family["goal_id"])
    assert (kept.owner, kept.child_words_checked_at is not None) == ("Mum", True)

    new_words = "Mum and Dad will talk in quiet voices."
    chair.post(family["goal_url"], goal_answers(family, kept.version, child_words=new_words))
    changed = goal(app, family["goal_id"])
    assert changed.child_words == new_words
    assert (changed.child_words_checked_at, changed.child_words_checked_by_id) == (None, None)
    update = audit_rows(app, "update")[-1]
    assert update.changes["child_words"] == [WORDS, new_words]
    assert update.changes["child_words_checked_by_id"] == [family["chair_id"], None]


def test_a_new_statement_for_the_words_to_describe_takes_the_check_away(family, app):
    chair = the_chair(app)
    check_words(chair, family, 1)
    version = goal(app, family["goal_id"]).version
    chair.post(family["goal_url"], goal_answers(family, version, statement="Dad leaves the house"))
    assert goal(app, family["goal_id"]).child_words_checked_at is None


def test_words_changed_since_the_chair_read_them_are_not_checked(family, app):
    chair = the_chair(app)
    response = check_words(chair, family, 0)
    assert response.status_code == 302
    assert goal(app, family["goal_id"]).child_words_checked_at is None
    assert count(app, AuditEvent, action=CHECKED) == 0
    html = chair.get(response.headers["Location"]).get_data(as_text=True)
    assert "Someone changed this goal since you loaded the page: read its words again" in text_of(
        html
    )


def test_a_finalised_plan_cannot_have_its_words_checked(family, app):
    with app.app_context():
        db.session.get(Plan, family["plan_id"]).finalised_at = datetime(2026, 11, 30, tzinfo=UTC)
        db.session.commit()
    chair = the_chair(app)
    assert check_words(chair, family, 1).status_code == 409
    assert goal(app, family["goal_id"]).child_words_checked_at is None
