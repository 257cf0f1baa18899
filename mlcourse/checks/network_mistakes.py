"""What each common mistake of the network track returns, chapters 05–07, most telling first.

Each function takes the inputs of one call of the check (the teaching network or the stress network
of :mod:`.network_shapes`) and returns :class:`~.engine.Mistake` records. The answers come from
:mod:`mlcourse.network`; the mistakes of backpropagation are :func:`mlcourse.network.backward`
itself, given a wrong δ(3), z2 or a2, or one of its lines changed in plain sight.
"""

import numpy as np

from .. import network
from ..activations import sigmoid, sigmoid_gradient
from .engine import Mistake, close
from .network_shapes import Gradients, classes_counted, small_network
from .verdicts import other_value_verdict

__all__ = [
    "backprop_mistakes",
    "forward_mistakes",
    "nn_cost_mistakes",
    "suspect_other_lambda_in_cost",
    "suspect_other_lambda_in_gradients",
]

_TANH_HINT = ("np.tanh is another activation, with values in (−1, 1); the course's g is the sigmoid "
              "g(z) = 1/(1 + e^(−z)) in every layer: sigmoid(z) from mlcourse.activations "
              "(tanh(z) = 2g(2z) − 1 is a rescaled sigmoid, not the same function).")


# --- forward_propagation -------------------------------------------------------------------------

def _with_bias(values, where="first"):
    """[1, values]: a column of ones in front (or, for a mistake, at the end)."""
    ones = np.ones((values.shape[0], 1))
    return np.hstack([ones, values] if where == "first" else [values, ones])


def _output(a1, Theta1, Theta2, *, hidden=sigmoid, output=sigmoid, where="first"):
    """a3 from a given a1, with each layer's g and the position of a2's bias unit exchangeable."""
    a2 = _with_bias(hidden(a1 @ Theta1.T), where)
    return output(a2 @ Theta2.T)


def forward_mistakes(Theta1, Theta2, X):
    """What each common mistake in forward propagation returns, most telling first."""
    a1, z2, a2, z3, a3 = network.forward(Theta1, Theta2, X)
    inputs_hint = ("the inputs are used as they are, a1 = [1, X]; the sigmoid belongs to z2 and z3, "
                   "not to X.")
    last_hint = ("the bias unit comes first, {}: column 0 of every Θ is the bias weight. "
                 "np.hstack([np.ones((m, 1)), {}]), ones first.")
    return [
        Mistake("output sigmoid missing", "that is z3 = a2 @ Theta2.T, the raw scores of the output "
                "layer; the outputs are h = a3 = g(z3): apply the sigmoid to z3 too.", z3),
        Mistake("hidden sigmoid missing", "the hidden layer's activations are a2 = [1, g(z2)]: apply "
                "the sigmoid to z2 before adding the bias unit.",
                _output(a1, Theta1, Theta2, hidden=lambda z: z)),
        Mistake("sigmoid applied to a1 (the inputs)", inputs_hint, _output(sigmoid(a1), Theta1, Theta2)),
        Mistake("sigmoid applied to a1 (the inputs)", inputs_hint,
                _output(_with_bias(sigmoid(X)), Theta1, Theta2)),
        Mistake("sigmoid applied to the bias unit", "the bias unit is added after the sigmoid: "
                "a2 = [1, g(z2)], so a0(2) = 1, not g(1) ≈ 0.73.",
                sigmoid(sigmoid(_with_bias(z2)) @ Theta2.T)),
        Mistake("no bias unit added to a1", "Θ(1)'s column 0 multiplies the bias unit a0(1) = 1; "
                "dropping that column drops the bias. Build a1 = [1, X] and use all of Theta1.",
                sigmoid(_with_bias(sigmoid(X @ Theta1[:, 1:].T)) @ Theta2.T)),
        Mistake("no bias unit added to a2", "Θ(2)'s column 0 multiplies the bias unit a0(2) = 1; "
                "dropping that column drops the bias. Build a2 = [1, g(z2)] and use all of Theta2.",
                sigmoid(sigmoid(z2) @ Theta2[:, 1:].T)),
        Mistake("bias unit in the last column", last_hint.format("a1 = [1, X]", "X"),
                _output(_with_bias(X, "last"), Theta1, Theta2)),
        Mistake("bias unit in the last column", last_hint.format("a2 = [1, g(z2)]", "g"),
                _output(a1, Theta1, Theta2, where="last")),
        Mistake("bias unit in the last column", last_hint.format("in a1 and a2", "…"),
                _output(_with_bias(X, "last"), Theta1, Theta2, where="last")),
        Mistake("tanh instead of the sigmoid", _TANH_HINT,
                _output(a1, Theta1, Theta2, hidden=np.tanh, output=np.tanh)),
        Mistake("tanh instead of the sigmoid", _TANH_HINT, _output(a1, Theta1, Theta2, hidden=np.tanh)),
        Mistake("tanh instead of the sigmoid", _TANH_HINT, _output(a1, Theta1, Theta2, output=np.tanh)),
        Mistake("returned a2", "that is a2, the hidden layer with its bias unit; the network's output "
                "is a3 = g(a2 @ Theta2.T), shape (m, K).", a2),
        Mistake("returned the transpose (K, m)", "your outputs are right but transposed, (K, m) instead "
                "of (m, K): one example per column is the orientation of the deep-learning course "
                "(A = g(W A + b)); this course keeps one example per row, z = a @ Theta.T, so a3 has one "
                "row per example.", a3.T),
    ]


# --- nn_cost ---------------------------------------------------------------------------------------

def _classes_mistakes(losses, y, K):
    """The cost summed over the first k units only, for each k a mistake takes for K (stress input)."""
    m = len(y)
    return [Mistake(name, hint, losses[:, :k].sum() / m) for k, (name, hint) in classes_counted(y, K).items()]


def _cross_entropy_mistakes(Theta1, Theta2, X, y):
    """What each common mistake in the unregularised cross-entropy of the network returns."""
    h = network.forward(Theta1, Theta2, X).a3
    m, K = h.shape
    Y = network.one_hot(y, K)

    def cross_entropy(Y, h=h):
        return -Y * np.log(h) - (1 - Y) * np.log(1 - h)  # (m, K): one loss per example and unit

    losses = cross_entropy(Y)
    J = losses.sum() / m
    one_hot_hint = ("Y = np.eye(K)[y]: row i is 1 in column y[i] and 0 elsewhere; the labels here "
                    "are 0..K-1, so no −1 (that is the Octave course's 1..K habit).")
    units_only = ("that is one number per example; J also sums over the m examples: sum the (m, K) "
                  "losses over both axes, then divide by m.")
    labels = ", ".join(str(label) for label in np.unique(y))
    tanh_h = _output(_with_bias(X), Theta1, Theta2, hidden=np.tanh)
    return [
        Mistake("forgot 1/m", f"J is the mean over examples of the summed losses: divide by m (here "
                f"m = {m}).", m * J),
        Mistake("sign error", "J must be ≥ 0: each loss is −y log h − (1 − y) log(1 − h), with the "
                "minus sign, because log h ≤ 0.", -J),
        Mistake("y used directly instead of one-hot", f"y[:, None] broadcasts the label values "
                f"{labels} across the K columns; the cost needs the one-hot Y (m, K) = ({m}, {K}). "
                + one_hot_hint, cross_entropy(y[:, np.newaxis]).sum() / m),
        Mistake("labels treated as 1..K", "np.eye(K)[y - 1] (or y == k for k = 1..K) is the Octave "
                "course's habit, where labels run 1..K; here label 0 is class 0, so Y = np.eye(K)[y].",
                cross_entropy(np.eye(K)[y - 1]).sum() / m),
        Mistake("labels treated as 1..K", "comparing y with 1..K is the Octave course's habit, where "
                "labels run 1..K; here label 0 is class 0, so compare with 0..K-1: "
                "Y = (y[:, None] == np.arange(K)).",
                cross_entropy((y[:, np.newaxis] == np.arange(1, K + 1)).astype(float)).sum() / m),
        *_classes_mistakes(losses, y, K),
        Mistake("only the true-class term", "that is −(1/m) Σ log h_y, the softmax cross-entropy: with "
                "K sigmoid outputs each unit is its own yes/no question, so every unit k adds "
                "−y_k log h_k − (1 − y_k) log(1 − h_k), the (1 − y_k) term included.",
                -(Y * np.log(h)).sum() / m),
        Mistake("np.mean over both axes", f"np.mean of the (m, K) losses divides by m·K = {m * K}; J "
                f"sums over the K units and divides by m = {m} only.", losses.mean()),
        Mistake("summed over examples only", "that is one number per output unit; J also sums over "
                "the K units: sum the (m, K) losses over both axes, then divide by m.",
                losses.sum(axis=0) / m),
        Mistake("summed over units only", units_only, losses.sum(axis=1) / m),
        Mistake("summed over units only", units_only, losses.sum(axis=1)),
        Mistake("forgot to sum", "that is the (m, K) matrix of losses; J is a single number: sum it "
                "over both axes, then divide by m.", losses / m),
        Mistake("squared error instead of cross-entropy", "that is (1/(2m)) Σ (h − y)², linear "
                "regression's cost; the network's is the cross-entropy −y log h − (1 − y) log(1 − h) "
                "summed over the K units.", ((h - Y) ** 2).sum() / (2 * m)),
        Mistake("log base 10", "np.log10 divides J by ln 10; the course's log is the natural one, "
                "np.log.", J / np.log(10)),
        Mistake("tanh instead of the sigmoid", _TANH_HINT, cross_entropy(Y, tanh_h).sum() / m),
    ]


def nn_cost_mistakes(Theta1, Theta2, X, y, lambda_):
    """The cross-entropy's mistakes, and with λ > 0 first the penalty's (with the cross-entropy right)."""
    data_mistakes = _cross_entropy_mistakes(Theta1, Theta2, X, y)
    if lambda_ == 0:
        return data_mistakes
    m = X.shape[0]
    J = network.cost(Theta1, Theta2, X, y)
    penalty = network.penalty(Theta1, Theta2, lambda_, m)
    squares1, squares2 = np.sum(Theta1[:, 1:] ** 2), np.sum(Theta2[:, 1:] ** 2)
    weights = squares1 + squares2
    return [
        Mistake("bias columns regularised", "the penalty skips column 0 of each Θ, the bias weights: "
                "sum Theta1[:, 1:] ** 2 and Theta2[:, 1:] ** 2.",
                J + lambda_ / (2 * m) * (np.sum(Theta1 ** 2) + np.sum(Theta2 ** 2))),
        Mistake("penalty λ/m instead of λ/(2m)", "the penalty is λ/(2m) Σ Θ²: the ½ is there so that "
                "the 2 from differentiating Θ² cancels.", J + lambda_ / m * weights),
        Mistake("penalty missing", "that is the unregularised cost: add λ/(2m) times the sum of the "
                "squared weights of both Θ, bias columns left out.", J),
        Mistake("penalty sign error", "the penalty is added: large weights must cost more, not less.",
                J - penalty),
        Mistake("forgot 1/m", f"the penalty is λ/(2m) Σ Θ², divided by m = {m} like the cost.",
                J + lambda_ / 2 * weights),
        Mistake("forgot 1/m", f"both the cost and the penalty are divided by m (here m = {m}).",
                m * (J + penalty)),
        Mistake("operator precedence: λ/2*m", "lambda_ / 2*m is (λ/2)·m in Python; write "
                "lambda_ / (2 * m).", J + lambda_ / 2 * m * weights),
        Mistake("bias row skipped instead of column", "the bias weights are column 0 of each Θ, one per "
                "unit of the next layer, not row 0: sum Theta1[:, 1:] ** 2 and Theta2[:, 1:] ** 2.",
                J + lambda_ / (2 * m) * (np.sum(Theta1[1:, :] ** 2) + np.sum(Theta2[1:, :] ** 2))),
        Mistake("bias column regularised", "the penalty skips column 0 of both Θ, the bias weights: "
                "Theta1's is summed here.", J + lambda_ / (2 * m) * (np.sum(Theta1 ** 2) + squares2)),
        Mistake("bias column regularised", "the penalty skips column 0 of both Θ, the bias weights: "
                "Theta2's is summed here.", J + lambda_ / (2 * m) * (squares1 + np.sum(Theta2 ** 2))),
        Mistake("only Θ(1) regularised", "the penalty sums the squared weights of both layers, "
                "Theta1[:, 1:] and Theta2[:, 1:].", J + lambda_ / (2 * m) * squares1),
        Mistake("only Θ(2) regularised", "the penalty sums the squared weights of both layers, "
                "Theta1[:, 1:] and Theta2[:, 1:].", J + lambda_ / (2 * m) * squares2),
        Mistake("forgot to square Θ", "the penalty sums the squares of the weights, Θ ** 2.",
                J + lambda_ / (2 * m) * (np.sum(Theta1[:, 1:]) + np.sum(Theta2[:, 1:]))),
    ] + [Mistake(mistake.name, mistake.hint, mistake.value + penalty) for mistake in data_mistakes]


# --- backpropagation -------------------------------------------------------------------------------

def _plus_penalty(grads, Theta1, Theta2, factors, bias=False):
    """grads + factor·Θ on every column but the bias's, as backward adds (λ/m)Θ; with bias, on it too.

    ``factors`` and ``bias`` are each one value for both Θ, or a pair, one per Θ (a factor 0 leaves
    that gradient alone). ``bias="row"`` skips row 0 instead of column 0.
    """
    factors = factors if isinstance(factors, tuple) else (factors, factors)
    biases = bias if isinstance(bias, tuple) else (bias, bias)
    summed = Gradients(*(grad.copy() for grad in grads))
    for grad, Theta, factor, bias in zip(summed, (Theta1, Theta2), factors, biases, strict=True):
        kept = np.s_[1:, :] if bias == "row" else np.s_[:, 0 if bias else 1:]
        grad[kept] += factor * Theta[kept]
    return summed


def _penalty_mistakes(plain, Theta1, Theta2, lambda_, m):
    """The mistakes in the penalty's gradient (λ/m)Θ, each added to the unregularised ``plain``."""
    def penalise(factors, bias=False):
        return _plus_penalty(plain, Theta1, Theta2, factors, bias)

    both = "the penalty's gradient (λ/m) Θ is added to both gradients, off their bias columns."
    return [
        Mistake("bias column regularised", "the penalty's gradient (λ/m) Θ skips column 0 of each Θ, "
                "the bias weights: add it to [:, 1:] only.", penalise(lambda_ / m, bias=True)),
        Mistake("bias column regularised", "the penalty's gradient skips column 0 of both Θ: here "
                "Theta1_grad's gets (λ/m) Θ too.", penalise(lambda_ / m, bias=(True, False))),
        Mistake("bias column regularised", "the penalty's gradient skips column 0 of both Θ: here "
                "Theta2_grad's gets (λ/m) Θ too.", penalise(lambda_ / m, bias=(False, True))),
        Mistake("bias row skipped instead of column", "the bias weights are column 0 of each Θ, one "
                "per unit of the next layer, not row 0: add (λ/m) Θ to [:, 1:].",
                penalise(lambda_ / m, bias="row")),
        Mistake("forgot 1/m", f"the penalty's gradient is (λ/m) Θ, divided by m = {m}.",
                penalise(lambda_)),
        Mistake("kept the ½", "the derivative of λ/(2m) Θ² is (λ/m) Θ: the 2 from the square cancels "
                "the ½.", penalise(lambda_ / (2 * m))),
        Mistake("penalty sign error", "the penalty's gradient (λ/m) Θ is added: it pulls each weight "
                "towards 0.", penalise(-lambda_ / m)),
        Mistake("no penalty on Θ(1)", f"Theta1_grad has no (λ/m) Θ(1) term: J's penalty sums the "
                f"squared weights of both layers, so {both}", penalise((0.0, lambda_ / m))),
        Mistake("no penalty on Θ(2)", f"Theta2_grad has no (λ/m) Θ(2) term: J's penalty sums the "
                f"squared weights of both layers, so {both}", penalise((lambda_ / m, 0.0))),
        Mistake("no regularisation", "that is the unregularised gradient: add (λ/m) Θ to every column "
                "but the bias column.", plain),
    ]


def _labels_mistakes(backward, a3, y, m, K):
    """δ(3) built from a wrong one-hot Y: labels as a column, as 1..K, or with too few classes."""
    labels = ", ".join(str(label) for label in np.unique(y))
    octave = ("is the Octave course's habit, where labels run 1..K; here label 0 is class 0, so "
              "Y = np.eye(K)[y].")
    delta3 = a3 - np.eye(K)[y]
    classes = []
    for k, (name, hint) in classes_counted(y, K).items():
        masked = delta3.copy()
        masked[:, k:] = 0.0  # the units k..K-1 never get their error
        classes.append(Mistake(name, hint, backward(delta3=masked)))
    return [
        Mistake("y used directly instead of one-hot", f"y[:, None] broadcasts the label values "
                f"{labels} across the K units; δ(3) = a3 − Y needs the one-hot Y (m, K) = ({m}, {K}): "
                f"Y = np.eye(K)[y].", backward(delta3=a3 - y[:, np.newaxis])),
        Mistake("labels treated as 1..K", f"np.eye(K)[y - 1] {octave}",
                backward(delta3=a3 - np.eye(K)[y - 1])),
        Mistake("labels treated as 1..K", f"comparing y with 1..K {octave}",
                backward(delta3=a3 - (y[:, np.newaxis] == np.arange(1, K + 1)))),
        *classes,
    ]


def _tanh_mistakes(Theta1, Theta2, X, Y, with_delta2, lambda_):
    """The network with np.tanh for g: in the hidden layer, or in both; g' from the sigmoid or tanh."""
    m = len(X)
    z2 = _with_bias(X) @ Theta1.T
    a2 = _with_bias(np.tanh(z2))
    z3 = a2 @ Theta2.T
    mistakes = []
    for output in (sigmoid, np.tanh):
        delta3 = output(z3) - Y
        Theta2_grad = delta3.T @ a2 / m  # the line of backward, with this a2
        for g_prime in (sigmoid_gradient(z2), 1 - np.tanh(z2) ** 2):
            grads = with_delta2(delta3 @ Theta2[:, 1:] * g_prime, Theta2_grad)
            mistakes.append(Mistake("tanh instead of the sigmoid", _TANH_HINT, grads))
    return mistakes


def backprop_mistakes(Theta1, Theta2, X, y, lambda_):
    """What each common mistake in backpropagation returns, as :class:`Gradients` pairs.

    Most are :func:`mlcourse.network.backward` itself, given the δ(3) or the z2 the mistake computes;
    the others change one of its lines (δ(2) without g'(z2), the penalty) in plain sight.
    """
    a1, z2, a2, _, a3 = network.forward(Theta1, Theta2, X)
    m, K = a3.shape
    Y = network.one_hot(y, K)
    delta3 = a3 - Y

    def backward(delta3=delta3, z2=z2, lambda_=lambda_):
        return Gradients(*network.backward(Theta1, Theta2, X, z2, a2, delta3, lambda_))

    right, plain = backward(), backward(lambda_=0.0)

    def zeroed(*parts):  # the mistake: the bias weights' gradient δᵀ·1 thrown away with the penalty
        grads = Gradients(*(grad.copy() for grad in right))
        for part in parts:
            grads[part][:, 0] = 0.0
        return grads

    def with_delta2(delta2, Theta2_grad=plain.Theta2_grad):  # backward's lines with another δ(2)
        return _plus_penalty(Gradients(delta2.T @ a1 / m, Theta2_grad), Theta1, Theta2, lambda_ / m)

    zero_hint = ("the bias weights are not regularised, but they still have their gradient δᵀ·1: only "
                 "the penalty skips column 0.")
    mistakes = [
        Mistake("missing g'(z2)", "δ(2) = δ(3) Θ(2) ⊙ g'(z(2)) (bias column of Θ(2) dropped): the chain "
                "rule passes through the hidden sigmoid, so multiply elementwise by "
                "g'(z2) = a2(1 − a2) without a2's bias column.", with_delta2(delta3 @ Theta2[:, 1:])),
        Mistake("g'(a2) instead of g'(z2)", "sigmoid_gradient takes z: g'(z2) = g(z2)(1 − g(z2)). "
                "sigmoid_gradient(a2) applies g a second time; use sigmoid_gradient(z2), or "
                "a2[:, 1:] * (1 - a2[:, 1:]).", backward(z2=a2[:, 1:])),
        Mistake("g'(z) as z(1 − z)", "g'(z) = g(z)(1 − g(z)): z2 * (1 - z2) leaves out g. Use "
                "sigmoid_gradient(z2), or a2[:, 1:] * (1 - a2[:, 1:]).",
                with_delta2(delta3 @ Theta2[:, 1:] * z2 * (1 - z2))),
        Mistake("δ(3) = (h − y)·g'(z3)", "that is the squared-error cost's δ(3) (chapter 06, Q10). With "
                "the cross-entropy cost the g'(z3) of the chain rule cancels against the 1/(h(1 − h)) "
                "of ∂J/∂h, leaving δ(3) = a3 − Y.", backward(delta3=delta3 * a3 * (1 - a3))),
        Mistake("δ(3) = y − h (sign)", "δ(3) is ∂J/∂z(3) = h − y, prediction minus label: with y − h "
                "every gradient points uphill.", backward(delta3=-delta3)),
        *_labels_mistakes(backward, a3, y, m, K),
        Mistake("missing 1/m", f"Δ(l) = Σ_i δ(l+1) a(l)ᵀ is a sum over the m = {m} examples; the "
                f"gradient is Δ/m (plus the penalty).", _plus_penalty(
                    Gradients(*(m * grad for grad in plain)), Theta1, Theta2, lambda_ / m)),
        Mistake("missing 1/m", f"both Δ and the penalty's gradient are divided by m = {m}: "
                f"Δ/m + (λ/m) Θ.", Gradients(*(m * grad for grad in right))),
        Mistake("bias gradient set to 0", zero_hint, zeroed(0, 1)),
        Mistake("bias gradient set to 0", zero_hint, zeroed(0)),
        Mistake("bias gradient set to 0", zero_hint, zeroed(1)),
        *_tanh_mistakes(Theta1, Theta2, X, Y, with_delta2, lambda_),
    ]
    if lambda_ == 0:
        return mistakes
    return [*_penalty_mistakes(plain, Theta1, Theta2, lambda_, m), *mistakes]


# --- a λ other than the one passed -----------------------------------------------------------------

TEACHING_M = small_network()[2].shape[0]  # the m of the first input: the one a learner may have copied


def _other_sizes(Theta1, Theta2, X):
    """The arguments' sizes a learner might take for m by mistake."""
    return (("X.shape[1] (n, the inputs)", X.shape[1]), ("Theta1.shape[0] (s2, the hidden units)",
            Theta1.shape[0]), ("Theta2.shape[0] (K, the classes)", Theta2.shape[0]))


def suspect_other_lambda_in_cost(got, Theta1, Theta2, X, y, lambda_):
    """For an unnamed wrong J: the cost with another λ, or with the penalty divided by another m.

    One number fits any λ, so the λ it implies is named only when it is a round one (two decimals)
    or when it amounts to a whole number typed in for m.
    """
    if np.ndim(got) != 0:  # a J of another shape: the shape is the mistake, and is named later
        return None
    m = X.shape[0]
    weights = np.sum(Theta1[:, 1:] ** 2) + np.sum(Theta2[:, 1:] ** 2)
    other = (float(got) - network.cost(Theta1, Theta2, X, y)) * 2 * m / weights
    return other_value_verdict("λ", "lambda_", other, lambda_, m, part="penalty", one_number=True,
                               mistake="λ not the one passed", shown_m=TEACHING_M,
                               sizes=_other_sizes(Theta1, Theta2, X))


def suspect_other_lambda_in_gradients(got, Theta1, Theta2, X, y, lambda_):
    """For unnamed wrong gradients: the gradients with another λ, found from the Θ(1) weights' column 1."""
    m = X.shape[0]
    plain = network.gradient(Theta1, Theta2, X, y)
    other = (got.Theta1_grad[0, 1] - plain[0][0, 1]) * m / Theta1[0, 1]
    candidate = Gradients(*network.gradient(Theta1, Theta2, X, y, max(other, 0.0)))
    if other > 0 and close(got, candidate):
        return other_value_verdict("λ", "lambda_", other, lambda_, m, part="penalty", one_number=False,
                                   mistake="λ not the one passed", shown_m=TEACHING_M,
                                   sizes=_other_sizes(Theta1, Theta2, X))
    return None
