"""What the dashboard shows: each figure's key, title and definition in one plain sentence, in
the sections of the page. Each figure's rows and how it is judged are in timeliness.py, plans.py
and participation.py; counting.py counts them."""

from dataclasses import dataclass

from flask import current_app

from conference.domain import performance as rules
from conference.domain.participation import PARTICIPATION_CODES
from conference.domain.plan_quality import MIXED, OUTCOME, TASK
from conference.domain.vocabulary import GOAL_GRADES

MET = "Yes"
NOT_MET = "No"
YES_NO = (MET, NOT_MET)


@dataclass(frozen=True)
class Figure:
    key: str
    name: str  # its title; "{days}" stands for the number of days the setting `days` names
    meaning: str  # its definition, likewise
    counted: tuple[str, ...] = (MET,)  # the outcomes that make up the count
    outcomes: tuple[str, ...] = YES_NO  # every outcome, in the order the breakdown shows them
    breakdown: bool = False  # show how many had each outcome, not only the count
    # Judged on each month's last day (children on a plan then), not over the range: counted
    # from the records each time (visits.py), not kept as running totals.
    on_a_day: bool = False
    days: str | None = None  # the setting (config) whose number of days the wording gives
    # A lower figure is the better one (plans ending early or late, repeat plans): the target
    # form offers that first.
    lower_is_better: bool = False

    @property
    def title(self) -> str:
        return self._worded(self.name)

    @property
    def definition(self) -> str:
        return self._worded(self.meaning)

    def _worded(self, text: str) -> str:
        return text.format(days=current_app.config[self.days]) if self.days else text

    @property
    def percentage_title(self) -> str:
        return f"{self.title}: percentage by month"


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    figures: tuple[Figure, ...]


def _graded(key: str, title: str, grade: str, meaning: str, **shown) -> Figure:
    """A figure of the checker's graded reading: the goals given `grade`, out of all graded."""
    return Figure(
        key,
        title,
        "Safety goals in plans written at conferences held in the range that the plan checker "
        f"graded {grade} ({meaning}), out of all goals checked.",
        counted=(GOAL_GRADES[grade],),
        outcomes=tuple(GOAL_GRADES.values()),
        **shown,
    )


ON_PLAN = Figure(
    "on-plan",
    "Children on a child protection plan",
    "Children whose plan started at a finalised initial or transfer-in conference and had not "
    "been ended by a finalised review conference, on the last day of the range (or today).",
    counted=(),
    outcomes=(),
)

VISITS_AND_OVERSIGHT = Section(
    "visits-and-oversight",
    "Visits and oversight",
    (
        Figure(
            "seen-within-timescale",
            "Children seen within timescale",
            "Children on a child protection plan on the last day of each month (or today) whose "
            "next statutory visit was not yet overdue that day: the lead social worker saw them "
            "within the plan's visit interval (or the council's) of the last visit at which they "
            "were seen, or of the plan starting.",
            on_a_day=True,
        ),
        Figure(
            "seen-alone",
            "Children seen alone at the last visit",
            "Children on a child protection plan on the last day of each month (or today) who "
            "were seen alone at the last statutory visit at which the lead social worker saw "
            "them, out of those who had been seen at one and were born by then (a visit before "
            "the birth sees the mother).",
            on_a_day=True,
        ),
        Figure(
            "oversight-within-interval",
            "Children whose case had management oversight within {days} days",
            "Children on a child protection plan on the last day of each month (or today) whose "
            "case had a manager's recorded oversight in the {days} days up to that day.",
            on_a_day=True,
            days="OVERSIGHT_INTERVAL_DAYS",
        ),
    ),
)

SECTIONS = (
    Section("children", "Children on a plan", (ON_PLAN,)),
    VISITS_AND_OVERSIGHT,
    Section(
        "timeliness",
        "Timeliness",
        (
            Figure(
                "icpc-within-15-days",
                "Initial conferences within 15 working days",
                "Children at an initial conference held in the range whose conference was within "
                "15 working days of the strategy discussion, out of all such children with a "
                "strategy discussion recorded.",
                counted=("0-10", "11-15"),
                outcomes=("0-10", "11-15", "16-20", "21+"),
                breakdown=True,
            ),
            Figure(
                "first-core-group-on-time",
                "First core groups within 10 working days",
                "Children made subject to a plan at an initial conference held in the range whose "
                "first core group met within 10 working days of it, out of those whose first core "
                "group has met or is overdue.",
                counted=(rules.ON_TIME,),
                outcomes=(rules.ON_TIME, rules.LATE, rules.NOT_HELD_OVERDUE),
                breakdown=True,
            ),
            Figure(
                "plans-finalised-by-first-core-group",
                "Plans finalised by the first core group",
                "Plans written at conferences held in the range that were finalised by the "
                "first core group after the conference (the day it met, or the day it was due if "
                "that came first), out of those finalised or past that day.",
                counted=(rules.ON_TIME,),
                outcomes=(rules.ON_TIME, rules.LATE, rules.NOT_FINALISED_OVERDUE),
                breakdown=True,
            ),
            Figure(
                "core-groups-on-time",
                "Core groups held on time",
                "Core group meetings held in the range that met within 10 working days of an "
                "initial conference or within the set interval of the meeting or review before.",
                counted=(rules.ON_TIME,),
                outcomes=(rules.ON_TIME, rules.LATE),
            ),
            Figure(
                "reviews-on-time",
                "Reviews on time",
                "Children at a review conference held in the range whose review was within 3 "
                "months of the initial conference (the first review) or 6 months of the last "
                "review.",
                counted=(rules.ON_TIME,),
                outcomes=(rules.ON_TIME, rules.LATE),
            ),
            Figure(
                "reports-shared-on-time",
                "Reports shared with parents on time",
                "Conferences held in the range whose report reached the parents at least the set "
                "number of working days before (2 for an initial conference, 5 for a review).",
                counted=(rules.ON_TIME,),
                outcomes=(rules.ON_TIME, rules.LATE, rules.NOT_SHARED),
                breakdown=True,
            ),
        ),
    ),
    Section(
        "plan-endings",
        "Plans that ended, and repeat plans",
        (
            Figure(
                "ended-within-3-months",
                "Plans ended within 3 months",
                "Children whose plan ended in the range after lasting less than 3 months, out of "
                "all children whose plan ended in the range.",
                counted=(rules.UNDER_3_MONTHS,),
                outcomes=rules.PLAN_LENGTHS,
                breakdown=True,
                lower_is_better=True,
            ),
            Figure(
                "ended-within-6-months",
                "Plans ended within 6 months",
                "Children whose plan ended in the range after lasting less than 6 months, out of "
                "all children whose plan ended in the range.",
                counted=(rules.UNDER_3_MONTHS, rules.UNDER_6_MONTHS),
                outcomes=rules.PLAN_LENGTHS,
                lower_is_better=True,
            ),
            Figure(
                "lasted-2-years",
                "Plans lasting 2 years or more",
                "Children whose plan ended in the range after lasting 2 years or more, out of all "
                "children whose plan ended in the range.",
                counted=(rules.TWO_YEARS_OR_MORE,),
                outcomes=rules.PLAN_LENGTHS,
                lower_is_better=True,
            ),
            Figure(
                "second-plans",
                "Second or subsequent plans",
                "Children whose plan started in the range who had been on a plan before (here or "
                "in another area), out of all children whose plan started in the range.",
                lower_is_better=True,
            ),
        ),
    ),
    Section(
        "plan-quality",
        "Quality of plans",
        (
            # The checker's graded reading of each goal, one figure a grade ("goals-outcome-
            # focused" keeps its key, and so its targets, comparators and commentary: before
            # goals were graded, every outcome-focused goal was graded outcome).
            _graded(
                "goals-outcome-focused",
                "Safety goals that are outcomes",
                OUTCOME,
                "every part of the goal says what will be different for the child",
                breakdown=True,
            ),
            _graded(
                "goals-mixed",
                "Safety goals with actions mixed in",
                MIXED,
                "an outcome with actions written into it",
                lower_is_better=True,
            ),
            _graded(
                "goals-task",
                "Safety goals that are tasks",
                TASK,
                "no part of the goal says what will be different for the child",
                lower_is_better=True,
            ),
            Figure(
                "goals-measurable",
                "Safety goals that are measurable",
                "Safety goals in plans written at conferences held in the range that the plan "
                "checker found can be measured, out of all goals checked.",
            ),
            Figure(
                "worries-answered",
                "Plans with every worry answered",
                "Plans written at conferences held in the range where every worry statement is "
                "answered by a safety goal, out of all plans checked.",
            ),
            Figure(
                "identity-considered",
                "Plans that consider identity",
                "Plans written at conferences held in the range that say how the children's "
                "ethnicity, culture, religion and language shape what will happen (an "
                "interpreter, the plan in the family's language, help from their faith or "
                "community, not just who the family are or “N/A”), and bring the interpreter "
                "the family need, out of all plans checked.",
            ),
            Figure(
                "child-views-recorded",
                "Plans that record the child's views",
                "Plans written at conferences held in the range that say how they use what the "
                "children said, out of all plans checked.",
            ),
        ),
    ),
    Section(
        "participation",
        "Children's participation and the conference",
        (
            Figure(
                "views-conveyed",
                "Children whose views reached the conference",
                "Children aged 4 or over at a conference held in the range whose views were "
                "conveyed (participation codes PN1, PN2, PN3, PN5 and PN6), out of those with a "
                "code recorded.",
                counted=("PN1", "PN2", "PN3", "PN5", "PN6"),
                outcomes=tuple(code for code in PARTICIPATION_CODES if code != "PN0"),
                breakdown=True,
            ),
            Figure(
                "advocacy-offered",
                "Advocacy offered",
                "Children at a conference held in the range who were offered an advocate, out of "
                "those for whom advocacy applied.",
            ),
            Figure(
                "advocacy-used",
                "Advocacy used",
                "Children offered an advocate for a conference held in the range whose advocate "
                "spoke for them or was briefed by them (PN2 or PN5).",
            ),
            Figure(
                "over-12-attending",
                "Children aged 12 or over attending",
                "Children aged 12 or over on the day of a conference held in the range who "
                "attended it (PN1 to PN4), out of those with a code recorded.",
            ),
            Figure(
                "twilight",
                "Twilight conferences",
                "Finalised conferences held in the range that were held in the evening, out of "
                "all finalised conferences held in the range.",
            ),
            Figure(
                "quorate",
                "Quorate conferences",
                "Finalised conferences held in the range attended by children's social care and "
                "at least two other agencies, out of all finalised conferences held in the range.",
            ),
        ),
    ),
)

FIGURES = {figure.key: figure for section in SECTIONS for figure in section.figures}
OUTCOME_LABELS = {code: f"{code}: {label}" for code, label in PARTICIPATION_CODES.items()}


def outcome_label(outcome: str) -> str:
    """What a stored outcome is called on the page: "PN1: Attends and speaks for self"."""
    return OUTCOME_LABELS.get(outcome, outcome)
