"""Running the learner's code: can it be called, a time limit per call, and the line an exception came from.

Before the first call, :func:`call_problem` makes sure that what the check was given is a function
that takes the exercise's arguments by position, in the exercise's order, and says what is wrong if
not (a number where the function was meant, a missing parameter, parameters in another order).

A check cell must come back whatever the learner wrote. A function that never returns (a ``while``
loop whose condition never changes) is stopped after :data:`TIME_LIMIT` seconds where the platform
allows it: on POSIX systems, in the main thread (where Jupyter runs a cell), with ``SIGALRM`` from
``signal.setitimer``. Elsewhere (Windows, a worker thread, or a timer someone else has already set)
the function runs to its end and the check reports how long it took.
"""

import inspect
import itertools
import os
import re
import reprlib
import signal
import sysconfig
import threading
import time
import traceback
from contextlib import contextmanager
from dataclasses import dataclass

import numpy as np

__all__ = ["TIME_LIMIT", "Stopwatch", "TimeLimitExceeded", "call_problem", "foreign_size", "learner_frame",
           "time_limit"]

# The course's answers take milliseconds on the checks' inputs; 3 s leaves room for a slow machine
# or a first call that imports something, and is short enough that a learner does not wonder
# whether the cell has hung.
TIME_LIMIT = 3.0


# --- before the first call --------------------------------------------------------------------------

def _not_a_function(fn, exercise):
    return "not a function", (
        f"checks.{exercise} needs the function you wrote, but it was given {type(fn).__name__} "
        f"{reprlib.repr(fn)}. Pass the function itself, without calling it: checks.{exercise}({exercise}), "
        f"not checks.{exercise}({exercise}(...)). If that is what the cell says, the name {exercise} now "
        f"holds something else: did a cell assign to it (say {exercise} = {exercise}(...))? Run the cell "
        f"that defines your function again, then this one.")


def call_problem(fn, exercise, names):
    """(mistake name, hint) if ``fn`` cannot be the answer to ``exercise`` whatever it computes; else None.

    Parameters
    ----------
    fn : object
        What the check was given.
    exercise : str
        The exercise's name, e.g. ``"cost"``.
    names : list of str
        The exercise's parameters, in the order the check passes them, e.g. ``["theta", "X", "y"]``.

    Returns
    -------
    tuple of str or None
        Names a ``fn`` that is not callable, cannot be called with ``len(names)`` arguments by
        position, or has exactly the exercise's parameter names in another order (so that each
        would receive another one's value); None if ``fn`` may be right, or its signature is unknown.
    """
    if not callable(fn):
        return _not_a_function(fn, exercise)
    try:
        signature = inspect.signature(fn)
    except Exception:  # a builtin, or an object without a (working) signature: just call it
        return None
    call = f"{exercise}({', '.join(names)})"
    try:
        signature.bind(*names)
    except TypeError as error:
        return "takes other arguments", (
            f"the check calls your function as {call}: {len(names)} arguments, by position, in that "
            f"order; yours is defined as {exercise}{signature}, and calling it that way fails "
            f"({error}). Keep the first line the exercise gives: `def {call}:`")
    positional = [parameter.name for parameter in signature.parameters.values()
                  if parameter.kind in (parameter.POSITIONAL_ONLY, parameter.POSITIONAL_OR_KEYWORD)]
    first = positional[:len(names)]
    if sorted(first) == sorted(names) and first != names:
        moved = next(index for index, name in enumerate(names) if first[index] != name)
        return "parameters in another order", (
            f"the check calls your function as {call}, by position, but yours is defined as "
            f"{exercise}{signature}, so its {first[moved]} receives {names[moved]}. Keep the first line "
            f"the exercise gives: `def {call}:`")
    return None


# --- the time limit ----------------------------------------------------------------------------------

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


# sizes in numpy's shape errors: "size 100 is different from 4", "shapes (6,10) (6,3)", "has size 5000",
# "(4,3) and (100,) not aligned: 3 (dim 1) != 100 (dim 0)"; not the index of an IndexError
_SIZES = re.compile(r"(?:size|from|!=) (\d+)|\(([\d, ]+)\)")


def foreign_size(error, inputs):
    """A size in numpy's message for ``error`` that no argument has, or None.

    The sizes the arguments explain are their dimensions, one more or one less (a bias column added
    or dropped), and products of two dimensions (an array flattened); any other size came from
    elsewhere: an array of the notebook used instead of an argument, or a size typed in.
    """
    if not isinstance(error, ValueError | IndexError):
        return None
    try:
        message = str(error)
    except Exception:  # a learner's exception class whose __str__ fails
        return None
    if not re.search(r"shape|size|broadcast", message):
        return None  # not a shape error: a learner's own ValueError("...(100)..."), say
    dims = {size for value in inputs.values() if isinstance(value, np.ndarray) for size in value.shape}
    explained = ({0, 1} | {size + step for size in dims for step in (-1, 0, 1)}
                 | {a * b for a, b in itertools.product(dims, repeat=2)})
    found = [int(size) for match in _SIZES.finditer(message)
             for size in re.findall(r"\d+", match[1] or match[2])]
    return next((size for size in found if size not in explained), None)
