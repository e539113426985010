"""The service's own error pages are shown whatever went wrong: inside a transaction a failed
write left unusable, or with the database unreachable; never the server's bare error page."""

from helpers import Client, make_config, sign_in
from pages import assert_page, text_of

from conference import create_app
from conference.common.access import public
from conference.extensions import db
from conference.models import Team

PROBLEM = "Sorry, there is a problem with the service"


def test_a_server_error_after_a_failed_write_shows_the_page_to_the_signed_in_user(
    db_url, make_user
):
    app = create_app(make_config(db_url, PROPAGATE_EXCEPTIONS=False))

    @app.route("/broken-write")
    @public  # so that nothing asks who is signed in before the write fails
    def broken_write():
        db.session.add(Team(name=None))  # refused by the database: NOT NULL
        db.session.flush()

    make_user("chair", email="chair@example.org")
    client = Client(app.test_client())
    assert sign_in(client, "chair@example.org").status_code == 302
    try:
        html = assert_page(client.get("/broken-write"), PROBLEM, status=500)
        assert "Sign out" in html  # the page still knows who is signed in
        assert "Try again later." in text_of(html)
    finally:
        with app.app_context():
            db.engine.dispose()


def test_with_the_database_unreachable_a_signed_in_browser_sees_the_busy_page(tmp_path):
    """The browser's session is kept in the database, which cannot be reached: the failure comes
    before any view, and the page cannot ask who is signed in, nor make a form's token."""
    app = create_app(
        make_config(f"sqlite:///{tmp_path}/missing/dir/db.sqlite", PROPAGATE_EXCEPTIONS=False)
    )
    client = app.test_client()
    client.set_cookie("session", "the key of a session from before")
    response = client.get("/cases/")
    assert response.status_code == 503
    assert response.mimetype == "text/html"
    assert "Sorry, the service is busy" in response.get_data(as_text=True)
