"""The machinery every exercise check shares: call the learner's function safely, compare, name the mistake.

An exercise is one :class:`Exercise` record: how to build its inputs, the library's answer, what
each known mistake returns, and, where the exercise needs them, how to read the result, name an
exception or recognise a mistake from how the function worked. :func:`run` takes the record and the
learner's function and goes through the same steps for every exercise:

1. call the function on copies of the inputs, catching any exception and numpy's warnings;
2. a ``NotImplementedError`` is "not attempted yet"; any other exception is named and explained;
3. read what came back (a float array by default) and compare it with the reference;
4. for a wrong answer, name what the exercise diagnoses from how the function worked, else the
   first mistake whose value equals it, else say what differs (the shape, or a division by another
   whole number than m), else call it unrecognised;
5. add what numpy warned about and which inputs the function changed in place.

With several inputs (λ = 0 then λ > 0, a vector θ then a matrix), the first that does not pass is
shown, so that a mistake appears on the simplest input that reveals it.
"""

import reprlib
import warnings
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

__all__ = [
    "ATOL",
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

# A correct answer computed another way (the textbook log h form instead of the library's form from
# z, a loop instead of a matrix product) differs from the reference by round-off, ~1e-15 relative on
# these inputs. Every named mistake differs by far more than 1e-6 (the tests check this), so the
# tolerance separates the two with room on both sides.
RTOL = 1e-6
ATOL = 1e-9

NOT_ATTEMPTED_HINT = ("your function (or one it calls) still raises NotImplementedError: replace that "
                      "line with your code, run the cell, then run this one again.")
UNRECOGNISED_HINT = ("not a mistake this check knows by name; compare expected and got on the input "
                     "below, working through your function line by line.")


@dataclass(frozen=True)
class Mistake:
    """A known mistake: its name, a hint, and what it returns on the check's input."""

    name: str
    hint: str
    value: object


def read_numbers(result, expected, **inputs):
    """The default reader: the learner's result as a float array, or a named mistake.

    Returns ``(got, None)``, or ``(result, (name, hint))`` when the result is not numbers.
    """
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # e.g. a complex result: refuse it rather than drop parts
            return np.asarray(result, dtype=np.float64), None
    except Exception:
        return result, ("did not return numbers",
                        f"expected {describe_answer(expected.shape)}, got {type(result).__name__}: "
                        f"return only the answer.")


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


@dataclass(frozen=True, repr=False)
class CheckResult:
    """What a check found out about the learner's function.

    Attributes
    ----------
    exercise : str
        The exercise's name, e.g. ``"cost"``.
    status : {"not attempted", "passed", "mistake", "error"}
        ``"mistake"``: the function returned a wrong answer; ``"error"``: it raised an exception.
    mistake : str or None
        The name of the recognised mistake, e.g. ``"forgot 1/m"``; ``"unrecognised"`` for a wrong
        answer that matches no known mistake; None when there is nothing to name.
    hint : str
        One or two sentences saying what to look for.
    expected, got : float, ndarray, pair of ndarray or None
        The reference answer and the learner's, on the input in ``inputs``; for backpropagation a
        pair with fields ``Theta1_grad`` and ``Theta2_grad``. ``got`` is whatever the function
        returned if it could not be read as numbers.
    inputs : dict of str to ndarray or float
        The arguments the function was called with.
    """

    exercise: str
    status: str
    mistake: str | None = None
    hint: str = ""
    expected: object = None
    got: object = None
    inputs: object = None

    @property
    def passed(self):
        """True if the learner's function gave the right answer."""
        return self.status == "passed"

    def __repr__(self):
        # short, so that a check cell without the trailing ";" shows one extra line, not the arrays
        return f"CheckResult(exercise={self.exercise!r}, status={self.status!r}, mistake={self.mistake!r})"

    def __str__(self):
        """The verdict as the check prints it: one line, then the hint and the numbers."""
        if self.status == "not attempted":
            return f"{self.exercise}: not attempted yet — {self.hint}"
        if self.status == "passed":
            return f"{self.exercise}: passed." + (f" {self.hint}" if self.hint else "")
        headline = f"{self.exercise}: {'error' if self.status == 'error' else 'mistake'} — {self.mistake}"
        lines = [headline, f"  Hint: {self.hint}", "  On the input"]
        lines += [f"    {_as_code(name, value)}" for name, value in self.inputs.items()]
        if self.status == "mistake":
            lines.append(f"  expected {_format_value(self.expected)}")
            lines.append(f"  got      {_format_value(self.got)}")
        return "\n".join(lines)


# --- formatting ----------------------------------------------------------------------------------

def _as_code(name, value):
    """``name = value`` as Python the learner can paste into a cell, e.g. ``z = np.array([0.5, 2.0])``."""
    if isinstance(value, np.ndarray):
        start = f"{name} = np.array("
        # prefix: continuation lines of a matrix are indented to line up under its first row
        return start + np.array2string(value, separator=", ", prefix=" " * 4 + start) + ")"
    return f"{name} = {value!r}"


def _format_value(value, indent=11):
    """A result for the expected/got lines: numbers with 6 decimals, and the shape of arrays.

    A named tuple of arrays (a pair of gradients) is shown one array after the other, each with its
    name, lined up under the first.
    """
    if isinstance(value, tuple) and hasattr(value, "_fields"):
        parts = [f"{name} = {_format_value(part, indent + len(name) + 3)}"
                 for name, part in zip(value._fields, value, strict=True)]
        return ("\n" + " " * indent).join(parts)
    if not isinstance(value, np.ndarray):
        return reprlib.repr(value)  # not numbers, e.g. a tuple: shortened to one line
    with np.printoptions(precision=6, floatmode="fixed", suppress=True, linewidth=110):
        text = np.array2string(value, prefix=" " * indent)
    if value.ndim == 0:
        return text
    return f"{text}  (shape {value.shape})"


def _describe_shape(shape):
    return "() — a single number" if shape == () else str(shape)


def describe_answer(shape):
    """What a hint calls an answer of this shape: a single number, or an array of that shape."""
    return "a single number" if shape == () else f"an array of shape {shape}"


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

def _call(fn, inputs):
    """Call ``fn`` on copies of ``inputs``.

    Returns the result (None if ``fn`` raised), the exception (or None), the messages of the
    warnings it emitted, and the names of the inputs it changed in place.
    """
    copies = [value.copy() if isinstance(value, np.ndarray) else value for value in inputs.values()]
    # The learner's code may warn (log(0), overflow in exp). Record the warnings instead of letting
    # them escape into the notebook, and make numpy warn rather than raise or stay silent, whatever
    # np.seterr the notebook set, so the hint can name them.
    with warnings.catch_warnings(record=True) as caught, \
            np.errstate(divide="warn", over="warn", invalid="warn", under="ignore"):
        warnings.simplefilter("always")
        try:
            result, exception = fn(*copies), None
        except Exception as error:  # the stub's NotImplementedError, or any bug: reported, never raised
            result, exception = None, error
    messages = list(dict.fromkeys(str(warning.message) for warning in caught))  # unique, in order
    changed = [name for name, value, copy in zip(inputs, inputs.values(), copies, strict=True)
               if isinstance(value, np.ndarray) and not np.array_equal(value, copy)]
    return result, exception, messages, changed


def _judge_exception(exercise, error, inputs):
    """(status, mistake, hint) for an exception raised by the learner's function."""
    if isinstance(error, NotImplementedError):  # the stub, untouched
        return "not attempted", None, NOT_ATTEMPTED_HINT
    named = exercise.explain(error, **inputs)
    if named is not None:
        name, hint = named
        return "error", name, f"{type(error).__name__}: {str(error).strip()}. {hint}"
    message = str(error).strip().rstrip(".")
    text = f"{type(error).__name__}: {message}."
    if isinstance(error, ValueError) and any(word in message for word in ("broadcast", "matmul", "shapes")):
        shapes = ", ".join(f"{name} {np.shape(value)}" for name, value in inputs.items()
                           if isinstance(value, np.ndarray))
        return "error", "shapes do not line up", (
            f"{text} Look for * where @ was meant (or the reverse), a missing transpose (Xᵀ is X.T), "
            f"or labels reshaped into a column (m, 1). The shapes here are {shapes}.")
    return "error", "raised an exception", (f"{text} Run your function on the input below in a cell of its "
                                            f"own to see where.")


def _judge_answer(exercise, result, expected, changed, inputs):
    """(status, mistake, hint, got) for what the learner's function returned."""
    if result is None:
        return "mistake", "returned None", ("your function returned None: is the `return` statement "
                                            "missing?"), None
    got, named = exercise.read(result, expected, **inputs)
    if named is not None:
        return "mistake", *named, got
    if not _all_finite(got):
        return "mistake", "NaN or inf", f"your result holds NaN or inf. {exercise.nonfinite_hint}", got
    if close(got, expected):
        if changed:
            return "mistake", "changed its input", exercise.in_place_hint or (
                f"the answer is right, but your function changed {' and '.join(changed)} in place (e.g. "
                f"with -= or by assigning to an entry), which changes the caller's array too; compute "
                f"a new array instead, e.g. theta = theta - …"), got
        return "passed", None, "", got
    named = exercise.diagnose(got, **inputs)
    if named is None:
        named = next(((mistake.name, mistake.hint) for mistake in exercise.mistakes(**inputs)
                      if close(got, mistake.value)), None)
    if named is None:
        named = _describe_difference(got, expected, exercise.examples(**inputs))
    return "mistake", *named, got


def _describe_difference(got, expected, m):
    """(name, hint) for a wrong answer no known mistake explains: its shape, or a division by M ≠ m."""
    if isinstance(expected, tuple):  # a pair: its reader has already compared the shapes
        return "unrecognised", UNRECOGNISED_HINT
    if got.shape != expected.shape:
        hint = f"expected shape {_describe_shape(expected.shape)}, got {got.shape}."
        if got.size == expected.size and np.allclose(got.ravel(), expected.ravel(), rtol=RTOL, atol=ATOL):
            hint += (" The numbers are right; return them with the expected shape (e.g. .ravel() for "
                     "a vector, float(...) for a single number).")
        elif got.ndim == 2 and 1 not in got.shape and expected.ndim < 2:
            hint += (" A matrix where a vector or a number was expected usually comes from labels of "
                     "shape (m, 1) broadcasting against predictions of shape (m,), or from * where @ "
                     "was meant.")
        return "wrong shape", hint
    if m is not None and expected.all():
        # Dividing by some other whole number M instead of m gives expected · m / M in every entry.
        ratio = got / expected
        divisor = m / ratio.flat[0] if ratio.flat[0] > 0 else 0.0
        if (divisor >= 1 and np.allclose(ratio, ratio.flat[0], rtol=RTOL, atol=0)
                and abs(divisor - round(divisor)) < 1e-6 * divisor):
            return "divided by the wrong m", (
                f"your answer is the right sum divided by {round(divisor)} instead of m = {m}. Is m the "
                f"number of rows of the X passed in (m = X.shape[0]), and not a global m from the notebook?")
    return "unrecognised", UNRECOGNISED_HINT


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
    result, exception, warned, changed = _call(fn, inputs)
    if exception is not None:
        status, mistake, hint = _judge_exception(exercise, exception, inputs)
        got = None
    else:
        status, mistake, hint, got = _judge_answer(exercise, result, expected, changed, inputs)
    if warned:
        hint += f" numpy warned while your function ran: {'; '.join(warned)}."
    if changed and mistake != "changed its input":
        hint += f" Also, your function changed {' and '.join(changed)} in place; compute a new array instead."
    return CheckResult(exercise.name, status, mistake, hint.strip(), expected, got, dict(inputs))


def run(exercise, fn):
    """Check ``fn`` on each input of ``exercise`` in turn; print the first verdict that is not
    "passed" (or the last one, when all pass) and return it.

    Parameters
    ----------
    exercise : Exercise
    fn : callable
        The learner's function.

    Returns
    -------
    CheckResult

    Raises
    ------
    TypeError
        If ``fn`` is not callable (e.g. the result of calling it was passed).
    """
    if not callable(fn):
        name = exercise.name
        raise TypeError(f"fn must be the function you wrote for the exercise; got {type(fn).__name__} "
                        f"{fn!r}. Pass the function itself, without calling it: checks.{name}({name}), "
                        f"not checks.{name}({name}(...))")
    for inputs in exercise.inputs():
        outcome = evaluate(exercise, fn, inputs)
        if not outcome.passed:
            break
    print(outcome)
    return outcome
