"""A child's episodes of need and section 47 enquiries: what the pages show, what is stored,
the date rules, a second person's save, access and the audit trail."""

import re
from datetime import date

import answers
import pytest
from helpers import PASSWORD, Client, count, sign_in
from pages import assert_page, error_messages, text_of
from records import add_child, add_enquiry, add_episode, events

from conference.extensions import db
from conference.models import AuditEvent, Child, ChildEpisode, Section47Enquiry

EMPTY = ["", "", ""]


def day(value: str) -> list[str]:
    d, m, y = value.split("/")
    return [d, m, y]


def episode_answers(**changes) -> dict:
    return {
        "referral_date": day("28/9/2026"),
        "referral_source": "3B",
        "primary_need_code": "N1",
        "referral_nfa": "no",
        "assessment_started_on": day("29/9/2026"),
        "assessment_authorised_on": EMPTY,
        "cin_plan_started_on": EMPTY,
        "cin_plan_ended_on": EMPTY,
        "closed_on": EMPTY,
        "closure_reason": "",
        "version": "1",
        **changes,
    }


def enquiry_answers(**changes) -> dict:
    return {
        "strategy_discussion_on": day("1/10/2026"),
        "started_on": day("1/10/2026"),
        "completed_on": EMPTY,
        "outcome": "",
        "version": "1",
        **changes,
    }


@pytest.fixture
def worker(signed_in, make_case, app):
    """The allocated social worker, signed in; `.case_id` and `.child_id` (a child whose open
    episode began with the family's referral on 28 September 2026)."""
    client = signed_in("social_worker", team="Team A", email="sw@example.org")
    client.case_id = make_case(team="Team A", social_worker_id=client.user_id)
    client.child_id = add_child(app, client.case_id)
    client.base = f"/cases/{client.case_id}/children/{client.child_id}/episodes"
    return client


def _version(client, url) -> str:
    """The version the form at `url` carries, as a browser loading it would send back."""
    html = client.get(url).get_data(as_text=True)
    return re.search(r'name="version"[^>]*value="(\d+)"', html).group(1)


def _episodes(app, child_id) -> list[ChildEpisode]:
    with app.app_context():
        found = db.session.get(Child, child_id).episodes
        for episode in found:
            _ = episode.enquiries
        db.session.expunge_all()
        return found


def test_the_case_page_links_to_each_childs_episodes(worker):
    html = worker.get(f"/cases/{worker.case_id}").get_data(as_text=True)
    assert f'href="{worker.base}"' in html
    assert "Episode Referred on 28 September 2026, open" in text_of(html)


def test_the_episode_form_stores_and_shows_the_census_answers(worker, app):
    [episode] = _episodes(app, worker.child_id)
    url = f"{worker.base}/{episode.id}/edit"
    assert_page(worker.get(url), "Change the episode referred on 28 September 2026")
    answers = episode_answers(
        assessment_authorised_on=day("20/10/2026"),
        cin_plan_started_on=day("21/10/2026"),
        cin_plan_ended_on=day("2/11/2026"),
        closed_on=day("3/11/2026"),
        closure_reason="RC7",
    )
    saved = worker.post(url, answers)
    assert saved.headers["Location"] == worker.base
    [stored] = _episodes(app, worker.child_id)
    assert (stored.referral_source, stored.primary_need_code) == ("3B", "N1")
    assert (stored.assessment_started_on, stored.assessment_authorised_on) == (
        date(2026, 9, 29),
        date(2026, 10, 20),
    )
    assert (stored.cin_plan_started_on, stored.cin_plan_ended_on) == (
        date(2026, 10, 21),
        date(2026, 11, 2),
    )
    assert (stored.closed_on, stored.closure_reason, stored.version) == (
        date(2026, 11, 3),
        "RC7",
        2,
    )
    shown = text_of(worker.get(worker.base).get_data(as_text=True))
    assert "Referred on 28 September 2026 (closed)" in shown
    assert "Referral source Health services: health visitor" in shown
    assert "Primary need Abuse or neglect" in shown
    assert "Child in need plan started 21 October 2026" in shown
    assert "Reason for closure Services ceased for any other reason" in shown
    [change] = events(app, "update", record_type="child_episode")
    assert change.user_id == worker.user_id and change.case_id == worker.case_id
    assert change.changes["closure_reason"] == [None, "RC7"]


@pytest.mark.parametrize(
    "changes, messages",
    [
        (
            {"closed_on": day("3/11/2026")},
            ["Select the reason the episode closed"],
        ),
        (
            {"closure_reason": "RC7"},
            ["Enter the date the episode closed, or remove the reason"],
        ),
        (
            {"assessment_started_on": day("1/9/2026")},
            ["The date the assessment started must be on or after the referral date"],
        ),
        (
            {"cin_plan_started_on": day("5/10/2026"), "cin_plan_ended_on": day("4/10/2026")},
            ["The date the child in need plan ended must be on or after the date it started"],
        ),
        (
            {"closed_on": day("1/10/2026"), "closure_reason": "RC8"},
            [
                "The date the episode closed must be on or after everything in it: "
                "2 October 2026 is later"
            ],
        ),
        (
            {"referral_date": day("31/2/2026")},
            ["The referral date must be a real date"],
        ),
        (
            {"closed_on": ["1", "1", "2999"], "closure_reason": "RC7"},
            ["The date the episode closed must be today or in the past"],
        ),
    ],
)
def test_bad_episode_answers_are_refused_with_a_message_and_nothing_changes(
    worker, app, changes, messages
):
    add_enquiry(app, worker.child_id, date(2026, 10, 2))
    [episode] = _episodes(app, worker.child_id)
    url = f"{worker.base}/{episode.id}/edit"
    answers = episode_answers(**changes)
    html = assert_page(
        worker.post(url, answers), "Change the episode referred on 28 September 2026"
    )
    assert error_messages(html) == messages
    [stored] = _episodes(app, worker.child_id)
    assert (stored.version, stored.referral_source, stored.closed_on) == (1, None, None)
    # What was typed is still in the form.
    assert 'value="3B" selected' in html
    assert count(app, AuditEvent, action="update") == 0


def test_a_second_save_of_the_same_episode_is_told_and_keeps_its_answers(worker, app):
    [episode] = _episodes(app, worker.child_id)
    url = f"{worker.base}/{episode.id}/edit"
    other = Client(app.test_client())
    with app.app_context():
        from conference.models import Role, User

        manager = User(email="m@example.org", name="Manager", role=Role.MANAGER.value)
        manager.team_id = db.session.get(Child, worker.child_id).case.team_id
        manager.set_password(PASSWORD)
        db.session.add(manager)
        db.session.commit()
    assert sign_in(other, "m@example.org").status_code == 302
    assert other.post(url, episode_answers(referral_source="6")).status_code == 302

    html = worker.post(url, episode_answers(referral_source="2A")).get_data(as_text=True)
    shown = text_of(html)
    assert "Someone else changed this record while you were editing it" in shown
    assert "Referral source Police Schools" in shown
    assert 'value="2A" selected' in html  # their answer kept in the form
    [stored] = _episodes(app, worker.child_id)
    assert (stored.referral_source, stored.version) == ("6", 2)
    # Saving again knowingly keeps theirs.
    assert worker.post(url, episode_answers(referral_source="2A", version="2")).status_code == 302
    [stored] = _episodes(app, worker.child_id)
    assert stored.referral_source == "2A"


def test_a_new_episode_only_once_the_last_has_closed_and_from_a_later_referral(worker, app):
    new = f"{worker.base}/new"
    html = assert_page(worker.get(new), "Open a new episode for Lily Jones")
    assert "current episode is still open" in text_of(html)
    refused = worker.post(
        new, episode_answers(referral_date=day("1/11/2026"), assessment_started_on=EMPTY)
    )
    assert error_messages(refused.get_data(as_text=True)) == [
        "Close the child’s current episode before opening a new one"
    ]
    assert len(_episodes(app, worker.child_id)) == 1

    [first] = _episodes(app, worker.child_id)
    closing = episode_answers(closed_on=day("5/10/2026"), closure_reason="RC8")
    assert worker.post(f"{worker.base}/{first.id}/edit", closing).status_code == 302
    version = _version(worker, new)
    assert version == "2"  # the last episode's, as it was closed
    early = worker.post(
        new,
        episode_answers(
            referral_date=day("5/10/2026"), assessment_started_on=EMPTY, version=version
        ),
    )
    assert error_messages(early.get_data(as_text=True)) == [
        "The referral date must be after the previous episode closed, on 5 October 2026"
    ]
    later = episode_answers(
        referral_date=day("12/10/2026"), assessment_started_on=EMPTY, version=version
    )
    assert worker.post(new, later).headers["Location"] == worker.base
    episodes = _episodes(app, worker.child_id)
    assert [(e.referral_date, e.closed_on) for e in episodes] == [
        (date(2026, 9, 28), date(2026, 10, 5)),
        (date(2026, 10, 12), None),
    ]
    shown = text_of(worker.get(worker.base).get_data(as_text=True))
    assert shown.index("Referred on 12 October 2026 (open)") < shown.index(
        "Referred on 28 September 2026 (closed)"
    )
    [created] = events(app, "create", record_type="child_episode")
    assert created.user_id == worker.user_id


def test_enquiries_are_added_beside_each_other_never_in_place_of_one(worker, app):
    [episode] = _episodes(app, worker.child_id)
    new = f"{worker.base}/{episode.id}/enquiries/new"
    assert_page(worker.get(new), "Add a section 47 enquiry")
    assert worker.post(new, enquiry_answers()).status_code == 302
    # A second while the first is going on is refused, with its reason.
    second = enquiry_answers(
        strategy_discussion_on=day("20/10/2026"),
        started_on=day("20/10/2026"),
        version=_version(worker, new),
    )
    html = worker.post(new, second).get_data(as_text=True)
    assert error_messages(html) == [
        "Record how the enquiry that started on 1 October 2026 ended before adding another"
    ]
    [first] = _episodes(app, worker.child_id)[0].enquiries
    finished = enquiry_answers(completed_on=day("14/10/2026"), outcome="nfa")
    edit = f"{worker.base}/{episode.id}/enquiries/{first.id}/edit"
    assert worker.post(edit, finished).status_code == 302
    assert worker.post(new, second).status_code == 302  # the episode is as it was
    enquiries = _episodes(app, worker.child_id)[0].enquiries
    assert [(e.started_on, e.completed_on, e.outcome) for e in enquiries] == [
        (date(2026, 10, 1), date(2026, 10, 14), "nfa"),
        (date(2026, 10, 20), None, None),
    ]
    shown = text_of(worker.get(worker.base).get_data(as_text=True))
    assert "1 October 2026 1 October 2026 14 October 2026 No conference: no further action" in shown
    assert "20 October 2026 20 October 2026 Going on Not concluded yet" in shown
    assert len(events(app, "create", record_type="section_47_enquiry")) == 2


@pytest.mark.parametrize(
    "changes, messages",
    [
        (
            {"started_on": day("1/9/2026")},
            ["The date the enquiry started must be on or after the referral, on 28 September 2026"],
        ),
        ({"started_on": EMPTY}, ["Enter the date the enquiry started"]),
        (
            {"strategy_discussion_on": day("27/9/2026"), "started_on": day("28/9/2026")},
            ["The strategy discussion must be on or after the referral, on 28 September 2026"],
        ),
        (
            {"strategy_discussion_on": day("3/10/2026")},
            ["The date the enquiry started must be on or after its strategy discussion"],
        ),
        ({"completed_on": day("2/10/2026")}, ["Select what the enquiry concluded"]),
        ({"outcome": "conference"}, ["Enter the date the enquiry was completed"]),
        (
            {"completed_on": day("30/9/2026"), "outcome": "nfa"},
            ["The date the enquiry was completed must be on or after the date it started"],
        ),
        ({"outcome": "maybe"}, ["Not a valid choice."]),
    ],
)
def test_bad_enquiry_answers_are_refused_and_nothing_is_stored(worker, app, changes, messages):
    [episode] = _episodes(app, worker.child_id)
    html = worker.post(
        f"{worker.base}/{episode.id}/enquiries/new", enquiry_answers(**changes)
    ).get_data(as_text=True)
    assert error_messages(html) == messages
    assert count(app, Section47Enquiry) == 0


def test_a_second_save_of_the_same_enquiry_is_told(worker, app, make_user):
    enquiry_id = add_enquiry(app, worker.child_id, date(2026, 10, 1))
    [episode] = _episodes(app, worker.child_id)
    url = f"{worker.base}/{episode.id}/enquiries/{enquiry_id}/edit"
    make_user("chair", email="chair@example.org")
    chair = Client(app.test_client())
    assert sign_in(chair, "chair@example.org").status_code == 302
    done = enquiry_answers(completed_on=day("9/10/2026"), outcome="child_in_need")
    assert chair.post(url, done).status_code == 302
    html = worker.post(url, enquiry_answers(completed_on=day("9/10/2026"), outcome="nfa"))
    shown = text_of(html.get_data(as_text=True))
    assert "Someone else changed this record while you were editing it" in shown
    assert (
        "Outcome No conference: continue as a child in need No conference: no further action"
        in shown
    )
    with app.app_context():
        assert db.session.get(Section47Enquiry, enquiry_id).outcome == "child_in_need"


def test_who_may_see_and_change_the_episodes(app, make_case, make_user, signed_in):
    case_id = make_case(team="Team A")
    child_id = add_child(app, case_id)
    [episode] = _episodes(app, child_id)
    base = f"/cases/{case_id}/children/{child_id}/episodes"
    make_user("social_worker", email="other-team@example.org", team="Team B")
    outsider = Client(app.test_client())
    sign_in(outsider, "other-team@example.org")
    assert outsider.get(base).status_code == 404
    assert outsider.get(f"{base}/{episode.id}/edit").status_code == 404
    viewer = signed_in("social_worker", team="Team A", email="sw-a@example.org")
    page = viewer.get(base)
    assert page.status_code == 200
    assert "Open a new episode" not in page.get_data(as_text=True)
    assert viewer.get(f"{base}/{episode.id}/edit").status_code == 403
    assert viewer.get(f"{base}/{episode.id}/enquiries/new").status_code == 403
    [seen] = events(app, "view", record_type="child_episode")
    assert (seen.user_id, seen.record_id, seen.case_id) == (
        viewer.user_id,
        str(episode.id),
        case_id,
    )


def test_an_episode_of_another_child_is_not_found(worker, app):
    other_child = add_child(app, worker.case_id, given_name="Sam", local_child_id="LC-2")
    [theirs] = _episodes(app, other_child)
    assert worker.get(f"{worker.base}/{theirs.id}/edit").status_code == 404
    assert worker.get(f"{worker.base}/{theirs.id}/enquiries/new").status_code == 404
    assert worker.get(f"{worker.base}/999/edit").status_code == 404


def test_an_earlier_closed_episode_is_listed_with_its_own_answers(worker, app):
    with app.app_context():
        episode = db.session.get(Child, worker.child_id).episodes[0]
        episode.referral_date = date(2026, 9, 28)
        db.session.commit()
    add_episode(
        app,
        worker.child_id,
        date(2024, 5, 1),
        referral_source="2A",
        closed_on=date(2024, 6, 1),
        closure_reason="RC8",
    )
    shown = text_of(worker.get(worker.base).get_data(as_text=True))
    assert "Referred on 1 May 2024 (closed)" in shown
    assert "Reason for closure Case closed after assessment, no further action" in shown


NEW_CHILD = {
    **answers.CHILD,
    "given_name": "Sam",
    "date_of_birth": ["3", "4", "2018"],
    "sex": "M",
    "local_child_id": "LC-2002",
}


def test_adding_a_child_asks_the_referral_for_their_first_episode(worker, app):
    url = f"/cases/{worker.case_id}/children/new"
    page = worker.get(url).get_data(as_text=True)
    assert (
        "Adding the child opens their episode of need from the family’s referral on 28 "
        "September 2026" in text_of(page)
    )
    answers = {**NEW_CHILD, "referral_source": "6", "primary_need_code": "N1"}
    response = worker.post(url, answers)
    assert response.status_code == 302
    sam_id = int(response.headers["Location"].rsplit("/", 1)[1])
    [episode] = _episodes(app, sam_id)
    assert (episode.referral_date, episode.referral_source, episode.primary_need_code) == (
        date(2026, 9, 28),
        "6",
        "N1",
    )
    # A brother or sister added next is offered the same answers.
    again = worker.get(url).get_data(as_text=True)
    assert 'value="6" selected' in again and 'value="N1" selected' in again
    # Bad input keeps the referral answers typed.
    bad = worker.post(url, {**answers, "given_name": "", "referral_source": "2A"})
    assert 'value="2A" selected' in bad.get_data(as_text=True)
    assert len(_episodes(app, sam_id)) == 1


def test_an_earlier_episode_cannot_be_reopened_under_a_later_one(worker, app):
    [first] = _episodes(app, worker.child_id)
    closing = episode_answers(closed_on=day("5/10/2026"), closure_reason="RC8")
    assert worker.post(f"{worker.base}/{first.id}/edit", closing).status_code == 302
    later = episode_answers(
        referral_date=day("12/10/2026"), assessment_started_on=EMPTY, version="2"
    )
    assert worker.post(f"{worker.base}/new", later).status_code == 302
    reopened = episode_answers(version=_version(worker, f"{worker.base}/{first.id}/edit"))
    html = worker.post(f"{worker.base}/{first.id}/edit", reopened).get_data(as_text=True)
    assert error_messages(html) == [
        "Enter the date the episode closed: a later episode began on 12 October 2026"
    ]
    [stored, _later] = _episodes(app, worker.child_id)
    # Version 3: opening the later episode moved it on; the refused save changed nothing.
    assert (stored.closed_on, stored.version) == (date(2026, 10, 5), 3)


def test_two_people_adding_an_enquiry_to_the_same_episode_the_second_is_told(worker, app):
    [episode] = _episodes(app, worker.child_id)
    new = f"{worker.base}/{episode.id}/enquiries/new"
    with app.app_context():
        from conference.models import Role, User

        manager = User(email="m2@example.org", name="Manager", role=Role.MANAGER.value)
        manager.team_id = db.session.get(Child, worker.child_id).case.team_id
        manager.set_password(PASSWORD)
        db.session.add(manager)
        db.session.commit()
    other = Client(app.test_client())
    assert sign_in(other, "m2@example.org").status_code == 302
    both_loaded = _version(worker, new)
    assert _version(other, new) == both_loaded
    theirs = enquiry_answers(version=both_loaded)
    assert other.post(new, theirs).status_code == 302
    mine = enquiry_answers(
        strategy_discussion_on=day("2/10/2026"), started_on=day("2/10/2026"), version=both_loaded
    )
    html = worker.post(new, mine).get_data(as_text=True)
    assert "Someone else changed this record while you were editing it" in text_of(html)
    assert 'name="started_on"' in html and 'value="2"' in html  # their answers kept
    [only] = _episodes(app, worker.child_id)[0].enquiries
    assert only.started_on == date(2026, 10, 1)
    # Saving again is refused with the reason: the other enquiry is going on.
    again = worker.post(new, {**mine, "version": _version(worker, new)}).get_data(as_text=True)
    assert error_messages(again) == [
        "Record how the enquiry that started on 1 October 2026 ended before adding another"
    ]


def _finalised_conference(app, case_id, kind, held_on, child_id, outcome, category=None):
    """A finalised conference with its decision for the child, as the returns count plans."""
    from datetime import UTC, datetime, time

    from conference.models import ChildDecision, Conference

    with app.app_context():
        conference = Conference(
            case_id=case_id,
            conference_type=kind,
            held_on=held_on,
            starts_at=time(10),
            finalised_at=datetime.now(UTC),
        )
        conference.decisions = [
            ChildDecision(child_id=child_id, outcome=outcome, category=category)
        ]
        db.session.add(conference)
        db.session.commit()


def test_an_episode_cannot_close_while_the_child_is_on_a_plan(worker, app):
    _finalised_conference(
        app, worker.case_id, "initial", date(2026, 10, 20), worker.child_id, "cp_plan", "NEG"
    )
    [episode] = _episodes(app, worker.child_id)
    url = f"{worker.base}/{episode.id}/edit"
    closing = episode_answers(closed_on=day("3/11/2026"), closure_reason="RC8")
    html = assert_page(
        worker.post(url, closing), "Change the episode referred on 28 September 2026"
    )
    assert error_messages(html) == [
        "The episode cannot close while Lily Jones is on a child protection plan (it started on "
        "20 October 2026): the plan must end at a review conference first"
    ]
    assert 'value="RC8" selected' in html  # what was typed is kept
    [stored] = _episodes(app, worker.child_id)
    assert (stored.closed_on, stored.closure_reason, stored.version) == (None, None, 1)
    assert count(app, AuditEvent, action="update") == 0

    # The review ends the plan (stepping down): the episode closes on or after that day.
    _finalised_conference(
        app, worker.case_id, "review", date(2026, 11, 16), worker.child_id, "cin_plan"
    )
    early = episode_answers(closed_on=day("10/11/2026"), closure_reason="RC8")
    assert error_messages(worker.post(url, early).get_data(as_text=True)) == [
        "The date the episode closed must be on or after the child protection plan that started "
        "on 20 October 2026 ended, on 16 November 2026"
    ]
    assert _episodes(app, worker.child_id)[0].closed_on is None
    ended = episode_answers(closed_on=day("16/11/2026"), closure_reason="RC8")
    assert worker.post(url, ended).status_code == 302
    assert _episodes(app, worker.child_id)[0].closed_on == date(2026, 11, 16)


def test_a_closed_episode_is_not_reopened_by_clearing_its_closure(worker, app):
    [episode] = _episodes(app, worker.child_id)
    url = f"{worker.base}/{episode.id}/edit"
    closing = episode_answers(closed_on=day("5/10/2026"), closure_reason="RC8")
    assert worker.post(url, closing).status_code == 302
    page = worker.get(url).get_data(as_text=True)
    assert "A closed episode is not reopened" in text_of(page)
    assert f'href="{worker.base}/new"' in page  # offered a new episode instead

    reopening = episode_answers(version="2", referral_source="6")
    html = assert_page(
        worker.post(url, reopening), "Change the episode referred on 28 September 2026"
    )
    assert error_messages(html) == [
        "This episode closed on 5 October 2026 and cannot be reopened: to work with the child "
        "again, open a new episode from the new referral"
    ]
    assert 'value="6" selected' in html  # what was typed is kept
    [stored] = _episodes(app, worker.child_id)
    assert (stored.closed_on, stored.closure_reason, stored.version) == (
        date(2026, 10, 5),
        "RC8",
        2,
    )
    assert len(events(app, "update", record_type="child_episode")) == 1
    # A wrong closure date can still be corrected (the episode stays closed, the change audited).
    corrected = episode_answers(closed_on=day("6/10/2026"), closure_reason="RC8", version="2")
    assert worker.post(url, corrected).status_code == 302
    assert _episodes(app, worker.child_id)[0].closed_on == date(2026, 10, 6)


def test_a_childs_enquiries_do_not_overlap(worker, app):
    [episode] = _episodes(app, worker.child_id)
    new = f"{worker.base}/{episode.id}/enquiries/new"
    first = enquiry_answers(
        strategy_discussion_on=day("2/10/2026"),
        started_on=day("2/10/2026"),
        completed_on=day("18/10/2026"),
        outcome="nfa",
    )
    assert worker.post(new, first).status_code == 302
    overlapping = enquiry_answers(
        strategy_discussion_on=EMPTY, started_on=day("10/10/2026"), version=_version(worker, new)
    )
    html = assert_page(worker.post(new, overlapping), "Add a section 47 enquiry")
    assert error_messages(html) == [
        "This enquiry’s dates overlap the child’s section 47 enquiry that ran from 2 October 2026 "
        "to 18 October 2026: a child has one enquiry at a time"
    ]
    assert len(_episodes(app, worker.child_id)[0].enquiries) == 1
    assert len(events(app, "create", record_type="section_47_enquiry")) == 1

    later = {**overlapping, "started_on": day("19/10/2026")}
    assert worker.post(new, later).status_code == 302
    [one, two] = _episodes(app, worker.child_id)[0].enquiries
    # Changing either's dates to overlap the other is refused too, and changes nothing.
    edit_two = f"{worker.base}/{episode.id}/enquiries/{two.id}/edit"
    moved = {**later, "started_on": day("18/10/2026"), "version": "1"}
    assert error_messages(worker.post(edit_two, moved).get_data(as_text=True)) == [
        "This enquiry’s dates overlap the child’s section 47 enquiry that ran from 2 October 2026 "
        "to 18 October 2026: a child has one enquiry at a time"
    ]
    edit_one = f"{worker.base}/{episode.id}/enquiries/{one.id}/edit"
    longer = {**first, "completed_on": day("25/10/2026"), "version": "1"}
    assert error_messages(worker.post(edit_one, longer).get_data(as_text=True)) == [
        "This enquiry’s dates overlap the child’s section 47 enquiry that started on "
        "19 October 2026 and is still going on: a child has one enquiry at a time"
    ]
    enquiries = _episodes(app, worker.child_id)[0].enquiries
    assert [(e.started_on, e.completed_on, e.version) for e in enquiries] == [
        (date(2026, 10, 2), date(2026, 10, 18), 1),
        (date(2026, 10, 19), None, 1),
    ]
