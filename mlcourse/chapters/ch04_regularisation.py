"""Chapter 04's computations: the L2 penalty and its variants, λ across data splits, the λ slider.

The model — the regularised cost, its gradient and ``fit`` — lives in :mod:`mlcourse.logistic`.
What is here exists to *explain* its choices (Q9):

- :func:`penalty`, the term λ/(2m) Σ_{j≥1} θj², with switches for the two choices the course does
  **not** make (penalising θ0, leaving out the 1/m), and :func:`fit_with_penalty`, which fits under
  either choice so that a chapter can compare the minimisers;
- :func:`negative_log_posterior`, the Bayesian reading of the penalty as a Gaussian prior on the
  weights, computed from the probability densities rather than from the cost's formula;
- :func:`accuracy_across_lambdas`: training and held-out accuracy over several seeded splits;
- chapter 04's slider: :func:`decision_boundary_update` computes one position (fit, accuracy,
  the score θᵀx on a plotting grid), :func:`make_decision_boundary_slider` builds everything that
  does not depend on λ once and returns the callback.
"""

from collections import namedtuple

import numpy as np

from .. import datasets, logistic, optimize
from .._validation import (
    _check_real_scalar,
    as_float_matrix,
    as_float_vector,
    check_binary_labels,
    check_lambda,
    check_positive_int,
    check_theta_for_X,
)

__all__ = [
    "ITERATION_BUDGET",
    "AcrossLambdas",
    "BoundaryUpdate",
    "accuracy",
    "accuracy_across_lambdas",
    "decision_boundary_update",
    "fit_with_penalty",
    "make_decision_boundary_slider",
    "negative_log_posterior",
    "penalty",
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


def _check_m(m):
    return check_positive_int(m, "m")


# --- the penalty and the choices behind it -------------------------------------------------------

def penalty(theta, lambda_, m, *, penalise_bias=False, divide_by_m=True):
    """The L2 penalty the course adds to J: λ/(2m) Σ_{j≥1} θj², or one of its variants.

    Parameters
    ----------
    theta : array_like, shape (n+1,)
        Parameters; ``theta[0]`` is the bias θ0.
    lambda_ : float
        Regularisation strength λ ≥ 0.
    m : int
        The number of training examples, ≥ 1.
    penalise_bias : bool, default False
        Also penalise θ0 (the sum starts at j = 0) — the choice the course does not make.
    divide_by_m : bool, default True
        Divide by m. Without it the penalty is λ/2 Σ θj², whose weight against the average
        cross-entropy grows with m — the other choice the course does not make.

    Returns
    -------
    float
        The penalty, ≥ 0.

    Raises
    ------
    TypeError, ValueError
        If ``theta`` is not a finite vector, λ < 0 or not a number, or ``m`` is not a whole number ≥ 1.

    Notes
    -----
    λ/(2m) Σ_{j≥1} θj². Its derivative with respect to θj is (λ/m) θj: the ½ cancels the 2 of the
    power rule. Squares make the penalty even — θj and −θj cost the same — so it only asks the
    weights to be small, never to have a sign. Chapter 04.
    """
    theta = as_float_vector(theta, "theta")
    lambda_ = check_lambda(lambda_)
    m = _check_m(m)
    weights = theta if penalise_bias else theta[1:]
    scale = lambda_ / (2 * m) if divide_by_m else lambda_ / 2
    return float(scale * (weights @ weights))


def fit_with_penalty(X, y, lambda_, *, penalise_bias=False, divide_by_m=True, num_iters=400):
    """Minimise the average cross-entropy plus :func:`penalty` with L-BFGS, under either choice.

    Parameters
    ----------
    X : array_like, shape (m, n+1)
        Examples as rows, with the intercept column.
    y : array_like, shape (m,)
        Labels 0 or 1.
    lambda_ : float
        λ ≥ 0.
    penalise_bias, divide_by_m : bool
        As :func:`penalty`. With the defaults this is :func:`mlcourse.logistic.fit`.
    num_iters : int, default 400
        The iteration limit of L-BFGS-B.

    Returns
    -------
    optimize.OptimizeResult
        ``theta`` (n+1,), ``status``, ``cost_history`` (of the penalised cost), ``iterations``.

    Raises
    ------
    TypeError, ValueError
        As :func:`mlcourse.logistic.fit`.

    Notes
    -----
    The gradient of the penalty is λ/m · θ (or λ · θ without the 1/m), with the entry for θ0 set to
    0 unless ``penalise_bias``. Chapter 04 fits each variant and compares the minimisers.
    """
    X = as_float_matrix(X, "X")
    y = check_binary_labels(y, X.shape[0])
    lambda_ = check_lambda(lambda_)
    num_iters = check_positive_int(num_iters, "num_iters")
    m = X.shape[0]
    scale = lambda_ / m if divide_by_m else lambda_  # the factor of θ in the penalty's gradient
    mask = np.ones(X.shape[1])
    if not penalise_bias:
        mask[0] = 0.0  # the entry of θ0: no penalty, no pull towards 0

    def objective(theta):
        J, grad = logistic.cost_and_gradient(theta, X, y)  # unregularised: the penalty is added here
        weights = theta * mask
        return J + 0.5 * scale * (weights @ weights), grad + scale * weights

    return optimize.minimize(objective, np.zeros(X.shape[1]), max_iters=num_iters)


def negative_log_posterior(theta, X, y, lambda_):
    """−log p(θ | data) up to log p(data): the labels' Bernoulli likelihood and a Gaussian prior.

    Parameters
    ----------
    theta : array_like, shape (n+1,)
    X : array_like, shape (m, n+1)
        With the intercept column.
    y : array_like, shape (m,)
        Labels 0 or 1.
    lambda_ : float
        λ > 0: each weight θ1..θn has the prior N(0, 1/λ); θ0 has a flat prior (no term).

    Returns
    -------
    float
        −Σ_i log P(y_i | x_i; θ) − Σ_{j≥1} log N(θj; 0, 1/λ).

    Raises
    ------
    TypeError, ValueError
        As :func:`mlcourse.logistic.cost`, or if λ ≤ 0 (a prior with infinite variance has no density).

    Notes
    -----
    Computed from the densities, not from the cost's formula: P(y | x; θ) = h^y (1 − h)^(1−y) via
    ``scipy.stats.bernoulli.logpmf`` and the normal log-density via ``scipy.stats.norm.logpdf``
    with standard deviation 1/√λ. Since −log N(t; 0, 1/λ) = (λ/2) t² + ½ log(2π/λ), dividing by m
    gives the regularised cost plus the constant (n/(2m)) log(2π/λ): minimising J + λ/(2m) Σθj² is
    maximum a posteriori estimation. Chapter 04 checks that the difference is that constant.
    """
    from scipy import stats

    X = as_float_matrix(X, "X")
    theta = check_theta_for_X(theta, X)
    y = check_binary_labels(y, X.shape[0])
    lambda_ = check_lambda(lambda_)
    if lambda_ == 0.0:
        raise ValueError("lambda_ must be > 0 for a Gaussian prior N(0, 1/lambda_); got 0")
    h = logistic.predict_proba(theta, X)
    log_likelihood = stats.bernoulli.logpmf(y, h).sum()
    log_prior = stats.norm.logpdf(theta[1:], loc=0.0, scale=1.0 / np.sqrt(lambda_)).sum()
    return float(-(log_likelihood + log_prior))


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
        How far the grid reaches beyond the data on each side.

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
        For invalid data or a ``grid_size`` below 2.

    Notes
    -----
    The scatter of the data and the grid's mapped features (grid_size² × 28) are built once, here.
    An update fits, then removes the previous contour and draws the level θᵀ map_feature(u, v) = 0
    on the same Axes. A λ whose boundary leaves the plotted square entirely is reported in words
    rather than as an empty plot.
    """
    import matplotlib.pyplot as plt

    from .plotting import scatter_classes, subplots

    X_raw = as_float_matrix(X_raw, "X_raw", columns=2, columns_reason="for map_feature(x1, x2)")
    y = check_binary_labels(y, X_raw.shape[0])
    grid_size = check_positive_int(grid_size, "grid_size")
    if grid_size < 2:
        raise ValueError(f"grid_size must be ≥ 2 (points per axis of the grid); got {grid_size}")
    padding = _check_real_scalar(padding, "padding")
    X = logistic.map_feature(X_raw[:, 0], X_raw[:, 1], degree)
    u = np.linspace(X_raw[:, 0].min() - padding, X_raw[:, 0].max() + padding, grid_size)
    v = np.linspace(X_raw[:, 1].min() - padding, X_raw[:, 1].max() + padding, grid_size)
    U, V = np.meshgrid(u, v)
    grid_features = logistic.map_feature(U.ravel(), V.ravel(), degree)

    figure, ax = subplots(width=4.6, height=4.0)
    scatter_classes(X_raw, y, ax=ax, class_names=("rejected", "accepted"),
                    feature_names=("test 1", "test 2"))
    ax.set_xlim(u[0], u[-1])
    ax.set_ylim(v[0], v[-1])
    plt.close(figure)
    drawn = {"contour": None}

    def show(lambda_):
        from IPython.display import display

        update = decision_boundary_update(lambda_, X, y, grid_features)
        print(f"λ = {update.lambda_:g}: training accuracy {update.train_accuracy:.1%}, "
              f"largest |θj| = {np.abs(update.theta[1:]).max():.2f}, "
              f"L-BFGS {update.status} after {update.iterations} iterations")
        if drawn["contour"] is not None:
            drawn["contour"].remove()
            drawn["contour"] = None
        scores = update.grid_scores.reshape(U.shape)
        if scores.min() < 0.0 < scores.max():
            drawn["contour"] = ax.contour(U, V, scores, levels=[0.0], colors="tab:green")
        else:
            print("  the boundary θᵀx = 0 lies outside the plotted square: every point gets one label")
        ax.set_title(f"decision boundary, λ = {update.lambda_:g}")
        display(figure)

    return show, figure
