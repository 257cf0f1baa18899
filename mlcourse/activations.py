"""The sigmoid g(z) = 1 / (1 + e^(-z)) and its derivative g'(z) = g(z)(1 - g(z)).

Both are written so that no finite input overflows, warns or returns inf/NaN. The textbook formula
``1 / (1 + np.exp(-z))`` evaluates ``exp(1000)`` for z = -1000, which overflows to inf (with a
RuntimeWarning) before the division rescues the result. Here the exponential is only ever taken of
``-|z|``, a number ≤ 0, so it lies in (0, 1] and cannot overflow.
"""

import numpy as np

from .validation import _as_numeric_array

__all__ = ["sigmoid", "sigmoid_gradient", "sigmoid_into"]


def _as_float(z):
    return _as_numeric_array(z, "z").astype(np.float64, copy=False)


def sigmoid(z):
    """The logistic function g(z) = 1 / (1 + e^(-z)), elementwise.

    Parameters
    ----------
    z : float or array_like, any shape
        Raw scores, e.g. ``X @ theta`` or ``a1 @ Theta1.T``.

    Returns
    -------
    float or ndarray of float64, same shape as ``z``
        Values in [0, 1]. They reach exactly 0 or 1 only where the true value is closer to them
        than float64 can resolve (|z| ≳ 37 for 1, z ≲ -745 for 0).

    Raises
    ------
    TypeError
        If ``z`` does not hold real numbers.

    Notes
    -----
    With t = e^(-|z|) ∈ (0, 1]:

    - for z ≥ 0, g(z) = 1 / (1 + t);
    - for z < 0, g(z) = e^z / (1 + e^z) = t / (1 + t).

    Both are the same function, and in each the exponent is ≤ 0, so nothing can overflow.
    Chapter 01 shows the naive formula failing where this one does not.
    """
    z = _as_float(z)
    return sigmoid_into(z, np.empty_like(z), np.empty_like(z))[()]  # [()]: a 0-d array becomes a scalar


def sigmoid_into(z, out, scratch):
    """Write g(z) into ``out`` using ``scratch`` as working memory; return ``out``.

    The allocation-free form of :func:`sigmoid` for the network's inner loop, where fresh
    megabyte-sized temporaries on every call cost more than the arithmetic. ``z``, ``out`` and
    ``scratch`` are float64 arrays of one shape; ``out`` may be a strided view (e.g. ``a2[:, 1:]``)
    but must not overlap ``z`` or ``scratch``. No validation: callers pass checked arrays.

    Notes
    -----
    With t = e^-|z|, g(z) = 1/(1 + t) for z ≥ 0 and t/(1 + t) for z < 0 — the two textbook forms,
    each used where its exponent is ≤ 0. The numerator (1 or t) is max(t, [z ≥ 0]): t ≤ 1 always,
    so the comparison's 1 wins for z ≥ 0 and its 0 loses for z < 0. One exponential, no branch.
    """
    np.abs(z, out=scratch)
    np.negative(scratch, out=scratch)
    np.exp(scratch, out=scratch)  # t = e^-|z|, in (0, 1]
    np.greater_equal(z, 0.0, out=out)  # 1.0 where z ≥ 0, else 0.0
    np.maximum(out, scratch, out=out)  # the numerator: 1 where z ≥ 0, t where z < 0
    scratch += 1.0
    out /= scratch
    return out


def sigmoid_gradient(z):
    """The derivative g'(z) = g(z)(1 - g(z)) of the sigmoid, elementwise.

    Parameters
    ----------
    z : float or array_like, any shape

    Returns
    -------
    float or ndarray of float64, same shape as ``z``
        Values in [0, 0.25]; g'(0) = 0.25 is the maximum.

    Notes
    -----
    Computed as t / (1 + t)² with t = e^(-|z|), which equals g(z)(1 - g(z)) for both signs of z
    (g' is symmetric) and keeps its relative accuracy in the tails, where ``g * (1 - g)`` would
    round ``1 - g`` to exactly 0 for z ≳ 37. Chapter 02 derives g' = g(1 - g) step by step.
    """
    z = _as_float(z)
    t = np.exp(-np.abs(z))
    one_plus_t = 1.0 + t
    return (t / (one_plus_t * one_plus_t))[()]
