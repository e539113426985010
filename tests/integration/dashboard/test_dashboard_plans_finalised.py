"""The dashboard's "Plans finalised by the first core group": each plan written at a conference
held in the range, judged by the rule My work follows (core_group_schedule.plan_to_be_finalised_by):
by the day the first core group after the conference met, or the day it was due if that came
first."""

from datetime import UTC, date, datetime, time

import pytest
from pages import assert_page, text_of
from records import dashboard_families

from conference.domain import performance as rules
from conference.extensions import db
from conference.models import Conference, CoreGroupMeeting, Plan, Role
from conference.services.dashboard.counting import count_figure
from conference.services.dashboard.rows import Filters

KEY = "plans-finalised-by-first-core-group"
RANGE = {"start": ["1", "1", "2025"], "end": ["30", "6", "2025"]}


def _conference(case, kind, held_on):
    return Conference(
        case=case,
        conference_type=kind,
        held_on=held_on,
        starts_at=time(10),
        finalised_at=datetime.combine(held_on, time(17), tzinfo=UTC),
    )


def _finalised(day: date) -> datetime:
    return datetime.combine(day, time(11), tzinfo=UTC)


@pytest.fixture
def dataset(app):
    """Family A: the initial conference's plan finalised before the first core group (on time),
    and the review's plan never finalised, its first core group due 6 weeks after the review
    (overdue by June's end). Family B: its plan finalised after the first core group (late)."""
    with app.app_context():
        _, _, _, family_a, family_b = dashboard_families(date(2025, 3, 1))
        initial_a = _conference(family_a, "initial", date(2025, 2, 14))
        review_a = _conference(family_a, "review", date(2025, 5, 14))
        initial_b = _conference(family_b, "initial", date(2025, 3, 28))
        db.session.add_all([family_a, family_b, initial_a, review_a, initial_b])
        db.session.flush()
        plan_a = Plan(
            case=family_a, conference=initial_a, finalised_at=_finalised(date(2025, 2, 20))
        )
        next_a = Plan(case=family_a, conference=review_a, number=2, previous_plan=plan_a)
        plan_b = Plan(
            case=family_b, conference=initial_b, finalised_at=_finalised(date(2025, 4, 7))
        )
        db.session.add_all([plan_a, next_a, plan_b])
        db.session.flush()
        db.session.add_all(
            [
                CoreGroupMeeting(case=family_a, plan=plan_a, held_on=date(2025, 2, 25)),
                CoreGroupMeeting(case=family_b, plan=plan_b, held_on=date(2025, 4, 3)),
            ]
        )
        db.session.commit()


def figure(html: str) -> str:
    start = html.index(f'data-figure="{KEY}"')
    return text_of(html[html.index(">", start) + 1 : html.index("</p>", start)])


def test_the_figure_counts_plans_finalised_by_the_first_core_group(app, dataset, signed_in):
    manager = signed_in(Role.MANAGER)

    html = assert_page(manager.get("/dashboard/", query_string=RANGE), "Managers’ dashboard")

    assert "Plans finalised by the first core group" in text_of(html)
    assert figure(html) == "33%: 1 out of 3"


def test_each_plan_is_on_time_late_or_overdue(app, dataset):
    with app.app_context():
        result = count_figure(KEY, Filters(date(2025, 1, 1), date(2025, 6, 30), date(2026, 1, 5)))
    assert dict(result.outcomes) == {
        rules.ON_TIME: 1,
        rules.LATE: 1,
        rules.NOT_FINALISED_OVERDUE: 1,
    }


def test_a_draft_plan_is_not_counted_before_its_first_core_group_is_due(app, dataset):
    # The review's first core group is due on 25 June: on that day its draft is not counted
    # yet, and the day after it is, as overdue.
    with app.app_context():
        early = count_figure(KEY, Filters(date(2025, 1, 1), date(2025, 6, 30), date(2025, 6, 25)))
        late = count_figure(KEY, Filters(date(2025, 1, 1), date(2025, 6, 30), date(2025, 6, 26)))
    assert (early.count, early.denominator) == (1, 2)
    assert (late.count, late.denominator) == (1, 3)
