"""Chapter 10's companion: the drawing of the softmax and its cross-entropy for one example as a
computation graph, with both passes' numbers on it.

The chapter's cells run the graph forward and backward, one elementary step at a time, as
backpropagation does it:

    u_k = e^{z_k},   S = Σ_k u_k,   a_k = u_k / S,   L = −Σ_k y_k log a_k.

Each node's adjoint ∂L/∂(node) is the sum, over the nodes computed from it, of their adjoint times
the local derivative; the adjoints that reach z are a − y. This module only draws the result.
"""

import numpy as np

from .._validation import as_float_vector

__all__ = ["GRAPH_NODES", "draw_softmax_graph"]

GRAPH_NODES = ("z", "u", "S", "a", "L")  # in the order the forward pass computes them


def draw_softmax_graph(value, adjoint, label, ax=None):
    """Draw the graph z_k → u_k = exp z_k → S → a_k → L with each node's value and adjoint on it.

    Parameters
    ----------
    value, adjoint : dict of str to ndarray or float
        The forward pass and the adjoints ∂L/∂(node), each with the keys :data:`GRAPH_NODES`: ``"z"``,
        ``"u"``, ``"a"`` of shape (K,) and ``"S"``, ``"L"`` numbers — as the chapter's
        ``graph_forward`` and ``graph_backward`` return them. K up to 6 fits one box per class.
    label : int
        The true class (counted from 0 in code; the boxes count k from 1, as the maths does).
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib Axes
        As :func:`mlcourse.chapters.plotting.plot_computation_graph` returns it: K + K + 1 + K + 1
        boxes, then one arrow per dependency (z_k → u_k, u_k → S, u_k → a_k, S → a_k, a_k → L).

    Raises
    ------
    ValueError, TypeError
        If a node is missing from ``value`` or ``adjoint``, the vectors are not all of one length
        K from 2 to 6, or ``label`` is not one of the K classes.
    """
    for passes, name in ((value, "value"), (adjoint, "adjoint")):
        missing = [node for node in GRAPH_NODES if node not in passes]
        if missing:
            raise ValueError(f"{name} must hold every node {GRAPH_NODES}; got no {', '.join(missing)}")
    vectors = {f"{name}[{node!r}]": as_float_vector(passes[node], f"{name}[{node!r}]")
               for passes, name in ((value, "value"), (adjoint, "adjoint")) for node in ("z", "u", "a")}
    K = len(vectors["value['z']"])
    if not 2 <= K <= 6 or any(len(vector) != K for vector in vectors.values()):
        raise ValueError(f"the vectors z, u, a and their adjoints must all hold K scores, 2 ≤ K ≤ 6 to be "
                         f"drawn one box per class; got lengths {[len(v) for v in vectors.values()]}")
    if isinstance(label, bool) or not (isinstance(label, int | np.integer) and 0 <= label < K):
        raise ValueError(f"label must be a class 0..{K - 1}; got {label!r}")

    from .plotting import GraphNode, plot_computation_graph

    middle = (K - 1) / 2
    nodes = {"L": GraphNode(6.0, middle, f"$L = -\\log a_{label + 1}$", value["L"], adjoint["L"]),
             "S": GraphNode(3.0, middle, "$S = \\Sigma_k\\, u_k$", value["S"], adjoint["S"])}
    edges = []
    for k in range(K):
        row = K - 1 - k  # class 1 at the top
        nodes[f"z{k}"] = GraphNode(0.0, row, f"$z_{k + 1}$" + (" (true)" if k == label else ""),
                                   value["z"][k], adjoint["z"][k])
        nodes[f"u{k}"] = GraphNode(1.5, row, f"$u_{k + 1} = \\exp z_{k + 1}$", value["u"][k], adjoint["u"][k])
        nodes[f"a{k}"] = GraphNode(4.5, row, f"$a_{k + 1} = u_{k + 1}/S$", value["a"][k], adjoint["a"][k])
        edges += [(f"z{k}", f"u{k}"), (f"u{k}", "S"), (f"u{k}", f"a{k}"), ("S", f"a{k}"), (f"a{k}", "L")]
    ax = plot_computation_graph(nodes, edges, ax, box_size=(1.15, 0.7), inches_per_unit=(1.15, 0.95))
    ax.set_title(f"softmax + cross-entropy for one example, K = {K}, true class {label + 1}: "
                 f"the adjoints of z are a − y")
    return ax
