"""Tests for mlcourse.chapters.ch06_the_output_error: the Q10 training harness and the two figures.

The derivation itself (δ(3) = h − y, δ beside ∂J/∂h, the squared-error δ(3)) is written in chapter
06's cells and checked there, under strict nbval. The oracles here are written out in the tests; the
figures are read back from the Axes they return.
"""

import matplotlib

matplotlib.use("Agg")  # before pyplot is imported anywhere: no window, no display needed

import numpy as np
import pytest
from oracles import numerical_gradient, small_network_problem

from mlcourse import network
from mlcourse.chapters import ch06_the_output_error as ch06


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
        assert start.cross_entropy == pytest.approx(_cross_entropy(z3, Y), rel=1e-12, abs=0)
        assert start.accuracy == pytest.approx(np.mean(np.argmax(z3, axis=1) == y), abs=1e-15)
        assert start.mean_abs_delta3 == pytest.approx(np.mean(np.abs(output_error(z3, Y))), rel=1e-12, abs=0)


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
    assert runs["squared_error"][0].cross_entropy == pytest.approx(expected, rel=1e-8, abs=0)


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
    assert cross[0].cross_entropy == pytest.approx(squared[0].cross_entropy, rel=1e-15, abs=0)
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


# --- the figures ------------------------------------------------------------------------------------

def test_plot_output_errors_draws_each_error_and_its_size():
    z = np.linspace(-8.0, 8.0, 33)
    a = _sigmoid(z)
    errors = {"cross-entropy": a - 0.0, "squared error": a * a * (1 - a)}  # y = 0
    _, (linear_ax, log_ax) = ch06.plot_output_errors(z, errors, label=0)
    assert [line.get_label() for line in linear_ax.lines[:2]] == list(errors)
    for line, values in zip(linear_ax.lines, errors.values(), strict=False):
        np.testing.assert_array_equal(line.get_xdata(), z)
        np.testing.assert_array_equal(line.get_ydata(), values)
    for line, values in zip(log_ax.lines, errors.values(), strict=False):
        np.testing.assert_array_equal(line.get_ydata(), np.abs(values))
    assert log_ax.get_yscale() == "log"
    # told apart without colour: each curve has its own line style and marker
    styles = {(line.get_linestyle(), line.get_marker()) for line in linear_ax.lines[:2]}
    assert len(styles) == 2
    ratio = errors["cross-entropy"][-1] / errors["squared error"][-1]  # 1 / (a(1 − a)) at z = 8
    written = [text.get_text().strip() for text in log_ax.texts]  # the arrow is an Annotation without text
    assert [text for text in written if text] == [f"×{ratio:,.0f}"]
    assert "y = 0" in linear_ax.get_title()


def test_plot_output_errors_refuses_a_curve_of_another_length():
    with pytest.raises(ValueError, match="must have shape"):
        ch06.plot_output_errors(np.linspace(0, 1, 5), {"a": np.zeros(4)})
    with pytest.raises(ValueError, match="at least one"):
        ch06.plot_output_errors(np.linspace(0, 1, 5), {})


def test_plot_learning_curves_draws_the_checkpoints():
    _, _, X, y = small_network_problem(m=30, n=4, s2=5, K=3, seed=2)
    Theta1, Theta2 = ch06.saturated_start(4, 5, 3, seed=2, output_bias=6.0)
    runs = ch06.train_output_errors(Theta1, Theta2, X, y, OUTPUT_ERRORS, alpha=1.0, num_iters=6,
                                    checkpoints=range(7))
    figure, (cost_ax, accuracy_ax) = ch06.plot_learning_curves(runs, title="two runs")
    assert figure.get_suptitle() == "two runs"
    assert cost_ax.get_yscale() == "log"
    for line, run in zip(cost_ax.lines, runs.values(), strict=True):
        np.testing.assert_array_equal(line.get_xdata(), np.arange(7))
        np.testing.assert_array_equal(line.get_ydata(), [c.cross_entropy for c in run])
    for line, run in zip(accuracy_ax.lines, runs.values(), strict=True):
        np.testing.assert_allclose(line.get_ydata(), [100 * c.accuracy for c in run], rtol=1e-15)
    assert [text.get_text() for text in accuracy_ax.get_legend().get_texts()] == list(OUTPUT_ERRORS)


def test_plot_learning_curves_refuses_runs_of_different_iterations():
    Theta1, Theta2, X, y = small_network_problem()
    first = ch06.train_output_errors(Theta1, Theta2, X, y, OUTPUT_ERRORS, alpha=1.0, num_iters=2,
                                     checkpoints=[0, 1])
    second = ch06.train_output_errors(Theta1, Theta2, X, y, OUTPUT_ERRORS, alpha=1.0, num_iters=2,
                                      checkpoints=[0, 2])
    with pytest.raises(ValueError, match="same iterations"):
        ch06.plot_learning_curves({"a": first["cross_entropy"], "b": second["cross_entropy"]})
    with pytest.raises(ValueError, match="at least one"):
        ch06.plot_learning_curves({})
