"""The case search keeps what was searched for out of every address: a child's name or date of
birth in an address is kept by access logs, browser history and Referer headers. The search is
POSTed, its words kept in the session on the server, and its results shown at an address that
names the search by a random key only, so Back, Refresh and paging work as for any page; an old
address with a search in it is not searched."""

from datetime import date

import pytest
from helpers import Client, sign_in
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


def search(client, **fields):
    """Search as the form does, then follow to the results as the browser would."""
    response = client.post("/cases/", fields)
    assert response.status_code == 302
    results = client.get(response.headers["Location"])
    results.sent_to = response.headers["Location"]
    return results


def test_the_search_is_posted_and_its_results_are_at_an_address_without_its_words(
    app, chair, make_case
):
    add_family(app, make_case(reference="HAV-000001"))
    add_family(app, make_case(reference="HAV-000002"), family_name="Jones")
    page = chair.get("/cases/").get_data(as_text=True)
    [form] = [form for form in select(page, "form") if form.get("role") == "search"]
    assert form.get("method") == "post"

    response = search(chair, q=NAME, team="", pod="", status="")
    html = response.get_data(as_text=True)
    assert "HAV-000001" in html and "HAV-000002" not in html
    assert f'value="{NAME}"' in html  # the search box keeps what was typed
    assert [address for address in addresses(response) if NAME in address] == []
    assert NAME not in response.sent_to and "search=" in response.sent_to
    # Back or Refresh: the same address gives the same results again.
    again = chair.get(response.sent_to).get_data(as_text=True)
    assert "HAV-000001" in again and "HAV-000002" not in again


def test_an_address_with_a_search_in_it_is_not_searched(app, chair, make_case):
    add_family(app, make_case(reference="HAV-000001"))
    add_family(app, make_case(reference="HAV-000002"), family_name="Jones")
    html = chair.get("/cases/", query_string={"q": NAME}).get_data(as_text=True)
    assert "HAV-000001" in html and "HAV-000002" in html
    assert f'value="{NAME}"' not in html


def test_another_sessions_search_key_searches_nothing(app, chair, make_case, make_user):
    add_family(app, make_case(reference="HAV-000001"))
    add_family(app, make_case(reference="HAV-000002"), family_name="Jones")
    address = search(chair, q=NAME).sent_to
    make_user("chair", email="other-chair@example.org", team="Chairs")
    other = Client(app.test_client())
    assert sign_in(other, "other-chair@example.org").status_code == 302
    html = other.get(address).get_data(as_text=True)
    assert "HAV-000001" in html and "HAV-000002" in html  # all cases: no words searched
    assert f'value="{NAME}"' not in html


def test_the_pages_of_a_search_keep_the_search_and_not_its_words(app, chair, make_case):
    for n in range(23):
        add_family(app, make_case(reference=f"AAA-{n:06d}"))
    add_family(app, make_case(reference="BBB-000001"), family_name="Jones")
    first = search(chair, q=NAME)
    assert "23 cases, page 1 of 2" in text_of(first.get_data(as_text=True))
    assert [address for address in addresses(first) if NAME in address] == []
    [next_page] = [href for href, text in links(first.get_data(as_text=True)) if "Next" in text]
    assert "page=2" in next_page and "search=" in next_page

    second = chair.get(next_page).get_data(as_text=True)
    assert "23 cases, page 2 of 2" in text_of(second)
    assert text_of(second).count("AAA-0000") == 3 and "BBB-000001" not in second


def test_a_page_past_the_last_says_so_and_links_to_the_first(app, chair, make_case):
    make_case(reference="AAA-000001")
    html = chair.get("/cases/?page=2").get_data(as_text=True)
    assert "There is no page 2" in text_of(html)
    assert "/cases/?page=1" in [href for href, _text in links(html)]


def test_filters_without_a_search_keep_their_pages_in_the_address(app, chair, make_case):
    for n in range(23):
        make_case(reference=f"AAA-{n:06d}", status="cp_plan")
    response = search(chair, q="", status="cp_plan")
    assert response.sent_to == "/cases/?status=cp_plan"
    assert "23 cases, page 1 of 2" in text_of(response.get_data(as_text=True))
    assert "/cases/?status=cp_plan&page=2" in [href for href, _t in links(response.data.decode())]


@pytest.mark.parametrize("typed", ["%", "_", "\\"])
def test_wildcards_are_searched_for_as_typed(app, chair, make_case, typed):
    add_family(app, make_case(reference="HAV-000001"))
    html = search(chair, q=typed).get_data(as_text=True)
    assert "No cases found" in html


@pytest.mark.parametrize(
    "typed", ["<script>alert(1)</script>", "'; DROP TABLE family_case; --", "%s%n%x", "31/2/2020"]
)
def test_hostile_searches_find_nothing_and_break_nothing(app, chair, make_case, typed):
    add_family(app, make_case(reference="HAV-000001"))
    response = search(chair, q=typed)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "No cases found" in html
    assert "<script>alert" not in html


def test_a_search_too_long_is_explained_and_kept(app, chair):
    typed = "x" * 101
    html = search(chair, q=typed).get_data(as_text=True)
    assert error_summary(html) == ["Search must be 100 characters or fewer"]
    assert f'value="{typed}"' in html
