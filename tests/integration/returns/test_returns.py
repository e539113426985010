"""The statutory returns: the Children in Need census XML (checked against the DfE schema and
the Data to Insight validator) and Ofsted's Annex A, from the page and the command line."""

import io
import os
import warnings
import xml.etree.ElementTree as ET
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import openpyxl
import pytest
import xmlschema
from helpers import count
from pages import error_messages, text_of
from sqlalchemy import select
from werkzeug.datastructures import MultiDict

from conference.extensions import db
from conference.models import (
    AuditEvent,
    Case,
    Child,
    ChildDecision,
    ChildEpisode,
    Conference,
    Role,
    Section47Enquiry,
    StatutoryVisit,
)
from conference.returns.views import census_year_of
from conference.seeding.demo import seed
from conference.services.returns.annex_a import LIST_5, LIST_5_HEADINGS, LIST_7, LIST_7_HEADINGS


def _cin_reference() -> Path:
    """The DfE schema is reference data kept beside the project (../shared/reference/cin), not
    copied into it. A clone elsewhere finds it through CIN_REFERENCE or the workplace's copy."""
    places = [
        os.environ.get("CIN_REFERENCE", ""),
        Path(__file__).resolve().parents[3].parent / "shared/reference/cin",
        "/work/shared/reference/cin",
    ]
    found = next(
        (Path(p) for p in places if p and (Path(p) / "CIN_schema_2026.xsd").is_file()), None
    )
    assert found, f"CIN_schema_2026.xsd not found in any of {places}: set CIN_REFERENCE"
    return found


CIN_REFERENCE = _cin_reference()
SCHEMA = CIN_REFERENCE / "CIN_schema_2026.xsd"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
THIS_YEAR = census_year_of(date.today())
# Queries ("Please check…") the demo cannot avoid: the toolkit records no factors identified at
# assessment (8897Q); a census taken mid-year sees an unborn child due before the reference date
# (8530Q).
EXPECTED_QUERIES = {"8530Q", "8897Q"}


@pytest.fixture
def demo(app):
    with app.app_context():
        seed("a demo password for the tests")


def export_cin(app, year=THIS_YEAR, out=None):
    out = out or Path(app.instance_path) / "never-used.xml"
    return app.test_cli_runner().invoke(args=["export-cin", "--year", str(year), "--out", out])


def test_the_demo_census_is_valid_against_the_schema_and_the_dfe_rules(app, demo, tmp_path):
    out = tmp_path / "cin.xml"
    result = export_cin(app, out=out)
    assert result.exit_code == 0, result.output
    assert "(3 children)" in result.output

    xmlschema.XMLSchema(SCHEMA).validate(str(out))
    issues, la_issues = validate_with_dfe_rules(out)
    assert {code for code in issues if not code.endswith("Q")} == set()
    assert set(issues) <= EXPECTED_QUERIES
    assert {code for code in la_issues if not code.endswith("Q")} == set()

    root = parsed(out)
    assert root.findtext("Header/CollectionDetails/ReferenceDate") == f"{THIS_YEAR}-03-31"
    assert root.findtext("Header/Source/LEA") == "999"
    # Rule 8870Q, which the validator never fires: the ICPC target is never at a weekend.
    targets = [date.fromisoformat(t.text) for t in root.iter("InitialCPCtarget")]
    assert targets and all(target.weekday() < 5 for target in targets)
    # Rule 8935, which the validator never fires: one open plan per child at most.
    for child in root.iter("Child"):
        plans = child.findall("CINdetails/ChildProtectionPlans")
        assert len([p for p in plans if p.find("CPPendDate") is None]) <= 1
    kemi = root.find("Children/Child")
    assert kemi.findtext("ChildIdentifiers/UPN") == "Q311200113001"
    assert kemi.findtext("CINdetails/ReferralSource") == "3B"
    assert kemi.findtext("CINdetails/PrimaryNeedCode") == "N1"
    assert kemi.findtext("CINdetails/ChildProtectionPlans/InitialCategoryOfAbuse") == "EMO"
    # The initial conference is recorded once, in the section 47 enquiry.
    assert kemi.find("CINdetails/DateOfInitialCPC") is None
    section_47 = kemi.find("CINdetails/Section47")
    plan_start = kemi.findtext("CINdetails/ChildProtectionPlans/CPPstartDate")
    assert section_47.findtext("DateOfInitialCPC") == plan_start


def parsed(path: Path) -> ET.Element:
    return ET.parse(path).getroot()  # noqa: S314  (the file the export just wrote)


def validate_with_dfe_rules(path: Path) -> tuple[list[str], list[str]]:
    """The rule codes the Data to Insight validator (ruleset cin2025_26) reports. It reads its
    bank holidays from a list in the package, so it needs no network; its pandas calls raise
    deprecation warnings that are not ours to fix."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from cin_validator import cin_validator
        from cin_validator.rules.cin2025_26 import registry

        data = cin_validator.process_data(cin_validator.convert_data(parsed(path)))
        validator = cin_validator.CinValidator(data, registry)
    child_codes = sorted(set(validator.full_issue_df["rule_code"]))
    la_codes = sorted(set(validator.multichild_issues["rule_code"]))
    return child_codes, la_codes


def add_conference(app, case_id, held_on, kind, outcomes, finalised=True):
    """A conference about the case, with an outcome (and category) for each child by id."""
    with app.app_context():
        conference = Conference(
            case_id=case_id,
            conference_type=kind,
            held_on=held_on,
            starts_at=time(10),
            strategy_discussion_on=None,
            finalised_at=datetime.combine(held_on, time(17), tzinfo=UTC) if finalised else None,
        )
        conference.decisions = [
            ChildDecision(child_id=child_id, outcome=outcome, category=category)
            for child_id, (outcome, category) in outcomes.items()
        ]
        db.session.add(conference)
        db.session.commit()


def family(app, make_case, reference, local_id, **fields):
    """A case ready for the census, with one child whose episode began with the family's
    referral and holds a section 47 enquiry; returns (case id, child id)."""
    started_on = fields.pop("section_47_started_on", date(2024, 5, 13))
    case_id = make_case(
        reference=reference,
        referral_date=date(2024, 5, 1),
        opened_on=date(2024, 5, 1),
        **fields,
    )
    with app.app_context():
        child = Child(
            case_id=case_id,
            given_name="Test",
            family_name="Child",
            date_of_birth=date(2016, 1, 5),
            sex="F",
            local_child_id=local_id,
            ethnicity_code="WBRI",
            disabilities=["NONE"],
        )
        child.episodes.append(
            ChildEpisode(
                referral_date=date(2024, 5, 1),
                referral_source="2A",
                primary_need_code="N1",
                enquiries=[Section47Enquiry(started_on=started_on)],
            )
        )
        db.session.add(child)
        db.session.commit()
        return case_id, child.id


def test_a_plan_ending_the_day_it_starts_is_listed_and_no_file_is_written(app, make_case, tmp_path):
    case_id, child_id = family(app, make_case, "TST-000001", "TST1")
    icpc = date(2025, 6, 2)
    add_conference(app, case_id, icpc, "initial", {child_id: ("cp_plan", "NEG")})
    add_conference(app, case_id, icpc, "review", {child_id: ("nfa", None)})
    out = tmp_path / "cin.xml"
    result = export_cin(app, 2026, out)
    assert result.exit_code != 0
    assert "TST-000001, child 1: the plan ends on the day it starts" in result.output
    assert "Nothing was written" in result.output
    assert list(tmp_path.iterdir()) == []
    assert count(app, AuditEvent, action="export") == 0


def test_the_year_holds_only_children_with_an_enquiry_or_a_plan_in_it(app, make_case, tmp_path):
    ended_case, ended_child = family(app, make_case, "TST-000001", "ENDED1")
    add_conference(app, ended_case, date(2024, 6, 3), "initial", {ended_child: ("cp_plan", "NEG")})
    add_conference(app, ended_case, date(2025, 3, 3), "review", {ended_child: ("nfa", None)})
    open_case, open_child = family(
        app, make_case, "TST-000002", "OPEN1", section_47_started_on=date(2025, 5, 12)
    )
    add_conference(app, open_case, date(2025, 6, 2), "initial", {open_child: ("cp_plan", "PHY")})
    add_conference(app, open_case, date(2025, 9, 1), "review", {open_child: ("cp_plan", "EMO")})
    # Not finalised: not counted.
    add_conference(app, open_case, date(2026, 1, 5), "review", {open_child: ("nfa", None)}, False)
    out = tmp_path / "cin.xml"
    result = export_cin(app, 2026, out)
    assert result.exit_code == 0, result.output
    root = parsed(out)
    assert [c.findtext("ChildIdentifiers/LAchildID") for c in root.iter("Child")] == ["OPEN1"]
    plan = root.find("Children/Child/CINdetails/ChildProtectionPlans")
    assert plan.findtext("CPPstartDate") == "2025-06-02"
    assert plan.find("CPPendDate") is None
    assert plan.findtext("InitialCategoryOfAbuse") == "PHY"
    assert plan.findtext("LatestCategoryOfAbuse") == "EMO"
    assert [r.text for r in plan.iter("CPPreviewDate")] == ["2025-09-01"]
    # The earlier year holds the ended plan, and it counts as a previous plan now.
    assert export_cin(app, 2025, tmp_path / "2025.xml").exit_code == 0
    earlier = parsed(tmp_path / "2025.xml")
    assert [c.findtext("ChildIdentifiers/LAchildID") for c in earlier.iter("Child")] == ["ENDED1"]
    xmlschema.XMLSchema(SCHEMA).validate(str(out))


def test_previous_plans_count_the_toolkits_and_those_before_it(app, make_case, tmp_path):
    case_id, child_id = family(app, make_case, "TST-000001", "AGAIN1")
    with app.app_context():
        db.session.get(Child, child_id).previous_plans_elsewhere = 2
        db.session.commit()
    add_conference(app, case_id, date(2024, 6, 3), "initial", {child_id: ("cp_plan", "NEG")})
    add_conference(app, case_id, date(2024, 9, 2), "review", {child_id: ("cin_plan", None)})
    add_conference(app, case_id, date(2025, 6, 2), "initial", {child_id: ("cp_plan", "NEG")})
    result = export_cin(app, 2026, tmp_path / "cin.xml")
    assert result.exit_code == 0, result.output
    root = parsed(tmp_path / "cin.xml")
    assert [p.text for p in root.iter("NumberOfPreviousCPP")] == ["3"]


def test_the_cli_writes_the_census_and_audits_it_with_no_user(app, demo, tmp_path):
    out = tmp_path / "cin.xml"
    assert export_cin(app, out=out).exit_code == 0
    assert out.read_bytes().startswith(b"<?xml")
    assert [p.name for p in tmp_path.iterdir()] == ["cin.xml"]
    with app.app_context():
        event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "export"))
        assert event.user_id is None
        assert event.changes == {"return": "cin", "year": THIS_YEAR, "children": 3}


def test_the_cli_writes_annex_a(app, demo, tmp_path):
    out = tmp_path / "annex-a.xlsx"
    result = app.test_cli_runner().invoke(args=["export-annex-a", "--out", out])
    assert result.exit_code == 0, result.output
    assert openpyxl.load_workbook(out)[LIST_7].max_row == 4
    with app.app_context():
        event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "export"))
        assert event.changes == {"return": "annex_a", "children": 3}


def test_annex_a_list_7_has_ofsteds_headings_and_values(app, demo, signed_in):
    client = signed_in(Role.MANAGER)
    response = client.post("/returns/", {"year": str(THIS_YEAR), "annex_a": "y"})
    assert response.status_code == 200
    assert response.mimetype == XLSX
    assert response.headers["Content-Disposition"] == (
        f'attachment; filename="annex-a-{date.today():%Y-%m-%d}.xlsx"'
    )
    sheet = openpyxl.load_workbook(io.BytesIO(response.data))[LIST_7]
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == LIST_7_HEADINGS
    assert rows[0][13] == (
        "Subject to Emergency Protection Order or Protected Under Police Powers in Last Six "
        "Months (Y/N)"
    )
    kemi = dict(zip(LIST_7_HEADINGS, rows[1], strict=True))
    with app.app_context():
        child = db.session.scalar(select(Child).where(Child.local_child_id == "DEMOC0001"))
        icpc = db.session.scalar(
            select(Conference.held_on).where(
                Conference.case_id == child.case_id, Conference.conference_type == "initial"
            )
        )
        born = child.date_of_birth
        # Her last statutory visit: the social worker's, at which she was seen alone (not the
        # school nurse's visit mentioned at a core group).
        last_visit = max(
            visit.visited_on
            for visit in db.session.scalars(
                select(StatutoryVisit).where(StatutoryVisit.case_id == child.case_id)
            )
        )
    assert kemi["Child Unique ID"] == "DEMOC0001"
    assert kemi["Gender"] == "b) Female"
    assert kemi["Ethnicity"] == "BAFR"
    assert kemi["Date of Birth"].date() == born
    assert kemi["Age of Child (Years)"] == 13
    assert kemi["Does the Child have a Disability"] == "N"
    assert kemi["Child Protection Plan Start Date"].date() == icpc
    assert (
        kemi["Initial Category of Abuse"]
        == kemi["Latest Category of Abuse"]
        == ("c) Emotional abuse")
    )
    assert kemi["Date of the Last Statutory Visit"].date() == last_visit
    assert kemi["Was the Child Seen Alone?"] == "Y"
    assert kemi["Date of latest review conference"] is None  # the review is still a draft
    assert kemi["Child Protection Plan End Date"] is None
    assert kemi[LIST_7_HEADINGS[13]] == "N"
    assert kemi["Number of Previous Child Protection Plans"] == 0
    assert kemi["Allocated Team"] == "Demo Assessment Team"
    assert kemi["Allocated Worker"] == "Sam Social-Worker"
    assert sheet["D2"].number_format == sheet["G2"].number_format == "dd/mm/yyyy"


def test_the_manager_downloads_the_census_and_it_is_audited(app, demo, signed_in):
    client = signed_in(Role.MANAGER)
    page = client.get("/returns/")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert '<h1 class="govuk-heading-l">Statutory returns</h1>' in html
    response = client.post("/returns/", {"year": str(THIS_YEAR), "cin": "y"})
    assert response.status_code == 200
    assert response.mimetype == "application/xml"
    assert response.headers["Content-Disposition"] == (
        f'attachment; filename="cin-census-{THIS_YEAR}.xml"'
    )
    xmlschema.XMLSchema(SCHEMA).validate(io.BytesIO(response.data))
    with app.app_context():
        event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "export"))
        assert event.user_id == client.user_id
        assert event.changes == {"return": "cin", "year": THIS_YEAR, "children": 3}


def test_the_page_lists_the_problems_as_an_error_summary(app, make_case, signed_in):
    case_id, child_id = family(app, make_case, "TST-000001", "TST1")
    june = date(THIS_YEAR - 1, 6, 1)
    saturday = june + timedelta(days=(5 - june.weekday()) % 7)
    add_conference(app, case_id, saturday, "initial", {child_id: ("cp_plan", "NEG")})
    client = signed_in(Role.MANAGER)
    response = client.post("/returns/", {"year": str(THIS_YEAR), "cin": "y"}, page="/returns/")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "govuk-error-summary" in html
    assert "The return was not made: put these records right first" in html
    assert (
        f"TST-000001, child 1: the initial conference on {saturday:%-d %B %Y} is at a weekend"
    ) in html
    assert count(app, AuditEvent, action="export") == 0


def test_the_page_refuses_an_unknown_year(app, signed_in):
    client = signed_in(Role.MANAGER)
    response = client.post("/returns/", {"year": "1999", "cin": "y"})
    html = response.get_data(as_text=True)
    assert '<p id="year-error" class="govuk-error-message">' in html
    assert "Select a census year from the list" in html
    assert count(app, AuditEvent, action="export") == 0


@pytest.mark.parametrize(
    "role, team",
    [
        (Role.MANAGER, "Team A"),  # a team's manager: the returns list every team's children
        (Role.SOCIAL_WORKER, None),
        (Role.CHAIR, None),
        (Role.PRACTITIONER, None),
        (Role.ADMIN, None),
    ],
)
def test_only_the_manager_of_the_whole_service_may_see_the_returns(signed_in, role, team):
    assert signed_in(role, team=team).get("/returns/").status_code == 403


def test_signed_out_users_are_sent_to_sign_in(client):
    response = client.get("/returns/")
    assert response.status_code == 302
    assert response.headers["Location"].split("?")[0].endswith("/sign-in")


# The census answers on the case and child forms.


def form(fields: dict) -> MultiDict:
    data = MultiDict()
    for key, value in fields.items():
        for item in value if isinstance(value, list) else [value]:
            data.add(key, item)
    return data


def test_the_child_form_stores_the_upn_earlier_plans_and_emergency_protection(
    app, make_case, signed_in
):
    client = signed_in(Role.MANAGER, team="Team A")
    case_id, child_id = family(app, make_case, "TST-000001", "LC1")
    url = f"/cases/{case_id}/children/{child_id}/edit"
    child = {
        "given_name": "Test",
        "family_name": "Child",
        "born": "yes",
        "date_of_birth": ["5", "1", "2016"],
        "expected_date_of_birth": ["", "", ""],
        "sex": "F",
        "local_child_id": "LC1",
        "version": "1",
    }
    bad = {**child, "upn": "Q31120011300", "previous_plans_elsewhere": "two"}
    html = client.post(url, form(bad)).get_data(as_text=True)
    assert error_messages(html) == [
        "Enter a unique pupil number like A123456789012",
        "Enter the number of plans as a number, like 0 or 2",
    ]
    good = {
        **child,
        "upn": " q311200113001 ",
        "previous_plans_elsewhere": "2",
        "emergency_protection_on": ["1", "9", "2026"],
    }
    assert client.post(url, form(good)).status_code == 302
    with app.app_context():
        stored = db.session.get(Child, child_id)
        assert (stored.upn, stored.previous_plans_elsewhere) == ("Q311200113001", 2)
        assert stored.emergency_protection_on == date(2026, 9, 1)
    shown = text_of(client.get(f"/cases/{case_id}/children/{child_id}").get_data(as_text=True))
    assert "Unique pupil number Q311200113001" in shown
    assert "Plans before these records 2 plans" in shown


@pytest.mark.parametrize(
    "role, team, shown",
    [
        (Role.MANAGER, None, True),
        (Role.MANAGER, "Team A", False),
        (Role.CHAIR, None, False),
        (Role.SOCIAL_WORKER, None, False),
    ],
)
def test_only_the_manager_of_the_whole_service_has_the_returns_link(signed_in, role, team, shown):
    page = signed_in(role, team=team).get("/").get_data(as_text=True)
    assert ('href="/returns/"' in page) is shown


def test_annex_a_list_5_holds_the_section_47_enquiries_of_the_last_six_months(
    app, demo, make_case, signed_in
):
    with app.app_context():
        make_case(reference="OLD-0001", referral_date=date.today() - timedelta(days=310))
        old = db.session.scalar(select(Case).where(Case.reference == "OLD-0001"))
        enquiry = Section47Enquiry(started_on=date.today() - timedelta(days=300))
        episode = ChildEpisode(referral_date=old.referral_date, enquiries=[enquiry])
        db.session.add(
            Child(
                case_id=old.id,
                given_name="Old",
                family_name="Enquiry",
                local_child_id="OLD1",
                episodes=[episode],
            )
        )
        db.session.commit()
        icpc = db.session.scalar(
            select(Conference)
            .join(Case, Conference.case_id == Case.id)
            .where(Case.reference == "DEMO-0001", Conference.conference_type == "initial")
        )
        icpc_on, strategy_on = icpc.held_on, icpc.strategy_discussion_on
    client = signed_in(Role.MANAGER)
    response = client.post("/returns/", {"year": str(THIS_YEAR), "annex_a": "y"})
    sheet = openpyxl.load_workbook(io.BytesIO(response.data))[LIST_5]
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == LIST_5_HEADINGS
    by_child = {row[0]: dict(zip(LIST_5_HEADINGS, row, strict=True)) for row in rows[1:]}
    assert "OLD1" not in by_child  # its enquiry began 10 months ago
    assert set(by_child) == {"DEMOC0001", "DEMOC0002", "DEMOC0003"}
    kemi = by_child["DEMOC0001"]
    assert kemi["Strategy discussion initiating Section 47 Enquiry Start Date"].date() == (
        strategy_on
    )
    assert kemi["Was an Initial Child Protection Conference deemed unnecessary? (Y/N)"] == "N"
    assert kemi["Date of Initial Child Protection Conference"].date() == icpc_on
    assert (
        kemi["Did the Initial Child Protection Conference Result in a Child Protection Plan (Y/N)"]
        == "Y"
    )
    assert kemi["Allocated Team"] == "Demo Assessment Team"
    assert sheet["G2"].number_format == "dd/mm/yyyy"
