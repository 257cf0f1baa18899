"""A softmax output layer: K outputs that are the probabilities of K mutually exclusive classes.

:mod:`mlcourse.network` ends in K independent sigmoids, so its outputs need not add up to 1. Here the
hidden layer is the same (this module reuses the network's forward pass, penalty and backward pass),
and only the output changes:

=============  ==============  ===========================================================
symbol         code            shape
=============  ==============  ===========================================================
z(3)           ``z3`` or ``Z`` (m, K) — raw output scores, one row per example
a(3)           ``a3``          (m, K) = softmax(z3), each row sums to 1
y, Y           ``y``, ``Y``    (m,) integer labels 0..K-1; (m, K) their one-hot rows
=============  ==============  ===========================================================

    softmax(z)_k = e^{z_k} / Σ_p e^{z_p},   J = (1/m) Σ_i −log a(3)_{i, y_i} + λ/(2m) Σ Θ[:, 1:]²

The deep-learning course holds the same scores as Z^[2] = z3ᵀ, examples as columns (chapter 00's
table); :func:`cross_entropy_gradient` is its dZ^[2] / m, transposed.

Alongside it, :func:`sigmoid_cross_entropy` is the loss of K independent sigmoid outputs computed
from the scores, for binary (K = 1) and multi-label targets, so that chapter 10 can compare the three
output/loss pairs side by side.
"""

from dataclasses import dataclass

import numpy as np

from . import network
from ._validation import (
    as_float_matrix,
    as_numeric_array,
    check_class_labels,
    check_finite,
    check_network_data,
)

__all__ = ["SoftmaxFit", "categorical_cross_entropy", "cost", "cost_and_gradient", "cross_entropy_gradient",
           "fit", "forward", "gradient", "log_sum_exp", "predict", "predict_proba", "sigmoid_cross_entropy",
           "softmax"]


# --- the output layer on its own -----------------------------------------------------------------

def _shifted(Z):
    """Z minus its row maxima: every entry ≤ 0, the largest of each row exactly 0."""
    # for scores near ±1.8e308 the difference can overflow to −inf, whose e^−inf = 0 is the right
    # (negligible) term, so that overflow is not worth a warning
    with np.errstate(over="ignore"):
        return Z - Z.max(axis=1, keepdims=True)


def _softmax(Z):
    with np.errstate(under="ignore"):  # e^(z - max z) is 0 for scores far below the largest: the right limit
        A = np.exp(_shifted(Z))
        A /= A.sum(axis=1, keepdims=True)
    return A


def _log_sum_exp(Z):
    with np.errstate(under="ignore"):  # as in _softmax
        return Z.max(axis=1) + np.log(np.exp(_shifted(Z)).sum(axis=1))


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
    TypeError, ValueError
        If ``Z`` does not hold real numbers, is not a non-empty 2-D array, or holds NaN/inf.

    Notes
    -----
    softmax(z)_k = e^{z_k − c} / Σ_p e^{z_p − c} for any constant c: the factor e^{−c} cancels.
    With c = max_p z_p every exponent is ≤ 0, so no e^z overflows (e^1000 is inf in float64, and
    inf/inf is NaN), and the largest term is e^0 = 1, so the sum never underflows to 0. Chapter 10.
    """
    return _softmax(as_float_matrix(Z, "Z", shape="(m, K)"))


def log_sum_exp(Z):
    """log Σ_p e^{z_p} for each row of ``Z`` (m, K), without overflow; shape (m,).

    log Σ_p e^{z_p} = c + log Σ_p e^{z_p − c} with c = max_p z_p: the sum lies in [1, K], so its
    logarithm is finite and accurate. It is the log of softmax's denominator, so
    log softmax(z)_k = z_k − log_sum_exp(z). Chapter 10.
    """
    return _log_sum_exp(as_float_matrix(Z, "Z", shape="(m, K)"))


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
    −Σ_k y_k log a_k with a one-hot y keeps one term: −log a_y = log_sum_exp(z) − z_y. Computed that
    way, from z, it never takes log(0): for z = (1000, −1000) and y = 1 the loss is simply 2000,
    while log(softmax(z)_1) would be log(0) = −inf. Chapter 10.
    """
    Z = as_float_matrix(Z, "Z", shape="(m, K)")
    labels = check_class_labels(y, *Z.shape, rows_of="Z", K_is="the columns of Z")
    return _mean_cross_entropy(Z, np.eye(Z.shape[1])[labels])


def cross_entropy_gradient(Z, y):
    """∂J/∂Z of :func:`categorical_cross_entropy`: (softmax(Z) − Y) / m, shape (m, K).

    With a = softmax(z), ∂a_j/∂z_p = a_j(δ_jp − a_p), so for one example
    ∂L/∂z_p = −Σ_j (y_j / a_j) a_j (δ_jp − a_p) = −y_p + a_p Σ_j y_j = a_p − y_p, because the
    one-hot y sums to 1. The result times m is the network's δ(3). Chapter 10.
    """
    Z = as_float_matrix(Z, "Z", shape="(m, K)")
    labels = check_class_labels(y, *Z.shape, rows_of="Z", K_is="the columns of Z")
    Y = np.eye(Z.shape[1])[labels]
    with np.errstate(under="ignore"):  # as in _softmax
        return (_softmax(Z) - Y) / len(Z)


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
    ``logaddexp(0, z)`` so no finite z overflows. Its gradient is (g(Z) − Y) / m. Chapter 10.
    """
    Z = as_float_matrix(Z, "Z", shape="(m, K)")
    Y = as_numeric_array(Y, "Y")
    if Y.shape != Z.shape:
        raise ValueError(f"Y must have the shape of Z, {Z.shape} (one row of 0/1 targets per example); "
                         f"got {Y.shape}")
    Y = Y.astype(np.float64)
    check_finite(Y, "Y")
    if not np.all((Y == 0) | (Y == 1)):
        raise ValueError(f"Y must hold only the targets 0 and 1; got {Y[(Y != 0) & (Y != 1)][0]:g}")
    # e^-|z| inside logaddexp is 0 for |z| ≳ 745: the right limit; a loss beyond 1.8e308 is an honest inf
    with np.errstate(under="ignore", over="ignore"):
        return float((np.logaddexp(0.0, Z) - Y * Z).sum() / Z.shape[0])


# --- the network with a softmax output -----------------------------------------------------------

def _mean_cross_entropy(Z, Y):
    """(1/m) Σ_i [log Σ_k e^{z_ik} − z_{i, y_i}], for one-hot rows Y: Σ_k Y_ik z_ik is z_{i, y_i}."""
    with np.errstate(over="ignore"):  # a loss beyond 1.8e308 (scores near ±1e308) is an honest inf
        return float(np.sum(_log_sum_exp(Z) - np.sum(Y * Z, axis=1)) / len(Z))


def _cost_and_gradient(Theta1, Theta2, X, labels, lambda_):
    """J and (Theta1_grad, Theta2_grad) on checked input: the sigmoid network's, but for two lines."""
    m = len(X)
    z2, a2, z3 = network.forward_scores(Theta1, Theta2, X)
    Y = np.eye(len(Theta2))[labels]
    J = _mean_cross_entropy(z3, Y) + network.penalty(Theta1, Theta2, lambda_, m)
    # δ(3) = a3 − Y, exactly as for sigmoid outputs with cross-entropy (chapter 10 derives why)
    delta3 = _softmax(z3) - Y
    return float(J), network.backward(Theta1, Theta2, X, z2, a2, delta3, lambda_)


def forward(Theta1, Theta2, X):
    """Forward propagation with a softmax output layer.

    Parameters and results are those of :func:`mlcourse.network.forward`, shapes included, with
    a3 = softmax(z3) instead of g(z3): each row of a3 sums to 1. Only that last step differs from
    the sigmoid network. Chapter 10.
    """
    steps = network.forward(Theta1, Theta2, X)  # a1 to z3 as in the sigmoid network; a3 is replaced
    return steps._replace(a3=_softmax(steps.z3))


def predict_proba(Theta1, Theta2, X):
    """The outputs a3 = softmax(z3), shape (m, K): the estimated probability of each class."""
    return forward(Theta1, Theta2, X).a3


def predict(Theta1, Theta2, X):
    """The predicted class of each example, the index of its largest output; shape (m,), int.

    softmax keeps the order of the scores in a row (e^z is increasing and the denominator is shared),
    so the largest a3 is the largest z3, and :func:`mlcourse.network.predict` gives it unchanged.
    """
    return network.predict(Theta1, Theta2, X)


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
        As :func:`mlcourse.network.cost`, with the same messages.

    Notes
    -----
    J = (1/m) Σ_i [log Σ_k e^{z3_ik} − z3_{i, y_i}] + :func:`mlcourse.network.penalty`. Only the true
    class's output enters the loss; the others are pushed down through the shared denominator.
    Computed from z3 with log-sum-exp, never as log(a3). Chapter 10.
    """
    Theta1, Theta2, X, labels, lambda_ = check_network_data(Theta1, Theta2, X, y, lambda_)
    z3 = network.forward_scores(Theta1, Theta2, X)[2]
    Y = np.eye(len(Theta2))[labels]
    return _mean_cross_entropy(z3, Y) + network.penalty(Theta1, Theta2, lambda_, len(X))


def gradient(Theta1, Theta2, X, y, lambda_=0.0):
    """∂J/∂Θ(1) and ∂J/∂Θ(2) of :func:`cost` by backpropagation; shapes those of the Thetas.

    δ(3) = a3 − Y, the same formula as the sigmoid network's: softmax with categorical
    cross-entropy is a matching pair, so the Jacobian of the softmax cancels the loss's 1/a. From
    δ(3) on it is :func:`mlcourse.network.backward`, unchanged. Chapter 10.
    """
    return cost_and_gradient(Theta1, Theta2, X, y, lambda_)[1]


def cost_and_gradient(Theta1, Theta2, X, y, lambda_=0.0):
    """``J`` and ``(Theta1_grad, Theta2_grad)`` from one forward and one backward pass."""
    return _cost_and_gradient(*check_network_data(Theta1, Theta2, X, y, lambda_, finite_X=False))


# --- training ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class SoftmaxFit(network.NetworkFit):
    """A trained softmax network: its weights and the optimiser's record (as ``NetworkFit``)."""


def fit(X, y, hidden_size=25, lambda_=1.0, *, num_labels=None, num_iters=400, seed=0):
    """Train the softmax network on ``(X, y)`` with L-BFGS-B.

    Parameters are those of :func:`mlcourse.network.fit`: ``X`` (m, n), labels ``y`` (m,),
    ``hidden_size`` s2, ``lambda_`` λ, ``num_labels`` K (default: largest label + 1), ``num_iters``
    the iteration limit, and ``seed``, which draws the same initial weights as the sigmoid network's.

    Returns
    -------
    SoftmaxFit
        ``Theta1``, ``Theta2`` and ``result`` (cost history, status, message); its ``predict`` and
        ``accuracy`` are the sigmoid network's, since both predict the largest z3.

    Notes
    -----
    The cost is not convex in Θ, so the result depends on the starting weights. Chapter 10.
    """
    Theta1, Theta2, result = network.train(_cost_and_gradient, X, y, hidden_size, lambda_,
                                           num_labels=num_labels, num_iters=num_iters, seed=seed)
    return SoftmaxFit(Theta1=Theta1, Theta2=Theta2, result=result)
