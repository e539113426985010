"""The family's copy of the plan: what the printed plan a parent takes home says, in plain words
and in their language (docs/domain.md sections 4 to 7 and 11).

The inspection found the model worked for the parents who understood "the reasons for and
intentions of the help" (Ofsted, Havering 2013, para 25): so the family plan says why everyone is
worried, what is working well, what needs to happen and how everyone will know, what each child
said, where things are now, what happens if nothing changes, when everyone meets again and what to
do if the family disagrees, with a glossary of the words professionals still use.

`family_plan_context(plan)` builds everything `pdf_templates/family_plan.html` needs, including
the `translations` and `attachments` that `render_pdf` takes:

    render_pdf(TEMPLATE, **family_plan_context(plan, large_print=True, core_group_interval_weeks=6))

The fixed paragraphs are here (marked with `N_` for pybabel) so that the glossary can read them.
"""

from dataclasses import dataclass, field
from datetime import date

from flask import current_app

from conference.domain import clock, mapping
from conference.domain.contacts import disagree_sentences
from conference.domain.readability import glossary_for
from conference.domain.review import goals_worked_to
from conference.domain.wording import and_list, number
from conference.pdf import i18n
from conference.pdf.family_plan_parts import TEXTS as PART_TEXTS
from conference.pdf.family_plan_parts import goal_wording, what_you_told_us, who_you_are
from conference.pdf.i18n import N_
from conference.pdf.parts import children_on_plan, overall_scores, scale_wording
from conference.pdf.render import type_scale
from conference.pdf.score_chart import CHART_TITLE, ScoreRow, score_chart
from conference.services import stored_files
from conference.services.conferences import scaling as scaling_service
from conference.services.conferences.kept_from_family import is_withheld, withheld
from conference.services.contacts import family_contacts
from conference.services.translations import words as translated_words

TEMPLATE = "family_plan.html"


INTRO = N_(
    "This is your family's plan. It says why everyone is worried, what is already working well, "
    "and what needs to happen so that the children are safe. It was agreed at the child "
    "protection conference on %(date)s."
)
# A draft is not agreed yet, so it never says it was (the meta line says "Draft: not agreed yet").
DRAFT_INTRO = N_(
    "This is a draft of your family's plan: we have not agreed it yet. It says why everyone is "
    "worried, what is already working well, and what needs to happen so that the children are "
    "safe. Your social worker will tell you when we agree it."
)
COURT = N_(
    "This plan is important. Please keep it. If things do not change, it could be shown to a court."
)
INTERPRETER_NOTE = N_(
    "The parts in your own words and our notes are in English. An interpreter will go through "
    "them with you."
)
# Printed instead of INTERPRETER_NOTE when every piece of the plan's own words is translated.
TRANSLATED_BY = N_("The parts in your own words and our notes were translated by %(translator)s.")
CORE_GROUP = N_(
    "The core group is you, your family and the professionals who work most closely with you. "
    "It meets at least every %(weeks)s weeks to check how the plan is going. The first meeting is "
    "on "
    "%(date)s."
)
REVIEW = N_(
    "The review conference is a meeting to check how the plan is going and whether it is still "
    "needed. It is on %(date)s."
)
NOT_SET = N_("The date has not been set yet. Your social worker will tell you.")
CONTACT_NO_WORKER = N_("A social worker from the %(team)s will contact you.")

TEXTS = {
    "intro": INTRO,
    "draft_intro": DRAFT_INTRO,
    "court": COURT,
    "interpreter_note": INTERPRETER_NOTE,
    "translated_by": TRANSLATED_BY,
    "core_group": CORE_GROUP,
    "review": REVIEW,
    "not_set": NOT_SET,
    "contact_no_worker": CONTACT_NO_WORKER,
}


@dataclass(frozen=True)
class WorryStatement:
    """A worry in plain words: who is worried, about what, and what could happen; or, when it
    was written as one sentence, that sentence."""

    text: str = ""
    who: str = ""
    about: str = ""
    could_happen: str = ""


@dataclass(frozen=True)
class Helper:
    who: str
    what: str
    by_when: date | None


@dataclass(frozen=True)
class FamilyGoal:
    """A safety goal as "what needs to happen", with how we will know, by when and who helps."""

    number: int
    statement: str
    children: str
    family_words: str
    measure: str
    target: str
    sustained_for: str
    review_on: date | None
    owner: str
    helpers: list[Helper] = field(default_factory=list)
    # One date phrase (issue 19): "keep happening for {how_long}", or "keep happening
    # {how_long}" when it says how it runs ("until the birth").
    keep_for: bool = True
    how_long: str = ""
    # "If {trigger}, then {then}.": both blank unless both halves were written.
    trigger: str = ""
    then: str = ""


@dataclass(frozen=True)
class Drawing:
    url: str
    description: str


@dataclass(frozen=True)
class ChildWords:
    name: str
    own_words: str
    drawings: list[Drawing]


def family_plan_context(
    plan,
    *,
    person=None,
    large_print: bool = False,
    today: date | None = None,
    core_group_interval_weeks: int,
) -> dict:
    """Everything the family plan template needs, for `render_pdf(TEMPLATE, **context)`.
    Call it inside an application context (pictures and settings come from the app). The
    printing caller passes the local CORE_GROUP_INTERVAL_WEEKS setting, which the plan tells
    the family.

    `person` (an adult or a child of the case) makes their own copy: in their language
    (English only for an English reader) and in large print if they asked for it. Without a
    person it is the case's copy, in the first other language a parent asked for."""
    conference = plan.conference
    case = plan.case
    if person is None:
        lang = i18n.printable_language(i18n.document_language(case))
    else:
        lang = i18n.persons_language(person)
        large_print = large_print or i18n.wants_large_print(person)
    translations = i18n.translations_for(lang)
    children = children_on_plan(conference)
    names = [child.given_name for child in children]
    decisions = [d for d in conference.decisions if d.child_id in {c.id for c in children}]
    attachments: dict[str, tuple[bytes, str]] = {}
    kept = withheld(conference)  # read once: every part below leaves out what it holds
    voices = children_words(conference, children, attachments, kept)
    worries = worry_statements(conference, kept)
    working_well = working_well_items(conference, kept)
    goals = family_goals(plan, children)
    identity = who_you_are(plan, children, kept)
    told = what_you_told_us(plan, goals, children, kept)
    scores = score_rows(conference)
    contacts = family_contacts(case, conference).lines
    # "What you can do if you disagree": the area's own paragraph (COMPLAINTS_TEXT), else
    # sentences naming only the contacts printed below it; how to complain is the contact.
    override = current_app.config.get("COMPLAINTS_TEXT")
    complaints = [override] if override else disagree_sentences({c.key for c in contacts})
    worker = lead_social_worker(case, decisions)
    sizes = type_scale(large_print)
    family_words = translated_words(plan, lang)
    free_texts = [
        *(w.text or " ".join((w.who, w.about, w.could_happen)) for w in worries),
        *working_well,
        *(text for g in goals for text in (g.statement, g.measure, g.target, g.family_words)),
        *(helper.what for g in goals for helper in g.helpers),
        *(text for g in goals for text in (g.trigger, g.then)),
        identity.statement,
        *(row.text for rows in (identity.agreed, told) for row in rows),
        plan.contingency_plan,
        *complaints,
        *TEXTS.values(),
    ]
    return {
        "translations": translations,
        "attachments": attachments,
        "lang": lang,
        "dir": i18n.direction(lang),
        # The family's own words in this language, where the plan has a translation of them
        # (conference/services/translations.py); none in English.
        "family_words": family_words,
        "family_words_dir": i18n.direction(lang),
        # What people typed, put into a sentence of fixed text: translated, or marked English.
        "free": lambda text: i18n.FreeText(text, family_words.of(text)),
        "draft": plan.finalised_at is None,
        "large_print": large_print,
        "children_names": and_list(names),
        "first_names": names,
        "document_date": conference.held_on,
        "printed_on": today or clock.today(),
        "page_label_css": i18n.page_label_css(translations, lang),
        "translated": lang != i18n.ENGLISH,
        "texts": TEXTS | PART_TEXTS,
        "plan_number": plan.number,
        "worries": worries,
        "working_well": working_well,
        "goals": goals,
        "who_you_are": identity,
        "told_us": told,
        "voices": voices,
        "scores": scores,
        "scale": scale_wording(conference),
        "median": median_score(conference),
        "chart": score_chart(scores, sizes["body"], translations.gettext(CHART_TITLE))
        if scores
        else "",
        "contingency": plan.contingency_plan.strip(),
        "first_core_group_on": earliest(d.first_core_group_on for d in decisions),
        "core_group_interval_weeks": core_group_interval_weeks,
        "review_on": earliest(d.review_on for d in decisions),
        "social_worker": worker.name if worker is not None else "",
        "social_worker_email": worker.email if worker is not None else "",
        "team": case.team.name,
        "complaints_text": complaints,
        "contacts": contacts,
        "glossary": glossary_for(text for text in free_texts if text),
    }


def earliest(dates) -> date | None:
    return min((d for d in dates if d is not None), default=None)


def lead_social_worker(case, decisions):
    """The lead social worker named at the conference, or the case's social worker."""
    named = next((d.lead_social_worker for d in decisions if d.lead_social_worker), None)
    return named or case.social_worker


def worry_statements(conference, kept=None) -> list[WorryStatement]:
    """The worry statements, but none kept from the family (kept_from_family.py; `kept`: its
    `withheld(conference)`, when the caller has read it already)."""
    kept = withheld(conference) if kept is None else kept
    items = sorted(
        (
            item
            for item in conference.map_items
            if item.heading == mapping.WORRY and not is_withheld(kept, "map_item", item.id)
        ),
        key=lambda item: (item.position, item.id),
    )
    return [_worry(item) for item in items]


def _worry(item) -> WorryStatement:
    """The guided answers, each under its translated label; or, for a statement written as one
    sentence, that sentence (mapping.worry_text: the same worry has the same words everywhere)."""
    if mapping.worry_statement_parts(item.who_is_worried, item.worried_about, item.could_happen):
        return WorryStatement(
            who=item.who_is_worried.strip(),
            about=item.worried_about.strip(),
            could_happen=item.could_happen.strip(),
        )
    return WorryStatement(text=mapping.worry_text(item))


def working_well_items(conference, kept=None) -> list[str]:
    """What the family already does that keeps the children safe, then their strengths; none
    kept from the family."""
    wanted = (mapping.SAFETY, mapping.STRENGTHS)
    kept = withheld(conference) if kept is None else kept
    items = [
        item
        for item in conference.map_items
        if item.heading in wanted
        and item.text.strip()
        and not is_withheld(kept, "map_item", item.id)
    ]
    items.sort(key=lambda item: (wanted.index(item.heading), item.position, item.id))
    return [item.text.strip() for item in items]


def family_goals(plan, children) -> list[FamilyGoal]:
    names = {child.id: child.given_name for child in plan.case.children}
    goals = goals_worked_to(plan.goals)
    return [
        FamilyGoal(
            number=number,
            statement=goal.statement.strip(),
            children=and_list([names[i] for i in goal.child_ids if i in names]),
            family_words=goal.family_words.strip(),
            measure=goal.measure.strip(),
            target=goal.target.strip(),
            sustained_for=goal.sustained_for.strip(),
            # A goal carried into a new version keeps the last plan's date (this conference's
            # own day) until the chair sets one: the family is never told to wait for a past one.
            review_on=goal.review_on if _after(goal.review_on, plan.conference.held_on) else None,
            owner=goal.owner.strip(),
            helpers=[
                Helper(action.who.strip(), action.what.strip(), action.by_when)
                for action in sorted(goal.actions, key=lambda a: (a.position, a.id or 0))
            ],
            **goal_wording(goal.sustained_for, goal.contingency_if, goal.contingency_then),
        )
        for number, goal in enumerate(goals, start=1)
    ]


def _after(day: date | None, held_on: date) -> bool:
    return day is not None and day > held_on


def children_words(conference, children, attachments: dict, kept=None) -> list[ChildWords]:
    """Each child's own words, exactly as given, and the drawings they agreed to share. The
    drawings' bytes go into `attachments`, which the render serves as `attachment:` URLs.
    Words kept from the family are left out; words kept whole keep their drawings out too."""
    voices = {voice.child_id: voice for voice in conference.voices}
    kept = withheld(conference) if kept is None else kept
    found = []
    for child in children:
        voice = voices.get(child.id)
        if voice is None or is_withheld(kept, "child_voice", voice.id):
            continue
        drawings = []
        for picture in voice.pictures:
            if not picture.consent_to_share:
                continue
            data = stored_files.content_of(picture.file)
            if data is None:
                continue
            name = f"picture-{picture.id}"
            attachments[name] = (data, picture.content_type)
            drawings.append(Drawing(f"attachment:{name}", picture.description.strip()))
        own_words = (
            "" if is_withheld(kept, "child_voice", voice.id, "own_words") else voice.own_words
        )
        if own_words.strip() or drawings:
            found.append(ChildWords(child.given_name, own_words, drawings))
    return found


def score_rows(conference) -> list[ScoreRow]:
    """Everyone's overall score, as given, parents first."""
    return [
        ScoreRow(row.person_name, row.role_label, row.value, row.reason.strip())
        for row in scaling_service.in_order(conference)
    ]


def median_score(conference) -> str:
    """The middle score, on the scale the scores were given on ("4.5"; "" with no scores)."""
    overall = overall_scores(conference)
    if not overall:
        return ""
    summary = scaling_service.scaling_summary(conference)
    return number(scaling_service.in_scale(summary, overall[0].polarity)["median"])
