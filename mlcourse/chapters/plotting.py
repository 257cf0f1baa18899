"""The course's figure style, set here once for every chapter, and what several chapters draw or
print: the sigmoid, cost curves, data sets by class, digit grids, computation graphs;
:class:`SliderCanvas`, which every slider redraws through; and :func:`below` / :func:`measured`, the
printout of a check's difference against its bar.

The style (every chapter imports this module before it plots): :data:`FIGURE_DPI` = 96, so a
figure's inch is the screen's and no text is under :data:`MIN_FONT_SIZE` = 10 pt as shown; inside
Jupyter, PNGs drawn at twice that resolution (IPython's "retina", :data:`FIGURE_FORMAT`), crisp on
high-density screens — PNG rather than SVG because notebook validation compares SVG text exactly,
and its digits change with the processor; the Okabe–Ito colours (:data:`PALETTE`), each with its own
line style in the cycle, and a marker per class in :func:`scatter_classes`: never colour alone.

Every function draws on the Axes it is given (``ax=``) or on a new figure from :func:`subplots`, and
returns the Axes, so a chapter can add to it and a test can read back what was drawn. Matplotlib is
needed by the chapters, not by the model; nothing else in :mod:`mlcourse` imports this module.
"""

import io
from typing import NamedTuple

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
from cycler import cycler
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch

from .._validation import (
    as_float_matrix,
    as_float_vector,
    check_binary_labels,
    check_positive_int,
    check_positive_real,
)
from ..activations import sigmoid

__all__ = ["FIGURE_DPI", "FIGURE_FORMAT", "MIN_FONT_SIZE", "PALETTE", "GraphNode", "SliderCanvas", "below",
           "measured", "plot_computation_graph", "plot_cost_curves", "plot_digit_grid", "plot_sigmoid",
           "scatter_classes", "subplots"]

FIGURE_DPI = 96  # the figure's inch is the browser's inch (96 CSS pixels): points show at their size
FIGURE_FORMAT = "retina"  # a PNG of 2 × FIGURE_DPI pixels per inch, shown at FIGURE_DPI
MIN_FONT_SIZE = 10.0  # points, at display size: every text of the style is at least this large

# Okabe & Ito, "Color universal design" (2008): told apart with protanopia, deuteranopia and
# tritanopia. In the order of matplotlib's C0, C1, … (C3 is the red); yellow, faint on white, last.
PALETTE = {"blue": "#0072B2", "orange": "#E69F00", "bluish green": "#009E73", "vermillion": "#D55E00",
           "reddish purple": "#CC79A7", "sky blue": "#56B4E9", "black": "#000000", "yellow": "#F0E442"}
_LINE_STYLES = ("-", "--", "-.", ":") * 2  # one per palette colour: lines differ without colour too

_STYLE = {"figure.dpi": FIGURE_DPI, "savefig.dpi": "figure", "font.size": MIN_FONT_SIZE,
          "axes.titlesize": MIN_FONT_SIZE * 1.1, "figure.titlesize": MIN_FONT_SIZE * 1.2,
          **dict.fromkeys(("axes.labelsize", "xtick.labelsize", "ytick.labelsize", "legend.fontsize",
                           "legend.title_fontsize"), MIN_FONT_SIZE),
          "axes.prop_cycle": cycler(color=list(PALETTE.values())) + cycler(linestyle=_LINE_STYLES)}
matplotlib.rcParams.update(_STYLE)


def _show_figures_crisply():
    """In IPython, the inline backend's figure format (before or after ``%matplotlib inline``)."""
    try:
        from IPython import get_ipython
        from matplotlib_inline.config import InlineBackend
    except ImportError:  # plain Python: no inline backend to configure
        return
    shell = get_ipython()
    if shell is not None:
        InlineBackend.instance(parent=shell).figure_formats = {FIGURE_FORMAT}


_show_figures_crisply()


def subplots(ncols=1, *, width=4.0, height=3.0):
    """A new figure with ``ncols`` Axes side by side, each ``width`` × ``height`` inches on screen.

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
    """Draw g(z) = 1/(1 + e^-z) at ``num_points`` points of [``z_min``, ``z_max``], on ``ax`` or a new figure.

    Returns the Axes: ``ax.lines[0]`` is the curve g(z); dotted guides mark g = 0.5 and z = 0. The
    curve crosses 1/2 at z = 0, which is why h ≥ 0.5 exactly when θᵀx ≥ 0 (chapter 01). ValueError if
    ``z_min`` ≥ ``z_max``.
    """
    if not z_min < z_max:
        raise ValueError(f"z_min must be less than z_max; got z_min = {z_min}, z_max = {z_max}")
    ax = _axes(ax)
    z = np.linspace(z_min, z_max, num_points)
    ax.plot(z, sigmoid(z), color=PALETTE["blue"], label="g(z)")
    ax.axhline(0.5, color="grey", linewidth=0.8, linestyle=":")
    ax.axvline(0.0, color="grey", linewidth=0.8, linestyle=":")
    ax.set_xlabel("z")
    ax.set_ylabel("g(z)")
    ax.set_ylim(-0.05, 1.05)
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
        ``ax.lines[k]`` is the k-th curve, labelled with its key. ValueError if ``curves`` is empty or
        a curve's length differs from ``steps``'.
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
        Two features per example, **without** an intercept column (the exam scores, the microchips).
    y : array_like, shape (m,)
        Labels 0 or 1.
    ax : matplotlib Axes, optional
    class_names, feature_names : pair of str
        Legend labels for y = 0 and y = 1 (``("not admitted", "admitted")``); axis labels.

    Returns
    -------
    matplotlib Axes
        ``ax.collections[0]`` holds the y = 0 points, ``ax.collections[1]`` the y = 1 points.
        TypeError or ValueError if ``X`` is not (m, 2) and finite, or ``y`` not (m,) of 0s and 1s.
    """
    X = as_float_matrix(X, "X", columns=2, columns_reason="to plot one feature per axis")
    y = check_binary_labels(y, X.shape[0])
    ax = _axes(ax)
    negative, positive = X[y == 0], X[y == 1]
    ax.scatter(negative[:, 0], negative[:, 1], marker="o", facecolors="none",
               edgecolors=PALETTE["vermillion"], label=class_names[0])
    ax.scatter(positive[:, 0], positive[:, 1], marker="+", color=PALETTE["blue"], label=class_names[1])
    ax.set_xlabel(feature_names[0])
    ax.set_ylabel(feature_names[1])
    ax.legend()
    return ax


def _grey_scale(shown, vmin, vmax):
    """The values drawn as black and white: given, or the range of the images ``shown``."""
    if vmin is None and vmax is None and shown.size and shown.min() == shown.max():
        vmin, vmax = shown.min() - 0.5, shown.max() + 0.5  # all one value: draw it mid-grey
    vmin = float(shown.min() if shown.size else 0.0) if vmin is None else float(vmin)
    vmax = float(shown.max() if shown.size else 1.0) if vmax is None else float(vmax)
    if not vmin < vmax:
        raise ValueError(f"vmin must be smaller than vmax; got vmin = {vmin}, vmax = {vmax}")
    return vmin, vmax


def plot_digit_grid(X, labels=None, *, rows=4, cols=8, cmap="gray", vmin=None, vmax=None,
                    image_size=0.75):
    """Draw the first ``rows``·``cols`` rows of ``X`` as square grey-scale images in a grid.

    Parameters
    ----------
    X : array_like, shape (count, side²)
        One image per row, read row by row: digits (side 8), or the hidden units' weights
        ``Theta1[:, 1:]`` (chapter 09). Cells beyond ``count`` stay empty.
    labels : sequence, optional
        At least one label per image drawn, shown above it ("3 → 5", "unit 4", …).
    rows, cols : int, default 4 and 8
    cmap : str, default "gray"
    vmin, vmax : float, optional
        The values drawn as black and white; by default the range of all the images drawn, one
        scale for the whole grid, so that one shade means one value.
    image_size : float, default 0.75
        Width of each image in inches, at :data:`FIGURE_DPI`.

    Returns
    -------
    figure : matplotlib.figure.Figure
    axes : ndarray of Axes, shape (rows, cols)
        Ticks off; ``axes[r, c].images[0]`` is the image of row r·cols + c of X.

    Raises
    ------
    ValueError, TypeError
        If ``X`` is not a finite matrix with a square number of columns, ``rows`` or ``cols`` is
        not a whole number ≥ 1, there are fewer labels than images drawn, or vmin ≥ vmax.
    """
    X = as_float_matrix(X, "X")
    rows, cols = check_positive_int(rows, "rows"), check_positive_int(cols, "cols")
    side = int(np.sqrt(X.shape[1]) + 0.5)
    if side * side != X.shape[1]:
        raise ValueError(f"X must have a square number of columns (each row one side×side image); "
                         f"got {X.shape[1]} columns")
    shown = X[:rows * cols]
    labels = None if labels is None else list(labels)
    if labels is not None and len(labels) < len(shown):
        raise ValueError(f"labels must hold one label per image drawn ({len(shown)}); got {len(labels)}")
    vmin, vmax = _grey_scale(shown, vmin, vmax)
    title_height = 0.2 if labels is not None else 0.0
    # fixed spacing rather than a constrained layout: with 32 Axes the layout solver would take
    # several times longer than drawing the images
    figure, axes = plt.subplots(rows, cols, squeeze=False, dpi=FIGURE_DPI,
                                figsize=(cols * image_size, rows * (image_size + title_height)),
                                gridspec_kw={"left": 0.02, "right": 0.98, "bottom": 0.02,
                                             "top": 0.98 - 0.6 * title_height / rows,
                                             "wspace": 0.1, "hspace": 0.1 + title_height * 1.5})
    for index, ax in enumerate(axes.ravel()):
        ax.set_axis_off()
        if index < len(shown):
            ax.imshow(shown[index].reshape(side, side), cmap=cmap, vmin=vmin, vmax=vmax,
                      interpolation="nearest")
            if labels is not None:
                ax.set_title(str(labels[index]), fontsize=MIN_FONT_SIZE, pad=2)
    return figure, axes


# --- computation graphs (chapters 07 and 10) ------------------------------------------------

class GraphNode(NamedTuple):
    """A graph node: centre (x, y), label (mathtext works), forward value, adjoint ∂(output)/∂(node).

    A value or adjoint of None is not shown.
    """

    x: float
    y: float
    label: str
    value: float | None = None
    adjoint: float | None = None


def plot_computation_graph(nodes, edges, ax=None, *, box_size=(1.1, 0.62), inches_per_unit=(1.25, 0.95),
                           number_format=".3g"):
    """Draw a computation graph: a box per node with its forward value and its adjoint; arrows.

    Parameters
    ----------
    nodes : dict of str → GraphNode
        The nodes by name.
    edges : iterable of (str, str)
        (source, target) pairs: the target is computed from the source.
    ax : matplotlib Axes, optional
        Without one, a new figure of ``inches_per_unit`` inches per unit of x and y.
    box_size : (float, float)
        Width and height of every box, in the units of x and y.
    number_format : str
        Format of values and adjoints.

    Returns
    -------
    matplotlib Axes
        ``ax.patches``: the boxes (in the order of ``nodes``), then the arrows (order of ``edges``).
        ``ax.texts``: per node its label, ``"→ value"``, ``"← adjoint"``; last, the key. ValueError
        if ``nodes`` is empty or an edge names a node not in ``nodes``.

    Notes
    -----
    Values and adjoints differ by arrow as well as colour: the forward pass runs along the arrows,
    the backward pass against them. The key under the graph says so.
    """
    if not nodes:
        raise ValueError("nodes must hold at least one name → GraphNode entry; got none")
    edges = [tuple(edge) for edge in edges]
    for source, target in edges:
        if source not in nodes or target not in nodes:
            raise ValueError(f"edges must join names of nodes; got ({source!r}, {target!r})")
    width, height = box_size
    xs, ys = [node.x for node in nodes.values()], [node.y for node in nodes.values()]
    left, right = min(xs) - width / 2 - 0.05, max(xs) + width / 2 + 0.05
    bottom, top = min(ys) - height / 2 - 0.7, max(ys) + height / 2 + 0.05  # room for the key
    if ax is None:  # at least as wide as the key
        _, ax = subplots(width=max(4.0, inches_per_unit[0] * (right - left)),
                         height=inches_per_unit[1] * (top - bottom))
    boxes = {name: _draw_node(ax, node, box_size, number_format) for name, node in nodes.items()}
    for source, target in edges:
        ax.add_patch(FancyArrowPatch((nodes[source].x, nodes[source].y), (nodes[target].x, nodes[target].y),
                                     patchA=boxes[source], patchB=boxes[target], arrowstyle="-|>",
                                     mutation_scale=12, color="0.45", linewidth=1.0, zorder=0.5))
    ax.text((left + right) / 2, bottom + 0.05, "→ value, from the forward pass\n"
            "← adjoint ∂(output)/∂(node), from the backward pass", ha="center", va="bottom")
    ax.set_xlim(left, right)
    ax.set_ylim(bottom, top)
    ax.set_axis_off()
    return ax


def _draw_node(ax, node, box_size, number_format):
    """One box of :func:`plot_computation_graph`, its lines of text centred in it; returns the box."""
    width, height = box_size
    box = ax.add_patch(FancyBboxPatch((node.x - width / 2, node.y - height / 2), width, height,
                                      boxstyle="round,pad=0,rounding_size=0.08", facecolor="white",
                                      edgecolor="0.35"))
    lines = [(node.label, "black")]
    for arrow, number, colour in (("→", node.value, "blue"), ("←", node.adjoint, "vermillion")):
        if number is not None:  # + 0.0 turns −0.0 (e.g. −y/a for y = 0) into 0
            lines.append((f"{arrow} {number + 0.0:{number_format}}".replace("-", "−"), PALETTE[colour]))
    for row, (text, colour) in enumerate(lines):
        offset = (row - (len(lines) - 1) / 2) * height / (len(lines) + 0.4)
        ax.text(node.x, node.y - offset, text, ha="center", va="center", color=colour)
    return box


# --- showing a slider's figure fast -------------------------------------------------------------

class SliderCanvas:
    """Redraw a slider's figure fast: one draw, or only what moves over a background drawn once.

    Parameters
    ----------
    figure : matplotlib.figure.Figure
        A figure whose layout was computed when it was built and then frozen
        (``figure.set_layout_engine("none")``), as every slider's figure in the course is.
    moving : sequence of Artist, optional
        The artists an update changes. The rest is drawn once, without them, and kept as a
        background; :meth:`display` paints it back and draws only these (and any it is given), on top.
        An Axes among them redraws whole, ticks and title included (a panel whose limits change beside
        one that does not). Without ``moving``, every update draws the whole figure once.

    Notes
    -----
    ``display(figure)`` goes through the inline backend, which draws the figure twice (once to find its
    tight bounding box), every text included, and compresses the PNG at zlib level 6. A slider's
    figure keeps its layout, so its axes, ticks and labels can be drawn once; zlib level 1 compresses
    several times faster for a file about a third larger. ``benchmarks/bench_sliders.py`` and
    ``tests/test_browser.py`` measure the result. The PNG has twice the figure's pixels per inch and
    is shown at its size when the course's style asks for crisp figures
    (:data:`FIGURE_FORMAT` = "retina"), as every other figure is shown.
    """

    def __init__(self, figure, moving=None):
        from matplotlib.backends.backend_agg import FigureCanvasAgg

        self.scale = 2 if FIGURE_FORMAT == "retina" else 1
        self.figure, self.moving = figure, None if moving is None else list(moving)
        figure.set_dpi(figure.dpi * self.scale)  # the layout is in figure fractions: it scales along
        self.canvas = FigureCanvasAgg(figure)
        self.background = None
        if self.moving is not None:
            for artist in self.moving:
                artist.set_visible(False)
            self.canvas.draw()
            self.background = self.canvas.copy_from_bbox(figure.bbox)
            for artist in self.moving:
                artist.set_visible(True)

    def png(self, *extra):
        """The figure as PNG bytes, with the ``moving`` artists (and ``extra`` ones) where they are now."""
        from PIL import Image as PILImage

        if self.background is None:
            self.canvas.draw()
        else:
            self.canvas.restore_region(self.background)
            for artist in [*self.moving, *extra]:
                self.figure.draw_artist(artist)
        width, height = self.canvas.get_width_height(physical=True)
        buffer = io.BytesIO()
        image = PILImage.frombuffer("RGBA", (width, height), self.canvas.buffer_rgba(), "raw", "RGBA", 0, 1)
        image.convert("RGB").save(buffer, format="png", compress_level=1)  # opaque figures: alpha is all 255
        return buffer.getvalue()

    def display(self, *extra):
        """Display :meth:`png` in the notebook, at the figure's size."""
        from IPython.display import Image, display

        display(Image(data=self.png(*extra), format="png", retina=self.scale == 2))


def below(difference, bound, *, bar=None):
    """``"below 1e-13 (bar 1e-9)"`` when ``difference < bound``; otherwise the measured value, flagged.

    Parameters
    ----------
    difference : float
        A measured difference, ≥ 0 (for example the largest |analytic − numerical|).
    bound : float
        What the measurement shows, > 0: a power of ten safely above it on every processor.
    bar : float, optional
        The test the chapter sets, ≥ ``bound`` (for example 1e-9), shown in brackets.

    Returns
    -------
    str
        ``"below 1e-13 (bar 1e-9)"`` (``"below 1e-13"`` without a bar); if the difference is not below
        the bound, :func:`measured` against the bar (or the bound, without a bar). ValueError if
        ``difference`` is not a number ≥ 0, ``bound`` or ``bar`` not a finite number > 0, or ``bar`` <
        ``bound``.

    Notes
    -----
    A difference at rounding level changes in its last digits from one processor (BLAS kernel) to
    another, so a passing check prints the power of ten it stays below, which holds everywhere.
    """
    bound = check_positive_real(bound, "bound")
    if bar is not None and check_positive_real(bar, "bar") < bound:
        raise ValueError(f"bar must be at least the bound {_power_text(bound)}; got {bar!r}")
    text = measured(difference, bound if bar is None else bar)
    if difference >= bound:
        return text
    return f"below {_power_text(bound)}" + ("" if bar is None else f" (bar {_power_text(bar)})")


def measured(difference, bar):
    """``"9.3e-11 (bar 1e-9)"``: a difference to two digits and the bar it passes; or ``"…, NOT below 1e-9"``.

    For differences the method sets (a central difference's truncation error, about ε²), whose two
    leading digits are the same on every processor; rounding-level ones go to :func:`below`.
    Raises ValueError if ``difference`` is not a number ≥ 0 or ``bar`` not a finite number > 0.
    """
    bar = check_positive_real(bar, "bar")
    if not (isinstance(difference, int | float | np.floating) and difference >= 0):
        raise ValueError(f"difference must be a number ≥ 0; got {difference!r}")
    if difference < bar:
        return f"{difference:.1e} (bar {_power_text(bar)})"
    return f"{difference:.1e}, NOT below {_power_text(bar)}"


def _power_text(value):
    """1e-09 → "1e-9", 1e+00 → "1", 3e+02 → "3e+2": a bound as a reader writes it."""
    return f"{value:.0e}".replace("e-0", "e-").replace("e+00", "").replace("e+0", "e+")
