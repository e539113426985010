"""The demo plan and the readers of the easy-read plan and the child's own plan, for their tests
in English and in each person's language."""

import io

import pytest
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject
from sqlalchemy import select

from conference.extensions import db
from conference.models import Case, Plan


def figures(pdf: bytes) -> list[str]:
    """The text alternative of every Figure in the structure tree, in order."""
    found = []

    def walk(node):
        node = node.get_object()
        if isinstance(node, ArrayObject):
            for kid in node:
                walk(kid)
        elif isinstance(node, DictionaryObject):
            if node.get("/S") == "/Figure":
                found.append(str(node.get("/Alt", "")))
            if "/K" in node:
                walk(node["/K"])

    walk(PdfReader(io.BytesIO(pdf)).trailer["/Root"]["/StructTreeRoot"])
    return found


def font_sizes(pdf: bytes) -> set[float]:
    """The size each piece of text is printed at, in points (its font size, scaled)."""
    sizes = set()

    def visit(text, cm, tm, _font, size):
        if text.strip():
            sizes.add(round(size * abs(tm[3]) * abs(cm[3]), 1))

    for page in PdfReader(io.BytesIO(pdf)).pages:
        page.extract_text(visitor_text=visit)
    return sizes


def demo_plan() -> Plan:
    return db.session.scalars(
        select(Plan).join(Case).where(Case.reference == "DEMO-0001").order_by(Plan.number)
    ).first()


def seed_demo(app) -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DEMO_PASSWORD", "demo password for the pdf tests")
        result = app.test_cli_runner().invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output


def child_named(plan, name):
    return next(child for child in plan.case.children if child.given_name == name)
