"""Tests for mlcourse.optimize: gradient descent on hand-solvable quadratics, L-BFGS-B, BLAS threads."""

import numpy as np
import pytest
import threadpoolctl

from mlcourse import optimize
from mlcourse.optimize import gradient_descent, minimize, single_blas_thread

C = np.array([1.0, -2.0, 0.5])
THETA0 = np.array([3.0, 2.0, -1.5])


def quadratic(theta):
    """J = ½‖θ − c‖², ∇J = θ − c: the Hessian is the identity, so every step is solvable by hand."""
    diff = theta - C
    return 0.5 * float(diff @ diff), diff


def two_curvatures(theta):
    """J = ½(θ1² + 10 θ2²): curvature 1 along θ1, 10 along θ2."""
    return 0.5 * (theta[0] ** 2 + 10.0 * theta[1] ** 2), np.array([theta[0], 10.0 * theta[1]])


def rosenbrock(theta):
    """J = (1 − x)² + 100 (y − x²)², minimum 0 at (1, 1), a long curved valley."""
    x, y = theta
    return (1 - x) ** 2 + 100 * (y - x * x) ** 2, np.array([-2 * (1 - x) - 400 * x * (y - x * x),
                                                            200 * (y - x * x)])


# --- gradient descent ----------------------------------------------------------------------------

def test_gradient_descent_halves_the_distance_with_alpha_one_half():
    # θ_{k+1} − c = θ_k − c − α(θ_k − c) = (1 − α)(θ_k − c) = (θ_k − c)/2 for α = 0.5,
    # so after k steps θ_k − c = (θ0 − c)/2^k and J_k = ½‖θ0 − c‖²/4^k.
    # ‖θ0 − c‖² = 2² + 4² + 2² = 24, so J_0 = 12 and J_k = 12/4^k.
    result = gradient_descent(quadratic, THETA0, 0.5, 10)
    assert result.status == "completed"
    assert not result.diverged
    assert result.iterations == 10
    assert result.rejected_cost is None
    assert result.theta_path is None
    np.testing.assert_allclose(result.theta - C, (THETA0 - C) / 2**10, rtol=0, atol=1e-15)
    np.testing.assert_allclose(result.cost_history, 12.0 / 4.0 ** np.arange(11), rtol=1e-14)
    assert "completed 10 iterations with alpha = 0.5" in result.message
    assert "12.0000" in result.message


def test_gradient_descent_cost_decreases_monotonically_for_small_alpha():
    result = gradient_descent(two_curvatures, [1.0, 1.0], 0.05, 200)
    assert result.status == "completed"
    assert len(result.cost_history) == 201
    assert np.all(np.diff(result.cost_history) < 0)
    # along θ2 the factor is 1 − 0.05·10 = 0.5, along θ1 it is 0.95: θ_200 = (0.95^200, 0.5^200)
    np.testing.assert_allclose(result.theta, [0.95**200, 0.5**200], rtol=1e-12)


def test_gradient_descent_reports_divergence_with_huge_alpha():
    # α = 5: θ1 − c = (1 − 5)(θ0 − c) = −4(θ0 − c), so J rises 16-fold, from 12 to 192, at step 1
    result = gradient_descent(quadratic, THETA0, 5, 50)
    assert result.status == "diverged"
    assert result.diverged
    assert result.iterations == 0
    np.testing.assert_allclose(result.theta, THETA0)  # the last good iterate is the start
    np.testing.assert_allclose(result.cost_history, [12.0])
    np.testing.assert_allclose(result.rejected_cost, 192.0)
    assert result.message == ("diverged at iteration 1: the cost rose from 12.0000 to 192.0000; "
                              "alpha = 5 is too large for this problem — try a smaller one")


def test_gradient_descent_returns_the_last_good_iterate_when_divergence_starts_late():
    # α = 0.25 on J = ½(θ1² + 10θ2²): θ1 shrinks by 0.75 a step, θ2 grows by |1 − 2.5| = 1.5.
    # From (1, 1e-3): J_k = ½(0.5625^k + 1e-5·2.25^k). J_k > J_{k−1} ⟺
    # 1.25e-5·2.25^(k−1) > 0.4375·0.5625^(k−1) ⟺ 4^(k−1) > 35000 ⟺ k − 1 ≥ 8 (4^7 = 16384, 4^8 = 65536),
    # so steps 1..8 are accepted and step 9 is the first rise.
    result = gradient_descent(two_curvatures, [1.0, 1e-3], 0.25, 100, keep_path=True)
    assert result.status == "diverged"
    assert result.iterations == 8
    assert "diverged at iteration 9" in result.message
    assert "alpha = 0.25" in result.message
    np.testing.assert_allclose(result.theta, [0.75**8, 1e-3 * 1.5**8], rtol=1e-12)
    np.testing.assert_allclose(result.theta_path[-1], result.theta)
    assert np.all(np.diff(result.cost_history) < 0)
    k = np.arange(10)
    expected = 0.5 * (0.5625**k + 1e-5 * 2.25**k)
    np.testing.assert_allclose(result.cost_history, expected[:9], rtol=1e-12)
    np.testing.assert_allclose(result.rejected_cost, expected[9], rtol=1e-12)
    assert f"{expected[9]:.4f}" in result.message


def test_gradient_descent_floating_point_noise_at_the_minimum_is_not_divergence():
    # A cost that wobbles by one part in 1e15 around its minimum value 2 must run to the end.
    wobble = iter(np.tile([0.0, 2e-15, 0.0, 1e-15], 10))

    def noisy_flat(theta):
        return 2.0 + next(wobble), np.zeros_like(theta)

    result = gradient_descent(noisy_flat, [0.0], 1.0, 20)
    assert result.status == "completed"
    assert result.iterations == 20


@pytest.mark.parametrize("bad", [np.inf, np.nan])
def test_gradient_descent_reports_a_non_finite_cost(bad):
    def blows_up_after_two_steps(theta):
        J, grad = quadratic(theta)
        return (bad if theta[0] < 2.0 else J), grad  # θ1 = c1 + 2/2^k: below 2 from step 2 (α = 0.5)

    result = gradient_descent(blows_up_after_two_steps, THETA0, 0.5, 10)
    assert result.status == "non-finite"
    assert result.diverged
    assert result.iterations == 1
    np.testing.assert_allclose(result.theta, C + (THETA0 - C) / 2)
    np.testing.assert_allclose(result.cost_history, [12.0, 3.0])
    assert np.isnan(result.rejected_cost) if np.isnan(bad) else result.rejected_cost == np.inf
    assert f"stopped at iteration 2: the cost became {bad}" in result.message
    assert "alpha = 0.5" in result.message


def test_gradient_descent_overflowing_cost_emits_no_warning():
    # α = 1e200: θ1 ≈ 1e200, and ½‖θ − c‖² overflows to inf inside the cost function. pyproject
    # turns warnings into errors, so this test fails if the overflow warning escapes.
    result = gradient_descent(quadratic, THETA0, 1e200, 10)
    assert result.status == "non-finite"
    assert result.rejected_cost == np.inf
    assert "alpha = 1e+200" in result.message


def test_gradient_descent_reports_a_step_that_overflows_theta():
    # ∇J = 1e300 everywhere and α = 1e10: θ − α∇J = −1e310 overflows before J is evaluated
    def steep(theta):
        return float(np.sum(theta)), np.full_like(theta, 1e300)

    result = gradient_descent(steep, [0.0, 0.0], 1e10, 5)
    assert result.status == "non-finite"
    assert result.iterations == 0
    assert result.rejected_cost is None
    assert "made θ inf/NaN" in result.message


def test_gradient_descent_keep_path_shapes():
    result = gradient_descent(quadratic, THETA0, 0.5, 7, keep_path=True)
    assert result.theta_path.shape == (8, 3)
    assert result.cost_history.shape == (8,)
    np.testing.assert_allclose(result.theta_path[0], THETA0)
    np.testing.assert_allclose(result.theta_path[3] - C, (THETA0 - C) / 8)
    np.testing.assert_allclose(result.theta_path[-1], result.theta)


def test_gradient_descent_does_not_mutate_theta_initial():
    theta_initial = THETA0.copy()
    result = gradient_descent(quadratic, theta_initial, 0.5, 5, keep_path=True)
    np.testing.assert_array_equal(theta_initial, THETA0)
    result.theta_path[0, 0] = 99.0  # the copy the result holds is not the caller's array
    np.testing.assert_array_equal(theta_initial, THETA0)


def test_gradient_descent_result_is_frozen():
    result = gradient_descent(quadratic, THETA0, 0.5, 1)
    with pytest.raises(AttributeError, match="cannot assign to field 'status'"):
        result.status = "completed"


@pytest.mark.parametrize(("alpha", "error", "match"), [
    (0.0, ValueError, r"alpha must be > 0; got 0"),
    (-0.1, ValueError, r"alpha must be > 0; got -0.1"),
    (np.inf, ValueError, r"alpha must be a finite number; got inf"),
    (np.nan, ValueError, r"alpha must be a finite number; got nan"),
    ("0.1", TypeError, r"alpha must be a real number; got str '0.1'"),
])
def test_gradient_descent_validates_alpha(alpha, error, match):
    with pytest.raises(error, match=match):
        gradient_descent(quadratic, THETA0, alpha, 10)


@pytest.mark.parametrize(("num_iters", "error", "match"), [
    (0, ValueError, r"num_iters must be ≥ 1; got 0"),
    (10.0, TypeError, r"num_iters must be a whole number ≥ 1; got float 10.0"),
    (True, TypeError, r"num_iters must be a whole number ≥ 1; got bool True"),
])
def test_gradient_descent_validates_num_iters(num_iters, error, match):
    with pytest.raises(error, match=match):
        gradient_descent(quadratic, THETA0, 0.1, num_iters)


def test_gradient_descent_validates_theta_initial():
    with pytest.raises(ValueError, match=r"theta_initial must be a 1-D vector of shape \(n,\); got a 2-D array of shape \(3, 1\); pass theta_initial.ravel\(\)"):
        gradient_descent(quadratic, THETA0.reshape(3, 1), 0.1, 10)
    with pytest.raises(ValueError, match=r"theta_initial must hold only finite numbers; got 1 NaN or inf value\(s\), the first nan at index 1"):
        gradient_descent(quadratic, [0.0, np.nan, 0.0], 0.1, 10)


def test_gradient_descent_refuses_a_non_finite_start():
    with pytest.raises(ValueError, match=r"cost_and_gradient\(theta_initial\) must return a finite cost; got inf"):
        gradient_descent(lambda theta: (np.inf, theta), THETA0, 0.1, 10)
    with pytest.raises(ValueError, match=r"cost_and_gradient\(theta_initial\) must return a finite gradient; got nan at index 2"):
        gradient_descent(lambda theta: (1.0, np.array([0.0, 0.0, np.nan])), THETA0, 0.1, 10)


def test_gradient_descent_checks_what_cost_and_gradient_returns():
    with pytest.raises(ValueError, match=r"must return a gradient of shape \(3,\), the shape of theta; got \(3, 1\) at theta_initial"):
        gradient_descent(lambda theta: (1.0, theta.reshape(3, 1)), THETA0, 0.1, 10)
    with pytest.raises(TypeError, match=r"J a real number; got ndarray of shape \(3,\) at theta_initial"):
        gradient_descent(lambda theta: (theta, theta), THETA0, 0.1, 10)

    calls = iter(range(100))

    def wrong_shape_later(theta):
        return 1.0, theta if next(calls) < 2 else theta[:2]

    with pytest.raises(ValueError, match=r"got \(2,\) at iteration 2"):
        gradient_descent(wrong_shape_later, THETA0, 0.1, 10)


# --- L-BFGS-B ------------------------------------------------------------------------------------

def test_minimize_reaches_the_minimum_of_a_quadratic():
    result = minimize(quadratic, THETA0)
    assert result.status == "converged"
    assert result.success
    np.testing.assert_allclose(result.theta, C, atol=1e-6)
    np.testing.assert_allclose(result.cost_history[0], 12.0)  # J(θ0) = ½‖θ0 − c‖² = ½·24
    assert len(result.cost_history) == result.iterations + 1
    assert np.all(np.diff(result.cost_history) <= 0)
    assert result.function_evaluations >= result.iterations
    assert result.message.startswith("converged: ")


def test_minimize_reaches_the_minimum_of_rosenbrock():
    # scipy's default tolerances stop at a relative cost reduction of ~2e-9, which leaves θ about
    # 2e-6 from (1, 1) in this flat valley; tol = 1e-12 asks for more.
    theta_initial = np.array([-1.2, 1.0])
    result = minimize(rosenbrock, theta_initial, tol=1e-12)
    assert result.status == "converged"
    assert result.success
    np.testing.assert_allclose(result.theta, [1.0, 1.0], atol=1e-6)
    np.testing.assert_allclose(result.cost_history[0], 24.2)  # (1 + 1.2)² + 100(1 − 1.44)² = 4.84 + 19.36
    assert result.cost_history[-1] < 1e-12
    assert np.all(np.diff(result.cost_history) <= 0)
    np.testing.assert_array_equal(theta_initial, [-1.2, 1.0])  # not mutated


def test_minimize_with_num_iters_one_stops_with_status_max_iters():
    result = minimize(rosenbrock, [-1.2, 1.0], num_iters=1)
    assert result.status == "max_iters"
    assert not result.success
    assert result.iterations == 1
    assert len(result.cost_history) == 2
    assert result.cost_history[1] < result.cost_history[0]
    assert "stopped after num_iters = 1 iterations" in result.message


def test_minimize_reports_a_wrong_gradient_as_failed():
    # the gradient points uphill, so no line-search step can lower the cost
    result = minimize(lambda theta: (quadratic(theta)[0], -quadratic(theta)[1]), THETA0)
    assert result.status == "failed"
    assert not result.success
    assert "gradient that does not match the cost" in result.message


def test_minimize_evaluates_the_start_only_once():
    calls = []

    def counted(theta):
        calls.append(theta.copy())
        return quadratic(theta)

    result = minimize(counted, THETA0)
    assert len(calls) == result.function_evaluations
    np.testing.assert_array_equal(calls[0], THETA0)


def _blas_threads():
    return [info["num_threads"] for info in threadpoolctl.threadpool_info() if info["user_api"] == "blas"]


def test_minimize_runs_with_one_blas_thread_and_restores_the_count():
    before = _blas_threads()
    seen = []

    def spy(theta):
        if not seen:  # threadpool_info() takes ~1 ms: look once
            seen.append(_blas_threads())
        return quadratic(theta)

    minimize(spy, THETA0)
    assert seen
    assert all(count == 1 for count in seen[0])  # vacuous only if no BLAS library is loaded
    assert _blas_threads() == before


def test_single_blas_thread_restores_the_count_when_the_block_raises():
    before = _blas_threads()
    inside = []

    def fail_inside():
        with single_blas_thread():
            inside.append(_blas_threads())
            raise RuntimeError("boom")

    with pytest.raises(RuntimeError, match="boom"):
        fail_inside()
    assert all(count == 1 for count in inside[0])
    assert _blas_threads() == before


def test_single_blas_thread_creates_its_controller_once():
    with single_blas_thread():
        first = optimize._blas_controller()
    with single_blas_thread():
        assert optimize._blas_controller() is first


@pytest.mark.parametrize(("kwargs", "error", "match"), [
    ({"num_iters": 0}, ValueError, r"num_iters must be ≥ 1; got 0"),
    ({"num_iters": 2.5}, TypeError, r"num_iters must be a whole number ≥ 1; got float 2.5"),
    ({"keep_path": 1}, TypeError, r"^keep_path must be True or False; got int 1$"),
    ({"progress": "status"}, TypeError, r"^progress must be a function iteration -> None; got str"),
    ({"tol": 0.0}, ValueError, r"tol must be > 0; got 0"),
    ({"tol": np.nan}, ValueError, r"tol must be a finite number; got nan"),
])
def test_minimize_validates_its_options(kwargs, error, match):
    with pytest.raises(error, match=match):
        minimize(quadratic, THETA0, **kwargs)


@pytest.mark.parametrize("optimiser", [lambda f: gradient_descent(f, THETA0, 0.1, 10), lambda f: minimize(f, THETA0)])
def test_cost_and_gradient_must_be_a_function_returning_a_pair(optimiser):
    with pytest.raises(TypeError, match=r"cost_and_gradient must be a function theta -> \(J, grad\); got NoneType None"):
        optimiser(None)
    # a cost function that returns J alone (the gradient forgotten) used to fail inside the unpacking
    with pytest.raises(TypeError, match=r"cost_and_gradient must return a pair \(J, grad\), the cost and its "
                                        r"gradient; got float 0.5 (at theta_initial|during L-BFGS-B)"):
        optimiser(lambda theta: 0.5)
    with pytest.raises(TypeError, match=r"must return a pair \(J, grad\).*; got tuple \(1.0, 2.0, 3.0\)"):
        optimiser(lambda theta: (1.0, 2.0, 3.0))


def test_optimisers_do_not_depend_on_the_callers_np_seterr():
    # a learner's np.seterr(all="raise") must not turn a harmless underflow on the way into an error
    def tiny_steps(theta):
        return 0.5 * float(theta @ theta), theta * 1e-300  # the step α·grad underflows for α < 1

    with np.errstate(all="raise"):
        assert gradient_descent(tiny_steps, [1e-10, 1.0], 1e-20, 3).status == "completed"
        assert minimize(quadratic, THETA0).success


def test_minimize_refuses_a_bad_start_or_gradient():
    with pytest.raises(ValueError, match=r"cost_and_gradient\(theta_initial\) must return a finite cost; got nan"):
        minimize(lambda theta: (np.nan, theta), THETA0)
    with pytest.raises(ValueError, match=r"must return a gradient of shape \(3,\), the shape of theta; got \(2,\) during L-BFGS-B"):
        minimize(lambda theta: (1.0, theta[:2]), THETA0)
    with pytest.raises(ValueError, match=r"theta_initial must have shape|theta_initial must be a 1-D vector"):
        minimize(quadratic, np.zeros((2, 2)))


# --- regressions from the input audit: each failed before its fix -------------------------------

@pytest.mark.parametrize("optimiser", [lambda t: gradient_descent(quadratic, t, 0.1, 3),
                                       lambda t: minimize(quadratic, t, num_iters=3)])
def test_an_empty_theta_initial_is_refused_by_name(optimiser):
    # was IndexError "index 0 is out of bounds for axis 0 with size 0"
    with pytest.raises(ValueError, match=r"^theta_initial must have at least one entry; got shape \(0,\)$"):
        optimiser([])


@pytest.mark.parametrize(("grad", "error", "message"), [
    (np.ones(3) * 1j, TypeError, r"got an array of dtype complex128"),  # was cast to real with a warning
    ([[1.0], [2.0, 3.0]], TypeError, r"a rectangular array of numbers"),  # numpy's "inhomogeneous"
    ("abc", TypeError, r"got an array of dtype <U3"),  # was "could not convert string to float"
])
def test_a_gradient_that_is_not_real_numbers_is_refused(grad, error, message):
    for run in (lambda: gradient_descent(lambda t: (1.0, grad), THETA0, 0.1, 3),
                lambda: minimize(lambda t: (1.0, grad), THETA0)):
        with pytest.raises(error, match=r"^the gradient cost_and_gradient returns must .*" + message):
            run()


def test_keep_path_must_be_a_bool():
    # "no" was taken as True without a word
    with pytest.raises(TypeError, match=r"^keep_path must be True or False; got str 'no'$"):
        gradient_descent(quadratic, THETA0, 0.1, 3, keep_path="no")
    assert gradient_descent(quadratic, THETA0, 0.1, 3, keep_path=np.True_).theta_path.shape == (4, 3)


def test_tol_beyond_float64_is_refused_by_name():
    # was OverflowError "int too large to convert to float"
    with pytest.raises(ValueError, match=r"^tol must be a finite number; got 1000+\.\.\.0+$"):
        minimize(quadratic, THETA0, tol=10**400)


# --- watching a run: keep_path and progress --------------------------------------------------------

def test_minimize_keeps_every_iterate_and_reports_each_iteration():
    seen = []
    kept = minimize(rosenbrock, [-1.2, 1.0], num_iters=15, keep_path=True, progress=seen.append)
    plain = minimize(rosenbrock, [-1.2, 1.0], num_iters=15)
    assert plain.theta_path is None
    assert kept.theta_path.shape == (kept.iterations + 1, 2)
    np.testing.assert_array_equal(kept.theta_path[0], [-1.2, 1.0])
    np.testing.assert_array_equal(kept.theta_path[-1], kept.theta)
    # the kept iterates are the ones whose costs were recorded (had scipy's x been kept uncopied,
    # every row would be the last iterate)
    np.testing.assert_allclose([rosenbrock(t)[0] for t in kept.theta_path], kept.cost_history, rtol=1e-12)
    assert seen == list(range(1, kept.iterations + 1))
    np.testing.assert_array_equal(kept.theta, plain.theta)  # watching changes nothing
    np.testing.assert_array_equal(kept.cost_history, plain.cost_history)


def test_gradient_descent_reports_each_accepted_step():
    seen = []
    result = gradient_descent(quadratic, THETA0, 0.5, 7, progress=seen.append)
    assert seen == list(range(1, 8))
    seen.clear()
    diverged = gradient_descent(quadratic, THETA0, 5.0, 7, progress=seen.append)
    assert diverged.diverged
    assert seen == list(range(1, diverged.iterations + 1))  # the rejected step is not reported
    assert result.iterations == 7


def test_progress_must_be_callable_for_gradient_descent():
    with pytest.raises(TypeError, match=r"^progress must be a function iteration -> None; got str"):
        gradient_descent(quadratic, THETA0, 0.1, 3, progress="status")


def test_minimize_fails_when_a_cost_it_tried_was_not_finite():
    # was "converged" with a cost history that rose from 1 to 16: NaN costs misled the line search
    def nan_near_the_minimum(theta):
        return (float(theta @ theta) if abs(theta[0]) > 0.5 else float("nan")), 2 * theta

    result = minimize(nan_near_the_minimum, [1.0])
    assert result.status == "failed"
    assert not result.success
    assert result.message.startswith("failed: the cost was nan at a point L-BFGS-B tried")
