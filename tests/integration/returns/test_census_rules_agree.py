"""The toolkit's own census checks agree with Data to Insight's validator, child by child, on
children who break the rules written for issue 17's leftovers: the UPN's check letter (1510),
council code (1530) and last character (1550), a UPN shared by two children (1520), enquiries
that overlap (8890) and a child over 25 (8775Q). The census file is written as the export
writes it, and is valid for the DfE's schema."""

from dataclasses import replace
from datetime import date, datetime

import pytest
import xmlschema
from dfe_census import cin_schema, dfe_findings

from conference.domain.cin_census import CensusChild, Enquiry, Episode
from conference.domain.cin_checks import check_child, shared_upns
from conference.domain.cin_rules import CollectionYear, PlanPeriod
from conference.domain.timescales import WorkingDayCalendar
from conference.domain.upn import check_letter
from conference.services.returns.cin import census_xml

YEAR = CollectionYear(2026)
CALENDAR = WorkingDayCalendar.from_dates([date(2025, 12, 25), date(2025, 12, 26)])
ICPC = date(2025, 6, 2)  # a Monday
PLAN = PlanPeriod(ICPC, "NEG", "NEG", conference_id=5)
ENQUIRY = Enquiry(3, date(2025, 5, 12), icpc_target=ICPC, icpc_on=ICPC, conference_id=5)
EPISODE = Episode(
    id=2,
    referral_date=date(2025, 5, 1),
    referral_source="2A",
    primary_need="N1",
    assessment_started_on=date(2025, 5, 2),
    assessment_authorised_on=date(2025, 6, 20),
    enquiries=(ENQUIRY,),
    plans=(PLAN,),
)
CHILD = CensusChild(
    la_child_id="GOOD1",
    sex="F",
    born_on=date(2016, 1, 5),
    upn="Q311200113001",
    ethnicity="WBRI",
    disabilities=("NONE",),
    episodes=(EPISODE,),
    all_plans=(PLAN,),
)
# A second enquiry starting on the first one's conference day, while it is still open.
OVERLAPPING = replace(
    EPISODE, enquiries=(ENQUIRY, Enquiry(4, ICPC, icpc_target=ICPC, icpc_not_required=True))
)
# The same, a day after the first one's conference: not while it is open.
AFTER = replace(
    EPISODE,
    enquiries=(ENQUIRY, Enquiry(4, date(2025, 6, 3), icpc_target=ICPC, icpc_not_required=True)),
)
# An enquiry still waiting for its conference, and a later one that needed none.
WAITING = replace(
    EPISODE,
    enquiries=(
        Enquiry(3, date(2026, 3, 20), icpc_target=date(2026, 4, 10)),
        Enquiry(4, date(2026, 3, 23), icpc_target=date(2026, 4, 13), icpc_not_required=True),
    ),
    plans=(),
)
BAD_COUNCIL = check_letter("999200113001") + "999200113001"

# Each scenario: children who break the rule, then one just within it.
CHILDREN = {
    "1510": [replace(CHILD, la_child_id="CHECK1", upn="R311200113001"), CHILD],
    "1530": [replace(CHILD, la_child_id="COUNCIL1", upn=BAD_COUNCIL), CHILD],
    "1550": [
        replace(CHILD, la_child_id="LAST1", upn="Q31120011300I"),
        replace(CHILD, upn="Q31120011300Z"),
    ],
    "1520": [
        replace(CHILD, la_child_id="TWIN1"),
        replace(CHILD, la_child_id="TWIN2"),
        replace(CHILD, la_child_id="OTHER1", upn="G311200120002"),
    ],
    "8890": [
        replace(CHILD, la_child_id="OVERLAP1", episodes=(OVERLAPPING,)),
        replace(CHILD, la_child_id="WAITING1", upn="", episodes=(WAITING,), all_plans=()),
        replace(CHILD, la_child_id="AFTER1", upn="G311200120002", episodes=(AFTER,)),
    ],
    "8775Q": [
        replace(CHILD, la_child_id="OLD1", born_on=date(2001, 3, 30), upn=""),
        replace(CHILD, la_child_id="YOUNG1", born_on=date(2001, 3, 31), upn=""),
    ],
}


def toolkit_findings(children: list[CensusChild]) -> dict[str, set[str]]:
    shared = shared_upns(children)
    return {
        child.la_child_id: {
            finding.rule for finding in check_child(child, YEAR, CALENDAR) + shared.get(place, [])
        }
        for place, child in enumerate(children)
    }


def validator_findings(census: bytes, children: list[CensusChild]) -> dict[str, set[str]]:
    issues = dfe_findings(census)
    return {
        child.la_child_id: set(issues[issues["child_id"] == child.la_child_id]["rule_code"])
        for child in children
    }


@pytest.mark.parametrize("rule", list(CHILDREN))
def test_the_toolkit_and_the_validator_find_the_same_rules(rule):
    children = CHILDREN[rule]
    census = census_xml(children, YEAR, "999", datetime(2026, 4, 2, 9, 0))
    xmlschema.XMLSchema(cin_schema()).validate(census.decode())

    ours = toolkit_findings(children)
    assert ours == validator_findings(census, children)
    assert rule in ours[children[0].la_child_id]
    assert rule not in ours[children[-1].la_child_id]
