"""The Strengthening Families map: adding and changing items under the six headings, worry
statements, the children each item is about, reordering and moving, who may do what, and saves
that clash with someone else's."""

import re
from datetime import UTC, date, datetime, time
from types import SimpleNamespace

import pytest
from helpers import count
from pages import assert_page, error_messages, error_summary, text_of, texts
from pages import select as elements

from conference.extensions import db
from conference.models import AuditEvent, Child, Conference, MapItem
from conference.services import drafts

ITEM = {
    "heading": "danger_harm",
    "text": "On 3 March police were called: Dad pushed Mum while Lily was in the room",
    "who_is_worried": "",
    "worried_about": "",
    "could_happen": "",
    "raised_by": "PC Ali (police)",
    "family_response": "Mum says it was the only time",
}

WORRY = {
    **ITEM,
    "heading": "worry",
    "text": "",
    "who_is_worried": "Sam (social worker), Ms Jones (school) and PC Ali",
    "worried_about": "when Dad drinks heavily he shouts, throws things and has pushed Mum",
    "could_happen": "Lily could be hurt, and living scared could affect her sleep and learning",
}


@pytest.fixture
def make_conference(app, make_case):
    """`make_conference(social_worker_id=…)`: a case in Team A with Lily and Sam Jones, and an
    initial conference on 26 November 2026."""

    def make(social_worker_id=None, finalised=False, children=("Lily", "Sam")):
        case_id = make_case(team="Team A", social_worker_id=social_worker_id)
        with app.app_context():
            kids = [
                Child(
                    case_id=case_id,
                    given_name=name,
                    family_name="Jones",
                    date_of_birth=date(2019, 4, 3),
                    local_child_id=f"LC-{case_id}-{name}",
                )
                for name in children
            ]
            conference = Conference(
                case_id=case_id,
                conference_type="initial",
                held_on=date(2026, 11, 26),
                starts_at=time(10, 0),
                finalised_at=datetime(2026, 11, 27, 9, 0, tzinfo=UTC) if finalised else None,
            )
            db.session.add_all([*kids, conference])
            db.session.commit()
            return SimpleNamespace(
                id=conference.id,
                case_id=case_id,
                child_ids=[child.id for child in kids],
                url=f"/conferences/{conference.id}/map",
            )

    return make


@pytest.fixture
def chair(signed_in, make_conference):
    """A chair, signed in; `.conference` is a conference they may change."""
    client = signed_in("chair", email="chair@example.org", name="Chris Chair")
    client.conference = make_conference()
    return client


def add_item(app, conference_id, heading, text="Something said", position=0, **fields) -> int:
    with app.app_context():
        item = MapItem(
            conference_id=conference_id, heading=heading, text=text, position=position, **fields
        )
        db.session.add(item)
        db.session.commit()
        return item.id


def get_item(app, item_id) -> MapItem:
    with app.app_context():
        item = db.session.get(MapItem, item_id)
        db.session.expunge(item)
        return item


def under(app, conference_id, heading) -> list[tuple[str, int]]:
    """(text, position) of the items under a heading, in their stored order."""
    with app.app_context():
        items = (
            db.session.query(MapItem)
            .filter_by(conference_id=conference_id, heading=heading)
            .order_by(MapItem.position, MapItem.id)
        )
        return [(item.text, item.position) for item in items]


def events(app, action, record_type="map_item") -> list[AuditEvent]:
    with app.app_context():
        found = db.session.query(AuditEvent).filter_by(action=action, record_type=record_type)
        found = found.order_by(AuditEvent.id).all()
        db.session.expunge_all()
        return found


def with_children(data, conference, *indexes) -> dict:
    return {**data, "child_ids": [str(conference.child_ids[i]) for i in indexes]}


def h2s(html) -> list[str]:
    return texts(html, "h2")


# The map page


def test_the_map_shows_the_six_headings_in_order_and_is_audited(chair, app):
    conference = chair.conference
    html = assert_page(chair.get(conference.url), "The map")
    assert h2s(html)[:6] == [  # the footer's headings follow
        "Danger / harm",
        "Worry statements",
        "Complicating factors",
        "Safety",
        "Strengths",
        "Grey areas",
    ]
    page = text_of(html)
    assert page.count("Nothing mapped under this heading yet.") == 6
    assert "What is not known yet, or is disputed." in page
    assert f'href="{conference.url}/new?heading=safety"' in html
    assert f'href="/conferences/{conference.id}"' in html  # back to the hub
    [event] = events(app, "view map", "conference")
    assert (event.record_id, event.case_id) == (str(conference.id), conference.case_id)


def test_each_item_shows_what_was_said_who_raised_it_the_children_and_the_response(chair, app):
    conference = chair.conference
    add_item(
        app,
        conference.id,
        "safety",
        "Grandad collects Lily from school every day",
        raised_by="Mum",
        child_ids=[conference.child_ids[0]],
        family_response="Grandad agrees",
    )
    page = text_of(chair.get(conference.url).get_data(as_text=True))
    assert "Item 1 under Safety" in page
    assert (
        "What was said Grandad collects Lily from school every day Raised by Mum "
        "Which children Lily Jones The family’s response Grandad agrees"
    ) in page


# Adding items


@pytest.mark.parametrize(
    ("heading", "label"),
    [
        ("danger_harm", "Danger / harm"),
        ("complicating", "Complicating factors"),
        ("safety", "Safety"),
        ("strengths", "Strengths"),
        ("grey", "Grey areas"),
    ],
)
def test_chair_adds_an_item_under_each_heading(chair, app, heading, label):
    conference = chair.conference
    url = f"{conference.url}/new?heading={heading}"
    html = assert_page(chair.get(url), "Add an item to the map")
    assert re.search(rf'<input[^>]*value="{heading}"[^>]*checked', html)
    # A draft key has no underscore (drafts.KEY): "danger_harm" is sent as "danger-harm".
    key = f"conference-{conference.id}-map-item-new-{heading.replace('_', '-')}"
    assert f'data-autosave="{key}"' in html
    assert drafts.KEY.fullmatch(key)
    response = chair.post(url, with_children({**ITEM, "heading": heading}, conference, 0, 1))
    with app.app_context():
        item = db.session.query(MapItem).one()
        stored = (
            item.conference_id,
            item.heading,
            item.text,
            item.raised_by,
            item.child_ids,
            item.family_response,
            item.position,
        )
        item_id = item.id
    assert stored == (
        conference.id,
        heading,
        ITEM["text"],
        "PC Ali (police)",
        conference.child_ids,
        "Mum says it was the only time",
        0,
    )
    assert response.headers["Location"] == f"{conference.url}#item-{item_id}"
    page = text_of(chair.get(conference.url).get_data(as_text=True))
    assert f"Added to {label}" in page
    assert ITEM["text"] in page
    [created] = events(app, "create")
    assert (created.user_id, created.record_id, created.case_id) == (
        chair.user_id,
        str(item_id),
        conference.case_id,
    )
    assert created.changes["text"] == [None, ITEM["text"]]
    assert created.changes["heading"] == [None, heading]


def test_a_new_item_goes_to_the_end_of_its_heading(chair, app):
    conference = chair.conference
    add_item(app, conference.id, "strengths", "First", position=0)
    add_item(app, conference.id, "strengths", "Second", position=1)
    chair.post(
        f"{conference.url}/new",
        with_children({**ITEM, "heading": "strengths", "text": "Third"}, conference, 0),
    )
    assert under(app, conference.id, "strengths") == [("First", 0), ("Second", 1), ("Third", 2)]


def test_a_worry_statement_is_guided_by_three_questions_and_shown_with_them(chair, app):
    conference = chair.conference
    url = f"{conference.url}/new?heading=worry"
    chair.post(url, with_children(WORRY, conference, 0))
    with app.app_context():
        item = db.session.query(MapItem).one()
        assert (item.heading, item.who_is_worried, item.worried_about, item.could_happen) == (
            "worry",
            WORRY["who_is_worried"],
            WORRY["worried_about"],
            WORRY["could_happen"],
        )
        assert item.text == ""
    page = text_of(chair.get(conference.url).get_data(as_text=True))
    assert (
        "Who is worried Sam (social worker), Ms Jones (school) and PC Ali "
        "About what when Dad drinks heavily he shouts, throws things and has pushed Mum "
        "What could happen to the child if nothing changes Lily could be hurt, and living "
        "scared could affect her sleep and learning"
    ) in page


@pytest.mark.parametrize(
    ("data", "messages"),
    [
        (
            {**ITEM, "heading": "", "text": "  "},
            [
                "Select the heading this goes under",
                "Enter what was said",
                "Select which children this is about",
            ],
        ),
        (
            {**WORRY, "who_is_worried": "", "worried_about": " ", "could_happen": ""},
            [
                "Enter who is worried",
                "Enter what behaviour or event they are worried about",
                "Enter what could happen to the child if nothing changes",
                "Select which children this is about",
            ],
        ),
        (
            {**ITEM, "raised_by": "x" * 201},
            ["Raised by must be 200 characters or fewer", "Select which children this is about"],
        ),
    ],
)
def test_missing_answers_are_explained_and_nothing_is_saved(chair, app, data, messages):
    conference = chair.conference
    url = f"{conference.url}/new"
    html = assert_page(chair.post(url, data), "Add an item to the map")
    assert error_messages(html) == messages
    assert count(app, MapItem) == 0
    assert count(app, AuditEvent, action="create") == 0
    assert "Mum says it was the only time" in html  # nothing typed is lost


def test_text_pasted_past_the_limit_is_refused_kept_and_counted(chair, app):
    """A whole document pasted into an item once made the conference record unprintable."""
    conference = chair.conference
    pasted = "Mum said the house has been calm since the police came.\r\n" * 7_000  # 400 KB
    data = with_children({**ITEM, "text": pasted, "could_happen": "x" * 5_000}, conference, 0)
    data["family_response"] = "y" * 5_001
    html = assert_page(chair.post(f"{conference.url}/new", data), "Add an item to the map")
    too_long = [
        "What was said must be 5,000 characters or fewer",
        "The family’s response must be 5,000 characters or fewer",
    ]
    assert error_messages(html) == too_long
    assert error_summary(html) == too_long
    assert elements(html, "textarea#text")[0].text == pasted.replace("\r\n", "\n")
    assert elements(html, "textarea#family_response")[0].text == "y" * 5_001
    assert count(app, MapItem) == 0
    assert count(app, AuditEvent, action="create") == 0
    counted = elements(html, '[data-module="govuk-character-count"]')
    assert [box.get("data-maxlength") for box in counted] == ["5000"] * 5
    assert "You can enter up to 5,000 characters" in text_of(html)


def test_a_worry_statement_needs_no_other_text_but_keeps_any_given(chair, app):
    conference = chair.conference
    data = with_children({**WORRY, "text": "Dad says he has stopped drinking"}, conference, 1)
    chair.post(f"{conference.url}/new", data)
    with app.app_context():
        item = db.session.query(MapItem).one()
        assert (item.text, item.child_ids) == (
            "Dad says he has stopped drinking",
            [conference.child_ids[1]],
        )


def test_only_the_cases_own_children_can_be_chosen(chair, app, make_conference):
    other = make_conference(children=("Zed",))
    conference = chair.conference
    html = chair.get(f"{conference.url}/new").get_data(as_text=True)
    assert "Lily Jones" in html and "Sam Jones" in html and "Zed Jones" not in html
    data = {**ITEM, "child_ids": [str(other.child_ids[0])]}
    assert chair.post(f"{conference.url}/new", data).status_code == 200
    assert count(app, MapItem) == 0


def test_an_only_child_is_chosen_already(signed_in, make_conference):
    client = signed_in("chair")
    conference = make_conference(children=("Lily",))
    html = client.get(f"{conference.url}/new").get_data(as_text=True)
    assert re.search(rf'<input[^>]*value="{conference.child_ids[0]}"[^>]*checked', html)


def test_more_than_four_worry_statements_shows_a_warning(chair, app):
    conference = chair.conference
    warning = "Good practice is no more than four worry statements: combine or prioritise them"
    for number in range(4):
        add_item(app, conference.id, "worry", f"Worry {number}", position=number)
    assert warning not in text_of(chair.get(conference.url).get_data(as_text=True))
    add_item(app, conference.id, "worry", "Worry 5", position=4)
    assert warning in text_of(chair.get(conference.url).get_data(as_text=True))


# Changing items


def test_changing_an_item_is_saved_and_audited(chair, app):
    conference = chair.conference
    item_id = add_item(app, conference.id, "grey", "Who lives at the house", child_ids=[])
    url = f"{conference.url}/{item_id}"
    html = assert_page(chair.get(url), "Change an item on the map")
    assert f'data-autosave="conference-{conference.id}-map-item-{item_id}"' in html
    data = with_children(
        {**ITEM, "heading": "grey", "text": "Whether Dad lives at the house", "version": "1"},
        conference,
        1,
    )
    response = chair.post(url, data)
    assert response.headers["Location"] == f"{conference.url}#item-{item_id}"
    item = get_item(app, item_id)
    assert (item.text, item.child_ids, item.version) == (
        "Whether Dad lives at the house",
        [conference.child_ids[1]],
        2,
    )
    [event] = events(app, "update")
    assert event.case_id == conference.case_id
    assert event.changes["text"] == ["Who lives at the house", "Whether Dad lives at the house"]
    assert event.changes["child_ids"] == [[], [conference.child_ids[1]]]


def test_the_change_page_shows_the_children_already_chosen(chair, app):
    conference = chair.conference
    item_id = add_item(app, conference.id, "safety", child_ids=[conference.child_ids[1]])
    html = chair.get(f"{conference.url}/{item_id}").get_data(as_text=True)
    assert re.search(rf'<input[^>]*value="{conference.child_ids[1]}"[^>]*checked', html)
    assert not re.search(rf'<input[^>]*value="{conference.child_ids[0]}"[^>]*checked', html)


def test_giving_an_item_another_heading_puts_it_at_the_end_of_that_heading(chair, app):
    conference = chair.conference
    first = add_item(app, conference.id, "grey", "Unknown 1", position=0)
    add_item(app, conference.id, "grey", "Unknown 2", position=1)
    add_item(app, conference.id, "safety", "Safe 1", position=0)
    data = with_children(
        {**ITEM, "heading": "safety", "text": "Unknown 1", "version": "1"}, conference, 0
    )
    chair.post(f"{conference.url}/{first}", data)
    assert under(app, conference.id, "safety") == [("Safe 1", 0), ("Unknown 1", 1)]
    assert under(app, conference.id, "grey") == [("Unknown 2", 0)]
    [event] = events(app, "update")
    assert (event.changes["heading"], event.changes["position"]) == (["grey", "safety"], [0, 1])
    assert get_item(app, first).version == 2


def test_a_stale_save_shows_both_versions_and_keeps_what_was_typed(chair, app):
    conference = chair.conference
    item_id = add_item(app, conference.id, "safety", "Grandad helps", child_ids=[])
    url = f"{conference.url}/{item_id}"
    with app.app_context():  # someone else saves first
        item = db.session.get(MapItem, item_id)
        item.text = "Grandad helps every weekend"
        db.session.commit()
    data = with_children(
        {**ITEM, "heading": "safety", "text": "Grandad helps most days", "version": "1"},
        conference,
        0,
    )
    html = assert_page(chair.post(url, data), "Change an item on the map")
    page = text_of(html)
    assert "Someone else changed this record while you were editing it" in page
    assert "What was said Grandad helps every weekend Grandad helps most days" in page
    assert "Which children (blank) Lily Jones" in page
    assert "Grandad helps most days</textarea>" in html
    assert 'name="version" type="hidden" value="2"' in html
    assert get_item(app, item_id).text == "Grandad helps every weekend"
    assert events(app, "update") == []
    chair.post(url, {**data, "version": "2"})  # saving again knowingly replaces theirs
    assert get_item(app, item_id).text == "Grandad helps most days"


def test_an_item_of_another_conference_is_not_found(chair, app, make_conference):
    other = make_conference()
    item_id = add_item(app, other.id, "safety", "Theirs")
    url = f"{chair.conference.url}/{item_id}"
    assert_page(chair.get(url), "Page not found", status=404)
    move = chair.post(f"{url}/move", {"direction": "up"}, page=chair.conference.url)
    assert move.status_code == 404
    assert_page(chair.get(f"{chair.conference.url}/999999"), "Page not found", status=404)


# Moving items


def test_moving_an_item_up_and_down_swaps_it_with_its_neighbour(chair, app):
    conference = chair.conference
    ids = [add_item(app, conference.id, "danger_harm", f"Event {n}", position=n) for n in range(3)]
    move = f"{conference.url}/{ids[2]}/move"
    response = chair.post(move, {"direction": "up"}, page=conference.url)
    assert response.headers["Location"] == f"{conference.url}#item-{ids[2]}"
    assert under(app, conference.id, "danger_harm") == [
        ("Event 0", 0),
        ("Event 2", 1),
        ("Event 1", 2),
    ]
    assert "Moved up" in text_of(chair.get(conference.url).get_data(as_text=True))
    chair.post(f"{conference.url}/{ids[0]}/move", {"direction": "down"}, page=conference.url)
    assert under(app, conference.id, "danger_harm") == [
        ("Event 2", 0),
        ("Event 0", 1),
        ("Event 1", 2),
    ]
    first, second = events(app, "move")
    assert (first.record_id, first.case_id, first.changes) == (
        str(ids[2]),
        conference.case_id,
        {"position": [2, 1]},
    )
    assert second.changes == {"position": [0, 1]}
    # Positions are not on the edit form: a reorder does not clash with someone's open edit.
    assert [get_item(app, i).version for i in ids] == [1, 1, 1]


def test_the_first_item_has_no_move_up_button_and_the_last_no_move_down(chair, app):
    conference = chair.conference
    ids = [add_item(app, conference.id, "strengths", f"Strength {n}", position=n) for n in (0, 1)]
    html = chair.get(conference.url).get_data(as_text=True)
    assert text_of(html).count("Move up item 2 under Strengths") == 1
    assert "Move up item 1 under Strengths" not in text_of(html)
    assert "Move down item 2 under Strengths" not in text_of(html)
    assert f'action="{conference.url}/{ids[0]}/move"' in html


def test_moving_an_item_to_another_heading_puts_it_at_the_end(chair, app):
    conference = chair.conference
    moved = add_item(app, conference.id, "grey", "Unknown 1", position=0)
    add_item(app, conference.id, "grey", "Unknown 2", position=1)
    add_item(app, conference.id, "complicating", "Housing", position=0)
    chair.post(f"{conference.url}/{moved}/move", {"heading": "complicating"}, page=conference.url)
    assert under(app, conference.id, "complicating") == [("Housing", 0), ("Unknown 1", 1)]
    assert under(app, conference.id, "grey") == [("Unknown 2", 0)]
    assert "Moved to Complicating factors" in text_of(
        chair.get(conference.url).get_data(as_text=True)
    )
    [event] = events(app, "move")
    assert event.changes == {"heading": ["grey", "complicating"], "position": [0, 1]}
    assert get_item(app, moved).version == 2  # the heading is on the edit form: it is a change


@pytest.mark.parametrize("data", [{}, {"direction": "sideways"}, {"heading": "risk"}])
def test_a_move_without_a_direction_or_heading_is_refused(chair, app, data):
    conference = chair.conference
    item_id = add_item(app, conference.id, "grey", "Unknown", position=0)
    response = chair.post(f"{conference.url}/{item_id}/move", data, page=conference.url)
    assert response.status_code == 400
    assert under(app, conference.id, "grey") == [("Unknown", 0)]
    assert events(app, "move") == []


# Who may do what


@pytest.mark.parametrize(
    ("role", "team"), [("practitioner", None), ("social_worker", "Team B"), ("admin", None)]
)
def test_people_who_may_not_see_the_case_are_told_the_conference_does_not_exist(
    signed_in, make_conference, app, role, team
):
    conference = make_conference()
    item_id = add_item(app, conference.id, "safety", "Grandad helps", position=0)
    client = signed_in(role, team=team)
    for url in (conference.url, f"{conference.url}/new", f"{conference.url}/{item_id}"):
        assert_page(client.get(url), "Page not found", status=404)
    data = with_children(ITEM, conference, 0)
    assert client.post(f"{conference.url}/new", data, page="/").status_code == 404
    move = client.post(f"{conference.url}/{item_id}/move", {"direction": "up"}, page="/")
    assert move.status_code == 404
    assert count(app, MapItem) == 1
    assert count(app, AuditEvent, action="view map") == 0


def test_a_social_worker_in_the_team_not_allocated_sees_but_cannot_change(
    signed_in, make_conference, app
):
    conference = make_conference()
    item_id = add_item(app, conference.id, "safety", "Grandad helps", position=0)
    client = signed_in("social_worker", team="Team A")
    html = assert_page(client.get(conference.url), "The map")
    assert "Grandad helps" in html
    assert "Add an item" not in html and "Move to" not in html
    assert f"{conference.url}/{item_id}" not in html
    denied = "You do not have permission to see this page"
    for url in (f"{conference.url}/new", f"{conference.url}/{item_id}"):
        assert_page(client.get(url), denied, status=403)
        data = with_children({**ITEM, "version": "1"}, conference, 0)
        assert client.post(url, data, page="/").status_code == 403
    move = client.post(f"{conference.url}/{item_id}/move", {"heading": "grey"}, page="/")
    assert move.status_code == 403
    assert count(app, MapItem) == 1
    assert get_item(app, item_id).heading == "safety"


def test_the_allocated_social_worker_can_add_items(signed_in, make_conference, app):
    client = signed_in("social_worker", team="Team A")
    conference = make_conference(social_worker_id=client.user_id)
    assert "Add an item" in client.get(conference.url).get_data(as_text=True)
    client.post(f"{conference.url}/new", with_children(ITEM, conference, 0))
    assert count(app, MapItem) == 1


def test_a_finalised_conference_map_cannot_be_changed(signed_in, make_conference, app):
    client = signed_in("chair")
    conference = make_conference(finalised=True)
    item_id = add_item(app, conference.id, "safety", "Grandad helps", position=0)
    html = client.get(conference.url).get_data(as_text=True)
    assert "Add an item" not in html and "Move to" not in html
    assert "This conference is finalised: the map can no longer be changed." in text_of(html)
    assert client.get(f"{conference.url}/new").status_code == 409
    data = with_children(ITEM, conference, 0)
    assert client.post(f"{conference.url}/new", data, page=conference.url).status_code == 409
    move = client.post(f"{conference.url}/{item_id}/move", {"heading": "grey"}, page="/")
    assert move.status_code == 409
    assert count(app, MapItem) == 1


def test_text_that_would_read_differently_from_how_it_was_typed_is_stored_as_typed(chair, app):
    """A right-to-left override (U+202E) makes "safe" show as "efas": it is dropped."""
    conference = chair.conference
    text = "Dad said the children are \u202eefas\u202c at home"
    data = with_children({**ITEM, "heading": "safety", "text": text}, conference, 0)
    chair.post(f"{conference.url}/new?heading=safety", data)
    with app.app_context():
        assert db.session.query(MapItem.text).scalar() == "Dad said the children are efas at home"
