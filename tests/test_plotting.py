"""Tests for mlcourse.chapters.plotting: what each function draws, read back from the returned Axes."""

import matplotlib

matplotlib.use("Agg")  # before pyplot is imported anywhere: no window, no display needed

import matplotlib.pyplot as plt
import numpy as np
import pytest

from mlcourse.chapters import plotting


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def test_subplots_gives_small_figures_with_the_requested_axes():
    figure, axes = plotting.subplots(2, width=3.0, height=2.0)
    assert axes.shape == (2,)
    assert figure.dpi == plotting.FIGURE_DPI
    np.testing.assert_allclose(figure.get_size_inches(), [6.0, 2.0])


def test_plot_sigmoid_draws_g_of_z():
    ax = plotting.plot_sigmoid(z_min=-4.0, z_max=4.0, num_points=9)
    z, g = ax.lines[0].get_data()
    np.testing.assert_allclose(z, np.linspace(-4.0, 4.0, 9))
    np.testing.assert_allclose(g, 1 / (1 + np.exp(-z)), rtol=1e-15)
    assert g[4] == pytest.approx(0.5, abs=1e-15)  # z = 0


def test_plot_sigmoid_draws_on_the_axes_it_is_given():
    _, ax = plotting.subplots()
    assert plotting.plot_sigmoid(ax) is ax


def test_plot_sigmoid_refuses_an_empty_range():
    with pytest.raises(ValueError, match=r"z_min must be less than z_max; got z_min = 1\.0, z_max = 1\.0"):
        plotting.plot_sigmoid(z_min=1.0, z_max=1.0)


def test_plot_example_costs_draws_minus_log_h_and_minus_log_one_minus_h():
    ax = plotting.plot_example_costs(num_points=50)
    (h1, cost_if_1), (h0, cost_if_0) = ax.lines[0].get_data(), ax.lines[1].get_data()
    np.testing.assert_array_equal(h1, h0)
    assert h1.min() > 0
    assert h1.max() < 1
    np.testing.assert_allclose(cost_if_1, -np.log(h1), rtol=1e-12)
    np.testing.assert_allclose(cost_if_0, -np.log(1 - h0), rtol=1e-9)
    assert "y = 1" in ax.lines[0].get_label()
    assert "y = 0" in ax.lines[1].get_label()


def test_plot_cost_curves_draws_one_labelled_line_per_curve():
    steps = np.linspace(0.0, 1.0, 5)
    ax = plotting.plot_cost_curves(steps, {"a": steps ** 2, "b": np.full(5, np.nan)}, xlabel="t")
    assert [line.get_label() for line in ax.lines] == ["a", "b"]
    np.testing.assert_allclose(ax.lines[0].get_ydata(), steps ** 2)
    assert ax.get_xlabel() == "t"


def test_plot_cost_curves_refuses_mismatched_or_missing_curves():
    with pytest.raises(ValueError, match=r"curve 'a' must have shape \(3,\) to match steps; got \(2,\)"):
        plotting.plot_cost_curves([0.0, 1.0, 2.0], {"a": [1.0, 2.0]})
    with pytest.raises(ValueError, match="curves must hold at least one"):
        plotting.plot_cost_curves([0.0, 1.0], {})


def test_scatter_classes_puts_each_class_in_its_own_collection():
    X = np.array([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
    y = np.array([0.0, 1.0, 0.0])
    ax = plotting.scatter_classes(X, y, class_names=("rejected", "accepted"))
    negative, positive = ax.collections
    np.testing.assert_array_equal(negative.get_offsets(), [[1.0, 2.0], [5.0, 6.0]])
    np.testing.assert_array_equal(positive.get_offsets(), [[3.0, 4.0]])
    assert [negative.get_label(), positive.get_label()] == ["rejected", "accepted"]


def test_scatter_classes_refuses_more_than_two_features():
    with pytest.raises(ValueError, match="X must have 2 columns"):
        plotting.scatter_classes(np.zeros((3, 3)), np.zeros(3))


# --- plot_digit_grid (chapters 05 and 08) ----------------------------------------------------------

def test_plot_digit_grid_draws_each_row_as_an_image_with_its_label():
    rng = np.random.default_rng(1)
    X = rng.random((40, 64))
    labels = np.arange(40) % 10
    _, axes = plotting.plot_digit_grid(X, labels, rows=4, cols=8)
    assert axes.shape == (4, 8)
    for index in (0, 9, 31):
        ax = axes.ravel()[index]
        np.testing.assert_array_equal(ax.images[0].get_array(), X[index].reshape(8, 8))
        assert ax.get_title() == str(labels[index])
        # one scale for the whole grid: the smallest and largest value of the 32 images drawn
        assert ax.images[0].get_clim() == (X[:32].min(), X[:32].max())


def test_plot_digit_grid_leaves_missing_cells_empty_and_accepts_other_sides():
    X = np.arange(5 * 9, dtype=float).reshape(5, 9)  # five 3×3 images
    _, axes = plotting.plot_digit_grid(X, rows=2, cols=3, vmin=0, vmax=50)
    assert [len(ax.images) for ax in axes.ravel()] == [1, 1, 1, 1, 1, 0]
    assert axes[1, 1].images[0].get_clim() == (0.0, 50.0)
    assert axes[0, 0].get_title() == ""


def test_plot_digit_grid_draws_a_constant_image_mid_grey():
    _, axes = plotting.plot_digit_grid(np.full((2, 4), 3.0), rows=1, cols=2)
    assert axes[0, 0].images[0].get_clim() == (2.5, 3.5)


def test_plot_digit_grid_errors():
    plt.close("all")
    with pytest.raises(ValueError, match="square number of columns"):
        plotting.plot_digit_grid(np.zeros((3, 10)))
    with pytest.raises(ValueError, match="labels must hold one label per image drawn"):
        plotting.plot_digit_grid(np.zeros((3, 4)), labels=[1, 2], rows=1, cols=3)
    with pytest.raises(ValueError, match="vmin must be smaller than vmax"):
        plotting.plot_digit_grid(np.zeros((3, 4)), vmin=1.0, vmax=0.0)
    with pytest.raises(ValueError, match="rows must be ≥ 1; got 0"):
        plotting.plot_digit_grid(np.zeros((3, 4)), rows=0)
    assert not plt.get_fignums()  # errors are raised before any figure is made


# --- below ---------------------------------------------------------------------------------------

def test_below_prints_the_bound_when_met_and_the_value_when_not():
    assert plotting.below(5e-10, 1e-9) == "below 1e-9"
    assert plotting.below(0.0, 1e-15) == "below 1e-15"
    assert plotting.below(np.float64(2e-8), 1e-7) == "below 1e-7"
    assert plotting.below(3.2e-7, 1e-9) == "3.2e-07, NOT below 1e-9"
    assert plotting.below(1e-9, 1e-9) == "1.0e-09, NOT below 1e-9"  # the bound itself does not pass


def test_below_errors():
    with pytest.raises(ValueError, match="difference must be a number ≥ 0"):
        plotting.below(-1e-12, 1e-9)
    with pytest.raises(ValueError, match="difference must be a number ≥ 0"):
        plotting.below(float("nan"), 1e-9)
    with pytest.raises(ValueError, match="bound"):
        plotting.below(0.0, 0.0)
