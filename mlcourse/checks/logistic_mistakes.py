"""What each common mistake of the logistic track (chapters 02–04) returns, most telling first.

Each function takes the arguments of one call of the learner's function and returns the value every
known mistake gives on them, as :class:`~mlcourse.checks.engine.Mistake` records: the check names the
first whose value equals the learner's answer. The ``suspect_*`` functions are the last guesses,
for an answer no mistake equals: a λ or α other than the one passed.
"""

import numpy as np

from .. import logistic
from ..activations import sigmoid
from .engine import ATOL, RTOL, Mistake, close
from .verdicts import other_value_verdict

__all__ = [
    "cost_mistakes",
    "gradient_descent_step_mistakes",
    "gradient_mistakes",
    "regularised_cost_mistakes",
    "regularised_gradient_mistakes",
    "sigmoid_gradient_mistakes",
    "suspect_other_alpha",
    "suspect_other_lambda_in_cost",
    "suspect_other_lambda_in_gradient",
    "suspect_small_z_only",
    "vector_gradient_mistakes",
]

TEACHING_M = 4  # the m of the first input: what a learner who copied it into the code divides by

# --- g'(z) ---------------------------------------------------------------------------------------

def sigmoid_gradient_mistakes(z):
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
                "derivative is elementwise, g * (1 - g), with the shape of z.", np.sum(g * (1 - g))),
        Mistake("g(z)(1 − z)", "the second factor is 1 − g(z), not 1 − z: compute g = sigmoid(z) and "
                "return g * (1 - g).", g * (1 - z)),
        Mistake("returned 1 − g(z)", "that is 1 − g(z) alone, the probability of the other class; the "
                "derivative is the product g(z)(1 − g(z)).", 1 - g),
        Mistake("tanh instead of the sigmoid", "np.tanh is another S-shaped function, with values in "
                "(−1, 1); the course's g is the sigmoid 1/(1 + e^(−z)), mlcourse.activations.sigmoid.",
                np.tanh(z) * (1 - np.tanh(z))),
        Mistake("tanh instead of the sigmoid", "that is tanh'(z) = 1 − tanh(z)²; the course's g is the "
                "sigmoid, whose derivative is g(z)(1 − g(z)).", 1 - np.tanh(z) ** 2),
    ]


def suspect_small_z_only(got, z):
    """For g'(z) right where |z| is small and wrong further out: name the range where it holds."""
    if got.shape != z.shape:
        return None
    got, z = got.ravel(), z.ravel()  # entries in any order: a matrix z is looked at entry by entry
    expected = sigmoid(z) * (1 - sigmoid(z))
    order = np.argsort(np.abs(z), kind="stable")  # from the smallest |z| out
    wrong = ~np.isclose(got, expected, rtol=RTOL, atol=ATOL)[order]
    if not wrong.any() or np.argmax(wrong) < 2:  # right on at least the two smallest |z|, then not
        return None
    first_wrong = order[np.argmax(wrong)]
    return "right only for small |z|", (
        f"your values are right for |z| < {abs(z[first_wrong]):g} but not at z = {z[first_wrong]:g} "
        f"(expected {expected[first_wrong]:.3g}, got {got[first_wrong]:.3g}). g(z)(1 − g(z)) with the "
        f"sigmoid is right for every z and needs no special case: is z clipped, or a value or an "
        f"approximation used that holds only near 0?")


def cost_mistakes(theta, X, y):
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
        Mistake("swapped the logs", "y goes with log h and (1 − y) with log(1 − h): each loss is "
                "−y log h − (1 − y) log(1 − h). (The same value comes from h = 1 − g(z), e.g. "
                "np.exp(z) where np.exp(-z) was meant.)",
                (-y * np.log(1 - h) - (1 - y) * np.log(h)).sum() / m),
        *_clipped_costs(theta, X, y, J),
    ]


def _clipped_costs(theta, X, y, J):
    """The cost with h kept away from 0 and 1, for the tolerances learners pick, where that changes J."""
    m = y.shape[0]
    h = sigmoid(X @ theta)
    hint = ("h was clipped away from 0 and 1 (np.clip(h, eps, 1 - eps), or eps added inside the log), "
            "which changes the loss of every confident example: with |z| = 17, 1 − h is 4e-8, and a "
            "wrong label there costs 17, not −log(eps). The textbook formula is accurate for |z| up to "
            "about 30; beyond, compute the cost from z as the library does (chapter 01), never by clipping.")
    found = []
    for eps in (1e-3, 1e-4, 1e-5, 1e-6, 1e-7, 1e-8, 1e-10, 1e-12, 1e-15):
        clipped = np.clip(h, eps, 1 - eps)
        for value in ((-y * np.log(clipped) - (1 - y) * np.log(1 - clipped)).sum() / m,
                      (-y * np.log(h + eps) - (1 - y) * np.log(1 - h + eps)).sum() / m):
            if not close(np.asarray(value), J):
                found.append(Mistake("clipped h", hint, value))
    return found


def gradient_mistakes(theta, X, y):
    """What each common mistake in the unregularised gradient returns, most telling first."""
    m = y.shape[0]
    h = sigmoid(X @ theta)
    grad = X.T @ (h - y) / m
    # y reshaped to a column (m, 1) inside the function: h - y is then the m×m matrix h_k − y_i
    broadcast = X.T @ (h - y[:, np.newaxis]) / m
    tanh_hint = ("np.tanh is another S-shaped function, with values in (−1, 1); the course's h is the "
                 "sigmoid g(z) = 1/(1 + e^(−z)), mlcourse.activations.sigmoid.")
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
        Mistake("h = 1 − g(z)", "1/(1 + e^z) is 1 − g(z), the probability of the other class: "
                "h = g(z) = 1/(1 + e^(−z)). Check the sign inside np.exp.",
                X.T @ (sigmoid(-X @ theta) - y) / m),
        Mistake("swapped the logs", "that is (1/m) Xᵀ(h − (1 − y)), the gradient of a cost whose logs "
                "are swapped (y with log(1 − h)): the labels act flipped. It is (1/m) Xᵀ(h − y).",
                X.T @ (h - (1 - y)) / m),
        Mistake("tanh instead of the sigmoid", tanh_hint, X.T @ (np.tanh(X @ theta) - y) / m),
    ]


def vector_gradient_mistakes(theta, X, y):
    """The gradient's mistakes that keep θ's shape, which a step or a penalty can be built on."""
    return [mistake for mistake in gradient_mistakes(theta, X, y) if np.shape(mistake.value) == theta.shape]


def gradient_descent_step_mistakes(theta, X, y, alpha):
    step = alpha * logistic.gradient(theta, X, y)
    returned_step = "return θ − α ∇J, the updated parameters, not the change α ∇J."
    return [
        Mistake("sign error", "gradient descent moves against the gradient: θ − α ∇J, not θ + α ∇J.",
                theta + step),
        Mistake("forgot α", "the step is the gradient times the learning rate: θ − α ∇J.",
                theta - step / alpha),
        Mistake("returned the step instead of the new θ", returned_step, -step),
        Mistake("returned the step instead of the new θ", returned_step, step),
        Mistake("sign error", "your whole answer has the opposite sign: return theta - alpha * gradient, "
                "not alpha * gradient - theta.", step - theta),
        Mistake("updated θ one entry at a time", "all θj are updated simultaneously: compute the whole "
                "gradient from the old θ first, then return θ − α ∇J. Updating theta[0] before the "
                "gradient for theta[1] is computed uses a half-updated θ.",
                _one_at_a_time(theta, X, y, alpha)),
        *_hard_coded_m(theta, -step, y.shape[0]),
        *(Mistake(mistake.name, "in the gradient: " + mistake.hint, theta - alpha * mistake.value)
          for mistake in vector_gradient_mistakes(theta, X, y)),
    ]


def _one_at_a_time(theta, X, y, alpha):
    """θ updated entry by entry, each entry's gradient computed from the partly updated θ."""
    theta = theta.copy()
    for j in range(theta.size):
        theta[j] -= alpha * logistic.gradient(theta, X, y)[j]
    return theta


def _hard_coded_m(base, change, m):
    """The answer ``base + change`` with ``change`` divided by the first input's m instead of this m."""
    if m == TEACHING_M:
        return []
    return [Mistake("divided by the wrong m", f"your answer is right for m = {TEACHING_M}, the first "
                    f"input's number of examples, but this input has m = {m}: take m from the data, "
                    f"m = X.shape[0], not a number.", base + change * m / TEACHING_M)]


_ZEROED_THETA0_HINT = ("theta[0] = 0 changes θ itself, so h = g(Xθ) was computed without the bias "
                       "(and the caller's θ changed too). Leave theta alone and penalise theta[1:].")


def _without_bias(theta):
    """θ with θ0 = 0: what a learner's ``theta[0] = 0`` leaves behind."""
    theta = theta.copy()
    theta[0] = 0.0
    return theta


def regularised_cost_mistakes(theta, X, y, lambda_):
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
        Mistake("sign error", "your whole answer has the opposite sign: J must be ≥ 0, each loss is "
                "−y log h − (1 − y) log(1 − h) and the penalty is added.", -(J + penalty)),
        Mistake("forgot to square θ", "the penalty sums the squares θj² (theta[1:] ** 2), not the θj.",
                J + lambda_ / (2 * m) * weights.sum()),
        Mistake("forgot to square θ", "the penalty sums the squares θj², not |θj|.",
                J + lambda_ / (2 * m) * np.abs(weights).sum()),
        Mistake("no penalty", "that is the unregularised cost: add λ/(2m) Σ_{j≥1} θj².", J),
        Mistake("set theta[0] = 0", _ZEROED_THETA0_HINT, logistic.cost(_without_bias(theta), X, y) + penalty),
    ] + [Mistake(mistake.name, mistake.hint, mistake.value + penalty)  # the penalty right, the cost not
         for mistake in cost_mistakes(theta, X, y)]


def regularised_gradient_mistakes(theta, X, y, lambda_):
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
        Mistake("sign error", "your whole answer has the opposite sign: the gradient is (1/m) Xᵀ(h − y), "
                "prediction minus label, plus (λ/m) θj.", -(grad + term)),
        Mistake("no penalty", "that is the unregularised gradient: add (λ/m) θj for j ≥ 1.", grad),
        Mistake("set ∂J/∂θ0 to 0", "θ0 is not penalised, but it still has its unregularised gradient "
                "(1/m) Σ (h − y); leave grad[0] as it is.", zeroed),
        Mistake("set theta[0] = 0", _ZEROED_THETA0_HINT,
                logistic.gradient(_without_bias(theta), X, y) + term),
    ] + [Mistake(mistake.name, mistake.hint, mistake.value + term)
         for mistake in vector_gradient_mistakes(theta, X, y)]


# --- last guesses: a λ or α other than the one passed ----------------------------------------------

def _implied(got, base, slope):
    """``(p, entries)``: the p with got = base + p · slope in every entry, and the number of entries it
    was fitted to (with one, a cost, any answer fits some p); ``(None, 0)`` if no single p fits."""
    got, base, slope = (np.atleast_1d(np.asarray(part, dtype=np.float64)) for part in (got, base, slope))
    if got.shape != base.shape or not (slope != 0).any():
        return None, 0
    moving = slope != 0
    p = float(np.median((got[moving] - base[moving]) / slope[moving]))
    if p <= 0 or not close(got, base + p * slope):
        return None, 0
    return p, int(moving.sum())


def _other_sizes(X):
    """The sizes a learner might take for m by mistake: the columns of X, which θ has as many entries."""
    return (("X.shape[1] (the columns of X, as many as θ has entries)", X.shape[1]),)


def _other_lambda(got, base, slope, lambda_, X):
    p, entries = _implied(got, base, slope)
    return other_value_verdict("λ", "lambda_", p, lambda_, X.shape[0], part="penalty", one_number=entries < 2,
                               mistake="λ from elsewhere", shown_m=TEACHING_M, sizes=_other_sizes(X))


def suspect_other_lambda_in_cost(got, theta, X, y, lambda_):
    """For a regularised cost right for another λ, or a penalty divided by another m: name it."""
    m = y.shape[0]
    return _other_lambda(got, logistic.cost(theta, X, y), theta[1:] @ theta[1:] / (2 * m), lambda_, X)


def suspect_other_lambda_in_gradient(got, theta, X, y, lambda_):
    """For a regularised gradient right for another λ, or a penalty divided by another m: name it."""
    slope = theta / y.shape[0]
    slope[0] = 0.0
    return _other_lambda(got, logistic.gradient(theta, X, y), slope, lambda_, X)


def suspect_other_alpha(got, theta, X, y, alpha):
    """For a descent step right for another α, or a gradient divided by another m: name it."""
    p, entries = _implied(got, theta, -logistic.gradient(theta, X, y))
    return other_value_verdict("α", "alpha", p, alpha, y.shape[0], part="step α · gradient",
                               one_number=entries < 2, mistake="α from elsewhere", shown_m=TEACHING_M,
                               sizes=_other_sizes(X))
