"""Several inputs per check: what to say when the teaching input passes and a later one does not.

A function right on the small teaching input and wrong on a later one usually holds something fixed
that the later input changes: a size, a λ or α read from the notebook, an answer typed in from a
verdict. :func:`later_input_verdict` compares the two inputs as the exercise describes them
(``Exercise.describe``) and turns an unrecognised answer into that comparison, with a question for
each thing that changed.
"""

import itertools
import warnings
from dataclasses import replace

import numpy as np

__all__ = ["QUESTIONS", "SEED", "fresh_input", "fresh_input_verdict", "later_input_verdict", "tenths"]


# The seed of the fresh inputs. None, the course's setting, seeds each draw from the operating
# system. The library's tests set a number: the n-th draw of a test session then uses the seed
# (SEED, n), so that their verdicts on wrong answers do not change from run to run.
SEED = None
_draws = itertools.count()

# What to ask when the teaching input passes and a later input, differing in these, does not.
# Keys are the labels an exercise's ``describe`` uses.
QUESTIONS = {
    "m": "is a size hard-coded (take m and n from X.shape, not from numbers)?",
    "n": "is a size hard-coded (take m and n from X.shape, not from numbers)?",
    "s2": "is a layer size hard-coded (take it from Theta1.shape)?",
    "K": "is the number of classes hard-coded (take it from Theta2.shape)?",
    "z shape": "is the length or the shape of z hard-coded (g' is elementwise, for z of any shape)?",
    "λ": "is λ read from a variable of the notebook instead of the parameter lambda_? Or is the penalty "
         "itself off: which weights it covers (every one but the bias column 0) or its factor?",
    "α": "is α read from a variable of the notebook instead of the parameter alpha?",
    "ε": "is ε read from a variable of the notebook instead of the parameter epsilon?",
    "largest |z|": "does it stay right for large |z|, without clipping or an approximation that "
                   "holds only near 0?",
}


def _described(exercise, inputs):
    """``exercise.describe(**inputs)``, or {} if the exercise does not describe its inputs."""
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        return exercise.describe(**inputs) or {}


def _listed(features):
    items = [f"{label} = {value:.3g}" if isinstance(value, float) else f"{label} = {value}"
             for label, value in features.items()]
    return ", ".join(items[:-1]) + " and " + items[-1] if len(items) > 1 else "".join(items)


def _copied_answer(got, earlier):
    """True if ``got`` is the answer of an earlier input, to the six decimals a verdict prints."""
    if isinstance(earlier, tuple):  # a pair: both parts copied
        return (isinstance(got, tuple) and len(got) == len(earlier)
                and all(_copied_answer(part, other) for part, other in zip(got, earlier, strict=True)))
    if not isinstance(got, np.ndarray):
        return False
    return got.shape == earlier.shape and bool(np.allclose(got, earlier, rtol=1e-5, atol=1e-6))


# Exceptions the engine names only generically: on a later input, what differs from the first says more
GENERIC_ERRORS = ("raised an exception", "shapes do not line up", "a size from elsewhere")


def later_input_verdict(exercise, outcome, first):
    """``outcome``, on a later input, told apart from ``first``, the teaching input that passed."""
    before = _described(exercise, first.inputs)
    after = _described(exercise, outcome.inputs)
    differing = [label for label in after if label in before and before[label] != after[label]]
    if outcome.mistake not in ("unrecognised", "wrong shape", *GENERIC_ERRORS):
        return outcome  # a named mistake or exception: its hint says more than a comparison of the inputs
    if outcome.status == "mistake" and _copied_answer(outcome.got, first.expected):
        return replace(outcome, mistake="hard-coded answer", hint=(
            "your function returned the answer of the first input again: it must compute the answer "
            "from its arguments, not return numbers copied from an earlier verdict."))
    if not differing or outcome.mistake == "ran too long":
        return outcome
    right_for = {label: before[label] for label in differing}
    wrong_for = {label: after[label] for label in differing}
    verb = "gives the right answer" if outcome.status == "mistake" else "runs"
    contrast = f"your function {verb} for {_listed(right_for)} but not for {_listed(wrong_for)}"
    questions = " Or ".join(dict.fromkeys(QUESTIONS.get(label, "is a value hard-coded?")
                                          for label in differing))
    if outcome.mistake == "unrecognised":
        return replace(outcome, mistake="right only on the first input",
                       hint=f"{contrast}: {questions} Compare expected and got on the input below.")
    return replace(outcome, hint=f"{outcome.hint} Note: {contrast}: {questions}")


# --- the input drawn anew for every run ------------------------------------------------------------

def tenths(rng, shape, largest=2.0):
    """Values of one decimal (readable in a verdict) drawn with ``rng``, 0.1 ≤ |value| ≤ ``largest``,
    of either sign: never 0, so that no bias weight, θj or entry of θ drops out of a fresh input."""
    magnitudes = np.round(rng.uniform(0.1, largest, size=shape), 1)
    return np.where(rng.random(size=shape) < 0.5, -magnitudes, magnitudes)


def fresh_input(exercise):
    """The exercise's input for this run, drawn anew; None if the exercise has none.

    The generator is seeded from the operating system (unless :data:`SEED` is set), so that no two
    runs draw the same input, not even the first runs of two sessions (a kernel restarted, a
    notebook run anew): an answer typed in from an earlier verdict cannot be ready for it.
    """
    seed = None if SEED is None else [SEED, next(_draws)]
    return exercise.fresh(np.random.default_rng(seed))


def fresh_input_verdict(exercise, outcome, passed):
    """``outcome`` on the fresh input, after the fixed inputs, whose verdicts are ``passed``, passed."""
    if outcome.status == "mistake" and any(_copied_answer(outcome.got, before.expected) for before in passed):
        return replace(outcome, mistake="hard-coded answer", hint=(
            "your function returned the answer of an earlier input on this new one: it must compute "
            "the answer from its arguments, not return numbers copied from a verdict."))
    named = outcome.mistake not in ("unrecognised", "wrong shape") and outcome.status != "error"
    if named or outcome.mistake == "ran too long":
        return outcome  # a named mistake: its hint says more
    features = _described(exercise, outcome.inputs)
    drawn = "this input is drawn anew for every run" + (f" ({_listed(features)})" if features else "")
    if outcome.mistake == "unrecognised":
        return replace(outcome, mistake="right only on the inputs shown", hint=(
            f"your function gives the right answer on the {len(passed)} inputs tried before, but not "
            f"here: {drawn}. Does it hold something only those inputs share, a size or shape typed in "
            f"or answers copied from a verdict? Compute the answer from the arguments; compare "
            f"expected and got on the input below."))
    return replace(outcome, hint=(
        f"{outcome.hint} Note: your function passed the {len(passed)} inputs tried before, but {drawn}: "
        f"is a size or a shape fixed to those inputs?"))
