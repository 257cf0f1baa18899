"""The check machinery every exercise shares, and the contract of an exercise record.

The first part runs real checks (cost, gradient) through the verdicts every check shares; the second
runs a toy exercise through :func:`mlcourse.checks.engine.run`, one field of the record at a time; the
last holds every exercise's named mistakes to the promise the engine's tolerance relies on. Warnings
are errors in this test run, so any RuntimeWarning that escaped a check would fail the test.
"""

import re

import numpy as np
import pytest

from mlcourse import checks
from mlcourse.activations import sigmoid
from mlcourse.checks import (
    engine,
    gradient_checking_exercises,
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
    assert re.search(r"KeyError: 'missing'\. Run your function", result.hint)
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

    assert_mistake(checks.cost(returns_a_pair), "did not return numbers",
                   r"expected a single number, got tuple")


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


def test_a_function_that_is_not_callable_is_refused():
    with pytest.raises(TypeError, match=r"fn must be the function you wrote for the exercise; got float 0\.5"):
        checks.cost(0.5)


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
    assert (result.status, result.mistake, result.hint) == ("error", "lost a key", "KeyError: 'k'. look up x.")

    # diagnose is asked before the mistakes, with what came back and the inputs
    diagnosed = halve(diagnose=lambda got, x: ("diagnosed", f"got {got.shape} for x {x.shape}."))
    assert_mistake(engine.evaluate(diagnosed, lambda x: x, {"x": np.array([1.0])}), "diagnosed",
                   r"got \(1,\) for x \(1,\)")

    # read turns the result into something comparable, or names its form
    def read(result, expected, x):
        return (np.asarray(result[0]), None) if isinstance(result, list) else (result, ("not a list", "wrap it."))

    listed = halve(read=read)
    assert engine.evaluate(listed, lambda x: [x / 2], {"x": np.array([1.0])}).passed
    assert_mistake(engine.evaluate(listed, lambda x: x / 2, {"x": np.array([1.0])}), "not a list", "wrap it")

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
