"""Chapter 09's computations: learning curves of the network on the digits, and the retraining slider.

Training itself is :func:`mlcourse.network.fit`. What is here exists to *watch* it:

- :func:`record_learning_curve` trains like ``network.fit`` (same start, same optimiser, same
  result) while keeping every iterate, and measures the training and held-out accuracy along the
  way — the learning curve;
- :func:`make_training_slider` is the chapter's slider: each position retrains from scratch and
  redraws the cost and the two accuracies per iteration on a figure built once, through
  :class:`~mlcourse.chapters.plotting.SliderCanvas` as every chapter's slider.

A slider callback is an ordinary function: the chapter calls it once in a plain cell (so notebook
validation checks its printed numbers), then hands it to ``ipywidgets.interactive_output``.
Retraining takes from a few milliseconds to a second or more (benchmarks/bench_training.py measures
it), so the widgets update only when a slider is released, and an optional status widget counts the
iterations while it runs.
"""

import time
from dataclasses import dataclass

import numpy as np

from .. import network, optimize
from .._validation import (
    as_float_matrix,
    check_class_labels,
    check_labels_shape,
    check_lambda,
    check_positive_int,
    check_positive_real,
)
from .plotting import PALETTE, SliderCanvas, subplots

__all__ = [
    "ACCURACY_BAR",
    "LearningCurve",
    "describe",
    "make_training_slider",
    "record_learning_curve",
]

METHODS = ("lbfgs", "gradient_descent")
ACCURACY_BAR = 0.96  # the held-out accuracy chapter 09 asks of the trained network
METHOD_NAMES = {"lbfgs": "L-BFGS", "gradient_descent": "gradient descent"}


# --- learning curves -----------------------------------------------------------------------------

@dataclass(frozen=True)
class LearningCurve:
    """One training run with what happened along the way.

    Attributes
    ----------
    method : {"lbfgs", "gradient_descent"}
    alpha, lambda_ : float
        The learning rate (used by gradient descent only) and the regularisation strength.
    hidden_size, num_iters : int
        s2 and the iteration budget.
    cost_history : ndarray, shape (iterations + 1,)
        J at iteration 0 (the random start), 1, …, ``iterations``.
    checkpoints : ndarray of int, shape (P,)
        The iterations at which the accuracies were measured: evenly spread from 0 to the last one,
        both included.
    train_accuracy, test_accuracy : ndarray, shape (P,)
        Fraction of correctly classified training and held-out examples at each checkpoint.
    status, message : str
        The optimiser's verdict: "converged", "max_iters" or "failed" for L-BFGS; "completed",
        "diverged" or "non-finite" for gradient descent; and a sentence saying why it stopped.
    fit : mlcourse.network.NetworkFit
        The final weights, as :func:`mlcourse.network.fit` would return them (``fit.result`` is
        None: the record is here).
    """

    method: str
    alpha: float
    lambda_: float
    hidden_size: int
    num_iters: int
    cost_history: np.ndarray
    checkpoints: np.ndarray
    train_accuracy: np.ndarray
    test_accuracy: np.ndarray
    status: str
    message: str
    fit: network.NetworkFit

    @property
    def iterations(self):
        """Iterations actually taken (fewer than ``num_iters`` if the run converged or diverged)."""
        return self.cost_history.size - 1

    @property
    def diverged(self):
        """True if gradient descent stopped at a step that made the cost rise (or overflow)."""
        return self.status in ("diverged", "non-finite")


def _packed_cost(X, labels, lambda_, hidden_size, num_labels):
    """``unpack(θ) -> (Theta1, Theta2)`` and ``cost_and_gradient(θ) -> (J, ∇J)`` on one packed θ."""
    input_size = X.shape[1]
    size1 = hidden_size * (input_size + 1)

    def unpack(theta):  # views into θ: nothing is copied per evaluation
        return (theta[:size1].reshape(hidden_size, input_size + 1),
                theta[size1:].reshape(num_labels, hidden_size + 1))

    def cost_and_gradient(theta):
        J, (grad1, grad2) = network.cost_and_gradient(*unpack(theta), X, labels, lambda_)
        return J, np.concatenate([grad1.ravel(), grad2.ravel()])

    return unpack, cost_and_gradient


def _labelled_data(X_train, y_train, X_test, y_test):
    """Both data sets checked, the labels as int 0..K-1, and K as :func:`mlcourse.network.fit` infers it."""
    X_train = as_float_matrix(X_train, "X_train")
    X_test = as_float_matrix(X_test, "X_test", columns=X_train.shape[1],
                             columns_reason="(the same features as X_train)")
    y_train = check_labels_shape(y_train, X_train.shape[0], "y_train", rows_of="X_train")  # finite too
    num_labels = int(np.max(y_train)) + 1
    K_is = "the number of classes, y_train's largest label + 1"
    labels_train = check_class_labels(y_train, X_train.shape[0], num_labels, "y_train", rows_of="X_train",
                                      K_is=K_is)
    labels_test = check_class_labels(y_test, X_test.shape[0], num_labels, "y_test", rows_of="X_test",
                                     K_is=K_is)
    return X_train, labels_train, X_test, labels_test, num_labels


def _accuracies(path, unpack, data, max_points):
    """Training and held-out accuracy at up to ``max_points`` iterates of ``path``, evenly spread."""
    last = path.shape[0] - 1
    checkpoints = np.unique(np.linspace(0, last, min(last + 1, max_points)).round().astype(int))
    accuracies = np.array([[np.mean(network.predict(*unpack(path[k]), X) == labels) for k in checkpoints]
                           for X, labels in data])
    return checkpoints, accuracies[0], accuracies[1]


def record_learning_curve(X_train, y_train, X_test, y_test, *, method="lbfgs", hidden_size=25,
                          lambda_=1.0, num_iters=300, alpha=1.0, seed=0, max_points=100, progress=None):
    """Train the network and record its cost and its training and held-out accuracy per iteration.

    Parameters
    ----------
    X_train, y_train : array_like, shapes (m, n) and (m,)
        Training examples, labels 0..K-1 (K = 10 for the digits).
    X_test, y_test : array_like, shapes (m_test, n) and (m_test,)
        Held-out examples, only measured.
    method : {"lbfgs", "gradient_descent"}, default "lbfgs"
    hidden_size, lambda_, num_iters, alpha, seed
        s2, λ ≥ 0, the iteration budget, the learning rate α > 0 (gradient descent only) and the
        seed of the initial weights, as in :func:`mlcourse.network.fit`.
    max_points : int, default 100
        The most checkpoints at which the accuracies are measured (the cost is kept every iteration).
    progress : callable, optional
        ``progress(iteration)``, called as iterations 1, 2, … complete (e.g. for a status line).

    Returns
    -------
    LearningCurve

    Raises
    ------
    ValueError, TypeError
        For data that do not fit together, labels outside 0..K-1, λ < 0, α ≤ 0, an unknown
        ``method``, or counts below 1. A diverging gradient descent is an outcome, not an error.

    Notes
    -----
    The run is :func:`mlcourse.network.fit`'s with the same arguments, its iterates kept; the accuracies
    are measured afterwards, so measuring cannot change the run. Chapter 09.
    """
    if method not in METHODS:
        raise ValueError(f'method must be "lbfgs" or "gradient_descent"; got {method!r}')
    X_train, labels_train, X_test, labels_test, num_labels = _labelled_data(X_train, y_train, X_test, y_test)
    hidden_size, num_iters, max_points = (check_positive_int(value, name) for value, name in [
        (hidden_size, "hidden_size"), (num_iters, "num_iters"), (max_points, "max_points")])
    lambda_, alpha = check_lambda(lambda_), check_positive_real(alpha, "alpha")
    input_size = X_train.shape[1]
    theta_initial = network.pack(*network.initialize_weights(input_size, hidden_size, num_labels, seed))
    unpack, cost_and_gradient = _packed_cost(X_train, labels_train, lambda_, hidden_size, num_labels)
    # One BLAS thread: the products are small (1348×64 by 64×25); a second thread costs more than it saves
    with optimize.single_blas_thread():
        # the optimisers network.fit runs, with the same settings, keeping every iterate
        if method == "lbfgs":
            result = optimize.minimize(cost_and_gradient, theta_initial, num_iters=num_iters,
                                       keep_path=True, progress=progress)
        else:
            result = optimize.gradient_descent(cost_and_gradient, theta_initial, alpha, num_iters,
                                               keep_path=True, progress=progress)
        checkpoints, train_accuracy, test_accuracy = _accuracies(
            result.theta_path, unpack, [(X_train, labels_train), (X_test, labels_test)], max_points)
    Theta1, Theta2 = network.unpack(result.theta, input_size, hidden_size, num_labels)
    return LearningCurve(method=method, alpha=alpha, lambda_=lambda_, hidden_size=hidden_size,
                         num_iters=num_iters, cost_history=result.cost_history,
                         checkpoints=checkpoints, train_accuracy=train_accuracy,
                         test_accuracy=test_accuracy, status=result.status, message=result.message,
                         fit=network.NetworkFit(Theta1=Theta1, Theta2=Theta2, result=None))


def describe(curve):
    """Lines of text saying what one run did: settings, why it stopped, final cost and accuracies.

    The cost is printed to 4 decimals and the accuracies to 0.1 %: enough to compare settings,
    and (for runs that converged or stopped early on a well-conditioned problem) the same on any
    machine.
    """
    name = METHOD_NAMES[curve.method]
    settings = f"{name}, λ = {curve.lambda_:.3g}, s2 = {curve.hidden_size}"
    if curve.method == "gradient_descent":
        settings += f", α = {curve.alpha:.3g}"
    lines = [f"{settings}, up to {curve.num_iters} iterations → {curve.status}: {curve.message}"]
    if curve.diverged:
        lines.append(f"  α = {curve.alpha:.3g} is too large here: the curves show the "
                     f"{curve.iterations} accepted steps; move α to the left")
    lines.append(f"  J = {curve.cost_history[-1]:.4f} after {curve.iterations} iterations; "
                 f"training accuracy {curve.train_accuracy[-1]:.1%}, held-out {curve.test_accuracy[-1]:.1%}")
    return lines


# --- chapter 09's slider -------------------------------------------------------------------------

def _curve_figure(max_iters):
    """The slider's figure, laid out once: the cost (left) and both accuracies (right) per iteration.

    Returns the figure and an ``update(curve)`` that moves its lines to ``curve``'s run and sets
    the axis limits and titles; nothing else changes between updates.
    """
    import matplotlib.pyplot as plt

    # 3.2 in for the axes and their labels, 0.15 in more for a line of title above each
    figure, (cost_ax, accuracy_ax) = subplots(2, width=4.2, height=3.35)
    (cost_line,) = cost_ax.plot([], [], color=PALETTE["blue"])
    cost_ax.set_ylabel("J (training set)")
    (train_line,) = accuracy_ax.plot([], [], color=PALETTE["blue"], label="training")
    (test_line,) = accuracy_ax.plot([], [], color=PALETTE["orange"], linestyle="--", label="held-out")
    accuracy_ax.axhline(ACCURACY_BAR, color="grey", linestyle=":", linewidth=1.0, label=f"{ACCURACY_BAR:.0%}")
    accuracy_ax.set_ylim(0.0, 1.02)
    accuracy_ax.set_ylabel("accuracy")
    accuracy_ax.legend(loc="lower right")
    for ax in (cost_ax, accuracy_ax):
        ax.set_xlim(0, max_iters)
        ax.set_xlabel("iteration")
        # room for the titles update() writes, kept by the layout; y = 1 is where matplotlib puts a title
        # over axes with nothing on top, and saying so spares it measuring the axes at every redraw
        ax.set_title("a title's height", y=1.0)
    # lay the figure out once and freeze it: nothing but the lines' data, limits and titles changes later
    figure.canvas.draw()
    figure.set_layout_engine("none")
    plt.close(figure)
    for ax in (cost_ax, accuracy_ax):
        ax.set_title("")

    def update(curve):
        cost_line.set_data(np.arange(curve.cost_history.size), curve.cost_history)
        train_line.set_data(curve.checkpoints, curve.train_accuracy)
        test_line.set_data(curve.checkpoints, curve.test_accuracy)
        for ax in (cost_ax, accuracy_ax):
            ax.set_xlim(0, max(curve.num_iters, 1))
        cost_ax.set_ylim(0.0, float(curve.cost_history.max()) * 1.05)  # J ≥ 0 always
        cost_ax.set_title(f"{METHOD_NAMES[curve.method]}: {curve.status} after {curve.iterations} "
                          "iterations")
        accuracy_ax.set_title(f"held-out {curve.test_accuracy[-1]:.1%}, training "
                              f"{curve.train_accuracy[-1]:.1%}")

    return figure, update


class _Progress:
    """``progress(iteration)`` for :func:`record_learning_curve` that writes to a status widget.

    It shows iteration 0 as soon as it is made. A widget update is a message to the browser, so the
    text changes at most every ``interval`` seconds: often enough to see training move, rarely enough
    to cost nothing.
    """

    def __init__(self, status, num_iters, interval=0.1):
        self.status, self.num_iters, self.interval = status, num_iters, interval
        self.show(0)

    def show(self, iteration):
        self.status.value = f"training… {iteration} of {self.num_iters} iterations"
        self.last_shown = time.perf_counter()

    def __call__(self, iteration):
        if time.perf_counter() - self.last_shown >= self.interval:
            self.show(iteration)


def make_training_slider(X_train, y_train, X_test, y_test, *, max_iters=1000, seed=0):
    """Build chapter 09's slider callback: retrain, then redraw the cost and accuracy curves.

    Parameters
    ----------
    X_train, y_train, X_test, y_test
        As in :func:`record_learning_curve`.
    max_iters : int, default 1000
        The right end of the iteration axis (the largest ``num_iters`` the slider offers).
    seed : int, default 0
        Seed of the initial weights of every run.

    Returns
    -------
    show : callable
        ``show(method, alpha, lambda_, num_iters, hidden_size, status=None)`` retrains with
        :func:`record_learning_curve`, prints :func:`describe`'s lines, moves the lines of the
        figure and displays it. ``status`` is an optional widget with a ``value`` (an ipywidgets
        Label): while the network trains it counts the iterations ("training… 120 of 1000
        iterations", a few times a second), and when it is done it says how many the run took.
        ``show.update(curve)`` moves the lines without training or displaying, and ``show.canvas``
        renders the figure as the slider shows it (both for the benchmark).
    figure : matplotlib.figure.Figure
        The figure ``show`` updates (closed to pyplot, so it appears only when ``show`` displays it).

    Raises
    ------
    ValueError, TypeError
        For invalid data or ``max_iters``; ``show`` raises as :func:`record_learning_curve` does.

    Notes
    -----
    With BLAS on one thread, 300 iterations of L-BFGS take about 0.4 s on the digits and 1000
    about 1 s here (the chapter prints its own times), which is why the chapter wires the sliders
    with ``continuous_update=False`` and passes a status widget.
    """
    X_train = as_float_matrix(X_train, "X_train")
    X_test = as_float_matrix(X_test, "X_test")
    figure, update = _curve_figure(check_positive_int(max_iters, "max_iters"))
    canvas = SliderCanvas(figure)  # both panels' axes follow each run: the whole figure redraws, once

    def show(method, alpha, lambda_, num_iters, hidden_size, status=None):
        start = time.perf_counter()
        curve = record_learning_curve(X_train, y_train, X_test, y_test, method=method,
                                      hidden_size=hidden_size, lambda_=lambda_, num_iters=num_iters,
                                      alpha=alpha, seed=seed, progress=None if status is None
                                      else _Progress(status, num_iters))
        seconds = time.perf_counter() - start
        print("\n".join(describe(curve)))
        update(curve)
        canvas.display()
        if status is not None:
            status.value = (f"done in {curve.iterations} iterations ({curve.status}), "
                            f"{seconds:.2f} s")

    show.update = update
    show.canvas = canvas
    return show, figure
