"""The three-layer network: forward pass, cost, backpropagation (vectorised and per example),
initialisation, packing, prediction and training."""

import math

import numpy as np
import pytest
from oracles import numerical_gradient, relative_difference, small_network_problem

from mlcourse import network, softmax

small_problem = small_network_problem


# --- forward pass --------------------------------------------------------------------------------

def test_forward_shapes_and_bias_units():
    Theta1, Theta2, X, _ = small_problem(m=6, n=4, s2=5, K=3)
    out = network.forward(Theta1, Theta2, X)
    assert out.a1.shape == (6, 5)
    assert out.z2.shape == (6, 5)
    assert out.a2.shape == (6, 6)
    assert out.z3.shape == (6, 3)
    assert out.a3.shape == (6, 3)
    np.testing.assert_array_equal(out.a1[:, 0], 1.0)
    np.testing.assert_array_equal(out.a2[:, 0], 1.0)
    np.testing.assert_array_equal(out.a1[:, 1:], X)


def test_forward_matches_the_formulas_written_out():
    Theta1, Theta2, X, _ = small_problem()
    a1 = np.column_stack([np.ones(len(X)), X])
    z2 = a1 @ Theta1.T
    a2 = np.column_stack([np.ones(len(X)), 1 / (1 + np.exp(-z2))])
    z3 = a2 @ Theta2.T
    out = network.forward(Theta1, Theta2, X)
    np.testing.assert_allclose(out.z2, z2, rtol=1e-13)
    np.testing.assert_allclose(out.a2, a2, rtol=1e-13)
    np.testing.assert_allclose(out.a3, 1 / (1 + np.exp(-z3)), rtol=1e-13)


def test_predict_is_argmax_of_outputs():
    Theta1, Theta2, X, _ = small_problem(m=40)
    expected = np.argmax(network.forward(Theta1, Theta2, X).a3, axis=1)
    np.testing.assert_array_equal(network.predict(Theta1, Theta2, X), expected)
    np.testing.assert_allclose(network.predict_proba(Theta1, Theta2, X),
                               network.forward(Theta1, Theta2, X).a3)


# --- cost ----------------------------------------------------------------------------------------

def test_cost_with_zero_weights_is_K_ln2():
    # All weights 0 → z3 = 0 → every output h_k = 1/2. Each of the K output units then costs
    # -y ln ½ - (1-y) ln ½ = ln 2 whatever y is, so J = (1/m) · m · K · ln 2 = K ln 2, and the
    # penalty of zero weights is 0 for any λ.
    X = np.random.default_rng(3).normal(size=(7, 4))
    y = np.array([0, 1, 2, 0, 1, 2, 0])
    for lambda_ in (0.0, 3.0):
        J = network.cost(np.zeros((5, 5)), np.zeros((3, 6)), X, y, lambda_)
        assert J == pytest.approx(3 * math.log(2), rel=1e-15, abs=0)


def test_cost_hand_worked_one_example():
    # One input x = 2, one hidden unit, one output unit (K = 1, so the only label is 0 and its
    # one-hot vector is y = [1]).
    # Θ(1) = [0, 0.5]: z2 = 0 + 0.5·2 = 1, a2 = [1, g(1)].
    # Θ(2) = [-1, 2]: z3 = -1 + 2 g(1) ≈ 0.4621. With y = 1 the cost is -ln g(z3) = ln(1 + e^-z3).
    g1 = 1 / (1 + math.exp(-1))
    z3 = -1 + 2 * g1
    expected = math.log(1 + math.exp(-z3))
    J = network.cost([[0.0, 0.5]], [[-1.0, 2.0]], [[2.0]], [0])
    assert J == pytest.approx(expected, rel=1e-14, abs=0)
    # λ = 4 adds λ/(2m) Σ Θ² off the bias columns: 4/2 · (0.5² + 2²) = 8.5
    J_reg = network.cost([[0.0, 0.5]], [[-1.0, 2.0]], [[2.0]], [0], lambda_=4.0)
    assert J_reg == pytest.approx(expected + 8.5, rel=1e-14, abs=0)


def test_bias_columns_are_not_regularised():
    Theta1, Theta2, X, y = small_problem()
    shifted1, shifted2 = Theta1.copy(), Theta2.copy()
    shifted1[:, 0] += 10.0
    shifted2[:, 0] -= 10.0
    penalty = network.cost(Theta1, Theta2, X, y, 2.0) - network.cost(Theta1, Theta2, X, y, 0.0)
    penalty_shifted = (network.cost(shifted1, shifted2, X, y, 2.0)
                       - network.cost(shifted1, shifted2, X, y, 0.0))
    assert penalty == pytest.approx(penalty_shifted, rel=1e-12, abs=0)
    g1, g2 = network.gradient(Theta1, Theta2, X, y, 2.0)
    g1_0, g2_0 = network.gradient(Theta1, Theta2, X, y, 0.0)
    np.testing.assert_allclose(g1[:, 0], g1_0[:, 0], rtol=1e-15)
    np.testing.assert_allclose(g2[:, 0], g2_0[:, 0], rtol=1e-15)


def test_cost_matches_naive_formula_where_that_is_safe():
    Theta1, Theta2, X, y = small_problem(m=20)
    h = network.forward(Theta1, Theta2, X).a3
    Y = network.one_hot(y, 3)
    naive = np.sum(-Y * np.log(h) - (1 - Y) * np.log(1 - h)) / len(X)
    naive += 0.7 / (2 * len(X)) * (np.sum(Theta1[:, 1:] ** 2) + np.sum(Theta2[:, 1:] ** 2))
    assert network.cost(Theta1, Theta2, X, y, 0.7) == pytest.approx(naive, rel=1e-12, abs=0)


def test_saturated_outputs_give_finite_exact_cost_and_gradient():
    # Θ(2) = [[1000, 0], [-1000, 0]] makes z3 = [1000, -1000] for every example: output 0 is
    # saturated at 1, output 1 at 0. With label 1 (wrong on both units) each unit costs
    # ln(1 + e^1000) - 0·1000 ≈ 1000 and ln(1 + e^-1000) - 1·(-1000) ≈ 1000, so J = 2000.
    X = np.ones((3, 2))
    Theta1 = np.zeros((1, 3))
    Theta2 = np.array([[1000.0, 0.0], [-1000.0, 0.0]])
    y = np.array([1, 1, 1])
    J, (g1, g2) = network.cost_and_gradient(Theta1, Theta2, X, y)
    assert J == pytest.approx(2000.0, rel=1e-15, abs=0)
    assert np.all(np.isfinite(g1))
    assert np.all(np.isfinite(g2))
    # δ(3) = a3 - y = [1 - 0, 0 - 1] for every example, and a2 = [1, 1/2]
    np.testing.assert_allclose(g2, [[1.0, 0.5], [-1.0, -0.5]], rtol=1e-15)


# --- backpropagation -----------------------------------------------------------------------------

@pytest.mark.parametrize(("m", "n", "s2", "K"), [(1, 1, 1, 1), (5, 3, 5, 3), (9, 6, 4, 4), (12, 2, 7, 5)])
@pytest.mark.parametrize("lambda_", [0.0, 1.0, 3.0])
def test_backprop_matches_numerical_gradient(m, n, s2, K, lambda_):
    Theta1, Theta2, X, y = small_problem(m, n, s2, K, seed=m + n)

    def J(params):
        return network.cost(*network.unpack(params, n, s2, K), X, y, lambda_)

    analytic = network.pack(*network.gradient(Theta1, Theta2, X, y, lambda_))
    numerical = numerical_gradient(J, network.pack(Theta1, Theta2))
    assert relative_difference(analytic, numerical) < 1e-9


@pytest.mark.parametrize("lambda_", [0.0, 3.0])
def test_loop_backprop_equals_vectorised(lambda_):
    Theta1, Theta2, X, y = small_problem(m=25, n=6, s2=8, K=4, seed=5)
    vectorised = network.gradient(Theta1, Theta2, X, y, lambda_)
    looped = network.gradient_loop(Theta1, Theta2, X, y, lambda_)
    for v, lo in zip(vectorised, looped, strict=True):
        np.testing.assert_allclose(v, lo, rtol=1e-12, atol=1e-15)


def test_cost_and_gradient_agree_with_separate_calls():
    Theta1, Theta2, X, y = small_problem(m=10)
    J, (g1, g2) = network.cost_and_gradient(Theta1, Theta2, X, y, 0.5)
    assert type(J) is float  # a plain float prints as one in the chapters, not as np.float64(...)
    assert J == pytest.approx(network.cost(Theta1, Theta2, X, y, 0.5), rel=1e-15, abs=0)
    s1, s2 = network.gradient(Theta1, Theta2, X, y, 0.5)
    np.testing.assert_array_equal(g1, s1)
    np.testing.assert_array_equal(g2, s2)


def test_results_do_not_share_memory_between_calls():
    # nothing returned may change when the functions run again on other weights
    Theta1, Theta2, X, y = small_problem(m=10)
    g1, g2 = network.gradient(Theta1, Theta2, X, y)
    kept = g1.copy(), g2.copy()
    network.gradient(Theta1 * 2, Theta2 * 3, X, y)
    np.testing.assert_array_equal(g1, kept[0])
    np.testing.assert_array_equal(g2, kept[1])
    out = network.forward(Theta1, Theta2, X)
    z2 = out.z2.copy()
    network.cost(Theta1 * 5, Theta2, X, y)
    np.testing.assert_array_equal(out.z2, z2)


def test_penalty_hand_worked_skips_the_bias_columns():
    # λ/(2m) (1² + 2² + 3²) with λ = 2, m = 4: 2/8 · 14 = 3.5; the biases 5 and 7 do not count
    assert network.penalty(np.array([[5.0, 1.0, 2.0]]), np.array([[7.0, 3.0]]), 2.0, 4) == pytest.approx(3.5)
    assert network.penalty(np.array([[5.0, 1.0]]), np.array([[7.0, 3.0]]), 0.0, 4) == 0.0
    # λ = 0 is no penalty at all: weights whose squares overflow gave 0 · inf = NaN, and a NaN cost
    huge = np.array([[0.0, 1e160]])
    assert network.penalty(huge, np.ones((2, 2)), 0.0, 1) == 0.0
    assert np.isfinite(network.cost(huge, np.ones((2, 2)), [[1.0]], [0], 0.0))


def test_forward_scores_are_forwards_without_a1():
    Theta1, Theta2, X, _ = small_problem()
    z2, a2, z3 = network.forward_scores(Theta1, Theta2, X)
    out = network.forward(Theta1, Theta2, X)
    np.testing.assert_allclose(z2, out.a1 @ Theta1.T, rtol=1e-13)
    np.testing.assert_array_equal(a2, out.a2)
    np.testing.assert_array_equal(z3, out.z3)


@pytest.mark.parametrize("lambda_", [0.0, 2.0])
def test_backward_differentiates_any_output_cost_given_its_delta3(lambda_):
    # squared error J = (1/2m) Σ (a3 - Y)² + penalty has δ(3) = (a3 - Y) ⊙ a3 ⊙ (1 - a3): backward
    # must turn that δ(3) into the gradient of this other cost, checked by central differences
    Theta1, Theta2, X, y = small_problem(m=7, n=3, s2=4, K=3, seed=2)
    Y = np.eye(3)[y]
    m = len(X)

    def J(params):
        T1, T2 = network.unpack(params, 3, 4, 3)
        a3 = network.forward(T1, T2, X).a3
        return np.sum((a3 - Y) ** 2) / (2 * m) + network.penalty(T1, T2, lambda_, m)

    z2, a2, z3 = network.forward_scores(Theta1, Theta2, X)
    a3 = 1 / (1 + np.exp(-z3))
    grads = network.backward(Theta1, Theta2, X, z2, a2, (a3 - Y) * a3 * (1 - a3), lambda_)
    numerical = numerical_gradient(J, network.pack(Theta1, Theta2))
    assert relative_difference(network.pack(*grads), numerical) < 1e-9


def test_nn_cost_function_is_the_packed_form():
    Theta1, Theta2, X, y = small_problem()
    J, grad = network.nn_cost_function(network.pack(Theta1, Theta2), 4, 5, 3, X, y, 1.0)
    J_ref, grads = network.cost_and_gradient(Theta1, Theta2, X, y, 1.0)
    assert J == J_ref
    np.testing.assert_array_equal(grad, network.pack(*grads))


def test_inputs_are_not_modified():
    Theta1, Theta2, X, y = small_problem()
    copies = [a.copy() for a in (Theta1, Theta2, X, y)]
    network.cost_and_gradient(Theta1, Theta2, X, y, 1.0)
    network.gradient_loop(Theta1, Theta2, X, y, 1.0)
    network.forward(Theta1, Theta2, X)
    for original, copy in zip((Theta1, Theta2, X, y), copies, strict=True):
        np.testing.assert_array_equal(original, copy)


# --- initialisation and packing ------------------------------------------------------------------

def test_random_initialize_is_seeded_and_bounded():
    W = network.random_initialize(400, 25, seed=42)
    assert W.shape == (25, 401)
    epsilon_init = math.sqrt(6) / math.sqrt(400 + 25)  # ≈ 0.1188
    assert np.abs(W).max() <= epsilon_init
    assert np.abs(W).max() > 0.9 * epsilon_init  # 10,025 uniform draws reach close to the bound
    np.testing.assert_array_equal(W, network.random_initialize(400, 25, seed=42))
    assert not np.array_equal(W, network.random_initialize(400, 25, seed=43))


def test_initialize_weights_same_seed_same_network():
    a = network.initialize_weights(64, 25, 10, seed=7)
    b = network.initialize_weights(64, 25, 10, seed=7)
    c = network.initialize_weights(64, 25, 10, seed=8)
    assert a[0].shape == (25, 65)
    assert a[1].shape == (10, 26)
    np.testing.assert_array_equal(a[0], b[0])
    np.testing.assert_array_equal(a[1], b[1])
    assert not np.array_equal(a[0], c[0])


@pytest.mark.parametrize(("sizes", "message"), [
    ((2, 0, 3), "hidden_size must be ≥ 1; got 0"),  # was "L_out must be ≥ 1", a name the caller never used
    ((0, 5, 3), "input_size must be ≥ 1; got 0"),
    ((2, 5, 0), "num_labels must be ≥ 1; got 0"),
])
def test_initialize_weights_names_the_callers_size(sizes, message):
    with pytest.raises(ValueError, match=message):
        network.initialize_weights(*sizes)


@pytest.mark.parametrize(("seed", "error", "message"), [
    (-1, ValueError, "seed must be ≥ 0; got -1"),
    (1.5, TypeError, "seed must be a whole number ≥ 0 or a numpy.random.Generator; got float 1.5"),
    ("0", TypeError, "seed must be a whole number ≥ 0 or a numpy.random.Generator; got str '0'"),
])
def test_every_seed_is_checked_the_same_way(seed, error, message):
    Theta1, Theta2, X, y = small_problem()
    with pytest.raises(error, match=message):
        network.random_initialize(3, 2, seed)
    with pytest.raises(error, match=message):
        network.initialize_weights(3, 2, 2, seed)
    with pytest.raises(error, match=message):
        network.fit(X, y, hidden_size=5, seed=seed)
    with pytest.raises(error, match=message):  # unused when initial is given, but still a mistake
        network.fit(X, y, hidden_size=5, seed=seed, initial=(Theta1, Theta2))


def test_a_generator_is_a_seed_too():
    a = network.initialize_weights(3, 2, 2, np.random.default_rng(5))
    b = network.initialize_weights(3, 2, 2, 5)
    np.testing.assert_array_equal(a[0], b[0])


def test_debug_initialize_fills_column_by_column_with_sines():
    W = network.debug_initialize(2, 3)  # shape (3, 3)
    assert W.shape == (3, 3)
    # column-major, as Octave's reshape: W[0,0] = sin(1)/10, W[1,0] = sin(2)/10, W[0,1] = sin(4)/10
    assert W[0, 0] == pytest.approx(math.sin(1) / 10, rel=1e-15, abs=0)
    assert W[1, 0] == pytest.approx(math.sin(2) / 10, rel=1e-15, abs=0)
    assert W[0, 1] == pytest.approx(math.sin(4) / 10, rel=1e-15, abs=0)


def test_pack_unpack_round_trip_and_order():
    Theta1, Theta2, _, _ = small_problem(n=4, s2=5, K=3)
    params = network.pack(Theta1, Theta2)
    assert params.shape == (5 * 5 + 3 * 6,)
    np.testing.assert_array_equal(params[:5], Theta1[0])  # row-major: Theta1's first row first
    np.testing.assert_array_equal(params[25:31], Theta2[0])
    back1, back2 = network.unpack(params, 4, 5, 3)
    np.testing.assert_array_equal(back1, Theta1)
    np.testing.assert_array_equal(back2, Theta2)
    back1[0, 0] = 99.0
    assert params[0] != 99.0  # unpack returns copies


def test_one_hot():
    np.testing.assert_array_equal(network.one_hot([2, 0, 1], 3), [[0, 0, 1], [1, 0, 0], [0, 1, 0]])


# --- validation ----------------------------------------------------------------------------------

def test_label_errors():
    Theta1, Theta2, X, y = small_problem(m=6, K=3)
    with pytest.raises(ValueError, match=r"y must have shape \(m,\) = \(6,\) to match X; got \(6, 1\)"):
        network.cost(Theta1, Theta2, X, y.reshape(-1, 1))
    with pytest.raises(ValueError, match=r"y must hold class labels 0..K-1 = 0..2, K being the number of output units .*got 3 at index 0"):
        network.cost(Theta1, Theta2, X, np.array([3, 0, 1, 2, 0, 1]))
    with pytest.raises(ValueError, match=r"got -1 at index 1"):
        network.gradient(Theta1, Theta2, X, np.array([0, -1, 1, 2, 0, 1]))
    with pytest.raises(ValueError, match=r"1..K are the Octave course's convention; subtract 1"):
        network.cost(Theta1, Theta2, X, np.array([1, 2, 3, 1, 2, 3]))
    with pytest.raises(ValueError, match=r"whole-number class labels 0..2; got 1.5 at index 2"):
        network.cost(Theta1, Theta2, X, np.array([0, 1, 1.5, 2, 0, 1]))
    with pytest.raises(ValueError, match=r"y must have shape \(m,\) = \(6,\) to match the 6 rows of X; got a 1-D array of shape \(5,\)"):
        network.cost(Theta1, Theta2, X, y[:5])


def test_theta_shape_errors():
    Theta1, Theta2, X, y = small_problem(m=6, n=4, s2=5, K=3)
    with pytest.raises(ValueError, match=r"Theta1 must have 5 columns = n\+1 \(bias \+ the 4 features of X, which has no bias column\); got shape \(5, 4\)"):
        network.cost(Theta1[:, 1:], Theta2, X, y)
    with pytest.raises(ValueError, match=r"Theta2 must have 6 columns = s2\+1 .*got shape \(3, 5\)"):
        network.gradient(Theta1, Theta2[:, 1:], X, y)
    with pytest.raises(ValueError, match=r"Theta1 must be a 2-D array"):
        network.forward(Theta1.ravel(), Theta2, X)


def test_X_errors():
    Theta1, Theta2, X, y = small_problem(m=6, n=4)
    bad = X.copy()
    bad[2, 3] = np.nan
    with pytest.raises(ValueError, match=r"X must hold only finite numbers; got 1 NaN or inf value\(s\), the first nan at index \(2, 3\)"):
        network.cost(Theta1, Theta2, bad, y)
    bad[2, 3] = np.inf
    with pytest.raises(ValueError, match=r"X must hold only finite numbers.*index \(2, 3\)"):
        network.cost_and_gradient(Theta1, Theta2, bad, y)
    with pytest.raises(ValueError, match=r"X must hold only finite numbers"):
        network.gradient_loop(Theta1, Theta2, bad, y)
    # with all-zero weights a BLAS may skip 0·NaN; the NaN must still be reported
    with pytest.raises(ValueError, match=r"X must hold only finite numbers.*index \(2, 3\)"):
        network.cost(np.zeros_like(Theta1), Theta2, bad, y)
    # cost_and_gradient does not scan X up front: the NaN shows in z2 (or in the gradients) and is named
    bad[2, 3] = np.nan
    for Theta1_used in (Theta1, np.zeros_like(Theta1)):
        with pytest.raises(ValueError, match=r"X must hold only finite numbers.*nan at index \(2, 3\)"):
            network.cost_and_gradient(Theta1_used, Theta2, bad, y)
    with pytest.raises(ValueError, match=r"X must be a 2-D array of shape \(m, n\).*got a 1-D array"):
        network.predict(Theta1, Theta2, X[0])
    with pytest.raises(TypeError, match=r"X must hold real numbers; got an array of dtype <U1"):
        network.cost(Theta1, Theta2, [["a"] * 4] * 6, y)
    # scores beyond the float64 range: the cost refuses to go on with inf or NaN, and says why (the
    # error is the message; numpy's overflow warning, printed before it, is not)
    with pytest.raises(ValueError, match=r"^the output scores z3 overflowed: X, Theta1 or Theta2 are too large; "
                                         r"scale them$"):
        network.cost(Theta1, np.full_like(Theta2, 1e308), X, y)


def test_lambda_and_size_errors():
    Theta1, Theta2, X, y = small_problem()
    with pytest.raises(ValueError, match=r"lambda_ must be ≥ 0 .*got -1"):
        network.cost(Theta1, Theta2, X, y, lambda_=-1)
    with pytest.raises(TypeError, match=r"lambda_ must be a real number; got str"):
        network.gradient(Theta1, Theta2, X, y, lambda_="1")
    with pytest.raises(ValueError, match=r"nn_params must have shape \(43,\) = hidden_size"):
        network.unpack(np.zeros(42), 4, 5, 3)
    with pytest.raises(ValueError, match=r"hidden_size must be ≥ 1; got 0"):
        network.fit(X, y, hidden_size=0)
    with pytest.raises(ValueError, match=r'method must be "lbfgs" or "gradient_descent"; got \'sgd\''):
        network.fit(X, y, method="sgd")


# --- training ------------------------------------------------------------------------------------

def blobs(m_per_class=40, K=3, seed=0):
    """K well-separated Gaussian clusters in 2-D: a problem any working network solves."""
    rng = np.random.default_rng(seed)
    centres = np.array([[0.0, 0.0], [3.0, 3.0], [-3.0, 3.0], [3.0, -3.0]])[:K]
    X = np.vstack([c + 0.5 * rng.normal(size=(m_per_class, 2)) for c in centres])
    y = np.repeat(np.arange(K), m_per_class)
    return X, y


def test_fit_lbfgs_learns_separable_blobs():
    X, y = blobs()
    trained = network.fit(X, y, hidden_size=5, lambda_=0.1, num_iters=200, seed=0)
    assert trained.accuracy(X, y) > 0.97
    assert trained.result.cost_history[-1] < 0.2 * trained.result.cost_history[0]


def test_fit_gradient_descent_decreases_and_reports_divergence():
    X, y = blobs()
    slow = network.fit(X, y, hidden_size=5, lambda_=0.0, method="gradient_descent", alpha=0.5,
                       num_iters=50, seed=0)
    assert np.all(np.diff(slow.result.cost_history) <= 0)
    assert not slow.result.diverged
    wild = network.fit(X * 50, y, hidden_size=5, lambda_=0.0, method="gradient_descent",
                       alpha=500.0, num_iters=50, seed=0)
    assert wild.result.diverged
    assert "alpha" in wild.result.message


def test_fit_on_digits_reaches_96_percent_held_out():
    from mlcourse import datasets

    X, y = datasets.load_digits()
    X_train, X_test, y_train, y_test = datasets.train_test_split(X / 16.0, y, test_fraction=0.25, seed=0)
    trained = network.fit(X_train, y_train, hidden_size=25, lambda_=1.0, num_iters=300, seed=0)
    assert trained.accuracy(X_test, y_test) >= 0.96


def test_results_do_not_depend_on_the_callers_np_seterr():
    # saturated units (|z| up to 1e4) and tiny weights underflow on the way, which is right; a learner's
    # np.seterr(all="raise") made that a FloatingPointError. np.errstate sets the same state, then restores it.
    Theta1, Theta2, X, y = small_problem()
    for scale in (1e-160, 1.0, 1e3):
        expected = network.cost_and_gradient(Theta1 * scale, Theta2 * scale, X, y, 1.0)
        with np.errstate(all="raise"):
            J, gradients = network.cost_and_gradient(Theta1 * scale, Theta2 * scale, X, y, 1.0)
            loop = network.gradient_loop(Theta1 * scale, Theta2 * scale, X, y, 1.0)
            network.forward(Theta1 * scale, Theta2 * scale, X)
        assert J == expected[0]
        for got, want, by_loop in zip(gradients, expected[1], loop, strict=True):
            np.testing.assert_array_equal(got, want)
            np.testing.assert_allclose(by_loop, want, rtol=1e-12, atol=1e-300)
    with np.errstate(all="raise"):
        trained = network.fit(X * 100, y, hidden_size=5, num_iters=20)
    assert np.isfinite(trained.result.final_cost)


# --- regressions from the input audit: each failed before its fix -------------------------------

def test_forward_scores_checks_what_it_is_given():
    Theta1, Theta2, X, _ = small_problem(m=6, n=4, s2=5, K=3)
    # was AttributeError "'list' object has no attribute 'T'"
    np.testing.assert_array_equal(network.forward_scores(Theta1, Theta2.tolist(), X)[2],
                                  network.forward_scores(Theta1, Theta2, X)[2])
    # was "matmul: Input operand 1 has a mismatch in its core dimension 0, ..."
    with pytest.raises(ValueError, match=r"Theta1 must have 6 columns = n\+1 \(bias \+ the 5 features of X, which "
                                         r"has no bias column\); got shape \(5, 5\)"):
        network.forward_scores(Theta1, Theta2, np.column_stack([np.ones(6), X]))  # X with a bias column
    # was a (6, 3) complex z3 without a word
    with pytest.raises(TypeError, match=r"Theta2 must hold real numbers; got an array of dtype complex128"):
        network.forward_scores(Theta1, Theta2 + 0j, X)
    # was "z must not hold NaN", naming the sigmoid's parameter; an inf in X went through as a limit
    for bad_value in (np.nan, np.inf):
        bad = X.copy()
        bad[2, 3] = bad_value
        with pytest.raises(ValueError, match=r"X must hold only finite numbers; got 1 NaN or inf value\(s\), "
                                             rf"the first {bad_value} at index \(2, 3\)"):
            network.forward_scores(Theta1, Theta2, bad)


@pytest.mark.parametrize(("args", "error", "message"), [
    ((2.0, 0), ValueError, r"^m must be ≥ 1; got 0$"),  # was ZeroDivisionError
    ((-1.0, 4), ValueError, r"^lambda_ must be ≥ 0 \(it is a penalty on large weights\); got -1$"),  # was -3.5
    ((float("nan"), 4), ValueError, r"^lambda_ must be a finite number; got nan$"),  # was nan
    (("2", 4), TypeError, r"^lambda_ must be a real number; got str '2'$"),  # was "unsupported operand type(s)"
])
def test_penalty_checks_lambda_and_m(args, error, message):
    with pytest.raises(error, match=message):
        network.penalty(np.array([[5.0, 1.0, 2.0]]), np.array([[7.0, 3.0]]), *args)


def test_penalty_checks_the_weights():
    assert network.penalty([[5.0, 1.0, 2.0]], [[7.0, 3.0]], 2.0, 4) == pytest.approx(3.5)  # was a TypeError
    with pytest.raises(ValueError, match=r"Theta1 must hold only finite numbers; got 1 NaN"):  # was nan
        network.penalty(np.array([[5.0, np.nan, 2.0]]), np.array([[7.0, 3.0]]), 2.0, 4)
    with pytest.raises(ValueError, match=r"Theta2 must have 2 columns = s2\+1 .*got shape \(1, 3\)"):  # was 6.5
        network.penalty(np.array([[5.0, 1.0, 2.0]]), np.array([[7.0, 3.0, 1.0]]), 2.0, 4)


def test_backward_checks_every_array_by_name():
    Theta1, Theta2, X, y = small_problem(m=6, n=4, s2=5, K=3)
    z2, a2, z3 = network.forward_scores(Theta1, Theta2, X)
    delta3 = 1 / (1 + np.exp(-z3)) - np.eye(3)[y]
    reference = network.backward(Theta1, Theta2, X, z2, a2, delta3, 1.0)
    # was AttributeError "'list' object has no attribute 'T'"
    for got, expected in zip(network.backward(Theta1, Theta2, X, z2, a2, delta3.tolist(), 1.0), reference,
                             strict=True):
        np.testing.assert_array_equal(got, expected)
    # each was a numpy broadcasting or matmul error naming no parameter
    with pytest.raises(ValueError, match=r"^delta3 must have shape \(m, K\) = \(6, 3\); got a 2-D array of shape "
                                         r"\(3, 6\)$"):
        network.backward(Theta1, Theta2, X, z2, a2, delta3.T, 1.0)
    with pytest.raises(ValueError, match=r"^a2 must have shape \(m, s2\+1\) = \(6, 6\); got a 2-D array of shape "
                                         r"\(6, 5\)$"):
        network.backward(Theta1, Theta2, X, z2, a2[:, 1:], delta3, 1.0)
    with pytest.raises(ValueError, match=r"^z2 must have shape \(m, s2\) = \(6, 5\); got a 2-D array of shape "
                                         r"\(5, 5\)$"):
        network.backward(Theta1, Theta2, X, z2[:5], a2, delta3, 1.0)
    with pytest.raises(ValueError, match=r"^lambda_ must be ≥ 0"):  # was a gradient for a negative penalty
        network.backward(Theta1, Theta2, X, z2, a2, delta3, -1.0)
    # NaN in delta3 or in X: was a NaN gradient without a word
    with pytest.raises(ValueError, match=r"^delta3 must hold only finite numbers"):
        network.backward(Theta1, Theta2, X, z2, a2, delta3 * np.nan, 1.0)
    bad = X.copy()
    bad[1, 2] = np.nan
    with pytest.raises(ValueError, match=r"^X must hold only finite numbers; .*the first nan at index \(1, 2\)"):
        network.backward(Theta1, Theta2, bad, z2, a2, delta3, 1.0)
    # a2, delta3 and X are scanned only once the gradients come out non-finite, and then named
    a2_bad = a2.copy()
    a2_bad[3, 4] = np.inf
    with pytest.raises(ValueError, match=r"^a2 must hold only finite numbers; .*the first inf at index \(3, 4\)"):
        network.backward(Theta1, Theta2, X, z2, a2_bad, delta3, 1.0)
    z2_bad = z2.copy()
    z2_bad[0, 0] = np.nan  # z2 is scanned for NaN up front (g'(z2) would refuse it, under another name)
    with pytest.raises(ValueError, match=r"^z2 must hold only finite numbers"):
        network.backward(Theta1, Theta2, X, z2_bad, a2, delta3, 1.0)


@pytest.mark.parametrize(("y", "error", "message"), [
    ([[0, 1], [2]], TypeError, r"^y must be a rectangular array of numbers"),  # was numpy's "inhomogeneous shape"
    ([], ValueError, r"^y must have at least one entry; got shape \(0,\)"),  # was IndexError
    (2, ValueError, r"^y must be a 1-D vector .*got a 0-D array"),  # said "to match the 1 rows of X"
    ([0, 3], ValueError, r"^y must hold class labels 0..K-1 = 0..2, K being K; got 3 at index 1"),
])
def test_one_hot_errors_name_y_and_K(y, error, message):
    with pytest.raises(error, match=message):
        network.one_hot(y, 3)


@pytest.mark.parametrize("initial", [True, "weights", 0.5, [np.zeros((3, 3))]])
def test_fit_refuses_an_initial_that_is_not_a_pair(initial):
    X, y = blobs(m_per_class=4)
    # was "Value after * must be an iterable" or "check_network_thetas() takes 3 positional arguments"
    with pytest.raises(TypeError, match=r"^initial must be a pair \(Theta1, Theta2\) or None; got "):
        network.fit(X, y, hidden_size=3, initial=initial, num_iters=2)


@pytest.mark.parametrize(("kwargs", "error", "message"), [
    ({"num_iters": 0}, ValueError, r"^num_iters must be ≥ 1; got 0$"),  # was "max_iters must be ≥ 1"
    ({"num_iters": True}, TypeError, r"^num_iters must be a whole number ≥ 1; got bool True$"),
    ({"alpha": "fast"}, TypeError, r"^alpha must be a real number; got str 'fast'$"),  # was ignored by L-BFGS-B
    ({"alpha": -1.0}, ValueError, r"^alpha must be > 0; got -1$"),
])
def test_fit_names_num_iters_and_alpha_for_either_method(kwargs, error, message):
    X, y = blobs(m_per_class=4)
    with pytest.raises(error, match=message):
        network.fit(X, y, hidden_size=3, **kwargs)


def test_train_refuses_a_kernel_that_cannot_be_called():
    X, y = blobs(m_per_class=4)
    # was "'str' object is not callable" from inside scipy, after the data had been checked
    with pytest.raises(TypeError, match=r"^kernel must be a function \(Theta1, Theta2, X, labels, lambda_\) -> "
                                        r"\(J, gradients\); got str 'cost'"):
        network.train("cost", X, y, 3, 1.0)


def _returning(reshape):
    """A kernel returning the library's J and gradients, passed through ``reshape(J, g1, g2)``."""
    def kernel(Theta1, Theta2, X, labels, lambda_):
        J, (Theta1_grad, Theta2_grad) = network.cost_and_gradient(Theta1, Theta2, X, labels, lambda_)
        return reshape(J, Theta1_grad, Theta2_grad)
    return kernel


@pytest.mark.parametrize(("reshape", "error", "got"), [
    # chapter 07 passes a learner's kernel; each of these used to fail inside train or scipy, or to
    # train silently on a transposed gradient of the right size (to a higher cost, status "failed")
    (lambda J, g1, g2: (J, g1, g2), TypeError, r"got a tuple of 3 items: \("),  # was "too many values"
    (lambda J, g1, g2: J, TypeError, r"got a float: "),  # was "cannot unpack non-iterable float"
    (lambda J, g1, g2: (J, np.concatenate([g1.ravel(), g2.ravel()])), TypeError,
     r", the gradients not packed into one vector; got \(J, an array of shape \(27,\)\)$"),
    (lambda J, g1, g2: (J, (g1.T, g2)), ValueError, r"got Theta1_grad of shape \(5, 3\)$"),
    (lambda J, g1, g2: (J, (g2, g1)), ValueError, r"got Theta1_grad of shape \(3, 4\)$"),
])
def test_train_names_a_kernel_result_of_the_wrong_form(reshape, error, got):
    X, y = np.random.default_rng(0).random((12, 4)), np.arange(12) % 3  # Theta1 (3, 5), Theta2 (3, 4)
    expected = r"^kernel must return (\(J, \(Theta1_grad, Theta2_grad\)\)|a pair \(Theta1_grad, Theta2_grad\) of shapes \(3, 5\) and \(3, 4\))"
    with pytest.raises(error, match=expected + ".*" + got):
        network.train(_returning(reshape), X, y, 3, 1.0, num_iters=5)


def test_train_accepts_gradients_as_lists_and_trains_as_with_arrays():
    X, y = np.random.default_rng(0).random((12, 4)), np.arange(12) % 3
    as_lists = network.train(_returning(lambda J, g1, g2: (J, [g1.tolist(), g2.tolist()])), X, y, 3, 1.0,
                             num_iters=5)
    as_arrays = network.train(_returning(lambda J, g1, g2: (J, (g1, g2))), X, y, 3, 1.0, num_iters=5)
    np.testing.assert_array_equal(as_lists[0], as_arrays[0])


def test_fit_refuses_octave_labels_unless_num_labels_is_given():
    X, y = blobs(m_per_class=4)
    # was a silent fit with num_labels = 4 and an output unit for a class 0 that never occurs
    with pytest.raises(ValueError, match=r"^y must hold class labels starting at 0 when num_labels is not given; "
                                         r"got 1..3 .*subtract 1 from y"):
        network.fit(X, y + 1, hidden_size=3, num_iters=2)
    assert network.fit(X, y + 1, hidden_size=3, num_iters=2, num_labels=4).Theta2.shape == (4, 4)


def test_backward_reports_inf_in_X_and_overflow_without_a_numpy_warning():
    # warnings are errors in this suite: inf·0 in δ(2)ᵀ X used to raise numpy's "invalid value" first
    Theta1, Theta2, X, _ = small_problem(m=6, n=4, s2=5, K=3)
    z2, a2, _ = network.forward_scores(Theta1, Theta2, X)
    delta3 = np.zeros((6, 3))
    delta3[0] = 1.0  # rows of δ(2) that are 0 meet the inf: inf·0
    bad = X.copy()
    bad[4, 1] = np.inf
    with pytest.raises(ValueError, match=r"^X must hold only finite numbers; .*the first inf at index \(4, 1\)$"):
        network.backward(Theta1, Theta2, bad, z2, a2, delta3)
    with pytest.raises(ValueError, match=r"^the gradients overflowed: X, a2 or delta3 hold numbers too large"):
        network.backward(Theta1, Theta2, X, z2, a2, np.full((6, 3), 1e308))


def test_a_hidden_score_that_overflows_is_refused_by_network_and_softmax():
    # z2 = inf was once let through as g(inf) = 1; but where large terms cancel, X Θ(1)ᵀ can overflow
    # to inf (or inf − inf) while the exact score is small, and the outputs were silently wrong. Such
    # a score is now refused, as logistic regression refuses X θ and the network refuses z3
    X, y = np.random.default_rng(0).random((20, 3)), np.arange(20) % 3
    Theta1, Theta2 = network.initialize_weights(3, 4, 3, seed=0)
    X[0, 0], Theta1[:, 1] = 1e308, 10.0
    with np.errstate(all="raise"):  # and without a numpy warning or FloatingPointError on the way
        for module in (network, softmax):
            with pytest.raises(ValueError, match=r"^the hidden scores z2 overflowed: X or Theta1 are too large; "
                                                 r"scale them$"):
                module.cost_and_gradient(Theta1, Theta2, X, y, 1.0)
    cancelling = np.array([[-5.0, 1e10, 1e10]]), np.array([[0.0, 1.0], [0.5, 0.0]])
    with pytest.raises(ValueError, match=r"^the hidden scores z2 overflowed"):  # exact z2 = -5: class 1
        network.predict(*cancelling, [[1e300, -1e300]])


def test_layer_sizes_too_large_for_memory_are_refused_by_name():
    # were numpy's "loop of ufunc does not support argument 0 of type int" and "array is too big"
    with pytest.raises(ValueError, match=r"^input_size and hidden_size must keep a layer's weights under 1 GiB; "
                                         r"got input_size = 1,000,000,000,000,000,000,000,000,000,000 and"):
        network.initialize_weights(10**30, 2, 2)
    with pytest.raises(ValueError, match=r"^L_in and L_out must keep a layer's weights under 1 GiB; got L_in = "
                                         r"10,000,000,000 and L_out = 10,000,000,000: "):
        network.random_initialize(10**10, 10**10, 0)
    with pytest.raises(ValueError, match=r"^L_in and L_out must keep"):
        network.debug_initialize(10**20, 3)


def test_weights_whose_squares_overflow_give_an_infinite_cost_without_a_warning():
    # warnings are errors in this suite: the penalty's squares overflowed with a RuntimeWarning
    Theta1, Theta2, X, y = small_problem(m=6, n=3, s2=4, K=3)
    assert network.penalty(Theta1 * 1e200, Theta2, 1.0, 6) == np.inf
    assert network.cost(Theta1, Theta2 * 1e160, X, y, 1.0) == np.inf
    assert network.cost(Theta1, Theta2 * 1e160, X, y, 0.0) < np.inf  # the data term alone is finite
