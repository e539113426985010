"""The Children in Need census writes one CINdetails per episode of the child's in the year,
each with its own referral, assessment, enquiries, plans and closure; Annex A's List 5 has one
row per section 47 enquiry."""

import io
import xml.etree.ElementTree as ET
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import openpyxl
import xmlschema

from conference.extensions import db
from conference.models import (
    Child,
    ChildDecision,
    ChildEpisode,
    Conference,
    Section47Enquiry,
)
from conference.services.returns.annex_a import LIST_5, LIST_5_HEADINGS, annex_a
from conference.services.returns.cin import cin_census

SCHEMA = Path("/work/shared/reference/cin/CIN_schema_2026.xsd")


def _conference(case_id, held_on, kind, child_id, outcome, category):
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
    return conference


def _child(case_id, **fields) -> Child:
    child = Child(
        case_id=case_id,
        given_name="Test",
        family_name="Child",
        date_of_birth=date(2016, 1, 5),
        sex="F",
        local_child_id="EPI1",
        ethnicity_code="WBRI",
        disabilities=["NONE"],
        **fields,
    )
    db.session.add(child)
    return child


def test_each_episode_in_the_year_is_its_own_cin_details(app, make_case):
    case_id = make_case(referral_date=date(2023, 5, 1), opened_on=date(2023, 5, 1))
    with app.app_context():
        child = _child(case_id, upn_unknown_reason="UN5")
        # Before the year: not returned.
        child.episodes.append(
            ChildEpisode(
                referral_date=date(2023, 5, 1),
                referral_source="1A",
                primary_need_code="N5",
                closed_on=date(2024, 1, 5),
                closure_reason="RC7",
            )
        )
        first = ChildEpisode(
            referral_date=date(2025, 4, 7),
            referral_source="2A",
            primary_need_code="N1",
            assessment_started_on=date(2025, 4, 8),
            assessment_authorised_on=date(2025, 5, 1),
            closed_on=date(2025, 6, 30),
            closure_reason="RC8",
            enquiries=[
                Section47Enquiry(
                    started_on=date(2025, 4, 10), completed_on=date(2025, 4, 20), outcome="nfa"
                )
            ],
        )
        second = ChildEpisode(
            referral_date=date(2025, 9, 1),
            referral_source="6",
            primary_need_code="N4",
            cin_plan_started_on=date(2026, 2, 2),
        )
        child.episodes += [first, second]
        db.session.flush()
        icpc = _conference(case_id, date(2025, 11, 24), "initial", child.id, "cp_plan", "NEG")
        _conference(case_id, date(2026, 2, 2), "review", child.id, "cin_plan", None)
        second.enquiries = [
            Section47Enquiry(
                started_on=date(2025, 9, 3), completed_on=date(2025, 9, 10), outcome="nfa"
            ),
            Section47Enquiry(
                strategy_discussion_on=date(2025, 11, 3),
                started_on=date(2025, 11, 3),
                completed_on=date(2025, 11, 24),
                outcome="conference",
                conference_id=icpc.id,
            ),
        ]
        db.session.commit()
        export = cin_census(2026, "999", datetime(2026, 5, 1, tzinfo=UTC))
    xmlschema.XMLSchema(str(SCHEMA)).validate(io.BytesIO(export.content))
    root = ET.fromstring(export.content)  # noqa: S314  (the export just written)
    [found] = root.iter("Child")
    assert found.findtext("ChildIdentifiers/UPNunknown") == "UN5"
    details = found.findall("CINdetails")
    assert [d.findtext("CINreferralDate") for d in details] == ["2025-04-07", "2025-09-01"]
    earlier, later = details
    assert (earlier.findtext("ReferralSource"), earlier.findtext("PrimaryNeedCode")) == ("2A", "N1")
    assert (earlier.findtext("CINclosureDate"), earlier.findtext("ReasonForClosure")) == (
        "2025-06-30",
        "RC8",
    )
    assert earlier.findtext("Assessments/AssessmentAuthorisationDate") == "2025-05-01"
    assert [s.findtext("S47ActualStartDate") for s in earlier.findall("Section47")] == [
        "2025-04-10"
    ]
    assert earlier.findtext("Section47/ICPCnotRequired") == "1"
    assert earlier.find("ChildProtectionPlans") is None
    assert later.findtext("ReferralSource") == "6" and later.find("CINclosureDate") is None
    enquiries = later.findall("Section47")
    assert [s.findtext("S47ActualStartDate") for s in enquiries] == ["2025-09-03", "2025-11-03"]
    assert [s.findtext("DateOfInitialCPC") for s in enquiries] == [None, "2025-11-24"]
    assert [s.findtext("ICPCnotRequired") for s in enquiries] == ["1", "0"]
    assert later.find("DateOfInitialCPC") is None  # recorded once, in its enquiry
    assert later.findtext("CINPlanDates/CINPlanStartDate") == "2026-02-02"
    [plan] = later.findall("ChildProtectionPlans")
    assert (plan.findtext("CPPstartDate"), plan.findtext("CPPendDate")) == (
        "2025-11-24",
        "2026-02-02",
    )
    # The order the schema wants inside CINdetails.
    assert [e.tag for e in later][-4:] == [
        "Section47",
        "Section47",
        "ReferralNFA",
        "ChildProtectionPlans",
    ]


def test_a_child_with_a_plan_but_no_episode_in_the_year_is_named_and_nothing_is_written(
    app, make_case
):
    from conference.services.returns.exports import ExportRefused

    case_id = make_case(reference="NOEP-0001")
    with app.app_context():
        child = _child(case_id)
        db.session.flush()
        _conference(case_id, date(2025, 6, 2), "initial", child.id, "cp_plan", "NEG")
        db.session.commit()
        try:
            cin_census(2026, "999", datetime(2026, 5, 1, tzinfo=UTC))
        except ExportRefused as refused:
            problems = refused.problems
        else:
            raise AssertionError("the census was written")
    assert "NOEP-0001, child 1: the child has no episode of need open in the year" in problems


def test_annex_a_list_5_has_a_row_for_each_enquiry(app, make_case):
    today = date.today()
    case_id = make_case(referral_date=today - timedelta(days=150))
    with app.app_context():
        child = _child(case_id)
        child.episodes.append(
            ChildEpisode(
                referral_date=today - timedelta(days=150),
                enquiries=[
                    Section47Enquiry(
                        started_on=today - timedelta(days=140),
                        completed_on=today - timedelta(days=130),
                        outcome="child_in_need",
                    ),
                    Section47Enquiry(
                        strategy_discussion_on=today - timedelta(days=20),
                        started_on=today - timedelta(days=20),
                    ),
                ],
            )
        )
        db.session.commit()
        export = annex_a(today)
    sheet = openpyxl.load_workbook(io.BytesIO(export.content))[LIST_5]
    rows = [
        dict(zip(LIST_5_HEADINGS, row, strict=True)) for row in sheet.iter_rows(values_only=True)
    ][1:]
    strategy = "Strategy discussion initiating Section 47 Enquiry Start Date"
    unnecessary = "Was an Initial Child Protection Conference deemed unnecessary? (Y/N)"
    assert [(row[strategy].date(), row[unnecessary]) for row in rows] == [
        (today - timedelta(days=140), "Y"),
        (today - timedelta(days=20), "N"),
    ]
