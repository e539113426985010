"""Work done away from the page that asked for it: making documents, the statutory returns,
rebuilding the dashboard's totals. A task is a named function (registered with `task`) that does
its work in the database session and flushes; whoever runs it commits.

Where tasks run is `JOB_QUEUE_URL`:

- unset: in the web server's own process, on one background thread (the embedded default:
  `make run` needs nothing more);
- `redis://…`: on RQ, by `flask --app wsgi work-jobs` on any server (RQ because it is the
  smallest queue on the Redis these machines already run: plain functions, one dependency, and
  what a job has done is kept in our own database, which every server sees, not in the queue);
- `at-once`: in the caller's own transaction, before it returns (the tests, and the command
  line, where nobody waits on a page).

A task is sent only once the transaction that asked for it commits: a worker never starts on
records that were rolled back, nor before it can see them.
"""

import contextlib
import logging
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor

from flask import Flask, current_app
from sqlalchemy import event
from sqlalchemy.orm import Session

from conference.extensions import db

logger = logging.getLogger(__name__)

TASKS: dict[str, Callable[..., None]] = {}
# What to do, in a transaction of its own, when a task fails (say so on the job that asked).
ON_FAILURE: dict[str, Callable[..., None]] = {}
AT_ONCE = "at-once"
_WAITING = "tasks_waiting_for_commit"  # session.info


def task(name: str, on_failure: Callable[..., None] | None = None):
    """Register a function as the task `name` (its arguments must be plain values), and what
    to do if it fails (called with the same arguments, after the task's work is rolled back)."""

    def register(function):
        TASKS[name] = function
        if on_failure is not None:
            ON_FAILURE[name] = on_failure
        return function

    return register


def init_app(app: Flask) -> None:
    url = app.config.get("JOB_QUEUE_URL") or ""
    if url == AT_ONCE:
        app.extensions["queue"] = AtOnce()
    elif url.startswith(("redis://", "rediss://", "unix://")):
        app.extensions["queue"] = OnRedis(url, app.config.get("JOB_QUEUE_NAME") or "conference")
    elif url:
        raise ValueError("JOB_QUEUE_URL is a redis:// address, 'at-once', or unset")
    else:
        app.extensions["queue"] = InProcess(app)


def enqueue(name: str, **arguments) -> None:
    """Run the task `name` with these arguments once the current transaction commits (at once,
    in this transaction, when the queue is `at-once`)."""
    if name not in TASKS:
        raise KeyError(f"No task is called {name!r}")
    queue = current_app.extensions["queue"]
    if isinstance(queue, AtOnce):
        TASKS[name](**arguments)
        return
    db.session.info.setdefault(_WAITING, []).append((queue, name, arguments))


def enqueue_once(name: str, seconds: int, **arguments) -> None:
    """`enqueue`, unless the same task with the same arguments is waiting for a worker (a page
    that looks again every few seconds asks for its document each time). A task a worker has
    started may be asked for again; one lost (its worker killed) after `seconds`."""
    queue = current_app.extensions["queue"]
    if isinstance(queue, OnRedis) and not queue.first_ask(name, arguments, seconds):
        return
    enqueue(name, **arguments)


def failure(name: str, arguments: dict) -> str | None:
    """On Redis: the kind of error this task last failed with on a worker, said once."""
    return current_app.extensions["queue"].failure(name, arguments)


def waited(name: str, arguments: dict) -> float:
    """On Redis: seconds since this task was first asked for and not done since."""
    return current_app.extensions["queue"].waited(name, arguments)


def runs_at_once() -> bool:
    return isinstance(current_app.extensions["queue"], AtOnce)


def runs_elsewhere() -> bool:
    """Whether tasks run in another process (a worker on Redis), so a page should not wait."""
    return isinstance(current_app.extensions["queue"], OnRedis)


class TaskFailed(RuntimeError):
    """A task failed: the task and the kind of error and where, never the error's own text,
    which could quote a family's record (the queue's worker logs it and keeps it in Redis)."""

    def __init__(self, said: str, kind: str):
        super().__init__(said)
        self.kind = kind  # the error's type: "TooLongToPrint"


def run(name: str, arguments: dict) -> None:
    """Run a task in the current app context and commit; on failure, roll back, log where it
    failed, do what the task asked for on failure, and raise TaskFailed."""
    try:
        TASKS[name](**arguments)
        db.session.commit()
    except Exception as error:
        db.session.rollback()
        where = error.__traceback__
        while where is not None and where.tb_next is not None:
            where = where.tb_next
        line = f"{where.tb_frame.f_code.co_filename}:{where.tb_lineno}" if where else "?"
        said = f"The task {name} failed: {type(error).__name__} at {line}"
        logger.error(said)
        if name in ON_FAILURE:
            ON_FAILURE[name](**arguments)
            db.session.commit()
        raise TaskFailed(said, type(error).__name__) from None
    finally:
        db.session.remove()


@event.listens_for(Session, "after_commit")
def _send_waiting(session) -> None:
    for queue, name, arguments in session.info.pop(_WAITING, []):
        queue.send(name, arguments)


@event.listens_for(Session, "after_soft_rollback")
def _forget_waiting(session, previous_transaction) -> None:
    if previous_transaction.parent is None:
        session.info.pop(_WAITING, None)


class AtOnce:
    def send(self, name: str, arguments: dict) -> None:  # never called: enqueue runs it
        raise AssertionError("at-once tasks are not sent")


class InProcess:
    """One background thread per server process, so tasks never run two at a time there."""

    def __init__(self, app: Flask):
        self.app = app
        self.executor: ThreadPoolExecutor | None = None
        self.last: Future | None = None
        self.sent = 0

    def send(self, name: str, arguments: dict) -> None:
        if self.executor is None:
            self.executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="tasks")
        self.last = self.executor.submit(self._run, name, arguments)
        self.sent += 1

    def _run(self, name: str, arguments: dict) -> None:
        # A failure is logged by `run`; the thread goes on to the next task.
        with self.app.app_context(), contextlib.suppress(Exception):
            run(name, arguments)

    def wait(self) -> None:
        """Until every task sent has run, and those they sent in turn (the tests)."""
        while self.executor is not None:
            sent = self.sent
            self.executor.submit(lambda: None).result()
            if self.sent == sent:
                return


class OnRedis:
    def __init__(self, url: str, name: str):
        from redis import Redis
        from rq import Queue

        self.connection = Redis.from_url(url)
        self.queue = Queue(name, connection=self.connection, default_timeout=3600)

    def send(self, name: str, arguments: dict) -> None:
        self.queue.enqueue("conference.common.queue.run_on_worker", name, arguments)

    def first_ask(self, name: str, arguments: dict, seconds: int) -> bool:
        """Whether this task is not waiting for a worker already (and note that it is now)."""
        return bool(self.connection.set(self.key("asked", name, arguments), 1, nx=True, ex=seconds))

    def waited(self, name: str, arguments: dict) -> float:
        """Seconds since the task was first asked for and not done since (0 the first time)."""
        key = self.key("since", name, arguments)
        self.connection.set(key, time.time(), nx=True, ex=WAITING_KEPT)
        return time.time() - float(self.connection.get(key) or time.time())

    def failure(self, name: str, arguments: dict) -> str | None:
        """The kind of error the task last failed with ("TooLongToPrint"), said once: the next
        ask tries again."""
        kind = self.connection.getdel(self.key("failed", name, arguments))
        return kind.decode() if kind else None

    def key(self, what: str, name: str, arguments: dict) -> str:
        return f"{self.queue.name}:{what}:{name}:{sorted(arguments.items())}"


WAITING_KEPT = 600  # seconds a task asked for and never done is remembered as waiting


def run_on_worker(name: str, arguments: dict) -> None:
    """What the RQ worker calls (`flask work-jobs` has pushed the app's context). From now on
    the task may be asked for again: what it makes may be out of date before it is done. A
    failure is kept for the page waiting on it to say, once."""
    queue = current_app.extensions["queue"]
    queue.connection.delete(queue.key("asked", name, arguments))
    try:
        run(name, arguments)
    except TaskFailed as failed:
        queue.connection.set(queue.key("failed", name, arguments), failed.kind, ex=WAITING_KEPT)
        raise
    finally:
        queue.connection.delete(queue.key("since", name, arguments))
