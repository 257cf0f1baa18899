"""Tests for mlcourse.chapters.ch05_forward_propagation: the network drawn from Θ's shapes."""

import matplotlib

matplotlib.use("Agg")  # before pyplot is imported anywhere: no window, no display needed

import numpy as np
import pytest
from matplotlib.patches import Circle, Rectangle

from mlcourse.chapters import ch05_forward_propagation as ch05


def _texts(ax):
    return [text.get_text() for text in ax.texts]


def test_the_drawing_states_the_real_sizes_of_the_digits_network():
    ax = ch05.draw_network(np.zeros((25, 65)), np.zeros((10, 26)))
    joined = "\n".join(_texts(ax))
    for size in ["$n$ = 64", "$n + 1$ = 65 units", "$s_2$ = 25", "$s_2 + 1$ = 26 units", "$K$ = 10",
                 "= 25 × 65", "= 10 × 26"]:
        assert size in joined
    # 3 units, an ellipsis and the last unit per layer; the two bias units are squares
    assert sum(isinstance(patch, Circle) for patch in ax.patches) == 4 + 4 + 4
    assert sum(isinstance(patch, Rectangle) for patch in ax.patches) == 2
    assert _texts(ax).count("⋮") == 3
    assert "$x_{64}$" in _texts(ax)
    assert "$a^{(2)}_{25}$" in _texts(ax)
    assert "$a^{(3)}_{10}$" in _texts(ax)


def test_every_drawn_unit_is_joined_to_every_drawn_unit_it_feeds():
    ax = ch05.draw_network(np.zeros((4, 3)), np.zeros((2, 5)), shown=3)  # n = 2, s2 = 4, K = 2: all drawn
    assert _texts(ax).count("⋮") == 0
    weights = [line for line in ax.lines if line.get_color() != "black"]
    dashed = [line for line in weights if line.get_linestyle() == "--"]
    # (n+1)·s2 + (s2+1)·K weights, one bias weight per unit fed; plus the one named weight in black
    assert len(weights) == 3 * 4 + 5 * 2
    assert len(dashed) == 4 + 2
    assert "$\\Theta^{(1)}_{1,2}$" in _texts(ax)


def test_draw_network_refuses_shapes_that_do_not_chain():
    with pytest.raises(ValueError, match=r"Theta2 must have s2 \+ 1 = 26 columns for the s2 = 25 rows of "
                                         r"Theta1; got shape \(10, 25\)"):
        ch05.draw_network(np.zeros((25, 65)), np.zeros((10, 25)))
    with pytest.raises(ValueError, match="shown must be ≥ 1; got 0"):
        ch05.draw_network(np.zeros((2, 3)), np.zeros((1, 3)), shown=0)
