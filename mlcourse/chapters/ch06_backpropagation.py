"""Chapter 06's experiment harness: the Q10 training run, and how the chapter reports its checks.

The derivation of backpropagation is written in chapter 06's own cells, where it is read and
checked: the steps of δ(3) = h − y (Q1, Q2), the sum in δ(2) as loops and as columns (Q11), the
gradient as outer products (Q12), the per-example loop, the squared-error output error (Q10) and
the computation graph u0 … u5 (Q13). The network's own backpropagation is
:func:`mlcourse.network.gradient`; a variant with another output error calls
:func:`mlcourse.network.backward` with its own δ(3). What is here only runs and reports:

- Q10: :func:`saturated_start` (weights whose outputs all start saturated) and
  :func:`train_output_errors`, which trains one network from one start with each output error
  the chapter defines, recording :class:`Checkpoint` rows.

Notation as in :mod:`mlcourse.network`: examples are rows, ``z = a @ Theta.T``, bias in column 0 of
every Θ; ``Y`` is the one-hot (m, K) matrix of the labels.
"""

from typing import NamedTuple

import numpy as np

from .. import network
from .._validation import (
    as_float_matrix,
    check_class_labels,
    check_lambda,
    check_network_thetas,
    check_positive_int,
    check_positive_real,
)
from ..optimize import single_blas_thread

__all__ = ["Checkpoint", "saturated_start", "train_output_errors"]


# --- Q10: the same network trained with two output errors -------------------------------------

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
    accuracy: float  #: fraction of training examples classified correctly
    mean_abs_delta3: float  #: mean |δ(3)| of the error being trained on: how hard the outputs are pushed


def _check_run(Theta1, Theta2, X, y, output_errors, lambda_, alpha, num_iters, checkpoints):
    X = as_float_matrix(X, "X")
    Theta1, Theta2 = check_network_thetas(Theta1, Theta2, X.shape[1])
    labels = check_class_labels(y, X.shape[0], Theta2.shape[0])
    if not (isinstance(output_errors, dict) and output_errors
            and all(callable(f) for f in output_errors.values())):
        raise TypeError("output_errors must be a non-empty dict of name → function (z3, Y) -> delta3; "
                        f"got {output_errors!r}")
    num_iters = check_positive_int(num_iters, "num_iters")
    wanted = sorted({int(c) for c in checkpoints})
    if not wanted or wanted[0] < 0 or wanted[-1] > num_iters:
        raise ValueError(f"checkpoints must be iterations between 0 and num_iters = {num_iters}; got "
                         f"{list(checkpoints)!r}")
    return (Theta1, Theta2, X, labels, check_lambda(lambda_), check_positive_real(alpha, "alpha"),
            num_iters, wanted)


def train_output_errors(Theta1, Theta2, X, y, output_errors, *, alpha, num_iters, checkpoints,
                        lambda_=0.0):
    """Train the same network from the same start once per output error; record checkpoints.

    Parameters
    ----------
    Theta1 : array_like, shape (s2, n+1)
    Theta2 : array_like, shape (K, s2+1)
        The common start (not modified).
    X : array_like, shape (m, n)
    y : array_like of int, shape (m,)
    output_errors : dict of str to callable
        ``name → output_error(z3, Y)``, each returning δ(3) of shape (m, K) from the output scores
        z3 (m, K) and the one-hot targets Y (m, K): for the course's cost ``g(z3) − Y``.
    alpha : float
        Learning rate of batch gradient descent, the same for every run.
    num_iters : int
        Steps of each run.
    checkpoints : sequence of int
        Iterations (0..num_iters) at which to record a :class:`Checkpoint`.
    lambda_ : float, default 0.0

    Returns
    -------
    dict of str to list of Checkpoint
        One list per name of ``output_errors``, one entry per checkpoint in increasing order.

    Raises
    ------
    TypeError, ValueError
        For invalid network inputs, ``output_errors`` that is not a dict of functions, a δ(3) that
        is not a finite (m, K) array, ``alpha`` ≤ 0, ``num_iters`` < 1 or a checkpoint outside
        0..num_iters.

    Notes
    -----
    Each step is backpropagation with the run's own δ(3): :func:`mlcourse.network.backward` does
    everything after it, so the runs differ in δ(3) only. Plain gradient descent with a fixed α;
    every run is measured with the same yardsticks (the cross-entropy J with λ = 0, accuracy),
    whichever cost it descends. Chapter 06, Q10.
    """
    Theta1, Theta2, X, labels, lambda_, alpha, num_iters, wanted = _check_run(
        Theta1, Theta2, X, y, output_errors, lambda_, alpha, num_iters, checkpoints)
    Y = network.one_hot(labels, Theta2.shape[0])
    runs = {}
    with single_blas_thread():  # small matrices: one BLAS thread is faster and gives the same sums
        for name, output_error in output_errors.items():
            runs[name] = _descend(Theta1.copy(), Theta2.copy(), X, labels, Y, output_error, lambda_,
                                  alpha, num_iters, wanted)
    return runs


def _descend(Theta1, Theta2, X, labels, Y, output_error, lambda_, alpha, num_iters, wanted):
    """Gradient descent on Theta1, Theta2 in place; a Checkpoint at each iteration in ``wanted``."""
    records = []
    for iteration in range(num_iters + 1):
        forward = network.forward(Theta1, Theta2, X)
        z3 = forward.z3
        delta3 = _output_error(output_error, z3, Y)
        if iteration in wanted:
            records.append(Checkpoint(
                iteration=iteration, cross_entropy=network.cost(Theta1, Theta2, X, labels),
                accuracy=float(np.mean(np.argmax(z3, axis=1) == labels)),
                mean_abs_delta3=float(np.mean(np.abs(delta3)))))
        if iteration == num_iters:
            break
        Theta1_grad, Theta2_grad = network.backward(Theta1, Theta2, X, forward.z2, forward.a2, delta3,
                                                    lambda_)
        Theta1 -= alpha * Theta1_grad
        Theta2 -= alpha * Theta2_grad
    return records


def _output_error(output_error, z3, Y):
    delta3 = np.asarray(output_error(z3, Y), dtype=np.float64)
    if delta3.shape != Y.shape or not np.isfinite(delta3).all():
        raise ValueError(f"output_error(z3, Y) must return finite numbers of shape (m, K) = {Y.shape}; got "
                         f"shape {delta3.shape}")
    return delta3
