"""The exercises of the logistic-regression track, chapters 02–04, and the mistakes each check names.

Every check calls the learner's function on one small input — five values of z, or four examples with
three columns of X — compares the answer with :mod:`mlcourse.logistic` and
:mod:`mlcourse.activations`, and names the mistake whose value the answer equals.
"""

import numpy as np

from .. import activations, logistic
from ..activations import sigmoid
from .engine import Exercise, Mistake, run

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


def _inputs(**extra):
    """The one input of a logistic check: θ, X, y of :func:`small_problem`, then α or λ."""
    theta, X, y = small_problem()
    return [{"theta": theta, "X": X, "y": y, **extra}]


def _examples(X, **inputs):
    return X.shape[0]


_LOG_HINT = ("A log of 0 or of a negative number: is log applied to h = g(Xθ), which lies in (0, 1), "
             "and not to z = X @ theta or to y?")
_DIVISION_HINT = "is there a division by something that can be 0, or a log?"


# --- the mistakes ----------------------------------------------------------------------------------

def _sigmoid_gradient_mistakes(z):
    """What each common mistake in g'(z) returns, most telling first."""
    g = sigmoid(z)
    g_twice = sigmoid(g)
    return [
        Mistake("returned g(z)", "that is g(z) itself; its derivative is g(z)(1 − g(z)).", g),
        Mistake("forgot g", "that is z(1 − z): apply the sigmoid first, g = sigmoid(z), then return "
                "g * (1 - g).", z * (1 - z)),
        Mistake("applied g twice", "g was applied to something that was already g(z): compute "
                "g = sigmoid(z) once.", g_twice * (1 - g_twice)),
        Mistake("sign error", "g'(z) is never negative: it is g(z)(1 − g(z)), not g(z)(g(z) − 1).",
                g * (g - 1)),
        Mistake("@ where * was meant", "g @ (1 - g) adds up the products into one number; the "
                "derivative is elementwise, g * (1 - g), with the shape of z.", g @ (1 - g)),
    ]


def _cost_mistakes(theta, X, y):
    """What each common mistake in the unregularised cost returns, most telling first."""
    m = y.shape[0]
    h = sigmoid(X @ theta)
    losses = -y * np.log(h) - (1 - y) * np.log(1 - h)
    J = losses.sum() / m
    # y reshaped to a column (m, 1) inside the function: y * log(h) broadcasts to an m×m matrix
    y_column = y[:, np.newaxis]
    broadcast = -y_column * np.log(h) - (1 - y_column) * np.log(1 - h)
    h_twice = sigmoid(h)
    broadcast_hint = ("labels of shape (m, 1) times a vector of shape (m,) broadcast into an m×m "
                      "matrix, which was then summed. Keep y and h both 1-D, shape (m,).")
    matrix_hint = (f"a {m}×{m} matrix: labels of shape (m, 1) times a vector of shape (m,) broadcast "
                   f"into one. Keep y and h both 1-D, shape (m,), and J is a single number.")
    return [
        Mistake("forgot 1/m", f"J is the mean of the per-example losses: divide their sum by m "
                f"(here m = {m}).", m * J),
        Mistake("sign error", "J must be ≥ 0: each loss is −y log h − (1 − y) log(1 − h), with the minus "
                "sign, because log h ≤ 0.", -J),
        Mistake("dropped the (1 − y) term", "the examples with y = 0 are missing: each loss is "
                "−y log h − (1 − y) log(1 − h).", (-y * np.log(h)).sum() / m),
        Mistake("(m, 1) labels broadcast", broadcast_hint, broadcast.sum() / m),
        Mistake("(m, 1) labels broadcast", broadcast_hint, broadcast.mean()),
        Mistake("(m, 1) labels broadcast", matrix_hint, broadcast),
        Mistake("(m, 1) labels broadcast", matrix_hint, broadcast / m),
        Mistake("applied g twice", "g was applied to something that was already g(Xθ): compute "
                "h = sigmoid(X @ theta) once and use h in both logs.",
                (-y * np.log(h_twice) - (1 - y) * np.log(1 - h_twice)).sum() / m),
        Mistake("squared error instead of cross-entropy", "that is the squared error (1/(2m)) Σ (h − y)² "
                "of linear regression; logistic regression's cost is the mean of −y log h − (1 − y) "
                "log(1 − h).", ((h - y) ** 2).sum() / (2 * m)),
        Mistake("log base 10", "np.log10 divides J by ln 10; the course's log is the natural one, "
                "np.log.", J / np.log(10)),
        Mistake("forgot to sum over examples", "that is one loss per example; J is their mean, "
                "a single number.", losses),
        Mistake("forgot to sum over examples", "that is one loss per example (divided by m); J is "
                "their mean, a single number.", losses / m),
    ]


def _gradient_mistakes(theta, X, y):
    """What each common mistake in the unregularised gradient returns, most telling first."""
    m = y.shape[0]
    h = sigmoid(X @ theta)
    grad = X.T @ (h - y) / m
    # y reshaped to a column (m, 1) inside the function: h - y is then the m×m matrix h_k − y_i
    broadcast = X.T @ (h - y[:, np.newaxis]) / m
    elementwise_hint = ("Xᵀ * (h − y) multiplies entry by entry and keeps one column per example; "
                        "the sum over examples i of (h_i − y_i) x_i is the matrix product X.T @ (h - y).")
    return [
        Mistake("forgot 1/m", f"the gradient is the mean over examples: (1/m) Xᵀ(h − y), with m = {m} "
                f"here.", m * grad),
        Mistake("sign error", "the gradient is (1/m) Xᵀ(h − y): prediction minus label, not y − h.", -grad),
        Mistake("(m, 1) labels broadcast", "labels of shape (m, 1) minus predictions of shape (m,) "
                "broadcast into an m×m matrix. Keep y and h both 1-D, shape (m,).", broadcast),
        Mistake("elementwise * where @ was meant", elementwise_hint, X.T * (h - y) / m),
        Mistake("elementwise * where @ was meant", elementwise_hint + " Summing the product over "
                "everything also adds up the n+1 components into one number.", (X.T * (h - y)).sum() / m),
        Mistake("forgot g", "that is (1/m) Xᵀ(Xθ − y), linear regression's gradient: the prediction is "
                "h = g(z) = sigmoid(X @ theta), not z = X @ theta.", X.T @ (X @ theta - y) / m),
        Mistake("applied g twice", "g was applied to something that was already g(Xθ): compute "
                "h = sigmoid(X @ theta) once and use h - y.", X.T @ (sigmoid(h) - y) / m),
        Mistake("extra g'(z) factor", "(h − y) already includes g'(z): in the chain rule g'(z) = h(1 − h) "
                "cancels the denominator h(1 − h) of ∂loss/∂h (chapter 02), so do not multiply by it.",
                X.T @ ((h - y) * h * (1 - h)) / m),
        Mistake("dropped the (1 − y) term", "that is the gradient of −y log h alone, (1/m) Xᵀ(y h − y); "
                "with the (1 − y) log(1 − h) term the two combine into (1/m) Xᵀ(h − y).",
                X.T @ (y * h - y) / m),
    ]


def _vector_gradient_mistakes(theta, X, y):
    """The gradient's mistakes that keep θ's shape, which a step or a penalty can be built on."""
    return [mistake for mistake in _gradient_mistakes(theta, X, y) if np.shape(mistake.value) == theta.shape]


def _gradient_descent_step_mistakes(theta, X, y, alpha):
    step = alpha * logistic.gradient(theta, X, y)
    returned_step = "return θ − α ∇J, the updated parameters, not the change α ∇J."
    return [
        Mistake("sign error", "gradient descent moves against the gradient: θ − α ∇J, not θ + α ∇J.",
                theta + step),
        Mistake("forgot α", "the step is the gradient times the learning rate: θ − α ∇J.",
                theta - step / alpha),
        Mistake("returned the step instead of the new θ", returned_step, -step),
        Mistake("returned the step instead of the new θ", returned_step, step),
    ] + [Mistake(mistake.name, "in the gradient: " + mistake.hint, theta - alpha * mistake.value)
         for mistake in _vector_gradient_mistakes(theta, X, y)]


_ZEROED_THETA0_HINT = ("theta[0] = 0 changes θ itself, so h = g(Xθ) was computed without the bias "
                       "(and the caller's θ changed too). Leave theta alone and penalise theta[1:].")


def _without_bias(theta):
    """θ with θ0 = 0: what a learner's ``theta[0] = 0`` leaves behind."""
    theta = theta.copy()
    theta[0] = 0.0
    return theta


def _regularised_cost_mistakes(theta, X, y, lambda_):
    m = y.shape[0]
    J = logistic.cost(theta, X, y)
    weights = theta[1:]
    penalty = lambda_ / (2 * m) * (weights @ weights)
    return [
        Mistake("regularised θ0", "the sum of the penalty starts at j = 1: θ0 = theta[0], the bias, "
                "is not regularised. Use theta[1:].", J + lambda_ / (2 * m) * (theta @ theta)),
        Mistake("forgot 1/m", f"the penalty is λ/(2m) Σ θj², divided by m = {m} like the cost.",
                J + lambda_ / 2 * (weights @ weights)),
        Mistake("forgot 1/m", f"both the cost and the penalty are divided by m (here m = {m}).",
                m * (J + penalty)),
        Mistake("penalty λ/m instead of λ/(2m)", "the penalty is λ/(2m) Σ θj²: the ½ is there so that "
                "the 2 from differentiating θj² cancels.", J + lambda_ / m * (weights @ weights)),
        Mistake("operator precedence: λ/2*m", "lambda_ / 2*m is (λ/2)·m in Python; write "
                "lambda_ / (2 * m).", J + lambda_ / 2 * m * (weights @ weights)),
        Mistake("sign error", "the penalty is added to J: large weights must cost more, not less.",
                J - penalty),
        Mistake("forgot to square θ", "the penalty sums the squares θj² (theta[1:] ** 2), not the θj.",
                J + lambda_ / (2 * m) * weights.sum()),
        Mistake("forgot to square θ", "the penalty sums the squares θj², not |θj|.",
                J + lambda_ / (2 * m) * np.abs(weights).sum()),
        Mistake("no penalty", "that is the unregularised cost: add λ/(2m) Σ_{j≥1} θj².", J),
        Mistake("set theta[0] = 0", _ZEROED_THETA0_HINT, logistic.cost(_without_bias(theta), X, y) + penalty),
    ] + [Mistake(mistake.name, mistake.hint, mistake.value + penalty)  # the penalty right, the cost not
         for mistake in _cost_mistakes(theta, X, y)]


def _regularised_gradient_mistakes(theta, X, y, lambda_):
    m = y.shape[0]
    grad = logistic.gradient(theta, X, y)
    term = lambda_ / m * theta
    term[0] = 0.0  # the correct penalty term: nothing for θ0
    zeroed = grad + term
    zeroed[0] = 0.0
    return [
        Mistake("regularised θ0", "θ0 = theta[0], the bias, is not regularised: add (λ/m) θj only for "
                "j ≥ 1 (grad[1:] += ...).", grad + lambda_ / m * theta),
        Mistake("forgot 1/m", f"the penalty's gradient is (λ/m) θj, divided by m = {m}.", grad + m * term),
        Mistake("kept the ½", "the derivative of λ/(2m) θj² is (λ/m) θj: the 2 from the square cancels "
                "the ½.", grad + term / 2),
        Mistake("sign error", "the penalty's gradient (λ/m) θj is added: it pulls each weight towards 0.",
                grad - term),
        Mistake("no penalty", "that is the unregularised gradient: add (λ/m) θj for j ≥ 1.", grad),
        Mistake("set ∂J/∂θ0 to 0", "θ0 is not penalised, but it still has its unregularised gradient "
                "(1/m) Σ (h − y); leave grad[0] as it is.", zeroed),
        Mistake("set theta[0] = 0", _ZEROED_THETA0_HINT,
                logistic.gradient(_without_bias(theta), X, y) + term),
    ] + [Mistake(mistake.name, mistake.hint, mistake.value + term)
         for mistake in _vector_gradient_mistakes(theta, X, y)]


# --- the exercises ---------------------------------------------------------------------------------

SIGMOID_GRADIENT = Exercise(
    "sigmoid_gradient",
    inputs=lambda: [{"z": np.array([-3.0, -1.0, 0.0, 0.5, 2.0])}],  # both signs, and 0 where g' = 1/4
    reference=activations.sigmoid_gradient,
    mistakes=_sigmoid_gradient_mistakes,
    nonfinite_hint="g(z)(1 − g(z)) lies in [0, 1/4] for every z: is there a division or an exp of a "
                   "large number?")
COST = Exercise("cost", inputs=_inputs, reference=logistic.cost, mistakes=_cost_mistakes,
                nonfinite_hint=_LOG_HINT, examples=_examples)
GRADIENT = Exercise("gradient", inputs=_inputs, reference=logistic.gradient, mistakes=_gradient_mistakes,
                    nonfinite_hint=_DIVISION_HINT, examples=_examples)
GRADIENT_DESCENT_STEP = Exercise(
    "gradient_descent_step",
    inputs=lambda: _inputs(alpha=ALPHA),
    reference=lambda theta, X, y, alpha: theta - alpha * logistic.gradient(theta, X, y),
    mistakes=_gradient_descent_step_mistakes,
    nonfinite_hint=_DIVISION_HINT)
REGULARISED_COST = Exercise("regularised_cost", inputs=lambda: _inputs(lambda_=LAMBDA),
                            reference=logistic.cost, mistakes=_regularised_cost_mistakes,
                            nonfinite_hint=_LOG_HINT)
REGULARISED_GRADIENT = Exercise("regularised_gradient", inputs=lambda: _inputs(lambda_=LAMBDA),
                                reference=logistic.gradient, mistakes=_regularised_gradient_mistakes,
                                nonfinite_hint=_DIVISION_HINT)


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
        error, @ where * was meant.

    Raises
    ------
    TypeError
        If ``fn`` is not callable (e.g. the result of calling it was passed).
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
        log base 10, forgot to sum over examples; plus NaN or inf (a log of z instead of h), a wrong
        shape and a division by the wrong m (a global m).

    Raises
    ------
    TypeError
        If ``fn`` is not callable (e.g. the result of calling it was passed).
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
        where @ was meant, forgot g, applied g twice, extra g'(z) factor, dropped the (1 − y) term;
        plus a wrong shape and a division by the wrong m.

    Raises
    ------
    TypeError
        If ``fn`` is not callable (e.g. the result of calling it was passed).
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
        Also printed. Named mistakes: sign error (θ + α∇J), forgot α, returned the step instead of
        the new θ, changed theta in place, and every mistake of :func:`gradient` that keeps the shape.

    Raises
    ------
    TypeError
        If ``fn`` is not callable (e.g. the result of calling it was passed).
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
        operator precedence λ/2*m, sign error, forgot to square θ, no penalty, set theta[0] = 0 (in
        θ itself, before computing h), and every mistake of :func:`cost` with the penalty right.

    Raises
    ------
    TypeError
        If ``fn`` is not callable (e.g. the result of calling it was passed).
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
        Also printed. Named mistakes: regularised θ0, forgot 1/m, kept the ½, sign error, no
        penalty, set ∂J/∂θ0 to 0, set theta[0] = 0 (in θ itself, before computing h), and every
        mistake of :func:`gradient` that keeps the shape.

    Raises
    ------
    TypeError
        If ``fn`` is not callable (e.g. the result of calling it was passed).
    """
    return run(REGULARISED_GRADIENT, fn)
