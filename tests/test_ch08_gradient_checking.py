"""Tests for mlcourse.chapters.ch08_gradient_checking: the float32 cost, the evidence printout, the timer."""

import numpy as np
import pytest

from mlcourse import gradcheck, network
from mlcourse.chapters import ch08_gradient_checking as ch08


def small_problem():
    # the course's checkNNGradients problem, as gradcheck.check_network_gradient builds it
    Theta1, Theta2 = network.debug_initialize(3, 5), network.debug_initialize(5, 3)
    X = np.sin(np.arange(1, 16)).reshape((5, 3), order="F") / 10
    return Theta1, Theta2, X, np.arange(1, 6) % 3


def five_times_too_large(Theta1, Theta2, X, y, lambda_):
    # a wrong backpropagation whose every entry is off by one known factor
    return tuple(5 * grad for grad in network.gradient(Theta1, Theta2, X, y, lambda_))


# --- the float32 cost ------------------------------------------------------------------------------

@pytest.mark.parametrize("lambda_", [0.0, 3.0])
def test_cost_float32_agrees_with_float64_to_single_precision(lambda_):
    Theta1, Theta2, X, y = small_problem()
    J64 = network.cost(Theta1, Theta2, X, y, lambda_)
    J32 = ch08.cost_float32(Theta1, Theta2, X, y, lambda_)
    assert isinstance(J32, float)
    # float32 keeps ~7 digits: agreement to 1e-6 relative, but not to 1e-9 (it really is float32)
    assert abs(J32 - J64) < 1e-6 * J64
    assert J32 != J64
    assert J32 == float(np.float32(J32))  # the value is representable in float32


def test_cost_float32_does_not_overflow_for_large_scores():
    Theta1, Theta2, X, y = small_problem()
    with np.errstate(over="raise", invalid="raise", divide="raise"):  # underflow to 0 is harmless
        J = ch08.cost_float32(Theta1 * 1e4, Theta2 * 1e4, X, y)
    assert np.isfinite(J)

def test_cost_float32_rejects_what_the_network_cost_rejects():
    Theta1, Theta2, X, y = small_problem()
    with pytest.raises(ValueError, match="lambda_"):
        ch08.cost_float32(Theta1, Theta2, X, y, -1.0)
    with pytest.raises(ValueError, match="Theta1"):
        ch08.cost_float32(Theta1[:, :-1], Theta2, X, y)


# --- reading a check -----------------------------------------------------------------------------

def test_print_evidence_of_a_passed_check(capsys):
    ch08.print_evidence(gradcheck.check_network_gradient(lambda_=3.0), 3.0)
    out = capsys.readouterr().out
    assert out.startswith("λ = 3: relative difference below 1e-09: passed")
    ratios = out.split("col 3", 1)[1]
    assert "." not in ratios.split("Theta2_grad")[0]  # every Θ(1) entry shown as "="
    assert out.count("=") >= 38


def test_print_evidence_shows_the_factor(capsys):
    ch08.print_evidence(gradcheck.check_network_gradient(gradient_function=five_times_too_large), 0.0)
    out = capsys.readouterr().out
    assert "FAILED" in out
    assert out.count("5.00") == 38  # every one of the 20 + 18 entries is 5 times too large


def test_print_evidence_rejects_a_check_of_other_sizes():
    check = gradcheck.check_network_gradient(input_size=2)
    with pytest.raises(ValueError, match="check must hold packed gradients of length 20 "):
        ch08.print_evidence(check, 0.0)


def test_median_seconds_is_positive_and_rejects_bad_repeats():
    calls = []
    assert ch08.median_seconds(lambda: calls.append(1), repeats=5) >= 0.0
    assert len(calls) == 6  # one warm-up run, then 5 timed
    with pytest.raises(ValueError, match="repeats"):
        ch08.median_seconds(lambda: None, repeats=0)


# --- the ε slider ----------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def epsilon_slider():
    import matplotlib

    matplotlib.use("Agg")
    model = chapter_error_model()
    return (*ch08.make_epsilon_slider(*small_problem(), model, epsilons=10.0 ** -np.arange(0.0, 12.5, 1.0)),
            model)


def chapter_error_model():
    """c and k as chapter 08 computes them, written here independently of the companion."""
    Theta1, Theta2, X, y = small_problem()
    params = network.pack(Theta1, Theta2)
    analytic = network.pack(*network.gradient(Theta1, Theta2, X, y))

    def packed_cost(p):
        return network.cost(*network.unpack(p, 3, 5, 3), X, y)

    numerical = np.array([(packed_cost(params + 1e-2 * e) - packed_cost(params - 1e-2 * e)) / 2e-2
                          for e in np.eye(params.size)])
    c = (np.linalg.norm(analytic - numerical) / np.linalg.norm(analytic + numerical)) / 1e-2 ** 2
    J = network.cost(Theta1, Theta2, X, y)
    k = np.sqrt(params.size) * J / (2 * np.sqrt(2) * np.linalg.norm(2 * analytic))
    return ch08.EpsilonErrorModel(c, k)


def test_the_error_model_refuses_coefficients_that_are_not_positive():
    with pytest.raises(ValueError, match=r"^round_off_coefficient must be > 0; got -1"):
        ch08.EpsilonErrorModel(1e-3, -1.0)
    with pytest.raises(TypeError, match=r"^model must be an EpsilonErrorModel"):
        ch08.make_epsilon_slider(*small_problem(), (2e-3, 4.4))


def test_error_model_predicts_the_measured_sweep(epsilon_slider):
    _, _, model = epsilon_slider
    Theta1, Theta2, X, y = small_problem()
    # truncation: c·ε² against the float64 check deep on the truncation side
    at_1e_1 = ch08.epsilon_update(1e-1, Theta1, Theta2, X, y, model)
    assert at_1e_1.float64 == pytest.approx(model.truncation(1e-1), rel=0.02, abs=0)
    # round-off: k·ε_mach/ε is an estimate of noise, right to within a factor of 3 on both sides of it
    at_1e_9 = ch08.epsilon_update(1e-9, Theta1, Theta2, X, y, model)
    assert model.round_off(1e-9, "float64") / 3 < at_1e_9.float64 < 3 * model.round_off(1e-9, "float64")
    # float32: the numerical gradient is exactly zero, the relative difference exactly 1
    assert at_1e_9.float32 == 1.0 == model.round_off(1e-9, "float32")
    assert at_1e_9.dominant == {"float64": "round-off", "float32": "round-off"}


def test_crossovers_sit_at_the_bottom_of_each_valley(epsilon_slider):
    _, _, model = epsilon_slider
    # float64's valley is at 1e-4 to 1e-5, float32's near 1e-1: ε* = (k ε_mach / c)^(1/3)
    assert 1e-5 < model.crossover("float64") < 1e-4
    assert 1e-2 < model.crossover("float32") < 1e-1
    ratio = model.crossover("float32") / model.crossover("float64")
    assert ratio == pytest.approx((2.0 ** 29) ** (1 / 3))  # the cube root of the ratio of machine epsilons


def test_epsilon_slider_callback_prints_both_precisions_and_moves_the_markers(epsilon_slider, capsys,
                                                                             monkeypatch):
    import IPython.display

    show, figure, _ = epsilon_slider
    shown = []
    monkeypatch.setattr(IPython.display, "display", shown.append)
    show(1e-2)
    out = capsys.readouterr().out
    assert out.splitlines()[0] == "ε = 0.01   (bar: relative difference below 1e-09)"
    assert "cost in float64: relative difference 2.1e-07, fails; truncation dominates" in out
    assert "cost in float32: relative difference" in out
    assert "round-off dominates" in out.splitlines()[2]
    assert len(shown) == 1
    assert isinstance(shown[0], IPython.display.Image)  # one PNG, drawn once
    markers = [line for ax in figure.axes for line in ax.lines if line.get_label() == "slider's ε"]
    assert [list(marker.get_xdata()) for marker in markers] == [[1e-2], [1e-2]]


def test_epsilon_update_rejects_a_bad_epsilon(epsilon_slider):
    _, _, model = epsilon_slider
    with pytest.raises(ValueError, match="epsilon"):
        ch08.epsilon_update(0.0, *small_problem(), model)
