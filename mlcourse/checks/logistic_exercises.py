"""The exercises of the logistic-regression track, chapters 02–04: their inputs and records.

Every check calls the learner's function on the small teaching input — five values of z, or four
examples with two features — and, if that passes, on a second, seeded input with other sizes (nine
values of z; seven examples with three features), another λ or α, and scores z = Xθ up to |z| ≈ 30,
where a correct function must still be accurate, and last on an input drawn anew for every run
(:func:`fresh_problem`; for g', a matrix z). It compares each answer with :mod:`mlcourse.logistic`
and :mod:`mlcourse.activations` and names the mistake whose value the answer equals
(:mod:`.logistic_mistakes`). A pass needs every input.
"""

import numpy as np

from .. import activations, logistic
from . import logistic_mistakes
from .engine import Exercise, run
from .later_inputs import tenths

__all__ = [
    "COST",
    "GRADIENT",
    "GRADIENT_DESCENT_STEP",
    "REGULARISED_COST",
    "REGULARISED_GRADIENT",
    "SIGMOID_GRADIENT",
    "cost",
    "gradient",
    "gradient_descent_step",
    "regularised_cost",
    "regularised_gradient",
    "sigmoid_gradient",
]

SEED = 2  # chosen so that z = X θ has both signs, |z| < 2, and no entry of θ is 0 (see small_problem)
ALPHA = 0.3  # α ≠ 1, so that forgetting α changes the answer
LAMBDA = 1.5  # λ ≠ 0, and m = 4 ≠ 2, so that λ/2 and λ/m give different penalties

# The second input. Its seed was chosen (by a search over seeds) so that z = Xθ reaches |z| ≈ 30 on a
# correctly classified example, confidently wrong examples sit at 7 < |z| < 18 (where clipping h
# changes the loss, yet the textbook log(1 − h) still has all the digits the check compares), y
# holds both labels, and no entry of θ is 0. m = 7, n = 3, λ and α differ from the first input's, so
# that a hard-coded size or a λ or α read from a global changes the answer.
STRESS_SEED = 119
STRESS_ALPHA = 0.05
STRESS_LAMBDA = 0.4
# both signs, 0, |z| between 5 and 20 where g'(z) is small but well above the check's tolerance, and ±30
STRESS_Z = np.array([-30.0, -12.0, -6.5, -0.2, 0.0, 5.5, 9.0, 17.0, 30.0])


def small_problem():
    """θ (3,), X (4, 3) with the intercept column, y (4,): small enough to print in a message.

    m = 4 differs from n+1 = 3, so a transpose or a broadcast mistake changes the shape of the
    answer; y holds both labels; θ0 ≠ 0, so regularising it changes the answer. A fresh generator
    with a fixed seed, not global state: every call returns the same numbers.
    """
    rng = np.random.default_rng(SEED)
    X = np.ones((4, 3))
    X[:, 1:] = np.round(rng.normal(size=(4, 2)), 1)  # one decimal: readable in the message
    theta = np.round(rng.normal(size=3), 1)
    y = np.array([1.0, 0.0, 0.0, 1.0])
    return theta, X, y


def stress_problem():
    """θ (4,), X (7, 4) with the intercept column, y (7,): other sizes, and |z| = |Xθ| up to ≈ 30."""
    rng = np.random.default_rng(STRESS_SEED)
    X = np.ones((7, 4))
    X[:, 1:] = np.round(rng.normal(scale=2.0, size=(7, 3)), 1)
    theta = np.round(rng.normal(scale=4.0, size=4), 1)
    y = rng.integers(0, 2, size=7).astype(np.float64)
    return theta, X, y


def _inputs(**extra):
    """The inputs of a logistic check: :func:`small_problem`, then :func:`stress_problem`, each with
    its α or λ (``extra`` maps the parameter's name to its two values)."""
    problems = [small_problem(), stress_problem()]
    return [{"theta": theta, "X": X, "y": y, **{name: values[i] for name, values in extra.items()}}
            for i, (theta, X, y) in enumerate(problems)]


def fresh_problem(rng):
    """θ (n+1,), X (m, n+1), y (m,) with m from 5 to 12 and n from 1 to 4 drawn with ``rng``.

    Moderate values (|z| rarely above 6), so a correct function, even the textbook log(1 − h), is
    exact to the check's tolerance; y holds both labels, in a drawn order.
    """
    m, n = int(rng.integers(5, 13)), int(rng.integers(1, 5))
    X = np.ones((m, n + 1))
    X[:, 1:] = tenths(rng, (m, n))
    theta = tenths(rng, n + 1, largest=1.5)
    y = rng.permutation(np.arange(m) % 2).astype(np.float64)
    return theta, X, y


def _fresh(**extra):
    """``fresh(rng)`` for a logistic check: :func:`fresh_problem`, and α or λ drawn from ``extra``'s
    ranges (the parameter's name to (low, high)), rounded to two decimals as a typed-in value is."""
    def fresh(rng):
        theta, X, y = fresh_problem(rng)
        drawn = {name: round(float(rng.uniform(low, high)), 2) for name, (low, high) in extra.items()}
        return {"theta": theta, "X": X, "y": y, **drawn}
    return fresh


def _examples(X, **inputs):
    return X.shape[0]


def _describe(theta, X, y, **parameters):
    """What sets one input apart: its sizes, its λ or α, and its largest score |z|."""
    symbols = {"lambda_": "λ", "alpha": "α"}
    return {"m": X.shape[0], "n": X.shape[1] - 1,
            **{symbols[name]: value for name, value in parameters.items()},
            "largest |z|": round(float(np.abs(X @ theta).max()), 1)}


_LOG_HINT = ("A log of 0 or of a negative number: is log applied to h = g(Xθ), which lies in (0, 1), "
             "and not to z = X @ theta or to y? (np.tanh is negative for z < 0: h is the sigmoid.)")
_DIVISION_HINT = "is there a division by something that can be 0, or a log?"


# --- the exercises ---------------------------------------------------------------------------------

SIGMOID_GRADIENT = Exercise(
    "sigmoid_gradient",
    # both signs, and 0 where g' = 1/4; then other values, up to |z| = 30
    inputs=lambda: [{"z": np.array([-3.0, -1.0, 0.0, 0.5, 2.0])}, {"z": STRESS_Z.copy()}],
    reference=activations.sigmoid_gradient,
    mistakes=logistic_mistakes.sigmoid_gradient_mistakes,
    nonfinite_hint="g(z)(1 − g(z)) lies in [0, 1/4] for every z: is there a division or an exp of a "
                   "large number?",
    suspect=logistic_mistakes.suspect_small_z_only,
    describe=lambda z: {"z shape": z.shape, "largest |z|": float(np.abs(z).max())},
    # a matrix z: g' is elementwise for any shape, so a loop over a vector's entries shows here
    fresh=lambda rng: {"z": tenths(rng, tuple(rng.integers(2, 6, size=2)), largest=8.0)})
COST = Exercise("cost", inputs=_inputs, reference=logistic.cost, mistakes=logistic_mistakes.cost_mistakes,
                nonfinite_hint=_LOG_HINT, examples=_examples, describe=_describe, fresh=_fresh())
GRADIENT = Exercise("gradient", inputs=_inputs, reference=logistic.gradient,
                    mistakes=logistic_mistakes.gradient_mistakes, nonfinite_hint=_DIVISION_HINT,
                    examples=_examples, describe=_describe, fresh=_fresh())
GRADIENT_DESCENT_STEP = Exercise(
    "gradient_descent_step",
    inputs=lambda: _inputs(alpha=(ALPHA, STRESS_ALPHA)),
    reference=lambda theta, X, y, alpha: theta - alpha * logistic.gradient(theta, X, y),
    mistakes=logistic_mistakes.gradient_descent_step_mistakes,
    nonfinite_hint=_DIVISION_HINT,
    suspect=logistic_mistakes.suspect_other_alpha,
    describe=_describe,
    fresh=_fresh(alpha=(0.1, 2.0)))
REGULARISED_COST = Exercise("regularised_cost", inputs=lambda: _inputs(lambda_=(LAMBDA, STRESS_LAMBDA)),
                            reference=logistic.cost, mistakes=logistic_mistakes.regularised_cost_mistakes,
                            nonfinite_hint=_LOG_HINT, examples=_examples,
                            suspect=logistic_mistakes.suspect_other_lambda_in_cost, describe=_describe,
                            fresh=_fresh(lambda_=(0.1, 5.0)))
REGULARISED_GRADIENT = Exercise("regularised_gradient",
                                inputs=lambda: _inputs(lambda_=(LAMBDA, STRESS_LAMBDA)),
                                reference=logistic.gradient,
                                mistakes=logistic_mistakes.regularised_gradient_mistakes,
                                nonfinite_hint=_DIVISION_HINT, examples=_examples,
                                suspect=logistic_mistakes.suspect_other_lambda_in_gradient,
                                describe=_describe, fresh=_fresh(lambda_=(0.1, 5.0)))


# --- the checks, one per exercise -----------------------------------------------------------------

def sigmoid_gradient(fn):
    """Check the learner's ``sigmoid_gradient`` (chapter 02): g'(z) = g(z)(1 − g(z)).

    Parameters
    ----------
    fn : callable
        The learner's function: z (ndarray, any shape) → g'(z) elementwise, same shape.

    Returns
    -------
    CheckResult
        Also printed. Named mistakes: returned g(z), forgot g (z(1 − z)), applied g twice, sign
        error, @ where * was meant, g(z)(1 − z), returned 1 − g(z), tanh instead of the sigmoid, right
        only for small |z| (clipped z, or a special case for large |z|). Like every answer, g' is
        compared to 1e-6 relative or 1e-9 absolute, so clipping or zeroing beyond |z| ≈ 21, where
        g' < 1e-9 and no gradient could tell the difference, passes.
    """
    return run(SIGMOID_GRADIENT, fn)


def cost(fn):
    """Check the learner's unregularised ``cost`` (chapter 02).

    J(θ) = (1/m) Σ_i [−y log h − (1 − y) log(1 − h)], h = g(Xθ).

    Parameters
    ----------
    fn : callable
        The learner's function: theta (n+1,), X (m, n+1) with the intercept column, y (m,) → J, a
        single number.

    Returns
    -------
    CheckResult
        Also printed. Named mistakes: forgot 1/m, sign error, dropped the (1 − y) term, (m, 1) labels
        broadcast (an m×m matrix summed), applied g twice, squared error instead of cross-entropy,
        log base 10, forgot to sum over examples, swapped the logs (or h = 1 − g(z)), clipped h
        (np.clip or ε inside the log); plus NaN or inf (a log of z instead of h), a wrong shape and a
        division by the wrong m (a global m, or the first input's m = 4 hard-coded).
    """
    return run(COST, fn)


def gradient(fn):
    """Check the learner's unregularised ``gradient`` (chapter 02): ∂J/∂θ = (1/m) Xᵀ(g(Xθ) − y).

    Parameters
    ----------
    fn : callable
        The learner's function: theta (n+1,), X (m, n+1), y (m,) → ∂J/∂θ, shape (n+1,).

    Returns
    -------
    CheckResult
        Also printed. Named mistakes: forgot 1/m, sign error, (m, 1) labels broadcast, elementwise *
        where @ was meant, forgot g, applied g twice, extra g'(z) factor, dropped the (1 − y) term,
        h = 1 − g(z), swapped the logs, tanh instead of the sigmoid; plus a wrong shape and a
        division by the wrong m.
    """
    return run(GRADIENT, fn)


def gradient_descent_step(fn):
    """Check the learner's ``gradient_descent_step`` (chapter 03): θ := θ − α ∇J(θ).

    Parameters
    ----------
    fn : callable
        The learner's function: theta (n+1,), X (m, n+1), y (m,), alpha > 0 → the new θ, shape (n+1,).

    Returns
    -------
    CheckResult
        Also printed. Named mistakes: sign error (θ + α∇J, or the whole answer negated), forgot α,
        returned the step instead of the new θ, updated θ one entry at a time, changed theta in
        place, the first input's m hard-coded, α from elsewhere (a global α), and every mistake of
        :func:`gradient` that keeps the shape.
    """
    return run(GRADIENT_DESCENT_STEP, fn)


def regularised_cost(fn):
    """Check the learner's ``regularised_cost`` (chapter 04).

    J(θ) = (1/m) Σ_i [−y log h − (1 − y) log(1 − h)] + λ/(2m) Σ_{j≥1} θj².

    Parameters
    ----------
    fn : callable
        The learner's function: theta (n+1,), X (m, n+1), y (m,), lambda_ ≥ 0 → J, a single number.

    Returns
    -------
    CheckResult
        Also printed. Named mistakes: regularised θ0, forgot 1/m, penalty λ/m instead of λ/(2m),
        operator precedence λ/2*m, sign error (of the penalty, or of the whole answer), forgot to
        square θ, no penalty, set theta[0] = 0 (in θ itself, before computing h), λ from elsewhere (a
        global λ), the first input's m hard-coded, and every mistake of :func:`cost` with the penalty
        right.
    """
    return run(REGULARISED_COST, fn)


def regularised_gradient(fn):
    """Check the learner's ``regularised_gradient`` (chapter 04).

    ∂J/∂θj = (1/m) Σ_i (h_i − y_i) x_ij + (λ/m) θj, without the λ term for j = 0.

    Parameters
    ----------
    fn : callable
        The learner's function: theta (n+1,), X (m, n+1), y (m,), lambda_ ≥ 0 → ∂J/∂θ, shape (n+1,).

    Returns
    -------
    CheckResult
        Also printed. Named mistakes: regularised θ0, forgot 1/m, kept the ½, sign error (of the
        penalty, or of the whole answer), no penalty, set ∂J/∂θ0 to 0, set theta[0] = 0 (in θ itself,
        before computing h), λ from elsewhere, the first input's m hard-coded, and every mistake of
        :func:`gradient` that keeps the shape.
    """
    return run(REGULARISED_GRADIENT, fn)
