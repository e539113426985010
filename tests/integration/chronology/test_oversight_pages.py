"""Management oversight: managers record supervision with actions; the case page shows when
it was last held and when it is next due; actions are marked done; overdue actions are in My
work for the owner and the manager; practitioners from other agencies do not see it."""

from datetime import date, timedelta

from pages import assert_page, error_messages, error_summary, select, text, texts
from records import events, get

from conference.domain import clock
from conference.extensions import db
from conference.models import Oversight, OversightAction


def typed(day: date) -> list[str]:
    return [str(day.day), str(day.month), str(day.year)]


def oversight_form(family, **overrides) -> list[tuple[str, str]]:
    fields = {
        "held_on": typed(clock.today() - timedelta(days=1)),
        "reflection": "What is Ben’s day like when Mum is unwell?",
        "decision": "Ask the health visitor to join the core group",
        "action-1-description": "Invite the health visitor",
        "action-1-owner": str(family.social_worker),
        "action-1-due-on": typed(clock.today() + timedelta(days=7)),
    }
    fields.update(overrides)
    return [
        (name, each)
        for name, value in fields.items()
        for each in (value if isinstance(value, list) else [value])
    ]


def test_a_manager_records_oversight_with_actions(app, family, as_user):
    client = as_user("manager@example.org")
    page = f"/cases/{family.case_id}/oversight/new"
    html = assert_page(client.get(page), "Record management oversight")
    owners = texts(html, "#action-1-owner option")
    assert owners == ["Choose who will do it", "Mo Manager", "Olu Other", "Sam Worker"]
    response = client.post(page, data=oversight_form(family))
    assert response.status_code == 302
    with app.app_context():
        stored = db.session.query(Oversight).order_by(Oversight.id.desc()).first()
        assert stored.manager_id == family.manager
        assert stored.decision == "Ask the health visitor to join the core group"
        assert [(a.description, a.owner_id) for a in stored.actions] == [
            ("Invite the health visitor", family.social_worker)
        ]
    assert len(events(app, "create", record_type="management_oversight")) == 1
    created = events(app, "create", record_type="oversight_action")
    assert [e.case_id for e in created] == [family.case_id]
    html = assert_page(client.get(f"/cases/{family.case_id}/oversight"), "Management oversight")
    assert "Invite the health visitor" in html and "Ask the health visitor" in html


def test_bad_input_is_refused_and_kept(app, family, as_user):
    client = as_user("manager@example.org")
    page = f"/cases/{family.case_id}/oversight/new"
    form = oversight_form(
        family,
        held_on=typed(clock.today() + timedelta(days=1)),
        decision="",
        **{"action-1-owner": "", "action-2-description": "Check the school"},
    )
    html = assert_page(client.post(page, data=form), "Record management oversight")
    assert error_messages(html) == [
        "The date of the supervision must be today or in the past",
        "Enter the decision",
        "Select who will do action 1",
        "Select who will do action 2",
        "Enter the date for action 2",
    ]
    assert error_summary(html) == error_messages(html)
    assert "What is Ben’s day like when Mum is unwell?" in html
    assert "Check the school" in html
    with app.app_context():
        assert db.session.query(Oversight).count() == 1  # the family's own
    before = typed(clock.today() - timedelta(days=3))
    html = client.post(page, data=oversight_form(family, **{"action-1-due-on": before}))
    assert error_messages(html.get_data(as_text=True)) == [
        "The date for action 1 must be the same as or after the date of the supervision"
    ]


def test_a_date_that_is_not_real_names_its_action(app, family, as_user):
    client = as_user("manager@example.org")
    page = f"/cases/{family.case_id}/oversight/new"
    form = oversight_form(
        family,
        **{
            "action-2-description": "Check the school",
            "action-2-owner": str(family.social_worker),
            "action-2-due-on": ["31", "2", "2027"],
            "action-3-description": "Ask the GP",
            "action-3-owner": str(family.social_worker),
            "action-3-due-on": ["", "4", "2027"],
        },
    )
    html = assert_page(client.post(page, data=form), "Record management oversight")
    assert error_messages(html) == [
        "The date for action 2 must be a real date",
        "The date for action 3 must include a day",
    ]
    assert error_summary(html) == error_messages(html)
    assert "Check the school" in html and "Ask the GP" in html
    with app.app_context():
        assert db.session.query(Oversight).count() == 1  # the family's own


def test_only_managers_record_and_practitioners_do_not_see_it(family, as_user):
    assert (
        as_user("sw@example.org").get(f"/cases/{family.case_id}/oversight/new").status_code == 403
    )
    assert (
        as_user("chair@example.org").get(f"/cases/{family.case_id}/oversight/new").status_code
        == 403
    )
    practitioner = as_user("gp@example.org")
    assert practitioner.get(f"/cases/{family.case_id}/oversight").status_code == 403
    html = practitioner.get(f"/cases/{family.case_id}").get_data(as_text=True)
    assert "oversight-summary" not in html
    assert as_user("sw2@example.org").get(f"/cases/{family.case_id}/oversight").status_code == 200


def test_the_case_page_says_when_oversight_was_last_held_and_is_next_due(app, family, as_user):
    html = as_user("sw@example.org").get(f"/cases/{family.case_id}").get_data(as_text=True)
    summary = " ".join(text(select(html, "#oversight-summary")[0]).split())
    # Held on 10 April 2026, every 30 days: due by 10 May 2026, long past; its action is overdue.
    assert "Last oversight on 10 April 2026." in summary
    assert "Next due by 10 May 2026 Overdue" in summary
    assert "1 overdue action" in summary


def test_the_owner_marks_an_action_done(app, family, as_user):
    client = as_user("sw@example.org")
    page = f"/cases/{family.case_id}/oversight"
    html = client.get(page).get_data(as_text=True)
    assert "Overdue" in texts(html, ".govuk-table__cell strong")
    done = f"/oversight-actions/{family.action_id}/done"
    response = client.post(done, data={"version": "1"}, page=page)
    assert response.status_code == 302
    action = get(client.raw.application, OversightAction, family.action_id)
    assert action.done_on == clock.today()
    html = client.get(page).get_data(as_text=True)
    assert "Done" in texts(html, ".govuk-table__cell strong")
    assert len(events(app, "update", record_type="oversight_action")) == 1


def test_marking_done_an_action_someone_else_changed_is_refused(app, family, as_user):
    client = as_user("manager@example.org")
    page = f"/cases/{family.case_id}/oversight"
    with app.app_context():
        db.session.get(OversightAction, family.action_id).description = "Changed meanwhile"
        db.session.commit()
    response = client.post(
        f"/oversight-actions/{family.action_id}/done", data={"version": "1"}, page=page
    )
    assert response.status_code == 302
    html = client.get(page).get_data(as_text=True)
    assert "Someone else changed this action" in html
    assert get(app, OversightAction, family.action_id).done_on is None


def test_who_may_mark_an_action_done(app, family, as_user):
    page = f"/cases/{family.case_id}/oversight"
    done = f"/oversight-actions/{family.action_id}/done"
    other = as_user("sw2@example.org")  # sees the case, does not own the action
    assert other.post(done, data={"version": "1"}, page=page).status_code == 403
    assert (
        as_user("chair@example.org").post(done, data={"version": "1"}, page=page).status_code == 403
    )
    assert get(app, OversightAction, family.action_id).done_on is None


def test_overdue_actions_are_in_my_work_for_the_owner_and_the_manager(app, family, as_user):
    for email in ("sw@example.org", "manager@example.org"):
        html = as_user(email).get("/my-work/").get_data(as_text=True)
        section = html.split('id="oversight"')[1].split("<h2")[0]
        assert "Ask the school about Fridays" in section, email
        assert "Overdue" in section
    html = as_user("sw2@example.org").get("/my-work/").get_data(as_text=True)
    assert "Ask the school about Fridays" not in html
    with app.app_context():
        db.session.get(OversightAction, family.action_id).done_on = clock.today()
        db.session.commit()
    html = as_user("sw@example.org").get("/my-work/").get_data(as_text=True)
    assert "Ask the school about Fridays" not in html
