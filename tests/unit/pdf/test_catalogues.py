"""The catalogues hold all the printed documents' fixed text: messages.pot has every message the
code marks (babel.cfg: `N_` in Python, `_`/`gettext` in the templates), so a message added to a
document without re-extracting is found here rather than printed in English only; and no
catalogue has a fuzzy message (gettext does not use one: the English would print)."""

from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from conference.pdf import i18n

ROOT = Path(__file__).resolve().parents[3]
CATALOGUES = ("pl", "ro", "ur", "bn", "ar", "lt", "yo")


def marked_in_the_code() -> set[str]:
    with (ROOT / "babel.cfg").open() as config:
        method_map, options_map = parse_mapping_cfg(config)
    return {
        message[0] if isinstance(message, tuple) else message
        for _file, _line, message, _comments, _context in extract_from_dir(
            str(ROOT), method_map, options_map
        )
    }


def template() -> set[str]:
    with (i18n.TRANSLATIONS / "messages.pot").open("rb") as pot:
        return {message.id for message in read_po(pot) if message.id}


def test_the_template_has_every_message_the_documents_mark_and_no_other():
    marked, extracted = marked_in_the_code(), template()
    assert sorted(marked - extracted) == [], "not extracted: run scripts/update-catalogues"
    assert sorted(extracted - marked) == [], "no longer in the code: run scripts/update-catalogues"


def test_every_family_page_s_template_is_extracted():
    """babel.cfg's `*` needs a character or more: `respond*.html` once left out respond.html,
    and the code page was half English in every language."""
    with (ROOT / "babel.cfg").open() as config:
        method_map, options_map = parse_mapping_cfg(config)
    extracted = {
        Path(found[0]).as_posix() for found in extract_from_dir(str(ROOT), method_map, options_map)
    }
    templates = ROOT / "templates"
    family = [templates / "family_base.html", *templates.glob("views/family/*.html")]
    family += templates.glob("views/invitations/respond*.html")
    # Those that mark text (the drawings of the pictures mark none).
    marking = {path.relative_to(ROOT).as_posix() for path in family if "_(" in path.read_text()}
    assert len(marking) > 5
    assert sorted(marking - extracted) == []


@pytest.mark.parametrize("code", CATALOGUES)
def test_no_catalogue_has_a_fuzzy_message(code):
    with (i18n.TRANSLATIONS / code / "LC_MESSAGES" / "messages.po").open("rb") as po:
        fuzzy = [message.id for message in read_po(po) if message.id and message.fuzzy]
    assert fuzzy == []
