"""Tests for mlcourse.gradcheck: central differences, relative difference, gradient checks."""

import numpy as np
import pytest

from mlcourse import gradcheck, logistic, network
from mlcourse.gradcheck import (
    GradientCheck,
    check_gradient,
    check_logistic_gradient,
    numerical_gradient,
    relative_difference,
)

EPS_MACHINE = np.finfo(np.float64).eps


def sum_of_cubes(theta):
    return float(np.sum(theta**3))


def roundoff_bound(magnitude, epsilon):
    # Each of the two evaluations of a sum of a handful of terms is exact to a few ε_mach times
    # the sum of the terms' magnitudes (not |J|: Σθ³ can cancel to 0); the difference of the two
    # is divided by 2ε. 8 ε_mach · magnitude / (2ε) is a generous bound for these small sums.
    return 8 * EPS_MACHINE * magnitude / (2 * epsilon)


# --- numerical_gradient --------------------------------------------------------------------------

@pytest.mark.parametrize("epsilon", [1e-4, 1e-3])
def test_numerical_gradient_of_sum_of_cubes_has_truncation_error_epsilon_squared(epsilon):
    # For f = Σ θ³, ((θ+ε)³ − (θ−ε)³) / (2ε) = (6θ²ε + 2ε³) / (2ε) = 3θ² + ε² exactly: the Taylor
    # series stops at the ε²/6 · f''' term with f''' = 6. So the error is ε² (1e-8 for ε = 1e-4,
    # 1e-6 for ε = 1e-3 — quadratic in ε), plus round-off of order ε_mach·|J|/ε.
    theta = np.array([1.0, -2.0, 0.5, 3.0])
    numerical = numerical_gradient(sum_of_cubes, theta, epsilon)
    np.testing.assert_allclose(numerical, 3 * theta**2 + epsilon**2, rtol=0,
                               atol=roundoff_bound(np.sum(np.abs(theta) ** 3), epsilon))
    # and the error really is ε², not smaller: the bound above is tight enough to see it
    assert np.all(np.abs(numerical - 3 * theta**2) > 0.5 * epsilon**2)


def test_numerical_gradient_of_a_matrix_keeps_its_shape_and_entry_order():
    # f(Θ) = Σ_i (Θ v)_i² is quadratic, so central differences are exact up to round-off, and
    # ∂f/∂Θ_ij = 2 (Θ v)_i v_j: a transposed or reordered result would not match.
    Theta = np.array([[0.5, -1.0, 2.0], [1.5, 0.25, -0.75]])
    v = np.array([1.0, 2.0, -3.0])

    def f(T):
        return float(np.sum((T @ v) ** 2))

    numerical = numerical_gradient(f, Theta)
    assert numerical.shape == (2, 3)
    np.testing.assert_allclose(numerical, 2 * np.outer(Theta @ v, v), rtol=0,
                               atol=roundoff_bound(np.sum((np.abs(Theta) @ np.abs(v)) ** 2), 1e-4))


@pytest.mark.parametrize("layout", ["transposed", "Fortran-ordered", "strided"])
def test_numerical_gradient_of_a_matrix_not_laid_out_in_c_order(layout):
    # Regression: a copy of a Fortran-ordered Θ kept its order, reshape(-1) then copied instead of
    # viewing, the nudges never reached f, and the gradient came back all zeros.
    base = np.array([[0.5, -1.0, 2.0], [1.5, 0.25, -0.75]])
    Theta = {"transposed": base.T.copy().T, "Fortran-ordered": np.asfortranarray(base),
             "strided": np.repeat(base, 2, axis=1)[:, ::2]}[layout]
    assert not Theta.flags.c_contiguous
    v = np.array([1.0, 2.0, -3.0])
    numerical = numerical_gradient(lambda T: float(np.sum((T @ v) ** 2)), Theta)
    np.testing.assert_allclose(numerical, 2 * np.outer(base @ v, v), rtol=0, atol=1e-8)


def test_numerical_gradient_of_a_matrix_cubic_within_the_truncation_bound():
    Theta = np.arange(6.0).reshape(2, 3) - 2.5  # symmetric around 0: J = Σθ³ = 0 exactly
    numerical = numerical_gradient(sum_of_cubes, Theta)
    # error ε² = 1e-8 per entry (see the vector test), plus round-off
    np.testing.assert_allclose(numerical, 3 * Theta**2 + 1e-8, rtol=0,
                               atol=roundoff_bound(np.sum(np.abs(Theta) ** 3), 1e-4))


def test_numerical_gradient_accepts_lists_and_integers():
    np.testing.assert_allclose(numerical_gradient(sum_of_cubes, [1, 2]), [3 + 1e-8, 12 + 1e-8], atol=1e-10)


def test_f_sees_exactly_one_nudged_entry_per_call():
    theta = np.array([[1.0, 2.0], [3.0, 4.0]])
    epsilon = 1e-3
    seen = []

    def record(T):
        seen.append(T.copy())
        return 0.0

    numerical_gradient(record, theta, epsilon)
    assert len(seen) == 2 * theta.size  # two evaluations per entry
    for call, T in enumerate(seen):
        assert T.shape == theta.shape
        difference = T - theta
        nudged = np.flatnonzero(difference)
        assert nudged.tolist() == [call // 2]  # entry i, in C order, for calls 2i and 2i+1
        sign = 1.0 if call % 2 == 0 else -1.0  # + ε first, then − ε
        np.testing.assert_allclose(difference.ravel()[call // 2], sign * epsilon, rtol=1e-9)


def test_f_raising_propagates_and_leaves_theta_unchanged():
    theta = np.array([1.0, 2.0, 3.0])
    original = theta.copy()
    calls = []

    def fails_on_the_fourth_call(T):
        calls.append(T)
        if len(calls) == 4:  # the − ε evaluation of entry 1
            raise ZeroDivisionError("planted failure")
        return float(np.sum(T))

    with pytest.raises(ZeroDivisionError, match="planted failure"):
        numerical_gradient(fails_on_the_fourth_call, theta)
    np.testing.assert_array_equal(theta, original)  # the caller's array


def test_f_writing_into_its_argument_changes_no_other_evaluation():
    # each evaluation gets a new array, as the course's computeNumericalGradient builds one
    theta = np.array([1.0, 2.0])

    def squares_then_scribbles(T):
        J = float(np.sum(T ** 2))
        T[:] = 100.0
        return J

    np.testing.assert_allclose(numerical_gradient(squares_then_scribbles, theta), 2 * theta, rtol=1e-9)
    np.testing.assert_array_equal(theta, [1.0, 2.0])


@pytest.mark.parametrize(("returned", "match"), [
    (np.nan, r"f must return a finite cost; got nan at theta\[1\] \+ epsilon"),
    (np.inf, r"f must return a finite cost; got inf at theta\[1\] \+ epsilon"),
    (np.array([1.0, 2.0]), r"f must return a real scalar cost; got an array of shape \(2,\) at theta\[1\] \+ epsilon"),
    ("1.0", r"f must return a real scalar cost; got str '1.0' at theta\[1\] \+ epsilon"),
    (None, r"f must return a real scalar cost; got NoneType None at theta\[1\] \+ epsilon"),
])
def test_f_must_return_a_finite_real_scalar(returned, match):
    def bad_at_entry_one(T):
        return returned if T[1] != 2.0 else 1.0

    with pytest.raises(ValueError, match=match):
        numerical_gradient(bad_at_entry_one, np.array([1.0, 2.0, 3.0]))


def test_bad_value_at_a_matrix_entry_names_its_row_and_column():
    def bad_at_1_0_minus(T):
        return np.nan if T[1, 0] < 3.0 else 0.0

    with pytest.raises(ValueError, match=r"got nan at theta\[\(1, 0\)\] − epsilon"):
        numerical_gradient(bad_at_1_0_minus, np.array([[1.0, 2.0], [3.0, 4.0]]))


def test_numerical_gradient_accepts_numpy_scalars_and_zero_d_arrays():
    np.testing.assert_allclose(numerical_gradient(lambda T: np.float32(T[0]), [1.0]), [1.0], rtol=1e-3)
    np.testing.assert_allclose(numerical_gradient(lambda T: np.array(2 * T[0]), [1.0]), [2.0], rtol=1e-9)


@pytest.mark.parametrize(("epsilon", "error", "match"), [
    (0.0, ValueError, r"epsilon must be > 0; got 0"),
    (-1e-4, ValueError, r"epsilon must be > 0; got -0.0001"),
    (np.inf, ValueError, r"epsilon must be a finite number; got inf"),
    (None, TypeError, r"epsilon must be a real number; got NoneType None"),
])
def test_numerical_gradient_validates_epsilon(epsilon, error, match):
    with pytest.raises(error, match=match):
        numerical_gradient(sum_of_cubes, [1.0], epsilon)


def test_numerical_gradient_refuses_an_epsilon_lost_in_theta():
    # 0.5 + 1e-300 == 0.5 in float64: every quotient would be 0 and the gradient all zeros
    with pytest.raises(ValueError, match=r"epsilon must be large enough to change every entry of theta; got "
                                         r"1e-300, and theta\[1\] = 0.5 ± epsilon rounds to itself in float64 "
                                         r"\(that needs epsilon > 1e-16; the default is 1e-4\)"):
        numerical_gradient(sum_of_cubes, [0.0, 0.5], 1e-300)
    with pytest.raises(ValueError, match=r"theta\[\(1, 0\)\] = 1e\+20 ± epsilon rounds to itself"):
        numerical_gradient(lambda theta: float(theta.sum()), np.array([[1.0], [1e20]]))


def test_an_epsilon_theta_resolves_but_the_cost_cannot_gives_zeros():
    # documented, not refused: 0 ± 1e-300 differs from 0, but J = Σθ³ changes by 1e-900, below float64
    np.testing.assert_array_equal(numerical_gradient(sum_of_cubes, [0.0, 0.0], 1e-300), [0.0, 0.0])


def test_functions_must_be_callable():
    with pytest.raises(TypeError, match=r"f must be a function theta -> J, the cost; got NoneType None"):
        numerical_gradient(None, [1.0])
    with pytest.raises(TypeError, match=r"cost_function must be a function theta -> J; got float 1.0"):
        check_gradient(1.0, lambda theta: 3 * theta**2, [1.0])
    with pytest.raises(TypeError, match=r"gradient_function must be a function theta -> gradient of theta's "
                                        r"shape; got ndarray array\(\[3.\]\)"):
        check_gradient(sum_of_cubes, np.array([3.0]), [1.0])


def test_numerical_gradient_validates_theta():
    with pytest.raises(ValueError, match=r"theta must hold only finite numbers; got 1 NaN or inf value\(s\), the first nan at index 1"):
        numerical_gradient(sum_of_cubes, [1.0, np.nan])
    with pytest.raises(ValueError, match=r"theta must have at least one entry; got shape \(0,\)"):
        numerical_gradient(sum_of_cubes, [])
    with pytest.raises(TypeError, match=r"theta must hold real numbers; got an array of dtype <U1"):
        numerical_gradient(sum_of_cubes, ["a"])


# --- relative_difference -------------------------------------------------------------------------

@pytest.mark.parametrize(("a", "b", "expected"), [
    ([3.0, 4.0], [0.0, 0.0], 1.0),  # ‖a‖/‖a‖ = 5/5
    ([1.0, 0.0], [0.0, 1.0], 1.0),  # √2/√2
    ([2.0, 0.0], [1.0, 0.0], 1 / 3),  # ‖(1, 0)‖/‖(3, 0)‖
    ([[1.0, 2.0], [3.0, 4.0]], [[1.0, 2.0], [3.0, 4.0]], 0.0),
    ([1.0, 2.0, 2.0], [1.0, 2.0, 2.06], 0.06 / np.sqrt(4 + 16 + 4.06**2)),  # ‖(0,0,−0.06)‖/‖(2,4,4.06)‖
    ([0.0, 0.0], [0.0, 0.0], 0.0),  # both zero: exact agreement, not 0/0
])
def test_relative_difference_hand_values(a, b, expected):
    np.testing.assert_allclose(relative_difference(a, b), expected, rtol=1e-14, atol=0)


def test_relative_difference_of_opposite_vectors_is_inf():
    assert relative_difference([1.0, -2.0], [-1.0, 2.0]) == np.inf


def test_relative_difference_is_scale_free_and_does_not_overflow():
    a, b = np.array([1.0, 2.0, 2.0]), np.array([1.0, 2.0, 2.06])
    expected = relative_difference(a, b)
    np.testing.assert_allclose(relative_difference(a * 1e300, b * 1e300), expected, rtol=1e-14)
    np.testing.assert_allclose(relative_difference(a * 1e-300, b * 1e-300), expected, rtol=1e-14)


def test_relative_difference_returns_a_python_float():
    assert type(relative_difference([1.0], [2.0])) is float


def test_relative_difference_errors():
    with pytest.raises(ValueError, match=r"a and b must have the same shape; expected b of shape \(3,\) like a, got \(3, 1\)"):
        relative_difference(np.zeros(3), np.zeros((3, 1)))
    with pytest.raises(ValueError, match=r"b must hold only finite numbers; got 1 NaN or inf value\(s\), the first nan at index 0"):
        relative_difference([1.0], [np.nan])
    with pytest.raises(TypeError, match=r"a must hold real numbers; got an array of dtype complex128"):
        relative_difference([1j], [1.0])


# --- check_gradient ------------------------------------------------------------------------------

def quadratic_form_cost(theta):
    A = np.array([[2.0, 1.0, 0.0], [1.0, 3.0, -1.0], [0.0, -1.0, 4.0]])
    return 0.5 * float(theta @ A @ theta) + float(np.sum(np.sin(theta)))


def quadratic_form_gradient(theta):
    A = np.array([[2.0, 1.0, 0.0], [1.0, 3.0, -1.0], [0.0, -1.0, 4.0]])
    return A @ theta + np.cos(theta)


THETA = np.array([0.3, -1.2, 0.8])


def test_check_gradient_passes_for_a_correct_gradient():
    result = check_gradient(quadratic_form_cost, quadratic_form_gradient, THETA)
    assert isinstance(result, GradientCheck)
    assert result.passed
    assert result.relative_difference < 1e-9
    assert result.tolerance == 1e-9
    assert result.epsilon == 1e-4
    np.testing.assert_allclose(result.analytic, quadratic_form_gradient(THETA))
    np.testing.assert_allclose(result.numerical, result.analytic, rtol=1e-8)
    text = str(result)
    assert "passed" in text
    assert text == result.summary()
    assert text.count("\n") == 4  # header, three entries, verdict


def test_check_gradient_fails_for_a_planted_bug():
    def forgot_the_cosine_of_entry_2(theta):
        grad = quadratic_form_gradient(theta)
        grad[2] -= np.cos(theta[2])  # cos(0.8) ≈ 0.697 missing from entry 2
        return grad

    result = check_gradient(quadratic_form_cost, forgot_the_cosine_of_entry_2, THETA)
    assert not result.passed
    assert result.relative_difference > 1e-2
    text = result.summary()
    assert "FAILED" in text
    assert "largest difference is at entry 2" in text


def test_check_gradient_summary_of_a_matrix_shows_the_first_rows_only():
    Theta = np.arange(12.0).reshape(3, 4) / 10
    result = check_gradient(sum_of_cubes, lambda T: 3 * T**2, Theta)
    text = result.summary(rows=5)
    assert "(0, 0)" in text
    assert "(1, 0)" in text  # 5th entry in C order
    assert "(1, 1)" not in text
    assert "(5 of 12 entries shown)" in text


@pytest.mark.parametrize(("rows", "error", "message"), [
    (None, TypeError, r"rows must be a whole number ≥ 1; got NoneType None"),  # was int < NoneType
    ("3", TypeError, r"rows must be a whole number ≥ 1; got str '3'"),
    (2.5, TypeError, r"rows must be a whole number ≥ 1; got float 2\.5"),
    (-1, ValueError, r"rows must be ≥ 1; got -1"),  # was "(-1 of 12 entries shown)"
])
def test_summary_refuses_rows_that_is_not_a_whole_number_from_1(rows, error, message):
    result = check_gradient(sum_of_cubes, lambda T: 3 * T**2, np.arange(12.0).reshape(3, 4) / 10)
    with pytest.raises(error, match=message):
        result.summary(rows=rows)


def test_check_gradient_does_not_mutate_theta():
    theta = THETA.copy()

    def gradient_that_writes(T):
        grad = quadratic_form_gradient(T)
        T[:] = 0.0  # writes into the copy it was given, not into the caller's array
        return grad

    result = check_gradient(quadratic_form_cost, gradient_that_writes, theta)
    np.testing.assert_array_equal(theta, THETA)
    assert result.passed


def test_check_gradient_errors():
    with pytest.raises(ValueError, match=r"gradient_function\(theta\) must return an array of theta's shape; expected \(3,\), got \(3, 1\)"):
        check_gradient(quadratic_form_cost, lambda t: quadratic_form_gradient(t).reshape(3, 1), THETA)
    with pytest.raises(ValueError, match=r"gradient_function\(theta\) must hold only finite numbers; got 1 NaN or inf value\(s\), the first inf at index 0"):
        check_gradient(quadratic_form_cost, lambda t: np.array([np.inf, 0.0, 0.0]), THETA)
    with pytest.raises(ValueError, match=r"tolerance must be > 0; got -1"):
        check_gradient(quadratic_form_cost, quadratic_form_gradient, THETA, tolerance=-1)
    with pytest.raises(ValueError, match=r"epsilon must be > 0; got 0"):
        check_gradient(quadratic_form_cost, quadratic_form_gradient, THETA, epsilon=0)
    with pytest.raises(ValueError, match=r"f must return a finite cost; got nan at theta\[0\] \+ epsilon"):
        check_gradient(lambda t: np.nan, quadratic_form_gradient, THETA)


# --- logistic regression -------------------------------------------------------------------------

def _logistic_data(m=30, n=4, seed=1):
    rng = np.random.default_rng(seed)  # seeded so the check runs at the same points every time
    X = np.hstack([np.ones((m, 1)), rng.normal(size=(m, n))])
    y = (rng.random(m) < 0.5).astype(float)
    return X, y


@pytest.mark.parametrize("lambda_", [0.0, 3.0])
def test_check_logistic_gradient_passes(lambda_):
    X, y = _logistic_data()
    result = check_logistic_gradient(X, y, lambda_)
    assert result.passed, result.summary()
    assert result.analytic.shape == (5,)
    expected_theta = np.random.default_rng(0).standard_normal(5)  # the documented default θ
    np.testing.assert_allclose(result.analytic, logistic.gradient(expected_theta, X, y, lambda_))


def test_check_logistic_gradient_at_a_given_theta():
    X, y = _logistic_data()
    theta = np.array([0.1, -0.2, 0.3, -0.4, 0.5])
    result = check_logistic_gradient(X, y, 1.0, theta=theta)
    assert result.passed
    np.testing.assert_allclose(result.analytic, logistic.gradient(theta, X, y, 1.0))


def test_check_logistic_gradient_catches_a_regularised_bias(monkeypatch):
    # the classic bug: penalising θ0 too. Visible because the default θ0 is a random draw, not 0.
    X, y = _logistic_data()
    correct = logistic.gradient

    def regularises_theta0(theta, X, y, lambda_=0.0):
        grad = correct(theta, X, y, lambda_)
        grad[0] += lambda_ / X.shape[0] * theta[0]
        return grad

    monkeypatch.setattr(logistic, "gradient", regularises_theta0)
    assert check_logistic_gradient(X, y, 0.0).passed  # with λ = 0 the bug is invisible
    result = check_logistic_gradient(X, y, 3.0)
    assert not result.passed
    assert "largest difference is at entry 0" in result.summary()


def test_check_logistic_gradient_errors():
    X, y = _logistic_data()
    with pytest.raises(ValueError, match=r"theta must have shape \(5,\) to match the 5 columns of X"):
        check_logistic_gradient(X, y, theta=np.zeros(4))
    with pytest.raises(ValueError, match=r"lambda_ must be ≥ 0"):
        check_logistic_gradient(X, y, -1.0)
    with pytest.raises(ValueError, match=r"y must have shape \(m,\) = \(30,\) to match X; got \(30, 1\)"):
        check_logistic_gradient(X, y.reshape(-1, 1))


# --- the network's checker -------------------------------------------------------------------------

def test_network_gradient_check_passes_for_backprop_with_and_without_lambda():
    for lambda_ in (0.0, 3.0):
        result = gradcheck.check_network_gradient(lambda_=lambda_)
        assert result.passed
        assert result.relative_difference < 1e-9
        assert result.analytic.shape == (5 * 4 + 3 * 6,)  # Θ(1) (5, 4) and Θ(2) (3, 6), packed
    # the loop version is checked the same way
    assert gradcheck.check_network_gradient(lambda_=3.0, gradient_function=network.gradient_loop).passed


def test_network_gradient_check_catches_planted_bugs():
    def bias_regularised(Theta1, Theta2, X, y, lambda_):
        g1, g2 = network.gradient(Theta1, Theta2, X, y, lambda_)
        m = X.shape[0]
        return g1 + (lambda_ / m) * np.column_stack([Theta1[:, 0], 0 * Theta1[:, 1:]]), g2

    def missing_one_over_m(Theta1, Theta2, X, y, lambda_):
        g1, g2 = network.gradient(Theta1, Theta2, X, y, lambda_)
        return g1 * X.shape[0], g2 * X.shape[0]

    assert not gradcheck.check_network_gradient(lambda_=3.0, gradient_function=bias_regularised).passed
    assert gradcheck.check_network_gradient(lambda_=0.0, gradient_function=bias_regularised).passed  # invisible at λ = 0
    failed = gradcheck.check_network_gradient(gradient_function=missing_one_over_m)
    assert not failed.passed
    assert failed.relative_difference > 0.5  # 5× too large: |5a - a| / |5a + a| = 4/6


def test_network_gradient_check_rejects_malformed_gradients():
    with pytest.raises(TypeError, match=r"^gradient_function must return a pair \(Theta1_grad, Theta2_grad\) of shapes "
                                        r"\(5, 4\) and \(3, 6\); got ndarray array\(\[0\., 0\."):
        gradcheck.check_network_gradient(gradient_function=lambda *args: np.zeros(38))
    with pytest.raises(ValueError, match=r"^gradient_function must return a pair .*; got Theta2_grad of shape \(3, 5\)$"):
        gradcheck.check_network_gradient(gradient_function=lambda T1, T2, X, y, lam: (np.zeros_like(T1), np.zeros((3, 5))))


def test_seeds_and_np_seterr():
    X, y = _logistic_data()
    with pytest.raises(ValueError, match=r"seed must be ≥ 0; got -1"):
        check_logistic_gradient(X, y, seed=-1)
    # entries 1e300 apart: the small ones underflow to 0 once scaled, which must not raise after a
    # learner's np.seterr(all="raise") (np.errstate sets the same state, then restores it)
    with np.errstate(all="raise"):
        assert relative_difference([1e300, 1e-300], [1e300, 0.0]) == 0.0
        assert check_logistic_gradient(X, y, 1.0, seed=np.random.default_rng(3)).passed


# --- regressions from the input audit: each failed before its fix -------------------------------

@pytest.mark.parametrize(("kwargs", "message"), [
    ({"input_size": 0}, r"^input_size must be ≥ 1; got 0$"),  # was "L_in must be ≥ 1"
    ({"hidden_size": 2.5}, r"^hidden_size must be a whole number ≥ 1; got float 2.5$"),  # was "L_out ..."
    ({"num_labels": -1}, r"^num_labels must be ≥ 1; got -1$"),  # was "L_out must be ≥ 1"
])
def test_check_network_gradient_names_the_size_the_caller_passed(kwargs, message):
    with pytest.raises((TypeError, ValueError), match=message):
        gradcheck.check_network_gradient(**kwargs)


def test_check_network_gradient_refuses_what_cannot_be_a_gradient():
    # was "'str' object is not callable", raised from inside the check
    with pytest.raises(TypeError, match=r"^gradient_function must be a function \(Theta1, Theta2, X, y, lambda_\) "
                                        r"-> gradients; got str 'network.gradient'"):
        gradcheck.check_network_gradient(gradient_function="network.gradient")
    # were numpy's "inhomogeneous shape" and "could not convert string to float"
    with pytest.raises(TypeError, match=r"^gradient_function's Theta1_grad must be a rectangular array of numbers"):
        gradcheck.check_network_gradient(gradient_function=lambda *args: ([[1, 2], [3]], [[0.0]]))
    with pytest.raises(TypeError, match=r"^gradient_function's Theta1_grad must hold real numbers; got an array of dtype <U1"):
        gradcheck.check_network_gradient(gradient_function=lambda *args: ("a", "b"))


def test_check_logistic_gradient_checks_the_seed_even_when_theta_is_given():
    X = logistic.add_intercept(np.array([[0.5, -1.0], [1.5, 2.0], [-0.5, 0.25]]))
    # was silently ignored, as network.fit would not: a bad seed is a mistake either way
    with pytest.raises(TypeError, match=r"^seed must be a whole number ≥ 0 or a numpy.random.Generator; got str"):
        check_logistic_gradient(X, [0, 1, 1], theta=np.zeros(3), seed="0")


def test_extreme_arguments_are_refused_by_their_names():
    # relative_difference([], []) was 0.0, "exact agreement"; the sizes were blamed on L_in and L_out,
    # and a huge m was numpy's MemoryError
    with pytest.raises(ValueError, match=r"^a and b must hold at least one entry; got shape \(0,\)$"):
        gradcheck.relative_difference([], [])
    with pytest.raises(ValueError, match=r"^hidden_size and num_labels must keep a layer's weights under 1 GiB"):
        gradcheck.check_network_gradient(hidden_size=2, num_labels=10**8)
    with pytest.raises(ValueError, match=r"^m and input_size must keep X under 1 GiB; got m = 1,000,000,000,000"):
        gradcheck.check_network_gradient(m=10**12)
