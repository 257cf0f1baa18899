"""Chapter 06's experiment harness and figures: the Q10 training runs, and δ(3) drawn against z.

The derivation of the output error is written in chapter 06's own cells, where it is read and
checked: the steps of δ(3) = h − y (Q1), δ beside ∂J/∂h (Q2) and the squared-error output error
(Q10). The rest of backpropagation, which takes any δ(3), is :func:`mlcourse.network.backward`
(chapter 07 derives it). What is here only runs and draws:

- Q10: :func:`saturated_start` (weights whose outputs all start saturated) and
  :func:`train_output_errors`, which trains one network from one start with each output error
  the chapter defines, recording :class:`Checkpoint` rows;
- :func:`plot_output_errors`, the output errors the chapter computes against the score z, and
  :func:`plot_learning_curves`, the checkpoints of the runs against the iteration.

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

__all__ = ["Checkpoint", "plot_learning_curves", "plot_output_errors", "saturated_start",
           "train_output_errors"]


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
    """Gradient descent on Theta1, Theta2 in place; a Checkpoint at each iteration in ``wanted``.

    A loop of its own rather than :func:`mlcourse.optimize.gradient_descent`, which refuses a step
    that raises the cost: here each output error's step is taken as it is, and the cross-entropy is
    only measured, so that the two δ(3)'s are compared on the same footing.
    """
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


# --- the figures ----------------------------------------------------------------------------------

# Each curve differs from the others in line style and marker, not only in colour, so the figures
# read the same in grey scale and to a colour-blind reader; the colours come from the course's
# palette (matplotlib's property cycle, which plotting sets).
_LINE_STYLES = (("-", "o"), ("--", "s"), (":", "^"), ("-.", "D"))


def _tell_apart(ax):
    for line, (linestyle, marker) in zip(ax.lines, _LINE_STYLES, strict=False):
        line.set(linestyle=linestyle, marker=marker, markevery=0.1, markersize=5)


def plot_output_errors(z, errors, *, label=0):
    """Draw output errors against the score z: δ(3) itself, and its size on a log scale.

    Parameters
    ----------
    z : array_like, shape (T,)
        Scores of one output unit, increasing.
    errors : dict of str to array_like of shape (T,)
        Legend label → δ(3) at each z, as the chapter computed it (one curve per output error).
    label : int, default 0
        The label y of the output, for the titles.

    Returns
    -------
    figure : matplotlib.figure.Figure
    axes : ndarray of two Axes
        ``axes[0].lines[k]`` is the k-th error against z; ``axes[1].lines[k]`` its absolute value,
        on a log scale. With two errors, ``axes[1]`` also holds a text ``"×R"``: how many times
        larger the first error is than the second at the last z.

    Raises
    ------
    ValueError
        If ``errors`` is empty or a curve's length differs from ``z``'s.

    Notes
    -----
    The log scale is what makes the difference visible: with a sigmoid output, squared error's
    δ(3) = −(y − a) g'(z) falls like e^−|z| once the output saturates, cross-entropy's a − y does not.
    Chapter 06, Q10.
    """
    from .plotting import plot_cost_curves, subplots

    figure, (linear_ax, log_ax) = subplots(2, width=4.6, height=3.6)
    plot_cost_curves(z, errors, ax=linear_ax, xlabel="score z of the output", ylabel="output error δ(3)")
    sizes = {name: np.abs(np.asarray(values, dtype=np.float64)) for name, values in errors.items()}
    plot_cost_curves(z, sizes, ax=log_ax, xlabel="score z of the output", ylabel="|δ(3)|, log scale")
    log_ax.set_yscale("log")
    for ax in (linear_ax, log_ax):
        _tell_apart(ax)
        ax.axhline(0.0, color="grey", linewidth=0.8, linestyle=":")
    linear_ax.set_title(f"δ(3) of one output, label y = {label}")
    log_ax.set_title("its size: squared error vanishes")
    linear_ax.legend(loc="upper left")
    if len(sizes) == 2:
        _mark_ratio(log_ax, z, *sizes.values())
    return figure, np.array([linear_ax, log_ax])


def _mark_ratio(ax, z, first, second):
    """A double arrow between the two curves at the last z, labelled with their ratio."""
    z_end = float(np.asarray(z, dtype=np.float64)[-1])
    top, bottom = float(first[-1]), float(second[-1])
    if not (top > 0 and bottom > 0):
        return
    ax.annotate("", xy=(z_end, bottom), xytext=(z_end, top),
                arrowprops={"arrowstyle": "<->", "color": "black", "linewidth": 1.0})
    ax.text(z_end, np.sqrt(top * bottom), f"×{top / bottom:,.0f} ", ha="right", va="center")


def plot_learning_curves(runs, *, title=""):
    """Draw the checkpoints of :func:`train_output_errors`: J and training accuracy per iteration.

    Parameters
    ----------
    runs : dict of str to list of Checkpoint
        Legend label → the run's checkpoints, as :func:`train_output_errors` returns them; every run
        must have the same iterations.
    title : str, default ""
        A line above both panels saying what was trained (the start, α, the data).

    Returns
    -------
    figure : matplotlib.figure.Figure
    axes : ndarray of two Axes
        ``axes[0].lines[k]`` is run k's cross-entropy J against the iteration (log scale);
        ``axes[1].lines[k]`` its training accuracy in percent.

    Raises
    ------
    ValueError
        If ``runs`` is empty or the runs were recorded at different iterations.

    Notes
    -----
    Both runs are measured with the same yardsticks, the course's J and the accuracy, whichever
    cost each one descended. Chapter 06, Q10.
    """
    from .plotting import plot_cost_curves, subplots

    if not runs:
        raise ValueError("runs must hold at least one label → checkpoints entry; got an empty dict")
    iterations = {tuple(checkpoint.iteration for checkpoint in run) for run in runs.values()}
    if len(iterations) != 1:
        raise ValueError(f"runs must be recorded at the same iterations; got {len(iterations)} different "
                         f"lists of iterations")
    (steps,) = iterations
    figure, (cost_ax, accuracy_ax) = subplots(2, width=4.6, height=3.6)
    plot_cost_curves(steps, {name: [c.cross_entropy for c in run] for name, run in runs.items()},
                     ax=cost_ax, xlabel="iteration of gradient descent", ylabel="J (cross-entropy, λ = 0)")
    cost_ax.set_yscale("log")
    plot_cost_curves(steps, {name: [100 * c.accuracy for c in run] for name, run in runs.items()},
                     ax=accuracy_ax, xlabel="iteration of gradient descent", ylabel="training accuracy (%)")
    accuracy_ax.set_ylim(0, 100)
    for ax in (cost_ax, accuracy_ax):
        _tell_apart(ax)
    cost_ax.set_title("the cost J, log scale")
    accuracy_ax.set_title("training accuracy")
    accuracy_ax.legend(loc="lower right")
    if title:
        figure.suptitle(title)
    return figure, np.array([cost_ax, accuracy_ax])
