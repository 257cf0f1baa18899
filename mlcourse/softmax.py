"""A softmax output layer: K outputs that are the probabilities of K mutually exclusive classes.

:mod:`mlcourse.network` ends in K independent sigmoids, so its outputs need not add up to 1. Here the
hidden layer is the same, and only the output changes:

=============  ==============  ===========================================================
symbol         code            shape
=============  ==============  ===========================================================
X              ``X``           (m, n) — one example per row, no bias column
Θ(1), Θ(2)     ``Theta1``,     (s2, n+1), (K, s2+1) — bias in column 0, as in the network
               ``Theta2``
z(3)           ``z3`` or ``Z`` (m, K) — raw output scores, one row per example
a(3)           ``a3``          (m, K) = softmax(z3), each row sums to 1
y              ``y``           (m,) integer labels 0..K-1 (one-hot ``Y`` (m, K) inside)
=============  ==============  ===========================================================

    softmax(z)_k = e^{z_k} / Σ_p e^{z_p},   J = (1/m) Σ_i −log a(3)_{i, y_i} + λ/(2m) Σ Θ²

The deep-learning course holds the same scores as Z^[2] = z3ᵀ, examples as columns (chapter 00's
table); :func:`cross_entropy_gradient` is its dZ^[2] / m, transposed.

Alongside it, :func:`sigmoid_cross_entropy` is the loss of K independent sigmoid outputs computed
from the scores, for binary (K = 1) and multi-label targets, so that chapter 09 can compare the three
output/loss pairs side by side.
"""

from dataclasses import dataclass

import numpy as np

from . import network
from ._validation import (
    _as_numeric_array,
    _check_finite,
    as_float_matrix,
    check_class_labels,
    check_lambda,
    check_network_thetas,
    check_positive_int,
)
from .activations import sigmoid
from .network import Forward

__all__ = [
    "SoftmaxFit",
    "categorical_cross_entropy",
    "cost",
    "cost_and_gradient",
    "cross_entropy_gradient",
    "fit",
    "forward",
    "gradient",
    "log_sum_exp",
    "predict",
    "predict_proba",
    "sigmoid_cross_entropy",
    "softmax",
]


# --- the output layer on its own -----------------------------------------------------------------

def _scores(Z):
    """Z as a finite float64 matrix (m, K), one row of raw scores per example."""
    return as_float_matrix(Z, "Z")


def softmax(Z):
    """Row-wise softmax: each row of raw scores becomes a probability distribution over K classes.

    Parameters
    ----------
    Z : array_like, shape (m, K)
        Raw scores z3, one row per example.

    Returns
    -------
    ndarray of float64, shape (m, K)
        Entries in [0, 1]; every row sums to 1 (up to round-off).

    Raises
    ------
    TypeError
        If ``Z`` does not hold real numbers.
    ValueError
        If ``Z`` is not a non-empty 2-D array or holds NaN/inf.

    Notes
    -----
    softmax(z)_k = e^{z_k} / Σ_p e^{z_p} = e^{z_k − c} / Σ_p e^{z_p − c} for any constant c: the
    factor e^{−c} cancels. With c = max_p z_p every exponent is ≤ 0, so no e^z overflows (e^1000 is
    inf in float64, and inf/inf is NaN), and the largest term is e^0 = 1, so the sum is ≥ 1 and
    never underflows to 0. Chapter 09.
    """
    Z = _scores(Z)
    A = np.exp(_shifted(Z))
    A /= A.sum(axis=1, keepdims=True)
    return A


def log_sum_exp(Z):
    """log Σ_p e^{z_p} for each row of ``Z``, without overflow.

    Parameters
    ----------
    Z : array_like, shape (m, K)

    Returns
    -------
    ndarray of float64, shape (m,)

    Notes
    -----
    log Σ_p e^{z_p} = c + log Σ_p e^{z_p − c} with c = max_p z_p: the sum lies in [1, K], so its
    logarithm is finite and accurate. It is the log of softmax's denominator, so
    log softmax(z)_k = z_k − log_sum_exp(z). Chapter 09.
    """
    Z = _scores(Z)
    return _log_sum_exp(Z)


def _shifted(Z):
    """Z minus its row maxima: every entry ≤ 0, the largest of each row exactly 0."""
    # for scores near ±1.8e308 the difference can overflow to −inf, whose e^−inf = 0 is the right
    # (negligible) term, so that overflow is not worth a warning
    with np.errstate(over="ignore"):
        return Z - Z.max(axis=1, keepdims=True)


def _log_sum_exp(Z):
    return Z.max(axis=1) + np.log(np.exp(_shifted(Z)).sum(axis=1))


def _labels(y, Z):
    return check_class_labels(y, Z.shape[0], Z.shape[1])


def categorical_cross_entropy(Z, y):
    """J = (1/m) Σ_i −log softmax(z_i)_{y_i}, computed from the scores.

    Parameters
    ----------
    Z : array_like, shape (m, K)
        Raw scores, one row per example.
    y : array_like of int, shape (m,)
        Class labels 0..K-1.

    Returns
    -------
    float
        J ≥ 0. When every score in a row is equal the softmax is uniform and J = ln K.

    Raises
    ------
    TypeError, ValueError
        For non-numeric or non-finite ``Z``, ``y`` not of shape (m,), or labels outside 0..K-1.

    Notes
    -----
    −Σ_k y_k log a_k with a one-hot y keeps one term: −log a_{y} = log_sum_exp(z) − z_{y}. Computing it
    that way, from z, never takes log(0): for z = (1000, −1000) and y = 1 the loss is simply 2000,
    while log(softmax(z)_1) would be log(0) = −inf. Chapter 09.
    """
    Z = _scores(Z)
    labels = _labels(y, Z)
    m = Z.shape[0]
    return float((_log_sum_exp(Z) - Z[np.arange(m), labels]).sum() / m)


def cross_entropy_gradient(Z, y):
    """∂J/∂Z of :func:`categorical_cross_entropy`: (softmax(Z) − Y) / m.

    Parameters are those of :func:`categorical_cross_entropy`.

    Returns
    -------
    ndarray of float64, shape (m, K)

    Notes
    -----
    With a = softmax(z), ∂a_j/∂z_p = a_j(δ_jp − a_p), so for one example
    ∂L/∂z_p = −Σ_j (y_j / a_j) a_j (δ_jp − a_p) = −y_p + a_p Σ_j y_j = a_p − y_p, because the
    one-hot y sums to 1. The (m, K) result times m is the network's δ(3). Chapter 09.
    """
    Z = _scores(Z)
    labels = _labels(y, Z)
    m = Z.shape[0]
    grad = softmax(Z)
    grad[np.arange(m), labels] -= 1.0
    grad /= m
    return grad


def _targets(Y, Z):
    """Y as a float64 matrix of Z's shape holding only 0s and 1s."""
    array = _as_numeric_array(Y, "Y")
    if array.shape != Z.shape:
        raise ValueError(f"Y must have the shape of Z, {Z.shape} (one row of 0/1 targets per example); "
                         f"got {array.shape}")
    array = array.astype(np.float64)
    _check_finite(array, "Y")
    if not np.all((array == 0) | (array == 1)):
        raise ValueError("Y must hold only the targets 0 and 1; got "
                         f"{array[(array != 0) & (array != 1)][0]:g}")
    return array


def sigmoid_cross_entropy(Z, Y):
    """J = (1/m) Σ_i Σ_k [−Y log g(Z) − (1 − Y) log(1 − g(Z))] for K independent sigmoid outputs.

    Parameters
    ----------
    Z : array_like, shape (m, K)
        Raw scores; K = 1 is binary logistic regression.
    Y : array_like, shape (m, K)
        Targets 0 or 1. Any number of 1s per row: several labels may apply at once (multi-label).

    Returns
    -------
    float

    Raises
    ------
    TypeError, ValueError
        For non-numeric or non-finite input, ``Y`` not of ``Z``'s shape, or a target other than 0, 1.

    Notes
    -----
    Per entry the loss is log(1 + e^z) − y z (see :func:`mlcourse.logistic.cost`), evaluated with
    ``logaddexp(0, z)`` so no finite z overflows. Its gradient is (g(Z) − Y) / m. Chapter 09.
    """
    Z = _scores(Z)
    Y = _targets(Y, Z)
    return float((np.logaddexp(0.0, Z) - Y * Z).sum() / Z.shape[0])


# --- the network with a softmax output -----------------------------------------------------------

def _validate(Theta1, Theta2, X):
    X = as_float_matrix(X, "X")
    Theta1, Theta2 = check_network_thetas(Theta1, Theta2, X.shape[1])
    return Theta1, Theta2, X


def _validate_all(Theta1, Theta2, X, y, lambda_):
    Theta1, Theta2, X = _validate(Theta1, Theta2, X)
    labels = check_class_labels(y, X.shape[0], Theta2.shape[0])
    return Theta1, Theta2, X, labels, check_lambda(lambda_)


def _hidden(Theta1, Theta2, X):
    """(g(z2), z2, z3): the hidden activations without their bias column, and both raw scores."""
    with np.errstate(over="ignore", invalid="ignore"):  # a non-finite score is reported below
        z2 = X @ Theta1[:, 1:].T + Theta1[:, 0]
        hidden = sigmoid(z2) if np.isfinite(z2).all() else None
        z3 = None if hidden is None else hidden @ Theta2[:, 1:].T + Theta2[:, 0]
    if hidden is None or not np.isfinite(z3).all():
        raise ValueError("the raw scores overflowed: the entries of X, Theta1 or Theta2 are too large; "
                         "scale the features or start from smaller weights")
    return hidden, z2, z3


def _cost_and_gradient(Theta1, Theta2, X, labels, lambda_):
    """J and (Theta1_grad, Theta2_grad) on validated input: one forward and one backward pass."""
    m = X.shape[0]
    rows = np.arange(m)
    hidden, _, z3 = _hidden(Theta1, Theta2, X)
    # the same L2 penalty as the sigmoid network: the hidden layer and its weights are unchanged
    J = (_log_sum_exp(z3) - z3[rows, labels]).sum() / m + network._penalty(Theta1, Theta2, lambda_, m)

    # δ(3) = a3 − Y, exactly as for sigmoid outputs with cross-entropy (chapter 09 derives why)
    delta3 = np.exp(_shifted(z3))
    delta3 /= delta3.sum(axis=1, keepdims=True)
    delta3[rows, labels] -= 1.0
    # the hidden layer is unchanged, so is δ(2): the bias column of Θ(2) is dropped, as in the network
    delta2 = (delta3 @ Theta2[:, 1:]) * hidden * (1.0 - hidden)

    Theta1_grad = np.empty_like(Theta1)
    Theta1_grad[:, 0] = delta2.sum(axis=0)
    Theta1_grad[:, 1:] = delta2.T @ X
    Theta2_grad = np.empty_like(Theta2)
    Theta2_grad[:, 0] = delta3.sum(axis=0)
    Theta2_grad[:, 1:] = delta3.T @ hidden
    Theta1_grad /= m
    Theta2_grad /= m
    # the bias columns are not regularised: a bias shifts a unit's threshold without bending anything
    Theta1_grad[:, 1:] += (lambda_ / m) * Theta1[:, 1:]
    Theta2_grad[:, 1:] += (lambda_ / m) * Theta2[:, 1:]
    return float(J), (Theta1_grad, Theta2_grad)


def forward(Theta1, Theta2, X):
    """Forward propagation with a softmax output layer.

    Parameters
    ----------
    Theta1 : array_like, shape (s2, n+1)
    Theta2 : array_like, shape (K, s2+1)
    X : array_like, shape (m, n)
        Inputs without a bias column.

    Returns
    -------
    mlcourse.network.Forward
        ``(a1, z2, a2, z3, a3)`` with shapes (m, n+1), (m, s2), (m, s2+1), (m, K), (m, K); here
        a3 = softmax(z3), so each row of a3 sums to 1.

    Raises
    ------
    TypeError, ValueError
        As :func:`mlcourse.network.forward`.

    Notes
    -----
    a1 = [1, X];  z2 = a1 Θ(1)ᵀ;  a2 = [1, g(z2)];  z3 = a2 Θ(2)ᵀ;  a3 = softmax(z3). Only the last
    step differs from the sigmoid network. Chapter 09.
    """
    Theta1, Theta2, X = _validate(Theta1, Theta2, X)
    hidden, z2, z3 = _hidden(Theta1, Theta2, X)
    ones = np.ones((X.shape[0], 1))
    return Forward(a1=np.hstack([ones, X]), z2=z2, a2=np.hstack([ones, hidden]), z3=z3,
                   a3=softmax(z3))


def predict_proba(Theta1, Theta2, X):
    """The outputs a3 = softmax(z3), shape (m, K): the estimated probability of each class."""
    return forward(Theta1, Theta2, X).a3


def predict(Theta1, Theta2, X):
    """The predicted class of each example, the index of its largest output; shape (m,), int.

    softmax keeps the order of the scores in a row (e^z is increasing and the denominator is shared),
    so the largest a3 is the largest z3 and the softmax itself is not needed.
    """
    Theta1, Theta2, X = _validate(Theta1, Theta2, X)
    return np.argmax(_hidden(Theta1, Theta2, X)[2], axis=1)


def cost(Theta1, Theta2, X, y, lambda_=0.0):
    """The regularised categorical cross-entropy J(Θ) of the softmax network.

    Parameters
    ----------
    Theta1 : array_like, shape (s2, n+1)
    Theta2 : array_like, shape (K, s2+1)
    X : array_like, shape (m, n)
        Inputs without a bias column.
    y : array_like of int, shape (m,)
        Class labels 0..K-1, K being the number of rows of ``Theta2``.
    lambda_ : float, default 0.0
        Regularisation strength λ ≥ 0.

    Returns
    -------
    float

    Raises
    ------
    TypeError, ValueError
        For shapes that do not fit, labels outside 0..K-1, ``(m, 1)`` labels, NaN/inf, λ < 0 — the
        messages of :mod:`mlcourse._validation`, as for :func:`mlcourse.network.cost`.

    Notes
    -----
    J = (1/m) Σ_i [log Σ_k e^{z3_ik} − z3_{i, y_i}] + λ/(2m) (Σ Θ(1)² + Σ Θ(2)²), the sums of squares
    skipping column 0. Only the true class's output enters the loss; the others are pushed down
    through the shared denominator. Computed from z3 with log-sum-exp, never as log(a3). Chapter 09.
    """
    Theta1, Theta2, X, labels, lambda_ = _validate_all(Theta1, Theta2, X, y, lambda_)
    return _cost_and_gradient(Theta1, Theta2, X, labels, lambda_)[0]


def gradient(Theta1, Theta2, X, y, lambda_=0.0):
    """∂J/∂Θ(1) and ∂J/∂Θ(2) of :func:`cost` by backpropagation.

    Parameters are those of :func:`cost`.

    Returns
    -------
    Theta1_grad : ndarray, shape (s2, n+1)
    Theta2_grad : ndarray, shape (K, s2+1)

    Notes
    -----
    δ(3) = a3 − Y, the same formula as the sigmoid network's: softmax with categorical
    cross-entropy is a matching pair, so the Jacobian of the softmax cancels the loss's 1/a.
    Everything after δ(3) is the network's backpropagation unchanged. Chapter 09.
    """
    return cost_and_gradient(Theta1, Theta2, X, y, lambda_)[1]


def cost_and_gradient(Theta1, Theta2, X, y, lambda_=0.0):
    """``J`` and ``(Theta1_grad, Theta2_grad)`` from one forward and one backward pass.

    Parameters are those of :func:`cost`.

    Returns
    -------
    J : float
    gradients : tuple of ndarray, shapes (s2, n+1) and (K, s2+1)
    """
    Theta1, Theta2, X, labels, lambda_ = _validate_all(Theta1, Theta2, X, y, lambda_)
    return _cost_and_gradient(Theta1, Theta2, X, labels, lambda_)


# --- training ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class SoftmaxFit(network.NetworkFit):
    """A trained softmax network: its weights and the optimiser's record (``accuracy`` inherited)."""

    def predict(self, X):
        """Predicted classes for ``X`` (m, n), shape (m,)."""
        return predict(self.Theta1, self.Theta2, X)


def fit(X, y, hidden_size=25, lambda_=1.0, *, num_labels=None, num_iters=400, seed=0):
    """Train the softmax network on ``(X, y)`` with L-BFGS-B.

    Parameters
    ----------
    X : array_like, shape (m, n)
        Inputs without a bias column; features scaled to about [0, 1] train best.
    y : array_like of int, shape (m,)
        Labels 0..K-1.
    hidden_size : int, default 25
        s2, the number of hidden units.
    lambda_ : float, default 1.0
        Regularisation strength λ ≥ 0.
    num_labels : int, optional
        K. Default: the largest label + 1.
    num_iters : int, default 400
        The iteration limit of L-BFGS-B.
    seed : int, default 0
        Seed of the random initial weights — the same draw as :func:`mlcourse.network.fit` with
        that seed, so the two networks start from identical weights.

    Returns
    -------
    SoftmaxFit
        ``Theta1``, ``Theta2`` and ``result`` (cost history, status, message).

    Raises
    ------
    TypeError, ValueError
        For invalid data, labels, λ, ``hidden_size`` or ``num_iters``.

    Notes
    -----
    Uses :func:`mlcourse.optimize.minimize` (BLAS pinned to one thread). The cost is not convex in Θ,
    so the result depends on the starting weights, as for the sigmoid network. Chapter 09.
    """
    num_iters = check_positive_int(num_iters, "num_iters")
    Theta1, Theta2, result = network.train(_cost_and_gradient, X, y, hidden_size, lambda_,
                                           num_labels=num_labels, num_iters=num_iters, seed=seed)
    return SoftmaxFit(Theta1=Theta1, Theta2=Theta2, result=result)
