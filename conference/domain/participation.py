"""The child's voice and how the child took part in the conference (docs/domain.md section 4).

Participation is coded as in the statutory returns (PN0 to PN7). The code is suggested from the
child's age on the day of the conference and how their views were gathered; the chair can always
choose another, because only the people in the room know how the child really took part.

Advocacy must be offered from an age each area sets (Havering 12, others 10 or 5).
"""

from collections.abc import Iterable

UNDER_FOUR = "PN0"
ATTENDS_SPEAKS_FOR_SELF = "PN1"
ATTENDS_ADVOCATE_SPEAKS = "PN2"
ATTENDS_NON_VERBAL = "PN3"
ATTENDS_VIEWS_NOT_CONVEYED = "PN4"
BRIEFS_ADVOCATE = "PN5"
CONVEYS_VIEWS_OTHERWISE = "PN6"
VIEWS_NOT_CONVEYED = "PN7"

PARTICIPATION_CODES = {
    UNDER_FOUR: "Child under 4",
    ATTENDS_SPEAKS_FOR_SELF: "Attends and speaks for self",
    ATTENDS_ADVOCATE_SPEAKS: "Attends, an advocate speaks",
    ATTENDS_NON_VERBAL: "Attends and conveys views non-verbally",
    ATTENDS_VIEWS_NOT_CONVEYED: "Attends but does not convey views",
    BRIEFS_ADVOCATE: "Does not attend, briefs an advocate",
    CONVEYS_VIEWS_OTHERWISE: "Does not attend, conveys views by other means",
    VIEWS_NOT_CONVEYED: "Does not attend and views not conveyed",
}

# PN0 is for children under this age on the day of the conference (and unborn babies).
PN0_BELOW_AGE = 4

SEEN_ALONE = "seen_alone"
ADVOCATE = "advocate"
ATTENDED = "attended"
OTHER = "other"

# How the child's views were gathered. Neutral names only: some tools for this work are
# registered trade marks.
VIEW_METHODS = {
    SEEN_ALONE: "Seen alone",
    "direct_work": "Direct work",
    "houses": "The house of worries, house of good things and house of dreams",
    "words_and_pictures": "A words and pictures explanation",
    "letter": "A letter",
    "voice_note_or_video": "A voice note or video",
    ADVOCATE: "An advocate",
    "app": "An app",
    ATTENDED: "Attended the conference",
    OTHER: "Other",
}

OFFERED = "yes"
NOT_OFFERED = "no"
NOT_APPLICABLE = "not_applicable"
ADVOCACY_ANSWERS = {OFFERED: "Yes", NOT_OFFERED: "No", NOT_APPLICABLE: "Not applicable"}


def below_pn0_age(age: int | None) -> bool:
    """Unborn babies (no age) and children under 4 are coded PN0."""
    return age is None or age < PN0_BELOW_AGE


def suggest_participation_code(
    age: int | None,
    attended: bool,
    spoke_for_self: bool = False,
    advocate_spoke: bool = False,
    non_verbal: bool = False,
    views_conveyed_otherwise: bool = False,
) -> str:
    """The participation code that fits what is known, first match wins:

    - unborn or under 4: PN0, whatever else happened;
    - attended and spoke for themselves: PN1; attended and an advocate spoke: PN2; attended and
      conveyed their views without words: PN3; attended only: PN4;
    - did not attend but briefed an advocate: PN5; did not attend but their views came by other
      means (a letter, a voice note, direct work, their words written down…): PN6;
    - otherwise PN7.
    """
    if below_pn0_age(age):
        return UNDER_FOUR
    if attended:
        if spoke_for_self:
            return ATTENDS_SPEAKS_FOR_SELF
        if advocate_spoke:
            return ATTENDS_ADVOCATE_SPEAKS
        if non_verbal:
            return ATTENDS_NON_VERBAL
        return ATTENDS_VIEWS_NOT_CONVEYED
    if advocate_spoke:
        return BRIEFS_ADVOCATE
    if views_conveyed_otherwise:
        return CONVEYS_VIEWS_OTHERWISE
    return VIEWS_NOT_CONVEYED


def suggest_from_record(
    age: int | None, methods: Iterable[str], words_recorded: bool, observations_recorded: bool
) -> str:
    """The suggestion from what is written on the child's voice page. A child who attended and
    whose own words are recorded is taken to have spoken for themselves; one who attended and was
    observed, to have conveyed their views without words. "An advocate" ticked means the advocate
    spoke for them at the conference, or was briefed by them if they did not attend. Any other way
    of gathering views ticked, or their words recorded, means their views were conveyed."""
    methods = set(methods)
    attended = ATTENDED in methods
    other_means = bool(methods - {ATTENDED, ADVOCATE}) or words_recorded
    return suggest_participation_code(
        age,
        attended,
        spoke_for_self=attended and words_recorded,
        advocate_spoke=ADVOCATE in methods,
        non_verbal=attended and observations_recorded,
        views_conveyed_otherwise=other_means,
    )


def code_fits_age(code: str, age: int | None) -> bool:
    """PN0 is for babies and children under 4 only; older children have one of the others."""
    return code != UNDER_FOUR or below_pn0_age(age)


def advocacy_must_be_offered(age: int | None, advocacy_age: int) -> bool:
    """Advocacy must be offered to a child who is `advocacy_age` or older on the day."""
    return age is not None and age >= advocacy_age


def advocacy_answer_allowed(answer: str | None, age: int | None, advocacy_age: int) -> bool:
    """For a child old enough, advocacy must have been offered: "no" and "not applicable" are
    not acceptable answers."""
    if not advocacy_must_be_offered(age, advocacy_age):
        return True
    return answer not in (NOT_OFFERED, NOT_APPLICABLE)
