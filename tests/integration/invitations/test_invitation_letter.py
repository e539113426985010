"""The printed invitation letter (issue 20): made from the page that shows the code once, which
sends the code back with its button (the code is never stored). The letter is in the person's
language with the English under each piece, on one page, tagged: their first name, the
meeting's date, what the questions are for, the address, the code in its groups, the QR code,
where to get help, when the code stops working and to keep it private. A code that is not the
invitation's own, or an invitation no longer open, prints nothing; every print and every refusal
is audited."""

import io

import pytest
from helpers import sign_in
from invitation_world import MEETING_ON
from pages import assert_page, select, text_of
from pypdf import PdfReader
from sqlalchemy import select as query
from tagged_pdf import ARABIC_SCRIPT, language_of, squashed, structure

from conference.domain.wording import long_date
from conference.extensions import db
from conference.models import Adult, AuditEvent, Child, Conference, Invitation, User
from conference.pdf import documents
from conference.pdf.i18n import local_date
from conference.pdf.invitation_letter import code_groups, respond_link
from conference.services import invitations

REFUSED = "The letter could not be made"
HOSTILE = ["", "   ", "<script>alert(1)</script>", "K7QM-3XRT-9HWP-C2DA", "x" * 10_001, "a\u202eb"]


def _code_page(client, family, person="child", version="young_person", signed_in=False):
    """The worker invites Kemi (or Dana): the page that answers shows the code once."""
    if not signed_in:
        assert sign_in(client, family.emails["social_worker"]).status_code == 302
    whom = f"child:{family.kemi_id}" if person == "child" else f"adult:{family.dana_id}"
    url = f"/conferences/{family.conference_id}/invite"
    return client.post(url, {"person": whom, "version": version}).get_data(as_text=True)


def _letter_form(html: str) -> tuple[str, dict]:
    """The letter's form on the code page: where it posts, and its hidden fields."""
    [form] = [f for f in select(html, "form") if f.get("action", "").endswith("/letter")]
    fields = {each.get("name"): each.get("value") for each in form.iter("input")}
    return form.get("action"), fields


def _print(client, html: str, **changed):
    action, fields = _letter_form(html)
    return client.raw.post(action, data={**fields, **changed})


def _in_language(app, family, language: str, person="child") -> None:
    with app.app_context():
        model, key = (Child, family.kemi_id) if person == "child" else (Adult, family.dana_id)
        db.session.get(model, key).plan_language = language
        db.session.commit()


def _prints(app) -> list[AuditEvent]:
    with app.app_context():
        return list(
            db.session.scalars(
                query(AuditEvent).where(AuditEvent.action.in_(["print", "print-not-made"]))
            )
        )


def _text(pdf: bytes) -> str:
    return squashed(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages))


def test_the_code_page_offers_the_letter_with_the_code_in_a_hidden_field(client, family):
    html = _code_page(client, family)
    code = select(html, "#invitation-code")[0].text
    action, fields = _letter_form(html)
    with client.raw.application.app_context():
        invitation_id = db.session.scalar(query(Invitation.id))
    assert action == f"/invitations/{invitation_id}/letter"
    assert fields["code"] == code and fields["csrf_token"]
    assert "The letter is in English." in text_of(html)


def test_the_letter_in_english_says_all_it_must_on_one_page(client, family, app):
    html = _code_page(client, family)
    code = select(html, "#invitation-code")[0].text
    response = _print(client, html)
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert response.headers["Cache-Control"] == "no-store"
    disposition = response.headers["Content-Disposition"]
    assert "INV-000001-invitation-letter-" in disposition and "Kemi" not in disposition
    reader = PdfReader(io.BytesIO(response.data))
    assert len(reader.pages) == 1
    assert reader.trailer["/Root"]["/Lang"] == "en"
    assert "/StructTreeRoot" in reader.trailer["/Root"]  # tagged, as every document
    text = _text(response.data)
    for sentence in (
        "Hello Kemi",
        f"There will be a meeting about your family on {long_date(MEETING_ON)}.",
        "The questions ask what is going well, what worries you and what you would like to happen.",
        "http://localhost/respond",
        " ".join(code_groups(code)),
        "Or scan the QR code (the black and white square) with the camera on your phone.",
        f"Your code works until the end of {long_date(MEETING_ON)}.",
        "You can ask your social worker to help you answer.",
        "If you would rather answer on paper",
        "Your code is only for you. Do not show it to anyone",
    ):
        assert squashed(sentence) in text, sentence
    for private in ("Adeyemi", "Dana", "INV-000001", "2013"):
        assert private not in text
    [printed] = _prints(app)
    assert (printed.action, printed.user_id) == ("print", family.user_ids["social_worker"])
    assert printed.record_type == "invitation"
    assert printed.changes["document"] == [None, "invitation-letter"]
    assert printed.changes["for"] == [None, f"child:{family.kemi_id}"]


def test_the_letter_in_yoruba_has_the_english_under_each_piece(client, family, app):
    _in_language(app, family, "Yoruba", person="adult")
    html = _code_page(client, family, person="adult", version="parent")
    assert "The letter is in Yoruba and English." in text_of(html)
    response = _print(client, html)
    reader = PdfReader(io.BytesIO(response.data))
    assert len(reader.pages) == 1
    assert reader.trailer["/Root"]["/Lang"] == "yo"
    elements = structure(response.data)
    for yoruba, english in (
        ("Ẹ n lẹ́ o Dana", "Hello Dana"),
        ("Bí ẹ ṣe lè dáhùn", "How to answer"),
        ("Ẹ lè ní kí òṣìṣẹ́ àwùjọ yín ràn yín lọ́wọ́ láti dáhùn.", "You can ask your social"),
    ):
        assert language_of(elements, yoruba) == "yo", yoruba
        assert language_of(elements, english) == "en", english
    # The meeting's date as Yoruba writes it, then as English does.
    text = _text(response.data)
    assert squashed(local_date(MEETING_ON, "yo")) in text
    assert squashed(long_date(MEETING_ON)) in text


def test_the_letter_in_arabic_reads_right_to_left_and_stays_on_one_page(client, family, app):
    _in_language(app, family, "Arabic")
    html = _code_page(client, family)
    code = select(html, "#invitation-code")[0].text
    response = _print(client, html)
    reader = PdfReader(io.BytesIO(response.data))
    assert len(reader.pages) == 1
    assert reader.trailer["/Root"]["/Lang"] == "ar"
    elements = structure(response.data)
    arabic = [e for e in elements if e["lang"] == "ar" and ARABIC_SCRIPT.search(e["text"])]
    assert len(arabic) > 10
    assert language_of(elements, "Keep your code private") == "en"
    # The address and the code are the same in every language, and read as written.
    assert squashed(" ".join(code_groups(code))) in _text(response.data)


def test_the_qr_code_opens_the_page_with_the_code_in_the_person_s_language():
    assert respond_link("https://x.example/respond", "K7QM-3XRT-9HWP-C2DA", "yo") == (
        "https://x.example/respond?code=K7QM-3XRT-9HWP-C2DA&lang=yo"
    )


def test_a_code_that_is_not_the_invitation_s_prints_nothing(client, family, app):
    html = _code_page(client, family)
    other = _code_page(client, family, person="adult", version="parent", signed_in=True)
    other_code = select(other, "#invitation-code")[0].text
    for wrong in [other_code, *HOSTILE]:
        response = _print(client, html, code=wrong)
        assert response.status_code == 400, wrong[:20]
        page = response.get_data(as_text=True)
        assert_page(response, REFUSED, status=400)
        assert "<script>alert" not in page
    refused = _prints(app)
    assert {event.action for event in refused} == {"print-not-made"}
    assert len(refused) == 1 + len(HOSTILE)
    assert refused[0].changes["reason"] == [None, "not the invitation's code"]
    assert other_code not in str([event.changes for event in refused])


def test_a_withdrawn_invitation_s_letter_is_not_printed(client, family, app):
    html = _code_page(client, family)
    with app.test_request_context():
        invitation = db.session.scalar(query(Invitation))
        invitations.withdraw(db.session.get(User, family.user_ids["social_worker"]), invitation)
        db.session.commit()
    assert _print(client, html).status_code == 400
    [refused] = _prints(app)
    assert refused.changes["reason"] == [None, "withdrawn"]


@pytest.mark.parametrize(("who", "wanted"), [("other_worker", 404), ("minute_taker", 403)])
def test_only_those_who_may_invite_print_the_letter(client, family, app, who, wanted):
    html = _code_page(client, family)
    action, fields = _letter_form(html)
    client.post("/sign-out", {})
    assert sign_in(client, family.emails[who]).status_code == 302
    token = client.csrf_token("/")
    response = client.raw.post(action, data={**fields, "csrf_token": token})
    assert response.status_code == wanted
    assert _prints(app) == []


@pytest.mark.parametrize("purpose", ["views", "feedback"])
def test_the_letter_is_one_page_in_every_language(app, family, purpose):
    """Urdu's tall Nastaliq lines take the most room: every language, either purpose, fits."""
    with app.test_request_context():
        worker = db.session.get(User, family.user_ids["social_worker"])
        dana = db.session.get(Adult, family.dana_id)
        conference = db.session.get(Conference, family.conference_id)
        invitation, code = invitations.invite(worker, conference, dana, "parent")
        invitation.purpose = purpose
        address = "https://family-help.a-long-council-name.example.gov.uk/respond"
        languages = ("", "Arabic", "Bengali", "Lithuanian", "Polish", "Romanian", "Urdu", "Yoruba")
        for language in languages:
            dana.plan_language = language
            pdf = documents.invitation_letter_pdf(invitation, code, address)
            assert len(PdfReader(io.BytesIO(pdf)).pages) == 1, language or "English"
        db.session.rollback()
