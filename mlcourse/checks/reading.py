"""Reading what the learner's function returned: real numbers of the expected shape, or a named form.

A check compares numbers, so what came back is read as a float64 array first. Some returns look like
numbers but are not the answer: the text ``"0.693"`` (``return str(J)``), complex values with the
right real part, an array of Python objects, ``True``/``False``, or whole numbers where the answer
has a fraction (``int(J)``). Each gets a verdict of its own instead of being converted silently;
converting a complex array to float would also emit numpy's ``ComplexWarning`` into the notebook.
"""

import reprlib

import numpy as np

__all__ = ["describe_answer", "integer_typed", "read_numbers", "rounded_answer", "rounded_verdict"]


def describe_answer(shape):
    """What a hint calls an answer of this shape: a single number, or an array of that shape."""
    return "a single number" if shape == () else f"an array of shape {shape}"


def _real_parts_right(array, expected):
    real = np.real(array).astype(np.float64)
    return real.shape == expected.shape and np.allclose(real, expected, rtol=1e-6, atol=1e-9)


def _real_answer(shape):
    """What a hint calls the expected answer when stressing that it is made of real numbers."""
    return "a single real number" if shape == () else f"an array of shape {shape} of real numbers"


def _form(result, expected):
    """(name, hint) for a result that is not real numbers (text, complex, objects, booleans), or None."""
    wanted = describe_answer(expected.shape)
    real = _real_answer(expected.shape)
    if isinstance(result, str | bytes):
        return "returned text, not a number", (
            f"your function returned the text {reprlib.repr(result)}; expected {wanted}. Return the "
            f"number itself (return J), not str(J), an f-string or round(J, 3) formatted for printing: "
            f"text is for print(), the caller computes with numbers.")
    array = np.asarray(result)  # no dtype: keeps what the learner made, and never warns
    kind = array.dtype.kind
    if kind in "US":
        return "returned text, not numbers", (
            f"your function returned an array of text (dtype {array.dtype}); expected {real}. Build "
            f"the answer with numpy arithmetic, not from strings.")
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
            f"your function returned an array of dtype object (holding {', '.join(kinds)}); expected "
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
