"""Each person's own copy of the family plan (docs/domain.md section 11): who gets one, in which
language and format, and what staff must know before printing it.

Every adult of the case gets their own copy, parents and carers first (an adult with parental
responsibility for a child on the plan, or who lives with the children), then the family
network: the plan is shared with the family network, and a grandparent the children stay with
is central to it. A young person gets one only where the chair agreed (`Child.own_copy`); an
unborn baby never. Each copy is in the language the person's record asks for (English only for
an English reader) and in the formats it asks for: large print; the easy-read plan for an adult
who asked for easy read, the child's own plan for a young person; audio is owed in words until
a recording is attached. Copies are of the plan in force (`plan_for_copies`): the latest agreed
version that has not ended; a newer draft's copies are offered as a draft.
"""

import re
from dataclasses import dataclass
from typing import Any

from babel import Locale

from conference.domain.identity import PLAN_FORMATS
from conference.pdf import documents, i18n
from conference.pdf.parts import children_on_plan
from conference.services import child_words, translations
from conference.services import own_copies as services

ADULT = "adult"
CHILD = "child"
# The documents of a person's copy: the family plan in their language and format; the easy-read
# plan for an adult who asked for it; the child's own plan for a young person.
FAMILY = "family"
EASY_READ = "easy-read"
CHILD_PLAN = "child-plan"
LABELS = {FAMILY: "Family plan", EASY_READ: "Easy-read plan", CHILD_PLAN: "Child’s own plan"}
# Where each is downloaded (conference/documents/own_copies.py), and the page before it.
DOWNLOADS = {
    (ADULT, FAMILY): "documents.adult_copy_pdf",
    (ADULT, EASY_READ): "documents.adult_easy_read_pdf",
    (CHILD, FAMILY): "documents.child_copy_pdf",
    (CHILD, CHILD_PLAN): "documents.child_plan_pdf",
}
PAGES = {ADULT: "documents.adult_copy", CHILD: "documents.child_copy"}
_ID = re.compile(r"^(adult|child):(\d+)$")


class NoSuchPerson(LookupError):
    """`--for` named nobody on the case, more than one person, or someone with no copy."""


@dataclass(frozen=True)
class OwnCopy:
    """One person's copy of one plan, as staff see it before printing."""

    kind: str  # ADULT or CHILD
    person: Any  # the Adult or Child
    relationship: str
    asked_for: str  # the plan language as their record says it ("" when not recorded)
    language: str  # the code the copy is printed in
    large_print: bool
    translated: bool  # an imported translation still translates all the plan's own words
    audio_copy_id: int | None  # the recording attached for them, if any
    # A young person's: how many of their goals their own child's plan prints.
    child_goals: child_words.GoalsReady | None = None

    @property
    def whose(self) -> str:
        return services.whose(self.kind, self.person.id)

    @property
    def name(self) -> str:
        return self.person.name

    @property
    def person_id(self) -> dict[str, int]:
        """The person's id as the download routes take it."""
        return {f"{self.kind}_id": self.person.id}

    @property
    def page(self) -> str:
        return PAGES[self.kind]

    def download(self, which: str) -> str:
        return DOWNLOADS[self.kind, which]

    @property
    def formats(self) -> list[str]:
        return list(self.person.plan_formats or [])

    @property
    def language_name(self) -> str:
        return language_name(self.language)

    @property
    def fixed_text_checked(self) -> bool:
        """Whether a qualified translator checked the headings and standard paragraphs."""
        return i18n.translator_checked(self.language)

    @property
    def not_printable(self) -> bool:
        """They asked for a language we have no catalogue for: the copy is in English."""
        return self.reads_another_language and self.language == i18n.ENGLISH

    @property
    def reads_another_language(self) -> bool:
        return bool(self.asked_for.strip()) and not _english(self.asked_for)

    @property
    def interpreter_needed(self) -> bool:
        """Whether an interpreter must go through their copy with them (the family plan, the
        easy-read plan and the child's plan alike): its own words are in English (no imported
        translation) but they read another language, or we cannot print their language."""
        if self.not_printable:
            return True
        return self.language != i18n.ENGLISH and not self.translated

    def needs_interpreter(self, which: str) -> bool:
        """For `which` document: each is printed in their language, so the family plan's rule
        holds for all three (the easy-read and child's plans print the plan's own words too)."""
        return self.interpreter_needed

    def interpreter_warning_for(self, which: str) -> str:
        """The family plan's warning, naming the easy-read or child's plan."""
        if which == FAMILY:
            return self.interpreter_warning
        document = LABELS[which].lower()
        if self.not_printable:
            return self._cannot_print(f"the {document}")
        return (
            f"The plan’s own words in the {document} are in English: an interpreter must go "
            f"through them with {self.name}"
        )

    @property
    def interpreter_warning(self) -> str:
        if self.not_printable:
            return self._cannot_print("the plan")
        return (
            "The plan’s own words are in English: an interpreter must go through them with "
            f"{self.name}"
        )

    def _cannot_print(self, document: str) -> str:
        return (
            f"We cannot print {document} in {self.asked_for.strip()}, so this copy is in "
            f"English: an interpreter must go through all of it with {self.name}"
        )

    @property
    def format_label(self) -> str:
        """The formats their record asks for, in words ("Easy read, Audio"); easy read for a
        young person is their own child's plan."""
        labels = [self._format_name(name) for name in self.formats if name in PLAN_FORMATS]
        return ", ".join(labels) or PLAN_FORMATS["standard"]

    def _format_name(self, name: str) -> str:
        if name == "easy_read" and self.kind == CHILD:
            return "Easy read (the child’s own plan)"
        if name == "other" and self.person.plan_format_other.strip():
            return f"{PLAN_FORMATS['other']}: {self.person.plan_format_other.strip()}"
        return PLAN_FORMATS[name]

    @property
    def offered(self) -> list[str]:
        """The documents of their copy, what their record asks for first: the family plan; the
        easy-read plan for an adult who asked for easy read; a young person's own child's plan
        (first when they asked for easy read)."""
        easy = "easy_read" in self.formats
        if self.kind == CHILD:
            return [CHILD_PLAN, FAMILY] if easy else [FAMILY, CHILD_PLAN]
        return [EASY_READ, FAMILY] if easy else [FAMILY]

    @property
    def owed(self) -> list[str]:
        """What they asked for that no document here is, in words."""
        found = []
        if "audio" in self.formats:
            found.append(
                "Audio: recording attached"
                if self.audio_copy_id is not None
                else "Audio: owed, no recording attached yet"
            )
        return found

    @property
    def goals_left_out(self) -> bool:
        """Whether their child's plan leaves out goals whose words the chair has not checked."""
        ready = self.child_goals
        return ready is not None and ready.checked < ready.goals

    @property
    def child_plan_goals(self) -> str:
        """What staff are told before printing a young person's own child's plan: how many
        goals are in it, and why the rest are not ("" for an adult)."""
        ready = self.child_goals
        if ready is None:
            return ""
        name = ready.child_name
        if not ready.goals:
            return f"No safety goal is for {name}, so {name}’s plan has none in it."
        if not self.goals_left_out:
            return f"All {ready.goals} of {name}’s goals are in {name}’s plan."
        others = ready.goals - ready.checked
        return (
            f"{ready.checked} of {ready.goals} goals are in {name}’s plan: the chair has not "
            f"checked the words for children of the other {others}. It says their social "
            "worker will tell them about the rest."
        )

    def document(self, which: str = FAMILY, large_print: bool = False) -> documents.Document:
        if which == EASY_READ:
            return documents.easy_read_copy(self.person, self.kind)
        if which == CHILD_PLAN:
            return documents.child_plan_copy(self.person)
        return documents.own_copy(self.person, self.kind, large_print)


def language_name(code: str) -> str:
    """ "Yoruba", "Polish": the language's name in English."""
    return Locale.parse(code).get_display_name("en") or code


def _english(name: str) -> bool:
    return i18n.language_code(name) == i18n.ENGLISH


def fully_translated(plan, language: str) -> bool:
    """Whether a translator's file for `language` still translates every one of the plan's
    own words (a text changed since it was translated is English again)."""
    return language in fully_translated_languages(plan)


def fully_translated_languages(plan) -> set[str]:
    """The languages whose translator's file still translates every one of the plan's own
    words: counting them reads the whole plan, so a page listing everyone's copy does it once."""
    return {
        summary.translation.language
        for summary in translations.summaries(plan)
        if summary.translated >= summary.of
    }


def copy_for(plan, kind: str, person, translated_into: set[str] | None = None) -> OwnCopy:
    """`person`'s copy; `translated_into` is `fully_translated_languages(plan)` when the caller
    has it already (found here when not)."""
    language = i18n.persons_language(person)
    translated = language != i18n.ENGLISH and (
        language in translated_into
        if translated_into is not None
        else fully_translated(plan, language)
    )
    audio = services.audio_copy_for(plan, kind, person.id)
    return OwnCopy(
        kind=kind,
        person=person,
        relationship=_relationship(plan, kind, person),
        asked_for=person.plan_language or "",
        language=language,
        large_print=i18n.wants_large_print(person),
        translated=translated,
        audio_copy_id=audio.id if audio is not None else None,
        child_goals=child_words.goals_ready_for(plan, person) if kind == CHILD else None,
    )


def plan_for_copies(versions) -> Any:
    """The plan the family's copies are of: the latest agreed (finalised) version, unless it
    has ended; None when there is none (only a draft, or the plan ended)."""
    agreed = [plan for plan in versions if plan.finalised]
    newest = max(agreed, key=lambda plan: plan.number, default=None)
    return newest if newest is not None and newest.ended_on is None else None


def newer_draft(versions, in_force) -> Any:
    """A draft newer than the plan in force (a review under way), whose copies are not agreed."""
    after = in_force.number if in_force is not None else 0
    drafts = [plan for plan in versions if not plan.finalised and plan.number > after]
    return max(drafts, key=lambda plan: plan.number, default=None)


def copies_of(plan) -> list[OwnCopy]:
    """Everyone owed their own copy of `plan`: parents and carers, then the rest of the family
    network (the plan is shared with them), then the young people the chair agreed."""
    on_plan = children_on_plan(plan.conference)
    ids = {child.id for child in on_plan}
    adults = sorted(plan.case.adults, key=lambda adult: not _parent_or_carer(adult, ids))
    young_people = [child for child in on_plan if child.own_copy and not child.unborn]
    translated_into = _translated_into(plan, [*adults, *young_people])
    return [
        *(copy_for(plan, ADULT, adult, translated_into) for adult in adults),
        *(copy_for(plan, CHILD, child, translated_into) for child in young_people),
    ]


def _translated_into(plan, people) -> set[str]:
    """`fully_translated_languages`, read once for all of them (nothing to read when they all
    read English)."""
    if all(i18n.persons_language(person) == i18n.ENGLISH for person in people):
        return set()
    return fully_translated_languages(plan)


def children_who_may_have_one(plan) -> list:
    """The children on the plan, each of whom may have their own copy if the chair agrees."""
    return [child for child in children_on_plan(plan.conference) if not child.unborn]


def _parent_or_carer(adult, child_ids: set[int]) -> bool:
    if adult.in_household:
        return True
    return any(
        link.parental_responsibility and link.child_id in child_ids for link in adult.relationships
    )


def _relationship(plan, kind: str, person) -> str:
    if kind == CHILD:
        return "Young person"
    names = sorted({link.relationship_to_child for link in person.relationships})
    if names:
        return ", ".join(names)
    return "Lives with the children" if person.in_household else "Family network"


def person_on(plan, kind: str, person_id: int):
    """The adult or child of the plan's case with that id, or None."""
    people = plan.case.adults if kind == ADULT else plan.case.children
    return next((person for person in people if person.id == person_id), None)


def find_copy(plan, wanted: str) -> OwnCopy:
    """The copy for the person `wanted` names: "adult:12", "child:7", a bare id ("12") when
    only one person of the case has it, or their full name (any case, spaces as typed). Raises
    NoSuchPerson with what to do instead."""
    wanted = " ".join(wanted.split())
    if wanted.isdigit():
        return _by_bare_id(plan, int(wanted))
    matched = _ID.match(wanted.lower())
    if matched:
        kind, person_id = matched.group(1), int(matched.group(2))
        person = person_on(plan, kind, person_id)
        if person is None:
            raise NoSuchPerson(f"There is no {kind}:{person_id} on case {plan.case.reference}")
        return _may_have(plan, kind, person)
    people = [(ADULT, a) for a in plan.case.adults] + [(CHILD, c) for c in plan.case.children]
    found = [(kind, p) for kind, p in people if p.name.lower() == wanted.lower()]
    if not found:
        raise NoSuchPerson(
            f'Nobody on case {plan.case.reference} is called "{wanted}". Own copies: '
            + _listed(copies_of(plan))
        )
    if len(found) > 1:
        ids = ", ".join(services.whose(kind, p.id) for kind, p in found)
        raise NoSuchPerson(
            f'More than one person on case {plan.case.reference} is called "{wanted}": '
            f"give their id instead ({ids})"
        )
    return _may_have(plan, *found[0])


def _by_bare_id(plan, person_id: int) -> OwnCopy:
    found = [
        (kind, person)
        for kind in (ADULT, CHILD)
        if (person := person_on(plan, kind, person_id)) is not None
    ]
    if not found:
        raise NoSuchPerson(
            f"Nobody on case {plan.case.reference} has the id {person_id}. Own copies: "
            + _listed(copies_of(plan))
        )
    if len(found) > 1:
        raise NoSuchPerson(
            f"Both an adult and a child on case {plan.case.reference} have the id {person_id}: "
            f"write adult:{person_id} or child:{person_id}"
        )
    return _may_have(plan, *found[0])


def _may_have(plan, kind: str, person) -> OwnCopy:
    if kind == CHILD and person.unborn:
        raise NoSuchPerson(f"{person.name} is not born yet: an unborn baby has no own copy")
    if kind == CHILD and not person.own_copy:
        raise NoSuchPerson(
            f"{person.name} has no own copy: the conference chair has not agreed one"
        )
    return copy_for(plan, kind, person)


def _listed(copies: list[OwnCopy]) -> str:
    return ", ".join(f"{c.name} ({c.whose})" for c in copies) or "none"


def on_page(plan, may_agree: bool, draft=None) -> dict:
    """What `templates/views/cases/_own_copies.html` shows: each person's copy of `plan` (None:
    no plan in force), a newer `draft` to link to, and the young people who may have one if the
    chair (or a manager: `may_agree`) agrees."""
    children = children_who_may_have_one(plan) if plan is not None else []
    unborn = [c for c in children_on_plan(plan.conference) if c.unborn] if plan is not None else []
    return {
        "plan": plan,
        "draft": draft,
        "copies": copies_of(plan) if plan is not None else [],
        "labels": LABELS,
        "children": children,
        "unborn": unborn,
        "may_agree": may_agree,
    }
