"""The synthetic service the running totals' tests share, and the check that the totals give
every figure that counting the records gives."""

import threading

from sqlalchemy import func, select

from conference.domain import clock, timescales
from conference.domain import performance as rules
from conference.extensions import db
from conference.models import Pod, Team
from conference.services.dashboard import children_on_plan, counting, tallies, teams, visits
from conference.services.dashboard.plans import episodes
from conference.services.dashboard.rows import Filters


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


PASSWORD = "synthetic password for the tally tests"
TODAY = clock.today()


def _ranges(today=TODAY):
    this_month = rules.first_of_month(today)
    return [
        (timescales.add_calendar_months(this_month, -11), rules.last_of_month(today)),
        (timescales.add_calendar_months(this_month, -60), rules.last_of_month(today)),
        (
            timescales.add_calendar_months(this_month, -26),
            rules.last_of_month(timescales.add_calendar_months(this_month, -24)),
        ),
    ]


def _scopes():
    scopes = [(None, None)]
    scopes += [(team_id, None) for team_id in db.session.scalars(select(Team.id))]
    scopes += [tuple(row) for row in db.session.execute(select(Pod.team_id, Pod.id))]
    return scopes


def assert_totals_match_the_records(today=TODAY):
    """Every figure, for every range and scope, from the totals and from the records."""
    keys = tallies.counted_figures()
    counted = 0
    for start, end in _ranges(today):
        for team_id, pod_id in _scopes():
            filters = Filters(start, end, today, team_id=team_id, pod_id=pod_id)
            kept = tallies.count_figures(keys, filters)
            live = counting.count_figures(keys, filters)
            for key in keys:
                assert kept[key] == live[key], (key, filters)
                counted += live[key].denominator
            plans = children_on_plan.on_plan(filters, children_on_plan.stored_episodes)
            assert plans == children_on_plan.on_plan(filters, episodes), filters
            counted += _on_a_day_match(filters)
        # The team and pod tables too (the last day's visits figures kept, for a past range).
        whole = Filters(start, end, today)
        stored = children_on_plan.stored_episodes
        assert teams.by_part(whole, True, stored) == teams.by_part(whole, False, episodes)
    assert counted > 0  # the comparison is of real figures, not of empty ones


def _on_a_day_match(filters: Filters) -> int:
    """The figures judged on a day (the visits and oversight): each month's end from the
    totals, the rest judged, as the page does, give what judging every day does."""
    keys = tallies.on_a_day_figures()
    kept_days, kept_counts = tallies.kept_on_a_day(keys, filters)
    # Every month's end in the range is answered from the totals (today's too, on a month's
    # last day: judged from the records as they are, which any change refreshes).
    days = visits.days_judged(filters)
    assert kept_days == [day for day in days if day == rules.last_of_month(day)], filters
    stored = children_on_plan.stored_episodes
    kept = counting.count_on_a_day(keys, filters, stored, (kept_days, kept_counts))
    live = counting.count_on_a_day(keys, filters, episodes)
    for key in keys:
        assert kept[key] == live[key], (key, filters)
    return sum(live[key].denominator for key in keys)


def at_the_same_moment(app, *works) -> list[Exception]:
    """Run each piece of work in its own thread (its own connection), all starting together;
    what they raised, for the test's own thread to report."""
    start = threading.Barrier(len(works))
    failures: list[Exception] = []

    def run(work):
        try:
            with app.app_context():
                start.wait()
                work()
        except Exception as error:
            failures.append(error)

    threads = [threading.Thread(target=run, args=(work,)) for work in works]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return failures
