"""One invitation for each invite form shown. The code is shown on the page that answers the
form's POST; reloading that page posts the same form again, and once made a new code and
withdrew the one just shown. Each form shown carries a token kept in the server-side session:
the first POST with it makes the invitation, and any later one is told the invitation was made
already. The session keeps the token and the invitation's id, never the code. (Back to the
form fetches it again, with a new token: the form then refuses a person invited already.)"""

import secrets

from flask import session

KEY = "invite_forms"
KEPT = 20  # the latest forms shown in this session; an older one counts as a new form


def new_token() -> str:
    token = secrets.token_urlsafe(16)
    session[KEY] = [*_forms()[-(KEPT - 1) :], [token, None]]
    return token


def is_open(token: str | None) -> bool:
    """Whether the token was given to a form shown in this session and not used yet."""
    return any(known == token and made is None for known, made in _forms())


def made_with(token: str | None) -> int | None:
    """The id of the invitation the form with this token made, if it made one."""
    return next((made for known, made in _forms() if known == token and made), None)


def spend(token: str | None, invitation_id: int) -> None:
    """Mark the form's token as used for the invitation, when it is one this session gave."""
    session[KEY] = [[known, invitation_id if known == token else made] for known, made in _forms()]


def _forms() -> list[list]:
    kept = session.get(KEY)
    return [pair for pair in kept if isinstance(pair, list) and len(pair) == 2] if kept else []
