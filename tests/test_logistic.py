"""Logistic regression: cost at hand-worked points, gradient against central differences, the
unregularised bias, stability at extreme scores, map_feature's columns, validation, prediction, fit."""

import math
import re
import warnings

import numpy as np
import oracles
import pytest
from oracles import relative_difference

from mlcourse import logistic


def numerical_gradient(f, theta):
    """The shared central difference (tests/oracles.py) with the ε that suits these costs.

    ε = 1e-5 balances the truncation error (~ε²·|J'''|/6 ≈ 1e-11) against the rounding error of
    the cost (~1e-16·J/ε ≈ 1e-11); both ε = 1e-4 and 1e-6 are about ten times worse here.
    """
    return oracles.numerical_gradient(f, theta, epsilon=1e-5)


def random_problem(m, n, seed):
    """X (m, n+1) with the intercept column, 0/1 labels, and a θ of moderate size."""
    rng = np.random.default_rng(seed)
    X = logistic.add_intercept(rng.normal(size=(m, n)))
    y = (rng.random(m) < 0.5).astype(np.int64)
    theta = rng.normal(size=n + 1)
    return theta, X, y


def naive_cost(theta, X, y, lambda_=0.0):
    """The textbook formula, from h: correct only while h stays away from 0 and 1."""
    m = X.shape[0]
    h = 1 / (1 + np.exp(-(X @ theta)))
    return (np.sum(-y * np.log(h) - (1 - y) * np.log(1 - h)) / m
            + lambda_ / (2 * m) * np.sum(theta[1:] ** 2))


# A 3-example problem small enough to work by hand (used by several tests)
X_HAND = np.array([[1.0, 1.0, 2.0],
                   [1.0, -1.0, 0.0],
                   [1.0, 3.0, -2.0]])
Y_HAND = np.array([1, 0, 1])


# --- cost and gradient at hand-worked points -----------------------------------------------------

@pytest.mark.parametrize("lambda_", [0.0, 0.1, 1.0, 3.0, 100.0])
@pytest.mark.parametrize(("m", "n", "seed"), [(1, 1, 0), (3, 2, 1), (50, 7, 2)])
def test_cost_at_theta_zero_is_ln2(m, n, seed, lambda_):
    # θ = 0 gives z = 0 and h = σ(0) = 1/2 for every example, so each loss is
    # -y ln ½ - (1-y) ln ½ = -ln ½ = ln 2 whatever y is; the mean of m copies of ln 2 is ln 2,
    # and the penalty λ/(2m) Σ θj² of θ = 0 is 0 for any λ.
    _, X, y = random_problem(m, n, seed)
    assert logistic.cost(np.zeros(n + 1), X, y, lambda_) == pytest.approx(math.log(2), rel=1e-15, abs=0)


def test_gradient_at_theta_zero_by_hand():
    # At θ = 0, h = ½ for every example, so ∇J = (1/m) Xᵀ(½ - y) and the λ term (λ/m)·0 vanishes.
    # ½ - y = [½ - 1, ½ - 0, ½ - 1] = [-½, ½, -½]
    # column 0 (ones):    -½ + ½ - ½              = -½
    # column 1 (1,-1,3):  1(-½) + (-1)(½) + 3(-½)  = -½ - ½ - 3/2 = -5/2
    # column 2 (2,0,-2):  2(-½) + 0(½) + (-2)(-½)  = -1 + 0 + 1   = 0
    # divided by m = 3: [-1/6, -5/6, 0]
    expected = np.array([-1 / 6, -5 / 6, 0.0])
    for lambda_ in (0.0, 2.0):
        np.testing.assert_allclose(logistic.gradient(np.zeros(3), X_HAND, Y_HAND, lambda_), expected,
                                   rtol=1e-15, atol=1e-16)


def test_cost_by_hand_with_penalty():
    # θ = [0, 1, 0] gives z = X θ = column 1 = [1, -1, 3]. Per example log(1 + e^z) - y z:
    #   z = 1,  y = 1: ln(1 + e) - 1
    #   z = -1, y = 0: ln(1 + e^-1)
    #   z = 3,  y = 1: ln(1 + e^3) - 3
    # penalty with λ = 3: λ/(2m) (θ1² + θ2²) = 3/6 · 1 = ½
    losses = [math.log(1 + math.e) - 1, math.log(1 + math.exp(-1)), math.log(1 + math.exp(3)) - 3]
    theta = np.array([0.0, 1.0, 0.0])
    assert logistic.cost(theta, X_HAND, Y_HAND) == pytest.approx(sum(losses) / 3, rel=1e-14, abs=0)
    assert logistic.cost(theta, X_HAND, Y_HAND, 3.0) == pytest.approx(sum(losses) / 3 + 0.5, rel=1e-14, abs=0)


@pytest.mark.parametrize("lambda_", [0.0, 0.1, 1.0, 3.0])
@pytest.mark.parametrize(("m", "n", "seed"), [(1, 1, 0), (5, 2, 1), (20, 5, 2), (60, 10, 3), (118, 27, 4)])
def test_gradient_matches_central_differences(m, n, seed, lambda_):
    theta, X, y = random_problem(m, n, seed)
    analytic = logistic.gradient(theta, X, y, lambda_)
    numerical = numerical_gradient(lambda t: logistic.cost(t, X, y, lambda_), theta)
    assert analytic.shape == (n + 1,)
    # measured worst case over these cases is ~1.5e-10, so 1e-9 leaves a margin of about 7
    assert relative_difference(analytic, numerical) < 1e-9


@pytest.mark.parametrize("lambda_", [0.0, 1.0])
def test_cost_and_gradient_equals_the_separate_functions(lambda_):
    theta, X, y = random_problem(30, 4, seed=5)
    J, grad = logistic.cost_and_gradient(theta, X, y, lambda_)
    assert isinstance(J, float)
    assert J == pytest.approx(logistic.cost(theta, X, y, lambda_), rel=1e-15, abs=0)
    np.testing.assert_allclose(grad, logistic.gradient(theta, X, y, lambda_), rtol=1e-15)


@pytest.mark.parametrize("lambda_", [0.0, 0.5, 3.0])
def test_cost_from_z_equals_the_naive_formula_for_moderate_z(lambda_):
    theta, X, y = random_problem(200, 6, seed=6)
    z = X @ theta
    assert np.abs(z).max() < 20  # h stays well inside (0, 1), where the naive formula is accurate
    assert logistic.cost(theta, X, y, lambda_) == pytest.approx(naive_cost(theta, X, y, lambda_),
                                                                rel=1e-12, abs=0)


# --- the bias is not regularised -----------------------------------------------------------------

def test_bias_is_not_regularised():
    theta, X, y = random_problem(25, 3, seed=7)
    lambda_, m = 2.0, 25
    penalties = []
    for theta0 in (-5.0, 0.0, 5.0):
        shifted = theta.copy()
        shifted[0] = theta0
        # the penalty is what λ adds to the cost; θ0 must not appear in it
        penalties.append(logistic.cost(shifted, X, y, lambda_) - logistic.cost(shifted, X, y, 0.0))
    expected = lambda_ / (2 * m) * np.sum(theta[1:] ** 2)
    np.testing.assert_allclose(penalties, [expected] * 3, rtol=1e-12)

    grad_plain = logistic.gradient(theta, X, y, 0.0)
    grad_reg = logistic.gradient(theta, X, y, lambda_)
    np.testing.assert_allclose(grad_reg[0], grad_plain[0], rtol=1e-15)  # no (λ/m) θ0 term
    np.testing.assert_allclose(grad_reg[1:] - grad_plain[1:], lambda_ / m * theta[1:], rtol=1e-12)


# --- stability at extreme scores -----------------------------------------------------------------

@pytest.mark.parametrize(("z", "label", "expected"), [
    (1000.0, 0, 1000.0),    # h = σ(1000) rounds to 1: the naive log(1 - h) is log(0) = -inf
    (1000.0, 1, 0.0),       # true loss log(1 + e^-1000) ≈ e^-1000, far below the smallest double
    (-1000.0, 0, 0.0),      # true loss log(1 + e^-1000) again
    (-1000.0, 1, 1000.0),   # h rounds to 0: the naive log(h) is -inf
    (1e300, 0, 1e300),
    (-1e300, 1, 1e300),
])
def test_extreme_scores_give_the_exact_finite_cost_silently(z, label, expected):
    X = np.array([[1.0]])  # one example, intercept only: z = θ0
    theta = np.array([z])
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # also enforced by pyproject; stated here to be explicit
        J, grad = logistic.cost_and_gradient(theta, X, np.array([label]))
    assert math.isfinite(J)
    assert J == pytest.approx(expected, rel=1e-15, abs=1e-300)
    # ∂J/∂θ0 = σ(z) - y, which is 1 - y for z ≫ 0 and -y for z ≪ 0
    assert grad[0] == pytest.approx((1.0 if z > 0 else 0.0) - label, abs=1e-300)


def test_the_naive_formula_really_fails_where_the_stable_one_does_not():
    # guards the test above: if the naive cost were fine at z = 1000 that test would prove nothing
    X, y, theta = np.array([[1.0]]), np.array([0]), np.array([1000.0])
    with np.errstate(all="ignore"):
        assert not math.isfinite(naive_cost(theta, X, y))
    assert logistic.cost(theta, X, y) == pytest.approx(1000.0, rel=1e-15, abs=0)


def test_overflowing_scores_are_an_error_not_inf():
    X = np.array([[1.0, 1e200]])
    with pytest.raises(ValueError, match=r"X @ theta overflowed: .*scale the features"):
        logistic.cost(np.array([0.0, 1e200]), X, np.array([1]))


# --- map_feature and add_intercept ---------------------------------------------------------------

def test_map_feature_degree_6_has_28_columns_bias_first():
    x1, x2 = np.linspace(-1, 1, 11), np.linspace(0.5, -0.5, 11)
    X = logistic.map_feature(x1, x2)
    assert X.shape == (11, 28)  # (6+1)(6+2)/2 = 28 monomials of total degree 0..6
    np.testing.assert_array_equal(X[:, 0], 1.0)
    np.testing.assert_array_equal(X[:, 1], x1)
    np.testing.assert_array_equal(X[:, 2], x2)


def test_map_feature_exact_column_order():
    # degree 2 at x1 = 2, x2 = 3: 1, x1, x2, x1², x1·x2, x2² = 1, 2, 3, 4, 6, 9
    np.testing.assert_allclose(logistic.map_feature([2.0], [3.0], degree=2), [[1, 2, 3, 4, 6, 9]], rtol=0)
    # degree 3 continues with x1³, x1²·x2, x1·x2², x2³ = 8, 12, 18, 27
    np.testing.assert_allclose(logistic.map_feature([2.0], [3.0], degree=3),
                               [[1, 2, 3, 4, 6, 9, 8, 12, 18, 27]], rtol=0)
    # degree 1 is the plain design matrix [1, x1, x2]
    np.testing.assert_allclose(logistic.map_feature([2.0, -1.0], [3.0, 5.0], degree=1),
                               [[1, 2, 3], [1, -1, 5]], rtol=0)


def test_map_feature_matches_the_definition_at_degree_6():
    rng = np.random.default_rng(8)
    x1, x2 = rng.uniform(-1, 1.2, size=50), rng.uniform(-1, 1.2, size=50)
    expected = np.column_stack([x1 ** i * x2 ** (d - i) for d in range(7) for i in range(d, -1, -1)])
    np.testing.assert_allclose(logistic.map_feature(x1, x2, 6), expected, rtol=1e-13)


def test_map_feature_scalars_are_one_example():
    np.testing.assert_allclose(logistic.map_feature(2.0, 3.0, degree=2), [[1, 2, 3, 4, 6, 9]], rtol=0)
    assert logistic.map_feature(np.float64(0.5), 1, degree=6).shape == (1, 28)


def test_map_feature_raveled_meshgrid_round_trip():
    u, v = np.meshgrid(np.linspace(-1, 1, 4), np.linspace(-1, 1, 3))
    X = logistic.map_feature(u.ravel(), v.ravel(), 2)
    np.testing.assert_array_equal(X[:, 4].reshape(u.shape), u * v)


@pytest.mark.parametrize(("x1", "x2", "degree", "error", "message"), [
    ([1.0, 2.0], [1.0], 6, ValueError, r"x1 and x2 must have the same length .* got shapes \(2,\) and \(1,\)"),
    ([1.0], [1.0], 0, ValueError, "degree must be ≥ 1; got 0"),
    ([1.0], [1.0], 2.0, TypeError, "degree must be a whole number ≥ 1; got float 2.0"),
    ([1.0], [1.0], True, TypeError, "degree must be a whole number ≥ 1; got bool"),
    (np.zeros((3, 3)), np.zeros((3, 3)), 6, ValueError, r"x1 must be a 1-D vector .* pass x1\.ravel\(\)"),
    ([1.0, np.nan], [1.0, 2.0], 6, ValueError, "x1 must hold only finite numbers"),
    ([1.0], ["a"], 6, TypeError, "x2 must hold real numbers"),
    # x1^6 would overflow: refused, not inf with a RuntimeWarning
    (1e200, 1.0, 6, ValueError, r"x1 and x2 must be small enough for their powers up to 6 to be finite; "
                                r"got largest \|x1\| = 1e\+200, \|x2\| = 1: scale them"),
    ([0.0, 1e60], [-2.0, 0.0], 6, ValueError, r"largest \|x1\| = 1e\+60, \|x2\| = 2"),
    (1.0, 1.0, 10**6, ValueError, r"degree must keep the result under 1 GiB; got 1000000, which needs "
                                  r"500,001,500,001 columns for 1 example\(s\): 3,725.3 GiB"),
    (np.ones(40_000), np.ones(40_000), 200, ValueError, r"needs 20,301 columns for 40000 example\(s\): 6.1 GiB"),
])
def test_map_feature_errors(x1, x2, degree, error, message):
    with pytest.raises(error, match=message):
        logistic.map_feature(x1, x2, degree)


def test_map_feature_large_and_tiny_values_that_fit_are_exact_and_silent():
    # 1e50^6 = 1e300 still fits; 1e-200² rounds to 0, which is right and must not raise even under
    # a learner's np.seterr(all="raise") (np.errstate sets the same state for this block only)
    with np.errstate(all="raise"):
        big = logistic.map_feature(1e50, -1.0)
        tiny = logistic.map_feature(1e-200, 1.0, 2)
    assert big[0, 21] == pytest.approx(1e300, rel=1e-14, abs=0)  # x1^6, the first column of degree 6
    np.testing.assert_array_equal(tiny, [[1.0, 1e-200, 1.0, 0.0, 1e-200, 1.0]])


def test_add_intercept():
    X = np.array([[2.0, 3.0], [4.0, 5.0]])
    np.testing.assert_allclose(logistic.add_intercept(X), [[1, 2, 3], [1, 4, 5]], rtol=0)
    assert logistic.add_intercept([[7]]).dtype == np.float64
    with pytest.raises(ValueError, match=r"X must be a 2-D array of shape \(m, n\)"):
        logistic.add_intercept([1.0, 2.0])
    with pytest.raises(ValueError, match="X must hold only finite numbers"):
        logistic.add_intercept([[1.0, np.inf]])


# --- input validation ----------------------------------------------------------------------------

CHECKED = [logistic.cost, logistic.gradient, logistic.cost_and_gradient]


@pytest.mark.parametrize("function", CHECKED)
@pytest.mark.parametrize(("theta", "X", "y", "lambda_", "error", "message"), [
    (np.zeros(3), X_HAND, Y_HAND[:, None], 0.0, ValueError,
     re.escape("y must have shape (m,) = (3,) to match X; got (3, 1)") + ".*pass y.ravel()"),
    (np.zeros(3), X_HAND, [1, 0, 2], 0.0, ValueError, "y must hold only the labels 0 and 1; got 2"),
    (np.zeros(3), X_HAND, [1, 0], 0.0, ValueError, re.escape("y must have shape (m,) = (3,) to match the 3 rows")),
    (np.zeros(2), X_HAND, Y_HAND, 0.0, ValueError,
     re.escape("theta must have shape (3,) to match the 3 columns of X (the intercept column of ones "
               "included: add_intercept(X)); got (2,)")),
    (np.zeros(3), np.where(np.eye(3) > 0, np.nan, X_HAND), Y_HAND, 0.0, ValueError,
     r"X must hold only finite numbers; got 3 NaN or inf value\(s\)"),
    (np.zeros(3), X_HAND, Y_HAND, -1.0, ValueError, "lambda_ must be ≥ 0"),
    (np.zeros(3), X_HAND, Y_HAND, "1", TypeError, "lambda_ must be a real number"),
    (np.zeros(3), X_HAND[0], Y_HAND, 0.0, ValueError,
     re.escape("X must be a 2-D array of shape (m, n), one row per example; got a 1-D array of shape (3,)")),
    (np.zeros(3), [["a", "b", "c"]] * 3, Y_HAND, 0.0, TypeError, "X must hold real numbers"),
    (np.array(["0", "0", "0"]), X_HAND, Y_HAND, 0.0, TypeError, "theta must hold real numbers"),
    # n = 0: no column at all, not even the intercept; J would be ln 2 whatever y says
    (np.zeros(0), np.ones((3, 0)), Y_HAND, 0.0, ValueError,
     re.escape("X must have at least one row and one column; got shape (3, 0)")),
])
def test_validation_errors(function, theta, X, y, lambda_, error, message):
    with pytest.raises(error, match=message):
        function(theta, X, y, lambda_)


def test_predict_validation_errors():
    with pytest.raises(ValueError, match=re.escape("theta must have shape (3,)")):
        logistic.predict_proba(np.zeros(4), X_HAND)
    with pytest.raises(ValueError, match="X must hold only finite numbers"):
        logistic.predict(np.zeros(3), np.full((2, 3), np.inf))
    with pytest.raises(ValueError, match=r"threshold must be in \[0, 1\].*got 1.5"):
        logistic.predict(np.zeros(3), X_HAND, threshold=1.5)
    with pytest.raises(ValueError, match=r"threshold must be a finite number; got nan"):
        logistic.predict(np.zeros(3), X_HAND, threshold=float("nan"))
    with pytest.raises(TypeError, match=re.escape("threshold must be a real number; got str '0.5'")):
        logistic.predict(np.zeros(3), X_HAND, threshold="0.5")
    # a 0-d array is a number too, as for lambda_ (it was refused as "ndarray")
    np.testing.assert_array_equal(logistic.predict(np.zeros(3), X_HAND, threshold=np.array(0.5)), [1, 1, 1])


# --- prediction ----------------------------------------------------------------------------------

def test_predict_proba_and_thresholds():
    # θ = [0, 1] on x = -2, 0, 2 gives z = -2, 0, 2 and h = σ(z) = 1/(1 + e^2), 1/2, 1/(1 + e^-2)
    # ≈ 0.119, 0.5, 0.881
    X = np.array([[1.0, -2.0], [1.0, 0.0], [1.0, 2.0]])
    theta = np.array([0.0, 1.0])
    h = logistic.predict_proba(theta, X)
    np.testing.assert_allclose(h, [1 / (1 + math.e ** 2), 0.5, 1 / (1 + math.e ** -2)], rtol=1e-15)
    predicted = logistic.predict(theta, X)
    np.testing.assert_array_equal(predicted, [0, 1, 1])  # h ≥ 0.5 predicts 1, so z = 0 gives 1
    assert predicted.dtype.kind == "i"
    np.testing.assert_array_equal(logistic.predict(theta, X, threshold=0.9), [0, 0, 0])
    np.testing.assert_array_equal(logistic.predict(theta, X, threshold=0.8), [0, 0, 1])
    np.testing.assert_array_equal(logistic.predict(theta, X, threshold=0.1), [1, 1, 1])
    np.testing.assert_array_equal(logistic.predict(theta, X, threshold=0.0), [1, 1, 1])


# --- fit -----------------------------------------------------------------------------------------

def separable_ish_problem(m=200, seed=9):
    """Two features, label 1 above the line x1 + 2·x2 = 0.5, with 5 % of the labels flipped."""
    rng = np.random.default_rng(seed)  # fixed so the accuracy threshold cannot flake
    features = rng.normal(size=(m, 2))
    y = (features[:, 0] + 2 * features[:, 1] > 0.5).astype(np.int64)
    flipped = rng.random(m) < 0.05
    y[flipped] = 1 - y[flipped]
    return logistic.add_intercept(features), y


@pytest.mark.parametrize(("method", "lambda_"), [("lbfgs", 0.0), ("lbfgs", 1.0), ("gradient_descent", 1.0)])
def test_fit_reduces_the_cost_and_classifies(method, lambda_):
    X, y = separable_ish_problem()
    result = logistic.fit(X, y, lambda_, method=method, alpha=1.0, num_iters=400)
    assert result.theta.shape == (3,)
    J = logistic.cost(result.theta, X, y, lambda_)
    assert J < math.log(2) - 0.3  # well below J(θ = 0) = ln 2 ≈ 0.693
    assert result.cost_history[-1] == pytest.approx(J, rel=1e-9, abs=0)
    accuracy = np.mean(logistic.predict(result.theta, X) == y)
    assert accuracy > 0.9
    if method == "lbfgs":
        assert result.success, result.message
    else:
        assert result.status == "completed", result.message


def test_fit_reports_an_overflowing_step_instead_of_raising():
    # x1 = ±1e10 and y = [1, 0] give ∂J/∂θ1 at θ = 0 of (1/2)(1e10·(-½) + (-1e10)·½) = -5e9, so one
    # step with α = 1e290 makes θ1 = 5e299 and z = 1e10 · 5e299 = 5e309, beyond the largest double
    X = logistic.add_intercept([[1e10], [-1e10]])
    result = logistic.fit(X, [1, 0], method="gradient_descent", alpha=1e290, num_iters=5)
    assert result.status == "non-finite"
    np.testing.assert_array_equal(result.theta, [0.0, 0.0])  # the last good θ: the start


def test_fit_lbfgs_finds_a_zero_gradient_with_regularisation():
    X, y = separable_ish_problem()
    result = logistic.fit(X, y, 1.0)
    # with λ > 0 the cost is strictly convex: the minimum is where the gradient vanishes
    assert np.linalg.norm(logistic.gradient(result.theta, X, y, 1.0)) < 1e-5


def test_fit_starts_from_theta_initial_without_modifying_it():
    X, y = separable_ish_problem()
    theta_initial = np.array([0.5, -0.5, 0.5])
    result = logistic.fit(X, y, 1.0, method="gradient_descent", alpha=0.5, num_iters=1,
                          theta_initial=theta_initial)
    np.testing.assert_array_equal(theta_initial, [0.5, -0.5, 0.5])
    # one step of gradient descent: θ - α ∇J(θ)
    expected = theta_initial - 0.5 * logistic.gradient(theta_initial, X, y, 1.0)
    np.testing.assert_allclose(result.theta, expected, rtol=1e-12)


@pytest.mark.parametrize(("kwargs", "error", "message"), [
    ({"method": "newton"}, ValueError, r'method must be "lbfgs" or "gradient_descent"; got \'newton\''),
    ({"alpha": 0.0}, ValueError, "alpha must be > 0; got 0"),
    ({"num_iters": 0}, ValueError, "num_iters must be ≥ 1; got 0"),
    ({"num_iters": 10.5}, TypeError, "num_iters must be a whole number"),
    ({"theta_initial": np.zeros(2)}, ValueError,
     re.escape("theta_initial must have shape (3,) to match the 3 columns of X (the intercept column of "
               "ones included: add_intercept(X)); got (2,)")),
    ({"lambda_": -0.1}, ValueError, "lambda_ must be ≥ 0"),
])
def test_fit_errors(kwargs, error, message):
    X, y = separable_ish_problem(m=20)
    with pytest.raises(error, match=message):
        logistic.fit(X, y, **kwargs)


def test_fit_refuses_column_labels():
    X, y = separable_ish_problem(m=20)
    with pytest.raises(ValueError, match=re.escape("y must have shape (m,) = (20,) to match X; got (20, 1)")):
        logistic.fit(X, y[:, None])


# --- inputs are never modified -------------------------------------------------------------------

def test_inputs_are_not_mutated():
    theta, X, y = random_problem(15, 3, seed=10)
    x1, x2 = X[:, 1].copy(), X[:, 2].copy()
    originals = (theta.copy(), X.copy(), y.copy(), x1.copy(), x2.copy())
    logistic.cost(theta, X, y, 1.0)
    logistic.gradient(theta, X, y, 1.0)
    logistic.cost_and_gradient(theta, X, y, 1.0)
    logistic.predict_proba(theta, X)
    logistic.predict(theta, X)
    logistic.add_intercept(X)
    logistic.map_feature(x1, x2)
    logistic.fit(X, y, 1.0, theta_initial=theta, num_iters=20)
    logistic.fit(X, y, 1.0, method="gradient_descent", theta_initial=theta, num_iters=20)
    for before, after in zip(originals, (theta, X, y, x1, x2), strict=True):
        np.testing.assert_array_equal(after, before)


def test_results_are_fresh_arrays():
    theta, X, y = random_problem(5, 2, seed=11)
    grad = logistic.gradient(theta, X, y)
    assert not np.shares_memory(grad, theta)
    assert not np.shares_memory(grad, X)
    assert not np.shares_memory(logistic.add_intercept(X), X)


def test_costs_and_fit_do_not_depend_on_the_callers_np_seterr():
    # after a learner's np.seterr(all="raise"), e^-|z| underflowing to 0 for confident examples
    # (|z| up to 1e4 here) raised FloatingPointError; np.errstate sets the same state, then restores it
    X = logistic.add_intercept([[-100.0], [-1.0], [1.0], [100.0]])
    y = np.array([0.0, 0.0, 1.0, 1.0])
    theta = np.array([0.0, 100.0])
    expected = logistic.cost_and_gradient(theta, X, y, 1.0)
    with np.errstate(all="raise"):
        J, grad = logistic.cost_and_gradient(theta, X, y, 1.0)
        assert logistic.cost(theta * 1e-160, X, y, 1.0) == pytest.approx(math.log(2))  # θ² underflows
        np.testing.assert_array_equal(logistic.predict_proba(theta, X)[[0, 3]], [0.0, 1.0])
        fitted = logistic.fit(X, y, 0.1, num_iters=50)
    assert J == expected[0]
    np.testing.assert_array_equal(grad, expected[1])
    assert fitted.final_cost < math.log(2)


# --- regressions from the input audit: each failed before its fix -------------------------------

def test_map_feature_refuses_no_examples_by_name():
    # was IndexError "index 0 is out of bounds for axis 0 with size 0"
    with pytest.raises(ValueError, match=re.escape("x1 must have at least one entry; got shape (0,)")):
        logistic.map_feature([], [])


def test_map_feature_reports_an_absurd_degree_without_overflowing():
    # the GiB figure was computed as a float: OverflowError "integer division result too large for a float"
    with pytest.raises(ValueError, match=r"degree must keep the result under 1 GiB; got 1000+, which needs "):
        logistic.map_feature(1.0, 1.0, 10**400)


@pytest.mark.parametrize("kwargs", [{"lambda_": 10**400}, {"alpha": 10**400}])
def test_fit_refuses_numbers_beyond_float64_by_name(kwargs):
    (name,) = kwargs
    with pytest.raises(ValueError, match=rf"^{name} must be a finite number; got 1000+\.\.\.0+$"):
        logistic.fit(X_HAND, Y_HAND, **kwargs)


def test_theta_one_longer_than_X_is_wide_points_to_the_missing_intercept():
    # the commonest shape mistake: X without its column of ones; the message now says how to add it
    with pytest.raises(ValueError, match=re.escape("theta must have shape (2,) to match the 2 columns of X (the "
                                                   "intercept column of ones included: add_intercept(X)); got (3,)")):
        logistic.cost(np.zeros(3), X_HAND[:, 1:], Y_HAND)


def test_weights_whose_squares_overflow_give_an_infinite_cost_without_a_warning():
    # warnings are errors in this suite: θ·θ of the penalty overflowed with a RuntimeWarning
    X = logistic.add_intercept(np.array([[0.5, -1.0], [1.5, 2.0], [-0.5, 0.25]]))
    theta = np.array([0.0, 1e200, -1e200])
    assert logistic.cost(theta * 1e-199, X, [0, 1, 1], 1.0) < np.inf
    assert logistic.cost(theta, X, [0, 1, 1], 1.0) == np.inf
