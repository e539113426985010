"""The queue (issue 22), both ways it runs outside the tests' at-once mode: on a background
thread of the server process (the embedded default, no JOB_QUEUE_URL), and on Redis, done by
`flask work-jobs` (a real RQ worker on the machine's Redis). Documents of finalised records
are made ahead and kept; a document not kept yet is asked for and its page waits; a return is
made with its progress; a task that fails says so, and never what the records hold."""

import logging
import uuid

import pytest
from helpers import Client, make_config, sign_in
from pages import assert_page, texts
from sqlalchemy import select

from conference import create_app
from conference.common import queue
from conference.domain import clock
from conference.extensions import db
from conference.models import Adult, Job, Plan, Role, StoredDocument, User
from conference.pdf import download
from conference.pdf import kept as kept_documents
from conference.pdf.render import TooLongToPrint
from conference.returns import background
from conference.returns.views import census_year_of
from conference.seeding.demo import seed
from conference.services import stored_documents

DEMO_PASSWORD = "demo password for tests"
REDIS = "redis://127.0.0.1:6379/0"


def other_app(db_url, **config):
    return create_app(make_config(db_url, DOCUMENTS_MADE_AHEAD=True, **config))


@pytest.fixture
def in_process(app, db_url):
    """The app as `make run` serves it: tasks on a thread of its own process."""
    served = other_app(db_url, JOB_QUEUE_URL=None)
    assert isinstance(served.extensions["queue"], queue.InProcess)
    yield served
    served.extensions["queue"].wait()
    with served.app_context():
        db.engine.dispose()


@pytest.fixture
def on_redis(app, db_url):
    """The app with its tasks on Redis, in a queue of this test's own (the suite runs on SQLite
    and PostgreSQL at once, sharing the machine's Redis)."""
    served = other_app(db_url, JOB_QUEUE_URL=REDIS, JOB_QUEUE_NAME=f"tests-{uuid.uuid4().hex}")
    yield served
    served.extensions["queue"].queue.delete(delete_jobs=True)
    with served.app_context():
        db.engine.dispose()


@pytest.fixture
def demo(app):
    with app.app_context():
        seed(DEMO_PASSWORD)
        db.session.commit()
        agreed = db.session.scalar(select(Plan).where(Plan.finalised_at.is_not(None)))
        return {"plan": agreed.id, "case": agreed.case_id}


def kept(app) -> list[tuple[int, str]]:
    with app.app_context():
        rows = db.session.scalars(select(StoredDocument).order_by(StoredDocument.id))
        return [(row.record_id, row.document) for row in rows]


def work(app) -> None:
    result = app.test_cli_runner().invoke(args=["work-jobs", "--burst"])
    assert result.exit_code == 0, result.output


def signed_in(app, email):
    client = Client(app.test_client())
    assert sign_in(client, email, DEMO_PASSWORD).status_code == 302
    return client


def test_in_process_a_finalised_plans_documents_are_made_ahead(in_process, demo):
    with in_process.app_context():
        stored_documents.make_ahead(db.session.get(Plan, demo["plan"]))
        assert kept(in_process) == []  # nothing is sent before the commit
        db.session.commit()
    in_process.extensions["queue"].wait()
    documents = [name for _plan, name in kept(in_process)]
    assert {"family", "family-large-print", "professional"} <= set(documents)
    # And each person's own copy: the demo's mother reads Yoruba, her copy is kept too.
    assert any(name.startswith("family/adult:") for name in documents)
    client = signed_in(in_process, "chair@demo.example")
    response = client.get(f"/plans/{demo['plan']}/professional-plan.pdf")
    assert response.status_code == 200 and response.data.startswith(b"%PDF")
    assert len(kept(in_process)) == len(documents)


def test_in_process_nothing_is_sent_for_a_transaction_rolled_back(in_process, demo):
    with in_process.app_context():
        stored_documents.make_ahead(db.session.get(Plan, demo["plan"]))
        db.session.rollback()
        db.session.commit()
    in_process.extensions["queue"].wait()
    assert in_process.extensions["queue"].last is None
    assert kept(in_process) == []


def test_on_redis_a_document_not_kept_yet_is_asked_for_and_its_page_waits(on_redis, demo):
    client = signed_in(on_redis, "chair@demo.example")
    url = f"/plans/{demo['plan']}/family-plan.pdf"
    waiting = client.get(url)
    html = assert_page(waiting, "Your document is being made", status=202)
    # It asks again by itself (waiting.mjs) at the check address, never reloading the page.
    assert "Refresh" not in waiting.headers
    assert texts(html, f'[data-waiting-url="{url}?check=1"]') == [
        "It is being made now. This usually takes a few seconds."
    ]
    assert kept(on_redis) == []
    assert on_redis.extensions["queue"].queue.count == 1
    # The page asks again: the document is not asked for twice.
    assert client.get(f"{url}?check=1").status_code == 202
    assert on_redis.extensions["queue"].queue.count == 1
    work(on_redis)
    assert kept(on_redis) == [(demo["plan"], "family")]
    ready = client.get(f"{url}?check=1")
    html = assert_page(ready, "Your document is ready")
    assert 'href="' + url + '"' in html
    response = client.get(url)
    assert response.status_code == 200
    assert response.headers["Content-Disposition"] == (
        'attachment; filename="DEMO-0001-family-plan-v1.pdf"'
    )
    # Something of the case is saved: the kept plan is forgotten, and asked for again at once.
    with on_redis.app_context():
        adult = db.session.scalars(select(Adult).where(Adult.case_id == demo["case"])).first()
        adult.phone = "07700 900123"
        db.session.commit()
    assert kept(on_redis) == []
    assert client.get(url).status_code == 202
    assert on_redis.extensions["queue"].queue.count == 1


def test_on_redis_a_document_the_worker_cannot_make_says_so_once(on_redis, demo, monkeypatch):
    def too_long(*_args):
        raise TooLongToPrint("not laid out within 0.001 seconds")

    monkeypatch.setattr(kept_documents, "make", too_long)
    client = signed_in(on_redis, "chair@demo.example")
    url = f"/plans/{demo['plan']}/professional-plan.pdf"
    assert client.get(url).status_code == 202
    work(on_redis)
    told = client.get(f"{url}?check=1")
    assert told.status_code == 500
    assert "too long to print" in told.get_data(as_text=True).lower()
    # Said once: the next look asks for it again.
    assert client.get(url).status_code == 202
    assert on_redis.extensions["queue"].queue.count == 1


def test_on_redis_a_document_not_made_within_a_minute_is_said_to_be_late(
    on_redis, demo, monkeypatch
):
    monkeypatch.setattr(download, "GIVE_UP_AFTER", -1)
    client = signed_in(on_redis, "chair@demo.example")
    late = client.get(f"/plans/{demo['plan']}/family-plan.pdf")
    html = assert_page(late, "This is taking longer than it should", status=503)
    assert "data-waiting-url" not in html
    assert "tell your administrator" in html


def test_on_redis_a_return_is_made_by_the_worker_with_its_progress(on_redis, demo, make_user):
    make_user(Role.MANAGER, email="head@example.org")
    head = Client(on_redis.test_client())
    assert sign_in(head, "head@example.org").status_code == 302
    asked = head.post("/returns/", {"year": str(census_year_of_today()), "annex_a": "y"})
    page = head.get(asked.headers["Location"])
    html = assert_page(page, "Making Annex A")
    assert texts(html, "[data-progress][data-waiting-url]") == ["Starting."]
    work(on_redis)
    assert_page(head.get(asked.headers["Location"]), "Annex A is ready")
    with on_redis.app_context():
        job = db.session.scalar(select(Job))
        assert job.state == "done"
        assert job.total > 0 and job.done == job.total == job.summary["children"]


def test_a_task_that_fails_on_the_worker_says_so_and_logs_nothing_of_the_records(
    on_redis, demo, make_user, monkeypatch, caplog
):
    def breaks(*_args):
        raise ValueError("Kemi Adebayo's record")

    monkeypatch.setattr(background.annex_a, "annex_a", breaks)
    make_user(Role.MANAGER, email="head@example.org")
    head = Client(on_redis.test_client())
    assert sign_in(head, "head@example.org").status_code == 302
    asked = head.post("/returns/", {"year": str(census_year_of_today()), "annex_a": "y"})
    with caplog.at_level(logging.INFO):
        work(on_redis)
    assert_page(head.get(asked.headers["Location"]), "Sorry, Annex A could not be made")
    assert "ValueError" in caplog.text and "make-return" in caplog.text
    assert "Kemi" not in caplog.text
    with on_redis.app_context():
        job = db.session.scalar(select(Job))
        assert (job.state, job.file_id) == ("failed", None)
        assert db.session.scalar(select(User).where(User.email == "head@example.org"))


def census_year_of_today() -> int:

    return census_year_of(clock.today())
