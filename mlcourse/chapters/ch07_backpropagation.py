"""Chapter 07's figure: the computation graph of Q13, drawn with the numbers the chapter computed.

The derivation of backpropagation is written in chapter 07's own cells, where it is read and
checked: the sum in δ(2) as loops and as columns (Q11), the gradient as outer products (Q12), the
per-example loop beside the vectorised one, and the graph u0 … u5 of one sigmoid output with
cross-entropy (Q13), whose forward pass and backward pass are two functions of the chapter. What is
here only draws that graph: :func:`draw_computation_graph` writes each node's forward value u and
backward adjoint ū = ∂J/∂u, for the examples it is asked to show, in a box per node, with the
local derivative on each edge.
"""

import numpy as np

from .plotting import GraphNode, plot_computation_graph

__all__ = ["GRAPH_EDGES", "GRAPH_NODES", "draw_computation_graph"]

#: node → (what it computes, its centre x, y in the figure's units), in forward order. Four columns:
#: the boxes are wide enough for their formulas at the course's smallest font size.
GRAPH_NODES = {
    "z": ("z", (0.0, 2.4)),
    "u0": ("u0 = g(z) = a", (2.6, 2.4)),
    "u1": ("u1 = 1 − u0", (5.2, 2.4)),
    "u3": ("u3 = log u1", (7.8, 2.4)),
    "u2": ("u2 = log u0", (5.2, 1.2)),
    "u4": ("u4 = y·u2 + (1 − y)·u3", (7.8, 1.2)),
    "u5": ("u5 = −(1/m) Σ u4 = J", (7.8, 0.0)),
}

#: (parent, child, local derivative ∂child/∂parent): the edges of the forward pass.
GRAPH_EDGES = (
    ("z", "u0", "g′(z)"),
    ("u0", "u1", "−1"),
    ("u0", "u2", "1/u0"),
    ("u1", "u3", "1/u1"),
    ("u2", "u4", "y"),
    ("u3", "u4", "1 − y"),
    ("u4", "u5", "−1/m"),
)

_BOX_SIZE = (2.0, 0.62)


def _check_graph_inputs(u, bar, y, example):
    missing = [name for name in GRAPH_NODES if name not in u or name not in bar]
    if missing:
        raise ValueError(f"u and bar must hold a value for every node {list(GRAPH_NODES)}; got none for "
                         f"{missing}")
    z = np.asarray(u["z"], dtype=np.float64)
    labels = np.asarray(y, dtype=np.float64)
    if z.ndim != 1 or labels.shape != z.shape:
        raise ValueError(f"u['z'] and y must both have shape (m,); got {z.shape} and {labels.shape}")
    if not (isinstance(example, int | np.integer) and 0 <= example < z.shape[0]):
        raise ValueError(f"example must be an index 0..{z.shape[0] - 1} of the m = {z.shape[0]} examples; "
                         f"got {example!r}")
    return z, labels


def _entry(values, example):
    """A node's number for one example; a node that sums the examples (J) has one number for all."""
    values = np.asarray(values, dtype=np.float64)
    # + 0.0 turns the −0.0 of a product like −(1/m)·0 into 0.0, so it is not written "−0.0000"
    return (float(values) if values.ndim == 0 else float(values[example])) + 0.0


def draw_computation_graph(u, bar, y, *, example=0):
    """Draw the graph z → u0 → … → u5 = J with one example's values u and adjoints ū written on it.

    Parameters
    ----------
    u : dict of str to ndarray
        The forward pass: ``u["z"]``, ``u["u0"]`` … ``u["u4"]`` of shape (m,), ``u["u5"]`` = J, a
        scalar — as the chapter's ``graph_forward`` returns them.
    bar : dict of str to ndarray or float
        The backward pass, ū = ∂J/∂(node) for the same nodes, as ``graph_backward`` returns them.
    y : array_like, shape (m,)
        The labels, 0 or 1, for the title.
    example : int, default 0
        The example whose numbers are written in the boxes (u5 = J and its ū are the same for all).

    Returns
    -------
    matplotlib Axes
        As :func:`mlcourse.chapters.plotting.plot_computation_graph` returns it (boxes and arrows in
        ``ax.patches``, the nodes' texts and the key in ``ax.texts``), then one text per edge of
        :data:`GRAPH_EDGES`, in order: its local derivative.

    Raises
    ------
    ValueError
        If a node is missing from ``u`` or ``bar``, ``u["z"]`` and ``y`` are not both (m,), or
        ``example`` is not an index of the m examples.

    Notes
    -----
    The arrows point forward, the way the values flow; the adjoints flow against them, each ū being
    the sum over a node's arrows of (the child's ū) × (the local derivative on the arrow). Chapter
    07, Q13.
    """
    z, labels = _check_graph_inputs(u, bar, y, example)
    nodes = {name: GraphNode(x, y_position, label, _entry(u[name], example), _entry(bar[name], example))
             for name, (label, (x, y_position)) in GRAPH_NODES.items()}
    ax = plot_computation_graph(nodes, [edge[:2] for edge in GRAPH_EDGES], box_size=_BOX_SIZE,
                                inches_per_unit=(0.8, 0.95), number_format="+.4f")
    for parent, child, local in GRAPH_EDGES:
        (x0, y0), (x1, y1) = GRAPH_NODES[parent][1], GRAPH_NODES[child][1]
        # beside its arrow: above a horizontal one, right of a vertical one, left of a diagonal one
        offset = (0.0, 0.13) if y1 == y0 else (0.12, 0.0) if x1 == x0 else (-0.25, -0.1)
        ax.text((x0 + x1) / 2 + offset[0], (y0 + y1) / 2 + offset[1], local, style="italic",
                ha="left" if x1 == x0 else "center", va="bottom" if y1 == y0 else "center")
    ax.set_title(f"the graph of J for one sigmoid output, example {example} of m = {z.size}: "
                 f"z = {z[example]:+.1f}, y = {labels[example]:.0f}".replace("-", "−"))
    return ax
