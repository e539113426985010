"""Rebuilding the dashboard's totals in the background: each batch of cases is a task of its own,
committed when it ends, which sends the next (services/dashboard/rebuild.py). A worker stopped
half way leaves the batches done; the page says the work stopped, and starting again goes on
from the first case."""

from conference.common import queue
from conference.extensions import db
from conference.models import Job
from conference.services import jobs
from conference.services.dashboard import rebuild


@queue.task(rebuild.TASK, on_failure=jobs.failed)
def rebuild_dashboard(job_id: int) -> None:
    job = db.session.get(Job, job_id)
    if job is None or job.state in ("done", "failed"):
        return
    if rebuild.next_batch(job):
        queue.enqueue(rebuild.TASK, job_id=job_id)
