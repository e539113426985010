"""The family-copy page says which identity answers a family document prints: its list must be
the one the family plan prints from (conference/pdf/family_plan_parts.py), or the page would
say "In the family's copy" of an answer never printed, or "Never printed" of one that is."""

from conference.pdf import family_plan_parts
from conference.services.conferences import family_copy


def test_the_page_and_the_plan_print_the_same_identity_answers():
    assert (
        tuple(field for field, _label in family_plan_parts.PERSON_FIELDS)
        == family_copy.PRINTED_RECORD_FIELDS
    )
    assert (
        tuple(field for field, _label in family_plan_parts.CONFERENCE_FIELDS)
        == family_copy.PRINTED_CONFERENCE_FIELDS
    )
