"""Logistic regression: the hypothesis, its cost and gradient, polynomial features, prediction, fit.

The notation is the course's (chapter 00 has the full table):

=============  ==============  ===========================================================
symbol         code            shape
=============  ==============  ===========================================================
X              ``X``           (m, n+1) — one example per row, **with** the intercept column
                               of ones in column 0 (build it with :func:`add_intercept` or
                               :func:`map_feature`)
θ              ``theta``       (n+1,) — θ0, the bias, multiplies the column of ones
y              ``y``           (m,) labels 0 or 1
z              ``z``           (m,) = X θ, the raw scores
h = g(z)       ``h``           (m,) the estimated probabilities P(y = 1 | x; θ)
λ              ``lambda_``     scalar ≥ 0
=============  ==============  ===========================================================

Unlike :mod:`mlcourse.network`, whose ``X`` has no bias column, every function here expects ``X``
to hold the intercept column already, as in the course's logistic-regression exercise. Nothing
checks that column 0 is all ones: a learner may have scaled or replaced it on purpose, and then the
functions simply compute what the formulas say.
"""

import math

import numpy as np

from . import optimize
from ._validation import (
    as_float_matrix,
    as_float_vector,
    as_numeric_array,
    check_binary_labels,
    check_lambda,
    check_positive_int,
    check_positive_real,
    check_real_scalar,
    check_theta_for_X,
)
from .activations import sigmoid

__all__ = ["add_intercept", "cost", "cost_and_gradient", "fit", "gradient", "map_feature", "predict",
           "predict_proba"]


# --- building X ----------------------------------------------------------------------------------

def add_intercept(X):
    """Prepend the intercept column of ones: ``[1, X]``.

    Parameters
    ----------
    X : array_like, shape (m, n)
        Features, one example per row, without a bias column.

    Returns
    -------
    ndarray of float64, shape (m, n+1)
        A new array; column 0 is all ones, columns 1..n are ``X``.

    Raises
    ------
    TypeError
        If ``X`` does not hold real numbers.
    ValueError
        If ``X`` is not a non-empty 2-D array or holds NaN/inf.

    Notes
    -----
    With x0 = 1 for every example, h = g(θ0 + θ1 x1 + … + θn xn) is written as the single product
    g(X θ): the bias θ0 becomes one more weight. Chapter 01.
    """
    X = as_float_matrix(X, "X")
    return np.column_stack([np.ones(len(X)), X])


def _as_feature_vector(x, name):
    """A scalar becomes one example of shape (1,); a vector is checked; anything else is refused."""
    array = as_numeric_array(x, name)
    if array.ndim == 0:
        array = array.reshape(1)
    elif array.ndim > 1:
        raise ValueError(f"{name} must be a 1-D vector of shape (m,) or a scalar; got a {array.ndim}-D "
                         f"array of shape {array.shape}. For a grid from np.meshgrid pass {name}.ravel() "
                         f"and reshape the result afterwards")
    return as_float_vector(array, name)


def map_feature(x1, x2, degree=6):
    """Every monomial x1^i · x2^j with i + j ≤ ``degree``, as the columns of a design matrix.

    Parameters
    ----------
    x1, x2 : float or array_like, shape (m,)
        The two features of m examples. Scalars are accepted and treated as one example (m = 1).
        Both must have the same length; nothing is broadcast. A meshgrid must be raveled first.
    degree : int, default 6
        The largest total degree i + j, ≥ 1.

    Returns
    -------
    ndarray of float64, shape (m, (degree+1)(degree+2)/2)
        28 columns for degree 6, 3 for degree 1. Column 0 is the intercept column of ones, so the
        result is ready for :func:`cost` without :func:`add_intercept`. The columns are ordered by
        total degree d = 0, 1, …, degree and, within one degree, by falling power of x1::

            1, x1, x2, x1², x1·x2, x2², x1³, x1²·x2, x1·x2², x2³, …, x1^d·x2^0, …, x1^0·x2^d

        i.e. for d = 1..degree and i = d down to 0 the column x1^i · x2^(d-i), the order of the
        course's ``mapFeature``.

    Raises
    ------
    TypeError, ValueError
        For non-numeric, non-finite or 2-D ``x1``/``x2``, different lengths, ``degree`` < 1, a result
        over 1 GiB, or values whose powers overflow float64 (around |x|^degree > 1.8e308).

    Notes
    -----
    A straight decision boundary θᵀx = 0 cannot enclose a region; with every monomial up to degree 6
    it becomes a polynomial curve that can, and can also wiggle around single examples, which is
    what regularisation (chapter 04) holds back. The columns are computed as the course's
    ``mapFeature`` writes them, two powers per column (about 15 ms for chapter 04's 120 × 120 plotting
    grid, computed once per figure).
    """
    x1 = _as_feature_vector(x1, "x1")
    x2 = _as_feature_vector(x2, "x2")
    if x1.shape != x2.shape:
        raise ValueError(f"x1 and x2 must have the same length (one value of each per example); "
                         f"got shapes {x1.shape} and {x2.shape}")
    degree = _check_degree(degree, x1.shape[0])
    with np.errstate(over="ignore", under="ignore", invalid="ignore"):  # overflow is reported below
        X = np.column_stack([x1 ** (d - j) * x2 ** j for d in range(degree + 1) for j in range(d + 1)])
    if not np.isfinite(X).all():
        raise ValueError(f"x1 and x2 must be small enough for their powers up to {degree} to be finite; got "
                         f"largest |x1| = {np.abs(x1).max():.3g}, |x2| = {np.abs(x2).max():.3g}: scale them")
    return X


def _check_degree(degree, m):
    """``degree`` as an int, after checking that it is ≥ 1 and that m rows of its (degree+1)(degree+2)/2
    monomials fit in 1 GiB."""
    degree = check_positive_int(degree, "degree")
    num_terms = (degree + 1) * (degree + 2) // 2
    if num_terms * m * 8 > 2**30:  # degree 6 on a 200×200 plotting grid needs 9 MB
        tenths = (num_terms * m * 80 + 2**29) // 2**30  # GiB to one decimal in ints: a float could overflow
        raise ValueError(f"degree must keep the result under 1 GiB; got {degree}, which needs {num_terms:,} "
                         f"columns for {m} example(s): {tenths // 10:,}.{tenths % 10} GiB")
    return degree


# --- cost and gradient ---------------------------------------------------------------------------

def _validate(theta, X, y, lambda_):
    X = as_float_matrix(X, "X")
    theta = check_theta_for_X(theta, X)
    y = check_binary_labels(y, X.shape[0])
    return theta, X, y, check_lambda(lambda_)


def _scores(theta, X):
    """z = X θ for finite, validated ``theta`` and ``X``; raise if the product overflowed."""
    # a non-finite z is reported just below; products too small for float64 rightly round to 0
    with np.errstate(over="ignore", invalid="ignore", under="ignore"):
        z = X @ theta
    if not np.isfinite(z).all():
        raise ValueError(f"X @ theta overflowed: the entries of X or theta are too large (largest "
                         f"|X| = {np.abs(X).max():.3g}, largest |theta| = {np.abs(theta).max():.3g}); "
                         f"scale the features")
    return z


def _cost_from_scores(z, theta, y, lambda_):
    """J from z = X θ: the mean of log(1 + e^z) - y z, plus the penalty on θ1..θn."""
    m = z.shape[0]
    # logaddexp(0, z) = log(e^0 + e^z) = log(1 + e^z), evaluated as max(0, z) + log1p(e^-|z|):
    # the exponent is never positive, so nothing overflows for any finite z (e^-|z| may underflow to 0)
    # and so may the squares of weights below 1e-154, harmless; those above 1e154 make the penalty inf
    with np.errstate(under="ignore", over="ignore"):
        J = (np.logaddexp(0.0, z) - y * z).sum() / m
        if lambda_ != 0.0:
            # θ0 is not regularised: the bias only shifts the boundary
            J += lambda_ / (2 * m) * (theta[1:] @ theta[1:])
    return float(J)


def _gradient_from_scores(z, theta, X, y, lambda_):
    """(1/m) Xᵀ(g(z) - y) + (λ/m) θ, with no λ term for θ0."""
    m = z.shape[0]
    with np.errstate(under="ignore"):  # h - y is e^-|z|-small where the fit is confident: tiny and harmless
        grad = X.T @ (sigmoid(z) - y)
        grad /= m
        if lambda_ != 0.0:
            grad[1:] += (lambda_ / m) * theta[1:]
    return grad


def _cost_and_gradient(theta, X, y, lambda_):
    """J and its gradient on already validated input, sharing one z = X θ."""
    z = _scores(theta, X)
    return _cost_from_scores(z, theta, y, lambda_), _gradient_from_scores(z, theta, X, y, lambda_)


def cost(theta, X, y, lambda_=0.0):
    """The regularised cross-entropy cost J(θ) of logistic regression.

    Parameters
    ----------
    theta : array_like, shape (n+1,)
        Parameters; ``theta[0]`` is the bias θ0.
    X : array_like, shape (m, n+1)
        Examples as rows, **already holding** the intercept column (see :func:`add_intercept`).
    y : array_like, shape (m,)
        Labels, each 0 or 1. A column ``(m, 1)`` is refused: it would broadcast silently.
    lambda_ : float, default 0.0
        Regularisation strength λ ≥ 0.

    Returns
    -------
    float
        J ≥ 0. J(θ = 0) = ln 2 ≈ 0.693 for any data, since then h = 1/2 for every example.

    Raises
    ------
    TypeError
        If an array does not hold real numbers or ``lambda_`` is not a number.
    ValueError
        If ``X`` has no row or column, ``theta`` not one entry per column of ``X``, ``y`` is not of shape
        (m,) or holds a label other than 0 and 1, an input holds NaN/inf, λ < 0, or ``X @ theta`` overflows.

    Notes
    -----
    J(θ) = (1/m) Σ_i [-y log h - (1-y) log(1-h)] + λ/(2m) Σ_{j≥1} θj²,  with h = g(z), z = X θ.

    The cross-entropy is the negative log-likelihood of the labels when h is read as P(y = 1): it
    is convex in θ, unlike the squared error of g(z). Chapter 01 derives it; chapter 04 adds the
    penalty, which skips θ0 because the bias moves the boundary without making it more complex.

    The cost is computed from z, never from h. Using log g(z) = -log(1 + e^-z) and
    log(1 - g(z)) = -z - log(1 + e^-z), each example's loss simplifies to

        -y log h - (1-y) log(1-h) = log(1 + e^z) - y z = logaddexp(0, z) - y z,

    which is finite for every finite z. The textbook form fails once h rounds to exactly 1.0
    (z ≳ 37) or 0.0 (z ≲ -745): log(1 - h) becomes log(0) = -inf, and 0 · log(0) = NaN, with
    warnings — while the true loss for z = 1000, y = 0 is simply 1000.
    """
    theta, X, y, lambda_ = _validate(theta, X, y, lambda_)
    return _cost_from_scores(_scores(theta, X), theta, y, lambda_)


def gradient(theta, X, y, lambda_=0.0):
    """The gradient ∂J/∂θ of :func:`cost`.

    Parameters are those of :func:`cost`.

    Returns
    -------
    ndarray of float64, shape (n+1,)
        A new array; ``grad[j]`` = ∂J/∂θj.

    Raises
    ------
    TypeError, ValueError
        As :func:`cost`.

    Notes
    -----
    ∂J/∂θ = (1/m) Xᵀ (g(Xθ) - y) + (λ/m) θ, with the λ term taken as 0 for θ0.

    Per example, the chain rule multiplies the loss's ∂/∂h = (h - y) / (h(1 - h)) by
    g'(z) = h(1 - h): the two cancel, leaving (h - y) xj, the same form as linear regression's
    gradient. Chapter 02 derives it line by line; chapter 04 adds the (λ/m) θj of the penalty.
    """
    theta, X, y, lambda_ = _validate(theta, X, y, lambda_)
    return _gradient_from_scores(_scores(theta, X), theta, X, y, lambda_)


def cost_and_gradient(theta, X, y, lambda_=0.0):
    """``(J, grad)`` from one computation of z = X θ — what optimisers call.

    Parameters are those of :func:`cost`.

    Returns
    -------
    J : float
    grad : ndarray of float64, shape (n+1,)

    Raises
    ------
    TypeError, ValueError
        As :func:`cost`.

    Notes
    -----
    Equal to ``(cost(...), gradient(...))``; calling those two would validate the inputs and
    compute X θ twice. Chapters 01, 02 and 04 derive the two formulas.
    """
    theta, X, y, lambda_ = _validate(theta, X, y, lambda_)
    return _cost_and_gradient(theta, X, y, lambda_)


# --- prediction ----------------------------------------------------------------------------------

def predict_proba(theta, X):
    """The hypothesis h = g(X θ): each example's estimated probability that y = 1.

    Parameters
    ----------
    theta : array_like, shape (n+1,)
    X : array_like, shape (m, n+1)
        With the intercept column.

    Returns
    -------
    ndarray of float64, shape (m,)
        Values in [0, 1].

    Raises
    ------
    TypeError, ValueError
        For non-numeric input, shapes that do not match, NaN/inf, or ``X @ theta`` overflowing.

    Notes
    -----
    h_θ(x) = g(θᵀx) = 1 / (1 + e^(-θᵀx)), read as P(y = 1 | x; θ). Chapter 01.
    """
    X = as_float_matrix(X, "X")
    theta = check_theta_for_X(theta, X)
    return sigmoid(_scores(theta, X))


def predict(theta, X, threshold=0.5):
    """Predicted labels: 1 where h = g(X θ) ≥ ``threshold``, else 0.

    Parameters
    ----------
    theta : array_like, shape (n+1,)
    X : array_like, shape (m, n+1)
        With the intercept column.
    threshold : float, default 0.5
        In [0, 1]. A higher threshold predicts 1 only when the model is more confident.

    Returns
    -------
    ndarray of int, shape (m,)
        Each 0 or 1.

    Raises
    ------
    TypeError
        For non-numeric input or a ``threshold`` that is not a number.
    ValueError
        As :func:`predict_proba`, or for a ``threshold`` outside [0, 1].

    Notes
    -----
    With the default 0.5, h ≥ 0.5 exactly when z = θᵀx ≥ 0 (g is increasing and g(0) = 1/2), so the
    decision boundary is the set θᵀx = 0 — a line in the original features, a curve after
    :func:`map_feature`. Chapter 01.
    """
    threshold = check_real_scalar(threshold, "threshold")
    if not 0.0 <= threshold <= 1.0:
        raise ValueError(f"threshold must be in [0, 1] (compared with probabilities); got {threshold:g}")
    return (predict_proba(theta, X) >= threshold).astype(np.int64)


# --- training ------------------------------------------------------------------------------------

def fit(X, y, lambda_=0.0, *, method="lbfgs", alpha=1.0, num_iters=400, theta_initial=None):
    """Minimise :func:`cost` over θ.

    Parameters
    ----------
    X : array_like, shape (m, n+1)
        Examples as rows, **already holding** the intercept column. Gradient descent needs features
        of similar scale (chapter 03); L-BFGS copes with unscaled ones.
    y, lambda_
        Labels 0 or 1, shape (m,), and the regularisation strength λ ≥ 0, as in :func:`cost`.
    method : {"lbfgs", "gradient_descent"}, default "lbfgs"
        L-BFGS-B (the modern stand-in for the course's ``fminunc``) or batch gradient descent.
    alpha : float, default 1.0
        Learning rate α > 0; used by gradient descent only (still checked for either method).
    num_iters : int, default 400
        Iterations of gradient descent, or the iteration limit of L-BFGS-B.
    theta_initial : array_like, shape (n+1,), optional
        Starting point; default zeros, where J = ln 2. Never modified.

    Returns
    -------
    optimize.OptimizeResult or optimize.DescentResult
        ``theta`` (n+1,), ``cost_history``, ``status``, ``message``, ``iterations``; gradient
        descent that diverges says so in ``status`` rather than raising.

    Raises
    ------
    TypeError, ValueError
        For invalid data (as :func:`cost`), an unknown ``method``, ``alpha`` ≤ 0, ``num_iters`` < 1,
        or a ``theta_initial`` of the wrong shape.

    Notes
    -----
    J is convex in θ (strictly for λ > 0), so both methods head for the same minimum; without
    regularisation, separable data has none: J keeps falling as ‖θ‖ grows. Chapter 03.
    """
    if method not in ("lbfgs", "gradient_descent"):
        raise ValueError(f'method must be "lbfgs" or "gradient_descent"; got {method!r}')
    X = as_float_matrix(X, "X")
    y = check_binary_labels(y, X.shape[0])
    lambda_ = check_lambda(lambda_)
    alpha = check_positive_real(alpha, "alpha")
    num_iters = check_positive_int(num_iters, "num_iters")
    theta_initial = (np.zeros(X.shape[1]) if theta_initial is None
                     else check_theta_for_X(theta_initial, X, "theta_initial").copy())

    def objective(theta):  # X, y and λ were checked once above; the optimiser calls this often
        try:
            return _cost_and_gradient(theta, X, y, lambda_)
        except ValueError:  # X @ theta overflowed: only a wildly large step (gradient descent with an
            # absurd α) gets here. The optimisers report a non-finite cost through their status;
            # raising mid-run would lose the result.
            return math.inf, np.full_like(theta, np.nan)

    if method == "lbfgs":
        return optimize.minimize(objective, theta_initial, num_iters=num_iters)
    return optimize.gradient_descent(objective, theta_initial, alpha, num_iters)
