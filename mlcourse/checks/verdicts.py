"""A check's verdict, :class:`CheckResult`, and how it prints: the mistake, the hint, the input as
code the learner can paste into a cell, and the expected and obtained values."""

import reprlib
import sys
from dataclasses import dataclass

import numpy as np

__all__ = ["CheckResult", "describe_shape", "other_value_verdict"]


@dataclass(frozen=True, repr=False)
class CheckResult:
    """What a check found out about the learner's function.

    Attributes
    ----------
    exercise : str
        The exercise's name, e.g. ``"cost"``.
    status : {"not attempted", "passed", "mistake", "error"}
        ``"mistake"``: the function returned a wrong answer; ``"error"``: it raised an exception,
        or ran longer than the time limit.
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
        lines = [headline, f"  Hint: {self.hint}"]
        if self.inputs:  # none when the function could not be called at all
            lines.append("  On the input")
            lines += [f"    {_as_code(name, value)}" for name, value in self.inputs.items()]
        if self.status == "mistake":
            lines.append(f"  expected {_format_value(self.expected)}")
            lines.append(f"  got      {_format_value(self.got)}")
        return "\n".join(lines)


# --- formatting ----------------------------------------------------------------------------------

# numpy's default print options, every entry in full: the input printed as code is the input itself,
# whatever np.set_printoptions the notebook ran (precision=0 would print 0.3 as 0.)
_AS_CODE = {"precision": 8, "floatmode": "maxprec", "threshold": sys.maxsize, "suppress": False,
            "linewidth": 75, "sign": "-", "legacy": False}


def _as_code(name, value):
    """``name = value`` as Python the learner can paste into a cell, e.g. ``z = np.array([0.5, 2.0])``."""
    if isinstance(value, np.ndarray):
        start = f"{name} = np.array("
        # prefix: continuation lines of a matrix are indented to line up under its first row
        with np.printoptions(**_AS_CODE):
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
    # a summary of a huge answer (a learner's np.zeros((3000, 3000))), whatever the notebook's threshold
    with np.printoptions(precision=6, floatmode="fixed", suppress=True, linewidth=110, threshold=1000,
                         edgeitems=3, sign="-", legacy=False):
        text = np.array2string(value, prefix=" " * indent)
    if value.ndim == 0:
        return text
    return f"{text}  (shape {value.shape})"


def describe_shape(shape):
    """A shape as a hint names it: ``() — a single number`` for a scalar."""
    return "() — a single number" if shape == () else str(shape)


def other_value_verdict(symbol, name, implied, given, m, *, part, one_number, mistake, shown_m=None,
                        sizes=()):
    """(name, hint) for an answer that is right for ``symbol`` = ``implied`` instead of ``given``, or None.

    Only the part that λ or α scales is off, by the factor implied / given. The same answer comes
    from the right ``given`` divided by a typed-in number of examples M instead of m, with
    M = given · m / implied: when M is a whole number other than m (the exam data's 100, say), the
    verdict names it. One number (a cost) fits some value of anything, so for ``one_number``
    answers only a whole M or a round ``implied`` (at most two decimals) is named at all.
    When both readings fit, the m is named first only if it is ``shown_m``, the first input's m,
    the one a learner is most likely to have copied. An M of m² is m divided by twice, and an M equal
    to one of ``sizes`` (pairs such as ``("X.shape[1]", 3)``, the arguments' other sizes) but not
    to ``shown_m`` is that size taken for m: both are named before any other reading. ``part``
    names what λ or α scales ("penalty"); ``mistake`` is the exercise's name for "another value was
    used".
    """
    if implied is None or implied <= 0 or abs(implied - given) <= 1e-9 * given:
        return None
    typed_m = round(given * m / implied)
    whole = 1 <= typed_m <= 10**6 and typed_m != m and abs(given * m / implied - typed_m) < 1e-6 * typed_m
    round_value = abs(implied - round(implied, 2)) < 1e-6 * max(1.0, implied)
    if whole and typed_m == m * m:
        return "divided by m twice", (
            f"your {part} is divided by m² = {typed_m} (m = {m}): the formula divides by m once. Is 1/m "
            f"applied again to something that already holds it?")
    size_name = None if not whole or typed_m == shown_m else next(
        (label for label, size in sizes if size == typed_m), None)
    if size_name is not None:
        return "divided by the wrong m", (
            f"your {part} is divided by {size_name} = {typed_m}, not by m = {m}, the number of examples "
            f"(the rows of X): m = X.shape[0].")
    if whole and (not round_value or typed_m == shown_m):
        return "divided by the wrong m", (
            f"your {part} is divided by m = {typed_m}, while this input has m = {m} examples: take m "
            f"from the data, m = X.shape[0], not from a number typed in or a variable of the notebook.")
    if one_number and not (whole or round_value):
        return None
    also = (f" (It is also what dividing by {typed_m} instead of m = {m} gives: take m from the data, "
            f"m = X.shape[0].)") if whole else ""
    return mistake, (f"your answer is right for {symbol} = {implied:g}, but {name} = {given:g} was passed: "
                     f"use the parameter {name}, not a value defined elsewhere in the notebook.{also}")
