"""`flask --app wsgi print-plan CASE_REF --version family|professional|record --out FILE`:
business support prints a case's latest plan (or its latest conference's record) without the
browser. Every print is audited, with the command line as the actor.

`--for "Full Name"` (or `--for adult:12`, `--for child:7`: the person's kind and id, as the case
page's links and the audit trail write them; a bare `12` when only one person has that id)
prints that person's own copy of the family plan, in their language and format, of the plan in
force (the latest agreed version that has not ended), as the case page offers it; with
`--version easy-read` (an adult) or `child-plan` (a young person the chair agreed a copy for),
their easy-read or child's plan. When its words are in English but they read another language,
it is printed only with `--interpreter-confirmed`, which is recorded. `--plan-version N` prints
version N of the plan instead (any plan document, with or without `--for`)."""

from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext
from sqlalchemy import select

VERSIONS = ("family", "professional", "record", "easy-read", "child-plan")
OWN_COPY_ONLY = ("easy-read", "child-plan")


@click.command("print-plan")
@with_appcontext
@click.argument("case_ref")
@click.option(
    "--version",
    "which",
    type=click.Choice(VERSIONS),
    required=True,
    help="family: the family's plan; professional: the professional plan; record: the latest "
    "conference's record; easy-read, child-plan: one person's, with --for.",
)
@click.option("--large-print", is_flag=True, help="The family plan in large print.")
@click.option(
    "--for",
    "person",
    metavar="PERSON",
    help='One person\'s own copy of the family plan: their full name ("Funmilayo Adebayo") or '
    "their id (adult:12, child:7).",
)
@click.option(
    "--plan-version",
    "number",
    type=click.IntRange(min=1),
    help="Print this version of the plan (default: the latest; with --for, the plan in force).",
)
@click.option(
    "--interpreter-confirmed",
    is_flag=True,
    help="Confirm an interpreter will go through the plan's own words (still in English) with "
    "the person (recorded).",
)
@click.option(
    "--out",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    required=True,
    help="Where to write the PDF.",
)
def print_plan_command(case_ref, which, large_print, person, number, interpreter_confirmed, out):
    """Write the latest plan of CASE_REF (or its latest conference's record) as a PDF."""
    from conference.extensions import db
    from conference.models import Case, Conference, Plan
    from conference.pdf import documents
    from conference.pdf.render import TooLongToPrint

    _check_options(which, large_print, person, number)
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
        versions = list(
            db.session.scalars(select(Plan).where(Plan.case_id == case.id).order_by(Plan.number))
        )
        if not versions:
            raise click.ClickException(f"Case {case.reference} has no plan yet")
        record = _plan_version(case.reference, versions, number, own_copy=person is not None)
        if person is not None:
            document = _own_copy(record, person, which, large_print, interpreter_confirmed)
        else:
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


def _check_options(which: str, large_print: bool, person: str | None, number) -> None:
    if number is not None and which == "record":
        raise click.UsageError("--plan-version is for the plan's documents, not the record")
    if large_print and which != "family":
        raise click.UsageError("--large-print is only for the family plan")
    if person is not None and which not in ("family", *OWN_COPY_ONLY):
        raise click.UsageError("--for is only for the family plan, easy-read or child-plan")
    if person is None and which in OWN_COPY_ONLY:
        raise click.UsageError(f"--version {which} is one person's: say whose with --for")


def _plan_version(reference: str, versions: list, number: int | None, own_copy: bool):
    """Version `number`; else, for a person's own copy, the plan in force (as the case page
    offers it), and otherwise the latest version."""
    from conference.pdf import own_copies

    if number is not None:
        found = next((plan for plan in versions if plan.number == number), None)
        if found is None:
            have = ", ".join(str(plan.number) for plan in versions)
            raise click.ClickException(
                f"Case {reference} has no plan version {number} (its versions: {have})"
            )
        return found
    if not own_copy:
        return versions[-1]
    in_force = own_copies.plan_for_copies(versions)
    if in_force is None:
        raise click.ClickException(
            f"Case {reference} has no agreed plan in force: to print a copy of a draft or an "
            "ended plan, say which with --plan-version"
        )
    return in_force


def _own_copy(plan, wanted: str, which: str, large_print: bool, interpreter_confirmed: bool):
    """The Document `which` for the person `wanted` names (the family plan in large print if
    they asked for it, or with --large-print); the interpreter's confirmation recorded, in the
    print's transaction, when it needs one."""
    from conference.pdf import own_copies
    from conference.services import own_copies as services

    try:
        copy = own_copies.find_copy(plan, wanted)
    except own_copies.NoSuchPerson as missing:
        raise click.ClickException(str(missing)) from None
    if which == own_copies.EASY_READ and copy.kind != own_copies.ADULT:
        raise click.UsageError(
            "--version easy-read is for an adult: a young person's is child-plan"
        )
    if which == own_copies.CHILD_PLAN and copy.kind != own_copies.CHILD:
        raise click.UsageError("--version child-plan is for a young person")
    if copy.needs_interpreter(which):
        if not interpreter_confirmed:
            raise click.ClickException(
                f"{copy.interpreter_warning_for(which)}. Run the command again with "
                "--interpreter-confirmed to confirm that one will."
            )
        services.confirm_interpreter(None, plan, copy.whose, copy.language, which)
    return copy.document(which, large_print)


@click.command("make-documents")
@with_appcontext
def make_documents_command():
    """Make and keep every finalised record's documents not kept yet: after upgrading to a
    version whose documents print differently (each is otherwise made at its first download),
    or to fill the store of a database that held finalised records before documents were
    kept. Each record's documents are kept as they are made; run it again to go on."""
    from conference.extensions import db
    from conference.pdf import kept

    records = kept.final_records()
    made = 0
    with click.progressbar(records, label="Making the documents", show_pos=True) as shown:
        for record_type, record_id in shown:
            made += kept.make_missing(record_type, record_id)
            db.session.commit()
    click.echo(f"{made:,} documents made and kept, of {len(records):,} finalised records")
