"""Tests for mlcourse.chapters.ch01_cost_function: chapter 01's figure of one example's cost, and its
slider, the naive cost against the stable one."""

import matplotlib

matplotlib.use("Agg")  # before pyplot is imported anywhere: no window, no display needed

import numpy as np
import pytest

from mlcourse import logistic
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


def test_naive_vs_stable_refuses_a_scale_that_is_not_a_positive_number():
    with pytest.raises(TypeError, match="scale must be a real number; got str"):
        ch01.naive_vs_stable_cost("big", np.zeros(2), X_SMALL, Y_SMALL, textbook_cost)
    with pytest.raises(ValueError, match="scale must be > 0; got -1"):
        ch01.naive_vs_stable_cost(-1.0, np.zeros(2), X_SMALL, Y_SMALL, textbook_cost)


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
    assert "they agree to 1e-9" in printed
    show(40.0)  # far enough for the naive formula to break; still no warning
    printed = capsys.readouterr().out
    assert "naive J = nan" in printed
    assert "they do NOT agree to 1e-9" in printed


def test_slider_curves_match_the_costs():
    X, y, theta = random_problem()
    scales = np.linspace(0.5, 3.0, 6)
    _, figure = ch01.make_naive_vs_stable_slider(theta, X, y, textbook_cost, scales)
    stable_line = figure.axes[0].lines[0]
    expected = [logistic.cost(s * theta, X, y) for s in scales]
    np.testing.assert_allclose(stable_line.get_ydata(), expected, rtol=0, atol=1e-13)


def test_slider_canvas_paints_the_marker_over_its_background_as_a_full_draw_would():
    import io

    from PIL import Image

    from mlcourse.chapters import plotting

    X, y, theta = random_problem()
    show, figure = ch01.make_naive_vs_stable_slider(theta, X, y, textbook_cost, np.linspace(0.5, 3.0, 26))
    marker = figure.axes[0].lines[-1]
    marker.set_xdata([2.0, 2.0])
    blitted = np.asarray(Image.open(io.BytesIO(show.canvas.png())))
    show.canvas.canvas.draw()  # everything drawn afresh, the marker where it is now
    full_draw = np.asarray(show.canvas.canvas.buffer_rgba())
    assert (full_draw[..., 3] == 255).all()  # opaque: the PNG leaves the alpha channel out
    np.testing.assert_array_equal(blitted, full_draw[..., :3])
    scale = 2 if plotting.FIGURE_FORMAT == "retina" else 1
    assert blitted.shape[:2] == (round(3.2 * plotting.FIGURE_DPI * scale), round(6.0 * plotting.FIGURE_DPI * scale))
    marker.set_xdata([1.0, 1.0])
    assert not np.array_equal(np.asarray(Image.open(io.BytesIO(show.canvas.png()))), blitted)  # it moved


def test_plot_example_costs_draws_minus_log_h_and_minus_log_one_minus_h():
    ax = ch01.plot_example_costs(num_points=50)
    (h1, cost_if_1), (h0, cost_if_0) = ax.lines[0].get_data(), ax.lines[1].get_data()
    np.testing.assert_array_equal(h1, h0)
    assert h1.min() > 0
    assert h1.max() < 1
    np.testing.assert_allclose(cost_if_1, -np.log(h1), rtol=1e-12)
    np.testing.assert_allclose(cost_if_0, -np.log(1 - h0), rtol=1e-9)
    assert "y = 1" in ax.lines[0].get_label()
    assert "y = 0" in ax.lines[1].get_label()
