"""The family's words in their language (issue 19, docs/domain.md section 11).

The fixed text of the family's documents comes from the catalogues; what people typed (the
worries, what is working well, the goals and their actions, the contingency, the children's
words) is translated by the council's translation supplier. Its round trip:

- `export` writes the plan's family-facing text as XLIFF 2.0, one unit per piece of text with an
  id that stays the same while the record does ("goal-12-measure", "voice-7-own_words"). What is
  kept from the family (kept_from_family) is never in it: it must not leave the council either.
- `import_translation` reads the translated file back, all or nothing: a file with any problem
  (not valid XLIFF 2.0, another language, a unit the plan does not have, English that has changed
  since the export, a unit without a translation, a piece of the plan's text left out) is
  refused whole with every problem named, and nothing is stored. A good file replaces the
  earlier import for its language.
- `translated(plan, language)` gives the documents each English text's translation, for the
  texts whose English is still what was translated: a text changed since is printed in English
  only, never beside a translation of what it used to say.

A translation is not the plan: a finalised plan's may still be imported, and its audit row says
the plan was finalised. Every export and import is audited against the plan (so in the case's
history), by ids and counts, never the words.
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from conference.domain import plain_goals
from conference.extensions import db
from conference.models import Plan, PlanTranslation, User
from conference.models.types import utc_now
from conference.services import audit, xliff
from conference.services.plan_checks import store_checks
from conference.services.translation_segments import Segment, family_segments

PROBLEMS_SHOWN = 20


@dataclass(frozen=True)
class Exported:
    filename: str
    data: bytes


@dataclass(frozen=True)
class Summary:
    """A translation as the plan page lists it: who translated and checked it, and how many of
    the plan's texts it still translates."""

    translation: PlanTranslation
    translated: int
    of: int

    @property
    def checked(self) -> bool:
        return bool(self.translation.checked_by)


class TranslationRefused(Exception):
    """The file was not imported: `problems` names each one (the first PROBLEMS_SHOWN)."""

    def __init__(self, problems: list[str]):
        super().__init__(f"{len(problems)} problems")
        self.problems = problems


# Export


def export(actor: User, plan: Plan, language: str) -> Exported:
    """The plan's family-facing text as XLIFF 2.0 for a translator into `language` (a code the
    caller has checked), audited as an export. The caller commits."""
    segments = family_segments(plan)
    units = [xliff.Unit(s.id, s.source, s.label) for s in segments]
    data = xliff.write(units, language, file_id=f"plan-{plan.id}")
    audit.record(
        actor,
        "export",
        plan,
        {
            "document": [None, "translation"],
            "language": [None, language],
            "segments": [None, len(segments)],
        },
    )
    return Exported(file_name(plan, language), data)


def file_name(plan: Plan, language: str) -> str:
    """ "DEMO-0001-family-plan-v2-yo.xlf": the case reference, never a child's name."""
    reference = re.sub(r"[^A-Za-z0-9-]+", "-", plan.case.reference).strip("-") or "case"
    return f"{reference}-family-plan-v{plan.number}-{language}.xlf"


# Import


@dataclass(frozen=True)
class Credits:
    """Who translated the file and when; who checked it and when (no one yet: "" and None)."""

    translated_by: str
    translated_on: date
    checked_by: str = ""
    checked_on: date | None = None


def import_translation(
    actor: User,
    plan: Plan,
    data: bytes,
    language: str,
    credits: Credits,
    names: Mapping[str, str] | None = None,
) -> PlanTranslation:
    """Store the translated file for `language`, replacing an earlier import, with its audit
    row. Raises TranslationRefused, having stored nothing, for any problem in the file. The
    caller commits. `names` names the languages by code ("ur": "Urdu") for the messages."""
    segments = {s.id: s for s in family_segments(plan)}
    try:
        found = xliff.read(data)
    except xliff.FileRefused as refused:
        raise TranslationRefused(refused.problems) from None
    problems = [
        *language_problems(found, language, names or {}),
        *unit_problems(found, segments),
        *missing_problems(found, segments),
    ]
    if problems:
        raise TranslationRefused(_shown(problems))
    stored = {
        unit.id: {"source": segments[unit.id].source, "target": xliff.plain(unit.target or "")}
        for unit in found.units
    }
    return _store(actor, plan, language, stored, credits)


def language_problems(
    found: xliff.TranslatedFile, language: str, names: Mapping[str, str]
) -> list[str]:
    problems = []
    if not _is_language(found.source_language, xliff.SOURCE_LANGUAGE):
        problems.append(
            "The selected file must be translated from English (srcLang “en”), not from "
            f"{_language_name(found.source_language, names)}"
        )
    if not found.target_language:
        problems.append("The selected file must say the language it is translated into (trgLang)")
    elif not _is_language(found.target_language, language):
        problems.append(
            f"The selected file is translated into {_language_name(found.target_language, names)}"
            f", not {_language_name(language, names)}, the language selected"
        )
    return problems


def _language_name(tag: str, names: Mapping[str, str]) -> str:
    """ "Urdu" for "ur" or "ur-PK": the name staff know; the tag itself, quoted, for a language
    the documents do not know."""
    code = tag.strip().lower().split("-")[0]
    return names.get(code) or f"‘{xliff.short(tag)}’"


def _is_language(tag: str, code: str) -> bool:
    """Whether a language tag is the language `code`: "yo", or a regional "yo-NG"."""
    tag = tag.strip().lower()
    return tag == code or tag.startswith(f"{code}-")


def unit_problems(found: xliff.TranslatedFile, segments: dict[str, Segment]) -> list[str]:
    """Each unit must be one of the plan's texts, once, with the English it has now, and have a
    translation."""
    problems, seen = [], set()
    for unit in found.units:
        named = f"unit ‘{xliff.short(unit.id)}’"
        if unit.id in seen:
            problems.append(f"The selected file has {named} more than once")
            continue
        seen.add(unit.id)
        segment = segments.get(unit.id)
        if segment is None:
            problems.append(
                f"The selected file has {named}, which is not in this plan’s text: the file may "
                "be for another plan, or the text was removed or kept from the family since"
            )
            continue
        named = f"‘{segment.label}’ ({named})"
        if xliff.plain(unit.source) != segment.source:
            problems.append(
                f"The English of {named} has changed since the file was made: download the "
                "text again and have the change translated"
            )
        elif not xliff.plain(unit.target or ""):
            problems.append(f"{named} has no translation")
    return problems


def missing_problems(found: xliff.TranslatedFile, segments: dict[str, Segment]) -> list[str]:
    """Every piece of the plan's text must be in the file: one left out would be printed in
    English beside translated text, so the file is refused, naming what it lacks."""
    in_file = {unit.id for unit in found.units}
    missing = [segment.label for key, segment in segments.items() if key not in in_file]
    if not missing:
        return []
    shown = missing[:PROBLEMS_SHOWN]
    more = f", and {len(missing) - len(shown)} more" if len(missing) > len(shown) else ""
    return [
        f"The selected file has no translation for: {'; '.join(shown)}{more}. Download the "
        "text again and have every part translated"
    ]


def _shown(problems: list[str]) -> list[str]:
    if len(problems) <= PROBLEMS_SHOWN:
        return problems
    more = len(problems) - PROBLEMS_SHOWN
    return [*problems[:PROBLEMS_SHOWN], f"And {more} more problems like these"]


def _store(actor, plan, language, segments: dict, credits: Credits) -> PlanTranslation:
    row = translation_for(plan, language)
    before = _credits_of(row) if row is not None else {}
    if row is None:
        row = PlanTranslation(plan_id=plan.id, language=language)
        db.session.add(row)
    row.segments = segments
    row.translated_by, row.translated_on = credits.translated_by, credits.translated_on
    row.checked_by, row.checked_on = credits.checked_by, credits.checked_on
    row.imported_by_id, row.imported_at = actor.id, utc_now()
    db.session.flush()
    # The plan in the family's language carries their identity into it (issue 21).
    store_checks(plan)
    after = _credits_of(row)
    changes = {key: [before.get(key), value] for key, value in after.items()}
    changes["translation"] = [None, row.id]
    changes["language"] = [None, language]
    if plan.finalised:
        # The plan itself is not changed: only the translation of its words.
        changes["plan_finalised"] = [None, True]
    audit.record(actor, "import translation", plan, changes)
    return row


def _credits_of(row: PlanTranslation) -> dict:
    return {
        "segments": len(row.segments or {}),
        "translated_by": row.translated_by,
        "translated_on": audit.plain(row.translated_on),
        "checked_by": row.checked_by,
        "checked_on": audit.plain(row.checked_on),
        "imported_at": audit.plain(row.imported_at),
    }


# The documents' lookups


def translation_for(plan: Plan, language: str) -> PlanTranslation | None:
    query = select(PlanTranslation).where(
        PlanTranslation.plan_id == plan.id, PlanTranslation.language == language
    )
    return db.session.scalar(query)


def translated(plan: Plan, language: str) -> dict[str, str]:
    """Each English text of the plan (as `xliff.plain` gives it) to its translation into
    `language`, for the texts whose English is still what was translated; {} with none."""
    row = translation_for(plan, language)
    if row is None:
        return {}
    return _still_current(row, family_segments(plan))


def _still_current(row: PlanTranslation, segments: list[Segment]) -> dict[str, str]:
    words: dict[str, str] = {}
    for segment in segments:
        target = _current_target(row, segment)
        if target:
            words.setdefault(segment.source, target)
    return words


def _current_target(row: PlanTranslation, segment: Segment) -> str:
    """The translation stored for the segment, if it translated the English the plan has now."""
    kept = (row.segments or {}).get(segment.id) or {}
    return kept.get("target", "") if kept.get("source") == segment.source else ""


@dataclass(frozen=True)
class Words:
    """The plan's words in one language, as a document looks each one up: `of(text)` is the
    translation of the English `text` as the document prints it, or "" when it has none."""

    language: str
    by_source: dict[str, str]
    # Whether every piece of the plan's text has a current translation, and by whom: the
    # family's copy then needs no interpreter for the plan's own words.
    complete: bool = False
    translated_by: str = ""

    def of(self, text: str | None) -> str:
        return self.by_source.get(xliff.plain(text or ""), "")


def words(plan: Plan, language: str) -> Words:
    """The lookup the family's documents print translations with (empty for a language the plan
    has no translation into, English among them). A goal's "how long" and the
    halves of its "If …, then …" are printed as the plan's own sentences make them
    (conference/domain/plain_goals.py): they are found in those forms too."""
    row = translation_for(plan, language)
    if row is None:
        return Words(language, {})
    by_source: dict[str, str] = {}
    segments = family_segments(plan)
    complete = bool(segments)
    for segment in segments:
        target = _current_target(row, segment)
        if not target:
            complete = False
            continue
        by_source.setdefault(segment.source, target)
        for source, translated_form in _sentence_forms(segment, target):
            if source:
                by_source.setdefault(xliff.plain(source), translated_form)
    return Words(language, by_source, complete, row.translated_by)


def _sentence_forms(segment: Segment, target: str) -> list[tuple[str, str]]:
    if segment.id.endswith("-sustained_for"):
        return [(plain_goals.how_long(segment.source)[1], plain_goals.how_long(target)[1])]
    if segment.id.endswith("-contingency_if"):
        return [(plain_goals.if_then(segment.source, "")[0], plain_goals.if_then(target, "")[0])]
    if segment.id.endswith("-contingency_then"):
        return [(plain_goals.if_then("", segment.source)[1], plain_goals.if_then("", target)[1])]
    return []


def summaries(plan: Plan) -> list[Summary]:
    """The plan's translations, by language, each with how many of the plan's texts it still
    translates."""
    rows = db.session.scalars(
        select(PlanTranslation)
        .where(PlanTranslation.plan_id == plan.id)
        .order_by(PlanTranslation.language)
    ).all()
    if not rows:  # most plans: no need to read the whole plan to count nothing
        return []
    segments = family_segments(plan)
    # Counted as the export page counts them: one part of the plan's text a segment.
    return [
        Summary(row, sum(1 for s in segments if _current_target(row, s)), len(segments))
        for row in rows
    ]
