"""The kind of agency a core group member's agency name suggests, for offering them on a
conference's attendance list (issue 18)."""

import pytest

from conference.domain.quorum import agency_type_of


@pytest.mark.parametrize(
    ("agency", "kind"),
    [
        ("School Nursing Service", "health"),  # a school nurse is health, not education
        ("Sample Primary School", "education"),
        ("Little Stars Nursery", "education"),
        ("Riverside GP Practice", "health"),
        ("Whittington Health NHS Trust", "health"),
        ("CAMHS", "mental_health"),
        ("North London Mental Health Trust", "mental_health"),  # not just health
        ("Demo Police", "police"),
        ("National Probation Service", "probation"),
        ("Demo Homes Housing Association", "housing"),
        ("Change Grow Live drug and alcohol service", "drug_and_alcohol"),
        ("Children’s Social Care", "childrens_social_care"),
        ("Children's Services", "childrens_social_care"),
        ("Acme Ltd", "other"),
        ("", "other"),
        ("Eggplant Group", "other"),  # "gp" inside a word is not a GP
    ],
)
def test_the_agency_name_suggests_its_kind(agency, kind):
    assert agency_type_of(agency) == kind


def test_social_workers_managers_and_chairs_are_childrens_social_care_whatever_the_name():
    assert agency_type_of("Safeguarding and Quality Assurance", in_social_care=True) == (
        "childrens_social_care"
    )
