"""`flask --app wsgi export-cin --year YYYY --out FILE [--report REPORT.csv] [--strict]` and
`flask --app wsgi export-annex-a --out FILE.xlsx`: the statutory returns from the command line.
Each file is audited with the command line as the actor; a refused or failed export leaves no
file behind. The census is written whatever its records break, with its report beside it.

Both show how far they have got on a terminal (a return of 50,000 children takes seconds), or
with --progress anywhere (a line a batch, for a log); never unasked in a pipe, whose reader
expects the one line saying what was written."""

import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

from conference.domain import clock

OUT = click.Path(dir_okay=False, writable=True, path_type=Path)
PROGRESS = click.option(
    "--progress/--no-progress",
    default=None,
    help="Show how far the return has got, on standard error: a bar on a terminal, else a "
    'line a batch ("12,000 of 50,000 children"). Default: on a terminal only.',
)


@click.command("export-cin")
@with_appcontext
@click.option(
    "--year", type=click.IntRange(2000, 2100), required=True, help="Year ending 31 March."
)
@click.option("--out", type=OUT, required=True, help="Where to write the XML.")
@click.option(
    "--report",
    type=OUT,
    help="Where to write the report of every DfE rule each child's record breaks (CSV). "
    "Default: beside the XML, as OUT with the suffix .report.csv.",
)
@click.option(
    "--strict",
    is_flag=True,
    help="Exit with status 1 when the report has errors (after writing both files). "
    "Queries alone do not fail it: they are for the council to confirm.",
)
@PROGRESS
def export_cin_command(year, out, report, strict, progress):
    """Write the Children in Need census XML for the year ending 31 March YEAR, and its report."""
    from conference.returns.report import census_report_export, counted, summary
    from conference.returns.views import census_year_of
    from conference.services.returns import cin

    current = census_year_of(clock.today())
    if year > current:
        raise click.BadParameter(
            f"the census year ending 31 March {year} has not started: the current one ends "
            f"on 31 March {current}",
            param_hint="--year",
        )
    la_code = current_app.config["LA_CODE"]
    report = report or out.with_suffix(".report.csv")
    with _shown(progress) as shown:
        census = _write(out, lambda: cin.cin_census(year, la_code, datetime.now(), shown))
    _write(report, lambda: census_report_export(census))
    findings = census.findings
    said = f"{summary(findings)}: see {report}" if findings else "no errors or queries"
    click.echo(f"Wrote {out} ({counted(census.children, 'child', 'children')}); {said}")
    if strict and any(item.is_error for item in findings):
        click.echo("The census has errors: put them right before it goes to the DfE.", err=True)
        raise SystemExit(1)


@click.command("export-annex-a")
@with_appcontext
@click.option("--out", type=OUT, required=True, help="Where to write the .xlsx workbook.")
@PROGRESS
def export_annex_a_command(out, progress):
    """Write Ofsted's Annex A (Lists 5 and 7) as things stand today."""
    from conference.services.returns import annex_a

    with _shown(progress) as shown:
        export = _write(out, lambda: annex_a.annex_a(clock.today(), shown))
    click.echo(f"Wrote {out} ({export.children} children)")


def _write(out: Path, build):
    from conference.extensions import db
    from conference.services.returns.exports import ExportRefused, record_export

    try:
        export = build()
    except ExportRefused as refused:
        for problem in refused.problems:
            click.echo(problem, err=True)
        raise click.ClickException("Nothing was written") from None
    # Written beside the target, then renamed: a reader never sees half a file.
    handle, temporary = tempfile.mkstemp(dir=out.parent, prefix=f".{out.name}.", suffix=".part")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(export.content)
        record_export(None, export)
        db.session.commit()
        os.replace(temporary, out)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return export


@contextmanager
def _shown(asked: bool | None) -> Iterator["_Progress | None"]:
    """A progress callback for a return's builder, or None when none is to be shown. A bar is
    ended before the return's own message is written, so the two never share a line."""
    on_terminal = sys.stderr.isatty()
    if not (on_terminal if asked is None else asked):
        yield None
        return
    shown = _Progress(on_terminal)
    try:
        yield shown
    finally:
        shown.end()


class _Progress:
    """`progress(done, total)` for the returns: a click progress bar on a terminal, else a line
    each batch, "12,000 of 50,000 children"."""

    def __init__(self, on_terminal: bool):
        self.on_terminal = on_terminal
        self.bar = None

    def __call__(self, done: int, total: int) -> None:
        if not self.on_terminal:
            click.echo(f"{done:,} of {total:,} children", err=True)
            return
        if self.bar is None:
            self.bar = click.progressbar(
                length=total,
                label="Reading the children",
                show_pos=True,
                file=sys.stderr,
            )
            self.bar.__enter__()
        self.bar.update(done - self.bar.pos)

    def end(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
