"""What a child said at visits since the last conference, on their voice page at the next one,
with a button that adds the words to what is typed in "In their words" (added, never
replacing, nothing saved until the form is saved, and that save version-checked)."""

from datetime import time, timedelta

import pytest
from answers import VOICE
from helpers import Client, count, sign_in
from pages import assert_page, select, text, text_of

from conference.domain import clock
from conference.domain.timescales import default_calendar
from conference.domain.wording import long_date
from conference.extensions import db
from conference.models import ChildVoice, Conference, StatutoryVisit, VisitChild

TODAY = clock.today()
CALENDAR = default_calendar()


def add_visit(app, family, on, words: dict[str, str], by_lead=True) -> dict[str, int]:
    with app.app_context():
        visit = StatutoryVisit(
            case_id=family["case_id"],
            visited_on=on,
            by_lead_social_worker=by_lead,
            visitor_id=family["worker"] if by_lead else None,
            visitor_name="" if by_lead else "Jo Cover",
            visitor_role="" if by_lead else "Duty social worker",
            place="Home",
            observations="Seen",
        )
        visit.children = [
            VisitChild(child_id=family[child], seen=True, own_words=said)
            for child, said in words.items()
        ]
        db.session.add(visit)
        db.session.commit()
        return {child: part.id for child, part in zip(words, visit.children, strict=True)}


@pytest.fixture
def review(app, family):
    """The review conference, booked for next week, with visits before and since the initial
    conference."""
    with app.app_context():
        review = Conference(
            case_id=family["case_id"],
            conference_type="review",
            held_on=TODAY + timedelta(days=7),
            starts_at=time(10),
        )
        db.session.add(review)
        db.session.commit()
        review_id = review.id
    before = family["started"] - timedelta(days=1)
    add_visit(app, family, before, {"mia": "Said before the first conference"})
    first = CALENDAR.subtract_working_days(TODAY, 20)
    second = CALENDAR.subtract_working_days(TODAY, 5)
    parts = add_visit(app, family, first, {"mia": "I like my new bed.", "baby": "(a cry)"})
    later = add_visit(app, family, second, {"mia": "Nan’s on Fridays."}, by_lead=False)
    return {
        "id": review_id,
        "url": f"/conferences/{review_id}/voice/{family['mia']}",
        "first": first,
        "second": second,
        "part": parts["mia"],
        "later_part": later["mia"],
    }


def as_worker(app) -> Client:
    client = Client(app.test_client())
    assert sign_in(client, "worker@example.org").status_code == 302
    return client


def test_the_voice_page_shows_what_the_child_said_at_visits_since_the_last_conference(
    app, family, review
):
    html = assert_page(as_worker(app).get(review["url"]), "Voice of the child: Mia Jones")

    said = text_of(html[html.index('id="visit-words"') :])
    assert f"{long_date(review['first'])}, Sam Worker I like my new bed." in said
    assert f"{long_date(review['second'])}, Jo Cover (Duty social worker) Nan’s on Fridays." in said
    assert "Said before the first conference" not in said
    assert "(a cry)" not in said  # the baby's words are on the baby's page
    assert select(html, f'button[name="bring_words"][value="{review["part"]}"]')


def test_adding_words_keeps_what_is_typed_and_saves_nothing_until_the_form_is_saved(
    app, family, review
):
    client = as_worker(app)
    typed = {**VOICE, "own_words": "Mia told me school is better.", "version": "0"}

    response = client.post(review["url"], {**typed, "bring_words": str(review["part"])})

    html = assert_page(response, "Voice of the child: Mia Jones")
    added = f"At a visit on {long_date(review['first'])} (Sam Worker): I like my new bed."
    [box] = select(html, 'textarea[name="own_words"]')
    assert box.text.strip() == f"Mia told me school is better.\n\n{added}"
    assert count(app, ChildVoice) == 0
    # Adding the same words twice does not repeat them; the next are added after.
    both = {**typed, "own_words": box.text.strip()}
    response = client.post(review["url"], {**both, "bring_words": str(review["part"])})
    [box] = select(response.get_data(as_text=True), 'textarea[name="own_words"]')
    assert box.text.strip() == f"Mia told me school is better.\n\n{added}"

    saved = client.post(review["url"], {**typed, "own_words": box.text.strip()})

    assert saved.status_code == 302
    with app.app_context():
        voice = db.session.query(ChildVoice).one()
        assert voice.own_words == f"Mia told me school is better.\n\n{added}"


def test_adding_words_says_what_was_added_and_to_save_and_leads_to_the_words(app, family, review):
    client = as_worker(app)
    html = client.get(review["url"]).get_data(as_text=True)
    [button] = select(html, f'button[name="bring_words"][value="{review["part"]}"]')
    assert button.get("formaction") == f"{review['url']}#words-added"
    assert "words-added" not in html.replace('#words-added"', "")

    typed = {**VOICE, "own_words": "", "version": "0"}
    response = client.post(review["url"], {**typed, "bring_words": str(review["part"])})

    html = assert_page(response, "Voice of the child: Mia Jones")
    [banner] = select(html, "#words-added")
    assert text(banner) == (
        f"Not saved yet What Mia said at the visit on {long_date(review['first'])} is added to"
        " Mia’s words below. Select ‘Save Mia’s voice’ to keep them."
    )
    # The banner sits just before the words field it is about.
    assert html.index('id="words-added"') < html.index('name="own_words"')
    assert count(app, ChildVoice) == 0


def test_words_from_another_childs_visit_cannot_be_added(app, family, review):
    with app.app_context():
        baby_part = (
            db.session.query(VisitChild).filter_by(child_id=family["baby"], own_words="(a cry)")
        ).one()
        baby_part_id = baby_part.id
    typed = {**VOICE, "own_words": "Typed", "version": "0"}

    response = as_worker(app).post(review["url"], {**typed, "bring_words": str(baby_part_id)})

    [box] = select(response.get_data(as_text=True), 'textarea[name="own_words"]')
    assert box.text.strip() == "Typed"


def test_saving_the_words_after_someone_else_saved_is_refused_and_keeps_them(app, family, review):
    client = as_worker(app)
    other = as_worker(app)
    assert other.post(review["url"], {**VOICE, "own_words": "Theirs", "version": "0"}).status_code
    added = f"At a visit on {long_date(review['first'])} (Sam Worker): I like my new bed."

    response = client.post(review["url"], {**VOICE, "own_words": added, "version": "0"})

    html = assert_page(response, "Voice of the child: Mia Jones")
    assert "Someone else changed this record while you were editing it" in text_of(html)
    assert added in html
    with app.app_context():
        assert db.session.query(ChildVoice).one().own_words == "Theirs"
