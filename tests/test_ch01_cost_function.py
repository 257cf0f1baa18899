"""Tests for mlcourse.chapters.ch01_cost_function: the squared-error cost, costs along a line, chapter 01's slider."""

import matplotlib

matplotlib.use("Agg")  # before pyplot is imported anywhere: no window, no display needed

import numpy as np
import pytest

from mlcourse import gradcheck, logistic
from mlcourse.chapters import ch01_cost_function as ch01

# A tiny problem worked by hand: intercept column plus one feature.
X_SMALL = np.array([[1.0, 0.0], [1.0, 2.0]])
Y_SMALL = np.array([0.0, 1.0])


def textbook_cost(theta, X, y):
    """The cost exactly as printed: h first, then the logs (what chapter 01 calls naive_cost)."""
    h = 1.0 / (1.0 + np.exp(-(X @ theta)))
    return np.mean(-y * np.log(h) - (1 - y) * np.log(1 - h))


def random_problem(m=20, seed=0):
    rng = np.random.default_rng(seed)
    X = logistic.add_intercept(rng.normal(size=(m, 2)))
    y = (rng.random(m) < 0.5).astype(float)
    return X, y, rng.normal(size=3)


# --- squared error ---------------------------------------------------------------------------

def test_squared_error_cost_by_hand():
    # θ = 0: every h = 1/2, each residual is ±1/2, so J_sq = (1/(2·2))·(1/4 + 1/4) = 1/8
    assert ch01.squared_error_cost(np.zeros(2), X_SMALL, Y_SMALL) == pytest.approx(0.125, abs=1e-15)
    # θ = (0, 1): z = (0, 2), h = (1/2, g(2)); J_sq = ((1/2)² + (g(2) − 1)²) / 4
    g2 = 1 / (1 + np.exp(-2.0))
    expected = (0.25 + (g2 - 1) ** 2) / 4
    assert ch01.squared_error_cost(np.array([0.0, 1.0]), X_SMALL, Y_SMALL) == pytest.approx(expected, abs=1e-15)


def test_squared_error_gradient_matches_central_differences():
    X, y, theta = random_problem()
    numeric = gradcheck.numerical_gradient(lambda t: ch01.squared_error_cost(t, X, y), theta)
    assert gradcheck.relative_difference(ch01.squared_error_gradient(theta, X, y), numeric) < 1e-8


def test_squared_error_gradient_is_tiny_for_a_confidently_wrong_example():
    # one example, x = (1,), y = 1, θ = −10: (h − y) g'(z) ≈ −g'(−10) ≈ −4.5e-5, while the
    # cross-entropy's gradient h − y ≈ −1
    X, y, theta = np.array([[1.0]]), np.array([1.0]), np.array([-10.0])
    assert abs(ch01.squared_error_gradient(theta, X, y)[0]) < 5e-5
    assert logistic.gradient(theta, X, y)[0] == pytest.approx(-1.0, abs=1e-4)


def test_squared_error_refuses_a_column_of_labels():
    with pytest.raises(ValueError, match=r"y must have shape \(m,\) = \(2,\) to match X; got \(2, 1\)"):
        ch01.squared_error_cost(np.zeros(2), X_SMALL, Y_SMALL[:, None])


def test_squared_error_does_not_modify_its_inputs():
    X, y, theta = random_problem()
    copies = X.copy(), y.copy(), theta.copy()
    ch01.squared_error_gradient(theta, X, y)
    for before, after in zip(copies, (X, y, theta), strict=True):
        np.testing.assert_array_equal(before, after)


# --- costs along a line ----------------------------------------------------------------------

def test_cost_along_line_matches_the_costs_point_by_point():
    X, y, theta = random_problem()
    direction = np.array([0.5, -1.0, 2.0])
    steps = np.linspace(-3.0, 3.0, 13)
    squared_error, cross_entropy = ch01.cost_along_line(theta, direction, steps, X, y)
    assert squared_error.shape == cross_entropy.shape == (13,)
    for t, sq, ce in zip(steps, squared_error, cross_entropy, strict=True):
        point = theta + t * direction
        assert sq == pytest.approx(ch01.squared_error_cost(point, X, y), abs=1e-13)
        assert ce == pytest.approx(logistic.cost(point, X, y), abs=1e-13)


def test_cross_entropy_along_a_line_is_convex_and_squared_error_is_not():
    X, y, theta = random_problem(m=50)
    steps = np.linspace(-20.0, 20.0, 401)
    squared_error, cross_entropy = ch01.cost_along_line(np.zeros(3), theta, steps, X, y)
    assert np.diff(cross_entropy, 2).min() >= -1e-12
    assert np.diff(squared_error, 2).min() < 0  # bounded by ½, it must bend down somewhere


def test_cost_along_line_refuses_a_direction_of_the_wrong_length():
    with pytest.raises(ValueError, match=r"direction must have shape \(2,\)"):
        ch01.cost_along_line(np.zeros(2), np.ones(3), [0.0, 1.0], X_SMALL, Y_SMALL)


def test_cost_along_line_reports_overflowing_scores():
    with pytest.raises(ValueError, match="overflowed"):
        ch01.cost_along_line(np.zeros(2), np.array([0.0, 1e308]), [0.0, 10.0], X_SMALL, Y_SMALL)


# --- the naive formula against the stable one ------------------------------------------------

def test_naive_and_stable_agree_for_moderate_scores():
    X, y, theta = random_problem()
    result = ch01.naive_vs_stable_cost(1.0, theta, X, y, textbook_cost)
    assert result.num_rounded == 0
    assert result.naive == pytest.approx(result.stable, abs=1e-12)
    assert result.largest_abs_z == pytest.approx(np.abs(X @ theta).max(), abs=1e-12)


def test_naive_cost_turns_nan_without_a_warning_while_the_stable_one_stays_finite():
    # z = 40 for the y = 1 example: h rounds to exactly 1.0, (1 − y) log(1 − h) = 0 · (−inf) = NaN.
    # The true cost: example 1 (z = 0, y = 0) costs ln 2, example 2 costs log(1 + e^-40) ≈ 4e-18,
    # so J = (ln 2 + 4e-18)/2 = ln(2)/2. pyproject turns warnings into errors: none may escape.
    result = ch01.naive_vs_stable_cost(20.0, np.array([0.0, 1.0]), X_SMALL, Y_SMALL, textbook_cost)
    assert np.isnan(result.naive)
    assert result.stable == pytest.approx(np.log(2) / 2, abs=1e-15)
    assert result.num_rounded == 1
    assert result.largest_abs_z == pytest.approx(40.0, abs=1e-12)


def test_naive_vs_stable_refuses_a_scale_that_is_not_a_number():
    with pytest.raises(TypeError, match="scale must be a real number; got str"):
        ch01.naive_vs_stable_cost("big", np.zeros(2), X_SMALL, Y_SMALL, textbook_cost)


def test_slider_callback_prints_both_costs_and_moves_its_marker(capsys):
    X, y, theta = random_problem()
    show, figure = ch01.make_naive_vs_stable_slider(theta, X, y, textbook_cost,
                                                       np.linspace(0.5, 40.0, 80))
    ax = figure.axes[0]
    assert [line.get_label() for line in ax.lines[:2]] == ["stable (library)", "naive formula"]
    show(2.0)
    printed = capsys.readouterr().out
    expected = ch01.naive_vs_stable_cost(2.0, theta, X, y, textbook_cost)
    assert f"stable J = {expected.stable:.6f}" in printed
    assert f"naive J = {expected.naive:.6f}" in printed
    np.testing.assert_allclose(ax.lines[-1].get_xdata(), [2.0, 2.0])  # the marker
    show(40.0)  # far enough for the naive formula to break; still no warning
    assert "naive J = nan" in capsys.readouterr().out


def test_slider_curves_match_the_costs():
    X, y, theta = random_problem()
    scales = np.linspace(0.5, 3.0, 6)
    _, figure = ch01.make_naive_vs_stable_slider(theta, X, y, textbook_cost, scales)
    stable_line = figure.axes[0].lines[0]
    expected = [logistic.cost(s * theta, X, y) for s in scales]
    np.testing.assert_allclose(stable_line.get_ydata(), expected, rtol=0, atol=1e-13)
