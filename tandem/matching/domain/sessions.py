"""In-process engine sessions, one per match run, for quick re-solves on the board.

A session holds the cohort's scores and candidate graph, so a pin or veto re-solves
in milliseconds instead of scoring everyone again. Sessions live in this process
only: another application server, or this one after a restart, rebuilds a run's
session from the run's own snapshot in the database.
"""

import threading
from collections import OrderedDict

from matchengine import MatchSession

MAX_SESSIONS = 8

_sessions: OrderedDict = OrderedDict()
_lock = threading.Lock()


def remember(run_id, session):
    with _lock:
        _sessions[run_id] = session
        _sessions.move_to_end(run_id)
        while len(_sessions) > MAX_SESSIONS:
            _sessions.popitem(last=False)


def take(run_id):
    """Remove and return the run's session, or None; a session serves one edit."""
    with _lock:
        return _sessions.pop(run_id, None)


def build(data):
    return MatchSession(data)


def forget_all():
    with _lock:
        _sessions.clear()
