"""The network track's checks (chapters 05–08): each names the mistakes a learner makes.

Every buggy variant below is written the way a learner might write it, as plain numpy in the course's
notation and apart from the checks' own mistake generators, and the test pins the name the check
gives it and a phrase of its hint. Warnings are errors in this test run.
"""

import re

import numpy as np
import pytest
from test_checks_engine import assert_mistake

from mlcourse import checks, network
from mlcourse.activations import sigmoid, sigmoid_gradient
from mlcourse.checks import gradient_checking_exercises, network_exercises, solutions

# --- the network track: shared helpers -----------------------------------------------------------

def assert_verdict(result, status, name, hint):
    """The verdict has this status and mistake, and its hint matches the pattern ``hint``."""
    assert result.status == status, result
    assert result.mistake == name
    assert re.search(hint, result.hint, re.S), result.hint


def with_ones(values):
    return np.hstack([np.ones((values.shape[0], 1)), values])


def layers(Theta1, Theta2, X):
    """A learner's correct forward pass, returning every intermediate."""
    a1 = with_ones(X)
    z2 = a1 @ Theta1.T
    a2 = with_ones(sigmoid(z2))
    z3 = a2 @ Theta2.T
    return a1, z2, a2, z3, sigmoid(z3)


def test_the_network_problem_has_distinct_sizes_and_every_class():
    Theta1, Theta2, X, y = network_exercises.small_network()
    # n = 2, s2 = 4, K = 3, m = 6: n, n+1, s2, s2+1 and m all differ, so a shape error names its cause
    assert (Theta1.shape, Theta2.shape, X.shape, y.shape) == ((4, 3), (3, 5), (6, 2), (6,))
    assert set(y) == {0, 1, 2}
    for array in (Theta1, Theta2, X):
        assert np.all(array != 0)
    a3 = network.forward(Theta1, Theta2, X).a3
    assert a3.min() > 0.1  # not saturated: every mistake moves the outputs
    assert a3.max() < 0.9


def test_the_network_input_is_shown_as_code_that_rebuilds_it(capsys):
    result = checks.forward_propagation(lambda Theta1, Theta2, X: np.zeros((6, 3)))
    block = capsys.readouterr().out.split("On the input\n")[1].split("  expected")[0]
    namespace = {"np": np}
    exec(block.replace("\n    ", "\n").strip(), namespace)
    for name, value in result.inputs.items():
        np.testing.assert_array_equal(namespace[name], value)


def test_a_pair_of_gradients_is_printed_with_both_names(capsys):
    def doubled_theta1_grad(Theta1, Theta2, X, y, lambda_):
        Theta1_grad, Theta2_grad = solutions.backpropagation(Theta1, Theta2, X, y, lambda_)
        return 2 * Theta1_grad, Theta2_grad

    result = checks.backpropagation(doubled_theta1_grad)
    assert_mistake(result, "unrecognised", r"compare expected and got")
    out = capsys.readouterr().out
    assert re.search(r"^  expected Theta1_grad = \[\[", out, re.M)
    assert re.search(r"^           Theta2_grad = \[\[.*\]  \(shape \(3, 5\)\)$", out, re.M | re.S)
    assert re.search(r"^  got      Theta1_grad = \[\[", out, re.M)
    assert "lambda_ = 0.0" in out  # shown on the simpler input, λ = 0
    np.testing.assert_allclose(result.got.Theta1_grad, 2 * result.expected.Theta1_grad, rtol=1e-12)


@pytest.mark.parametrize("exercise", ["forward_propagation", "nn_cost", "backpropagation"])
def test_network_checks_report_exceptions_and_in_place_changes(exercise):
    def crashes(*args):
        return {}["missing"]

    result = getattr(checks, exercise)(crashes)
    assert result.status == "error"
    assert result.mistake == "raised an exception"
    assert re.search(r"KeyError: 'missing'", result.hint)

    def right_but_changes_theta1(Theta1, *args):
        answer = getattr(solutions, exercise)(Theta1, *args)
        Theta1 *= 2  # e.g. a leftover experiment on the weights
        return answer

    assert_mistake(getattr(checks, exercise)(right_but_changes_theta1), "changed its input",
                   r"changed Theta1 in place")


@pytest.mark.parametrize(("exercise", "wrong"), [
    ("forward_propagation", lambda Theta1, Theta2, X: np.full((6, 3), 0.5)),
    ("nn_cost", lambda Theta1, Theta2, X, y, lambda_: 1.0),
    ("numerical_gradient", lambda f, theta, epsilon: np.ones_like(theta)),
])
def test_network_checks_fail_an_unnameable_answer_with_expected_and_got(exercise, wrong, capsys):
    result = getattr(checks, exercise)(wrong)
    assert_mistake(result, "unrecognised", r"compare expected and got")
    out = capsys.readouterr().out
    assert "\n  expected " in out
    assert "\n  got      " in out


# --- forward_propagation -------------------------------------------------------------------------

def fp_no_bias_in_a1(Theta1, Theta2, X):
    a2 = with_ones(sigmoid(X @ Theta1.T))  # X (6, 2) @ Theta1.T (3, 4): shape error
    return sigmoid(a2 @ Theta2.T)


def fp_bias_as_a_row(Theta1, Theta2, X):
    a1 = np.vstack([np.ones((1, X.shape[1])), X])  # a row of ones, not a column
    a2 = with_ones(sigmoid(a1 @ Theta1.T))
    return sigmoid(a2 @ Theta2.T)


def fp_dropped_theta1_bias(Theta1, Theta2, X):
    a2 = with_ones(sigmoid(X @ Theta1[:, 1:].T))  # made the shapes fit by dropping the bias weights
    return sigmoid(a2 @ Theta2.T)


def fp_no_bias_in_a2(Theta1, Theta2, X):
    a2 = sigmoid(with_ones(X) @ Theta1.T)
    return sigmoid(a2 @ Theta2.T)  # (6, 4) @ (5, 3): shape error


def fp_dropped_theta2_bias(Theta1, Theta2, X):
    a2 = sigmoid(with_ones(X) @ Theta1.T)
    return sigmoid(a2 @ Theta2[:, 1:].T)


def fp_not_transposed(Theta1, Theta2, X):
    a2 = with_ones(sigmoid(with_ones(X) @ Theta1))  # (6, 3) @ (4, 3): shape error
    return sigmoid(a2 @ Theta2)


def fp_theta_a_with_rows(Theta1, Theta2, X):
    a2 = with_ones(sigmoid(Theta1 @ with_ones(X)))  # the slide's Θ a, with examples as rows
    return sigmoid(Theta2 @ a2)


def fp_output_sigmoid_missing(Theta1, Theta2, X):
    return layers(Theta1, Theta2, X)[3]


def fp_hidden_sigmoid_missing(Theta1, Theta2, X):
    a2 = with_ones(with_ones(X) @ Theta1.T)
    return sigmoid(a2 @ Theta2.T)


def fp_sigmoid_of_a1(Theta1, Theta2, X):
    a1 = sigmoid(with_ones(X))
    return sigmoid(with_ones(sigmoid(a1 @ Theta1.T)) @ Theta2.T)


def fp_sigmoid_of_X(Theta1, Theta2, X):
    a1 = with_ones(sigmoid(X))
    return sigmoid(with_ones(sigmoid(a1 @ Theta1.T)) @ Theta2.T)


def fp_sigmoid_of_bias_unit(Theta1, Theta2, X):
    a2 = sigmoid(with_ones(with_ones(X) @ Theta1.T))  # g applied after the ones were added
    return sigmoid(a2 @ Theta2.T)


def fp_bias_last(Theta1, Theta2, X):
    a1 = np.hstack([X, np.ones((X.shape[0], 1))])
    return sigmoid(with_ones(sigmoid(a1 @ Theta1.T)) @ Theta2.T)


def fp_returned_a2(Theta1, Theta2, X):
    return layers(Theta1, Theta2, X)[2]


def fp_returned_tuple(Theta1, Theta2, X):
    return layers(Theta1, Theta2, X)


def fp_examples_as_columns(Theta1, Theta2, X):
    a1 = np.vstack([np.ones((1, X.shape[0])), X.T])  # (n+1, m): the deep-learning course's layout
    a2 = np.vstack([np.ones((1, X.shape[0])), sigmoid(Theta1 @ a1)])
    return sigmoid(Theta2 @ a2)  # (K, m)


@pytest.mark.parametrize(("fn", "status", "name", "hint"), [
    (fp_no_bias_in_a1, "error", "no bias unit added to a1", r"size 3 is different from 2.*n\+1 = 3"),
    (fp_bias_as_a_row, "error", "no bias unit added to a1", r"column of ones in front"),
    (fp_dropped_theta1_bias, "mistake", "no bias unit added to a1", r"Build a1 = \[1, X\]"),
    (fp_no_bias_in_a2, "error", "no bias unit added to a2", r"s2\+1 = 5"),
    (fp_dropped_theta2_bias, "mistake", "no bias unit added to a2", r"a2 = \[1, g\(z2\)\]"),
    (fp_not_transposed, "error", "Θ not transposed", r"z = a @ Theta\.T"),
    (fp_theta_a_with_rows, "error", "Θ not transposed", r"one example\s+held as a column"),
    (fp_output_sigmoid_missing, "mistake", "output sigmoid missing", r"a3 = g\(z3\)"),
    (fp_hidden_sigmoid_missing, "mistake", "hidden sigmoid missing", r"apply the sigmoid to z2"),
    (fp_sigmoid_of_a1, "mistake", "sigmoid applied to a1 (the inputs)", r"not to X"),
    (fp_sigmoid_of_X, "mistake", "sigmoid applied to a1 (the inputs)", r"not to X"),
    (fp_sigmoid_of_bias_unit, "mistake", "sigmoid applied to the bias unit", r"not g\(1\)"),
    (fp_bias_last, "mistake", "bias unit in the last column", r"ones first"),
    (fp_returned_a2, "mistake", "returned a2", r"a3 = g\(a2 @ Theta2\.T\)"),
    (fp_returned_tuple, "mistake", "returned the full tuple", r"return a3, not \(a1, z2"),
    (fp_examples_as_columns, "mistake", "returned the transpose (K, m)", r"deep-learning course"),
])
def test_forward_propagation_names_the_mistake(fn, status, name, hint):
    result = checks.forward_propagation(fn)
    assert_verdict(result, status, name, hint)


def test_a_forward_answer_of_another_shape_names_both_shapes_only():
    result = checks.forward_propagation(lambda Theta1, Theta2, X: np.full((6, 5), 0.5))
    assert_mistake(result, "wrong shape", r"^expected shape \(6, 3\), got \(6, 5\)\.$")


# --- nn_cost -------------------------------------------------------------------------------------

def losses(Theta1, Theta2, X, Y):
    h = solutions.forward_propagation(Theta1, Theta2, X)
    return -Y * np.log(h) - (1 - Y) * np.log(1 - h)


def penalty(Theta1, Theta2, lambda_, m):
    return lambda_ / (2 * m) * (np.sum(Theta1[:, 1:] ** 2) + np.sum(Theta2[:, 1:] ** 2))


def nc_y_directly(Theta1, Theta2, X, y, lambda_):
    h = solutions.forward_propagation(Theta1, Theta2, X)
    return np.sum(-y * np.log(h) - (1 - y) * np.log(1 - h)) / len(y)  # (6,) against (6, 3)


def nc_y_as_column(Theta1, Theta2, X, y, lambda_):
    return np.sum(losses(Theta1, Theta2, X, y[:, None])) / len(y)


def nc_labels_one_to_K(Theta1, Theta2, X, y, lambda_):
    Y = np.eye(Theta2.shape[0])[y - 1]  # Octave's y = 1..K
    return np.sum(losses(Theta1, Theta2, X, Y)) / len(y)


def nc_labels_compared_with_one_to_K(Theta1, Theta2, X, y, lambda_):
    Y = (y[:, None] == np.arange(1, Theta2.shape[0] + 1)).astype(float)
    return np.sum(losses(Theta1, Theta2, X, Y)) / len(y)


def one_hot(y, Theta2):
    return np.eye(Theta2.shape[0])[y]


def nc_forgot_one_over_m(Theta1, Theta2, X, y, lambda_):
    return np.sum(losses(Theta1, Theta2, X, one_hot(y, Theta2)))


def nc_true_class_only(Theta1, Theta2, X, y, lambda_):
    h = solutions.forward_propagation(Theta1, Theta2, X)
    return -np.sum(np.log(h[np.arange(len(y)), y])) / len(y)


def nc_sign_error(Theta1, Theta2, X, y, lambda_):
    return -np.sum(losses(Theta1, Theta2, X, one_hot(y, Theta2))) / len(y)


def nc_mean(Theta1, Theta2, X, y, lambda_):
    return np.mean(losses(Theta1, Theta2, X, one_hot(y, Theta2)))


def nc_summed_over_examples_only(Theta1, Theta2, X, y, lambda_):
    return np.sum(losses(Theta1, Theta2, X, one_hot(y, Theta2)), axis=0) / len(y)


def nc_summed_over_units_only(Theta1, Theta2, X, y, lambda_):
    return np.sum(losses(Theta1, Theta2, X, one_hot(y, Theta2)), axis=1) / len(y)


def nc_not_summed(Theta1, Theta2, X, y, lambda_):
    return losses(Theta1, Theta2, X, one_hot(y, Theta2)) / len(y)


def nc_squared_error(Theta1, Theta2, X, y, lambda_):
    h = solutions.forward_propagation(Theta1, Theta2, X)
    return np.sum((h - one_hot(y, Theta2)) ** 2) / (2 * len(y))


def nc_log10(Theta1, Theta2, X, y, lambda_):
    h = solutions.forward_propagation(Theta1, Theta2, X)
    Y = one_hot(y, Theta2)
    return np.sum(-Y * np.log10(h) - (1 - Y) * np.log10(1 - h)) / len(y)


def nc_global_m(Theta1, Theta2, X, y, lambda_):
    return np.sum(losses(Theta1, Theta2, X, one_hot(y, Theta2))) / 5000  # the digits' m


def nc_output_sigmoid_missing(Theta1, Theta2, X, y, lambda_):
    h = layers(Theta1, Theta2, X)[3]  # z3, not a3
    Y = one_hot(y, Theta2)
    return np.sum(-Y * np.log(h) - (1 - Y) * np.log(1 - h)) / len(y)


def unregularised(Theta1, Theta2, X, y):
    return np.sum(losses(Theta1, Theta2, X, one_hot(y, Theta2))) / len(y)


def nc_bias_regularised(Theta1, Theta2, X, y, lambda_):
    m = len(y)
    return unregularised(Theta1, Theta2, X, y) + lambda_ / (2 * m) * (np.sum(Theta1 ** 2) + np.sum(Theta2 ** 2))


def nc_lambda_over_m(Theta1, Theta2, X, y, lambda_):
    return unregularised(Theta1, Theta2, X, y) + 2 * penalty(Theta1, Theta2, lambda_, len(y))


def nc_penalty_missing(Theta1, Theta2, X, y, lambda_):
    return unregularised(Theta1, Theta2, X, y)


def nc_penalty_sign(Theta1, Theta2, X, y, lambda_):
    return unregularised(Theta1, Theta2, X, y) - penalty(Theta1, Theta2, lambda_, len(y))


def nc_penalty_forgot_one_over_m(Theta1, Theta2, X, y, lambda_):
    return unregularised(Theta1, Theta2, X, y) + penalty(Theta1, Theta2, lambda_, 1)


def nc_precedence(Theta1, Theta2, X, y, lambda_):
    m = len(y)
    weights = np.sum(Theta1[:, 1:] ** 2) + np.sum(Theta2[:, 1:] ** 2)
    return unregularised(Theta1, Theta2, X, y) + lambda_ / 2*m * weights


def nc_only_theta1(Theta1, Theta2, X, y, lambda_):
    return unregularised(Theta1, Theta2, X, y) + lambda_ / (2 * len(y)) * np.sum(Theta1[:, 1:] ** 2)


def nc_only_theta2(Theta1, Theta2, X, y, lambda_):
    return unregularised(Theta1, Theta2, X, y) + lambda_ / (2 * len(y)) * np.sum(Theta2[:, 1:] ** 2)


def nc_not_squared(Theta1, Theta2, X, y, lambda_):
    return unregularised(Theta1, Theta2, X, y) + lambda_ / (2 * len(y)) * (np.sum(Theta1[:, 1:])
                                                                           + np.sum(Theta2[:, 1:]))


@pytest.mark.parametrize(("fn", "status", "name", "hint", "lambda_"), [
    (nc_y_directly, "error", "y used directly instead of one-hot", r"Y = np\.eye\(K\)\[y\]", 0.0),
    (nc_y_as_column, "mistake", "y used directly instead of one-hot", r"one-hot Y \(m, K\) = \(6, 3\)", 0.0),
    (nc_labels_one_to_K, "mistake", "labels treated as 1..K", r"Octave", 0.0),
    (nc_labels_compared_with_one_to_K, "mistake", "labels treated as 1..K", r"compare with 0\.\.K-1", 0.0),
    (nc_forgot_one_over_m, "mistake", "forgot 1/m", r"here m = 6", 0.0),
    (nc_true_class_only, "mistake", "only the true-class term", r"softmax", 0.0),
    (nc_sign_error, "mistake", "sign error", r"J must be ≥ 0", 0.0),
    (nc_mean, "mistake", "np.mean over both axes", r"m·K = 18", 0.0),
    (nc_summed_over_examples_only, "mistake", "summed over examples only", r"one number per output unit", 0.0),
    (nc_summed_over_units_only, "mistake", "summed over units only", r"one number per example", 0.0),
    (nc_not_summed, "mistake", "forgot to sum", r"\(m, K\) matrix of losses", 0.0),
    (nc_squared_error, "mistake", "squared error instead of cross-entropy", r"linear regression", 0.0),
    (nc_log10, "mistake", "log base 10", r"np\.log10", 0.0),
    (nc_global_m, "mistake", "divided by the wrong m", r"divided by 5000 instead of m = 6", 0.0),
    (nc_output_sigmoid_missing, "mistake", "NaN or inf", r"is the output sigmoid there.*numpy warned", 0.0),
    (nc_bias_regularised, "mistake", "bias columns regularised", r"skips column 0", 1.5),
    (nc_lambda_over_m, "mistake", "penalty λ/m instead of λ/(2m)", r"the ½ is there", 1.5),
    (nc_penalty_missing, "mistake", "penalty missing", r"unregularised cost", 1.5),
    (nc_penalty_sign, "mistake", "penalty sign error", r"must cost more", 1.5),
    (nc_penalty_forgot_one_over_m, "mistake", "forgot 1/m", r"divided by m = 6 like the cost", 1.5),
    (nc_precedence, "mistake", "operator precedence: λ/2*m", r"lambda_ / \(2 \* m\)", 1.5),
    (nc_only_theta1, "mistake", "only Θ(1) regularised", r"both layers", 1.5),
    (nc_only_theta2, "mistake", "only Θ(2) regularised", r"both layers", 1.5),
    (nc_not_squared, "mistake", "forgot to square Θ", r"squares of the weights", 1.5),
])
def test_nn_cost_names_the_mistake_on_the_simplest_input_that_shows_it(fn, status, name, hint, lambda_):
    result = checks.nn_cost(fn)  # warnings are errors here: a log of a negative z3 must be caught
    assert_verdict(result, status, name, hint)
    assert result.inputs["lambda_"] == lambda_  # cross-entropy mistakes on λ = 0, penalty ones on λ = 1.5


# --- backpropagation -----------------------------------------------------------------------------

def backprop(Theta1, Theta2, X, y, lambda_, *, delta3=None, g_prime=None, scale=None, reg=None,
             reg_bias=False):
    """A learner's backprop with one piece exchangeable, to plant each mistake in otherwise right code."""
    a1, z2, a2, _, a3 = layers(Theta1, Theta2, X)
    m = len(y)
    Y = np.eye(Theta2.shape[0])[y]
    delta3 = a3 - Y if delta3 is None else delta3(a3, Y)
    g_prime = sigmoid_gradient(z2) if g_prime is None else g_prime(z2, a2)
    delta2 = delta3 @ Theta2[:, 1:] * g_prime
    scale = 1 / m if scale is None else scale
    reg = lambda_ / m if reg is None else reg(lambda_, m)
    grads = []
    for delta, a, Theta in ((delta2, a1, Theta1), (delta3, a2, Theta2)):
        penalty = reg * Theta
        if not reg_bias:
            penalty[:, 0] = 0
        grads.append(scale * delta.T @ a + penalty)
    return tuple(grads)


def bp_missing_g_prime(Theta1, Theta2, X, y, lambda_):
    return backprop(Theta1, Theta2, X, y, lambda_, g_prime=lambda z2, a2: 1.0)


def bp_g_prime_of_a2(Theta1, Theta2, X, y, lambda_):
    return backprop(Theta1, Theta2, X, y, lambda_, g_prime=lambda z2, a2: sigmoid_gradient(a2)[:, 1:])


def bp_z_one_minus_z(Theta1, Theta2, X, y, lambda_):
    return backprop(Theta1, Theta2, X, y, lambda_, g_prime=lambda z2, a2: z2 * (1 - z2))


def bp_bias_row_not_dropped(Theta1, Theta2, X, y, lambda_):
    a1, z2, a2, _, a3 = layers(Theta1, Theta2, X)
    delta3 = a3 - np.eye(3)[y]
    delta2 = delta3 @ Theta2 * sigmoid_gradient(z2)  # (6, 5) * (6, 4)
    return delta2.T @ a1 / len(y), delta3.T @ a2 / len(y)


def bp_g_prime_on_a2_with_bias(Theta1, Theta2, X, y, lambda_):
    a1, _, a2, _, a3 = layers(Theta1, Theta2, X)
    delta3 = a3 - np.eye(3)[y]
    delta2 = delta3 @ Theta2 * (a2 * (1 - a2))  # (6, 5): runs, keeps the bias unit's column
    return delta2.T @ a1 / len(y), delta3.T @ a2 / len(y)


def bp_y_directly(Theta1, Theta2, X, y, lambda_):
    return backprop(Theta1, Theta2, X, y, lambda_, delta3=lambda a3, Y: a3 - y)  # (6, 3) − (6,)


def bp_y_as_column(Theta1, Theta2, X, y, lambda_):
    return backprop(Theta1, Theta2, X, y, lambda_, delta3=lambda a3, Y: a3 - y[:, None])


def bp_labels_one_to_K(Theta1, Theta2, X, y, lambda_):
    return backprop(Theta1, Theta2, X, y, lambda_, delta3=lambda a3, Y: a3 - np.eye(3)[y - 1])


def bp_squared_error_delta3(Theta1, Theta2, X, y, lambda_):
    return backprop(Theta1, Theta2, X, y, lambda_, delta3=lambda a3, Y: (a3 - Y) * a3 * (1 - a3))


def bp_y_minus_h(Theta1, Theta2, X, y, lambda_):
    return backprop(Theta1, Theta2, X, y, lambda_, delta3=lambda a3, Y: Y - a3)


def bp_missing_one_over_m(Theta1, Theta2, X, y, lambda_):
    return backprop(Theta1, Theta2, X, y, lambda_, scale=1.0)


def bp_bias_gradient_zeroed(Theta1, Theta2, X, y, lambda_):
    Theta1_grad, Theta2_grad = solutions.backpropagation(Theta1, Theta2, X, y, lambda_)
    Theta1_grad[:, 0] = 0
    Theta2_grad[:, 0] = 0
    return Theta1_grad, Theta2_grad


def bp_transposed(Theta1, Theta2, X, y, lambda_):
    a1, z2, a2, _, a3 = layers(Theta1, Theta2, X)
    delta3 = a3 - np.eye(3)[y]
    delta2 = delta3 @ Theta2[:, 1:] * sigmoid_gradient(z2)
    return a1.T @ delta2 / len(y), a2.T @ delta3 / len(y)


def bp_wrong_layer(Theta1, Theta2, X, y, lambda_):
    a1, z2, a2, _, a3 = layers(Theta1, Theta2, X)
    delta3 = a3 - np.eye(3)[y]
    delta2 = delta3 @ Theta2[:, 1:] * sigmoid_gradient(z2)
    return delta2.T @ a2 / len(y), delta3.T @ a1 / len(y)  # δ(l+1) with a(l+1) instead of a(l)


def bp_x_instead_of_a1(Theta1, Theta2, X, y, lambda_):
    _, z2, a2, _, a3 = layers(Theta1, Theta2, X)
    delta3 = a3 - np.eye(3)[y]
    delta2 = delta3 @ Theta2[:, 1:] * sigmoid_gradient(z2)
    return delta2.T @ X / len(y), delta3.T @ a2 / len(y)


def bp_packed(Theta1, Theta2, X, y, lambda_):
    return network.pack(*solutions.backpropagation(Theta1, Theta2, X, y, lambda_))


def bp_with_cost(Theta1, Theta2, X, y, lambda_):
    return solutions.nn_cost(Theta1, Theta2, X, y, lambda_), solutions.backpropagation(Theta1, Theta2, X, y, lambda_)


def bp_bias_column_regularised(Theta1, Theta2, X, y, lambda_):
    return backprop(Theta1, Theta2, X, y, lambda_, reg_bias=True)


def bp_penalty_forgot_one_over_m(Theta1, Theta2, X, y, lambda_):
    return backprop(Theta1, Theta2, X, y, lambda_, reg=lambda lambda_, m: lambda_)


def bp_kept_half(Theta1, Theta2, X, y, lambda_):
    return backprop(Theta1, Theta2, X, y, lambda_, reg=lambda lambda_, m: lambda_ / (2 * m))


def bp_penalty_sign(Theta1, Theta2, X, y, lambda_):
    return backprop(Theta1, Theta2, X, y, lambda_, reg=lambda lambda_, m: -lambda_ / m)


def bp_no_regularisation(Theta1, Theta2, X, y, lambda_):
    return backprop(Theta1, Theta2, X, y, lambda_, reg=lambda lambda_, m: 0.0)


def bp_no_penalty_on_theta1(Theta1, Theta2, X, y, lambda_):
    Theta1_grad, Theta2_grad = backprop(Theta1, Theta2, X, y, 0.0)
    Theta2_grad[:, 1:] += lambda_ / len(y) * Theta2[:, 1:]
    return Theta1_grad, Theta2_grad


def bp_no_penalty_on_theta2(Theta1, Theta2, X, y, lambda_):
    Theta1_grad, Theta2_grad = backprop(Theta1, Theta2, X, y, 0.0)
    Theta1_grad[:, 1:] += lambda_ / len(y) * Theta1[:, 1:]
    return Theta1_grad, Theta2_grad


def bp_tanh_hidden(Theta1, Theta2, X, y, lambda_):
    m = len(y)
    a1 = with_ones(X)
    z2 = a1 @ Theta1.T
    a2 = with_ones(np.tanh(z2))
    delta3 = sigmoid(a2 @ Theta2.T) - np.eye(Theta2.shape[0])[y]
    delta2 = delta3 @ Theta2[:, 1:] * (1 - np.tanh(z2) ** 2)
    return delta2.T @ a1 / m, delta3.T @ a2 / m


def bp_labels_compared_with_one_to_K(Theta1, Theta2, X, y, lambda_):
    return backprop(Theta1, Theta2, X, y, lambda_,
                    delta3=lambda a3, Y: a3 - (y[:, None] == np.arange(1, Theta2.shape[0] + 1)))


def bp_bias_gradient_of_theta1_zeroed(Theta1, Theta2, X, y, lambda_):
    Theta1_grad, Theta2_grad = solutions.backpropagation(Theta1, Theta2, X, y, lambda_)
    Theta1_grad[:, 0] = 0
    return Theta1_grad, Theta2_grad


def bp_bias_column_sliced_off(Theta1, Theta2, X, y, lambda_):
    Theta1_grad, Theta2_grad = solutions.backpropagation(Theta1, Theta2, X, y, lambda_)
    return Theta1_grad[:, 1:], Theta2_grad[:, 1:]


def bp_complex(Theta1, Theta2, X, y, lambda_):
    Theta1_grad, Theta2_grad = solutions.backpropagation(Theta1, Theta2, X, y, lambda_)
    return Theta1_grad + 0j, Theta2_grad


def bp_cast_to_int(Theta1, Theta2, X, y, lambda_):
    Theta1_grad, Theta2_grad = solutions.backpropagation(Theta1, Theta2, X, y, lambda_)
    return Theta1_grad.astype(int), Theta2_grad.astype(int)


def bp_copied_from_the_verdicts(Theta1, Theta2, X, y, lambda_):
    Theta1_t, Theta2_t, X_t, y_t = network_exercises.small_network()
    return solutions.backpropagation(Theta1_t, Theta2_t, X_t, y_t, 0.0 if lambda_ == 0 else 1.5)


@pytest.mark.parametrize(("fn", "status", "name", "hint", "lambda_"), [
    (bp_missing_g_prime, "mistake", "missing g'(z2)", r"multiply elementwise", 0.0),
    (bp_g_prime_of_a2, "mistake", "g'(a2) instead of g'(z2)", r"applies g a second time", 0.0),
    (bp_z_one_minus_z, "mistake", "g'(z) as z(1 − z)", r"leaves out g", 0.0),
    (bp_bias_row_not_dropped, "error", "bias row of Θ(2) not dropped", r"\(6,5\) \(6,4\).*Theta2\[:, 1:\]", 0.0),
    (bp_g_prime_on_a2_with_bias, "mistake", "bias column of δ(2) kept", r"got \(5, 3\) and \(3, 5\)", 0.0),
    (bp_squared_error_delta3, "mistake", "δ(3) = (h − y)·g'(z3)", r"squared-error.*Q10", 0.0),
    (bp_y_minus_h, "mistake", "δ(3) = y − h (sign)", r"prediction minus label", 0.0),
    (bp_y_directly, "error", "y used directly instead of one-hot", r"\(6,3\) \(6,\).*np\.eye\(K\)\[y\]", 0.0),
    (bp_y_as_column, "mistake", "y used directly instead of one-hot", r"\(m, K\) = \(6, 3\)", 0.0),
    (bp_labels_one_to_K, "mistake", "labels treated as 1..K", r"Octave", 0.0),
    (bp_missing_one_over_m, "mistake", "missing 1/m", r"m = 6 examples", 0.0),
    (bp_bias_gradient_zeroed, "mistake", "bias gradient set to 0", r"only the penalty skips column 0", 0.0),
    (bp_transposed, "mistake", "Θ gradients transposed", r"delta2\.T @ a1.*Transposed, your numbers are right", 0.0),
    (bp_wrong_layer, "mistake", "a from the wrong layer", r"pairs δ\(l\+1\) with", 0.0),
    (bp_x_instead_of_a1, "mistake", "a without its bias column", r"a1 = \[1, X\]", 0.0),
    (bp_packed, "mistake", "returned a single packed vector", r"The numbers are right", 0.0),
    (bp_with_cost, "mistake", "returned the cost too", r"cost_and_gradient", 0.0),
    (bp_bias_column_regularised, "mistake", "bias column regularised", r"skips column 0", 1.5),
    (bp_penalty_forgot_one_over_m, "mistake", "forgot 1/m", r"\(λ/m\) Θ, divided by m = 6", 1.5),
    (bp_kept_half, "mistake", "kept the ½", r"cancels the ½", 1.5),
    (bp_penalty_sign, "mistake", "penalty sign error", r"towards 0", 1.5),
    (bp_no_regularisation, "mistake", "no regularisation", r"unregularised gradient", 1.5),
    # issue 9: the mistakes that used to go unnamed, and the answer copied from the verdicts
    (bp_no_penalty_on_theta1, "mistake", "no penalty on Θ(1)", r"Theta1_grad has no \(λ/m\) Θ\(1\) term", 1.5),
    (bp_no_penalty_on_theta2, "mistake", "no penalty on Θ(2)", r"Theta2_grad has no \(λ/m\) Θ\(2\) term", 1.5),
    (bp_tanh_hidden, "mistake", "tanh instead of the sigmoid", r"np\.tanh", 0.0),
    (bp_labels_compared_with_one_to_K, "mistake", "labels treated as 1..K", r"Octave", 0.0),
    (bp_bias_gradient_of_theta1_zeroed, "mistake", "bias gradient set to 0", r"δᵀ·1", 0.0),
    (bp_bias_column_sliced_off, "mistake", "a without its bias column", r"only the bias gradient is missing", 0.0),
    (bp_complex, "mistake", "returned complex numbers", r"real parts are right", 0.0),
    (bp_cast_to_int, "mistake", "cast to int", r"whole numbers", 0.0),
    (bp_copied_from_the_verdicts, "mistake", "hard-coded answer", r"from its arguments", 0.7),
])
def test_backpropagation_names_the_mistake_on_the_simplest_input_that_shows_it(fn, status, name, hint, lambda_):
    result = checks.backpropagation(fn)
    assert_verdict(result, status, name, hint)
    assert result.inputs["lambda_"] == lambda_


def test_backpropagation_accepts_the_course_loop():
    assert checks.backpropagation(network.gradient_loop).passed  # one example at a time, same numbers


def test_backpropagation_reports_a_zeroed_bias_column_and_the_changed_weights():
    def zeroes_the_bias_weights(Theta1, Theta2, X, y, lambda_):
        Theta1[:, 0] = 0  # meant to keep the bias out of the penalty
        Theta2[:, 0] = 0
        return solutions.backpropagation(Theta1, Theta2, X, y, lambda_)

    result = checks.backpropagation(zeroes_the_bias_weights)
    assert result.status == "mistake"
    assert re.search(r"changed Theta1 and Theta2 in place", result.hint)


# --- numerical_gradient --------------------------------------------------------------------------

def ng_loop(f, theta, epsilon, difference):
    """A learner's loop over the entries of theta, nudging a copy; ``difference`` is the formula."""
    grad = np.zeros_like(theta)
    for i in np.ndindex(theta.shape):
        plus, minus = theta.copy(), theta.copy()
        plus[i] += epsilon
        minus[i] -= epsilon
        grad[i] = difference(f(plus), f(theta), f(minus), epsilon)
    return grad


def ng_forward_difference(f, theta, epsilon):
    return ng_loop(f, theta, epsilon, lambda f_plus, f_0, f_minus, eps: (f_plus - f_0) / eps)


def ng_backward_difference(f, theta, epsilon):
    return ng_loop(f, theta, epsilon, lambda f_plus, f_0, f_minus, eps: (f_0 - f_minus) / eps)


def ng_forgot_two(f, theta, epsilon):
    return ng_loop(f, theta, epsilon, lambda f_plus, f_0, f_minus, eps: (f_plus - f_minus) / eps)


def ng_precedence(f, theta, epsilon):
    return ng_loop(f, theta, epsilon, lambda f_plus, f_0, f_minus, eps: (f_plus - f_minus) / 2*eps)


def ng_not_restored(f, theta, epsilon):
    theta = theta.copy()
    grad = np.zeros_like(theta)
    for i in range(theta.size):
        theta.flat[i] += epsilon
        f_plus = f(theta)
        theta.flat[i] -= 2 * epsilon
        f_minus = f(theta)  # entry i is left at θ_i − ε for the next entries
        grad.flat[i] = (f_plus - f_minus) / (2 * epsilon)
    return grad


def ng_all_at_once(f, theta, epsilon):
    return (f(theta + epsilon) - f(theta - epsilon)) / (2 * epsilon) * np.ones_like(theta)


def ng_all_at_once_scalar(f, theta, epsilon):
    return (f(theta + epsilon) - f(theta - epsilon)) / (2 * epsilon)


def ng_in_place(f, theta, epsilon):
    grad = np.zeros_like(theta)
    for i in range(theta.size):
        theta.flat[i] += epsilon
        f_plus = f(theta)
        theta.flat[i] -= 2 * epsilon
        f_minus = f(theta)
        theta.flat[i] += epsilon  # 2.0 + 1e-4 − 2e-4 + 1e-4 is 2.0000000000000004, not 2.0
        grad.flat[i] = (f_plus - f_minus) / (2 * epsilon)
    return grad


def ng_last_entry_only(f, theta, epsilon):
    for i in range(theta.size):
        plus, minus = theta.copy(), theta.copy()
        plus.flat[i] += epsilon
        minus.flat[i] -= epsilon
        grad = (f(plus) - f(minus)) / (2 * epsilon)  # overwritten each time
    return grad


def ng_flattened(f, theta, epsilon):
    return solutions.numerical_gradient(f, theta, epsilon).ravel()


@pytest.mark.parametrize(("fn", "name", "hint", "theta_shape"), [
    (ng_forward_difference, "one-sided difference", r"error is O\(ε²\)", (3,)),
    (ng_backward_difference, "one-sided difference", r"central difference", (3,)),
    (ng_forgot_two, "forgot the 2 in 2ε", r"2 \* epsilon", (3,)),
    (ng_precedence, "operator precedence: / 2*epsilon", r"/ \(2 \* epsilon\)", (3,)),
    (ng_not_restored, "nudge not restored", r"call 3 of 6 had 2 entries nudged", (3,)),
    (ng_all_at_once, "nudged every entry at once", r"one entry at a time", (3,)),
    (ng_all_at_once_scalar, "nudged every entry at once", r"directional derivative", (3,)),
    (ng_in_place, "changed its input", r"θ \+ ε − ε is not always exactly θ.*theta\[i\] = original", (3,)),
    (ng_last_entry_only, "returned a single number", r"np\.zeros_like\(theta\)", (3,)),
    (ng_flattened, "returned a flattened array", r"θ's shape \(2, 3\)", (2, 3)),
])
def test_numerical_gradient_names_the_mistake(fn, name, hint, theta_shape):
    result = checks.numerical_gradient(fn)
    assert_mistake(result, name, hint)
    assert result.inputs["theta"].shape == theta_shape  # the vector first, then the matrix


def _ng_reshaping(reshape):
    def numerical_gradient(f, theta, epsilon):
        grad = np.zeros(theta.shape)
        for i in np.ndindex(theta.shape):
            plus, minus = theta.copy(), theta.copy()
            plus[i] += epsilon
            minus[i] -= epsilon
            grad[i] = (f(reshape(plus)) - f(reshape(minus))) / (2 * epsilon)
        return grad
    return numerical_gradient


@pytest.mark.parametrize(("reshape", "given"), [
    (lambda theta: theta.T, r"\(3, 2\)"),
    (np.ravel, r"\(6,\)"),
    (lambda theta: theta.ravel()[::-1], r"\(6,\)"),
])
def test_numerical_gradient_refuses_theta_handed_to_f_in_another_shape(reshape, given):
    # f's value ignores where an entry sits, so these passed; the network's cost then refused them
    result = checks.numerical_gradient(_ng_reshaping(reshape))
    assert result.status == "error"
    assert result.mistake == "f given θ in another shape"
    assert re.search(rf"^ThetaShapeError: f was given θ of shape {given}, not theta's shape \(2, 3\)\. "
                     r"f takes θ in the shape of theta", result.hint), result.hint
    assert "Note:" not in result.hint  # not blamed on a hard-coded size


def test_numerical_gradient_shows_the_known_function_as_code(capsys):
    checks.numerical_gradient(ng_forgot_two)
    assert "    f = lambda theta: np.sum(theta ** 3) + np.sum(theta) ** 2\n" in capsys.readouterr().out
    theta = np.array([0.5, -1.2, 2.0])
    # ∂/∂θ_i [Σ θ³ + (Σ θ)²] = 3θ_i² + 2 Σ θ, with Σ θ = 1.3: 0.75 + 2.6, 4.32 + 2.6, 12 + 2.6
    np.testing.assert_allclose(solutions.numerical_gradient(gradient_checking_exercises.RecordingFunction(theta.shape), theta, 1e-4),
                               [3.35, 6.92, 14.6], rtol=1e-7)


# --- issue 9: a second, different network; the hard-coded sizes and the habits it reveals ---------

STRESS_SIZES = {"m": 9, "n": 3, "s2": 7, "K": 6}  # written out: the oracle is not the module's code


def the_stress_inputs(result):
    """True if the verdict is on the stress network, the input after the teaching ones."""
    return result.inputs["X"].shape == (STRESS_SIZES["m"], STRESS_SIZES["n"])


def test_the_stress_network_changes_every_size_and_leaves_classes_out():
    Theta1, Theta2, X, y = network_exercises.stress_network()
    m, n, s2, K = (STRESS_SIZES[key] for key in ("m", "n", "s2", "K"))
    assert (Theta1.shape, Theta2.shape, X.shape, y.shape) == ((s2, n + 1), (K, s2 + 1), (m, n), (m,))
    assert set(y) == {0, 1, 2, 4}  # classes 3 and 5 absent: y.max() + 1 = 5, 4 distinct labels, K = 6
    for array in (Theta1, Theta2, X):
        assert np.all(array != 0)
    # the sizes a shape error shows all differ, m and K differ from the teaching network's 6 and 3, and
    # the wrong counts of classes (3 typed in, y.max() + 1, the distinct labels) all differ from K
    assert len({n, n + 1, s2, s2 + 1, m, K}) == 6
    assert m != 6
    assert K != 3
    assert (y.max() + 1, len(np.unique(y))) == (5, 4)
    h = layers(Theta1, Theta2, X)[4]
    assert 0.05 < h.min()
    assert h.max() < 0.98  # the textbook log(1 − h) keeps its digits


@pytest.mark.parametrize("exercise", ["forward_propagation", "nn_cost", "backpropagation",
                                      "numerical_gradient"])
def test_the_solutions_pass_every_input_including_the_stress_one(exercise, capsys):
    result = getattr(checks, exercise)(getattr(solutions, exercise))
    assert result.passed, result
    assert capsys.readouterr().out == f"{exercise}: passed.\n"
    if exercise == "numerical_gradient":
        assert (result.inputs["theta"].shape, result.inputs["epsilon"]) == ((3, 2), 0.01)
    else:
        assert the_stress_inputs(result)  # the verdict returned is that of the last input
        assert result.inputs.get("lambda_", 0.7) == 0.7


def cross_entropy(h, Y, m):
    return np.sum(-Y * np.log(h) - (1 - Y) * np.log(1 - h)) / m


def nc_with_Y(make_Y):
    """A learner's nn_cost, right but for how it builds the one-hot Y from y."""
    def nn_cost(Theta1, Theta2, X, y, lambda_):
        h = solutions.forward_propagation(Theta1, Theta2, X)
        return cross_entropy(h, make_Y(y, Theta2), len(y)) + penalty(Theta1, Theta2, lambda_, len(y))
    return nn_cost


def nc_loop_over_labels(Theta1, Theta2, X, y, lambda_):
    h = solutions.forward_propagation(Theta1, Theta2, X)
    J = 0.0
    for k in range(y.max() + 1):  # the classes y shows, not the K output units
        y_k = (y == k).astype(float)
        J += np.sum(-y_k * np.log(h[:, k]) - (1 - y_k) * np.log(1 - h[:, k]))
    return J / len(y) + penalty(Theta1, Theta2, lambda_, len(y))


def bp_with_Y(make_Y):
    """A learner's backpropagation, right but for how it builds the one-hot Y from y."""
    def backpropagation(Theta1, Theta2, X, y, lambda_):
        return backprop(Theta1, Theta2, X, y, lambda_, delta3=lambda a3, Y: a3 - make_Y(y, Theta2))
    return backpropagation


@pytest.mark.parametrize(("fn", "status", "name", "hint"), [
    (nc_with_Y(lambda y, Theta2: np.eye(3)[y]), "error", "K hard-coded", r"size 3.*K = Theta2\.shape\[0\] = 6"),
    (nc_with_Y(lambda y, Theta2: (y[:, None] == np.arange(3)).astype(float)), "error", "K hard-coded",
     r"one-hot Y has 3 columns but h has K = 6"),
    (nc_with_Y(lambda y, Theta2: np.eye(y.max() + 1)[y]), "error", "K taken from the labels",
     r"y\.max\(\) \+ 1 = 5.*classes 3 and 5 never occur"),
    (nc_with_Y(lambda y, Theta2: np.eye(len(np.unique(y)))[y]), "error", "K taken from the labels",
     r"len\(np\.unique\(y\)\) = 4"),
    (nc_loop_over_labels, "mistake", "K taken from the labels", r"y\.max\(\) \+ 1 = 5"),
    (bp_with_Y(lambda y, Theta2: np.eye(3)[y]), "error", "K hard-coded", r"take K from Theta2"),
    (bp_with_Y(lambda y, Theta2: np.eye(y.max() + 1)[y]), "error", "K taken from the labels",
     r"one-hot Y has 5 columns but h has K = 6"),
])
def test_a_number_of_classes_not_taken_from_theta2_is_named_on_the_stress_network(fn, status, name, hint):
    result = (checks.nn_cost if fn.__name__ == "nn_cost" or fn is nc_loop_over_labels
              else checks.backpropagation)(fn)
    assert_verdict(result, status, name, hint)
    assert the_stress_inputs(result)


def test_summing_over_the_classes_y_shows_is_far_from_the_cost():
    # the issue's example: a K from the labels gave 1.682 where the cost is 3.047; on the stress
    # network, summing over y.max() + 1 = 5 units instead of K = 6 is as far off
    Theta1, Theta2, X, y = network_exercises.stress_network()
    right = solutions.nn_cost(Theta1, Theta2, X, y, 0.7)
    wrong = nc_loop_over_labels(Theta1, Theta2, X, y, 0.7)
    assert abs(wrong - right) > 0.1 * right


def fp_ones_for_six_examples(Theta1, Theta2, X):
    a1 = np.hstack([np.ones((6, 1)), X])  # the teaching input's m, typed in
    a2 = np.hstack([np.ones((6, 1)), sigmoid(a1 @ Theta1.T)])
    return sigmoid(a2 @ Theta2.T)


def fp_swapped_thetas(Theta1, Theta2, X):
    a2 = with_ones(sigmoid(with_ones(X) @ Theta2.T))  # Θ(2) in the first layer
    return sigmoid(a2 @ Theta1.T)


def fp_tanh_everywhere(Theta1, Theta2, X):
    return np.tanh(with_ones(np.tanh(with_ones(X) @ Theta1.T)) @ Theta2.T)


def fp_tanh_hidden(Theta1, Theta2, X):
    return sigmoid(with_ones(np.tanh(with_ones(X) @ Theta1.T)) @ Theta2.T)


def fp_cast_to_int(Theta1, Theta2, X):
    return solutions.forward_propagation(Theta1, Theta2, X).astype(int)


def fp_complex(Theta1, Theta2, X):
    return solutions.forward_propagation(Theta1, Theta2, X) + 0j


def fp_copied_from_the_verdict(Theta1, Theta2, X):
    return solutions.forward_propagation(*network_exercises.small_network()[:3])


def nc_octave_pair(Theta1, Theta2, X, y, lambda_):
    return solutions.nn_cost(Theta1, Theta2, X, y, lambda_), None  # Octave's [J grad]


def nc_tanh_hidden(Theta1, Theta2, X, y, lambda_):
    h = sigmoid(with_ones(np.tanh(with_ones(X) @ Theta1.T)) @ Theta2.T)
    return cross_entropy(h, one_hot(y, Theta2), len(y))


def nc_labels_plus_one(Theta1, Theta2, X, y, lambda_):
    h = solutions.forward_propagation(Theta1, Theta2, X)
    return cross_entropy(h, np.eye(Theta2.shape[0])[y + 1], len(y))


def nc_text(Theta1, Theta2, X, y, lambda_):
    return f"{solutions.nn_cost(Theta1, Theta2, X, y, lambda_):.6f}"


def nc_cast_to_int(Theta1, Theta2, X, y, lambda_):
    return int(solutions.nn_cost(Theta1, Theta2, X, y, lambda_))


def nc_copied_from_the_verdicts(Theta1, Theta2, X, y, lambda_):
    # the expected values the two teaching verdicts printed, typed in, one per λ
    Theta1_t, Theta2_t, X_t, y_t = network_exercises.small_network()
    printed = {lambda_t: solutions.nn_cost(Theta1_t, Theta2_t, X_t, y_t, lambda_t) for lambda_t in (0.0, 1.5)}
    return printed.get(lambda_, printed[1.5])


@pytest.mark.parametrize(("check", "fn", "status", "name", "hint", "stress"), [
    (checks.forward_propagation, fp_ones_for_six_examples, "error", "m hard-coded", r"np\.ones\(\(m, 1\)\) with m = X\.shape\[0\]", True),
    (checks.forward_propagation, fp_swapped_thetas, "error", "Θ(1) and Θ(2) swapped", r"z2 = a1 @ Theta1\.T, then z3 = a2 @ Theta2\.T", False),
    (checks.forward_propagation, fp_tanh_everywhere, "mistake", "tanh instead of the sigmoid", r"values in \(−1, 1\)", False),
    (checks.forward_propagation, fp_tanh_hidden, "mistake", "tanh instead of the sigmoid", r"in every layer", False),
    (checks.forward_propagation, fp_cast_to_int, "mistake", "cast to int", r"astype\(int\)", False),
    (checks.forward_propagation, fp_complex, "mistake", "returned complex numbers", r"real parts are right", False),
    (checks.forward_propagation, fp_copied_from_the_verdict, "mistake", "hard-coded answer", r"from its arguments", True),
    (checks.nn_cost, nc_octave_pair, "mistake", "returned (J, grad) like nnCostFunction", r"\(J, None\).*J itself is right", False),
    (checks.nn_cost, nc_tanh_hidden, "mistake", "tanh instead of the sigmoid", r"np\.tanh", False),
    (checks.nn_cost, nc_labels_plus_one, "error", "labels shifted by one", r"label 3 does not exist.*no \+ 1", False),
    (checks.nn_cost, nc_text, "mistake", "returned text, not a number", r"not str\(J\)", False),
    (checks.nn_cost, nc_cast_to_int, "mistake", "cast to int", r"int\(\.\.\.\)", False),
    (checks.nn_cost, nc_copied_from_the_verdicts, "mistake", "hard-coded answer", r"compute the answer from its arguments", True),
])
def test_forward_propagation_and_nn_cost_name_the_issue_9_mistakes(check, fn, status, name, hint, stress):
    result = check(fn)  # warnings are errors here: no ComplexWarning may escape
    assert_verdict(result, status, name, hint)
    assert the_stress_inputs(result) == stress


class ExplodingArray:
    """A learner's object that numpy cannot read: asking for its array raises."""

    def __array__(self, dtype=None, copy=None):
        raise RuntimeError("no array here")

    def __len__(self):
        raise ZeroDivisionError("no length either")


@pytest.mark.parametrize(("exercise", "returned"), [
    ("forward_propagation", lambda: (ExplodingArray(), ExplodingArray())),
    ("forward_propagation", lambda: ExplodingArray()),
    ("backpropagation", lambda: (ExplodingArray(), ExplodingArray())),
    ("backpropagation", lambda: ExplodingArray()),
    ("nn_cost", lambda: (ExplodingArray(), None)),
])
def test_reading_an_odd_result_never_raises(exercise, returned):
    result = getattr(checks, exercise)(lambda *args: returned())
    assert result.status in ("mistake", "error")
    assert result.mistake


# --- numerical_gradient: issue 9 -------------------------------------------------------------------

def ng_course_epsilon(f, theta, epsilon):
    return solutions.numerical_gradient(f, theta, 1e-4)  # the ε of the chapter, not the argument


def ng_rows(f, theta, epsilon):
    grad = np.zeros_like(theta)
    for i in range(len(theta)):  # for a matrix: its rows
        plus, minus = theta.copy(), theta.copy()
        plus[i] += epsilon
        minus[i] -= epsilon
        grad[i] = (f(plus) - f(minus)) / (2 * epsilon)
    return grad


def ng_minus_returns_to_theta(f, theta, epsilon):
    grad = np.zeros_like(theta)
    for i in np.ndindex(theta.shape):
        nudged = theta.copy()
        nudged[i] += epsilon
        f_plus = f(nudged)
        nudged[i] -= epsilon  # back at θ, not at θ − ε
        grad[i] = (f_plus - f(nudged)) / (2 * epsilon)
    return grad


def ng_float32_result(f, theta, epsilon):
    return solutions.numerical_gradient(f, theta, epsilon).astype(np.float32)


def ng_float32_throughout(f, theta, epsilon):
    grad = np.zeros(theta.shape)
    for i in np.ndindex(theta.shape):
        plus, minus = theta.astype(np.float32), theta.astype(np.float32)
        plus[i] += epsilon
        minus[i] -= epsilon
        grad[i] = (f(plus) - f(minus)) / (2 * epsilon)
    return grad


def ng_complex(f, theta, epsilon):
    return solutions.numerical_gradient(f, theta, epsilon).astype(complex)


def ng_int(f, theta, epsilon):
    grad = np.zeros(theta.shape, dtype=int)  # filled with floats below, truncated by numpy
    grad[...] = solutions.numerical_gradient(f, theta, epsilon)
    return grad


def ng_copied(f, theta, epsilon):
    # the printed answers of the vector and the matrix input, typed in (here computed, with f left alone)
    def known(t):
        return np.sum(t ** 3) + np.sum(t) ** 2

    teaching = {(3,): np.array([0.5, -1.2, 2.0]), (2, 3): np.array([[0.3, -0.8, 1.5], [-1.1, 0.7, 2.2]])}
    return solutions.numerical_gradient(known, teaching.get(theta.shape, teaching[(2, 3)]), 1e-4)


@pytest.mark.parametrize(("fn", "name", "hint", "theta_shape"), [
    (ng_course_epsilon, "epsilon not used", r"ε = 0\.0001.*epsilon = 0\.01", (3, 2)),
    (ng_rows, "nudged a whole row at a time", r"range\(len\(theta\)\) counts its 2 rows", (2, 3)),
    (ng_minus_returns_to_theta, "minus nudge returns to θ", r"theta_minus\[i\] -= epsilon", (3,)),
    (ng_float32_result, "float32 result", r"float32 \(about 6 significant digits\)", (3,)),
    (ng_float32_throughout, "computed in float32", r"chapter 08 shows", (3,)),
    (ng_complex, "returned complex numbers", r"real parts are right", (3,)),
    (ng_int, "cast to int", r"dtype=int", (3,)),
    (ng_copied, "hard-coded answer", r"from its arguments", (3, 2)),
])
def test_numerical_gradient_names_the_issue_9_mistakes(fn, name, hint, theta_shape):
    result = checks.numerical_gradient(fn)
    assert_mistake(result, name, hint)
    assert result.inputs["theta"].shape == theta_shape


def ng_complex_step(f, theta, epsilon):
    grad = np.zeros(theta.shape)
    for i in np.ndindex(theta.shape):
        stepped = theta.astype(complex)
        stepped[i] += 1j * epsilon  # the complex-step trick, on an f written for real θ
        grad[i] = np.imag(f(stepped)) / epsilon
    return grad


def test_a_complex_theta_given_to_f_is_named_and_its_warning_kept_in_the_hint():
    result = checks.numerical_gradient(ng_complex_step)  # warnings are errors here: none escapes
    assert_mistake(result, "complex θ given to f", r"Nudge by the real ε.*numpy warned")


def fp_theta1_twice(Theta1, Theta2, X):
    a2 = with_ones(sigmoid(with_ones(X) @ Theta1.T))
    return sigmoid(a2 @ Theta1.T)  # Θ(1) again in the second layer


def test_theta1_in_the_second_layer_is_offered_beside_the_missing_transpose():
    # on the teaching network K = n+1 = 3, so a2 @ Theta1.T and a2 @ Theta2 clash with the same sizes
    result = checks.forward_propagation(fp_theta1_twice)
    assert (result.status, result.mistake) == ("error", "Θ not transposed")
    assert re.search(r"Or is Θ\(1\) used where Θ\(2\) belongs", result.hint)


lambda_ = 1.0  # a notebook's global λ, as chapter 07 sets one


def nc_global_lambda(Theta1, Theta2, X, y, lambda_of_the_call):
    return solutions.nn_cost(Theta1, Theta2, X, y, lambda_)


def bp_global_lambda(Theta1, Theta2, X, y, lambda_of_the_call):
    return solutions.backpropagation(Theta1, Theta2, X, y, lambda_)


def bp_lambda_of_the_teaching_input(Theta1, Theta2, X, y, lambda_of_the_call):
    return solutions.backpropagation(Theta1, Theta2, X, y, 1.5 if lambda_of_the_call else 0.0)


@pytest.mark.parametrize(("check", "fn", "hint", "lambda_of_the_input"), [
    (checks.nn_cost, nc_global_lambda, r"right for λ = 1, but lambda_ = 0 was passed", 0.0),
    (checks.backpropagation, bp_global_lambda, r"right for λ = 1, but lambda_ = 0 was passed", 0.0),
    (checks.backpropagation, bp_lambda_of_the_teaching_input, r"λ = 1\.5, but lambda_ = 0\.7 was passed", 0.7),
])
def test_a_lambda_other_than_the_one_passed_is_named(check, fn, hint, lambda_of_the_input):
    result = check(fn)
    assert_mistake(result, "λ not the one passed", hint)
    assert result.inputs["lambda_"] == lambda_of_the_input


def test_an_unnamed_cost_is_not_blamed_on_lambda():
    # 1.0 is no cost of any round λ here: the implied λ is not a two-decimal number
    assert checks.nn_cost(lambda Theta1, Theta2, X, y, lambda_: 1.0).mistake == "unrecognised"


# --- found in the audit: forms the chapter cannot go on with, sizes from the notebook ------------

@pytest.mark.parametrize(("exercise", "form", "name"), [
    ("forward_propagation", lambda a3: a3.tolist(), "returned a list, not an array"),
    ("forward_propagation", np.asmatrix, "returned a np.matrix"),
    ("backpropagation", lambda grads: [grad.tolist() for grad in grads], "returned a list, not an array"),
    ("backpropagation", lambda grads: tuple(np.asmatrix(grad) for grad in grads), "returned a np.matrix"),
    ("numerical_gradient", lambda grad: grad.tolist(), "returned a list, not an array"),
], ids=["a3 nested lists", "a3 matrix", "gradients nested lists", "gradients matrices", "numerical list"])
def test_right_numbers_the_chapter_cannot_go_on_with_are_named(exercise, form, name):
    result = getattr(checks, exercise)(lambda *args: form(getattr(solutions, exercise)(*args)))
    assert_verdict(result, "mistake", name, r"^the numbers are right, but ")


def test_a_pair_may_be_a_list_of_two_arrays():
    assert checks.backpropagation(lambda *args: list(solutions.backpropagation(*args))).passed


X_DIGITS = np.linspace(0.0, 1.0, 1797 * 64).reshape(1797, 64)  # what a notebook's X_all looks like
Y_DIGITS = np.arange(1797) % 10


def test_the_notebooks_X_in_a_forward_pass_is_named_not_taken_for_a_transpose():
    result = checks.forward_propagation(lambda Theta1, Theta2, X: solutions.forward_propagation(Theta1, Theta2,
                                                                                                X_DIGITS))
    assert_verdict(result, "error", "a size from elsewhere",
                   r"numpy names a size of 65, which none of the arguments has .*used instead of an argument")


def test_a_hard_coded_m_of_the_chapter_is_named():
    def ones_for_the_digits(Theta1, Theta2, X):
        a1 = np.hstack([np.ones((1797, 1)), X])
        return sigmoid(with_ones(sigmoid(a1 @ Theta1.T)) @ Theta2.T)

    assert_verdict(checks.forward_propagation(ones_for_the_digits), "error", "a size from elsewhere",
                   r"a size of 1797, which none of the arguments has")


def Y_for_ten_classes(y):
    return np.eye(10)[y]  # the chapter's K = 10 typed in


def nc_ten_classes(Theta1, Theta2, X, y, lambda_):
    h = layers(Theta1, Theta2, X)[-1]
    Y = Y_for_ten_classes(y)
    return np.sum(-Y * np.log(h) - (1 - Y) * np.log(1 - h)) / X.shape[0]


def bp_ten_classes(Theta1, Theta2, X, y, lambda_):
    a1, z2, a2, _, a3 = layers(Theta1, Theta2, X)
    delta3 = a3 - Y_for_ten_classes(y)
    delta2 = delta3 @ Theta2[:, 1:] * sigmoid_gradient(z2)
    return delta2.T @ a1 / X.shape[0], delta3.T @ a2 / X.shape[0]


@pytest.mark.parametrize(("check", "fn"), [(checks.nn_cost, nc_ten_classes),
                                         (checks.backpropagation, bp_ten_classes)], ids=["nn_cost", "backprop"])
def test_the_chapters_ten_classes_typed_in_are_named(check, fn):
    result = check(fn)
    assert_verdict(result, "error", "K hard-coded",
                   r"your one-hot Y has 10 columns but h has K = 3: is the number of classes typed in")


def nc_loop_over_ten_classes(Theta1, Theta2, X, y, lambda_):
    h = layers(Theta1, Theta2, X)[-1]
    J = 0.0
    for k in range(10):  # the digits' K typed in
        y_k = (y == k).astype(float)
        J += np.sum(-y_k * np.log(h[:, k]) - (1 - y_k) * np.log(1 - h[:, k]))
    return J / X.shape[0]


def test_a_loop_over_ten_classes_is_not_taken_for_shifted_labels():
    assert_verdict(checks.nn_cost(nc_loop_over_ten_classes), "error", "K hard-coded",
                   r"column 3 does not exist: h has K = 3 columns, 0\.\.K-1; a loop over the classes runs past "
                   r"K: for k in range\(K\)")


# --- from an adversarial audit of the checks ------------------------------------------------------

def nc_as_a_length_one_array(Theta1, Theta2, X, y, lambda_):
    return np.array([solutions.nn_cost(Theta1, Theta2, X, y, lambda_)])


def bp_penalty_over_the_digits_m(Theta1, Theta2, X, y, lambda_):
    Theta1_grad, Theta2_grad = solutions.backpropagation(Theta1, Theta2, X, y, 0.0)
    Theta1_grad[:, 1:] += lambda_ / 1797 * Theta1[:, 1:]
    Theta2_grad[:, 1:] += lambda_ / 1797 * Theta2[:, 1:]
    return Theta1_grad, Theta2_grad


def test_a_right_cost_of_shape_1_is_named_a_shape_mistake():
    # was "unrecognised": the λ suspect's float(got) raised on the (1,) array, and expected 2.757171
    # and got [2.757171] looked the same
    assert_mistake(checks.nn_cost(nc_as_a_length_one_array), "wrong shape",
                   r"expected shape \(\) — a single number, got \(1,\)\. The numbers are right")


def test_a_penalty_over_a_typed_in_m_is_named_not_blamed_on_lambda():
    # was "λ not the one passed … λ = 0.00500835"
    assert_mistake(checks.backpropagation(bp_penalty_over_the_digits_m), "divided by the wrong m",
                   r"^your penalty is divided by m = 1797, while this input has m = \d+ examples")


# --- penalty mistakes and a typed-in m (were blamed on a λ read from the notebook) -----------------

def _cost_with_penalty(penalty):
    def nn_cost(Theta1, Theta2, X, y, lambda_):
        return solutions.nn_cost(Theta1, Theta2, X, y, 0.0) + lambda_ * penalty(Theta1, Theta2, X.shape[0])
    return nn_cost


def _gradients_with_penalty(add_penalty):
    def backpropagation(Theta1, Theta2, X, y, lambda_):
        grads = [grad.copy() for grad in solutions.backpropagation(Theta1, Theta2, X, y, 0.0)]
        add_penalty(grads, Theta1, Theta2, lambda_, X.shape[0])
        return tuple(grads)
    return backpropagation


def _rows_skipped(grads, Theta1, Theta2, lambda_, m):
    for grad, Theta in zip(grads, (Theta1, Theta2), strict=True):
        grad[1:, :] += lambda_ / m * Theta[1:, :]


def _theta2_bias_too(grads, Theta1, Theta2, lambda_, m):
    grads[0][:, 1:] += lambda_ / m * Theta1[:, 1:]
    grads[1] += lambda_ / m * Theta2


def _teaching_m_typed_in(grads, Theta1, Theta2, lambda_, m):
    for grad, Theta in zip(grads, (Theta1, Theta2), strict=True):
        grad[:, 1:] += lambda_ / 6 * Theta[:, 1:]


@pytest.mark.parametrize(("check", "fn", "name", "hint"), [
    (checks.nn_cost, _cost_with_penalty(lambda T1, T2, m: (np.sum(T1[1:, :] ** 2) + np.sum(T2[1:, :] ** 2)) / (2 * m)),
     "bias row skipped instead of column", r"column 0 of each Θ.*not row 0"),
    (checks.nn_cost, _cost_with_penalty(lambda T1, T2, m: (np.sum(T1[:, 1:] ** 2) + np.sum(T2 ** 2)) / (2 * m)),
     "bias column regularised", r"Theta2's is summed here"),
    (checks.nn_cost, _cost_with_penalty(lambda T1, T2, m: (np.sum(T1[:, 1:] ** 2) + np.sum(T2[:, 1:] ** 2)) / 12),
     "divided by the wrong m", r"^your penalty is divided by m = 6, while this input has m = \d+ examples"),
    (checks.backpropagation, _gradients_with_penalty(_rows_skipped), "bias row skipped instead of column",
     r"add \(λ/m\) Θ to \[:, 1:\]"),
    (checks.backpropagation, _gradients_with_penalty(_theta2_bias_too), "bias column regularised",
     r"Theta2_grad's gets \(λ/m\) Θ too"),
    (checks.backpropagation, _gradients_with_penalty(_teaching_m_typed_in), "divided by the wrong m",
     r"^your penalty is divided by m = 6, while this input has m = \d+ examples"),
])
def test_penalty_mistakes_and_a_typed_in_m_are_named(check, fn, name, hint):
    assert_mistake(check(fn), name, hint)


def test_a_pair_holding_none_is_named():
    result = checks.backpropagation(lambda Theta1, Theta2, X, y, lambda_: (None, None))
    assert_mistake(result, "returned None in the pair", r"^your function returned \(None, None\): is a gradient")

