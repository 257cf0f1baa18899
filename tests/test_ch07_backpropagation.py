"""Tests for mlcourse.chapters.ch07_backpropagation: the computation graph of Q13, read back from its Axes.

The derivation itself (δ(2), the outer products, the loop, the graph's backward pass) is written in
chapter 07's cells and checked there, under strict nbval. Here the graph's numbers are written out
from the definitions: u0 = g(z) … u5 = J, and the adjoints of the closed forms the chapter derives.
"""

import matplotlib

matplotlib.use("Agg")  # before pyplot is imported anywhere: no window, no display needed

import numpy as np
import pytest

from mlcourse.chapters import ch07_backpropagation as ch07


def _graph(z, y):
    """Forward values and adjoints of every node, each adjoint in its closed form."""
    m = z.shape[0]
    a = 1.0 / (1.0 + np.exp(-z))
    u = {"z": z, "u0": a, "u1": 1 - a, "u2": np.log(a), "u3": np.log(1 - a)}
    u["u4"] = y * u["u2"] + (1 - y) * u["u3"]
    u["u5"] = -np.sum(u["u4"]) / m
    bar = {"u5": 1.0, "u4": np.full(m, -1 / m), "u3": -(1 - y) / m, "u2": -y / m,
           "u1": -(1 - y) / (m * (1 - a)), "u0": (a - y) / (m * a * (1 - a)), "z": (a - y) / m}
    return u, bar


def _written(value):
    return f"{value + 0.0:+.4f}".replace("-", "−")


@pytest.mark.parametrize("example", [0, 1])
def test_the_graph_carries_each_nodes_value_and_adjoint(example):
    z, y = np.array([-2.0, 0.8, 1.5]), np.array([1.0, 0.0, 1.0])
    u, bar = _graph(z, y)
    ax = ch07.draw_computation_graph(u, bar, y, example=example)
    texts = [text.get_text() for text in ax.texts]
    for name, (label, _) in ch07.GRAPH_NODES.items():
        value = u[name] if np.ndim(u[name]) == 0 else u[name][example]
        adjoint = bar[name] if np.ndim(bar[name]) == 0 else bar[name][example]
        at = texts.index(label)
        assert _written(value) in texts[at + 1]
        assert _written(adjoint) in texts[at + 2]
    # the local derivatives come last, one per edge, and every edge has an arrow
    assert texts[-len(ch07.GRAPH_EDGES):] == [local for _, _, local in ch07.GRAPH_EDGES]
    assert len(ax.patches) == len(ch07.GRAPH_NODES) + len(ch07.GRAPH_EDGES)
    assert f"example {example}" in ax.get_title()


def test_a_zero_adjoint_is_not_written_negative():
    # y = 1 makes ū3 = −(1 − y)/m a negative zero; the box must read +0.0000
    z, y = np.array([-2.0, 0.8]), np.array([1.0, 0.0])
    u, bar = _graph(z, y)
    assert np.signbit(bar["u3"][0])
    texts = [text.get_text() for text in ch07.draw_computation_graph(u, bar, y, example=0).texts]
    assert "−0.0000" not in " ".join(texts)


def test_draw_computation_graph_rejects_bad_input():
    z, y = np.array([-2.0, 0.8]), np.array([1.0, 0.0])
    u, bar = _graph(z, y)
    with pytest.raises(ValueError, match=r"example must be an index 0\.\.1"):
        ch07.draw_computation_graph(u, bar, y, example=2)
    with pytest.raises(ValueError, match="u and bar must hold a value for every node"):
        ch07.draw_computation_graph({name: u[name] for name in u if name != "u3"}, bar, y)
    with pytest.raises(ValueError, match=r"u\['z'\] and y must both have shape \(m,\)"):
        ch07.draw_computation_graph(u, bar, y[:1])
