"""Numbers in addresses beyond what the database holds: every route with a number in it answers
"Page not found" (never a server error), and `?page` beyond any list shows the first page."""

import re

import pytest
from pages import assert_page

LARGEST_ID = 2**31 - 1  # PostgreSQL's integer, the type of every id column
# Just beyond PostgreSQL's integer (every id column), beyond 64 bits (SQLite's integer), and
# far beyond both.
TOO_BIG = [LARGEST_ID + 1, 2**63, 10**20]
NUMBER = re.compile(r"<int(?:\([^)]*\))?:(\w+)>")
OTHER = re.compile(r"<(?:\w+(?:\([^)]*\))?:)?(\w+)>")


def routes_with_numbers(app) -> list:
    return sorted(
        (rule for rule in app.url_map.iter_rules() if NUMBER.search(rule.rule)),
        key=lambda rule: rule.rule,
    )


def address(rule, too_big: int, at: str) -> str:
    """The rule's address with `too_big` for the number called `at`, 1 for any other number
    and "x" for any other part."""
    path = NUMBER.sub(lambda m: str(too_big) if m.group(1) == at else "1", rule.rule)
    return OTHER.sub("x", path)


@pytest.fixture
def chair(signed_in):
    """A chair sees every case, so no rule about who may see what answers first."""
    return signed_in("chair")


def test_there_are_routes_with_numbers_to_check(app):
    assert len(routes_with_numbers(app)) > 30


@pytest.mark.parametrize("too_big", TOO_BIG)
def test_every_route_with_a_number_beyond_the_database_is_not_found(app, chair, too_big):
    token = chair.csrf_token("/")
    answers = {}
    for rule in routes_with_numbers(app):
        for name in NUMBER.findall(rule.rule):
            url = address(rule, too_big, name)
            for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
                if method == "GET":
                    response = chair.get(url)
                else:
                    response = chair.raw.open(url, method=method, data={"csrf_token": token})
                answers[f"{method} {url}"] = response.status_code
    assert {url: code for url, code in answers.items() if code != 404} == {}


def test_the_not_found_page_is_the_services_own(chair):
    assert_page(chair.get(f"/cases/{10**20}"), "Page not found", status=404)


@pytest.mark.parametrize("page", [str(2**63), str(10**20)])
def test_a_page_of_cases_beyond_any_list_shows_the_first(chair, make_case, page):
    make_case(reference="HAV-000123")
    response = chair.get(f"/cases/?page={page}")
    html = assert_page(response, "Cases")
    assert "HAV-000123" in html


@pytest.mark.parametrize("page", [str(2**63), str(10**20)])
def test_a_page_of_the_audit_trail_beyond_any_list_shows_the_first(signed_in, page):
    admin = signed_in("admin")
    assert admin.get(f"/admin/audit?page={page}").status_code == 200
