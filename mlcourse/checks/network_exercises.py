"""The exercises of the network track, chapters 05–06, and the mistakes each check names.

The checks use one small network: n = 2 inputs, s2 = 4 hidden units, K = 3 classes and m = 6
examples, sizes chosen so that a shape error says which bias unit or transpose is missing
(:mod:`.network_shapes` reads them). The answers come from :mod:`mlcourse.network`; the mistakes of
backpropagation are :func:`mlcourse.network.backward` itself given a wrong δ(3) or z2, or one of its
lines changed in plain sight. Chapter 07's exercise, on the network's gradient check, is in
:mod:`.gradient_checking_exercises`.
"""

import numpy as np

from .. import network
from ..activations import sigmoid
from .engine import Exercise, Mistake, run
from .network_shapes import (
    Gradients,
    explain_backprop_error,
    explain_cost_error,
    explain_forward_error,
    read_forward,
    read_gradients,
)

__all__ = [
    "BACKPROPAGATION",
    "FORWARD_PROPAGATION",
    "NN_COST",
    "Gradients",
    "backpropagation",
    "forward_propagation",
    "nn_cost",
]

# chosen so that no weight or input is 0, no two examples are equal, z2 and z3 have both signs and
# |z| < 3 (see small_network)
SEED = 112
LAMBDA = 1.5  # λ ≠ 0, and m = 6, so that λ/2, λ/m and λ/(2m) all give different penalties


def small_network():
    """Θ(1) (4, 3), Θ(2) (3, 5), X (6, 2), y (6,): n = 2 inputs, s2 = 4 hidden units, K = 3, m = 6.

    The sizes n = 2, n+1 = 3, s2 = 4, s2+1 = 5 and m = 6 all differ, so every orientation mistake
    either raises a shape error whose two sizes tell which bias unit or transpose is missing, or
    returns an answer of a telling shape (K = 3 = n+1 is the one coincidence, and no plausible
    product pairs those two sizes). No weight is 0, so a forgotten bias unit or a regularised bias
    column always changes the answer, and the outputs lie in (0.18, 0.89), so the sigmoid is not
    saturated and no mistake is hidden by it. y holds every class, 0 included, so an off-by-one in
    the labels changes the answer too.
    """
    rng = np.random.default_rng(SEED)
    X = np.round(rng.normal(size=(6, 2)), 1)  # one decimal: readable in the message
    Theta1 = np.round(rng.normal(size=(4, 3)), 1)
    Theta2 = np.round(rng.normal(size=(3, 5)), 1)
    y = np.array([0, 2, 1, 1, 0, 2])
    return Theta1, Theta2, X, y


def _inputs_without_labels():
    Theta1, Theta2, X, _ = small_network()
    return [{"Theta1": Theta1, "Theta2": Theta2, "X": X}]


def _inputs_with_lambda():
    """λ = 0 first: a mistake in the cross-entropy or in δ shows without the penalty; then λ > 0."""
    Theta1, Theta2, X, y = small_network()
    return [{"Theta1": Theta1, "Theta2": Theta2, "X": X, "y": y, "lambda_": lambda_}
            for lambda_ in (0.0, LAMBDA)]


# --- forward_propagation -------------------------------------------------------------------------

def _with_bias(values, where="first"):
    """[1, values]: a column of ones in front (or, for a mistake, at the end)."""
    ones = np.ones((values.shape[0], 1))
    return np.hstack([ones, values] if where == "first" else [values, ones])


def _output(a1, Theta1, Theta2, *, hidden=sigmoid, where="first"):
    """a3 from a given a1, with the hidden layer's g and the position of a2's bias unit exchangeable."""
    a2 = _with_bias(hidden(a1 @ Theta1.T), where)
    return sigmoid(a2 @ Theta2.T)


def _forward_mistakes(Theta1, Theta2, X):
    """What each common mistake in forward propagation returns, most telling first."""
    a1, z2, a2, z3, a3 = network.forward(Theta1, Theta2, X)
    inputs_hint = ("the inputs are used as they are, a1 = [1, X]; the sigmoid belongs to z2 and z3, "
                   "not to X.")
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
        Mistake("bias unit in the last column", "the bias unit comes first, a1 = [1, X]: column 0 of "
                "every Θ is the bias weight. np.hstack([np.ones((m, 1)), X]), ones first.",
                _output(_with_bias(X, "last"), Theta1, Theta2)),
        Mistake("bias unit in the last column", "the bias unit comes first, a2 = [1, g(z2)]: column 0 "
                "of every Θ is the bias weight. np.hstack([np.ones((m, 1)), g]), ones first.",
                _output(a1, Theta1, Theta2, where="last")),
        Mistake("bias unit in the last column", "the bias unit comes first in a1 and a2: column 0 of "
                "every Θ is the bias weight. np.hstack([np.ones((m, 1)), …]), ones first.",
                _output(_with_bias(X, "last"), Theta1, Theta2, where="last")),
        Mistake("returned a2", "that is a2, the hidden layer with its bias unit; the network's output "
                "is a3 = g(a2 @ Theta2.T), shape (m, K).", a2),
        Mistake("returned the transpose (K, m)", "your outputs are right but transposed, (K, m) instead "
                "of (m, K): one example per column is the orientation of the deep-learning course "
                "(A = g(W A + b)); this course keeps one example per row, z = a @ Theta.T, so a3 has one "
                "row per example.", a3.T),
    ]


FORWARD_PROPAGATION = Exercise(
    "forward_propagation",
    inputs=_inputs_without_labels,
    reference=lambda Theta1, Theta2, X: network.forward(Theta1, Theta2, X).a3,
    mistakes=_forward_mistakes,
    nonfinite_hint="every a lies in (0, 1) and z is a sum of a few products: is there a division or a log?",
    read=read_forward,
    explain=explain_forward_error)


def forward_propagation(fn):
    """Check the learner's ``forward_propagation`` (chapter 05); print the verdict and return it.

    a1 = [1, X], z2 = a1 Θ(1)ᵀ, a2 = [1, g(z2)], z3 = a2 Θ(2)ᵀ, a3 = g(z3).

    Parameters
    ----------
    fn : callable
        The learner's function: Theta1 (s2, n+1), Theta2 (K, s2+1), X (m, n) without a bias column
        → a3, shape (m, K).

    Returns
    -------
    CheckResult
        Named mistakes: no bias unit added to a1 or to a2 (from the shape error, or with Θ's bias
        column dropped to make it run), Θ not transposed (a shape error), output sigmoid missing,
        hidden sigmoid missing, sigmoid applied to a1 (the inputs), sigmoid applied to the bias
        unit, bias unit in the last column, returned a2, returned the full tuple, returned the
        transpose (K, m) — the deep-learning course's orientation.

    Raises
    ------
    TypeError
        If ``fn`` is not callable.
    """
    return run(FORWARD_PROPAGATION, fn)


# --- nn_cost ---------------------------------------------------------------------------------------

def _cross_entropy_mistakes(Theta1, Theta2, X, y):
    """What each common mistake in the unregularised cross-entropy of the network returns."""
    h = network.forward(Theta1, Theta2, X).a3
    m, K = h.shape
    Y = network.one_hot(y, K)

    def cross_entropy(Y):
        return -Y * np.log(h) - (1 - Y) * np.log(1 - h)  # (m, K): one loss per example and unit

    losses = cross_entropy(Y)
    J = losses.sum() / m
    one_hot_hint = ("Y = np.eye(K)[y]: row i is 1 in column y[i] and 0 elsewhere; the labels here "
                    "are 0..K-1, so no −1 (that is the Octave course's 1..K habit).")
    units_only = ("that is one number per example; J also sums over the m examples: sum the (m, K) "
                  "losses over both axes, then divide by m.")
    return [
        Mistake("forgot 1/m", f"J is the mean over examples of the summed losses: divide by m (here "
                f"m = {m}).", m * J),
        Mistake("sign error", "J must be ≥ 0: each loss is −y log h − (1 − y) log(1 − h), with the "
                "minus sign, because log h ≤ 0.", -J),
        Mistake("y used directly instead of one-hot", f"y[:, None] broadcasts the label values 0, 1, "
                f"2 across the K columns; the cost needs the one-hot Y (m, K) = ({m}, {K}). "
                + one_hot_hint, cross_entropy(y[:, np.newaxis]).sum() / m),
        Mistake("labels treated as 1..K", "np.eye(K)[y - 1] (or y == k for k = 1..K) is the Octave "
                "course's habit, where labels run 1..K; here label 0 is class 0, so Y = np.eye(K)[y].",
                cross_entropy(np.eye(K)[y - 1]).sum() / m),
        Mistake("labels treated as 1..K", "comparing y with 1..K is the Octave course's habit, where "
                "labels run 1..K; here label 0 is class 0, so compare with 0..K-1: "
                "Y = (y[:, None] == np.arange(K)).",
                cross_entropy((y[:, np.newaxis] == np.arange(1, K + 1)).astype(float)).sum() / m),
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
    ]


def _nn_cost_mistakes(Theta1, Theta2, X, y, lambda_):
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
        Mistake("only Θ(1) regularised", "the penalty sums the squared weights of both layers, "
                "Theta1[:, 1:] and Theta2[:, 1:].", J + lambda_ / (2 * m) * squares1),
        Mistake("only Θ(2) regularised", "the penalty sums the squared weights of both layers, "
                "Theta1[:, 1:] and Theta2[:, 1:].", J + lambda_ / (2 * m) * squares2),
        Mistake("forgot to square Θ", "the penalty sums the squares of the weights, Θ ** 2.",
                J + lambda_ / (2 * m) * (np.sum(Theta1[:, 1:]) + np.sum(Theta2[:, 1:]))),
    ] + [Mistake(mistake.name, mistake.hint, mistake.value + penalty) for mistake in data_mistakes]


NN_COST = Exercise(
    "nn_cost",
    inputs=_inputs_with_lambda,
    reference=network.cost,
    mistakes=_nn_cost_mistakes,
    nonfinite_hint="A log of 0 or of a negative number: is log applied to h = a3 = g(z3), which lies in "
                   "(0, 1), and not to z3 (is the output sigmoid there?) or to y?",
    explain=explain_cost_error,
    # a sum divided by m: with λ = 0 only, where a mistake in m is not mixed with one in the penalty
    examples=lambda X, lambda_, **inputs: X.shape[0] if lambda_ == 0 else None)


def nn_cost(fn):
    """Check the learner's ``nn_cost`` (chapter 05); print the verdict and return it.

    J = (1/m) Σ_i Σ_k [−Y_ik log h_ik − (1 − Y_ik) log(1 − h_ik)] + λ/(2m) Σ Θ², the sum of squares
    skipping both bias columns; checked with λ = 0, then, if that passes, with λ = 1.5.

    Parameters
    ----------
    fn : callable
        The learner's function: Theta1 (s2, n+1), Theta2 (K, s2+1), X (m, n), y (m,) integer labels
        0..K-1, lambda_ ≥ 0 → J, a single number.

    Returns
    -------
    CheckResult
        Named mistakes: y used directly instead of one-hot (a broadcast error, or y[:, None]
        broadcast across the units), labels treated as 1..K (Octave's habit), forgot 1/m, sign
        error, only the true-class term (softmax-style), np.mean over both axes, summed over
        examples only or over units only, forgot to sum, squared error, log base 10; in the
        penalty: bias columns regularised, λ/m instead of λ/(2m), penalty missing, penalty sign
        error, forgot 1/m, operator precedence λ/2*m, only one Θ regularised, forgot to square Θ;
        plus the forward-pass shape errors of :func:`forward_propagation`.

    Raises
    ------
    TypeError
        If ``fn`` is not callable.
    """
    return run(NN_COST, fn)


# --- backpropagation -------------------------------------------------------------------------------

def _plus_penalty(grads, Theta1, Theta2, factor, bias=False):
    """grads + factor·Θ on every column but the bias's, as backward adds (λ/m)Θ; with bias, on it too."""
    first = 0 if bias else 1
    summed = Gradients(*(grad.copy() for grad in grads))
    for grad, Theta in zip(summed, (Theta1, Theta2), strict=True):
        grad[:, first:] += factor * Theta[:, first:]
    return summed


def _penalty_mistakes(plain, Theta1, Theta2, lambda_, m):
    """The mistakes in the penalty's gradient (λ/m)Θ, each added to the unregularised ``plain``."""
    def penalise(factor, bias=False):
        return _plus_penalty(plain, Theta1, Theta2, factor, bias)

    return [
        Mistake("bias column regularised", "the penalty's gradient (λ/m) Θ skips column 0 of each Θ, "
                "the bias weights: add it to [:, 1:] only.", penalise(lambda_ / m, bias=True)),
        Mistake("forgot 1/m", f"the penalty's gradient is (λ/m) Θ, divided by m = {m}.",
                penalise(lambda_)),
        Mistake("kept the ½", "the derivative of λ/(2m) Θ² is (λ/m) Θ: the 2 from the square cancels "
                "the ½.", penalise(lambda_ / (2 * m))),
        Mistake("penalty sign error", "the penalty's gradient (λ/m) Θ is added: it pulls each weight "
                "towards 0.", penalise(-lambda_ / m)),
        Mistake("no regularisation", "that is the unregularised gradient: add (λ/m) Θ to every column "
                "but the bias column.", plain),
    ]


def _backprop_mistakes(Theta1, Theta2, X, y, lambda_):
    """What each common mistake in backpropagation returns, as :class:`Gradients` pairs.

    Most are :func:`mlcourse.network.backward` itself, given the δ(3) or the z2 the mistake computes;
    the others change one of its lines (δ(2) without g'(z2), the penalty) in plain sight.
    """
    a1, z2, a2, _, a3 = network.forward(Theta1, Theta2, X)
    m, K = a3.shape
    delta3 = a3 - network.one_hot(y, K)

    def backward(delta3=delta3, z2=z2, lambda_=lambda_):
        return Gradients(*network.backward(Theta1, Theta2, X, z2, a2, delta3, lambda_))

    right, plain, zeroed = backward(), backward(lambda_=0.0), backward()
    for grad in zeroed:
        grad[:, 0] = 0.0  # the mistake: the bias weights' gradient δᵀ·1 thrown away with the penalty

    def with_delta2(delta2):  # backward's Theta1_grad with another δ(2); Theta2_grad does not use δ(2)
        return _plus_penalty(Gradients(delta2.T @ a1 / m, plain.Theta2_grad), Theta1, Theta2, lambda_ / m)
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
        Mistake("y used directly instead of one-hot", f"y[:, None] broadcasts the label values across "
                f"the K units; δ(3) = a3 − Y needs the one-hot Y (m, K) = ({m}, {K}): "
                f"Y = np.eye(K)[y].", backward(delta3=a3 - y[:, np.newaxis])),
        Mistake("labels treated as 1..K", "np.eye(K)[y - 1] is the Octave course's habit, where labels "
                "run 1..K; here label 0 is class 0, so Y = np.eye(K)[y].",
                backward(delta3=a3 - np.eye(K)[y - 1])),
        Mistake("missing 1/m", f"Δ(l) = Σ_i δ(l+1) a(l)ᵀ is a sum over the m = {m} examples; the "
                f"gradient is Δ/m (plus the penalty).", _plus_penalty(
                    Gradients(*(m * grad for grad in plain)), Theta1, Theta2, lambda_ / m)),
        Mistake("missing 1/m", f"both Δ and the penalty's gradient are divided by m = {m}: "
                f"Δ/m + (λ/m) Θ.", Gradients(*(m * grad for grad in right))),
        Mistake("bias gradient set to 0", "the bias weights are not regularised, but they still have "
                "their gradient δᵀ·1: only the penalty skips column 0.", zeroed),
    ]
    if lambda_ == 0:
        return mistakes
    return [*_penalty_mistakes(plain, Theta1, Theta2, lambda_, m), *mistakes]


BACKPROPAGATION = Exercise(
    "backpropagation",
    inputs=_inputs_with_lambda,
    reference=lambda **inputs: Gradients(*network.gradient(**inputs)),
    mistakes=_backprop_mistakes,
    nonfinite_hint="is there a log, or a division by something that can be 0?",
    read=read_gradients,
    explain=explain_backprop_error)


def backpropagation(fn):
    """Check the learner's ``backpropagation`` (chapter 06); print the verdict and return it.

    δ(3) = a3 − Y; δ(2) = δ(3) Θ(2)[:, 1:] ⊙ g'(z2); Θ(l)_grad = δ(l+1)ᵀ a(l) / m + (λ/m) Θ(l) off
    the bias column; checked with λ = 0, then, if that passes, with λ = 1.5.

    Parameters
    ----------
    fn : callable
        The learner's function: Theta1 (s2, n+1), Theta2 (K, s2+1), X (m, n), y (m,) integer labels
        0..K-1, lambda_ ≥ 0 → the pair (Theta1_grad, Theta2_grad), shaped like Theta1 and Theta2.

    Returns
    -------
    CheckResult
        ``expected`` and ``got`` are pairs with fields ``Theta1_grad`` and ``Theta2_grad``. Named
        mistakes: missing g'(z2), g'(a2) instead of g'(z2), g'(z) as z(1 − z), bias row of Θ(2) not
        dropped (the shape error), bias column of δ(2) kept, δ(3) = (h − y)·g'(z3) (the
        squared-error form), δ(3) = y − h, y used directly instead of one-hot (as a column, or the
        broadcast error), labels treated as 1..K, missing 1/m, bias gradient set to 0, Θ gradients
        transposed, a from the wrong layer, a without its bias column, returned a single packed
        vector, returned the cost too; with λ > 0: bias column regularised, forgot 1/m, kept the ½,
        penalty sign error, no regularisation.

    Raises
    ------
    TypeError
        If ``fn`` is not callable.
    """
    return run(BACKPROPAGATION, fn)
