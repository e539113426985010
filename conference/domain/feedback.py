"""Families' feedback after a meeting (issue 20): the questions, the answers each may take, and
the codes stored for them in `FamilyFeedback` (conference/models/family_voice.py).

The codes are what the dashboard counts, so they are few and never change:
- the five yes/no questions (`listened_to`, `understood_decisions`, `understood_next_steps`,
  `documents_in_time`, `documents_readable`): "yes", "partly", "no"; the two about the papers
  also "not_needed" (the person needed no papers, or none in another language);
- `advocate`: "had_one", "wanted_one" (wanted one and did not have one), "did_not_want";
- every answer None when it was skipped (a paper form left blank there);
- `would_have_helped`: free text, "" when nothing was written.

The family reads the questions in their language: each text is marked with `N_` (extracted by
pybabel, babel.cfg) and translated where the page shows it. Staff pages use the short labels."""

from dataclasses import dataclass
from datetime import date

from conference.domain.children import age_in_years


def N_(message: str) -> str:
    """Marks a message for pybabel where it is defined; it is translated where it is shown."""
    return message


YES, PARTLY, NO, NOT_NEEDED = "yes", "partly", "no", "not_needed"
HAD_ONE, WANTED_ONE, DID_NOT_WANT = "had_one", "wanted_one", "did_not_want"
# How long a feedback code works, from the day it is made, unless the worker says otherwise.
DEFAULT_DAYS = 28
# The most a person may write in "what would have helped" (about 300 words).
LONGEST_COMMENT = 2_000
# The youngest age asked for feedback online, alone with the adults' form: a younger child is
# asked with their trusted adult, and staff type it in as a paper form.
ONLINE_FROM_AGE = 12


@dataclass(frozen=True)
class Question:
    """One question: the column it is stored in, its words for the family, a hint, the answers
    offered (code, words), a short label for staff pages, and what the family is told when
    they leave it unanswered (it names the question: the error summary lists them all)."""

    field: str
    text: str
    hint: str
    answers: tuple[tuple[str, str], ...]
    staff_label: str
    unanswered: str

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(code for code, _words in self.answers)

    def words_for(self, code: str | None) -> str:
        """The answer's words (in English, for staff), or "" for a skipped answer."""
        return dict(self.answers).get(code or "", "")


_YES_PARTLY_NO = ((YES, N_("Yes")), (PARTLY, N_("Partly")), (NO, N_("No")))

QUESTIONS = (
    Question(
        "listened_to",
        N_("Did you feel listened to at the meeting?"),
        "",
        _YES_PARTLY_NO,
        "Felt listened to",
        N_("Select whether you felt listened to"),
    ),
    Question(
        "understood_decisions",
        N_("Did you understand what the meeting decided?"),
        "",
        _YES_PARTLY_NO,
        "Understood what was decided",
        N_("Select whether you understood what the meeting decided"),
    ),
    Question(
        "understood_next_steps",
        N_("Do you know what happens next?"),
        "",
        _YES_PARTLY_NO,
        "Understood what happens next",
        N_("Select whether you know what happens next"),
    ),
    Question(
        "documents_in_time",
        N_("Did you get the papers in time to read them before the meeting?"),
        N_("The papers are the reports and letters about the meeting."),
        (*_YES_PARTLY_NO, (NOT_NEEDED, N_("I did not need them"))),
        "Had the papers in time",
        N_("Select whether you got the papers in time"),
    ),
    Question(
        "documents_readable",
        N_("Were the papers in a language you can read?"),
        "",
        (*_YES_PARTLY_NO, (NOT_NEEDED, N_("I did not need them"))),
        "Had the papers in a language they read",
        N_("Select whether the papers were in a language you can read"),
    ),
    Question(
        "advocate",
        N_("Did you have an advocate?"),
        N_("An advocate is someone who helps you say what you think."),
        (
            (HAD_ONE, N_("Yes, I had one")),
            (WANTED_ONE, N_("No, but I wanted one")),
            (DID_NOT_WANT, N_("No, I did not want one")),
        ),
        "Advocate",
        N_("Select whether you had an advocate"),
    ),
)
COMMENT_QUESTION = N_("What would have helped you?")
COMMENT_LABEL = "What would have helped"


def question(field: str) -> Question:
    return next(each for each in QUESTIONS if each.field == field)


def known_answer(field: str, code: str | None) -> bool:
    """Whether `code` is an answer `field` may store (None, a skipped answer, always is)."""
    return code is None or code in question(field).codes


def empty(answers: dict[str, str | None], comment: str) -> bool:
    """A form with no answer and nothing written: nothing to store."""
    return not comment.strip() and all(answers.get(each.field) is None for each in QUESTIONS)


def asked_online(date_of_birth: date | None, today: date) -> bool:
    """Whether a child is offered the feedback form online: aged ONLINE_FROM_AGE or over (the
    form is the adults'). An unborn child is never asked."""
    return date_of_birth is not None and age_in_years(date_of_birth, today) >= ONLINE_FROM_AGE
