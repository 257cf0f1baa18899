"""Tests for mlcourse.chapters.ch04_regularisation: the penalty's variants, the Gaussian prior, λ across splits, the slider."""

import matplotlib

matplotlib.use("Agg")  # before pyplot is imported anywhere: no window, no display needed

import math

import numpy as np
import pytest

from mlcourse import datasets, gradcheck, logistic
from mlcourse.chapters import ch04_regularisation as ch04

# theta = [θ0, θ1, θ2] = [3, 1, -2]: Σ_{j≥1} θj² = 1 + 4 = 5, Σ_{j≥0} θj² = 9 + 5 = 14
THETA = np.array([3.0, 1.0, -2.0])


def random_problem(m=30, seed=0):
    rng = np.random.default_rng(seed)
    X = logistic.add_intercept(rng.normal(size=(m, 2)))
    y = (rng.random(m) < 0.5).astype(float)
    return X, y, rng.normal(size=3)


# --- penalty ---------------------------------------------------------------------------------------

def test_penalty_hand_worked_values():
    # λ = 2, m = 4: λ/(2m) · 5 = 2/8 · 5 = 1.25
    assert ch04.penalty(THETA, 2.0, 4) == pytest.approx(1.25, abs=1e-15)
    # with θ0: 2/8 · 14 = 3.5
    assert ch04.penalty(THETA, 2.0, 4, penalise_bias=True) == pytest.approx(3.5, abs=1e-15)
    # without 1/m: λ/2 · 5 = 5
    assert ch04.penalty(THETA, 2.0, 4, divide_by_m=False) == pytest.approx(5.0, abs=1e-15)


def test_penalty_is_even_and_does_not_mutate():
    theta = THETA.copy()
    assert ch04.penalty(-theta, 1.5, 7) == pytest.approx(ch04.penalty(theta, 1.5, 7),
                                                                   abs=1e-15)
    np.testing.assert_array_equal(theta, THETA)


def test_penalty_matches_the_library_cost():
    X, y, theta = random_problem()
    expected = logistic.cost(theta, X, y, 0.7) - logistic.cost(theta, X, y)
    assert ch04.penalty(theta, 0.7, X.shape[0]) == pytest.approx(expected, abs=1e-12)


def test_penalty_gradient_is_lambda_over_m_theta():
    theta = THETA.copy()
    numeric = gradcheck.numerical_gradient(lambda t: ch04.penalty(t, 2.0, 4), theta)
    # (λ/m) θj for j ≥ 1 = 0.5 · [1, -2]; nothing for θ0
    np.testing.assert_allclose(numeric, [0.0, 0.5, -1.0], atol=1e-9)


@pytest.mark.parametrize(("kwargs", "error", "match"), [
    ({"lambda_": -1.0, "m": 3}, ValueError, "lambda_ must be ≥ 0"),
    ({"lambda_": 1.0, "m": 0}, ValueError, "m must be ≥ 1"),
    ({"lambda_": 1.0, "m": 2.5}, TypeError, "m must be a whole number"),
])
def test_penalty_errors(kwargs, error, match):
    with pytest.raises(error, match=match):
        ch04.penalty(THETA, **kwargs)


# --- fit_with_penalty ------------------------------------------------------------------------------

def test_fit_with_penalty_defaults_equal_logistic_fit():
    X, y, _ = random_problem()
    ours = ch04.fit_with_penalty(X, y, 1.0).theta
    np.testing.assert_allclose(ours, logistic.fit(X, y, 1.0).theta, atol=1e-6)


def test_free_bias_matches_class_share_and_penalised_bias_does_not():
    # With θ0 free, ∂J/∂θ0 = (1/m) Σ (h − y) = 0 at the minimum: mean h equals the share of y = 1.
    X, y, _ = random_problem(m=40, seed=3)
    X[:, 1:] += 4.0  # features far from 0, so θ0 must be large
    free = ch04.fit_with_penalty(X, y, 5.0).theta
    tied = ch04.fit_with_penalty(X, y, 5.0, penalise_bias=True).theta
    assert abs(logistic.predict_proba(free, X).mean() - y.mean()) < 1e-5
    assert abs(tied[0]) < abs(free[0])


def test_duplicating_the_data_halves_lambda_with_one_over_m_and_changes_nothing_without():
    # With 1/m: J = (1/m)[Σ loss + (λ/2)Σθ²]; twice the examples double Σ loss, as λ/2 would halve λ.
    # Without it: mean loss + (λ/2)Σθ² is the same function of θ for the data and its duplicate.
    X, y, _ = random_problem()
    X2, y2 = np.vstack([X, X]), np.concatenate([y, y])
    fit = ch04.fit_with_penalty
    np.testing.assert_allclose(fit(X2, y2, 2.0).theta, fit(X, y, 1.0).theta, atol=1e-5)
    np.testing.assert_allclose(fit(X2, y2, 2.0, divide_by_m=False).theta,
                               fit(X, y, 2.0, divide_by_m=False).theta, atol=1e-5)
    assert np.abs(fit(X2, y2, 2.0).theta - fit(X, y, 2.0).theta).max() > 1e-2


def test_fit_with_penalty_refuses_negative_lambda():
    X, y, _ = random_problem()
    with pytest.raises(ValueError, match="lambda_ must be ≥ 0"):
        ch04.fit_with_penalty(X, y, -0.1)


# --- negative_log_posterior ------------------------------------------------------------------------

def test_negative_log_posterior_is_m_times_regularised_cost_plus_constant():
    X, y, _ = random_problem()
    m, n, lambda_ = X.shape[0], X.shape[1] - 1, 2.5
    constant = n / 2 * math.log(2 * math.pi / lambda_)  # Σ_{j≥1} ½ log(2π/λ)
    for seed in range(3):
        theta = np.random.default_rng(seed).normal(size=3)
        expected = m * logistic.cost(theta, X, y, lambda_) + constant
        assert ch04.negative_log_posterior(theta, X, y, lambda_) == pytest.approx(expected,
                                                                                            rel=1e-12)


def test_negative_log_posterior_refuses_lambda_zero():
    X, y, theta = random_problem()
    with pytest.raises(ValueError, match="lambda_ must be > 0 for a Gaussian prior"):
        ch04.negative_log_posterior(theta, X, y, 0.0)


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
    assert result.test[1, 1] == pytest.approx(ch04.accuracy(theta, F_test, y_test), abs=1e-15)
    assert result.train[1, 1] == pytest.approx(ch04.accuracy(theta, F_train, y_train), abs=1e-15)


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
    assert update.train_accuracy == pytest.approx(ch04.accuracy(update.theta, X, y), abs=1e-15)
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


def test_slider_refuses_tiny_grid():
    X_raw, y = datasets.load_microchips()
    with pytest.raises(ValueError, match="grid_size must be ≥ 2"):
        ch04.make_decision_boundary_slider(X_raw, y, grid_size=1)


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
    assert few.train[0, 0] == pytest.approx(ch04.accuracy(theta, F_train, y_train), abs=1e-15)
    with pytest.raises(ValueError, match="num_iters must be ≥ 1"):
        ch04.accuracy_across_lambdas(X_raw, y, [0.0], seeds=[2], num_iters=0)
