"""Chapter 06's derivation of backpropagation, one step at a time, as functions to evaluate.

Backpropagation is the chain rule applied to the network's cost, layer by layer. Each step of the
derivation is a small function here, so the chapter can evaluate it and set it beside a derivative
computed without algebra (central differences, :func:`mlcourse.gradcheck.numerical_gradient`):

- Q1: the output error δ(3) = h − y, first for one example and one output
  (:func:`single_example_steps`), then for m examples and K outputs (:func:`output_cost`,
  :func:`delta3`, :func:`dJ_dz3`);
- Q2: δ is ∂J/∂z, not ∂J/∂h (:func:`output_cost_of_h`, :func:`dJ_dh`);
- Q11: the hidden error δ(2) as a sum over the output units and as a matrix product, without the
  bias column of Θ(2) (:func:`cost_of_z2`, :func:`cost_of_a2`, :func:`delta2_sum`,
  :func:`delta2_column`, :func:`delta2`);
- Q12: ∂J/∂Θ(l) as the outer products δ(l+1) a(l)ᵀ summed over examples
  (:func:`gradient_from_outer_products`);
- Q10: the squared-error output error −(y − a)·g'(z) and why it learns slowly when the outputs
  saturate (:func:`squared_error_cost`, :func:`squared_error_delta3`, :func:`saturated_start`,
  :func:`train_output_errors`);
- Q13: the binary cross-entropy as a computation graph u0 … u5 with a backward pass node by node
  (:func:`graph_forward`, :func:`graph_local_derivatives`, :func:`graph_backward`,
  :func:`graph_numerical_adjoints`).

Notation as in :mod:`mlcourse.network`: examples are rows, ``z = a @ Theta.T``, bias in column 0 of
every Θ; ``Y`` is the one-hot (m, K) matrix of the labels. Without the 1/m, δ is the per-example
error the course writes; with it, it is ∂J/∂z for the whole cost J. The model itself uses
:func:`mlcourse.network.gradient`; these functions exist to be read next to the chapter.
"""

from typing import NamedTuple

import numpy as np

from .. import network
from .._validation import (
    _as_numeric_array,
    _check_finite,
    as_float_matrix,
    check_class_labels,
    check_lambda,
    check_network_thetas,
    check_positive_int,
    check_positive_real,
)
from ..activations import sigmoid, sigmoid_gradient
from ..gradcheck import numerical_gradient
from ..optimize import single_blas_thread

__all__ = [
    "GRAPH_NODES",
    "SINGLE_EXAMPLE_STEPS",
    "Checkpoint",
    "cost_of_a2",
    "cost_of_z2",
    "dJ_dh",
    "dJ_dz3",
    "delta2",
    "delta2_column",
    "delta2_sum",
    "delta3",
    "gradient_from_outer_products",
    "graph_backward",
    "graph_forward",
    "graph_local_derivatives",
    "graph_numerical_adjoints",
    "output_cost",
    "output_cost_of_h",
    "output_error_gradient",
    "saturated_start",
    "single_example_steps",
    "squared_error_cost",
    "squared_error_delta3",
    "train_output_errors",
]


# --- input checks shared by this module ------------------------------------------------------------

def _as_real_array(value, name):
    """A finite float64 copy of ``value`` (at least 1-D)."""
    array = np.atleast_1d(np.array(_as_numeric_array(value, name), dtype=np.float64))
    _check_finite(array, name)
    return array


def _check_targets(Y, shape, name="Y"):
    """Targets of the given shape with every entry in [0, 1] (one-hot rows, or 0/1 labels)."""
    Y = _as_real_array(Y, name)
    if Y.shape != shape:
        raise ValueError(f"{name} must have shape {shape} to match the scores; got {Y.shape}")
    if ((Y < 0) | (Y > 1)).any():
        raise ValueError(f"{name} must hold targets between 0 and 1; got values from {Y.min():g} "
                         f"to {Y.max():g}")
    return Y


def _check_probabilities(a, name):
    """Outputs strictly between 0 and 1: the formulas that divide by h or 1 − h need that."""
    a = _as_real_array(a, name)
    if ((a <= 0) | (a >= 1)).any():
        raise ValueError(f"{name} must hold outputs strictly between 0 and 1 (a sigmoid's values); got "
                         f"values from {a.min():g} to {a.max():g}")
    return a


def _check_literal_z(z, name):
    """Scores small enough that h = g(z) is not rounded to 0 or 1, so h and 1 − h can be divided by."""
    z = _as_real_array(z, name)
    if (np.abs(z) > 30).any():
        raise ValueError(f"{name} must satisfy |{name}| ≤ 30 so that h = g({name}) stays away from 0 and 1 "
                         f"in float64; got a value of size {np.abs(z).max():g}")
    return z


def _scores_and_targets(z, Y, z_name):
    z = _as_real_array(z, z_name)
    if z.ndim != 2:
        raise ValueError(f"{z_name} must be a matrix of shape (m, K); got shape {z.shape}")
    return z, _check_targets(Y, z.shape)


# --- Q1: one example, one output unit ----------------------------------------------------------------

SINGLE_EXAMPLE_STEPS = (
    "chain rule",
    "g' = h(1 − h)",
    "distribute",
    "cancel",
)
"""The names of the lines of :func:`single_example_steps`, in order."""


def single_example_steps(z, y):
    """Every line of the derivation of ∂J/∂z for one example and one output, evaluated at ``z``.

    Parameters
    ----------
    z : float or array_like, any shape
        Output scores, |z| ≤ 30 (the lines divide by h and 1 − h, which must not round to 0 or 1).
    y : float or array_like, shape of ``z``
        The labels, 0 or 1 (any value in [0, 1] is accepted).

    Returns
    -------
    list of (str, ndarray of float64)
        One pair per line, named as in :data:`SINGLE_EXAMPLE_STEPS`, with h = g(z):

        ==============  =====================================================
        chain rule      (−y/h + (1 − y)/(1 − h)) · g'(z)
        g' = h(1 − h)   (−y/h + (1 − y)/(1 − h)) · h(1 − h)
        distribute      −y(1 − h) + (1 − y)h
        cancel          h − y
        ==============  =====================================================

    Raises
    ------
    TypeError
        If ``z`` or ``y`` does not hold real numbers.
    ValueError
        If an entry is NaN/inf, |z| > 30, ``y`` is outside [0, 1] or its shape differs from ``z``'s.

    Notes
    -----
    J = −y log h − (1 − y) log(1 − h) depends on z only through h = g(z), so ∂J/∂z = ∂J/∂h · g'(z)
    (chain rule). ∂J/∂h = −y/h + (1 − y)/(1 − h) = (h − y)/(h(1 − h)), and g'(z) = h(1 − h) is
    exactly that denominator: it cancels, leaving δ(3) = h − y. Chapter 06.
    """
    z = _check_literal_z(z, "z")
    y = _check_targets(y, z.shape, "y")
    h = sigmoid(z)
    dJ_dh_single = -y / h + (1 - y) / (1 - h)
    lines = [
        dJ_dh_single * sigmoid_gradient(z),
        dJ_dh_single * (h * (1 - h)),
        -y * (1 - h) + (1 - y) * h,
        h - y,
    ]
    return list(zip(SINGLE_EXAMPLE_STEPS, lines, strict=True))


# --- Q1 and Q2: m examples, K output units -----------------------------------------------------------

def output_cost(z3, Y):
    """The unregularised cost J written as a function of the output scores z(3).

    Parameters
    ----------
    z3 : array_like, shape (m, K)
        Output scores a(2) Θ(2)ᵀ.
    Y : array_like, shape (m, K)
        One-hot targets.

    Returns
    -------
    float
        J = (1/m) Σ_i Σ_k [−Y_ik log g(z_ik) − (1 − Y_ik) log(1 − g(z_ik))].

    Raises
    ------
    TypeError, ValueError
        If the inputs are not finite real matrices of one shape, or Y is outside [0, 1].

    Notes
    -----
    Per entry the bracket equals log(1 + e^z) − y z (chapter 01), evaluated with ``logaddexp`` so
    it stays finite for any z. The regularisation term does not depend on z(3), so it is left out:
    it cannot change ∂J/∂z(3).
    """
    z3, Y = _scores_and_targets(z3, Y, "z3")
    m = z3.shape[0]
    return float(np.sum(np.logaddexp(0.0, z3) - Y * z3) / m)


def output_cost_of_h(a3, Y):
    """The same cost J written as a function of the outputs h = a(3), with the logarithms literal.

    Parameters
    ----------
    a3 : array_like, shape (m, K)
        Outputs strictly between 0 and 1.
    Y : array_like, shape (m, K)
        One-hot targets.

    Returns
    -------
    float
        J = −(1/m) Σ_i Σ_k [Y_ik log a_ik + (1 − Y_ik) log(1 − a_ik)].

    Raises
    ------
    TypeError, ValueError
        If the inputs are not finite real matrices of one shape, an output is not in (0, 1), or Y
        is outside [0, 1].

    Notes
    -----
    Differentiating this with respect to a(3) gives ∂J/∂h (Q2); differentiating :func:`output_cost`
    with respect to z(3) gives ∂J/∂z. Same number J, different variable.
    """
    a3, Y = _scores_and_targets(a3, Y, "a3")
    a3 = _check_probabilities(a3, "a3")
    m = a3.shape[0]
    return float(-np.sum(Y * np.log(a3) + (1 - Y) * np.log(1 - a3)) / m)


def delta3(a3, Y):
    """The output error of the course, δ(3) = a(3) − Y, one row per example.

    Parameters
    ----------
    a3 : array_like, shape (m, K)
    Y : array_like, shape (m, K)

    Returns
    -------
    ndarray, shape (m, K)

    Raises
    ------
    TypeError, ValueError
        If the inputs are not finite real matrices of one shape, or Y is outside [0, 1].

    Notes
    -----
    Row i is ∂/∂z(3) of example i's own cost; the cost J averages the examples, so
    ∂J/∂z(3) = δ(3)/m (:func:`dJ_dz3`).
    """
    a3, Y = _scores_and_targets(a3, Y, "a3")
    return a3 - Y


def dJ_dz3(a3, Y):
    """∂J/∂z(3) = (a(3) − Y)/m, shape (m, K): the claim of Q1 for m examples and K classes.

    Parameters and Raises as :func:`delta3`.

    Notes
    -----
    J = (1/m) Σ_i Σ_k J_ik and entry (i, k) of z(3) appears only in J_ik, so ∂J/∂z_ik is (1/m) times
    the one-example, one-output result a_ik − y_ik. Chapter 06 compares it with central differences
    of :func:`output_cost`.
    """
    d = delta3(a3, Y)
    return d / d.shape[0]


def dJ_dh(a3, Y):
    """∂J/∂h = (a(3) − Y) / (a(3)(1 − a(3))) / m, shape (m, K) — what δ is *not* (Q2).

    Parameters
    ----------
    a3 : array_like, shape (m, K)
        Outputs strictly between 0 and 1.
    Y : array_like, shape (m, K)

    Returns
    -------
    ndarray, shape (m, K)

    Raises
    ------
    TypeError, ValueError
        As :func:`output_cost_of_h`.

    Notes
    -----
    The derivative of −y log h − (1 − y) log(1 − h) with respect to h is (h − y)/(h(1 − h)); it is
    large where the network is confidently wrong (h near 0 or 1). Backpropagation needs the
    derivative with respect to z instead, one factor g'(z) = h(1 − h) further along the chain,
    and that factor removes the denominator.
    """
    a3, Y = _scores_and_targets(a3, Y, "a3")
    a3 = _check_probabilities(a3, "a3")
    return (a3 - Y) / (a3 * (1 - a3)) / a3.shape[0]


# --- Q11: the hidden layer's error --------------------------------------------------------------------

def _check_theta2_for(Theta2, s2, K, name="Theta2"):
    Theta2 = as_float_matrix(Theta2, name)
    if Theta2.shape != (K, s2 + 1):
        raise ValueError(f"{name} must have shape (K, s2+1) = ({K}, {s2 + 1}); got {Theta2.shape}")
    return Theta2


def cost_of_a2(a2, Theta2, Y):
    """J as a function of the hidden activations a(2), bias column included.

    Parameters
    ----------
    a2 : array_like, shape (m, s2+1)
        Column 0 is the bias unit; here it is an input like any other, so it can be nudged.
    Theta2 : array_like, shape (K, s2+1)
    Y : array_like, shape (m, K)

    Returns
    -------
    float
        :func:`output_cost` of z(3) = a(2) Θ(2)ᵀ.

    Raises
    ------
    TypeError, ValueError
        If a shape does not fit or an entry is not finite.

    Notes
    -----
    Nudging column 0 shows that J *does* depend on a0(2): ∂J/∂a(2) = δ(3) Θ(2) / m has a column 0.
    It is not passed on, because a0(2) = 1 is a constant: no weight and no z feeds it.
    """
    a2 = as_float_matrix(a2, "a2")
    Y = _as_real_array(Y, "Y")
    Theta2 = _check_theta2_for(Theta2, a2.shape[1] - 1, Y.shape[-1])
    return output_cost(a2 @ Theta2.T, Y)


def cost_of_z2(z2, Theta2, Y):
    """J as a function of the hidden scores z(2): a(2) = [1, g(z(2))], z(3) = a(2) Θ(2)ᵀ.

    Parameters
    ----------
    z2 : array_like, shape (m, s2)
    Theta2 : array_like, shape (K, s2+1)
    Y : array_like, shape (m, K)

    Returns
    -------
    float

    Raises
    ------
    TypeError, ValueError
        If a shape does not fit or an entry is not finite.

    Notes
    -----
    Its central-difference gradient is ∂J/∂z(2) with nothing derived: the oracle for δ(2)/m.
    """
    z2 = as_float_matrix(z2, "z2")
    a2 = np.hstack([np.ones((z2.shape[0], 1)), sigmoid(z2)])
    return cost_of_a2(a2, Theta2, Y)


def _hidden_inputs(delta3_, Theta2, z2):
    delta3_ = as_float_matrix(delta3_, "delta3")
    z2 = as_float_matrix(z2, "z2")
    if z2.shape[0] != delta3_.shape[0]:
        raise ValueError(f"z2 must have one row per example, {delta3_.shape[0]} like delta3; got {z2.shape}")
    Theta2 = _check_theta2_for(Theta2, z2.shape[1], delta3_.shape[1])
    return delta3_, Theta2, z2


def delta2_sum(delta3, Theta2, z2):
    """δ(2) with the sum over output units written out: δ_j(2) = (Σ_k Θ(2)_kj δ_k(3)) g'(z_j(2)).

    Parameters
    ----------
    delta3 : array_like, shape (m, K)
    Theta2 : array_like, shape (K, s2+1)
    z2 : array_like, shape (m, s2)

    Returns
    -------
    ndarray, shape (m, s2)
        Hidden unit j (1-based, as in the maths) is column j − 1.

    Raises
    ------
    ValueError
        If the shapes do not fit together.

    Notes
    -----
    z_j(2) reaches J along K paths, one through each output unit k, since z_k(3) = Σ_j Θ(2)_kj a_j(2)
    uses a_j(2) = g(z_j(2)) for every k. The multivariable chain rule adds the paths:
    ∂J/∂z_j(2) = Σ_k ∂J/∂z_k(3) · Θ(2)_kj · g'(z_j(2)). Loops over i, j, k; for reading, not speed.
    """
    delta3, Theta2, z2 = _hidden_inputs(delta3, Theta2, z2)
    m, s2 = z2.shape
    K = delta3.shape[1]
    result = np.zeros((m, s2))
    for i in range(m):
        for j in range(1, s2 + 1):  # hidden unit j is column j of Θ(2): column 0 is the bias weight
            total = 0.0
            for k in range(K):
                total += Theta2[k, j] * delta3[i, k]
            result[i, j - 1] = total * sigmoid_gradient(z2[i, j - 1])
    return result


def delta2_column(delta3_t, Theta2, z2_t):
    """δ(2) of one example held as a column, as the course writes it: (Θ(2)ᵀ δ(3))[1:] ⊙ g'(z(2)).

    Parameters
    ----------
    delta3_t : array_like, shape (K,)
        δ(3) of example t.
    Theta2 : array_like, shape (K, s2+1)
    z2_t : array_like, shape (s2,)

    Returns
    -------
    ndarray, shape (s2,)

    Raises
    ------
    ValueError
        If the shapes do not fit together.

    Notes
    -----
    Θ(2)ᵀ δ(3) has s2 + 1 entries; entry 0 belongs to the bias unit a0(2) and is dropped (the
    course's ``delta2(2:end)``), because a0(2) = 1 has no z of its own to pass an error to.
    """
    delta3_t = _as_real_array(delta3_t, "delta3_t")
    z2_t = _as_real_array(z2_t, "z2_t")
    if delta3_t.ndim != 1 or z2_t.ndim != 1:
        raise ValueError(f"delta3_t and z2_t must be vectors; got shapes {delta3_t.shape} and {z2_t.shape}")
    Theta2 = _check_theta2_for(Theta2, z2_t.shape[0], delta3_t.shape[0])
    with_bias = Theta2.T @ delta3_t  # (s2+1,)
    return with_bias[1:] * sigmoid_gradient(z2_t)


def delta2(delta3, Theta2, z2):
    """δ(2) = δ(3) Θ(2)[:, 1:] ⊙ g'(z(2)) for all examples at once, shape (m, s2).

    Parameters and Raises as :func:`delta2_sum`.

    Notes
    -----
    Row i of δ(3) Θ(2) is (Θ(2)ᵀ δ(3)_i)ᵀ, the column form of :func:`delta2_column` lying down:
    with examples as rows the transpose moves to the other side. Dropping column 0 of Θ(2) drops
    the bias unit's entry.
    """
    delta3, Theta2, z2 = _hidden_inputs(delta3, Theta2, z2)
    return (delta3 @ Theta2[:, 1:]) * sigmoid_gradient(z2)


# --- Q12: the gradient as outer products ----------------------------------------------------------

def _network_inputs(Theta1, Theta2, X, y, lambda_):
    X = as_float_matrix(X, "X")
    Theta1, Theta2 = check_network_thetas(Theta1, Theta2, X.shape[1])
    labels = check_class_labels(y, X.shape[0], Theta2.shape[0])
    return Theta1, Theta2, X, labels, check_lambda(lambda_)


def gradient_from_outer_products(Theta1, Theta2, X, y, lambda_=0.0):
    """∂J/∂Θ(l) as Σ_t δ(l+1)_t a(l)_tᵀ / m plus (λ/m) Θ(l) off the bias column.

    Parameters
    ----------
    Theta1 : array_like, shape (s2, n+1)
    Theta2 : array_like, shape (K, s2+1)
    X : array_like, shape (m, n)
    y : array_like of int, shape (m,)
        Labels 0..K-1.
    lambda_ : float, default 0.0

    Returns
    -------
    Theta1_grad : ndarray, shape (s2, n+1)
    Theta2_grad : ndarray, shape (K, s2+1)

    Raises
    ------
    TypeError, ValueError
        As :func:`mlcourse.network.gradient`.

    Notes
    -----
    z_i(l+1) = Σ_j Θ(l)_ij a_j(l), so ∂z_i(l+1)/∂Θ(l)_ij = a_j(l) and, per example,
    ∂J/∂Θ(l)_ij = δ_i(l+1) a_j(l): all i, j at once this is the outer product δ(l+1) a(l)ᵀ, of
    Θ(l)'s shape. The examples' costs are averaged, so the products are summed and divided by m.
    Built from :func:`delta3` and :func:`delta2`, one ``np.outer`` per example.
    """
    Theta1, Theta2, X, labels, lambda_ = _network_inputs(Theta1, Theta2, X, y, lambda_)
    m = X.shape[0]
    a1, z2, a2, _, a3 = network.forward(Theta1, Theta2, X)
    d3 = delta3(a3, network.one_hot(labels, Theta2.shape[0]))
    d2 = delta2(d3, Theta2, z2)
    Delta1 = np.zeros_like(Theta1)
    Delta2 = np.zeros_like(Theta2)
    for t in range(m):
        Delta1 += np.outer(d2[t], a1[t])
        Delta2 += np.outer(d3[t], a2[t])
    Theta1_grad, Theta2_grad = Delta1 / m, Delta2 / m
    # the bias column is not regularised, so it gets no (λ/m) Θ term
    Theta1_grad[:, 1:] += (lambda_ / m) * Theta1[:, 1:]
    Theta2_grad[:, 1:] += (lambda_ / m) * Theta2[:, 1:]
    return Theta1_grad, Theta2_grad


# --- Q10: squared error at the output -----------------------------------------------------------

def squared_error_cost(z3, Y):
    """The squared-error cost J = (1/(2m)) Σ_i Σ_k (g(z_ik) − Y_ik)², as a function of z(3).

    Parameters
    ----------
    z3 : array_like, shape (m, K)
    Y : array_like, shape (m, K)

    Returns
    -------
    float

    Raises
    ------
    TypeError, ValueError
        As :func:`output_cost`.
    """
    z3, Y = _scores_and_targets(z3, Y, "z3")
    return float(np.sum((sigmoid(z3) - Y) ** 2) / (2 * z3.shape[0]))


def squared_error_delta3(z3, Y):
    """The squared-error output error δ(3) = −(Y − a(3)) ⊙ g'(z(3)), shape (m, K).

    Parameters and Raises as :func:`squared_error_cost`.

    Notes
    -----
    Per entry, ½(a − y)² with a = g(z): ∂/∂a = a − y = −(y − a), and ∂a/∂z = g'(z), so
    δ = −(y − a) g'(z) (∂J/∂z(3) = δ/m). Unlike cross-entropy, no denominator cancels g'(z): where
    the output saturates (a near 0 or 1) g'(z) ≈ 0 and the error is tiny even when a is wrong.
    """
    z3, Y = _scores_and_targets(z3, Y, "z3")
    a3 = sigmoid(z3)
    return -(Y - a3) * sigmoid_gradient(z3)


def output_error_gradient(Theta1, Theta2, X, y, lambda_=0.0, *, output_error="cross_entropy"):
    """Backpropagation with either output error; the rest of the algorithm is the same.

    Parameters
    ----------
    Theta1, Theta2, X, y, lambda_
        As in :func:`mlcourse.network.gradient`.
    output_error : {"cross_entropy", "squared_error"}
        δ(3) = a(3) − Y (the course's cost) or −(Y − a(3)) ⊙ g'(z(3)) (squared error).

    Returns
    -------
    Theta1_grad : ndarray, shape (s2, n+1)
    Theta2_grad : ndarray, shape (K, s2+1)
        The gradient of the cross-entropy or of the squared-error cost, plus (λ/m) Θ off the bias
        column.

    Raises
    ------
    TypeError, ValueError
        As :func:`mlcourse.network.gradient`, or for an unknown ``output_error``.
    """
    Theta1, Theta2, X, labels, lambda_ = _network_inputs(Theta1, Theta2, X, y, lambda_)
    return _output_error_gradient(Theta1, Theta2, X, network.one_hot(labels, Theta2.shape[0]),
                                  lambda_, output_error)


def _output_error_gradient(Theta1, Theta2, X, Y, lambda_, output_error):
    m = X.shape[0]
    a1 = np.hstack([np.ones((m, 1)), X])
    z2 = a1 @ Theta1.T
    a2 = np.hstack([np.ones((m, 1)), sigmoid(z2)])
    z3 = a2 @ Theta2.T
    if output_error == "cross_entropy":
        d3 = sigmoid(z3) - Y
    elif output_error == "squared_error":
        d3 = -(Y - sigmoid(z3)) * sigmoid_gradient(z3)
    else:
        raise ValueError(f'output_error must be "cross_entropy" or "squared_error"; got {output_error!r}')
    d2 = (d3 @ Theta2[:, 1:]) * sigmoid_gradient(z2)
    Theta1_grad = d2.T @ a1 / m
    Theta2_grad = d3.T @ a2 / m
    Theta1_grad[:, 1:] += (lambda_ / m) * Theta1[:, 1:]
    Theta2_grad[:, 1:] += (lambda_ / m) * Theta2[:, 1:]
    return Theta1_grad, Theta2_grad


def saturated_start(input_size, hidden_size, num_labels, *, seed=0, output_bias=6.0):
    """Random initial weights with every output unit pushed into saturation by its bias.

    Parameters
    ----------
    input_size, hidden_size, num_labels : int
        n, s2 and K.
    seed : int, default 0
        As in :func:`mlcourse.network.initialize_weights`.
    output_bias : float, default 6.0
        Added to column 0 of Θ(2); with 6, every output starts near g(6) ≈ 0.998, confidently
        "yes" for every class — wrong for K − 1 of the K outputs of every example.

    Returns
    -------
    Theta1 : ndarray, shape (hidden_size, input_size + 1)
    Theta2 : ndarray, shape (num_labels, hidden_size + 1)

    Raises
    ------
    ValueError
        If a size is not a positive integer or ``output_bias`` is not finite.
    """
    Theta1, Theta2 = network.initialize_weights(input_size, hidden_size, num_labels, seed)
    if not (isinstance(output_bias, int | float) and np.isfinite(output_bias)):
        raise ValueError(f"output_bias must be a finite number; got {output_bias!r}")
    Theta2[:, 0] += output_bias
    return Theta1, Theta2


class Checkpoint(NamedTuple):
    """The state of one gradient-descent run after ``iteration`` steps."""

    iteration: int
    cross_entropy: float  #: the course's J (λ = 0), whichever error was trained on
    squared_error: float  #: (1/(2m)) Σ (a − y)²
    accuracy: float  #: fraction of training examples classified correctly
    mean_abs_delta3: float  #: mean |δ(3)| of the error being trained on: how hard the outputs are pushed


def train_output_errors(Theta1, Theta2, X, y, *, alpha, num_iters, checkpoints, lambda_=0.0):
    """Train the same network from the same start with each output error; record checkpoints.

    Parameters
    ----------
    Theta1 : array_like, shape (s2, n+1)
    Theta2 : array_like, shape (K, s2+1)
        The common start (not modified).
    X : array_like, shape (m, n)
    y : array_like of int, shape (m,)
    alpha : float
        Learning rate of batch gradient descent, the same for both runs.
    num_iters : int
        Steps of each run.
    checkpoints : sequence of int
        Iterations (0..num_iters) at which to record a :class:`Checkpoint`.
    lambda_ : float, default 0.0

    Returns
    -------
    dict
        ``{"cross_entropy": [Checkpoint, ...], "squared_error": [Checkpoint, ...]}``, one entry per
        checkpoint in increasing order.

    Raises
    ------
    TypeError, ValueError
        For invalid network inputs, ``alpha`` ≤ 0, ``num_iters`` < 1 or a checkpoint outside
        0..num_iters.

    Notes
    -----
    Plain gradient descent with a fixed α, so the only difference between the runs is δ(3). Both
    are judged by the same yardsticks (cross-entropy, squared error, accuracy), whichever cost
    they descend. Chapter 06, Q10.
    """
    Theta1, Theta2, X, labels, lambda_ = _network_inputs(Theta1, Theta2, X, y, lambda_)
    alpha = check_positive_real(alpha, "alpha")
    num_iters = check_positive_int(num_iters, "num_iters")
    wanted = sorted({int(c) for c in checkpoints})
    if not wanted or wanted[0] < 0 or wanted[-1] > num_iters:
        raise ValueError(f"checkpoints must be iterations between 0 and num_iters = {num_iters}; got "
                         f"{list(checkpoints)!r}")
    K = Theta2.shape[0]
    Y = network.one_hot(labels, K)
    runs = {}
    with single_blas_thread():  # small matrices: one BLAS thread is faster and gives the same sums
        for output_error in ("cross_entropy", "squared_error"):
            runs[output_error] = _descend(Theta1, Theta2, X, labels, Y, lambda_, alpha, num_iters,
                                          wanted, output_error)
    return runs


def _descend(Theta1, Theta2, X, labels, Y, lambda_, alpha, num_iters, wanted, output_error):
    W1, W2 = Theta1.copy(), Theta2.copy()
    records = []
    for iteration in range(num_iters + 1):
        if iteration in wanted:
            records.append(_checkpoint(iteration, W1, W2, X, labels, Y, output_error))
        if iteration == num_iters:
            break
        grad1, grad2 = _output_error_gradient(W1, W2, X, Y, lambda_, output_error)
        W1 -= alpha * grad1
        W2 -= alpha * grad2
    return records


def _checkpoint(iteration, Theta1, Theta2, X, labels, Y, output_error):
    z3 = network.forward(Theta1, Theta2, X).z3
    if output_error == "cross_entropy":
        d3 = sigmoid(z3) - Y
    else:
        d3 = -(Y - sigmoid(z3)) * sigmoid_gradient(z3)
    return Checkpoint(iteration=iteration, cross_entropy=output_cost(z3, Y),
                      squared_error=squared_error_cost(z3, Y),
                      accuracy=float(np.mean(np.argmax(z3, axis=1) == labels)),
                      mean_abs_delta3=float(np.mean(np.abs(d3))))


# --- Q13: the computation graph ----------------------------------------------------------------

GRAPH_NODES = ("z", "u0", "u1", "u2", "u3", "u4", "u5")
"""The nodes of the binary cross-entropy graph in the order they are computed."""


def _graph_inputs(z, y):
    z = _check_literal_z(z, "z")
    if z.ndim != 1:
        raise ValueError(f"z must be a vector of shape (m,); got {z.shape}")
    return z, _check_targets(y, z.shape, "y")


def graph_forward(z, y, *, replace=None):
    """The forward pass of J through the graph u0 … u5, node by node.

    Parameters
    ----------
    z : array_like, shape (m,)
        Output scores, |z| ≤ 30 (the graph takes literal logarithms of u0 = a and u1 = 1 − a).
    y : array_like, shape (m,)
        Labels 0 or 1.
    replace : (str, array_like), optional
        ``(node, values)``: use ``values`` for that node instead of computing it; the nodes after it
        are computed from the replacement. This is how :func:`graph_numerical_adjoints` nudges one
        node while holding everything upstream fixed.

    Returns
    -------
    dict of str to ndarray
        Every node of :data:`GRAPH_NODES`; u5 = J has shape (1,), the others (m,):

        ====  ==============================  ===================
        z     the input
        u0    g(z) = a
        u1    1 − u0
        u2    log u0
        u3    log u1
        u4    y u2 + (1 − y) u3               −(cost of example i)
        u5    −(1/m) Σ_i u4_i = J
        ====  ==============================  ===================

    Raises
    ------
    TypeError, ValueError
        For invalid ``z``/``y``, an unknown node, or a replacement of the wrong shape.
    """
    z, y = _graph_inputs(z, y)
    m = z.shape[0]
    override_node, override_values = replace if replace is not None else (None, None)
    if override_node is not None:
        if override_node not in GRAPH_NODES:
            raise ValueError(f"replace must name a node of {GRAPH_NODES}; got {override_node!r}")
        override_values = _as_real_array(override_values, "replace values")
        expected = (1,) if override_node == "u5" else (m,)
        if override_values.shape != expected:
            raise ValueError(f"the values replacing {override_node} must have shape {expected}; got "
                             f"{override_values.shape}")
    operations = (
        ("z", lambda u: z),
        ("u0", lambda u: sigmoid(u["z"])),
        ("u1", lambda u: 1.0 - u["u0"]),
        ("u2", lambda u: np.log(u["u0"])),
        ("u3", lambda u: np.log(u["u1"])),
        ("u4", lambda u: y * u["u2"] + (1 - y) * u["u3"]),
        ("u5", lambda u: np.array([-np.sum(u["u4"]) / m])),
    )
    nodes = {}
    for name, operation in operations:
        nodes[name] = override_values if name == override_node else operation(nodes)
    return nodes


def graph_local_derivatives(z, y):
    """Each edge's local derivative ∂(child)/∂(parent), evaluated at the forward pass's values.

    Parameters
    ----------
    z, y
        As in :func:`graph_forward`.

    Returns
    -------
    dict of (str, str) to ndarray
        ``(child, parent) → ∂child/∂parent``, elementwise (shape (m,)):

        ============  ================
        (u0, z)       u0 (1 − u0) = g'(z)
        (u1, u0)      −1
        (u2, u0)      1 / u0
        (u3, u1)      1 / u1
        (u4, u2)      y
        (u4, u3)      1 − y
        (u5, u4)      −1/m
        ============  ================

    Raises
    ------
    TypeError, ValueError
        As :func:`graph_forward`.
    """
    z, y = _graph_inputs(z, y)
    u = graph_forward(z, y)
    m = z.shape[0]
    return {
        ("u0", "z"): u["u0"] * (1 - u["u0"]),
        ("u1", "u0"): -np.ones(m),
        ("u2", "u0"): 1 / u["u0"],
        ("u3", "u1"): 1 / u["u1"],
        ("u4", "u2"): y.copy(),
        ("u4", "u3"): 1 - y,
        ("u5", "u4"): np.full(m, -1.0 / m),
    }


def graph_backward(z, y):
    """The backward pass: ∂J/∂(node) for every node, from u5 back to z.

    Parameters
    ----------
    z, y
        As in :func:`graph_forward`.

    Returns
    -------
    dict of str to ndarray
        ``node → ∂J/∂node`` (the node's "adjoint"), shapes as in :func:`graph_forward`.

    Raises
    ------
    TypeError, ValueError
        As :func:`graph_forward`.

    Notes
    -----
    Start with ∂J/∂u5 = 1. Each node's adjoint is the sum, over the nodes it feeds, of the child's
    adjoint times the local derivative of that edge. u0 feeds two nodes (u1 and u2), so its adjoint
    has two terms; they combine into (a − y)/(m a (1 − a)) = ∂J/∂a, and the last edge, g'(z), turns
    it into ∂J/∂z = (a − y)/m.
    """
    z, y = _graph_inputs(z, y)
    local = graph_local_derivatives(z, y)
    adjoint = {"u5": np.ones(1)}
    adjoint["u4"] = adjoint["u5"] * local[("u5", "u4")]
    adjoint["u3"] = adjoint["u4"] * local[("u4", "u3")]
    adjoint["u2"] = adjoint["u4"] * local[("u4", "u2")]
    adjoint["u1"] = adjoint["u3"] * local[("u3", "u1")]
    adjoint["u0"] = adjoint["u2"] * local[("u2", "u0")] + adjoint["u1"] * local[("u1", "u0")]
    adjoint["z"] = adjoint["u0"] * local[("u0", "z")]
    return {name: adjoint[name] for name in GRAPH_NODES}


def graph_numerical_adjoints(z, y, epsilon=1e-6):
    """∂J/∂(node) for every node by central differences: nudge one entry of the node, recompute.

    Parameters
    ----------
    z, y
        As in :func:`graph_forward`.
    epsilon : float, default 1e-6
        The nudge.

    Returns
    -------
    dict of str to ndarray
        As :func:`graph_backward`, computed with no local derivative at all.

    Raises
    ------
    TypeError, ValueError
        As :func:`graph_forward`, or for an invalid ``epsilon``.
    """
    z, y = _graph_inputs(z, y)
    epsilon = check_positive_real(epsilon, "epsilon")
    values = graph_forward(z, y)
    adjoints = {}
    for name in GRAPH_NODES:
        adjoints[name] = numerical_gradient(
            lambda v, name=name: float(graph_forward(z, y, replace=(name, v))["u5"][0]),
            values[name], epsilon)
    return adjoints
