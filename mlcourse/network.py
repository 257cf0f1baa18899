"""A three-layer network: n inputs → s2 sigmoid hidden units → K sigmoid outputs.

The notation is the course's (chapter 00 has the full table):

=============  ==============  ===========================================================
symbol         code            shape
=============  ==============  ===========================================================
X              ``X``           (m, n) — one example per row, **no** bias column
Θ(1)           ``Theta1``      (s2, n+1) — column 0 multiplies the bias unit a0(1) = 1
Θ(2)           ``Theta2``      (K, s2+1) — column 0 multiplies the bias unit a0(2) = 1
a(1)           ``a1``          (m, n+1) = [1, X]
z(2), a(2)     ``z2``, ``a2``  (m, s2), (m, s2+1) = [1, g(z2)]
z(3), a(3)=h   ``z3``, ``a3``  (m, K)
y              ``y``           (m,) integer labels 0..K-1 (one-hot ``Y`` (m, K) inside)
δ(3), δ(2)     ``delta3``, ``delta2``   (m, K), (m, s2)
=============  ==============  ===========================================================

Layers are computed as ``z = a @ Theta.T``: the course writes z = Θ a for one example held as a
column; stacking the m examples as rows turns that into a Θᵀ on the right.

Labels are 0-based (Python's convention): the Octave course's labels 1..10, with 10 standing for
the digit 0, become 0..9 here, and output unit k predicts class k.
"""

import threading
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

from . import optimize
from ._validation import (
    as_float_matrix,
    as_float_vector,
    check_class_labels,
    check_finite_matrix,
    check_lambda,
    check_network_thetas,
    check_positive_int,
)
from .activations import sigmoid, sigmoid_gradient, sigmoid_into

__all__ = [
    "Forward",
    "NetworkFit",
    "cost",
    "cost_and_gradient",
    "debug_initialize",
    "fit",
    "forward",
    "gradient",
    "gradient_loop",
    "initialize_weights",
    "nn_cost_function",
    "one_hot",
    "pack",
    "predict",
    "predict_proba",
    "random_initialize",
    "train",
    "unpack",
]


# --- initialisation ------------------------------------------------------------------------------

def random_initialize(L_in, L_out, seed, epsilon_init=None):
    """Weights of one layer drawn uniformly from [-ε_init, ε_init], reproducibly.

    Parameters
    ----------
    L_in : int
        Number of units feeding the layer (bias not counted).
    L_out : int
        Number of units in the layer.
    seed : int or numpy.random.Generator
        The same seed gives the same weights, on any machine.
    epsilon_init : float, optional
        Half-width of the interval. Default √6 / √(L_in + L_out).

    Returns
    -------
    ndarray, shape (L_out, L_in + 1)
        Column 0 holds the bias weights.

    Notes
    -----
    Random weights break the symmetry: if every weight started equal, every hidden unit would
    compute the same function and receive the same gradient, so they would stay identical forever.
    ε_init = √6/√(L_in+L_out) keeps z = a Θᵀ small enough at the start that the sigmoid is not
    saturated (where g' ≈ 0 and learning stalls). Chapter 05.
    """
    L_in = check_positive_int(L_in, "L_in")
    L_out = check_positive_int(L_out, "L_out")
    if epsilon_init is None:
        epsilon_init = np.sqrt(6.0) / np.sqrt(L_in + L_out)
    elif not (isinstance(epsilon_init, int | float) and np.isfinite(epsilon_init) and epsilon_init > 0):
        raise ValueError(f"epsilon_init must be a finite number > 0; got {epsilon_init!r}")
    rng = np.random.default_rng(seed)
    return rng.uniform(-epsilon_init, epsilon_init, size=(L_out, L_in + 1))


def initialize_weights(input_size, hidden_size, num_labels, seed=0):
    """``(Theta1, Theta2)`` for an ``input_size → hidden_size → num_labels`` network.

    Both layers are drawn from one generator seeded with ``seed``, Theta1 first, so a seed fixes
    the whole network.

    Returns
    -------
    Theta1 : ndarray, shape (hidden_size, input_size + 1)
    Theta2 : ndarray, shape (num_labels, hidden_size + 1)
    """
    rng = np.random.default_rng(seed)
    Theta1 = random_initialize(input_size, hidden_size, rng)
    Theta2 = random_initialize(hidden_size, num_labels, rng)
    return Theta1, Theta2


def debug_initialize(L_in, L_out):
    """Deterministic, non-symmetric weights for gradient checks: sin(1), sin(2), … divided by 10.

    Returns
    -------
    ndarray, shape (L_out, L_in + 1)

    Notes
    -----
    The values fill the matrix column by column, as the course's ``debugInitializeWeights`` does in
    Octave, so the numbers match its printed examples. Using sin rather than random numbers makes a
    gradient check give the same numbers every time, on every machine.
    """
    L_in = check_positive_int(L_in, "L_in")
    L_out = check_positive_int(L_out, "L_out")
    count = L_out * (L_in + 1)
    return np.sin(np.arange(1, count + 1)).reshape((L_out, L_in + 1), order="F") / 10


# --- parameters as one vector --------------------------------------------------------------------

def pack(Theta1, Theta2):
    """Flatten both weight matrices into one vector, the form optimisers work with.

    Order: all of ``Theta1`` row by row (row-major, numpy's default), then all of ``Theta2`` row by
    row. Octave's ``[Theta1(:); Theta2(:)]`` is column-major instead; the order only matters when
    comparing the vector itself with Octave output, never for the results.

    Returns
    -------
    ndarray, shape (s2·(n+1) + K·(s2+1),)
    """
    Theta1 = as_float_matrix(Theta1, "Theta1")
    Theta2 = as_float_matrix(Theta2, "Theta2")
    return np.concatenate([Theta1.ravel(), Theta2.ravel()])


def unpack(nn_params, input_size, hidden_size, num_labels):
    """Inverse of :func:`pack`: the vector back to ``(Theta1, Theta2)`` (copies, never views).

    Raises
    ------
    ValueError
        If the vector's length is not s2·(n+1) + K·(s2+1).
    """
    input_size = check_positive_int(input_size, "input_size")
    hidden_size = check_positive_int(hidden_size, "hidden_size")
    num_labels = check_positive_int(num_labels, "num_labels")
    size1 = hidden_size * (input_size + 1)
    size2 = num_labels * (hidden_size + 1)
    nn_params = as_float_vector(
        nn_params, "nn_params", length=size1 + size2,
        length_reason=f"= hidden_size·(input_size+1) + num_labels·(hidden_size+1) = "
                      f"{hidden_size}·{input_size + 1} + {num_labels}·{hidden_size + 1}")
    Theta1 = nn_params[:size1].reshape(hidden_size, input_size + 1).copy()
    Theta2 = nn_params[size1:].reshape(num_labels, hidden_size + 1).copy()
    return Theta1, Theta2


# --- forward propagation -------------------------------------------------------------------------

class Forward(NamedTuple):
    """Every intermediate of one forward pass (shapes for m examples)."""

    a1: np.ndarray  #: (m, n+1)  inputs with the bias column of ones
    z2: np.ndarray  #: (m, s2)   hidden raw scores a1 Θ(1)ᵀ
    a2: np.ndarray  #: (m, s2+1) hidden activations with the bias column
    z3: np.ndarray  #: (m, K)    output raw scores a2 Θ(2)ᵀ
    a3: np.ndarray  #: (m, K)    outputs h = g(z3)


def _validate(Theta1, Theta2, X):
    """Check shapes and types; X's NaN/inf scan is deferred to :func:`_hidden_scores`."""
    X = as_float_matrix(X, "X", check_finite=False)
    Theta1, Theta2 = check_network_thetas(Theta1, Theta2, X.shape[1])
    return Theta1, Theta2, X


class _Workspace:
    """Scratch arrays for one problem size (m, s2, K), reused from call to call.

    Training evaluates cost and gradient hundreds of times on the same shapes. Allocating the
    (m, s2) and (m, K) intermediates afresh each time means the operating system hands out and
    zeroes new pages every call, which on a 5000-example problem costs as much as the matrix
    products themselves. Results handed back to the caller are never views of these arrays.
    """

    def __init__(self, m, s2, K):
        self.key = (m, s2, K)
        self.z2 = np.empty((m, s2))
        self.hidden = np.empty((m, s2))  # a2 without its bias column: g(z2)
        self.hidden_scratch = np.empty((m, s2))
        self.delta2 = np.empty((m, s2))
        self.z3 = np.empty((m, K))
        self.delta3 = np.empty((m, K))
        self.output_scratch = np.empty((m, K))
        self.rows = np.arange(m)
        self.true_class = np.empty(m, dtype=np.intp)  # flat index i·K + y_i of each true class
        self.ones = np.ones(m)  # column sums as ones @ δ: one BLAS call, faster than sum(axis=0)


_local = threading.local()  # one workspace per thread, so concurrent calls never share buffers


def _workspace(m, s2, K):
    work = getattr(_local, "work", None)
    if work is None or work.key != (m, s2, K):
        work = _local.work = _Workspace(m, s2, K)
    return work


def _hidden_scores(X, Theta1, out):
    """z2 = a1 Θ(1)ᵀ computed as X Θ(1)[:, 1:]ᵀ + Θ(1)[:, 0], without building a1 = [1, X].

    Skipping the concatenation saves copying X (16 MB for 5000×400) on every call.

    X is scanned for NaN/inf entry by entry only when that could matter. A NaN or inf in feature j
    of X reaches z2 through every nonzero weight on feature j (NaN·w = NaN, inf·w = ±inf), so when
    every feature has a nonzero weight, a finite z2 proves X finite: one cheap test of the (m, s2)
    result replaces a pass over the (m, n) input. (Zero weights are the exception because some BLAS
    libraries skip multiplications by an exact 0, so 0·NaN may never be evaluated.)
    """
    weights = Theta1[:, 1:]
    with np.errstate(over="ignore", invalid="ignore"):  # a non-finite z2 is reported just below
        z2 = np.matmul(X, weights.T, out=out)
        z2 += Theta1[:, 0]
        # a NaN or inf anywhere makes the sum non-finite; only then is the elementwise test needed
        z2_finite = bool(np.isfinite(z2.sum())) or bool(np.isfinite(z2).all())
    every_feature_weighted = (np.count_nonzero(weights) == weights.size
                              or bool((weights != 0).any(axis=0).all()))
    if not z2_finite or not every_feature_weighted:
        check_finite_matrix(X, "X")
        if not z2_finite:
            raise ValueError("X @ Theta1.T overflowed: the entries of X or Theta1 are too large "
                             f"(largest |X| = {np.abs(X).max():.3g}); scale the features")
    return z2


def _forward_cost(Theta1, Theta2, X, labels, lambda_, work):
    """Forward pass into ``work`` and the cost J; leaves z2, g(z2), z3 and e^-|z3| in ``work``.

    Like a1, a2 = [1, g(z2)] is never built: z3 = g(z2) Θ(2)[:, 1:]ᵀ + Θ(2)[:, 0] is the same sum,
    and keeping g(z2) in a contiguous array of its own makes every elementwise pass over it faster.
    """
    m = X.shape[0]
    z2 = _hidden_scores(X, Theta1, work.z2)
    hidden = sigmoid_into(z2, work.hidden)
    z3 = np.matmul(hidden, Theta2[:, 1:].T, out=work.z3)
    z3 += Theta2[:, 0]
    z3_sum = z3.sum()
    if not np.isfinite(z3_sum):  # only possible when Θ(2) holds numbers near the float64 limit
        raise ValueError(f"g(z2) @ Theta2.T overflowed: Theta2's entries are too large "
                         f"(largest |Theta2| = {np.abs(Theta2).max():.3g})")

    # Cross-entropy from z3, never from h = g(z3). Per output unit,
    #   -y log g(z) - (1-y) log(1-g(z)) = log(1 + e^z) - y z,
    # using log g(z) = -log(1 + e^-z) and log(1 - g(z)) = -z - log(1 + e^-z). log(1 + e^z) is
    # evaluated as max(z, 0) + log1p(e^-|z|), which cannot overflow; log h would be log(0) = -inf
    # as soon as h rounds to 0 or 1 (|z| ≳ 37). Summed over all units, Σ max(z, 0) is
    # (Σ z + Σ |z|) / 2, which reuses the sums already taken.
    e = work.output_scratch
    abs_sum = np.abs(z3, out=e).sum()
    np.negative(e, out=e)
    np.exp(e, out=e)  # e^-|z3|, kept for the output activations in _backward
    total = (z3_sum + abs_sum) / 2 + np.log1p(e, out=work.delta3).sum()  # delta3 is free until _backward
    # Σ_k y_k z_k is z3 at the true class, because each row of Y is one-hot; work.true_class holds
    # the flat positions i·K + y_i of those entries
    np.multiply(work.rows, z3.shape[1], out=work.true_class)
    work.true_class += labels
    total -= z3.ravel()[work.true_class].sum()
    return total / m + _penalty(Theta1, Theta2, lambda_, m)


def _backward(Theta1, Theta2, X, labels, lambda_, work):
    """Backpropagation after :func:`_forward_cost`; returns fresh (Theta1_grad, Theta2_grad).

        δ(3) = a3 - Y                          (m, K)
        δ(2) = δ(3) Θ(2)[:, 1:] ⊙ g'(z2)        (m, s2) — the bias column of Θ(2) is dropped
        Θ(2)_grad = δ(3)ᵀ a2 / m,   Θ(1)_grad = δ(2)ᵀ a1 / m,   plus (λ/m) Θ off the bias column
    """
    m = X.shape[0]
    # a3 = g(z3), as in activations.sigmoid but reusing e = e^-|z3| from the forward pass:
    # the numerator is 1 where z3 ≥ 0 and e where z3 < 0, i.e. max(e, [z3 ≥ 0])
    e = work.output_scratch
    delta3 = np.greater_equal(work.z3, 0.0, out=work.delta3)
    np.maximum(delta3, e, out=delta3)
    e += 1.0
    delta3 /= e
    delta3.ravel()[work.true_class] -= 1.0  # a3 - Y without building the one-hot Y

    hidden = work.hidden
    # g'(z2) = g(z2)(1 - g(z2)) = a2(1 - a2): reuse the activations instead of a second exp
    g_prime = np.subtract(1.0, hidden, out=work.hidden_scratch)
    g_prime *= hidden
    delta2 = np.matmul(delta3, Theta2[:, 1:], out=work.delta2)
    delta2 *= g_prime

    # a1 = [1, X] and a2 = [1, g(z2)] are never built: their bias columns of ones contribute
    # δᵀ·1, the column sums of δ, to the gradient's column 0
    Theta1_grad = np.empty_like(Theta1)
    Theta1_grad[:, 0] = work.ones @ delta2
    Theta1_grad[:, 1:] = (X.T @ delta2).T  # = δ(2)ᵀ X; this operand order is the faster product
    Theta2_grad = np.empty_like(Theta2)
    Theta2_grad[:, 0] = work.ones @ delta3
    Theta2_grad[:, 1:] = delta3.T @ hidden
    Theta1_grad /= m
    Theta2_grad /= m
    if lambda_ != 0.0:
        # the bias column is not regularised: a bias only shifts a unit's threshold, it does not
        # make the function more wiggly, so shrinking it would only bias the fit
        Theta1_grad[:, 1:] += (lambda_ / m) * Theta1[:, 1:]
        Theta2_grad[:, 1:] += (lambda_ / m) * Theta2[:, 1:]
    return Theta1_grad, Theta2_grad


def _cost_and_gradient(Theta1, Theta2, X, labels, lambda_):
    """J and (Theta1_grad, Theta2_grad) on already validated input: the kernel training calls."""
    work = _workspace(X.shape[0], Theta1.shape[0], Theta2.shape[0])
    J = _forward_cost(Theta1, Theta2, X, labels, lambda_, work)
    return J, _backward(Theta1, Theta2, X, labels, lambda_, work)


def forward(Theta1, Theta2, X):
    """Forward propagation, returning every intermediate the course names.

    Parameters
    ----------
    Theta1 : array_like, shape (s2, n+1)
    Theta2 : array_like, shape (K, s2+1)
    X : array_like, shape (m, n)
        Inputs, one example per row, without a bias column.

    Returns
    -------
    Forward
        Named tuple ``(a1, z2, a2, z3, a3)`` with shapes (m, n+1), (m, s2), (m, s2+1), (m, K), (m, K).

    Notes
    -----
    a1 = [1, X];  z2 = a1 Θ(1)ᵀ;  a2 = [1, g(z2)];  z3 = a2 Θ(2)ᵀ;  a3 = g(z3) = h. Chapter 05.
    """
    Theta1, Theta2, X = _validate(Theta1, Theta2, X)
    m = X.shape[0]
    z2 = _hidden_scores(X, Theta1, np.empty((m, Theta1.shape[0])))
    a1 = np.hstack([np.ones((m, 1)), X])
    a2 = np.hstack([np.ones((m, 1)), sigmoid(z2)])
    z3 = a2 @ Theta2.T
    return Forward(a1=a1, z2=z2, a2=a2, z3=z3, a3=sigmoid(z3))


def predict_proba(Theta1, Theta2, X):
    """The network's outputs h = a3, shape (m, K): unit k's estimate that the class is k."""
    return forward(Theta1, Theta2, X).a3


def predict(Theta1, Theta2, X):
    """The predicted class of each example: the index of its largest output, shape (m,), int."""
    Theta1, Theta2, X = _validate(Theta1, Theta2, X)
    z2 = _hidden_scores(X, Theta1, np.empty((X.shape[0], Theta1.shape[0])))
    a2 = np.hstack([np.ones((X.shape[0], 1)), sigmoid(z2)])
    # g is increasing, so the largest a3 is the largest z3: no need to apply the output sigmoid
    return np.argmax(a2 @ Theta2.T, axis=1)


def one_hot(y, K):
    """Labels 0..K-1 as rows of the K×K identity: Y[i, k] = 1 if y[i] == k else 0.

    Returns
    -------
    ndarray of float64, shape (m, K)
    """
    K = check_positive_int(K, "K")
    y = np.asarray(y)
    labels = check_class_labels(y, y.shape[0] if y.ndim else 1, K)
    Y = np.zeros((labels.shape[0], K))
    Y[np.arange(labels.shape[0]), labels] = 1.0
    return Y


# --- cost and backpropagation --------------------------------------------------------------------

def _penalty(Theta1, Theta2, lambda_, m):
    """λ/(2m) Σ Θ² over every weight except the bias columns."""
    if lambda_ == 0.0:
        return 0.0
    weights1, weights2 = Theta1[:, 1:], Theta2[:, 1:]
    squares = np.einsum("ij,ij->", weights1, weights1) + np.einsum("ij,ij->", weights2, weights2)
    return lambda_ / (2 * m) * squares


def _validate_all(Theta1, Theta2, X, y, lambda_):
    Theta1, Theta2, X = _validate(Theta1, Theta2, X)
    labels = check_class_labels(y, X.shape[0], Theta2.shape[0])
    return Theta1, Theta2, X, labels, check_lambda(lambda_)


def cost(Theta1, Theta2, X, y, lambda_=0.0):
    """The regularised K-class cross-entropy J(Θ).

    Parameters
    ----------
    Theta1 : array_like, shape (s2, n+1)
    Theta2 : array_like, shape (K, s2+1)
    X : array_like, shape (m, n)
        Inputs without a bias column.
    y : array_like of int, shape (m,)
        Class labels 0..K-1, where K is the number of rows of ``Theta2``.
    lambda_ : float, default 0.0
        Regularisation strength λ ≥ 0.

    Returns
    -------
    float

    Raises
    ------
    ValueError, TypeError
        For shapes that do not fit, labels outside 0..K-1, ``(m, 1)`` labels, NaN/inf, λ < 0.

    Notes
    -----
    J = (1/m) Σ_i Σ_k [-y_k log h_k - (1-y_k) log(1-h_k)] + λ/(2m) (Σ Θ(1)² + Σ Θ(2)²), the sums
    of squares skipping column 0 (the bias weights). Computed from z3, not from h, so it stays
    finite when outputs saturate. Chapter 05.
    """
    Theta1, Theta2, X, labels, lambda_ = _validate_all(Theta1, Theta2, X, y, lambda_)
    work = _workspace(X.shape[0], Theta1.shape[0], Theta2.shape[0])
    return float(_forward_cost(Theta1, Theta2, X, labels, lambda_, work))


def gradient(Theta1, Theta2, X, y, lambda_=0.0):
    """∂J/∂Θ(1) and ∂J/∂Θ(2) by vectorised backpropagation.

    Parameters are those of :func:`cost`.

    Returns
    -------
    Theta1_grad : ndarray, shape (s2, n+1)
    Theta2_grad : ndarray, shape (K, s2+1)

    Notes
    -----
    δ(3) = a3 - Y is ∂J/∂z3 (times m): with the cross-entropy cost and a sigmoid output the g'(z3)
    of the chain rule cancels against the cost's 1/(h(1-h)). δ(2) = δ(3) Θ(2)[:, 1:] ⊙ g'(z2): each
    hidden unit feeds every output, so its error is the sum over those paths; the bias column of
    Θ(2) is dropped because nothing flows back into the constant a0(2) = 1. Then
    ∂J/∂Θ(l) = δ(l+1)ᵀ a(l) / m, the m outer products δ aᵀ summed in one matrix product, plus
    (λ/m) Θ(l) off the bias column. Chapter 06 derives each line and checks it numerically.
    """
    return cost_and_gradient(Theta1, Theta2, X, y, lambda_)[1]


def cost_and_gradient(Theta1, Theta2, X, y, lambda_=0.0):
    """``J`` and ``(Theta1_grad, Theta2_grad)`` from one forward and one backward pass.

    This is what training calls: :func:`cost` followed by :func:`gradient` would run the forward
    pass twice. Parameters are those of :func:`cost`.

    Returns
    -------
    J : float
    gradients : tuple of ndarray, shapes (s2, n+1) and (K, s2+1)
    """
    Theta1, Theta2, X, labels, lambda_ = _validate_all(Theta1, Theta2, X, y, lambda_)
    J, grads = _cost_and_gradient(Theta1, Theta2, X, labels, lambda_)
    return float(J), grads


def gradient_loop(Theta1, Theta2, X, y, lambda_=0.0):
    """Backpropagation one example at a time — the course's "for t = 1..m" loop.

    Same parameters and results as :func:`gradient`, only slower: it exists so the vectorised code
    can be checked against the algorithm as the course writes it. Inside the loop each example is
    a column vector, as on the course's slides, so the products read Θ a instead of a Θᵀ.
    """
    Theta1, Theta2, X, labels, lambda_ = _validate_all(Theta1, Theta2, X, y, lambda_)
    check_finite_matrix(X, "X")
    m = X.shape[0]
    K = Theta2.shape[0]
    Delta1 = np.zeros_like(Theta1)  # Δ(1), the accumulated δ(2) a(1)ᵀ
    Delta2 = np.zeros_like(Theta2)  # Δ(2), the accumulated δ(3) a(2)ᵀ
    for t in range(m):  # the course's t = 1..m is t = 0..m-1 here
        a1 = np.concatenate(([1.0], X[t]))                    # (n+1,)
        z2 = Theta1 @ a1                                      # (s2,)
        a2 = np.concatenate(([1.0], sigmoid(z2)))             # (s2+1,)
        z3 = Theta2 @ a2                                      # (K,)
        a3 = sigmoid(z3)                                      # (K,)
        y_t = np.zeros(K)
        y_t[labels[t]] = 1.0
        delta3 = a3 - y_t                                     # (K,)
        delta2 = (Theta2[:, 1:].T @ delta3) * sigmoid_gradient(z2)  # (s2,): bias row of Θ(2)ᵀ dropped
        Delta2 += np.outer(delta3, a2)
        Delta1 += np.outer(delta2, a1)
    Theta1_grad = Delta1 / m
    Theta2_grad = Delta2 / m
    Theta1_grad[:, 1:] += (lambda_ / m) * Theta1[:, 1:]
    Theta2_grad[:, 1:] += (lambda_ / m) * Theta2[:, 1:]
    return Theta1_grad, Theta2_grad


def nn_cost_function(nn_params, input_size, hidden_size, num_labels, X, y, lambda_=0.0):
    """The course's ``nnCostFunction``: cost and gradient of a packed parameter vector.

    Parameters
    ----------
    nn_params : array_like, shape (hidden_size·(input_size+1) + num_labels·(hidden_size+1),)
        ``pack(Theta1, Theta2)``.
    input_size, hidden_size, num_labels : int
        n, s2 and K.
    X, y, lambda_
        As in :func:`cost`.

    Returns
    -------
    J : float
    grad : ndarray, same shape as ``nn_params``
        ``pack(Theta1_grad, Theta2_grad)``.
    """
    Theta1, Theta2 = unpack(nn_params, input_size, hidden_size, num_labels)
    J, (Theta1_grad, Theta2_grad) = cost_and_gradient(Theta1, Theta2, X, y, lambda_)
    return J, np.concatenate([Theta1_grad.ravel(), Theta2_grad.ravel()])


# --- training ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class NetworkFit:
    """A trained network: its weights and the optimiser's record (cost history, status, message)."""

    Theta1: np.ndarray
    Theta2: np.ndarray
    result: object  #: optimize.OptimizeResult or optimize.DescentResult

    def predict(self, X):
        """Predicted classes for ``X`` (m, n), shape (m,)."""
        return predict(self.Theta1, self.Theta2, X)

    def accuracy(self, X, y):
        """Fraction of the examples whose predicted class equals ``y``."""
        X = as_float_matrix(X, "X")
        labels = check_class_labels(y, X.shape[0], self.Theta2.shape[0])
        return float(np.mean(self.predict(X) == labels))


def train(kernel, X, y, hidden_size, lambda_, *, num_labels=None, method="lbfgs", num_iters=400,
          alpha=1.0, seed=0, initial=None):
    """Validate the data once, then minimise ``kernel``'s cost over both weight matrices.

    The training loop shared by :func:`fit` and by networks with another output layer
    (``mlcourse.softmax``): only the cost-and-gradient kernel differs between them.

    Parameters
    ----------
    kernel : callable
        ``(Theta1, Theta2, X, labels, lambda_) -> (J, (Theta1_grad, Theta2_grad))`` on validated
        input; it is called hundreds of times, so it does no validation of its own.
    X, y, hidden_size, lambda_, num_labels, method, num_iters, alpha, seed, initial
        As in :func:`fit`.

    Returns
    -------
    Theta1 : ndarray, shape (hidden_size, n+1)
    Theta2 : ndarray, shape (K, hidden_size+1)
    result : optimize.OptimizeResult or optimize.DescentResult
    """
    X = as_float_matrix(X, "X")
    y = np.asarray(y)
    if num_labels is None:
        if y.size == 0 or y.dtype.kind not in "iuf":
            raise TypeError(f"y must hold integer class labels; got {y.dtype} of shape {y.shape}")
        num_labels = int(np.max(y)) + 1
    num_labels = check_positive_int(num_labels, "num_labels")
    labels = check_class_labels(y, X.shape[0], num_labels)
    lambda_ = check_lambda(lambda_)
    hidden_size = check_positive_int(hidden_size, "hidden_size")
    input_size = X.shape[1]
    if initial is None:
        Theta1, Theta2 = initialize_weights(input_size, hidden_size, num_labels, seed)
    else:
        Theta1, Theta2 = check_network_thetas(*initial, input_size)
        if Theta1.shape[0] != hidden_size or Theta2.shape[0] != num_labels:
            raise ValueError(f"initial must hold Theta1 of shape ({hidden_size}, {input_size + 1}) and "
                             f"Theta2 of shape ({num_labels}, {hidden_size + 1}); got {Theta1.shape} "
                             f"and {Theta2.shape}")
    size1 = Theta1.size

    def packed_cost_and_gradient(nn_params):
        # X and y were validated once above; the optimiser calls this hundreds of times
        Theta1 = nn_params[:size1].reshape(hidden_size, input_size + 1)
        Theta2 = nn_params[size1:].reshape(num_labels, hidden_size + 1)
        J, (grad1, grad2) = kernel(Theta1, Theta2, X, labels, lambda_)
        return J, np.concatenate([grad1.ravel(), grad2.ravel()])

    theta_initial = np.concatenate([Theta1.ravel(), Theta2.ravel()])
    if method == "lbfgs":
        result = optimize.minimize(packed_cost_and_gradient, theta_initial, max_iters=num_iters)
    elif method == "gradient_descent":
        result = optimize.gradient_descent(packed_cost_and_gradient, theta_initial, alpha, num_iters)
    else:
        raise ValueError(f'method must be "lbfgs" or "gradient_descent"; got {method!r}')
    Theta1, Theta2 = unpack(result.theta, input_size, hidden_size, num_labels)
    return Theta1, Theta2, result


def fit(X, y, hidden_size=25, lambda_=1.0, *, num_labels=None, method="lbfgs", num_iters=400,
        alpha=1.0, seed=0, initial=None):
    """Train the network on ``(X, y)``.

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
    method : {"lbfgs", "gradient_descent"}
        L-BFGS-B (the modern stand-in for the course's fmincg) or batch gradient descent.
    num_iters : int, default 400
        Iterations of either method.
    alpha : float, default 1.0
        Learning rate; used by gradient descent only.
    seed : int, default 0
        Seed of the random initial weights.
    initial : tuple of ndarray, optional
        ``(Theta1, Theta2)`` to start from instead of random weights.

    Returns
    -------
    NetworkFit
        ``Theta1``, ``Theta2`` and ``result`` (the optimiser's cost history, status and message).
        Gradient descent that diverges returns its last good weights with ``result.status`` saying
        so; it does not raise.
    """
    if method not in ("lbfgs", "gradient_descent"):
        raise ValueError(f'method must be "lbfgs" or "gradient_descent"; got {method!r}')
    Theta1, Theta2, result = train(_cost_and_gradient, X, y, hidden_size, lambda_, num_labels=num_labels,
                                   method=method, num_iters=num_iters, alpha=alpha, seed=seed,
                                   initial=initial)
    return NetworkFit(Theta1=Theta1, Theta2=Theta2, result=result)
