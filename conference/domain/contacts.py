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
# When the social worker has no phone of their own, their team's number is the daytime number.
CALL_THE_TEAM = N_("Call their team, %(team)s, on %(phone)s.")
EMERGENCY = N_("In an emergency")
CALL_999 = N_("If a child is in immediate danger, call 999.")

# "What you can do if you disagree", a sentence a message, so it names only the people the
# family's "Who to contact" gives them (disagree_sentences).
DISAGREE_TELL = N_("If you disagree with the plan, tell your social worker first.")
DISAGREE_TELL_OR_CHAIR = N_(
    "If you disagree with the plan, tell your social worker or the conference chair first."
)
DISAGREE_ADVOCATE = N_("You can ask for an advocate to help you.")
DISAGREE_LEAFLET = N_(
    "If you are still unhappy, you can complain to the council: ask your social worker for the "
    "complaints leaflet."
)
DISAGREE_SEE_BELOW = N_(
    "If you are still unhappy, you can complain to the council: see “How to complain” below."
)
DISAGREE_NO_DIFFERENCE = N_("Complaining will not change the help your family gets.")


@dataclass(frozen=True)
class ContactKey:
    key: str
    label: str  # for the administrator
    hint: str
    family_label: str  # fixed text the family reads before the value
    missing: str  # "Team X has {missing} and the service has none either"
    check: str
    invalid: str = ""  # the error when the value fails `check`: it names the setting
    max_length: int = 300


SETTINGS = (
    ContactKey(
        "team_phone",
        "Team phone number",
        "The number families ring in office hours, like 01632 960000",
        N_("Your social worker’s team"),
        "no phone number",
        PHONE,
        "Enter the team’s phone number, like 01632 960000 or +44 1632 960000",
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
        "Enter the out-of-hours team’s phone number and when it answers, like 01632 960999, "
        "5pm to 8:30am",
    ),
    ContactKey(
        "chair_contact",
        "Conference chairs (Child protection and reviewing)",
        "A phone number or an email address, like 01632 960300 or chairs@example.gov.uk",
        N_("The conference chair"),
        "no contact for the conference chairs",
        PHONE_OR_EMAIL,
        "Enter a phone number or an email address for the conference chairs, like 01632 960300 "
        "or chairs@example.gov.uk",
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
    """What is wrong with a value for `setting`, in the Design System's words and naming the
    setting; None when it is fine. A blank value is fine: it means "not set". (Its length is
    the form's to check.)"""
    value = value.strip()
    if not value:
        return None
    fits = {
        PHONE: is_phone_number,
        HAS_PHONE: has_phone_number,
        PHONE_OR_EMAIL: lambda text: has_phone_number(text) or has_email_address(text),
    }.get(setting.check)
    return setting.invalid if fits is not None and not fits(value) else None


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


def disagree_sentences(printed: set[str]) -> list[str]:
    """The sentences of "What you can do if you disagree", consistent with the contacts printed
    below it (their keys, `printed`): the chair and an advocate only when the family is given
    their contact; how to complain from the "complaints" setting when set, else the leaflet."""
    return [
        DISAGREE_TELL_OR_CHAIR if "chair_contact" in printed else DISAGREE_TELL,
        *([DISAGREE_ADVOCATE] if "advocacy" in printed else []),
        DISAGREE_SEE_BELOW if "complaints" in printed else DISAGREE_LEAFLET,
        DISAGREE_NO_DIFFERENCE,
    ]


def worker_gap_sentence(name: str, teams_without_number: list[str]) -> str:
    """What the administrator is told about someone named as a family's social worker with no
    phone number of their own: the family's documents give the team's number as the daytime
    number instead, or no daytime number where the team (and the service) has none either."""
    if not teams_without_number:
        return f"{name} has no phone number: families on their cases get the team’s number instead."
    has = "has" if len(teams_without_number) == 1 else "have"
    return (
        f"{name} has no phone number and {and_list(teams_without_number)} {has} none either: "
        "families on their cases get no daytime number."
    )


def _digits(text: str) -> int:
    return sum(character.isdigit() for character in text)
