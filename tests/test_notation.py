"""Conversions between Θ (bias in column 0) and the W, b of the other notations."""

import numpy as np
import pytest

from mlcourse import network, sigmoid
from mlcourse.notation import join_theta, split_theta


def test_split_and_join_round_trip():
    Theta = np.arange(12.0).reshape(3, 4)
    W, b = split_theta(Theta)
    np.testing.assert_array_equal(b, [0.0, 4.0, 8.0])
    np.testing.assert_array_equal(W, Theta[:, 1:])
    np.testing.assert_array_equal(join_theta(W, b), Theta)
    np.testing.assert_array_equal(join_theta(W, b[:, None]), Theta)  # b as a (s_out, 1) column
    W[0, 0] = -1.0
    assert Theta[0, 1] == 1.0  # split returns copies


def test_three_notations_give_the_same_forward_pass():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(6, 3))
    Theta1, Theta2 = network.initialize_weights(3, 4, 2, seed=1)
    W1, b1 = split_theta(Theta1)
    W2, b2 = split_theta(Theta2)
    per_example = np.array([sigmoid(W2 @ sigmoid(W1 @ x + b1) + b2) for x in X])
    A2 = sigmoid(W2 @ sigmoid(W1 @ X.T + b1[:, None]) + b2[:, None])
    a3 = network.forward(Theta1, Theta2, X).a3
    np.testing.assert_allclose(per_example, a3, rtol=1e-13)
    np.testing.assert_allclose(A2.T, a3, rtol=1e-13)


def test_errors_name_the_parameter():
    with pytest.raises(ValueError, match=r"b must have shape \(3,\) to match the 3 rows of W; got \(2,\)"):
        join_theta(np.zeros((3, 2)), np.zeros(2))
    with pytest.raises(ValueError, match=r"Theta must have at least 2 columns"):
        split_theta(np.zeros((3, 1)))


# --- regressions from the input audit: each failed before its fix -------------------------------

def test_join_theta_names_a_ragged_b():
    # was numpy's "setting an array element with a sequence. The requested array has an inhomogeneous shape"
    with pytest.raises(TypeError, match=r"^b must be a rectangular array of numbers"):
        join_theta(np.ones((2, 3)), [[1.0], [2.0, 3.0]])


def test_weight_matrices_are_not_described_as_examples():
    # was "Theta must be a 2-D array of shape (m, n), one row per example"
    with pytest.raises(ValueError, match=r"^Theta must be a 2-D array of shape \(s_out, s_in \+ 1\); got a 1-D"):
        split_theta(np.ones(3))
    with pytest.raises(ValueError, match=r"^W must be a 2-D array of shape \(s_out, s_in\); got a 3-D"):
        join_theta(np.ones((1, 2, 3)), np.ones(2))
