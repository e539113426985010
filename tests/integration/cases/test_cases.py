"""Creating, finding, viewing and changing cases."""

import re
from datetime import date, timedelta

import pytest
from helpers import count
from pages import assert_page, error_messages, text_of
from werkzeug.datastructures import MultiDict

from conference.domain import clock
from conference.extensions import db
from conference.models import AuditEvent, Case, Child, CoreGroupMember, Pod, Team


def case_form(**changes) -> MultiDict:
    fields = {
        "reference": "hav-000123",
        "team_id": "",
        "pod_id": "",
        "social_worker_id": "",
        "address": "1 Example Road",
        "referral_date": ["28", "9", "2026"],
        "opened_on": ["1", "10", "2026"],
        "status": "section_47",
        "version": "1",
    }
    fields.update(changes)
    data = MultiDict()
    for key, value in fields.items():
        for item in value if isinstance(value, list) else [value]:
            data.add(key, item)
    return data


def _team(app, name):
    with app.app_context():
        return str(db.session.query(Team).filter_by(name=name).one().id)


def test_social_worker_creates_a_case_after_checking_the_answers(signed_in, app):
    client = signed_in("social_worker", team="Team A", name="Sam Worker")
    page = client.get("/cases/new").get_data(as_text=True)
    assert_page(client.get("/cases/new"), "Create a case")
    assert "selected" in page.split('name="social_worker_id"')[1].split("</select>")[0]
    form = case_form(team_id=_team(app, "Team A"), social_worker_id=str(client.user_id))
    response = client.post("/cases/new", form)
    assert response.headers["Location"] == "/cases/new/check"
    check = assert_page(client.get("/cases/new/check"), "Check the case details before creating it")
    for answer in ("HAV-000123", "Team A", "Sam Worker", "28 September 2026", "1 October 2026"):
        assert answer in text_of(check)
    assert count(app, Case) == 0
    created = client.post("/cases/new/check")
    with app.app_context():
        case = db.session.query(Case).one()
        assert (case.reference, case.social_worker_id, case.opened_on) == (
            "HAV-000123",
            client.user_id,
            date(2026, 10, 1),
        )
        assert created.headers["Location"] == f"/cases/{case.id}"
        event = db.session.query(AuditEvent).filter_by(action="create").one()
        assert (event.case_id, event.user_id) == (case.id, client.user_id)
    html = assert_page(client.get(created.headers["Location"]), "Case HAV-000123")
    assert "Case HAV-000123 created. Now add the children and adults." in text_of(html)
    assert "Add the children in the family." in text_of(html)


def test_change_from_the_check_page_keeps_the_answers(signed_in, app):
    client = signed_in("social_worker", team="Team A")
    client.post("/cases/new", case_form(team_id=_team(app, "Team A"), address="2 Kept Street"))
    html = client.get("/cases/new").get_data(as_text=True)
    assert "2 Kept Street" in html
    assert 'value="HAV-000123"' in html


@pytest.mark.parametrize(
    ("changes", "messages"),
    [
        (
            {
                "reference": "",
                "team_id": "",
                "referral_date": ["", "", ""],
                "opened_on": ["", "", ""],
                "status": "",
            },
            [
                "Enter the case reference",
                "Select a team",
                "Enter the referral date",
                "Enter the date the case opened",
                "Select the status of the case",
            ],
        ),
        ({"reference": "123"}, ["Enter a case reference like HAV-000123"]),
        ({"referral_date": ["31", "2", "2026"]}, ["The referral date must be a real date"]),
        ({"referral_date": ["3", "", "2026"]}, ["The referral date must include a month"]),
        ({"referral_date": ["3"]}, ["The referral date must include a month"]),
        (
            {"opened_on": ["1", "1", str(clock.today().year + 1)]},
            ["The date the case opened must be today or in the past"],
        ),
        (
            {"opened_on": ["1", "9", "2026"]},
            ["The date the case opened must be on or after the referral date"],
        ),
    ],
)
def test_bad_case_details_are_explained_and_kept(signed_in, app, changes, messages):
    client = signed_in("chair", team="Team A")
    form = case_form(**{"team_id": _team(app, "Team A"), **changes})
    html = assert_page(client.post("/cases/new", form), "Create a case")
    assert error_messages(html) == messages
    assert "1 Example Road" in html
    assert client.get("/cases/new/check").headers["Location"] == "/cases/new"


def test_pod_must_belong_to_the_team(signed_in, make_case, app):
    client = signed_in("chair", team="Team A")
    make_case(team="Team B")
    with app.app_context():
        pod = Pod(team_id=int(_team(app, "Team B")), name="Pod 1")
        db.session.add(pod)
        db.session.commit()
        pod_id = str(pod.id)
    form = case_form(team_id=_team(app, "Team A"), pod_id=pod_id)
    assert error_messages(client.post("/cases/new", form).get_data(as_text=True)) == [
        "Select a pod in the team you chose"
    ]


def test_social_worker_cannot_create_a_case_they_could_not_see(signed_in, make_user, app):
    client = signed_in("social_worker", team="Team A")
    make_user("manager", email="m@example.org", team="Team B")
    html = client.post("/cases/new", case_form(team_id=_team(app, "Team B"))).get_data(as_text=True)
    assert error_messages(html) == [
        "Select your own team or allocate the case to yourself, so that you can see it"
    ]


def test_reference_already_used_is_caught_at_the_end(signed_in, make_case, app):
    client = signed_in("chair", team="Team A")
    client.post("/cases/new", case_form(team_id=_team(app, "Team A")))
    make_case(reference="HAV-000123")
    html = client.post("/cases/new/check", page="/cases/new/check").get_data(as_text=True)
    assert error_messages(html) == [
        "A case with this reference already exists: find it in Cases, or enter another"
    ]
    assert 'value="1 Example Road"' in html or "1 Example Road" in html
    assert count(app, Case) == 1


def test_viewing_a_case_writes_one_audit_event(signed_in, make_case, app):
    client = signed_in("manager", team="Team A")
    case_id = make_case(team="Team A")
    client.get(f"/cases/{case_id}")
    assert count(app, AuditEvent, action="view", case_id=case_id, user_id=client.user_id) == 1


def test_practitioner_sees_a_case_once_in_its_core_group(signed_in, make_case, app):
    client = signed_in("practitioner")
    case_id = make_case(team="Team A")
    assert client.get(f"/cases/{case_id}").status_code == 404
    with app.app_context():
        db.session.add(CoreGroupMember(case_id=case_id, user_id=client.user_id))
        db.session.commit()
    assert client.get(f"/cases/{case_id}").status_code == 200


def _add_children(app, case_id, *children):
    with app.app_context():
        for n, (given, family, born) in enumerate(children):
            db.session.add(
                Child(
                    case_id=case_id,
                    given_name=given,
                    family_name=family,
                    date_of_birth=born,
                    local_child_id=f"C{case_id}-{n}",
                )
            )
        db.session.commit()


def test_search_by_reference_name_and_date_of_birth(signed_in, make_case, app):
    client = signed_in("chair", team="Chairs")
    first = make_case(reference="HAV-000001")
    second = make_case(reference="HAV-000002")
    _add_children(app, first, ("Amara", "Adebayo", date(2019, 3, 14)))
    _add_children(app, second, ("Lily", "Jones", date(2020, 5, 1)))
    for query, found, not_found in [
        ("hav-000001", "HAV-000001", "HAV-000002"),
        ("adebayo", "HAV-000001", "HAV-000002"),
        ("Lily J", "HAV-000002", "HAV-000001"),
        ("14/3/2019", "HAV-000001", "HAV-000002"),
        ("1 5 2020", "HAV-000002", "HAV-000001"),
    ]:
        html = client.post("/cases/", {"q": query}, follow_redirects=True).get_data(as_text=True)
        assert found in html and not_found not in html, query
    html = client.post("/cases/", {"q": "Nobody"}, follow_redirects=True).get_data(as_text=True)
    assert "No cases found" in html


def test_filter_by_team_and_status_and_page_through(signed_in, make_case, app):
    client = signed_in("chair", team="Chairs")
    for n in range(23):
        make_case(team="Team A", reference=f"AAA-{n:06d}")
    make_case(team="Team B", reference="BBB-000001", status="cp_plan")
    team_a = _team(app, "Team A")
    first = client.get("/cases/", query_string={"team": team_a}).get_data(as_text=True)
    assert "23 cases, page 1 of 2" in text_of(first)
    assert "BBB-000001" not in first
    second = client.get("/cases/", query_string={"team": team_a, "page": 2}).get_data(as_text=True)
    assert text_of(second).count("AAA-0000") == 3
    plans = client.get("/cases/", query_string={"status": "cp_plan"}).get_data(as_text=True)
    assert "BBB-000001" in plans and "AAA-000001" not in plans
    assert client.get("/cases/", query_string={"page": "x"}).status_code == 200


def test_edit_case_and_stale_edits(signed_in, make_case, app):
    client = signed_in("manager", team="Team A")
    case_id = make_case(team="Team A", reference="HAV-000010")
    url = f"/cases/{case_id}/edit"
    assert_page(client.get(url), "Change case HAV-000010")
    team = _team(app, "Team A")
    saved = client.post(url, case_form(reference="HAV-000010", team_id=team, address="New address"))
    assert saved.headers["Location"] == f"/cases/{case_id}"
    stale = client.post(url, case_form(reference="HAV-000010", team_id=team, address="My address"))
    html = stale.get_data(as_text=True)
    assert "Someone else changed this record while you were editing it" in html
    assert "New address" in text_of(html) and "My address" in html
    with app.app_context():
        case = db.session.get(Case, case_id)
        assert (case.address, case.version) == ("New address", 2)
        update = db.session.query(AuditEvent).filter_by(action="update", case_id=case_id).one()
        assert update.changes["address"] == ["", "New address"]


def test_moving_a_case_to_another_team_says_where_it_went(signed_in, make_case, app):
    """The manager moves a case to another team: saved, and since it is that team's now, they
    are taken to their cases with a message, not to a case page they may no longer open."""
    client = signed_in("manager", team="Team A")
    case_id = make_case(team="Team A", reference="HAV-000013")
    make_case(team="Team B", reference="HAV-000099")  # Team B exists
    team_b = _team(app, "Team B")
    saved = client.post(f"/cases/{case_id}/edit", case_form(reference="HAV-000013", team_id=team_b))
    assert saved.headers["Location"] == "/cases/"
    cases = client.get("/cases/").get_data(as_text=True)
    assert (
        "Case HAV-000013 saved and moved to Team B. It is no longer in your team, so it is not "
        "in your cases any more." in text_of(cases)
    )
    assert "HAV-000013" not in text_of(cases).replace("Case HAV-000013 saved", "")
    assert client.get(f"/cases/{case_id}").status_code == 404
    with app.app_context():
        assert str(db.session.get(Case, case_id).team_id) == team_b


def test_manager_sees_the_case_audit_history(signed_in, make_case, app):
    client = signed_in("manager", team="Team A")
    case_id = make_case(team="Team A", reference="HAV-000011")
    client.get(f"/cases/{case_id}")
    html = assert_page(client.get(f"/cases/{case_id}/audit"), "Audit history of case HAV-000011")
    assert "View case" in text_of(html)


def test_future_dates_in_search_do_not_crash(signed_in):
    client = signed_in("chair")
    tomorrow = clock.today() + timedelta(days=1)
    for typed in (f"{tomorrow:%d/%m/%Y}", "31/2/2020"):
        response = client.post("/cases/", {"q": typed}, follow_redirects=True)
        assert response.status_code == 200
        assert "No cases found" in response.get_data(as_text=True)


def test_saving_the_form_clears_its_autosaved_draft(signed_in, make_case, app):
    client = signed_in("manager", team="Team A")
    case_id = make_case(team="Team A", reference="HAV-000012")
    token = client.csrf_token(f"/cases/{case_id}/edit")
    draft = {"key": f"case-{case_id}-details", "data": {"address": "typed"}, "base_version": 1}
    assert client.raw.post("/drafts", json=draft, headers={"X-CSRFToken": token}).status_code == 204
    assert client.get(f"/drafts/case-{case_id}-details").status_code == 200
    form = case_form(reference="HAV-000012", team_id=_team(app, "Team A"), address="typed")
    assert client.post(f"/cases/{case_id}/edit", form).status_code == 302
    assert client.get(f"/drafts/case-{case_id}-details").status_code == 204


def _case_page_with_ruby(signed_in, make_case, app) -> str:
    """The case page's text, as a manager sees it, for a family with one child, Ruby Stone."""
    client = signed_in("manager", team="Team A")
    case_id = make_case(team="Team A")
    with app.app_context():
        db.session.add(
            Child(case_id=case_id, given_name="Ruby", family_name="Stone", local_child_id="RS1")
        )
        db.session.commit()
    return text_of(client.get(f"/cases/{case_id}").get_data(as_text=True))


def test_card_links_name_the_person_once(signed_in, make_case, app):
    """GOV.UK Frontend adds the card's title to its action links: screen readers hear
    "View (Ruby Stone)", not the name twice."""
    page = _case_page_with_ruby(signed_in, make_case, app)
    assert "View (Ruby Stone)" in page
    assert "Identity (Ruby Stone)" in page
    assert page.count("Ruby Stone") == page.count("(Ruby Stone)") + 1  # + the card's title


def test_the_card_and_the_next_steps_count_the_same_missing_identity_answers(
    signed_in, make_case, app
):
    page = _case_page_with_ruby(signed_in, make_case, app)
    on_card = re.search(r"(\d+) not recorded\b(?! yet)", page).group(1)
    in_next_steps = re.search(r"Ask about Ruby’s identity: (\d+) questions", page).group(1)
    assert on_card == in_next_steps


@pytest.mark.parametrize("value", ["²", "9" * 30, "1" * 5000, "-1", "１"])
def test_odd_numbers_in_the_case_list_filters_are_ignored(signed_in, make_case, value):
    client = signed_in("manager", team="Team A")
    make_case(team="Team A", reference="TST-000777")
    response = client.get(f"/cases/?team={value}&pod={value}")
    assert response.status_code == 200
    assert "TST-000777" in response.get_data(as_text=True)
