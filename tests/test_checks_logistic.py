"""The logistic track's checks (chapters 02–04): each names the mistakes a learner makes.

Every buggy variant below is written the way a learner might write it, and the test pins the name the
check gives it and a phrase of its hint. Warnings are errors in this test run, so any RuntimeWarning
that escaped a check (a learner's log(0), say) would fail the test that provoked it.
"""

import math
import re

import numpy as np
import pytest
from test_checks_engine import assert_mistake

from mlcourse import checks
from mlcourse.activations import sigmoid
from mlcourse.checks import solutions

# --- sigmoid_gradient ----------------------------------------------------------------------------

def sg_returned_g(z):
    return sigmoid(z)


def sg_forgot_g(z):
    return z * (1 - z)


def sg_applied_g_twice(z):
    g = sigmoid(sigmoid(z))
    return g * (1 - g)


def sg_sign_error(z):
    g = sigmoid(z)
    return g * (g - 1)


def sg_at_instead_of_star(z):
    g = sigmoid(z)
    return g @ (1 - g)


@pytest.mark.parametrize(("fn", "name", "hint"), [
    (sg_returned_g, "returned g(z)", r"that is g\(z\) itself"),
    (sg_forgot_g, "forgot g", r"that is z\(1 − z\)"),
    (sg_applied_g_twice, "applied g twice", r"already g\(z\)"),
    (sg_sign_error, "sign error", r"never negative"),
    (sg_at_instead_of_star, "@ where * was meant", r"elementwise, g \* \(1 - g\)"),
])
def test_sigmoid_gradient_names_the_mistake(fn, name, hint):
    assert_mistake(checks.sigmoid_gradient(fn), name, hint)


# --- cost ----------------------------------------------------------------------------------------

def c_forgot_one_over_m(theta, X, y):
    h = sigmoid(X @ theta)
    return -y @ np.log(h) - (1 - y) @ np.log(1 - h)


def c_sign_error(theta, X, y):
    h = sigmoid(X @ theta)
    return (y @ np.log(h) + (1 - y) @ np.log(1 - h)) / y.size


def c_dropped_one_minus_y(theta, X, y):
    h = sigmoid(X @ theta)
    return -y @ np.log(h) / y.size


def c_column_labels_sum(theta, X, y):
    y = y.reshape(-1, 1)  # "to be safe" — but h stays (m,)
    h = sigmoid(X @ theta)
    return np.sum(-y * np.log(h) - (1 - y) * np.log(1 - h)) / len(y)


def c_column_labels_mean(theta, X, y):
    y = y.reshape(-1, 1)
    h = sigmoid(X @ theta)
    return np.mean(-y * np.log(h) - (1 - y) * np.log(1 - h))


def c_column_labels_not_summed(theta, X, y):
    y = y.reshape(-1, 1)
    h = sigmoid(X @ theta)
    return (-y * np.log(h) - (1 - y) * np.log(1 - h)) / len(y)


def c_applied_g_twice(theta, X, y):
    h = sigmoid(sigmoid(X @ theta))
    return (-y @ np.log(h) - (1 - y) @ np.log(1 - h)) / y.size


def c_squared_error(theta, X, y):
    h = sigmoid(X @ theta)
    return np.sum((h - y) ** 2) / (2 * y.size)


def c_log10(theta, X, y):
    h = sigmoid(X @ theta)
    return (-y @ np.log10(h) - (1 - y) @ np.log10(1 - h)) / y.size


def c_forgot_to_sum(theta, X, y):
    h = sigmoid(X @ theta)
    return (-y * np.log(h) - (1 - y) * np.log(1 - h)) / y.size


def c_divided_by_global_m(theta, X, y):
    h = sigmoid(X @ theta)
    return (-y @ np.log(h) - (1 - y) @ np.log(1 - h)) / 100


@pytest.mark.parametrize(("fn", "name", "hint"), [
    (c_forgot_one_over_m, "forgot 1/m", r"divide their sum by m \(here m = 4\)"),
    (c_sign_error, "sign error", r"J must be ≥ 0"),
    (c_dropped_one_minus_y, "dropped the (1 − y) term", r"examples with y = 0 are missing"),
    (c_column_labels_sum, "(m, 1) labels broadcast", r"m×m matrix"),
    (c_column_labels_mean, "(m, 1) labels broadcast", r"m×m matrix"),
    (c_column_labels_not_summed, "(m, 1) labels broadcast", r"^a 4×4 matrix"),
    (c_applied_g_twice, "applied g twice", r"already g\(Xθ\)"),
    (c_squared_error, "squared error instead of cross-entropy", r"linear regression"),
    (c_log10, "log base 10", r"np\.log10"),
    (c_forgot_to_sum, "forgot to sum over examples", r"one loss per example"),
    (c_divided_by_global_m, "divided by the wrong m", r"divided by 100 instead of m = 4"),
])
def test_cost_names_the_mistake(fn, name, hint):
    assert_mistake(checks.cost(fn), name, hint)


# --- gradient ------------------------------------------------------------------------------------

def g_forgot_one_over_m(theta, X, y):
    return X.T @ (sigmoid(X @ theta) - y)


def g_sign_error(theta, X, y):
    return X.T @ (y - sigmoid(X @ theta)) / y.size


def g_column_labels(theta, X, y):
    y = y[:, np.newaxis]
    return X.T @ (sigmoid(X @ theta) - y) / len(y)


def g_star_instead_of_at(theta, X, y):
    return X.T * (sigmoid(X @ theta) - y) / y.size


def g_star_summed(theta, X, y):
    return np.sum(X.T * (sigmoid(X @ theta) - y)) / y.size


def g_forgot_g(theta, X, y):
    return X.T @ (X @ theta - y) / y.size


def g_applied_g_twice(theta, X, y):
    h = sigmoid(X @ theta)
    return X.T @ (sigmoid(h) - y) / y.size


def g_extra_g_prime(theta, X, y):
    h = sigmoid(X @ theta)
    return X.T @ ((h - y) * h * (1 - h)) / y.size


def g_dropped_one_minus_y(theta, X, y):
    h = sigmoid(X @ theta)
    return X.T @ (-y * (1 - h)) / y.size


@pytest.mark.parametrize(("fn", "name", "hint"), [
    (g_forgot_one_over_m, "forgot 1/m", r"\(1/m\) Xᵀ\(h − y\), with m = 4"),
    (g_sign_error, "sign error", r"prediction minus label"),
    (g_column_labels, "(m, 1) labels broadcast", r"m×m matrix"),
    (g_star_instead_of_at, "elementwise * where @ was meant", r"X\.T @ \(h - y\)"),
    (g_star_summed, "elementwise * where @ was meant", r"n\+1 components into one number"),
    (g_forgot_g, "forgot g", r"linear regression's gradient"),
    (g_applied_g_twice, "applied g twice", r"already g\(Xθ\)"),
    (g_extra_g_prime, "extra g'(z) factor", r"do not multiply by it"),
    (g_dropped_one_minus_y, "dropped the (1 − y) term", r"gradient of −y log h alone"),
])
def test_gradient_names_the_mistake(fn, name, hint):
    assert_mistake(checks.gradient(fn), name, hint)


# --- gradient_descent_step -----------------------------------------------------------------------

def s_sign_error(theta, X, y, alpha):
    return theta + alpha * solutions.gradient(theta, X, y)


def s_forgot_alpha(theta, X, y, alpha):
    return theta - solutions.gradient(theta, X, y)


def s_returned_step(theta, X, y, alpha):
    return alpha * solutions.gradient(theta, X, y)


def s_gradient_without_one_over_m(theta, X, y, alpha):
    return theta - alpha * X.T @ (sigmoid(X @ theta) - y)


def s_gradient_forgot_g(theta, X, y, alpha):
    return theta - alpha * X.T @ (X @ theta - y) / y.size


@pytest.mark.parametrize(("fn", "name", "hint"), [
    (s_sign_error, "sign error", r"against the gradient"),
    (s_forgot_alpha, "forgot α", r"times the learning rate"),
    (s_returned_step, "returned the step instead of the new θ", r"not the change α ∇J"),
    (s_gradient_without_one_over_m, "forgot 1/m", r"^in the gradient: the gradient is the mean"),
    (s_gradient_forgot_g, "forgot g", r"^in the gradient: .*not z = X @ theta"),
])
def test_gradient_descent_step_names_the_mistake(fn, name, hint):
    assert_mistake(checks.gradient_descent_step(fn), name, hint)


# --- regularised_cost ----------------------------------------------------------------------------

def rc_regularised_theta0(theta, X, y, lambda_):
    return solutions.cost(theta, X, y) + lambda_ / (2 * y.size) * np.sum(theta ** 2)


def rc_forgot_one_over_m(theta, X, y, lambda_):
    return solutions.cost(theta, X, y) + lambda_ / 2 * np.sum(theta[1:] ** 2)


def rc_lambda_over_m(theta, X, y, lambda_):
    return solutions.cost(theta, X, y) + lambda_ / y.size * np.sum(theta[1:] ** 2)


def rc_precedence(theta, X, y, lambda_):
    m = y.size
    return solutions.cost(theta, X, y) + lambda_ / 2*m * np.sum(theta[1:] ** 2)


def rc_sign_error(theta, X, y, lambda_):
    return solutions.cost(theta, X, y) - lambda_ / (2 * y.size) * np.sum(theta[1:] ** 2)


def rc_not_squared(theta, X, y, lambda_):
    return solutions.cost(theta, X, y) + lambda_ / (2 * y.size) * np.sum(theta[1:])


def rc_no_penalty(theta, X, y, lambda_):
    return solutions.cost(theta, X, y)


def rc_zeroed_theta0(theta, X, y, lambda_):
    theta[0] = 0  # meant to leave the bias out of the penalty
    return solutions.cost(theta, X, y) + lambda_ / (2 * y.size) * np.sum(theta ** 2)


def rc_cost_dropped_one_minus_y(theta, X, y, lambda_):
    h = sigmoid(X @ theta)
    return -y @ np.log(h) / y.size + lambda_ / (2 * y.size) * np.sum(theta[1:] ** 2)


@pytest.mark.parametrize(("fn", "name", "hint"), [
    (rc_regularised_theta0, "regularised θ0", r"starts at j = 1"),
    (rc_forgot_one_over_m, "forgot 1/m", r"λ/\(2m\) Σ θj², divided by m = 4"),
    (rc_lambda_over_m, "penalty λ/m instead of λ/(2m)", r"the ½ is there"),
    (rc_precedence, "operator precedence: λ/2*m", r"lambda_ / \(2 \* m\)"),
    (rc_sign_error, "sign error", r"added to J"),
    (rc_not_squared, "forgot to square θ", r"sums the squares"),
    (rc_no_penalty, "no penalty", r"unregularised cost"),
    (rc_zeroed_theta0, "set theta[0] = 0", r"computed without the bias.*changed theta in place"),
    (rc_cost_dropped_one_minus_y, "dropped the (1 − y) term", r"examples with y = 0 are missing"),
])
def test_regularised_cost_names_the_mistake(fn, name, hint):
    assert_mistake(checks.regularised_cost(fn), name, hint)


# --- regularised_gradient ------------------------------------------------------------------------

def rg_regularised_theta0(theta, X, y, lambda_):
    return solutions.gradient(theta, X, y) + lambda_ / y.size * theta


def rg_forgot_one_over_m(theta, X, y, lambda_):
    grad = solutions.gradient(theta, X, y)
    grad[1:] += lambda_ * theta[1:]
    return grad


def rg_kept_half(theta, X, y, lambda_):
    grad = solutions.gradient(theta, X, y)
    grad[1:] += lambda_ / (2 * y.size) * theta[1:]
    return grad


def rg_sign_error(theta, X, y, lambda_):
    grad = solutions.gradient(theta, X, y)
    grad[1:] -= lambda_ / y.size * theta[1:]
    return grad


def rg_no_penalty(theta, X, y, lambda_):
    return solutions.gradient(theta, X, y)


def rg_zeroed_gradient_of_theta0(theta, X, y, lambda_):
    grad = solutions.gradient(theta, X, y) + lambda_ / y.size * theta
    grad[0] = 0
    return grad


def rg_zeroed_theta0(theta, X, y, lambda_):
    theta[0] = 0
    return solutions.gradient(theta, X, y) + lambda_ / y.size * theta


def rg_gradient_sign_error(theta, X, y, lambda_):
    grad = X.T @ (y - sigmoid(X @ theta)) / y.size
    grad[1:] += lambda_ / y.size * theta[1:]
    return grad


@pytest.mark.parametrize(("fn", "name", "hint"), [
    (rg_regularised_theta0, "regularised θ0", r"only for j ≥ 1"),
    (rg_forgot_one_over_m, "forgot 1/m", r"\(λ/m\) θj, divided by m = 4"),
    (rg_kept_half, "kept the ½", r"cancels the ½"),
    (rg_sign_error, "sign error", r"pulls each weight towards 0"),
    (rg_no_penalty, "no penalty", r"unregularised gradient"),
    (rg_zeroed_gradient_of_theta0, "set ∂J/∂θ0 to 0", r"leave grad\[0\] as it is"),
    (rg_zeroed_theta0, "set theta[0] = 0", r"computed without the bias.*changed theta in place"),
    (rg_gradient_sign_error, "sign error", r"prediction minus label"),
])
def test_regularised_gradient_names_the_mistake(fn, name, hint):
    assert_mistake(checks.regularised_gradient(fn), name, hint)


# --- the mistakes named since issue 9 -------------------------------------------------------------

def sg_one_minus_z(z):
    g = sigmoid(z)
    return g * (1 - z)


def sg_one_minus_g(z):
    return 1 - sigmoid(z)


def sg_tanh(z):
    g = np.tanh(z)
    return g * (1 - g)


def sg_tanh_derivative(z):
    return 1 - np.tanh(z) ** 2


def sg_global_sign(z):
    g = sigmoid(z)
    return -(g * (1 - g))


def c_swapped_logs(theta, X, y):
    h = sigmoid(X @ theta)
    return (-y @ np.log(1 - h) - (1 - y) @ np.log(h)) / y.size


def c_exp_of_plus_z(theta, X, y):
    h = 1 / (1 + np.exp(X @ theta))  # the sign inside exp lost: this is 1 − g(z)
    return (-y @ np.log(h) - (1 - y) @ np.log(1 - h)) / y.size


def g_one_minus_g(theta, X, y):
    h = 1 / (1 + np.exp(X @ theta))
    return X.T @ (h - y) / y.size


def g_swapped_logs(theta, X, y):
    h = sigmoid(X @ theta)
    return X.T @ (h - (1 - y)) / y.size


def g_tanh(theta, X, y):
    return X.T @ (np.tanh(X @ theta) - y) / y.size


def s_global_sign(theta, X, y, alpha):
    return alpha * solutions.gradient(theta, X, y) - theta


def s_one_entry_at_a_time(theta, X, y, alpha):
    new_theta = theta.copy()
    for j in range(len(theta)):  # each θj's gradient sees the θs already updated
        new_theta[j] = new_theta[j] - alpha * solutions.gradient(new_theta, X, y)[j]
    return new_theta


def s_one_entry_at_a_time_in_place(theta, X, y, alpha):
    for j in range(len(theta)):
        theta[j] -= alpha * solutions.gradient(theta, X, y)[j]
    return theta


def s_tanh(theta, X, y, alpha):
    return theta - alpha * X.T @ (np.tanh(X @ theta) - y) / y.size


def rc_global_sign(theta, X, y, lambda_):
    return -solutions.regularised_cost(theta, X, y, lambda_)


def rc_swapped_logs(theta, X, y, lambda_):
    return c_swapped_logs(theta, X, y) + lambda_ / (2 * y.size) * np.sum(theta[1:] ** 2)


def rg_global_sign(theta, X, y, lambda_):
    return -solutions.regularised_gradient(theta, X, y, lambda_)


def rg_tanh(theta, X, y, lambda_):
    grad = g_tanh(theta, X, y)
    grad[1:] += lambda_ / y.size * theta[1:]
    return grad


@pytest.mark.parametrize(("check", "fn", "name", "hint"), [
    (checks.sigmoid_gradient, sg_one_minus_z, "g(z)(1 − z)", r"1 − g\(z\), not 1 − z"),
    (checks.sigmoid_gradient, sg_one_minus_g, "returned 1 − g(z)", r"the product g\(z\)\(1 − g\(z\)\)"),
    (checks.sigmoid_gradient, sg_tanh, "tanh instead of the sigmoid", r"np\.tanh .*sigmoid"),
    (checks.sigmoid_gradient, sg_tanh_derivative, "tanh instead of the sigmoid", r"1 − tanh\(z\)²"),
    (checks.sigmoid_gradient, sg_global_sign, "sign error", r"never negative"),
    (checks.cost, c_swapped_logs, "swapped the logs", r"y goes with log h"),
    (checks.cost, c_exp_of_plus_z, "swapped the logs", r"np\.exp\(z\) where np\.exp\(-z\)"),
    (checks.gradient, g_one_minus_g, "h = 1 − g(z)", r"sign inside np\.exp"),
    (checks.gradient, g_swapped_logs, "swapped the logs", r"labels act flipped"),
    (checks.gradient, g_tanh, "tanh instead of the sigmoid", r"np\.tanh"),
    (checks.gradient_descent_step, s_global_sign, "sign error", r"whole answer has the opposite sign"),
    (checks.gradient_descent_step, s_one_entry_at_a_time, "updated θ one entry at a time", r"simultaneously"),
    (checks.gradient_descent_step, s_one_entry_at_a_time_in_place, "updated θ one entry at a time",
     r"half-updated θ.*changed theta in place"),
    (checks.gradient_descent_step, s_tanh, "tanh instead of the sigmoid", r"^in the gradient: np\.tanh"),
    (checks.regularised_cost, rc_global_sign, "sign error", r"whole answer has the opposite sign"),
    (checks.regularised_cost, rc_swapped_logs, "swapped the logs", r"y goes with log h"),
    (checks.regularised_gradient, rg_global_sign, "sign error", r"whole answer has the opposite sign"),
    (checks.regularised_gradient, rg_tanh, "tanh instead of the sigmoid", r"np\.tanh"),
])
def test_the_mistakes_named_since_issue_9(check, fn, name, hint):
    assert_mistake(check(fn), name, hint)


# --- every check runs a second input: other sizes, λ, α and |z| up to 30 ---------------------------

LOGISTIC_CHECKS = ["sigmoid_gradient", "cost", "gradient", "gradient_descent_step", "regularised_cost",
                   "regularised_gradient"]


@pytest.mark.parametrize("name", LOGISTIC_CHECKS)
def test_a_pass_needs_the_second_input_too(name):
    result = getattr(checks, name)(getattr(solutions, name))
    assert result.passed
    inputs = result.inputs  # a pass reports the last input tried
    if name == "sigmoid_gradient":
        assert inputs["z"].size != 5
        assert np.abs(inputs["z"]).max() >= 25
        assert np.any((np.abs(inputs["z"]) > 5) & (np.abs(inputs["z"]) < 20))
    else:
        X, theta, y = inputs["X"], inputs["theta"], inputs["y"]
        assert X.shape[0] != 4
        assert X.shape[1] != 3
        assert 25 <= np.abs(X @ theta).max() <= 31
        assert 0 < y.sum() < y.size
        assert inputs.get("lambda_", 0.0) != 1.5
        assert inputs.get("alpha", 0.0) != 0.3


def stable_cost(theta, X, y):
    """The cost from z, as chapter 01 derives it: log(1 + e^z) − y z, with no log of h."""
    z = X @ theta
    return np.mean(np.logaddexp(0, z) - y * z)


def test_the_textbook_and_the_stable_cost_both_pass_at_large_z():
    assert checks.cost(solutions.cost).passed  # log h and log(1 − h) still have the digits at |z| ≤ 30
    assert checks.cost(stable_cost).passed
    assert checks.regularised_cost(
        lambda theta, X, y, lambda_: stable_cost(theta, X, y) + lambda_ / (2 * y.size) * theta[1:] @ theta[1:]
    ).passed


def c_clipped(theta, X, y):
    h = np.clip(sigmoid(X @ theta), 1e-3, 1 - 1e-3)  # "to avoid log(0)"
    return (-y @ np.log(h) - (1 - y) @ np.log(1 - h)) / y.size


def c_epsilon_in_log(theta, X, y):
    h = sigmoid(X @ theta)
    return (-y @ np.log(h + 1e-7) - (1 - y) @ np.log(1 - h + 1e-7)) / y.size


def sg_clipped_z(z):
    g = sigmoid(np.clip(z, -5, 5))
    return g * (1 - g)


def sg_zero_outside(z):
    g = sigmoid(z)
    return np.where(np.abs(z) < 5, g * (1 - g), 0.0)


M = 4  # a learner's copy of the first input's m


def c_m_hard_coded(theta, X, y):
    h = sigmoid(X @ theta)
    return (-y @ np.log(h) - (1 - y) @ np.log(1 - h)) / M


def g_m_hard_coded(theta, X, y):
    return X.T @ (sigmoid(X @ theta) - y) / M


def s_m_hard_coded(theta, X, y, alpha):
    return theta - alpha * X.T @ (sigmoid(X @ theta) - y) / M


def rc_m_hard_coded(theta, X, y, lambda_):
    return c_m_hard_coded(theta, X, y) + lambda_ / (2 * M) * np.sum(theta[1:] ** 2)


def rg_m_hard_coded(theta, X, y, lambda_):
    grad = g_m_hard_coded(theta, X, y)
    grad[1:] += lambda_ / M * theta[1:]
    return grad


def rc_m_hard_coded_in_penalty(theta, X, y, lambda_):
    return solutions.cost(theta, X, y) + lambda_ / (2 * M) * np.sum(theta[1:] ** 2)


def rg_m_hard_coded_in_penalty(theta, X, y, lambda_):
    grad = solutions.gradient(theta, X, y)
    grad[1:] += lambda_ / M * theta[1:]
    return grad


def rc_first_rows_only(theta, X, y, lambda_):
    h = sigmoid(X[:M] @ theta)  # the first 4 examples, all there are in the first input
    return (-y[:M] @ np.log(h) - (1 - y[:M]) @ np.log(1 - h)) / M + lambda_ / (2 * y.size) * theta[1:] @ theta[1:]


def g_n_hard_coded(theta, X, y):
    h = sigmoid(X @ theta)
    return np.array([X[:, j] @ (h - y) / y.size for j in range(3)])  # θ0, θ1, θ2 of the first input


LAMBDA_OF_THE_NOTEBOOK = 1.5  # the first input's λ, so that only the second input can tell
ALPHA_OF_THE_NOTEBOOK = 0.3


def rc_global_lambda(theta, X, y, lambda_):
    return solutions.cost(theta, X, y) + LAMBDA_OF_THE_NOTEBOOK / (2 * y.size) * np.sum(theta[1:] ** 2)


def rg_global_lambda(theta, X, y, lambda_):
    grad = solutions.gradient(theta, X, y)
    grad[1:] += 1.0 / y.size * theta[1:]  # chapter 04's lambda_ = 1.0, not the one passed
    return grad


def s_global_alpha(theta, X, y, alpha):
    return theta - ALPHA_OF_THE_NOTEBOOK * solutions.gradient(theta, X, y)


@pytest.mark.parametrize(("check", "fn", "name", "hint"), [
    (checks.cost, c_clipped, "clipped h", r"np\.clip\(h, eps, 1 - eps\).*never by clipping"),
    (checks.cost, c_epsilon_in_log, "clipped h", r"eps added inside the log"),
    (checks.regularised_cost, lambda theta, X, y, lambda_: c_clipped(theta, X, y)
     + lambda_ / (2 * y.size) * np.sum(theta[1:] ** 2), "clipped h", r"np\.clip"),
    (checks.sigmoid_gradient, sg_clipped_z, "right only for small |z|",
     r"right for \|z\| < 5\.5 but not at z = 5\.5.*is z clipped"),
    (checks.sigmoid_gradient, sg_zero_outside, "right only for small |z|", r"needs no special case"),
    (checks.cost, c_m_hard_coded, "divided by the wrong m", r"divided by 4 instead of m = 7"),
    (checks.gradient, g_m_hard_coded, "divided by the wrong m", r"divided by 4 instead of m = 7"),
    (checks.gradient_descent_step, s_m_hard_coded, "divided by the wrong m",
     r"right for m = 4, the first input's .* m = 7"),
    (checks.regularised_cost, rc_m_hard_coded, "divided by the wrong m", r"divided by 4 instead of m = 7"),
    (checks.regularised_gradient, rg_m_hard_coded, "divided by the wrong m", r"divided by 4 instead of m = 7"),
    (checks.regularised_cost, rc_m_hard_coded_in_penalty, "divided by the wrong m",
     r"your penalty is divided by m = 4, .* this input has m = 7"),
    (checks.regularised_gradient, rg_m_hard_coded_in_penalty, "divided by the wrong m",
     r"your penalty is divided by m = 4, .* this input has m = 7"),
    (checks.regularised_cost, rc_first_rows_only, "right only on the first input",
     r"^your function gives the right answer for m = 4, n = 2, λ = 1\.5 and largest \|z\| = 1\.\d+ but "
     r"not for m = 7, n = 3, λ = 0\.4 and largest \|z\| = 30\.1: is a size hard-coded"),
    (checks.gradient, g_n_hard_coded, "wrong shape",
     r"expected shape \(4,\), got \(3,\)\. Note: your function gives the right answer for m = 4, n = 2"),
    (checks.regularised_cost, rc_global_lambda, "λ from elsewhere",
     r"right for λ = 1\.5, but lambda_ = 0\.4 was passed"),
    (checks.regularised_gradient, rg_global_lambda, "λ from elsewhere",
     r"right for λ = 1, but lambda_ = 1\.5 was passed"),
    (checks.gradient_descent_step, s_global_alpha, "α from elsewhere",
     r"right for α = 0\.3, but alpha = 0\.05 was passed"),
])
def test_a_function_that_fools_one_input_fails_with_a_named_verdict(check, fn, name, hint):
    result = check(fn)
    assert_mistake(result, name, hint)


def test_the_stub_verdicts_the_chapters_print_are_unchanged(capsys):
    # chapters 02–04 are committed with these lines as the check cells' output
    for name in LOGISTIC_CHECKS:
        getattr(checks, name)(lambda *args: (_ for _ in ()).throw(NotImplementedError))
        assert capsys.readouterr().out == (
            f"{name}: not attempted yet — your function (or one it calls) still raises "
            f"NotImplementedError: replace that line with your code, run the cell, then run this one "
            f"again.\n")


# --- found in the audit: shapes only the shown inputs have, forms the chapter cannot use, globals ----

def sg_entry_by_entry(z):
    """math.exp over the entries of a vector: right for the shown z, which are vectors, but g' is for
    z of any shape (chapter 07 applies it to the (m, s2) matrix z2)."""
    return np.array([math.exp(-value) / (1 + math.exp(-value)) ** 2 for value in z])


def test_a_sigmoid_gradient_for_vectors_only_fails_on_the_fresh_matrix():
    result = checks.sigmoid_gradient(sg_entry_by_entry)
    assert result.status == "error"
    assert result.inputs["z"].ndim == 2
    assert re.search(r"TypeError: .*Note: your function passed the 2 inputs tried before, but this input is "
                     r"drawn anew for every run \(z shape = \(\d, \d\) and largest \|z\| = [\d.]+\): is a size "
                     r"or a shape fixed to those inputs\?", result.hint), result.hint


@pytest.mark.parametrize(("name", "form"), [
    ("sigmoid_gradient", list), ("gradient", list), ("gradient_descent_step", lambda answer: answer.tolist()),
    ("regularised_gradient", tuple)], ids=["sigmoid_gradient", "gradient", "step", "regularised_gradient"])
def test_right_numbers_in_a_list_are_named(name, form):
    result = getattr(checks, name)(lambda *args: form(getattr(solutions, name)(*args)))
    kind = "tuple" if form is tuple else "list"  # the headline names which (it said "list" for both)
    assert_mistake(result, f"returned a {kind}, not an array",
                   rf"^the numbers are right, but the answer is a {kind}, not a numpy array")


@pytest.mark.parametrize("form", [float, np.array, np.float64, lambda J: np.float64(J).item()])
def test_a_single_number_may_come_in_any_numeric_form(form):
    assert checks.cost(lambda *args: form(solutions.cost(*args))).passed
    assert checks.regularised_cost(lambda *args: form(solutions.regularised_cost(*args))).passed


X_CHAPTER = np.hstack([np.ones((100, 1)), np.linspace(-1.0, 1.0, 200).reshape(100, 2)])  # a notebook's X
Y_CHAPTER = np.arange(100) % 2.0


@pytest.mark.parametrize(("check", "fn"), [
    (checks.cost, lambda theta, X, y: solutions.cost(theta, X_CHAPTER, y)),
    (checks.cost, lambda theta, X, y: solutions.cost(theta, X, Y_CHAPTER)),
    (checks.gradient, lambda theta, X, y: solutions.gradient(theta, X_CHAPTER, y)),
    (checks.regularised_gradient, lambda theta, X, y, lambda_: X_CHAPTER @ theta - y),
], ids=["cost X", "cost y", "gradient X", "regularised_gradient X"])
def test_an_array_of_the_notebook_used_instead_of_an_argument_is_named(check, fn):
    result = check(fn)
    assert (result.status, result.mistake) == ("error", "a size from elsewhere")
    assert re.search(r"numpy names a size of 100, which none of the arguments has \(the shapes here are theta "
                     r"\(3,\), X \(4, 3\), y \(4,\)\): is an array of the notebook used instead", result.hint)


# --- a number of examples typed into the penalty or the step (from an adversarial audit) -------------
# Before, these were blamed on λ or α ("right for α = 0.012"), or called unrecognised.

def s_divided_by_the_exam_m(theta, X, y, alpha):
    return theta - alpha / 100 * X.T @ (sigmoid(X @ theta) - y)


def rg_penalty_over_the_microchips_m(theta, X, y, lambda_):
    grad = solutions.gradient(theta, X, y)
    grad[1:] += lambda_ / 118 * theta[1:]
    return grad


def rc_penalty_over_the_microchips_m(theta, X, y, lambda_):
    return solutions.cost(theta, X, y) + lambda_ / (2 * 118) * np.sum(theta[1:] ** 2)


@pytest.mark.parametrize(("check", "fn", "hint"), [
    (checks.gradient_descent_step, s_divided_by_the_exam_m,
     r"^your step α · gradient is divided by m = 100, while this input has m = 4 examples"),
    (checks.regularised_gradient, rg_penalty_over_the_microchips_m,
     r"^your penalty is divided by m = 118, while this input has m = 4 examples"),
    (checks.regularised_cost, rc_penalty_over_the_microchips_m,
     r"^your penalty is divided by m = 118, while this input has m = 4 examples"),
])
def test_a_typed_in_m_is_named_not_blamed_on_alpha_or_lambda(check, fn, hint):
    assert_mistake(check(fn), "divided by the wrong m", hint)


# --- m taken from another size, or divided by twice (were blamed on a λ or α "from elsewhere") ----

def rg_m_and_n_swapped(theta, X, y, lambda_):
    _, m = X.shape  # the columns taken for m
    grad = solutions.gradient(theta, X, y)
    grad[1:] += lambda_ / m * theta[1:]
    return grad


def rg_m_from_theta(theta, X, y, lambda_):
    m = len(theta)
    grad = solutions.gradient(theta, X, y)
    grad[1:] += lambda_ / m * theta[1:]
    return grad


def rg_penalty_divided_by_m_twice(theta, X, y, lambda_):
    m = len(y)
    grad = solutions.gradient(theta, X, y)
    grad[1:] += lambda_ / m ** 2 * theta[1:]
    return grad


def step_divided_by_m_twice(theta, X, y, alpha):
    return theta - alpha / len(y) * solutions.gradient(theta, X, y)  # the gradient already has its 1/m


@pytest.mark.parametrize(("check", "fn", "name", "hint"), [
    (checks.regularised_gradient, rg_m_and_n_swapped, "divided by the wrong m",
     r"^your penalty is divided by X\.shape\[1\] \(the columns of X, .*\) = 3, not by m = 4"),
    (checks.regularised_gradient, rg_m_from_theta, "divided by the wrong m", r"X\.shape\[1\]"),
    (checks.regularised_gradient, rg_penalty_divided_by_m_twice, "divided by m twice",
     r"^your penalty is divided by m² = 16 \(m = 4\): the formula divides by m once"),
    (checks.gradient_descent_step, step_divided_by_m_twice, "divided by m twice",
     r"^your step α · gradient is divided by m² = 16 \(m = 4\)"),
])
def test_another_size_or_m_twice_is_named(check, fn, name, hint):
    assert_mistake(check(fn), name, hint)
