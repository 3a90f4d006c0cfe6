"""Running domain calls at the same moment, each on its own database connection."""

import threading

import pytest
from django.db import connection

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL: SQLite's test database locks whole tables across "
    "threads, so the calls could not overlap; CI runs these on PostgreSQL",
)


def race(*calls, timeout=30):
    """Start every call at once in its own thread; returns each result or exception.

    Every thread opens its own connection (Django's are per thread) and closes it
    at the end, so the test database can be dropped afterwards.
    """
    barrier = threading.Barrier(len(calls), timeout=timeout)
    outcomes = [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait()
            outcomes[index] = call()
        except Exception as exc:  # the test asserts on what each call raised
            outcomes[index] = exc
        finally:
            connection.close()

    threads = [
        threading.Thread(target=run, args=(index, call))
        for index, call in enumerate(calls)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout)
    assert not any(thread.is_alive() for thread in threads), "a call never finished"
    return outcomes
