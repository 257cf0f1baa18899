"""Tests for mlcourse.chapters.ch02_the_derivative: every line of chapter 02's two derivations, and the loop form."""

import numpy as np
import pytest

from mlcourse import gradcheck, logistic, sigmoid, sigmoid_gradient
from mlcourse.chapters import ch02_the_derivative as ch02


def random_problem(m=30, seed=0):
    rng = np.random.default_rng(seed)
    X = logistic.add_intercept(rng.normal(size=(m, 2)))
    y = (rng.random(m) < 0.5).astype(float)
    return X, y, rng.normal(size=3)


# --- central_difference ---------------------------------------------------------------------------

def test_central_difference_is_exact_for_a_quadratic():
    # (f(z+ε) − f(z−ε)) / 2ε for f = z² is ((z+ε)² − (z−ε)²) / 2ε = 4zε / 2ε = 2z exactly
    z = np.array([-3.0, 0.0, 1.5])
    np.testing.assert_allclose(ch02.central_difference(np.square, z, epsilon=1e-3), 2 * z,
                               rtol=0, atol=1e-10)


def test_central_difference_of_sigmoid_matches_its_derivative_to_epsilon_squared():
    z = np.linspace(-8.0, 8.0, 33)
    # error ≈ ε²/6 · |g'''| ≤ 1e-8/6 · 1/8 ≈ 2.1e-10
    np.testing.assert_allclose(ch02.central_difference(sigmoid, z), sigmoid_gradient(z),
                               rtol=0, atol=3e-10)


def test_central_difference_accepts_a_scalar_and_does_not_modify_z():
    z = np.array([0.0, 1.0])
    before = z.copy()
    ch02.central_difference(sigmoid, z)
    np.testing.assert_array_equal(z, before)
    assert ch02.central_difference(sigmoid, 0.0).shape == (1,)


@pytest.mark.parametrize("epsilon", [0.0, -1e-4])
def test_central_difference_refuses_a_step_that_is_not_positive(epsilon):
    with pytest.raises(ValueError, match="epsilon must"):
        ch02.central_difference(sigmoid, 1.0, epsilon=epsilon)


def test_central_difference_refuses_nan():
    with pytest.raises(ValueError, match="z must"):
        ch02.central_difference(sigmoid, [0.0, np.nan])


# --- sigmoid_derivative_steps ------------------------------------------------------------------------

def test_sigmoid_steps_are_named_in_order():
    names = [name for name, _ in ch02.sigmoid_derivative_steps([0.0])]
    assert names == list(ch02.SIGMOID_DERIVATIVE_STEPS)
    assert names[0] == "power and chain rule"
    assert names[-1] == "recognise g"


def test_every_sigmoid_step_equals_the_library_derivative():
    z = np.linspace(-30.0, 30.0, 121)
    for name, values in ch02.sigmoid_derivative_steps(z):
        assert values.shape == z.shape, name
        np.testing.assert_allclose(values, sigmoid_gradient(z), rtol=1e-12, atol=1e-15, err_msg=name)


def test_sigmoid_steps_at_zero_are_one_quarter():
    # e^0 = 1, so every line is 1/(1 + 1)² = 1/2 · 1/2 = 1/4
    for name, values in ch02.sigmoid_derivative_steps(0.0):
        np.testing.assert_allclose(values, [0.25], rtol=0, atol=1e-16, err_msg=name)


def test_sigmoid_steps_refuse_z_where_the_literal_exponential_overflows():
    with pytest.raises(ValueError, match=r"z must lie in \[-700, 700\].*got -800"):
        ch02.sigmoid_derivative_steps([0.0, -800.0])


def test_sigmoid_steps_refuse_non_numbers():
    with pytest.raises(TypeError, match="z"):
        ch02.sigmoid_derivative_steps("one")


# --- the gradient's derivation ---------------------------------------------------------------------

def test_gradient_steps_are_named_in_order():
    X, y, theta = random_problem()
    names = [name for name, _ in ch02.gradient_steps(theta, X, y)]
    assert names == ["linearity", "chain rule", "sigma prime", "substitution", "simplify",
                     "distribute", "cancel"]


def test_every_gradient_step_equals_the_numerical_gradient():
    X, y, theta = random_problem()
    numerical = gradcheck.numerical_gradient(lambda t: logistic.cost(t, X, y), theta)
    for name, values in ch02.gradient_steps(theta, X, y):
        assert values.shape == theta.shape, name
        # Both sides carry a central-difference error ≈ ε²/6·|∂³J| ≈ 1e-10 here, on a gradient of
        # norm ≈ 0.2, so relative differences of a few 1e-9 are agreement; a wrong line gives ≳ 1e-3.
        assert gradcheck.relative_difference(values, numerical) < 1e-8, name


def test_closed_form_steps_equal_the_library_gradient_to_rounding():
    X, y, theta = random_problem(seed=3)
    expected = logistic.gradient(theta, X, y)
    for step in (ch02.step_substitution, ch02.step_simplify, ch02.step_distribute,
                 ch02.step_cancel):
        np.testing.assert_allclose(step(theta, X, y), expected, rtol=0, atol=1e-14,
                                   err_msg=step.__name__)


def test_steps_with_a_pending_derivative_are_close_to_the_library_gradient():
    X, y, theta = random_problem(seed=4)
    expected = logistic.gradient(theta, X, y)
    for step in (ch02.step_linearity, ch02.step_chain_rule, ch02.step_sigma_prime):
        np.testing.assert_allclose(step(theta, X, y), expected, rtol=0, atol=1e-8,
                                   err_msg=step.__name__)


def test_cancel_step_by_hand():
    # X = [[1, 0], [1, 2]], y = [0, 1], θ = 0: h = [1/2, 1/2], h − y = [1/2, −1/2]
    # ∂J/∂θ0 = (1/2)(1/2 − 1/2) = 0;  ∂J/∂θ1 = (1/2)(1/2·0 − 1/2·2) = −1/2
    X = np.array([[1.0, 0.0], [1.0, 2.0]])
    y = np.array([0.0, 1.0])
    np.testing.assert_allclose(ch02.step_cancel(np.zeros(2), X, y), [0.0, -0.5], rtol=0, atol=1e-15)


def test_a_wrong_line_would_be_caught():
    # Dropping the minus sign of the chain rule's second term (a classic slip) gives a different
    # vector: the chapter's comparison with the numerical gradient has the power to find it.
    X, y, theta = random_problem()
    h = sigmoid(X @ theta)
    wrong = -((y * (1 - h) + (1 - y) * h) @ X) / X.shape[0]
    numerical = gradcheck.numerical_gradient(lambda t: logistic.cost(t, X, y), theta)
    assert gradcheck.relative_difference(wrong, numerical) > 1e-3


def test_steps_do_not_modify_their_inputs():
    X, y, theta = random_problem()
    copies = X.copy(), y.copy(), theta.copy()
    ch02.gradient_steps(theta, X, y)
    for before, after in zip(copies, (X, y, theta), strict=True):
        np.testing.assert_array_equal(before, after)


def test_steps_refuse_column_labels():
    X, y, theta = random_problem()
    with pytest.raises(ValueError, match=r"y must have shape \(m,\)"):
        ch02.step_cancel(theta, X, y[:, None])


def test_steps_refuse_theta_of_the_wrong_length():
    X, y, _ = random_problem()
    with pytest.raises(ValueError, match="theta"):
        ch02.step_linearity(np.zeros(2), X, y)


def test_gradient_steps_refuse_a_bad_epsilon():
    X, y, theta = random_problem()
    with pytest.raises(ValueError, match="epsilon must"):
        ch02.gradient_steps(theta, X, y, epsilon=0.0)


# --- gradient_loop ---------------------------------------------------------------------------------

def test_loop_form_equals_the_vector_form():
    X, y, theta = random_problem(m=12, seed=5)
    np.testing.assert_allclose(ch02.gradient_loop(theta, X, y), logistic.gradient(theta, X, y),
                               rtol=0, atol=1e-14)


def test_loop_form_stays_finite_for_huge_scores():
    # z = ±1000: h is exactly 0 or 1, and h − y is 0 or ±1; nothing may overflow or warn
    X = np.array([[1.0, 1000.0], [1.0, -1000.0]])
    y = np.array([1.0, 1.0])
    # h = [1, 0]: h − y = [0, −1]; ∂J/∂θ0 = −1/2, ∂J/∂θ1 = (−1)(−1000)/2 = 500
    np.testing.assert_allclose(ch02.gradient_loop(np.array([0.0, 1.0]), X, y), [-0.5, 500.0],
                               rtol=0, atol=1e-12)


def test_loop_form_refuses_labels_other_than_0_and_1():
    X, _, theta = random_problem(m=3)
    with pytest.raises(ValueError, match="y"):
        ch02.gradient_loop(theta, X, np.array([0.0, 2.0, 1.0]))
