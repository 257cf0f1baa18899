"""Tests for mlcourse.chapters.ch07_gradient_checking: the planted bugs, the diagnosis check and the ε sweep."""

import numpy as np
import pytest

from mlcourse import gradcheck, network
from mlcourse.chapters import ch07_gradient_checking as ch07

BUGS = {"a": ch07.bug_a, "b": ch07.bug_b,
        "c": ch07.bug_c, "d": ch07.bug_d}
ANSWERS = {"a": "missing g'(z2) in delta2", "b": "bias column regularised",
           "c": "missing 1/m", "d": "delta3 multiplied by g'(z3)"}


def _check(bug, lambda_):
    return gradcheck.check_network_gradient(lambda_=lambda_, gradient_function=BUGS[bug])


# --- the small problem and the float32 cost ------------------------------------------------------

def test_small_problem_is_the_checkers_problem():
    Theta1, Theta2, X, y = ch07.small_problem()
    assert Theta1.shape == (5, 4)
    assert Theta2.shape == (3, 6)
    assert X.shape == (5, 3)
    np.testing.assert_array_equal(y, [1, 2, 0, 1, 2])  # 1..5 modulo K = 3
    # X[0, 0] = sin(1)/10, X[1, 0] = sin(2)/10 (filled column by column), X[0, 1] = sin(6)/10
    np.testing.assert_allclose([X[0, 0], X[1, 0], X[0, 1]], np.sin([1, 2, 6]) / 10, rtol=1e-15)
    # the checker's own numerical gradient is the numerical gradient of network.cost on this problem
    check = gradcheck.check_network_gradient(lambda_=3.0)
    numerical = gradcheck.numerical_gradient(
        lambda p: network.cost(p[:20].reshape(5, 4), p[20:].reshape(3, 6), X, y, 3.0),
        network.pack(Theta1, Theta2))
    np.testing.assert_allclose(check.numerical, numerical, rtol=0, atol=1e-15)


@pytest.mark.parametrize("lambda_", [0.0, 3.0])
def test_cost_float32_agrees_with_float64_to_single_precision(lambda_):
    Theta1, Theta2, X, y = ch07.small_problem()
    J64 = network.cost(Theta1, Theta2, X, y, lambda_)
    J32 = ch07.cost_float32(Theta1, Theta2, X, y, lambda_)
    assert isinstance(J32, float)
    # float32 keeps ~7 digits: agreement to 1e-6 relative, but not to 1e-9 (it really is float32)
    assert abs(J32 - J64) < 1e-6 * J64
    assert J32 != J64
    assert J32 == float(np.float32(J32))  # the value is representable in float32


def test_cost_float32_does_not_overflow_for_large_scores():
    Theta1, Theta2, X, y = ch07.small_problem()
    with np.errstate(over="raise", invalid="raise", divide="raise"):  # underflow to 0 is harmless
        J = ch07.cost_float32(Theta1 * 1e4, Theta2 * 1e4, X, y)
    assert np.isfinite(J)


def test_forward_difference_error_is_first_order():
    # f(θ) = Σ θ³: f' = 3θ², and the one-sided quotient is 3θ² + 3θε + ε², error ≈ 3θε
    theta = np.array([1.0, 2.0])
    before = theta.copy()
    grad = ch07.forward_difference(lambda t: float(np.sum(t ** 3)), theta, 1e-3)
    np.testing.assert_allclose(grad, 3 * theta ** 2 + 3 * theta * 1e-3 + 1e-6, rtol=1e-8)
    np.testing.assert_array_equal(theta, before)


# --- the ε sweep ---------------------------------------------------------------------------------

def test_epsilon_sweep_float64_truncation_then_round_off():
    epsilons = 10.0 ** -np.arange(0, 13)
    differences = ch07.epsilon_sweep(epsilons)
    best = int(np.argmin(differences))
    assert epsilons[best] == pytest.approx(1e-4)  # the course's choice is the best decade in float64
    assert differences[best] < 1e-10
    # truncation: 100 times smaller per decade between ε = 1e-1 and 1e-3 (slope 2)
    slope = np.log10(differences[1] / differences[3]) / 2
    assert 1.9 < slope < 2.1
    # round-off: about 10 times larger per decade between ε = 1e-6 and 1e-12 (slope −1)
    slope = np.log10(differences[12] / differences[6]) / -6
    assert -1.2 < slope < -0.8


def test_epsilon_sweep_float32_is_far_worse_and_prefers_a_larger_epsilon():
    epsilons = 10.0 ** -np.arange(0, 13)
    differences = ch07.epsilon_sweep(epsilons, precision="float32")
    best = int(np.argmin(differences))
    assert epsilons[best] >= 1e-2
    assert 1e-6 < differences[best] < 1e-3
    assert differences[4] > 1e-3  # ε = 1e-4, the float64 choice, is useless in float32
    # below ~1e-8, θ ± ε rounds back to θ in float32: the numerical gradient is 0, the difference 1
    np.testing.assert_allclose(differences[9:], 1.0, rtol=1e-12)


@pytest.mark.parametrize(("kwargs", "error", "match"), [
    ({"epsilons": []}, ValueError, r"epsilons must be a non-empty 1-D array; got shape \(0,\)"),
    ({"epsilons": [1e-4, 0.0]}, ValueError, "epsilons must all be finite numbers > 0"),
    ({"epsilons": [1e-4], "precision": "float16"}, ValueError, 'precision must be "float64" or "float32"'),
    ({"epsilons": [1e-4], "lambda_": -1.0}, ValueError, "lambda_"),
])
def test_epsilon_sweep_rejects_bad_input(kwargs, error, match):
    with pytest.raises(error, match=match):
        ch07.epsilon_sweep(**kwargs)


# --- the planted bugs ----------------------------------------------------------------------------

@pytest.mark.parametrize("bug", ["a", "c", "d"])
@pytest.mark.parametrize("lambda_", [0.0, 3.0])
def test_bugs_fail_the_check(bug, lambda_):
    check = _check(bug, lambda_)
    assert not check.passed
    assert check.relative_difference > 1e-2  # far above round-off, so the failure is unmistakable


def test_bug_b_passes_without_regularisation_and_fails_with_it():
    assert _check("b", 0.0).passed
    check = _check("b", 3.0)
    assert not check.passed
    # only column 0 of each matrix is wrong
    grad1 = (check.analytic - check.numerical)[:20].reshape(5, 4)
    grad2 = (check.analytic - check.numerical)[20:].reshape(3, 6)
    assert np.abs(grad1[:, 1:]).max() < 1e-9
    assert np.abs(grad2[:, 1:]).max() < 1e-9
    # the extra term is (λ/m)·Θ[:, 0] with λ = 3, m = 5
    Theta1, Theta2, _, _ = ch07.small_problem()
    np.testing.assert_allclose(grad1[:, 0], 0.6 * Theta1[:, 0], atol=1e-9)
    np.testing.assert_allclose(grad2[:, 0], 0.6 * Theta2[:, 0], atol=1e-9)


def test_the_evidence_of_each_bug():
    Theta1, Theta2, X, y = ch07.small_problem()
    right = network.gradient(Theta1, Theta2, X, y)
    # a: Θ(2)'s gradient untouched, Θ(1)'s about 1/g'(z2) ≈ 4 times too large
    grad1, grad2 = ch07.bug_a(Theta1, Theta2, X, y)
    np.testing.assert_allclose(grad2, right[1], rtol=1e-12)
    assert np.all((grad1 / right[0] > 3.5) & (grad1 / right[0] < 4.5))
    # c: at λ = 0 everything exactly m = 5 times too large
    for wrong, correct in zip(ch07.bug_c(Theta1, Theta2, X, y), right, strict=True):
        np.testing.assert_allclose(wrong, 5 * correct, rtol=1e-12)
    # d: everything multiplied by about h(1 − h) ≈ 1/4
    for wrong, correct in zip(ch07.bug_d(Theta1, Theta2, X, y), right, strict=True):
        assert np.all((wrong / correct > 0.2) & (wrong / correct < 0.26))


def test_bugs_do_not_modify_their_inputs():
    Theta1, Theta2, X, y = ch07.small_problem()
    copies = [a.copy() for a in (Theta1, Theta2, X, y)]
    for bug in BUGS.values():
        bug(Theta1, Theta2, X, y, 3.0)
    for before, after in zip(copies, (Theta1, Theta2, X, y), strict=True):
        np.testing.assert_array_equal(before, after)


def test_the_plain_backprop_without_a_bug_is_right():
    Theta1, Theta2, X, y = ch07.small_problem()
    for got, expected in zip(ch07._backprop(Theta1, Theta2, X, y, 3.0),
                             network.gradient(Theta1, Theta2, X, y, 3.0), strict=True):
        np.testing.assert_allclose(got, expected, rtol=1e-12, atol=1e-15)


# --- reading a check -----------------------------------------------------------------------------

def test_print_evidence_of_a_passed_check(capsys):
    ch07.print_evidence(gradcheck.check_network_gradient(lambda_=3.0), 3.0)
    out = capsys.readouterr().out
    assert out.startswith("λ = 3: relative difference below 1e-09: passed")
    ratios = out.split("col 3", 1)[1]
    assert "." not in ratios.split("Theta2_grad")[0]  # every Θ(1) entry shown as "="
    assert out.count("=") >= 38


def test_print_evidence_shows_the_factor(capsys):
    ch07.print_evidence(_check("c", 0.0), 0.0)
    out = capsys.readouterr().out
    assert "FAILED" in out
    assert out.count("5.00") == 38  # every one of the 20 + 18 entries is 5 times too large


def test_print_evidence_rejects_a_check_of_other_sizes():
    check = gradcheck.check_network_gradient(input_size=2)
    with pytest.raises(ValueError, match="check must hold packed gradients of length 20 "):
        ch07.print_evidence(check, 0.0)


# --- the diagnosis check -------------------------------------------------------------------------

@pytest.mark.parametrize("bug", sorted(ANSWERS))
def test_correct_diagnosis_is_accepted(bug, capsys):
    result = ch07.check_diagnosis(bug, ANSWERS[bug])
    assert result.passed
    assert result.status == "correct"
    assert capsys.readouterr().out.startswith(f"bug {bug}: correct")


@pytest.mark.parametrize("bug", sorted(ANSWERS))
def test_every_wrong_diagnosis_gets_the_hint_not_the_answer(bug, capsys):
    for choice in ch07.DIAGNOSIS_CHOICES:
        if choice == ANSWERS[bug]:
            continue
        result = ch07.check_diagnosis(bug, choice)
        out = capsys.readouterr().out
        assert not result.passed
        assert result.status == "wrong"
        assert out.startswith(f"bug {bug}: not this one. Hint: ")
        assert ch07._HINTS[bug] in out
        assert ANSWERS[bug] not in out


def test_diagnosis_ignores_case_spacing_and_greek_letters():
    assert ch07.check_diagnosis("d", "  Delta3 multiplied  by g'(z3) ").passed
    assert ch07.check_diagnosis("a", "missing g'(z2) in δ2").passed


def test_placeholder_is_not_attempted(capsys):
    result = ch07.check_diagnosis("b", "not answered yet")
    assert result.status == "not attempted"
    assert not result.passed
    assert "not attempted yet" in capsys.readouterr().out


def test_an_answer_outside_the_choices_lists_them(capsys):
    result = ch07.check_diagnosis("c", "the learning rate")
    out = capsys.readouterr().out
    assert result.status == "not a choice"
    for choice in ch07.DIAGNOSIS_CHOICES:
        assert f'"{choice}"' in out


def test_every_answer_is_one_of_the_choices():
    assert set(ch07._ANSWERS.values()) <= set(ch07.DIAGNOSIS_CHOICES)
    assert len(set(ch07._ANSWERS.values())) == 4


def test_check_diagnosis_rejects_bad_input():
    with pytest.raises(ValueError, match='bug must be one of "a", "b", "c", "d"; got \'e\''):
        ch07.check_diagnosis("e", "missing 1/m")
    with pytest.raises(TypeError, match="diagnosis must be a string, one of the choices; got int"):
        ch07.check_diagnosis("a", 3)


def test_print_choices(capsys):
    ch07.print_choices()
    lines = capsys.readouterr().out.splitlines()
    assert [line.strip().strip('"') for line in lines] == list(ch07.DIAGNOSIS_CHOICES)


def test_median_seconds_is_positive_and_rejects_bad_repeats():
    calls = []
    assert ch07.median_seconds(lambda: calls.append(1), repeats=5) >= 0.0
    assert len(calls) == 6  # one warm-up run, then 5 timed
    with pytest.raises(ValueError, match="repeats"):
        ch07.median_seconds(lambda: None, repeats=0)
