"""Running the learner's code: a time limit per call, and the line of their code an exception came from.

A check cell must come back whatever the learner wrote. A function that never returns (a ``while``
loop whose condition never changes) is stopped after :data:`TIME_LIMIT` seconds where the platform
allows it: on POSIX systems, in the main thread (where Jupyter runs a cell), with ``SIGALRM`` from
``signal.setitimer``. Elsewhere (Windows, a worker thread, or a timer someone else has already set)
the function runs to its end and the check reports how long it took.
"""

import os
import signal
import sysconfig
import threading
import time
import traceback
from contextlib import contextmanager
from dataclasses import dataclass

import numpy as np

__all__ = ["TIME_LIMIT", "Stopwatch", "TimeLimitExceeded", "learner_frame", "time_limit"]

# The course's answers take milliseconds on the checks' inputs; 3 s leaves room for a slow machine
# or a first call that imports something, and is short enough that a learner does not wonder
# whether the cell has hung.
TIME_LIMIT = 3.0


class TimeLimitExceeded(BaseException):
    """Raised inside the learner's function when its time is up.

    A ``BaseException``, not an ``Exception``, so that a learner's ``except Exception:`` (or a
    ``try`` around a loop) does not swallow it and keep looping.
    """


@dataclass
class Stopwatch:
    """How a call under :func:`time_limit` went.

    Attributes
    ----------
    limit : float
        The limit in seconds.
    enforced : bool
        True if the call could be stopped at the limit (SIGALRM was available).
    stopped : TimeLimitExceeded or None
        The exception that stopped the call, with its traceback (which line was running), or None.
    elapsed : float
        Seconds the call took (or ran before it was stopped).
    """

    limit: float
    enforced: bool = False
    stopped: TimeLimitExceeded | None = None
    elapsed: float = 0.0

    @property
    def over(self):
        """True if the call was stopped, or took longer than the limit."""
        return self.stopped is not None or self.elapsed > self.limit


def _can_interrupt():
    """True where SIGALRM can stop the call: POSIX, the main thread, and no interval timer running."""
    return (hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
            and signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0))


def _time_up(signum, frame):
    raise TimeLimitExceeded


@contextmanager
def time_limit(seconds):
    """Run the block with a limit of ``seconds``; yield a :class:`Stopwatch` that says how it went.

    Where the block can be interrupted it is stopped at the limit (the exception is caught here and
    kept in ``Stopwatch.stopped``); elsewhere it runs to its end and ``Stopwatch.elapsed`` says how
    long that took. The previous SIGALRM handler is restored in every case.
    """
    clock = Stopwatch(limit=seconds, enforced=_can_interrupt())
    previous = signal.signal(signal.SIGALRM, _time_up) if clock.enforced else None
    start = time.perf_counter()
    try:
        if clock.enforced:
            signal.setitimer(signal.ITIMER_REAL, seconds)
        yield clock
    except TimeLimitExceeded as stopped:
        clock.stopped = stopped
    finally:
        if clock.enforced:
            signal.setitimer(signal.ITIMER_REAL, 0.0)
            signal.signal(signal.SIGALRM, previous)
        clock.elapsed = time.perf_counter() - start


# --- where an exception came from ------------------------------------------------------------------

def _library_folders():
    """Folders whose code is not the learner's: this package, numpy, the standard library, site-packages."""
    package = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    paths = sysconfig.get_paths()
    folders = {package, os.path.dirname(os.path.abspath(np.__file__))}
    folders.update(os.path.abspath(paths[key]) for key in ("stdlib", "platstdlib", "purelib", "platlib")
                   if key in paths)
    return tuple(folder + os.sep for folder in folders)


_LIBRARY_FOLDERS = _library_folders()


def learner_frame(error):
    """The innermost frame of ``error``'s traceback in the learner's code, or None.

    The learner's code is any file outside this package, numpy, the standard library and
    site-packages: a notebook cell (IPython names it after a temporary file), a script or a test.

    Returns
    -------
    str or None
        E.g. ``"line 3 of cost (in its cell): `return y @ np.log(h) / m`"``.
    """
    frames = traceback.extract_tb(error.__traceback__)
    for frame in reversed(frames):
        filename = os.path.abspath(frame.filename) if not frame.filename.startswith("<") else frame.filename
        if filename.startswith(_LIBRARY_FOLDERS):
            continue
        if "ipykernel" in filename or filename.startswith("<"):
            place = "in its cell"
        else:
            place = f"in {os.path.basename(filename)}"
        code = (frame.line or "").strip()
        return f"line {frame.lineno} of {frame.name} ({place})" + (f": `{code}`" if code else "")
    return None
