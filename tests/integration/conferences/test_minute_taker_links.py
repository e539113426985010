"""The demo's minute-taker follows every link on every page they can reach, and none leads to a
page they are refused (issue 18): they see their conference and the plan drafted at it, so the
pages they share with everyone else leave out the links into the rest of the case (the
chronology, the other versions of the plan, the earlier plan's progress)."""

import re
from urllib.parse import urlsplit

from helpers import Client, sign_in
from sqlalchemy import select

from conference.extensions import db
from conference.models import Conference, Plan
from conference.seeding.demo import seed

PASSWORD = "a demo password for the tests"
HREF = re.compile(r'href="([^"#]*)')
# Not pages: signing out ends the crawl, and documents are downloads checked with the documents.
SKIPPED = ("/static/", "/sign-out")


def links_on(html: str) -> list[str]:
    found = (href.replace("&amp;", "&") for href in HREF.findall(html))
    return [h for h in found if h.startswith("/") and not h.startswith(SKIPPED) and ".pdf" not in h]


def crawl(client) -> tuple[set[str], list[tuple[str, int, str]]]:
    """Every page reachable from the start page by GET, and each link that failed, with the
    page it was on."""
    seen: set[str] = set()
    failed = []
    to_visit = [("/", "")]
    while to_visit:
        url, linked_from = to_visit.pop()
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        if response.status_code in (301, 302, 303):
            to_visit.append((urlsplit(response.headers["Location"]).path, url))
        elif response.status_code >= 400:
            failed.append((url, response.status_code, linked_from))
        elif "html" in response.content_type:
            to_visit += [(href, url) for href in links_on(response.get_data(as_text=True))]
    return seen, failed


def test_no_link_a_minute_taker_is_shown_is_refused(app):
    with app.app_context():
        seed(PASSWORD)
        review = db.session.scalar(
            select(Conference).where(Conference.minute_taker_id.is_not(None))
        )
        plan_id = db.session.scalar(select(Plan.id).where(Plan.conference_id == review.id))
        review_url = f"/conferences/{review.id}"
        db.session.remove()
    minute_taker = Client(app.test_client())
    assert sign_in(minute_taker, "minutetaker@demo.example", PASSWORD).status_code == 302
    seen, failed = crawl(minute_taker)
    assert failed == []
    # The crawl reached the conference's pages and its plan, and nothing of the case beyond.
    assert {"/my-work/", review_url, f"{review_url}/scaling", f"/plans/{plan_id}"} <= seen
    assert not [url for url in seen if url.startswith("/cases/")]
