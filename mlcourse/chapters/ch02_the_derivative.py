"""Chapter 02's derivations, one line at a time, as functions that can be evaluated.

A derivation on paper is a chain of equalities. Here every line of two such chains is a small
function, so that a chapter can evaluate each line at real numbers and compare it with a
derivative computed without any algebra (central differences):

- the derivative of the sigmoid, g'(z) = g(z)(1 − g(z)) (Q4): :func:`sigmoid_derivative_steps`;
- the gradient of the logistic-regression cost J(θ), from the definition to
  (1/m) Σ_i (h⁽ⁱ⁾ − y⁽ⁱ⁾) x_j⁽ⁱ⁾ (Q3): one ``step_…`` function per line, all of them listed in
  order by :func:`gradient_steps`;
- the same gradient written as two loops, for i over examples and j over parameters (Q5):
  :func:`gradient_loop`, to set beside the vector form (1/m) Xᵀ(g(Xθ) − y) of
  :func:`mlcourse.logistic.gradient`.

The first lines of the gradient's derivation still contain derivatives that later lines work out
(∂ log h⁽ⁱ⁾/∂θ_j, ∂h⁽ⁱ⁾/∂θ_j, ∂z⁽ⁱ⁾/∂θ_j). Those functions evaluate the pending derivative by a
central difference *per example*, nudging θ_j and recomputing z = Xθ — so a line is evaluated as
written, without using any result that a later line derives.

Notation as in :mod:`mlcourse.logistic`: ``X`` (m, n+1) with the intercept column, ``theta``
(n+1,), ``y`` (m,), z = Xθ, h = g(z). These functions exist to be read next to the chapter; the
model itself uses :mod:`mlcourse.logistic`.
"""

import numpy as np

from .._validation import (
    _as_numeric_array,
    _check_finite,
    as_float_matrix,
    check_binary_labels,
    check_positive_real,
    check_theta_for_X,
)
from ..activations import sigmoid

__all__ = [
    "GRADIENT_STEPS",
    "SIGMOID_DERIVATIVE_STEPS",
    "central_difference",
    "gradient_loop",
    "gradient_steps",
    "sigmoid_derivative_steps",
    "step_cancel",
    "step_chain_rule",
    "step_distribute",
    "step_linearity",
    "step_sigma_prime",
    "step_simplify",
    "step_substitution",
]

# The literal formulas take e^(-z); beyond |z| = 700 it overflows float64 (e^709.8 is the largest).
_LARGEST_LITERAL_Z = 700.0


# --- helpers -------------------------------------------------------------------------------------

def _validate(theta, X, y):
    X = as_float_matrix(X, "X")
    theta = check_theta_for_X(theta, X)
    y = check_binary_labels(y, X.shape[0])
    return theta, X, y


def _as_z(z):
    """A finite float64 array (at least 1-D) of z with |z| ≤ 700, or raise."""
    z = np.atleast_1d(_as_numeric_array(z, "z")).astype(np.float64)
    _check_finite(z, "z")
    too_large = np.abs(z) > _LARGEST_LITERAL_Z
    if too_large.any():
        raise ValueError(f"z must lie in [-{_LARGEST_LITERAL_Z:g}, {_LARGEST_LITERAL_Z:g}], where the "
                         f"derivation's e^(-z) is finite; got {float(z[too_large][0])!r}")
    return z


def central_difference(f, z, epsilon=1e-4):
    """The derivative of a function of one variable, elementwise, by central differences.

    Parameters
    ----------
    f : callable
        ``f(z) -> ndarray`` of ``z``'s shape, applied elementwise (e.g. :func:`mlcourse.sigmoid`).
    z : float or array_like, any shape
        Where to differentiate. Never modified.
    epsilon : float, default 1e-4
        The step ε > 0.

    Returns
    -------
    ndarray of float64, at least 1-D, same shape as ``z``
        ``(f(z + ε) − f(z − ε)) / (2ε)``.

    Raises
    ------
    TypeError
        If ``z`` does not hold real numbers or ``epsilon`` is not a number.
    ValueError
        If ``z`` holds NaN/inf or ``epsilon`` is not a finite number > 0.

    Notes
    -----
    The even terms of the Taylor series cancel, so the error is ε²/6 · f'''(z) + O(ε⁴) plus a
    round-off of about 1e-16 · |f| / ε. For the sigmoid, |g'''| ≤ 1/8, so ε = 1e-4 is accurate to
    about 2e-10. :func:`mlcourse.gradcheck.numerical_gradient` does the same for a function of a
    vector θ. Chapter 02 uses it as the oracle for every line of g'(z).
    """
    epsilon = check_positive_real(epsilon, "epsilon")
    z = np.atleast_1d(_as_numeric_array(z, "z")).astype(np.float64)
    _check_finite(z, "z")
    return (np.asarray(f(z + epsilon)) - np.asarray(f(z - epsilon))) / (2.0 * epsilon)


# --- Q4: g'(z) = g(z)(1 − g(z)), line by line -----------------------------------------------------

SIGMOID_DERIVATIVE_STEPS = (
    "power and chain rule",
    "signs",
    "split the fraction",
    "add and subtract 1",
    "split again",
    "recognise g",
)
"""The names of the lines of :func:`sigmoid_derivative_steps`, in order."""


def sigmoid_derivative_steps(z):
    """Every line of the derivation of g'(z), each evaluated at ``z``.

    Parameters
    ----------
    z : float or array_like, any shape
        Where to evaluate; |z| ≤ 700, since the lines are evaluated literally and e^(-z) overflows
        beyond that.

    Returns
    -------
    list of (str, ndarray of float64)
        One pair per line, named as in :data:`SIGMOID_DERIVATIVE_STEPS`; each array has ``z``'s
        shape (at least 1-D). With g(z) = (1 + e^(-z))^(-1):

        ====================  =================================================
        power and chain rule  −(1 + e^(-z))^(-2) · (−e^(-z))
        signs                 e^(-z) / (1 + e^(-z))²
        split the fraction    1/(1 + e^(-z)) · e^(-z)/(1 + e^(-z))
        add and subtract 1    1/(1 + e^(-z)) · ((1 + e^(-z)) − 1)/(1 + e^(-z))
        split again           1/(1 + e^(-z)) · (1 − 1/(1 + e^(-z)))
        recognise g           g(z)(1 − g(z))
        ====================  =================================================

    Raises
    ------
    TypeError
        If ``z`` does not hold real numbers.
    ValueError
        If ``z`` holds NaN/inf or a value with |z| > 700.

    Notes
    -----
    The first line is the power rule d/du u^(-1) = −u^(-2) applied to u = 1 + e^(-z), times
    du/dz = −e^(-z) (chain rule). The rest is algebra; the trick is writing e^(-z) as
    (1 + e^(-z)) − 1, which turns the second factor into 1 − g(z). Chapter 02 compares every line
    with a central difference of g.
    """
    z = _as_z(z)
    e = np.exp(-z)  # e^(-z), exactly as the derivation writes it (finite for |z| ≤ 700)
    u = 1.0 + e
    lines = [
        -(u ** -2.0) * (-e),
        e / u**2,
        (1.0 / u) * (e / u),
        (1.0 / u) * ((u - 1.0) / u),
        (1.0 / u) * (1.0 - 1.0 / u),
        sigmoid(z) * (1.0 - sigmoid(z)),
    ]
    return list(zip(SIGMOID_DERIVATIVE_STEPS, lines, strict=True))


# --- Q3: the gradient of J, line by line -----------------------------------------------------------

def _per_example_partials(values_of_z, theta, X, epsilon):
    """∂ f(z⁽ⁱ⁾)/∂θ_j for every example i and parameter j by central differences, shape (m, n+1).

    ``values_of_z`` maps z (m,) to f(z) (m,). θ_j is nudged by ±ε and z = Xθ recomputed from the
    nudged θ, so nothing here knows that ∂z/∂θ_j = x_j — that is a later line of the derivation.
    """
    partials = np.empty(X.shape)
    for j in range(theta.shape[0]):
        nudge = np.zeros_like(theta)
        nudge[j] = epsilon
        partials[:, j] = (values_of_z(X @ (theta + nudge)) - values_of_z(X @ (theta - nudge))) / (2 * epsilon)
    return partials


def _log_h(z):
    return -np.logaddexp(0.0, -z)  # log g(z) = −log(1 + e^(-z)), finite for every z


def _log_one_minus_h(z):
    return -np.logaddexp(0.0, z)  # log(1 − g(z)) = −log(1 + e^z)


def step_linearity(theta, X, y, epsilon=1e-4):
    """Line 1: the derivative of a sum is the sum of the derivatives.

    ∂J/∂θ_j = −(1/m) Σ_i [ y⁽ⁱ⁾ ∂/∂θ_j log h⁽ⁱ⁾ + (1 − y⁽ⁱ⁾) ∂/∂θ_j log(1 − h⁽ⁱ⁾) ]

    Parameters
    ----------
    theta : array_like, shape (n+1,)
    X : array_like, shape (m, n+1)
        With the intercept column.
    y : array_like, shape (m,)
        Labels 0 or 1.
    epsilon : float, default 1e-4
        Step of the central differences that evaluate the two pending derivatives per example.

    Returns
    -------
    ndarray of float64, shape (n+1,)
        The line's value for j = 0..n.

    Raises
    ------
    TypeError, ValueError
        For invalid ``theta``, ``X``, ``y`` (as :func:`mlcourse.logistic.cost`) or ``epsilon``.

    Notes
    -----
    The constant −1/m and the labels do not depend on θ, so they stay outside the derivative; what
    is left to differentiate is log h⁽ⁱ⁾ and log(1 − h⁽ⁱ⁾), done here numerically per example.
    """
    theta, X, y = _validate(theta, X, y)
    epsilon = check_positive_real(epsilon, "epsilon")
    d_log_h = _per_example_partials(_log_h, theta, X, epsilon)
    d_log_one_minus_h = _per_example_partials(_log_one_minus_h, theta, X, epsilon)
    m = X.shape[0]
    return -(y @ d_log_h + (1 - y) @ d_log_one_minus_h) / m


def step_chain_rule(theta, X, y, epsilon=1e-4):
    """Line 2: d log u = u'/u, so the logs become fractions.

    ∂J/∂θ_j = −(1/m) Σ_i [ y⁽ⁱ⁾ (∂h⁽ⁱ⁾/∂θ_j) / h⁽ⁱ⁾ − (1 − y⁽ⁱ⁾) (∂h⁽ⁱ⁾/∂θ_j) / (1 − h⁽ⁱ⁾) ]

    Parameters and Returns as :func:`step_linearity`; ∂h⁽ⁱ⁾/∂θ_j is the pending derivative,
    evaluated per example by central differences.

    Notes
    -----
    ∂/∂θ_j log(1 − h) = (∂(1 − h)/∂θ_j) / (1 − h) = −(∂h/∂θ_j) / (1 − h): the minus sign of the
    second term comes from the inner derivative of 1 − h.
    """
    theta, X, y = _validate(theta, X, y)
    epsilon = check_positive_real(epsilon, "epsilon")
    h = sigmoid(X @ theta)
    d_h = _per_example_partials(sigmoid, theta, X, epsilon)
    m = X.shape[0]
    return -((y / h) @ d_h - ((1 - y) / (1 - h)) @ d_h) / m


def step_sigma_prime(theta, X, y, epsilon=1e-4):
    """Line 3: h = g(z), so ∂h/∂θ_j = g'(z) ∂z/∂θ_j = g(z)(1 − g(z)) ∂z/∂θ_j.

    ∂J/∂θ_j = −(1/m) Σ_i [ y⁽ⁱ⁾ h⁽ⁱ⁾(1 − h⁽ⁱ⁾) (∂z⁽ⁱ⁾/∂θ_j) / h⁽ⁱ⁾
                           − (1 − y⁽ⁱ⁾) h⁽ⁱ⁾(1 − h⁽ⁱ⁾) (∂z⁽ⁱ⁾/∂θ_j) / (1 − h⁽ⁱ⁾) ]

    Parameters and Returns as :func:`step_linearity`; ∂z⁽ⁱ⁾/∂θ_j is the pending derivative,
    evaluated per example by central differences.

    Notes
    -----
    The chain rule once more, through the sigmoid, with g' = g(1 − g) from the first half of
    chapter 02.
    """
    theta, X, y = _validate(theta, X, y)
    epsilon = check_positive_real(epsilon, "epsilon")
    h = sigmoid(X @ theta)
    g_prime = h * (1 - h)
    d_z = _per_example_partials(lambda z: z, theta, X, epsilon)
    m = X.shape[0]
    return -((y * g_prime / h) @ d_z - ((1 - y) * g_prime / (1 - h)) @ d_z) / m


def step_substitution(theta, X, y):
    """Line 4: z⁽ⁱ⁾ = θ0 x0⁽ⁱ⁾ + … + θn xn⁽ⁱ⁾, so ∂z⁽ⁱ⁾/∂θ_j = x_j⁽ⁱ⁾.

    ∂J/∂θ_j = −(1/m) Σ_i [ y⁽ⁱ⁾ h⁽ⁱ⁾(1 − h⁽ⁱ⁾) x_j⁽ⁱ⁾ / h⁽ⁱ⁾ − (1 − y⁽ⁱ⁾) h⁽ⁱ⁾(1 − h⁽ⁱ⁾) x_j⁽ⁱ⁾ / (1 − h⁽ⁱ⁾) ]

    Parameters
    ----------
    theta : array_like, shape (n+1,)
    X : array_like, shape (m, n+1)
        With the intercept column.
    y : array_like, shape (m,)
        Labels 0 or 1.

    Returns
    -------
    ndarray of float64, shape (n+1,)

    Raises
    ------
    TypeError, ValueError
        For invalid ``theta``, ``X`` or ``y`` (as :func:`mlcourse.logistic.cost`).

    Notes
    -----
    From here on no derivative is left: every line is a closed formula. Each term still divides by
    h or 1 − h, which is why it is kept literal here (and fails where h rounds to 0 or 1).
    """
    theta, X, y = _validate(theta, X, y)
    h = sigmoid(X @ theta)
    g_prime = h * (1 - h)
    m = X.shape[0]
    return -((y * g_prime / h - (1 - y) * g_prime / (1 - h)) @ X) / m


def step_simplify(theta, X, y):
    """Line 5: h(1 − h)/h = 1 − h and h(1 − h)/(1 − h) = h.

    ∂J/∂θ_j = −(1/m) Σ_i [ y⁽ⁱ⁾(1 − h⁽ⁱ⁾) − (1 − y⁽ⁱ⁾) h⁽ⁱ⁾ ] x_j⁽ⁱ⁾

    Parameters, Returns and Raises as :func:`step_substitution`.

    Notes
    -----
    This is where g' = g(1 − g) pays off: its two factors are exactly the denominators the
    logarithms produced, and both divisions disappear.
    """
    theta, X, y = _validate(theta, X, y)
    h = sigmoid(X @ theta)
    m = X.shape[0]
    return -((y * (1 - h) - (1 - y) * h) @ X) / m


def step_distribute(theta, X, y):
    """Line 6: multiply out the brackets.

    ∂J/∂θ_j = −(1/m) Σ_i [ y⁽ⁱ⁾ − y⁽ⁱ⁾h⁽ⁱ⁾ − h⁽ⁱ⁾ + y⁽ⁱ⁾h⁽ⁱ⁾ ] x_j⁽ⁱ⁾

    Parameters, Returns and Raises as :func:`step_substitution`.
    """
    theta, X, y = _validate(theta, X, y)
    h = sigmoid(X @ theta)
    m = X.shape[0]
    return -((y - y * h - h + y * h) @ X) / m


def step_cancel(theta, X, y):
    """Line 7: −yh and +yh cancel, and the minus sign turns y − h into h − y.

    ∂J/∂θ_j = (1/m) Σ_i (h⁽ⁱ⁾ − y⁽ⁱ⁾) x_j⁽ⁱ⁾

    Parameters, Returns and Raises as :func:`step_substitution`.

    Notes
    -----
    The same form as linear regression's gradient, with h = g(θᵀx) instead of θᵀx. Written for all
    j at once it is (1/m) Xᵀ(h − y), :func:`mlcourse.logistic.gradient`.
    """
    theta, X, y = _validate(theta, X, y)
    h = sigmoid(X @ theta)
    m = X.shape[0]
    return ((h - y) @ X) / m


GRADIENT_STEPS = (
    ("linearity", step_linearity),
    ("chain rule", step_chain_rule),
    ("sigma prime", step_sigma_prime),
    ("substitution", step_substitution),
    ("simplify", step_simplify),
    ("distribute", step_distribute),
    ("cancel", step_cancel),
)
"""The lines of the gradient's derivation in order: (name, function) pairs."""


def gradient_steps(theta, X, y, epsilon=1e-4):
    """Every line of the derivation of ∂J/∂θ, each evaluated at ``theta`` on ``X``, ``y``.

    Parameters
    ----------
    theta : array_like, shape (n+1,)
    X : array_like, shape (m, n+1)
        With the intercept column.
    y : array_like, shape (m,)
        Labels 0 or 1.
    epsilon : float, default 1e-4
        Step of the per-example central differences in the first three lines.

    Returns
    -------
    list of (str, ndarray of float64 with shape (n+1,))
        (name, value of ∂J/∂θ_j for j = 0..n) for each line of :data:`GRADIENT_STEPS`, in order.

    Raises
    ------
    TypeError, ValueError
        For invalid input, as the ``step_…`` functions.

    Notes
    -----
    If the derivation is right, every vector equals the numerical gradient of J up to the error
    of the central differences (≈ ε²); a wrong line would differ from there on.
    """
    theta, X, y = _validate(theta, X, y)
    epsilon = check_positive_real(epsilon, "epsilon")
    steps = []
    for name, step in GRADIENT_STEPS:
        if step in (step_linearity, step_chain_rule, step_sigma_prime):
            steps.append((name, step(theta, X, y, epsilon)))
        else:
            steps.append((name, step(theta, X, y)))
    return steps


# --- Q5: the loop form ---------------------------------------------------------------------------

def gradient_loop(theta, X, y):
    """∂J/∂θ_j = (1/m) Σ_i (h⁽ⁱ⁾ − y⁽ⁱ⁾) x_j⁽ⁱ⁾ with explicit loops over j and i.

    Parameters
    ----------
    theta : array_like, shape (n+1,)
    X : array_like, shape (m, n+1)
        With the intercept column.
    y : array_like, shape (m,)
        Labels 0 or 1.

    Returns
    -------
    ndarray of float64, shape (n+1,)

    Raises
    ------
    TypeError, ValueError
        For invalid input (as :func:`mlcourse.logistic.cost`).

    Notes
    -----
    The formula exactly as the derivation ends, one number at a time, for comparison with the
    vector form (1/m) Xᵀ(g(Xθ) − y): entry j of Xᵀv is Σ_i X[i, j] v[i] = Σ_i x_j⁽ⁱ⁾ v⁽ⁱ⁾, the
    inner loop below. Slow in Python (m·(n+1) iterations); for teaching only.
    """
    theta, X, y = _validate(theta, X, y)
    m, num_params = X.shape
    grad = np.zeros(num_params)
    for j in range(num_params):
        total = 0.0
        for i in range(m):
            z_i = sum(theta[k] * X[i, k] for k in range(num_params))  # θᵀx⁽ⁱ⁾
            h_i = sigmoid(z_i)  # g(z) without overflow, for any finite z
            total += (h_i - y[i]) * X[i, j]
        grad[j] = total / m
    return grad
