"""What becomes of a family's views before a meeting once staff accept them (issue 20).

Views never go straight into the record: the case's social worker or the conference's chair
reads them and accepts them, or leaves them out with a reason. Accepting adds to the record and
never overwrites it:

- a child's (a young person's or a younger child's) three houses and what they want to happen
  are added to their voice at the conference, each piece marked "From Amara's views before the
  conference: …", with a younger child's chosen pictures written as words;
- what the child asked us not to share with their parents is kept from every family copy and
  the live screen, with the reason "Amara asked us not to share this with their parents";
- what the family documents print of a child is their own words only, so the houses they
  shared and their own score are also added there, as one paragraph after what they want to
  happen ("Good things: … Hopes: … Amara's own score before the meeting: 7 out of 10 (…)"); a
  house or a reason they kept back never goes there;
- the child's own score stays data on their views, listed beside the conference's scaling for
  staff, and is never one of the conference's scores: it answers a differently worded question,
  before the meeting. At a core group meeting it becomes their score at the meeting, with the
  role "Child (views before the meeting)";
- a parent's answers go onto the map, each under the heading the person accepting chooses (or
  nowhere), raised by the parent; what they think of the report goes to the parents' comments
  on the review report when the conference is a review, or else onto the map.
"""

from dataclasses import dataclass

from conference.domain import family_views as questions

# FamilyViews.outcome (conference/models/family_voice.py).
WAITING, ACCEPTED, NOT_USED = "waiting", "accepted", "not_used"
PARENT, YOUNG_PERSON, YOUNGER_CHILD = "parent", "young_person", "younger_child"
CHILD_VERSIONS = (YOUNG_PERSON, YOUNGER_CHILD)
HOUSES = questions.HOUSES

# A child's answers and the part of their voice each is added to (ChildVoice's fields).
CHILD_VOICE_FIELDS = (
    ("worries", "house_of_worries"),
    ("good_things", "house_of_good_things"),
    ("hopes", "house_of_dreams"),
    ("wishes", "own_words"),
)
# How staff pages name each answer, by version.
CHILD_QUESTIONS = {
    "worries": "House of worries",
    "good_things": "House of good things",
    "hopes": "House of dreams",
    "wishes": "What they want to happen",
    "score": "Their own score (0 to 10)",
    "score_reason": "Why they gave that score",
    "attending": "Coming to the meeting",
    "advocate": "Wanting an advocate",
}
PARENT_QUESTIONS = {
    "good_things": "What is working well",
    "worries": "What worries them",
    "wishes": "What they think needs to happen",
    "anything_else": "Anything else the meeting must know",
    "report": "What they think of the report",
}
PARENT_ANSWERS = ("good_things", "worries", "wishes", "anything_else", "report")
# Where a parent's answer may go besides a heading of the map.
DO_NOT_ADD = "none"
PARENTS_COMMENTS = "parents_comments"
# A parent's answer about the report, as staff read it (the family's page says "I have…").
AGREES = {"yes": "Yes", "partly": "Partly", "no": "No", "not_seen": "They have not seen it"}

SCORE_ROLE = "Child (views before the meeting)"
# What 0 and 10 meant to the child (conference/domain/family_views.py): a child is asked a
# plainer question than the area's, always with 10 the good end, and a score keeps the question
# and polarity it was given under, so that it keeps its meaning beside the adults' scores.
ZERO_MEANS, TEN_MEANS = "Things are really bad", "Things are really good"
PICTURE_WORDS = {choice.code: choice.label for choice in questions.PICTURE_CHOICES}
MAP_SOURCE = "views"  # MapItem.source: "views:<views id>:<answer>"


def meeting_word(is_conference: bool) -> str:
    return "conference" if is_conference else "meeting"


def from_views(name: str, is_conference: bool, helper: str = "") -> str:
    """How an accepted piece is marked in the record: "From Amara's views before the
    conference", with the trusted adult who helped a younger child."""
    helped = f" (with {helper.strip()} helping)" if helper.strip() else ""
    return f"From {name}’s views before the {meeting_word(is_conference)}{helped}"


def appended(existing: str, piece: str) -> str:
    """`piece` added after what is there, a blank line between: never overwriting."""
    if not piece:
        return existing
    return f"{existing.rstrip()}\n\n{piece}" if existing.strip() else piece


def pictures_as_words(codes: list[str], words: dict[str, str]) -> str:
    """A younger child's chosen pictures, as words: "Pictures chosen: family, school"."""
    named = [words.get(code, code.replace("_", " ")) for code in codes or []]
    return f"Pictures chosen: {', '.join(named)}" if named else ""


@dataclass(frozen=True)
class ChildPiece:
    """One answer of a child's going into their voice: the answer, the voice field, the text
    as added, and whether the child asked us not to share it with their parents."""

    answer: str
    field: str
    text: str
    not_shared: bool


# How a house is named in the child's own words (HOUSES' answers).
HOUSE_WORDS = {"worries": "Worries", "good_things": "Good things", "hopes": "Hopes"}


def child_pieces(views, name: str, is_conference: bool) -> list[ChildPiece]:
    """Each answered house, then their own words, marked as from their views, in the voice's
    order. `views` has the FamilyViews columns."""
    mark = from_views(name, is_conference, views.helper or "")
    pieces = []
    for answer, field in CHILD_VOICE_FIELDS:
        if answer in HOUSE_WORDS and said_in(views, answer):
            text = f"{mark}: {said_in(views, answer)}"
            pieces.append(ChildPiece(answer, field, text, not_shared_answer(views, answer)))
    own = own_words_said(views, name)
    if own:
        wishes_kept = bool(said_in(views, "wishes")) and not_shared_answer(views, "wishes")
        pieces.append(ChildPiece("wishes", "own_words", f"{mark}: {own}", wishes_kept))
    return pieces


def said_in(views, answer: str) -> str:
    """What the child said in answer, with a younger child's pictures as words, as sentences."""
    said = [(getattr(views, answer) or "").strip()]
    said.append(pictures_as_words((views.pictures or {}).get(answer, []), PICTURE_WORDS))
    return " ".join(_sentence(part) for part in said if part)


def own_words_said(views, name: str) -> str:
    """What goes into the child's own words, the one part the family's documents print: what
    they want to happen, then each house they did not keep back ("Hopes: A dog."), then their
    own score unless they kept it back. The rest of their voice is the professionals'."""
    parts = [said_in(views, "wishes")]
    parts += [
        f"{label}: {said_in(views, answer)}"
        for answer, label in HOUSE_WORDS.items()
        if said_in(views, answer) and not not_shared_answer(views, answer)
    ]
    parts.append(score_sentence(views, name))
    return " ".join(part for part in parts if part)


def score_sentence(views, name: str) -> str:
    """ "Amara's own score before the meeting: 7 out of 10 (10 means things are really good),
    because: …", the reason left out if they kept it back; "" with no score or one kept back."""
    if not score_goes_in(views):
        return ""
    sentence = f"{name}’s own score before the meeting: {views.score} out of 10 ({ten_means()})"
    reason = score_reason(views)
    return _sentence(f"{sentence}, because: {reason}") if reason else f"{sentence}."


def ten_means() -> str:
    """What 10 meant to the child, as part of a sentence: "10 means things are really good"."""
    return f"10 means {TEN_MEANS[0].lower()}{TEN_MEANS[1:]}"


def _sentence(text: str) -> str:
    """A piece closed with a full stop when it has no closing mark, so two read as two."""
    return text if text[-1] in ".!?…)”\"'" else f"{text}."


def not_shared_answer(views, answer: str) -> bool:
    """Whether the child asked us not to share `answer` with their parents. Not sharing the
    score keeps its reason back too."""
    chosen = set(views.not_shared or [])
    return answer in chosen or (answer == "score_reason" and "score" in chosen)


def kept_reason(name: str) -> str:
    return f"{name} asked us not to share this with their parents"


@dataclass(frozen=True)
class ScoreWording:
    question: str
    zero_means: str
    ten_means: str
    polarity: str


def child_score_wording(version: str) -> ScoreWording:
    """The question the child was asked for their score, and what its ends meant."""
    asked = next(
        question.label
        for page in questions.pages_of(version)
        for question in page.questions
        if question.field == "score"
    )
    return ScoreWording(asked, ZERO_MEANS, TEN_MEANS, questions.SCORE_POLARITY)


def score_goes_in(views) -> bool:
    """A child's score goes into their own words (or a core group's scores) unless they gave
    none or asked us not to share it: both are printed in the family's copies."""
    return views.score is not None and not not_shared_answer(views, "score")


def score_reason(views) -> str:
    """The reason recorded with their score: left out when they asked us not to share it."""
    if not_shared_answer(views, "score_reason"):
        return ""
    return (views.score_reason or "").strip()


@dataclass(frozen=True)
class OwnScore:
    """A child's own score from their accepted views, as the conference's scaling page lists
    it for staff: whether they kept the score or its reason back from their parents."""

    name: str
    value: int
    ten_means: str
    reason: str
    score_kept: bool
    reason_kept: bool


def own_score(views, name: str) -> OwnScore | None:
    """The child's own score as staff read it, kept-back parts included and marked."""
    if views.score is None:
        return None
    return OwnScore(
        name,
        views.score,
        TEN_MEANS,
        (views.score_reason or "").strip(),
        not_shared_answer(views, "score"),
        not_shared_answer(views, "score_reason"),
    )


# A parent's views.


def parent_answers(views) -> dict[str, str]:
    """A parent's answers with anything in them, by answer, in the map's order of asking."""
    found = {
        answer: (getattr(views, answer) or "").strip()
        for answer in PARENT_ANSWERS
        if answer != "report"
    }
    report = report_view(views)
    if report:
        found["report"] = report
    return {answer: text for answer, text in found.items() if text}


def report_view(views) -> str:
    """What a parent thinks of the report: "Do they agree with the report? Partly. …"."""
    agrees = AGREES.get(views.agrees_with_report or "", "")
    comment = (views.report_comment or "").strip()
    parts = [f"Do they agree with the report? {agrees}." if agrees else "", comment]
    return " ".join(part for part in parts if part)


def places_for(answer: str, headings: list[tuple[str, str]], is_review: bool) -> list[tuple]:
    """Where a parent's answer may go: a heading of the map, the parents' comments on the
    review report (their view of the report, at a review), or nowhere."""
    places = list(headings)
    if answer == "report" and is_review:
        places.insert(0, (PARENTS_COMMENTS, "The parents’ comments on the review report"))
    return [*places, (DO_NOT_ADD, "Do not add")]


def map_source(views_id: int, answer: str) -> str:
    return f"{MAP_SOURCE}:{views_id}:{answer}"


def parents_comment(name: str, is_conference: bool, text: str) -> str:
    return f"{from_views(name, is_conference)}: {text}"


# Where the views are at, for the meeting's list.

NOT_STARTED = "Not started"
STARTED = "Started, not sent"
SENT_WAITING = "Sent: waiting for you"
STATUS_OF_OUTCOME = {WAITING: SENT_WAITING, ACCEPTED: "Accepted", NOT_USED: "Not used"}


def answer_label(answer: str, value) -> str:
    """A choice the family made, in words: "Yes, for part of it"."""
    choices = {"attending": questions.ATTENDING_CHOICES, "advocate": questions.ADVOCATE_CHOICES}
    if answer == "agrees_with_report":
        return AGREES.get(value or "", "")
    return questions.label_of(choices[answer], value) if value else ""


def status(started: bool, sent: bool, outcome: str) -> str:
    if not started:
        return NOT_STARTED
    if not sent:
        return STARTED
    return STATUS_OF_OUTCOME[outcome]
