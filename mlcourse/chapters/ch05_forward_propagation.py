"""Chapter 05's companion: the network the chapter computes, drawn from its weight matrices.

The sizes come from ``Theta1`` (s2 × (n+1)) and ``Theta2`` (K × (s2+1)), so the picture always
matches the arrays the chapter prints. A layer of 64 inputs cannot be drawn unit by unit: each layer
shows its first few units, an ellipsis and its last unit, and says its real size in words.
"""

import numpy as np

from .._validation import as_float_matrix, check_positive_int

__all__ = ["draw_network"]

_LAYER_X = (0.0, 3.6, 7.2)  # the three columns of units
_RADIUS = 0.36


def _layer_rows(size, shown, *, bias):
    """The units a column draws: ("bias", 0) first if it has one, then (unit, number) or ("dots", None)."""
    numbers = list(range(1, size + 1)) if size <= shown + 1 else [*range(1, shown + 1), None, size]
    rows = [("bias", 0)] if bias else []
    return rows + [("dots", None) if number is None else ("unit", number) for number in numbers]


def _draw_column(ax, x, rows, name, top):
    """Draw one layer's units at ``x`` from height ``top`` down; return {number: (x, y)} of the units."""
    from matplotlib.patches import Circle, Rectangle

    from .plotting import PALETTE

    places = {}
    for row, (kind, number) in enumerate(rows):
        y = top - row
        if kind == "dots":
            ax.text(x, y, "⋮", ha="center", va="center", fontsize=16)
            continue
        if kind == "bias":  # a square, not a circle: the bias unit differs in shape, not only colour
            ax.add_patch(Rectangle((x - _RADIUS, y - _RADIUS), 2 * _RADIUS, 2 * _RADIUS, facecolor="0.9",
                                   edgecolor="0.3", zorder=2))
            ax.text(x, y, "+1", ha="center", va="center", zorder=3)
        else:
            ax.add_patch(Circle((x, y), _RADIUS, facecolor="white", edgecolor=PALETTE["blue"], zorder=2,
                                linewidth=1.5))
            ax.text(x, y, name.format(number), ha="center", va="center", zorder=3)
        places[number] = (x, y)
    return places


def _connect(ax, sources, targets):
    """Draw a weight from every drawn unit of one layer to every drawn non-bias unit of the next."""
    for number, (x0, y0) in sources.items():
        for x1, y1 in targets.values():
            # dashed: a bias weight (column 0 of Θ). Not antialiased: at twice the screen's density
            # the steps do not show, and the PNG of ~60 crossing lines is half the size
            ax.plot([x0 + _RADIUS, x1 - _RADIUS], [y0, y1], color="0.6", linewidth=0.8, zorder=1,
                    antialiased=False, linestyle="--" if number == 0 else "-")


def _new_axes():
    from .plotting import subplots

    return subplots(width=8.0, height=5.4)[1]


def draw_network(Theta1, Theta2, *, shown=3, ax=None):
    """Draw the three-layer network whose weights are ``Theta1`` and ``Theta2``.

    Parameters
    ----------
    Theta1 : array_like, shape (s2, n+1)
        Weights from layer 1 (bias in column 0) to the hidden layer.
    Theta2 : array_like, shape (K, s2+1)
        Weights from layer 2 (bias in column 0) to the output layer.
    shown : int, default 3
        Units drawn at the top of each layer before the ellipsis and the last unit.
    ax : matplotlib Axes, optional
        Where to draw; a new figure if omitted.

    Returns
    -------
    matplotlib Axes
        Units are circles labelled with their symbol, the bias units grey squares "+1"; plain lines
        are weights, dashed lines bias weights; ``ax.texts`` include the shapes of both Θ.

    Raises
    ------
    ValueError, TypeError
        If a Θ is not a finite matrix, ``Theta2`` does not have s2 + 1 columns for the s2 rows of
        ``Theta1``, or ``shown`` is not a whole number ≥ 1.

    Notes
    -----
    Row j of Θ(l) holds the weights into unit j of layer l + 1, column i those out of unit i of layer
    l (column 0: the bias unit). Θ(1)₁,₂, from x₂ into a(2)₁, is drawn black and named.
    """
    Theta1, Theta2 = as_float_matrix(Theta1, "Theta1"), as_float_matrix(Theta2, "Theta2")
    (s2, n_plus_1), K = Theta1.shape, Theta2.shape[0]
    if Theta2.shape[1] != s2 + 1:
        raise ValueError(f"Theta2 must have s2 + 1 = {s2 + 1} columns for the s2 = {s2} rows of Theta1; "
                         f"got shape {Theta2.shape}")
    shown = check_positive_int(shown, "shown")
    if ax is None:
        ax = _new_axes()
    layers = [_layer_rows(n_plus_1 - 1, shown, bias=True), _layer_rows(s2, shown, bias=True),
              _layer_rows(K, shown, bias=False)]
    top = max(len(rows) for rows in layers) - 1.0
    tops = [top - (top + 1 - len(rows)) / 2 for rows in layers]  # each column centred vertically
    names = ["$x_{{{}}}$", "$a^{{(2)}}_{{{}}}$", "$a^{{(3)}}_{{{}}}$"]
    places = [_draw_column(ax, x, rows, name, column_top)
              for x, rows, name, column_top in zip(_LAYER_X, layers, names, tops, strict=True)]
    _connect(ax, places[0], {k: v for k, v in places[1].items() if k != 0})  # nothing feeds a bias
    _connect(ax, places[1], places[2])
    if 1 in places[1] and 2 in places[0]:
        (x0, y0), (x1, y1) = places[0][2], places[1][1]
        ax.plot([x0 + _RADIUS, x1 - _RADIUS], [y0, y1], color="black", linewidth=1.8, zorder=1.5)
        ax.text(x0 + 0.3 * (x1 - x0), y0 + 0.3 * (y1 - y0) + 0.12, "$\\Theta^{(1)}_{1,2}$", ha="center",
                va="bottom", zorder=3, bbox={"facecolor": "white", "edgecolor": "none", "pad": 2})
    _write_sizes(ax, n_plus_1 - 1, s2, K, top)
    ax.set_xlim(_LAYER_X[0] - 1.4, _LAYER_X[2] + 1.4)
    ax.set_ylim(-2.8, top + 1.6)
    ax.set_aspect("equal")
    ax.set_axis_off()
    return ax


def _write_sizes(ax, n, s2, K, top):
    """Each layer's size above it, each Θ's shape below the weights it holds, and a key."""
    headers = [f"layer 1: input, $n$ = {n}\n$a^{{(1)}}$: $n + 1$ = {n + 1} units",
               f"layer 2: hidden, $s_2$ = {s2}\n$a^{{(2)}}$: $s_2 + 1$ = {s2 + 1} units",
               f"layer 3: output, $K$ = {K}\n$a^{{(3)}} = h$: {K} units"]
    for x, header in zip(_LAYER_X, headers, strict=True):
        ax.text(x, top + 0.65, header, ha="center", va="bottom")
    shapes = [f"$\\Theta^{{(1)}}$: $s_2 \\times (n+1)$\n= {s2} × {n + 1}",
              f"$\\Theta^{{(2)}}$: $K \\times (s_2+1)$\n= {K} × {s2 + 1}"]
    for left, right, shape in zip(_LAYER_X[:-1], _LAYER_X[1:], shapes, strict=True):
        ax.text((left + right) / 2, -1.0, shape, ha="center", va="top")
    ax.text(np.mean(_LAYER_X), -2.35, "dashed: bias weights (column 0 of Θ);  row j of Θ: the weights into "
            "unit j", ha="center", va="top")
