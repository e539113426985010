"""The printed letter that invites one person of a family to answer online (issue 20): in their
language with the English under each piece, addressed by their first name, with the meeting's
date, what the questions are for, the short address, their code in large type in its groups, a
QR code that opens the page with the code filled in, where to get help, when the code stops
working, and to keep it private. One A4 page, tagged like every document (PDF/UA-1).

The code is never stored (only its HMAC), so the letter is made while the code is known: from
the page that shows it once, which sends it back with the button (conference/invitations/
views.py checks it against the invitation first). Nothing else of the case is on the letter.
"""

from urllib.parse import urlencode

import segno
from babel import Locale

from conference.models.invitation import FEEDBACK
from conference.pdf import i18n
from conference.pdf.i18n import N_

TEMPLATE = "invitation_letter.html"
QR_NAME = "qr.svg"
# What the letter says the questions are for: views before the meeting, or feedback after it.
PURPOSE = {
    "views": (
        N_("There will be a meeting about your family on %(date)s."),
        N_(
            "We would like to know what you think before the meeting. The questions ask what is "
            "going well, what worries you and what you would like to happen. Your answers help "
            "the meeting hear your views."
        ),
    ),
    FEEDBACK: (
        N_("There was a meeting about your family on %(date)s."),
        N_(
            "We would like to know how the meeting went for you. The questions ask if you felt "
            "listened to and if you understood what the meeting decided. Your answers help us "
            "make meetings better."
        ),
    ),
}


def letter_language(person) -> str:
    """What staff are told before printing: "Yoruba and English", or "English"."""
    code = i18n.persons_language(person)
    if code == i18n.ENGLISH:
        return "English"
    return f"{Locale.parse(code).get_display_name('en') or code} and English"


def respond_link(address: str, code: str, language: str) -> str:
    """The address a QR code opens: the family's page with the code filled in, in the person's
    language."""
    return f"{address}?{urlencode({'code': code, 'lang': language})}"


def qr_svg(link: str) -> bytes:
    """The QR code as a standalone SVG, black on white, with its quiet zone."""
    return segno.make(link, error="m").svg_inline(scale=4, omitsize=False).encode()


def code_groups(code: str) -> list[str]:
    """ "K7QM-3XRT-9HWP-C2DA" → ["K7QM", "3XRT", "9HWP", "C2DA"]: printed apart, read apart."""
    return [group for group in code.split("-") if group]


def letter_context(invitation, code: str, address: str) -> dict:
    """Everything `invitation_letter.html` needs, for `render_pdf` (with the QR code as an
    attachment). `address` is the family's page (/respond) as the public reaches it."""
    person = invitation.person
    lang = i18n.persons_language(person)
    translations = i18n.translations_for(lang)
    situation, questions = PURPOSE.get(invitation.purpose, PURPOSE["views"])
    link = respond_link(address, code, lang)
    return {
        "translations": translations,
        "lang": lang,
        "translated": lang != i18n.ENGLISH,
        "draft": False,
        "large_print": False,  # one page; the page on a phone can be made larger
        "page_label_css": i18n.page_label_css(translations, lang),
        "first_name": person.given_name,
        "meeting_on": invitation.meeting.held_on,
        "last_day": invitation.last_day,
        "situation": situation,
        "questions": questions,
        "address": address,
        "code_groups": code_groups(code),
        "attachments": {QR_NAME: (qr_svg(link), "image/svg+xml")},
        "qr_src": f"attachment:{QR_NAME}",
    }
