"""Computations the chapters show but the model itself does not need, and the chapters' slider callbacks.

The model lives in :mod:`mlcourse.logistic`; what is here exists to *explain* it:

- the squared-error cost of logistic regression and its gradient — the cost the course does **not**
  use, kept so that chapter 01 can show why (Q6);
- both costs evaluated along a straight line through θ-space, in one vectorised pass;
- chapter 01's slider: the textbook cost formula against the stable one as θ is scaled up.

A slider callback is an ordinary function: a chapter calls it once in a plain cell (so notebook
validation checks its printed numbers), then hands it to ``ipywidgets.interactive_output``. Anything
expensive — curves over the slider's whole range, the figure — is built once by the ``make_…``
function; a slider update only computes one point, moves a marker and redraws.
"""

from collections import namedtuple

import numpy as np

from .._validation import (
    _check_real_scalar,
    as_float_matrix,
    as_float_vector,
    check_binary_labels,
    check_theta_for_X,
)
from ..activations import sigmoid, sigmoid_gradient
from ..logistic import cost as cross_entropy_cost

__all__ = [
    "NaiveVsStable",
    "cost_along_line",
    "make_naive_vs_stable_slider",
    "naive_vs_stable_cost",
    "squared_error_cost",
    "squared_error_gradient",
]


def _validate(theta, X, y):
    X = as_float_matrix(X, "X")
    theta = check_theta_for_X(theta, X)
    y = check_binary_labels(y, X.shape[0])
    return theta, X, y


# --- squared error: the cost logistic regression does not use ------------------------------------

def squared_error_cost(theta, X, y):
    """The squared error of the sigmoid's output, J_sq(θ) = (1/(2m)) Σ_i (g(x⁽ⁱ⁾θ) − y⁽ⁱ⁾)².

    Parameters
    ----------
    theta : array_like, shape (n+1,)
    X : array_like, shape (m, n+1)
        With the intercept column, as for :func:`mlcourse.logistic.cost`.
    y : array_like, shape (m,)
        Labels 0 or 1.

    Returns
    -------
    float
        J_sq in [0, 1/2].

    Raises
    ------
    TypeError, ValueError
        As :func:`mlcourse.logistic.cost` (shapes, labels, NaN/inf).

    Notes
    -----
    Linear regression's cost with h = g(z) put in for h = z. Every term is bounded by 1, so J_sq
    flattens out to a plateau wherever the sigmoid saturates: it cannot be convex along a whole
    line. Chapter 01 plots it against the cross-entropy on the exam data (Q6).
    """
    theta, X, y = _validate(theta, X, y)
    residual = sigmoid(X @ theta) - y
    return float(residual @ residual / (2 * X.shape[0]))


def squared_error_gradient(theta, X, y):
    """The gradient of :func:`squared_error_cost`: (1/m) Xᵀ[(h − y) ⊙ g'(z)].

    Parameters are those of :func:`squared_error_cost`.

    Returns
    -------
    ndarray of float64, shape (n+1,)

    Raises
    ------
    TypeError, ValueError
        As :func:`squared_error_cost`.

    Notes
    -----
    d/dz ½(g(z) − y)² = (g(z) − y) g'(z): the ½ cancels the 2 of the power rule (Q7), and the
    factor g'(z) = h(1 − h) stays. For a confidently wrong example (y = 1, z = −10) g'(z) ≈ 4.5e-5,
    so the example that most needs correcting barely moves θ. The cross-entropy's gradient
    (h − y) x has no such factor: its derivative ∂/∂h cancels g'(z) exactly (chapter 02).
    """
    theta, X, y = _validate(theta, X, y)
    z = X @ theta
    return X.T @ ((sigmoid(z) - y) * sigmoid_gradient(z)) / X.shape[0]


def cost_along_line(theta_start, direction, steps, X, y):
    """Squared error and cross-entropy at the points θ(t) = θ_start + t · direction.

    Parameters
    ----------
    theta_start : array_like, shape (n+1,)
        The point at t = 0.
    direction : array_like, shape (n+1,)
        The direction of the line (not normalised: t is measured in units of it).
    steps : array_like, shape (T,)
        The values of t.
    X : array_like, shape (m, n+1)
        With the intercept column.
    y : array_like, shape (m,)
        Labels 0 or 1.

    Returns
    -------
    squared_error : ndarray of float64, shape (T,)
        :func:`squared_error_cost` at each θ(t).
    cross_entropy : ndarray of float64, shape (T,)
        :func:`mlcourse.logistic.cost` (λ = 0) at each θ(t).

    Raises
    ------
    TypeError, ValueError
        For non-numeric input, a ``theta_start`` or ``direction`` that does not match ``X``, labels
        other than 0/1, NaN/inf, or scores z that overflow.

    Notes
    -----
    Since z is linear in θ, z(t) = Xθ_start + t · Xd: two matrix-vector products give every z on
    the line, as an (m, T) outer sum, so a curve of a few hundred points costs well under a
    millisecond. The cross-entropy is taken from z (``logaddexp(0, z) − y z``), as in the library.
    A convex function has second differences J(t−Δ) − 2J(t) + J(t+Δ) ≥ 0 everywhere on the line;
    chapter 01 checks that sign for both costs.
    """
    X = as_float_matrix(X, "X")
    theta_start = check_theta_for_X(theta_start, X)
    direction = as_float_vector(direction, "direction", length=X.shape[1],
                                length_reason=f"to match the {X.shape[1]} columns of X")
    y = check_binary_labels(y, X.shape[0])
    steps = as_float_vector(steps, "steps")
    with np.errstate(over="ignore", invalid="ignore"):  # a non-finite z is reported just below
        z = (X @ theta_start)[:, None] + (X @ direction)[:, None] * steps  # (m, T)
    if not np.isfinite(z).all():
        raise ValueError("the scores z along the line overflowed; use a shorter range of steps")
    m = X.shape[0]
    residual = sigmoid(z) - y[:, None]
    squared_error = (residual * residual).sum(axis=0) / (2 * m)
    cross_entropy = (np.logaddexp(0.0, z) - y[:, None] * z).sum(axis=0) / m
    return squared_error, cross_entropy


# --- chapter 01's slider: the textbook formula against the stable one ----------------------------

NaiveVsStable = namedtuple("NaiveVsStable", ["scale", "largest_abs_z", "num_rounded", "naive", "stable"])
NaiveVsStable.__doc__ = """One position of chapter 01's slider.

scale : float — θ is ``scale`` times the θ the slider was made with.
largest_abs_z : float — max |z| over the examples at that θ.
num_rounded : int — examples whose h = g(z) is exactly 0.0 or 1.0 in float64.
naive : float — the chapter's textbook cost at that θ (may be inf or NaN).
stable : float — :func:`mlcourse.logistic.cost` at that θ (always finite).
"""


def naive_vs_stable_cost(scale, theta, X, y, naive_cost):
    """The textbook cost and the library's stable cost at ``scale`` · θ.

    Parameters
    ----------
    scale : float
        How far to push θ: the costs are evaluated at ``scale * theta``, where z = scale · Xθ.
    theta : array_like, shape (n+1,)
    X : array_like, shape (m, n+1)
        With the intercept column.
    y : array_like, shape (m,)
        Labels 0 or 1.
    naive_cost : callable
        ``naive_cost(theta, X, y) -> float``, the cost computed from h = 1/(1 + e^-z) as the
        formula is written — the chapter defines it.

    Returns
    -------
    NaiveVsStable

    Raises
    ------
    TypeError, ValueError
        As :func:`mlcourse.logistic.cost`, for the inputs or for ``scale * theta``.

    Notes
    -----
    The naive cost is evaluated with numpy's floating-point warnings switched off
    (``np.errstate(all="ignore")``): its inf and NaN are the lesson, shown as numbers, and a
    RuntimeWarning on the screen would only repeat them. Once z ≳ 36.7, 1/(1 + e^-z) rounds to
    exactly 1.0, log(1 − h) = log 0 = −inf, and the term (1 − y) log(1 − h) of an example with y = 1
    becomes 0 · (−inf) = NaN.
    """
    scale = _check_real_scalar(scale, "scale")
    theta, X, y = _validate(theta, X, y)
    scaled = scale * theta
    stable = cross_entropy_cost(scaled, X, y)  # first: it raises if X @ scaled overflows
    z = X @ scaled
    h = sigmoid(z)
    with np.errstate(all="ignore"):
        naive = float(naive_cost(scaled, X, y))
    return NaiveVsStable(scale=scale, largest_abs_z=float(np.abs(z).max()),
                         num_rounded=int(np.count_nonzero((h == 0.0) | (h == 1.0))),
                         naive=naive, stable=stable)


def make_naive_vs_stable_slider(theta, X, y, naive_cost, scales):
    """Build chapter 01's slider callback: both costs along θ → scale · θ, with a moving marker.

    Parameters
    ----------
    theta, X, y, naive_cost
        As :func:`naive_vs_stable_cost`.
    scales : array_like, shape (S,)
        The slider's range, sampled finely: the two curves are drawn over it once, here.

    Returns
    -------
    show : callable
        ``show(scale)`` prints one line of numbers (scale, largest |z|, how many h rounded to 0 or
        1, both costs), moves the figure's marker to ``scale`` and displays the figure. It builds
        nothing: a slider update costs one cost evaluation and one redraw.
    figure : matplotlib.figure.Figure
        The figure ``show`` updates (closed to pyplot, so it appears only when ``show`` displays it).

    Notes
    -----
    Matplotlib leaves a NaN or inf point out of a line, so the naive curve simply stops where the
    formula breaks; the band to its right marks the scales at which it returns inf or NaN.
    """
    import matplotlib.pyplot as plt

    from .plotting import plot_cost_curves, subplots

    theta, X, y = _validate(theta, X, y)
    scales = as_float_vector(scales, "scales")
    z = np.multiply.outer(X @ theta, scales)  # (m, S): z at every scale, one product
    stable = (np.logaddexp(0.0, z) - y[:, None] * z).mean(axis=0)
    with np.errstate(all="ignore"):
        naive = np.array([naive_cost(s * theta, X, y) for s in scales], dtype=np.float64)
    figure, ax = subplots(width=6.0, height=3.2)
    plot_cost_curves(scales, {"stable (library)": stable, "naive formula": naive}, ax=ax,
                     xlabel="scale (θ = scale · θ̂)", ylabel="J")
    stable_line, naive_line = ax.lines
    stable_line.set(linewidth=5.0, alpha=0.35)  # wide and pale: the naive curve shows on top of it
    naive_line.set(linewidth=1.5, linestyle="--")
    broken = ~np.isfinite(naive)
    if broken.any():
        ax.axvspan(scales[broken].min(), scales.max(), color="tab:red", alpha=0.12,
                   label="naive: inf or NaN")
    marker = ax.axvline(scales[0], color="black", linewidth=1.0, linestyle=":")
    ax.legend(loc="upper left", fontsize="small")
    plt.close(figure)

    def show(scale):
        from IPython.display import display

        result = naive_vs_stable_cost(scale, theta, X, y, naive_cost)
        print(f"scale {result.scale:.2f}: largest |z| = {result.largest_abs_z:.1f}, "
              f"h rounded to exactly 0 or 1 for {result.num_rounded} of {X.shape[0]} examples")
        print(f"  naive J = {result.naive:.6f}   stable J = {result.stable:.6f}   "
              f"agree to 1e-9: {abs(result.naive - result.stable) < 1e-9}")
        marker.set_xdata([result.scale, result.scale])
        display(figure)

    return show, figure
