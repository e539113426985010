"""Work someone asked for that runs in the background and hands them a file: the statutory
returns (issue 22). The page that asked shows how far it has got and, when it is done, the file
to download; only the person who asked sees either.

Progress is written in a short transaction of its own, so every server's pages see it while the
work goes on; in the caller's own transaction when the queue runs tasks at once (nobody can
watch those). Functions flush; the caller commits.
"""

from collections.abc import Callable
from datetime import timedelta

from sqlalchemy import update

from conference.common import queue
from conference.extensions import db
from conference.models import Job, StoredFile, User
from conference.models.types import utc_now
from conference.services import audit, stored_files

KEPT_FOR = timedelta(days=1)  # a job's file is offered for a day; then it is made again
# Work that has said nothing for this long has stopped (its worker was stopped, say): the page
# says so rather than wait for ever. The returns say how far they have got every few seconds.
SILENT_FOR = timedelta(minutes=10)


def start(actor: User, kind: str, task: str, arguments: dict) -> Job:
    """Record the work `actor` asked for and send the task that does it (it takes `job_id`)."""
    job = Job(kind=kind, arguments=arguments, requested_by_id=actor.id, state="waiting")
    db.session.add(job)
    db.session.flush()
    queue.enqueue(task, job_id=job.id)
    return job


def job_of(actor: User, job_id: int) -> Job | None:
    """The job, if `actor` asked for it (nobody else sees another's work or file)."""
    job = db.session.get(Job, job_id)
    if job is None or job.requested_by_id != actor.id:
        return None
    return job


def expired(job: Job) -> bool:
    return job.finished_at is not None and utc_now() - job.finished_at > KEPT_FOR


def stopped(job: Job) -> bool:
    """Whether unfinished work has said nothing for so long that it must have stopped."""
    return job.state in ("waiting", "running") and utc_now() - job.heard_at > SILENT_FOR


def progress_of(job: Job) -> Callable[[int, int], None]:
    """What the work calls as it goes: `progress(done, total)`."""

    def progress(done: int, total: int) -> None:
        _write(job, done=done, total=total)

    return progress


def running(job: Job) -> None:
    _write(job, state="running")


def finished(job: Job, content: bytes, media_type: str, filename: str, summary: dict) -> None:
    job.file = StoredFile.holding(content, media_type)
    job.filename = filename
    job.summary = summary
    job.state = "done"
    job.finished_at = utc_now()
    db.session.flush()


def refused(job: Job, problems: list[str]) -> None:
    """The work ended without a file, for reasons the user can act on."""
    job.state = "failed"
    job.problems = problems
    job.finished_at = utc_now()
    db.session.flush()


def failed(job_id: int) -> None:
    """The work broke (its own transaction was rolled back): say so on the job."""
    job = db.session.get(Job, job_id)
    if job is not None:
        job.state = "failed"
        job.finished_at = utc_now()
        db.session.flush()


def file_of(actor: User, job: Job) -> bytes | None:
    """The file's bytes, audited as the export it is; None if they are not what was stored."""
    content = stored_files.content_of(job.file) if job.file is not None else None
    if content is not None:
        audit.record(actor, "export", changes=job.summary or {})
    return content


def _write(job: Job, **values) -> None:
    values["heard_at"] = utc_now()
    if queue.runs_at_once():
        for name, value in values.items():
            setattr(job, name, value)
        return
    # Never through the work's own session: that would hold the job's row (or, on SQLite, the
    # database) until the work ends, and the next progress would wait on it.
    with db.engine.begin() as connection:
        connection.execute(update(Job).where(Job.id == job.id).values(**values))
