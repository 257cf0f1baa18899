"""Tests for mlcourse.chapters.ch10_beyond_sigmoid_outputs: the softmax graph, forward and backward.

The oracles are written out here: the softmax and its loss from their formulas, and the gradient of
L with respect to z by plain central differences (tests/oracles.py).
"""

import matplotlib

matplotlib.use("Agg")  # before pyplot is imported anywhere: no window, no display needed

import numpy as np
import pytest
from oracles import numerical_gradient

from mlcourse.chapters import ch10_beyond_sigmoid_outputs as ch10


def _loss(z, label):
    return np.log(np.sum(np.exp(z))) - z[label]  # −log softmax(z)[label], written another way


def test_forward_values_are_the_softmax_and_its_cross_entropy():
    z = np.array([0.5, -1.0, 2.0, 0.0])
    graph = ch10.softmax_graph(z, 2)
    np.testing.assert_allclose(graph.u, np.exp(z), rtol=1e-15)
    assert graph.S == pytest.approx(np.exp(z).sum(), rel=1e-15, abs=0)
    np.testing.assert_allclose(graph.a, np.exp(z) / np.exp(z).sum(), rtol=1e-14)
    assert graph.L == pytest.approx(_loss(z, 2), rel=1e-14, abs=0)
    np.testing.assert_array_equal(graph.y, [0.0, 0.0, 1.0, 0.0])


@pytest.mark.parametrize("label", [0, 1, 3])
def test_backward_pass_gives_a_minus_y_and_the_numerical_gradient(label):
    z = np.random.default_rng(label).normal(scale=2.0, size=4)
    graph = ch10.softmax_graph(z, label)
    np.testing.assert_allclose(graph.z_adjoint, graph.a - graph.y, atol=1e-15)
    np.testing.assert_allclose(graph.z_adjoint, numerical_gradient(lambda t: _loss(t, label), z), atol=1e-9)
    # the intermediate adjoints, from their own formulas
    np.testing.assert_allclose(graph.a_adjoint, -graph.y / graph.a)
    assert graph.S_adjoint == pytest.approx(1.0 / graph.S, rel=1e-14, abs=0)  # −(−1/a_y)(u_y/S²) = 1/S


def test_softmax_graph_refuses_bad_scores_and_labels():
    with pytest.raises(ValueError, match="z must hold at least 2 scores"):
        ch10.softmax_graph([1.0], 0)
    with pytest.raises(ValueError, match="largest size 800"):
        ch10.softmax_graph([800.0, 0.0], 0)
    with pytest.raises(ValueError, match=r"label must be a class 0\.\.2; got 3"):
        ch10.softmax_graph([0.0, 1.0, 2.0], 3)
    with pytest.raises(ValueError, match="label must be a class"):
        ch10.softmax_graph([0.0, 1.0, 2.0], 1.0)


def test_draw_softmax_graph_draws_every_node_and_dependency():
    z = np.array([0.2, -0.4, 1.1])
    ax, graph = ch10.draw_softmax_graph(z, 1)
    K = 3
    boxes, arrows = ax.patches[:3 * K + 2], ax.patches[3 * K + 2:]
    assert len(boxes) == 3 * K + 2
    assert len(arrows) == 5 * K  # z→u, u→S, u→a, S→a, a→L for each class
    texts = [text.get_text() for text in ax.texts]
    assert "$L = -\\log a_2$" in texts  # the true class, counted from 1 as in the maths
    for adjoint in graph.a - graph.y:  # the adjoints of z, as the boxes print them
        assert f"← {adjoint + 0.0:.3g}".replace("-", "−") in texts
    assert "a − y" in ax.get_title()


def test_draw_softmax_graph_refuses_more_classes_than_fit():
    with pytest.raises(ValueError, match="at most 6 scores"):
        ch10.draw_softmax_graph(np.zeros(7), 0)
