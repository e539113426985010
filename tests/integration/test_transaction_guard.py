"""The guard on the transaction rule (conference/common/database.py): a response sent with
writes flushed but not committed fails in tests, and is logged (endpoint only) otherwise."""

import logging

import pytest
from helpers import make_config

from conference import create_app
from conference.common.access import public
from conference.common.database import UncommittedWrites
from conference.extensions import db
from conference.models import Team


@pytest.fixture
def app_with_routes(app, db_url):
    """`app_with_routes(**config)`: a fresh app with throwaway routes that write; each app's
    connections are closed after the test."""
    made = []

    def make(**config):
        made.append(with_routes(create_app(make_config(db_url, **config))))
        return made[-1]

    yield make
    for each in made:
        with each.app_context():
            db.engine.dispose()


def with_routes(app):

    @app.route("/test-flushes")
    @public
    def flushes():
        db.session.add(Team(name="Flushed only"))
        db.session.flush()
        return "flushed"

    @app.route("/test-pending")
    @public
    def pending():
        db.session.add(Team(name="Added only"))
        return "added"

    @app.route("/test-commits")
    @public
    def commits():
        db.session.add(Team(name="Committed"))
        db.session.flush()
        db.session.commit()
        return "committed"

    @app.route("/test-rolls-back")
    @public
    def rolls_back():
        db.session.add(Team(name="Discarded"))
        db.session.flush()
        db.session.rollback()
        return "rolled back"

    @app.route("/test-savepoint")
    @public
    def savepoint():
        with db.session.begin_nested():
            db.session.add(Team(name="In a savepoint"))
        return "released, not committed"

    return app


@pytest.mark.parametrize("path", ["/test-flushes", "/test-pending", "/test-savepoint"])
def test_a_response_with_writes_not_committed_fails_naming_the_endpoint(app_with_routes, path):
    client = app_with_routes().test_client()
    with pytest.raises(UncommittedWrites, match=path.removeprefix("/test-").replace("-", "_")):
        client.get(path)


@pytest.mark.parametrize("path", ["/test-commits", "/test-rolls-back"])
def test_committed_or_discarded_writes_pass(app_with_routes, path):
    response = app_with_routes().test_client().get(path)
    assert response.status_code == 200


def test_outside_testing_it_is_only_logged(app_with_routes, caplog):
    client = app_with_routes(UNCOMMITTED_WRITES_FAIL=False).test_client()
    with caplog.at_level(logging.WARNING, logger="conference.common.database"):
        response = client.get("/test-flushes")
    assert response.status_code == 200
    assert [r.getMessage() for r in caplog.records] == [
        "flushes sent a response with writes not committed"
    ]
