"""The Children in Need census writes one CINdetails per episode of the child's in the year,
each with its own referral, assessment, enquiries, plans and closure (Annex A's List 5, one row
per section 47 enquiry, is tested in tests/integration/returns/test_annex_a.py)."""

import io
import xml.etree.ElementTree as ET
from datetime import UTC, date, datetime, time
from pathlib import Path

import xmlschema

from conference.extensions import db
from conference.models import (
    Child,
    ChildDecision,
    ChildEpisode,
    Conference,
    Section47Enquiry,
)
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


def test_a_child_with_a_plan_but_no_episode_is_left_out_and_reported(app, make_case):
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
            # The schema wants one child at least.
            assert refused.problems == [
                "No child in 2025-2026 has an episode of need open in the year: add the "
                "referrals that began them (NOEP-0001, child 1)"
            ]
        else:
            raise AssertionError("a census of no child was written")
        with_episode = _child(case_id)
        with_episode.local_child_id = "EPI2"
        with_episode.episodes.append(
            ChildEpisode(
                referral_date=date(2025, 5, 1),
                referral_source="2A",
                primary_need_code="N1",
                enquiries=[Section47Enquiry(started_on=date(2025, 5, 12))],
            )
        )
        db.session.commit()
        export = cin_census(2026, "999", datetime(2026, 5, 1, tzinfo=UTC))
        xmlschema.XMLSchema(str(SCHEMA)).validate(io.BytesIO(export.content))
        root = ET.fromstring(export.content)  # noqa: S314  (the export just written)
        assert [c.findtext("ChildIdentifiers/LAchildID") for c in root.iter("Child")] == ["EPI2"]
        assert export.children == 1
        left_out = [f for f in export.findings if f.finding.rule == "8590"]
        assert [(f.label, f.child_id, f.is_error) for f in left_out] == [
            ("NOEP-0001, child 1", child.id, True)
        ]


def test_a_child_born_after_the_reference_date_is_returned_as_unborn(app, make_case):
    """The census says what was known on 31 March: the child was not born yet (rules 8520 and
    8750: no date of birth after the reference date, and an unborn child's sex is U)."""
    case_id = make_case(referral_date=date(2025, 11, 3), opened_on=date(2025, 11, 3))
    with app.app_context():
        child = _child(case_id, expected_date_of_birth=date(2026, 4, 20))
        child.date_of_birth = date(2026, 4, 24)
        child.episodes.append(
            ChildEpisode(
                referral_date=date(2025, 11, 3),
                referral_source="3B",
                primary_need_code="N1",
                enquiries=[Section47Enquiry(started_on=date(2026, 3, 20))],
            )
        )
        db.session.commit()
        export = cin_census(2026, "999", datetime(2026, 5, 1, tzinfo=UTC))
    xmlschema.XMLSchema(str(SCHEMA)).validate(io.BytesIO(export.content))
    root = ET.fromstring(export.content)  # noqa: S314  (the export just written)
    identifiers = root.find("Children/Child/ChildIdentifiers")
    assert identifiers.find("PersonBirthDate") is None
    assert identifiers.findtext("ExpectedPersonBirthDate") == "2026-04-20"
    assert identifiers.findtext("Sex") == "U"
    assert [f.finding.rule for f in export.findings] == ["2991Q"]  # no assessment yet
