"""The statutory returns: the Children in Need census XML (checked against the DfE schema and
the Data to Insight validator) and Ofsted's Annex A, from the page and the command line."""

import csv
import io
import os
import warnings
import xml.etree.ElementTree as ET
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import openpyxl
import pytest
import xmlschema
from helpers import count, make_return
from pages import assert_page, error_messages, error_summary, links, text_of, texts
from pages import select as elements
from sqlalchemy import select
from werkzeug.datastructures import MultiDict

from conference.domain import clock
from conference.extensions import db
from conference.models import (
    AuditEvent,
    Child,
    ChildDecision,
    ChildEpisode,
    Conference,
    Role,
    Section47Enquiry,
)
from conference.returns.views import census_year_of
from conference.seeding.demo import seed
from conference.services.returns.annex_a import LIST_7

# A return's export is about no one record: the demo's translation export is about its plan.
RETURN_EXPORTS = (AuditEvent.action == "export", AuditEvent.record_type == "")


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
THIS_YEAR = census_year_of(clock.today())
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
    # The report beside it lists the same queries, and no error.
    assert {row["Rule"] for row in report_of(tmp_path / "cin.report.csv")} == set(issues)

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


def test_a_plan_ending_the_day_it_starts_is_reported_and_the_file_written_all_the_same(
    app, make_case, tmp_path
):
    case_id, child_id = family(app, make_case, "TST-000001", "TST1")
    icpc = date(2025, 6, 2)
    add_conference(app, case_id, icpc, "initial", {child_id: ("cp_plan", "NEG")})
    add_conference(app, case_id, icpc, "review", {child_id: ("nfa", None)})
    out = tmp_path / "cin.xml"
    result = export_cin(app, 2026, out)
    assert result.exit_code == 0, result.output
    report = tmp_path / "cin.report.csv"
    assert result.output.strip() == (
        f"Wrote {out} (1 child); 2 errors and 2 queries in 1 child: see {report}"
    )
    xmlschema.XMLSchema(SCHEMA).validate(str(out))
    rows = report_of(report)
    with app.app_context():
        icpc_id = db.session.scalar(select(Conference.id).where(Conference.held_on == icpc))
    assert rows[0] == {
        "Local child ID": "TST1",
        "Case": "TST-000001, child 1",
        "Allocated team": "Team A",
        "Allocated worker": "Unallocated",
        "Rule": "8840",
        "Severity": "error",
        "Message": "The plan starting on 2 June 2025 ends on the day it starts.",
        "Where to put it right": f"/conferences/{icpc_id}",
    }
    # The report names what the DfE's own rules find (and the queries they ask).
    issues, _ = validate_with_dfe_rules(out)
    assert {row["Rule"] for row in rows} == set(issues) == {"8840", "8841", "2991Q", "8770Q"}
    events = audit_of_exports(app)
    assert events == [
        {"return": "cin", "year": 2026, "children": 1},
        {"return": "cin_report", "year": 2026, "children": 1},
    ]


def test_strict_fails_on_errors_once_both_files_are_written(app, make_case, tmp_path):
    case_id, child_id = family(app, make_case, "TST-000001", "TST1")
    out, report = tmp_path / "cin.xml", tmp_path / "elsewhere.csv"
    args = ["export-cin", "--year", "2026", "--out", out, "--report", report, "--strict"]
    # Queries alone do not fail it.
    add_conference(app, case_id, date(2025, 6, 2), "initial", {child_id: ("cp_plan", "NEG")})
    result = app.test_cli_runner().invoke(args=args)
    assert result.exit_code == 0, result.output
    assert {row["Severity"] for row in report_of(report)} == {"query"}
    add_conference(app, case_id, date(2025, 6, 2), "review", {child_id: ("nfa", None)})
    result = app.test_cli_runner().invoke(args=args)
    assert result.exit_code == 1
    assert "The census has errors: put them right before it goes to the DfE." in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cin.xml", "elsewhere.csv"]
    assert "8840" in {row["Rule"] for row in report_of(report)}


def report_of(path: Path) -> list[dict]:
    with path.open(newline="", encoding="utf-8") as file:
        return list(csv.DictReader(file))


def audit_of_exports(app) -> list[dict]:
    with app.app_context():
        return [
            event.changes
            for event in db.session.scalars(
                select(AuditEvent).where(*RETURN_EXPORTS).order_by(AuditEvent.id)
            )
        ]


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


def conference_held(case_id, held_on, kind, child_id, outcome, category=None) -> int:
    """A finalised conference's id (inside an app context)."""
    conference = Conference(
        case_id=case_id,
        conference_type=kind,
        held_on=held_on,
        starts_at=time(10),
        finalised_at=datetime.combine(held_on, time(17), tzinfo=UTC),
    )
    conference.decisions = [ChildDecision(child_id=child_id, outcome=outcome, category=category)]
    db.session.add(conference)
    db.session.flush()
    return conference.id


def episode_for(referral_date, **fields) -> ChildEpisode:
    return ChildEpisode(
        referral_date=referral_date,
        referral_source="2A",
        primary_need_code="N1",
        assessment_started_on=referral_date + timedelta(days=1),
        assessment_authorised_on=referral_date + timedelta(days=20),
        **fields,
    )


def enquiry_to(started_on, conference_id) -> Section47Enquiry:
    return Section47Enquiry(
        strategy_discussion_on=started_on,
        started_on=started_on,
        outcome="conference",
        conference_id=conference_id,
    )


@pytest.mark.parametrize("same_episode", [True, False])
def test_a_child_with_two_plans_in_the_year_is_valid(app, make_case, tmp_path, same_episode):
    """The first plan ends at a review (the episode going on, or closing); a new enquiry leads
    to a second initial conference and plan (in the same episode, or a new one)."""
    case_id = make_case(referral_date=date(2025, 4, 7), opened_on=date(2025, 4, 7))
    with app.app_context():
        child = Child(
            case_id=case_id,
            given_name="Two",
            family_name="Plans",
            date_of_birth=date(2016, 1, 5),
            sex="F",
            local_child_id="TWOPLANS1",
            upn="Q311200113001",
            ethnicity_code="WBRI",
            disabilities=["NONE"],
        )
        db.session.add(child)
        db.session.flush()
        first_icpc = conference_held(
            case_id, date(2025, 5, 5), "initial", child.id, "cp_plan", "NEG"
        )
        conference_held(case_id, date(2025, 8, 4), "review", child.id, "nfa")
        second_icpc = conference_held(
            case_id, date(2025, 11, 3), "initial", child.id, "cp_plan", "PHY"
        )
        first = episode_for(date(2025, 4, 7), enquiries=[enquiry_to(date(2025, 4, 10), first_icpc)])
        second_enquiry = enquiry_to(date(2025, 10, 6), second_icpc)
        if same_episode:
            first.enquiries.append(second_enquiry)
            child.episodes = [first]
        else:
            first.closed_on, first.closure_reason = date(2025, 8, 4), "RC7"
            child.episodes = [first, episode_for(date(2025, 10, 1), enquiries=[second_enquiry])]
        db.session.commit()
    out = tmp_path / "cin.xml"
    result = export_cin(app, 2026, out)
    assert result.exit_code == 0, result.output
    xmlschema.XMLSchema(SCHEMA).validate(str(out))
    issues, la_issues = validate_with_dfe_rules(out)
    assert issues == ["8897Q"]  # the toolkit records no factors identified at assessment
    # Whole-return queries, such as 2887Q (fewer than 8 disability codes used), are not a
    # child's to put right, and no whole-return error is found.
    assert [code for code in la_issues if not code.endswith("Q")] == []
    assert {row["Rule"] for row in report_of(tmp_path / "cin.report.csv")} == {"8897Q"}
    plans = parsed(out).findall("Children/Child/CINdetails/ChildProtectionPlans")
    assert [(p.findtext("CPPstartDate"), p.findtext("CPPendDate")) for p in plans] == [
        ("2025-05-05", "2025-08-04"),
        ("2025-11-03", None),
    ]
    assert [p.findtext("NumberOfPreviousCPP") for p in plans] == ["0", "1"]
    assert len(parsed(out).findall("Children/Child/CINdetails")) == (1 if same_episode else 2)


def test_the_report_names_each_rule_the_dfes_validator_finds(app, make_case, tmp_path):
    """A plan that starts before its episode's referral (1105), and an episode with activity
    after it closed (8565): the toolkit's report and the DfE's rules agree, child by child."""
    case_id = make_case(referral_date=date(2025, 4, 7), opened_on=date(2025, 4, 7))
    with app.app_context():
        child = Child(
            case_id=case_id,
            given_name="Broken",
            family_name="Rules",
            date_of_birth=date(2016, 1, 5),
            sex="M",
            local_child_id="BROKEN1",
            upn="Q311200113001",
            ethnicity_code="WBRI",
            disabilities=["NONE"],
        )
        db.session.add(child)
        db.session.flush()
        icpc = conference_held(case_id, date(2025, 5, 5), "initial", child.id, "cp_plan", "NEG")
        # Referred after the conference that started the plan, and closed before the
        # assessment was authorised.
        child.episodes = [
            episode_for(
                date(2025, 5, 6),
                closed_on=date(2025, 5, 20),
                closure_reason="RC7",
                enquiries=[enquiry_to(date(2025, 5, 7), icpc)],
            )
        ]
        db.session.commit()
    out = tmp_path / "cin.xml"
    assert export_cin(app, 2026, out).exit_code == 0
    xmlschema.XMLSchema(SCHEMA).validate(str(out))
    issues, _ = validate_with_dfe_rules(out)
    reported = {row["Rule"] for row in report_of(tmp_path / "cin.report.csv")}
    assert {"1105", "1104", "8565", "8615"} <= set(issues)
    assert reported == set(issues)


def test_the_cli_writes_the_census_and_audits_it_with_no_user(app, demo, tmp_path):
    out = tmp_path / "cin.xml"
    assert export_cin(app, out=out).exit_code == 0
    assert out.read_bytes().startswith(b"<?xml")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cin.report.csv", "cin.xml"]
    with app.app_context():
        events = db.session.scalars(select(AuditEvent).where(*RETURN_EXPORTS))
        assert {event.user_id for event in events} == {None}
    assert audit_of_exports(app) == [
        {"return": "cin", "year": THIS_YEAR, "children": 3},
        {"return": "cin_report", "year": THIS_YEAR, "children": 3},
    ]


def test_the_cli_writes_annex_a(app, demo, tmp_path):
    out = tmp_path / "annex-a.xlsx"
    result = app.test_cli_runner().invoke(args=["export-annex-a", "--out", out])
    assert result.exit_code == 0, result.output
    assert openpyxl.load_workbook(out)[LIST_7].max_row == 4
    with app.app_context():
        event = db.session.scalar(select(AuditEvent).where(*RETURN_EXPORTS))
        assert event.changes == {"return": "annex_a", "children": 3}


def test_the_manager_downloads_the_census_and_it_is_audited(app, demo, signed_in):
    client = signed_in(Role.MANAGER)
    page = client.get("/returns/")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert '<h1 class="govuk-heading-l">Statutory returns</h1>' in html
    response = make_return(client, {"year": str(THIS_YEAR), "cin": "y"})
    assert response.status_code == 200
    assert response.mimetype == "application/xml"
    assert response.headers["Content-Disposition"] == (
        f'attachment; filename="cin-census-{THIS_YEAR}.xml"'
    )
    xmlschema.XMLSchema(SCHEMA).validate(io.BytesIO(response.data))
    with app.app_context():
        event = db.session.scalar(select(AuditEvent).where(*RETURN_EXPORTS))
        assert event.user_id == client.user_id
        assert event.changes == {"return": "cin", "year": THIS_YEAR, "children": 3}


def test_the_check_shows_every_finding_and_the_census_is_downloaded_all_the_same(
    app, make_case, signed_in
):
    case_id, child_id = family(app, make_case, "TST-000001", "TST-1")
    june = date(THIS_YEAR - 1, 6, 1)
    saturday = june + timedelta(days=(5 - june.weekday()) % 7)
    add_conference(app, case_id, saturday, "initial", {child_id: ("cp_plan", "NEG")})
    client = signed_in(Role.MANAGER)
    response = client.post("/returns/", {"year": str(THIS_YEAR), "check": "y"}, page="/returns/")
    assert response.status_code == 302
    assert response.headers["Location"] == f"/returns/census-report?year={THIS_YEAR}"
    html = assert_page(
        client.get(response.headers["Location"]),
        f"Children in Need census {THIS_YEAR - 1} to {THIS_YEAR}: the check",
    )
    assert error_summary(html) == []
    assert texts(html, "[data-summary]") == [
        "The census holds 1 child. The DfE’s rules find 2 errors and 2 queries in 1 child."
    ]
    assert "Errors must be put right before the census is submitted to the DfE." in html
    rows = [
        texts(row, "th") + texts(row, "td")[:3] for row in elements(html, "[data-report] tbody tr")
    ]
    assert rows[:2] == [
        [
            "TST-1 TST-000001, child 1",
            "Team A Unallocated",
            "1580 Error",
            "The local child ID TST-1 has characters other than letters and numbers (spaces, "
            "hyphens or other signs): the DfE accepts letters and numbers only.",
        ],
        [
            "TST-1 TST-000001, child 1",
            "Team A Unallocated",
            "8875 Error",
            f"The initial conference on {saturday:%-d %B %Y} is at a weekend.",
        ],
    ]
    fix = links(html, "[data-report] a")
    assert fix[0][0] == f"/cases/{case_id}/children/{child_id}"
    # Said in full to a screen reader: "Open the record: TST-1, rule 1580".
    assert " ".join(fix[0][1].split()) == "Open the record : TST-1, rule 1580"
    with app.app_context():
        [event] = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "view"))
        assert event.user_id == client.user_id
        assert event.changes == {
            "return": "cin",
            "year": THIS_YEAR,
            "children": 1,
            "errors": 2,
            "queries": 2,
        }
    # The head of service reads the record the link leads to, and changes nothing there.
    assert client.get(fix[0][0]).status_code == 200
    assert client.get(f"/cases/{case_id}/children/{child_id}/edit").status_code == 403
    page = response.headers["Location"]
    census = make_return(client, {"year": str(THIS_YEAR), "cin": "y"}, page=page)
    assert census.headers["Content-Disposition"] == (
        f'attachment; filename="cin-census-{THIS_YEAR}.xml"'
    )
    xmlschema.XMLSchema(SCHEMA).validate(io.BytesIO(census.data))
    report = make_return(client, {"year": str(THIS_YEAR), "cin_report": "y"}, page=page)
    assert report.mimetype == "text/csv"
    assert report.headers["Content-Disposition"] == (
        f'attachment; filename="cin-census-{THIS_YEAR}.report.csv"'
    )
    rows = list(csv.DictReader(io.StringIO(report.get_data(as_text=True))))
    assert [(row["Rule"], row["Where to put it right"]) for row in rows[:1]] == [
        ("1580", f"/cases/{case_id}/children/{child_id}")
    ]
    assert [event["return"] for event in audit_of_exports(app)] == ["cin", "cin_report"]


def test_the_check_of_a_year_with_no_child_says_so(app, signed_in):
    client = signed_in(Role.MANAGER)
    html = client.get(f"/returns/census-report?year={THIS_YEAR}").get_data(as_text=True)
    assert (
        f"No child had a section 47 enquiry or a child protection plan in {THIS_YEAR - 1}-"
        f"{THIS_YEAR}." in text_of(html)
    )
    assert client.get("/returns/census-report?year=1999").status_code == 404
    response = make_return(client, {"year": str(THIS_YEAR), "cin": "y"})
    assert texts(response.get_data(as_text=True), ".govuk-error-summary__list li") == [
        f"No child had a section 47 enquiry or a child protection plan in {THIS_YEAR - 1}-"
        f"{THIS_YEAR}"
    ]
    assert count(app, AuditEvent, action="export", record_type="") == 0


def test_the_page_refuses_an_unknown_year(app, signed_in):
    client = signed_in(Role.MANAGER)
    response = make_return(client, {"year": "1999", "cin": "y"})
    html = response.get_data(as_text=True)
    assert '<p id="year-error" class="govuk-error-message">' in html
    assert "Select a census year from the list" in html
    assert count(app, AuditEvent, action="export", record_type="") == 0


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
    "upn, message",
    [
        (
            "R311200113001",  # rule 1510
            "Enter the unique pupil number exactly as the school gives it: its first letter "
            "does not match its numbers",
        ),
        (
            "P999200113001",  # rule 1530 (P is its check letter)
            "Enter the unique pupil number exactly as the school gives it: its 2nd to 4th "
            "characters are not a council’s code",
        ),
        (
            "Q31120011300I",  # rule 1550
            "Enter a unique pupil number that ends in a number or a capital letter other than "
            "I, O and S",
        ),
    ],
)
def test_the_child_form_refuses_a_upn_the_census_would_refuse(
    app, make_case, signed_in, upn, message
):
    """The same rules as the census's (conference/domain/upn.py): nothing is stored, and what
    was typed is kept."""
    client = signed_in(Role.MANAGER, team="Team A")
    case_id, child_id = family(app, make_case, "TST-000001", "LC1")
    child = {
        "given_name": "Test",
        "family_name": "Child",
        "born": "yes",
        "date_of_birth": ["5", "1", "2016"],
        "expected_date_of_birth": ["", "", ""],
        "sex": "F",
        "local_child_id": "LC1",
        "version": "1",
        "upn": upn,
    }
    html = client.post(f"/cases/{case_id}/children/{child_id}/edit", form(child)).get_data(
        as_text=True
    )
    assert error_messages(html) == [message]
    assert error_summary(html) == [message]
    assert f'value="{upn}"' in html
    with app.app_context():
        assert db.session.get(Child, child_id).upn == ""


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


def test_a_disability_not_known_yet_is_left_out_and_reported_as_the_dfe_would(
    app, make_case, tmp_path
):
    """ "Not known yet" is never written as no disability: the element is left out (the schema
    allows it) and the report names rule 8540 ("one or more Disability must be present").
    The DfE's validator does not fire 8540 when the element is missing, like 8870Q."""
    _, child_id = family(app, make_case, "TST-000009", "UNKNOWN1")
    with app.app_context():
        db.session.get(Child, child_id).disabilities = []
        db.session.commit()
    out = tmp_path / "cin.xml"
    assert export_cin(app, 2025, out).exit_code == 0
    xmlschema.XMLSchema(SCHEMA).validate(str(out))
    assert parsed(out).find("Children/Child/ChildCharacteristics/Disabilities") is None
    errors = [
        row for row in report_of(tmp_path / "cin.report.csv") if row["Severity"].lower() == "error"
    ]
    assert [row["Rule"] for row in errors] == ["8540"]
    assert "not known yet" in errors[0]["Message"]


def test_the_cli_refuses_a_census_year_that_has_not_started(app, demo, tmp_path):
    out = tmp_path / "cin.xml"
    result = export_cin(app, THIS_YEAR + 1, out)
    assert result.exit_code == 2
    assert f"the census year ending 31 March {THIS_YEAR + 1} has not started" in result.output
    assert not out.exists()
    assert audit_of_exports(app) == []
    assert export_cin(app, THIS_YEAR, out).exit_code == 0
