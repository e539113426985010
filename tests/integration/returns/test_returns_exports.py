"""The statutory returns as handed over: Annex A holds no formula a spreadsheet would run,
whatever was typed into the records, and the returns, which list every child in the council,
are made only by the manager responsible for the whole service."""

import io

import openpyxl
import pytest
from helpers import count, make_return, sign_in
from sqlalchemy import select

from conference.common.spreadsheets import FORMULA_STARTS
from conference.domain import clock
from conference.extensions import db
from conference.models import AuditEvent, Case, Role
from conference.returns.views import census_year_of
from conference.seeding.demo import seed
from conference.services.returns.annex_a import LIST_5, LIST_7, LIST_7_HEADINGS

HOSTILE_IDS = ['=HYPERLINK("http://x.example","Open")', "+1+1", "\t=1+1"]
HOSTILE_TEAM = "@SUM(1+1)*cmd|' /C calc'!A0"
HOSTILE_WORKER = "-2+3"
THIS_YEAR = census_year_of(clock.today())
DEMO_PASSWORD = "a demo password for the tests"


@pytest.fixture
def hostile_demo(app):
    """The demo family, with its children's local IDs, its team's name and its social worker's
    name typed as formulas."""
    with app.app_context():
        seed(DEMO_PASSWORD)
        case = db.session.scalar(select(Case).where(Case.reference == "DEMO-0001"))
        for child, typed in zip(case.children, HOSTILE_IDS, strict=True):
            child.local_child_id = typed
        case.team.name = HOSTILE_TEAM
        case.social_worker.name = HOSTILE_WORKER
        db.session.commit()


def annex_a_cells(content: bytes) -> list:
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    return [cell for sheet in workbook for row in sheet.iter_rows() for cell in row]


def test_no_cell_of_annex_a_is_a_formula(app, hostile_demo, signed_in, tmp_path):
    head = signed_in(Role.MANAGER)  # no team: the whole service
    response = make_return(head, {"year": str(THIS_YEAR), "annex_a": "y"})
    assert response.status_code == 200
    out = tmp_path / "annex-a.xlsx"
    result = app.test_cli_runner().invoke(args=["export-annex-a", "--out", out])
    assert result.exit_code == 0, result.output
    for content in (response.data, out.read_bytes()):
        cells = annex_a_cells(content)
        assert [cell.coordinate for cell in cells if cell.data_type == "f"] == []
        texts = [cell.value for cell in cells if isinstance(cell.value, str)]
        assert [text for text in texts if text.startswith(FORMULA_STARTS)] == []
        # Shown as typed, after the apostrophe that keeps it from running.
        for typed in [*HOSTILE_IDS, HOSTILE_TEAM, HOSTILE_WORKER]:
            assert f"'{typed}" in texts, typed


def test_annex_a_keeps_its_dates_and_numbers(app, hostile_demo, signed_in):
    head = signed_in(Role.MANAGER)
    response = make_return(head, {"year": str(THIS_YEAR), "annex_a": "y"})
    sheet = openpyxl.load_workbook(io.BytesIO(response.data))[LIST_7]
    kemi = dict(
        zip(LIST_7_HEADINGS, next(sheet.iter_rows(min_row=2, values_only=True)), strict=True)
    )
    assert kemi["Child Unique ID"] == f"'{HOSTILE_IDS[0]}"
    assert kemi["Age of Child (Years)"] == 13
    assert kemi["Date of Birth"].year < THIS_YEAR
    assert openpyxl.load_workbook(io.BytesIO(response.data))[LIST_5].max_row == 4


@pytest.mark.parametrize("which", ["cin", "annex_a"])
def test_a_teams_manager_cannot_make_either_return(app, hostile_demo, signed_in, which):
    """The demo's manager manages one team: the returns hold every team's children."""
    manager = signed_in(Role.MANAGER, team="Demo Assessment Team", email="team@example.org")
    assert manager.get("/returns/").status_code == 403
    response = manager.post("/returns/", {"year": str(THIS_YEAR), which: "y"}, page="/")
    assert response.status_code == 403
    assert "Content-Disposition" not in response.headers
    assert count(app, AuditEvent, action="export", record_type="") == 0


def test_the_demos_head_of_service_makes_the_returns_and_its_team_manager_does_not(
    app, hostile_demo, client
):
    for email, status in [("headofservice@demo.example", 200), ("manager@demo.example", 403)]:
        assert sign_in(client, email, DEMO_PASSWORD).status_code == 302, email
        assert client.get("/returns/").status_code == status, email
        client.post("/sign-out", page="/")
