"""The quorum rule: children's social care and at least two other agencies attend. No app, no
database."""

import pytest

from conference.domain.quorum import (
    AGENCY_TYPES,
    Participant,
    attending_agencies,
    is_quorate,
    quorum_message,
)


def came(agency_type, for_the_family=False):
    return Participant(agency_type, "attended", for_the_family)


@pytest.mark.parametrize(
    ("agencies", "quorate"),
    [
        (["childrens_social_care", "education", "health"], True),
        (["childrens_social_care", "education", "police", "housing"], True),
        (["childrens_social_care", "education"], False),
        (["education", "health", "police"], False),
        (["childrens_social_care", "education", "family"], False),
        (["childrens_social_care", "education", "education"], False),
        (["childrens_social_care", "other", "probation"], True),
        ([], False),
    ],
)
def test_childrens_social_care_and_two_other_agencies(agencies, quorate):
    assert is_quorate(agencies) is quorate


def test_several_people_from_one_agency_count_once():
    people = [came("childrens_social_care"), came("health"), came("health"), came("family")]
    assert attending_agencies(people) == ["childrens_social_care", "health"]
    assert not is_quorate(attending_agencies(people))


@pytest.mark.parametrize("attendance", ["invited", "apologies", "report_sent", "excluded"])
def test_only_people_who_attended_count(attendance):
    people = [
        came("childrens_social_care"),
        came("education"),
        Participant("police", attendance),
    ]
    assert attending_agencies(people) == ["childrens_social_care", "education"]


def test_family_and_other_people_there_for_the_family_are_not_agencies():
    people = [
        came("childrens_social_care"),
        came("education"),
        came("family"),
        came("other", for_the_family=True),  # a parent's solicitor, attending as a supporter
    ]
    assert attending_agencies(people) == ["childrens_social_care", "education"]


def test_a_professional_supporting_a_parent_still_counts_as_their_agency():
    people = [
        came("childrens_social_care"),
        came("education"),
        came("voluntary_sector", for_the_family=True),
    ]
    assert is_quorate(attending_agencies(people))


def test_agencies_are_listed_in_the_order_of_the_agency_types():
    people = [came("police"), came("childrens_social_care"), came("education")]
    assert attending_agencies(people) == ["childrens_social_care", "education", "police"]
    assert list(AGENCY_TYPES)[:2] == ["childrens_social_care", "education"]


def test_message_names_the_agencies_that_attended():
    assert quorum_message(["childrens_social_care", "health"]) == (
        "This conference is not quorate: children’s social care and at least two other "
        "agencies must attend. Agencies attending: Children’s social care, Health."
    )


def test_message_when_no_agency_attended():
    assert quorum_message(["family"]) == (
        "This conference is not quorate: children’s social care and at least two other "
        "agencies must attend. Agencies attending: none."
    )


def test_no_message_when_quorate():
    assert quorum_message(["childrens_social_care", "health", "police"]) is None
