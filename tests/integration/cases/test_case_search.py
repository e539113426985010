"""The case search keeps what was searched for out of every address: a child's name or date of
birth in an address is kept by access logs, browser history and Referer headers. The search is
POSTed and its results shown in reply, its pages asked for the same way; an old address with a
search in it is not searched."""

from datetime import date

import pytest
from pages import error_summary, links, select, text_of

from conference.extensions import db
from conference.models import Child

NAME = "Adebayo"


def add_family(app, case_id, family_name=NAME, born=date(2019, 3, 14)):
    with app.app_context():
        db.session.add(
            Child(
                case_id=case_id,
                given_name="Kemi",
                family_name=family_name,
                date_of_birth=born,
                local_child_id=f"C{case_id}",
            )
        )
        db.session.commit()


@pytest.fixture
def chair(signed_in):
    return signed_in("chair", team="Chairs")


def addresses(response) -> list[str]:
    """Every address the page or the response sends the browser to."""
    html = response.get_data(as_text=True)
    found = [href for href, _text in links(html)]
    found += [form.get("action") or "" for form in select(html, "form")]
    return [*found, response.headers.get("Location", ""), response.request.url]


def test_the_search_form_is_posted_and_the_results_shown_in_reply(app, chair, make_case):
    add_family(app, make_case(reference="HAV-000001"))
    add_family(app, make_case(reference="HAV-000002"), family_name="Jones")
    page = chair.get("/cases/").get_data(as_text=True)
    [search] = [form for form in select(page, "form") if form.get("role") == "search"]
    assert search.get("method") == "post"

    response = chair.post("/cases/", {"q": NAME, "team": "", "pod": "", "status": ""})
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "HAV-000001" in html and "HAV-000002" not in html
    assert f'value="{NAME}"' in html  # the search box keeps what was typed
    assert [address for address in addresses(response) if NAME in address] == []


def test_an_address_with_a_search_in_it_is_not_searched(app, chair, make_case):
    add_family(app, make_case(reference="HAV-000001"))
    add_family(app, make_case(reference="HAV-000002"), family_name="Jones")
    html = chair.get("/cases/", query_string={"q": NAME}).get_data(as_text=True)
    assert "HAV-000001" in html and "HAV-000002" in html
    assert f'value="{NAME}"' not in html


def test_the_pages_of_a_search_are_asked_for_by_post_with_the_search(app, chair, make_case):
    for n in range(23):
        add_family(app, make_case(reference=f"AAA-{n:06d}"))
    add_family(app, make_case(reference="BBB-000001"), family_name="Jones")
    first = chair.post("/cases/", {"q": NAME})
    assert "23 cases, page 1 of 2" in text_of(first.get_data(as_text=True))
    assert [address for address in addresses(first) if NAME in address] == []
    html = first.get_data(as_text=True)
    [pages] = [form for form in select(html, "form") if select(form, 'button[name="page"]')]
    assert pages.get("method") == "post"
    kept = {field.get("name"): field.get("value") for field in select(pages, "input")}
    assert kept["q"] == NAME
    [next_page] = select(pages, 'button[name="page"]')
    assert (next_page.get("value"), next_page.text.strip()) == ("2", "Next page")

    second = chair.post("/cases/", {**kept, "page": "2"}).get_data(as_text=True)
    assert "23 cases, page 2 of 2" in text_of(second)
    assert text_of(second).count("AAA-0000") == 3 and "BBB-000001" not in second


def test_filters_without_a_search_keep_their_pages_in_the_address(app, chair, make_case):
    for n in range(23):
        make_case(reference=f"AAA-{n:06d}", status="cp_plan")
    response = chair.post("/cases/", {"q": "", "status": "cp_plan"})
    assert "23 cases, page 1 of 2" in text_of(response.get_data(as_text=True))
    assert "/cases/?status=cp_plan&page=2" in [href for href, _t in links(response.data.decode())]


@pytest.mark.parametrize(
    "typed", ["<script>alert(1)</script>", "'; DROP TABLE family_case; --", "%s%n%x", "31/2/2020"]
)
def test_hostile_searches_find_nothing_and_break_nothing(app, chair, make_case, typed):
    add_family(app, make_case(reference="HAV-000001"))
    response = chair.post("/cases/", {"q": typed})
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "No cases found" in html
    assert "<script>alert" not in html


def test_a_search_too_long_is_explained_and_kept(app, chair):
    typed = "x" * 101
    html = chair.post("/cases/", {"q": typed}).get_data(as_text=True)
    assert error_summary(html) == ["Search must be 100 characters or fewer"]
    assert f'value="{typed}"' in html
