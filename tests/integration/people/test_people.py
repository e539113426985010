"""The children and adults of a case: adding and changing them, the child's page, who may do
what, and saves that clash with someone else's."""

from datetime import date

import answers
import pytest
from helpers import count
from pages import assert_page, error_messages, text_of
from records import add_adult, add_child, events, get

from conference.domain import clock
from conference.extensions import db
from conference.models import (
    Adult,
    AdultChildRelationship,
    AuditEvent,
    Case,
    Child,
    CoreGroupMember,
)

CHILD = {
    **answers.CHILD,
    "gender_identity": "",
    "disabilities": ["HEAR", "COMM"],
    "school": "Riverside Primary",
    "gp": "High Street Surgery",
}

ADULT = {
    "given_name": "Dana",
    "family_name": "Jones",
    "in_household": "yes",
    "phone": "07700 900123",
    "email": "dana@example.org",
    "contact_address": "1 Example Road\nDemo Town",
}


@pytest.fixture
def worker(signed_in, make_case):
    """The social worker allocated to a case in Team A, signed in; `.case_id` is the case."""
    client = signed_in("social_worker", team="Team A")
    client.case_id = make_case(team="Team A", social_worker_id=client.user_id)
    return client


# Adding and changing a child


def test_allocated_social_worker_adds_a_child(worker, app):
    url = f"/cases/{worker.case_id}/children/new"
    assert_page(worker.get(url), "Add a child")
    response = worker.post(url, CHILD)
    with app.app_context():
        child = db.session.query(Child).one()
        assert response.headers["Location"] == f"/cases/{worker.case_id}/children/{child.id}"
        stored = (
            child.case_id,
            child.name,
            child.date_of_birth,
            child.expected_date_of_birth,
            child.sex,
            child.local_child_id,
            child.disabilities,
            child.school,
            child.gp,
        )
        assert stored == (
            worker.case_id,
            "Lily Jones",
            date(2020, 4, 3),
            None,
            "F",
            "LC-1001",
            ["HEAR", "COMM"],
            "Riverside Primary",
            "High Street Surgery",
        )
        child_id = child.id
    [created] = events(app, "create", record_type="child")
    assert (created.user_id, created.record_type, created.record_id, created.case_id) == (
        worker.user_id,
        "child",
        str(child_id),
        worker.case_id,
    )
    assert created.changes["local_child_id"] == [None, "LC-1001"]
    # The child's episode begins with the family's referral, and its creation is audited too.
    [opened] = events(app, "create", record_type="child_episode")
    assert (opened.user_id, opened.case_id) == (worker.user_id, worker.case_id)
    with app.app_context():
        [episode] = db.session.get(Child, child_id).episodes
        assert episode.referral_date == db.session.get(Case, worker.case_id).referral_date
        assert (episode.closed_on, episode.enquiries) == (None, [])
    assert "Lily Jones added to the case" in worker.get(response.headers["Location"]).get_data(
        as_text=True
    )


@pytest.mark.parametrize(
    ("changes", "messages"),
    [
        (
            dict.fromkeys(("given_name", "family_name", "born", "sex", "local_child_id"), ""),
            [
                "Enter the child’s first name",
                "Enter the child’s last name",
                "Select whether the child is born yet",
                "Select the child’s sex as recorded for statutory returns",
                "Enter the local child ID",
            ],
        ),
        ({"date_of_birth": ["", "", ""]}, ["Enter the child’s date of birth"]),
        ({"date_of_birth": ["3", "", "2020"]}, ["The child’s date of birth must include a month"]),
        ({"date_of_birth": ["31", "2", "2020"]}, ["The child’s date of birth must be a real date"]),
        (
            {"date_of_birth": ["1", "1", str(clock.today().year + 1)]},
            ["The child’s date of birth must be today or in the past"],
        ),
        (
            {"born": "no", "date_of_birth": ["", "", ""]},
            ["Enter the expected date of birth"],
        ),
        (
            {"disabilities": ["NONE", "HEAR"]},
            ["Select ‘No disability’ on its own, or only the disabilities that apply"],
        ),
    ],
)
def test_bad_child_details_are_explained_and_nothing_is_saved(worker, app, changes, messages):
    url = f"/cases/{worker.case_id}/children/new"
    html = assert_page(worker.post(url, {**CHILD, **changes}), "Add a child")
    assert error_messages(html) == messages
    assert count(app, Child) == 0
    assert count(app, AuditEvent, action="create") == 0
    if changes.get("school") is None:
        assert 'value="Riverside Primary"' in html  # nothing typed is lost


def test_unborn_child_has_an_expected_date_and_no_date_of_birth(worker, app):
    unborn = {
        **CHILD,
        "given_name": "Baby",
        "born": "no",
        "date_of_birth": ["1", "2", "2020"],  # typed, then the answer changed: ignored
        "expected_date_of_birth": ["14", "9", "2027"],
        "sex": "U",
        "disabilities": [],
    }
    response = worker.post(f"/cases/{worker.case_id}/children/new", unborn)
    with app.app_context():
        child = db.session.query(Child).one()
        assert (child.date_of_birth, child.expected_date_of_birth, child.unborn) == (
            None,
            date(2027, 9, 14),
            True,
        )
    html = worker.get(response.headers["Location"]).get_data(as_text=True)
    assert "Unborn (due 14 September 2027)" in text_of(html)


def test_local_child_id_must_be_unique_across_all_children(worker, app, make_case):
    other_case = make_case(team="Team B")
    add_child(app, other_case, local_child_id="LC-1001")
    url = f"/cases/{worker.case_id}/children/new"
    html = assert_page(worker.post(url, CHILD), "Add a child")
    assert error_messages(html) == ["Another child already has this ID"]
    assert count(app, Child) == 1


def test_changing_a_child_to_another_childs_id_is_refused(worker, app):
    add_child(app, worker.case_id, "Sam", local_child_id="LC-2002")
    child_id = add_child(app, worker.case_id)
    url = f"/cases/{worker.case_id}/children/{child_id}/edit"
    html = worker.post(url, {**CHILD, "local_child_id": "LC-2002", "version": "1"}).get_data(
        as_text=True
    )
    assert error_messages(html) == ["Another child already has this ID"]
    assert get(app, Child, child_id).local_child_id == "LC-1001"


def test_changing_a_child_is_audited(worker, app):
    child_id = add_child(app, worker.case_id)
    url = f"/cases/{worker.case_id}/children/{child_id}/edit"
    html = assert_page(worker.get(url), "Change details for Lily Jones")
    assert 'name="version" type="hidden" value="1"' in html
    changed = {**CHILD, "disabilities": ["NONE"], "school": "Hill Academy", "version": "1"}
    response = worker.post(url, changed)
    assert response.headers["Location"] == f"/cases/{worker.case_id}/children/{child_id}"
    child = get(app, Child, child_id)
    assert (child.school, child.disabilities, child.version) == ("Hill Academy", ["NONE"], 2)
    [updated] = events(app, "update")
    assert updated.case_id == worker.case_id
    assert updated.changes["school"] == ["", "Hill Academy"]
    assert updated.changes["disabilities"] == [[], ["NONE"]]


def test_stale_edit_of_a_child_keeps_what_was_typed_and_changes_nothing(worker, app):
    child_id = add_child(app, worker.case_id)
    url = f"/cases/{worker.case_id}/children/{child_id}/edit"
    worker.post(url, {**CHILD, "given_name": "Lily-Mae", "version": "1"})  # someone else
    html = worker.post(url, {**CHILD, "given_name": "Lilian", "version": "1"}).get_data(
        as_text=True
    )
    assert "Someone else changed this record while you were editing it" in html
    assert "First name Lily-Mae Lilian" in text_of(html)  # saved now, and what was typed
    assert 'value="Lilian"' in html
    assert 'name="version" type="hidden" value="2"' in html
    assert get(app, Child, child_id).given_name == "Lily-Mae"
    assert count(app, AuditEvent, action="update") == 1
    worker.post(url, {**CHILD, "given_name": "Lilian", "version": "2"})
    assert get(app, Child, child_id).given_name == "Lilian"


# The child's page


def test_child_page_shows_details_identity_and_adults(worker, app):
    child_id = add_child(app, worker.case_id, disabilities=["HEAR"], school="Riverside Primary")
    add_adult(app, worker.case_id, "Dana", [(child_id, "Mother", True)])
    add_adult(app, worker.case_id, "Chris", [(child_id, "Partner of parent", False)])
    url = f"/cases/{worker.case_id}/children/{child_id}"
    html = assert_page(worker.get(url), "Lily Jones")
    text = text_of(html)
    assert "Date of birth 3 April 2020" in text
    assert "Disabilities Hearing" in text
    assert "School or setting Riverside Primary" in text
    assert "Religion or faith Not recorded" in text
    assert "Dana Jones (change) Mother Yes" in text
    assert "Chris Jones (change) Partner of parent No" in text
    assert f'href="/cases/{worker.case_id}/children/{child_id}/edit#school"' in html
    assert f'href="/cases/{worker.case_id}/children/{child_id}/identity#religion"' in html


def test_every_view_of_a_child_page_is_audited_once(worker, app):
    child_id = add_child(app, worker.case_id)
    worker.get(f"/cases/{worker.case_id}/children/{child_id}")
    [viewed] = events(app, "view")
    assert (viewed.user_id, viewed.record_type, viewed.record_id, viewed.case_id) == (
        worker.user_id,
        "child",
        str(child_id),
        worker.case_id,
    )
    worker.get(f"/cases/{worker.case_id}/children/{child_id}")
    assert count(app, AuditEvent, action="view") == 2


# Adults and their relationships to the children


def test_adult_with_relationships_to_two_children(worker, app):
    lily = add_child(app, worker.case_id, "Lily", "LC-1")
    sam = add_child(app, worker.case_id, "Sam", "LC-2")
    url = f"/cases/{worker.case_id}/adults/new"
    html = assert_page(worker.get(url), "Add an adult")
    assert "Parental responsibility for Lily Jones?" in html
    assert "Parental responsibility for Sam Jones?" in html
    form = {
        **ADULT,
        f"relationship-{lily}": "Mother",
        f"pr-{lily}": "yes",
        f"relationship-{sam}": "Step-parent",
        f"pr-{sam}": "no",
    }
    response = worker.post(url, form)
    assert response.headers["Location"] == f"/cases/{worker.case_id}"
    with app.app_context():
        adult = db.session.query(Adult).one()
        assert (adult.name, adult.in_household, adult.email, adult.contact_address) == (
            "Dana Jones",
            True,
            "dana@example.org",
            "1 Example Road\nDemo Town",
        )
        stored = {
            (r.child_id, r.relationship_to_child, r.parental_responsibility)
            for r in adult.relationships
        }
        assert stored == {(lily, "Mother", True), (sam, "Step-parent", False)}
    [created] = events(app, "create")
    assert (created.record_type, created.case_id) == ("adult", worker.case_id)
    assert created.changes["relationships"] == [
        None,
        [
            "Lily Jones: Mother, parental responsibility",
            "Sam Jones: Step-parent, no parental responsibility",
        ],
    ]
    text = text_of(worker.get(f"/cases/{worker.case_id}/children/{sam}").get_data(as_text=True))
    assert "Dana Jones (change) Step-parent No Yes" in text


def test_adult_details_are_checked(worker, app):
    lily = add_child(app, worker.case_id)
    url = f"/cases/{worker.case_id}/adults/new"
    form = {**ADULT, "given_name": "", "in_household": "", "email": "dana at example"}
    html = assert_page(worker.post(url, form), "Add an adult")
    assert error_messages(html) == [
        "Enter the person’s first name",
        "Select whether they live in the children’s household",
        "Enter an email address in the correct format, like name@example.org",
        "Select their relationship to Lily Jones",
        "Select whether they have parental responsibility for Lily Jones",
    ]
    assert f'id="relationship-{lily}"' in html
    assert 'value="07700 900123"' in html
    assert count(app, Adult) == 0


def test_adult_can_be_added_before_any_child(worker, app):
    url = f"/cases/{worker.case_id}/adults/new"
    html = worker.get(url).get_data(as_text=True)
    assert "There are no children on this case yet" in html
    worker.post(url, {**ADULT, "email": ""})
    with app.app_context():
        adult = db.session.query(Adult).one()
        assert (adult.name, adult.email, adult.relationships) == ("Dana Jones", "", [])


def test_changing_an_adult_replaces_their_relationships(worker, app):
    lily = add_child(app, worker.case_id, "Lily", "LC-1")
    sam = add_child(app, worker.case_id, "Sam", "LC-2")
    adult_id = add_adult(app, worker.case_id, relationships=[(lily, "Mother", True)])
    url = f"/cases/{worker.case_id}/adults/{adult_id}/edit"
    html = assert_page(worker.get(url), "Change details for Dana Jones")
    assert '<option value="Mother" selected>' in html
    form = {
        **ADULT,
        "version": "1",
        f"relationship-{lily}": "Grandparent",
        f"pr-{lily}": "no",
        f"relationship-{sam}": "Grandparent",
        f"pr-{sam}": "yes",
    }
    assert worker.post(url, form).headers["Location"] == f"/cases/{worker.case_id}"
    with app.app_context():
        adult = db.session.get(Adult, adult_id)
        stored = {
            (r.child_id, r.relationship_to_child, r.parental_responsibility)
            for r in adult.relationships
        }
        assert stored == {(lily, "Grandparent", False), (sam, "Grandparent", True)}
        assert adult.version == 2
    assert count(app, AdultChildRelationship) == 2
    [updated] = events(app, "update")
    assert updated.changes["relationships"][1] == [
        "Lily Jones: Grandparent, no parental responsibility",
        "Sam Jones: Grandparent, parental responsibility",
    ]
    assert updated.changes["email"] == ["", "dana@example.org"]


def test_changing_only_a_relationship_moves_the_adults_version_on(worker, app):
    lily = add_child(app, worker.case_id)
    adult_id = add_adult(app, worker.case_id, relationships=[(lily, "Mother", True)])
    url = f"/cases/{worker.case_id}/adults/{adult_id}/edit"
    html = worker.get(url).get_data(as_text=True)
    assert f'id="pr-{lily}" name="pr-{lily}" type="radio" value="yes" checked' in html
    unchanged = {**ADULT, "phone": "", "email": "", "contact_address": "", "version": "1"}
    worker.post(url, {**unchanged, f"relationship-{lily}": "Mother", f"pr-{lily}": "yes"})
    assert count(app, AuditEvent, action="update") == 0
    worker.post(url, {**unchanged, f"relationship-{lily}": "Mother", f"pr-{lily}": "no"})
    assert get(app, Adult, adult_id).version == 2
    [updated] = events(app, "update")
    assert updated.changes == {
        "relationships": [
            ["Lily Jones: Mother, parental responsibility"],
            ["Lily Jones: Mother, no parental responsibility"],
        ]
    }


def test_stale_edit_of_an_adult_keeps_what_was_typed(worker, app):
    lily = add_child(app, worker.case_id)
    adult_id = add_adult(app, worker.case_id, relationships=[(lily, "Mother", True)])
    url = f"/cases/{worker.case_id}/adults/{adult_id}/edit"
    form = {**ADULT, "version": "1", f"relationship-{lily}": "Mother", f"pr-{lily}": "yes"}
    worker.post(url, {**form, f"relationship-{lily}": "Carer"})  # someone else saves first
    html = worker.post(url, {**form, "phone": "01234 567890"}).get_data(as_text=True)
    assert "Someone else changed this record while you were editing it" in html
    assert "Relationship to Lily Jones Carer, parental responsibility" in text_of(html)
    assert 'value="01234 567890"' in html
    adult = get(app, Adult, adult_id)
    assert (adult.phone, adult.version) == ("07700 900123", 2)


# Who may do what


def _routes(case_id, child_id, adult_id) -> list[str]:
    base = f"/cases/{case_id}"
    return [
        f"{base}/children/new",
        f"{base}/children/{child_id}",
        f"{base}/children/{child_id}/edit",
        f"{base}/children/{child_id}/identity",
        f"{base}/adults/new",
        f"{base}/adults/{adult_id}/edit",
        f"{base}/adults/{adult_id}/identity",
    ]


EDIT_ROUTES = [0, 2, 3, 4, 5, 6]


@pytest.fixture
def family(app, make_case, make_user):
    """A case in Team A allocated to a social worker, with a child and an adult."""
    allocated = make_user("social_worker", email="allocated@example.org", team="Team A")
    case_id = make_case(team="Team A", social_worker_id=allocated)
    child_id = add_child(app, case_id)
    adult_id = add_adult(app, case_id, relationships=[(child_id, "Mother", True)])
    return case_id, child_id, adult_id


@pytest.mark.parametrize(
    ("role", "team"),
    [("practitioner", None), ("manager", "Team B"), ("social_worker", "Team B"), ("admin", None)],
)
def test_people_who_may_not_see_the_case_are_told_it_does_not_exist(
    signed_in, family, app, role, team
):
    client = signed_in(role, team=team)
    routes = _routes(*family)
    for url in routes:
        assert_page(client.get(url), "Page not found", status=404)
    for index in EDIT_ROUTES:
        assert client.post(routes[index], {**CHILD, **ADULT}, page="/").status_code == 404
    assert count(app, AuditEvent, action="view") == 0
    assert count(app, Child) == 1


def test_unallocated_social_worker_in_the_team_sees_the_child_but_cannot_change(signed_in, family):
    client = signed_in("social_worker", team="Team A")
    case_id, child_id, _adult_id = family
    routes = _routes(*family)
    for index in EDIT_ROUTES:
        assert_page(
            client.get(routes[index]), "You do not have permission to see this page", status=403
        )
    html = assert_page(client.get(f"/cases/{case_id}/children/{child_id}"), "Lily Jones")
    assert "/edit" not in html and "/identity" not in html and "Change" not in text_of(html)


def test_core_group_practitioner_sees_the_child_but_cannot_change(signed_in, family, app):
    client = signed_in("practitioner")
    case_id, child_id, _adult_id = family
    with app.app_context():
        db.session.add(CoreGroupMember(case_id=case_id, user_id=client.user_id))
        db.session.commit()
    assert_page(client.get(f"/cases/{case_id}/children/{child_id}"), "Lily Jones")
    assert client.get(f"/cases/{case_id}/children/{child_id}/edit").status_code == 403


@pytest.mark.parametrize(("role", "team"), [("chair", "Team B"), ("manager", "Team A")])
def test_chairs_and_the_teams_managers_can_change_children(signed_in, family, app, role, team):
    client = signed_in(role, team=team)
    case_id, child_id, _adult_id = family
    for url in _routes(*family):
        assert client.get(url).status_code == 200, url
    url = f"/cases/{case_id}/children/{child_id}/edit"
    client.post(url, {**CHILD, "gp": "Park Surgery", "version": "1"})
    assert get(app, Child, child_id).gp == "Park Surgery"


def test_a_child_or_adult_of_another_case_is_not_found(worker, app, make_case):
    other_case = make_case(team="Team A", social_worker_id=worker.user_id)
    child_id = add_child(app, other_case)
    adult_id = add_adult(app, other_case)
    base = f"/cases/{worker.case_id}"
    for url in (
        f"{base}/children/{child_id}",
        f"{base}/children/{child_id}/edit",
        f"{base}/children/{child_id}/identity",
        f"{base}/adults/{adult_id}/edit",
        f"{base}/adults/{adult_id}/identity",
        f"{base}/children/999999",
    ):
        assert_page(worker.get(url), "Page not found", status=404)
    assert count(app, AuditEvent, action="view") == 0
