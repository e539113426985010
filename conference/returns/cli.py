"""`flask --app wsgi export-cin --year YYYY --out FILE` and `flask --app wsgi export-annex-a
--out FILE.xlsx`: the statutory returns from the command line. Each export is audited with the
command line as the actor; a refused or failed export leaves no file behind."""

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
def export_cin_command(year, out):
    """Write the Children in Need census XML for the year ending 31 March YEAR."""
    from conference.services.returns import cin

    la_code = current_app.config["LA_CODE"]
    _write(out, lambda: cin.cin_census(year, la_code, datetime.now()))


@click.command("export-annex-a")
@with_appcontext
@click.option("--out", type=OUT, required=True, help="Where to write the .xlsx workbook.")
def export_annex_a_command(out):
    """Write Ofsted's Annex A (List 7) as things stand today."""
    from conference.services.returns import annex_a

    _write(out, lambda: annex_a.annex_a(date.today()))


def _write(out: Path, build) -> None:
    from conference.extensions import db
    from conference.services.returns.exports import ExportRefused, record_export

    try:
        export = build()
    except ExportRefused as refused:
        for problem in refused.problems:
            click.echo(problem, err=True)
        raise click.ClickException("Nothing was written: put these records right first") from None
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
    click.echo(f"Wrote {out} ({export.children} children)")
