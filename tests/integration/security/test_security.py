"""Security headers, CSRF, and the meta-tests that keep every route behind an access rule."""

import re

import pytest
from flask import url_for
from helpers import count
from pages import assert_page, text_of

from conference.common.access import PUBLIC, access_rule_of
from conference.models import User

PUBLIC_ENDPOINTS = {"auth.sign_in", "main.healthz", "static"}
# The second step of signing in (a code): public, as no one is signed in yet, but each sends
# anyone who has not just given their password back to sign in (test_route_matrix.py).
PUBLIC_ENDPOINTS |= {"auth.second_factor", "auth.set_up_second_factor"}
# Single sign-on: the way to the council's identity provider and back (not found when it is
# not set up; tests/integration/auth/test_single_sign_on.py).
PUBLIC_ENDPOINTS |= {"auth.single_sign_on", "auth.single_sign_on_callback"}
# The family's entry with an invitation's code (issue 20): public by design, no staff sign-in;
# the start page sends anyone without an open invitation back to the code (test_respond.py).
PUBLIC_ENDPOINTS |= {"invitations.respond", "invitations.respond_start"}
# The views before the meeting: the same, each page back to the code without an open invitation
# (test_views_forms.py).
PUBLIC_ENDPOINTS |= {
    "invitations.respond_views_resume",
    "invitations.respond_views_question",
    "invitations.respond_views_check",
    "invitations.respond_views_sent",
}
# The feedback form after a meeting: the same (test_feedback.py).
PUBLIC_ENDPOINTS |= {"invitations.respond_feedback", "invitations.feedback_thanks"}


def test_every_view_declares_who_may_use_it(app):
    missing = [
        endpoint
        for endpoint, view in app.view_functions.items()
        if endpoint != "static" and access_rule_of(view) is None
    ]
    assert missing == [], "add @public, @signed_in or @roles_required to these views"


def test_only_the_sign_in_page_and_health_check_are_public(app):
    public = {e for e, v in app.view_functions.items() if access_rule_of(v) == PUBLIC}
    assert public | {"static"} == PUBLIC_ENDPOINTS


def _build(app, rule, values):
    with app.test_request_context():
        return url_for(rule.endpoint, **values)


def test_every_other_route_sends_a_signed_out_user_to_sign_in(app, client):
    checked = 0
    for rule in app.url_map.iter_rules():
        if rule.endpoint in PUBLIC_ENDPOINTS:
            continue
        url = _build(app, rule, dict.fromkeys(rule.arguments, 1))
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            response = client.raw.open(url, method=method)
            assert response.status_code == 302, f"{method} {url}"
            assert response.headers["Location"].startswith("/sign-in?next="), f"{method} {url}"
            checked += 1
    assert checked >= 5


def test_ids_in_urls_are_typed_and_urls_are_kebab_case(app):
    for rule in app.url_map.iter_rules():
        for name, converter in rule._converters.items():
            assert type(converter).__name__ != "UnicodeConverter" or not name.endswith("id"), (
                f"{rule.rule}: <{name}> must be typed, e.g. <int:{name}>"
            )
        static_parts = re.sub(r"<[^>]+>", "", rule.rule)
        if rule.endpoint != "static":
            assert static_parts == static_parts.lower() and "_" not in static_parts, rule.rule


def test_headers_on_every_page(client):
    response = client.get("/sign-in")
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response.headers["Cache-Control"] == "no-store"


def test_pages_with_personal_data_are_never_cached(signed_in):
    client = signed_in("admin")
    for url in ("/", "/admin/users"):
        assert client.get(url).headers["Cache-Control"] == "no-store"


def test_static_files_can_be_cached_and_have_headers(client):
    response = client.get("/static/src/app.mjs")
    assert response.status_code == 200
    assert "no-store" not in response.headers.get("Cache-Control", "")
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    response.close()


def test_pages_have_no_inline_script(signed_in):
    client = signed_in("admin")
    for url in ("/", "/admin/users", "/admin/users/new"):
        html = client.get(url).get_data(as_text=True)
        for tag in re.findall(r"<script\b[^>]*>", html):
            assert "src=" in tag, f"inline script on {url}"
        assert " on" not in "".join(re.findall(r"<[^>]+ on[a-z]+=", html))


def test_sign_in_without_csrf_token_is_refused(client):
    response = client.post("/sign-in", {"email": "a@example.org", "password": "x"}, csrf=False)
    html = assert_page(response, "Sorry, there is a problem with your request", status=400)
    assert "The page you were using had expired, so nothing was saved." in text_of(html)


def test_change_without_csrf_token_changes_nothing(signed_in, app):
    client = signed_in("admin")
    data = {
        "name": "New Person",
        "email": "new@example.org",
        "role": "chair",
        "team_id": "",
        "password": "a fine long password",
    }
    assert client.post("/admin/users/new", data, csrf=False).status_code == 400
    assert (
        client.post("/admin/users/new", {**data, "csrf_token": "forged"}, csrf=False).status_code
        == 400
    )
    assert count(app, User, email="new@example.org") == 0
    assert client.post("/sign-out", csrf=False).status_code == 400
    assert client.get("/").status_code == 200


@pytest.mark.parametrize("url", ["/no-such-page", "/admin/users/999999"])
def test_not_found_page(signed_in, url):
    client = signed_in("admin")
    assert_page(client.get(url), "Page not found", status=404)
