"""The command-line tools: create-user and seed-demo."""

from helpers import count, sign_in

from conference.domain import clock
from conference.models import Adult, Case, Child, Team, User
from conference.seeding.demo import DEMO_USERS


def test_create_user_from_the_environment_password(app, client, monkeypatch):
    monkeypatch.setenv("NEW_USER_PASSWORD", "a long command line password")
    result = app.test_cli_runner().invoke(
        args=["create-user", "Iro@Example.org", "--role", "chair", "--name", "Iris Reviewing"]
    )
    assert result.exit_code == 0, result.output
    assert "Created iro@example.org (Conference chair)" in result.output
    assert sign_in(client, "iro@example.org", "a long command line password").status_code == 302


def test_create_user_asks_for_the_password_when_not_given(app, monkeypatch):
    monkeypatch.delenv("NEW_USER_PASSWORD", raising=False)
    result = app.test_cli_runner().invoke(
        args=["create-user", "sw@example.org", "--role", "social_worker", "--name", "Sam"],
        input="typed at the prompt\ntyped at the prompt\n",
    )
    assert result.exit_code == 0, result.output
    assert count(app, User, email="sw@example.org") == 1


def test_create_user_refuses_a_weak_password_and_an_unknown_role(app, monkeypatch):
    runner = app.test_cli_runner()
    monkeypatch.setenv("NEW_USER_PASSWORD", "password1234")
    weak = runner.invoke(args=["create-user", "a@example.org", "--role", "chair", "--name", "A"])
    assert weak.exit_code != 0
    assert "Password is too common" in weak.output
    monkeypatch.setenv("NEW_USER_PASSWORD", "a long command line password")
    bad_role = runner.invoke(args=["create-user", "a@example.org", "--role", "boss", "--name", "A"])
    assert bad_role.exit_code != 0
    assert count(app, User) == 0


def test_seed_demo_is_idempotent(app, client, monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", "demo password for tests")
    runner = app.test_cli_runner()
    for _ in range(2):
        result = runner.invoke(args=["seed-demo"])
        assert result.exit_code == 0, result.output
        assert count(app, User) == len(DEMO_USERS)
        assert count(app, Team) == 2
        assert count(app, Case) == 2
        assert count(app, Child) == 4
        assert count(app, Adult) == 4
    for email, name, role, _agency in DEMO_USERS:
        response = sign_in(client, email, "demo password for tests")
        assert response.status_code == 302, email
        home = client.get("/").get_data(as_text=True)
        assert f"You are signed in as {name}." in home
        assert role.label in home
        client.post("/sign-out", page="/")


def test_seed_demo_generates_a_password_and_shows_it_once(app, client, monkeypatch):
    monkeypatch.delenv("DEMO_PASSWORD", raising=False)
    runner = app.test_cli_runner()
    first = runner.invoke(args=["seed-demo"])
    assert first.exit_code == 0, first.output
    password = first.output.split("Demo users created with the password: ")[1].split()[0]
    second = runner.invoke(args=["seed-demo"])
    assert password not in second.output
    assert "Demo data is in place." in second.output
    assert sign_in(client, "chair@demo.example", password).status_code == 302


def test_seed_demo_refuses_in_production(app, monkeypatch):
    monkeypatch.setenv("CONFERENCE_ENV", "production")
    result = app.test_cli_runner().invoke(args=["seed-demo"])
    assert result.exit_code != 0
    assert "Refusing to create demo data: CONFERENCE_ENV is production" in result.output
    assert count(app, User) == 0


def test_demo_family_has_what_the_demo_needs(app, monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", "demo password for tests")
    app.test_cli_runner().invoke(args=["seed-demo"])
    with app.app_context():
        from conference.domain.children import age_in_years
        from conference.extensions import db

        family = db.session.query(Case).filter_by(reference="DEMO-0001").one()
        other = db.session.query(Case).filter_by(reference="DEMO-0002").one()
        assert family.team_id != other.team_id
        ages = sorted(
            age_in_years(c.date_of_birth, clock.today()) if c.date_of_birth else -1
            for c in family.children
        )
        assert ages == [-1, 6, 13]  # one unborn, one about 6, one about 13
        mother = next(a for a in family.adults if a.given_name == "Funmilayo")
        assert (mother.first_language, mother.interpreter_needed) == ("Yoruba", "yes")
        relationships = {
            a.given_name: a.relationships[0].relationship_to_child for a in family.adults
        }
        assert relationships == {
            "Funmilayo": "Mother",
            "Olumide": "Father",
            "Abosede": "Grandparent",
        }
        assert family.social_worker.email == "socialworker@demo.example"
        assert [m.user.email for m in family.core_group] == ["practitioner@demo.example"]


def test_demo_conference_pages_show_the_family(app, client, monkeypatch):
    """The demo's finalised initial conference is complete, quorate and readable."""
    monkeypatch.setenv("DEMO_PASSWORD", "demo password for tests")
    app.test_cli_runner().invoke(args=["seed-demo"])
    sign_in(client, "chair@demo.example", "demo password for tests")
    with app.app_context():
        from conference.extensions import db
        from conference.models import Conference
        from conference.services.conferences.conference import missing_before_finalising

        initial, review = db.session.query(Conference).order_by(Conference.held_on).all()
        assert (initial.finalised, review.finalised) == (True, False)
        assert missing_before_finalising(initial) == []
        assert len(initial.scores) >= 5
        ids = initial.id, initial.case.children[0].id
    attendance = client.get(f"/conferences/{ids[0]}/attendance").get_data(as_text=True)
    assert "Quorate" in attendance and "not quorate" not in attendance
    voice = client.get(f"/conferences/{ids[0]}/voice/{ids[1]}").get_data(as_text=True)
    assert "I love my mum and dad" in voice
    assert "The house of worries, house of good things and house of dreams" in voice
    assert "Attended the conference" in voice
    live = client.get(f"/conferences/{ids[0]}/live").get_data(as_text=True)
    assert "Child protection plan (Emotional abuse)" in live


def test_demo_plan_shows_the_checker_at_work(app, monkeypatch):
    """Mostly good goals, one deliberately task-based and one deliberately unmeasurable."""
    monkeypatch.setenv("DEMO_PASSWORD", "demo password for tests")
    app.test_cli_runner().invoke(args=["seed-demo"])
    with app.app_context():
        from conference.domain.plan_quality import assess_outcome
        from conference.extensions import db
        from conference.models import Plan

        # Version 1, finalised with the checker's findings accepted by the chair.
        plan = db.session.query(Plan).filter_by(number=1).one()
        assert plan.accepted_findings and 5 <= len(plan.goals) <= 7
        verdicts = [
            assess_outcome(g.statement, g.measure, g.target, g.review_on, g.owner)
            for g in plan.goals
        ]
        assert [v.outcome_focused for v in verdicts].count(False) == 1
        assert [v.measurable for v in verdicts].count(False) == 2  # the task and the vague one


def test_demo_dates_follow_the_journey(app, monkeypatch):
    """Referral, then strategy discussion, initial conference, core groups, then the review."""
    monkeypatch.setenv("DEMO_PASSWORD", "demo password for tests")
    app.test_cli_runner().invoke(args=["seed-demo"])
    with app.app_context():
        from conference.extensions import db
        from conference.models import Conference, CoreGroupMeeting

        case = db.session.query(Case).filter_by(reference="DEMO-0001").one()
        initial, review = db.session.query(Conference).order_by(Conference.held_on).all()
        meetings = [m.held_on for m in db.session.query(CoreGroupMeeting).order_by("held_on")]
        assert case.referral_date <= case.opened_on <= initial.strategy_discussion_on
        assert initial.strategy_discussion_on < initial.held_on < meetings[0]
        assert len(meetings) == 3 and meetings[-1] <= clock.today() < review.held_on


def test_recheck_plans_stores_the_checkers_answers_again(app, monkeypatch):
    """After an upgrade that judges plans differently (issue 21: identity in substance), the
    answers stored for the dashboard are worked out again for every plan."""
    monkeypatch.setenv("DEMO_PASSWORD", "demo password for tests")
    app.test_cli_runner().invoke(args=["seed-demo"])
    with app.app_context():
        from conference.extensions import db
        from conference.models import Plan

        for plan in db.session.query(Plan):
            plan.identity_considered = plan.worries_all_answered = None
        db.session.commit()
    result = app.test_cli_runner().invoke(args=["recheck-plans"])
    assert result.exit_code == 0, result.output
    assert "Checked 2 plans again; the dashboard counts their answers" in result.output
    with app.app_context():
        stored = {(p.identity_considered, p.worries_all_answered) for p in db.session.query(Plan)}
        assert stored == {(True, True)}


def test_the_demo_baby_is_not_given_the_older_childrens_identity(app, monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", "demo password for tests")
    app.test_cli_runner().invoke(args=["seed-demo"])
    with app.app_context():
        from conference.extensions import db
        from conference.models import ConferenceIdentity

        heritage = {
            answers.child.given_name: answers.heritage_connection
            for answers in db.session.query(ConferenceIdentity)
        }
    assert heritage["Kemi"].startswith("Kemi keeps going to church and to Yoruba lessons")
    assert "keeps going" not in heritage["Baby"]
    assert heritage["Baby"].startswith("Not born yet: Mum and Dad will speak Yoruba")
