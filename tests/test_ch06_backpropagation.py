"""Tests for mlcourse.chapters.ch06_backpropagation: the Q10 training harness and the check reports.

The derivation itself (δ(3), δ(2), the outer products, the loop, the graph) is written in chapter
06's cells and checked there, under strict nbval. The oracles here are written out in the tests.
"""

import numpy as np
import pytest
from oracles import numerical_gradient, small_network_problem

from mlcourse import network
from mlcourse.chapters import ch06_backpropagation as ch06


def _sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def _cross_entropy_delta3(z3, Y):
    return _sigmoid(z3) - Y


def _squared_error_delta3(z3, Y):
    a3 = _sigmoid(z3)
    return -(Y - a3) * a3 * (1 - a3)


OUTPUT_ERRORS = {"cross_entropy": _cross_entropy_delta3, "squared_error": _squared_error_delta3}


def _outputs(Theta1, Theta2, X):
    """z3 of the network, written out from the definitions."""
    a1 = np.hstack([np.ones((X.shape[0], 1)), X])
    a2 = np.hstack([np.ones((X.shape[0], 1)), _sigmoid(a1 @ Theta1.T)])
    return a2 @ Theta2.T


def _cross_entropy(z3, Y):
    h = _sigmoid(z3)
    return float(-np.sum(Y * np.log(h) + (1 - Y) * np.log(1 - h)) / z3.shape[0])


# --- Q10: saturated start and the two training runs ----------------------------------------------

def test_saturated_start_shifts_only_the_output_bias():
    Theta1, Theta2 = ch06.saturated_start(4, 5, 3, seed=1, output_bias=6.0)
    base1, base2 = network.initialize_weights(4, 5, 3, 1)
    np.testing.assert_array_equal(Theta1, base1)
    np.testing.assert_allclose(Theta2[:, 0], base2[:, 0] + 6.0, rtol=0, atol=1e-15)
    np.testing.assert_array_equal(Theta2[:, 1:], base2[:, 1:])
    with pytest.raises(ValueError, match="output_bias must be a finite number"):
        ch06.saturated_start(4, 5, 3, output_bias=float("inf"))


def test_first_checkpoint_measures_the_start():
    Theta1, Theta2, X, y = small_network_problem(m=8)
    Y = np.eye(3)[y]
    runs = ch06.train_output_errors(Theta1, Theta2, X, y, OUTPUT_ERRORS, alpha=0.5, num_iters=3,
                                    checkpoints=[0])
    z3 = _outputs(Theta1, Theta2, X)
    for name, output_error in OUTPUT_ERRORS.items():
        (start,) = runs[name]
        assert start.iteration == 0
        assert start.cross_entropy == pytest.approx(_cross_entropy(z3, Y), rel=1e-12)
        assert start.accuracy == pytest.approx(np.mean(np.argmax(z3, axis=1) == y), abs=1e-15)
        assert start.mean_abs_delta3 == pytest.approx(np.mean(np.abs(output_error(z3, Y))), rel=1e-12)


@pytest.mark.parametrize("lambda_", [0.0, 0.8])
def test_one_step_descends_the_cost_whose_output_error_it_was_given(lambda_):
    # the squared-error run must step along −∇ of the squared-error cost, here by central differences
    Theta1, Theta2, X, y = small_network_problem()
    Y = np.eye(3)[y]
    alpha, m = 0.7, X.shape[0]

    def squared_cost(params):
        T1, T2 = network.unpack(params, 4, 5, 3)
        penalty = lambda_ / (2 * m) * (np.sum(T1[:, 1:] ** 2) + np.sum(T2[:, 1:] ** 2))
        return np.sum((_sigmoid(_outputs(T1, T2, X)) - Y) ** 2) / (2 * m) + penalty

    params = network.pack(Theta1, Theta2)
    stepped = params - alpha * numerical_gradient(squared_cost, params, 1e-6)
    expected = _cross_entropy(_outputs(*network.unpack(stepped, 4, 5, 3), X), Y)
    runs = ch06.train_output_errors(Theta1, Theta2, X, y, {"squared_error": _squared_error_delta3},
                                    alpha=alpha, num_iters=1, checkpoints=[1], lambda_=lambda_)
    assert runs["squared_error"][0].cross_entropy == pytest.approx(expected, rel=1e-8)


def test_cross_entropy_escapes_saturation_faster():
    _, _, X, y = small_network_problem(m=30, n=4, s2=5, K=3, seed=2)
    Theta1, Theta2 = ch06.saturated_start(4, 5, 3, seed=2, output_bias=6.0)
    start = (Theta1.copy(), Theta2.copy())
    runs = ch06.train_output_errors(Theta1, Theta2, X, y, OUTPUT_ERRORS, alpha=1.0, num_iters=20,
                                    checkpoints=[20, 0])
    np.testing.assert_array_equal(Theta1, start[0])  # the caller's start is not modified
    np.testing.assert_array_equal(Theta2, start[1])
    cross, squared = runs["cross_entropy"], runs["squared_error"]
    assert [c.iteration for c in cross] == [0, 20]
    assert cross[0].cross_entropy == pytest.approx(squared[0].cross_entropy, rel=1e-15)
    # saturated at "yes": the cross-entropy error is near 1 per wrong output, the squared one near 0
    assert cross[0].mean_abs_delta3 > 50 * squared[0].mean_abs_delta3
    assert cross[1].cross_entropy < squared[1].cross_entropy


def test_train_output_errors_rejects_bad_input():
    Theta1, Theta2, X, y = small_network_problem()
    with pytest.raises(ValueError, match="checkpoints must be iterations between 0 and num_iters = 5"):
        ch06.train_output_errors(Theta1, Theta2, X, y, OUTPUT_ERRORS, alpha=1.0, num_iters=5,
                                 checkpoints=[6])
    with pytest.raises(ValueError, match="alpha"):
        ch06.train_output_errors(Theta1, Theta2, X, y, OUTPUT_ERRORS, alpha=0.0, num_iters=5,
                                 checkpoints=[0])
    with pytest.raises(TypeError, match="output_errors must be a non-empty dict"):
        ch06.train_output_errors(Theta1, Theta2, X, y, _squared_error_delta3, alpha=1.0, num_iters=5,
                                 checkpoints=[0])
    with pytest.raises(ValueError, match=r"output_error\(z3, Y\) must return finite numbers of shape"):
        ch06.train_output_errors(Theta1, Theta2, X, y, {"bad": lambda z3, Y: z3[:, :1]}, alpha=1.0,
                                 num_iters=5, checkpoints=[0])
    with pytest.raises(ValueError, match="y"):
        ch06.train_output_errors(Theta1, Theta2, X, y + 5, OUTPUT_ERRORS, alpha=1.0, num_iters=5,
                                 checkpoints=[0])
