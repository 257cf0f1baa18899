"""Chapter 04's experiments with λ: accuracy across data splits, and the λ slider.

The model — the regularised cost, its gradient and ``fit`` — lives in :mod:`mlcourse.logistic`.
The code that explains its choices (Q9) — the penalty and its variants, a fit under either variant,
the Gaussian prior's negative log-posterior — is written in chapter 04's own cells. What is here
runs the experiments around them:

- :func:`accuracy`, and :func:`accuracy_across_lambdas`: training and held-out accuracy over several
  seeded splits;
- chapter 04's slider: :func:`decision_boundary_update` computes one position (fit, accuracy,
  the score θᵀx on a plotting grid), :func:`make_decision_boundary_slider` builds everything that
  does not depend on λ once and returns the callback.
"""

from collections import namedtuple

import numpy as np

from .. import datasets, logistic
from .._validation import (
    as_float_matrix,
    as_float_vector,
    check_binary_labels,
    check_lambda,
    check_positive_int,
    check_positive_real,
)
from .plotting import PALETTE, SliderCanvas

__all__ = [
    "ITERATION_BUDGET",
    "AcrossLambdas",
    "BoundaryUpdate",
    "accuracy",
    "accuracy_across_lambdas",
    "decision_boundary_update",
    "make_decision_boundary_slider",
]


# The L-BFGS iteration budget of every microchip fit in chapter 04 (degree 6, 28 features).
# At λ = 0, and nearly so at λ = 0.001, the cost has a long, almost flat valley: X has columns of
# very different sizes and nearly dependent monomials, and without the penalty nothing fixes where
# along the valley θ should stop. L-BFGS-B's path down it is chaotic. Measured on the full data
# set and on the ten splits of ``accuracy_across_lambdas`` (seeds 0–9), refitting after changing X
# by 1e-16 relative (the size of the difference between two CPUs' BLAS kernels, e.g.
# OPENBLAS_CORETYPE=Sandybridge or Prescott) moved the largest |θj| by at most 4e-10 relative
# after 50 iterations, 9e-7 after 70, 2e-4 after 80 and 6e-2 after 100, and changed the training
# accuracy by one or two examples after 100–150. After 400 iterations the largest |θj| lies
# anywhere between about 390 and 910, and fully converged fits (3000 iterations) between about
# 1000 and 1300, depending on the CPU and the starting point. So the chapter, which prints weights
# and accuracies at λ = 0, stops every fit at 50 iterations, where they are the same on every
# machine. Fits with λ ≥ 0.1 converge within it (34 iterations at λ = 0.1, fewer for larger λ),
# so for them it changes nothing.
ITERATION_BUDGET = 50


# --- accuracy and held-out data ------------------------------------------------------------------

def accuracy(theta, X, y):
    """The fraction of examples whose predicted label (h ≥ 0.5) equals y.

    Parameters
    ----------
    theta : array_like, shape (n+1,)
    X : array_like, shape (m, n+1)
        With the intercept column.
    y : array_like, shape (m,)
        Labels 0 or 1.

    Returns
    -------
    float
        In [0, 1].

    Raises
    ------
    TypeError, ValueError
        As :func:`mlcourse.logistic.predict`, or for labels other than 0 and 1.
    """
    X = as_float_matrix(X, "X")
    y = check_binary_labels(y, X.shape[0])
    return float(np.mean(logistic.predict(theta, X) == y))


AcrossLambdas = namedtuple("AcrossLambdas", ["lambdas", "train", "test"])
AcrossLambdas.__doc__ = """Accuracies of one fit per (split, λ).

lambdas : ndarray, shape (L,) — the λ values, in the order given.
train : ndarray, shape (S, L) — training accuracy on split s at λ_l.
test : ndarray, shape (S, L) — held-out accuracy on split s at λ_l.
"""


def accuracy_across_lambdas(X_raw, y, lambdas, seeds, *, test_fraction=0.3, degree=6,
                            num_iters=ITERATION_BUDGET):
    """Training and held-out accuracy at each λ, on several seeded stratified splits.

    Parameters
    ----------
    X_raw : array_like, shape (m, 2)
        Two features per example, without the intercept column (the microchip test results).
    y : array_like, shape (m,)
        Labels 0 or 1.
    lambdas : array_like, shape (L,)
        The λ values, each ≥ 0.
    seeds : sequence of int, length S
        One :func:`mlcourse.datasets.train_test_split` per seed.
    test_fraction : float, default 0.3
        The share of examples held out in each split.
    degree : int, default 6
        The degree of :func:`mlcourse.logistic.map_feature`.
    num_iters : int, default ITERATION_BUDGET
        The iteration limit of each L-BFGS-B fit (see :data:`ITERATION_BUDGET` for why 50).

    Returns
    -------
    AcrossLambdas

    Raises
    ------
    TypeError, ValueError
        For invalid data, a negative λ, an invalid seed or ``test_fraction``, or ``num_iters`` < 1.

    Notes
    -----
    With about 35 held-out examples, one example is 3 percentage points, and which examples land in
    the test set moves the held-out accuracy by more than the differences between neighbouring λ.
    Averaging over several seeded splits shows the trend that one split can hide. Chapter 04.
    """
    X_raw = as_float_matrix(X_raw, "X_raw", columns=2, columns_reason="for map_feature(x1, x2)")
    y = check_binary_labels(y, X_raw.shape[0])
    lambdas = as_float_vector(lambdas, "lambdas")
    for lambda_ in lambdas:
        check_lambda(float(lambda_))
    num_iters = check_positive_int(num_iters, "num_iters")
    seeds = list(seeds)
    train = np.empty((len(seeds), lambdas.shape[0]))
    test = np.empty_like(train)
    for s, seed in enumerate(seeds):
        X_train, X_test, y_train, y_test = datasets.train_test_split(X_raw, y, test_fraction, seed)
        F_train = logistic.map_feature(X_train[:, 0], X_train[:, 1], degree)
        F_test = logistic.map_feature(X_test[:, 0], X_test[:, 1], degree)
        for k, lambda_ in enumerate(lambdas):
            theta = logistic.fit(F_train, y_train, float(lambda_), num_iters=num_iters).theta
            train[s, k] = accuracy(theta, F_train, y_train)
            test[s, k] = accuracy(theta, F_test, y_test)
    return AcrossLambdas(lambdas=lambdas, train=train, test=test)


# --- chapter 04's slider: the decision boundary as λ moves ----------------------------------------

BoundaryUpdate = namedtuple("BoundaryUpdate",
                            ["lambda_", "theta", "train_accuracy", "status", "iterations", "grid_scores"])
BoundaryUpdate.__doc__ = """One position of chapter 04's slider.

lambda_ : float — λ.
theta : ndarray, shape (n+1,) — the L-BFGS fit at λ.
train_accuracy : float — the fraction of training examples classified correctly.
status : str — the optimiser's status ("converged" or "max_iters").
iterations : int — L-BFGS iterations.
grid_scores : ndarray, shape (G,), or None — θᵀ map_feature(u, v) at every grid point (the boundary
is its 0 level); None when no grid was given.
"""


def decision_boundary_update(lambda_, X, y, grid_features=None, *, num_iters=ITERATION_BUDGET):
    """Fit at λ and score the plotting grid: everything one slider position computes.

    Parameters
    ----------
    lambda_ : float
        λ ≥ 0.
    X : array_like, shape (m, n+1)
        The mapped training features (with the intercept column), e.g. ``map_feature(x1, x2)``.
    y : array_like, shape (m,)
        Labels 0 or 1.
    grid_features : array_like, shape (G, n+1), optional
        The same mapping applied once to every point of the plotting grid. Without it,
        ``grid_scores`` is None (the numbers of one position, without a plot).
    num_iters : int, default ITERATION_BUDGET
        The iteration limit of L-BFGS-B (see :data:`ITERATION_BUDGET` for why 50).

    Returns
    -------
    BoundaryUpdate

    Raises
    ------
    TypeError, ValueError
        For invalid data, λ < 0, ``num_iters`` < 1, or ``grid_features`` whose columns differ from
        ``X``'s.

    Notes
    -----
    The grid's features are computed once by the caller, so an update is one L-BFGS fit (a few
    milliseconds for 118 examples and 28 features) and one (G, 28) @ (28,) product.
    """
    lambda_ = check_lambda(lambda_)
    X = as_float_matrix(X, "X")
    y = check_binary_labels(y, X.shape[0])
    if grid_features is not None:
        grid_features = as_float_matrix(grid_features, "grid_features", columns=X.shape[1],
                                        columns_reason="to match the columns of X")
    result = logistic.fit(X, y, lambda_, num_iters=num_iters)
    grid_scores = None if grid_features is None else grid_features @ result.theta
    return BoundaryUpdate(lambda_=lambda_, theta=result.theta,
                          train_accuracy=accuracy(result.theta, X, y), status=result.status,
                          iterations=result.iterations, grid_scores=grid_scores)


def make_decision_boundary_slider(X_raw, y, *, degree=6, grid_size=120, padding=0.25):
    """Build chapter 04's slider callback: refit at λ and redraw the decision boundary.

    Parameters
    ----------
    X_raw : array_like, shape (m, 2)
        Two features per example, without the intercept column.
    y : array_like, shape (m,)
        Labels 0 or 1.
    degree : int, default 6
        The degree of :func:`mlcourse.logistic.map_feature`.
    grid_size : int, default 120
        Points per axis of the plotting grid.
    padding : float, default 0.25
        How far the grid reaches beyond the data on each side, > 0.

    Returns
    -------
    show : callable
        ``show(lambda_)`` refits, prints λ, the training accuracy, the largest |θj| and the
        optimiser's status, replaces the boundary curve and displays the figure.
    figure : matplotlib.figure.Figure
        The figure ``show`` updates (closed to pyplot, so it appears only when ``show`` displays it).

    Raises
    ------
    TypeError, ValueError
        For invalid data, a ``grid_size`` below 2 or a ``padding`` that is not a number > 0.

    Notes
    -----
    The scatter of the data and the grid's mapped features (grid_size² × 28) are built once, here.
    An update fits, then removes the previous contour and draws the level θᵀ map_feature(u, v) = 0
    on the same Axes. A λ whose boundary leaves the plotted square entirely is reported in words
    rather than as an empty plot.
    """
    X_raw = as_float_matrix(X_raw, "X_raw", columns=2, columns_reason="for map_feature(x1, x2)")
    y = check_binary_labels(y, X_raw.shape[0])
    X = logistic.map_feature(X_raw[:, 0], X_raw[:, 1], degree)
    U, V = _plotting_grid(X_raw, grid_size, padding)
    grid_features = logistic.map_feature(U.ravel(), V.ravel(), degree)
    figure, ax = _draw_data(X_raw, y, U[0], V[:, 0])
    canvas = SliderCanvas(figure, moving=[ax.title])  # the data and axes are drawn once
    drawn = {"contour": None}

    def show(lambda_):
        update = decision_boundary_update(lambda_, X, y, grid_features)
        print(f"λ = {update.lambda_:g}: training accuracy {update.train_accuracy:.1%}, "
              f"largest |θj| = {np.abs(update.theta[1:]).max():.2f}, "
              f"L-BFGS {update.status} after {update.iterations} iterations")
        if drawn["contour"] is not None:
            drawn["contour"].remove()
        drawn["contour"] = _draw_boundary(ax, U, V, update)
        canvas.display(*([] if drawn["contour"] is None else [drawn["contour"]]))

    show.canvas = canvas  # for the benchmark: the redraw alone
    return show, figure


def _plotting_grid(X_raw, grid_size, padding):
    """The (U, V) meshgrid, grid_size × grid_size, over the data's range widened by ``padding``."""
    grid_size = check_positive_int(grid_size, "grid_size")
    if grid_size < 2:
        raise ValueError(f"grid_size must be ≥ 2 (points per axis of the grid); got {grid_size}")
    padding = check_positive_real(padding, "padding")
    u = np.linspace(X_raw[:, 0].min() - padding, X_raw[:, 0].max() + padding, grid_size)
    v = np.linspace(X_raw[:, 1].min() - padding, X_raw[:, 1].max() + padding, grid_size)
    return np.meshgrid(u, v)


def _draw_data(X_raw, y, u, v):
    """The slider's fixed figure: the microchips by class, over the square of the grid u × v."""
    import matplotlib.pyplot as plt

    from .plotting import scatter_classes, subplots

    figure, ax = subplots(width=4.6, height=4.0)
    scatter_classes(X_raw, y, ax=ax, class_names=("rejected", "accepted"),
                    feature_names=("test 1", "test 2"))
    ax.set_xlim(u[0], u[-1])
    ax.set_ylim(v[0], v[-1])
    ax.set_title("decision boundary, λ = 0.001")  # the widest title an update writes, for the layout
    # Lay the figure out once, then freeze the layout: an update changes only the contour and the
    # title, and solving the constrained layout again on every redraw would double its rendering time.
    figure.canvas.draw()
    figure.set_layout_engine("none")
    plt.close(figure)
    return figure, ax


def _draw_boundary(ax, U, V, update):
    """Draw the level θᵀx = 0 of ``update``'s grid scores and title the Axes; the contour, or None."""
    ax.set_title(f"decision boundary, λ = {update.lambda_:g}")
    scores = update.grid_scores.reshape(U.shape)
    if scores.min() < 0.0 < scores.max():
        return ax.contour(U, V, scores, levels=[0.0], colors=PALETTE["bluish green"])
    print("  the boundary θᵀx = 0 lies outside the plotted square: every point gets one label")
    return None
