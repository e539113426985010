"""Where signing in lands: the page a user starts their day from."""

from flask import url_for

from conference.common.routing import local_address
from conference.services.my_work.items import has_my_work


def landing_page(user) -> str:
    """My work for everyone with a part in cases; the home page for administrators, who have
    none."""
    return url_for("my_work.my_work") if has_my_work(user) else url_for("main.home")


def page_to_go_on_to(user, next_page: str | None) -> str:
    """The page that sent the user to sign in, if it is one of this service's other than the
    home page (the service's own address, where anyone typing it starts); else their landing
    page."""
    if next_page == url_for("main.home"):
        next_page = None
    return local_address(next_page, landing_page(user))
