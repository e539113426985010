"""Two sections of the family's copy of the plan (issue 19): "Who your family are" (how the plan
respects the family's culture, faith and language) and "What you told us" (the family's own
words, wherever the record holds them). Neither prints anything kept from the family
(conference/services/conferences/kept_from_family.py).

Who the family are comes first from what the conference agreed: the plan's identity statement
and the conference's identity answers. From each person's own record only how they describe
themselves, their faith, the practices that matter day to day and their first language are
printed; never immigration status, nationality, experiences of discrimination or the worker's
notes, which are for professionals unless the conference agreed words for the family.
"""

from dataclasses import dataclass, field

from conference.domain import mapping, plain_goals
from conference.pdf.i18n import N_
from conference.services.conferences import scaling as scaling_service
from conference.services.conferences.kept_from_family import is_withheld

# Neither says the plan was agreed: a draft is not (the meta line and the intro say so).
WHO_INTRO = N_(
    "We want this plan to respect your family's culture, faith and languages. This is what you "
    "told us about who you are, and how the plan takes it into account."
)
TOLD_INTRO = N_(
    "These are your own words from the conference. We have written them down as you said them, "
    "even where you disagree with us."
)
CHECK_ON = N_("We will check on %(date)s.")
CHECK_NOT_SET = N_("Your social worker will tell you when we will check this.")
KEEP_FOR = N_("This needs to keep happening for %(how_long)s.")
KEEP_AS_WRITTEN = N_("This needs to keep happening %(how_long)s.")
IF_THEN = N_("If %(trigger)s, then %(then)s.")
CONTINGENCY_INTRO = N_(
    "This is what will happen if the plan does not keep the children safe enough:"
)

TEXTS = {
    "who_intro": WHO_INTRO,
    "told_intro": TOLD_INTRO,
    "check_on": CHECK_ON,
    "check_not_set": CHECK_NOT_SET,
    "keep_for": KEEP_FOR,
    "keep_as_written": KEEP_AS_WRITTEN,
    "if_then": IF_THEN,
    "contingency_intro": CONTINGENCY_INTRO,
}

# From a person's own record: (field, label). Nothing else of the record is printed.
PERSON_FIELDS = (
    ("ethnicity_own_words", N_("How they describe their background")),
    ("religion", N_("Faith")),
    ("faith_practices", N_("What matters day to day")),
    ("first_language", N_("First language")),
)
# From the conference's identity answers: (field, label). Whether a worry may be cultural
# misunderstanding is the professionals' judgement, argued at the conference: not printed here.
CONFERENCE_FIELDS = (
    ("heritage_connection", N_("How the plan keeps %(name)s connected to their heritage")),
    ("community_safety_network", N_("People from your community or faith who can help")),
    ("interpreter_and_translation", N_("Interpreters and translation")),
)
ADULT, CHILD, CONFERENCE_IDENTITY = "adult", "child", "conference_identity"
MAP_ITEM = "map_item"


@dataclass(frozen=True)
class Told:
    """One answer with its label: `label` is a message to translate with `values`."""

    label: str
    text: str
    values: dict = field(default_factory=dict)


@dataclass(frozen=True)
class PersonIdentity:
    name: str
    answers: list[Told]


@dataclass(frozen=True)
class WhoYouAre:
    statement: str
    people: list[PersonIdentity]
    agreed: list[Told]

    def __bool__(self) -> bool:
        return bool(self.statement or self.people or self.agreed)


def who_you_are(plan, children, keys) -> WhoYouAre:
    """The plan's identity statement, each child's and parent's own description, and the
    conference's answers for each child, leaving out what is kept from the family."""
    people = [
        *(_person(child, CHILD, keys) for child in children),
        *(_person(adult, ADULT, keys) for adult in parents_of(plan.case, children)),
    ]
    return WhoYouAre(
        statement=plan.identity_statement.strip(),
        people=[person for person in people if person.answers],
        agreed=_agreed(plan.conference, children, keys),
    )


def parents_of(case, children) -> list:
    """The adults with parental responsibility for a child on the plan, in the case's order."""
    ids = {child.id for child in children}
    return [
        adult
        for adult in case.adults
        if any(
            link.parental_responsibility and link.child_id in ids for link in adult.relationships
        )
    ]


def _person(person, kind: str, keys) -> PersonIdentity:
    not_known = set(person.identity_not_known or [])
    answers = [
        Told(label, getattr(person, name).strip())
        for name, label in PERSON_FIELDS
        if getattr(person, name).strip()
        and name not in not_known
        and not is_withheld(keys, kind, person.id, name)
    ]
    return PersonIdentity(person.given_name, answers)


def _agreed(conference, children, keys) -> list[Told]:
    on_plan = {child.id for child in children}
    found = []
    for answers in conference.identity_reviews:
        if answers.child_id not in on_plan:
            continue
        for name, label in CONFERENCE_FIELDS:
            text = getattr(answers, name).strip()
            if (
                text
                and name not in (answers.not_known or [])
                and not is_withheld(keys, CONFERENCE_IDENTITY, answers.id, name)
            ):
                found.append(Told(label, text, {"name": answers.child.given_name}))
    return _without_repeats(found)


def _without_repeats(told: list[Told]) -> list[Told]:
    """The same answer given for each child is printed once (the first child's label)."""
    seen: set[str] = set()
    kept = []
    for row in told:
        if row.text not in seen:
            seen.add(row.text)
            kept.append(row)
    return kept


# What you told us.

ABOUT_ITEM = N_("About “%(item)s”")
# Items under the map's other headings are not printed elsewhere in the family's copy: the
# response is printed under what the heading is about, not under the item's words (which may
# quote someone else).
ABOUT_HEADING = {
    mapping.DANGER_HARM: N_("About what has happened"),
    mapping.COMPLICATING: N_("About what makes things harder"),
    mapping.GREY: N_("About what we do not know yet"),
}
PRINTED_HEADINGS = (mapping.WORRY, mapping.SAFETY, mapping.STRENGTHS)
ABOUT_GOAL = N_("About goal %(number)s")
ABOUT_DECISION = N_("About the decision for %(names)s")
SCORE_REASON = N_("%(name)s, on the score they gave")
RECOMMENDATION = N_("%(name)s, on what should happen")


def what_you_told_us(plan, goals, children, keys) -> list[Told]:
    """The family's own words from the conference: their responses on the map, the parents'
    reasons for their scores, their words on each goal, their view of the decision and the
    reasons they gave for their recommendation. Items kept from the family, and scores on
    them, are left out."""
    conference = plan.conference
    told = [
        *_map_responses(conference, keys),
        *_score_reasons(conference, keys),
        *(
            Told(ABOUT_GOAL, goal.family_words, {"number": goal.number})
            for goal in goals
            if goal.family_words
        ),
        *_decision_views(conference, children),
        *_recommendations(conference, children),
    ]
    return _together(told)


def _together(told: list[Told]) -> list[Told]:
    """Answers under the same label ("About what has happened") printed under it once, one
    line each."""
    merged: dict[tuple, Told] = {}
    for row in told:
        key = (row.label, tuple(sorted(row.values.items())))
        if key in merged:
            row = Told(row.label, f"{merged[key].text}\n{row.text}", row.values)
        merged[key] = row
    return list(merged.values())


def _map_responses(conference, keys) -> list[Told]:
    items = sorted(conference.map_items, key=lambda item: (_heading_order(item), item.position))
    return [
        _response(item)
        for item in items
        if item.family_response.strip() and not is_withheld(keys, MAP_ITEM, item.id)
    ]


def _response(item) -> Told:
    if item.heading in PRINTED_HEADINGS:
        return Told(ABOUT_ITEM, item.family_response.strip(), {"item": _short(item)})
    label = ABOUT_HEADING.get(item.heading, ABOUT_HEADING[mapping.GREY])
    return Told(label, item.family_response.strip())


def _heading_order(item) -> int:
    keys = mapping.HEADING_KEYS
    return keys.index(item.heading) if item.heading in keys else len(keys)


def _short(item) -> str:
    """An item in a few words: its text, or what a worry statement is about."""
    text = item.text.strip() or item.worried_about.strip() or item.could_happen.strip()
    return text.rstrip(".")  # the label closes the quotation: “… her flat”:


def _score_reasons(conference, keys) -> list[Told]:
    """Each parent's reason for their overall score, then for their scores on worries the
    family may see."""
    rows = [row for row in scaling_service.in_order(conference) if row.is_parent]
    for item in sorted(conference.map_items, key=lambda item: (item.position, item.id)):
        if item.heading == mapping.WORRY and not is_withheld(keys, MAP_ITEM, item.id):
            rows += [row for row in scaling_service.in_order(conference, item) if row.is_parent]
    return [
        Told(SCORE_REASON, row.reason.strip(), {"name": row.person_name})
        for row in rows
        if row.reason.strip()
    ]


def _decision_views(conference, children) -> list[Told]:
    """The parents' view of the decision, once for all the children it was the same for."""
    by_view: dict[str, list[str]] = {}
    for child in children:
        decision = next((d for d in conference.decisions if d.child_id == child.id), None)
        if decision is not None and decision.parents_view.strip():
            by_view.setdefault(decision.parents_view.strip(), []).append(child.given_name)
    # The names as a tuple: the document joins them with its own language's "and".
    return [Told(ABOUT_DECISION, view, {"names": tuple(names)}) for view, names in by_view.items()]


def _recommendations(conference, children) -> list[Told]:
    """The reasons a parent gave for what they recommended, once however many children."""
    on_plan = {child.id for child in children}
    seen: set[tuple[str, str]] = set()
    found = []
    for view in conference.agency_views:
        said = (view.attendee.name, view.reasons.strip())
        if view.child_id in on_plan and view.attendee.is_parent and said[1] and said not in seen:
            seen.add(said)
            found.append(Told(RECOMMENDATION, said[1], {"name": said[0]}))
    return found


# The goal's own wording.


def goal_wording(sustained_for: str, contingency_if: str, contingency_then: str) -> dict:
    """What the family plan's goal needs beyond the stored answers: whether "how long" follows
    "keep happening for", the words after it, and the two halves of "If … then …" (blank when
    either is missing: half a contingency says nothing)."""
    keep_for, how_long = plain_goals.how_long(sustained_for)
    trigger, then = plain_goals.if_then(contingency_if, contingency_then)
    if not (trigger and then):
        trigger = then = ""
    return {"keep_for": keep_for, "how_long": how_long, "trigger": trigger, "then": then}
