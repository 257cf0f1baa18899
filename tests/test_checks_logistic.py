"""The logistic track's checks (chapters 02–04): each names the mistakes a learner makes.

Every buggy variant below is written the way a learner might write it, and the test pins the name the
check gives it and a phrase of its hint. Warnings are errors in this test run, so any RuntimeWarning
that escaped a check (a learner's log(0), say) would fail the test that provoked it.
"""


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
