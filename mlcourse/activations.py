"""The sigmoid g(z) = 1 / (1 + e^(-z)) and its derivative g'(z) = g(z)(1 - g(z)).

Both are written so that no finite input overflows, warns or returns inf/NaN. The textbook formula
``1 / (1 + np.exp(-z))`` evaluates ``exp(1000)`` for z = -1000, which overflows to inf (with a
RuntimeWarning) before the division rescues the result. Here the exponential is only ever taken of
``-|z|``, a number ≤ 0, so it lies in (0, 1] and cannot overflow.
"""

import numpy as np

from ._validation import _as_numeric_array

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
    t = np.exp(-np.abs(z))  # e^-|z| ∈ (0, 1]: the only exponential taken, and it cannot overflow
    # the numerator is 1 where z ≥ 0 and t where z < 0; since t ≤ 1 that is max(t, [z ≥ 0])
    out = np.maximum(t, z >= 0)
    out /= 1.0 + t
    return out[()]  # [()]: a 0-d array becomes a numpy scalar


def sigmoid_into(z, out):
    """Write g(z) into ``out`` without allocating; return ``out``. For the network's hidden layer.

    ``z`` and ``out`` are float64 arrays of one shape that do not overlap; ``out`` may be a strided
    view. No validation: callers pass checked arrays.

    Notes
    -----
    Uses the identity g(z) = ½ + ½ tanh(z/2) (multiply numerator and denominator of 1/(1+e^-z) by
    e^(z/2)). tanh never overflows, and four in-place passes over the array are about half the work
    of :func:`sigmoid`'s seven, which matters in a training loop over a (5000, 25) array. The price:
    adding ½ rounds away values of g below about 1e-17, so the relative accuracy of :func:`sigmoid`
    in the far negative tail is lost. A hidden activation is only ever added to other terms of
    size ~1, where an absolute error of 1e-17 is invisible; the cost never uses it.
    """
    np.multiply(z, 0.5, out=out)
    np.tanh(out, out=out)
    out *= 0.5
    out += 0.5
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
