"""Answers that tests in several areas post to the same form, to start from and change."""

# The child form for Lily Jones, as records.add_child stores her.
CHILD = {
    "given_name": "Lily",
    "family_name": "Jones",
    "born": "yes",
    "date_of_birth": ["3", "4", "2020"],
    "expected_date_of_birth": ["", "", ""],
    "sex": "F",
    "local_child_id": "LC-1001",
}

# The child's voice form at a conference with nothing typed: they did not take part (PN6).
VOICE = {
    "own_words": "",
    "house_of_worries": "",
    "house_of_good_things": "",
    "house_of_dreams": "",
    "methods": [],
    "method_other": "",
    "seen_alone_on": ["", "", ""],
    "participation_code": "PN6",
    "advocacy_offered": "",
    "observations": "",
    "observed_by": "",
    "not_recorded_reason": "",
}
