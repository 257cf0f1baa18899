"""The sigmoid g(z) = 1 / (1 + e^(-z)) and its derivative g'(z) = g(z)(1 - g(z)).

Both are computed as formulas a learner can check by hand, and both give the right value for every
real z, ±inf included, without a warning. Where an exponential overflows, it is on the way to the
right limit: for z < -709, e^(-z) is beyond the largest float64 and becomes inf, and 1 / (1 + inf)
= 0 is right, since the true g(z) ≈ e^z is below 1e-308 there. numpy reports such an overflow with a
RuntimeWarning (an error after ``np.seterr(all="raise")``); here it is expected, so
``np.errstate(over="ignore")`` silences it. What does harm comes later: log h is -inf once h has
rounded to 0 (or log(1 - h) once h has rounded to 1), which is why chapter 01 computes the cost from z.

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


def sigmoid(z):
    """The logistic function g(z) = 1 / (1 + e^(-z)), elementwise.

    Parameters
    ----------
    z : float or array_like, any shape
        Raw scores, e.g. ``X @ theta`` or ``a1 @ Theta1.T``.

    Returns
    -------
    float or ndarray of float64, same shape as ``z``
        Values in [0, 1], with float64's relative accuracy down to g ≈ 1e-308. They are exactly 1
        where 1 - g is below float64's resolution near 1 (z ≳ 37), exactly 0 where e^(-z)
        overflows (z < -709, g < 1e-308), and the limits 1 and 0 at z = ±inf.

    Raises
    ------
    TypeError
        If ``z`` does not hold real numbers.
    ValueError
        If ``z`` holds NaN.

    Notes
    -----
    Chapter 01 shows where a literal formula does break: not here, but in log h once h has rounded
    to exactly 0 or 1.
    """
    z = _as_float(z)
    # e^-z overflows to inf for z < -709, and 1/(1 + inf) = 0 is the right limit (module docstring);
    # it underflows to 0 for z > 745, where g = 1 anyway
    with np.errstate(over="ignore", under="ignore"):
        g = 1.0 / (1.0 + np.exp(-z))
    return g[()]  # [()]: a 0-d array becomes a numpy scalar


def sigmoid_gradient(z):
    """The derivative g'(z) = g(z)(1 - g(z)) of the sigmoid, elementwise.

    Parameters
    ----------
    z : float or array_like, any shape

    Returns
    -------
    float or ndarray of float64, same shape as ``z``
        Values in [0, 1/4]; g'(0) = 1/4 is the maximum, and g'(±inf) = 0.

    Raises
    ------
    TypeError, ValueError
        As :func:`sigmoid`.

    Notes
    -----
    Chapter 02 derives g' = g(1 - g). Multiplying it out gives a form that is the same on both sides
    of z = 0 (g' is symmetric):

        g(1 - g) = e^(-z) / (1 + e^(-z))² = 1 / (e^z + 2 + e^(-z)) = 1 / (2 (1 + cosh z))

    That last form is what is computed. It keeps float64's relative accuracy in both tails, where
    ``g * (1 - g)`` would round 1 - g to exactly 0 for z ≳ 37; cosh z ≥ 1 keeps every value ≤ 1/4;
    and where the denominator overflows to inf (|z| > 709.78) the result is 0, the right value to
    within 1e-308.
    """
    z = _as_float(z)
    with np.errstate(over="ignore", under="ignore"):  # as in sigmoid: an inf denominator gives g' = 0
        return (1.0 / (2.0 * (1.0 + np.cosh(z))))[()]
