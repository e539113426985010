"""Migration 0016 keeps a key on each child's part in a statutory visit (and indexes oversight):
on a database holding the demo's visits, the keys the migration works out in SQL are the ones
the application keeps, and a downgrade and upgrade again changes nothing else."""

from flask_migrate import downgrade, upgrade
from helpers import drop_database, empty_database, make_config
from sqlalchemy import select, text

from conference import create_app
from conference.extensions import db
from conference.models import VisitChild
from conference.seeding import demo


def _keys() -> dict[int, int | None]:
    return dict(db.session.execute(select(VisitChild.id, VisitChild.statutory_key)).all())


def test_the_migration_works_out_each_visits_key_as_the_application_keeps_it(db_url, tmp_path):
    url = empty_database(db_url, tmp_path, "visit_key_migration")
    app = create_app(make_config(url))
    try:
        with app.app_context():
            upgrade()
            demo.seed("a-demo-password-for-the-test")
            kept = _keys()
            db.session.remove()
            # Statutory visits by the lead social worker with the child seen have keys; others
            # (another agency's visit, a child not seen) have none.
            assert len({key for key in kept.values() if key is not None}) > 3
            assert None in kept.values()

            downgrade(revision="0015")
            with db.engine.begin() as connection:
                columns = connection.execute(text("SELECT * FROM statutory_visit_child")).keys()
                assert "statutory_key" not in columns
            upgrade()
            assert _keys() == kept
    finally:
        with app.app_context():
            db.session.remove()
            db.engine.dispose()
        drop_database(db_url, url)
