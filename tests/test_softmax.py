"""The softmax output layer: stable softmax and log-sum-exp, categorical cross-entropy and its
gradient from Z, the softmax network's cost and backpropagation, prediction and training."""

import math

import numpy as np
import pytest
from oracles import numerical_gradient, relative_difference, small_network_problem

from mlcourse import network, softmax

small_problem = small_network_problem


def naive_softmax(Z):
    """The textbook formula, as an independent oracle for moderate scores."""
    E = np.exp(Z)
    return E / E.sum(axis=1, keepdims=True)


# --- softmax and log-sum-exp ---------------------------------------------------------------------

def test_softmax_matches_the_textbook_formula_and_rows_sum_to_one():
    Z = np.random.default_rng(1).normal(scale=3.0, size=(7, 4))
    A = softmax.softmax(Z)
    np.testing.assert_allclose(A, naive_softmax(Z), rtol=1e-13, atol=0)
    np.testing.assert_allclose(A.sum(axis=1), np.ones(7), rtol=0, atol=1e-15)


def test_softmax_hand_worked_value():
    # z = (0, ln 3): e^0 = 1 and e^ln3 = 3, so softmax = (1/4, 3/4)
    np.testing.assert_allclose(softmax.softmax([[0.0, math.log(3.0)]]), [[0.25, 0.75]], rtol=1e-15)


def test_softmax_ignores_a_constant_added_to_a_row():
    Z = np.array([[1.0, 2.0, 3.0], [-1.0, 0.5, 0.0]])
    np.testing.assert_allclose(softmax.softmax(Z + np.array([[100.0], [-50.0]])), softmax.softmax(Z),
                               rtol=1e-12)


def test_softmax_is_stable_at_plus_and_minus_1000():
    # e^1000 overflows in the textbook formula (inf / inf = NaN); with the row max subtracted the
    # exponents are 0, -1000, -2000 and the result is (1, e^-1000 ≈ 0, 0). Warnings are errors here.
    A = softmax.softmax([[1000.0, 0.0, -1000.0], [-1000.0, -1000.0, -1000.0]])
    np.testing.assert_allclose(A, [[1.0, 0.0, 0.0], [1 / 3, 1 / 3, 1 / 3]], rtol=1e-15, atol=0)
    assert np.isfinite(A).all()


def test_softmax_does_not_warn_for_scores_near_the_float64_limit():
    A = softmax.softmax([[1e308, -1e308]])
    np.testing.assert_array_equal(A, [[1.0, 0.0]])


def test_softmax_does_not_modify_its_input():
    Z = np.array([[1.0, 2.0], [3.0, -4.0]])
    copy = Z.copy()
    softmax.softmax(Z)
    softmax.log_sum_exp(Z)
    np.testing.assert_array_equal(Z, copy)


def test_log_sum_exp_hand_worked_and_stable():
    # log(e^0 + e^0) = ln 2; log(e^1000 + e^1000) = 1000 + ln 2 (e^1000 alone would be inf)
    np.testing.assert_allclose(softmax.log_sum_exp([[0.0, 0.0], [1000.0, 1000.0]]),
                               [math.log(2.0), 1000.0 + math.log(2.0)], rtol=1e-15)


# --- categorical cross-entropy from Z ------------------------------------------------------------

@pytest.mark.parametrize("K", [2, 3, 10])
def test_uniform_scores_give_ln_K(K):
    # equal scores → softmax = 1/K for every class → −log(1/K) = ln K for every example
    Z = np.full((5, K), 2.5)
    assert softmax.categorical_cross_entropy(Z, np.arange(5) % K) == pytest.approx(math.log(K), rel=1e-14, abs=0)


def test_cross_entropy_hand_worked_value():
    # z = (0, ln 3): softmax = (1/4, 3/4); label 1 → −ln(3/4) = ln(4/3), label 0 → ln 4; mean of both
    Z = [[0.0, math.log(3.0)], [0.0, math.log(3.0)]]
    expected = (math.log(4 / 3) + math.log(4.0)) / 2
    assert softmax.categorical_cross_entropy(Z, [1, 0]) == pytest.approx(expected, rel=1e-14, abs=0)


def test_cross_entropy_is_stable_at_1000():
    # log-sum-exp of (1000, −1000) is 1000 (+ log1p(e^−2000) = 0): label 0 costs 0, label 1 costs
    # 1000 − (−1000) = 2000, where log(softmax) would give log(0) = −inf
    Z = [[1000.0, -1000.0]]
    assert abs(softmax.categorical_cross_entropy(Z, [0])) < 1e-12
    assert softmax.categorical_cross_entropy(Z, [1]) == pytest.approx(2000.0, rel=1e-15, abs=0)


def test_cross_entropy_gradient_is_A_minus_Y_over_m_and_matches_finite_differences():
    rng = np.random.default_rng(2)
    Z = rng.normal(size=(6, 4))
    y = np.array([0, 1, 2, 3, 1, 2])
    grad = softmax.cross_entropy_gradient(Z, y)
    Y = np.eye(4)[y]
    np.testing.assert_allclose(grad, (naive_softmax(Z) - Y) / 6, rtol=1e-12, atol=1e-15)
    numerical = numerical_gradient(lambda Zn: softmax.categorical_cross_entropy(Zn, y), Z)
    assert relative_difference(grad, numerical) < 1e-9


def test_cross_entropy_gradient_is_finite_at_1000():
    grad = softmax.cross_entropy_gradient([[1000.0, -1000.0]], [1])
    # softmax = (1, 0); minus the one-hot (0, 1): (1, −1), divided by m = 1
    np.testing.assert_allclose(grad, [[1.0, -1.0]], rtol=0, atol=1e-15)


def test_sigmoid_cross_entropy_hand_worked_and_gradient():
    # z = 0 → h = 1/2 → −log(1/2) = ln 2 per entry, whatever the target: 2 entries per row, m = 3
    assert softmax.sigmoid_cross_entropy(np.zeros((3, 2)), [[1, 0], [1, 1], [0, 0]]) == \
        pytest.approx(2 * math.log(2.0), rel=1e-14, abs=0)
    rng = np.random.default_rng(3)
    Z = rng.normal(size=(5, 3))
    Y = np.array([[1, 0, 1], [0, 0, 0], [1, 1, 1], [0, 1, 0], [1, 0, 0]], dtype=float)  # multi-label
    numerical = numerical_gradient(lambda Zn: softmax.sigmoid_cross_entropy(Zn, Y), Z)
    expected = (1 / (1 + np.exp(-Z)) - Y) / 5
    assert relative_difference(expected, numerical) < 1e-9


def test_sigmoid_cross_entropy_is_stable_at_1000():
    # log(1 + e^1000) − 0 = 1000 for y = 0; log(1 + e^−1000) ≈ 0 for the second entry with y = 0
    assert softmax.sigmoid_cross_entropy([[1000.0, -1000.0]], [[0, 0]]) == pytest.approx(1000.0, rel=1e-15, abs=0)


# --- validation of the output-layer functions ----------------------------------------------------

def test_output_layer_errors():
    with pytest.raises(ValueError, match=r"Z must be a 2-D array of shape \(m, K\); got a 1-D array of shape \(3,\)"):
        softmax.softmax([1.0, 2.0, 3.0])
    with pytest.raises(ValueError, match=r"Z must hold only finite numbers; got 1 NaN or inf value\(s\), the first nan at index \(0, 1\)"):
        softmax.log_sum_exp([[1.0, np.nan]])
    with pytest.raises(TypeError, match=r"Z must hold real numbers; got an array of dtype <U1"):
        softmax.softmax([["a", "b"]])
    with pytest.raises(ValueError, match=r"y must have shape \(m,\) = \(2,\) to match Z; got \(2, 1\)"):
        softmax.categorical_cross_entropy(np.zeros((2, 3)), [[0], [1]])
    with pytest.raises(ValueError, match=r"y must hold class labels 0..K-1 = 0..2, .*got 3 at index 1"):
        softmax.cross_entropy_gradient(np.zeros((2, 3)), [0, 3])
    with pytest.raises(ValueError, match=r"Y must have the shape of Z, \(2, 3\) .*; got \(2,\)"):
        softmax.sigmoid_cross_entropy(np.zeros((2, 3)), [0, 1])
    with pytest.raises(ValueError, match=r"Y must hold only the targets 0 and 1; got 2"):
        softmax.sigmoid_cross_entropy(np.zeros((1, 2)), [[0, 2]])


# --- the softmax network -------------------------------------------------------------------------

def test_forward_shapes_bias_units_and_rows_summing_to_one():
    Theta1, Theta2, X, _ = small_problem(m=6, n=4, s2=5, K=3)
    out = softmax.forward(Theta1, Theta2, X)
    assert [a.shape for a in out] == [(6, 5), (6, 5), (6, 6), (6, 3), (6, 3)]
    np.testing.assert_array_equal(out.a1[:, 0], 1.0)
    np.testing.assert_array_equal(out.a2[:, 0], 1.0)
    np.testing.assert_allclose(out.a3.sum(axis=1), 1.0, rtol=0, atol=1e-15)
    # the hidden layer is the sigmoid network's, unchanged
    sigmoid_net = network.forward(Theta1, Theta2, X)
    np.testing.assert_allclose(out.z3, sigmoid_net.z3, rtol=1e-14, atol=1e-15)
    np.testing.assert_allclose(out.a3, naive_softmax(sigmoid_net.z3), rtol=1e-13)


def test_cost_equals_cross_entropy_of_z3_plus_penalty():
    Theta1, Theta2, X, y = small_problem()
    z3 = softmax.forward(Theta1, Theta2, X).z3
    penalty = 3.0 / (2 * 6) * ((Theta1[:, 1:] ** 2).sum() + (Theta2[:, 1:] ** 2).sum())
    expected = softmax.categorical_cross_entropy(z3, y) + penalty
    assert softmax.cost(Theta1, Theta2, X, y, 3.0) == pytest.approx(expected, rel=1e-14, abs=0)


def test_zero_output_weights_give_ln_K():
    # Θ(2) = 0 → z3 = 0 for every example → uniform softmax → J = ln K (λ adds nothing: Θ(2) is 0
    # and Θ(1)'s penalty is removed by taking λ = 0)
    Theta1, _, X, y = small_problem(K=4, m=8)
    Theta2 = np.zeros((4, Theta1.shape[0] + 1))
    assert softmax.cost(Theta1, Theta2, X, y) == pytest.approx(math.log(4.0), rel=1e-14, abs=0)


@pytest.mark.parametrize(("m", "n", "s2", "K"), [(6, 4, 5, 3), (1, 1, 1, 2), (10, 3, 2, 5), (4, 6, 3, 1)])
@pytest.mark.parametrize("lambda_", [0.0, 1.0, 3.0])
def test_backpropagation_matches_central_differences(m, n, s2, K, lambda_):
    Theta1, Theta2, X, y = small_problem(m=m, n=n, s2=s2, K=K)
    size1 = Theta1.size

    def J(params):
        return softmax.cost(params[:size1].reshape(Theta1.shape), params[size1:].reshape(Theta2.shape),
                            X, y, lambda_)

    grad1, grad2 = softmax.gradient(Theta1, Theta2, X, y, lambda_)
    analytic = np.concatenate([grad1.ravel(), grad2.ravel()])
    numerical = numerical_gradient(J, network.pack(Theta1, Theta2))
    if K == 1:
        # one class: softmax ≡ 1, the loss is 0 and only the penalty has a gradient
        np.testing.assert_allclose(analytic, numerical, rtol=0, atol=1e-9)
    else:
        assert relative_difference(analytic, numerical) < 1e-9


def test_backpropagation_at_saturated_outputs_is_finite_and_correct():
    # output weights of ±300 push |z3| to hundreds: softmax is exactly (1, 0, 0) in float64 for some
    # rows, and the cost must still be finite and its gradient a3 − Y
    Theta1, Theta2, X, y = small_problem()
    Theta2 = Theta2 * 1000.0
    J, (grad1, grad2) = softmax.cost_and_gradient(Theta1, Theta2, X, y, 0.0)
    assert math.isfinite(J)
    assert np.isfinite(grad1).all()
    out = softmax.forward(Theta1, Theta2, X)
    assert np.abs(out.z3).max() > 100
    # Θ(2)_grad = δ(3)ᵀ a2 / m with δ(3) = a3 − Y, from the forward pass's own a3
    delta3 = out.a3 - np.eye(3)[y]
    np.testing.assert_allclose(grad2, delta3.T @ out.a2 / 6, rtol=1e-12, atol=1e-15)


def test_cost_and_gradient_does_not_modify_inputs():
    Theta1, Theta2, X, y = small_problem()
    copies = [a.copy() for a in (Theta1, Theta2, X, y)]
    softmax.cost_and_gradient(Theta1, Theta2, X, y, 1.0)
    for original, copy in zip((Theta1, Theta2, X, y), copies, strict=True):
        np.testing.assert_array_equal(original, copy)


def test_predict_is_argmax_of_probabilities():
    Theta1, Theta2, X, _ = small_problem(m=20, seed=5)
    np.testing.assert_array_equal(softmax.predict(Theta1, Theta2, X),
                                  np.argmax(softmax.predict_proba(Theta1, Theta2, X), axis=1))


def test_network_validation_errors_match_the_sigmoid_network():
    Theta1, Theta2, X, y = small_problem()
    with pytest.raises(ValueError, match=r"Theta1 must have 5 columns = n\+1 \(bias \+ the 4 features of X, which has no bias column\); got shape \(5, 4\)"):
        softmax.cost(Theta1[:, 1:], Theta2, X, y)
    with pytest.raises(ValueError, match=r"Theta2 must have 6 columns = s2\+1 .*; got shape \(3, 5\)"):
        softmax.gradient(Theta1, Theta2[:, 1:], X, y)
    with pytest.raises(ValueError, match=r"y must have shape \(m,\) = \(6,\) to match X; got \(6, 1\)"):
        softmax.cost(Theta1, Theta2, X, y[:, None])
    with pytest.raises(ValueError, match=r"1..K are the Octave course's convention; subtract 1"):
        softmax.cost(Theta1, Theta2, X, np.array([1, 2, 3, 1, 2, 3]))
    with pytest.raises(ValueError, match=r"lambda_ must be ≥ 0 .*; got -1"):
        softmax.cost_and_gradient(Theta1, Theta2, X, y, -1.0)
    with pytest.raises(ValueError, match=r"X must hold only finite numbers"):
        softmax.predict(Theta1, Theta2, np.full((2, 4), np.inf))
    with pytest.raises(ValueError, match=r"the output scores z3 overflowed"):
        softmax.forward(Theta1, np.full_like(Theta2, 1e308), X)


def test_fit_learns_a_separable_problem_and_validates():
    rng = np.random.default_rng(0)
    centres = np.array([[0.0, 0.0], [3.0, 0.0], [0.0, 3.0]])
    y = np.repeat(np.arange(3), 20)
    X = centres[y] + rng.normal(scale=0.3, size=(60, 2))
    fitted = softmax.fit(X, y, hidden_size=4, lambda_=0.1, num_iters=200, seed=0)
    assert fitted.accuracy(X, y) == 1.0
    assert fitted.result.cost_history[-1] < fitted.result.cost_history[0]
    assert fitted.Theta1.shape == (4, 3)
    assert fitted.Theta2.shape == (3, 5)
    with pytest.raises(TypeError, match=r"hidden_size must be a whole number ≥ 1; got float 2.5"):
        softmax.fit(X, y, hidden_size=2.5)
    with pytest.raises(ValueError, match=r"num_iters must be ≥ 1; got 0"):
        softmax.fit(X, y, num_iters=0)
    with pytest.raises(TypeError, match=r"y must hold real numbers; got an array of dtype <U1"):
        softmax.fit(X[:2], np.array(["a", "b"]))


def test_results_do_not_depend_on_the_callers_np_seterr():
    # e^(z − max z) and e^-|z| underflow to 0 for scores far apart: the right limits, and not an error
    # after a learner's np.seterr(all="raise") (np.errstate sets the same state, then restores it)
    Z = np.array([[1e4, -1e4, 0.0], [0.0, 800.0, -800.0]])
    y = np.array([1, 0])
    Theta1, Theta2, X, labels = small_problem()
    expected = (softmax.softmax(Z), softmax.categorical_cross_entropy(Z, y), softmax.cross_entropy_gradient(Z, y),
                softmax.sigmoid_cross_entropy(Z, np.eye(3)[y]), softmax.cost(Theta1 * 1e3, Theta2 * 1e3, X, labels))
    with np.errstate(all="raise"):
        got = (softmax.softmax(Z), softmax.categorical_cross_entropy(Z, y), softmax.cross_entropy_gradient(Z, y),
               softmax.sigmoid_cross_entropy(Z, np.eye(3)[y]), softmax.cost(Theta1 * 1e3, Theta2 * 1e3, X, labels))
        softmax.cost_and_gradient(Theta1 * 1e-160, Theta2 * 1e-160, X, labels, 1.0)
    for a, b in zip(got, expected, strict=True):
        np.testing.assert_array_equal(a, b)


def test_scores_without_classes_are_refused():
    # a (m, 0) Z used to fail inside numpy's max ("zero-size array to reduction operation")
    with pytest.raises(ValueError, match=r"Z must have at least one row and one column; got shape \(2, 0\)"):
        softmax.softmax(np.zeros((2, 0)))


# --- regressions from the input audit: each failed before its fix -------------------------------

def test_score_label_errors_name_Z_not_X_or_Theta2():
    Z = np.zeros((2, 3))
    # was "... to match the 3 rows of X" and "K being the number of output units (rows of Theta2)"
    with pytest.raises(ValueError, match=r"^y must have shape \(m,\) = \(2,\) to match the 2 rows of Z; got a 1-D "
                                         r"array of shape \(3,\)$"):
        softmax.categorical_cross_entropy(Z, [0, 1, 2])
    with pytest.raises(ValueError, match=r"^y must hold class labels 0..K-1 = 0..2, K being the columns of Z; got 3 "
                                         r"at index 1$"):
        softmax.cross_entropy_gradient(Z, [0, 3])
    with pytest.raises(ValueError, match=r"^Z must be a 2-D array of shape \(m, K\); got a 1-D array"):
        softmax.softmax([1.0, 2.0])


def test_fit_refuses_labels_from_1_unless_num_labels_is_given():
    X = small_network_problem(m=9, n=2, s2=3, K=3, seed=0)[2]
    with pytest.raises(ValueError, match=r"^y must hold class labels starting at 0 when num_labels is not given"):
        softmax.fit(X, np.arange(9) % 3 + 1, hidden_size=3, num_iters=2)


def test_losses_beyond_the_float64_range_are_inf_without_a_warning():
    # were "overflow encountered in subtract" / "in reduce" (errors in this suite)
    assert softmax.categorical_cross_entropy([[1e308, -1e308]], [1]) == np.inf
    assert softmax.sigmoid_cross_entropy([[-1.5e308], [-1.5e308]], [[1], [1]]) == np.inf
