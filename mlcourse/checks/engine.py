"""The machinery every exercise check shares: call the learner's function safely, compare, name the mistake.

An exercise is one :class:`Exercise` record: how to build its inputs, the library's answer, what
each known mistake returns, and, where the exercise needs them, how to read the result, name an
exception or recognise a mistake from how the function worked. :func:`run` takes the record and the
learner's function and goes through the same steps for every exercise:

1. call the function on copies of the inputs, within a time limit (:mod:`.learner_code`), catching
   any exception and numpy's warnings;
2. a ``NotImplementedError`` is "not attempted yet"; any other exception is named and explained,
   with the line of the learner's code it came from;
3. read what came back (real numbers by default: text, complex values and objects are named, see
   :mod:`.reading`) and compare it with the reference;
4. for a wrong answer, name a cast to int, else what the exercise diagnoses from how the function
   worked, else the first mistake whose value equals it, else the exercise's last guess, else an
   answer rounded to a few decimals, else say what differs (the shape, or a division by another
   whole number than m), else call it unrecognised;
5. add what numpy warned about and which inputs the function changed in place.

An exercise lists a small teaching input first and further inputs after it (other sizes, other
λ, α or ε, values where the function must be numerically stable), and then one input drawn anew
for every run, whose answer no verdict has shown. A pass needs all of them; the first that does
not pass is shown, so a mistake appears on the simplest input that reveals it. When the teaching
input passes and a later one fails, the verdict says what differs between the two (a hard-coded
size, a parameter read from a global, a copied answer).
"""

import re
import warnings
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from . import learner_code, progress
from .later_inputs import QUESTIONS, fresh_input, fresh_input_verdict, later_input_verdict
from .reading import (
    ATOL,
    RTOL,
    UNRECOGNISED_HINT,
    array_form,
    describe_answer,
    describe_difference,
    integer_typed,
    near_miss,
    read_numbers,
    rounded_answer,
    rounded_verdict,
)
from .verdicts import CheckResult

__all__ = [
    "ATOL",
    "QUESTIONS",
    "RTOL",
    "CheckResult",
    "Exercise",
    "Mistake",
    "close",
    "describe_answer",
    "evaluate",
    "read_numbers",
    "run",
]

NOT_ATTEMPTED_HINT = ("your function (or one it calls) still raises NotImplementedError: replace that "
                      "line with your code, run the cell, then run this one again.")



@dataclass(frozen=True)
class Mistake:
    """A known mistake: its name, a hint, and what it returns on the check's input."""

    name: str
    hint: str
    value: object


def _nothing(*args, **inputs):
    """The default for what an exercise does not need: nothing to name."""
    return None


@dataclass(frozen=True)
class Exercise:
    """One exercise: its inputs, the library's answer, and what its mistakes look like.

    Every callable but ``inputs`` receives the arguments of one call by keyword, named as the
    learner's function names its parameters (``theta``, ``X``, ``y``, ``lambda_``, …).

    Attributes
    ----------
    name : str
        As in ``checks.<name>(<name>)`` and at the start of the printed verdict.
    inputs : callable
        ``inputs() -> list of dict``: the inputs to try, simplest first, each a dict of argument
        name to value in call order. Called afresh for every check, so an input may record how the
        learner's function used it.
    reference : callable
        ``reference(**inputs)``: the right answer, from the library.
    mistakes : callable
        ``mistakes(**inputs) -> list of Mistake``: what each known mistake returns on these inputs,
        most likely first; the first whose value equals the learner's answer is named.
    nonfinite_hint : str
        What to look for when the answer holds NaN or inf.
    read : callable, default :func:`read_numbers`
        ``read(result, expected, **inputs) -> (got, None) or (got, (name, hint))``: turns what the
        function returned into something comparable with ``expected``, or names what is wrong with
        its form (a tuple where one array was meant, say).
    explain : callable, optional
        ``explain(error, **inputs) -> (name, hint) or None``: names an exception this exercise's
        mistakes raise (a shape error from a missing bias column, say).
    diagnose : callable, optional
        ``diagnose(got, **inputs) -> (name, hint) or None``: for a wrong answer, before the
        mistakes, names a mistake seen in how the function worked (which θs it passed on, say).
    examples : callable, optional
        ``examples(**inputs) -> int or None``: for an answer that is a sum divided by m, that m, so
        that a division by another whole number (a global m) is named.
    in_place_hint : str, optional
        The hint when the answer is right but an input was changed in place; a standard one if None.
    suspect : callable, optional
        ``suspect(got, **inputs) -> (name, hint) or None``: for a wrong answer that no mistake's
        value equals, a last guess before "unrecognised" (a λ other than the one passed, say).
    describe : callable, optional
        ``describe(**inputs) -> dict of str to value``: what sets this input apart (``{"m": 4,
        "λ": 1.5}``), so that a verdict on a later input can say what differs from the first.
        Labels in :data:`QUESTIONS` get a question of their own.
    fresh : callable, optional
        ``fresh(rng) -> dict``: one more input, drawn with the numpy Generator ``rng``, which is
        seeded anew for every run of a check; tried once every input above passes. No verdict has
        shown its answer, so answers typed in from a verdict, or sizes only the shown inputs share,
        fail on it.
    """

    name: str
    inputs: Callable
    reference: Callable
    mistakes: Callable
    nonfinite_hint: str
    read: Callable = read_numbers
    explain: Callable = _nothing
    diagnose: Callable = _nothing
    examples: Callable = _nothing
    in_place_hint: str | None = None
    suspect: Callable = _nothing
    describe: Callable = _nothing
    fresh: Callable = _nothing


# --- comparing -----------------------------------------------------------------------------------

def close(got, value):
    """True if ``got`` equals ``value`` within the tolerance: same shape, and for pairs, both parts."""
    if isinstance(value, tuple):  # a pair of arrays, e.g. (Theta1_grad, Theta2_grad)
        return (isinstance(got, tuple) and len(got) == len(value)
                and all(close(part, other) for part, other in zip(got, value, strict=True)))
    if isinstance(got, tuple):
        return False
    value = np.asarray(value, dtype=np.float64)
    return got.shape == value.shape and np.allclose(got, value, rtol=RTOL, atol=ATOL)


def _all_finite(got):
    if isinstance(got, tuple):
        return all(_all_finite(part) for part in got)
    return bool(np.isfinite(got).all())


# --- running the learner's function --------------------------------------------------------------

def _quietly(function, *args, **kwargs):
    """``function(*args, **kwargs)`` with numpy's warnings silenced: the check's own arithmetic on a
    wrong answer (a mistake's log of a negative number, say) must not warn into the notebook."""
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        return function(*args, **kwargs)


def _call(fn, inputs):
    """Call ``fn`` on copies of ``inputs``, within :data:`learner_code.TIME_LIMIT` seconds.

    Returns the result (None if ``fn`` raised or ran too long), the exception (or None), the
    messages of the warnings it emitted, the names of the inputs it changed in place, and the
    :class:`learner_code.Stopwatch` of the call.
    """
    copies = [value.copy() if isinstance(value, np.ndarray) else value for value in inputs.values()]
    result = exception = None
    # The learner's code may warn (log(0), overflow in exp, a ComplexWarning). Record the warnings
    # instead of letting them escape into the notebook, and make numpy warn rather than raise or stay
    # silent, whatever np.seterr the notebook set, so the hint can name them.
    with warnings.catch_warnings(record=True) as caught, \
            np.errstate(divide="warn", over="warn", invalid="warn", under="ignore"), \
            learner_code.time_limit(learner_code.TIME_LIMIT) as clock:
        warnings.simplefilter("always")
        try:
            result = fn(*copies)
        except (KeyboardInterrupt, learner_code.TimeLimitExceeded):
            raise  # the learner pressed stop, or the time is up (time_limit catches that): not a bug
        except BaseException as error:  # the stub's NotImplementedError, any bug, even sys.exit(): reported
            exception = error
    # unique, in order, without a final full stop (the hint adds its own)
    messages = list(dict.fromkeys(str(warning.message).rstrip(".") for warning in caught))
    changed = [name for name, value, copy in zip(inputs, inputs.values(), copies, strict=True)
               if isinstance(value, np.ndarray) and not _quietly(np.array_equal, value, copy)]
    return result, exception, messages, changed, clock


def _message(error):
    """``str(error)`` without its final full stop; "" if the exception's own ``__str__`` fails."""
    try:
        return str(error).strip().rstrip(".")
    except Exception:  # a learner's exception class with a broken __str__ must not crash the check
        return ""


def _stated(error):
    """``"ValueError: <message>."``, or the type alone for an exception without a message."""
    message = _message(error)
    return f"{type(error).__name__}: {message}." if message else f"{type(error).__name__}."


def _located(text, error, advice=""):
    """``text``, the line of the learner's code that raised ``error`` where known, then ``advice``."""
    where = learner_code.learner_frame(error)
    return " ".join(part for part in (text, f"It was raised at {where}." if where else "", advice) if part)


def _judge_exception(exercise, error, inputs):
    """(status, mistake, hint) for an exception raised by the learner's function."""
    if isinstance(error, NotImplementedError):  # the stub, untouched
        return "not attempted", None, NOT_ATTEMPTED_HINT
    try:
        named = _quietly(exercise.explain, error, **inputs)
    except Exception:  # the check's own explanation failed on an odd exception: explain it generically
        named = None
    if named is not None:
        name, hint = named
        return "error", name, _located(f"{_stated(error)} {hint}", error)
    message, text = _message(error), _stated(error)
    shapes = ", ".join(f"{name} {np.shape(value)}" for name, value in inputs.items()
                       if isinstance(value, np.ndarray))
    size = _quietly(learner_code.foreign_size, error, inputs)
    if size is not None:
        return "error", "a size from elsewhere", _located(
            f"{text} numpy names a size of {size}, which none of the arguments has (the shapes here are "
            f"{shapes}): is an array of the notebook used instead of an argument (the chapter's X or y, "
            f"say), or a size typed in? Use only the arguments, and take every size from them "
            f"(m = X.shape[0]).", error)
    if isinstance(error, ValueError) and any(word in message for word in ("broadcast", "matmul", "shapes")):
        return "error", "shapes do not line up", _located(
            f"{text} Look for * where @ was meant (or the reverse), a missing transpose (Xᵀ is X.T), "
            f"or labels reshaped into a column (m, 1). The shapes here are {shapes}.", error)
    return "error", "raised an exception", _located(
        text, error, "Run your function on the input below in a cell of its own to see the whole traceback.")


def _judge_slow(clock):
    """(status, mistake, hint) for a call that was stopped at the time limit or took longer."""
    if clock.stopped is not None:
        where = learner_code.learner_frame(clock.stopped)
        return "error", "ran too long", (
            f"your function was stopped after {clock.limit:g} s, the time limit for one call; the "
            f"answer takes well under a second on this input."
            + (f" It was running {where}." if where else "")
            + " Is there a loop that never ends (a while whose condition never changes) or a loop "
              "over far more than the entries of the input?")
    if clock.enforced:  # the interruption was raised, and the function went on
        return "error", "ran too long", (
            f"your function took {clock.elapsed:.1f} s, over the time limit of {clock.limit:g} s for one "
            f"call: it was interrupted at the limit, but caught the interruption and went on. Is there "
            f"a bare except: (or except BaseException:) around a loop? It catches the stop button too; "
            f"name the exceptions you expect (except ValueError:). The answer takes well under a second.")
    return "error", "ran too long", (
        f"your function took {clock.elapsed:.1f} s, over the time limit of {clock.limit:g} s for one "
        f"call (it could not be stopped here: stopping needs SIGALRM, on Linux or macOS in the main "
        f"thread); the answer takes well under a second. Is there a loop over far more than the "
        f"entries of the input, or a sleep?")


def _name_wrong_answer(exercise, result, got, expected, inputs):
    """(name, hint) for a wrong answer, asking the record's fields in the order of the module notes."""
    if integer_typed(result):
        return rounded_verdict(got, expected)
    named = _quietly(exercise.diagnose, got, **inputs)
    if named is None:
        named = next(((mistake.name, mistake.hint) for mistake in _quietly(exercise.mistakes, **inputs)
                      if _quietly(close, got, mistake.value)), None)
    if named is None:
        named = _quietly(exercise.suspect, got, **inputs)
    if named is None and not isinstance(expected, tuple):
        named = _quietly(rounded_answer, got, expected)
    if named is None:
        named = _quietly(near_miss, got, expected, result)
    if named is None:
        named = _quietly(describe_difference, got, expected, exercise.examples(**inputs))
    return named


def _read(exercise, result, expected, inputs):
    """``exercise.read`` with any exception it raises (a learner's ``__array__``, say) named."""
    try:
        with warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore")
            return exercise.read(result, expected, **inputs)
    except Exception as error:
        return result, ("could not read the result", _located(
            f"reading what your function returned raised {_stated(error)}", error,
            "Return plain numbers: a float or a numpy array."))


def _judge_answer(exercise, result, expected, changed, inputs):
    """(status, mistake, hint, got) for what the learner's function returned."""
    if result is None:
        return "mistake", "returned None", ("your function returned None: is the `return` statement "
                                            "missing?"), None
    got, named = _read(exercise, result, expected, inputs)
    if named is not None:
        return "mistake", *named, got
    if not _all_finite(got):
        return "mistake", "NaN or inf", f"your result holds NaN or inf. {exercise.nonfinite_hint}", got
    if close(got, expected):
        form = _quietly(array_form, result, expected)
        if form is not None:  # right numbers the chapter cannot go on with: a list, a np.matrix
            return "mistake", *form, got
        if changed:
            return "mistake", "changed its input", exercise.in_place_hint or (
                f"the answer is right, but your function changed {' and '.join(changed)} in place (e.g. "
                f"with -= or by assigning to an entry), which changes the caller's array too; compute "
                f"a new array instead, e.g. theta = theta - …"), got
        return "passed", None, "", got
    try:
        named = _name_wrong_answer(exercise, result, got, expected, inputs)
    except Exception:  # the check's own analysis failed on an odd answer: still a verdict, not a crash
        named = ("unrecognised", UNRECOGNISED_HINT)
    return "mistake", *named, got


def evaluate(exercise, fn, inputs):
    """The verdict on ``fn`` for one input of ``exercise``, without printing it.

    Parameters
    ----------
    exercise : Exercise
    fn : callable
        The learner's function, called as ``fn(*inputs.values())`` on copies of the inputs.
    inputs : dict of str to object
        One of ``exercise.inputs()``.

    Returns
    -------
    CheckResult
    """
    expected = exercise.reference(**inputs)
    if not isinstance(expected, tuple):
        expected = np.asarray(expected, dtype=np.float64)
    result, exception, warned, changed, clock = _call(fn, inputs)
    got = None
    if clock.over:
        status, mistake, hint = _judge_slow(clock)
    elif exception is not None:
        status, mistake, hint = _judge_exception(exercise, exception, inputs)
    else:
        status, mistake, hint, got = _judge_answer(exercise, result, expected, changed, inputs)
    if warned:
        hint += f" numpy warned while your function ran: {'; '.join(warned)}."
    if changed and mistake != "changed its input":
        hint += f" Also, your function changed {' and '.join(changed)} in place; compute a new array instead."
    return CheckResult(exercise.name, status, mistake, hint.strip(), expected, got, dict(inputs))


def run(exercise, fn):
    """Check ``fn`` on each input of ``exercise`` in turn, then on its fresh input; print the first
    verdict that is not "passed" (or, when all pass, that of the last input listed) and return it.

    Parameters
    ----------
    exercise : Exercise
    fn : object
        The learner's function (anything else gets a verdict too).

    Returns
    -------
    CheckResult
        Also printed. Something that is not a function, or a function whose parameters do not
        match the exercise's, gets a verdict of its own before any call.
    """
    inputs_to_try = exercise.inputs()
    problem = learner_code.call_problem(fn, exercise.name, list(inputs_to_try[0]))
    if problem is not None:
        outcome = CheckResult(exercise.name, "error", *problem, inputs={})
        _report(outcome)
        return outcome
    passed = []  # the verdicts on the inputs passed so far
    for inputs in inputs_to_try:
        outcome = evaluate(exercise, fn, inputs)
        if not outcome.passed:
            if passed and outcome.status in ("mistake", "error"):
                outcome = later_input_verdict(exercise, outcome, passed[0])
            break
        passed.append(outcome)
    else:
        fresh = fresh_input(exercise)
        fresh_outcome = None if fresh is None else evaluate(exercise, fn, fresh)
        if fresh_outcome is not None and not fresh_outcome.passed:
            outcome = fresh_input_verdict(exercise, fresh_outcome, passed)
    _report(outcome)
    return outcome


def _report(outcome):
    """Print the verdict, and log it for a teacher's grading (:func:`progress.log_verdict`).

    The log's detail is the mistake's name; for an exception, also its type, with which the hint starts
    (``_stated``: "ZeroDivisionError: …" or "StopIteration."); the engine's own hints start in lower case.
    """
    print(outcome)
    detail = outcome.mistake or ""
    raised = re.match(r"([A-Z]\w*)(?::|\.(?: |$))", outcome.hint) if outcome.status == "error" else None
    if raised:
        detail += f" ({raised.group(1)})"
    progress.log_verdict(outcome.exercise, outcome.status, detail)
