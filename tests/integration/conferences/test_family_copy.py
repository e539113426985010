"""What the family's copy leaves out (issue 19): a child's words (whole or one part), a map
item or an identity answer is kept out of every family document with a reason, audited, and
put back again; the live screen never shows it; the family plan leaves it out while the
professional record prints it with the reason."""

from datetime import UTC, date, datetime, time

import pytest
from helpers import count
from pages import assert_page, error_messages, error_summary, text_of

from conference.extensions import db
from conference.models import (
    Adult,
    AuditEvent,
    Child,
    ChildVoice,
    Conference,
    ConferenceIdentity,
    KeptFromFamily,
    KeptOffWall,
    MapItem,
    Plan,
    SafetyGoal,
)
from conference.pdf import conference_record, family_plan, professional_plan
from conference.pdf.render import render_html

LIST = "What the family’s copy leaves out"
KEEP = "Keep this out of the family’s copy"
REASON = "Lily asked that this is not told to her mum."


@pytest.fixture
def chair(another):
    return another("chair", email="chair@example.org", name="Chris Chair")


@pytest.fixture
def room(app, make_conference):
    """A conference (Lily, her mother Dana) with a worry, a strength, Lily's words and her
    identity answers; `.keys` the form value of each by name, `.url` the list's address."""
    conference = make_conference()
    with app.app_context():
        worry = MapItem(conference_id=conference.id, heading="worry", text="Mum shouts at night")
        strength = MapItem(conference_id=conference.id, heading="strengths", text="Gran visits")
        voice = ChildVoice(
            conference_id=conference.id,
            child_id=conference.child_id,
            own_words="Mum hit me with a shoe",
            house_of_dreams="A dog called Biscuit",
        )
        answers = ConferenceIdentity(
            conference_id=conference.id,
            child_id=conference.child_id,
            community_safety_network="Pastor Ade from church",
        )
        db.session.get(Child, conference.child_id).religion = "Quaker"
        db.session.add_all([worry, strength, voice, answers])
        db.session.commit()
        conference.keys = {
            "worry": f"map_item:{worry.id}:",
            "strength": f"map_item:{strength.id}:",
            "voice": f"child_voice:{voice.id}:",
            "own_words": f"child_voice:{voice.id}:own_words",
            "identity": f"conference_identity:{answers.id}:community_safety_network",
            "record": f"child:{conference.child_id}:religion",
        }
    conference.list = f"/conferences/{conference.id}/family-copy"
    conference.keep = f"/conferences/{conference.id}/family-copy/keep"
    conference.put_back = f"/conferences/{conference.id}/family-copy/put-back"
    return conference


def keep(client, room, name, reason=REASON):
    item = room.keys[name]
    return client.post(room.keep, {"item": item, "reason": reason}, page=room.keep)


def kept_rows(app) -> list[tuple[str, str, str]]:
    with app.app_context():
        rows = db.session.query(KeptFromFamily).order_by(KeptFromFamily.id).all()
        return [(f"{r.kind}:{r.record_id}:{r.field}", r.reason, r.kept_by_id) for r in rows]


def test_the_list_offers_each_thing_and_keeping_one_out_needs_a_reason(chair, app, room):
    hub = chair.get(f"/conferences/{room.id}").get_data(as_text=True)
    assert f'href="{room.list}"' in hub
    page = text_of(assert_page(chair.get(room.list), LIST))
    for words in (
        "Worry statements 1 Mum shouts at night In the family’s copy Keep out",
        "Everything Lily said",
        "Lily: In their own words Mum hit me with a shoe",
        "Lily: House of dreams A dog called Biscuit",
        "Pastor Ade from church",
        "Lily Jones: Religion or faith Quaker",
    ):
        assert words in page
    item = room.keys["own_words"]
    form = assert_page(chair.get(f"{room.keep}?item={item}"), KEEP)
    assert "Mum hit me with a shoe" in text_of(form)
    for reason in ("", "   "):
        response = chair.post(room.keep, {"item": item, "reason": reason})
        html = assert_page(response, KEEP)
        assert error_summary(html) == ["Enter why this is not for the family’s copy"]
        assert error_messages(html) == ["Enter why this is not for the family’s copy"]
    assert kept_rows(app) == []
    assert count(app, AuditEvent, action="keep from the family's copy") == 0


def test_a_thing_kept_out_is_stored_audited_and_shown_with_its_reason(chair, app, room):
    response = keep(chair, room, "own_words")
    assert response.status_code == 302
    assert kept_rows(app) == [(room.keys["own_words"], REASON, chair.user_id)]
    with app.app_context():
        [event] = db.session.query(AuditEvent).filter_by(action="keep from the family's copy")
        assert event.record_type == "conference" and event.record_id == str(room.id)
        assert event.case_id == room.case_id
        assert event.changes["field"] == [None, "own_words"]
        # The trail names the record, never what it says or why.
        assert "shoe" not in str(event.changes) and "asked" not in str(event.changes)
    page = text_of(chair.get(room.list).get_data(as_text=True))
    assert "It is kept out of the family’s copy" in page
    assert (
        f"Lily: In their own words Mum hit me with a shoe Not for the family’s copy "
        f"Reason: {REASON} Put back"
    ) in page
    # Kept already (another tab): nothing more is stored.
    assert keep(chair, room, "own_words").status_code == 302
    assert len(kept_rows(app)) == 1


def test_a_thing_can_be_chosen_on_the_page_without_a_link(chair, app, room):
    html = assert_page(chair.get(room.keep), "Keep something out of the family’s copy")
    assert "Worry statements 1: “Mum shouts at night”" in text_of(html)
    response = chair.post(room.keep, {"reason": REASON})
    assert error_summary(response.get_data(as_text=True)) == [
        "Select what the family’s copy should leave out"
    ]
    # What was typed is kept.
    assert REASON in response.get_data(as_text=True)
    assert chair.post(room.keep, {"item": room.keys["worry"], "reason": REASON}).status_code == 302
    assert [row[0] for row in kept_rows(app)] == [room.keys["worry"]]


def test_putting_back_asks_first_then_removes_and_audits(chair, app, room):
    keep(chair, room, "worry")
    item = room.keys["worry"]
    choose = text_of(
        assert_page(chair.get(room.put_back), "Put something back in the family’s copy")
    )
    assert "Worry statements 1: “Mum shouts at night”" in choose
    assert "Lily: In their own words" not in choose  # not kept out: nothing to put back
    html = assert_page(
        chair.get(f"{room.put_back}?item={item}"),
        "Are you sure you want to put this back in the family’s copy?",
    )
    assert f"It was kept out because: {REASON}" in text_of(html)
    assert (
        chair.post(room.put_back, {"item": item}, page=f"{room.put_back}?item={item}").status_code
        == 302
    )
    assert kept_rows(app) == []
    assert count(app, AuditEvent, action="put back in the family's copy") == 1
    assert "It is back in the family’s copy" in chair.get(room.list).get_data(as_text=True)


def test_something_not_of_this_conference_cannot_be_kept(chair, app, room, make_conference):
    other = make_conference()
    with app.app_context():
        item = MapItem(conference_id=other.id, heading="worry", text="Elsewhere")
        db.session.add(item)
        db.session.commit()
        elsewhere = f"map_item:{item.id}:"
    for value in (elsewhere, "map_item:99999999:", "nonsense", "child:1:password_hash"):
        assert chair.get(f"{room.keep}?item={value}").status_code == 404
        response = chair.post(room.keep, {"item": value, "reason": REASON}, page=room.keep)
        assert response.status_code == 200
        assert error_summary(response.get_data(as_text=True)) == [
            "Select what the family’s copy should leave out"
        ]
        assert chair.get(f"{room.put_back}?item={value}").status_code == 404
        response = chair.post(room.put_back, {"item": value}, page=room.put_back)
        assert error_summary(response.get_data(as_text=True)) == [
            "Select what the family’s copy should include again"
        ]
    assert kept_rows(app) == []


def test_who_may_keep_things_from_the_family(another, app, room, make_conference, make_user):
    keep(another("chair", email="c2@example.org"), room, "worry")
    # The case's team manager may; someone in another team sees nothing; a practitioner or the
    # minute-taker may see the conference but not choose what the family reads.
    manager = another("manager", team="Team A", email="m@example.org")
    assert manager.get(room.list).status_code == 200
    elsewhere = another("social_worker", team="Team B", email="b@example.org")
    assert elsewhere.get(room.list).status_code == 404
    minute_taker = another("minute_taker", email="mt@example.org")
    with app.app_context():
        db.session.get(Conference, room.id).minute_taker_id = minute_taker.user_id
        db.session.commit()
    assert f'href="{room.list}"' not in minute_taker.get(f"/conferences/{room.id}").get_data(True)
    for client in (minute_taker, another("practitioner", email="p@example.org")):
        assert client.get(room.list).status_code in (403, 404)
        assert client.get(f"{room.keep}?item={room.keys['voice']}").status_code in (403, 404)
        assert client.raw.post(room.put_back, data={"item": room.keys["worry"]}).status_code in (
            400,
            403,
            404,
        )
    assert minute_taker.get(room.list).status_code == 403
    assert len(kept_rows(app)) == 1
    viewed = "view what the family's copy leaves out"
    assert count(app, AuditEvent, action=viewed, user_id=manager.user_id) == 1
    assert count(app, AuditEvent, action=viewed, user_id=minute_taker.user_id) == 0


def test_a_finalised_conference_can_still_keep_things_from_the_family(chair, app, make_conference):
    """A child may ask after the conference; the plan is printed for months. No word of the
    record changes: the choice is audited and printed on it."""
    conference = make_conference(finalised=True)
    with app.app_context():
        item = MapItem(conference_id=conference.id, heading="worry", text="Mum shouts")
        db.session.add(item)
        db.session.commit()
        value = f"map_item:{item.id}:"
    url = f"/conferences/{conference.id}/family-copy/keep"
    response = chair.post(url, {"item": value, "reason": REASON}, page=f"{url}?item={value}")
    assert response.status_code == 302
    assert [row[0] for row in kept_rows(app)] == [value]


# The live screen


def test_the_live_screen_never_shows_what_the_family_may_not_see(chair, app, room):
    live = f"/conferences/{room.id}/live"
    before = chair.get(live).get_data(as_text=True)
    assert "Mum hit me with a shoe" in before and "Pastor Ade from church" in before
    for name in ("own_words", "worry", "identity"):
        keep(chair, room, name)
    for url in (live, f"{live}.json"):
        shown = chair.get(url).get_data(as_text=True)
        assert "Mum hit me with a shoe" not in shown
        assert "Mum shouts at night" not in shown
        assert "Pastor Ade from church" not in shown
        # The rest of what Lily said is still on the screen.
        assert "A dog called Biscuit" in shown
    page = text_of(chair.get(f"{live}/what-the-room-sees").get_data(as_text=True))
    assert (
        "The map: never on the screen, because not for the family’s copy: "
        f"Worry statements 1 (reason: {REASON})"
    ) in page
    assert "Not on the screen, as not for the family’s copy: In their own words" in page
    assert "Mum hit me with a shoe" not in page  # nor in what the page says is on the screen
    # Saving what the room sees does not put back what the family may not see.
    chair.post(f"{live}/what-the-room-sees", {"keep": []})
    assert "Mum shouts at night" not in chair.get(live).get_data(as_text=True)


# The documents


def test_the_family_plan_leaves_it_out_and_the_records_say_why(chair, app, room):
    with app.app_context():
        plan = Plan(case_id=room.case_id, conference_id=room.id, number=1)
        db.session.add(plan)
        db.session.commit()
    for name in ("own_words", "worry", "strength", "identity", "record"):
        keep(chair, room, name)
    with app.app_context():
        plan = db.session.query(Plan).one()
        context = family_plan.family_plan_context(plan, core_group_interval_weeks=6)
        family = text_of(render_html(family_plan.TEMPLATE, **_no_attachments(context)))
        conference = db.session.get(Conference, room.id)
        record_context = conference_record.conference_record_context(conference)
        record = text_of(render_html(conference_record.TEMPLATE, **record_context))
        professional = text_of(
            render_html(
                professional_plan.TEMPLATE, **professional_plan.professional_plan_context(plan)
            )
        )
    for words in ("Mum hit me with a shoe", "Mum shouts at night", "Gran visits"):
        assert words not in family
    mark = f"Not for the family’s copy. Reason: {REASON}"
    assert f"{mark} 1. Mum shouts at night" in record
    assert f"In Lily’s own words {mark} Mum hit me with a shoe" in record
    assert f"Pastor Ade from church {mark}" in record
    assert "A dog called Biscuit Not for the family’s copy" not in record
    assert f"{mark} Worry 1. Mum shouts at night" in professional
    assert f"Quaker {mark}" in professional


def test_the_pages_that_show_a_kept_thing_say_so(chair, app, room):
    for name in ("own_words", "worry", "record"):
        keep(chair, room, name)
    map_page = text_of(chair.get(f"/conferences/{room.id}/map").get_data(as_text=True))
    assert f"Family’s copy Not for the family’s copy Reason: {REASON}" in map_page
    voice = text_of(chair.get(f"/conferences/{room.id}/voice/{room.child_id}").get_data(True))
    assert f"Not for the family’s copy Lily: In their own words. Reason: {REASON}" in voice
    identity = text_of(chair.get(f"/conferences/{room.id}/identity/{room.child_id}").get_data(True))
    assert f"Lily Jones: Religion or faith. Reason: {REASON}" in identity


def test_the_keep_page_warns_when_the_same_words_appear_elsewhere(chair, app, room):
    """Lily's words kept out would still reach her mum through a map item or a goal that
    repeats them: the page says where, until those are kept out or reworded."""
    with app.app_context():
        harm = MapItem(
            conference_id=room.id,
            heading="danger_harm",
            text="Lily told her teacher: mum hit me with a shoe.",
        )
        plan = Plan(case_id=room.case_id, conference_id=room.id, number=1)
        plan.goals = [
            SafetyGoal(statement="Nobody at home is hit", baseline="Mum hit me, with a SHOE!")
        ]
        db.session.add_all([harm, plan])
        db.session.commit()
        harm_value = f"map_item:{harm.id}:"
    url = f"{room.keep}?item={room.keys['own_words']}"
    warning = "The same words appear in: {}. Keep those out too or reword them."
    page = text_of(assert_page(chair.get(url), KEEP))
    assert warning.format("Danger / harm 1, Goal 1’s baseline") in page
    chair.post(room.keep, {"item": harm_value, "reason": REASON}, page=room.keep)
    page = text_of(assert_page(chair.get(url), KEEP))
    assert warning.format("Goal 1’s baseline") in page
    # Once kept, the list keeps saying so, until the baseline is reworded.
    keep(chair, room, "own_words")
    listed = text_of(chair.get(room.list).get_data(as_text=True))
    row = "Put back in the family’s copy: Lily: In their own words"
    assert f"{warning.format('Goal 1’s baseline')} {row}" in listed
    assert listed.count("The same words appear in") == 1
    with app.app_context():
        db.session.query(SafetyGoal).one().baseline = "Lily is frightened at home"
        db.session.commit()
    assert "The same words appear in" not in chair.get(room.list).get_data(as_text=True)
    # Words nobody repeats: no warning.
    page = text_of(chair.get(f"{room.keep}?item={room.keys['worry']}").get_data(as_text=True))
    assert "The same words appear in" not in page


def test_the_list_says_what_no_family_copy_prints(chair, app, room):
    """Only how a person describes themselves, their faith, day-to-day practices and first
    language are printed, and only for a child or a parent; the rest is never printed, so
    there is nothing to keep out."""
    with app.app_context():
        child = db.session.get(Child, room.child_id)
        child.immigration_status = "Settled status"
        mum = db.session.get(Adult, room.adult_id)
        mum.immigration_status, mum.religion = "No recourse to public funds", "Catholic"
        answers = db.session.query(ConferenceIdentity).one()
        answers.cultural_or_harm = "Discussed: harm whatever the culture"
        neighbour = Adult(
            case_id=room.case_id, given_name="Ned", family_name="Next", religion="Zen"
        )
        db.session.add(neighbour)
        db.session.commit()
    html = assert_page(chair.get(room.list), LIST)
    page = text_of(html)
    never = "Never printed in a family copy"
    for label, text in (
        ("Lily Jones: Immigration status", "Settled status"),
        ("Immigration status", "No recourse to public funds"),
        ("Ned Next: Religion or faith", "Zen"),  # no parental responsibility
    ):
        assert f"{label}" in page
        assert f"{text} {never}" in page
    assert "Catholic In the family’s copy Keep out" in page
    assert f"Discussed: harm whatever the culture {never}" in page
    assert "Pastor Ade from church In the family’s copy Keep out" in page
    assert page.count(never) == 4
    assert "Keep out of the family’s copy: Ned Next" not in page
    # Nor can it be chosen on the keep page.
    assert "Zen" not in text_of(chair.get(room.keep).get_data(as_text=True))


def test_the_list_says_what_is_kept_off_the_screen_and_what_is_partly_kept(chair, app, room):
    with app.app_context():
        worry = db.session.query(MapItem).filter_by(heading="worry").one()
        db.session.add(
            KeptOffWall(conference_id=room.id, kind="map_item", record_id=worry.id, field="")
        )
        db.session.commit()
    keep(chair, room, "own_words")
    page = text_of(chair.get(room.list).get_data(as_text=True))
    assert (
        "Mum shouts at night In the family’s copy Kept off the screen (the room) Keep out" in page
    )
    assert "Gran visits In the family’s copy Keep out" in page
    assert "A dog called Biscuit Partly kept out (In their own words) Keep out" in page


def _no_attachments(context: dict) -> dict:
    return {key: value for key, value in context.items() if key != "attachments"}


def test_a_worry_copied_onto_the_review_stays_kept_from_the_family(chair, app, room):
    """Pre-filling the review's map copies the last conference's worry statements: one the
    family could not read then stays kept from them, for the same reason."""
    keep(chair, room, "worry")
    keep(chair, room, "record")
    with app.app_context():
        initial = db.session.get(Conference, room.id)
        initial.finalised_at = datetime(2026, 11, 27, 9, tzinfo=UTC)
        review = Conference(
            case_id=room.case_id,
            conference_type="review",
            held_on=date(2027, 2, 20),
            starts_at=time(10, 0),
            previous_conference=initial,
        )
        db.session.add(review)
        db.session.commit()
        review_id = review.id
    response = chair.post(
        f"/conferences/{review_id}/prefill-from-evidence", {}, page=f"/conferences/{review_id}"
    )
    assert response.status_code == 302
    with app.app_context():
        [copy] = db.session.query(MapItem).filter_by(conference_id=review_id).all()
        assert copy.text == "Mum shouts at night"
        rows = db.session.query(KeptFromFamily).filter_by(conference_id=review_id)
        assert sorted((r.kind, r.record_id, r.field, r.reason) for r in rows) == [
            # Lily's faith on her record was kept from her mum then: it still is.
            ("child", room.child_id, "religion", REASON),
            ("map_item", copy.id, "", REASON),
        ]
    live = chair.get(f"/conferences/{review_id}/live").get_data(as_text=True)
    assert "Mum shouts at night" not in live
    page = text_of(chair.get(f"/conferences/{review_id}/family-copy").get_data(as_text=True))
    assert (
        f"Lily Jones: Religion or faith Quaker Not for the family’s copy Reason: {REASON}" in page
    )
    # Put back at the review, it is not kept out again by pre-filling once more.
    value = room.keys["record"]
    put_back = f"/conferences/{review_id}/family-copy/put-back"
    chair.post(put_back, {"item": value}, page=f"{put_back}?item={value}")
    chair.post(
        f"/conferences/{review_id}/prefill-from-evidence", {}, page=f"/conferences/{review_id}"
    )
    with app.app_context():
        kinds = [
            r.kind for r in db.session.query(KeptFromFamily).filter_by(conference_id=review_id)
        ]
        assert kinds == ["map_item"]
