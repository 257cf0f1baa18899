"""Computation graphs drawn as the chapters walk them: a box per node with its forward value and its
adjoint, arrows from each input to what is computed from it (chapter 07's u0…u5, chapter 10's softmax).

The figure's style is the course's (:mod:`mlcourse.chapters.plotting`).
"""

from typing import NamedTuple

from matplotlib.patches import FancyArrowPatch, FancyBboxPatch

from .plotting import PALETTE, subplots

__all__ = ["GraphNode", "plot_computation_graph"]


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
        ``ax.texts``: per node its label, ``"→ value"``, ``"← adjoint"``; last, the key.

    Raises
    ------
    ValueError
        If ``nodes`` is empty or an edge names a node not in ``nodes``.

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
