"""A three-layer network: n inputs → s2 sigmoid hidden units → K sigmoid outputs.

Read it beside chapters 05 to 07: the names are the course's symbols (chapter 00 has the table).

=============  ==============  ===========================================================
symbol         code            shape
=============  ==============  ===========================================================
X              ``X``           (m, n) — one example per row, **no** bias column
Θ(1)           ``Theta1``      (s2, n+1) — column 0 multiplies the bias unit a0(1) = 1
Θ(2)           ``Theta2``      (K, s2+1) — column 0 multiplies the bias unit a0(2) = 1
a(1)           ``a1``          (m, n+1) = [1, X]
z(2), a(2)     ``z2``, ``a2``  (m, s2), (m, s2+1) = [1, g(z2)]
z(3), a(3)=h   ``z3``, ``a3``  (m, K)
y, Y           ``y``, ``Y``    (m,) labels 0..K-1; (m, K) their one-hot rows
δ(3), δ(2)     ``delta3``, ``delta2``   (m, K), (m, s2)
=============  ==============  ===========================================================

Layers are ``z = a @ Theta.T``: the course's z = Θ a for one example held as a column, with the m
examples stacked as rows. **The bias split.** a1 = [1, X] only adds a column of ones, so

    z2 = a1 @ Theta1.T = X @ Theta1[:, 1:].T + Theta1[:, 0]

and likewise Θ(1)_grad = δ(2)ᵀ a1 / m is [column sums of δ(2), δ(2)ᵀ X] / m. Training uses the
right-hand sides and never builds the (m, n+1) copy of X; :func:`forward` builds a1 for the chapters.
**Operand order.** OpenBLAS computes Θ(1) Xᵀ faster than X Θ(1)ᵀ on AVX2 and AVX-512 processors
(benchmarks/bench_network.py; AVX-only Sandybridge is the exception), so z2 is taken
as (Θ(1) Xᵀ)ᵀ (column-ordered), and δ(3) Θ(2), multiplied into g'(z2), as (Θ(2)ᵀ δ(3)ᵀ)ᵀ to match.

Labels are 0-based: the Octave course's 1..10 (10 for the digit 0) are 0..9 here; unit k predicts k.
**Underflow** (saturated units, tiny weights) rounds to 0, the right answer: functions marked
``@np.errstate(under="ignore")`` keep a learner's ``np.seterr(all="raise")`` from making it an error.
"""

from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

from . import optimize
from ._validation import (
    as_float_matrix,
    as_float_vector,
    check_backward_data,
    check_callable,
    check_class_labels,
    check_finite,
    check_initial_weights,
    check_kernel_result,
    check_lambda,
    check_layer_sizes,
    check_network_data,
    check_network_thetas,
    check_num_labels,
    check_positive_int,
    check_positive_real,
    check_seed,
)
from .activations import sigmoid, sigmoid_gradient

__all__ = ["Forward", "NetworkFit", "backward", "cost", "cost_and_gradient", "debug_initialize", "fit",
           "forward", "forward_scores", "gradient", "gradient_loop", "initialize_weights", "nn_cost_function",
           "one_hot", "pack", "penalty", "predict", "predict_proba", "random_initialize", "train", "unpack"]


# --- initialisation and the parameter vector -----------------------------------------------------

def random_initialize(L_in, L_out, seed, epsilon_init=None):
    """Weights of one layer, uniform in [-ε_init, ε_init], shape (L_out, L_in + 1); bias in column 0.

    ``seed`` is an int ≥ 0 or a ``numpy.random.Generator``; ε_init defaults to √6 / √(L_in + L_out).
    Random weights break the symmetry (equal ones would keep every hidden unit identical forever);
    this ε_init keeps z small at the start, where g' is not ≈ 0 and learning can start. Chapter 05.
    """
    L_in, L_out = check_layer_sizes(L_in, L_out)
    if epsilon_init is None:
        epsilon_init = np.sqrt(6.0) / np.sqrt(L_in + L_out)
    epsilon_init = check_positive_real(epsilon_init, "epsilon_init")
    rng = np.random.default_rng(check_seed(seed))
    return rng.uniform(-epsilon_init, epsilon_init, size=(L_out, L_in + 1))


def initialize_weights(input_size, hidden_size, num_labels, seed=0):
    """``(Theta1, Theta2)``, shapes (s2, n+1) and (K, s2+1), drawn from one generator seeded ``seed``."""
    check_layer_sizes(input_size, hidden_size, ("input_size", "hidden_size"))  # not as L_in and L_out
    check_layer_sizes(hidden_size, num_labels, ("hidden_size", "num_labels"))
    rng = np.random.default_rng(check_seed(seed))  # Theta1 is drawn first, then Theta2
    return random_initialize(input_size, hidden_size, rng), random_initialize(hidden_size, num_labels, rng)


def debug_initialize(L_in, L_out):
    """Weights sin(1), sin(2), … / 10, shape (L_out, L_in + 1), column by column as the course's
    ``debugInitializeWeights``: the same numbers anywhere, for gradient checks."""
    L_in, L_out = check_layer_sizes(L_in, L_out)
    return np.sin(np.arange(1, L_out * (L_in + 1) + 1)).reshape((L_out, L_in + 1), order="F") / 10


def pack(Theta1, Theta2):
    """Both weight matrices as one vector, shape (s2·(n+1) + K·(s2+1),), the form optimisers use.

    ``Theta1`` row by row, then ``Theta2``; Octave's ``[Theta1(:); Theta2(:)]`` goes column by column
    (reshape a vector from it with ``order="F"``).
    """
    Theta1, Theta2 = check_network_thetas(Theta1, Theta2)
    return np.concatenate([Theta1.ravel(), Theta2.ravel()])


def unpack(nn_params, input_size, hidden_size, num_labels):
    """Inverse of :func:`pack`: ``(Theta1, Theta2)`` as copies; ValueError if the length is wrong."""
    input_size = check_positive_int(input_size, "input_size")
    hidden_size = check_positive_int(hidden_size, "hidden_size")
    num_labels = check_positive_int(num_labels, "num_labels")
    size1, size2 = hidden_size * (input_size + 1), num_labels * (hidden_size + 1)
    nn_params = as_float_vector(nn_params, "nn_params", length=size1 + size2, length_reason=(
        f"= hidden_size·(input_size+1) + num_labels·(hidden_size+1) = {hidden_size}·{input_size + 1} + "
        f"{num_labels}·{hidden_size + 1}"))
    Theta1 = nn_params[:size1].reshape(hidden_size, input_size + 1).copy()
    Theta2 = nn_params[size1:].reshape(num_labels, hidden_size + 1).copy()
    return Theta1, Theta2


def one_hot(y, K):
    """Labels 0..K-1 as rows of the K×K identity, shape (m, K): Y[i, k] = 1 if y[i] == k else 0."""
    y, K = as_float_vector(y, "y"), check_positive_int(K, "K")
    return np.eye(K)[check_class_labels(y, len(y), K, K_is="K")]


# --- forward propagation -------------------------------------------------------------------------

class Forward(NamedTuple):
    """Every intermediate of one forward pass (shapes for m examples)."""

    a1: np.ndarray  #: (m, n+1)  inputs with the bias column of ones
    z2: np.ndarray  #: (m, s2)   hidden raw scores a1 Θ(1)ᵀ
    a2: np.ndarray  #: (m, s2+1) hidden activations with the bias column
    z3: np.ndarray  #: (m, K)    output raw scores a2 Θ(2)ᵀ
    a3: np.ndarray  #: (m, K)    outputs h = g(z3)


def forward_scores(Theta1, Theta2, X):
    """Forward propagation up to the output scores: ``(z2, a2, z3)``, without building a1.

    Shapes (m, s2), (m, s2+1) with a2's bias column, and (m, K). A building block of
    :func:`cost_and_gradient` and of networks with another output layer (``mlcourse.softmax``).
    ValueError for the inputs :func:`forward` refuses, or if z2 or z3 overflowed (numbers near 1e308).
    """
    X = as_float_matrix(X, "X", finite=False)  # not scanned: a NaN/inf in X shows in z2, see below
    return _forward_scores(*check_network_thetas(Theta1, Theta2, X.shape[1]), X)


@np.errstate(under="ignore", over="ignore", invalid="ignore")  # see "Underflow"; overflow: checked below
def _forward_scores(Theta1, Theta2, X):
    """:func:`forward_scores` on checked input: what training runs at every iteration."""
    z2 = (Theta1[:, 1:] @ X.T).T  # X @ Theta1[:, 1:].T, in the faster operand order (module docstring)
    z2 += Theta1[:, 0]  # z2 = a1 @ Theta1.T by the bias split of the module docstring
    if not np.isfinite(z2).all():  # a NaN/inf in X shows here, which saves training a pass over X
        check_finite(X, "X")  # else an overflow (inf − inf may have cancelled): refused, as for z3
        raise ValueError("the hidden scores z2 overflowed: X or Theta1 are too large; scale them")
    a2 = np.column_stack([np.ones(len(X)), sigmoid(z2)])
    z3 = a2 @ Theta2.T
    if not np.isfinite(z3).all():
        raise ValueError("the output scores z3 overflowed: X, Theta1 or Theta2 are too large; scale them")
    return z2, a2, z3


def forward(Theta1, Theta2, X):
    """Forward propagation, returning every intermediate the course names.

    Parameters
    ----------
    Theta1, Theta2 : array_like, shapes (s2, n+1) and (K, s2+1)
    X : array_like, shape (m, n)
        Inputs, one example per row, without a bias column.

    Returns
    -------
    Forward
        ``(a1, z2, a2, z3, a3)`` with shapes (m, n+1), (m, s2), (m, s2+1), (m, K), (m, K).

    Notes
    -----
    a1 = [1, X];  z2 = a1 Θ(1)ᵀ;  a2 = [1, g(z2)];  z3 = a2 Θ(2)ᵀ;  a3 = g(z3) = h. Chapter 05.
    """
    X = as_float_matrix(X, "X")  # scanned for NaN/inf here; forward_scores checks the rest
    z2, a2, z3 = forward_scores(Theta1, Theta2, X)
    a1 = np.column_stack([np.ones(len(X)), X])
    return Forward(a1=a1, z2=z2, a2=a2, z3=z3, a3=sigmoid(z3))


def predict_proba(Theta1, Theta2, X):
    """The network's outputs h = a3, shape (m, K): unit k's estimate that the class is k."""
    return forward(Theta1, Theta2, X).a3


def predict(Theta1, Theta2, X):
    """The predicted class of each example, the index of its largest output; shape (m,), int.

    g is increasing, so the largest a3 is the largest z3: the output sigmoid is not needed."""
    X = as_float_matrix(X, "X")  # scanned for NaN/inf here; forward_scores checks the rest
    return np.argmax(forward_scores(Theta1, Theta2, X)[2], axis=1)


# --- cost and backpropagation --------------------------------------------------------------------

@np.errstate(under="ignore", over="ignore")  # see "Underflow"; weights over 1e154 give an honest inf
def penalty(Theta1, Theta2, lambda_, m):
    """The L2 penalty λ/(2m) (Σ Θ(1)² + Σ Θ(2)²), both sums skipping the bias column 0.

    A bias only shifts a unit's threshold; it does not make the function wigglier, so shrinking it
    would only bias the fit. ``mlcourse.softmax`` adds the same penalty to its own loss.
    """
    Theta1, Theta2 = check_network_thetas(Theta1, Theta2)
    lambda_, m = check_lambda(lambda_), check_positive_int(m, "m")
    if lambda_ == 0:  # no penalty, also for weights whose squares overflow (0 · inf would be NaN)
        return 0.0
    return float(lambda_ / (2 * m) * (np.sum(Theta1[:, 1:] ** 2) + np.sum(Theta2[:, 1:] ** 2)))


def backward(Theta1, Theta2, X, z2, a2, delta3, lambda_=0.0):
    """The back half of backpropagation: from δ(3) to ``(Theta1_grad, Theta2_grad)``.

    Parameters
    ----------
    Theta1, Theta2 : ndarray, shapes (s2, n+1), (K, s2+1)
    X : ndarray, shape (m, n)
        The inputs, without a bias column (a1 = [1, X] is never needed, see the module docstring).
    z2, a2 : ndarray, shapes (m, s2), (m, s2+1)
        As :func:`forward_scores` returns them, a2 with its bias column.
    delta3 : ndarray, shape (m, K)
        δ(3) = ∂(m J)/∂z3; a3 − Y for this network and for a softmax output alike.
    lambda_ : float, default 0.0

    Returns
    -------
    Theta1_grad : ndarray, shape (s2, n+1)
    Theta2_grad : ndarray, shape (K, s2+1)

    Notes
    -----
    δ(2) = δ(3) Θ(2)[:, 1:] ⊙ g'(z2): each hidden unit feeds every output, so its error sums over those
    paths; Θ(2)'s bias column is dropped, as nothing flows back into a0(2) = 1. Θ(l)_grad = δ(l+1)ᵀ a(l)
    / m sums the m outer products δ aᵀ in one product, plus (λ/m) Θ(l) off the bias column (chapter 07).
    """
    return _backward(*check_backward_data(Theta1, Theta2, X, z2, a2, delta3, lambda_))


@np.errstate(under="ignore", over="ignore", invalid="ignore")  # see "Underflow"; non-finite grads: below
def _backward(Theta1, Theta2, X, z2, a2, delta3, lambda_):
    """:func:`backward` on checked input: what training runs at every iteration."""
    m = len(X)
    # δ(2) = g'(z2) ⊙ δ(3) Θ(2)[:, 1:], the product multiplied in place into g'(z2): no (m, s2) copy
    delta2 = sigmoid_gradient(z2)
    delta2 *= (Theta2[:, 1:].T @ delta3.T).T  # delta3 @ Theta2[:, 1:], in z2's order (module docstring)
    Theta2_grad = delta3.T @ a2 / m
    # δ(2)ᵀ a1 split at the bias: the column sums of δ(2), then δ(2)ᵀ X (faster for BLAS than (Xᵀ δ(2))ᵀ)
    Theta1_grad = np.column_stack([delta2.sum(axis=0), delta2.T @ X]) / m
    if not (np.isfinite(Theta1_grad).all() and np.isfinite(Theta2_grad).all()):  # name the cause: a NaN/inf
        for array, name in ((X, "X"), (a2, "a2"), (delta3, "delta3")):  # not scanned up front, else overflow
            check_finite(array, name)
        raise ValueError("the gradients overflowed: X, a2 or delta3 hold numbers too large; scale them")
    Theta1_grad[:, 1:] += (lambda_ / m) * Theta1[:, 1:]
    Theta2_grad[:, 1:] += (lambda_ / m) * Theta2[:, 1:]
    return Theta1_grad, Theta2_grad


def _cost_and_gradient(Theta1, Theta2, X, labels, lambda_):
    """J and the gradients on checked input: what training calls hundreds of times."""
    m, K = len(X), len(Theta2)
    z2, a2, z3 = _forward_scores(Theta1, Theta2, X)
    Y = np.eye(K)[labels]
    J = _cross_entropy(z3, Y) / m + penalty(Theta1, Theta2, lambda_, m)
    delta3 = sigmoid(z3) - Y  # the cost's 1/(h(1-h)) cancels g'(z3): chapter 06
    return J, _backward(Theta1, Theta2, X, z2, a2, delta3, lambda_)


@np.errstate(under="ignore")  # see "Underflow" in the module docstring
def _cross_entropy(z3, Y):
    """Σ_i Σ_k [-Y log g(z3) - (1-Y) log(1-g(z3))], computed from z3, never from h."""
    # Per unit the loss is log(1 + e^z) - y z (log g(z) = -log(1 + e^-z), log(1 - g(z)) = -z - log(1 + e^-z));
    # log(1 + e^z) = max(z, 0) + log1p(e^-|z|) (np.logaddexp(0, z), 3× slower) never overflows nor logs 0.
    return float(np.sum(np.maximum(z3, 0.0) + np.log1p(np.exp(-np.abs(z3))) - Y * z3))


def cost(Theta1, Theta2, X, y, lambda_=0.0):
    """The regularised K-class cross-entropy J(Θ), a float.

    Parameters
    ----------
    Theta1, Theta2 : array_like, shapes (s2, n+1) and (K, s2+1)
    X : array_like, shape (m, n)
        Inputs without a bias column.
    y : array_like of int, shape (m,)
        Class labels 0..K-1, where K is the number of rows of ``Theta2``.
    lambda_ : float, default 0.0
        Regularisation strength λ ≥ 0.

    Raises
    ------
    ValueError, TypeError
        For shapes that do not fit, labels outside 0..K-1, ``(m, 1)`` labels, NaN/inf, λ < 0.

    Notes
    -----
    J = (1/m) Σ_i Σ_k [-y_k log h_k - (1-y_k) log(1-h_k)] + :func:`penalty`. Computed from z3, not
    from h, so it stays finite when outputs saturate. Chapter 05.
    """
    Theta1, Theta2, X, labels, lambda_ = check_network_data(Theta1, Theta2, X, y, lambda_)
    m = len(X)
    z3 = _forward_scores(Theta1, Theta2, X)[2]
    return _cross_entropy(z3, np.eye(len(Theta2))[labels]) / m + penalty(Theta1, Theta2, lambda_, m)


def gradient(Theta1, Theta2, X, y, lambda_=0.0):
    """``(Theta1_grad, Theta2_grad)``, shapes (s2, n+1) and (K, s2+1), by vectorised backpropagation.

    Parameters are those of :func:`cost`. δ(3) = a3 - Y (chapter 06), then :func:`backward` (chapter 07)."""
    return cost_and_gradient(Theta1, Theta2, X, y, lambda_)[1]


def cost_and_gradient(Theta1, Theta2, X, y, lambda_=0.0):
    """``J`` and ``(Theta1_grad, Theta2_grad)`` from one forward and one backward pass.

    What training calls: :func:`cost` then :func:`gradient` would run the forward pass twice.
    Parameters are those of :func:`cost`; the gradients have the shapes of ``Theta1``, ``Theta2``."""
    # X is not scanned up front (a tenth of this call's time): a NaN/inf in it shows in z2 or the gradients
    return _cost_and_gradient(*check_network_data(Theta1, Theta2, X, y, lambda_, finite_X=False))


@np.errstate(under="ignore")  # see "Underflow" in the module docstring
def gradient_loop(Theta1, Theta2, X, y, lambda_=0.0):
    """Backpropagation one example at a time — the course's "for t = 1..m" loop.

    As :func:`gradient`, only slower: the algorithm as the course writes it, to check the vectorised
    code against. Each example is a column vector, as on the slides, so products read Θ a, not a Θᵀ.
    """
    Theta1, Theta2, X, labels, lambda_ = check_network_data(Theta1, Theta2, X, y, lambda_)
    m, K = len(X), len(Theta2)
    Delta1 = np.zeros_like(Theta1)  # Δ(1), the accumulated δ(2) a(1)ᵀ
    Delta2 = np.zeros_like(Theta2)  # Δ(2), the accumulated δ(3) a(2)ᵀ
    for t in range(m):  # the course's t = 1..m is t = 0..m-1 here
        a1 = np.concatenate(([1.0], X[t]))                         # (n+1,)
        z2 = Theta1 @ a1                                           # (s2,)
        a2 = np.concatenate(([1.0], sigmoid(z2)))                  # (s2+1,)
        a3 = sigmoid(Theta2 @ a2)                                  # (K,)
        delta3 = a3 - np.eye(K)[labels[t]]                         # (K,)
        delta2 = (Theta2[:, 1:].T @ delta3) * sigmoid_gradient(z2)  # (s2,): Θ(2)ᵀ's bias row dropped
        Delta2 += np.outer(delta3, a2)
        Delta1 += np.outer(delta2, a1)
    Theta1_grad, Theta2_grad = Delta1 / m, Delta2 / m
    Theta1_grad[:, 1:] += (lambda_ / m) * Theta1[:, 1:]
    Theta2_grad[:, 1:] += (lambda_ / m) * Theta2[:, 1:]
    return Theta1_grad, Theta2_grad


def nn_cost_function(nn_params, input_size, hidden_size, num_labels, X, y, lambda_=0.0):
    """The course's ``nnCostFunction``: ``(J, grad)`` of the packed vector ``pack(Theta1, Theta2)``.

    ``input_size, hidden_size, num_labels`` are n, s2, K; ``X, y, lambda_`` as in :func:`cost`.
    ``grad`` is ``pack(Theta1_grad, Theta2_grad)``, of the shape of ``nn_params``."""
    Theta1, Theta2 = unpack(nn_params, input_size, hidden_size, num_labels)
    J, gradients = cost_and_gradient(Theta1, Theta2, X, y, lambda_)
    return J, pack(*gradients)


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
    """Check the data once, then minimise ``kernel``'s cost over both weight matrices.

    The training loop of :func:`fit` and of networks with another output layer (``mlcourse.softmax``):
    only the kernel differs, ``(Theta1, Theta2, X, labels, lambda_) -> (J, (Theta1_grad, Theta2_grad))``
    on checked input. The other parameters are :func:`fit`'s. Returns ``(Theta1, Theta2, result)``.
    """
    check_callable(kernel, "kernel", "(Theta1, Theta2, X, labels, lambda_) -> (J, gradients)")
    if method not in ("lbfgs", "gradient_descent"):
        raise ValueError(f'method must be "lbfgs" or "gradient_descent"; got {method!r}')
    X = as_float_matrix(X, "X")
    num_labels = check_num_labels(num_labels, y, X.shape[0])
    labels = check_class_labels(y, X.shape[0], num_labels, K_is="num_labels")
    lambda_, alpha = check_lambda(lambda_), check_positive_real(alpha, "alpha")
    hidden_size = check_positive_int(hidden_size, "hidden_size")
    num_iters = check_positive_int(num_iters, "num_iters")
    input_size = X.shape[1]
    check_seed(seed)  # also when ``initial`` makes it unused: a bad seed is a mistake either way
    Theta1, Theta2 = (initialize_weights(input_size, hidden_size, num_labels, seed) if initial is None
                      else check_initial_weights(initial, input_size, hidden_size, num_labels))
    size1 = Theta1.size

    def packed_kernel(nn_params):
        Theta1 = nn_params[:size1].reshape(hidden_size, input_size + 1)
        Theta2 = nn_params[size1:].reshape(num_labels, hidden_size + 1)
        result = kernel(Theta1, Theta2, X, labels, lambda_)
        J, (Theta1_grad, Theta2_grad) = check_kernel_result(result, Theta1, Theta2)
        return J, np.concatenate([Theta1_grad.ravel(), Theta2_grad.ravel()])  # pack() without its checks

    theta_initial = pack(Theta1, Theta2)
    result = (optimize.minimize(packed_kernel, theta_initial, num_iters=num_iters) if method == "lbfgs"
              else optimize.gradient_descent(packed_kernel, theta_initial, alpha, num_iters))
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
    hidden_size, lambda_ : int, float
        s2, the number of hidden units, and the regularisation strength λ ≥ 0.
    num_labels : int, optional
        K. Default: the largest label + 1, refused if no label is 0 (the Octave course's 1..K).
    method : {"lbfgs", "gradient_descent"}
        L-BFGS-B (the modern stand-in for the course's fmincg) or batch gradient descent with
        learning rate ``alpha`` (> 0, checked either way), for ``num_iters`` iterations either way.
    seed : int ≥ 0 or numpy.random.Generator, default 0
        Seed of the random initial weights, unless ``initial = (Theta1, Theta2)`` gives them.

    Returns
    -------
    NetworkFit
        ``Theta1``, ``Theta2`` and ``result`` (the optimiser's cost history, status and message);
        gradient descent that diverges says so in ``result.status`` rather than raising.
    """
    Theta1, Theta2, result = train(_cost_and_gradient, X, y, hidden_size, lambda_, method=method, seed=seed,
                                   num_labels=num_labels, num_iters=num_iters, alpha=alpha, initial=initial)
    return NetworkFit(Theta1=Theta1, Theta2=Theta2, result=result)
