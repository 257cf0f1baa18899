"""Tests for mlcourse.chapters.ch06_backpropagation: every step of chapter 06's derivation against an independent oracle."""

import numpy as np
import pytest

from mlcourse import gradcheck, network
from mlcourse.activations import sigmoid
from mlcourse.chapters import ch06_backpropagation as ch06


def _problem(m=6, n=4, s2=5, K=3, seed=0):
    rng = np.random.default_rng(seed)
    Theta1 = rng.normal(scale=0.8, size=(s2, n + 1))
    Theta2 = rng.normal(scale=0.8, size=(K, s2 + 1))
    X = rng.normal(size=(m, n))
    y = np.arange(m) % K
    return Theta1, Theta2, X, y


# --- Q1 and Q2 ------------------------------------------------------------------------------------

def test_single_example_steps_hand_value_at_zero():
    # z = 0: h = 1/2; with y = 1 every line is h − y = −1/2, with y = 0 it is +1/2
    steps = ch06.single_example_steps([0.0, 0.0], [1.0, 0.0])
    assert [name for name, _ in steps] == list(ch06.SINGLE_EXAMPLE_STEPS)
    for _, values in steps:
        np.testing.assert_allclose(values, [-0.5, 0.5], rtol=0, atol=1e-15)


def test_single_example_steps_match_central_differences():
    z = np.array([-3.0, -0.7, 0.4, 2.5, 5.0])
    y = np.array([1.0, 0.0, 1.0, 0.0, 1.0])

    def cost(z_values):  # J of each example separately; the derivative is elementwise
        h = sigmoid(z_values)
        return -y * np.log(h) - (1 - y) * np.log(1 - h)

    epsilon = 1e-5
    numerical = (cost(z + epsilon) - cost(z - epsilon)) / (2 * epsilon)
    for _, values in ch06.single_example_steps(z, y):
        np.testing.assert_allclose(values, numerical, rtol=0, atol=1e-9)


def test_single_example_steps_errors():
    with pytest.raises(ValueError, match=r"\|z\| ≤ 30"):
        ch06.single_example_steps([40.0], [1.0])
    with pytest.raises(ValueError, match=r"y must have shape \(2,\)"):
        ch06.single_example_steps([0.0, 1.0], [1.0])
    with pytest.raises(ValueError, match="y must hold targets between 0 and 1"):
        ch06.single_example_steps([0.0], [2.0])
    with pytest.raises(TypeError, match="z"):
        ch06.single_example_steps(["a"], [1.0])


def test_output_cost_at_zero_scores_is_K_log_2():
    # every entry contributes log(1 + e^0) − y·0 = log 2; K = 3 entries per example, averaged over m
    z3 = np.zeros((4, 3))
    Y = network.one_hot([0, 1, 2, 0], 3)
    assert ch06.output_cost(z3, Y) == pytest.approx(3 * np.log(2), rel=1e-15)


def test_output_cost_equals_cost_of_h_and_network_cost():
    Theta1, Theta2, X, y = _problem()
    forward = network.forward(Theta1, Theta2, X)
    Y = network.one_hot(y, 3)
    J = network.cost(Theta1, Theta2, X, y)
    assert ch06.output_cost(forward.z3, Y) == pytest.approx(J, rel=1e-13)
    assert ch06.output_cost_of_h(forward.a3, Y) == pytest.approx(J, rel=1e-13)


def test_dJ_dz3_matches_central_differences():
    Theta1, Theta2, X, y = _problem()
    forward = network.forward(Theta1, Theta2, X)
    Y = network.one_hot(y, 3)
    numerical = gradcheck.numerical_gradient(lambda z3: ch06.output_cost(z3, Y), forward.z3)
    np.testing.assert_allclose(ch06.dJ_dz3(forward.a3, Y), numerical, rtol=0, atol=1e-10)
    np.testing.assert_allclose(ch06.delta3(forward.a3, Y), forward.a3 - Y, rtol=0, atol=0)


def test_dJ_dh_hand_value_and_central_differences():
    # a = 0.8, y = 1, m = 1: (0.8 − 1)/(0.8·0.2) = −0.2/0.16 = −1.25
    np.testing.assert_allclose(ch06.dJ_dh([[0.8]], [[1.0]]), [[-1.25]], rtol=1e-14)
    a3 = np.array([[0.2, 0.7], [0.95, 0.4], [0.5, 0.1]])
    Y = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 0.0]])
    numerical = gradcheck.numerical_gradient(lambda a: ch06.output_cost_of_h(a, Y), a3, 1e-6)
    np.testing.assert_allclose(ch06.dJ_dh(a3, Y), numerical, rtol=1e-7)


def test_output_errors():
    with pytest.raises(ValueError, match=r"Y must have shape \(2, 3\)"):
        ch06.output_cost(np.zeros((2, 3)), np.zeros((2, 2)))
    with pytest.raises(ValueError, match=r"z3 must be a matrix of shape \(m, K\)"):
        ch06.output_cost(np.zeros(3), np.zeros(3))
    with pytest.raises(ValueError, match="a3 must hold outputs strictly between 0 and 1"):
        ch06.dJ_dh([[1.0]], [[1.0]])
    with pytest.raises(ValueError, match="a3 must hold only finite numbers"):
        ch06.delta3([[np.nan]], [[1.0]])


# --- Q11 -----------------------------------------------------------------------------------------

def test_three_forms_of_delta2_agree_and_match_central_differences():
    Theta1, Theta2, X, y = _problem()
    forward = network.forward(Theta1, Theta2, X)
    Y = network.one_hot(y, 3)
    d3 = ch06.delta3(forward.a3, Y)
    matrix = ch06.delta2(d3, Theta2, forward.z2)
    np.testing.assert_allclose(ch06.delta2_sum(d3, Theta2, forward.z2), matrix, rtol=0, atol=1e-15)
    columns = np.array([ch06.delta2_column(d3[t], Theta2, forward.z2[t]) for t in range(X.shape[0])])
    np.testing.assert_allclose(columns, matrix, rtol=0, atol=1e-15)
    numerical = gradcheck.numerical_gradient(lambda z2: ch06.cost_of_z2(z2, Theta2, Y), forward.z2)
    m = X.shape[0]
    np.testing.assert_allclose(matrix / m, numerical, rtol=0, atol=1e-10)


def test_cost_of_a2_has_a_bias_column_derivative_that_is_not_passed_on():
    Theta1, Theta2, X, y = _problem()
    forward = network.forward(Theta1, Theta2, X)
    Y = network.one_hot(y, 3)
    m = X.shape[0]
    numerical = gradcheck.numerical_gradient(lambda a2: ch06.cost_of_a2(a2, Theta2, Y), forward.a2)
    d3 = ch06.delta3(forward.a3, Y)
    np.testing.assert_allclose(numerical, d3 @ Theta2 / m, rtol=0, atol=1e-10)
    assert np.abs(numerical[:, 0]).max() > 1e-3  # J does depend on a0: the column is dropped, not zero


def test_delta2_errors():
    with pytest.raises(ValueError, match=r"Theta2 must have shape \(K, s2\+1\) = \(3, 6\)"):
        ch06.delta2(np.zeros((2, 3)), np.zeros((3, 5)), np.zeros((2, 5)))
    with pytest.raises(ValueError, match="z2 must have one row per example, 2 like delta3"):
        ch06.delta2_sum(np.zeros((2, 3)), np.zeros((3, 6)), np.zeros((4, 5)))
    with pytest.raises(ValueError, match="delta3_t and z2_t must be vectors"):
        ch06.delta2_column(np.zeros((1, 3)), np.zeros((3, 6)), np.zeros(5))


# --- Q12 -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("lambda_", [0.0, 1.5])
def test_outer_products_equal_network_gradient(lambda_):
    Theta1, Theta2, X, y = _problem()
    Theta1_copy, Theta2_copy, X_copy = Theta1.copy(), Theta2.copy(), X.copy()
    grads = ch06.gradient_from_outer_products(Theta1, Theta2, X, y, lambda_)
    expected = network.gradient(Theta1, Theta2, X, y, lambda_)
    for got, want in zip(grads, expected, strict=True):
        np.testing.assert_allclose(got, want, rtol=0, atol=1e-14)
    np.testing.assert_array_equal(Theta1, Theta1_copy)
    np.testing.assert_array_equal(Theta2, Theta2_copy)
    np.testing.assert_array_equal(X, X_copy)


def test_outer_products_pass_the_gradient_check():
    result = gradcheck.check_network_gradient(lambda_=3.0, gradient_function=ch06.gradient_from_outer_products)
    assert result.passed
    assert result.relative_difference < 1e-9


def test_outer_products_errors():
    Theta1, Theta2, X, y = _problem()
    with pytest.raises(ValueError, match="lambda_"):
        ch06.gradient_from_outer_products(Theta1, Theta2, X, y, -1.0)
    with pytest.raises(ValueError, match="y"):
        ch06.gradient_from_outer_products(Theta1, Theta2, X, y + 5)


# --- Q10 -----------------------------------------------------------------------------------------

def test_squared_error_hand_values():
    # z = 0, y = 1: a = 1/2, J = (1/2)(1/2)² = 1/8; δ = −(1 − 1/2)·g'(0) = −(1/2)(1/4) = −1/8
    assert ch06.squared_error_cost([[0.0]], [[1.0]]) == pytest.approx(0.125, rel=1e-15)
    np.testing.assert_allclose(ch06.squared_error_delta3([[0.0]], [[1.0]]), [[-0.125]], rtol=1e-15)


def test_squared_error_delta3_matches_central_differences():
    rng = np.random.default_rng(3)
    z3 = rng.normal(scale=3.0, size=(5, 3))
    Y = network.one_hot([0, 1, 2, 0, 1], 3)
    numerical = gradcheck.numerical_gradient(lambda z: ch06.squared_error_cost(z, Y), z3)
    np.testing.assert_allclose(ch06.squared_error_delta3(z3, Y) / 5, numerical, rtol=0, atol=1e-10)


def test_output_error_gradient_both_kinds():
    Theta1, Theta2, X, y = _problem()
    for got, want in zip(ch06.output_error_gradient(Theta1, Theta2, X, y, 0.7),
                         network.gradient(Theta1, Theta2, X, y, 0.7), strict=True):
        np.testing.assert_allclose(got, want, rtol=0, atol=1e-14)
    Y = network.one_hot(y, 3)
    size1 = Theta1.size

    def squared_cost(params):
        T1 = params[:size1].reshape(Theta1.shape)
        T2 = params[size1:].reshape(Theta2.shape)
        return ch06.squared_error_cost(network.forward(T1, T2, X).z3, Y)

    numerical = gradcheck.numerical_gradient(squared_cost, network.pack(Theta1, Theta2))
    analytic = network.pack(*ch06.output_error_gradient(Theta1, Theta2, X, y,
                                                            output_error="squared_error"))
    assert gradcheck.relative_difference(analytic, numerical) < 1e-9
    with pytest.raises(ValueError, match='output_error must be "cross_entropy" or "squared_error"'):
        ch06.output_error_gradient(Theta1, Theta2, X, y, output_error="hinge")


def test_saturated_start_shifts_only_the_output_bias():
    Theta1, Theta2 = ch06.saturated_start(4, 5, 3, seed=1, output_bias=6.0)
    base1, base2 = network.initialize_weights(4, 5, 3, 1)
    np.testing.assert_array_equal(Theta1, base1)
    np.testing.assert_allclose(Theta2[:, 0], base2[:, 0] + 6.0, rtol=0, atol=1e-15)
    np.testing.assert_array_equal(Theta2[:, 1:], base2[:, 1:])
    with pytest.raises(ValueError, match="output_bias must be a finite number"):
        ch06.saturated_start(4, 5, 3, output_bias=float("inf"))


def test_train_output_errors_cross_entropy_escapes_saturation_faster():
    Theta1, Theta2, X, y = _problem(m=30, n=4, s2=5, K=3, seed=2)
    Theta1, Theta2 = ch06.saturated_start(4, 5, 3, seed=2, output_bias=6.0)
    start = (Theta1.copy(), Theta2.copy())
    runs = ch06.train_output_errors(Theta1, Theta2, X, y, alpha=1.0, num_iters=20, checkpoints=[20, 0])
    np.testing.assert_array_equal(Theta1, start[0])  # the caller's start is not modified
    np.testing.assert_array_equal(Theta2, start[1])
    cross, squared = runs["cross_entropy"], runs["squared_error"]
    assert [c.iteration for c in cross] == [0, 20]
    assert cross[0].cross_entropy == pytest.approx(squared[0].cross_entropy, rel=1e-15)
    # saturated at "yes": the cross-entropy error is near 1 per wrong output, the squared one near 0
    assert cross[0].mean_abs_delta3 > 50 * squared[0].mean_abs_delta3
    assert cross[1].cross_entropy < squared[1].cross_entropy


def test_train_output_errors_rejects_bad_checkpoints():
    Theta1, Theta2, X, y = _problem()
    with pytest.raises(ValueError, match="checkpoints must be iterations between 0 and num_iters = 5"):
        ch06.train_output_errors(Theta1, Theta2, X, y, alpha=1.0, num_iters=5, checkpoints=[6])
    with pytest.raises(ValueError, match="alpha"):
        ch06.train_output_errors(Theta1, Theta2, X, y, alpha=0.0, num_iters=5, checkpoints=[0])


# --- Q13 -----------------------------------------------------------------------------------------

def test_graph_forward_hand_values_and_cost():
    # z = 0, y = 1, m = 1: u0 = 1/2, u1 = 1/2, u2 = u3 = −log 2, u4 = −log 2, u5 = log 2
    nodes = ch06.graph_forward([0.0], [1.0])
    assert list(nodes) == list(ch06.GRAPH_NODES)
    np.testing.assert_allclose(nodes["u0"], [0.5], rtol=1e-15)
    np.testing.assert_allclose(nodes["u4"], [-np.log(2)], rtol=1e-15)
    np.testing.assert_allclose(nodes["u5"], [np.log(2)], rtol=1e-15)
    z = np.array([-1.5, 0.3, 2.0])
    y = np.array([0.0, 1.0, 1.0])
    J = ch06.output_cost(z[:, None], y[:, None])
    assert float(ch06.graph_forward(z, y)["u5"][0]) == pytest.approx(J, rel=1e-13)


def test_graph_local_derivatives_hand_values():
    # z = 0, y = 1, m = 1: g'(0) = 1/4, 1/u0 = 1/u1 = 2, ∂u4/∂u2 = y = 1, ∂u4/∂u3 = 0, ∂u5/∂u4 = −1
    local = ch06.graph_local_derivatives([0.0], [1.0])
    expected = {("u0", "z"): 0.25, ("u1", "u0"): -1.0, ("u2", "u0"): 2.0, ("u3", "u1"): 2.0,
                ("u4", "u2"): 1.0, ("u4", "u3"): 0.0, ("u5", "u4"): -1.0}
    for edge, value in expected.items():
        np.testing.assert_allclose(local[edge], [value], rtol=1e-15, err_msg=str(edge))


def test_graph_backward_matches_numerical_adjoints_and_ends_at_a_minus_y_over_m():
    z = np.array([-2.0, -0.5, 0.8, 1.7])
    y = np.array([1.0, 0.0, 0.0, 1.0])
    backward = ch06.graph_backward(z, y)
    numerical = ch06.graph_numerical_adjoints(z, y)
    for name in ch06.GRAPH_NODES:
        np.testing.assert_allclose(backward[name], numerical[name], rtol=1e-7, atol=1e-9, err_msg=name)
    np.testing.assert_allclose(backward["z"], (sigmoid(z) - y) / 4, rtol=0, atol=1e-15)


def test_graph_errors():
    with pytest.raises(ValueError, match="replace must name a node"):
        ch06.graph_forward([0.0], [1.0], replace=("u9", [0.0]))
    with pytest.raises(ValueError, match=r"the values replacing u5 must have shape \(1,\)"):
        ch06.graph_forward([0.0, 1.0], [1.0, 0.0], replace=("u5", [0.0, 1.0]))
    with pytest.raises(ValueError, match=r"z must be a vector of shape \(m,\)"):
        ch06.graph_backward([[0.0]], [[1.0]])
    with pytest.raises(ValueError, match="epsilon"):
        ch06.graph_numerical_adjoints([0.0], [1.0], epsilon=-1.0)
