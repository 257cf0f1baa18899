"""Chapter 10's companion: the softmax and its cross-entropy for one example as a computation graph,
run forward and backward by hand, and drawn with both passes' numbers on it.

The chapter derives ∂L/∂z = a − y through the softmax's Jacobian. The graph is the same chain rule
taken one elementary step at a time, as backpropagation does it:

    u_k = e^{z_k},   S = Σ_k u_k,   a_k = u_k / S,   L = −Σ_k y_k log a_k.

Each node's adjoint ∂L/∂(node) is the sum, over the nodes computed from it, of their adjoint times
the local derivative; the adjoints that reach z are a − y.
"""

from typing import NamedTuple

import numpy as np

from .._validation import as_float_vector

__all__ = ["SoftmaxGraph", "draw_softmax_graph", "softmax_graph"]


class SoftmaxGraph(NamedTuple):
    """Forward values and adjoints ∂L/∂(node) of the graph, for one example with K classes.

    Arrays have shape (K,): ``z``, ``u`` = e^z, ``a``, ``y`` (one-hot) and their adjoints
    ``z_adjoint``, ``u_adjoint``, ``a_adjoint``; ``S`` = Σ u, ``L`` and ``S_adjoint`` are floats.
    """

    z: np.ndarray
    u: np.ndarray
    S: float
    a: np.ndarray
    L: float
    y: np.ndarray
    a_adjoint: np.ndarray
    S_adjoint: float
    u_adjoint: np.ndarray
    z_adjoint: np.ndarray


def softmax_graph(z, label):
    """Run the softmax's computation graph for one example forward, then backward.

    Parameters
    ----------
    z : array_like, shape (K,)
        The example's raw scores, K ≥ 2, small enough that e^z does not overflow (|z| < 700): the
        graph shows the textbook formula, not the library's shifted one.
    label : int
        The true class, 0 ≤ label < K.

    Returns
    -------
    SoftmaxGraph
        Every node's value and adjoint; ``z_adjoint`` is ∂L/∂z.

    Raises
    ------
    ValueError, TypeError
        If ``z`` is not a finite vector of at least 2 scores below 700 in size, or ``label`` is not
        one of its classes.

    Notes
    -----
    Backward, from ∂L/∂L = 1 (chapter 10):

    - ∂L/∂a_k = −y_k / a_k: only the true class's a is read by L;
    - ∂L/∂S = Σ_k ∂L/∂a_k · (−u_k / S²), since every a_k divides by S;
    - ∂L/∂u_k = ∂L/∂a_k / S + ∂L/∂S · 1: u_k reaches L through a_k and through S;
    - ∂L/∂z_k = ∂L/∂u_k · e^{z_k}, which simplifies to a_k − y_k.
    """
    z = as_float_vector(z, "z")
    if z.size < 2 or np.abs(z).max() >= 700.0:
        raise ValueError(f"z must hold at least 2 scores, each of size below 700 (e^z must not "
                         f"overflow); got {z.size} scores, largest size {np.abs(z).max():g}")
    if not (isinstance(label, int | np.integer) and 0 <= label < z.size):
        raise ValueError(f"label must be a class 0..{z.size - 1}; got {label!r}")
    y = np.zeros_like(z)
    y[label] = 1.0
    u = np.exp(z)
    S = float(u.sum())
    a = u / S
    L = float(-np.log(a[label]))
    a_adjoint = -y / a
    S_adjoint = float(np.sum(a_adjoint * (-u / S ** 2)))
    u_adjoint = a_adjoint / S + S_adjoint
    z_adjoint = u_adjoint * u
    return SoftmaxGraph(z=z, u=u, S=S, a=a, L=L, y=y, a_adjoint=a_adjoint, S_adjoint=S_adjoint,
                        u_adjoint=u_adjoint, z_adjoint=z_adjoint)


def draw_softmax_graph(z, label, ax=None):
    """Draw :func:`softmax_graph` for one example: z_k → u_k = exp z_k → S → a_k → L, both passes on them.

    Parameters
    ----------
    z : array_like, shape (K,)
        The raw scores, as for :func:`softmax_graph`; K up to 6 fits one column per layer.
    label : int
        The true class (counted from 0 in code; the boxes count k from 1, as the maths does).
    ax : matplotlib Axes, optional

    Returns
    -------
    ax : matplotlib Axes
        As :func:`mlcourse.chapters.diagrams.plot_computation_graph` returns it: K + K + 1 + K + 1
        boxes, then one arrow per dependency (z_k → u_k, u_k → S, u_k → a_k, S → a_k, a_k → L).
    graph : SoftmaxGraph
        The numbers drawn.
    """
    from .diagrams import GraphNode, plot_computation_graph

    graph = softmax_graph(z, label)
    K = graph.z.size
    if K > 6:
        raise ValueError(f"z must hold at most 6 scores to be drawn one box per class; got {K}")
    middle = (K - 1) / 2
    nodes = {"L": GraphNode(6.0, middle, f"$L = -\\log a_{label + 1}$", graph.L, 1.0),
             "S": GraphNode(3.0, middle, "$S = \\Sigma_k\\, u_k$", graph.S, graph.S_adjoint)}
    edges = []
    for k in range(K):
        row = K - 1 - k  # class 1 at the top
        nodes[f"z{k}"] = GraphNode(0.0, row, f"$z_{k + 1}$" + (" (true)" if k == label else ""),
                                   graph.z[k], graph.z_adjoint[k])
        nodes[f"u{k}"] = GraphNode(1.5, row, f"$u_{k + 1} = \\exp z_{k + 1}$", graph.u[k], graph.u_adjoint[k])
        nodes[f"a{k}"] = GraphNode(4.5, row, f"$a_{k + 1} = u_{k + 1}/S$", graph.a[k], graph.a_adjoint[k])
        edges += [(f"z{k}", f"u{k}"), (f"u{k}", "S"), (f"u{k}", f"a{k}"), ("S", f"a{k}"), (f"a{k}", "L")]
    ax = plot_computation_graph(nodes, edges, ax, box_size=(1.15, 0.7), inches_per_unit=(1.15, 0.95))
    ax.set_title(f"softmax + cross-entropy for one example, K = {K}, true class {label + 1}: "
                 f"the adjoints of z are a − y")
    return ax, graph
