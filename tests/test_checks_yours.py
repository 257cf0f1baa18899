"""checks.yours_or_library: the learner's function runs once it passes its check, never before."""

import numpy as np
import pytest

from mlcourse import checks
from mlcourse.checks import solutions


def stub(theta, X, y, alpha):
    raise NotImplementedError  # your code here


def sign_error(theta, X, y, alpha):
    return solutions.gradient_descent_step(theta, X, y, -alpha)


def library(theta, X, y, alpha):
    return solutions.gradient_descent_step(theta, X, y, alpha)


def test_a_function_that_passes_is_the_one_that_runs(capsys):
    chosen = checks.yours_or_library("gradient_descent_step", solutions.gradient_descent_step, library)
    assert chosen is solutions.gradient_descent_step
    assert capsys.readouterr().out == "Running your gradient_descent_step: it passes its check.\n"


def test_a_stub_leaves_the_library_running(capsys):
    assert checks.yours_or_library("gradient_descent_step", stub, library) is library
    printed = capsys.readouterr().out
    assert printed.startswith("Running the library's version: your gradient_descent_step is not written yet.")
    assert "not attempted" not in printed  # the check itself ran quietly: no verdict, no hint
    assert "Hint" not in printed


def test_a_wrong_answer_leaves_the_library_running(capsys):
    assert checks.yours_or_library("gradient_descent_step", sign_error, library) is library
    assert "does not pass its check yet" in capsys.readouterr().out


def test_a_later_edit_is_seen_because_the_check_runs_again():
    def step(theta, X, y, alpha):
        return stub(theta, X, y, alpha)

    assert checks.yours_or_library("gradient_descent_step", step, library) is library
    step.__code__ = library.__code__  # the learner fixes the function after the check cell ran
    assert checks.yours_or_library("gradient_descent_step", step, library) is step


@pytest.mark.parametrize("exercise", ["backpropagation", "numerical_gradient", "regularised_cost"])
def test_every_exercise_with_a_solution_can_be_chosen(exercise, capsys):
    answer = getattr(solutions, exercise)
    assert checks.yours_or_library(exercise, answer, np.sum) is answer


def test_an_unknown_exercise_is_named_with_the_choices():
    with pytest.raises(ValueError, match=r"exercise must be one of .*gradient_descent_step.*; got 'descent'"):
        checks.yours_or_library("descent", stub, library)


def test_a_result_instead_of_a_function_is_refused():
    with pytest.raises(TypeError, match=r"yours must be a function; got ndarray"):
        checks.yours_or_library("gradient_descent_step", np.zeros(3), library)
    with pytest.raises(TypeError, match=r"library must be a function; got NoneType"):
        checks.yours_or_library("gradient_descent_step", stub, None)
