"""The exercises of the network track, chapters 05–07: their inputs and records.

Every check calls the learner's function on the small teaching network (n = 2 inputs, s2 = 4 hidden
units, K = 3 classes, m = 6 examples; with λ = 0, then λ = 1.5 where there is a λ), then, if that
passes, on a seeded stress network with every size changed (n = 3, s2 = 7, K = 6, m = 9), classes 3
and 5 absent from y and another λ, so that a size, a number of classes or a λ taken from anywhere but
the arguments shows; last on a network whose sizes, weights and λ are drawn anew for every run.
The networks, and what their shapes say, are in :mod:`.network_shapes`; what each mistake returns
is in :mod:`.network_mistakes`. A pass needs every input. Chapter 08's exercise, on the network's
gradient check, is in :mod:`.gradient_checking_exercises`.
"""

from .. import network
from .engine import Exercise, run
from .network_mistakes import (
    backprop_mistakes,
    forward_mistakes,
    nn_cost_mistakes,
    suspect_other_lambda_in_cost,
    suspect_other_lambda_in_gradients,
)
from .network_shapes import (
    Gradients,
    explain_backprop_error,
    explain_cost_error,
    explain_forward_error,
    fresh_network,
    read_cost,
    read_forward,
    read_gradients,
    refuse_copies,
    small_network,
    stress_network,
)

__all__ = [
    "BACKPROPAGATION",
    "FORWARD_PROPAGATION",
    "NN_COST",
    "Gradients",
    "backpropagation",
    "forward_propagation",
    "nn_cost",
    "small_network",
    "stress_network",
]

LAMBDA = 1.5  # λ ≠ 0, and m = 6, so that λ/2, λ/m and λ/(2m) all give different penalties
STRESS_LAMBDA = 0.7  # neither the teaching λ nor chapter 07's λ = 1, so a λ from a global shows


def _inputs_without_labels():
    return [{"Theta1": Theta1, "Theta2": Theta2, "X": X}
            for Theta1, Theta2, X, _ in (small_network(), stress_network())]


def _teaching_inputs():
    """λ = 0 first: a mistake in the cross-entropy or in δ shows without the penalty; then λ > 0."""
    Theta1, Theta2, X, y = small_network()
    return [{"Theta1": Theta1, "Theta2": Theta2, "X": X, "y": y, "lambda_": lambda_}
            for lambda_ in (0.0, LAMBDA)]


def _inputs_with_lambda():
    Theta1, Theta2, X, y = stress_network()
    return [*_teaching_inputs(),
            {"Theta1": Theta1, "Theta2": Theta2, "X": X, "y": y, "lambda_": STRESS_LAMBDA}]


def _fresh_without_labels(rng):
    Theta1, Theta2, X, _ = fresh_network(rng)
    return {"Theta1": Theta1, "Theta2": Theta2, "X": X}


def _fresh_with_lambda(rng):
    Theta1, Theta2, X, y = fresh_network(rng)
    lambda_ = round(float(rng.uniform(0.1, 3.0)), 1)
    return {"Theta1": Theta1, "Theta2": Theta2, "X": X, "y": y, "lambda_": lambda_}


def _describe(Theta1, Theta2, X, lambda_=None, **inputs):
    """What sets one input apart: the network's sizes, and its λ where there is one."""
    sizes = {"m": X.shape[0], "n": X.shape[1], "s2": Theta1.shape[0], "K": Theta2.shape[0]}
    return sizes if lambda_ is None else {**sizes, "λ": lambda_}


def _forward_reference(Theta1, Theta2, X):
    return network.forward(Theta1, Theta2, X).a3


def _gradients_reference(**inputs):
    return Gradients(*network.gradient(**inputs))


FORWARD_PROPAGATION = Exercise(
    "forward_propagation",
    inputs=_inputs_without_labels,
    reference=_forward_reference,
    mistakes=forward_mistakes,
    nonfinite_hint="every a lies in (0, 1) and z is a sum of a few products: is there a division or a log?",
    read=refuse_copies(read_forward, _forward_reference, lambda: _inputs_without_labels()[:1]),
    explain=explain_forward_error,
    describe=_describe,
    fresh=_fresh_without_labels)


def forward_propagation(fn):
    """Check the learner's ``forward_propagation`` (chapter 05); print the verdict and return it.

    a1 = [1, X], z2 = a1 Θ(1)ᵀ, a2 = [1, g(z2)], z3 = a2 Θ(2)ᵀ, a3 = g(z3); checked on the teaching
    network, then, if that passes, on the stress network (other m, n, s2 and K).

    Parameters
    ----------
    fn : callable
        The learner's function: Theta1 (s2, n+1), Theta2 (K, s2+1), X (m, n) without a bias column
        → a3, shape (m, K).

    Returns
    -------
    CheckResult
        Named mistakes: no bias unit added to a1 or to a2 (from the shape error, or with Θ's bias
        column dropped to make it run), Θ not transposed (a shape error), Θ(1) and Θ(2) swapped,
        m hard-coded (np.ones((6, 1)) on the stress network), output sigmoid missing, hidden
        sigmoid missing, sigmoid applied to a1 (the inputs), sigmoid applied to the bias unit, bias
        unit in the last column, tanh instead of the sigmoid, returned a2, returned the full tuple,
        returned the transpose (K, m) — the deep-learning course's orientation, hard-coded answer.
    """
    return run(FORWARD_PROPAGATION, fn)


NN_COST = Exercise(
    "nn_cost",
    inputs=_inputs_with_lambda,
    reference=network.cost,
    mistakes=nn_cost_mistakes,
    nonfinite_hint="A log of 0 or of a negative number: is log applied to h = a3 = g(z3), which lies in "
                   "(0, 1), and not to z3 (is the output sigmoid there?) or to y? (np.tanh is negative "
                   "for z < 0: g is the sigmoid.)",
    read=refuse_copies(read_cost, network.cost, _teaching_inputs),
    explain=explain_cost_error,
    # a sum divided by m: with λ = 0 only, where a mistake in m is not mixed with one in the penalty
    examples=lambda X, lambda_, **inputs: X.shape[0] if lambda_ == 0 else None,
    suspect=suspect_other_lambda_in_cost,
    describe=_describe,
    fresh=_fresh_with_lambda)


def nn_cost(fn):
    """Check the learner's ``nn_cost`` (chapter 05); print the verdict and return it.

    J = (1/m) Σ_i Σ_k [−Y_ik log h_ik − (1 − Y_ik) log(1 − h_ik)] + λ/(2m) Σ Θ², the sum of squares
    skipping both bias columns; checked with λ = 0, then, if that passes, with λ = 1.5, then on
    the stress network with λ = 0.7, where classes 3 and 5 never occur in y (K = 6).

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
        examples only or over units only, forgot to sum, squared error, log base 10, tanh instead
        of the sigmoid, K hard-coded, K taken from the labels (y.max() + 1 or the distinct labels),
        labels shifted by one, returned (J, grad) like nnCostFunction, λ not the one passed (a
        global λ), hard-coded answer; in the penalty: bias columns regularised, λ/m instead of
        λ/(2m), penalty missing, penalty sign error, forgot 1/m, operator precedence λ/2*m, only
        one Θ regularised, forgot to square Θ; plus the forward-pass shape errors of
        :func:`forward_propagation`.
    """
    return run(NN_COST, fn)


BACKPROPAGATION = Exercise(
    "backpropagation",
    inputs=_inputs_with_lambda,
    reference=_gradients_reference,
    mistakes=backprop_mistakes,
    nonfinite_hint="is there a log, or a division by something that can be 0?",
    read=refuse_copies(read_gradients, _gradients_reference, _teaching_inputs),
    explain=explain_backprop_error,
    suspect=suspect_other_lambda_in_gradients,
    describe=_describe,
    fresh=_fresh_with_lambda)


def backpropagation(fn):
    """Check the learner's ``backpropagation`` (chapter 07); print the verdict and return it.

    δ(3) = a3 − Y; δ(2) = δ(3) Θ(2)[:, 1:] ⊙ g'(z2); Θ(l)_grad = δ(l+1)ᵀ a(l) / m + (λ/m) Θ(l) off
    the bias column; checked with λ = 0, then, if that passes, with λ = 1.5, then on the stress
    network with λ = 0.7.

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
        broadcast error), labels treated as 1..K, K hard-coded, K taken from the labels, missing
        1/m, bias gradient set to 0 (in either gradient), tanh instead of the sigmoid, Θ gradients
        transposed, a from the wrong layer, a without its bias column (saying so when only the bias
        gradient is missing), returned a single packed vector, returned the cost too, λ not the
        one passed, hard-coded answer; with λ > 0: bias column regularised, forgot 1/m, kept the
        ½, penalty sign error, no penalty on Θ(1) or on Θ(2), no regularisation.
    """
    return run(BACKPROPAGATION, fn)
