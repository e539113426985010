"""The demo as it was before seed-demo imported its Yoruba translation
(conference/seeding/demo_translation.py), for the tests of the plan's words still in English
(the interpreter step, the note that an interpreter will go through them) and of the export and
import themselves, which each start from a plan nobody has translated or exported yet."""

import pytest

from conference.seeding import demo


def _no_translation(*_args, **_kwargs) -> None:
    return None


def untranslated(patch: pytest.MonkeyPatch) -> None:
    """While `patch` lasts, seeding the demo exports and imports no translation. (Seeded and then
    deleted, the audit rows of the export and import would leave gaps that PostgreSQL may fill
    out of order.)"""
    patch.setattr(demo, "import_demo_translation", _no_translation)
