"""The figures the chapters draw more than once: the sigmoid, cost curves, the data sets by class.

Every function draws on the Axes it is given (``ax=``) or, without one, on a new small figure from
:func:`subplots`, and returns the Axes, so a chapter can add to it and a test can read back what
was drawn. Figures are made at a low resolution (:data:`FIGURE_DPI`): a chapter holds a dozen of
them, and the committed notebook must stay small.

Matplotlib is needed by the chapters, not by the model; nothing else in :mod:`mlcourse` imports
this module.
"""

import matplotlib.pyplot as plt
import numpy as np

from .._validation import as_float_matrix, as_float_vector, check_binary_labels
from ..activations import sigmoid

__all__ = [
    "FIGURE_DPI",
    "plot_cost_curves",
    "plot_example_costs",
    "plot_sigmoid",
    "scatter_classes",
    "subplots",
]

FIGURE_DPI = 72  # a 6×3.2 inch figure is then about 430×230 pixels, ~20 kB as PNG


def subplots(ncols=1, *, width=4.0, height=3.0):
    """A new figure with ``ncols`` Axes side by side, each ``width`` × ``height`` inches.

    Returns
    -------
    figure : matplotlib.figure.Figure
    axes : Axes, or ndarray of Axes of shape (ncols,) when ``ncols`` > 1
    """
    return plt.subplots(1, ncols, figsize=(width * ncols, height), dpi=FIGURE_DPI,
                        layout="constrained")


def _axes(ax):
    return subplots()[1] if ax is None else ax


def plot_sigmoid(ax=None, *, z_min=-10.0, z_max=10.0, num_points=401):
    """Draw g(z) = 1/(1 + e^-z) for z in [``z_min``, ``z_max``].

    Parameters
    ----------
    ax : matplotlib Axes, optional
        Where to draw; a new figure if omitted.
    z_min, z_max : float
        The range of z, ``z_min`` < ``z_max``.
    num_points : int
        Points on the curve.

    Returns
    -------
    matplotlib Axes
        ``ax.lines[0]`` is the curve g(z); dotted guides mark g = 0.5 and z = 0.

    Raises
    ------
    ValueError
        If ``z_min`` ≥ ``z_max``.

    Notes
    -----
    The curve crosses 1/2 at z = 0, which is why h ≥ 0.5 exactly when θᵀx ≥ 0 (chapter 01).
    """
    if not z_min < z_max:
        raise ValueError(f"z_min must be less than z_max; got z_min = {z_min}, z_max = {z_max}")
    ax = _axes(ax)
    z = np.linspace(z_min, z_max, num_points)
    ax.plot(z, sigmoid(z), color="tab:blue", label="g(z)")
    ax.axhline(0.5, color="grey", linewidth=0.8, linestyle=":")
    ax.axvline(0.0, color="grey", linewidth=0.8, linestyle=":")
    ax.set_xlabel("z")
    ax.set_ylabel("g(z)")
    ax.set_ylim(-0.05, 1.05)
    return ax


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
    ax = _axes(ax)
    z = np.linspace(-6.0, 6.0, num_points)
    h = sigmoid(z)
    ax.plot(h, np.logaddexp(0.0, -z), color="tab:green", label="y = 1:  −log h")
    ax.plot(h, np.logaddexp(0.0, z), color="tab:red", label="y = 0:  −log(1 − h)")
    ax.set_xlabel("h = g(z), the predicted P(y = 1)")
    ax.set_ylabel("cost of one example")
    ax.legend(fontsize="small")
    return ax


def plot_cost_curves(steps, curves, ax=None, *, xlabel="t", ylabel="J"):
    """Draw one or more costs against a common parameter, one line per entry of ``curves``.

    Parameters
    ----------
    steps : array_like, shape (T,)
        The horizontal coordinate (a position along a line, a scale, an iteration).
    curves : dict of str → array_like of shape (T,)
        Label → values, drawn in the dict's order. Non-finite values leave gaps in the line.
    ax : matplotlib Axes, optional
    xlabel, ylabel : str

    Returns
    -------
    matplotlib Axes
        ``ax.lines[k]`` is the k-th curve, labelled with its key.

    Raises
    ------
    ValueError
        If ``curves`` is empty or a curve's length differs from ``steps``'.
    """
    steps = as_float_vector(steps, "steps")
    if not curves:
        raise ValueError("curves must hold at least one label → values entry; got an empty dict")
    ax = _axes(ax)
    for label, values in curves.items():
        values = np.asarray(values, dtype=np.float64)
        if values.shape != steps.shape:
            raise ValueError(f"curve {label!r} must have shape {steps.shape} to match steps; "
                             f"got {values.shape}")
        ax.plot(steps, values, label=label)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    return ax


def scatter_classes(X, y, ax=None, *, class_names=("y = 0", "y = 1"), feature_names=("x1", "x2")):
    """Scatter two-feature examples, one marker per class: ``o`` for y = 0, ``+`` for y = 1.

    Parameters
    ----------
    X : array_like, shape (m, 2)
        Two features per example, **without** an intercept column (e.g. the exam scores or the
        microchip test results).
    y : array_like, shape (m,)
        Labels 0 or 1.
    ax : matplotlib Axes, optional
    class_names : pair of str
        Legend labels for y = 0 and y = 1, e.g. ``("not admitted", "admitted")``.
    feature_names : pair of str
        Axis labels for column 0 and column 1.

    Returns
    -------
    matplotlib Axes
        ``ax.collections[0]`` holds the y = 0 points, ``ax.collections[1]`` the y = 1 points.

    Raises
    ------
    TypeError, ValueError
        If ``X`` is not (m, 2) with finite values, or ``y`` is not (m,) of 0s and 1s.
    """
    X = as_float_matrix(X, "X", columns=2, columns_reason="to plot one feature per axis")
    y = check_binary_labels(y, X.shape[0])
    ax = _axes(ax)
    negative, positive = X[y == 0], X[y == 1]
    ax.scatter(negative[:, 0], negative[:, 1], marker="o", facecolors="none", edgecolors="tab:orange",
               label=class_names[0])
    ax.scatter(positive[:, 0], positive[:, 1], marker="+", color="tab:blue", label=class_names[1])
    ax.set_xlabel(feature_names[0])
    ax.set_ylabel(feature_names[1])
    ax.legend(fontsize="small")
    return ax
