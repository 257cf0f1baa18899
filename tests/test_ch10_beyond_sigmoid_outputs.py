"""Tests for mlcourse.chapters.ch10_beyond_sigmoid_outputs: the drawing of the softmax graph.

Chapter 10's cells run the graph forward and backward and check the adjoints of z against a − y
under strict nbval. Here the passes are written out independently, from the formulas, with the
gradient of L checked by plain central differences (tests/oracles.py), to feed the drawing.
"""

import matplotlib

matplotlib.use("Agg")  # before pyplot is imported anywhere: no window, no display needed

import numpy as np
import pytest
from oracles import numerical_gradient

from mlcourse.chapters import ch10_beyond_sigmoid_outputs as ch10


def _loss(z, label):
    return np.log(np.sum(np.exp(z))) - z[label]  # −log softmax(z)[label], written another way


def _passes(z, label):
    """The forward values and the adjoints of the graph, from their closed forms."""
    u = np.exp(z)
    a = u / u.sum()
    y = np.eye(len(z))[label]
    value = {"z": z, "u": u, "S": u.sum(), "a": a, "L": _loss(z, label)}
    adjoint = {"z": a - y, "u": (a - y) / u, "S": 1.0 / u.sum(), "a": -y / a, "L": 1.0}
    return value, adjoint


def test_the_oracle_adjoints_are_the_numerical_gradient():
    z = np.random.default_rng(1).normal(scale=2.0, size=4)
    _, adjoint = _passes(z, 1)
    np.testing.assert_allclose(adjoint["z"], numerical_gradient(lambda t: _loss(t, 1), z), atol=1e-9)


def test_draw_softmax_graph_draws_every_node_and_dependency():
    z = np.array([0.2, -0.4, 1.1])
    value, adjoint = _passes(z, 1)
    ax = ch10.draw_softmax_graph(value, adjoint, 1)
    K = 3
    boxes, arrows = ax.patches[:3 * K + 2], ax.patches[3 * K + 2:]
    assert len(boxes) == 3 * K + 2
    assert len(arrows) == 5 * K  # z→u, u→S, u→a, S→a, a→L for each class
    texts = [text.get_text() for text in ax.texts]
    assert "$L = -\\log a_2$" in texts  # the true class, counted from 1 as in the maths
    for z_adjoint in adjoint["z"]:  # the adjoints of z, as the boxes print them
        assert f"← {z_adjoint + 0.0:.3g}".replace("-", "−") in texts
    assert "a − y" in ax.get_title()


@pytest.mark.parametrize(("change", "error", "message"), [
    (lambda value, adjoint: value.pop("S"), ValueError, r"^value must hold every node .*; got no S$"),
    (lambda value, adjoint: adjoint.pop("u"), ValueError, r"^adjoint must hold every node .*; got no u$"),
    (lambda value, adjoint: value.update(a=value["a"][:2]), ValueError, r"must all hold K scores"),
    (lambda value, adjoint: value.update(z="abc"), TypeError, r"value\['z'\] must"),
])
def test_draw_softmax_graph_refuses_passes_that_do_not_fit(change, error, message):
    value, adjoint = _passes(np.array([0.2, -0.4, 1.1]), 1)
    change(value, adjoint)
    with pytest.raises(error, match=message):
        ch10.draw_softmax_graph(value, adjoint, 1)


@pytest.mark.parametrize("label", [3, -1, 1.0, True])
def test_draw_softmax_graph_refuses_a_label_that_is_not_a_class(label):
    value, adjoint = _passes(np.array([0.2, -0.4, 1.1]), 1)
    with pytest.raises(ValueError, match=r"^label must be a class 0\.\.2; got"):
        ch10.draw_softmax_graph(value, adjoint, label)


def test_draw_softmax_graph_refuses_more_classes_than_fit():
    value, adjoint = _passes(np.zeros(7), 0)
    with pytest.raises(ValueError, match=r"2 ≤ K ≤ 6 to be drawn one box per class"):
        ch10.draw_softmax_graph(value, adjoint, 0)
