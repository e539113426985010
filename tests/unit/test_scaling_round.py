"""A round of scaling as the room sees it before the chair reveals it: who has scored, of the
people present."""

import pytest

from conference.services.conferences.scaling import Round


@pytest.mark.parametrize(
    ("scored", "waiting", "progress"),
    [
        (("Dana",), ("Sam", "Jo"), "1 of 3 has scored"),
        (("Dana", "Sam"), ("Jo",), "2 of 3 have scored"),
        (("Dana", "Sam", "Jo"), (), "3 of 3 have scored"),
        ((), ("Dana",), "0 of 1 have scored"),
    ],
)
def test_progress_counts_who_has_scored_of_those_present(scored, waiting, progress):
    assert Round("overall", False, scored, waiting).progress == progress
