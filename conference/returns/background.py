"""The statutory returns are made in the background (issue 22): at 50,000 children a return
takes seconds, longer than a page should hold a web worker. The returns page starts the work
and sends the manager to a page that shows how far it has got, then offers the file."""

from datetime import date, datetime

from flask import current_app

from conference.common import queue
from conference.extensions import db
from conference.models import Job, User
from conference.returns.report import census_report_export
from conference.services import jobs
from conference.services.returns import annex_a, cin
from conference.services.returns.exports import Export, ExportRefused

# What each button makes, and what the page calls it while it is made.
RETURNS = {
    "cin": "the Children in Need census",
    "cin_report": "the census report",
    "annex_a": "Annex A",
}


def start(actor: User, which: str, year: int, today: date) -> Job:
    arguments = {
        "year": year,
        "today": today.isoformat(),
        "now": datetime.now().isoformat(timespec="seconds"),
        "la_code": current_app.config["LA_CODE"],
    }
    return jobs.start(actor, which, "make-return", arguments)


@queue.task("make-return", on_failure=jobs.failed)
def make_return(job_id: int) -> None:
    job = db.session.get(Job, job_id)
    if job is None:
        return
    if jobs.stopped(job):  # its page told the manager it stopped, and to make it again
        jobs.failed(job_id)
        return
    jobs.running(job)
    try:
        export = _made(job.kind, job.arguments, jobs.progress_of(job))
    except ExportRefused as refused:
        jobs.refused(job, refused.problems)
        return
    summary = {**export.about, "children": export.children}
    jobs.finished(job, export.content, export.content_type, export.filename, summary)


def _made(which: str, arguments: dict, progress) -> Export:
    if which == "annex_a":
        return annex_a.annex_a(date.fromisoformat(arguments["today"]), progress)
    now = datetime.fromisoformat(arguments["now"])
    census = cin.cin_census(arguments["year"], arguments["la_code"], now, progress)
    return census_report_export(census) if which == "cin_report" else census
