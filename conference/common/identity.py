"""Presenting a person's identity answers: used on case, child and adult pages."""

from datetime import date

from conference.domain import clock
from conference.domain.children import age_in_years
from conference.domain.identity import (
    ETHNICITY_CODES,
    IDENTITY_PROMPTS,
    INTERPRETER_GENDERS,
    PLAN_FORMATS,
    YES_NO_NOT_KNOWN,
    answer_state,
    prompts_for,
)
from conference.models import Child

NOT_KNOWN = "Not known yet"
NOT_ASKED = "Not recorded"


def ethnicity(person) -> str:
    """ "Black African (BAFR)", with the person's own words after it when given."""
    if person.ethnicity_code is None:
        return NOT_ASKED
    label = f"{ETHNICITY_CODES[person.ethnicity_code]} ({person.ethnicity_code})"
    own = person.ethnicity_own_words
    return f"{label}: “{own}”" if own else label


def interpreter(person) -> str:
    if person.interpreter_needed != "yes":
        return YES_NO_NOT_KNOWN.get(person.interpreter_needed or "", NOT_ASKED)
    details = ", ".join(
        part
        for part in (
            person.interpreter_language,
            person.interpreter_dialect and f"{person.interpreter_dialect} dialect",
            INTERPRETER_GENDERS.get(person.interpreter_gender or "", "").lower(),
        )
        if part
    )
    return f"Yes: {details}" if details else "Yes"


def written_plan(person) -> str:
    formats = [PLAN_FORMATS[f] for f in person.plan_formats or [] if f in PLAN_FORMATS]
    if "other" in (person.plan_formats or []) and person.plan_format_other:
        formats[-1] = person.plan_format_other
    language = person.plan_language or ""
    parts = [language, *formats]
    return ", ".join(p for p in parts if p) or NOT_ASKED


def prompts_that_fit(person, today: date | None = None) -> list[str]:
    """The free-text prompts to ask this person (domain.identity.prompts_for): a child's by
    their age today."""
    if not isinstance(person, Child):
        return prompts_for(is_child=False)
    born = person.date_of_birth
    age = age_in_years(born, today or clock.today()) if born else None
    return prompts_for(is_child=True, unborn=person.unborn, age=age)


def prompt_counts(person, today: date | None = None) -> dict[str, int]:
    """How many identity prompts are answered, not known yet, or not recorded: of those that fit
    the person, and any other already answered. The ethnicity code counts as one, so the case
    page's card and its next steps agree."""
    counts = {"answered": 0, "not known yet": 0, "not asked": 0}
    counts["answered" if person.ethnicity_code else "not asked"] += 1
    not_known = set(person.identity_not_known or [])
    fitting = set(prompts_that_fit(person, today))
    for field, _question, _hint in IDENTITY_PROMPTS:
        state = answer_state(getattr(person, field), field in not_known)
        if field in fitting or state != "not asked":
            counts[state] += 1
    return counts


def answer(person, field: str) -> str:
    if field in (person.identity_not_known or []):
        return NOT_KNOWN
    return getattr(person, field) or NOT_ASKED


def summary_rows(person) -> list[dict]:
    """Rows for a GOV.UK summary list: the headline identity answers."""
    rows = [
        ("Ethnicity", ethnicity(person)),
        ("Religion or faith", answer(person, "religion")),
        ("First language", answer(person, "first_language")),
        ("Interpreter needed", interpreter(person)),
        ("Written plan", written_plan(person)),
    ]
    return [{"key": {"text": key}, "value": {"text": value}} for key, value in rows]


def init_app(app):
    app.add_template_global(summary_rows, "identity_summary_rows")
    app.add_template_global(prompt_counts, "identity_prompt_counts")
    app.add_template_global(answer, "identity_answer")
