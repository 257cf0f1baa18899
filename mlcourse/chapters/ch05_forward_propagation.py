"""Chapter 05's helpers: the network's shapes as a table, the cost one example at a time, digit grids.

The network itself — forward pass, cost, backpropagation, training — lives in
:mod:`mlcourse.network`. What is here exists to *show* it:

- :func:`shape_table` lists every a, z and Θ of one forward pass with its shape, in symbols and in
  numbers, so a chapter can print the whole bookkeeping of the network at once;
- :func:`cost_loop` is the K-class cost written as the course writes it, a double sum over examples
  and output units with log h, one example at a time: an independent oracle for the vectorised,
  numerically stable :func:`mlcourse.network.cost`;
- :func:`plot_digit_grid` draws rows of examples (or of anything with a square number of columns,
  such as the hidden units' weights) as small grey-scale images with a label above each.

Matplotlib is imported by :func:`plot_digit_grid` only, so the table and the loop work without it.
"""

import math

import numpy as np

from .. import network
from .._validation import (
    as_float_matrix,
    check_class_labels,
    check_lambda,
    check_network_thetas,
    check_positive_int,
)
from ..activations import sigmoid

__all__ = ["cost_loop", "plot_digit_grid", "shape_table"]


def shape_table(Theta1, Theta2, X):
    """A text table of every a, z and Θ of one forward pass: symbol, code name, shape (symbols, numbers).

    Parameters
    ----------
    Theta1 : array_like, shape (s2, n+1)
    Theta2 : array_like, shape (K, s2+1)
    X : array_like, shape (m, n)
        Inputs without a bias column.

    Returns
    -------
    str
        One line per quantity — X, a(1), Θ(1), z(2), a(2), Θ(2), z(3), a(3) — in the order the
        forward pass computes them, with a header line. The numeric shapes are read from the
        arrays :func:`mlcourse.network.forward` returns, not worked out from m, n, s2 and K, so the
        table shows what the code really produced.

    Raises
    ------
    ValueError, TypeError
        As :func:`mlcourse.network.forward`, if the shapes do not fit together.

    Notes
    -----
    a(1) = [1, X], z(2) = a(1) Θ(1)ᵀ, a(2) = [1, g(z(2))], z(3) = a(2) Θ(2)ᵀ, a(3) = g(z(3)) = h.
    The bias units add the "+1" columns of a(1) and a(2); the Θs have one more column than the
    layer they read from, for the same reason. Chapter 05.
    """
    result = network.forward(Theta1, Theta2, X)
    Theta1 = np.asarray(Theta1)
    Theta2 = np.asarray(Theta2)
    rows = [
        ("X", "X", "(m, n)", np.shape(X), "inputs, one example per row"),
        ("a(1)", "a1", "(m, n+1)", result.a1.shape, "[1, X]: the bias unit a0(1) = 1 in column 0"),
        ("Θ(1)", "Theta1", "(s2, n+1)", Theta1.shape, "column 0 multiplies a0(1)"),
        ("z(2)", "z2", "(m, s2)", result.z2.shape, "a1 @ Theta1.T"),
        ("a(2)", "a2", "(m, s2+1)", result.a2.shape, "[1, g(z2)]: the bias unit a0(2) = 1 in column 0"),
        ("Θ(2)", "Theta2", "(K, s2+1)", Theta2.shape, "column 0 multiplies a0(2)"),
        ("z(3)", "z3", "(m, K)", result.z3.shape, "a2 @ Theta2.T"),
        ("a(3) = h", "a3", "(m, K)", result.a3.shape, "g(z3): one output per class"),
    ]
    header = ("symbol", "code", "shape", "here", "what it is")
    cells = [header] + [(symbol, code, symbolic, str(tuple(shape)), note)
                        for symbol, code, symbolic, shape, note in rows]
    widths = [max(len(row[j]) for row in cells) for j in range(len(header) - 1)]
    lines = []
    for row in cells:
        padded = [cell.ljust(width) for cell, width in zip(row[:-1], widths, strict=True)]
        lines.append("  ".join([*padded, row[-1]]))
    return "\n".join(lines)


def cost_loop(Theta1, Theta2, X, y, lambda_=0.0):
    """The K-class cost as the course writes it: a loop over examples i and output units k.

    Parameters
    ----------
    Theta1 : array_like, shape (s2, n+1)
    Theta2 : array_like, shape (K, s2+1)
    X : array_like, shape (m, n)
        Inputs without a bias column.
    y : array_like of int, shape (m,)
        Class labels 0..K-1.
    lambda_ : float, default 0.0
        Regularisation strength λ ≥ 0.

    Returns
    -------
    float
        J(Θ), the same number as :func:`mlcourse.network.cost` up to rounding.

    Raises
    ------
    ValueError, TypeError
        For shapes that do not fit, labels outside 0..K-1, λ < 0; and if an output h_k rounds to
        exactly 0 or 1, where log h or log(1 − h) does not exist — the case
        :func:`mlcourse.network.cost` handles by computing from z.

    Notes
    -----
    J = (1/m) Σ_i Σ_k [−y_k(i) log h_k(i) − (1 − y_k(i)) log(1 − h_k(i))]
        + λ/(2m) [Σ_{j,l≥1} Θ(1)_jl² + Σ_{k,l≥1} Θ(2)_kl²].

    Each example is a column vector, as on the course's slides (z = Θ a), and the one-hot y(i) is
    built inside the loop. Nothing is shared with the vectorised code, which is the point: agreement
    between the two is evidence for both. It is slow — m·K logarithms one at a time — so use it on
    data of chapter size, not for training. Chapter 05.
    """
    X = as_float_matrix(X, "X")
    Theta1, Theta2 = check_network_thetas(Theta1, Theta2, X.shape[1])
    K = Theta2.shape[0]
    labels = check_class_labels(y, X.shape[0], K)
    lambda_ = check_lambda(lambda_)
    m = X.shape[0]
    total = 0.0
    for i in range(m):
        a1 = np.concatenate(([1.0], X[i]))           # (n+1,) with the bias unit
        a2 = np.concatenate(([1.0], sigmoid(Theta1 @ a1)))  # (s2+1,)
        h = sigmoid(Theta2 @ a2)                      # (K,)
        for k in range(K):
            y_k = 1.0 if labels[i] == k else 0.0      # the one-hot y(i), entry k
            h_k = float(h[k])
            if not 0.0 < h_k < 1.0:
                raise ValueError(f"output unit {k} of example {i} is saturated (h = {h_k!r}), so log h or "
                                 f"log(1 - h) is not finite; network.cost computes the cost from z instead")
            total += -y_k * math.log(h_k) - (1.0 - y_k) * math.log(1.0 - h_k)
    # the bias columns (column 0 of each Θ) are not regularised
    squares = float(np.sum(Theta1[:, 1:] ** 2) + np.sum(Theta2[:, 1:] ** 2))
    return total / m + lambda_ / (2 * m) * squares


def plot_digit_grid(X, labels=None, *, rows=4, cols=8, cmap="gray", vmin=None, vmax=None,
                    image_size=0.75):
    """Draw the first ``rows``·``cols`` rows of ``X`` as square grey-scale images in a grid.

    Parameters
    ----------
    X : array_like, shape (count, side²)
        One image per row, read row by row (``X[i].reshape(side, side)``): digits (side 8), or the
        hidden units' weights ``Theta1[:, 1:]``. Rows beyond ``rows``·``cols`` are not drawn; if
        there are fewer, the remaining cells of the grid stay empty.
    labels : sequence, optional
        One label per image drawn (or more), shown above it: the digit, "3 → 5" for a
        misclassification, a unit's number.
    rows, cols : int, default 4 and 8
        The grid.
    cmap : str, default "gray"
        Matplotlib colormap; with "gray", 0 is black and the largest value white.
    vmin, vmax : float, optional
        The values drawn as black and white. Default: the smallest and largest value of the images
        drawn, the same for all of them, so that one shade means one value across the grid.
    image_size : float, default 0.75
        Width of each image in inches; the figure is made at ``plotting.FIGURE_DPI``.

    Returns
    -------
    figure : matplotlib.figure.Figure
    axes : ndarray of Axes, shape (rows, cols)
        Axis ticks are off; ``axes[r, c].images[0]`` holds the image of row r·cols + c of X.

    Raises
    ------
    ValueError, TypeError
        If ``X`` is not a finite matrix with a square number (≥ 1) of columns, ``rows`` or ``cols``
        is not a whole number ≥ 1, there are fewer labels than images drawn, or vmin ≥ vmax.
    """
    from . import plotting  # matplotlib is needed here only

    X = as_float_matrix(X, "X")
    rows = check_positive_int(rows, "rows")
    cols = check_positive_int(cols, "cols")
    side = math.isqrt(X.shape[1])
    if side * side != X.shape[1]:
        raise ValueError(f"X must have a square number of columns (each row one side×side image); "
                         f"got {X.shape[1]} columns")
    count = min(X.shape[0], rows * cols)
    if labels is not None:
        labels = list(labels)
        if len(labels) < count:
            raise ValueError(f"labels must hold one label per image drawn ({count}); got {len(labels)}")
    shown = X[:count]
    if vmin is None and vmax is None and count and shown.min() == shown.max():
        vmin, vmax = shown.min() - 0.5, shown.max() + 0.5  # all one value: draw it mid-grey
    vmin = float(shown.min() if count else 0.0) if vmin is None else float(vmin)
    vmax = float(shown.max() if count else 1.0) if vmax is None else float(vmax)
    if not vmin < vmax:
        raise ValueError(f"vmin must be smaller than vmax; got vmin = {vmin}, vmax = {vmax}")

    title_height = 0.2 if labels is not None else 0.0
    # fixed spacing rather than a constrained layout: with 32 Axes the layout solver would take
    # several times longer than drawing the images
    figure, axes = plotting.plt.subplots(rows, cols, squeeze=False, dpi=plotting.FIGURE_DPI,
                                         figsize=(cols * image_size, rows * (image_size + title_height)),
                                         gridspec_kw={"left": 0.02, "right": 0.98, "bottom": 0.02,
                                                      "top": 0.98 - 0.6 * title_height / rows,
                                                      "wspace": 0.1, "hspace": 0.1 + title_height * 1.5})
    for index, ax in enumerate(axes.ravel()):
        ax.set_axis_off()
        if index >= count:
            continue
        ax.imshow(shown[index].reshape(side, side), cmap=cmap, vmin=vmin, vmax=vmax,
                  interpolation="nearest")
        if labels is not None:
            ax.set_title(str(labels[index]), fontsize="small", pad=2)
    return figure, axes
