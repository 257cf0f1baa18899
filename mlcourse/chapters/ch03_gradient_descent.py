"""Chapter 03's experiments around gradient descent: the largest stable α, and the α slider.

Gradient descent θ ← θ − α ∇J(θ) lives in :mod:`mlcourse.optimize`; feature scaling and the
Hessian of J, which explain its one knob α, are written in chapter 03's own cells. What is here
runs experiments with α:

- :func:`largest_stable_alpha` finds the largest α that does not diverge by bisection, using the
  ``status`` of :func:`mlcourse.optimize.gradient_descent`;
- :func:`iterations_to_reach` reads off a cost history how many steps a run needed;
- :func:`descend` and :func:`make_learning_rate_slider` are chapter 03's slider: one run of gradient
  descent for a given α, drawn as its cost history and as its path over the contours of J.

A slider callback is an ordinary function: the chapter calls it once in a plain cell (so notebook
validation checks its printed numbers), then hands it to ``ipywidgets.interactive_output``. The
contour grid and the figure are built once by :func:`make_learning_rate_slider`; an update runs one
short descent, moves the lines and redraws.
"""

import math
from collections import namedtuple
from dataclasses import dataclass

import numpy as np

from .. import logistic, optimize
from .._validation import (
    as_float_matrix,
    as_float_vector,
    check_binary_labels,
    check_positive_int,
    check_positive_real,
    check_theta_for_X,
)
from .plotting import PALETTE, SliderCanvas

__all__ = [
    "Descent",
    "descend",
    "iterations_to_reach",
    "largest_stable_alpha",
    "make_learning_rate_slider",
]


# --- the largest α that does not diverge ---------------------------------------------------------

def largest_stable_alpha(cost_and_gradient, theta_initial, num_iters, alpha_low, alpha_high, *,
                         rtol=1e-3):
    """The largest α for which gradient descent runs ``num_iters`` steps without diverging, by bisection.

    Parameters
    ----------
    cost_and_gradient : callable
        ``cost_and_gradient(theta) -> (J, grad)``, as for :func:`mlcourse.optimize.gradient_descent`.
    theta_initial : array_like, shape (n,)
        Where every run starts.
    num_iters : int
        The steps each trial run takes; a run "diverges" if its ``status`` is not ``"completed"``.
    alpha_low, alpha_high : float
        A bracket: a run with ``alpha_low`` must complete and one with ``alpha_high`` must diverge.
    rtol : float, default 1e-3
        Stop when alpha_high / alpha_low < 1 + rtol.

    Returns
    -------
    float
        An α that completed, within a factor (1 + rtol) of one that diverged.

    Raises
    ------
    TypeError, ValueError
        For an invalid α, ``num_iters`` or ``rtol``; if ``alpha_low`` ≥ ``alpha_high``; if the run with
        ``alpha_low`` diverges or the run with ``alpha_high`` completes (not a bracket).

    Notes
    -----
    Bisection in log α (the midpoint is √(low · high)): α spans orders of magnitude, and a geometric
    midpoint halves the *ratio* of the bracket each time. Whether a run diverges is assumed to switch
    once along α, which holds for the logistic cost (chapter 03 compares the result with 2/λ_max).
    The answer depends on ``num_iters``: just above the edge, the cost may rise only after many steps.
    """
    num_iters = check_positive_int(num_iters, "num_iters")
    alpha_low = check_positive_real(alpha_low, "alpha_low")
    alpha_high = check_positive_real(alpha_high, "alpha_high")
    rtol = check_positive_real(rtol, "rtol")
    if not alpha_low < alpha_high:
        raise ValueError(f"alpha_low must be less than alpha_high; got alpha_low = {alpha_low:g}, "
                         f"alpha_high = {alpha_high:g}")

    def diverges(alpha):
        return optimize.gradient_descent(cost_and_gradient, theta_initial, alpha, num_iters).diverged

    if diverges(alpha_low):
        raise ValueError(f"alpha_low must be an α that does not diverge in {num_iters} steps; got "
                         f"alpha_low = {alpha_low:g}, which diverges — try a smaller one")
    if not diverges(alpha_high):
        raise ValueError(f"alpha_high must be an α that diverges within {num_iters} steps; got "
                         f"alpha_high = {alpha_high:g}, which does not — try a larger one")
    while alpha_high / alpha_low >= 1.0 + rtol:
        middle = math.sqrt(alpha_low * alpha_high)
        if diverges(middle):
            alpha_high = middle
        else:
            alpha_low = middle
    return alpha_low


def iterations_to_reach(cost_history, target):
    """The first iteration at which the cost is at or below ``target``, or None if it never is.

    Parameters
    ----------
    cost_history : array_like, shape (T,)
        J at iterations 0, 1, …, T − 1 (``cost_history[0]`` is the starting cost).
    target : float
        The cost to reach.

    Returns
    -------
    int or None
        The smallest k with ``cost_history[k] <= target``.

    Raises
    ------
    TypeError, ValueError
        If ``cost_history`` is not a finite vector or ``target`` not a real number.
    """
    cost_history = as_float_vector(cost_history, "cost_history")
    target = float(as_float_vector([target], "target")[0])
    reached = np.flatnonzero(cost_history <= target)
    return int(reached[0]) if reached.size else None


# --- chapter 03's slider -------------------------------------------------------------------------

@dataclass(frozen=True)
class Descent:
    """One run of chapter 03's slider.

    Attributes
    ----------
    alpha : float
        The learning rate of the run.
    result : mlcourse.optimize.DescentResult
        What gradient descent returned, with ``theta_path`` kept.
    rejected_theta : ndarray of shape (n+1,), or None
        Where the step that was refused would have gone (θ − α ∇J at the last accepted θ); None if
        the run completed or that step was not finite.
    """

    alpha: float
    result: optimize.DescentResult
    rejected_theta: np.ndarray | None = None


def descend(alpha, X, y, num_iters, theta_initial=None):
    """Run gradient descent on the logistic cost with learning rate ``alpha``, keeping the path.

    Parameters
    ----------
    alpha : float
        The learning rate α > 0.
    X : array_like, shape (m, n+1)
        With the intercept column.
    y : array_like, shape (m,)
        Labels 0 or 1.
    num_iters : int
        Steps to take if none diverges.
    theta_initial : array_like, shape (n+1,), optional
        Default zeros.

    Returns
    -------
    Descent

    Raises
    ------
    TypeError, ValueError
        As :func:`mlcourse.optimize.gradient_descent` and :func:`mlcourse.logistic.cost`.

    Notes
    -----
    A diverging α is an outcome, not an error: the run stops at the first step that makes the cost
    rise (see :func:`mlcourse.optimize.gradient_descent`), and the refused step is recomputed here
    from the last accepted θ so that the slider can draw where it would have gone.
    """
    X = as_float_matrix(X, "X")
    y = check_binary_labels(y, X.shape[0])
    if theta_initial is None:
        theta_initial = np.zeros(X.shape[1])
    theta_initial = check_theta_for_X(theta_initial, X)

    def objective(theta):
        try:
            return logistic.cost_and_gradient(theta, X, y)
        except ValueError:  # X θ overflowed, which only an absurd α does: an outcome, told in the status
            return math.inf, np.full_like(theta, np.nan)

    result = optimize.gradient_descent(objective, theta_initial, alpha, num_iters, keep_path=True)
    rejected = None
    if result.diverged:
        with np.errstate(over="ignore", invalid="ignore"):
            rejected = result.theta - float(alpha) * objective(result.theta)[1]
        if not np.isfinite(rejected).all():
            rejected = None
    return Descent(alpha=float(alpha), result=result, rejected_theta=rejected)


def _verdict(descent, target):
    """'diverges', 'too small' or 'good' for one run of the slider."""
    if descent.result.diverged:
        return "diverges"
    return "good" if descent.result.final_cost <= target else "too small"


_SliderLines = namedtuple("_SliderLines", ["history", "rejected_cost", "path", "rejected_step",
                                           "rejected_theta"])


def _draw_cost_panel(cost_ax, J_hat, num_iters):
    """The left panel's fixed parts; returns its two moving lines (history, refused step's cost)."""
    (history_line,) = cost_ax.plot([], [], color=PALETTE["blue"], label="J(θ) per iteration")
    cost_ax.axhline(J_hat, color="grey", linestyle=":", linewidth=1.0, label=f"J(θ̂) = {J_hat:.4f}")
    (rejected_cost_marker,) = cost_ax.plot([], [], "x", color=PALETTE["vermillion"], markersize=9,
                                           label="refused step")
    cost_ax.set_xlim(0, num_iters)
    cost_ax.set_xlabel("iteration")
    cost_ax.set_ylabel("J")
    cost_ax.legend(loc="upper right")
    return history_line, rejected_cost_marker


def _draw_path_panel(path_ax, X, y, theta_hat, theta1_range, theta2_range, grid_size):
    """The right panel: contours of J(θ̂0, θ1, θ2) and the star at θ̂; returns its three moving lines.

    The contours are a slice, and the path drawn on them is the projection (θ1, θ2) of the real 3-D
    path: on the way θ0 differs from θ̂0, so the path need not cross the contours at right angles.
    """
    # the contour grid, once: z at every grid point is θ̂0 + θ1 x1 + θ2 x2, an (m, grid²) matrix, and
    # J the mean of log(1 + e^z) − y z down each column: logistic.cost at every grid point in one pass
    T1, T2 = np.meshgrid(np.linspace(*theta1_range, grid_size), np.linspace(*theta2_range, grid_size))
    z = theta_hat[0] + np.outer(X[:, 1], T1.ravel()) + np.outer(X[:, 2], T2.ravel())
    J_grid = (np.logaddexp(0.0, z) - y[:, None] * z).mean(axis=0).reshape(T1.shape)
    levels = J_grid.min() + np.geomspace(0.005, J_grid.max() - J_grid.min(), 12)
    path_ax.contour(T1, T2, J_grid, levels=levels, colors="grey", linewidths=0.7)
    path_ax.plot(theta_hat[1], theta_hat[2], "*", color="black", markersize=10)
    (path_line,) = path_ax.plot([], [], ".-", color=PALETTE["blue"], markersize=3, linewidth=1.0)
    (rejected_line,) = path_ax.plot([], [], "--", color=PALETTE["vermillion"], linewidth=1.2)
    (rejected_marker,) = path_ax.plot([], [], "x", color=PALETTE["vermillion"], markersize=9)
    path_ax.set_xlim(*theta1_range)
    path_ax.set_ylim(*theta2_range)
    path_ax.set_xlabel("θ1")
    path_ax.set_ylabel("θ2")
    path_ax.set_title(f"contours of J(θ̂0 = {theta_hat[0]:.2f}, θ1, θ2)")
    return path_line, rejected_line, rejected_marker


def _move_lines(lines, cost_ax, descent, J_hat, target):
    """Move the slider's lines to ``descent``'s run (the part a slider update redraws)."""
    result = descent.result
    history = result.cost_history
    lines.history.set_data(np.arange(history.size), history)
    lines.path.set_data(result.theta_path[:, 1], result.theta_path[:, 2])
    top = max(1.04 * math.log(2), float(history.max()))  # J(θ = 0) = ln 2, where every run starts
    if result.rejected_cost is not None and math.isfinite(result.rejected_cost):
        lines.rejected_cost.set_data([result.iterations + 1], [result.rejected_cost])
        top = max(top, result.rejected_cost)
    else:
        lines.rejected_cost.set_data([], [])
    if descent.rejected_theta is not None:
        last, refused = result.theta, descent.rejected_theta
        lines.rejected_step.set_data([last[1], refused[1]], [last[2], refused[2]])
        lines.rejected_theta.set_data([refused[1]], [refused[2]])
    else:
        lines.rejected_step.set_data([], [])
        lines.rejected_theta.set_data([], [])
    cost_ax.set_ylim(J_hat - 0.03, top * 1.05)
    title = f"α = {descent.alpha:.3g}: {_verdict(descent, target)}"
    if result.diverged:
        title += f" at iteration {result.iterations + 1} (refused step in red)"
    cost_ax.set_title(title)


def _print_run(descent, J_hat, target):
    """The slider's lines of numbers for one run: verdict, message, final cost, refused step."""
    result = descent.result
    print(f"α = {descent.alpha:.3g} → {_verdict(descent, target)} ({result.status}): {result.message}")
    gap = result.final_cost - J_hat
    # below 1e-9 the gap is round-off, which differs between machines: say so instead of printing it
    gap_text = "below 1e-9" if gap < 1e-9 else f"{gap:.2e}"
    print(f"  after {result.iterations} accepted steps J = {result.final_cost:.6f}, "
          f"J − J(θ̂) {'=' if gap >= 1e-9 else 'is'} {gap_text}")
    if descent.rejected_theta is not None:
        print(f"  the refused step would have gone to θ = "
              f"{np.array2string(descent.rejected_theta, precision=3)} (red on the plots)")


def _draw_figure(X, y, theta_hat, J_hat, num_iters, theta1_range, theta2_range, grid_size):
    """The slider's figure with both panels, laid out once; returns (figure, cost Axes, moving lines)."""
    import matplotlib.pyplot as plt

    from .plotting import subplots

    figure, (cost_ax, path_ax) = subplots(2, width=4.2, height=3.4)
    lines = _SliderLines(*_draw_cost_panel(cost_ax, J_hat, num_iters),
                         *_draw_path_panel(path_ax, X, y, theta_hat, theta1_range, theta2_range, grid_size))
    # Lay the figure out once, then freeze the layout: the constrained layout would otherwise be
    # solved again on every redraw (about a quarter of a slider update's rendering time), and the
    # axes, labels and legends it places do not move between updates.
    figure.canvas.draw()
    figure.set_layout_engine("none")
    plt.close(figure)
    return figure, cost_ax, lines


def make_learning_rate_slider(X, y, theta_hat, *, num_iters=100, theta1_range=(-1.5, 10.0),
                              theta2_range=(-1.5, 12.0), grid_size=121, tolerance=1e-3):
    """Build chapter 03's slider callback: gradient descent's cost history and path for a chosen α.

    Parameters
    ----------
    X : array_like, shape (m, 3)
        The intercept column and two features (the slice drawn is over θ1 and θ2).
    y : array_like, shape (m,)
        Labels 0 or 1.
    theta_hat : array_like, shape (3,)
        The minimiser of J; the contours are drawn over (θ1, θ2) with θ0 held at ``theta_hat[0]``.
    num_iters : int, default 100
        Steps of each run.
    theta1_range, theta2_range, grid_size : pair of float, pair of float, int
        The window of the contour plot, and its grid points per axis.
    tolerance : float, default 1e-3
        A run that ends within this of J(θ̂) is "good"; one that completes further away, "too small".

    Returns
    -------
    show : callable
        ``show(alpha)`` runs :func:`descend`, prints its verdict and ``message``, updates the two
        plots (a refused step in red) and displays the figure. It builds nothing.
        ``show.update(descent)`` only moves the lines, for the benchmark.
    figure : matplotlib.figure.Figure
        The figure ``show`` updates (closed to pyplot, so it appears only when ``show`` displays it).

    Raises
    ------
    TypeError, ValueError
        For invalid data, a ``theta_hat`` that does not match ``X``, or ``X`` without exactly 3 columns.
    """
    X = as_float_matrix(X, "X", columns=3, columns_reason="(the intercept and two features: the "
                        "contour plot is over θ1 and θ2)")
    y = check_binary_labels(y, X.shape[0])
    theta_hat = check_theta_for_X(theta_hat, X)
    num_iters = check_positive_int(num_iters, "num_iters")
    grid_size = check_positive_int(grid_size, "grid_size")
    J_hat = logistic.cost(theta_hat, X, y)
    target = J_hat + check_positive_real(tolerance, "tolerance")
    figure, cost_ax, lines = _draw_figure(X, y, theta_hat, J_hat, num_iters, theta1_range, theta2_range,
                                          grid_size)
    # the cost panel's y-axis follows each run: it redraws whole, over contours drawn once (the path
    # panel's frame is drawn again over the path, where a full draw puts it)
    canvas = SliderCanvas(figure, moving=[cost_ax, lines.path, lines.rejected_step, lines.rejected_theta,
                                          *lines.path.axes.spines.values()])

    def update(descent):
        _move_lines(lines, cost_ax, descent, J_hat, target)

    def show(alpha):
        descent = descend(alpha, X, y, num_iters)
        _print_run(descent, J_hat, target)
        update(descent)
        canvas.display()

    show.update = update  # for the benchmark: move the lines without printing or displaying
    show.canvas = canvas  # and the redraw alone
    return show, figure
