"""`flask --app wsgi export-cin --year YYYY --out FILE [--report REPORT.csv] [--strict]` and
`flask --app wsgi export-annex-a --out FILE.xlsx`: the statutory returns from the command line.
Each file is audited with the command line as the actor; a refused or failed export leaves no
file behind. The census is written whatever its records break, with its report beside it."""

import os
import tempfile
from datetime import date, datetime
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

OUT = click.Path(dir_okay=False, writable=True, path_type=Path)


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
def export_cin_command(year, out, report, strict):
    """Write the Children in Need census XML for the year ending 31 March YEAR, and its report."""
    from conference.returns.report import census_report_export, counted, summary
    from conference.returns.views import census_year_of
    from conference.services.returns import cin

    current = census_year_of(date.today())
    if year > current:
        raise click.BadParameter(
            f"the census year ending 31 March {year} has not started: the current one ends "
            f"on 31 March {current}",
            param_hint="--year",
        )
    la_code = current_app.config["LA_CODE"]
    report = report or out.with_suffix(".report.csv")
    census = _write(out, lambda: cin.cin_census(year, la_code, datetime.now()), echo=False)
    _write(report, lambda: census_report_export(census), echo=False)
    findings = census.findings
    said = f"{summary(findings)}: see {report}" if findings else "no errors or queries"
    click.echo(f"Wrote {out} ({counted(census.children, 'child', 'children')}); {said}")
    if strict and any(item.is_error for item in findings):
        click.echo("The census has errors: put them right before it goes to the DfE.", err=True)
        raise SystemExit(1)


@click.command("export-annex-a")
@with_appcontext
@click.option("--out", type=OUT, required=True, help="Where to write the .xlsx workbook.")
def export_annex_a_command(out):
    """Write Ofsted's Annex A (Lists 5 and 7) as things stand today."""
    from conference.services.returns import annex_a

    _write(out, lambda: annex_a.annex_a(date.today()))


def _write(out: Path, build, echo: bool = True):
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
    if echo:
        click.echo(f"Wrote {out} ({export.children} children)")
    return export
