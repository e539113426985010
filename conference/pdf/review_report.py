"""The social worker's report for the review conference, for the parents: the core group's view
of the progress since the last conference (docs/domain.md section 8).

It is printed in the family's language with the English under or after each piece of fixed
text, like the case's copy of the family plan (docs/domain.md section 11): the language is the
first one a parent asked for that we can print. The sentences the staff pages build in English
from the same figures (how many core groups were on time, what happened to the actions, each
goal's ratings, the scaling trend) have their own translated messages here, so the staff pages
keep their wording. What people wrote stays in English, marked as English, except the plan's own
words (the goals and the actions) where the plan has an imported translation of them.
"""

from dataclasses import dataclass
from datetime import date

from babel import Locale
from markupsafe import Markup, escape

from conference.domain import clock
from conference.domain import progress as progress_rules
from conference.domain import review as rules
from conference.domain.core_group_schedule import Timing
from conference.domain.vocabulary import ActionStatus, GoalState, Rating
from conference.domain.wording import clock_time, number
from conference.models import Conference, ConferenceType
from conference.pdf import i18n
from conference.pdf.i18n import N_, Phrase
from conference.pdf.parts import children_names, children_on_plan
from conference.pdf.render import render_pdf
from conference.services import progress as progress_services
from conference.services.contacts import family_contacts
from conference.services.review import progress_summary, report_sharing
from conference.services.translations import words as translated_words

REPORT_TEMPLATE = "review_report.html"

# The words staff see (vocabulary.py), marked here so the report prints them translated.
RATING_WORDS: dict[str, str] = {
    Rating.WORSE: N_("Worse"),
    Rating.NO_CHANGE: N_("No change"),
    Rating.SOME_PROGRESS: N_("Some progress"),
    Rating.ACHIEVED: N_("Achieved"),
}
NOT_RATED = N_("Not rated yet")
GOAL_STATE_WORDS: dict[str, str] = {
    GoalState.KEPT: N_("Keep it as it is"),
    GoalState.CHANGED: N_("Keep it, with changes"),
    GoalState.ACHIEVED: N_("Achieved"),
    GoalState.DROPPED: N_("No longer needed"),
}
ACTION_STATUS_WORDS: dict[str, str] = {
    ActionStatus.NOT_STARTED: N_("Not started"),
    ActionStatus.IN_PROGRESS: N_("In progress"),
    ActionStatus.DONE: N_("Done"),
    ActionStatus.NOT_DONE: N_("Not done"),
    ActionStatus.NO_LONGER_NEEDED: N_("No longer needed"),
}
LAST_CONFERENCE: dict[str, str] = {
    ConferenceType.INITIAL: N_("Initial child protection conference on %(date)s"),
    ConferenceType.REVIEW: N_("Review child protection conference on %(date)s"),
    ConferenceType.TRANSFER_IN: N_("Transfer-in conference on %(date)s"),
}

# The core groups' timeliness, without plurals (Arabic has six forms): the figures after a colon.
NO_CORE_GROUPS = N_("No core groups held yet")
ONE_ON_TIME = N_("One core group held, on time")
ALL_ON_TIME = N_("Core groups held: %(held)s, all on time")
SOME_LATE = N_("Core groups held: %(held)s. Late: %(late)s")

# What happened to the actions: the figures the staff pages give, one short sentence each.
NO_ACTIONS = N_("No actions reviewed yet.")
ACTIONS_DONE = N_("Actions done: %(done)s of %(total)s.")
ACTIONS_BY_STATUS: dict[str, str] = {
    ActionStatus.IN_PROGRESS: N_("In progress: %(count)s."),
    ActionStatus.NOT_DONE: N_("Not done: %(count)s."),
    ActionStatus.NO_LONGER_NEEDED: N_("No longer needed: %(count)s."),
}

# Each goal's ratings, earliest first.
NOT_RATED_AT_ANY = N_("No core group has rated this goal yet.")
RATED_IN_ORDER = N_("Ratings at each core group, in order: %(ratings)s.")
THEN = N_("%(earlier)s, then %(later)s")

# The scaling trend in plain words (progress.describe_trend_for_family's figures).
AT_CONFERENCE = N_("the conference on %(date)s")
AT_CORE_GROUP = N_("the core group on %(date)s")
ONE_OCCASION = N_("At %(occasion)s the middle score was %(median)s.")
FIRST_AND_LAST = N_(
    "The middle score was %(first)s at %(first_occasion)s and %(last)s at %(last_occasion)s."
)
PARENTS_WENT = N_("The parents’ middle score went from %(before)s to %(after)s.")
CHILDREN_WENT = N_("The children’s own middle score went from %(before)s to %(after)s.")
OTHERS_WENT = N_("Everyone else’s middle score went from %(before)s to %(after)s.")
TURNED_ROUND = N_(
    "Some scores were given where 10 means the most worry. We turned them round, so 10 always "
    "means safe."
)
OCCASION_WORDS: dict[str, str] = {
    progress_rules.CONFERENCE: N_("Conference"),
    progress_rules.CORE_GROUP: N_("Core group"),
}
# The meanings of 0 and 10 when nobody wrote their own (progress.DEFAULT_ZERO_MEANS and
# DEFAULT_TEN_MEANS): fixed text, so translated.
DEFAULT_MEANINGS: dict[str, str] = {
    progress_rules.DEFAULT_ZERO_MEANS: N_(
        "Things are so bad that the children cannot stay at home"
    ),
    progress_rules.DEFAULT_TEN_MEANS: N_(
        "Everyone agrees the children are safe enough for the plan to end"
    ),
}


@dataclass(frozen=True)
class GoalReport:
    number: int
    statement: str
    state: Phrase | None  # None while the goal is worked to
    measure: str
    target: str
    was: str  # where things were at the conference: the baseline
    now: str
    rating: Phrase
    evidence: str
    said_by: str
    story: Phrase  # every core group's rating, in order


class Wording:
    """The report's fixed text in one language: each message translated, with its English."""

    def __init__(self, lang: str):
        self.lang = lang
        self.translations = i18n.translations_for(lang)

    def __call__(self, message: str, **variables) -> Phrase:
        return i18n.phrase(self.translations, self.lang, message, **variables)

    def word(self, words: dict[str, str], key: str, shown: str) -> Phrase:
        """A word from one of the lists above; one they do not know is printed as stored, in
        English, never hidden."""
        if key in words:
            return self(words[key])
        return Phrase(escape(shown), escape(shown), i18n.ENGLISH)

    def date(self, day: date) -> Phrase:
        """A date on its own, in the language's words, with the English date."""
        return Phrase(
            escape(i18n.local_date(day, self.lang)), escape(i18n.long_date(day)), self.lang
        )


def review_report_context(conference: Conference, *, today: date | None = None) -> dict:
    """Everything pdf_templates/review_report.html needs: the core group's collective view of
    the progress since the last conference, for `render_pdf(REPORT_TEMPLATE, **context)`."""
    case = conference.case
    lang = i18n.printable_language(i18n.document_language(case))
    say = Wording(lang)
    summary = progress_summary(case, conference, chart_id="report-chart")
    previous = summary.last_conference
    children = children_on_plan(previous) if previous is not None else list(case.children)
    family_words = translated_words(summary.plan, lang) if summary.plan else None
    scaling = summary.scaling
    return {
        "translations": say.translations,
        "lang": lang,
        "translated": lang != i18n.ENGLISH,
        "page_label_css": i18n.page_label_css(say.translations, lang),
        # The plan's own words (goals, actions) in this language, where it has a translation.
        "family_words": family_words,
        "family_words_dir": i18n.direction(lang),
        "free": lambda text: i18n.FreeText(text, family_words.of(text) if family_words else ""),
        "local_date": say.date,
        # The report is a report, not the conference's record: it is a draft until it is
        # shared with the parents, whether or not the review conference has been finalised.
        "draft": conference.report_shared_on is None,
        "large_print": False,
        "children_names": children_names(children),
        "names": _names(children, say),
        "document_date": conference.held_on,
        "printed_on": today or clock.today(),
        "reference": case.reference,
        "conference": conference,
        "starts_at": i18n.FreeText(
            clock_time(conference.starts_at), f"{conference.starts_at:%H:%M}"
        ),
        "previous": previous,
        "last_conference": _last_conference(previous, say) if previous else None,
        "plan_number": summary.plan.number if summary.plan else None,
        "social_worker": case.social_worker.name if case.social_worker else "",
        "contacts": family_contacts(case, conference).lines,
        "sharing": report_sharing(conference, today),
        "timings": summary.timings,
        "timeliness": timeliness(summary.timings, say),
        "goals": [_goal_report(row, say) for row in summary.goals],
        "actions": [
            (number_, row, say.word(ACTION_STATUS_WORDS, row.status.status, row.status_label))
            for number_, row in summary.actions
        ],
        "actions_text": actions_sentences([row for _n, row in summary.actions], say),
        "scaling": scaling,
        "occasions": _occasions(scaling, say),
        "meanings": _meanings(scaling, say) if scaling else None,
        "trend": trend_sentences(scaling.trend, say) if scaling else [],
        "views": summary.views,
        "still_to_change": [
            (row, _rating(row.timeline.latest, say)) for row in summary.still_to_change
        ],
        # What the social worker makes of the evidence, and what the parents said about it.
        "analysis": conference.review_analysis.strip(),
        "recommendation": conference.review_recommendation.strip(),
        "parents_comments": conference.parents_comments.strip(),
    }


def _names(children, say: Wording) -> i18n.FreeText:
    """The children's names with the language's "and": "Kemi, Tolu àti Baby Adebayo"."""
    english = children_names(children)
    family_names = {child.family_name for child in children}
    if len(family_names) != 1:
        given = [f"{child.given_name} {child.family_name}" for child in children]
        return i18n.FreeText(english, i18n.and_list(given, say.translations))
    given = [child.given_name for child in children]
    return i18n.FreeText(english, f"{i18n.and_list(given, say.translations)} {family_names.pop()}")


def _last_conference(previous: Conference, say: Wording) -> Phrase:
    message = LAST_CONFERENCE.get(previous.conference_type)
    if message is None:
        return say.date(previous.held_on)
    return say(message, date=previous.held_on)


def timeliness(timings: list[Timing], say: Wording) -> Phrase:
    """The staff pages' "3 core groups held: 1 late" (review.timeliness_text), for the parents."""
    if not timings:
        return say(NO_CORE_GROUPS)
    late = sum(not timing.on_time for timing in timings)
    if late:
        return say(SOME_LATE, held=len(timings), late=late)
    if len(timings) == 1:
        return say(ONE_ON_TIME)
    return say(ALL_ON_TIME, held=len(timings))


def actions_sentences(rows: list[progress_services.ActionRow], say: Wording) -> list[Phrase]:
    """The staff pages' "3 of 9 actions done, 2 in progress" (core_group_schedule.
    meeting_summary): how many were done of all of them, then each other outcome."""
    statuses = [row.status.status for row in rows]
    if not statuses:
        return [say(NO_ACTIONS)]
    sentences = [say(ACTIONS_DONE, done=statuses.count(ActionStatus.DONE), total=len(statuses))]
    for status, message in ACTIONS_BY_STATUS.items():
        if statuses.count(status):
            sentences.append(say(message, count=statuses.count(status)))
    return sentences


def _goal_report(row: progress_services.GoalRow, say: Wording) -> GoalReport:
    latest = row.timeline.latest
    goal = row.goal
    active = rules.is_active(goal.state)
    return GoalReport(
        number=row.number,
        statement=goal.statement.strip(),
        state=None if active else say.word(GOAL_STATE_WORDS, goal.state, goal.state),
        measure=goal.measure.strip(),
        target=goal.target.strip(),
        was=row.timeline.steps[0].where_now,
        now=latest.where_now if latest else "",
        rating=_rating(latest, say),
        evidence=latest.evidence if latest else "",
        said_by=latest.said_by if latest else "",
        story=ratings_in_order(row.timeline, say),
    )


def _rating(step: progress_rules.Step | None, say: Wording) -> Phrase:
    if step is None or not step.rating:
        return say(NOT_RATED)
    return say.word(RATING_WORDS, step.rating, step.rating_label)


def ratings_in_order(timeline: progress_rules.GoalTimeline, say: Wording) -> Phrase:
    """The staff pages' "Rated at 3 core groups: worse, then some progress" (GoalTimeline.
    summary), without the count, which would need a plural."""
    rated = timeline.rated
    if not rated:
        return say(NOT_RATED_AT_ANY)
    words = [_rating(step, say) for step in rated]
    ratings = words[0]
    for word in words[1:]:
        ratings = say(THEN, earlier=Fixed(ratings), later=Fixed(word))
    return say(RATED_IN_ORDER, ratings=Fixed(ratings))


class Fixed(i18n.FreeText):
    """A piece of fixed text, already in both languages (a Phrase), put into a sentence: each
    version of the sentence takes its own version of the piece. A piece the catalogue does not
    translate is marked English in a translated sentence."""

    __slots__ = ("phrase",)

    def __init__(self, phrase: Phrase):
        super().__init__(str(phrase.en), str(phrase.text))
        self.phrase = phrase

    def written(self, code: str) -> Markup:
        # A Phrase's versions are Markup already: our messages, every value in them escaped.
        if code == i18n.ENGLISH:
            return self.phrase.en
        if self.phrase.bilingual:
            return self.phrase.text
        return Markup('<span lang="en" dir="ltr">%s</span>') % self.phrase.en


def _occasions(scaling: progress_services.Scaling | None, say: Wording) -> list[Phrase]:
    if scaling is None:
        return []
    return [say.word(OCCASION_WORDS, o.kind, o.label) for o in scaling.trend.occasions]


def _meanings(scaling: progress_services.Scaling, say: Wording) -> tuple:
    """What 0 and 10 mean: the defaults are our words, translated; what people wrote is
    theirs, in English."""
    return tuple(
        _meaning(text, say) for text in (scaling.zero_means.strip(), scaling.ten_means.strip())
    )


def _meaning(text: str, say: Wording) -> i18n.FreeText:
    if text in DEFAULT_MEANINGS:
        return Fixed(say(DEFAULT_MEANINGS[text]))
    return i18n.FreeText(text)


def trend_sentences(trend: progress_rules.ScalingTrend, say: Wording) -> list[Phrase]:
    """The scores' trend in plain words, from the figures describe_trend gives staff."""
    if not trend.occasions:
        return []
    first, last = trend.summaries[0], trend.summaries[-1]
    if len(trend.summaries) == 1:
        return [
            say(ONE_OCCASION, occasion=_occasion(first.occasion, say), median=number(first.median))
        ]
    sentences = [
        say(
            FIRST_AND_LAST,
            first=number(first.median),
            first_occasion=_occasion(first.occasion, say),
            last=number(last.median),
            last_occasion=_occasion(last.occasion, say),
        )
    ]
    for message, before, after in (
        (PARENTS_WENT, first.parents_median, last.parents_median),
        (CHILDREN_WENT, first.children_median, last.children_median),
        (OTHERS_WENT, first.others_median, last.others_median),
    ):
        if before is not None and after is not None:
            sentences.append(say(message, before=number(before), after=number(after)))
    if trend.converted:
        sentences.append(say(TURNED_ROUND))
    return sentences


def _occasion(occasion: progress_rules.Occasion, say: Wording) -> i18n.FreeText:
    """ "the conference on 2 September 2026", put into a sentence in both languages."""
    message = AT_CONFERENCE if occasion.kind == progress_rules.CONFERENCE else AT_CORE_GROUP
    return Fixed(say(message, date=occasion.on))


@dataclass(frozen=True)
class ReportLanguage:
    """What staff are told before printing: the language the report prints in beside English,
    and whether a qualified translator has checked its fixed text (never on the report)."""

    code: str
    name: str
    checked: bool


def report_language(case) -> ReportLanguage | None:
    """The language the case's review report prints in with English; None for English only."""
    lang = i18n.printable_language(i18n.document_language(case))
    if lang == i18n.ENGLISH:
        return None
    name = Locale.parse(lang).get_display_name("en") or lang
    return ReportLanguage(lang, name, i18n.translator_checked(lang))


def review_report_pdf(conference: Conference) -> bytes:
    return render_pdf(REPORT_TEMPLATE, **review_report_context(conference))
