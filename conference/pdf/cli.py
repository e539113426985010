"""`flask --app wsgi print-plan CASE_REF --version family|professional|record --out FILE`:
business support prints a case's latest plan (or its latest conference's record) without the
browser. Every print is audited, with the command line as the actor."""

from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext
from sqlalchemy import select

VERSIONS = ("family", "professional", "record")


@click.command("print-plan")
@with_appcontext
@click.argument("case_ref")
@click.option(
    "--version",
    "which",
    type=click.Choice(VERSIONS),
    required=True,
    help="family: the family's plan; professional: the professional plan; record: the latest "
    "conference's record.",
)
@click.option("--large-print", is_flag=True, help="The family plan in large print.")
@click.option(
    "--out",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    required=True,
    help="Where to write the PDF.",
)
def print_plan_command(case_ref, which, large_print, out):
    """Write the latest plan of CASE_REF (or its latest conference's record) as a PDF."""
    from conference.extensions import db
    from conference.models import Case, Conference, Plan
    from conference.pdf import documents
    from conference.pdf.render import TooLongToPrint

    if large_print and which != "family":
        raise click.UsageError("--large-print is only for the family plan")
    case = db.session.scalar(select(Case).where(Case.reference == case_ref.strip()))
    if case is None:
        raise click.ClickException(f"There is no case with the reference {case_ref}")
    if which == "record":
        record = db.session.scalar(
            select(Conference)
            .where(Conference.case_id == case.id)
            .order_by(Conference.held_on.desc(), Conference.id.desc())
        )
        if record is None:
            raise click.ClickException(f"Case {case.reference} has no conference yet")
        document = documents.RECORD
    else:
        record = db.session.scalar(
            select(Plan).where(Plan.case_id == case.id).order_by(Plan.number.desc())
        )
        if record is None:
            raise click.ClickException(f"Case {case.reference} has no plan yet")
        document = {
            ("family", False): documents.FAMILY,
            ("family", True): documents.FAMILY_LARGE_PRINT,
            ("professional", False): documents.PROFESSIONAL,
        }[which, large_print]
    try:
        done = documents.printed(document, record)
    except TooLongToPrint:
        limit = current_app.config["PDF_TIME_LIMIT_SECONDS"]
        raise click.ClickException(
            f"The document was still being made after {limit:g} seconds, so it was "
            "stopped: it is too long to print. Nothing was written. Make the longest entries in "
            "the record shorter, or run the command again with a longer limit set in "
            "FLASK_PDF_TIME_LIMIT_SECONDS."
        ) from None
    # Written beside the target and renamed once the print is audited: a failure on the way
    # (a full disk, a busy database) leaves neither a partial file nor an audit row.
    partial = out.with_name(f".{out.name}.partial")
    try:
        partial.write_bytes(done.data)
        documents.record_print(None, record, done)
        db.session.commit()
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    partial.replace(out)
    click.echo(f"Wrote {done.filename} ({len(done.data) // 1024} KB) to {out}")
