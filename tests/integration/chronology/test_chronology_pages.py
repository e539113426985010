"""The chronology page: built from the record for the children and the family, filtered, with
significant events added and corrected by hand (never silently), and who may do what."""

from datetime import date, timedelta

from pages import assert_page, error_messages, error_summary, select, text, texts
from records import events, get

from conference.domain import clock
from conference.domain.wording import long_date
from conference.extensions import db
from conference.models import (
    ChronologyAmendment,
    ChronologyEvent,
    CoreGroupAttendance,
    CoreGroupMeeting,
    GoalProgress,
    SafetyGoal,
)


def typed(day: date) -> list[str]:
    return [str(day.day), str(day.month), str(day.year)]


def rows(html: str) -> list[str]:
    return [" ".join(text(row).split()) for row in select(html, "#chronology tbody tr")]


def url(family) -> str:
    return f"/cases/{family.case_id}/chronology"


def test_the_chronology_is_built_from_the_record_in_date_order(app, family, as_user):
    client = as_user("sw@example.org")
    html = assert_page(client.get(url(family)), "Chronology")
    shown = rows(html)
    expected_in_order = [
        "Referral to children’s social care",
        "Case allocated to Olu Other",
        "Strategy discussion",
        "Section 47 enquiry started",
        "Social worker changed from Olu Other to Sam Worker",
        "Initial child protection conference",
        "Decision: Child protection plan (category: Neglect)",
        "Decision: Child in need plan",
        "Child protection plan version 1 finalised",
        "Statutory visit: Ada seen alone and Ben not seen",
        "Core group meeting",
        "Management oversight: Keep the plan; ask the school about Fridays (1 action)",
    ]
    positions = [
        next(i for i, row in enumerate(shown) if what in row) for what in expected_in_order
    ]
    assert positions == sorted(positions)
    assert "Chaired by Cat Chair" in next(r for r in shown if "Initial child protection" in r)
    # On a phone the table scrolls in its own box, which the keyboard reaches (WCAG 2.1.1).
    box = select(html, ".app-table-container")[0]
    assert box.get("tabindex") == "0" and box.get("role") == "region"
    caption = select(html, f"#{box.get('aria-labelledby')}")[0]
    assert text(caption) == f"{len(shown)} events"
    assert select(html, ".app-table-container table#chronology")
    # The oversight is internal: marked as not for the family.
    oversight = next(r for r in shown if "Management oversight:" in r)
    assert "Not for the family" in oversight
    assert [e.case_id for e in events(app, "view", record_type="family_case")] == [family.case_id]


def test_strategy_discussions_and_core_groups_say_what_the_record_holds(app, family, as_user):
    with app.app_context():
        meeting = db.session.query(CoreGroupMeeting).one()
        meeting.chaired_by = "Sam Worker"
        meeting.attendance = [
            CoreGroupAttendance(name="Ama", attendance="attended"),
            CoreGroupAttendance(name="Sam Worker", attendance="attended"),
            CoreGroupAttendance(name="Pat Nurse", attendance="apologies"),
        ]
        goals = [SafetyGoal(plan_id=meeting.plan_id, statement=f"Goal {n}") for n in (1, 2)]
        meeting.progress = [
            GoalProgress(goal=goals[0], rating="achieved"),
            GoalProgress(goal=goals[1], rating="some_progress"),
        ]
        db.session.commit()
    shown = rows(assert_page(as_user("sw@example.org").get(url(family)), "Chronology"))
    assert any(
        "Core group meeting: 2 of 3 people came; safety goals: 1 achieved, 1 some progress"
        " The whole family Chaired by Sam Worker" in row
        for row in shown
    )
    assert any(
        "Strategy discussion: a section 47 enquiry to start Ada Case record" in row for row in shown
    )


def test_practitioners_from_other_agencies_do_not_see_the_oversight(app, family, as_user):
    client = as_user("gp@example.org")
    html = assert_page(client.get(url(family)), "Chronology")
    assert not any("Management oversight" in row for row in rows(html))
    assert any("Core group meeting" in row for row in rows(html))
    assert "Add a significant event" not in html
    # Nor is it offered as a type of event to filter by; asked for anyway, it is refused.
    kinds = texts(html, "#kind option")
    assert "Core group meeting" in kinds and "Management oversight" not in kinds
    html = client.get(url(family), query_string={"kind": "oversight"}).get_data(as_text=True)
    assert error_messages(html) == ["Select a type of event from the list"]
    assert rows(html) == []
    manager = as_user("manager@example.org").get(url(family)).get_data(as_text=True)
    assert "Management oversight" in texts(manager, "#kind option")


def test_filters_by_child_type_and_dates(family, as_user):
    client = as_user("sw@example.org")
    html = client.get(url(family), query_string={"child": family.ben}).get_data(as_text=True)
    shown = rows(html)
    assert not any("Neglect" in row for row in shown)  # Ada's decision
    assert any("Child in need plan" in row for row in shown)  # Ben's
    assert any("Core group meeting" in row for row in shown)  # the family's
    html = client.get(url(family), query_string={"kind": "visit"}).get_data(as_text=True)
    assert len(rows(html)) == 1
    dates = {
        "start": typed(date(2026, 3, 20)),
        "end": typed(date(2026, 3, 31)),
    }
    query = [("start", v) for v in dates["start"]] + [("end", v) for v in dates["end"]]
    html = client.get(url(family), query_string=query).get_data(as_text=True)
    shown = rows(html)
    assert shown and all("March 2026" in row for row in shown)
    assert not any("Referral" in row for row in shown)


def test_filters_that_are_not_valid_say_why_and_show_nothing(family, as_user):
    client = as_user("sw@example.org")
    query = [("start", "1"), ("start", "4"), ("start", "2026"), ("end", "31"), ("end", "3")]
    query += [("end", "2026"), ("kind", "nonsense")]
    html = assert_page(client.get(url(family), query_string=query), "Chronology")
    assert error_messages(html) == [
        "Select a type of event from the list",
        "The ‘to’ date must be the same as or after the ‘from’ date",
    ]
    assert error_summary(html) == error_messages(html)
    assert rows(html) == []
    query = [("start", "31"), ("start", "2"), ("start", "2026")]
    html = client.get(url(family), query_string=query).get_data(as_text=True)
    assert error_messages(html) == ["The ‘from’ date must be a real date"]


def event_form(**overrides) -> dict:
    fields = {
        "occurred_on": typed(date(2026, 4, 5)),
        "what_happened": "Police called to the home after a neighbour heard shouting",
        "source": "Police notification",
        "impact_on_child": "Ada was frightened and did not go to school the next day",
        "child_ids": [],
        "not_for_family": "",
    }
    fields.update(overrides)
    data = []
    for name, value in fields.items():
        for each in value if isinstance(value, list) else [value]:
            if each != "":
                data.append((name, each))
    return data


def test_adding_a_significant_event(app, family, as_user):
    client = as_user("sw@example.org")
    form = event_form(child_ids=[str(family.ada)], not_for_family="y")
    response = client.post(f"{url(family)}/new", data=form)
    assert response.status_code == 302
    html = client.get(url(family)).get_data(as_text=True)
    row = next(r for r in rows(html) if "Police called" in r)
    assert "5 April 2026" in row and "Police notification" in row and "Ada" in row
    assert "Not for the family" in row and "Sam Worker" in row
    with app.app_context():
        stored = db.session.query(ChronologyEvent).one()
        assert stored.child_ids == [family.ada]
        assert stored.not_for_family is True
        assert stored.recorded_by_id == family.social_worker
    assert len(events(app, "create", record_type="chronology_event")) == 1


def test_an_event_for_the_whole_family(app, family, as_user):
    client = as_user("manager@example.org")
    client.post(f"{url(family)}/new", data=event_form())
    html = client.get(url(family), query_string={"child": family.ben}).get_data(as_text=True)
    row = next(r for r in rows(html) if "Police called" in r)
    assert "The whole family" in row
    assert "Not for the family" not in row


def test_two_people_adding_the_same_event_are_told_before_it_is_saved_twice(
    app, family, as_user, add_event
):
    add_event()  # about Ada, on 5 April 2026, by Sam Worker
    client = as_user("manager@example.org")
    same = event_form(child_ids=[str(family.ada)], source="Police, PC Wójcik")
    html = assert_page(client.post(f"{url(family)}/new", data=same), "Add a significant event")
    [banner] = texts(html, ".govuk-notification-banner")
    assert "This event may be recorded already" in banner
    assert "5 April 2026: Police called to the home (recorded by Sam Worker)" in banner
    assert 'value="Police, PC Wójcik"' in html
    with app.app_context():
        assert db.session.query(ChronologyEvent).count() == 1

    # A different event that day is added when they say so; another day is not asked about.
    assert client.post(f"{url(family)}/new", data=[*same, ("another", "yes")]).status_code == 302
    only_ben = event_form(child_ids=[str(family.ben)], occurred_on=typed(date(2026, 4, 6)))
    assert client.post(f"{url(family)}/new", data=only_ben).status_code == 302
    with app.app_context():
        assert db.session.query(ChronologyEvent).count() == 3


def test_bad_input_changes_nothing_and_keeps_what_was_typed(app, family, as_user):
    client = as_user("sw@example.org")
    tomorrow = clock.today() + timedelta(days=1)
    form = event_form(occurred_on=typed(tomorrow), source="", impact_on_child="x" * 5001)
    html = assert_page(client.post(f"{url(family)}/new", data=form), "Add a significant event")
    assert error_messages(html) == [
        "The date of the event must be today or in the past",
        "Enter where this is known from",
        "Impact on the child must be 5,000 characters or fewer",
    ]
    assert "Police called to the home" in html
    with app.app_context():
        assert db.session.query(ChronologyEvent).count() == 0
    html = client.post(f"{url(family)}/new", data=event_form(child_ids=["999999"])).get_data(
        as_text=True
    )
    assert error_messages(html) == ["Select children in this family"]
    with app.app_context():
        assert db.session.query(ChronologyEvent).count() == 0


def test_a_correction_needs_a_reason_and_is_shown_with_the_earlier_wording(
    app, family, as_user, add_event
):
    event_id = add_event()
    client = as_user("manager@example.org")
    page = f"{url(family)}/{event_id}/correct"
    html = assert_page(client.get(page), "Correct a significant event")
    assert "Police called to the home" in html
    form = event_form(what_happened="Police called to the home by Ada’s mother", version="1")
    form = [(k, v) for k, v in form if k != "reason"]
    html = client.post(page, data=form).get_data(as_text=True)
    assert error_messages(html) == ["Enter why you are correcting the event"]
    assert get(app, ChronologyEvent, event_id).version == 1
    form.append(("reason", "The police log says Mum called them"))
    assert client.post(page, data=form).status_code == 302
    stored = get(app, ChronologyEvent, event_id)
    assert stored.what_happened == "Police called to the home by Ada’s mother"
    with app.app_context():
        amendment = db.session.query(ChronologyAmendment).one()
        assert amendment.before["what_happened"] == "Police called to the home"
        assert amendment.reason == "The police log says Mum called them"
        assert amendment.made_by_id == family.manager
        made_on = amendment.made_at.astimezone(clock.LONDON).date()  # when it was, not today
    html = client.get(url(family)).get_data(as_text=True)
    row = next(r for r in rows(html) if "Ada’s mother" in r)
    assert f"Amended on {long_date(made_on)} by Mo Manager" in row
    earlier = texts(html, "#chronology .govuk-details__text")
    assert "The police log says Mum called them" in earlier[0]
    # The earlier wording, each part on its own line, named: no brackets inside brackets.
    assert [" ".join(t.split()) for t in texts(html, "#chronology .govuk-details__text li")] == [
        "Date: 5 April 2026",
        "What happened: Police called to the home",
        "Source: Police notification",
        "Impact on the child: Ada was frightened",
    ]
    assert "(source:" not in html
    assert len(events(app, "amend", record_type="chronology_event")) == 1


def test_a_correction_that_changes_nothing_is_refused(app, family, as_user, add_event):
    event_id = add_event()
    client = as_user("sw@example.org")
    page = f"{url(family)}/{event_id}/correct"
    form = event_form(
        what_happened="Police called to the home",
        impact_on_child="Ada was frightened",
        child_ids=[str(family.ada)],
        version="1",
        reason="No reason",
    )
    html = client.post(page, data=form).get_data(as_text=True)
    assert error_messages(html) == ["Change the event, or go back if there is nothing to correct"]
    with app.app_context():
        assert db.session.query(ChronologyAmendment).count() == 0


def test_two_people_correcting_the_same_event(app, family, as_user, add_event):
    event_id = add_event()
    page = f"{url(family)}/{event_id}/correct"
    first, second = as_user("sw@example.org"), as_user("manager@example.org")
    token = second.csrf_token(page)
    form = event_form(what_happened="First wording", version="1", reason="First")
    assert first.post(page, data=form).status_code == 302
    mine = event_form(what_happened="Second wording", version="1", reason="Second")
    mine.append(("csrf_token", token))
    html = second.post(page, data=mine).get_data(as_text=True)
    assert "Someone else changed this record while you were editing it" in html
    assert "Second wording" in html  # what they typed is kept
    assert get(app, ChronologyEvent, event_id).what_happened == "First wording"
    with app.app_context():
        assert db.session.query(ChronologyAmendment).count() == 1


def test_who_may_add_and_correct(app, family, as_user, add_event):
    event_id = add_event()
    practitioner = as_user("gp@example.org")
    assert practitioner.get(f"{url(family)}/new").status_code == 403
    assert practitioner.get(f"{url(family)}/{event_id}/correct").status_code == 403
    other = as_user("sw2@example.org")  # in the team, not allocated: sees, may not change
    assert other.get(url(family)).status_code == 200
    assert other.get(f"{url(family)}/new").status_code == 403
    chair = as_user("chair@example.org")
    assert chair.get(f"{url(family)}/{event_id}/correct").status_code == 200
    assert chair.get(f"{url(family)}/{event_id + 1000}/correct").status_code == 404


def test_links_from_the_case_and_the_conference(app, family, as_user):
    client = as_user("sw@example.org")
    html = client.get(f"/cases/{family.case_id}").get_data(as_text=True)
    assert f"/cases/{family.case_id}/chronology" in html
    with app.app_context():
        from conference.models import Conference

        conference_id = db.session.query(Conference.id).scalar()
    html = client.get(f"/conferences/{conference_id}").get_data(as_text=True)
    assert f"/cases/{family.case_id}/chronology" in html
