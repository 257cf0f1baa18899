"""Chapter 01's figures: one example's cost against h, and the slider of the textbook cost formula
against the stable one as θ is scaled up.

The code chapter 01 teaches — the squared-error cost, its gradient, both costs along a line through
θ-space — is written in the chapter's own cells; the model lives in :mod:`mlcourse.logistic`. Here
are the figures around it: :func:`plot_example_costs`, and the slider, whose one position
:func:`naive_vs_stable_cost` computes and whose figure :func:`make_naive_vs_stable_slider` builds once.

A slider callback is an ordinary function: a chapter calls it once in a plain cell (so notebook
validation checks its printed numbers), then hands it to ``ipywidgets.interactive_output``. Anything
expensive — curves over the slider's whole range, the figure — is built once by the ``make_…``
function; a slider update only computes one point, moves a marker and redraws, with
:class:`~mlcourse.chapters.plotting.SliderCanvas`, which every chapter's slider uses.
"""

from collections import namedtuple

import numpy as np

from .._validation import (
    as_float_matrix,
    as_float_vector,
    check_binary_labels,
    check_positive_real,
    check_theta_for_X,
)
from ..activations import sigmoid
from ..logistic import cost as cross_entropy_cost
from .plotting import PALETTE, SliderCanvas, subplots

__all__ = [
    "NaiveVsStable",
    "make_naive_vs_stable_slider",
    "naive_vs_stable_cost",
    "plot_example_costs",
]


def plot_example_costs(ax=None, *, num_points=400):
    """Draw one example's cost against h: −log h if y = 1, −log(1 − h) if y = 0.

    Parameters
    ----------
    ax : matplotlib Axes, optional
    num_points : int
        Points on each curve.

    Returns
    -------
    matplotlib Axes
        ``ax.lines[0]`` is −log h (y = 1), ``ax.lines[1]`` is −log(1 − h) (y = 0), both over the same
        h in (0, 1).

    Notes
    -----
    The points are spaced evenly in z from −6 to 6 and h = g(z), so the steep ends near h = 0 and
    h = 1 get as many points as the middle. Both costs come from z, as in the library:
    −log g(z) = log(1 + e^-z) and −log(1 − g(z)) = log(1 + e^z).
    """
    ax = subplots()[1] if ax is None else ax
    z = np.linspace(-6.0, 6.0, num_points)
    h = sigmoid(z)
    ax.plot(h, np.logaddexp(0.0, -z), color=PALETTE["blue"], label="y = 1:  −log h")
    ax.plot(h, np.logaddexp(0.0, z), color=PALETTE["vermillion"], linestyle="--",
            label="y = 0:  −log(1 − h)")
    ax.set_xlabel("h = g(z), the predicted P(y = 1)")
    ax.set_ylabel("cost of one example")
    ax.legend()
    return ax


def _validate(theta, X, y):
    X = as_float_matrix(X, "X")
    theta = check_theta_for_X(theta, X)
    y = check_binary_labels(y, X.shape[0])
    return theta, X, y


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
        How far to push θ, > 0: the costs are evaluated at ``scale * theta``, where z = scale · Xθ.
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
        As :func:`mlcourse.logistic.cost`, for the inputs or for ``scale * theta``; or if ``scale``
        is not a number > 0.

    Notes
    -----
    The naive cost is evaluated with numpy's floating-point warnings switched off
    (``np.errstate(all="ignore")``): its inf and NaN are the lesson, shown as numbers, and a
    RuntimeWarning on the screen would only repeat them. Once z ≳ 36.7, 1/(1 + e^-z) rounds to
    exactly 1.0, log(1 − h) = log 0 = −inf, and the term (1 − y) log(1 − h) of an example with y = 1
    becomes 0 · (−inf) = NaN.
    """
    scale = check_positive_real(scale, "scale")
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


def _draw_both_curves(scales, stable, naive):
    """The slider's fixed figure: both cost curves, the band where the naive one breaks, a marker."""
    import matplotlib.pyplot as plt

    from .plotting import plot_cost_curves, subplots

    figure, ax = subplots(width=6.0, height=3.2)
    plot_cost_curves(scales, {"stable (library)": stable, "naive formula": naive}, ax=ax,
                     xlabel="scale (θ = scale · θ̂)", ylabel="J")
    stable_line, naive_line = ax.lines
    stable_line.set(linewidth=5.0, alpha=0.35)  # wide and pale: the naive curve shows on top of it
    naive_line.set(linewidth=1.5, linestyle="--")
    broken = ~np.isfinite(naive)
    if broken.any():
        ax.axvspan(scales[broken].min(), scales.max(), color=PALETTE["vermillion"], alpha=0.12,
                   label="naive: inf or NaN")
    marker = ax.axvline(scales[0], color="black", linewidth=1.0, linestyle=":")
    ax.legend(loc="upper left")
    # Lay the figure out once, then freeze the layout: only the marker moves, and solving the
    # constrained layout again on every redraw was most of a slider update's rendering time.
    figure.canvas.draw()
    figure.set_layout_engine("none")
    plt.close(figure)
    return figure, marker


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
    theta, X, y = _validate(theta, X, y)
    scales = as_float_vector(scales, "scales")
    stable = np.array([cross_entropy_cost(s * theta, X, y) for s in scales], dtype=np.float64)
    with np.errstate(all="ignore"):
        naive = np.array([naive_cost(s * theta, X, y) for s in scales], dtype=np.float64)
    figure, marker = _draw_both_curves(scales, stable, naive)
    canvas = SliderCanvas(figure, moving=[marker])

    def show(scale):
        result = naive_vs_stable_cost(scale, theta, X, y, naive_cost)
        print(f"scale {result.scale:.2f}: largest |z| = {result.largest_abs_z:.1f}, "
              f"h rounded to exactly 0 or 1 for {result.num_rounded} of {X.shape[0]} examples")
        agree = abs(result.naive - result.stable) < 1e-9  # False for a NaN, as it should be
        print(f"  naive J = {result.naive:.6f}   stable J = {result.stable:.6f}   "
              f"{'they agree to 1e-9' if agree else 'they do NOT agree to 1e-9'}")
        marker.set_xdata([result.scale, result.scale])
        canvas.display()

    show.canvas = canvas  # for the benchmark: the redraw alone
    return show, figure
