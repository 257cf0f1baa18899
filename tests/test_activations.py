"""The sigmoid and its derivative: hand-worked values, symmetry, and silence at the extremes."""

import math

import numpy as np
import pytest

from mlcourse import sigmoid, sigmoid_gradient


def test_hand_worked_values():
    # g(0) = 1/(1 + e^0) = 1/2, and g'(0) = g(0)(1 - g(0)) = 1/2 · 1/2 = 1/4
    assert sigmoid(0.0) == pytest.approx(0.5, abs=0)
    assert sigmoid_gradient(0.0) == pytest.approx(0.25, abs=0)
    # g(ln 3) = 1/(1 + 1/3) = 3/4 and g'(ln 3) = 3/4 · 1/4 = 3/16
    assert sigmoid(math.log(3)) == pytest.approx(0.75, rel=1e-15, abs=0)
    assert sigmoid_gradient(math.log(3)) == pytest.approx(3 / 16, rel=1e-15, abs=0)
    # g(-ln 3) = 1/(1 + 3) = 1/4: the negative branch of the formula
    assert sigmoid(-math.log(3)) == pytest.approx(0.25, rel=1e-15, abs=0)


def test_symmetry_g_of_minus_z_is_one_minus_g():
    z = np.linspace(-30, 30, 601)
    np.testing.assert_allclose(sigmoid(-z), 1 - sigmoid(z), rtol=0, atol=1e-15)
    np.testing.assert_allclose(sigmoid_gradient(-z), sigmoid_gradient(z), rtol=1e-15)


def test_gradient_matches_g_times_one_minus_g_and_finite_differences():
    z = np.linspace(-10, 10, 81)
    g = sigmoid(z)
    np.testing.assert_allclose(sigmoid_gradient(z), g * (1 - g), rtol=1e-12, atol=1e-17)
    epsilon = 1e-5  # central differences: truncation error ~ ε² |g'''| / 6 ≈ 1e-11
    numerical = (sigmoid(z + epsilon) - sigmoid(z - epsilon)) / (2 * epsilon)
    np.testing.assert_allclose(sigmoid_gradient(z), numerical, rtol=0, atol=1e-10)


def test_extremes_are_finite_exact_and_silent():
    # pyproject turns warnings into errors, so an overflow in exp would fail this test
    z = np.array([-1000.0, -745.0, -40.0, 40.0, 1000.0, np.finfo(float).max, -np.finfo(float).max])
    g = sigmoid(z)
    assert np.all(np.isfinite(g))
    assert g[0] == 0.0
    assert g[4] == 1.0
    assert g[5] == 1.0
    assert g[6] == 0.0
    # in the negative tail g(z) = e^z to double precision: relative accuracy is kept
    assert g[2] == pytest.approx(math.exp(-40.0), rel=1e-14, abs=0)
    gp = sigmoid_gradient(z)
    assert np.all(np.isfinite(gp))
    assert np.all(gp >= 0)
    # g'(±40) = e^-40 / (1 + e^-40)² ≈ e^-40, where g(1 - g) would round to exactly 0
    assert gp[3] == pytest.approx(math.exp(-40.0), rel=1e-14, abs=0)


def test_where_an_exponential_overflows_the_result_is_the_limit():
    # e^-z, and the 2 (1 + cosh z) of g', overflow for |z| > 709.78: the results are then exactly 0,
    # which is right to within the smallest normal float64; just inside, they are still accurate
    # (abs=0: pytest.approx would otherwise accept anything within 1e-12 of these tiny numbers)
    assert math.exp(-709.8) < np.finfo(float).tiny
    for z in (-709.7, -709.0, -700.0):
        assert sigmoid(z) == pytest.approx(math.exp(z), rel=1e-13, abs=0)
        assert sigmoid_gradient(z) == pytest.approx(math.exp(z), rel=1e-13, abs=0)
        assert sigmoid_gradient(-z) == sigmoid_gradient(z)
    assert sigmoid(-709.8) == 0.0
    assert sigmoid_gradient(-709.8) == sigmoid_gradient(709.8) == 0.0


def test_shapes_and_scalars():
    assert isinstance(sigmoid(1.0), np.floating)
    assert sigmoid(np.zeros((3, 4))).shape == (3, 4)
    assert sigmoid([1, 2, 3]).dtype == np.float64  # integer input is accepted and promoted
    assert sigmoid_gradient(np.zeros((2, 5, 1))).shape == (2, 5, 1)


def test_input_is_not_modified():
    z = np.array([-3.0, 0.0, 3.0])
    sigmoid(z)
    sigmoid_gradient(z)
    np.testing.assert_array_equal(z, [-3.0, 0.0, 3.0])


@pytest.mark.parametrize("bad", ["a", ["x", "y"], None, {1: 2}])
def test_non_numeric_input_is_a_type_error(bad):
    with pytest.raises(TypeError, match="z must"):
        sigmoid(bad)
    with pytest.raises(TypeError, match="z must"):
        sigmoid_gradient(bad)


@pytest.mark.parametrize("function", [sigmoid, sigmoid_gradient])
@pytest.mark.parametrize(("z", "message"), [
    (np.nan, r"z must not hold NaN \(±inf are accepted as limits\); got 1 NaN\(s\)"),
    ([1.0, np.nan, np.nan], r"got 2 NaN\(s\)"),
    (np.array([[0.0], [np.nan]]), r"got 1 NaN\(s\)"),
])
def test_nan_is_refused(function, z, message):
    # no value of g is right for NaN, and it would spread through every later step unnoticed
    with pytest.raises(ValueError, match=message):
        function(z)


def test_infinities_are_the_limits():
    # documented as valid: g(+inf) = 1, g(-inf) = 0 and g'(±inf) = 0, the limits, without a warning
    np.testing.assert_array_equal(sigmoid([1.0, np.inf, -np.inf]), [sigmoid(1.0), 1.0, 0.0])
    np.testing.assert_array_equal(sigmoid_gradient([np.inf, -np.inf]), [0.0, 0.0])


def test_gradient_never_exceeds_its_maximum_a_quarter():
    # e^-z / (1 + e^-z)², computed literally, rounds to 0.25000000000000006 at z = 1e-9;
    # 1 / (2 (1 + cosh z)) cannot, since cosh z ≥ 1 exactly
    z = np.concatenate([np.geomspace(1e-300, 1e-3, 400), -np.geomspace(1e-300, 1e-3, 400), [0.0]])
    gp = sigmoid_gradient(z)
    assert gp.max() == 0.25
    assert sigmoid_gradient(1e-9) == 0.25
    # and no accuracy is lost near it: g'(z) = sech²(z/2) / 4 = 1/4 − z²/16 + z⁴/96 + O(z⁶)
    assert sigmoid_gradient(1e-3) == pytest.approx(0.25 - 1e-6 / 16 + 1e-12 / 96, rel=1e-15, abs=0)


def test_results_do_not_depend_on_the_callers_np_seterr():
    # a learner's np.seterr(all="raise") turned e^-10000 underflowing to 0 into FloatingPointError
    z = np.array([-1e4, -800.0, -745.5, -700.0, 0.0, 700.0, 1e4])
    expected = sigmoid(z), sigmoid_gradient(z)
    previous = np.seterr(all="raise")
    try:
        np.testing.assert_array_equal(sigmoid(z), expected[0])
        np.testing.assert_array_equal(sigmoid_gradient(z), expected[1])
    finally:
        np.seterr(**previous)
