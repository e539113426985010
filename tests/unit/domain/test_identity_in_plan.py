"""Whether a plan carries the family's identity into what will happen: no app, no database."""

import pytest

from conference.domain.identity_in_plan import (
    IdentityFacts,
    InterpreterNeed,
    clauses,
    interpreter_message,
    interpreter_suggestion,
    is_placeholder,
    plans_interpreter,
    read_identity,
)


def considered(statement: str = "", *plan_texts: str, languages=()) -> bool:
    return read_identity(IdentityFacts(statement, plan_texts, languages=languages)).considered


# Rule 1: arrangements for the family's language or culture count wherever they are written.


@pytest.mark.parametrize(
    "statement",
    [
        "A female Yoruba interpreter comes to every meeting.",
        "Interpreter (Urdu) booked for all core groups",
        "The plan is translated into Polish.",
        "The plan is in Yoruba and English",
        "Mum's copy of the plan will be in Tigrinya",
        "Letters to Dad are written in his own language",
        "Grandma's copy is in Sylheti, read to her by her grandson",
        "Ms Begum, the council's cultural advisor, joins the core group.",
        "A BSL interpreter for Dad at every visit",
    ],
)
def test_an_arrangement_for_language_or_culture_counts(statement):
    assert considered(statement)


def test_a_plan_in_a_language_only_the_familys_answers_name_counts():
    # Krio is not among the languages the check knows without the family's answers.
    assert not considered("The plan is in Krio and English.")
    assert considered("The plan is in Krio and English.", languages=("Krio", "English"))


def test_a_translation_imported_for_the_family_is_the_plan_in_their_language():
    assert not considered("N/A")
    reading = read_identity(IdentityFacts("N/A", translated_into=("yo",)))
    assert reading.considered and reading.placeholder


@pytest.mark.parametrize(
    "statement",
    [
        "No interpreter is needed: Mum speaks English.",
        "Dad does not want an interpreter",
        "The meeting went ahead without an interpreter.",
    ],
)
def test_an_interpreter_the_plan_does_without_is_no_arrangement(statement):
    assert not plans_interpreter(statement)
    assert not considered(statement)


# Rule 2: the family's faith, culture, community or language, with what will happen.


@pytest.mark.parametrize(
    ("statement", "counts"),
    [
        ("The family's church is part of the safety network.", True),
        ("Pastor Adeyemi has agreed to have the children if Grandma cannot.", True),
        ("Kemi keeps going to Yoruba lessons with Grandma on Saturdays", True),
        ("Visits will be arranged around prayer times and not during Ramadan iftar.", True),
        ("Foster carers will be given advice on Ayesha's hair care.", True),
        ("The imam will visit the family with the social worker", True),
        ("Mum will cook halal meals when the children stay with her sister", True),
        # Who the family are, without anything that will happen because of it.
        ("The family are Nigerian and Christian.", False),
        ("Mum is Muslim and goes to the mosque.", False),
        ("Both parents are White British. The family have no religion", False),
        ("The family speak Polish at home.", False),
        # What will happen, but nothing about identity.
        ("The social worker will visit every 10 working days.", False),
        # A promise only to think about it.
        ("The family's culture and faith will be considered.", False),
        ("Their religion will be respected and taken into account", False),
        ("Their faith will be respected and the church will help with school runs", True),
    ],
)
def test_identity_counts_in_the_statement_only_with_what_will_happen(statement, counts):
    assert considered(statement) is counts


def test_a_clause_that_says_nothing_of_identity_cannot_lend_its_promise_to_one_that_does():
    assert not considered("The family's faith matters to them, and Sam will visit weekly.")
    assert considered("Sam will visit weekly, and the family's faith community will help too.")


@pytest.mark.parametrize(
    "placeholder",
    [
        "N/A",
        "n/a",
        "None.",
        "Considered",
        "Identity considered.",
        "identity has been considered",
        "No issues identified",
        "Not applicable",
        "As above",
        "-",
    ],
)
def test_a_placeholder_is_recognised_and_does_not_count(placeholder):
    assert is_placeholder(placeholder)
    assert not considered(placeholder)


def test_a_statement_that_says_more_than_a_placeholder_is_not_one():
    assert not is_placeholder("Considered: the family's church will help with school runs")
    assert not is_placeholder("")


# Goals and actions are what will happen: naming identity in them is enough.


def test_a_goal_or_action_that_draws_on_identity_counts_even_with_a_blank_statement():
    assert considered("", "Mum rings Pastor Adeyemi's wife, who will have the children")
    assert considered("", "Give Grandma a diary in Yoruba")
    assert considered("N/A", "Ali goes to the mosque youth club every Friday.")


def test_goals_about_ordinary_care_do_not_count_as_identity():
    goals = (
        "Lily has breakfast and an evening meal every day",
        "Dad goes to the community alcohol service every week",
        "Lily's hair is washed and her clothes are clean",
    )
    assert not considered("", *goals)


# Rule 3: the family's own reason why identity changes nothing.


def test_the_familys_own_reason_counts():
    statement = (
        "Kerry told us the family have no faith and speak English at home, so nothing in the "
        "plan needs to change for it."
    )
    assert considered(statement)


@pytest.mark.parametrize(
    "statement",
    ["Mum said there were no issues.", "The family said they are Christian."],
)
def test_what_the_family_said_without_a_reason_or_a_subject_does_not_count(statement):
    assert not considered(statement)


# The interpreter the record asks for.


YORUBA = (InterpreterNeed("Funmilayo", "Yoruba"), InterpreterNeed("Abosede", "Yoruba"))


def test_an_interpreter_needed_but_not_in_the_plan_is_missing():
    reading = read_identity(IdentityFacts("The family's church will help.", (), YORUBA))
    assert reading.considered
    assert reading.interpreter_missing
    assert interpreter_message(reading.interpreter_needs) == (
        "Funmilayo and Abosede need a Yoruba interpreter, but the plan does not say one will be "
        "at the meetings"
    )
    assert interpreter_suggestion(reading.interpreter_needs) == (
        "Say that a Yoruba interpreter will be at every conference, core group and visit, and "
        "who books them"
    )


def test_an_interpreter_in_a_goals_action_is_enough():
    facts = IdentityFacts("", ("Book the interpreter for every appointment",), YORUBA)
    assert not read_identity(facts).interpreter_missing


def test_nobody_needing_an_interpreter_asks_for_none():
    assert not read_identity(IdentityFacts("The plan is in English.")).interpreter_missing


@pytest.mark.parametrize(
    ("needs", "message"),
    [
        (
            (InterpreterNeed("Ali", "Arabic"),),
            "Ali needs an Arabic interpreter, but the plan does not say one will be at the "
            "meetings",
        ),
        (
            (InterpreterNeed("Ali", "Arabic"), InterpreterNeed("Daria", "Romanian")),
            "Ali and Daria need interpreters (Arabic and Romanian), but the plan does not say they "
            "will be at the meetings",
        ),
        (
            (InterpreterNeed("Jo"),),
            "Jo needs an interpreter, but the plan does not say one will be at the meetings",
        ),
    ],
)
def test_the_interpreter_message_names_who_and_which_language(needs, message):
    assert interpreter_message(needs) == message


def test_clauses_end_at_stops_semicolons_colons_and_a_new_and():
    assert clauses("A; B: C. D, and E\nF") == ["A", "B", "C", "D", "E", "F"]
    assert clauses("Kemi and Tolu go") == ["Kemi and Tolu go"]
