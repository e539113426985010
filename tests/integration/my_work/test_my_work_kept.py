"""My work kept for a team's manager (issue 22): a manager's page read from the items kept for
the day is the page worked out from the records, item for item, on the demo family and 200
synthetic children; a change to a case forgets its items at once; another day, or items worked
out while the case was being saved, are never read; `flask keep-work` keeps every open case."""

from datetime import timedelta

import pytest
from helpers import Client, sign_in
from sqlalchemy import func, select, update

from conference.domain import clock
from conference.domain.timescales import default_calendar
from conference.extensions import db
from conference.models import Case, KeptWork, KeptWorkItem, StatutoryVisit, User, VisitChild
from conference.seeding.demo import seed as seed_demo
from conference.seeding.synthetic import seed
from conference.services.my_work import items, kept, kept_page, page, queries
from conference.services.my_work.entries import Item

DEMO_PASSWORD = "a demo password for the tests"
TODAY = clock.today()


@pytest.fixture
def families(app):
    with app.app_context():
        seed_demo(DEMO_PASSWORD)
        seed(200, seed=3, password="synthetic password for the tests")


def _settings(app) -> items.Settings:
    return items.Settings.from_config(app.config)


def _managers() -> list[User]:
    return list(
        db.session.scalars(
            select(User).where(User.role == "manager", User.team_id.is_not(None)).order_by(User.id)
        )
    )


def _shown(sections) -> list:
    """Every section and row as the page shows it (the case, what, where, when, how urgent)."""
    found = []
    for section in sections:
        found.append(("section", section.key, section.caption, section.empty))
        for item, urgency in section.rows:
            case = item.case_work.case.id
            link = (item.link.endpoint, sorted(item.link.values.items()))
            if isinstance(item, Item):
                what = (item.what, item.on, item.on_label, item.detail, item.actionable)
            elif isinstance(item, items.PlanItem):
                what = (item.plan.id, item.plan.number, item.findings)
            else:
                what = (repr(item.action), item.status, item.overdue)
            found.append((case, link, what, urgency))
    return found


def _page(shown: page.Shown) -> tuple:
    """The page as it is shown: the summary, then the rows of the page under their kinds."""
    tallies = [tuple(vars(tally).values()) for tally in (*shown.kinds, *shown.workers)]
    found = shown.page
    return (tallies, found.number, found.pages, found.total, found.whole, _shown(found.sections))


def _live(app, user, filters=None, today=TODAY) -> tuple:
    filters = filters or page.Filters()
    work = queries.work_of(user)
    sections = items.sections(user, work, today, default_calendar(), _settings(app))
    return _page(page.shown(sections, filters, queries.team_workers(user)))


def _read(app, user, filters=None, today=TODAY):
    filters = filters or page.Filters()
    calendar, settings = default_calendar(), _settings(app)
    sections, to_keep = kept.live_part(user, today, calendar, settings)
    team = queries.team_workers(user)
    shown = kept_page.page_for(user, sections, filters, team, today, calendar, settings)
    return _page(shown), to_keep


def _keep_all(app, today=TODAY) -> int:
    done = kept.keep(kept.open_cases(), today, default_calendar(), _settings(app))
    db.session.commit()
    return done


def _filters(user) -> list[page.Filters]:
    """Every way of narrowing the page: pages, a kind, a worker, overdue only, together."""
    worker = queries.team_workers(user)[0].id
    return [
        page.Filters(),
        page.Filters(page=2),
        page.Filters(page=4),
        page.Filters(page=99),
        page.Filters(overdue=True),
        page.Filters(overdue=True, page=2),
        page.Filters(kind="visits"),
        page.Filters(kind="oversight", page=2),
        page.Filters(kind="reviews"),
        page.Filters(kind="plans"),
        page.Filters(worker_id=worker),
        page.Filters(worker_id=worker, overdue=True, kind="core-groups"),
    ]


def test_every_managers_page_read_from_kept_items_is_the_page_worked_out(
    app, families, monkeypatch
):
    monkeypatch.setattr(page, "PER_PAGE", 7)  # many pages from 200 children
    with app.app_context():
        managers = _managers()
        assert len(managers) >= 3
        asked = {manager.id: _filters(manager) for manager in managers}
        before = {m.id: [_live(app, m, filters) for filters in asked[m.id]] for m in managers}
        for manager in managers:  # nothing kept yet: worked out, and to be kept
            shown, to_keep = _read(app, manager)
            assert shown == before[manager.id][0]
            assert to_keep
        kept_cases = _keep_all(app)

        assert kept_cases == len(kept.open_cases())
        # Real items to compare (how many depends on the day the data is made for: 82 on 8
        # December 2026, over 100 the day before).
        assert db.session.scalar(select(func.count()).select_from(KeptWorkItem)) > 40
        rows = 0
        for manager in managers:
            for filters, expected in zip(asked[manager.id], before[manager.id], strict=True):
                shown, to_keep = _read(app, manager, filters)
                assert to_keep == [], manager.email  # every case of the team read from its rows
                assert shown == expected, (manager.email, filters)
                rows += sum(1 for row in shown[-1] if row[0] != "section")
        assert rows > 300  # the pages compared are not empty ones


def test_the_managers_page_is_the_same_whether_worked_out_or_read(app, families):
    with app.app_context():
        manager = db.session.scalars(select(User).where(User.email == "manager@demo.example")).one()
        team_cases = db.session.scalar(
            select(func.count()).select_from(Case).where(Case.team_id == manager.team_id)
        )
    client = Client(app.test_client())
    assert sign_in(client, "manager@demo.example", DEMO_PASSWORD).status_code == 302

    first = client.get("/my-work/")  # worked out, then kept (at once in the tests)
    with app.app_context():
        kept_now = db.session.scalar(
            select(func.count()).select_from(KeptWork).where(KeptWork.team_id == manager.team_id)
        )
    second = client.get("/my-work/")  # read from the rows kept

    assert first.status_code == second.status_code == 200
    assert 0 < kept_now <= team_cases
    main = lambda html: html[html.index("<main") : html.index("</main>")]  # noqa: E731
    assert main(second.get_data(as_text=True)) == main(first.get_data(as_text=True))
    assert "Visit to" in main(first.get_data(as_text=True)) or "Core group" in main(
        first.get_data(as_text=True)
    )


def _a_case_with_visits() -> tuple[int, int]:
    """A kept case with a statutory visit: (case id, visit id)."""
    case_id, visit_id = db.session.execute(
        select(KeptWork.case_id, StatutoryVisit.id)
        .join(StatutoryVisit, StatutoryVisit.case_id == KeptWork.case_id)
        .order_by(KeptWork.case_id, StatutoryVisit.id)
        .limit(1)
    ).one()
    return case_id, visit_id


def test_a_change_to_a_case_forgets_its_items_and_the_page_shows_the_change(app, families):
    with app.app_context():
        _keep_all(app)
        case_id, visit_id = _a_case_with_visits()
        others = db.session.scalar(select(func.count()).select_from(KeptWork)) - 1
        # The child was not seen at the visit after all: the next visit falls due sooner.
        for part in db.session.scalars(select(VisitChild).where(VisitChild.visit_id == visit_id)):
            part.seen = False
        db.session.commit()

        assert db.session.get(KeptWork, case_id) is None
        assert db.session.scalar(select(func.count()).select_from(KeptWork)) == others
        manager = next(m for m in _managers() if m.team_id == db.session.get(Case, case_id).team_id)
        shown, to_keep = _read(app, manager)
        assert to_keep == [case_id]
        assert shown == _live(app, manager)


def test_items_kept_for_another_day_are_not_read(app, families):
    with app.app_context():
        _keep_all(app)
        tomorrow = TODAY + timedelta(days=1)
        for manager in _managers():
            shown, to_keep = _read(app, manager, today=tomorrow)
            assert shown == _live(app, manager, today=tomorrow)
            assert sorted(to_keep) == sorted(
                db.session.scalars(
                    select(Case.id).where(Case.team_id == manager.team_id, Case.status != "closed")
                )
            )


def test_items_worked_out_while_the_case_was_saved_are_not_kept(app, families, monkeypatch):
    worked_out = queries.work_on_cases
    saved = []

    def saved_meanwhile(case_ids, user):
        found = worked_out(case_ids, user)
        # Another user's save of one case commits while its items are worked out.
        saved.append(case_ids[0])
        db.session.execute(
            update(Case)
            .where(Case.id == case_ids[0])
            .values(work_generation=Case.work_generation + 1)
        )
        return found

    with app.app_context():
        team_id = db.session.scalars(
            select(Case.team_id).group_by(Case.team_id).order_by(func.count().desc())
        ).first()
        same_team = [
            case.id
            for case in db.session.scalars(select(Case).where(Case.team_id == team_id))
            if case.id in kept.open_cases()
        ]
        assert len(same_team) > 2
        monkeypatch.setattr(queries, "work_on_cases", saved_meanwhile)
        done = kept.keep(same_team, TODAY, default_calendar(), _settings(app))
        db.session.commit()

        assert done == len(same_team) - 1
        assert db.session.get(KeptWork, saved[0]) is None
        assert all(db.session.get(KeptWork, i) is not None for i in same_team if i != saved[0])


def test_the_keep_work_command_keeps_every_open_case(app, families):
    result = app.test_cli_runner().invoke(args=["keep-work"])

    assert result.exit_code == 0, result.output
    with app.app_context():
        open_cases = len(kept.open_cases())
        assert f"{open_cases:,} of {open_cases:,} open cases' items kept for" in result.output
        assert db.session.scalar(select(func.count()).select_from(KeptWork)) == open_cases
