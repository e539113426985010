"""The codes the record stores, and the words people see for them: one place for each, so a
label never differs between a page, a document and a return.

Each code is a `StrEnum`, so it compares equal to the string stored in the database (and can be
written in place of it); its `label` is what people read. The values are stored: never change
one without a migration. The label maps are typed by `str` because they are looked up with the
codes as stored, which may not be members (a code this module does not know is shown as stored).
"""

from enum import StrEnum


class Outcome(StrEnum):
    """What a conference decided for a child (ChildDecision.outcome, AgencyView.recommendation)."""

    CHILD_PROTECTION_PLAN = "cp_plan"
    CHILD_IN_NEED_PLAN = "cin_plan"
    NO_FURTHER_ACTION = "nfa"

    @property
    def label(self) -> str:
        return OUTCOMES[self]


OUTCOMES: dict[str, str] = {
    Outcome.CHILD_PROTECTION_PLAN: "Child protection plan",
    Outcome.CHILD_IN_NEED_PLAN: "Child in need plan",
    Outcome.NO_FURTHER_ACTION: "No further action",
}
# The outcomes that give the family a plan to write.
PLAN_OUTCOMES = (Outcome.CHILD_PROTECTION_PLAN, Outcome.CHILD_IN_NEED_PLAN)


class CaseStatus(StrEnum):
    """Where the family's case is (Case.status)."""

    SECTION_47 = "section_47"
    CHILD_PROTECTION_PLAN = "cp_plan"
    CHILD_IN_NEED_PLAN = "cin_plan"
    CLOSED = "closed"

    @property
    def label(self) -> str:
        return CASE_STATUS_LABELS[self]


CASE_STATUS_LABELS = {
    CaseStatus.SECTION_47: "Section 47 enquiry",
    CaseStatus.CHILD_PROTECTION_PLAN: "Child protection plan",
    CaseStatus.CHILD_IN_NEED_PLAN: "Child in need plan",
    CaseStatus.CLOSED: "Closed",
}


class Category(StrEnum):
    """The category of abuse of a child protection plan, as the Children in Need census codes
    it (ChildDecision.category)."""

    NEGLECT = "NEG"
    PHYSICAL = "PHY"
    EMOTIONAL = "EMO"
    SEXUAL = "SAB"
    MULTIPLE = "MUL"

    @property
    def label(self) -> str:
        return CATEGORIES[self]


CATEGORIES: dict[str, str] = {
    Category.NEGLECT: "Neglect",
    Category.PHYSICAL: "Physical abuse",
    Category.EMOTIONAL: "Emotional abuse",
    Category.SEXUAL: "Sexual abuse",
    Category.MULTIPLE: "Multiple",
}


class Rating(StrEnum):
    """The core group's rating of progress against a safety goal at a meeting."""

    WORSE = "worse"
    NO_CHANGE = "no_change"
    SOME_PROGRESS = "some_progress"
    ACHIEVED = "achieved"

    @property
    def label(self) -> str:
        return RATINGS[self]


RATINGS: dict[str, str] = {
    Rating.WORSE: "Worse",
    Rating.NO_CHANGE: "No change",
    Rating.SOME_PROGRESS: "Some progress",
    Rating.ACHIEVED: "Achieved",
}


class GoalState(StrEnum):
    """What happened to a safety goal at a review conference (PlanGoal.state)."""

    ACTIVE = "active"
    KEPT = "kept"
    CHANGED = "changed"
    ACHIEVED = "achieved"
    DROPPED = "dropped"


# The review's choices for each goal when the plan continues.
GOAL_STATES = {
    GoalState.KEPT: "Keep it as it is",
    GoalState.CHANGED: "Keep it, with changes",
    GoalState.ACHIEVED: "Achieved",
    GoalState.DROPPED: "No longer needed",
}


# The checker's graded reading of a safety goal (plan_quality.GRADES; SafetyGoal.outcome_grade), as
# its tag on the plan page and its outcome on the managers' dashboard.
GOAL_GRADES: dict[str, str] = {
    "outcome": "Outcome",
    "mixed": "Outcome with actions mixed in",
    "task": "Task, not an outcome",
}


class ActionStatus(StrEnum):
    """Where an action of the plan has got to (PlanAction.status)."""

    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    NOT_DONE = "not_done"
    NO_LONGER_NEEDED = "no_longer_needed"

    @property
    def label(self) -> str:
        return ACTION_STATUSES[self]


ACTION_STATUSES: dict[str, str] = {
    ActionStatus.NOT_STARTED: "Not started",
    ActionStatus.IN_PROGRESS: "In progress",
    ActionStatus.DONE: "Done",
    ActionStatus.NOT_DONE: "Not done",
    ActionStatus.NO_LONGER_NEEDED: "No longer needed",
}
# What a core group can say happened to an action since the last one: every action it reviews
# has been started.
ACTION_OUTCOMES: dict[str, str] = {
    status: ACTION_STATUSES[status]
    for status in (
        ActionStatus.DONE,
        ActionStatus.IN_PROGRESS,
        ActionStatus.NOT_DONE,
        ActionStatus.NO_LONGER_NEEDED,
    )
}


def action_status_label(status: str) -> str:
    """ "in_progress" reads "In progress"; a status this module does not know is shown as
    stored, never hidden."""
    return ACTION_STATUSES.get(status, status.replace("_", " ").capitalize())
