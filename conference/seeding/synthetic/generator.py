"""Builds five years of fictional, internally consistent history, family by family, as plain
row dictionaries that `writer.Writer` inserts in bulk.

The journey of each family follows docs/domain.md sections 1 and 2: referral, strategy discussion
(the start of the section 47 enquiry), initial conference on a working day, a decision per child,
the plan and its first core group, core groups every 4-6 weeks, reviews at 3 then 6 months, and the
plan ending at a review. Some families come back for a second plan. Everything up to today is
finalised; a conference still to come is a draft.
"""

import random
from bisect import bisect
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from itertools import accumulate

from conference.domain import timescales
from conference.domain import visits as visit_rules
from conference.domain.upn import check_letter
from conference.domain.vocabulary import CaseStatus, Outcome
from conference.seeding.synthetic import texts
from conference.seeding.synthetic.feedback import FeedbackMaker
from conference.seeding.synthetic.writer import Writer

CP_PLAN, CIN_PLAN, NFA = (
    Outcome.CHILD_PROTECTION_PLAN,
    Outcome.CHILD_IN_NEED_PLAN,
    Outcome.NO_FURTHER_ACTION,
)

HISTORY_YEARS = 5
STEP_DOWN = "step_down_cin"
# (why a plan ends, weight), for a plan that ends at a review.
END_REASONS = (
    (STEP_DOWN, 70),
    ("no_longer_at_risk", 20),
    ("transferred", 7),
    ("left_uk", 3),
)
# After how many reviews the plan ends (the first at 3 months, then every 6): (reviews, weight).
PLAN_LENGTHS = ((1, 15), (2, 36), (3, 25), (4, 15), (5, 5), (6, 3), (7, 1))
PARTICIPATION = (
    ("PN1", 15),
    ("PN2", 5),
    ("PN3", 3),
    ("PN4", 2),
    ("PN5", 8),
    ("PN6", 50),
    ("PN7", 17),
)
ADVOCACY_FROM_AGE = 12
# A child this old today has started school and has a unique pupil number (the census asks
# for one of every child 6 by the end of the August after its reference date, rule 8770Q).
SCHOOL_AGE = 5
# How goals are rated at the nth core group after a conference: more progress as time goes on.
RATINGS_AT_MEETING = tuple(
    (
        ("worse", 10),
        ("no_change", max(5, 30 - 3 * n)),
        ("some_progress", 45),
        ("achieved", min(40, 8 + 4 * n)),
    )
    for n in range(12)
)


@dataclass
class Staff:
    """The synthetic users the records refer to."""

    chairs: list[tuple[int, str]]
    practitioners: list[tuple[int, str, str, str]]  # (id, name, agency type, agency)
    # [(team id, pod id, [(social worker id, name)])]
    pods: list[tuple[int, int, list[tuple[int, str]]]]
    managers: dict[int, int] = field(default_factory=dict)  # each team's manager, by team id


@dataclass
class Person:
    id: int
    given_name: str
    family_name: str
    born: date | None = None  # None: not born yet
    expected: date | None = None
    is_parent: bool = False
    role: str = ""

    @property
    def name(self) -> str:
        return f"{self.given_name} {self.family_name}"

    def age_on(self, day: date) -> float:
        born = self.born or self.expected
        return (day - born).days / 365.25


@dataclass
class Family:
    case_id: int
    reference: str
    team_id: int
    pod_id: int
    worker: tuple[int, str]
    children: list[Person]
    adults: list[Person]
    practitioner: tuple[int, str, str, str] | None
    language: str
    rows: dict = field(default_factory=dict)


class Generator:
    def __init__(self, writer: Writer, staff: Staff, rng: random.Random, today: date):
        self.w = writer
        self.staff = staff
        self.rng = rng
        self.today = today
        self.start = today - timedelta(days=round(HISTORY_YEARS * 365.25))
        self.calendar = timescales.default_calendar()
        self.now = datetime.now(UTC)
        self._weights: dict[int, tuple] = {}
        # Families' feedback draws from its own stream (seeded from this one).
        stream = random.Random(rng.random())  # noqa: S311 (made-up records, not secrets)
        self.feedback = FeedbackMaker(writer, stream, today, self.moment)

    # Small helpers.

    def pick(self, weighted):
        """One of the values of `weighted`, a constant tuple of (value, weight) pairs (the
        cumulative weights are kept by its id)."""
        found = self._weights.get(id(weighted))
        if found is None:
            values, weights = zip(*weighted, strict=True)
            found = self._weights[id(weighted)] = (values, list(accumulate(weights)))
        values, cumulative = found
        return values[bisect(cumulative, self.rng.random() * cumulative[-1])]

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def on_or_before(self, day: date) -> date:
        while not self.calendar.is_working_day(day):
            day -= timedelta(days=1)
        return day

    def on_or_after(self, day: date) -> date:
        while not self.calendar.is_working_day(day):
            day += timedelta(days=1)
        return day

    def quality(self, day: date) -> float:
        """Practice improves over the five years: from 0 at the start to 1 today."""
        return max(0.0, min(1.0, (day - self.start).days / (self.today - self.start).days))

    def moment(self, day: date, hour: int = 17) -> datetime:
        """A time on `day`, never later than now."""
        return min(datetime.combine(day, time(hour, 0), tzinfo=UTC), self.now)

    # A family.

    def family(self, number: int, n_children: int) -> int:
        """Write one family and its whole history; returns the number of children."""
        rng = self.rng
        team_id, pod_id, workers = rng.choice(self.staff.pods)
        case_id = self.w.next_id("family_case")
        family_name = rng.choice(texts.FAMILY_NAMES)
        ethnicity = self.pick(texts.ETHNICITIES)
        language = self.pick(texts.LANGUAGES)
        referral = self.start + timedelta(days=rng.randint(0, (self.today - self.start).days - 3))
        family = Family(
            case_id=case_id,
            reference=f"{texts.REFERENCE_PREFIX}{number:06d}",
            team_id=team_id,
            pod_id=pod_id,
            worker=rng.choice(workers),
            children=[],
            adults=[],
            practitioner=rng.choice(self.staff.practitioners) if self.chance(0.3) else None,
            language=language,
        )
        self._adults(family, family_name, ethnicity, language)
        self._children(family, family_name, ethnicity, language, referral, n_children)
        case = {
            "id": case_id,
            "reference": family.reference,
            "team_id": team_id,
            "pod_id": pod_id,
            "social_worker_id": family.worker[0],
            "address": f"{rng.randint(1, 199)} {rng.choice(texts.STREETS)}, {texts.TOWN}",
            "opened_on": referral,
            "referral_date": referral,
            "status": "section_47",
            "created_at": self.moment(referral, 10),
        }
        # The episode under way, written to each child's record when it ends (keys starting
        # with "_" are the generator's notes, not stored on the case).
        case.update(self._new_episode(referral))
        self._history(family, case, referral)
        self.w.add("family_case", case)
        self._allocations(family, workers, referral)
        self._oversight(family, case)
        if family.practitioner:
            self.w.add(
                "core_group_member",
                {
                    "id": self.w.next_id("core_group_member"),
                    "case_id": case_id,
                    "user_id": family.practitioner[0],
                    "added_at": case["created_at"],
                },
            )
        return len(family.children)

    def _identity(self, ethnicity: str, language: str) -> dict:
        interpreter = language != "English" and self.chance(0.6)
        return {
            "ethnicity_code": ethnicity,
            "religion": self.rng.choice(texts.RELIGIONS),
            "first_language": language,
            "languages_spoken": language if language == "English" else f"{language}, English",
            "interpreter_needed": "yes" if interpreter else "no",
            "interpreter_language": language if interpreter else "",
            "plan_language": language if interpreter else "English",
            "plan_formats": [],
            "identity_not_known": ["discrimination_experiences"] if self.chance(0.2) else [],
        }

    def _adults(self, family: Family, family_name: str, ethnicity: str, language: str) -> None:
        rng = self.rng
        people = [("Mother", rng.choice(texts.ADULT_WOMEN), True)]
        if self.chance(0.65):
            people.append(("Father", rng.choice(texts.ADULT_MEN), True))
        if self.chance(0.25):
            people.append(("Maternal grandmother", rng.choice(texts.ADULT_WOMEN), False))
        for role, given, is_parent in people:
            adult = Person(
                self.w.next_id("adult"), given, family_name, is_parent=is_parent, role=role
            )
            family.adults.append(adult)
            self.w.add(
                "adult",
                {
                    "id": adult.id,
                    "case_id": family.case_id,
                    "given_name": given,
                    "family_name": family_name,
                    "in_household": role != "Maternal grandmother",
                    "phone": f"07700 900{rng.randint(0, 999):03d}",
                    **self._identity(ethnicity, language),
                },
            )

    def _children(self, family, family_name, ethnicity, language, referral, n) -> None:
        rng = self.rng
        number = int(family.reference.removeprefix(texts.REFERENCE_PREFIX))
        for k in range(n):
            child_id = self.w.next_id("child")
            if k == n - 1 and self.chance(0.07):  # the youngest, not born at the referral
                expected = referral + timedelta(days=rng.randint(20, 160))
                born = expected + timedelta(days=rng.randint(-14, 7))
                born = born if born <= self.today else None
            else:
                born = referral - timedelta(days=rng.randint(0, 17 * 365 + 150))
                expected = None
            child = Person(child_id, rng.choice(texts.GIVEN_NAMES), family_name, born, expected)
            family.children.append(child)
            own_ethnicity = ethnicity if self.chance(0.9) else self.pick(texts.ETHNICITIES)
            self.w.add(
                "child",
                {
                    "id": child_id,
                    "case_id": family.case_id,
                    "given_name": child.given_name,
                    "family_name": family_name,
                    "date_of_birth": born,
                    "expected_date_of_birth": expected,
                    "sex": rng.choice("MF") if born else "U",
                    # Letters and numbers only (the census's rule 1580): "SYN000012C2".
                    "local_child_id": f"{texts.CHILD_ID_PREFIX}{number:06d}C{k + 1}",
                    **self._pupil_number(child, number, k),
                    "disabilities": self._disabilities(),
                    "school": "Synthtown Primary School" if born else "",
                    "gp": "Example Lane Surgery",
                    "previous_plans_elsewhere": 1 if self.chance(0.03) else 0,
                    "emergency_protection_on": (
                        referral + timedelta(days=rng.randint(0, 10)) if self.chance(0.02) else None
                    ),
                    **self._identity(own_ethnicity, language),
                },
            )
            for adult in family.adults:
                self.w.add(
                    "adult_child_relationship",
                    {
                        "id": self.w.next_id("adult_child_relationship"),
                        "adult_id": adult.id,
                        "child_id": child_id,
                        "relationship_to_child": adult.role,
                        "parental_responsibility": adult.is_parent
                        and (adult.role == "Mother" or self.chance(0.85)),
                    },
                )

    def _pupil_number(self, child: Person, family_number: int, k: int) -> dict:
        """A valid, unique UPN for most children of school age today; else the census's reason
        for having none: not at school yet (UN1), or one of the reasons a child of school age
        may have none (never UN7, which is for a referral with no further action)."""
        if child.born is None or child.age_on(self.today) < SCHOOL_AGE:
            return {"upn": "", "upn_unknown_reason": "UN1"}
        if self.chance(0.05):
            return {"upn": "", "upn_unknown_reason": self.rng.choice(("UN2", "UN3", "UN6"))}
        digits = f"{texts.UPN_LA_CODE}{family_number % 10**7:07d}{k + 1:02d}"
        return {"upn": check_letter(digits) + digits, "upn_unknown_reason": None}

    def _disabilities(self) -> list[str]:
        """Most children have none; a few of those who have have more than one (the census
        queries a return where nobody has two, rule 2888Q)."""
        if not self.chance(0.08):
            return ["NONE"]
        return self.rng.sample(texts.DISABILITIES, 2 if self.chance(0.2) else 1)

    # Who the case was allocated to, and its management oversight.

    def _allocations(self, family: Family, workers: list[tuple[int, str]], referral: date) -> None:
        """Allocated from the first referral; a quarter of cases changed worker on the way."""
        others = [worker for worker in workers if worker != family.worker]
        changed_on = referral + timedelta(days=self.rng.randint(20, 400))
        allocations = [(family.worker[0], referral)]
        if others and changed_on < self.today and self.chance(0.25):
            allocations = [(self.rng.choice(others)[0], referral), (family.worker[0], changed_on)]
        for worker_id, on in allocations:
            self.w.add(
                "case_allocation",
                {
                    "id": self.w.next_id("case_allocation"),
                    "case_id": family.case_id,
                    "social_worker_id": worker_id,
                    "team_id": family.team_id,
                    "allocated_on": on,
                    "recorded_at": self.moment(on, 9),
                },
            )

    def _oversight(self, family: Family, case: dict) -> None:
        """Monthly-ish supervision of most open episodes by the team's manager (better practice
        in recent years), from the latest referral to its closure or today, each with an action
        for the social worker; the recent ones' actions are not all done yet."""
        if not self.chance(0.3 + 0.5 * self.quality(case["opened_on"])):
            return
        day = case["opened_on"] + timedelta(days=self.rng.randint(7, 35))
        until = case.get("_closed_on") or self.today
        manager_id = self.staff.managers.get(family.team_id)
        for _ in range(36):
            if day > until:
                return
            oversight_id = self.w.next_id("management_oversight")
            self.w.add(
                "management_oversight",
                {
                    "id": oversight_id,
                    "case_id": family.case_id,
                    "held_on": day,
                    "manager_id": manager_id,
                    "reflection": self.rng.choice(texts.OVERSIGHT_REFLECTIONS),
                    "decision": self.rng.choice(texts.OVERSIGHT_DECISIONS),
                    "recorded_at": self.moment(day, 16),
                    "version": 1,
                },
            )
            due = day + timedelta(days=self.rng.randint(7, 28))
            done = due - timedelta(days=self.rng.randint(-5, 5))
            self.w.add(
                "oversight_action",
                {
                    "id": self.w.next_id("oversight_action"),
                    "oversight_id": oversight_id,
                    "description": self.rng.choice(texts.OVERSIGHT_ACTIONS),
                    "owner_id": family.worker[0],
                    "due_on": due,
                    "done_on": done if done <= self.today and self.chance(0.85) else None,
                    "version": 1,
                },
            )
            day += timedelta(days=self.rng.randint(25, 45))

    # The journey.

    def _history(self, family: Family, case: dict, referral: date) -> None:
        """One or more episodes: referral to the end of a plan (or to today)."""
        plan_state = {"number": 0, "previous": None}
        episode = 0
        while True:
            episode += 1
            ended = self._episode(family, case, referral, plan_state)
            if ended is None or episode == 3 or not self.chance(0.15):
                self._child_episodes(family, case, None)
                return
            referral = ended + timedelta(days=self.rng.randint(90, 720))
            young = any(child.age_on(referral) < 17 for child in family.children)
            if referral >= self.today - timedelta(days=3) or not young:
                self._child_episodes(family, case, None)
                return
            self._child_episodes(family, case, referral)
            case.update(referral_date=referral, opened_on=referral, status="section_47")
            case.update(self._new_episode(referral))

    def _episode(self, family: Family, case: dict, referral: date, plan_state) -> date | None:
        """Returns the day the episode ended, or None when it is still open today."""
        rng = self.rng
        strategy = self.on_or_after(referral + timedelta(days=rng.randint(0, 5)))
        if strategy > self.today:
            return None
        case["_section_47_started_on"] = strategy
        roll = rng.random()
        late = 0.32 - 0.14 * self.quality(strategy)  # timeliness improves over the years
        if roll < 1 - late:
            days = rng.randint(4, 15)
        elif roll < 1 - late / 3:
            days = rng.randint(16, 20)
        else:
            days = rng.randint(21, 40)
        icpc = self.calendar.add_working_days(strategy, days)
        chair = rng.choice(self.staff.chairs)
        if icpc >= self.today:
            self._conference(family, "initial", icpc, chair, strategy=strategy, draft=True)
            return None
        children = [c for c in family.children if (c.born or c.expected) and c.age_on(icpc) < 18]
        if not children:
            case["_enquiry_outcome"] = "nfa"
            self._close(case, icpc, "RC7")
            return icpc
        outcomes = self._initial_outcomes(children)
        conference = self._conference(
            family, "initial", icpc, chair, strategy=strategy, children=children
        )
        case["_initial_conference"] = conference
        case["_conference_children"] = {child.id for child in children}
        on_plan = [child for child in children if outcomes[child.id][0] == CP_PLAN]
        first_core_group = timescales.first_core_group_due(icpc, self.calendar)
        review_due = timescales.review_due("initial", icpc)
        for child in children:
            outcome, category = outcomes[child.id]
            self._decision(
                family, conference, child, outcome, category, first_core_group, review_due
            )
        if not on_plan:
            if any(outcome == CIN_PLAN for outcome, _ in outcomes.values()):
                case["status"] = CaseStatus.CHILD_IN_NEED_PLAN
                self._maybe_close(case, icpc, "RC7", 0.5)
            else:
                # Not RC8: that is for a case closed after assessment, with no enquiry (2990).
                case["status"] = "closed"
                self._close(case, icpc, "RC7")
            return icpc
        case["status"] = CaseStatus.CHILD_PROTECTION_PLAN
        categories = {child.id: outcomes[child.id][1] for child in on_plan}
        return self._plan(family, case, conference, on_plan, categories, plan_state)

    def _initial_outcomes(self, children: list[Person]) -> dict[int, tuple[str, str | None]]:
        rng = self.rng
        category = self.pick(texts.CATEGORIES)
        roll = rng.random()
        result = {}
        for n, child in enumerate(children):
            if roll < 0.86 or (roll < 0.92 and (n == 0 or self.chance(0.5))):
                own = category if self.chance(0.92) else self.pick(texts.CATEGORIES)
                result[child.id] = (CP_PLAN, own)
            else:
                result[child.id] = (
                    CIN_PLAN if self.chance(0.7) else NFA,
                    None,
                )
        return result

    def _plan(self, family, case, conference, on_plan, categories, plan_state) -> date | None:
        """The plan from the initial conference to its end at a review, or to today."""
        rng = self.rng
        reviews_until_end = self.pick(PLAN_LENGTHS)
        plan = self._plan_version(family, conference, on_plan, plan_state, None)
        held, kind, review_number = conference["held_on"], "initial", 0
        while True:
            review_on = self._review_date(held, kind)
            self._core_groups(family, plan, held, kind, review_on, on_plan)
            self._statutory_visits(family, held, review_on, on_plan)
            chair = rng.choice(self.staff.chairs)
            if review_on >= self.today:
                self._conference(
                    family, "review", review_on, chair, previous=conference["id"], draft=True
                )
                return None
            review_number += 1
            conference = self._conference(
                family, "review", review_on, chair, previous=conference["id"], children=on_plan
            )
            ending = review_number >= reviews_until_end
            reason = self.pick(END_REASONS) if ending else None
            staying, reasons = self._review_decisions(
                family, conference, on_plan, categories, reason
            )
            if not staying:
                self._end_plan(plan, case, review_on, reasons)
                return review_on
            on_plan = staying
            plan = self._plan_version(family, conference, on_plan, plan_state, plan)
            held, kind = review_on, "review"

    def _review_date(self, held: date, kind: str) -> date:
        """Mostly on time, more often where practice is better; never within 20 working days."""
        rng = self.rng
        due = timescales.review_due(kind, held)
        if self.chance(0.85 + 0.1 * self.quality(held)):
            review_on = self.on_or_before(due - timedelta(days=rng.randint(0, 21)))
        else:
            review_on = self.on_or_after(due + timedelta(days=rng.randint(1, 40)))
        return max(review_on, self.calendar.add_working_days(held, 20))

    def _review_decisions(self, family, conference, on_plan, categories, ending_reason):
        """Each child's decision at a review: the plan goes on, or ends (at 18, or for the
        reason the plan is ending). The children staying on a plan, and the reasons for the
        rest."""
        review_on = conference["held_on"]
        first_core_group = timescales.first_core_group_due(review_on, self.calendar)
        next_due = timescales.review_due("review", review_on)
        staying, reasons = [], set()
        for child in on_plan:
            reason = "turned_18" if child.age_on(review_on) >= 18 else ending_reason
            if reason is None:
                if self.chance(0.05):
                    categories[child.id] = self.pick(texts.CATEGORIES)
                staying.append(child)
                self._decision(
                    family,
                    conference,
                    child,
                    CP_PLAN,
                    categories[child.id],
                    first_core_group,
                    next_due,
                )
            else:
                reasons.add(reason)
                outcome = CIN_PLAN if reason == STEP_DOWN else NFA
                self._decision(family, conference, child, outcome, None, None, None, reason)
        return staying, reasons

    def _end_plan(self, plan: dict, case: dict, review_on: date, reasons: set) -> None:
        plan["ended_on"] = review_on
        plan["end_reason"] = reasons.pop() if len(reasons) == 1 else "different_reasons"
        if STEP_DOWN in reasons or plan["end_reason"] == STEP_DOWN:
            case["status"] = CaseStatus.CHILD_IN_NEED_PLAN
            self._maybe_close(case, review_on, "RC7", 0.4)
        else:
            transferred = plan["end_reason"] == "transferred"
            self._close(case, review_on, "RC5" if transferred else "RC7")

    def _close(self, case: dict, day: date, reason: str) -> None:
        case["_closed_on"] = min(day + timedelta(days=self.rng.randint(0, 30)), self.today)
        case["_closure_reason"] = reason
        case["status"] = "closed"

    def _maybe_close(self, case: dict, day: date, reason: str, p: float) -> None:
        """A child in need plan that later ended, or not yet."""
        later = day + timedelta(days=self.rng.randint(60, 365))
        if later < self.today and self.chance(p):
            case["_closed_on"], case["_closure_reason"], case["status"] = later, reason, "closed"

    # Each child's episodes.

    def _new_episode(self, referral: date) -> dict:
        return {
            "_referral_date": referral,
            "_referral_source": self.pick(texts.REFERRAL_SOURCES),
            "_primary_need_code": self.pick(texts.PRIMARY_NEEDS),
            "_section_47_started_on": None,
            "_initial_conference": None,
            "_conference_children": set(),
            "_enquiry_outcome": None,
            "_closed_on": None,
            "_closure_reason": None,
        }

    def _child_episodes(self, family: Family, case: dict, next_referral: date | None) -> None:
        """Write the episode just ended (or still open) for each child it was about: the
        children under 18 at the referral, born or expected by then or within the pregnancy.
        An episode still open when the family is referred again is closed the day before."""
        referral = case["_referral_date"]
        closed_on, reason = case["_closed_on"], case["_closure_reason"]
        if next_referral is not None and (closed_on is None or closed_on >= next_referral):
            closed_on, reason = next_referral - timedelta(days=1), reason or "RC7"
        cin_plans = family.rows.pop("cin_plans", {})
        strategy = case["_section_47_started_on"]
        icpc = case["_initial_conference"]
        for child in family.children:
            if child.id not in cin_plans and not -0.75 < child.age_on(referral) < 18:
                continue
            assessed, authorised = self._assessment(referral, strategy, icpc, closed_on)
            cin_plan = cin_plans.get(child.id)
            episode_id = self.w.next_id("child_episode")
            self.w.add(
                "child_episode",
                {
                    "id": episode_id,
                    "child_id": child.id,
                    "referral_date": referral,
                    "referral_source": case["_referral_source"],
                    "primary_need_code": case["_primary_need_code"],
                    "referral_nfa": False,
                    "assessment_started_on": assessed,
                    "assessment_authorised_on": authorised,
                    "cin_plan_started_on": cin_plan,
                    "cin_plan_ended_on": closed_on if cin_plan and closed_on else None,
                    "closed_on": closed_on,
                    "closure_reason": reason if closed_on else None,
                    "created_at": self.moment(referral, 11),
                    "version": 1,
                },
            )
            if strategy is None:
                continue
            held = icpc is not None and icpc.get("finalised_at") is not None
            outcome = "conference" if held else case["_enquiry_outcome"]
            completed = icpc["held_on"] if held else (closed_on if outcome else None)
            if held and child.id not in case["_conference_children"]:
                held, outcome = False, "nfa"  # 18 by the conference: it was not about them
            self.w.add(
                "section_47_enquiry",
                {
                    "id": self.w.next_id("section_47_enquiry"),
                    "episode_id": episode_id,
                    "strategy_discussion_on": strategy,
                    "started_on": strategy,
                    "completed_on": completed,
                    "outcome": outcome,
                    "conference_id": icpc["id"] if held else None,
                    "created_at": self.moment(strategy, 12),
                    "version": 1,
                },
            )

    def _assessment(self, referral, strategy, icpc, closed_on) -> tuple[date, date | None]:
        """The child's assessment: started within days of the referral and by the start of
        the section 47 enquiry, authorised weeks later and not before the initial conference
        it informed (so that a census year with the enquiry or the conference has the
        assessment too, rule 2991Q), and by the time the episode closes (rule 8867); not yet,
        when that is after today."""
        last = min(closed_on or self.today, self.today, strategy or self.today)
        started = min(referral + timedelta(days=self.rng.randint(0, 3)), last)
        authorised = started + timedelta(days=self.rng.randint(15, 60))
        if icpc is not None:
            authorised = max(authorised, icpc["held_on"] + timedelta(days=self.rng.randint(0, 10)))
        if closed_on is not None:
            authorised = min(authorised, closed_on)
        return started, authorised if authorised <= self.today else None

    # Conferences.

    def _conference(
        self, family, kind, held_on, chair, strategy=None, previous=None, children=(), draft=False
    ) -> dict:
        rng = self.rng
        twilight = self.chance(0.1)
        conference_id = self.w.next_id("conference")
        finalised = None if draft else self.moment(held_on + timedelta(days=rng.randint(0, 3)))
        conference = {
            "id": conference_id,
            "case_id": family.case_id,
            "conference_type": kind,
            "held_on": held_on,
            "starts_at": time(16, 0) if twilight else rng.choice((time(10, 0), time(13, 30))),
            "venue": "" if not self.chance(0.7) else "Synthtown Civic Centre, Room 2",
            "online": self.chance(0.3),
            "twilight": twilight,
            "chair_id": chair[0],
            "strategy_discussion_on": strategy,
            "previous_conference_id": previous,
            "report_shared_on": None if draft else held_on - timedelta(days=rng.randint(1, 9)),
            "finalised_at": finalised,
            "finalised_by_id": None if draft else chair[0],
            "created_at": self.moment(held_on - timedelta(days=rng.randint(5, 15)), 9),
        }
        self.w.add("conference", conference)
        attendees = self._attendees(family, conference_id, draft)
        if draft:
            return conference
        worries = self._map(conference_id, kind, [c.id for c in children])
        conference["_worries"] = worries
        self._scores(conference, attendees)
        for child in children:
            self._voice(conference, child)
            self._identity_review(conference_id, child)
        self.feedback.after(family, held_on, conference_id=conference_id)
        return conference

    def _attendees(self, family: Family, conference_id: int, draft: bool) -> list[dict]:
        rng = self.rng
        people = []
        for adult in family.adults:
            if adult.is_parent or self.chance(0.5):
                interpreter = family.language != "English" and self.chance(0.6)
                people.append(
                    {
                        "name": adult.name,
                        "role": adult.role,
                        "agency": "",
                        "agency_type": "family",
                        "relationship_to_family": adult.role,
                        "is_parent": adult.is_parent,
                        "user_id": None,
                        "adult_id": adult.id,
                        "attendance": "attended" if self.chance(0.85) else "apologies",
                        "interpreter_present": interpreter,
                        "interpreter_language": family.language if interpreter else "",
                        "is_supporter": not adult.is_parent,
                        "in_core_group": adult.is_parent,
                    }
                )
        people.append(
            {
                "name": family.worker[1],
                "role": "Social worker",
                "agency": "Children’s Social Care",
                "agency_type": "childrens_social_care",
                "relationship_to_family": "",
                "is_parent": False,
                "user_id": family.worker[0],
                "adult_id": None,
                "attendance": "attended",
                "interpreter_present": False,
                "interpreter_language": "",
                "is_supporter": False,
                "in_core_group": True,
            }
        )
        agencies = rng.sample(texts.AGENCIES, rng.randint(2, 4))
        if family.practitioner:
            _id, name, agency_type, agency = family.practitioner
            agencies[0] = (agency_type, "Practitioner", agency, name, _id)
        for agency in agencies:
            agency_type, role, agency_name = agency[:3]
            name = agency[3] if len(agency) > 3 else f"{role}, {agency_name}"
            roll = rng.random()
            people.append(
                {
                    "name": name,
                    "role": role,
                    "agency": agency_name,
                    "agency_type": agency_type,
                    "relationship_to_family": "",
                    "is_parent": False,
                    "user_id": agency[4] if len(agency) > 4 else None,
                    "adult_id": None,
                    "attendance": (
                        "attended" if roll < 0.78 else "report_sent" if roll < 0.9 else "apologies"
                    ),
                    "interpreter_present": False,
                    "interpreter_language": "",
                    "is_supporter": False,
                    "in_core_group": roll < 0.78,
                }
            )
        for position, person in enumerate(people):
            person["id"] = self.w.next_id("attendee")
            person["conference_id"] = conference_id
            person["position"] = position
            if draft:
                person["attendance"] = "invited"
            self.w.add("attendee", person)
        return people

    def _map(self, conference_id: int, kind: str, child_ids: list[int]) -> list[int]:
        """The map; returns the ids of its worry statements."""
        rng = self.rng
        items = []
        if kind == "initial":
            items.append(("danger_harm", rng.choice(texts.DANGERS)))
        worries = rng.sample(texts.WORRIES, rng.randint(2, 3) if kind == "initial" else 1)
        items += [("worry", worry) for worry in worries]
        items.append(("safety", rng.choice(texts.SAFETIES)))
        items.append(("strengths", rng.choice(texts.STRENGTHS)))
        if kind == "initial":
            items.append(("complicating", rng.choice(texts.COMPLICATING)))
            if self.chance(0.4):
                items.append(("grey", rng.choice(texts.GREYS)))
        ids = []
        for position, (heading, text) in enumerate(items):
            item_id = self.w.next_id("map_item")
            worry = heading == "worry"
            self.w.add(
                "map_item",
                {
                    "id": item_id,
                    "conference_id": conference_id,
                    "heading": heading,
                    "text": "" if worry else text,
                    "who_is_worried": "The social worker and the school" if worry else "",
                    "worried_about": text[0] if worry else "",
                    "could_happen": text[1] if worry else "",
                    "raised_by": "Social worker",
                    "family_response": "",
                    "child_ids": child_ids,
                    "position": position,
                },
            )
            if worry:
                ids.append(item_id)
        return ids

    def _scores(self, conference: dict, attendees: list[dict]) -> None:
        rng = self.rng
        rise = 0 if conference["conference_type"] == "initial" else rng.randint(0, 3)
        for attendee in attendees:
            if attendee["attendance"] != "attended" or attendee["is_supporter"]:
                continue
            low, high = (4, 8) if attendee["is_parent"] else (1, 6)
            self.w.add(
                "scaling_score",
                {
                    "id": self.w.next_id("scaling_score"),
                    "conference_id": conference["id"],
                    "attendee_id": attendee["id"],
                    "worry_item_id": None,
                    "person_name": attendee["name"],
                    "role_label": attendee["role"],
                    "is_parent": attendee["is_parent"],
                    "value": min(10, rng.randint(low, high) + rise),
                    "reason": "",
                    "question": texts.QUESTION,
                    "zero_means": texts.ZERO_MEANS,
                    "ten_means": texts.TEN_MEANS,
                    "polarity": "safe_at_10",
                    "recorded_at": conference["finalised_at"],
                },
            )

    def _voice(self, conference: dict, child: Person) -> None:
        rng = self.rng
        held = conference["held_on"]
        age = child.age_on(held) if child.born and child.born <= held else -1
        if age < 4:
            code, advocacy, words = "PN0", "not_applicable", ""
        else:
            code = self.pick(PARTICIPATION)
            advocacy = (
                ("yes" if self.chance(0.75) else "no")
                if age >= ADVOCACY_FROM_AGE
                else "not_applicable"
            )
            words = "" if code in ("PN4", "PN7") else rng.choice(texts.OWN_WORDS)
        seen_alone = age >= 4 and self.chance(0.7)
        methods = (["seen_alone"] if seen_alone else []) + (
            ["direct_work"] if words and self.chance(0.6) else []
        )
        if code in ("PN1", "PN2", "PN3", "PN4"):
            methods.append("attended")
        self.w.add(
            "child_voice",
            {
                "id": self.w.next_id("child_voice"),
                "conference_id": conference["id"],
                "child_id": child.id,
                "own_words": words,
                "methods": methods,
                "seen_alone_on": held - timedelta(days=rng.randint(2, 20)) if seen_alone else None,
                "participation_code": code,
                "advocacy_offered": advocacy,
                "observations": "Observed at home: settled, smiles at Mum." if age < 4 else "",
                "observed_by": "Social worker" if age < 4 else "",
            },
        )

    def _identity_review(self, conference_id: int, child: Person) -> None:
        known = self.chance(0.8)
        self.w.add(
            "conference_identity",
            {
                "id": self.w.next_id("conference_identity"),
                "conference_id": conference_id,
                "child_id": child.id,
                "cultural_or_harm": "Discussed: the worries are harm whatever the culture.",
                "community_safety_network": "The family's community centre can help."
                if known
                else "",
                "heritage_connection": f"{child.given_name} keeps in touch with family and culture."
                if known
                else "",
                "interpreter_and_translation": "",
                "not_known": [] if known else ["community_safety_network", "heritage_connection"],
            },
        )

    def _decision(
        self,
        family,
        conference,
        child,
        outcome,
        category,
        first_core_group,
        review_on,
        end_reason=None,
    ) -> None:
        rng = self.rng
        self.w.add(
            "child_decision",
            {
                "id": self.w.next_id("child_decision"),
                "conference_id": conference["id"],
                "child_id": child.id,
                "outcome": outcome,
                "category": category,
                "reasons": rng.choice(texts.DECISION_REASONS),
                "parents_view": rng.choice(texts.PARENTS_VIEWS),
                "dissent": "A parent disagrees with the plan." if self.chance(0.1) else "",
                "lead_social_worker_id": family.worker[0],
                "contingency_plan": rng.choice(texts.CONTINGENCY) if outcome == CP_PLAN else "",
                "first_core_group_on": first_core_group if outcome == CP_PLAN else None,
                "review_on": review_on if outcome == CP_PLAN else None,
                "end_reason": end_reason,
            },
        )
        if outcome == CIN_PLAN:
            # The child in need plan starts at its first meeting, days after the conference:
            # not on the day a protection plan ends at a review (which the validator's rule
            # 4003 misreads when a child has two episodes in a year).
            starts = self.calendar.add_working_days(conference["held_on"], rng.randint(1, 10))
            family.rows.setdefault("cin_plans", {}).setdefault(
                child.id, starts if starts <= self.today else None
            )

    # Plans.

    def _plan_version(self, family, conference, on_plan, plan_state, previous) -> dict:
        rng = self.rng
        held = conference["held_on"]
        quality = self.quality(held)
        plan_id = self.w.next_id("protection_plan")
        plan_state["number"] += 1
        prior = plan_state["previous"]
        identity = self.chance(0.55 + 0.2 * quality)
        views = self.chance(0.6 + 0.2 * quality)
        all_answered = self.chance(0.65 + 0.2 * quality)
        plan = {
            "id": plan_id,
            "case_id": family.case_id,
            "conference_id": conference["id"],
            "number": plan_state["number"],
            "previous_plan_id": prior["id"] if prior else None,
            "contingency_plan": rng.choice(texts.CONTINGENCY),
            "child_seen": "The social worker sees each child at home every 10 working days.",
            "identity_statement": self._identity_statement(family, identity),
            "child_views_statement": rng.choice(texts.CHILD_VIEWS) if views else "",
            "finalised_at": self.moment(held + timedelta(days=rng.randint(0, 5))),
            "finalised_by_id": conference["chair_id"],
            "ended_on": None,
            "end_reason": None,
            "worries_all_answered": all_answered,
            "identity_considered": identity,
            "child_views_recorded": views,
            "created_at": self.moment(held),
        }
        self.w.add("protection_plan", plan)
        plan_state["previous"] = plan
        plan["_goals"] = []
        worries = list(conference.get("_worries", []))
        if previous is not None:
            for goal in previous["_goals"]:
                state = "kept" if self.chance(0.7) else rng.choice(("changed", "achieved"))
                if goal["state"] in ("achieved", "dropped"):
                    continue
                self._goal(plan, family, on_plan, goal["_worries"], held, quality, goal, state)
        answered = worries if all_answered or len(worries) < 2 else worries[:-1]
        new_goals = 0
        for worry in answered:
            self._goal(plan, family, on_plan, [worry], held, quality)
            new_goals += 1
        if not plan["_goals"] or (previous is None and new_goals < 3 and self.chance(0.5)):
            self._goal(plan, family, on_plan, answered[:1], held, quality)
        return plan

    def _identity_statement(self, family: Family, considered: bool) -> str:
        """Words the plan checker judges as `considered` says: a family that speaks another
        language is always promised the interpreter, since anyone of them may need one."""
        rng = self.rng
        if not considered:
            return rng.choice(texts.IDENTITY_NOT_SHAPING)
        if family.language == "English":
            return rng.choice(texts.IDENTITY_SHAPES)
        spoken = rng.choice(texts.IDENTITY_LANGUAGE).format(language=family.language)
        return f"{spoken} {rng.choice(texts.IDENTITY_SHAPES)}" if self.chance(0.5) else spoken

    def _goal(self, plan, family, on_plan, worries, held, quality, origin=None, state="active"):
        rng = self.rng
        goal_id = self.w.next_id("safety_goal")
        if origin is not None:
            grade, measurable, statement = (
                origin["outcome_grade"],
                origin["measurable"],
                origin["statement"],
            )
            if state == "changed" and not measurable:
                measurable = self.chance(0.5)
            measure, target = origin["measure"], origin["target"]
            if measurable and not measure:
                measure, target = "Visit checklist", "At every visit"
        else:
            name = rng.choice(on_plan).given_name
            months = rng.choice((3, 6))
            focused = self.chance(0.6 + 0.2 * quality)
            # About one outcome in four has an action written into it (graded mixed).
            grade = ("mixed" if self.chance(0.25) else "outcome") if focused else "task"
            measurable = self.chance(0.8 if focused else 0.15)
            if focused:
                goals = texts.MIXED_GOALS if grade == "mixed" else texts.GOOD_GOALS
                text, measure, target = rng.choice(goals)
                statement = text.format(name=name, months=months)
                target = target.format(months=months)
            else:
                statement = rng.choice(texts.TASK_GOALS).format(name=name)
                measure, target = "Attendance records", "Attends every session"
            if not measurable:
                measure, target = "", ""
        goal = {
            "id": goal_id,
            "plan_id": plan["id"],
            "origin_goal_id": origin["id"] if origin else None,
            "statement": statement,
            "child_ids": [child.id for child in on_plan],
            "worry_item_ids": list(worries),
            "measure": measure,
            "baseline": "Where things were at the conference" if measurable else "",
            "target": target,
            "sustained_for": "6 months" if measurable else "",
            "review_on": timescales.review_due("initial" if origin is None else "review", held),
            "owner": family.adults[0].name,
            "family_words": "",
            "state": state,
            "position": len(plan["_goals"]),
            "outcome_focused": grade != "task",  # an outcome is in it: outcome or mixed
            "measurable": measurable,
            "outcome_grade": grade,
        }
        self.w.add("safety_goal", goal)
        goal["_worries"] = list(worries)
        goal["_actions"] = []
        for position in range(rng.randint(1, 2)):
            action_id = self.w.next_id("plan_action")
            self.w.add(
                "plan_action",
                {
                    "id": action_id,
                    "goal_id": goal_id,
                    "what": rng.choice(texts.ACTIONS),
                    "who": family.worker[1] if position else family.adults[0].name,
                    "by_when": held + timedelta(days=rng.randint(14, 60))
                    if self.chance(0.75)
                    else None,
                    "status": "not_started",
                    "position": position,
                    "added_at_meeting_id": None,
                },
            )
            goal["_actions"].append(action_id)
        plan["_goals"].append(goal)

    # Core groups.

    def _core_groups(self, family, plan, held, kind, until, on_plan) -> None:
        """The core groups from the conference on `held` until the next conference (or today):
        the first within 10 working days of an initial conference (mostly), then every 4 to
        6 weeks, none in the last 10 working days before the review."""
        rng = self.rng
        if kind == "initial":
            days = rng.randint(3, 10) if self.chance(0.85) else rng.randint(11, 20)
            day = self.calendar.add_working_days(held, days)
        else:
            day = self.on_or_after(held + timedelta(days=rng.randint(14, 35)))
        last_allowed = self.calendar.subtract_working_days(until, 10)
        days = []
        while day <= last_allowed and day < self.today:
            days.append(day)
            day = self.on_or_after(day + timedelta(days=rng.randint(28, 42)))
        # The date set for the next meeting: none after the last one before a review.
        following = [*days[1:], day if day <= last_allowed else None]
        for n, (since, day, next_on) in enumerate(
            zip([held, *days], days, following, strict=False)
        ):
            self._meeting(family, plan, since, day, next_on, on_plan, n)

    # Statutory visits.

    def _statutory_visits(self, family, held, until, on_plan) -> None:
        """The social worker's visits to the children on the plan, from the conference on
        `held` until the next conference (or today): mostly within 10 working days of the last
        (more often where practice is better), some late; most children seen, most of those
        born seen alone (the younger ones less often)."""
        rng = self.rng
        end = min(until, self.today)
        day = held
        while True:
            on_time = self.chance(0.7 + 0.25 * self.quality(day))
            day = self.calendar.add_working_days(
                day, rng.randint(5, 10) if on_time else rng.randint(11, 25)
            )
            if day >= end:
                return
            visit_id = self.w.next_id("statutory_visit")
            self.w.add(
                "statutory_visit",
                {
                    "id": visit_id,
                    "case_id": family.case_id,
                    "visited_on": day,
                    "visited_at": time(rng.choice((9, 10, 11, 14, 15, 16, 17)), 0),
                    "visitor_id": family.worker[0],
                    "visitor_name": "",
                    "visitor_role": "",
                    "by_lead_social_worker": True,
                    "place": "Home" if self.chance(0.8) else "School",
                    "announced": self.chance(0.8),
                    "observations": rng.choice(texts.VISIT_OBSERVATIONS),
                    "next_steps": rng.choice(texts.VISIT_NEXT_STEPS),
                    "recorded_by_id": family.worker[0],
                    "recorded_at": self.moment(day, 18),
                },
            )
            for child in on_plan:
                self._child_at_visit(visit_id, child, day)

    def _child_at_visit(self, visit_id: int, child: Person, day: date) -> None:
        rng = self.rng
        born = child.born is not None and child.born <= day
        seen = self.chance(0.93)
        alone = seen and born and self.chance(0.85 if child.age_on(day) >= 4 else 0.5)
        self.w.add(
            "statutory_visit_child",
            {
                "id": self.w.next_id("statutory_visit_child"),
                "visit_id": visit_id,
                "child_id": child.id,
                "seen": seen,
                "not_seen_reason": "" if seen else rng.choice(texts.NOT_SEEN_REASONS),
                "seen_alone": alone,
                "not_alone_reason": (
                    rng.choice(texts.NOT_ALONE_REASONS) if seen and born and not alone else ""
                ),
                "bedroom_seen": (self.chance(0.7) or None) if seen else None,
                "own_words": (
                    rng.choice(texts.OWN_WORDS) if alone and child.age_on(day) >= 4 else ""
                ),
                # Written without the ORM, so the key its flush keeps is set here.
                "statutory_key": visit_rules.statutory_key(
                    visit_rules.ChildSeen(day, seen, alone, by_lead_social_worker=True)
                ),
            },
        )

    def _meeting(self, family, plan, since, day, following, on_plan, n) -> None:
        rng = self.rng
        meeting_id = self.w.next_id("core_group_meeting")
        self.w.add(
            "core_group_meeting",
            {
                "id": meeting_id,
                "case_id": family.case_id,
                "plan_id": plan["id"],
                "held_on": day,
                "chaired_by": family.worker[1],
                "child_views": rng.choice(texts.CHILD_VIEWS),
                "parents_views": rng.choice(texts.PARENTS_VIEWS),
                "next_meeting_on": following,
                "notes_sent_to": "Everyone in the core group",
                "recorded_by_id": family.worker[0],
                "completed_at": self.moment(min(day + timedelta(days=1), self.today)),
                "created_at": self.moment(day, 9),
            },
        )
        self.feedback.after(family, day, meeting_id=meeting_id)
        present = [(family.worker[1], "Social worker", family.worker[0], False)]
        present += [(adult.name, adult.role, None, True) for adult in family.adults[:2]]
        if family.practitioner:
            present.append((family.practitioner[1], "Practitioner", family.practitioner[0], False))
        for name, role, user_id, is_parent in present:
            self.w.add(
                "core_group_attendance",
                {
                    "id": self.w.next_id("core_group_attendance"),
                    "meeting_id": meeting_id,
                    "name": name,
                    "role": role,
                    "user_id": user_id,
                    "is_parent": is_parent,
                    "attendance": "attended" if not is_parent or self.chance(0.85) else "apologies",
                },
            )
        span = max(1, (day - since).days - 1)
        old_enough = any(child.born and child.age_on(day) >= 4 for child in on_plan)
        for _ in range(rng.randint(1, 2)):
            seen = self.chance(0.92)
            self.w.add(
                "core_group_visit",
                {
                    "id": self.w.next_id("core_group_visit"),
                    "meeting_id": meeting_id,
                    "visited_on": since + timedelta(days=rng.randint(1, span)),
                    "visitor": family.worker[1],
                    "place": "Home" if self.chance(0.8) else "School",
                    "child_ids": [child.id for child in on_plan],
                    "child_seen": seen,
                    "seen_alone": seen and old_enough and self.chance(0.6),
                },
            )
        for goal in plan["_goals"]:
            if goal["state"] in ("achieved", "dropped"):
                continue
            rating = self.pick(RATINGS_AT_MEETING[min(n, len(RATINGS_AT_MEETING) - 1)])
            self.w.add(
                "goal_progress",
                {
                    "id": self.w.next_id("goal_progress"),
                    "meeting_id": meeting_id,
                    "goal_id": goal["id"],
                    "where_now": texts.PROGRESS_NOTES[rating],
                    "rating": rating,
                    "evidence": goal["measure"] or "The social worker's visits",
                    "said_by": family.worker[1],
                },
            )
            for action_id in goal["_actions"][:1]:
                self.w.add(
                    "action_update",
                    {
                        "id": self.w.next_id("action_update"),
                        "meeting_id": meeting_id,
                        "action_id": action_id,
                        "status": rng.choice(("done", "in_progress", "not_done")),
                        "note": "",
                    },
                )
