"""What is due on the user's cases, each item with its statutory date (docs/domain.md
sections 2, 6 and 8), worked out from what `queries.work_of` loaded, without querying case by case.

- Conferences: an initial conference not booked yet is due within 15 working days of the
  strategy discussion that started the section 47 enquiry; a booked one is listed until its
  record is finalised, with the date it was due by.
- Core groups: the first within 10 working days of the initial conference, then every few
  weeks, the last at least 10 working days before the review (the case page's rule).
- Reports to parents: shared 2 working days before an initial conference, 5 before a review.
- Reviews: 3 months after the initial conference, then every 6 months; listed here until one
  is booked, when it is listed under Conferences instead (each item is listed once).
- Plans: a plan still in draft after its conference was finalised, due to be finalised by the
  first core group after it (for the social worker, the team manager and the chair); and a
  draft plan with checks still to put right, counted as the chair sees them when finalising.
- Actions from management oversight: the owner's open actions, and for the manager who set
  them, those overdue.
- Statutory visits: each child on a plan, when their next visit is overdue or due within 10
  working days, for the case's social worker and the manager of the case's team.
- Audio copies: for each person who asked for their plan as audio, a recording of the latest
  agreed plan, until one is attached (for the social worker and the team's manager: audio.py).
- Core group meetings started and not completed yet, for the case's social worker, the core
  group's members and whoever started it (each of whom may finish it); and for a member of the
  core group, the actions of the plan in force that name them or their agency, with their
  status (core_group_work.py).

Each item is listed only to those who may act on it (services/access.py and the checks of the
page it links to): a practitioner from another agency is not asked to book a conference, share
a report or put a plan right. The case page lists what is due whoever looks.

Items are ordered by date, so the overdue ones come first, then those due within 10 working
days, then the later ones.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from conference.domain import clock, core_group_schedule, oversight, timescales
from conference.domain.plan_versions import plan_in_force
from conference.domain.timescales import WorkingDayCalendar
from conference.domain.vocabulary import CaseStatus
from conference.domain.wording import count, long_date
from conference.models import (
    AuditEvent,
    Conference,
    ConferenceType,
    Plan,
    Role,
    User,
)
from conference.services import audit, plan_checks
from conference.services.access import can_edit, may_change
from conference.services.conferences import conference as conference_services
from conference.services.core_groups import plan_run, review_set_or_due, run_of
from conference.services.episodes import enquiries_awaiting_conference
from conference.services.my_work import audio
from conference.services.my_work.core_group_work import (
    BEING_RECORDED,
    ActionItem,
    action_items,
    has_actions,
    meeting_items,
    records_core_groups,
)
from conference.services.my_work.entries import Item, Link, Urgency
from conference.services.my_work.queries import CaseWork
from conference.services.visits import FamilyRecord, statuses

SOON_WORKING_DAYS = 10
# Those with a part in cases; administrators see no case content, so have no work here.
ROLES = (
    Role.MANAGER.value,
    Role.CHAIR.value,
    Role.SOCIAL_WORKER.value,
    Role.PRACTITIONER.value,
    Role.MINUTE_TAKER.value,  # the conferences they minute (my_work/minutes.py)
)
OVERDUE = "overdue"
SOON = "soon"
LATER = "later"


def has_my_work(user) -> bool:
    """Whether the user has a My work page (where signing in takes them)."""
    return user.role in ROLES


def today() -> date:
    """Today's date: one place for tests to set it."""
    return clock.today()


@dataclass(frozen=True)
class Settings:
    """The local settings the due dates depend on (see conference/config.py)."""

    core_group_interval_weeks: int
    report_days_before_initial: int
    report_days_before_review: int
    plan_actions_ceiling: int
    statutory_visit_working_days: int = 10

    @classmethod
    def from_config(cls, config) -> "Settings":
        return cls(
            config["CORE_GROUP_INTERVAL_WEEKS"],
            config["REPORT_DAYS_BEFORE_INITIAL"],
            config["REPORT_DAYS_BEFORE_REVIEW"],
            config["PLAN_ACTIONS_CEILING"],
            config["STATUTORY_VISIT_WORKING_DAYS"],
        )


@dataclass(frozen=True)
class Section:
    key: str
    caption: str
    # A draft plan to put right has no date to be urgent by; a member's actions are tagged
    # overdue by their own "By when".
    rows: (
        list[tuple[Item, Urgency]] | list[tuple["PlanItem", None]] | list[tuple["ActionItem", None]]
    )
    empty: str = "Nothing due"


def urgency(on: date, today: date, calendar: WorkingDayCalendar) -> Urgency:
    """Overdue from the day after the date (on the day is on time); then due within 10 working
    days; then later."""
    return _urgency(on, today, calendar)


@lru_cache(maxsize=8192)
def _urgency(on: date, today: date, calendar: WorkingDayCalendar) -> Urgency:
    # Kept: a manager's thousands of items fall on a few hundred days (counting the working
    # days was 0.7 s of their page at 50,000 children).
    if timescales.is_late(today, on):
        # Counted in working days, as the statutory timescales are.
        days = timescales.working_days_late(today, on, calendar)
        if not days:
            return Urgency(OVERDUE, "Less than 1 working day overdue")
        return Urgency(OVERDUE, f"{count(days, 'working day')} overdue")
    if on == today:
        return Urgency(SOON, "Due today")
    working_days = calendar.working_days_between(today, on)
    text = f"Due in {count(working_days, 'working day')}"
    return Urgency(SOON if working_days <= SOON_WORKING_DAYS else LATER, text)


def sections(
    user, work: list[CaseWork], today: date, calendar: WorkingDayCalendar, settings: Settings
) -> list[Section]:
    """Every kind of item, each kind in date order."""

    def section(key, caption, items: Iterable[Item], empty="Nothing due") -> Section:
        ordered = sorted(
            (item for item in items if item.actionable),
            key=lambda item: (item.on, item.case_work.case.reference),
        )
        return Section(key, caption, [(i, urgency(i.on, today, calendar)) for i in ordered], empty)

    # Only those who record visits and see oversight have a section for them.
    visits = [
        section(
            "visits",
            "Statutory visits",
            visit_items(user, work, today, calendar, settings),
            f"No visit overdue or due within {SOON_WORKING_DAYS} working days",
        )
    ]
    oversight_actions = [
        section(
            "oversight",
            "Actions from management oversight",
            oversight_items(user, work, today),
            "No actions from management oversight to do",
        )
    ]
    return [
        section("conferences", "Conferences", conference_items(user, work, today, calendar)),
        section("core-groups", "Core groups", core_group_items(user, work, calendar, settings)),
        *_core_group_work(user, work, today),
        *(visits if records_visits(user) else []),
        section(
            "reports", "Reports to parents", report_items(user, work, today, calendar, settings)
        ),
        *(oversight_actions if sees_oversight(user) else []),
        section(
            "reviews",
            "Review conferences to book",
            review_items(user, work),
            "No review conference to book",
        ),
        *_plans(user, work, today, calendar, settings),
        *(_audio(user, work) if audio.makes_audio_copies(user) else []),
    ]


def _audio(user, work: list[CaseWork]) -> list[Section]:
    """Audio copies of the agreed plan owed to those who asked for one (my_work/audio.py)."""
    rows = audio.audio_items(user, work)
    return [Section("audio", "Audio copies of plans owed", rows, "No audio copy of a plan is owed")]


def _core_group_work(user, work: list[CaseWork], today: date) -> list[Section]:
    """The meetings to finish recording; and a member's actions (only members of a core group
    have actions of their own to report on)."""
    being_recorded = sorted(
        (item for item in meeting_items(user, work) if item.actionable),
        key=lambda item: (item.on, item.case_work.case.reference),
    )
    found = [
        Section(
            "core-group-records",
            "Core group meetings to finish recording",
            [(item, BEING_RECORDED) for item in being_recorded],
            "No core group meeting is waiting to be finished",
        )
    ]
    if has_actions(user, work):
        found.append(
            Section(
                "actions",
                "Actions for you or your agency",
                [(item, None) for item in action_items(user, work, today)],
                "No action in a plan names you or your agency",
            )
        )
    return found


def _plans(
    user, work: list[CaseWork], today: date, calendar: WorkingDayCalendar, settings: Settings
) -> list[Section]:
    """Plans left in draft, then draft plans with checks to put right: each plan once, since
    one left in draft is put right on the way to being finalised."""
    to_finalise = sorted(
        unfinalised_plan_items(user, work, calendar, settings),
        key=lambda item: (item.on, item.case_work.case.reference),
    )
    listed = {item.link.values["plan_id"] for item in to_finalise}
    to_put_right = [
        item
        for item in plan_items(user, work, settings.plan_actions_ceiling)
        if item.plan.id not in listed
    ]
    return [
        Section(
            "plans-to-finalise",
            "Plans not finalised",
            [(item, urgency(item.on, today, calendar)) for item in to_finalise],
            "No plan left in draft after its conference",
        ),
        Section(
            "plans",
            "Draft plans with checks to put right",
            [(item, None) for item in to_put_right],
            "No draft plans with checks to put right",
        ),
    ]


def statutory_items(
    user, case_work: CaseWork, today: date, calendar: WorkingDayCalendar, settings: Settings
) -> list[tuple[Item, Urgency]]:
    """What is due on one case by the statutory timescales, for its case page, in date order
    (overdue first): conferences, core groups, visits to the children, reports to parents,
    the next review and a plan to finalise. The visits are every child's, whoever looks."""
    work = [case_work]
    items = [
        *conference_items(user, work, today, calendar),
        *core_group_items(user, work, calendar, settings),
        *_visit_items_of(case_work, today, calendar, settings),
        *report_items(user, work, today, calendar, settings),
        *review_items(user, work),
        *(item for _plan, item in _unfinalised_plans_of(case_work, calendar, settings)),
    ]
    items.sort(key=lambda item: item.on)
    return [(item, urgency(item.on, today, calendar)) for item in items]


def meetings_to_finish(user, case_work: CaseWork) -> list[Item]:
    """For the case page, after what is due by the statutory timescales: the core group
    meetings not completed yet, for whoever may record them."""
    if not records_core_groups(user, case_work):
        return []
    return list(meeting_items(user, [case_work]))


def may_book(user, case_work: CaseWork) -> bool:
    """Who may book a conference for the case (as conferences.new_conference allows), and
    change or share the report for one booked (access.may_change)."""
    return user.role == Role.CHAIR or can_edit(user, case_work.case)


# Conferences.


def conference_items(
    user, work: list[CaseWork], today: date, calendar: WorkingDayCalendar
) -> Iterable[Item]:
    for case_work in work:
        case = case_work.case
        enquiries = enquiries_awaiting_conference(case)
        started = enquiries[0].started_on if enquiries else None
        if started is not None and _initial_conference_to_book(case_work):
            link = (
                Link("conferences.new_conference", {"case_id": case.id})
                if may_book(user, case_work)
                else Link("cases.show_case", {"case_id": case.id})
            )
            yield Item(
                case_work,
                "Initial child protection conference: not booked yet",
                link,
                timescales.initial_conference_due(started, calendar),
                detail=f"Section 47 enquiry started on {long_date(started)}",
                actionable=may_book(user, case_work),
            )
        for conference in case_work.conferences:
            if not conference.finalised:
                yield _booked_conference(user, case_work, conference, today)


def _initial_conference_to_book(case_work: CaseWork) -> bool:
    """Whether the children's section 47 enquiry (started and still going on, as the caller
    checks) needs an initial conference booked."""
    case = case_work.case
    return case.status == CaseStatus.SECTION_47.value and not any(
        c.conference_type != ConferenceType.REVIEW for c in case_work.conferences
    )


def _booked_conference(user, case_work: CaseWork, conference: Conference, today: date) -> Item:
    """Listed to those who may change it (access.conference_to_change), and while it is to come
    to the core group's members, who go to it; once held, its record is not theirs to finish."""
    due = conference_services.due_date(conference)
    details = [f"Due by {long_date(due)}" if due else ""]
    if due is not None and timescales.is_late(conference.held_on, due):
        details.append("booked after its due date")
    what = conference.type_label
    if conference.held_on < today:
        what += ": record not finalised"
    return Item(
        case_work,
        what,
        Link("conferences.show_conference", {"conference_id": conference.id}),
        conference.held_on,
        "Held on" if conference.held_on < today else "Booked for",
        ", ".join(part for part in details if part),
        may_book(user, case_work) or (case_work.member and conference.held_on >= today),
    )


# Core groups.


def current_plan(case_work: CaseWork) -> Plan | None:
    """The plan in force: the newest version, unless it has ended (as the core groups use)."""
    return plan_in_force(case_work.plans)


def review_on(case_work: CaseWork, plan: Plan) -> date:
    """The next review conference, as `core_groups.services.review_date` finds it but from the
    conferences already loaded: the one booked, if any; else the date the plan's conference
    set; else the statutory date."""
    booked = booked_review(case_work, plan)
    return booked.held_on if booked is not None else review_set_or_due(plan)


def booked_review(case_work: CaseWork, plan: Plan) -> Conference | None:
    """The earliest review booked after the plan's conference and not finalised yet."""
    booked = [
        c
        for c in case_work.conferences
        if c.conference_type == ConferenceType.REVIEW
        and not c.finalised
        and c.held_on > plan.conference.held_on
    ]
    return min(booked, key=lambda c: (c.held_on, c.id), default=None)


def core_group_items(
    user, work: list[CaseWork], calendar: WorkingDayCalendar, settings: Settings
) -> Iterable[Item]:
    for case_work in work:
        plan = current_plan(case_work)
        if plan is None:
            continue
        run = run_of(plan)
        in_run = {p.id for p in plan_run(plan)}
        held = [held_on for plan_id, held_on in case_work.meetings if plan_id in in_run]
        due = core_group_schedule.next_core_group_due(
            run.started_on,
            held,
            review_on(case_work, run.agreed),
            calendar,
            settings.core_group_interval_weeks,
            run.reviews_held,
        )
        yield Item(
            case_work,
            "Core group" if held else "First core group",
            Link("core_groups.meetings", {"case_id": case_work.case.id}),
            due.on,
            detail=due.reason,
            actionable=records_core_groups(user, case_work),
        )


# Statutory visits.


def records_visits(user) -> bool:
    """Social workers and managers record visits (access.may_record_visits); chairs and
    practitioners from other agencies never do."""
    return user.role in (Role.SOCIAL_WORKER, Role.MANAGER)


def visits_are_theirs(user, case_work: CaseWork) -> bool:
    """The social worker of the case and the manager of its team see its visits due."""
    case = case_work.case
    if user.role == Role.MANAGER:
        return user.team_id is not None and case.team_id == user.team_id
    return case.social_worker_id == user.id


def visit_items(
    user, work: list[CaseWork], today: date, calendar: WorkingDayCalendar, settings: Settings
) -> Iterable[Item]:
    """Each child on a plan whose next statutory visit is overdue or due within 10 working
    days (the page's window for every kind)."""
    soon = calendar.add_working_days(today, SOON_WORKING_DAYS)
    for case_work in work:
        if not visits_are_theirs(user, case_work):
            continue
        for item in _visit_items_of(case_work, today, calendar, settings):
            if item.on <= soon:
                yield item


def _visit_items_of(
    case_work: CaseWork, today: date, calendar: WorkingDayCalendar, settings: Settings
) -> Iterable[Item]:
    """The next statutory visit of each child of the case on a plan."""
    family = FamilyRecord(
        list(case_work.case.children), case_work.conferences, case_work.plans, case_work.visits
    )
    for row in statuses(family, today, calendar, settings.statutory_visit_working_days):
        last = row.status.last_seen_on
        seen = f"Last seen on {long_date(last)}" if last else "Not seen since the plan began"
        yield Item(
            case_work,
            f"Visit to {row.child.name}",
            Link("visits.visits", {"case_id": case_work.case.id}),
            row.status.next_due,
            detail=seen,
        )


# Actions from management oversight.


def sees_oversight(user) -> bool:
    """Practitioners from other agencies may not see management oversight
    (access.may_see_oversight)."""
    return user.role != Role.PRACTITIONER


def oversight_items(user, work: list[CaseWork], today: date) -> Iterable[Item]:
    """The owner's open actions, and the overdue ones of the oversight the user set."""
    for case_work in work:
        for action in case_work.oversight_actions:
            owner = action.owner.name if action.owner is not None else None
            found = oversight_item(
                user,
                case_work,
                OversightRow(
                    action.description,
                    action.owner_id,
                    owner,
                    action.due_on,
                    action.oversight.held_on,
                ),
                today,
            )
            if found is not None:
                yield found


@dataclass(frozen=True)
class OversightRow:
    """What an item shows of an open action from management oversight."""

    description: str
    owner_id: int | None
    owner: str | None  # the owner's name
    due_on: date
    held_on: date  # the oversight's


def oversight_item(user, case_work: CaseWork, action: OversightRow, today: date) -> Item | None:
    """The user's own open action; one they set, once it is overdue."""
    mine = action.owner_id == user.id
    if not mine and not oversight.action_overdue(action.due_on, None, today):
        return None
    owner = "" if mine or action.owner is None else f" (for {action.owner})"
    return Item(
        case_work,
        f"{action.description}{owner}",
        Link("chronology.oversight", {"case_id": case_work.case.id}),
        action.due_on,
        detail=f"From management oversight on {long_date(action.held_on)}",
    )


# Reports to parents.


def report_items(
    user, work: list[CaseWork], today: date, calendar: WorkingDayCalendar, settings: Settings
) -> Iterable[Item]:
    """Until the conference is held: afterwards the report can no longer be shared before it."""
    for case_work in work:
        for conference in case_work.conferences:
            if conference.finalised or conference.report_shared_on is not None:
                continue
            if conference.held_on < today:
                continue
            due = timescales.reports_to_parents_due(
                conference.held_on,
                conference.conference_type,
                calendar,
                settings.report_days_before_initial,
                settings.report_days_before_review,
            )
            if conference.conference_type == ConferenceType.REVIEW:
                link = Link("core_groups.review_progress", {"conference_id": conference.id})
            else:
                link = Link("conferences.show_conference", {"conference_id": conference.id})
            yield Item(
                case_work,
                f"Report for the {conference.type_label.lower()}",
                link,
                due,
                detail=f"The conference is on {long_date(conference.held_on)}",
                # Shared and recorded by whoever may change the conference (report_shared).
                actionable=may_book(user, case_work),
            )


# Reviews.


def review_items(user, work: list[CaseWork]) -> Iterable[Item]:
    """For each plan in force whose next review is not booked yet, its statutory date. A booked
    review is listed once, under Conferences, with the date it was due by."""
    for case_work in work:
        plan = current_plan(case_work)
        if plan is None or booked_review(case_work, plan) is not None:
            continue
        conference = plan.conference
        due = timescales.review_due(conference.conference_type, conference.held_on)
        if may_book(user, case_work):
            link = Link("core_groups.start_review", {"case_id": case_work.case.id})
        else:
            link = Link("cases.show_case", {"case_id": case_work.case.id})
        yield Item(
            case_work,
            "Review child protection conference",
            link,
            due,
            detail="Not booked yet",
            actionable=may_book(user, case_work),
        )


# Plans.


def plan_is_theirs(user, case_work: CaseWork, plan: Plan) -> bool:
    """A plan left in draft is followed up by the case's social worker, the manager of its team
    and the chair of the conference that wrote it (who finalises it)."""
    case = case_work.case
    return (
        case.social_worker_id == user.id
        or plan.conference.chair_id == user.id
        or (user.role == Role.MANAGER and user.team_id is not None and case.team_id == user.team_id)
    )


def unfinalised_plan_items(
    user, work: list[CaseWork], calendar: WorkingDayCalendar, settings: Settings
) -> Iterable[Item]:
    """Each plan still in draft after its conference was finalised, due to be finalised by the
    first core group after that conference (core_group_schedule.plan_to_be_finalised_by)."""
    for case_work in work:
        for plan, item in _unfinalised_plans_of(case_work, calendar, settings):
            if plan_is_theirs(user, case_work, plan):
                yield item


def _unfinalised_plans_of(
    case_work: CaseWork, calendar: WorkingDayCalendar, settings: Settings
) -> Iterable[tuple[Plan, Item]]:
    for plan in case_work.plans:
        conference = plan.conference
        if plan.finalised or plan.ended_on is not None or not conference.finalised:
            continue
        met = min((on for _, on in case_work.meetings if on > conference.held_on), default=None)
        by = core_group_schedule.plan_to_be_finalised_by(
            conference.held_on,
            met,
            calendar,
            settings.core_group_interval_weeks,
            after_review=conference.conference_type == ConferenceType.REVIEW,
        )
        first = f"the first core group, on {long_date(met)}" if met else "the first core group"
        yield (
            plan,
            Item(
                case_work,
                f"Plan version {plan.number}: not finalised",
                Link("plans.show_plan", {"plan_id": plan.id}),
                by,
                detail=f"Due to be finalised by {first}",
            ),
        )


@dataclass(frozen=True)
class PlanItem:
    case_work: CaseWork
    plan: Plan
    findings: int
    link: Link


def findings_count(plan: Plan, ceiling: int) -> int:
    """How many checks are still to put right: the plan's own and each goal's."""
    found = plan_checks.outstanding(plan, ceiling=ceiling)
    return len(found.plan_findings) + sum(len(goal.findings) for goal in found.goal_findings)


def plan_items(user, work: list[CaseWork], ceiling: int) -> list[PlanItem]:
    """The newest version of each case's plan, while it is a draft with checks to put right
    (the plan in force, or the next version written for a review under way), for those who
    may change it (access.plan_to_change)."""
    items = []
    for case_work in work:
        plan = max(case_work.plans, key=lambda version: version.number, default=None)
        if plan is None or plan.finalised or plan.ended_on is not None:
            continue
        if not may_change(user, plan):
            continue
        count = findings_count(plan, ceiling)
        if count:
            link = Link("plans.show_plan", {"plan_id": plan.id})
            items.append(PlanItem(case_work, plan, count, link))
    return items


# The audit trail.


def view_my_work(actor: User) -> AuditEvent:
    """Viewing the page shows case content, so it is audited."""
    event = audit.record(actor, "view")
    event.record_type = "my_work"
    return event
