"""What the pages about a child or adult show: rows for GOV.UK summary lists, and, when a save is
refused because someone else saved first, where their answers and this user's differ."""

from datetime import date

from markupsafe import Markup

from conference.common import identity
from conference.common.forms import conflict_rows
from conference.domain.children import DISABILITY_CODES, SEX_CODES, describe_age
from conference.domain.cin_codes import UPN_UNKNOWN_REASONS
from conference.domain.identity import ETHNICITY_CODES, IDENTITY_PROMPTS
from conference.domain.wording import count, long_date
from conference.people.forms import ADULT_LABELS, CHILD_LABELS, IDENTITY_LABELS, IDENTITY_SECTIONS

QUESTIONS = {field: question for field, question, _hint in IDENTITY_PROMPTS}
NOT_RECORDED = identity.NOT_ASKED


def child_rows(child, today: date, change_url: str | None) -> list[dict]:
    """The child's details; each row links to its question when `change_url` is given."""
    if child.unborn:
        born = ("Date of birth", describe_age(None, child.expected_date_of_birth, today))
    else:
        age = describe_age(child.date_of_birth, None, today)
        born = ("Date of birth", f"{long_date(child.date_of_birth)} ({age})")
    rows = [
        ("given_name", "Name", child.name),
        ("born", *born),
        ("sex", "Sex", SEX_CODES.get(child.sex, child.sex)),
        ("gender_identity", "Gender identity", child.gender_identity),
        ("local_child_id", "Local child ID", child.local_child_id),
        ("disabilities", "Disabilities", disabilities(child.disabilities)),
        ("school", "School or setting", child.school),
        ("gp", "GP", child.gp),
        ("upn", "Unique pupil number", child.upn),
        (
            "upn_unknown_reason",
            "Reason the child has no UPN",
            UPN_UNKNOWN_REASONS.get(child.upn_unknown_reason or "", ""),
        ),
        ("previous_plans_elsewhere", "Plans before these records", _count(child)),
        (
            "emergency_protection_on",
            "Latest emergency protection",
            long_date(child.emergency_protection_on),
        ),
    ]
    return [_row(label, value, _anchor(change_url, field)) for field, label, value in rows]


def disabilities(codes: list[str] | None) -> str:
    """The child's disabilities in words; no codes at all means they are not known yet."""
    return ", ".join(DISABILITY_CODES.get(code, code) for code in codes or []) or identity.NOT_KNOWN


def _count(child) -> str:
    plans = child.previous_plans_elsewhere or 0
    return count(plans, "plan")


def identity_sections(person, change_url: str | None) -> list[tuple[str, list[dict]]]:
    """Every identity answer under the headings of the identity form. "Not known yet" and
    "Not recorded" are shown as they are: they are what the conference still has to find out."""
    sections = []
    for heading, fields in IDENTITY_SECTIONS:
        rows = []
        for field in fields:
            shown = _identity_answer(person, field)
            if shown is not None:
                rows.append(_row(*shown, _anchor(change_url, field)))
        sections.append((heading, rows))
    return sections


def _identity_answer(person, field: str) -> tuple[str, str] | None:
    if field == "ethnicity_code":
        code = person.ethnicity_code
        return "Ethnicity (statutory code)", code and f"{ETHNICITY_CODES[code]} ({code})"
    if field in QUESTIONS:
        return QUESTIONS[field], identity.answer(person, field)
    if field == "interpreter_needed":
        return "Interpreter needed", identity.interpreter(person)
    if field == "plan_language":
        return "Written plan", identity.written_plan(person)
    return None  # shown with the question before it


def _anchor(url: str | None, field: str) -> str | None:
    """A link to one question on the form at `url`."""
    return f"{url}#{field}" if url else None


def _row(label: str, value: str | None, change_url: str | None) -> dict:
    row = {"key": {"text": label}, "value": {"html": _lines(value or NOT_RECORDED)}}
    if change_url:
        row["actions"] = {
            "items": [
                {"href": change_url, "text": "Change", "visuallyHiddenText": _in_sentence(label)}
            ]
        }
    return row


def _in_sentence(label: str) -> str:
    """ "Local child ID" → "local child ID", for "Change local child ID"; "GP" stays."""
    return label if label[:2].isupper() else label[0].lower() + label[1:]


def _lines(text: str) -> Markup:
    return Markup("<br>").join(text.splitlines())


def show(value) -> str:
    """A stored or typed value as the conflict table shows it."""
    if isinstance(value, date):
        return long_date(value)
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    if isinstance(value, bool):
        return "Yes" if value else "No"
    return "" if value is None else str(value)


def child_conflicts(form, child) -> list[dict]:
    """Where the child's saved details and this user's typed ones differ. Disabilities are
    compared as they are saved: "Not known yet" ticked is saved as no codes."""
    label, typed = CHILD_LABELS["disabilities"], form.disability_codes()
    return [
        {**row, "saved": disabilities(child.disabilities), "yours": disabilities(typed)}
        if row["label"] == label
        else row
        for row in conflict_rows(form, child, CHILD_LABELS, show)
        if row["label"] != label or typed != list(child.disabilities or [])
    ]


def adult_conflicts(form, adult) -> list[dict]:
    """Where the adult's saved details and relationships and this user's typed ones differ."""
    rows = conflict_rows(form, adult, ADULT_LABELS, show)
    typed_household = {"yes": True, "no": False}.get(form.in_household.data)
    if typed_household != adult.in_household:
        rows.append(
            {
                "label": "Lives in the children’s household",
                "saved": show(adult.in_household),
                "yours": show(typed_household),
            }
        )
    saved = {
        r.child_id: (r.relationship_to_child, r.parental_responsibility)
        for r in adult.relationships
    }
    for child, relationship, pr in form.relationship_fields():
        typed = (relationship.data or "", {"yes": True, "no": False}.get(pr.data))
        stored = saved.get(child.id, ("", None))
        if typed != stored:
            rows.append(
                {
                    "label": f"Relationship to {child.name}",
                    "saved": _relationship(*stored),
                    "yours": _relationship(*typed),
                }
            )
    return rows


def identity_conflicts(form, person) -> list[dict]:
    """Where the saved identity answers and this user's typed ones differ."""
    rows = conflict_rows(form, person, IDENTITY_LABELS, show)
    saved = [QUESTIONS[field] for field in person.identity_not_known or [] if field in QUESTIONS]
    typed = [QUESTIONS[field] for field in form.answers()["identity_not_known"]]
    if saved != typed:
        rows.append({"label": "Not known yet", "saved": show(saved), "yours": show(typed)})
    return rows


def _relationship(relationship: str, parental_responsibility: bool | None) -> str:
    if parental_responsibility is None:
        return relationship
    pr = "parental responsibility" if parental_responsibility else "no parental responsibility"
    return f"{relationship}, {pr}"
