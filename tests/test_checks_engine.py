"""The check machinery every exercise shares, and the contract of an exercise record.

The first part runs real checks (cost, gradient) through the verdicts every check shares; the second
runs a toy exercise through :func:`mlcourse.checks.engine.run`, one field of the record at a time; the
last holds every exercise's named mistakes to the promise the engine's tolerance relies on. Warnings
are errors in this test run, so any RuntimeWarning that escaped a check would fail the test.
"""

import re
import signal
import subprocess
import sys
import threading
import time

import numpy as np
import pytest

from mlcourse import checks
from mlcourse.activations import sigmoid
from mlcourse.checks import (
    engine,
    gradient_checking_exercises,
    later_inputs,
    learner_code,
    logistic_exercises,
    network_exercises,
    solutions,
)
from mlcourse.checks.engine import Exercise, Mistake


def stub(*args):
    raise NotImplementedError


def assert_mistake(result, name, hint_pattern):
    assert result.status == "mistake", result
    assert result.mistake == name
    assert re.search(hint_pattern, result.hint), result.hint



# --- the verdicts every check shares -------------------------------------------------------------

ALL_CHECKS = ["sigmoid_gradient", "cost", "gradient", "gradient_descent_step", "regularised_cost",
              "regularised_gradient", "forward_propagation", "nn_cost", "backpropagation",
              "numerical_gradient"]


@pytest.mark.parametrize("exercise", ALL_CHECKS)
def test_each_check_accepts_its_solution(exercise, capsys):
    result = getattr(checks, exercise)(getattr(solutions, exercise))
    assert result.status == "passed"
    assert result.passed
    assert result.mistake is None
    assert capsys.readouterr().out == f"{exercise}: passed.\n"


@pytest.mark.parametrize("exercise", ALL_CHECKS)
def test_each_check_reports_a_stub_as_not_attempted(exercise, capsys):
    result = getattr(checks, exercise)(stub)
    assert result.status == "not attempted"
    assert not result.passed
    assert capsys.readouterr().out.startswith(f"{exercise}: not attempted yet")


def test_the_printed_verdict_shows_the_mistake_hint_input_and_both_values(capsys):
    def forgot_one_over_m(theta, X, y):
        return X.T @ (sigmoid(X @ theta) - y)

    result = checks.gradient(forgot_one_over_m)
    out = capsys.readouterr().out
    assert out == str(result) + "\n"
    lines = out.splitlines()
    assert lines[0] == "gradient: mistake — forgot 1/m"
    assert lines[1].startswith("  Hint: the gradient is the mean over examples")
    assert re.search(r"^  expected \[-0\.020712 +0\.234576 +0\.107398\]  \(shape \(3,\)\)$", out, re.M)
    assert re.search(r"^  got      \[-0\.082847 +0\.938303 +0\.429591\]  \(shape \(3,\)\)$", out, re.M)
    # got is m = 4 times expected: the sum over the examples, never divided by m
    np.testing.assert_allclose(result.got, 4 * result.expected, rtol=1e-12)


def test_the_shown_input_is_code_that_rebuilds_the_input(capsys):
    # A learner can paste the input lines into a cell and debug on the very numbers the check used.
    result = checks.cost(lambda theta, X, y: 0.0)
    block = capsys.readouterr().out.split("On the input\n")[1].split("  expected")[0]
    namespace = {"np": np}
    exec(block.replace("\n    ", "\n").strip(), namespace)
    for name, value in result.inputs.items():
        np.testing.assert_array_equal(namespace[name], value)
    assert result.inputs["X"].shape == (4, 3)
    np.testing.assert_array_equal(result.inputs["X"][:, 0], 1.0)  # the intercept column


def test_an_unnameable_wrong_answer_fails_with_expected_and_got(capsys):
    def wrong(theta, X, y):
        return np.array([1.0, 2.0, 3.0])

    result = checks.gradient(wrong)
    assert_mistake(result, "unrecognised", "compare expected and got")
    np.testing.assert_array_equal(result.got, [1.0, 2.0, 3.0])
    assert result.expected.shape == (3,)
    out = capsys.readouterr().out
    assert "expected [-0.020712" in out
    assert "got      [1.000000 2.000000 3.000000]" in out


def test_an_exception_is_reported_not_raised(capsys):
    def crashes(theta, X, y):
        return {}["missing"]

    result = checks.cost(crashes)
    assert result.status == "error"
    assert result.mistake == "raised an exception"
    assert re.search(r"KeyError: 'missing'\. It was raised at .*Run your function", result.hint)
    assert capsys.readouterr().out.startswith("cost: error — raised an exception\n  Hint: KeyError")


def test_a_shape_error_points_at_star_versus_at():
    def star_instead_of_at(theta, X, y):
        h = sigmoid(X @ theta)
        return (X * (h - y)).sum(axis=0) / y.size  # (4, 3) * (4,) cannot broadcast

    result = checks.gradient(star_instead_of_at)
    assert result.status == "error"
    assert result.mistake == "shapes do not line up"
    assert re.search(r"could not be broadcast.*\* where @ was meant.*theta \(3,\), X \(4, 3\), y \(4,\)",
                     result.hint)


def test_returning_none_or_not_numbers_is_named():
    def no_return(theta, X, y):
        sigmoid(X @ theta)

    assert_mistake(checks.cost(no_return), "returned None", r"`return` statement missing")

    def returns_a_pair(theta, X, y):
        return solutions.cost(theta, X, y), solutions.gradient(theta, X, y)

    assert_mistake(checks.cost(returns_a_pair), "returned a tuple, not a number",
                   r"^your function returned a tuple of 2 items, \(np\.float64\(0\.\d+\), array\(.*expected a "
                   r"single number: return the answer alone\.$")
    # a pair of text and a number: the tuple is named, not the array of text numpy would make of it
    assert_mistake(checks.cost(lambda theta, X, y: (str(solutions.cost(theta, X, y)), 0)),
                   "returned a tuple, not a number", r"^your function returned a tuple of 2 items, \('0\.")


def test_wrong_shape_message_names_both_shapes():
    def column(theta, X, y):
        return solutions.gradient(theta, X, y)[:, np.newaxis]

    result = checks.gradient(column)
    assert_mistake(result, "wrong shape", r"^expected shape \(3,\), got \(3, 1\)\. The numbers are right")

    def one_by_one(theta, X, y):
        return np.array([[solutions.cost(theta, X, y)]])

    assert_mistake(checks.cost(one_by_one), "wrong shape",
                   r"expected shape \(\) — a single number, got \(1, 1\)")


def test_a_matrix_result_points_at_broadcasting():
    def outer(theta, X, y):
        return np.ones((3, 4))

    assert_mistake(checks.gradient(outer), "wrong shape", r"got \(3, 4\)\. A matrix .* shape \(m, 1\)")


def test_a_division_by_a_global_m_is_named():
    def global_m(theta, X, y):
        return X.T @ (sigmoid(X @ theta) - y) / 100  # m of the notebook's data, not of this X

    assert_mistake(checks.gradient(global_m), "divided by the wrong m", r"divided by 100 instead of m = 4")


def test_changing_the_input_in_place_is_caught_even_with_the_right_answer():
    def in_place(theta, X, y, alpha):
        theta -= alpha * solutions.gradient(theta, X, y)
        return theta

    assert_mistake(checks.gradient_descent_step(in_place), "changed its input", r"changed theta in place")


def test_a_warning_from_the_learners_code_is_caught_and_named():
    def log_of_z(theta, X, y):
        z = X @ theta
        return (-y @ np.log(z) - (1 - y) @ np.log(1 - z)) / y.size

    result = checks.cost(log_of_z)  # would fail here if the RuntimeWarning escaped
    assert_mistake(result, "NaN or inf", r"not to z = X @ theta.*numpy warned .*invalid value encountered in log")


@pytest.mark.parametrize("given", [0.5, None, "cost", np.zeros(3)], ids=["float", "None", "str", "array"])
def test_something_that_is_not_a_function_gets_a_verdict_not_a_traceback(given, capsys):
    # e.g. cost = cost(theta, X, y) in a scratch cell, then the check cell run again
    result = checks.cost(given)
    assert (result.status, result.mistake) == ("error", "not a function")
    assert re.search(rf"given {type(given).__name__} .*checks\.cost\(cost\), not checks\.cost\(cost\(\.\.\.\)\)"
                     r".*did a cell assign to it", result.hint)
    printed = capsys.readouterr().out
    assert printed.startswith("cost: error — not a function\n")
    assert "On the input" not in printed


@pytest.mark.parametrize(("fn", "name", "pattern"), [
    (lambda theta, X: 1.0, "takes other arguments", r"too many positional arguments"),
    (lambda theta, X, y, lambda_: 1.0, "takes other arguments", r"missing a required argument: 'lambda_'"),
    (lambda: 1.0, "takes other arguments", r"too many positional arguments"),
    (lambda theta, *, X, y: 1.0, "takes other arguments", r"defined as cost\(theta, \*, X, y\)"),
    (lambda X, y, theta: 1.0, "parameters in another order", r"its X receives theta"),
    (lambda theta, y, X: 1.0, "parameters in another order", r"its y receives X"),
], ids=["two", "four", "none", "keyword-only", "reordered", "two swapped"])
def test_a_function_with_other_parameters_is_told_how_the_check_calls_it(fn, name, pattern):
    result = checks.cost(fn)
    assert (result.status, result.mistake) == ("error", name)
    assert "the check calls your function as cost(theta, X, y)" in result.hint
    assert re.search(pattern, result.hint), result.hint
    assert "`def cost(theta, X, y):`" in result.hint


def test_parameters_the_check_cannot_inspect_or_extra_defaults_are_called_as_they_are():
    assert checks.cost(lambda theta, X, y, verbose=False: solutions.cost(theta, X, y)).passed
    assert checks.cost(lambda *args: solutions.cost(*args)).passed
    assert checks.sigmoid_gradient(np.vectorize(lambda z: solutions.sigmoid_gradient(z))).passed


class BrokenMessage(Exception):
    def __str__(self):
        raise RuntimeError("a __str__ that fails")


@pytest.mark.parametrize("error", [SystemExit(1), GeneratorExit(), BrokenMessage()],
                         ids=["SystemExit", "GeneratorExit", "broken __str__"])
def test_any_exception_but_keyboard_interrupt_is_a_verdict(error):
    def raises(theta, X, y):
        raise error

    result = checks.cost(raises)
    assert (result.status, result.mistake) == ("error", "raised an exception")
    assert result.hint.startswith(f"{type(error).__name__}")
    assert f"raised at line {line_of(raises, 1)} of raises" in result.hint


def test_keyboard_interrupt_still_stops_the_check():
    def interrupted(theta, X, y):
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        checks.cost(interrupted)


def test_checks_are_deterministic():
    first = checks.cost(lambda theta, X, y: 1.0)
    second = checks.cost(lambda theta, X, y: 1.0)
    assert first.expected == second.expected  # same seed, same input: bit-for-bit the same reference
    for name in first.inputs:
        np.testing.assert_array_equal(first.inputs[name], second.inputs[name])


# --- the exercise record: a toy exercise through the engine ---------------------------------------

def halve(**fields):
    """A toy exercise, "return x / 2", on a vector and then a matrix; ``fields`` replace the defaults."""
    record = {
        "name": "halve",
        "inputs": lambda: [{"x": np.array([2.0, 4.0])}, {"x": np.array([[6.0, -8.0]])}],
        "reference": lambda x: x / 2,
        "mistakes": lambda x: [Mistake("forgot to halve", "divide by 2.", x),
                               Mistake("doubled", "halve, do not double.", 2 * x)],
        "nonfinite_hint": "is there a division by 0?",
    }
    return Exercise(**{**record, **fields})


def test_the_engine_tries_the_inputs_in_order_and_shows_the_first_that_fails(capsys):
    result = engine.run(halve(), lambda x: x / 2 if x.ndim == 1 else x)
    assert_mistake(result, "forgot to halve", r"^divide by 2\.$")
    np.testing.assert_array_equal(result.inputs["x"], [[6.0, -8.0]])  # the vector passed, the matrix not
    assert capsys.readouterr().out.startswith("halve: mistake — forgot to halve\n")

    result = engine.run(halve(), lambda x: 0.5 * x)
    assert result.passed
    np.testing.assert_array_equal(result.got, [[3.0, -4.0]])  # every input was tried
    assert capsys.readouterr().out == "halve: passed.\n"


def test_the_inputs_are_built_afresh_for_every_check():
    built = []

    def inputs():
        built.append(object())
        return [{"x": np.array([1.0])}]

    exercise = halve(inputs=inputs)
    engine.run(exercise, lambda x: x / 2)
    engine.run(exercise, lambda x: x / 2)
    assert len(built) == 2


def test_the_engine_asks_each_field_of_the_record_in_turn():
    # explain names an exception before the generic explanation
    explained = halve(explain=lambda error, x: ("lost a key", "look up x.") if isinstance(error, KeyError) else None)
    result = engine.evaluate(explained, lambda x: {}["k"], {"x": np.array([1.0])})
    assert (result.status, result.mistake) == ("error", "lost a key")
    assert re.fullmatch(r"KeyError: 'k'\. look up x\. It was raised at line \d+ of <lambda> .*", result.hint)

    # diagnose is asked before the mistakes, with what came back and the inputs
    diagnosed = halve(diagnose=lambda got, x: ("diagnosed", f"got {got.shape} for x {x.shape}."))
    assert_mistake(engine.evaluate(diagnosed, lambda x: x, {"x": np.array([1.0])}), "diagnosed",
                   r"got \(1,\) for x \(1,\)")

    # read turns the result into something comparable, or names its form
    def read(result, expected, x):
        return (result[0], None) if np.ndim(result) == 2 else (result, ("not wrapped", "wrap it."))

    wrapped = halve(read=read)
    assert engine.evaluate(wrapped, lambda x: np.array([x / 2]), {"x": np.array([1.0])}).passed
    assert_mistake(engine.evaluate(wrapped, lambda x: x / 2, {"x": np.array([1.0])}), "not wrapped", "wrap it")

    # examples gives the m of a mean, so that a division by another whole number is named
    mean = halve(reference=lambda x: x.sum() / x.size, mistakes=lambda x: [], examples=lambda x: x.size)
    assert_mistake(engine.evaluate(mean, lambda x: x.sum() / 7, {"x": np.array([1.0, 3.0])}),
                   "divided by the wrong m", r"divided by 7 instead of m = 2")

    # in_place_hint replaces the standard hint for a right answer that changed its input
    def in_place(x):
        x /= 2
        return x

    careful = halve(in_place_hint="leave x alone.")
    assert_mistake(engine.evaluate(careful, in_place, {"x": np.array([1.0])}), "changed its input",
                   r"^leave x alone\.$")
    assert_mistake(engine.evaluate(halve(), in_place, {"x": np.array([1.0])}), "changed its input",
                   r"changed x in place")


# --- every exercise: the named mistakes are far apart ---------------------------------------------

EXERCISES = [logistic_exercises.SIGMOID_GRADIENT, logistic_exercises.COST, logistic_exercises.GRADIENT,
             logistic_exercises.GRADIENT_DESCENT_STEP, logistic_exercises.REGULARISED_COST,
             logistic_exercises.REGULARISED_GRADIENT, network_exercises.FORWARD_PROPAGATION,
             network_exercises.NN_COST, network_exercises.BACKPROPAGATION,
             gradient_checking_exercises.NUMERICAL_GRADIENT]


def test_every_check_has_its_exercise_record():
    assert [exercise.name for exercise in EXERCISES] == ALL_CHECKS


def indistinguishable(a, b):
    """True if a check could not tell ``a`` from ``b``: same shapes, equal within its tolerance."""
    if isinstance(a, tuple) or isinstance(b, tuple):  # a pair of gradients
        return (isinstance(a, tuple) and isinstance(b, tuple) and len(a) == len(b)
                and all(indistinguishable(part, other) for part, other in zip(a, b, strict=True)))
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    return a.shape == b.shape and np.allclose(a, b, rtol=engine.RTOL, atol=engine.ATOL)


@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda exercise: exercise.name)
def test_every_named_mistake_is_far_from_the_answer_and_from_differently_named_ones(exercise):
    # the answer is the learner's solution on the same input, not the library the check compares with
    solution = getattr(solutions, exercise.name)
    for inputs in exercise.inputs():
        answer = solution(*inputs.values())
        mistakes = exercise.mistakes(**inputs)
        assert len(mistakes) >= 5
        for i, mistake in enumerate(mistakes):
            assert not indistinguishable(mistake.value, answer), mistake.name
            for other in mistakes[i + 1:]:
                if other.name != mistake.name:
                    assert not indistinguishable(mistake.value, other.value), (mistake.name, other.name)


# --- no exception escapes, and the verdict names the learner's line -------------------------------

def line_of(fn, offset):
    """The file line ``offset`` lines below the ``def`` of ``fn``: the oracle for a located exception."""
    return fn.__code__.co_firstlineno + offset


def test_an_exception_names_the_line_of_the_learners_code_it_came_from():
    def crashes(theta, X, y):
        h = sigmoid(X @ theta)
        return h[10]  # only 4 examples

    result = checks.cost(crashes)
    assert result.status == "error"
    assert f"raised at line {line_of(crashes, 2)} of crashes (in test_checks_engine.py): `return h[10]" \
        in result.hint, result.hint


def test_an_exception_inside_numpy_is_located_at_the_learners_call():
    def helper(X):
        return np.linalg.inv(X.T @ X - X.T @ X)  # a singular matrix: numpy raises LinAlgError

    def calls_numpy(theta, X, y):
        return helper(X) @ theta

    result = checks.gradient(calls_numpy)
    assert result.status == "error"
    assert "LinAlgError" in result.hint
    # the innermost frame of the learner's code, not numpy's own files
    assert f"line {line_of(helper, 1)} of helper (in test_checks_engine.py)" in result.hint, result.hint


class Unreadable:
    """A result whose conversion to an array raises something other than TypeError or ValueError."""

    def __array__(self, dtype=None, copy=None):
        raise ZeroDivisionError("no numbers here")


@pytest.mark.parametrize("exercise", ["cost", "forward_propagation", "backpropagation"])
def test_an_exception_while_reading_the_result_is_a_verdict(exercise):
    # forward_propagation and backpropagation read a tuple themselves; nothing may escape either
    result = getattr(checks, exercise)(lambda *args: (Unreadable(), Unreadable()) if exercise != "cost"
                                       else Unreadable())
    assert result.status == "mistake"
    assert result.mistake == "could not read the result"
    assert re.search(r"raised ZeroDivisionError: no numbers here\. It was raised at line \d+ of __array__ "
                     r"\(in test_checks_engine\.py\): `raise ZeroDivisionError", result.hint), result.hint


def test_the_checks_own_analysis_cannot_crash_on_an_odd_answer():
    def crashing_diagnose(got, x):
        raise RuntimeError("a bug in the check")

    result = engine.evaluate(halve(diagnose=crashing_diagnose), lambda x: x, {"x": np.array([1.0])})
    assert_mistake(result, "unrecognised", "compare expected and got")


# --- what came back: real numbers of the expected structure ---------------------------------------

def test_text_is_not_read_as_a_number():
    def as_text(theta, X, y):
        return str(solutions.cost(theta, X, y))  # "0.53…" would parse as the right number

    assert_mistake(checks.cost(as_text), "returned text, not a number", r"not str\(J\)")
    assert_mistake(checks.cost(lambda theta, X, y: f"{solutions.cost(theta, X, y):.3f}".encode()),
                   "returned text, not a number", r"returned the text b'0\.")
    assert_mistake(checks.gradient(lambda theta, X, y: solutions.gradient(theta, X, y).astype(str)),
                   "returned text, not numbers", r"array of text")


def test_complex_results_are_named_without_a_complex_warning():
    # warnings are errors in this run: a ComplexWarning from reading the result would fail here
    def complex_gradient(theta, X, y):
        return solutions.gradient(theta, X, y) + 0j

    assert_mistake(checks.gradient(complex_gradient), "returned complex numbers",
                   r"complex128.*The real parts are right")

    def emath_cost(theta, X, y):
        return solutions.cost(theta, X, y) + np.emath.sqrt(-1.0) * 0.5

    result = checks.cost(emath_cost)
    assert_mistake(result, "returned complex numbers", r"np\.emath")
    assert "The real parts are right" in result.hint  # the real part is J, the imaginary part not 0


def test_object_arrays_and_booleans_are_named():
    assert_mistake(checks.gradient(lambda theta, X, y: np.array([0.1, None, 0.2])),
                   "returned an array of Python objects", r"holding NoneType, float")
    assert_mistake(checks.gradient(lambda theta, X, y: solutions.gradient(theta, X, y).astype(object)),
                   "returned an array of Python objects", r"dtype object")
    assert_mistake(checks.sigmoid_gradient(lambda z: z > 0), "returned True/False", r"comparison")


def test_none_inside_a_list_and_a_ragged_list_are_refused_by_name():
    assert_mistake(checks.cost(lambda theta, X, y: None), "returned None", r"`return` statement")
    assert_mistake(checks.gradient(lambda theta, X, y: [1.0, [2.0, 3.0]]), "did not return numbers",
                   r"got list")


def test_a_result_cast_to_int_is_named_where_it_loses_the_answer():
    def int_cost(theta, X, y):
        return int(solutions.cost(theta, X, y))

    assert_mistake(checks.cost(int_cost), "cast to int", r"fraction.*right ones with the fractions dropped")

    def int_array(theta, X, y):
        grad = np.zeros(theta.shape, dtype=int)  # numpy truncates the floats written into it
        grad[:] = solutions.gradient(theta, X, y)
        return grad

    assert_mistake(checks.gradient(int_array), "cast to int", r"dtype=int")

    # an int that is the right answer loses nothing, and passes
    exact = halve(inputs=lambda: [{"x": np.array([2.0, 4.0])}, {"x": np.array([-6.0])}])
    assert engine.run(exact, lambda x: (x // 2).astype(int)).passed
    assert_mistake(engine.run(halve(), lambda x: (x // 2).astype(int) if x.ndim == 1 else x.astype(int) // 3),
                   "cast to int", "int")


# --- the time limit -----------------------------------------------------------------------------------

def test_the_time_limit_is_stated_and_a_few_seconds():
    assert 1 <= learner_code.TIME_LIMIT <= 5


@pytest.fixture
def short_limit(monkeypatch):
    monkeypatch.setattr(learner_code, "TIME_LIMIT", 0.2)
    return 0.2


def test_an_endless_loop_is_stopped_with_a_verdict(short_limit):
    def loops(theta, X, y):
        J = 0.0
        while True:
            try:
                J += 1.0
            except Exception:  # a learner's broad except must not swallow the stop
                pass

    handler_before = signal.getsignal(signal.SIGALRM)
    start = time.perf_counter()
    result = checks.cost(loops)
    assert time.perf_counter() - start < 2
    assert (result.status, result.mistake) == ("error", "ran too long")
    assert re.search(r"stopped after 0\.2 s.*It was running line \d+ of loops", result.hint), result.hint
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)  # no timer left behind
    assert signal.getsignal(signal.SIGALRM) == handler_before  # the previous handler is back


def test_a_sleeping_function_is_stopped(short_limit):
    def sleeps(z):
        time.sleep(30)
        return z

    start = time.perf_counter()
    result = checks.sigmoid_gradient(sleeps)
    assert time.perf_counter() - start < 2
    assert (result.status, result.mistake) == ("error", "ran too long")
    assert "time.sleep(30)" in result.hint


def test_where_it_cannot_be_stopped_the_check_says_how_long_it_took(short_limit):
    # SIGALRM reaches only the main thread: in another thread the call runs to its end
    def slow(z):
        time.sleep(0.4)
        return solutions.sigmoid_gradient(z)

    results = []
    worker = threading.Thread(target=lambda: results.append(checks.sigmoid_gradient(slow)))
    worker.start()
    worker.join()
    result = results[0]
    assert (result.status, result.mistake) == ("error", "ran too long")
    assert re.search(r"took \d+\.\d s, over the time limit of 0\.2 s.*could not be stopped here", result.hint)


def test_a_function_that_swallows_the_interruption_is_told_so(short_limit):
    # was "it could not be stopped here: stopping needs SIGALRM", which was not true
    def swallows(z):
        end = time.perf_counter() + 0.5
        while time.perf_counter() < end:
            try:
                time.sleep(0.01)
            except:  # noqa: E722 — the learner's bare except, which catches the interruption too
                pass
        return solutions.sigmoid_gradient(z)

    result = checks.sigmoid_gradient(swallows)
    assert (result.status, result.mistake) == ("error", "ran too long")
    assert re.search(r"interrupted at the limit, but caught the interruption.*bare except:", result.hint)


def test_a_fast_function_is_not_affected_by_the_limit(short_limit):
    assert checks.cost(solutions.cost).passed
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


# --- several inputs: what differs when only the first passes ------------------------------------

def sized(**fields):
    """The toy exercise on two inputs of different sizes, each described by its n."""
    return halve(inputs=lambda: [{"x": np.array([2.0, 4.0])}, {"x": np.array([6.0, -8.0, 10.0])}],
                 describe=lambda x: {"n": x.size}, **fields)


def test_a_function_right_only_on_the_first_input_is_told_what_differs():
    def hard_coded_size(x):
        return np.array([x[0] / 2, x[1] / 2, 0.0][:x.size]) if x.size == 2 else np.append(x[:2] / 2, 1.0)

    result = engine.run(sized(), hard_coded_size)
    assert_mistake(result, "right only on the first input",
                   r"^your function gives the right answer for n = 2 but not for n = 3: is a size hard-coded")


def test_an_answer_copied_from_the_first_verdict_is_named():
    result = engine.run(sized(), lambda x: np.array([1.0, 2.0]))  # the first input's answer, typed in
    assert_mistake(result, "hard-coded answer", r"answer of the first input again")

    # the real checks: the first input's answer typed in from the six decimals a verdict prints fails
    # on the first input (or, within the tolerance there, on the second); at full precision, on the second
    for name in ALL_CHECKS[:6]:
        exercise = getattr(logistic_exercises, name.upper())
        answer = getattr(solutions, name)(*exercise.inputs()[0].values())
        shown = np.round(answer, 6)
        typed = getattr(checks, name)(lambda *args, shown=shown: shown)
        assert typed.mistake in ("rounded the answer", "hard-coded answer"), typed
        if typed.mistake == "rounded the answer":
            assert re.search(r"rounded to 6 decimals.*typed in from a verdict", typed.hint)
        assert_mistake(getattr(checks, name)(lambda *args, answer=answer: answer), "hard-coded answer",
                       r"answer of the first input")


def test_an_error_only_on_a_later_input_says_what_differs():
    result = engine.run(sized(), lambda x: x / 2 if x.size == 2 else x[5])
    assert result.status == "error"
    assert re.search(r"Note: your function runs for n = 2 but not for n = 3: is a size hard-coded", result.hint)


def test_a_complex_warning_inside_the_learners_code_is_reported_not_leaked():
    def casts_complex(theta, X, y):
        grad = np.zeros(theta.shape)
        grad[:] = solutions.gradient(theta, X, y) + 1e-3j  # numpy drops the imaginary part, with a warning
        return grad

    result = checks.gradient(casts_complex)  # warnings are errors in this run: a leak would fail here
    assert result.passed  # the real parts that reach the answer are right …
    assert re.search(r"numpy warned while your function ran: .*imaginary part", result.hint)  # … and it is said


def test_a_timer_already_running_is_left_alone(short_limit):
    # someone else's interval timer (a test runner's timeout, say): the check must not replace it
    fired = []
    previous = signal.signal(signal.SIGALRM, lambda *args: fired.append(True))
    signal.setitimer(signal.ITIMER_REAL, 100.0)
    try:
        def slow(z):
            time.sleep(0.3)
            return solutions.sigmoid_gradient(z)

        result = checks.sigmoid_gradient(slow)
        remaining = signal.getitimer(signal.ITIMER_REAL)[0]
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0.0)
        signal.signal(signal.SIGALRM, previous)
    assert (result.status, result.mistake) == ("error", "ran too long")
    assert "could not be stopped here" in result.hint
    assert 90 < remaining < 100  # still counting down
    assert not fired


def test_an_exception_in_a_notebook_cell_is_located_in_its_cell():
    source = "import numpy as np\n\ndef cost(theta, X, y):\n    m = X.shape[0]\n    return theta[7] / m\n"
    namespace = {}
    exec(compile(source, "<ipython-input-3-0123456789ab>", "exec"), namespace)  # as IPython names a cell
    result = checks.cost(namespace["cost"])
    assert result.status == "error"
    assert re.search(r"IndexError: .* It was raised at line 5 of cost \(in its cell\)\.", result.hint), result.hint


# --- the input drawn anew for every run: answers typed in from verdicts do not pass --------------

def shape_key(args):
    """What tells the shown inputs apart without their numbers: the arrays' shapes, and λ, α or ε."""
    return tuple(np.shape(value) if isinstance(value, np.ndarray) else value for value in args
                 if isinstance(value, np.ndarray | float))


def memorised(exercise):
    """A learner's function that returns, at full precision, the answer of the shown input of the same
    shapes (as typed in from the verdicts, or read from ``result.expected``), else the last one."""
    answers = {shape_key(inputs.values()): exercise.reference(**inputs) for inputs in exercise.inputs()}
    last = list(answers.values())[-1]
    return lambda *args: answers.get(shape_key(args), last)


@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda exercise: exercise.name)
def test_answers_memorised_for_every_shown_input_fail_on_the_fresh_one(exercise):
    for inputs in exercise.inputs():  # the memorised answers are right on every shown input …
        assert engine.evaluate(exercise, memorised(exercise), inputs).passed
    result = getattr(checks, exercise.name)(memorised(exercise))
    assert not result.passed  # … and the check still fails them
    assert result.mistake in ("hard-coded answer", "right only on the inputs shown", "wrong shape",
                              "returned a flattened array"), result
    assert result.mistake == "hard-coded answer" or "drawn anew for every run" in result.hint, result.hint


@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda exercise: exercise.name)
def test_the_fresh_input_is_new_on_every_run_and_every_solution_passes_it(exercise):
    solution = getattr(solutions, exercise.name)
    drawn = [later_inputs.fresh_input(exercise) for _ in range(200)]
    distinct = {tuple((value.shape, value.tobytes()) if isinstance(value, np.ndarray) else value
                      for value in inputs.values() if not callable(value)) for inputs in drawn}
    assert len(distinct) > 190  # a new input on (nearly) every run: a small θ may come up twice
    for inputs in drawn:  # moderate values: a learner's textbook formula is exact to the tolerance
        assert engine.evaluate(exercise, solution, inputs).passed, inputs


def test_the_first_fresh_input_differs_from_session_to_session():
    # With a fixed seed, the n-th run after a kernel restart drew the input of the session before:
    # a function answering from a table of verdicts copied in that session then passed.
    script = ("from mlcourse.checks import later_inputs, logistic_exercises as e; "
              "print(later_inputs.fresh_input(e.COST)['X'].tobytes().hex())")
    firsts = {subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
              for _ in range(3)}
    assert len(firsts) == 3


@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda exercise: exercise.name)
def test_the_named_mistakes_fail_on_fresh_inputs_of_every_shape(exercise):
    for seed in range(30):
        inputs = exercise.fresh(np.random.default_rng(seed))
        for mistake in exercise.mistakes(**inputs)[:6]:
            result = engine.evaluate(exercise, lambda *args, value=mistake.value: value, inputs)
            assert not result.passed, (mistake.name, inputs)


def test_a_function_right_only_on_the_shown_inputs_is_told_so():
    shown = [problem[1] for problem in (logistic_exercises.small_problem(), logistic_exercises.stress_problem())]

    def right_for_shown_inputs(theta, X, y):
        return solutions.cost(theta, X, y) if any(np.array_equal(X, other) for other in shown) else 0.5

    result = checks.cost(right_for_shown_inputs)
    assert_mistake(result, "right only on the inputs shown",
                   r"^your function gives the right answer on the 2 inputs tried before, but not here: this "
                   r"input is drawn anew for every run \(m = \d+, n = \d.*a size or shape typed in")


def test_the_verdict_prints_the_input_in_full_whatever_the_notebooks_print_options(capsys):
    plain = str(checks.cost(lambda theta, X, y: 2.0))
    with np.printoptions(precision=0, threshold=5, suppress=True, linewidth=40):
        terse = str(checks.cost(lambda theta, X, y: 2.0))
        huge = str(checks.gradient(lambda theta, X, y: np.zeros((2000, 2000))))
    assert terse == plain
    assert "theta = np.array([ 0.3, -0.6,  1. ])" in terse  # not [ 0., -1.,  1.]: pasted, it is the input
    with np.printoptions(threshold=sys.maxsize):
        huge_unsummarised = str(checks.gradient(lambda theta, X, y: np.zeros((2000, 2000))))
    assert huge_unsummarised == huge
    assert len(huge) < 3000  # a summary with "...", not four million numbers


@pytest.mark.parametrize(("returned", "name", "hint"), [
    ({"J": 0.5}, "returned a dict", r"returned a dict, \{'J': 0\.5\}; expected a single number"),
    ({0.5}, "returned a set", r"returned a set, \{0\.5\}; expected a single number"),
    ((value for value in [0.5]), "returned a generator", r"hands out its values one at a time .*square brackets"),
    (map(float, [0.5]), "returned a map", r"returned a map, which hands out its values"),
], ids=["dict", "set", "generator", "map"])
def test_containers_numpy_cannot_read_are_named_by_their_type(returned, name, hint):
    assert_mistake(checks.cost(lambda theta, X, y: returned), name, hint)


def test_a_pair_in_a_dict_or_a_generator_is_named_with_the_pair_expected():
    result = checks.backpropagation(lambda *args: dict(zip(("Theta1_grad", "Theta2_grad"),
                                                           solutions.backpropagation(*args), strict=True)))
    assert_mistake(result, "returned a dict", r"expected the pair \(Theta1_grad, Theta2_grad\)")
    result = checks.backpropagation(lambda *args: (grad for grad in solutions.backpropagation(*args)))
    assert_mistake(result, "returned a generator", r"expected the pair \(Theta1_grad, Theta2_grad\)")


def test_a_learners_own_error_with_a_number_in_it_is_not_taken_for_a_foreign_size():
    def own_error(theta, X, y):
        raise ValueError("theta must have 3 entries (got 100)")

    assert checks.cost(own_error).mistake == "raised an exception"

    class BrokenValueError(ValueError):
        def __str__(self):
            raise RuntimeError("a __str__ that fails")

    def broken(theta, X, y):
        raise BrokenValueError

    assert checks.cost(broken).mistake == "raised an exception"


def test_an_answer_right_to_only_a_few_digits_is_told_why_it_fails():
    # the printed six decimals of expected and got can be identical: the verdict must say what differs
    result = checks.gradient(lambda *args: solutions.gradient(*args) * (1 + 3e-6))
    assert_mistake(result, "not accurate enough",
                   r"^your numbers agree with the expected ones to a relative difference of 3\.0e-06, but the "
                   r"check asks for 1e-06 \(relative\) or 1e-09 \(absolute\).*float32, rounded, or approximated")
    result = checks.cost(lambda *args: np.float32(solutions.cost(*args) * (1 + 5e-6)))
    assert_mistake(result, "not accurate enough", r"Your result is float32, which keeps about 6 significant digits")


def test_a_pair_right_to_only_a_few_digits_is_told_why():
    def loses_digits(*args):
        return tuple(grad * (1 + 4e-6) for grad in solutions.backpropagation(*args))

    assert_mistake(checks.backpropagation(loses_digits), "not accurate enough", r"relative difference of 4\.0e-06")
