"""Each person's own copy of the family plan (docs/domain.md section 11): who gets one, in which
language and format, and what staff must know before printing it.

Every parent or carer gets their own copy: an adult with parental responsibility for a child on
the plan, and any adult who lives with the children. A young person gets one only where the
chair agreed (`Child.own_copy`). Each copy is in the language the person's record asks for
(English only for an English reader) and in large print if they asked for it, with the
easy-read plan for an adult who asked for easy read and the child's own plan for a young
person; audio is owed in words until a recording is attached. Staff may also print a copy for
another adult of the case (a grandparent who would care for the children, say): the list shows
who is owed one.
"""

import re
from dataclasses import dataclass
from typing import Any

from babel import Locale

from conference.domain.identity import PLAN_FORMATS
from conference.pdf import documents, i18n
from conference.pdf.parts import children_on_plan
from conference.services import own_copies as services
from conference.services import translations

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
        """Whether an interpreter must go through the family plan with them: its own words are
        in English (no imported translation) but they read another language."""
        if self.not_printable:
            return True
        return self.language != i18n.ENGLISH and not self.translated

    def needs_interpreter(self, which: str) -> bool:
        """For `which` document: the easy-read and child's plans are in English only."""
        if which == FAMILY:
            return self.interpreter_needed
        return self.reads_another_language

    def interpreter_warning_for(self, which: str) -> str:
        if which == FAMILY:
            return self.interpreter_warning
        return (
            f"The {LABELS[which].lower()} is in English only: an interpreter must go through it "
            f"with {self.name}"
        )

    @property
    def interpreter_warning(self) -> str:
        if self.not_printable:
            return (
                f"We cannot print the plan in {self.asked_for.strip()}, so this copy is in "
                f"English: an interpreter must go through all of it with {self.name}"
            )
        return (
            "The plan’s own words are in English: an interpreter must go through them with "
            f"{self.name}"
        )

    @property
    def format_label(self) -> str:
        return "Large print" if self.large_print else "Standard print"

    @property
    def offered(self) -> list[str]:
        """The documents of their copy: the family plan, and the easy-read plan for an adult
        who asked for it or the child's own plan for a young person."""
        if self.kind == CHILD:
            return [FAMILY, CHILD_PLAN]
        return [FAMILY, EASY_READ] if "easy_read" in self.formats else [FAMILY]

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
        if "other" in self.formats and self.person.plan_format_other.strip():
            found.append(f"{PLAN_FORMATS['other']}: {self.person.plan_format_other.strip()}")
        return found

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
    return any(
        summary.translation.language == language and summary.translated >= summary.of
        for summary in translations.summaries(plan)
    )


def copy_for(plan, kind: str, person) -> OwnCopy:
    language = i18n.persons_language(person)
    translated = language != i18n.ENGLISH and fully_translated(plan, language)
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
    )


def copies_of(plan) -> list[OwnCopy]:
    """Everyone owed their own copy of `plan`: parents and carers, then the young people the
    chair agreed."""
    on_plan = children_on_plan(plan.conference)
    ids = {child.id for child in on_plan}
    adults = [adult for adult in plan.case.adults if _parent_or_carer(adult, ids)]
    young_people = [child for child in on_plan if child.own_copy]
    return [
        *(copy_for(plan, ADULT, adult) for adult in adults),
        *(copy_for(plan, CHILD, child) for child in young_people),
    ]


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
    return ", ".join(names) or ("Lives with the children" if person.in_household else "Family")


def person_on(plan, kind: str, person_id: int):
    """The adult or child of the plan's case with that id, or None."""
    people = plan.case.adults if kind == ADULT else plan.case.children
    return next((person for person in people if person.id == person_id), None)


def find_copy(plan, wanted: str) -> OwnCopy:
    """The copy for the person `wanted` names: "adult:12", "child:7", or their full name (any
    case, spaces as typed). Raises NoSuchPerson with what to do instead."""
    wanted = " ".join(wanted.split())
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


def _may_have(plan, kind: str, person) -> OwnCopy:
    if kind == CHILD and not person.own_copy:
        raise NoSuchPerson(
            f"{person.name} has no own copy: the conference chair has not agreed one"
        )
    return copy_for(plan, kind, person)


def _listed(copies: list[OwnCopy]) -> str:
    return ", ".join(f"{c.name} ({c.whose})" for c in copies) or "none"
