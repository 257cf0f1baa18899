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


def test_a_name_reassigned_to_a_result_leaves_the_library_running(capsys):
    # gradient_descent_step = gradient_descent_step(...) in a scratch cell: the chapter must go on
    assert checks.yours_or_library("gradient_descent_step", np.zeros(3), library) is library
    assert capsys.readouterr().out.startswith(
        "Running the library's version: your gradient_descent_step is not a function here but ndarray "
        "(did a cell assign to its name?)")


def test_a_library_that_is_not_a_function_is_the_chapters_bug_and_raises():
    with pytest.raises(TypeError, match=r"library must be a function; got NoneType"):
        checks.yours_or_library("gradient_descent_step", stub, None)


@pytest.mark.parametrize(("exercise", "form"), [
    ("forward_propagation", lambda answer: answer.tolist()),
    ("backpropagation", lambda answer: [part.tolist() for part in answer]),
    ("backpropagation", lambda answer: tuple(np.asmatrix(part) for part in answer)),
    ("gradient_descent_step", lambda answer: list(answer)),
], ids=["forward as nested lists", "gradients as nested lists", "gradients as np.matrix", "step as a list"])
def test_right_numbers_the_chapter_cannot_go_on_with_leave_the_library_running(exercise, form, capsys):
    # h.shape in chapter 05, the packing of the gradients in chapter 07's training: these would crash
    def yours(*args):
        return form(getattr(solutions, exercise)(*args))

    assert checks.yours_or_library(exercise, yours, np.sum) is np.sum
    assert "does not pass its check yet" in capsys.readouterr().out
