"""Read what a network exercise returned or raised, and name what its shapes say is missing.

The network checks use sizes that all differ (n = 2, n+1 = 3, s2 = 4, s2+1 = 5, m = 6), so the two
sizes in numpy's message, or the shapes of what came back, say which bias unit, one-hot encoding or
transpose is missing. The ``explain_*`` functions name an exception, ``(mistake name, hint)``, or
return None for one they do not know; the ``read_*`` functions read what forward propagation and
backpropagation returned, and name what is wrong with its form or its shapes.
"""

import re
from typing import NamedTuple

import numpy as np

from .engine import close, describe_answer, read_numbers

__all__ = [
    "Gradients",
    "explain_backprop_error",
    "explain_cost_error",
    "explain_forward_error",
    "read_forward",
    "read_gradients",
]


class Gradients(NamedTuple):
    """The pair backpropagation returns, named so that the verdict can label both arrays."""

    Theta1_grad: np.ndarray
    Theta2_grad: np.ndarray


# --- exceptions ------------------------------------------------------------------------------------

def _mismatch(error):
    """``(kind, {size, size})`` for a numpy shape error — the two sizes it found different — or None.

    kind is "product" for matmul/dot (the inner sizes of a matrix product) and "broadcast" for an
    elementwise operation (the first pair of trailing sizes that differ).
    """
    if not isinstance(error, ValueError):
        return None
    text = str(error)
    for pattern in (r"size (\d+) is different from (\d+)", r"(\d+) \(dim \d+\) != (\d+) \(dim \d+\)"):
        found = re.search(pattern, text)
        if found:
            return "product", {int(found[1]), int(found[2])}
    found = re.search(r"broadcast together with shapes \(([\d, ]*)\) \(([\d, ]*)\)", text)
    if found:
        first, second = ([int(size) for size in group.split(",") if size.strip()] for group in found.groups())
        # numpy aligns the two shapes on the right; the shorter one simply runs out
        for size_a, size_b in zip(reversed(first), reversed(second), strict=False):
            if size_a != size_b and 1 not in (size_a, size_b):
                return "broadcast", {size_a, size_b}
    return None


def explain_forward_error(error, Theta1, Theta2, X, **inputs):
    """Name the shape errors of a forward pass: a missing bias unit, or Θ where Θᵀ was meant."""
    mismatch = _mismatch(error)
    if mismatch is None:
        return None
    n, s2 = X.shape[1], Theta1.shape[0]
    _, sizes = mismatch
    if sizes == {n, n + 1}:
        return "no bias unit added to a1", (
            f"X has n = {n} columns but Θ(1) has n+1 = {n + 1}: its column 0 multiplies the bias unit. "
            f"Build a1 = [1, X] with a column of ones in front, np.hstack([np.ones((m, 1)), X]), and "
            f"use a1 @ Theta1.T.")
    if sizes == {s2, s2 + 1}:
        return "no bias unit added to a2", (
            f"g(z2) has s2 = {s2} columns but Θ(2) has s2+1 = {s2 + 1}: its column 0 multiplies the "
            f"bias unit a0(2) = 1. Build a2 = [1, g(z2)] with a column of ones in front before "
            f"z3 = a2 @ Theta2.T.")
    return "Θ not transposed", (
        f"with one example per row, every layer is z = a @ Theta.T: a1 {(X.shape[0], n + 1)} @ "
        f"Theta1.T {(n + 1, s2)} gives z2 {(X.shape[0], s2)}. The course's z = Θ a is for one example "
        f"held as a column; stacking the examples as rows moves Θ to the right and transposes it. "
        f"The shapes here are Theta1 {Theta1.shape}, Theta2 {Theta2.shape}, X {X.shape}.")


def explain_cost_error(error, Theta1, Theta2, X, **inputs):
    """Name the broadcast of the labels y (m,) against the outputs h (m, K), then forward's errors."""
    m, K = X.shape[0], Theta2.shape[0]
    if _mismatch(error) == ("broadcast", {m, K}):
        return "y used directly instead of one-hot", (
            f"y holds one label per example, shape (m,) = ({m},), while h has one column per class, "
            f"(m, K) = ({m}, {K}). Turn the labels into rows of the K×K identity first: "
            f"Y = np.eye(K)[y], so that Y[i, k] = 1 exactly when y[i] == k.")
    return explain_forward_error(error, Theta1, Theta2, X)


def explain_backprop_error(error, Theta1, Theta2, X, **inputs):
    """Name δ(3) Θ(2) with Θ(2)'s bias column kept against g'(z2), then the cost's and forward's errors."""
    s2 = Theta1.shape[0]
    if _mismatch(error) == ("broadcast", {s2, s2 + 1}):
        return "bias row of Θ(2) not dropped", (
            f"δ(3) Θ(2) has s2+1 = {s2 + 1} columns, one for the bias unit a0(2) = 1, but g'(z2) has "
            f"s2 = {s2}. The bias unit is a constant, so no error flows back into it: use "
            f"delta3 @ Theta2[:, 1:], Θ(2) without its bias column. (g'(z) on a2 with its bias "
            f"column gives the same mismatch the other way round.)")
    return explain_cost_error(error, Theta1, Theta2, X)


# --- what came back ----------------------------------------------------------------------------------

def read_forward(result, expected, **inputs):
    """Reader for forward_propagation: names a returned tuple of intermediates that holds a3."""
    if isinstance(result, tuple | list) and len(result) > 1:
        for part in result:
            try:
                if close(np.asarray(part, dtype=np.float64), expected):
                    return result, ("returned the full tuple", "a3 is among what you returned, but the "
                                    "exercise returns a3 alone, the (m, K) outputs: return a3, not "
                                    "(a1, z2, a2, z3, a3).")
            except (TypeError, ValueError):
                continue
    return read_numbers(result, expected)


def _gradient_shape_mistake(got, Theta1, Theta2, expected):
    """(name, hint) for a pair of gradients of the wrong shapes."""
    shape1, shape2 = Theta1.shape, Theta2.shape
    s2, n, K = shape1[0], shape1[1] - 1, shape2[0]
    got1, got2 = got
    wanted = (f"Theta1_grad must have Theta1's shape {shape1} and Theta2_grad Theta2's shape {shape2}; "
              f"got {got1.shape} and {got2.shape}.")
    if got1.shape == shape1[::-1] or got2.shape == shape2[::-1]:
        hint = (f"{wanted} The accumulated Δ(l) = Σ δ(l+1) a(l)ᵀ is delta.T @ a — with examples as "
                f"rows, Theta1_grad = delta2.T @ a1 — not a.T @ delta.")
        if close((got1.T, got2.T), expected):
            hint += " Transposed, your numbers are right."
        return "Θ gradients transposed", hint
    if got1.shape == (s2 + 1, n + 1):
        return "bias column of δ(2) kept", (
            f"{wanted} δ(3) Θ(2) has a column for the bias unit a0(2) = 1, which is a constant: nothing "
            f"flows back into it. Drop it: delta2 = delta3 @ Theta2[:, 1:] * g'(z2), shape (m, s2).")
    if got1.shape == (s2, s2 + 1) or got2.shape == (K, n + 1):
        return "a from the wrong layer", (
            f"{wanted} ∂J/∂Θ(l) pairs δ(l+1) with the activations that Θ(l) multiplies, a(l): "
            f"Theta1_grad = delta2.T @ a1 and Theta2_grad = delta3.T @ a2.")
    if got1.shape == (s2, n) or got2.shape == (K, s2):
        return "a without its bias column", (
            f"{wanted} The bias weights in column 0 have gradients too: they come from the column of "
            f"ones, so use a1 = [1, X] and a2 = [1, g(z2)], not X and g(z2).")
    return "wrong shape", wanted


_PAIR_HINT = "return the pair (Theta1_grad, Theta2_grad), e.g. return Theta1_grad, Theta2_grad."


def read_gradients(result, expected, Theta1, Theta2, **inputs):
    """Reader for backpropagation: the pair as :class:`Gradients`, or what is wrong with its form."""
    if isinstance(result, tuple | list) and len(result) == 2:
        first, second = result
        if np.ndim(first) == 0 and isinstance(second, tuple | list):
            return result, ("returned the cost too", f"you returned (J, gradients), like "
                            f"network.cost_and_gradient; {_PAIR_HINT}")
        try:
            got = Gradients(*(np.asarray(part, dtype=np.float64) for part in result))
        except (TypeError, ValueError):
            return result, ("did not return numbers", _PAIR_HINT)
        if (got.Theta1_grad.shape, got.Theta2_grad.shape) != (Theta1.shape, Theta2.shape):
            return got, _gradient_shape_mistake(got, Theta1, Theta2, expected)
        return got, None
    try:
        array = np.asarray(result, dtype=np.float64)
    except (TypeError, ValueError):
        return result, ("did not return numbers", f"got {type(result).__name__}; {_PAIR_HINT}")
    if array.size == Theta1.size + Theta2.size:
        hint = (f"you returned one array of {array.size} numbers; {_PAIR_HINT} Packing into one "
                f"vector (network.pack) is for the optimiser, outside this function.")
        packed = [np.concatenate([part.ravel(order=order) for part in expected]) for order in "CF"]
        if any(close(array.ravel(), vector) for vector in packed):
            hint += " The numbers are right."
        return array, ("returned a single packed vector", hint)
    return array, ("did not return a pair", f"got {describe_answer(array.shape)}; {_PAIR_HINT}")
