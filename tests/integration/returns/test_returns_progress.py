"""How far a return has got: the census's and Annex A's builders tell an optional
`progress(done, total)` of the children read, after each batch of families, from 0 to the
total; the command line shows it (a bar on a terminal, a line a batch with --progress)."""

import re
from datetime import UTC, datetime

import click
import pytest

from conference.domain import cin_rules, clock
from conference.domain.timescales import add_calendar_months
from conference.returns.cli import _Progress
from conference.returns.views import census_year_of
from conference.seeding.synthetic import seed
from conference.services.returns import children
from conference.services.returns.annex_a import COUNT_MONTHS, annex_a
from conference.services.returns.children import child_records
from conference.services.returns.cin import cin_census

THIS_YEAR = census_year_of(clock.today())
NOW = datetime(2026, 12, 7, 9, 30, tzinfo=UTC)
LINE = re.compile(r"^([\d,]+) of ([\d,]+) children$")


@pytest.fixture
def region(app):
    """A small synthetic region: about 60 families, some thirty of them in each return."""
    with app.app_context():
        seed(150, seed=5, password="synthetic password for the tests")


@pytest.fixture
def small_batches(monkeypatch):
    """Five families a batch, so that a small return is read in several batches."""
    monkeypatch.setattr(children, "CASES_PER_QUERY", 5)


def told(build) -> tuple[list[tuple[int, int]], object]:
    calls: list[tuple[int, int]] = []
    made = build(lambda done, total: calls.append((done, total)))
    return calls, made


def assert_counts_to(calls: list[tuple[int, int]], records: list) -> None:
    """From 0 to every child read, a call before the first batch and one after each."""
    batches = -(-len({record.case.id for record in records}) // 5)
    assert batches > 2
    total = len(records)
    assert calls[0] == (0, total)
    assert calls[-1] == (total, total)
    assert len(calls) == batches + 1
    done = [call[0] for call in calls]
    assert done == sorted(set(done))  # never stands still, never goes back
    assert {call[1] for call in calls} == {total}


def test_the_census_tells_its_progress_each_batch_up_to_the_children_read(
    app, region, small_batches
):
    with app.app_context():
        calls, census = told(lambda progress: cin_census(THIS_YEAR, "999", NOW, progress))
        collection = cin_rules.CollectionYear(THIS_YEAR)
        assert_counts_to(calls, child_records(collection.reference_date, collection.start))
        # Told or not, the file is the same.
        assert cin_census(THIS_YEAR, "999", NOW).content == census.content
    assert census.children > 0


def test_annex_a_tells_its_progress_each_batch_up_to_the_children_read(app, region, small_batches):
    today = clock.today()
    with app.app_context():
        calls, workbook = told(lambda progress: annex_a(today, progress))
        assert_counts_to(
            calls, child_records(today, since=add_calendar_months(today, -COUNT_MONTHS))
        )
    assert workbook.children > 0


@pytest.mark.parametrize(
    "command",
    [["export-cin", "--year", str(THIS_YEAR)], ["export-annex-a"]],
    ids=["census", "annex A"],
)
def test_the_command_line_shows_the_progress_when_asked(
    app, region, small_batches, tmp_path, command
):
    out = tmp_path / "return.out"
    result = app.test_cli_runner().invoke(args=[*command, "--out", out, "--progress"])
    assert result.exit_code == 0, result.output
    *progress, written = result.output.strip().splitlines()
    counts = [
        tuple(int(n.replace(",", "")) for n in LINE.match(line).groups()) for line in progress
    ]
    total = counts[0][1]
    assert counts[0] == (0, total) and counts[-1] == (total, total) and len(counts) > 2
    assert written.startswith(f"Wrote {out} (")
    # Not on a terminal and not asked (a pipe, a script): only what was written.
    result = app.test_cli_runner().invoke(args=[*command, "--out", out])
    assert result.exit_code == 0, result.output
    assert result.output.strip().splitlines() == [written]


def test_on_a_terminal_the_progress_is_a_bar(monkeypatch, capsys):
    # click draws a bar only on a terminal: pytest's captured stream is made to look like one.
    monkeypatch.setattr("click._termui_impl.isatty", lambda stream: True)
    shown = _Progress(on_terminal=True)
    for done in (0, 2000, 4000, 4500):
        shown(done, 4500)
    shown.end()
    drawn = click.unstyle(capsys.readouterr().err)
    assert "Reading the children" in drawn
    assert "2000/4500" in drawn and drawn.rstrip().endswith("4500/4500")
    assert " of " not in drawn  # a bar, not lines
