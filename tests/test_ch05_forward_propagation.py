"""Tests for mlcourse.chapters.ch05_forward_propagation: the shape table, the loop cost, the digit grid."""

import matplotlib

matplotlib.use("Agg")  # before pyplot is imported anywhere: no window, no display needed

import math

import matplotlib.pyplot as plt
import numpy as np
import pytest

from mlcourse import network
from mlcourse.chapters import ch05_forward_propagation as ch05


def small_problem(m=6, n=4, hidden_size=3, K=3, seed=0):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(m, n))
    y = np.arange(m) % K
    Theta1, Theta2 = network.initialize_weights(n, hidden_size, K, seed=seed)
    return Theta1, Theta2, X, y


# --- shape_table -----------------------------------------------------------------------------------

def test_shape_table_lists_every_quantity_with_its_shape():
    Theta1, Theta2, X, _ = small_problem(m=6, n=4, hidden_size=3, K=2)
    lines = ch05.shape_table(Theta1, Theta2, X).splitlines()
    assert lines[0].split()[:4] == ["symbol", "code", "shape", "here"]
    by_code = {line.split("  ")[0].strip(): line for line in lines[1:]}
    # m = 6, n = 4, s2 = 3, K = 2: a1 (6, 5), Θ1 (3, 5), z2 (6, 3), a2 (6, 4), Θ2 (2, 4), z3 = a3 (6, 2)
    expected = {"X": "(6, 4)", "a(1)": "(6, 5)", "Θ(1)": "(3, 5)", "z(2)": "(6, 3)", "a(2)": "(6, 4)",
                "Θ(2)": "(2, 4)", "z(3)": "(6, 2)", "a(3) = h": "(6, 2)"}
    assert list(by_code) == list(expected)
    for symbol, shape in expected.items():
        assert shape in by_code[symbol], by_code[symbol]


def test_shape_table_rejects_thetas_that_do_not_fit():
    Theta1, Theta2, X, _ = small_problem()
    with pytest.raises(ValueError, match="Theta1"):
        ch05.shape_table(Theta1[:, :-1], Theta2, X)


# --- cost_loop -------------------------------------------------------------------------------------

def test_cost_loop_hand_worked_zero_weights():
    # all weights 0: z3 = 0, every h_k = 1/2, each of the K terms is -log(1/2) = ln 2, so J = K ln 2
    Theta1, Theta2, X, y = small_problem(K=3)
    J = ch05.cost_loop(np.zeros_like(Theta1), np.zeros_like(Theta2), X, y)
    assert J == pytest.approx(3 * math.log(2), abs=1e-14)


def test_cost_loop_hand_worked_penalty():
    # zero Θ except Θ1[0, 0] = 5 (a bias, not penalised) and Θ1[0, 1] = 2, Θ2[1, 2] = -1 (weights):
    # J(λ) - J(0) = λ/(2m) (2² + 1²) = 3/(2·6) · 5 = 1.25
    Theta1, Theta2, X, y = small_problem(m=6, K=3)
    Theta1, Theta2 = np.zeros_like(Theta1), np.zeros_like(Theta2)
    Theta1[0, 0], Theta1[0, 1], Theta2[1, 2] = 5.0, 2.0, -1.0
    difference = ch05.cost_loop(Theta1, Theta2, X, y, 3.0) - ch05.cost_loop(Theta1, Theta2, X, y)
    assert difference == pytest.approx(1.25, abs=1e-13)


@pytest.mark.parametrize("lambda_", [0.0, 1.5])
def test_cost_loop_matches_the_vectorised_cost(lambda_):
    Theta1, Theta2, X, y = small_problem(m=20, n=5, hidden_size=4, K=4, seed=3)
    Theta1, Theta2 = 3 * Theta1, 3 * Theta2  # larger weights: outputs spread over (0, 1)
    np.testing.assert_allclose(ch05.cost_loop(Theta1, Theta2, X, y, lambda_),
                               network.cost(Theta1, Theta2, X, y, lambda_), rtol=1e-12)


def test_cost_loop_does_not_mutate_its_inputs():
    Theta1, Theta2, X, y = small_problem()
    copies = [a.copy() for a in (Theta1, Theta2, X, y)]
    ch05.cost_loop(Theta1, Theta2, X, y, 1.0)
    for original, copy in zip((Theta1, Theta2, X, y), copies, strict=True):
        np.testing.assert_array_equal(original, copy)


def test_cost_loop_errors():
    Theta1, Theta2, X, y = small_problem(K=3)
    saturating = np.zeros_like(Theta2)
    saturating[:, 0] = 50.0  # z3 = 50 for every unit: h = 1/(1 + e^-50) rounds to exactly 1
    with pytest.raises(ValueError, match="saturated"):
        ch05.cost_loop(Theta1, saturating, X, y)
    with pytest.raises(ValueError, match=r"y must hold class labels 0..K-1 = 0..2"):
        ch05.cost_loop(Theta1, Theta2, X, y + 3)  # labels 3..5 with K = 3
    with pytest.raises(ValueError, match="lambda_ must be ≥ 0"):
        ch05.cost_loop(Theta1, Theta2, X, y, -1.0)


# --- plot_digit_grid -------------------------------------------------------------------------------

def test_plot_digit_grid_draws_each_row_as_an_image_with_its_label():
    rng = np.random.default_rng(1)
    X = rng.random((40, 64))
    labels = np.arange(40) % 10
    figure, axes = ch05.plot_digit_grid(X, labels, rows=4, cols=8)
    try:
        assert axes.shape == (4, 8)
        for index in (0, 9, 31):
            ax = axes.ravel()[index]
            np.testing.assert_array_equal(ax.images[0].get_array(), X[index].reshape(8, 8))
            assert ax.get_title() == str(labels[index])
            # one scale for the whole grid: the smallest and largest value of the 32 images drawn
            assert ax.images[0].get_clim() == (X[:32].min(), X[:32].max())
    finally:
        plt.close(figure)


def test_plot_digit_grid_leaves_missing_cells_empty_and_accepts_other_sides():
    X = np.arange(5 * 9, dtype=float).reshape(5, 9)  # five 3×3 images
    figure, axes = ch05.plot_digit_grid(X, rows=2, cols=3, vmin=0, vmax=50)
    try:
        assert [len(ax.images) for ax in axes.ravel()] == [1, 1, 1, 1, 1, 0]
        assert axes[1, 1].images[0].get_clim() == (0.0, 50.0)
        assert axes[0, 0].get_title() == ""
    finally:
        plt.close(figure)


def test_plot_digit_grid_errors():
    with pytest.raises(ValueError, match="square number of columns"):
        ch05.plot_digit_grid(np.zeros((3, 10)))
    with pytest.raises(ValueError, match="labels must hold one label per image drawn"):
        ch05.plot_digit_grid(np.zeros((3, 4)), labels=[1, 2], rows=1, cols=3)
    with pytest.raises(ValueError, match="vmin must be smaller than vmax"):
        ch05.plot_digit_grid(np.zeros((3, 4)), vmin=1.0, vmax=0.0)
    with pytest.raises(ValueError, match="rows must be ≥ 1; got 0"):
        ch05.plot_digit_grid(np.zeros((3, 4)), rows=0)
    assert not plt.get_fignums()  # errors are raised before any figure is made
