"""Two (or more) people saving at the same moment, in threads with their own connections.

Sending the requests from threads at once makes the race happen only now and then. Here each
thread's first write (or SAVEPOINT, or BEGIN) waits at a Barrier until every thread has got
that far, so all of them have read the record as it was before anyone saved: the race the tests
check happens every time, on SQLite and PostgreSQL alike.
"""

import threading
from collections.abc import Callable
from contextlib import contextmanager

from sqlalchemy import event
from sqlalchemy.engine import Engine

WRITES = ("INSERT", "UPDATE", "DELETE", "SAVEPOINT", "BEGIN")


@contextmanager
def first_writes_wait(parties: int, timeout: float = 20):
    """Inside the block, the first write of each of `parties` threads waits for the others."""
    barrier = threading.Barrier(parties, timeout=timeout)
    waited = threading.local()

    def wait_for_the_others(_connection, _cursor, statement, *_args):
        if threading.current_thread() is threading.main_thread() or getattr(waited, "done", 0):
            return
        if not statement.lstrip().upper().startswith(WRITES):
            return
        waited.done = 1
        barrier.wait()

    event.listen(Engine, "before_cursor_execute", wait_for_the_others)
    try:
        yield
    finally:
        event.remove(Engine, "before_cursor_execute", wait_for_the_others)


def at_once(*requests: Callable[[], object]) -> list:
    """Run each request in its own thread, their first writes at the same moment; return what
    each returned, in order. An exception in a thread is raised here."""
    results: list = [None] * len(requests)
    failures: list[BaseException] = []

    def run(index, request):
        try:
            results[index] = request()
        except BaseException as error:  # raised below, in the test's own thread
            failures.append(error)

    threads = [threading.Thread(target=run, args=item) for item in enumerate(requests)]
    with first_writes_wait(len(requests)):
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    if failures:
        raise failures[0]
    return results
