"""The sigmoid g(z) = 1 / (1 + e^(-z)) and its derivative g'(z) = g(z)(1 - g(z)).

Both are written so that no finite input overflows, warns or returns inf/NaN. The textbook formula
``1 / (1 + np.exp(-z))`` evaluates ``exp(1000)`` for z = -1000, which overflows to inf (with a
RuntimeWarning) before the division rescues the result. Here the exponential is only ever taken of
``-|z|``, a number ≤ 0, so it lies in (0, 1] and cannot overflow.

z = ±inf is accepted as the limit it stands for (g = 1 or 0, g' = 0); NaN is refused, since no
value of g could be right for it and a NaN would spread silently through every later step.
"""

import numpy as np

from ._validation import as_numeric_array

__all__ = ["sigmoid", "sigmoid_gradient"]


def _as_float(z):
    z = as_numeric_array(z, "z").astype(np.float64, copy=False)
    if np.isnan(z).any():
        raise ValueError(f"z must not hold NaN (±inf are accepted as limits); got {np.isnan(z).sum()} NaN(s)")
    return z


def _exp_minus_abs(z):
    """e^-|z| ∈ [0, 1], a new array of z's shape: the only exponential taken, it cannot overflow."""
    # one new array updated in place: a network's (5000, 25) layer makes each temporary cost
    t = np.abs(z, out=np.empty_like(z))  # empty_like: in z's memory layout, or the pass is strided
    np.negative(t, out=t)
    return np.exp(t, out=t)


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
        than float64 can resolve (|z| ≳ 37 for 1, z ≲ -745 for 0), and at the limits z = ±inf.

    Raises
    ------
    TypeError
        If ``z`` does not hold real numbers.
    ValueError
        If ``z`` holds NaN.

    Notes
    -----
    With t = e^(-|z|) ∈ (0, 1]:

    - for z ≥ 0, g(z) = 1 / (1 + t);
    - for z < 0, g(z) = e^z / (1 + e^z) = t / (1 + t).

    Both are the same function, and in each the exponent is ≤ 0, so nothing can overflow.
    Chapter 01 shows the naive formula failing where this one does not.
    """
    z = _as_float(z)
    # e^-|z| underflows to 0 for |z| ≳ 745: the right limit, also under a caller's np.seterr(all="raise")
    with np.errstate(under="ignore"):
        t = _exp_minus_abs(z)
        # the numerator is 1 where z ≥ 0 and t where z < 0; since t ≤ 1 that is max(t, [z ≥ 0])
        out = np.maximum(t, z >= 0)
        t += 1.0
        out /= t
    return out[()]  # [()]: a 0-d array becomes a numpy scalar


def sigmoid_gradient(z):
    """The derivative g'(z) = g(z)(1 - g(z)) of the sigmoid, elementwise.

    Parameters
    ----------
    z : float or array_like, any shape

    Returns
    -------
    float or ndarray of float64, same shape as ``z``
        Values in [0, 0.25]; g'(0) = 0.25 is the maximum, and g'(±inf) = 0.

    Raises
    ------
    TypeError, ValueError
        As :func:`sigmoid`.

    Notes
    -----
    Computed as t / (1 + t)² with t = e^(-|z|), which equals g(z)(1 - g(z)) for both signs of z
    (g' is symmetric) and keeps its relative accuracy in the tails, where ``g * (1 - g)`` would
    round ``1 - g`` to exactly 0 for z ≳ 37. Chapter 02 derives g' = g(1 - g) step by step.
    """
    z = _as_float(z)
    with np.errstate(under="ignore"):  # as in sigmoid
        t = _exp_minus_abs(z)
        squared = t + 1.0
        squared *= squared
        t /= squared  # t / (1 + t)²
    # near z = 0 the two roundings can land one unit above the true maximum 1/4 (0.25000000000000006
    # for z = 1e-9); the bound is a property of g' that callers may rely on, so it is kept exactly
    np.minimum(t, 0.25, out=t)
    return t[()]
