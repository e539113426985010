"""The family's pages in their language (issue 20): a right code opens them in the language the
person asked for their plan in; a link at the top of every family page, each language in its own
name, switches to another for the rest of the session (a language chosen before the code is
kept). Arabic and Urdu pages read right to left. The staff's pages stay in English."""

import pytest
from helpers import sign_in
from invitation_world import MEETING_ON
from pages import assert_page, error_messages, error_summary, links, parse, select, text_of

from conference.extensions import db
from conference.models import Child, Conference, User
from conference.pdf.i18n import local_date
from conference.services import invitations

HELLO = {"en": "Hello Kemi", "yo": "Ẹ n lẹ́ o Kemi", "ar": "مرحباً Kemi", "pl": "Dzień dobry, Kemi"}
LANGUAGE_NAMES = ["English", "العربية", "বাংলা", "Lietuvių", "Polski", "Română", "اردو", "Yorùbá"]


def _code(app, family, language: str = "") -> str:
    """Kemi's code for the review conference; she asked for her plan in `language`."""
    with app.test_request_context():
        kemi = db.session.get(Child, family.kemi_id)
        kemi.plan_language = language
        worker = db.session.get(User, family.user_ids["social_worker"])
        conference = db.session.get(Conference, family.conference_id)
        _invitation, made = invitations.invite(worker, conference, kemi, "young_person")
        db.session.commit()
        return made


def _type(client, code: str, query: str = ""):
    token = select(
        client.get(f"/respond{query}").get_data(as_text=True), 'input[name="csrf_token"]'
    )
    data = {"csrf_token": token[0].get("value"), "code": code}
    return client.raw.post("/respond", data=data, environ_base={"REMOTE_ADDR": "203.0.113.7"})


def _html_attributes(html: str) -> tuple[str, str]:
    root = parse(html)
    return root.get("lang"), root.get("dir")


def test_the_pages_open_in_yoruba_for_a_person_who_reads_yoruba(client, app, family):
    _type(client, _code(app, family, "Yoruba"))
    html = assert_page(client.get("/respond/start"), HELLO["yo"])
    assert _html_attributes(html) == ("yo", "ltr")
    words = text_of(html)
    assert local_date(MEETING_ON, "yo") in words
    footer = "ni èyí. Tí ẹ bá nílò ìrànlọ́wọ́, ẹ béèrè lọ́wọ́ òṣìṣẹ́ àwùjọ yín."
    assert footer in text_of(select(html, "footer")[0])
    assert "If you need help, ask your social worker." not in words
    assert select(html, "a.govuk-skip-link")[0].text.strip() == "Lọ sí ohun tí ó wà lójú-ìwé"


def test_arabic_pages_read_right_to_left(client, app, family):
    _type(client, _code(app, family, "Arabic"))
    html = assert_page(client.get("/respond/start"), HELLO["ar"])
    assert _html_attributes(html) == ("ar", "rtl")
    # Each language's link names it in its own words and script, with its own direction.
    [english] = [a for a in select(html, "a.app-language-links__link") if a.get("lang") == "en"]
    assert (english.text, english.get("dir"), english.get("hreflang")) == ("English", "ltr", "en")
    [current] = select(html, ".app-language-links__current")
    assert (current.text, current.get("lang"), current.get("dir")) == ("العربية", "ar", "rtl")
    assert current.get("aria-current") == "true"


def test_english_pages_are_british_english(client, app, family):
    _type(client, _code(app, family))
    html = assert_page(client.get("/respond/start"), HELLO["en"])
    assert _html_attributes(html) == ("en-GB", "ltr")
    nav = select(html, 'nav[aria-label="Languages"]')[0]
    names = [a.text for a in nav.iter() if a.get("lang")]
    assert names == LANGUAGE_NAMES


def test_a_language_link_switches_the_pages_for_the_session(client, app, family):
    _type(client, _code(app, family, "Yoruba"))
    html = client.get("/respond/start").get_data(as_text=True)
    polish = {text: href for href, text in links(html, "a.app-language-links__link")}
    assert polish["Polski"] == "/respond/start?lang=pl"
    assert_page(client.get(polish["Polski"]), HELLO["pl"])
    # The choice lasts: the next page without the link's address is still in Polish.
    html = assert_page(client.get("/respond/start"), HELLO["pl"])
    assert _html_attributes(html) == ("pl", "ltr")
    # A language the pages are not written in is not offered, and changes nothing.
    assert_page(client.get("/respond/start?lang=xx"), HELLO["pl"])


def test_the_code_page_in_a_language_keeps_the_code_from_the_qr_code(client, app, family):
    code = _code(app, family)
    html = assert_page(client.get(f"/respond?code={code}&lang=yo"), "Ẹ tẹ kóòdù yín")
    assert select(html, 'input[name="code"]')[0].get("value") == code
    hrefs = {text: href for href, text in links(html, "a.app-language-links__link")}
    assert hrefs["English"] == f"/respond?code={code}&lang=en"


CODE_PAGE_ENGLISH = (
    "Your social worker asked what you think",
    "Your code",
    "It is on your letter, or your social worker gave it to you.",
    "You can type the code with or without the spaces",
    "Continue",
)


@pytest.mark.parametrize(("chosen", "label"), [("ar", "الرمز الخاص بك"), ("yo", "Kóòdù yín")])
def test_the_code_page_is_all_in_the_page_s_language(client, chosen, label):
    html = client.get(f"/respond?lang={chosen}").get_data(as_text=True)
    assert select(html, 'label[for="code"]')[0].text.strip() == label
    words = text_of(select(html, "main")[0])
    for english in CODE_PAGE_ENGLISH:
        assert english not in words, english
    assert "K7QM 3XRT 9HWP C2DA" in words  # the hint's example, in the page's language


def test_a_code_too_long_is_told_in_the_page_s_language(client):
    html = _type(client, "K" * 41, "?lang=yo").get_data(as_text=True)
    assert error_messages(html) == ["Kóòdù yín kò gbọdọ̀ ju ogójì (40) lẹ́tà lọ"]
    assert select(html, 'input[name="code"]')[0].get("value") == "K" * 41  # nothing lost


def test_a_language_chosen_before_the_code_is_kept(client, app, family):
    code = _code(app, family, "Yoruba")
    client.get("/respond?lang=ar")
    _type(client, code)
    assert_page(client.get("/respond/start"), HELLO["ar"])


def test_a_wrong_code_is_told_in_the_page_s_language(client, app, family):
    _code(app, family)
    html = _type(client, "K7QM-3XRT-9HWP-C2DA", "?lang=yo").get_data(as_text=True)
    message = (
        "A kò rí kóòdù yẹn. Ẹ yẹ̀ ẹ́ wò kí ẹ sì tún gbìyànjú, tàbí kí ẹ béèrè kóòdù tuntun "
        "lọ́wọ́ òṣìṣẹ́ àwùjọ yín."
    )
    assert error_messages(html) == [message]
    assert error_summary(html) == [message]
    assert select(html, ".govuk-error-summary__title")[0].text.strip() == "Ìṣòro kan wà"
    assert select(html, "title")[0].text.startswith("Àṣìṣe: Ẹ tẹ kóòdù yín – ")


@pytest.mark.parametrize("chosen", ["ar", "yo"])
def test_the_staff_pages_stay_in_english(client, app, family, chosen):
    assert sign_in(client, family.emails["social_worker"]).status_code == 302
    client.get(f"/respond?lang={chosen}")  # the worker shows the family the code page
    html = assert_page(
        client.get(f"/conferences/{family.conference_id}/invitations"),
        "Invitations to give their views",
    )
    assert _html_attributes(html)[0] == "en-GB"
    assert not select(html, ".app-language-links__list")
