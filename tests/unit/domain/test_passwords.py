"""The password rules: no app, no database."""

import pytest

from conference.domain.passwords import password_problems


@pytest.mark.parametrize(
    ("password", "problem"),
    [
        ("short pass", "Password must be 12 characters or more"),
        ("elevenchars", "Password must be 12 characters or more"),
        ("x" * 129 + "yz", "Password must be 128 characters or fewer"),
        ("password1234", "Password is too common: choose a password that is harder to guess"),
        ("Password1234", "Password is too common: choose a password that is harder to guess"),
        (" qwerty123456 ", "Password is too common: choose a password that is harder to guess"),
        ("abababababab", "Password must not be one or two characters repeated"),
    ],
)
def test_weak_passwords_are_refused_with_a_reason(password, problem):
    assert password_problems(password) == [problem]


def test_password_containing_the_email_is_refused():
    assert password_problems("jo.bloggs-2026!", "jo.bloggs@example.org") == [
        "Password must not contain your email address"
    ]


@pytest.mark.parametrize(
    "password", ["twelve chars", "correct horse battery staple", "Ŝpecial ĉharacters ok"]
)
def test_long_uncommon_passwords_are_accepted(password):
    assert password_problems(password, "someone@example.org") == []
