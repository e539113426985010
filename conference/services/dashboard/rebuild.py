"""Rebuilding the dashboard's running totals while the service is in use: after upgrading a
database that held records before the totals were kept, after changing a setting the figures are
judged by, or when a manager doubts a figure (issue 22).

The work goes case by case, a batch of cases in each short transaction, through the same
`tallies.refresh` every save uses: a save waits on the rebuild only while its own case's batch
is judged, and a save the rebuild has not reached yet is judged again when it is. Until the last
batch is in, the dashboard counts its figures from the records (models.TallyRebuild), so nobody
reads half-built totals. The last step adds the totals up again from each case's, in case they
had drifted apart. Functions flush; the caller commits after each batch.
"""

import time
from datetime import date

from sqlalchemy import delete, exists, func, insert, select, text

from conference.common import queue
from conference.domain import clock
from conference.extensions import db
from conference.models import Case, CaseTally, Job, Tally, TallyHorizon, TallyRebuild, User
from conference.models.types import utc_now
from conference.services import audit, jobs, records
from conference.services.dashboard import tallies, visits

KIND = "dashboard"
TASK = "rebuild-dashboard"
UNDER_WAY = ("waiting", "running")
BATCH = 200  # cases a transaction: each holds its cases' rows only while they are judged
LOCK_KEY = 22_0001  # PostgreSQL's advisory lock for starting a rebuild


def start(actor: User) -> Job:
    """Start a rebuild in the background (or return the one under way)."""
    job, new = _begun(actor)
    if new:
        db.session.flush()
        queue.enqueue(TASK, job_id=job.id)
    return job


def begin(actor: User | None) -> Job:
    """Record a rebuild (or return the one under way): the dashboard counts from the records
    until it ends. `actor` is None on the command line, which does the batches itself."""
    return _begun(actor)[0]


def _begun(actor: User | None) -> tuple[Job, bool]:
    """The rebuild under way, or a new one; whether it is new."""
    _one_at_a_time()
    latest = current()
    if latest is not None and latest.state in UNDER_WAY:
        if not jobs.stopped(latest):
            return latest, False
        # Silent for so long that it has stopped: if its work was only held up, its next
        # batch sees this and ends there, rather than run beside the new one.
        latest.state, latest.finished_at = "failed", utc_now()
    if not db.session.scalar(select(exists().where(TallyRebuild.id.is_not(None)))):
        db.session.add(TallyRebuild())
    total = db.session.scalar(select(func.count()).select_from(Case)) or 0
    # Each batch judges the figures judged on a day up to the horizon of its own day; the
    # totals then answer only up to the horizon of the day it began, which every batch reached
    # (a rebuild that goes past midnight at a month's end judges its later cases further).
    judged_until = visits.horizon(clock.today())
    job = Job(
        kind=KIND,
        arguments={"after": 0, "judged_until": judged_until.isoformat()},
        requested_by_id=actor.id if actor is not None else None,
        state="waiting",
        total=total,
    )
    db.session.add(job)
    audit.record(actor, "rebuild dashboard", job, {"cases": total})
    return job, True


def _one_at_a_time() -> None:
    """Two managers pressing the button at once start one rebuild: on PostgreSQL the second
    waits here until the first has committed, then finds it under way (SQLite has one writer)."""
    if db.session.get_bind().dialect.name == "postgresql":
        db.session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": LOCK_KEY})


def current() -> Job | None:
    """The latest rebuild, finished or not."""
    latest = select(Job).where(Job.kind == KIND).order_by(Job.id.desc()).limit(1)
    return db.session.scalar(latest)


def next_batch(job: Job) -> bool:
    """Judge the next batch of cases again; at the end, finish. Whether there is more to do."""
    _rest(job)
    # SQLite: the database's one write lock first, so that no save slips in between reading
    # the cases' totals and writing them (and none fails for having written after this read).
    records.write_lock_first()
    started = time.perf_counter()
    # One batch at a time, whoever runs it (a worker, the command line): the next waits here.
    db.session.refresh(job, with_for_update=True)
    if job.state in ("done", "failed"):
        return False
    after = int(job.arguments.get("after", 0))
    ids = list(
        db.session.scalars(select(Case.id).where(Case.id > after).order_by(Case.id).limit(BATCH))
    )
    job.state, job.heard_at = "running", utc_now()
    if ids:
        tallies.refresh(ids)
        held = round(time.perf_counter() - started, 3)
        job.arguments = {**job.arguments, "after": ids[-1], "held": held}
        job.done += len(ids)
        job.total = max(job.total, job.done)  # cases opened since it began
        db.session.flush()
        return True
    _add_up_again()
    db.session.execute(delete(TallyHorizon))
    db.session.add(TallyHorizon(judged_until=date.fromisoformat(job.arguments["judged_until"])))
    db.session.execute(delete(TallyRebuild))
    job.state, job.finished_at = "done", utc_now()
    db.session.flush()
    return False


def _rest(job: Job) -> None:
    """SQLite: as long again as the last batch held the write lock, without it. SQLite has one
    writer and does not serve those waiting in turn: a rebuild that took the lock again at once
    would keep every save waiting until it gave up ("database is locked" after 5 s)."""
    if db.session.get_bind().dialect.name == "sqlite":
        time.sleep(float(job.arguments.get("held", 0)))


def _add_up_again() -> None:
    """The totals from each case's totals. On PostgreSQL the table is locked first: a save's
    refresh that has moved a total waits to commit before this reads, and one that has not moved
    it yet waits for this to commit, then moves the new total by its own difference."""
    if db.session.get_bind().dialect.name == "postgresql":
        db.session.execute(text(f"LOCK TABLE {Tally.__tablename__} IN SHARE ROW EXCLUSIVE MODE"))
    db.session.execute(delete(Tally))
    columns = [getattr(CaseTally, name) for name in tallies.KEY]
    db.session.execute(
        insert(Tally).from_select(
            [*tallies.KEY, "n"], select(*columns, func.sum(CaseTally.n)).group_by(*columns)
        )
    )
