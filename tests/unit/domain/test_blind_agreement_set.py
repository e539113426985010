"""The blind set stays as it was written, and is kept apart from the rules' development set."""

import hashlib

from tests.agreement.score import BLIND_SET, agreement, kept_apart, labelled, scored
from tests.unit.domain.plan_statements import ALL

# README.md records the SHA-256 the labeller gave the file when they had written it.
WRITTEN = "2874eb9253ef33d034428b87b0bbb5e324057b76c2509afe625760ac8780e716"
KEYS = {
    "id",
    "style",
    "statement",
    "measure",
    "target",
    "grade",
    "outcome_focused",
    "measurable",
    "outcome_part",
    "action_part",
    "note",
}


def test_the_blind_set_has_not_changed_since_it_was_written():
    assert hashlib.sha256(BLIND_SET.read_bytes()).hexdigest() == WRITTEN


def test_every_statement_is_labelled_on_each_flag():
    items = labelled()
    assert len(items) >= 150
    assert all(set(item) == KEYS for item in items)
    assert all((item["grade"] != "task") == item["outcome_focused"] for item in items)


def test_statements_also_in_the_development_set_are_not_scored():
    scored = {item["statement"].lower() for item in kept_apart()}
    assert not scored & {item.statement.lower() for item in ALL}
    assert len(scored) >= 150  # the few the rules were developed on are left out


# The first and only run of the issue 21 checker on the set (docs/plan-quality.md): a fall
# below it is a change to look at. Raising these after tuning on the set would prove nothing.
FIRST_RUN = {"outcome_focused": 155, "measurable": 165, "grade": 140}


def test_agreement_has_not_fallen_below_the_first_run():
    pairs = scored(kept_apart())
    assert len(pairs) == 183
    fallen = {
        flag: agreement(pairs, flag).agreed
        for flag, first in FIRST_RUN.items()
        if agreement(pairs, flag).agreed < first
    }
    assert fallen == {}
