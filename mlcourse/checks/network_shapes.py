"""The networks the checks use, what their shapes say, and how a network answer is read.

The teaching network has sizes that all differ (n = 2, n+1 = 3, s2 = 4, s2+1 = 5, m = 6), so the
two sizes in numpy's message, or the shapes of what came back, say which bias unit, one-hot encoding
or transpose is missing. The stress network changes every size and leaves classes out of y, so that
a size or a number of classes copied from the teaching network shows. The ``explain_*`` functions
name an exception, ``(mistake name, hint)``, or return None for one they do not know; the ``read_*``
functions read what the network exercises returned, and name what is wrong with its form or shapes.
"""

import re
from typing import NamedTuple

import numpy as np

from .engine import close, describe_answer, read_numbers
from .later_inputs import tenths
from .reading import container_form

__all__ = [
    "Gradients",
    "classes_counted",
    "explain_backprop_error",
    "explain_cost_error",
    "explain_forward_error",
    "fresh_network",
    "read_cost",
    "read_forward",
    "read_gradients",
    "refuse_copies",
    "small_network",
    "stress_network",
    "teaching_sizes",
]

# chosen so that no weight or input is 0, no two examples are equal, z2 and z3 have both signs and
# |z| < 3 (see small_network)
SEED = 112
# chosen (by a search over seeds) so that no weight or input is 0, z3 has both signs, |z2| reaches 6
# and the outputs stay in (0.1, 0.97), where the textbook log(1 − h) keeps the digits the check compares
STRESS_SEED = 44
# classes 3 and 5 never occur: y.max() + 1 = 5 and len(np.unique(y)) = 4 both differ from K = 6
STRESS_LABELS = np.array([0, 4, 1, 2, 0, 1, 4, 2, 1])


class Gradients(NamedTuple):
    """The pair backpropagation returns, named so that the verdict can label both arrays."""

    Theta1_grad: np.ndarray
    Theta2_grad: np.ndarray


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


def stress_network():
    """Θ(1) (7, 4), Θ(2) (6, 8), X (9, 3), y (9,): n = 3, s2 = 7, K = 6, m = 9, classes 3 and 5 absent.

    Every size differs from the teaching network's, and n+1 = 4, s2 = 7, s2+1 = 8, m = 9, K = 6 and
    the wrong counts of classes (3 copied, y.max() + 1 = 5, len(np.unique(y)) = 4) are such that each
    shape error still has one cause.
    """
    rng = np.random.default_rng(STRESS_SEED)
    X = np.round(rng.normal(scale=1.5, size=(9, 3)), 1)
    Theta1 = np.round(rng.normal(size=(7, 4)), 1)
    Theta2 = np.round(rng.normal(size=(6, 8)), 1)
    return Theta1, Theta2, X, STRESS_LABELS.copy()


def fresh_network(rng):
    """Θ(1), Θ(2), X, y of sizes drawn with ``rng``: n from 2 to 5, s2 from 2 to 8, K from 2 to 6,
    m from 3 to 12, labels drawn from 0..K-1 (a class may be missing). Weights and inputs of one
    decimal and never 0, as in the other networks; the outputs stay far enough from 0 and 1 that the
    textbook cross-entropy is exact to the check's tolerance."""
    n, s2, K, m = (int(rng.integers(low, high)) for low, high in ((2, 6), (2, 9), (2, 7), (3, 13)))
    X, Theta1, Theta2 = (tenths(rng, shape) for shape in ((m, n), (s2, n + 1), (K, s2 + 1)))
    return Theta1, Theta2, X, rng.integers(0, K, size=m)


def teaching_sizes():
    """The teaching network's sizes, {"m", "n", "s2", "K"}: what a number typed into the code copies."""
    Theta1, Theta2, X, _ = small_network()
    return {"m": X.shape[0], "n": X.shape[1], "s2": Theta1.shape[0], "K": Theta2.shape[0]}


def _class_counts(y, K):
    """[(k, name, hint)] for each wrong number of classes k ≠ K a function may take from y or copy."""
    present = np.unique(y)
    absent = [str(label) for label in range(K) if label not in present]
    missing = (f"here class{'es' if len(absent) > 1 else ''} {' and '.join(absent)} never occur"
               f"{'s' if len(absent) == 1 else ''} in y" if absent else "")
    units = f"K is the number of output units, K = Theta2.shape[0] = {K}"
    candidates = [
        (int(np.max(y)) + 1, "K taken from the labels", "y.max() + 1 = {k} counts the classes up to the "
         f"largest label in y, but a class can be missing from the examples ({missing}): {units}."),
        (len(present), "K taken from the labels", "len(np.unique(y)) = {k} counts the labels that occur "
         f"in y, but a class can be missing from the examples ({missing}): {units}."),
        (teaching_sizes()["K"], "K hard-coded", "{k} is the number of classes of the first input; this "
         f"network has K = Theta2.shape[0] = {K} output units: take K from Theta2, not from a number "
         "typed in."),
    ]
    counts = {}
    for k, name, hint in candidates:
        if k != K and k not in counts:
            counts[k] = (k, name, hint.format(k=k))
    return list(counts.values())


def classes_counted(y, K):
    """{k: (name, hint)} for each number of classes k < K that a mistake takes for K.

    Summing the cost, or δ(3), over the first k units only is what a loop ``for k in range(K)`` with
    that K computes; on the teaching network, where y holds every class, there is none.
    """
    return {k: (name, hint) for k, name, hint in _class_counts(y, K) if k < K}


# --- exceptions ------------------------------------------------------------------------------------

def _mismatch(error):
    """``(kind, sizes)`` for a numpy shape error, or None.

    kind is "product" for matmul/dot, with sizes the pair (inner size of the left operand, inner size
    of the right one); "broadcast" for an elementwise operation, with sizes the set of the first pair
    of trailing sizes that differ; "stack" for np.hstack and its kin, with the set of the two numbers
    of rows.
    """
    if not isinstance(error, ValueError):
        return None
    text = str(error)
    found = re.search(r"size (\d+) is different from (\d+)", text)  # matmul names the right operand first
    if found:
        return "product", (int(found[2]), int(found[1]))
    found = re.search(r"(\d+) \(dim \d+\) != (\d+) \(dim \d+\)", text)  # np.dot
    if found:
        return "product", (int(found[1]), int(found[2]))
    found = re.search(r"has size (\d+) and the array at index \d+ has size (\d+)", text)
    if found:
        return "stack", {int(found[1]), int(found[2])}
    found = re.search(r"broadcast together with shapes \(([\d, ]*)\) \(([\d, ]*)\)", text)
    if found:
        first, second = ([int(size) for size in group.split(",") if size.strip()] for group in found.groups())
        # numpy aligns the two shapes on the right; the shorter one simply runs out
        for size_a, size_b in zip(reversed(first), reversed(second), strict=False):
            if size_a != size_b and 1 not in (size_a, size_b):
                return "broadcast", {size_a, size_b}
    return None


def _rows_error(mismatch, m):
    """(name, hint) for rows of ones built for the teaching input's m, or None."""
    taught = teaching_sizes()["m"]
    if mismatch is None or mismatch[0] != "stack" or m == taught or mismatch[1] != {taught, m}:
        return None
    return "m hard-coded", (
        f"a column of {taught} ones, the m of the first input, was stacked beside {m} examples: the bias "
        f"column needs one 1 per example, np.ones((m, 1)) with m = X.shape[0], not np.ones(({taught}, 1)).")


def explain_forward_error(error, Theta1, Theta2, X, **inputs):
    """Name the shape errors of a forward pass: a missing bias unit, swapped Θs, Θ where Θᵀ was meant."""
    mismatch = _mismatch(error)
    m, n, s2, K = X.shape[0], X.shape[1], Theta1.shape[0], Theta2.shape[0]
    if _rows_error(mismatch, m) is not None:
        return _rows_error(mismatch, m)
    if mismatch is None or mismatch[0] != "product":
        return None
    left, right = mismatch[1]
    if {left, right} == {n, n + 1}:
        return "no bias unit added to a1", (
            f"X has n = {n} columns but Θ(1) has n+1 = {n + 1}: its column 0 multiplies the bias unit. "
            f"Build a1 = [1, X] with a column of ones in front, np.hstack([np.ones((m, 1)), X]), and "
            f"use a1 @ Theta1.T.")
    if {left, right} == {s2, s2 + 1}:
        return "no bias unit added to a2", (
            f"g(z2) has s2 = {s2} columns but Θ(2) has s2+1 = {s2 + 1}: its column 0 multiplies the "
            f"bias unit a0(2) = 1. Build a2 = [1, g(z2)] with a column of ones in front before "
            f"z3 = a2 @ Theta2.T.")
    if not {left, right} <= {m, n + 1, s2, s2 + 1, K}:
        return None  # a size no layer has (an array of the notebook, say): the engine names it
    # a1 (n+1 columns) met Θ(2) (s2+1 columns); the other way round, a2 met Θ(1), unless that is
    # a2 @ Theta2 not transposed, which pairs the same sizes when K = n+1
    if (left, right) == (n + 1, s2 + 1) or ((left, right) == (s2 + 1, n + 1) and K != n + 1):
        return "Θ(1) and Θ(2) swapped", (
            f"the first layer takes Θ(1) {Theta1.shape}, which has n+1 = {n + 1} columns to meet "
            f"a1 = [1, X]; the second takes Θ(2) {Theta2.shape}, with s2+1 = {s2 + 1} columns to meet "
            f"a2 = [1, g(z2)]: z2 = a1 @ Theta1.T, then z3 = a2 @ Theta2.T.")
    return "Θ not transposed", (
        f"with one example per row, every layer is z = a @ Theta.T: a1 {(m, n + 1)} @ "
        f"Theta1.T {(n + 1, s2)} gives z2 {(m, s2)}. The course's z = Θ a is for one example "
        f"held as a column; stacking the examples as rows moves Θ to the right and transposes it. "
        f"The shapes here are Theta1 {Theta1.shape}, Theta2 {Theta2.shape}, X {X.shape}."
        + (" (Or is Θ(1) used where Θ(2) belongs, z3 = a2 @ Theta1.T? Its sizes clash the same way here.)"
           if (left, right) == (s2 + 1, n + 1) else ""))


def _labels_error(error, y, K):
    """(name, hint) for a one-hot built with a wrong number of classes, or with the labels shifted."""
    counts = {k: (name, hint) for k, name, hint in _class_counts(y, K)}
    if isinstance(error, IndexError):
        found = re.search(r"index (-?\d+) is out of bounds for axis (\d+) with size (\d+)", str(error))
        if not found:
            return None
        index, axis, size = (int(group) for group in found.groups())
        if size in counts and index <= int(np.max(y)):
            return counts[size]
        loop = (f"a loop over the classes runs past K: for k in range(K), with K = Theta2.shape[0] = {K}, "
                f"not range(10) (the digits' K) or range(K + 1)")
        if size == K and index == K and axis == 1:  # h[:, k] or Y[:, k]: a column, not a label's row
            return "K hard-coded", f"column {index} does not exist: h has K = {K} columns, 0..K-1; {loop}."
        if size == K and index == K:
            return "labels shifted by one", (
                f"label {index} does not exist: the labels run 0..K-1 = 0..{K - 1} and row y[i] of np.eye(K) "
                f"is class y[i] itself, so Y = np.eye(K)[y], with no + 1. (If a loop over k raised this, "
                f"{loop}.)")
        return None
    mismatch = _mismatch(error)
    if mismatch is not None and mismatch[0] == "broadcast" and K in mismatch[1]:
        other = (mismatch[1] - {K}).pop()
        if other in counts:
            name, hint = counts[other]
            return name, f"your one-hot Y has {other} columns but h has K = {K}. {hint}"
    return None


def explain_cost_error(error, Theta1, Theta2, X, y, **inputs):
    """Name the broadcast of the labels y (m,) against the outputs h (m, K), a one-hot with the wrong
    number of classes, then forward's errors."""
    m, K = X.shape[0], Theta2.shape[0]
    if _mismatch(error) == ("broadcast", {m, K}):
        return "y used directly instead of one-hot", (
            f"y holds one label per example, shape (m,) = ({m},), while h has one column per class, "
            f"(m, K) = ({m}, {K}). Turn the labels into rows of the K×K identity first: "
            f"Y = np.eye(K)[y], so that Y[i, k] = 1 exactly when y[i] == k.")
    return (_labels_error(error, y, K) or _typed_in_classes(error, Theta1, X, K)
            or explain_forward_error(error, Theta1, Theta2, X))


def _typed_in_classes(error, Theta1, X, K):
    """(name, hint) for a one-hot Y whose number of columns is none of the network's sizes, or None."""
    mismatch = _mismatch(error)
    if mismatch is None or mismatch[0] != "broadcast" or K not in mismatch[1] or len(mismatch[1]) != 2:
        return None
    other = (mismatch[1] - {K}).pop()
    if other in (X.shape[0], X.shape[1], X.shape[1] + 1, Theta1.shape[0], Theta1.shape[0] + 1):
        return None  # a size of the network: another mistake
    return "K hard-coded", (
        f"your one-hot Y has {other} columns but h has K = {K}: is the number of classes typed in (the "
        f"chapter's digits have 10)? K is the number of output units: take it from the weights, "
        f"K = Theta2.shape[0].")


def explain_backprop_error(error, Theta1, Theta2, X, y, **inputs):
    """Name δ(3) Θ(2) with Θ(2)'s bias column kept against g'(z2), then the cost's and forward's errors."""
    s2 = Theta1.shape[0]
    if _mismatch(error) == ("broadcast", {s2, s2 + 1}):
        return "bias row of Θ(2) not dropped", (
            f"δ(3) Θ(2) has s2+1 = {s2 + 1} columns, one for the bias unit a0(2) = 1, but g'(z2) has "
            f"s2 = {s2}. The bias unit is a constant, so no error flows back into it: use "
            f"delta3 @ Theta2[:, 1:], Θ(2) without its bias column. (g'(z) on a2 with its bias "
            f"column gives the same mismatch the other way round.)")
    return explain_cost_error(error, Theta1, Theta2, X, y)


# --- what came back ----------------------------------------------------------------------------------

def _real_array(value):
    """``value`` as a float64 array if it holds real numbers, else None; never raises, never warns."""
    try:
        array = np.asarray(value)
        return array.astype(np.float64) if array.dtype.kind in "fiu" else None
    except Exception:  # a learner's object whose __array__ or __len__ raises: not numbers
        return None


def read_forward(result, expected, **inputs):
    """Reader for forward_propagation: names a returned tuple of intermediates that holds a3."""
    if isinstance(result, tuple | list) and len(result) > 1:
        for part in result:
            array = _real_array(part)
            if array is not None and close(array, expected):
                return result, ("returned the full tuple", "a3 is among what you returned, but the "
                                "exercise returns a3 alone, the (m, K) outputs: return a3, not "
                                "(a1, z2, a2, z3, a3).")
    return read_numbers(result, expected)


def read_cost(result, expected, **inputs):
    """Reader for nn_cost: names the pair (J, grad) of Octave's nnCostFunction."""
    if isinstance(result, tuple | list) and len(result) == 2:
        J = _real_array(result[0])
        if J is not None and J.size == 1:
            second = "None" if result[1] is None else "grad"
            hint = (f"you returned two things, (J, {second}), like the Octave course's nnCostFunction, "
                    f"which returns [J grad]; here nn_cost returns J alone, a single number, and the "
                    f"gradient is chapter 07's backpropagation: return J.")
            if close(J.reshape(()), expected):
                hint += " J itself is right."
            return result, ("returned (J, grad) like nnCostFunction", hint)
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
        hint = (f"{wanted} The bias weights in column 0 have gradients too, δᵀ·1 (the column sums of δ), "
                f"which come from the column of ones: use a1 = [1, X] and a2 = [1, g(z2)], not X and "
                f"g(z2), and keep column 0 of each gradient (only the penalty skips it).")
        # each part either right or right without its bias column (δᵀX is δᵀa1 without column 0)
        pairs = zip(got, expected, strict=True)
        if all(close(part, whole) or close(part, whole[:, 1:]) for part, whole in pairs):
            hint += " Without column 0, your numbers are right: only the bias gradient is missing."
        return "a without its bias column", hint
    return "wrong shape", wanted


_PAIR_HINT = "return the pair (Theta1_grad, Theta2_grad), e.g. return Theta1_grad, Theta2_grad."


def _is_number(value):
    array = _real_array(value)
    return array is not None and array.ndim == 0


def read_gradients(result, expected, Theta1, Theta2, **inputs):
    """Reader for backpropagation: the pair as :class:`Gradients`, or what is wrong with its form."""
    if isinstance(result, tuple | list) and len(result) == 2:
        if _is_number(result[0]) and isinstance(result[1], tuple | list):
            return result, ("returned the cost too", f"you returned (J, gradients), like "
                            f"network.cost_and_gradient; {_PAIR_HINT}")
        if any(part is None for part in result):  # else named as "an array of Python objects"
            shown = ", ".join("None" if part is None else name
                              for part, name in zip(result, Gradients._fields, strict=True))
            return result, ("returned None in the pair", f"your function returned ({shown}): is a "
                            f"gradient never assigned, or a return missing in a helper? {_PAIR_HINT}")
        parts = [read_numbers(part, whole) for part, whole in zip(result, expected, strict=True)]
        for _, named in parts:
            if named is not None:  # text, complex numbers, objects, booleans: named by the engine's reader
                return result, named
        got = Gradients(*(part for part, _ in parts))
        if (got.Theta1_grad.shape, got.Theta2_grad.shape) != (Theta1.shape, Theta2.shape):
            return got, _gradient_shape_mistake(got, Theta1, Theta2, expected)
        return got, None
    container = container_form(result, "the pair (Theta1_grad, Theta2_grad)")
    if container is not None:
        return result, container
    packed = [np.concatenate([part.ravel(order=order) for part in expected]) for order in "CF"]
    array, named = read_numbers(result, packed[0])
    if named is not None:
        return result, named if named[0] != "did not return numbers" else (
            "did not return numbers", f"got {type(result).__name__}; {_PAIR_HINT}")
    if array.size == Theta1.size + Theta2.size:
        hint = (f"you returned one array of {array.size} numbers; {_PAIR_HINT} Packing into one "
                f"vector (network.pack) is for the optimiser, outside this function.")
        if any(close(array.ravel(), vector) for vector in packed):
            hint += " The numbers are right."
        return array, ("returned a single packed vector", hint)
    return array, ("did not return a pair", f"got {describe_answer(array.shape)}; {_PAIR_HINT}")


def refuse_copies(read, reference, teaching_inputs):
    """``read``, which also names an answer of a teaching input returned on another input.

    A learner may type in the expected values a verdict printed. On an input other than the teaching
    ones (``teaching_inputs()``), an answer equal to the ``reference`` answer of one of them is named
    "hard-coded answer", before its shape or form is.
    """
    def read_result(result, expected, **inputs):
        got, named = read(result, expected, **inputs)
        teaching = teaching_inputs()
        if any(all(np.array_equal(value, inputs[name]) for name, value in other.items()
                   if isinstance(value, np.ndarray)) for other in teaching):
            return got, named
        try:
            copied = any(close(got, reference(**other)) for other in teaching)
        except Exception:  # not numbers of a comparable form: nothing copied
            copied = False
        if copied:
            return got, ("hard-coded answer", "your function returned the answer of a teaching input on "
                         "this other one: it must compute the answer from its arguments, not return "
                         "numbers copied from an earlier verdict.")
        return got, named
    return read_result
