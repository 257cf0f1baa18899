"""Reading what the learner's function returned: real numbers of the expected shape, or a named form.

A check compares numbers, so what came back is read as a float64 array first. Some returns look like
numbers but are not the answer: the text ``"0.693"`` (``return str(J)``), complex values with the
right real part, an array of Python objects, ``True``/``False``, or whole numbers where the answer
has a fraction (``int(J)``). Each gets a verdict of its own instead of being converted silently;
converting a complex array to float would also emit numpy's ``ComplexWarning`` into the notebook.
Right numbers in a form the chapter cannot go on with, a list or a ``np.matrix`` where an array was
meant, are named too (:func:`array_form`): the rest of the chapter computes with the answer.
"""

import reprlib
from collections.abc import Iterator, Mapping, Set

import numpy as np

from .verdicts import describe_shape

__all__ = ["ATOL", "RTOL", "UNRECOGNISED_HINT", "array_form", "container_form", "describe_answer",
           "describe_difference", "integer_typed", "near_miss", "read_numbers", "rounded_answer",
           "rounded_verdict"]

# A correct answer computed another way (the textbook log h form instead of the library's form from
# z, a loop instead of a matrix product) differs from the reference by round-off: ~1e-15 relative on
# the teaching inputs, ~1e-10 for the textbook cost at |z| ≈ 30 (log(1 − h) keeps fewer digits there),
# and below 1e-15 in absolute terms for g'(30) ≈ 9e-14. Every named mistake differs by far more than
# 1e-6 (the tests check this), so the tolerance separates the two with room on both sides.
RTOL = 1e-6
ATOL = 1e-9

UNRECOGNISED_HINT = ("not a mistake this check knows by name; compare expected and got on the input "
                     "below, working through your function line by line.")


def describe_answer(shape):
    """What a hint calls an answer of this shape: a single number, or an array of that shape."""
    return "a single number" if shape == () else f"an array of shape {shape}"


def _real_parts_right(array, expected):
    real = np.real(array).astype(np.float64)
    return real.shape == expected.shape and np.allclose(real, expected, rtol=RTOL, atol=ATOL)


def _real_answer(shape):
    """What a hint calls the expected answer when stressing that it is made of real numbers."""
    return "a single real number" if shape == () else f"an array of shape {shape} of real numbers"


def container_form(result, wanted):
    """(name, hint) for a dict, a set, a generator or another iterator, which numpy cannot read as
    numbers, or None. ``wanted`` says what was expected, e.g. "a single number"."""
    kind = type(result).__name__
    kind = f"{'an' if kind[0] in 'aeiou' else 'a'} {kind}"
    if isinstance(result, Iterator):
        return f"returned {kind}", (
            f"your function returned {kind}, which hands out its values one at a time "
            f"and is not an array; expected {wanted}. Build the array itself: np.array([... for ...]), with "
            f"square brackets, not (... for ...).")
    if isinstance(result, Mapping | Set):
        return f"returned {kind}", (
            f"your function returned {kind}, {reprlib.repr(result)}; expected {wanted}: return the numbers "
            f"themselves.")
    return None


def _form(result, expected):
    """(name, hint) for a result that is not real numbers (text, complex, objects, booleans), or None."""
    wanted = describe_answer(expected.shape)
    real = _real_answer(expected.shape)
    if isinstance(result, str | bytes):
        return "returned text, not a number", (
            f"your function returned the text {reprlib.repr(result)}; expected {wanted}. Return the "
            f"number itself (return J), not str(J), an f-string or round(J, 3) formatted for printing: "
            f"text is for print(), the caller computes with numbers.")
    container = container_form(result, wanted)
    if container is not None:
        return container
    sequence = type(result).__name__ if isinstance(result, list | tuple) else None
    if sequence and expected.shape == ():
        return f"returned a {sequence}, not a number", (
            f"your function returned a {sequence} of {len(result)} items, {reprlib.repr(result)}; "
            f"expected a single number: return the answer alone.")
    array = np.asarray(result)  # no dtype: keeps what the learner made, and never warns
    kind = array.dtype.kind
    came = f"a {sequence} ({reprlib.repr(result)}) that numpy reads as " if sequence else ""
    if kind in "US":
        return "returned text, not numbers", (
            f"your function returned {came}an array of text (dtype {array.dtype}); expected {real}. "
            f"Build the answer with numpy arithmetic, not from strings.")
    if kind == "c":
        hint = (f"your function returned complex numbers (dtype {array.dtype}); expected {real}. numpy "
                f"makes complex values only when asked: 1j, a complex dtype, or np.emath/np.lib.scimath "
                f"(e.g. np.emath.sqrt or np.emath.log of a negative number).")
        if _real_parts_right(array, expected):
            hint += (" The real parts are right, so find where the complex numbers come in rather than "
                     "dropping the imaginary part with .real.")
        return "returned complex numbers", hint
    if kind == "O":
        kinds = sorted({type(item).__name__ for item in array.ravel()[:20]})
        return "returned an array of Python objects", (
            f"your function returned {came}an array of dtype object (holding {', '.join(kinds)}); expected "
            f"{real}. This comes from a list of things of different sizes or types (None, "
            f"a list, a Decimal): build the answer with numpy arithmetic, e.g. from np.zeros(shape).")
    if kind == "b":
        return "returned True/False", (
            f"your function returned booleans (a comparison such as h >= 0.5); expected {wanted}: "
            f"return the computed value itself.")
    return None


def read_numbers(result, expected, **inputs):
    """The default reader: the learner's result as a float64 array, or a named mistake.

    Returns ``(got, None)``, or ``(result, (name, hint))`` when the result is not real numbers.
    Exceptions other than the TypeError or ValueError of a failed conversion (raised by a learner's
    own ``__array__``, say) are left to the engine, which names them and their line.
    """
    expected = np.asarray(expected, dtype=np.float64) if not isinstance(expected, tuple) else expected
    if not isinstance(expected, tuple):
        try:
            form = _form(result, expected)
        except (TypeError, ValueError):
            form = None  # e.g. a ragged list: refused below, with its type
        if form is not None:
            return result, form
    try:
        return np.asarray(result, dtype=np.float64), None
    except (TypeError, ValueError):
        wanted = describe_answer(expected.shape) if not isinstance(expected, tuple) else "a pair of arrays"
        return result, ("did not return numbers",
                        f"expected {wanted}, got {type(result).__name__}: return only the answer.")


def integer_typed(result, depth=0):
    """True if ``result`` holds whole-number types only: an int, np.integer, an integer array, or a
    list or tuple of those. Booleans do not count."""
    if isinstance(result, bool | np.bool_):
        return False
    if isinstance(result, int | np.integer):
        return True
    if isinstance(result, np.ndarray):
        return result.dtype.kind in "iu"
    if isinstance(result, list | tuple) and result and depth < 3:
        return all(integer_typed(item, depth + 1) for item in result)
    return False


def rounded_verdict(got, expected):
    """(name, hint) for a result of whole-number type that differs from the answer."""
    hint = ("your function returned whole numbers (an int type), so the fraction of the answer is lost. "
            "Look for int(...), .astype(int), // where / was meant, or an array made with dtype=int "
            "(np.zeros(n, dtype=int), np.zeros_like of an integer array) and then filled with floats, "
            "which numpy truncates.")
    if (not isinstance(expected, tuple) and got.shape == expected.shape
            and any(np.allclose(got, drop(expected)) for drop in (np.trunc, np.floor, np.round))):
        hint += " Your numbers are the right ones with the fractions dropped."
    return "cast to int", hint


def rounded_answer(got, expected):
    """(name, hint) for an answer equal to the right one rounded to a few decimals, or None.

    Catches ``round(J, 4)`` and an answer typed in from the six decimals a verdict prints.
    """
    if got.shape != expected.shape or not np.any(got):
        return None
    for decimals in range(1, 9):
        if np.allclose(got, np.round(expected, decimals), rtol=0, atol=1e-12):
            return "rounded the answer", (
                f"your numbers are the right ones rounded to {decimals} decimals, not to the check's "
                f"tolerance (1e-6 relative). Was the result rounded (round, np.round, a format), or "
                f"typed in from a verdict? Return the value computed from the arguments, in full; "
                f"round only when printing.")
    return None


def _not_an_array(part):
    """What ``part`` is if it is not a plain numpy array (a list, a tuple, a np.matrix), else None."""
    if isinstance(part, np.matrix):
        return "a np.matrix"
    return None if isinstance(part, np.ndarray) else f"a {type(part).__name__}"


def array_form(result, expected):
    """(name, hint) for right numbers returned as something other than numpy arrays, or None.

    ``expected`` is the reference: a single number accepts any number (a float, a 0-d array); an
    array needs an ndarray; a pair needs an ndarray in each place (the pair itself may be a list).
    A np.matrix is refused: for it ``*`` is the matrix product and every slice stays 2-D.
    """
    if isinstance(expected, tuple):
        forms = [_not_an_array(part) for part in result]
    elif np.ndim(expected) == 0:
        return None
    else:
        forms = [_not_an_array(result)]
    form = next((form for form in forms if form is not None), None)
    if form is None:
        return None
    if form == "a np.matrix":
        return "returned a np.matrix", (
            "the numbers are right, but np.matrix is not the array the exercise returns: for a matrix, "
            "* is the matrix product and every slice stays 2-D, so the code that goes on with your "
            "answer computes something else (numpy has deprecated np.matrix). Use np.array and @.")
    where = "each gradient of the pair" if isinstance(expected, tuple) else "the answer"
    return f"returned {form}, not an array", (
        f"the numbers are right, but {where} is {form}, not a numpy array: the code that goes on with "
        f"your answer uses .shape, @ and array arithmetic, which a {form[2:]} does not have. Build it "
        f"with numpy operations, or convert at the end: return np.array(values).")


def describe_difference(got, expected, m):
    """(name, hint) for a wrong answer no known mistake explains: its shape, or a division by M ≠ m."""
    if isinstance(expected, tuple):  # a pair: its reader has already compared the shapes
        return "unrecognised", UNRECOGNISED_HINT
    if got.shape != expected.shape:
        hint = f"expected shape {describe_shape(expected.shape)}, got {got.shape}."
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


# An answer this close to the right one is the right formula with digits lost on the way (float32
# arithmetic, say); every named mistake is far further off. It is said so, with the difference and
# the tolerance, rather than called unrecognised (its printed numbers can look identical).
NEAR_RTOL = 1e-3


def _narrow_float(result):
    """The dtype of ``result`` (or of a part of a pair) if it is a float narrower than float64, else None."""
    parts = result if isinstance(result, tuple | list) else [result]
    return next((part.dtype for part in parts if isinstance(part, np.ndarray | np.generic)
                 and part.dtype.kind == "f" and part.dtype.itemsize < 8), None)


def near_miss(got, expected, result):
    """(name, hint) for an answer within 0.1 % of the right one but not within the tolerance, or None."""
    pairs = list(zip(got, expected, strict=True)) if isinstance(expected, tuple) else [(got, expected)]
    if not all(np.shape(part) == np.shape(whole) and np.allclose(part, whole, rtol=NEAR_RTOL, atol=ATOL)
               for part, whole in pairs):
        return None
    largest = max(float(np.max(np.abs(part - whole) / np.maximum(np.abs(whole), ATOL)))
                  for part, whole in pairs)
    dtype = _narrow_float(result)
    cause = (f"Your result is {dtype}, which keeps about {np.finfo(dtype).precision} significant digits: "
             f"compute in float64, numpy's default (no dtype=np.float32, no .astype(np.float32))."
             if dtype is not None else
             "Is something computed in float32, rounded, or approximated (a truncated series, a clipped "
             "value, a finite difference)?")
    return "not accurate enough", (
        f"your numbers agree with the expected ones to a relative difference of {largest:.1e}, but the "
        f"check asks for {RTOL:g} (relative) or {ATOL:g} (absolute), which the printed decimals may not "
        f"show: the formula looks right, and the arithmetic loses digits. {cause}")
