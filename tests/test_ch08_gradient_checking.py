"""Tests for mlcourse.chapters.ch07_gradient_checking: the float32 cost, the evidence printout, the timer."""

import numpy as np
import pytest

from mlcourse import gradcheck, network
from mlcourse.chapters import ch07_gradient_checking as ch07


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
    J32 = ch07.cost_float32(Theta1, Theta2, X, y, lambda_)
    assert isinstance(J32, float)
    # float32 keeps ~7 digits: agreement to 1e-6 relative, but not to 1e-9 (it really is float32)
    assert abs(J32 - J64) < 1e-6 * J64
    assert J32 != J64
    assert J32 == float(np.float32(J32))  # the value is representable in float32


def test_cost_float32_does_not_overflow_for_large_scores():
    Theta1, Theta2, X, y = small_problem()
    with np.errstate(over="raise", invalid="raise", divide="raise"):  # underflow to 0 is harmless
        J = ch07.cost_float32(Theta1 * 1e4, Theta2 * 1e4, X, y)
    assert np.isfinite(J)

def test_cost_float32_rejects_what_the_network_cost_rejects():
    Theta1, Theta2, X, y = small_problem()
    with pytest.raises(ValueError, match="lambda_"):
        ch07.cost_float32(Theta1, Theta2, X, y, -1.0)
    with pytest.raises(ValueError, match="Theta1"):
        ch07.cost_float32(Theta1[:, :-1], Theta2, X, y)


# --- reading a check -----------------------------------------------------------------------------

def test_print_evidence_of_a_passed_check(capsys):
    ch07.print_evidence(gradcheck.check_network_gradient(lambda_=3.0), 3.0)
    out = capsys.readouterr().out
    assert out.startswith("λ = 3: relative difference below 1e-09: passed")
    ratios = out.split("col 3", 1)[1]
    assert "." not in ratios.split("Theta2_grad")[0]  # every Θ(1) entry shown as "="
    assert out.count("=") >= 38


def test_print_evidence_shows_the_factor(capsys):
    ch07.print_evidence(gradcheck.check_network_gradient(gradient_function=five_times_too_large), 0.0)
    out = capsys.readouterr().out
    assert "FAILED" in out
    assert out.count("5.00") == 38  # every one of the 20 + 18 entries is 5 times too large


def test_print_evidence_rejects_a_check_of_other_sizes():
    check = gradcheck.check_network_gradient(input_size=2)
    with pytest.raises(ValueError, match="check must hold packed gradients of length 20 "):
        ch07.print_evidence(check, 0.0)


def test_median_seconds_is_positive_and_rejects_bad_repeats():
    calls = []
    assert ch07.median_seconds(lambda: calls.append(1), repeats=5) >= 0.0
    assert len(calls) == 6  # one warm-up run, then 5 timed
    with pytest.raises(ValueError, match="repeats"):
        ch07.median_seconds(lambda: None, repeats=0)
