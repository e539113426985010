"""Who a family can call (docs/domain.md section 11): the contacts every family document carries,
as an administrator sets them for the whole service and, where a team's differ, for a team.

Each setting has what the administrator reads (a label and a hint), what the family reads (a
fixed label, translated where it is printed: `N_` marks it for pybabel) and the check its value
must pass. A setting missing for a team and for the service is left out of the family's
documents, never printed blank, and the administrator is told.
"""

import re
from dataclasses import dataclass

from conference.domain.wording import and_list


def N_(message: str) -> str:
    """Marks a message for pybabel here; it is translated where it is printed."""
    return message


PHONE = "phone"  # the whole value is one phone number
HAS_PHONE = "has_phone"  # a number, with words around it (the hours it answers, say)
PHONE_OR_EMAIL = "phone_or_email"
WORDS = "words"

# What the family reads about the people who are theirs rather than the service's.
SOCIAL_WORKER = N_("Your social worker")
SOCIAL_WORKER_PHONE = N_("Your social worker’s phone")
SOCIAL_WORKER_EMAIL = N_("Your social worker’s email")
EMERGENCY = N_("In an emergency")
CALL_999 = N_("If a child is in immediate danger, call 999.")


@dataclass(frozen=True)
class ContactKey:
    key: str
    label: str  # for the administrator
    hint: str
    family_label: str  # fixed text the family reads before the value
    missing: str  # "Team X has {missing} and the service has none either"
    check: str
    max_length: int = 300


SETTINGS = (
    ContactKey(
        "team_phone",
        "Team phone number",
        "The number families ring in office hours, like 01632 960000",
        N_("Your social worker’s team"),
        "no phone number",
        PHONE,
        max_length=30,
    ),
    ContactKey(
        "out_of_hours",
        "Out-of-hours emergency duty team",
        "The number and when it answers, like 01632 960999, 5pm to 8:30am on weekdays and all "
        "day at weekends and on bank holidays",
        N_("Out of hours (emergency duty team)"),
        "no out-of-hours number",
        HAS_PHONE,
    ),
    ContactKey(
        "chair_contact",
        "Conference chairs (Child protection and reviewing)",
        "A phone number or an email address, like 01632 960300 or chairs@example.gov.uk",
        N_("The conference chair"),
        "no contact for the conference chairs",
        PHONE_OR_EMAIL,
    ),
    ContactKey(
        "advocacy",
        "Advocacy service",
        "Who can help a parent or child speak up at meetings, and how to reach them",
        N_("Someone to help you speak up (advocacy)"),
        "no advocacy service",
        WORDS,
    ),
    ContactKey(
        "interpreter",
        "How to ask for an interpreter",
        "What a family does to get an interpreter, free of charge",
        N_("If you need an interpreter"),
        "nothing on how to ask for an interpreter",
        WORDS,
    ),
    ContactKey(
        "complaints",
        "How to complain",
        "Where to send a complaint, like a phone number, an email address or a web address",
        N_("How to complain"),
        "nothing on how to complain",
        WORDS,
    ),
)
KEYS = {setting.key: setting for setting in SETTINGS}

_PHONE = re.compile(r"^\+?[\d\s()-]+$")
_PHONE_INSIDE = re.compile(r"\+?\(?\d[\d\s()-]{5,}\d")
_EMAIL_INSIDE = re.compile(r"[^\s@]+@[^\s@]+\.[^\s@]+")
# UK numbers have 10 or 11 digits (Childline's 0800 1111 has 8), +44 numbers 12; 15 is the
# international most.
FEWEST_DIGITS, MOST_DIGITS = 8, 15

PHONE_EXAMPLE = "like 01632 960000 or +44 1632 960000"


def is_phone_number(text: str) -> bool:
    """The whole of `text` is one phone number: digits, spaces, brackets, hyphens, a leading +."""
    text = text.strip()
    return bool(_PHONE.match(text)) and FEWEST_DIGITS <= _digits(text) <= MOST_DIGITS


def has_phone_number(text: str) -> bool:
    """`text` holds a phone number somewhere, with words around it."""
    return any(is_phone_number(found) for found in _PHONE_INSIDE.findall(text))


def has_email_address(text: str) -> bool:
    return bool(_EMAIL_INSIDE.search(text))


def problem(setting: ContactKey, value: str) -> str | None:
    """What is wrong with a value for `setting`, in the Design System's words; None when it is
    fine. A blank value is fine: it means "not set". (Its length is the form's to check.)"""
    value = value.strip()
    if not value:
        return None
    if setting.check == PHONE and not is_phone_number(value):
        return f"Enter a phone number, {PHONE_EXAMPLE}"
    if setting.check == HAS_PHONE and not has_phone_number(value):
        return f"Enter the phone number and when it answers, {PHONE_EXAMPLE}, 5pm to 8:30am"
    if setting.check == PHONE_OR_EMAIL and not (
        has_phone_number(value) or has_email_address(value)
    ):
        return f"Enter a phone number or an email address, {PHONE_EXAMPLE} or chairs@example.gov.uk"
    return None


def in_force(service: dict[str, str], team: dict[str, str]) -> dict[str, str]:
    """The settings a team's families get: the team's own, else the service's; a key set in
    neither is absent."""
    chosen = {key: team.get(key, "").strip() or service.get(key, "").strip() for key in KEYS}
    return {key: value for key, value in chosen.items() if value}


def missing(service: dict[str, str], team: dict[str, str]) -> list[ContactKey]:
    """The settings neither the team nor the service has: left out of the family's documents."""
    found = in_force(service, team)
    return [setting for setting in SETTINGS if setting.key not in found]


def gap_sentence(team: str | None, left_out: list[ContactKey]) -> str:
    """What the administrator is told: "Team X has no out-of-hours number and the service has
    none either: family documents will leave it out" (`team` None: the service itself)."""
    what = and_list([setting.missing for setting in left_out])
    it = "it" if len(left_out) == 1 else "them"
    if team is None:
        return f"The service has {what}: family documents will leave {it} out."
    joined = " and" if len(left_out) == 1 else ", and"  # never "X and Y and the service"
    return (
        f"{team} has {what}{joined} the service has none either: family documents will leave "
        f"{it} out."
    )


def _digits(text: str) -> int:
    return sum(character.isdigit() for character in text)
