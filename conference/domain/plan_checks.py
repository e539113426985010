"""Checks on the plan as a whole (docs/domain.md sections 5, 4 and 6).

Each safety goal is judged on its own by `plan_quality.assess_outcome`. These checks look at the
plan the way the review conference and an inspector would, across all its goals:

- every worry statement of the conference is answered by at least one safety goal;
- every safety goal has at least one action, and every action names who will do it and by when
  ("three quarters of actions had no timeframe", the Children's Commissioner);
- each goal is an outcome for the child, and measurable (the goal's own assessment);
- the plan has a contingency plan: what happens if things do not change;
- it says how it uses what the children said (the child's voice, section 4);
- it says how the children's ethnicity, culture, religion and language shape what will happen,
  in substance, and brings the interpreter the family's answers ask for (Ofsted, Havering 2013,
  paragraphs 17 and 27: identity not carried into the plan; see `identity_in_plan`);
- it has no more actions than the local ceiling (about 8): a long list of tasks hides what
  matters.

A plan scores one check for having a safety goal at all, one per worry statement, three per goal
(outcome focused, measurable, has actions), one per action, and one each for the number of
actions, the contingency plan, the children's views and identity, and one for the interpreter
where someone needs one: "12 of 15 checks met". Each
finding says where it is put right (`Where`), which the page turns into a link.
"""

from dataclasses import dataclass
from datetime import date

from conference.domain.identity_in_plan import (
    IdentityFacts,
    IdentityReading,
    InterpreterNeed,
    interpreter_message,
    interpreter_suggestion,
    read_identity,
)
from conference.domain.wording import and_list

# Where a finding is put right.
PLAN_FIELD = "plan-field"  # a field of the plan itself: `field` names it
WORRY = "worry"  # a worry statement no goal answers: add a goal, or link one
GOAL = "goal"  # a safety goal: `field` names the part, if any
GOAL_ACTIONS = "goal-actions"  # a goal that needs an action
ACTION = "action"
GOALS = "goals"  # the plan's goals as a whole

CONTINGENCY = "contingency_plan"
CHILD_VIEWS = "child_views_statement"
IDENTITY = "identity_statement"

# Codes for the goal's own flags: the goal's findings say the same in more detail.
GOAL_NOT_OUTCOME = "goal-not-outcome"
GOAL_NOT_MEASURABLE = "goal-not-measurable"
GOAL_FLAG_CODES = frozenset({GOAL_NOT_OUTCOME, GOAL_NOT_MEASURABLE})
# The findings that say identity is not carried into the plan.
NO_IDENTITY = "no-identity"
NO_INTERPRETER = "no-interpreter"
IDENTITY_CODES = frozenset({NO_IDENTITY, NO_INTERPRETER})


@dataclass(frozen=True)
class Where:
    """Where a finding is put right: `kind` is one of the constants above, `record_id` the
    worry statement, goal or action, `field` the field within it."""

    kind: str
    record_id: int | None = None
    field: str = ""


@dataclass(frozen=True)
class PlanFinding:
    """Something to put right in the plan, in plain English, with a suggestion and a place."""

    code: str
    message: str
    suggestion: str
    where: Where
    goal_id: int | None = None


@dataclass(frozen=True)
class WorryFacts:
    id: int
    number: int  # counting from 1, as the map numbers them


@dataclass(frozen=True)
class ActionFacts:
    id: int
    who: str
    by_when: date | None


@dataclass(frozen=True)
class GoalFacts:
    id: int
    number: int  # counting from 1, in the plan's order
    worry_ids: tuple[int, ...]
    actions: tuple[ActionFacts, ...]
    outcome_focused: bool
    measurable: bool


@dataclass(frozen=True)
class PlanFacts:
    goals: tuple[GoalFacts, ...]
    worries: tuple[WorryFacts, ...]
    contingency_plan: str
    child_views_statement: str
    identity_statement: str
    child_names: tuple[str, ...]  # first names of the children the plan is for
    ceiling: int = 8
    # For identity (`identity_in_plan`): the goals' and actions' words, who the record says
    # needs an interpreter, the languages the family's answers name, and those the plan has
    # been translated into.
    plan_texts: tuple[str, ...] = ()
    interpreter_needs: tuple[InterpreterNeed, ...] = ()
    languages: tuple[str, ...] = ()
    translated_into: tuple[str, ...] = ()


@dataclass(frozen=True)
class Score:
    met: int
    total: int

    @property
    def text(self) -> str:
        """ "7 of 9 checks met" """
        return f"{self.met} of {self.total} {'check' if self.total == 1 else 'checks'} met"


def plan_findings(facts: PlanFacts) -> list[PlanFinding]:
    """What to put right in the plan, in the order of the page: worries, goals and their
    actions, the number of actions, then the plan's own statements."""
    return [finding for passed, finding in _checks(facts) if not passed]


def plan_score(facts: PlanFacts) -> Score:
    checks = _checks(facts)
    return Score(sum(1 for passed, _ in checks if passed), len(checks))


def _checks(facts: PlanFacts) -> list[tuple[bool, PlanFinding]]:
    checks = [(bool(facts.goals), _no_goals())]
    answered = {worry_id for goal in facts.goals for worry_id in goal.worry_ids}
    checks += [(worry.id in answered, _unanswered(worry)) for worry in facts.worries]
    actions = sum(len(goal.actions) for goal in facts.goals)
    # Advice that never contradicts itself: a goal with no actions in a plan already at the
    # ceiling is told to move or combine one, and "too many actions" names the goals without.
    full = actions >= facts.ceiling
    for goal in facts.goals:
        checks += _goal_checks(goal, actions if full else None)
    bare = tuple(goal.number for goal in facts.goals if not goal.actions)
    checks.append((actions <= facts.ceiling, _too_many_actions(actions, facts.ceiling, bare)))
    identity = read_identity(
        IdentityFacts(
            facts.identity_statement,
            facts.plan_texts,
            facts.interpreter_needs,
            facts.languages,
            facts.translated_into,
        )
    )
    checks += [
        (_given(facts.contingency_plan), _no_contingency()),
        (_given(facts.child_views_statement), _no_child_views()),
        (identity.considered, _no_identity(facts.child_names, facts.identity_statement, identity)),
    ]
    if identity.interpreter_needs:
        checks.append((not identity.interpreter_missing, _no_interpreter(identity)))
    return checks


def _goal_checks(goal: GoalFacts, full_at: int | None = None) -> list[tuple[bool, PlanFinding]]:
    """`full_at`: the plan's number of actions when it is already at the ceiling, else None."""
    name = f"Safety goal {goal.number}"
    checks = [
        (
            goal.outcome_focused,
            PlanFinding(
                GOAL_NOT_OUTCOME,
                f"{name} says what an adult or a service will do, not what will be different "
                "for the child",
                "Say what the child will experience when it is achieved, and keep the task as "
                "an action under it",
                Where(GOAL, goal.id, "statement"),
                goal.id,
            ),
        ),
        (
            goal.measurable,
            PlanFinding(
                GOAL_NOT_MEASURABLE,
                f"Nobody could show whether {name.lower()} has been achieved",
                "Name the evidence that will show it and a number, frequency or length of time",
                Where(GOAL, goal.id, "measure"),
                goal.id,
            ),
        ),
        (
            bool(goal.actions),
            PlanFinding(
                "goal-without-actions",
                f"{name} has no actions",
                (
                    "Add what a named person or agency will do to reach it, and by when"
                    if full_at is None
                    else f"The plan already has {full_at} actions: move one here from another "
                    "goal, or combine two, so that the plan does not grow"
                ),
                Where(GOAL_ACTIONS, goal.id),
                goal.id,
            ),
        ),
    ]
    for number, action in enumerate(goal.actions, start=1):
        checks.append(
            (_given(action.who) and action.by_when is not None, _vague(goal, number, action))
        )
    return checks


def _no_goals() -> PlanFinding:
    return PlanFinding(
        "no-goals",
        "The plan has no safety goals yet",
        "Add a safety goal for each worry statement: what will be different for the children, "
        "and how everyone will know",
        Where(GOALS),
    )


def _unanswered(worry: WorryFacts) -> PlanFinding:
    return PlanFinding(
        "worry-not-answered",
        f"Worry statement {worry.number} is not answered by any safety goal",
        "Add a safety goal that answers it, or say which goal answers it",
        Where(WORRY, worry.id),
    )


def _vague(goal: GoalFacts, number: int, action: ActionFacts) -> PlanFinding:
    missing = [
        part
        for part, absent in (
            ("who will do it", not _given(action.who)),
            ("by when", not action.by_when),
        )
        if absent
    ]
    return PlanFinding(
        "action-without-who-or-when",
        f"Action {number} of safety goal {goal.number} does not say {' or '.join(missing)}",
        "Name the person or agency who will do it and the date it will be done by",
        Where(ACTION, action.id),
        goal.id,
    )


def _too_many_actions(actions: int, ceiling: int, bare: tuple[int, ...] = ()) -> PlanFinding:
    """`bare`: the numbers of the goals with no actions, which still need one each."""
    if not bare:
        return PlanFinding(
            "too-many-actions",
            f"This plan has {actions} actions: plans work best with about {ceiling} or fewer",
            "Keep the actions that matter most for the children’s safety, and combine or remove "
            "the others",
            Where(GOALS),
        )
    goals = and_list([f"safety goal {number}" for number in bare])
    return PlanFinding(
        "too-many-actions",
        f"This plan has {actions} actions, but {goals} {'has' if len(bare) == 1 else 'have'} "
        f"none: plans work best with about {ceiling} or fewer, spread across the goals",
        f"Give {goals} an action by moving or combining the others, and remove those that "
        "matter least for the children’s safety",
        Where(GOALS),
    )


def _no_contingency() -> PlanFinding:
    return PlanFinding(
        "no-contingency",
        "There is no contingency plan",
        "Say what will happen if things do not change",
        Where(PLAN_FIELD, field=CONTINGENCY),
    )


def _no_child_views() -> PlanFinding:
    return PlanFinding(
        "no-child-views",
        "The plan does not say how it uses what the children said",
        "Say where the children’s words and wishes shaped the goals, or why their views are not "
        "known yet",
        Where(PLAN_FIELD, field=CHILD_VIEWS),
    )


def _no_identity(
    child_names: tuple[str, ...], statement: str, identity: IdentityReading
) -> PlanFinding:
    """Blank, a placeholder ("N/A", "considered"), or words that change nothing for the
    children ("The family are Nigerian and Christian")."""
    whose = f"{possessive(child_names)} ethnicity, culture, religion and language"
    if not _given(statement):
        message = f"Say how {whose} shaped the plan, or why they did not"
    elif identity.placeholder:
        message = f"“{' '.join(statement.split())}” does not say how {whose} shaped the plan"
    else:
        message = f"The plan does not say how {whose} shape what will happen"
    return PlanFinding(
        NO_IDENTITY,
        message,
        "Say what will happen because of them: an interpreter at every meeting, the plan in the "
        "family’s language, help from their church, mosque or community, food, hair and skin "
        "care, the language spoken at home; or the family’s own reason why nothing changes",
        Where(PLAN_FIELD, field=IDENTITY),
    )


def _no_interpreter(identity: IdentityReading) -> PlanFinding:
    return PlanFinding(
        NO_INTERPRETER,
        interpreter_message(identity.interpreter_needs),
        interpreter_suggestion(identity.interpreter_needs),
        Where(PLAN_FIELD, field=IDENTITY),
    )


def possessive(names: tuple[str, ...]) -> str:
    """The names as owners, the way the plan's messages use them: "Kemi's", "Kemi's and Tolu's",
    "Kemi's, Tolu's and Ada's"; "the children's" when no child is named."""
    owned = [f"{name}’s" for name in names]
    return and_list(owned) or "the children’s"


def _given(text: str) -> bool:
    return bool((text or "").strip())


BRIEF_WORDS = 8


def in_brief(text: str, most_words: int = BRIEF_WORDS) -> str:
    """The start of a worry statement, to name it beside a goal: its first words, then "…"
    when there is more ("When Dad drinks he shouts at Mum and …")."""
    words = text.split()
    if len(words) <= most_words:
        return " ".join(words)
    return " ".join(words[:most_words]).rstrip(",;:.") + " …"
