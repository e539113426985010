"""The decision for each child: the agencies' views, the chair's decision and its rules, the
core group and the access it gives, the statutory dates, who may do what, and saves that clash."""

from datetime import date

import pytest
from helpers import Client, count, sign_in
from pages import assert_page, error_messages, error_summary, text_of
from records import add_attendee

from conference.extensions import db
from conference.models import (
    AgencyView,
    Attendee,
    AuditEvent,
    ChildDecision,
    Conference,
    CoreGroupMember,
    FormDraft,
)
from conference.services.conferences.decisions import decision_summary

DUE_FIRST_CORE_GROUP = "due by 10 December 2026 (10 working days after the conference)"
DUE_REVIEW = "due by 26 February 2027 (3 months after the conference)"
MULTIPLE_WARNING = (
    "The Department for Education discourages the multiple category: record the main category "
    "if you can"
)


@pytest.fixture
def meeting(app, signed_in, make_user, make_conference):
    """A chair signed in to a conference for Lily (allocated to Sam Worker) where children's
    social care, a teacher with an account, a GP who sent a report, Lily's mother and a police
    officer who sent apologies were invited."""
    worker = make_user("social_worker", email="sam@example.org", name="Sam Worker", team="Team A")
    teacher = make_user(
        "practitioner", email="teacher@example.org", name="Tess Teacher", agency="School"
    )
    client = signed_in("chair", email="chair@example.org", name="Chris Chair")
    conference = make_conference(social_worker_id=worker)
    conference.worker_id, conference.teacher_user_id = worker, teacher
    conference.social_care = add_attendee(
        app, conference.id, "Sam Worker", "childrens_social_care", role="Social worker"
    )
    conference.teacher = add_attendee(
        app,
        conference.id,
        "Tess Teacher",
        "education",
        role="Class teacher",
        agency="Sample Primary School",
        user_id=teacher,
    )
    conference.gp = add_attendee(
        app, conference.id, "Dr Gill", "health", attendance="report_sent", role="GP"
    )
    conference.mother = add_attendee(
        app, conference.id, "Dana Jones", "family", is_parent=True, adult_id=conference.adult_id
    )
    conference.police = add_attendee(app, conference.id, "PC Ali", "police", attendance="apologies")
    conference.decisions = f"/conferences/{conference.id}/decisions"
    conference.url = f"{conference.decisions}/{conference.child_id}"
    client.conference = conference
    return client


def decision_form(conference, **changes) -> dict:
    form = {
        f"recommendation-{conference.social_care}": "cp_plan",
        f"view-{conference.social_care}": "Lily has seen Dad push Mum three times since March.",
        f"recommendation-{conference.teacher}": "cp_plan",
        f"view-{conference.teacher}": "Lily told her teacher she hides under her bed.",
        f"recommendation-{conference.gp}": "",
        f"view-{conference.gp}": "",
        "parents_view": "Dana says things are calmer since Dad moved out.",
        "outcome": "cp_plan",
        "category": "EMO",
        "reasons": "Lily is living with shouting and violence at home.",
        "dissent": "",
        "lead_social_worker_id": str(conference.worker_id),
        "core_group": [str(conference.social_care), str(conference.teacher)],
        "contingency_plan": "If Dad returns while drinking, we will hold a strategy discussion.",
        "first_core_group_on": ["7", "12", "2026"],
        "review_on": ["19", "2", "2027"],
        "version": "0",
    }
    form.update(changes)
    return form


def someone_else(app, make_user, role, email, team=None) -> Client:
    """A second browser, signed in as a new user, beside the chair's."""
    make_user(role, email=email, team=team)
    browser = Client(app.test_client())
    assert sign_in(browser, email).status_code == 302
    return browser


def get(app, model, **where):
    with app.app_context():
        found = db.session.query(model).filter_by(**where).one()
        db.session.expunge(found)
        return found


def events(app, action, record_type) -> list[AuditEvent]:
    with app.app_context():
        found = db.session.query(AuditEvent).filter_by(action=action, record_type=record_type)
        found = found.order_by(AuditEvent.id).all()
        db.session.expunge_all()
        return found


# The decisions page and the form


def test_decisions_page_lists_each_child_not_decided_yet(meeting):
    conference = meeting.conference
    html = assert_page(meeting.get(conference.decisions), "Decisions")
    assert "Lily Jones Record the decision (Lily Jones) Decision Not decided yet" in text_of(html)
    assert f'href="{conference.url}"' in html


def test_the_form_asks_each_agency_that_came_or_sent_a_report(meeting):
    conference = meeting.conference
    html = assert_page(meeting.get(conference.url), "Decision for Lily Jones")
    page = text_of(html)
    assert "Sam Worker – Social worker" in page
    assert "Tess Teacher – Class teacher, Sample Primary School" in page
    assert "Dr Gill – GP (sent a report)" in page
    assert f'name="recommendation-{conference.mother}"' not in html
    assert f'name="recommendation-{conference.police}"' not in html
    assert 'name="version" type="hidden" value="0"' in html
    assert f'data-autosave="conference-{conference.id}-decision-{conference.child_id}"' in html
    assert f'<option value="{conference.worker_id}" selected>Sam Worker</option>' in html


def test_the_statutory_due_dates_are_shown(meeting):
    page = text_of(meeting.get(meeting.conference.url).get_data(as_text=True))
    assert f"The first core group is {DUE_FIRST_CORE_GROUP}." in page
    assert f"The review conference is {DUE_REVIEW}." in page


@pytest.mark.parametrize(
    ("changes", "messages"),
    [
        (
            {"outcome": "", "reasons": " "},
            ["Select the decision for Lily", "Enter the reasons for the decision"],
        ),
        (
            {"category": "", "contingency_plan": ""},
            [
                "Select the category of abuse",
                "Enter the contingency plan: what will happen if things do not change",
            ],
        ),
        (
            {"first_core_group_on": ["26", "11", "2026"], "review_on": ["30", "2", "2027"]},
            [
                "The date of the first core group must be after the conference",
                "The date of the review conference must be a real date",
            ],
        ),
    ],
)
def test_the_decision_is_checked_and_what_was_typed_is_kept(meeting, app, changes, messages):
    conference = meeting.conference
    form = decision_form(conference, **changes)
    html = meeting.post(conference.url, form).get_data(as_text=True)
    assert error_messages(html) == messages
    assert "Dana says things are calmer since Dad moved out." in html
    assert count(app, ChildDecision) == 0
    assert count(app, AgencyView) == 0


def test_an_agency_view_needs_both_a_recommendation_and_reasons(meeting, app):
    conference = meeting.conference
    form = decision_form(
        conference,
        **{
            f"recommendation-{conference.teacher}": "",
            f"recommendation-{conference.gp}": "cin_plan",
        },
    )
    html = meeting.post(conference.url, {**form, "outcome": ""}).get_data(as_text=True)
    expected = [
        "Select the recommendation of Tess Teacher",
        "Enter the reasons for Dr Gill’s recommendation",
        "Select the decision for Lily",
    ]
    assert error_messages(html) == expected
    assert error_summary(html) == expected  # in the order of the page
    assert count(app, ChildDecision) == 0


# Saving


def test_chair_records_the_decision_with_views_and_core_group(meeting, app):
    conference = meeting.conference
    response = meeting.post(conference.url, decision_form(conference))
    assert response.headers["Location"] == conference.decisions
    decision = get(app, ChildDecision, child_id=conference.child_id)
    assert (
        decision.outcome,
        decision.category,
        decision.reasons,
        decision.parents_view,
        decision.lead_social_worker_id,
        decision.first_core_group_on,
        decision.review_on,
        decision.version,
    ) == (
        "cp_plan",
        "EMO",
        "Lily is living with shouting and violence at home.",
        "Dana says things are calmer since Dad moved out.",
        conference.worker_id,
        date(2026, 12, 7),
        date(2027, 2, 19),
        1,
    )
    with app.app_context():
        views = {
            v.attendee_id: (v.recommendation, v.reasons)
            for v in db.session.query(AgencyView).filter_by(child_id=conference.child_id)
        }
        in_core_group = {
            a.id for a in db.session.query(Attendee).filter_by(in_core_group=True).all()
        }
    assert views == {
        conference.social_care: ("cp_plan", "Lily has seen Dad push Mum three times since March."),
        conference.teacher: ("cp_plan", "Lily told her teacher she hides under her bed."),
    }
    assert in_core_group == {conference.social_care, conference.teacher}
    page = text_of(meeting.get(conference.decisions).get_data(as_text=True))
    assert "Decision for Lily saved" in page
    assert "Decision Child protection plan (Emotional abuse)" in page
    assert "Lead social worker Sam Worker" in page
    assert "First core group 7 December 2026 Review conference 19 February 2027" in page


def test_everything_saved_is_audited_under_the_case(meeting, app):
    conference = meeting.conference
    meeting.post(conference.url, decision_form(conference))
    [created] = events(app, "create", "child_decision")
    assert (created.case_id, created.user_id) == (conference.case_id, meeting.user_id)
    assert created.changes["outcome"] == [None, "cp_plan"]
    views = events(app, "create", "agency_view")
    assert len(views) == 2 and {e.case_id for e in views} == {conference.case_id}
    core_group = events(app, "update", "attendee")
    assert sorted(e.record_id for e in core_group) == sorted(
        [str(conference.social_care), str(conference.teacher)]
    )
    assert core_group[0].changes == {"in_core_group": [False, True]}
    [member] = events(app, "create", "core_group_member")
    assert member.case_id == conference.case_id


def teacher_browser(app) -> Client:
    browser = Client(app.test_client())
    assert sign_in(browser, "teacher@example.org").status_code == 302
    return browser


def test_the_core_group_gives_a_linked_practitioner_access_to_the_case(meeting, app):
    conference = meeting.conference
    teacher = teacher_browser(app)
    assert teacher.get(f"/cases/{conference.case_id}").status_code == 404
    meeting.post(conference.url, decision_form(conference))
    member = get(app, CoreGroupMember, case_id=conference.case_id)
    assert member.user_id == conference.teacher_user_id
    assert teacher.get(f"/cases/{conference.case_id}").status_code == 200


def test_a_practitioner_not_in_the_core_group_cannot_see_the_case(meeting, app):
    conference = meeting.conference
    meeting.post(conference.url, decision_form(conference, core_group=[]))
    assert count(app, CoreGroupMember) == 0
    assert teacher_browser(app).get(f"/cases/{conference.case_id}").status_code == 404


def test_unticking_someone_never_removes_their_access_silently(meeting, app):
    conference = meeting.conference
    meeting.post(conference.url, decision_form(conference))
    meeting.post(
        conference.url, decision_form(conference, core_group=[str(conference.mother)], version="1")
    )
    assert not get(app, Attendee, id=conference.teacher).in_core_group
    assert get(app, Attendee, id=conference.mother).in_core_group
    assert count(app, CoreGroupMember, case_id=conference.case_id) == 1


def test_changing_the_decision_and_clearing_a_view(meeting, app):
    conference = meeting.conference
    meeting.post(conference.url, decision_form(conference))
    html = meeting.get(conference.url).get_data(as_text=True)
    assert 'name="version" type="hidden" value="1"' in html
    assert "Lily told her teacher she hides under her bed." in html
    assert 'value="cp_plan" checked' in html and 'value="EMO" checked' in html
    assert 'id="first_core_group_on-day" name="first_core_group_on" type="text" value="07"' in html
    changed = decision_form(
        conference,
        outcome="cin_plan",
        category="EMO",
        version="1",
        **{f"recommendation-{conference.teacher}": "", f"view-{conference.teacher}": ""},
    )
    meeting.post(conference.url, changed)
    decision = get(app, ChildDecision, child_id=conference.child_id)
    assert (decision.outcome, decision.category, decision.version) == ("cin_plan", None, 2)
    assert count(app, AgencyView) == 1
    [update] = events(app, "update", "child_decision")
    assert update.changes["outcome"] == ["cp_plan", "cin_plan"]
    assert update.changes["category"] == ["EMO", None]
    [removed] = events(app, "delete", "agency_view")
    assert removed.changes["reasons"] == ["Lily told her teacher she hides under her bed.", None]


def test_changing_only_an_agency_view_moves_the_decisions_version_on(meeting, app):
    conference = meeting.conference
    meeting.post(conference.url, decision_form(conference))
    changed = {f"view-{conference.teacher}": "Lily is often late and hungry.", "version": "1"}
    meeting.post(conference.url, decision_form(conference, **changed))
    assert get(app, ChildDecision, child_id=conference.child_id).version == 2
    assert get(app, AgencyView, attendee_id=conference.teacher).reasons == (
        "Lily is often late and hungry."
    )


# Warnings that do not stop the save


def test_the_multiple_category_is_discouraged_but_allowed(meeting, app):
    conference = meeting.conference
    html = meeting.post(
        conference.url, decision_form(conference, category="MUL", reasons="")
    ).get_data(as_text=True)
    assert MULTIPLE_WARNING in text_of(html)
    meeting.post(conference.url, decision_form(conference, category="MUL"))
    assert get(app, ChildDecision, child_id=conference.child_id).category == "MUL"
    assert MULTIPLE_WARNING in text_of(meeting.get(conference.decisions).get_data(as_text=True))
    assert MULTIPLE_WARNING in text_of(meeting.get(conference.url).get_data(as_text=True))


def test_no_warning_for_a_main_category(meeting):
    conference = meeting.conference
    meeting.post(conference.url, decision_form(conference))
    assert MULTIPLE_WARNING not in text_of(meeting.get(conference.decisions).get_data(as_text=True))
    assert "would be late" not in text_of(meeting.get(conference.decisions).get_data(as_text=True))


def test_late_dates_are_warned_about_but_saved(meeting, app):
    conference = meeting.conference
    late = {"first_core_group_on": ["14", "12", "2026"], "review_on": ["1", "3", "2027"]}
    meeting.post(conference.url, decision_form(conference, **late))
    decision = get(app, ChildDecision, child_id=conference.child_id)
    assert (decision.first_core_group_on, decision.review_on) == (
        date(2026, 12, 14),
        date(2027, 3, 1),
    )
    for url in (conference.decisions, conference.url):
        page = text_of(meeting.get(url).get_data(as_text=True))
        assert (
            f"The first core group on 14 December 2026 would be late: it is {DUE_FIRST_CORE_GROUP}"
            in page
        )
        assert f"The review conference on 1 March 2027 would be late: it is {DUE_REVIEW}" in page


def test_a_review_conference_is_followed_by_a_review_within_six_months(meeting, app):
    conference = meeting.conference
    with app.app_context():
        db.session.get(Conference, conference.id).conference_type = "review"
        db.session.commit()
    page = text_of(meeting.get(conference.url).get_data(as_text=True))
    assert "The review conference is due by 26 May 2027 (6 months after the conference)." in page


# Saves that clash


def test_stale_decision_keeps_what_was_typed_and_changes_nothing(meeting, app):
    conference = meeting.conference
    meeting.post(conference.url, decision_form(conference))  # someone else, first
    mine = decision_form(conference, outcome="cin_plan", reasons="Mum is working with us.")
    html = meeting.post(conference.url, mine).get_data(as_text=True)
    page = text_of(html)
    assert "Someone else changed this record while you were editing it" in page
    assert "The chair’s decision Child protection plan Child in need plan" in page
    assert "Mum is working with us." in html
    assert 'name="version" type="hidden" value="1"' in html
    decision = get(app, ChildDecision, child_id=conference.child_id)
    assert (decision.outcome, decision.version) == ("cp_plan", 1)
    meeting.post(conference.url, {**mine, "version": "1"})
    assert get(app, ChildDecision, child_id=conference.child_id).outcome == "cin_plan"


# Who may do what


@pytest.mark.parametrize(
    ("role", "team"), [("practitioner", None), ("social_worker", "Team B"), ("manager", "Team B")]
)
def test_people_who_may_not_see_the_case_are_told_it_does_not_exist(
    meeting, make_user, app, role, team
):
    conference = meeting.conference
    client = someone_else(app, make_user, role, "outsider@example.org", team=team)
    for url in (conference.decisions, conference.url):
        assert_page(client.get(url), "Page not found", status=404)
    assert client.post(conference.url, decision_form(conference), page="/").status_code == 404
    assert count(app, ChildDecision) == 0


def test_a_social_worker_in_the_team_not_allocated_sees_but_cannot_decide(meeting, make_user, app):
    conference = meeting.conference
    client = someone_else(app, make_user, "social_worker", "colleague@example.org", "Team A")
    html = assert_page(client.get(conference.decisions), "Decisions")
    assert f'href="{conference.url}"' not in html
    denied = "You do not have permission to see this page"
    assert_page(client.get(conference.url), denied, status=403)
    response = client.post(conference.url, decision_form(conference), page="/")
    assert response.status_code == 403
    assert count(app, ChildDecision) == 0


def test_the_allocated_social_worker_proposes_but_does_not_decide(meeting, app):
    """The decision is the chair's (issue 18): the case's own social worker is refused too."""
    conference = meeting.conference
    worker = Client(app.test_client())
    sign_in(worker, "sam@example.org")
    html = assert_page(worker.get(conference.decisions), "Decisions")
    assert f'href="{conference.url}"' not in html
    denied = "You do not have permission to see this page"
    assert_page(worker.get(conference.url), denied, status=403)
    assert worker.post(conference.url, decision_form(conference), page="/").status_code == 403
    assert count(app, ChildDecision) == 0


def test_a_child_of_another_family_is_not_found(meeting, make_conference):
    other = make_conference()
    url = f"{meeting.conference.decisions}/{other.child_id}"
    assert_page(meeting.get(url), "Page not found", status=404)


def test_viewing_the_decisions_is_audited(meeting, app):
    meeting.get(meeting.conference.decisions)
    [event] = events(app, "view", "conference")
    assert event.case_id == meeting.conference.case_id


# For the conference hub


def test_decision_summary_gives_the_outcome_and_category_for_each_child(meeting, app):
    conference = meeting.conference
    with app.app_context():
        [before] = decision_summary(db.session.get(Conference, conference.id))
        assert (before.outcome, before.label) == (None, "Not decided yet")
    meeting.post(conference.url, decision_form(conference, category="NEG"))
    with app.app_context():
        [after] = decision_summary(db.session.get(Conference, conference.id))
        assert (after.child.given_name, after.outcome, after.category) == ("Lily", "cp_plan", "NEG")
        assert (after.outcome_label, after.category_label, after.label) == (
            "Child protection plan",
            "Neglect",
            "Child protection plan (Neglect)",
        )


def test_saving_discards_the_autosaved_draft(meeting, app):
    conference = meeting.conference
    key = f"conference-{conference.id}-decision-{conference.child_id}"
    with app.app_context():
        draft = FormDraft(user_id=meeting.user_id, form_key=key, data={"reasons": "Typed"})
        db.session.add(draft)
        db.session.commit()
    assert f'data-autosave="{key}"' in meeting.get(conference.url).get_data(as_text=True)
    meeting.post(conference.url, decision_form(conference, reasons=""))
    assert count(app, FormDraft) == 1  # still needed: the decision was not saved
    meeting.post(conference.url, decision_form(conference))
    assert count(app, FormDraft) == 0
