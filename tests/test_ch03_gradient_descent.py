"""Tests for mlcourse.chapters.ch03_gradient_descent: the largest stable α, iterations_to_reach, chapter 03's slider."""

import matplotlib

matplotlib.use("Agg")  # before pyplot is imported anywhere: no window, no display needed

import numpy as np
import pytest

from mlcourse import logistic, optimize
from mlcourse.chapters import ch03_gradient_descent as ch03

# A tiny problem worked by hand: intercept column plus one feature.
X_SMALL = np.array([[1.0, 0.0], [1.0, 2.0]])
Y_SMALL = np.array([0.0, 1.0])


def random_problem(m=30, seed=0):
    rng = np.random.default_rng(seed)
    X = logistic.add_intercept(rng.normal(size=(m, 2)))
    y = (rng.random(m) < 1 / (1 + np.exp(-(X @ np.array([0.3, 1.0, -1.5]))))).astype(float)
    return X, y


def quadratic(curvature):
    """J(θ) = ½ c θ², gradient c θ: gradient descent is stable exactly for α < 2/c."""
    return lambda theta: (0.5 * curvature * float(theta @ theta), curvature * theta)


# --- largest_stable_alpha --------------------------------------------------------------------

def test_largest_stable_alpha_on_a_quadratic_is_2_over_the_curvature():
    # J = ½·4·θ²: each step multiplies θ by (1 − 4α); |1 − 4α| < 1 ⇔ α < 2/4 = 0.5. At α = 0.5
    # exactly θ flips sign with the same size and the cost stays equal (not a rise), so the edge is 0.5.
    alpha = ch03.largest_stable_alpha(quadratic(4.0), np.array([1.0]), 50, 0.01, 10.0, rtol=1e-6)
    assert alpha == pytest.approx(0.5, rel=2e-6, abs=0)
    assert not optimize.gradient_descent(quadratic(4.0), np.array([1.0]), alpha, 50).diverged


def test_largest_stable_alpha_refuses_a_bracket_that_is_not_one():
    with pytest.raises(ValueError, match=r"alpha_low must be an α that does not diverge.*alpha_low = 1,"):
        ch03.largest_stable_alpha(quadratic(4.0), np.array([1.0]), 50, 1.0, 10.0)
    with pytest.raises(ValueError, match=r"alpha_high must be an α that diverges.*alpha_high = 0\.2,"):
        ch03.largest_stable_alpha(quadratic(4.0), np.array([1.0]), 50, 0.01, 0.2)
    with pytest.raises(ValueError, match="alpha_low must be less than alpha_high; got alpha_low = 2"):
        ch03.largest_stable_alpha(quadratic(4.0), np.array([1.0]), 50, 2.0, 1.0)
    with pytest.raises(ValueError, match="alpha_low"):
        ch03.largest_stable_alpha(quadratic(4.0), np.array([1.0]), 50, -1.0, 1.0)


# --- iterations_to_reach ---------------------------------------------------------------------

def test_iterations_to_reach():
    history = [0.7, 0.5, 0.3, 0.2, 0.1]
    assert ch03.iterations_to_reach(history, 0.3) == 2  # equal counts as reached
    assert ch03.iterations_to_reach(history, 0.25) == 3
    assert ch03.iterations_to_reach(history, 0.05) is None
    assert ch03.iterations_to_reach(history, 1.0) == 0


def test_iterations_to_reach_refuses_nan():
    with pytest.raises(ValueError, match="cost_history"):
        ch03.iterations_to_reach([0.5, np.nan], 0.1)


# --- descend ---------------------------------------------------------------------------------

def test_descend_matches_gradient_descent_on_the_library_cost():
    X, y = random_problem()
    descent = ch03.descend(0.5, X, y, 30)
    reference = optimize.gradient_descent(lambda t: logistic.cost_and_gradient(t, X, y), np.zeros(3), 0.5, 30,
                                          keep_path=True)
    assert descent.result.status == "completed"
    assert descent.rejected_theta is None
    np.testing.assert_allclose(descent.result.theta_path, reference.theta_path, rtol=0, atol=1e-13)
    np.testing.assert_allclose(descent.result.cost_history, reference.cost_history, rtol=0, atol=1e-13)


def test_descend_reports_divergence_and_where_the_refused_step_went():
    X, y = random_problem()
    alpha = 200.0
    descent = ch03.descend(alpha, X, y, 30)
    result = descent.result
    assert result.status == "diverged"
    assert "diverged at iteration" in result.message
    expected = result.theta - alpha * logistic.gradient(result.theta, X, y)
    np.testing.assert_allclose(descent.rejected_theta, expected, rtol=1e-12)
    assert logistic.cost(descent.rejected_theta, X, y) == pytest.approx(result.rejected_cost, rel=1e-12, abs=0)


def test_descend_refuses_bad_alpha():
    with pytest.raises(ValueError, match="alpha"):
        ch03.descend(-1.0, X_SMALL, Y_SMALL, 10)


# --- the slider ------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def slider():
    X, y = random_problem(m=40, seed=3)
    theta_hat = optimize.minimize(lambda t: logistic.cost_and_gradient(t, X, y), np.zeros(3), tol=1e-12).theta
    show, figure = ch03.make_learning_rate_slider(X, y, theta_hat, num_iters=50, grid_size=31)
    return show, figure, X, y


def test_slider_draws_the_run(slider, capsys, monkeypatch):
    import IPython.display
    show, figure, X, y = slider
    monkeypatch.setattr(IPython.display, "display", lambda *args: None)
    show(1.0)
    out = capsys.readouterr().out
    cost_ax, path_ax = figure.axes
    history_line = cost_ax.lines[0]
    expected = ch03.descend(1.0, X, y, 50).result
    np.testing.assert_allclose(history_line.get_ydata(), expected.cost_history)
    path_line = path_ax.lines[1]
    np.testing.assert_allclose(path_line.get_xdata(), expected.theta_path[:, 1])
    assert "α = 1 →" in out
    assert "completed" in out
    assert len(path_ax.lines[2].get_xdata()) == 0  # no refused step drawn


def test_slider_marks_a_diverging_run(slider, capsys, monkeypatch):
    import IPython.display
    show, figure, X, y = slider
    monkeypatch.setattr(IPython.display, "display", lambda *args: None)
    show(300.0)
    out = capsys.readouterr().out
    cost_ax, path_ax = figure.axes
    result = ch03.descend(300.0, X, y, 50).result
    assert "diverges (diverged)" in out
    assert "refused step" in out
    np.testing.assert_allclose(cost_ax.lines[2].get_ydata(), [result.rejected_cost])
    assert len(path_ax.lines[2].get_xdata()) == 2  # the red segment to the refused θ
    assert "diverges at iteration" in cost_ax.get_title()


@pytest.mark.parametrize("last_alpha", [1.0, 300.0])  # a run that completes, one that diverges (red step)
def test_slider_redraws_the_cost_panel_over_contours_drawn_once_as_a_full_draw_would(slider, last_alpha):
    import io

    from PIL import Image

    show, _, X, y = slider
    for alpha in (0.1, 3.0, last_alpha):  # the cost panel's y-axis and title change between these runs
        show.update(ch03.descend(alpha, X, y, 50))
        blitted = np.asarray(Image.open(io.BytesIO(show.canvas.png())))
    show.canvas.canvas.draw()  # everything drawn afresh for the last run
    np.testing.assert_array_equal(blitted, np.asarray(show.canvas.canvas.buffer_rgba())[..., :3])


def test_slider_refuses_data_without_two_features():
    with pytest.raises(ValueError, match=r"X must have 3 columns"):
        ch03.make_learning_rate_slider(X_SMALL, Y_SMALL, np.zeros(2))
