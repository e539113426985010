"""Families' feedback after a meeting, as the managers' dashboard shows it (issue 20): how many
of the people offered a feedback form sent one back (the response rate), and how many said
"yes" to each question.

The rules, in one place:
- **Offered**: the feedback invitations made for the meetings held in a month (not those
  withdrawn before anyone answered), plus the paper forms that came back without an invitation.
  A month is the month of the meeting, not of the answer, so a month's rate is about its own
  meetings.
- **Received**: every form sent back, online and paper counted together, the split kept.
- **A question's result**: the share answering "yes", of those who answered it. "Partly" and
  "no" count against; a skipped question is not counted, nor are papers "not needed". For
  the advocate, "yes" is having had one, out of those who had one or wanted one: someone who
  did not want an advocate is not counted.
- A month (or team, pod or chair) with no forms shows "No forms", never 0%: nothing was
  measured, which is not the same as nobody being satisfied.
"""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from conference.domain import feedback as form
from conference.domain.feedback import HAD_ONE, NO, PARTLY, WANTED_ONE, YES

ONLINE, PAPER = "online", "paper"

NO_FORMS = "No forms"
NO_ANSWERS = "No answers"


@dataclass(frozen=True)
class Question:
    """One question of the feedback form: the stored field, its heading on the dashboard, the
    answer that counts as "yes", and the answers counted at all."""

    field: str
    heading: str
    counted: tuple[str, ...] = (YES,)
    asked: tuple[str, ...] = (YES, PARTLY, NO)


QUESTIONS = (
    Question("listened_to", "Felt listened to"),
    Question("understood_decisions", "Understood what was decided"),
    Question("understood_next_steps", "Understood what happens next"),
    Question("documents_in_time", "Had the papers in time"),
    Question("documents_readable", "Had the papers in a language they read"),
    Question(
        "advocate",
        "Had an advocate, of those who wanted one",
        counted=(HAD_ONE,),
        asked=(HAD_ONE, WANTED_ONE),
    ),
)
# Every answer the form stores for each question (the dashboard counts each in SQL).
ANSWERS = {question.field: question.codes for question in form.QUESTIONS}


def percent(part: int, whole: int) -> str:
    """ "75%", to the whole number, as the dashboard's other figures."""
    return f"{round(100 * part / whole)}%"


@dataclass(frozen=True)
class Share:
    """`part` of `whole`: "80%" and "12 of 15", or `empty` when there is nothing to count."""

    part: int
    whole: int
    empty: str = NO_FORMS

    @property
    def shown(self) -> str:
        return percent(self.part, self.whole) if self.whole else self.empty

    @property
    def counts(self) -> str:
        return f"{self.part} of {self.whole}" if self.whole else ""

    @property
    def value(self) -> float | None:
        return 100 * self.part / self.whole if self.whole else None


@dataclass
class Tally:
    """What came back for some meetings (a month, a team, a pod, a chair's): the forms offered,
    the forms received online and on paper, and how many gave each answer to each question."""

    offered: int = 0
    online: int = 0
    paper: int = 0
    answers: dict[str, Counter] = field(default_factory=lambda: {q: Counter() for q in ANSWERS})

    @property
    def received(self) -> int:
        return self.online + self.paper

    def add_offered(self, n: int) -> None:
        self.offered += n

    def add_forms(self, source: str, n: int, answers: dict[str, dict[str, int]]) -> None:
        """`n` forms from `source`, with how many gave each answer: {question: {answer: n}}.
        A paper form that came without an invitation is offered as it arrives."""
        if source == PAPER:
            self.paper += n
            self.offered += n
        else:
            self.online += n
        for question, given in answers.items():
            self.answers[question].update(given)

    @property
    def response_rate(self) -> Share:
        """Forms received of the forms offered. A month with none offered shows "No forms"; a
        month with forms offered and none back is 0%: people were asked, and did not answer."""
        return Share(self.received, self.offered)

    def result(self, question: Question) -> Share:
        """The share answering "yes" of those who answered the question: "No forms" with no
        forms back, "No answers" when every form skipped it (or said it did not apply)."""
        given = self.answers[question.field]
        part = sum(given[answer] for answer in question.counted)
        whole = sum(given[answer] for answer in question.asked)
        return Share(part, whole, NO_ANSWERS if self.received else NO_FORMS)

    @property
    def results(self) -> list[tuple[Question, Share]]:
        return [(question, self.result(question)) for question in QUESTIONS]

    @property
    def split(self) -> str:
        """ "7 online, 3 on paper"."""
        return f"{self.online} online, {self.paper} on paper"


def combined(tallies: Iterable[Tally]) -> Tally:
    """The tallies added together: a range's from its months, a team's from its pods."""
    total = Tally()
    for tally in tallies:
        total.offered += tally.offered
        total.online += tally.online
        total.paper += tally.paper
        for question, given in tally.answers.items():
            total.answers[question].update(given)
    return total
