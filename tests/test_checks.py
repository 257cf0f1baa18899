"""The exercise checks: each accepts its solution, reports a stub as not attempted, names each mistake.

Every buggy variant below is written the way a learner might write it, and the test pins the name the
check gives it and a phrase of its hint. Warnings are errors in this test run, so any RuntimeWarning
that escaped a check (a learner's log(0), say) would fail the test that provoked it.
"""

import re

import numpy as np
import pytest

from mlcourse import checks, solutions
from mlcourse.activations import sigmoid


def stub(*args):
    raise NotImplementedError


def assert_mistake(result, name, hint_pattern):
    assert result.status == "mistake", result
    assert result.mistake == name
    assert re.search(hint_pattern, result.hint), result.hint


# --- the verdicts every check shares -------------------------------------------------------------

ALL_CHECKS = ["sigmoid_gradient", "cost", "gradient", "gradient_descent_step", "regularised_cost",
              "regularised_gradient"]


@pytest.mark.parametrize("exercise", ALL_CHECKS)
def test_each_check_accepts_its_solution(exercise, capsys):
    result = getattr(checks, exercise)(getattr(solutions, exercise))
    assert result.status == "passed"
    assert result.passed
    assert result.mistake is None
    assert capsys.readouterr().out == f"{exercise}: passed.\n"


@pytest.mark.parametrize("exercise", ALL_CHECKS)
def test_each_check_reports_a_stub_as_not_attempted(exercise, capsys):
    result = getattr(checks, exercise)(stub)
    assert result.status == "not attempted"
    assert not result.passed
    assert capsys.readouterr().out.startswith(f"{exercise}: not attempted yet")


def test_the_printed_verdict_shows_the_mistake_hint_input_and_both_values(capsys):
    def forgot_one_over_m(theta, X, y):
        return X.T @ (sigmoid(X @ theta) - y)

    result = checks.gradient(forgot_one_over_m)
    out = capsys.readouterr().out
    assert out == str(result) + "\n"
    lines = out.splitlines()
    assert lines[0] == "gradient: mistake — forgot 1/m"
    assert lines[1].startswith("  Hint: the gradient is the mean over examples")
    assert re.search(r"^  expected \[-0\.020712 +0\.234576 +0\.107398\]  \(shape \(3,\)\)$", out, re.M)
    assert re.search(r"^  got      \[-0\.082847 +0\.938303 +0\.429591\]  \(shape \(3,\)\)$", out, re.M)
    # got is m = 4 times expected: the sum over the examples, never divided by m
    np.testing.assert_allclose(result.got, 4 * result.expected, rtol=1e-12)


def test_the_shown_input_is_code_that_rebuilds_the_input(capsys):
    # A learner can paste the input lines into a cell and debug on the very numbers the check used.
    result = checks.cost(lambda theta, X, y: 0.0)
    block = capsys.readouterr().out.split("On the input\n")[1].split("  expected")[0]
    namespace = {"np": np}
    exec(block.replace("\n    ", "\n").strip(), namespace)
    for name, value in result.inputs.items():
        np.testing.assert_array_equal(namespace[name], value)
    assert result.inputs["X"].shape == (4, 3)
    np.testing.assert_array_equal(result.inputs["X"][:, 0], 1.0)  # the intercept column


def test_an_unnameable_wrong_answer_fails_with_expected_and_got(capsys):
    def wrong(theta, X, y):
        return np.array([1.0, 2.0, 3.0])

    result = checks.gradient(wrong)
    assert_mistake(result, "unrecognised", "compare expected and got")
    np.testing.assert_array_equal(result.got, [1.0, 2.0, 3.0])
    assert result.expected.shape == (3,)
    out = capsys.readouterr().out
    assert "expected [-0.020712" in out
    assert "got      [1.000000 2.000000 3.000000]" in out


def test_an_exception_is_reported_not_raised(capsys):
    def crashes(theta, X, y):
        return {}["missing"]

    result = checks.cost(crashes)
    assert result.status == "error"
    assert result.mistake == "raised an exception"
    assert re.search(r"KeyError: 'missing'\. Run your function", result.hint)
    assert capsys.readouterr().out.startswith("cost: error — raised an exception\n  Hint: KeyError")


def test_a_shape_error_points_at_star_versus_at():
    def star_instead_of_at(theta, X, y):
        h = sigmoid(X @ theta)
        return (X * (h - y)).sum(axis=0) / y.size  # (4, 3) * (4,) cannot broadcast

    result = checks.gradient(star_instead_of_at)
    assert result.status == "error"
    assert result.mistake == "shapes do not line up"
    assert re.search(r"could not be broadcast.*\* where @ was meant.*theta \(3,\), X \(4, 3\), y \(4,\)",
                     result.hint)


def test_returning_none_or_not_numbers_is_named():
    def no_return(theta, X, y):
        sigmoid(X @ theta)

    assert_mistake(checks.cost(no_return), "returned None", r"`return` statement missing")

    def returns_a_pair(theta, X, y):
        return solutions.cost(theta, X, y), solutions.gradient(theta, X, y)

    assert_mistake(checks.cost(returns_a_pair), "did not return numbers",
                   r"expected a single number, got tuple")


def test_wrong_shape_message_names_both_shapes():
    def column(theta, X, y):
        return solutions.gradient(theta, X, y)[:, np.newaxis]

    result = checks.gradient(column)
    assert_mistake(result, "wrong shape", r"^expected shape \(3,\), got \(3, 1\)\. The numbers are right")

    def one_by_one(theta, X, y):
        return np.array([[solutions.cost(theta, X, y)]])

    assert_mistake(checks.cost(one_by_one), "wrong shape",
                   r"expected shape \(\) — a single number, got \(1, 1\)")


def test_a_matrix_result_points_at_broadcasting():
    def outer(theta, X, y):
        return np.ones((3, 4))

    assert_mistake(checks.gradient(outer), "wrong shape", r"got \(3, 4\)\. A matrix .* shape \(m, 1\)")


def test_a_division_by_a_global_m_is_named():
    def global_m(theta, X, y):
        return X.T @ (sigmoid(X @ theta) - y) / 100  # m of the notebook's data, not of this X

    assert_mistake(checks.gradient(global_m), "divided by the wrong m", r"divided by 100 instead of m = 4")


def test_changing_the_input_in_place_is_caught_even_with_the_right_answer():
    def in_place(theta, X, y, alpha):
        theta -= alpha * solutions.gradient(theta, X, y)
        return theta

    assert_mistake(checks.gradient_descent_step(in_place), "changed its input", r"changed theta in place")


def test_a_warning_from_the_learners_code_is_caught_and_named():
    def log_of_z(theta, X, y):
        z = X @ theta
        return (-y @ np.log(z) - (1 - y) @ np.log(1 - z)) / y.size

    result = checks.cost(log_of_z)  # would fail here if the RuntimeWarning escaped
    assert_mistake(result, "NaN or inf", r"not to z = X @ theta.*numpy warned .*invalid value encountered in log")


def test_a_function_that_is_not_callable_is_refused():
    with pytest.raises(TypeError, match=r"fn must be the function you wrote for the exercise; got float 0\.5"):
        checks.cost(0.5)


def test_checks_are_deterministic():
    first = checks.cost(lambda theta, X, y: 1.0)
    second = checks.cost(lambda theta, X, y: 1.0)
    assert first.expected == second.expected  # same seed, same input: bit-for-bit the same reference
    for name in first.inputs:
        np.testing.assert_array_equal(first.inputs[name], second.inputs[name])


def test_every_named_mistake_is_far_from_the_answer_and_from_differently_named_ones():
    theta, X, y = checks._problem()
    z = np.array([-3.0, -1.0, 0.0, 0.5, 2.0])  # the input of checks.sigmoid_gradient
    lists = {
        "sigmoid_gradient": (checks._sigmoid_gradient_mistakes(z), solutions.sigmoid_gradient(z)),
        "cost": (checks._cost_mistakes(theta, X, y), solutions.cost(theta, X, y)),
        "gradient": (checks._gradient_mistakes(theta, X, y), solutions.gradient(theta, X, y)),
        "regularised_cost": (checks._regularised_cost_mistakes(theta, X, y, checks._LAMBDA),
                             solutions.regularised_cost(theta, X, y, checks._LAMBDA)),
        "regularised_gradient": (checks._regularised_gradient_mistakes(theta, X, y, checks._LAMBDA),
                                 solutions.regularised_gradient(theta, X, y, checks._LAMBDA)),
    }
    for exercise, (mistakes, answer) in lists.items():
        for i, mistake in enumerate(mistakes):
            value = np.asarray(mistake.value)
            assert not checks._close(value, answer), (exercise, mistake.name)
            for other in mistakes[i + 1:]:
                if other.name != mistake.name:
                    assert not checks._close(value, other.value), (exercise, mistake.name, other.name)


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
