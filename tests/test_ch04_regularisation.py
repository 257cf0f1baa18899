"""Tests for mlcourse.chapters.ch04_regularisation: accuracy, λ across splits, the slider, the iteration budget."""

import matplotlib

matplotlib.use("Agg")  # before pyplot is imported anywhere: no window, no display needed

import numpy as np
import pytest

from mlcourse import datasets, logistic
from mlcourse.chapters import ch04_regularisation as ch04

# --- accuracy --------------------------------------------------------------------------------------

def test_accuracy_hand_worked():
    # θ = [0, 1]: z = x; predictions for x = -1, 2, 3 are 0, 1, 1; labels 0, 0, 1 → 2 of 3 right
    X = np.array([[1.0, -1.0], [1.0, 2.0], [1.0, 3.0]])
    assert ch04.accuracy([0.0, 1.0], X, [0.0, 0.0, 1.0]) == pytest.approx(2 / 3, abs=1e-15)


def test_accuracy_refuses_column_labels():
    X = np.array([[1.0, -1.0], [1.0, 2.0]])
    with pytest.raises(ValueError, match="y must have shape"):
        ch04.accuracy([0.0, 1.0], X, [[0.0], [1.0]])


# --- accuracy_across_lambdas -----------------------------------------------------------------------

def test_accuracy_across_lambdas_shapes_and_one_entry():
    X_raw, y = datasets.load_microchips()
    result = ch04.accuracy_across_lambdas(X_raw, y, [0.0, 1.0], seeds=[0, 1])
    assert result.train.shape == result.test.shape == (2, 2)
    X_train, X_test, y_train, y_test = datasets.train_test_split(X_raw, y, 0.3, 1)
    F_train = logistic.map_feature(X_train[:, 0], X_train[:, 1])
    F_test = logistic.map_feature(X_test[:, 0], X_test[:, 1])
    theta = logistic.fit(F_train, y_train, 1.0).theta
    assert result.test[1, 1] == pytest.approx(np.mean(logistic.predict(theta, F_test) == y_test), abs=1e-15)
    assert result.train[1, 1] == pytest.approx(np.mean(logistic.predict(theta, F_train) == y_train), abs=1e-15)


def test_accuracy_across_lambdas_refuses_negative_lambda():
    X_raw, y = datasets.load_microchips()
    with pytest.raises(ValueError, match="lambda_ must be ≥ 0"):
        ch04.accuracy_across_lambdas(X_raw, y, [1.0, -1.0], seeds=[0])


# --- the slider ------------------------------------------------------------------------------------

def test_decision_boundary_update_scores_the_grid_with_the_fit():
    X_raw, y = datasets.load_microchips()
    X = logistic.map_feature(X_raw[:, 0], X_raw[:, 1])
    grid = logistic.map_feature(np.array([0.0, 0.5, 1.5]), np.array([0.0, -0.5, 1.5]))
    update = ch04.decision_boundary_update(1.0, X, y, grid)
    np.testing.assert_allclose(update.theta, logistic.fit(X, y, 1.0).theta, atol=1e-12)
    np.testing.assert_allclose(update.grid_scores, grid @ update.theta, atol=1e-12)
    assert update.train_accuracy == pytest.approx(np.mean(logistic.predict(update.theta, X) == y), abs=1e-15)
    assert update.status == "converged"
    assert ch04.decision_boundary_update(1.0, X, y).grid_scores is None


def test_decision_boundary_update_refuses_mismatched_grid():
    X_raw, y = datasets.load_microchips()
    X = logistic.map_feature(X_raw[:, 0], X_raw[:, 1])
    with pytest.raises(ValueError, match="grid_features must have 28 columns"):
        ch04.decision_boundary_update(1.0, X, y, np.ones((4, 3)))


def test_slider_replaces_the_boundary_and_reports_a_missing_one(capsys):
    X_raw, y = datasets.load_microchips()
    show, figure = ch04.make_decision_boundary_slider(X_raw, y, grid_size=40)
    ax = figure.axes[0]
    show(1.0)
    show(0.0)
    assert len(ax.collections) == 3  # two scatters and exactly one boundary: the old one was removed
    out = capsys.readouterr().out
    assert "λ = 1: training accuracy 83.9%" in out  # 99 of 118 microchips, as load_microchips says
    # a data set with one label only: the fit puts the whole square on one side
    show_one, _ = ch04.make_decision_boundary_slider(X_raw[:5], np.ones(5), grid_size=10)
    show_one(100.0)
    assert "outside the plotted square" in capsys.readouterr().out


def test_slider_refuses_tiny_grid_and_bad_padding():
    X_raw, y = datasets.load_microchips()
    with pytest.raises(ValueError, match="grid_size must be ≥ 2"):
        ch04.make_decision_boundary_slider(X_raw, y, grid_size=1)
    with pytest.raises(ValueError, match=r"padding must be > 0; got -0\.1"):
        ch04.make_decision_boundary_slider(X_raw, y, padding=-0.1)


# --- the iteration budget ----------------------------------------------------------------------------

def _nudged(X, seed):
    """X with every other entry changed by one unit in the last place: a different CPU's rounding."""
    rng = np.random.default_rng(seed)
    away = np.where(rng.random(X.shape) < 0.5, np.inf, -np.inf)
    return np.where(rng.random(X.shape) < 0.5, np.nextafter(X, away), X)


def test_iteration_budget_fit_at_lambda_zero_does_not_depend_on_the_last_bits():
    X_raw, y = datasets.load_microchips()
    X = logistic.map_feature(X_raw[:, 0], X_raw[:, 1])
    update = ch04.decision_boundary_update(0.0, X, y)
    assert update.status == "max_iters"
    assert update.iterations == ch04.ITERATION_BUDGET == 50
    for seed in range(3):
        nudged = ch04.decision_boundary_update(0.0, _nudged(X, seed), y)
        # measured: at most 4e-10 relative after 50 iterations (ITERATION_BUDGET's comment)
        np.testing.assert_allclose(nudged.theta, update.theta, rtol=1e-7, atol=1e-7)
        assert nudged.train_accuracy == pytest.approx(update.train_accuracy, abs=1e-15)


def test_accuracy_across_lambdas_passes_the_budget_on():
    X_raw, y = datasets.load_microchips()
    few = ch04.accuracy_across_lambdas(X_raw, y, [0.0], seeds=[2], num_iters=5)
    X_train, _, y_train, _ = datasets.train_test_split(X_raw, y, 0.3, 2)
    F_train = logistic.map_feature(X_train[:, 0], X_train[:, 1])
    theta = logistic.fit(F_train, y_train, 0.0, num_iters=5).theta
    assert few.train[0, 0] == pytest.approx(np.mean(logistic.predict(theta, F_train) == y_train), abs=1e-15)
    with pytest.raises(ValueError, match="num_iters must be ≥ 1"):
        ch04.accuracy_across_lambdas(X_raw, y, [0.0], seeds=[2], num_iters=0)
