"""Fixtures: the app on a migrated database (SQLite, or PostgreSQL when DATABASE_URL is set),
a test client that fills in CSRF tokens the way a browser would, and signed-in users of each role.
"""

import pytest
from flask_migrate import upgrade
from helpers import PASSWORD, Client, database_url, hold_today, make_config, sign_in, team_id

from conference import create_app
from conference.extensions import db
from conference.models import Role, User

# Before any test module works out its dates (the conftests below this one are loaded first).
hold_today()


@pytest.fixture(scope="session")
def db_url(tmp_path_factory):
    return database_url(tmp_path_factory)


@pytest.fixture(scope="session")
def app(db_url):
    app = create_app(make_config(db_url))
    with app.app_context():
        upgrade()
    yield app
    with app.app_context():
        db.engine.dispose()


@pytest.fixture(autouse=True)
def _clean_state(request):
    """Each test starts with empty tables (sign-in attempts and sessions are kept there too)."""
    yield
    if "app" not in request.fixturenames:
        return
    app = request.getfixturevalue("app")
    with app.app_context():
        db.session.remove()
        with db.engine.begin() as connection:
            for table in reversed(db.metadata.sorted_tables):
                connection.execute(table.delete())
        _vacuum_now_and_then()


CLEANED = {"tests": 0}
VACUUM_EVERY = 50  # tests


def _vacuum_now_and_then() -> None:
    """PostgreSQL: the deleted rows' space taken back every so often. A server without
    autovacuum (CI's has it off) otherwise keeps every row each test deleted, and by the end of
    the run every count and scan reads hundreds of thousands of dead rows (the run took twice
    as long)."""
    CLEANED["tests"] += 1
    if db.engine.dialect.name != "postgresql" or CLEANED["tests"] % VACUUM_EVERY:
        return
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.exec_driver_sql("VACUUM")


@pytest.fixture
def app_ctx(app):
    with app.app_context():
        yield


@pytest.fixture
def client(app):
    return Client(app.test_client())


@pytest.fixture
def make_user(app):
    """`make_user(role, email=…, name=…, team=…)` stores a user and returns their id."""

    def make(role=Role.SOCIAL_WORKER, email=None, name=None, team=None, active=True, **fields):
        role = Role(role)
        with app.app_context():
            user = User(
                email=email or f"{role.value}@example.org",
                name=name or f"Test {role.label}",
                role=role.value,
                agency=fields.pop("agency", "Children’s Social Care"),
                team_id=team_id(team),
                active=active,
                **fields,
            )
            user.set_password(PASSWORD)
            db.session.add(user)
            db.session.commit()
            return user.id

    return make


@pytest.fixture
def signed_in(client, make_user):
    """`signed_in(role)` creates a user with that role, signs them in and returns the client."""

    def sign_in_as(role, **fields):
        user_id = make_user(role, **fields)
        with client.raw.application.app_context():
            email = db.session.get(User, user_id).email
        response = sign_in(client, email)
        assert response.status_code == 302, "sign-in failed"
        client.user_id = user_id
        return client

    return sign_in_as


@pytest.fixture
def make_case(app):
    """`make_case(team=…, social_worker_id=…, reference=…)` stores a case and returns its id."""
    from datetime import date

    from conference.models import Case

    counter = iter(range(1, 10_000))

    def make(team="Team A", social_worker_id=None, reference=None, **fields):
        with app.app_context():
            case = Case(
                reference=reference or f"TST-{next(counter):06d}",
                team_id=team_id(team),
                social_worker_id=social_worker_id,
                opened_on=fields.pop("opened_on", date(2026, 10, 1)),
                referral_date=fields.pop("referral_date", date(2026, 9, 28)),
                **fields,
            )
            db.session.add(case)
            db.session.commit()
            return case.id

    return make
