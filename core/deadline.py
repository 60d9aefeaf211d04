"""A time budget for one step of work in the current thread (one document's parse).

Size limits at ingest bound most of the work, but a rule that is quadratic on some odd shape of
text (100,000 one-word lines, a wall of quote marks) can still run for minutes. Python cannot
stop a thread from outside, except by asking the interpreter to raise an exception in it at its
next bytecode: a timer thread does that when the budget is spent. Work inside one long C call
(a single regex match) is stopped when that call returns.
"""

from __future__ import annotations

import ctypes
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager

BUDGET_SETTING = "READOUT_PARSE_SECONDS"
DEFAULT_SECONDS = 60.0  # a release parses in about a second; a 1M-character one in ~10 s


class BudgetExceeded(BaseException):
    """The budget ran out. A BaseException, so no ``except Exception`` in the work swallows it."""


def budget_seconds() -> float:
    """The per-document budget: ``$READOUT_PARSE_SECONDS`` when set, else ``DEFAULT_SECONDS``."""
    configured = os.environ.get(BUDGET_SETTING, "").strip()
    try:
        seconds = float(configured) if configured else DEFAULT_SECONDS
    except ValueError:
        return DEFAULT_SECONDS
    return seconds if seconds > 0 else DEFAULT_SECONDS


@contextmanager
def time_budget(seconds: float) -> Iterator[None]:
    """Run the ``with`` body in this thread for at most ``seconds``.

    Raises:
        BudgetExceeded: the body was still running when the time ran out.
    """
    alarm = _Alarm(threading.get_ident())
    timer = threading.Timer(seconds, alarm.ring)
    timer.daemon = True
    timer.start()
    try:
        yield
        alarm.disarm()  # inside the try: an exception sent just before this still lands here
    finally:
        alarm.disarm()
        timer.cancel()


class _Alarm:
    def __init__(self, thread_id: int) -> None:
        self._thread_id = thread_id
        self._lock = threading.Lock()
        self._armed = True

    def ring(self) -> None:
        with self._lock:
            if self._armed:
                self._armed = False
                ctypes.pythonapi.PyThreadState_SetAsyncExc(
                    ctypes.c_ulong(self._thread_id), ctypes.py_object(BudgetExceeded)
                )

    def disarm(self) -> None:
        with self._lock:
            self._armed = False
