"""The fictional demo family, DEMO-0001, and a second case in another team (DEMO-0002) so the
access rules can be seen. Dates are relative to today so the children stay the ages described."""

from datetime import date, timedelta

from conference.models import (
    Adult,
    AdultChildRelationship,
    Case,
    Child,
    ChildEpisode,
    CoreGroupMember,
    Section47Enquiry,
)

YORUBA_MOTHER = {
    "ethnicity_code": "BAFR",
    "ethnicity_own_words": "Nigerian, Yoruba",
    "religion": "Christian (Pentecostal)",
    "faith_practices": "Church every Sunday morning and Wednesday evening; the church is her "
    "main support.",
    "first_language": "Yoruba",
    "languages_spoken": "Some English",
    "languages_read_written": "Yoruba; English a little",
    "dialect": "Oyo Yoruba",
    "interpreter_needed": "yes",
    "interpreter_language": "Yoruba",
    "interpreter_dialect": "Oyo",
    "interpreter_gender": "female",
    "plan_language": "Yoruba",
    "plan_formats": ["standard", "audio"],
    "nationality": "Nigerian",
    "immigration_status": "Leave to remain; no recourse to public funds until next year.",
    "community_connections": "Pastor Adeyemi and two women from church who help with school runs.",
    "discrimination_experiences": "Felt the health visitor assumed she could not understand "
    "because of her accent.",
}


def demo_cases(today: date, team, other_team, pod, social_worker, practitioner) -> list[Case]:
    family = Case(
        reference="DEMO-0001",
        team_id=team.id,
        pod_id=pod.id,
        social_worker_id=social_worker.id,
        address="12 Sample Road, Demo Town, DT1 1AA",
        referral_date=today - timedelta(days=105),
        opened_on=today - timedelta(days=103),
        status="section_47",
    )
    kemi = _child("Kemi", 13, today, "F", "DEMOC0001", school="Demo Academy (Year 8)")
    tolu = _child("Tolu", 6, today, "M", "DEMOC0002", school="Sample Primary School (Year 2)")
    # Fictional unique pupil numbers with valid check letters (LA code 311).
    kemi.upn, tolu.upn = "Q311200113001", "G311200120002"
    baby = Child(
        given_name="Baby",
        family_name="Adebayo",
        expected_date_of_birth=today + timedelta(days=70),
        sex="U",
        local_child_id="DEMOC0003",
        identity_not_known=["ethnicity_own_words", "religion"],
    )
    family.children = [kemi, tolu, baby]
    # For the Children in Need census, each child's episode: referred by the health visitor,
    # abuse or neglect, the section 47 enquiry started with the strategy discussion before the
    # initial conference (demo.py links it to the conference). Kemi was referred by her school
    # two years ago; that episode closed after the assessment, with no further action.
    kemi.episodes.append(
        ChildEpisode(
            referral_date=today - timedelta(days=730),
            referral_source="2A",
            primary_need_code="N5",
            assessment_started_on=today - timedelta(days=729),
            assessment_authorised_on=today - timedelta(days=700),
            closed_on=today - timedelta(days=698),
            closure_reason="RC8",
        )
    )
    for child in family.children:
        child.episodes.append(_current_episode(family, today))
    _child_identity(kemi, own_words="Black British, Nigerian", faith_not_known=True)
    _child_identity(tolu, own_words="Nigerian like Mummy", faith_not_known=False)
    funmi = Adult(
        given_name="Funmilayo", family_name="Adebayo", phone="07700 900001", **YORUBA_MOTHER
    )
    olumide = Adult(
        given_name="Olumide",
        family_name="Adebayo",
        phone="07700 900002",
        ethnicity_code="BAFR",
        ethnicity_own_words="Nigerian, born in Lagos, lived in London 15 years",
        first_language="English",
        languages_spoken="Yoruba",
        languages_read_written="English",
        interpreter_needed="no",
        plan_language="English",
        plan_formats=["standard"],
        religion="Christian",
        identity_not_known=["discrimination_experiences"],
    )
    grandmother = Adult(
        given_name="Abosede",
        family_name="Adeyemi",
        in_household=False,
        phone="07700 900003",
        ethnicity_code="BAFR",
        ethnicity_own_words="Yoruba",
        first_language="Yoruba",
        interpreter_needed="yes",
        interpreter_language="Yoruba",
        plan_language="Yoruba",
        plan_formats=["large_print"],
        community_connections="Same church as her daughter.",
    )
    family.adults = [funmi, olumide, grandmother]
    for child in family.children:
        funmi.relationships.append(_link(child, "Mother", True))
        olumide.relationships.append(_link(child, "Father", True))
        grandmother.relationships.append(_link(child, "Grandparent", False))
    family.core_group = [CoreGroupMember(user_id=practitioner.id)]

    other = Case(
        reference="DEMO-0002",
        team_id=other_team.id,
        referral_date=today - timedelta(days=12),
        opened_on=today - timedelta(days=10),
        status="section_47",
    )
    other.children = [_child("Jamie", 9, today, "M", "DEMOC0004", family="Smith")]
    other.children[0].episodes.append(ChildEpisode(referral_date=other.referral_date))
    other.adults = [Adult(given_name="Kerry", family_name="Smith", ethnicity_code="WBRI")]
    return [family, other]


def _current_episode(case: Case, today: date) -> ChildEpisode:
    return ChildEpisode(
        referral_date=case.referral_date,
        referral_source="3B",
        primary_need_code="N1",
        assessment_started_on=case.referral_date + timedelta(days=1),
        # Authorised before the initial conference (11 weeks ago, demo_conference.py), which
        # discusses it.
        assessment_authorised_on=case.referral_date + timedelta(days=20),
        enquiries=[Section47Enquiry(started_on=today - timedelta(days=95))],
    )


def _child(given, age, today, sex, local_id, school="", family="Adebayo") -> Child:
    return Child(
        given_name=given,
        family_name=family,
        date_of_birth=_years_before(today, age) - timedelta(days=75),
        sex=sex,
        local_child_id=local_id,
        school=school,
        gp="Demo Town Medical Centre",
        disabilities=["NONE"],
    )


def _years_before(today: date, years: int) -> date:
    """The same day `years` earlier; 28 February for a 29 February in a year without one."""
    try:
        return today.replace(year=today.year - years)
    except ValueError:
        return today.replace(year=today.year - years, day=28)


def _child_identity(child, own_words, faith_not_known):
    child.ethnicity_code = "BAFR"
    child.ethnicity_own_words = own_words
    child.first_language = "English"
    child.languages_spoken = "Understands Yoruba at home"
    child.interpreter_needed = "no"
    child.plan_language = "English"
    child.plan_formats = ["easy_read"]
    child.community_connections = "Church youth group"
    child.identity_not_known = ["religion"] if faith_not_known else []
    if not faith_not_known:
        child.religion = "Christian, goes to church with Mum"


def _link(child, relationship, parental_responsibility):
    return AdultChildRelationship(
        child=child,
        relationship_to_child=relationship,
        parental_responsibility=parental_responsibility,
    )
