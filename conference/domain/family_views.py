"""The questions of the views before a meeting (issue 20), for each version an invitation asks
(`Invitation.version`): a young person, a younger child with a trusted adult helping, a parent.

Each version is a short run of pages of one or two questions. Each question names the
`FamilyViews` column its answer is kept in; a younger child's pictures are kept by house in
`pictures` ({"worries": [...], "good_things": [...], "hopes": [...]}). Every text is English and
marked with `N_` for the family pages' catalogues: it is translated where it is shown.

What a child asks us not to share with their parents is named per answer (`not_shared`, the
column's name). For a younger child, keeping a house back keeps both its pictures and the words.

The child's own score is on the safe-at-10 scale (`scaling.SAFE_AT_10`): 0 means things are
really bad, 10 that they are really good. The conference's own question is worded for adults
and set by each area, so a child is asked a plainer one.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from conference.domain.scaling import HIGHEST_SCORE, LOWEST_SCORE, SAFE_AT_10

PARENT, YOUNG_PERSON, YOUNGER_CHILD = "parent", "young_person", "younger_child"
SCORE_POLARITY = SAFE_AT_10
TEXT_CEILING = 5_000  # as any text box of the service (common/forms.py)
LINE_CEILING = 100

# What a question asks for: a text box, a line, one choice, a 0-10 score, pictures.
TEXT, LINE, CHOICE, SCORE, PICTURES = "text", "line", "choice", "score", "pictures"
HOUSES = ("worries", "good_things", "hopes")


def N_(message: str) -> str:
    """Marks a message for pybabel where it is defined; it is translated where it is shown."""
    return message


@dataclass(frozen=True)
class Choice:
    code: str
    label: str


@dataclass(frozen=True)
class Question:
    """One question: the column it fills, what it asks and, when it must be answered, the
    message given when it is not. `house` is the house a picture question is about."""

    field: str
    kind: str
    label: str
    hint: str = ""
    choices: tuple[Choice, ...] = ()
    missing: str = ""
    house: str = ""
    # Whether the child may ask for this answer not to be shared with their parents.
    keepable: bool = False

    @property
    def name(self) -> str:
        """The name of its box in the page's form."""
        return f"pictures-{self.house}" if self.kind == PICTURES else self.field

    @property
    def key(self) -> str:
        """The answer's name in `not_shared`: the house, for a house's pictures."""
        return self.house or self.field

    @property
    def required(self) -> bool:
        return bool(self.missing)


@dataclass(frozen=True)
class Page:
    slug: str
    heading: str
    questions: tuple[Question, ...]
    intro: str = ""

    @property
    def kept(self) -> tuple[Question, ...]:
        """The questions whose answers the child may keep from their parents."""
        return tuple(q for q in self.questions if q.keepable)

    def ticks(self) -> dict[str, str]:
        """Where each "do not share" box goes: after the last question of the answer it keeps
        back (a house's pictures and words are one answer), by question name -> answer key."""
        last = {question.key: question.name for question in self.kept}
        return {name: key for key, name in last.items()}


# Messages for answers that cannot be kept.
TOO_LONG = N_("Your answer must be 5,000 characters or fewer")
NAME_TOO_LONG = N_("Your name must be 100 characters or fewer")
NOT_A_PICTURE = N_("Select pictures from the list")
SELECT_SCORE = N_("Select a number from 0 to 10")

# The pictures a younger child chooses from: a simple drawing and a word each. Each house offers
# its own (below); a code stays valid, and named, for as long as answers may hold it.
PICTURE_CHOICES = (
    Choice("family", N_("Family")),
    Choice("friends", N_("Friends")),
    Choice("school", N_("School")),
    Choice("home", N_("Home")),
    Choice("playing", N_("Playing")),
    Choice("pets", N_("Pets")),
    Choice("food", N_("Food")),
    Choice("sleep", N_("Sleep")),
    Choice("shouting", N_("Shouting")),
    Choice("alone", N_("Being alone")),
    Choice("sad", N_("Feeling sad")),
    Choice("safe", N_("Feeling safe")),
)
PICTURE_CODES = frozenset(choice.code for choice in PICTURE_CHOICES)


def _picked(*codes: str) -> tuple[Choice, ...]:
    by_code = {choice.code: choice for choice in PICTURE_CHOICES}
    return tuple(by_code[code] for code in codes)


# What each house offers: nothing frightening among the good things and the wishes, nothing
# comforting among the worries. Home, school, family, friends, food and sleep can be a worry
# too (no food in the house, not sleeping); the hopes are the good things a child wants more of.
HOUSE_PICTURES = {
    "worries": _picked(
        "shouting", "alone", "sad", "family", "home", "school", "friends", "food", "sleep"
    ),
    "good_things": _picked(
        "family", "friends", "school", "home", "playing", "pets", "food", "sleep", "safe"
    ),
    "hopes": _picked(
        "safe", "family", "home", "friends", "school", "playing", "pets", "food", "sleep"
    ),
}
# The faces shown by the scores, and the words beside them.
FACES = {0: N_("Really bad"), 5: N_("In the middle"), 10: N_("Really good")}

ATTENDING_CHOICES = (
    Choice("all", N_("Yes, for all of it")),
    Choice("part", N_("Yes, for part of it")),
    Choice("someone_speaks", N_("No, I want someone to speak for me")),
    Choice("views_only", N_("No, I only want to send my views")),
    Choice("not_sure", N_("I am not sure")),
)
ADVOCATE_CHOICES = (
    Choice("yes", N_("Yes")),
    Choice("no", N_("No")),
    Choice("has_one", N_("I have one already")),
    Choice("not_sure", N_("I am not sure")),
)
REPORT_CHOICES = (
    Choice("yes", N_("Yes")),
    Choice("partly", N_("Partly")),
    Choice("no", N_("No")),
    Choice("not_seen", N_("I have not seen it")),
)
SCORE_CHOICES = tuple(
    Choice(str(number), str(number)) for number in range(LOWEST_SCORE, HIGHEST_SCORE + 1)
)


def _text(field_name: str, label: str, hint: str = "", keepable: bool = False) -> Question:
    return Question(field_name, TEXT, label, hint, keepable=keepable)


def _pictures(house: str, label: str) -> Question:
    hint = N_("Read this to the child. Choose all the pictures they pick.")
    choices = HOUSE_PICTURES[house]
    return Question("pictures", PICTURES, label, hint, choices, house=house, keepable=True)


def _child_words(house: str) -> Question:
    label = N_("Anything else the child said, in their words (optional)")
    return Question(house, TEXT, label, keepable=True)


SCORE_REASON = _text(
    "score_reason", N_("Why did you choose that number? (optional)"), keepable=True
)

YOUNG_PERSON_PAGES = (
    Page(
        "worries",
        N_("Your House of worries"),
        (
            _text(
                "worries",
                N_("What worries you?"),
                N_("Write about anything that worries you or makes you unhappy."),
                keepable=True,
            ),
        ),
        intro=N_("Write in your own words. You can leave a box empty."),
    ),
    Page(
        "good-things",
        N_("Your House of good things"),
        (
            _text(
                "good_things",
                N_("What is good in your life?"),
                N_("Write about the people and things that make you happy or help you."),
                keepable=True,
            ),
        ),
    ),
    Page(
        "dreams",
        N_("Your House of dreams"),
        (
            _text(
                "hopes",
                N_("What are your hopes and dreams?"),
                N_("Write about how you would like things to be."),
                keepable=True,
            ),
        ),
    ),
    Page(
        "score",
        N_("Your score"),
        (
            Question(
                "score",
                SCORE,
                N_("What number would you give things at home now?"),
                N_("0 means things are really bad. 10 means things are really good."),
                SCORE_CHOICES,
                missing=SELECT_SCORE,
            ),
            SCORE_REASON,
        ),
    ),
    Page(
        "wishes",
        N_("What you want to happen"),
        (
            _text(
                "wishes",
                N_("What do you want to happen?"),
                N_("Tell the meeting what you would like to change, or to stay the same."),
                keepable=True,
            ),
        ),
    ),
    Page(
        "meeting",
        N_("The meeting"),
        (
            Question(
                "attending",
                CHOICE,
                N_("Do you want to come to the meeting?"),
                N_("You can come for some of it and leave when you want."),
                ATTENDING_CHOICES,
                missing=N_("Select if you want to come to the meeting"),
            ),
        ),
    ),
    Page(
        "advocate",
        N_("An advocate"),
        (
            Question(
                "advocate",
                CHOICE,
                N_("Do you want an advocate?"),
                N_(
                    "An advocate is a person who is on your side. They help you say what you "
                    "think. They make sure the meeting listens to you. They do not work for your "
                    "social worker."
                ),
                ADVOCATE_CHOICES,
                missing=N_("Select if you want an advocate"),
            ),
        ),
    ),
)

YOUNGER_CHILD_PAGES = (
    Page(
        "helper",
        N_("Who is helping"),
        (
            Question(
                "helper",
                LINE,
                N_("Your name"),
                N_(
                    "You are the adult helping the child to answer. "
                    "The meeting will know who helped."
                ),
                missing=N_("Enter your name"),
            ),
        ),
    ),
    Page(
        "worries",
        N_("House of worries"),
        (_pictures("worries", N_("What worries you?")), _child_words("worries")),
    ),
    Page(
        "good-things",
        N_("House of good things"),
        (_pictures("good_things", N_("What is good?")), _child_words("good_things")),
    ),
    Page(
        "dreams",
        N_("House of dreams"),
        (_pictures("hopes", N_("What do you wish for?")), _child_words("hopes")),
    ),
    Page(
        "score",
        N_("How things are"),
        (
            Question(
                "score",
                SCORE,
                N_("How are things at home? Choose a number."),
                N_("0 means things are really bad. 10 means things are really good."),
                SCORE_CHOICES,
                missing=SELECT_SCORE,
            ),
            SCORE_REASON,
        ),
    ),
)

PARENT_PAGES = (
    Page(
        "working-well",
        N_("What is working well"),
        (
            _text(
                "good_things",
                N_("What is working well for your family?"),
                N_("For example, what helps, who helps, and what has got better."),
            ),
        ),
        intro=N_("Write in your own words. You can leave a box empty."),
    ),
    Page(
        "worries",
        N_("What worries you"),
        (
            _text(
                "worries",
                N_("What are you worried about?"),
                N_("Tell us what worries you about your children or your family."),
            ),
        ),
    ),
    Page(
        "needs",
        N_("What needs to happen"),
        (
            _text(
                "wishes",
                N_("What do you think needs to happen?"),
                N_("What would help your family, and who could help?"),
            ),
        ),
    ),
    Page(
        "report",
        N_("The social worker’s report"),
        (
            Question(
                "agrees_with_report",
                CHOICE,
                N_("If you have seen the social worker’s report, do you agree with it?"),
                # Optional: the report may not be shared with the parent before they answer.
                N_("If you have not seen the report yet, you can leave this out."),
                choices=REPORT_CHOICES,
            ),
            _text("report_comment", N_("Tell us why (optional)")),
        ),
    ),
    Page(
        "anything-else",
        N_("Anything else"),
        (_text("anything_else", N_("Is there anything else the meeting must know? (optional)")),),
    ),
)

VERSIONS = {
    YOUNG_PERSON: YOUNG_PERSON_PAGES,
    YOUNGER_CHILD: YOUNGER_CHILD_PAGES,
    PARENT: PARENT_PAGES,
}


def pages_of(version: str) -> tuple[Page, ...]:
    return VERSIONS[version]


def page_of(version: str, slug: str) -> Page | None:
    return next((page for page in pages_of(version) if page.slug == slug), None)


def page_after(version: str, page: Page) -> Page | None:
    pages = pages_of(version)
    index = pages.index(page)
    return pages[index + 1] if index + 1 < len(pages) else None


def asked(version: str) -> frozenset[str]:
    """The columns the version's questions fill: what staff may read an answer to."""
    return frozenset(question.field for page in pages_of(version) for question in page.questions)


def keeps_from_parents(version: str) -> bool:
    """Whether the version asks which answers not to share with the parents: a child's."""
    return version != PARENT


def label_of(choices: Sequence[Choice], code: object) -> str:
    return next((choice.label for choice in choices if choice.code == str(code)), "")


# Reading a page's answers


@dataclass
class Reading:
    """A page's answers as typed, ready to keep (`answers`: column -> value; `pictures`: house
    -> codes; `kept`: the answers ticked not to be shared), or what is wrong (`errors`: the
    box's name -> message)."""

    answers: dict = field(default_factory=dict)
    pictures: dict = field(default_factory=dict)
    kept: set = field(default_factory=set)
    errors: dict = field(default_factory=dict)


def read(page: Page, typed: Mapping[str, Sequence[str]]) -> Reading:
    """The page's answers from the boxes as sent (each box's values, as a browser sends them).
    A tick to keep back an answer left empty means nothing, and is dropped."""
    reading = Reading()
    for question in page.questions:
        values = [str(value) for value in typed.get(question.name, ())]
        _read_one(question, values, reading)
    ticked = {str(value) for value in typed.get("not_shared", ())}
    for question in page.kept:
        if question.key in ticked and _has_answer(question, reading):
            reading.kept.add(question.key)
    return reading


def _read_one(question: Question, values: list[str], reading: Reading) -> None:
    if question.kind == PICTURES:
        chosen = list(dict.fromkeys(values))
        offered = {choice.code for choice in question.choices}
        if not set(chosen) <= offered:
            reading.errors[question.name] = NOT_A_PICTURE
        reading.pictures[question.house] = [code for code in chosen if code in offered]
        return
    value = values[0].replace("\r\n", "\n").strip() if values else ""
    error, kept = _check(question, value)
    if error:
        reading.errors[question.name] = error
    reading.answers[question.field] = kept


def _check(question: Question, value: str) -> tuple[str, object]:
    """The message for a wrong answer (or ""), and the value to keep: what was typed, shown
    again when it is wrong."""
    if question.kind in (CHOICE, SCORE):
        if not value:
            return question.missing, None
        if value not in {choice.code for choice in question.choices}:
            return question.missing or SELECT_SCORE, None
        return "", int(value) if question.kind == SCORE else value
    if question.kind == LINE and len(value) > LINE_CEILING:
        return NAME_TOO_LONG, value
    if len(value) > TEXT_CEILING:
        return TOO_LONG, value
    if not value and question.missing:
        return question.missing, value
    return "", value


def _has_answer(question: Question, reading: Reading) -> bool:
    words = reading.answers.get(question.key)
    return bool(words) or bool(reading.pictures.get(question.house))


# Where the person is


def answered(question: Question, saved: Mapping) -> bool:
    if question.kind == PICTURES:
        return bool(saved.get("pictures", {}).get(question.house))
    value = saved.get(question.field)
    return value is not None and value != ""


def complete(page: Page, saved: Mapping) -> bool:
    """Whether a page needs no more answers. A page of questions that may all be left empty
    counts as done once one of them is answered: nothing else shows it was seen, so coming
    back shows it again, which does no harm."""
    required = [question for question in page.questions if question.required]
    if required:
        return all(answered(question, saved) for question in required)
    return any(answered(question, saved) for question in page.questions)


def resume_at(version: str, saved: Mapping) -> Page | None:
    """The first page still to answer, or None when every page is done."""
    return next((page for page in pages_of(version) if not complete(page, saved)), None)


def missing_before_sending(version: str, saved: Mapping) -> Page | None:
    """The first page with a question that must be answered before the views are sent."""
    for page in pages_of(version):
        if any(q.required and not answered(q, saved) for q in page.questions):
            return page
    return None
