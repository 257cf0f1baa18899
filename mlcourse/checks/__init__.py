"""Checks for the exercises of chapters 02–07: did the learner's function compute the right thing?

Each exercise in a chapter is a stub that the learner fills in, followed by a check cell::

    def cost(theta, X, y):
        raise NotImplementedError  # your code here

    mlcourse.checks.cost(cost);

The check calls the learner's function on a small fixed input (five values of z; four examples
with three columns of X; a network with 2 inputs, 4 hidden units, 3 classes and 6 examples; a known
function of a vector and of a matrix θ), compares the answer with the library's own implementation
(:mod:`mlcourse.logistic`, :mod:`mlcourse.activations`, :mod:`mlcourse.network`,
:mod:`mlcourse.gradcheck`) and prints one of:

- ``not attempted yet`` while the stub still raises ``NotImplementedError``;
- ``passed``;
- the most likely mistake, by name, with a hint of what to look for, the input (as code the learner
  can paste into a cell) and the expected and obtained values.

A wrong answer is recognised by computing, on the same input, what each common mistake would give —
forgetting 1/m, a sign error, regularising θ0, labels of shape (m, 1) broadcasting into an m×m
matrix, a missing g'(z2) in δ(2), … — and seeing which one the learner's answer equals. Some mistakes
show in other ways and are named from those: a shape error whose two sizes say which bias unit is
missing, the form of what was returned (the whole tuple of a forward pass, one packed vector instead
of two gradients), the θs a numerical gradient passed to f. An answer that matches none still
fails, with expected vs got. Checks with a λ (or with a vector and a matrix θ) try the simpler input
first and show a mistake on the first input that reveals it.

The learner's function cannot break the notebook: any exception it raises is reported rather than
propagated, numpy's RuntimeWarnings (log(0), overflow) are caught and named in the hint, and it is
given copies of the inputs, so a function that changes its input in place is caught as well.

Each check also returns a :class:`CheckResult`, which is what the tests inspect. Reference solutions
are in :mod:`mlcourse.solutions`, for after a learner has tried.
"""

import re
import reprlib
import warnings
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

from .. import network as _network
from ..activations import sigmoid
from ..activations import sigmoid_gradient as _reference_sigmoid_gradient
from ..gradcheck import numerical_gradient as _reference_numerical_gradient
from ..logistic import cost as _reference_cost
from ..logistic import gradient as _reference_gradient

__all__ = [
    "CheckResult",
    "backpropagation",
    "cost",
    "forward_propagation",
    "gradient",
    "gradient_descent_step",
    "nn_cost",
    "numerical_gradient",
    "regularised_cost",
    "regularised_gradient",
    "sigmoid_gradient",
]

# A correct answer computed another way (the textbook log h form instead of the library's form from
# z, a loop instead of a matrix product) differs from the reference by round-off, ~1e-15 relative on
# these inputs. Every named mistake differs by far more than 1e-6 (the tests check this), so the
# tolerance separates the two with room on both sides.
_RTOL = 1e-6
_ATOL = 1e-9

_SEED = 2  # chosen so that z = X θ has both signs, |z| < 2, and no entry of θ is 0 (see _problem)
_ALPHA = 0.3  # α ≠ 1, so that forgetting α changes the answer
_LAMBDA = 1.5  # λ ≠ 0, and m = 4 ≠ 2, so that λ/2 and λ/m give different penalties


@dataclass(frozen=True, repr=False)
class CheckResult:
    """What a check found out about the learner's function.

    Attributes
    ----------
    exercise : str
        The exercise's name, e.g. ``"cost"``.
    status : {"not attempted", "passed", "mistake", "error"}
        ``"mistake"``: the function returned a wrong answer; ``"error"``: it raised an exception.
    mistake : str or None
        The name of the recognised mistake, e.g. ``"forgot 1/m"``; ``"unrecognised"`` for a wrong
        answer that matches no known mistake; None when there is nothing to name.
    hint : str
        One or two sentences saying what to look for.
    expected, got : float, ndarray, pair of ndarray or None
        The reference answer and the learner's, on the input in ``inputs``; for backpropagation a
        pair with fields ``Theta1_grad`` and ``Theta2_grad``. ``got`` is whatever the function
        returned if it could not be read as numbers.
    inputs : dict of str to ndarray or float
        The arguments the function was called with.
    """

    exercise: str
    status: str
    mistake: str | None = None
    hint: str = ""
    expected: object = None
    got: object = None
    inputs: object = None

    @property
    def passed(self):
        """True if the learner's function gave the right answer."""
        return self.status == "passed"

    def __repr__(self):
        # short, so that a check cell without the trailing ";" shows one extra line, not the arrays
        return f"CheckResult(exercise={self.exercise!r}, status={self.status!r}, mistake={self.mistake!r})"

    def __str__(self):
        """The verdict as the check prints it: one line, then the hint and the numbers."""
        if self.status == "not attempted":
            return f"{self.exercise}: not attempted yet — {self.hint}"
        if self.status == "passed":
            return f"{self.exercise}: passed." + (f" {self.hint}" if self.hint else "")
        headline = f"{self.exercise}: {'error' if self.status == 'error' else 'mistake'} — {self.mistake}"
        lines = [headline, f"  Hint: {self.hint}", "  On the input"]
        lines += [f"    {_as_code(name, value)}" for name, value in self.inputs.items()]
        if self.status == "mistake":
            lines.append(f"  expected {_format_value(self.expected)}")
            lines.append(f"  got      {_format_value(self.got)}")
        return "\n".join(lines)


@dataclass(frozen=True)
class _Mistake:
    """A known mistake: its name, a hint, and what it returns on the check's input."""

    name: str
    hint: str
    value: object


class _Gradients(NamedTuple):
    """The pair backpropagation returns, named so that the verdict can label both arrays."""

    Theta1_grad: np.ndarray
    Theta2_grad: np.ndarray


# --- formatting ----------------------------------------------------------------------------------

def _as_code(name, value):
    """``name = value`` as Python the learner can paste into a cell, e.g. ``z = np.array([0.5, 2.0])``."""
    if isinstance(value, np.ndarray):
        start = f"{name} = np.array("
        # prefix: continuation lines of a matrix are indented to line up under its first row
        return start + np.array2string(value, separator=", ", prefix=" " * 4 + start) + ")"
    return f"{name} = {value!r}"


def _format_value(value, indent=11):
    """A result for the expected/got lines: numbers with 6 decimals, and the shape of arrays.

    A named pair of arrays (:class:`_Gradients`) is shown one array after the other, each with its
    name, lined up under the first.
    """
    if isinstance(value, _Gradients):
        parts = [f"{name} = {_format_value(part, indent + len(name) + 3)}"
                 for name, part in zip(value._fields, value, strict=True)]
        return ("\n" + " " * indent).join(parts)
    if not isinstance(value, np.ndarray):
        return reprlib.repr(value)  # not numbers, e.g. a tuple: shortened to one line
    with np.printoptions(precision=6, floatmode="fixed", suppress=True, linewidth=110):
        text = np.array2string(value, prefix=" " * indent)
    if value.ndim == 0:
        return text
    return f"{text}  (shape {value.shape})"


def _describe_shape(shape):
    return "() — a single number" if shape == () else str(shape)


def _describe_answer(shape):
    return "a single number" if shape == () else f"an array of shape {shape}"


# --- the machinery every check shares ------------------------------------------------------------

def _close(got, value):
    if isinstance(value, tuple):  # a pair of arrays, e.g. (Theta1_grad, Theta2_grad)
        return (isinstance(got, tuple) and len(got) == len(value)
                and all(_close(part, other) for part, other in zip(got, value, strict=True)))
    if isinstance(got, tuple):
        return False
    value = np.asarray(value, dtype=np.float64)
    return got.shape == value.shape and np.allclose(got, value, rtol=_RTOL, atol=_ATOL)


def _all_finite(got):
    if isinstance(got, tuple):
        return all(_all_finite(part) for part in got)
    return bool(np.isfinite(got).all())


def _call(fn, inputs):
    """Call ``fn`` on copies of ``inputs``.

    Returns the result (None if ``fn`` raised), the exception (or None), the messages of the
    warnings it emitted, and the names of the inputs it changed in place.
    """
    copies = [value.copy() if isinstance(value, np.ndarray) else value for value in inputs.values()]
    # The learner's code may warn (log(0), overflow in exp). Record the warnings instead of letting
    # them escape into the notebook, and make numpy warn rather than raise or stay silent, whatever
    # np.seterr the notebook set, so the hint can name them.
    with warnings.catch_warnings(record=True) as caught, \
            np.errstate(divide="warn", over="warn", invalid="warn", under="ignore"):
        warnings.simplefilter("always")
        try:
            result, exception = fn(*copies), None
        except Exception as error:  # the stub's NotImplementedError, or any bug: reported, never raised
            result, exception = None, error
    messages = list(dict.fromkeys(str(warning.message) for warning in caught))  # unique, in order
    changed = [name for name, value, copy in zip(inputs, inputs.values(), copies, strict=True)
               if isinstance(value, np.ndarray) and not np.array_equal(value, copy)]
    return result, exception, messages, changed


def _shapes_of(inputs):
    return ", ".join(f"{name} {np.shape(value)}" for name, value in inputs.items()
                     if isinstance(value, np.ndarray))


def _explain_exception(error, inputs):
    """(mistake name, hint) for an exception raised by the learner's function."""
    message = str(error).strip().rstrip(".")
    text = f"{type(error).__name__}: {message}."
    if isinstance(error, ValueError) and any(word in message for word in ("broadcast", "matmul", "shapes")):
        return "shapes do not line up", (
            f"{text} Look for * where @ was meant (or the reverse), a missing transpose (Xᵀ is X.T), "
            f"or labels reshaped into a column (m, 1). The shapes here are {_shapes_of(inputs)}.")
    return "raised an exception", (f"{text} Run your function on the input below in a cell of its own "
                                   f"to see where.")


def _read_numbers(result, expected):
    """The default reader: the learner's result as a float array, or a named mistake."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # e.g. a complex result: refuse it rather than drop parts
            return np.asarray(result, dtype=np.float64), None
    except Exception:
        return result, ("did not return numbers",
                        f"expected {_describe_answer(expected.shape)}, got {type(result).__name__}: "
                        f"return only the answer.")


def _evaluate(exercise, fn, inputs, expected, mistakes, *, nonfinite_hint, m=None, explain=None,
              read=None, diagnose=None, in_place_hint=None):
    """Run ``fn`` on ``inputs``, compare with ``expected`` and name the mistake; return the verdict.

    Parameters
    ----------
    exercise : str
        The exercise's name, for the printed verdict.
    fn : callable
        The learner's function; called as ``fn(*inputs.values())`` on copies.
    inputs : dict of str to ndarray or float
        The arguments, in order.
    expected : float, ndarray or _Gradients
        The library's answer on ``inputs``.
    mistakes : list of _Mistake
        Known mistakes, most likely first; the first whose value equals the learner's answer is named.
    nonfinite_hint : str
        What to look for when the answer holds NaN or inf.
    m : int, optional
        For answers that are a sum divided by m: the number of examples, to recognise a sum divided
        by another whole number (a global m from the notebook, say).
    explain : callable, optional
        ``explain(error) -> (name, hint) or None``: names an exception this exercise's mistakes
        raise (a shape error from a missing bias column, say) before the generic explanation.
    read : callable, optional
        ``read(result) -> (got, None) or (got, (name, hint))``: turns what the function returned into
        something comparable with ``expected``, or names what is wrong with its form. Default: a
        float array.
    diagnose : callable, optional
        ``diagnose(got) -> (name, hint) or None``, for a wrong answer, before ``mistakes``: names a
        mistake seen in how the function worked rather than in its value (which arguments it
        passed on, say).
    in_place_hint : str, optional
        Replaces the standard hint when the answer is right but an input was changed in place.
    """
    if not callable(fn):
        raise TypeError(f"fn must be the function you wrote for the exercise; got {type(fn).__name__} "
                        f"{fn!r}. Pass the function itself, without calling it: checks.{exercise}("
                        f"{exercise}), not checks.{exercise}({exercise}(...))")
    if not isinstance(expected, tuple):
        expected = np.asarray(expected, dtype=np.float64)
    result, exception, warned, changed = _call(fn, inputs)

    def verdict(status, mistake=None, hint="", got=None):
        if warned:
            hint += f" numpy warned while your function ran: {'; '.join(warned)}."
        if changed and mistake != "changed its input":
            hint += (f" Also, your function changed {' and '.join(changed)} in place; compute a new "
                     f"array instead.")
        return CheckResult(exercise, status, mistake, hint.strip(), expected, got, dict(inputs))

    if isinstance(exception, NotImplementedError):
        return verdict("not attempted", hint="your function (or one it calls) still raises "
                                             "NotImplementedError: replace that line with your code, run "
                                             "the cell, then run this one again.")
    if exception is not None:
        named = explain(exception) if explain is not None else None
        if named is not None:
            name, hint = named
            return verdict("error", name, f"{type(exception).__name__}: {str(exception).strip()}. {hint}")
        return verdict("error", *_explain_exception(exception, inputs))
    if result is None:
        return verdict("mistake", "returned None", "your function returned None: is the `return` "
                       "statement missing?")
    got, named = (read or (lambda value: _read_numbers(value, expected)))(result)
    if named is not None:
        return verdict("mistake", *named, got)

    if not _all_finite(got):
        return verdict("mistake", "NaN or inf", f"your result holds NaN or inf. {nonfinite_hint}", got)
    if _close(got, expected):
        if changed:
            return verdict("mistake", "changed its input", in_place_hint or (
                f"the answer is right, but your function changed {' and '.join(changed)} in place (e.g. "
                f"with -= or by assigning to an entry), which changes the caller's array too; compute "
                f"a new array instead, e.g. theta = theta - …"), got)
        return verdict("passed", got=got)
    named = diagnose(got) if diagnose is not None else None
    if named is not None:
        return verdict("mistake", *named, got)
    for mistake in mistakes:
        if _close(got, mistake.value):
            return verdict("mistake", mistake.name, mistake.hint, got)
    if isinstance(expected, tuple):  # a pair: its reader has already compared the shapes
        return verdict("mistake", "unrecognised", _UNRECOGNISED_HINT, got)
    if got.shape != expected.shape:
        hint = f"expected shape {_describe_shape(expected.shape)}, got {got.shape}."
        if got.size == expected.size and np.allclose(got.ravel(), expected.ravel(), rtol=_RTOL, atol=_ATOL):
            hint += (" The numbers are right; return them with the expected shape (e.g. .ravel() for "
                     "a vector, float(...) for a single number).")
        elif got.ndim == 2 and 1 not in got.shape and expected.ndim < 2:
            hint += (" A matrix where a vector or a number was expected usually comes from labels of "
                     "shape (m, 1) broadcasting against predictions of shape (m,), or from * where @ "
                     "was meant.")
        return verdict("mistake", "wrong shape", hint, got)
    if m is not None and expected.all():
        # Dividing by some other whole number M instead of m gives expected · m / M in every entry.
        ratio = got / expected
        divisor = m / ratio.flat[0] if ratio.flat[0] > 0 else 0.0
        if (divisor >= 1 and np.allclose(ratio, ratio.flat[0], rtol=_RTOL, atol=0)
                and abs(divisor - round(divisor)) < 1e-6 * divisor):
            return verdict("mistake", "divided by the wrong m",
                           f"your answer is the right sum divided by {round(divisor)} instead of m = {m}. "
                           f"Is m the number of rows of the X passed in (m = X.shape[0]), and not a "
                           f"global m from the notebook?", got)
    return verdict("mistake", "unrecognised", _UNRECOGNISED_HINT, got)


_UNRECOGNISED_HINT = ("not a mistake this check knows by name; compare expected and got on the input "
                      "below, working through your function line by line.")


def _check(exercise, fn, inputs, expected, mistakes, **options):
    """:func:`_evaluate` one input, print the verdict and return it."""
    outcome = _evaluate(exercise, fn, inputs, expected, mistakes, **options)
    print(outcome)
    return outcome


def _check_cases(exercise, fn, cases):
    """:func:`_evaluate` several inputs in turn, the simplest first; print and return the first
    verdict that is not "passed" (or the last one, when all pass).

    ``cases`` holds ``(inputs, expected, mistakes, options)`` tuples. The simplest input first (λ = 0
    before λ > 0, a vector θ before a matrix) so that a mistake is shown on the smallest input that
    reveals it.
    """
    for inputs, expected, mistakes, options in cases:
        outcome = _evaluate(exercise, fn, inputs, expected, mistakes, **options)
        if not outcome.passed:
            break
    print(outcome)
    return outcome


# --- the shared small problem ---------------------------------------------------------------------

def _problem():
    """θ (3,), X (4, 3) with the intercept column, y (4,): small enough to print in a message.

    m = 4 differs from n+1 = 3, so a transpose or a broadcast mistake changes the shape of the
    answer; y holds both labels; θ0 ≠ 0, so regularising it changes the answer. A fresh generator
    with a fixed seed, not global state: every call returns the same numbers.
    """
    rng = np.random.default_rng(_SEED)
    X = np.ones((4, 3))
    X[:, 1:] = np.round(rng.normal(size=(4, 2)), 1)  # one decimal: readable in the message
    theta = np.round(rng.normal(size=3), 1)
    y = np.array([1.0, 0.0, 0.0, 1.0])
    return theta, X, y


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
        _Mistake("forgot 1/m", f"J is the mean of the per-example losses: divide their sum by m "
                 f"(here m = {m}).", m * J),
        _Mistake("sign error", "J must be ≥ 0: each loss is −y log h − (1 − y) log(1 − h), with the minus "
                 "sign, because log h ≤ 0.", -J),
        _Mistake("dropped the (1 − y) term", "the examples with y = 0 are missing: each loss is "
                 "−y log h − (1 − y) log(1 − h).", (-y * np.log(h)).sum() / m),
        _Mistake("(m, 1) labels broadcast", broadcast_hint, broadcast.sum() / m),
        _Mistake("(m, 1) labels broadcast", broadcast_hint, broadcast.mean()),
        _Mistake("(m, 1) labels broadcast", matrix_hint, broadcast),
        _Mistake("(m, 1) labels broadcast", matrix_hint, broadcast / m),
        _Mistake("applied g twice", "g was applied to something that was already g(Xθ): compute "
                 "h = sigmoid(X @ theta) once and use h in both logs.",
                 (-y * np.log(h_twice) - (1 - y) * np.log(1 - h_twice)).sum() / m),
        _Mistake("squared error instead of cross-entropy", "that is the squared error (1/(2m)) Σ (h − y)² "
                 "of linear regression; logistic regression's cost is the mean of −y log h − (1 − y) "
                 "log(1 − h).", ((h - y) ** 2).sum() / (2 * m)),
        _Mistake("log base 10", "np.log10 divides J by ln 10; the course's log is the natural one, "
                 "np.log.", J / np.log(10)),
        _Mistake("forgot to sum over examples", "that is one loss per example; J is their mean, "
                 "a single number.", losses),
        _Mistake("forgot to sum over examples", "that is one loss per example (divided by m); J is "
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
        _Mistake("forgot 1/m", f"the gradient is the mean over examples: (1/m) Xᵀ(h − y), with m = {m} "
                 f"here.", m * grad),
        _Mistake("sign error", "the gradient is (1/m) Xᵀ(h − y): prediction minus label, not y − h.", -grad),
        _Mistake("(m, 1) labels broadcast", "labels of shape (m, 1) minus predictions of shape (m,) "
                 "broadcast into an m×m matrix. Keep y and h both 1-D, shape (m,).", broadcast),
        _Mistake("elementwise * where @ was meant", elementwise_hint, X.T * (h - y) / m),
        _Mistake("elementwise * where @ was meant", elementwise_hint + " Summing the product over "
                 "everything also adds up the n+1 components into one number.", (X.T * (h - y)).sum() / m),
        _Mistake("forgot g", "that is (1/m) Xᵀ(Xθ − y), linear regression's gradient: the prediction is "
                 "h = g(z) = sigmoid(X @ theta), not z = X @ theta.", X.T @ (X @ theta - y) / m),
        _Mistake("applied g twice", "g was applied to something that was already g(Xθ): compute "
                 "h = sigmoid(X @ theta) once and use h - y.", X.T @ (sigmoid(h) - y) / m),
        _Mistake("extra g'(z) factor", "(h − y) already includes g'(z): in the chain rule g'(z) = h(1 − h) "
                 "cancels the denominator h(1 − h) of ∂loss/∂h (chapter 02), so do not multiply by it.",
                 X.T @ ((h - y) * h * (1 - h)) / m),
        _Mistake("dropped the (1 − y) term", "that is the gradient of −y log h alone, (1/m) Xᵀ(y h − y); "
                 "with the (1 − y) log(1 − h) term the two combine into (1/m) Xᵀ(h − y).",
                 X.T @ (y * h - y) / m),
    ]


_ZEROED_THETA0_HINT = ("theta[0] = 0 changes θ itself, so h = g(Xθ) was computed without the bias "
                      "(and the caller's θ changed too). Leave theta alone and penalise theta[1:].")


def _without_bias(theta):
    """θ with θ0 = 0: what a learner's ``theta[0] = 0`` leaves behind."""
    theta = theta.copy()
    theta[0] = 0.0
    return theta


def _regularised_cost_mistakes(theta, X, y, lambda_):
    m = y.shape[0]
    J = _reference_cost(theta, X, y)
    weights = theta[1:]
    penalty = lambda_ / (2 * m) * (weights @ weights)
    mistakes = [
        _Mistake("regularised θ0", "the sum of the penalty starts at j = 1: θ0 = theta[0], the bias, "
                 "is not regularised. Use theta[1:].", J + lambda_ / (2 * m) * (theta @ theta)),
        _Mistake("forgot 1/m", f"the penalty is λ/(2m) Σ θj², divided by m = {m} like the cost.",
                 J + lambda_ / 2 * (weights @ weights)),
        _Mistake("forgot 1/m", f"both the cost and the penalty are divided by m (here m = {m}).",
                 m * (J + penalty)),
        _Mistake("penalty λ/m instead of λ/(2m)", "the penalty is λ/(2m) Σ θj²: the ½ is there so that "
                 "the 2 from differentiating θj² cancels.", J + lambda_ / m * (weights @ weights)),
        _Mistake("operator precedence: λ/2*m", "lambda_ / 2*m is (λ/2)·m in Python; write "
                 "lambda_ / (2 * m).", J + lambda_ / 2 * m * (weights @ weights)),
        _Mistake("sign error", "the penalty is added to J: large weights must cost more, not less.",
                 J - penalty),
        _Mistake("forgot to square θ", "the penalty sums the squares θj² (theta[1:] ** 2), not the θj.",
                 J + lambda_ / (2 * m) * weights.sum()),
        _Mistake("forgot to square θ", "the penalty sums the squares θj², not |θj|.",
                 J + lambda_ / (2 * m) * np.abs(weights).sum()),
        _Mistake("no penalty", "that is the unregularised cost: add λ/(2m) Σ_{j≥1} θj².", J),
        _Mistake("set theta[0] = 0", _ZEROED_THETA0_HINT,
                 _reference_cost(_without_bias(theta), X, y) + penalty),
    ]
    # a mistake in the cross-entropy part, with the penalty right
    mistakes += [_Mistake(mistake.name, mistake.hint, mistake.value + penalty)
                 for mistake in _cost_mistakes(theta, X, y)]
    return mistakes


def _regularised_gradient_mistakes(theta, X, y, lambda_):
    m = y.shape[0]
    grad = _reference_gradient(theta, X, y)
    term = lambda_ / m * theta
    term[0] = 0.0  # the correct penalty term: nothing for θ0
    zeroed = grad + term
    zeroed[0] = 0.0
    mistakes = [
        _Mistake("regularised θ0", "θ0 = theta[0], the bias, is not regularised: add (λ/m) θj only for "
                 "j ≥ 1 (grad[1:] += ...).", grad + lambda_ / m * theta),
        _Mistake("forgot 1/m", f"the penalty's gradient is (λ/m) θj, divided by m = {m}.", grad + m * term),
        _Mistake("kept the ½", "the derivative of λ/(2m) θj² is (λ/m) θj: the 2 from the square cancels "
                 "the ½.", grad + term / 2),
        _Mistake("sign error", "the penalty's gradient (λ/m) θj is added: it pulls each weight towards 0.",
                 grad - term),
        _Mistake("no penalty", "that is the unregularised gradient: add (λ/m) θj for j ≥ 1.", grad),
        _Mistake("set ∂J/∂θ0 to 0", "θ0 is not penalised, but it still has its unregularised gradient "
                 "(1/m) Σ (h − y); leave grad[0] as it is.", zeroed),
        _Mistake("set theta[0] = 0", _ZEROED_THETA0_HINT,
                 _reference_gradient(_without_bias(theta), X, y) + term),
    ]
    mistakes += [_Mistake(mistake.name, mistake.hint, mistake.value + term)
                 for mistake in _gradient_mistakes(theta, X, y) if np.shape(mistake.value) == theta.shape]
    return mistakes


_LOG_HINT = ("A log of 0 or of a negative number: is log applied to h = g(Xθ), which lies in (0, 1), "
             "and not to z = X @ theta or to y?")


# --- the checks, one per exercise -----------------------------------------------------------------

def sigmoid_gradient(fn):
    """Check the learner's ``sigmoid_gradient`` (chapter 02); print the verdict and return it.

    Parameters
    ----------
    fn : callable
        The learner's function: z (ndarray, any shape) → g'(z) elementwise, same shape.

    Returns
    -------
    CheckResult

    Raises
    ------
    TypeError
        If ``fn`` is not callable (e.g. the result of calling it was passed).

    Notes
    -----
    g'(z) = g(z)(1 − g(z)). Named mistakes: returned g(z), forgot g (z(1 − z)), applied g twice,
    sign error, @ where * was meant.
    """
    z = np.array([-3.0, -1.0, 0.0, 0.5, 2.0])  # both signs and 0, where g' has its maximum 1/4
    return _check("sigmoid_gradient", fn, {"z": z}, _reference_sigmoid_gradient(z),
                  _sigmoid_gradient_mistakes(z),
                  nonfinite_hint="g(z)(1 − g(z)) lies in [0, 1/4] for every z: is there a division "
                                 "or an exp of a large number?")


def _sigmoid_gradient_mistakes(z):
    """What each common mistake in g'(z) returns, most telling first."""
    g = sigmoid(z)
    g_twice = sigmoid(g)
    return [
        _Mistake("returned g(z)", "that is g(z) itself; its derivative is g(z)(1 − g(z)).", g),
        _Mistake("forgot g", "that is z(1 − z): apply the sigmoid first, g = sigmoid(z), then return "
                 "g * (1 - g).", z * (1 - z)),
        _Mistake("applied g twice", "g was applied to something that was already g(z): compute "
                 "g = sigmoid(z) once.", g_twice * (1 - g_twice)),
        _Mistake("sign error", "g'(z) is never negative: it is g(z)(1 − g(z)), not g(z)(g(z) − 1).",
                 g * (g - 1)),
        _Mistake("@ where * was meant", "g @ (1 - g) adds up the products into one number; the "
                 "derivative is elementwise, g * (1 - g), with the shape of z.", g @ (1 - g)),
    ]


def cost(fn):
    """Check the learner's unregularised ``cost`` (chapter 02); print the verdict and return it.

    Parameters
    ----------
    fn : callable
        The learner's function: theta (n+1,), X (m, n+1) with the intercept column, y (m,) → J, a
        single number.

    Returns
    -------
    CheckResult

    Raises
    ------
    TypeError
        If ``fn`` is not callable.

    Notes
    -----
    J(θ) = (1/m) Σ_i [−y log h − (1 − y) log(1 − h)], h = g(Xθ). Named mistakes: forgot 1/m, sign
    error, dropped the (1 − y) term, (m, 1) labels broadcast (an m×m matrix summed), applied g twice,
    squared error instead of cross-entropy, log base 10, forgot to sum over examples; plus NaN or inf
    (a log of z instead of h), a wrong shape and a division by the wrong m (a global m).
    """
    theta, X, y = _problem()
    return _check("cost", fn, {"theta": theta, "X": X, "y": y}, _reference_cost(theta, X, y),
                  _cost_mistakes(theta, X, y), nonfinite_hint=_LOG_HINT, m=y.shape[0])


def gradient(fn):
    """Check the learner's unregularised ``gradient`` (chapter 02); print the verdict and return it.

    Parameters
    ----------
    fn : callable
        The learner's function: theta (n+1,), X (m, n+1), y (m,) → ∂J/∂θ, shape (n+1,).

    Returns
    -------
    CheckResult

    Raises
    ------
    TypeError
        If ``fn`` is not callable.

    Notes
    -----
    ∂J/∂θ = (1/m) Xᵀ(g(Xθ) − y). Named mistakes: forgot 1/m, sign error, (m, 1) labels broadcast,
    elementwise * where @ was meant, forgot g, applied g twice, extra g'(z) factor, dropped the
    (1 − y) term; plus a wrong shape and a division by the wrong m.
    """
    theta, X, y = _problem()
    return _check("gradient", fn, {"theta": theta, "X": X, "y": y}, _reference_gradient(theta, X, y),
                  _gradient_mistakes(theta, X, y), nonfinite_hint="is there a division by something "
                  "that can be 0, or a log?", m=y.shape[0])


def gradient_descent_step(fn):
    """Check the learner's ``gradient_descent_step`` (chapter 03); print the verdict and return it.

    Parameters
    ----------
    fn : callable
        The learner's function: theta (n+1,), X (m, n+1), y (m,), alpha > 0 → the new θ, shape (n+1,).

    Returns
    -------
    CheckResult

    Raises
    ------
    TypeError
        If ``fn`` is not callable.

    Notes
    -----
    θ := θ − α ∇J(θ). Named mistakes: sign error (θ + α∇J), forgot α, returned the step instead of
    the new θ, changed theta in place, and every mistake of :func:`gradient` that keeps the shape.
    """
    theta, X, y = _problem()
    alpha = _ALPHA
    step = alpha * _reference_gradient(theta, X, y)
    mistakes = [
        _Mistake("sign error", "gradient descent moves against the gradient: θ − α ∇J, not θ + α ∇J.",
                 theta + step),
        _Mistake("forgot α", "the step is the gradient times the learning rate: θ − α ∇J.",
                 theta - step / alpha),
        _Mistake("returned the step instead of the new θ", "return θ − α ∇J, the updated parameters, "
                 "not the change α ∇J.", -step),
        _Mistake("returned the step instead of the new θ", "return θ − α ∇J, the updated parameters, "
                 "not the change α ∇J.", step),
    ]
    mistakes += [_Mistake(mistake.name, "in the gradient: " + mistake.hint, theta - alpha * mistake.value)
                 for mistake in _gradient_mistakes(theta, X, y) if np.shape(mistake.value) == theta.shape]
    return _check("gradient_descent_step", fn, {"theta": theta, "X": X, "y": y, "alpha": alpha},
                  theta - step, mistakes, nonfinite_hint="is there a division by something that can "
                  "be 0, or a log?")


def regularised_cost(fn):
    """Check the learner's ``regularised_cost`` (chapter 04); print the verdict and return it.

    Parameters
    ----------
    fn : callable
        The learner's function: theta (n+1,), X (m, n+1), y (m,), lambda_ ≥ 0 → J, a single number.

    Returns
    -------
    CheckResult

    Raises
    ------
    TypeError
        If ``fn`` is not callable.

    Notes
    -----
    J(θ) = (1/m) Σ_i [−y log h − (1 − y) log(1 − h)] + λ/(2m) Σ_{j≥1} θj². Named mistakes:
    regularised θ0, forgot 1/m, penalty λ/m instead of λ/(2m), operator precedence λ/2*m, sign
    error, forgot to square θ, no penalty, set theta[0] = 0 (in θ itself, before computing h), and
    every mistake of :func:`cost` with the penalty right.
    """
    theta, X, y = _problem()
    lambda_ = _LAMBDA
    return _check("regularised_cost", fn, {"theta": theta, "X": X, "y": y, "lambda_": lambda_},
                  _reference_cost(theta, X, y, lambda_), _regularised_cost_mistakes(theta, X, y, lambda_),
                  nonfinite_hint=_LOG_HINT)


def regularised_gradient(fn):
    """Check the learner's ``regularised_gradient`` (chapter 04); print the verdict and return it.

    Parameters
    ----------
    fn : callable
        The learner's function: theta (n+1,), X (m, n+1), y (m,), lambda_ ≥ 0 → ∂J/∂θ, shape (n+1,).

    Returns
    -------
    CheckResult

    Raises
    ------
    TypeError
        If ``fn`` is not callable.

    Notes
    -----
    ∂J/∂θj = (1/m) Σ_i (h_i − y_i) x_ij + (λ/m) θj, without the λ term for j = 0. Named mistakes:
    regularised θ0, forgot 1/m, kept the ½, sign error, no penalty, set ∂J/∂θ0 to 0, set
    theta[0] = 0 (in θ itself, before computing h), and every mistake of :func:`gradient` that keeps
    the shape.
    """
    theta, X, y = _problem()
    lambda_ = _LAMBDA
    return _check("regularised_gradient", fn, {"theta": theta, "X": X, "y": y, "lambda_": lambda_},
                  _reference_gradient(theta, X, y, lambda_),
                  _regularised_gradient_mistakes(theta, X, y, lambda_),
                  nonfinite_hint="is there a division by something that can be 0, or a log?")


# --- the network track (chapters 05–07) -----------------------------------------------------------

# chosen so that no weight or input is 0, no two examples are equal, z2 and z3 have both signs and
# |z| < 3 (see _network_problem)
_NETWORK_SEED = 112
_EPSILON = 1e-4  # the course's nudge, for checks.numerical_gradient


def _network_problem():
    """Θ(1) (4, 3), Θ(2) (3, 5), X (6, 2), y (6,): n = 2 inputs, s2 = 4 hidden units, K = 3, m = 6.

    The sizes n = 2, n+1 = 3, s2 = 4, s2+1 = 5 and m = 6 all differ, so every orientation mistake
    either raises a shape error whose two sizes tell which bias unit or transpose is missing, or
    returns an answer of a telling shape (K = 3 = n+1 is the one coincidence, and no plausible
    product pairs those two sizes). No weight is 0,
    so a forgotten bias unit or a regularised bias column always changes the answer, and the outputs
    lie in (0.18, 0.89), so the sigmoid is not saturated and no mistake is hidden by it. y holds every
    class, 0 included, so an off-by-one in the labels changes the answer too.
    """
    rng = np.random.default_rng(_NETWORK_SEED)
    X = np.round(rng.normal(size=(6, 2)), 1)  # one decimal: readable in the message
    Theta1 = np.round(rng.normal(size=(4, 3)), 1)
    Theta2 = np.round(rng.normal(size=(3, 5)), 1)
    y = np.array([0, 2, 1, 1, 0, 2])
    return Theta1, Theta2, X, y


def _with_bias(values, where="first"):
    """[1, values]: a column of ones in front (or, for a mistake, at the end)."""
    ones = np.ones((values.shape[0], 1))
    return np.hstack([ones, values] if where == "first" else [values, ones])


def _output(a1, Theta1, Theta2, *, hidden=sigmoid, where="first"):
    """a3 from a given a1, with the hidden layer's g and the position of a2's bias unit exchangeable."""
    a2 = _with_bias(hidden(a1 @ Theta1.T), where)
    return sigmoid(a2 @ Theta2.T)


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


def _explain_forward_error(error, Theta1, Theta2, X):
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


def _explain_labels_error(error, X, K):
    """Name the broadcast of the label vector y (m,) against the outputs h (m, K)."""
    mismatch = _mismatch(error)
    if mismatch == ("broadcast", {X.shape[0], K}):
        return "y used directly instead of one-hot", (
            f"y holds one label per example, shape (m,) = ({X.shape[0]},), while h has one column per "
            f"class, (m, K) = ({X.shape[0]}, {K}). Turn the labels into rows of the K×K identity first: "
            f"Y = np.eye(K)[y], so that Y[i, k] = 1 exactly when y[i] == k.")
    return None


# --- forward_propagation -------------------------------------------------------------------------

_TRANSPOSE_HINT = ("your outputs are right but transposed, (K, m) instead of (m, K): one example per "
                   "column is the orientation of the deep-learning course (A = g(W A + b)); this course "
                   "keeps one example per row, z = a @ Theta.T, so a3 has one row per example.")


def _forward_mistakes(Theta1, Theta2, X):
    """What each common mistake in forward propagation returns, most telling first."""
    a1, z2, a2, z3, a3 = _network.forward(Theta1, Theta2, X)
    return [
        _Mistake("output sigmoid missing", "that is z3 = a2 @ Theta2.T, the raw scores of the output "
                 "layer; the outputs are h = a3 = g(z3): apply the sigmoid to z3 too.", z3),
        _Mistake("hidden sigmoid missing", "the hidden layer's activations are a2 = [1, g(z2)]: apply "
                 "the sigmoid to z2 before adding the bias unit.", _output(a1, Theta1, Theta2,
                                                                           hidden=lambda z: z)),
        _Mistake("sigmoid applied to a1 (the inputs)", "the inputs are used as they are, a1 = [1, X]; "
                 "the sigmoid belongs to z2 and z3, not to X.", _output(sigmoid(a1), Theta1, Theta2)),
        _Mistake("sigmoid applied to a1 (the inputs)", "the inputs are used as they are, a1 = [1, X]; "
                 "the sigmoid belongs to z2 and z3, not to X.",
                 _output(_with_bias(sigmoid(X)), Theta1, Theta2)),
        _Mistake("sigmoid applied to the bias unit", "the bias unit is added after the sigmoid: "
                 "a2 = [1, g(z2)], so a0(2) = 1, not g(1) ≈ 0.73.",
                 sigmoid(sigmoid(_with_bias(z2)) @ Theta2.T)),
        _Mistake("no bias unit added to a1", "Θ(1)'s column 0 multiplies the bias unit a0(1) = 1; "
                 "dropping that column drops the bias. Build a1 = [1, X] and use all of Theta1.",
                 sigmoid(_with_bias(sigmoid(X @ Theta1[:, 1:].T)) @ Theta2.T)),
        _Mistake("no bias unit added to a2", "Θ(2)'s column 0 multiplies the bias unit a0(2) = 1; "
                 "dropping that column drops the bias. Build a2 = [1, g(z2)] and use all of Theta2.",
                 sigmoid(sigmoid(z2) @ Theta2[:, 1:].T)),
        _Mistake("bias unit in the last column", "the bias unit comes first, a1 = [1, X]: column 0 of "
                 "every Θ is the bias weight. np.hstack([np.ones((m, 1)), X]), ones first.",
                 _output(_with_bias(X, "last"), Theta1, Theta2)),
        _Mistake("bias unit in the last column", "the bias unit comes first, a2 = [1, g(z2)]: column 0 "
                 "of every Θ is the bias weight. np.hstack([np.ones((m, 1)), g]), ones first.",
                 _output(a1, Theta1, Theta2, where="last")),
        _Mistake("bias unit in the last column", "the bias unit comes first in a1 and a2: column 0 of "
                 "every Θ is the bias weight. np.hstack([np.ones((m, 1)), …]), ones first.",
                 _output(_with_bias(X, "last"), Theta1, Theta2, where="last")),
        _Mistake("returned a2", "that is a2, the hidden layer with its bias unit; the network's output "
                 "is a3 = g(a2 @ Theta2.T), shape (m, K).", a2),
        _Mistake("returned the transpose (K, m)", _TRANSPOSE_HINT, a3.T),
    ]


def _read_forward(a3):
    """Reader for forward_propagation: names a returned tuple of intermediates."""
    def read(result):
        if isinstance(result, tuple | list) and len(result) > 1:
            for part in result:
                try:
                    if _close(np.asarray(part, dtype=np.float64), a3):
                        return result, ("returned the full tuple", "a3 is among what you returned, "
                                        "but the exercise returns a3 alone, the (m, K) outputs: "
                                        "return a3, not (a1, z2, a2, z3, a3).")
                except (TypeError, ValueError):
                    continue
        return _read_numbers(result, a3)
    return read


def forward_propagation(fn):
    """Check the learner's ``forward_propagation`` (chapter 05); print the verdict and return it.

    Parameters
    ----------
    fn : callable
        The learner's function: Theta1 (s2, n+1), Theta2 (K, s2+1), X (m, n) without a bias column
        → a3, shape (m, K).

    Returns
    -------
    CheckResult

    Raises
    ------
    TypeError
        If ``fn`` is not callable.

    Notes
    -----
    a1 = [1, X], z2 = a1 Θ(1)ᵀ, a2 = [1, g(z2)], z3 = a2 Θ(2)ᵀ, a3 = g(z3). The input is a network
    with n = 2, s2 = 4, K = 3 and m = 6 examples, sizes chosen so that a shape error says which
    mistake made it. Named mistakes: no bias unit added to a1 or to a2 (from the shape error, or
    with Θ's bias column dropped to make it run), Θ not transposed (a shape error), output sigmoid
    missing, hidden sigmoid missing, sigmoid applied to a1 (the inputs), sigmoid applied to the bias
    unit, bias unit in the last column, returned a2, returned the full tuple, returned the transpose
    (K, m) — the deep-learning course's orientation.
    """
    Theta1, Theta2, X, _ = _network_problem()
    a3 = _network.forward(Theta1, Theta2, X).a3
    return _check("forward_propagation", fn, {"Theta1": Theta1, "Theta2": Theta2, "X": X}, a3,
                  _forward_mistakes(Theta1, Theta2, X),
                  nonfinite_hint="every a lies in (0, 1) and z is a sum of a few products: is there "
                                 "a division or a log?",
                  explain=lambda error: _explain_forward_error(error, Theta1, Theta2, X),
                  read=_read_forward(a3))


# --- nn_cost ---------------------------------------------------------------------------------------

def _network_penalty(Theta1, Theta2, lambda_, m):
    """The correct λ/(2m) Σ Θ² over both matrices without their bias columns."""
    return lambda_ / (2 * m) * (np.sum(Theta1[:, 1:] ** 2) + np.sum(Theta2[:, 1:] ** 2))


def _nn_cost_mistakes(Theta1, Theta2, X, y, lambda_):
    """What each common mistake in the network's cost returns, most telling first.

    With λ > 0 the list holds the mistakes in the penalty (with the cross-entropy right) and then
    the mistakes in the cross-entropy (with the penalty right).
    """
    h = _network.forward(Theta1, Theta2, X).a3
    m, K = h.shape
    Y = _network.one_hot(y, K)

    def cross_entropy(Y):
        return -Y * np.log(h) - (1 - Y) * np.log(1 - h)  # (m, K): one loss per example and unit

    losses = cross_entropy(Y)
    J = losses.sum() / m
    penalty = _network_penalty(Theta1, Theta2, lambda_, m)
    weights = np.sum(Theta1[:, 1:] ** 2) + np.sum(Theta2[:, 1:] ** 2)
    one_hot_hint = ("Y = np.eye(K)[y]: row i is 1 in column y[i] and 0 elsewhere; the labels here "
                    "are 0..K-1, so no −1 (that is the Octave course's 1..K habit).")
    data_mistakes = [
        _Mistake("forgot 1/m", f"J is the mean over examples of the summed losses: divide by m (here "
                 f"m = {m}).", m * J),
        _Mistake("sign error", "J must be ≥ 0: each loss is −y log h − (1 − y) log(1 − h), with the "
                 "minus sign, because log h ≤ 0.", -J),
        _Mistake("y used directly instead of one-hot", f"y[:, None] broadcasts the label values 0, 1, "
                 f"2 across the K columns; the cost needs the one-hot Y (m, K) = ({m}, {K}). "
                 + one_hot_hint, cross_entropy(y[:, np.newaxis]).sum() / m),
        _Mistake("labels treated as 1..K", "np.eye(K)[y - 1] (or y == k for k = 1..K) is the Octave "
                 "course's habit, where labels run 1..K; here label 0 is class 0, so Y = np.eye(K)[y].",
                 cross_entropy(np.eye(K)[y - 1]).sum() / m),
        _Mistake("labels treated as 1..K", "comparing y with 1..K is the Octave course's habit, where "
                 "labels run 1..K; here label 0 is class 0, so compare with 0..K-1: "
                 "Y = (y[:, None] == np.arange(K)).",
                 cross_entropy((y[:, np.newaxis] == np.arange(1, K + 1)).astype(float)).sum() / m),
        _Mistake("only the true-class term", "that is −(1/m) Σ log h_y, the softmax cross-entropy: with "
                 "K sigmoid outputs each unit is its own yes/no question, so every unit k adds "
                 "−y_k log h_k − (1 − y_k) log(1 − h_k), the (1 − y_k) term included.",
                 -(Y * np.log(h)).sum() / m),
        _Mistake("np.mean over both axes", f"np.mean of the (m, K) losses divides by m·K = {m * K}; J "
                 f"sums over the K units and divides by m = {m} only.", losses.mean()),
        _Mistake("summed over examples only", "that is one number per output unit; J also sums over "
                 "the K units: sum the (m, K) losses over both axes, then divide by m.",
                 losses.sum(axis=0) / m),
        _Mistake("summed over units only", "that is one number per example; J also sums over the m "
                 "examples: sum the (m, K) losses over both axes, then divide by m.",
                 losses.sum(axis=1) / m),
        _Mistake("summed over units only", "that is one number per example; J also sums over the m "
                 "examples: sum the (m, K) losses over both axes, then divide by m.", losses.sum(axis=1)),
        _Mistake("forgot to sum", "that is the (m, K) matrix of losses; J is a single number: sum it "
                 "over both axes, then divide by m.", losses / m),
        _Mistake("squared error instead of cross-entropy", "that is (1/(2m)) Σ (h − y)², linear "
                 "regression's cost; the network's is the cross-entropy −y log h − (1 − y) log(1 − h) "
                 "summed over the K units.", ((h - Y) ** 2).sum() / (2 * m)),
        _Mistake("log base 10", "np.log10 divides J by ln 10; the course's log is the natural one, "
                 "np.log.", J / np.log(10)),
    ]
    if lambda_ == 0:
        return data_mistakes
    all_weights = np.sum(Theta1 ** 2) + np.sum(Theta2 ** 2)
    return [
        _Mistake("bias columns regularised", "the penalty skips column 0 of each Θ, the bias weights: "
                 "sum Theta1[:, 1:] ** 2 and Theta2[:, 1:] ** 2.", J + lambda_ / (2 * m) * all_weights),
        _Mistake("penalty λ/m instead of λ/(2m)", "the penalty is λ/(2m) Σ Θ²: the ½ is there so that "
                 "the 2 from differentiating Θ² cancels.", J + lambda_ / m * weights),
        _Mistake("penalty missing", "that is the unregularised cost: add λ/(2m) times the sum of the "
                 "squared weights of both Θ, bias columns left out.", J),
        _Mistake("penalty sign error", "the penalty is added: large weights must cost more, not less.",
                 J - penalty),
        _Mistake("forgot 1/m", f"the penalty is λ/(2m) Σ Θ², divided by m = {m} like the cost.",
                 J + lambda_ / 2 * weights),
        _Mistake("forgot 1/m", f"both the cost and the penalty are divided by m (here m = {m}).",
                 m * (J + penalty)),
        _Mistake("operator precedence: λ/2*m", "lambda_ / 2*m is (λ/2)·m in Python; write "
                 "lambda_ / (2 * m).", J + lambda_ / 2 * m * weights),
        _Mistake("only Θ(1) regularised", "the penalty sums the squared weights of both layers, "
                 "Theta1[:, 1:] and Theta2[:, 1:].", J + lambda_ / (2 * m) * np.sum(Theta1[:, 1:] ** 2)),
        _Mistake("only Θ(2) regularised", "the penalty sums the squared weights of both layers, "
                 "Theta1[:, 1:] and Theta2[:, 1:].", J + lambda_ / (2 * m) * np.sum(Theta2[:, 1:] ** 2)),
        _Mistake("forgot to square Θ", "the penalty sums the squares of the weights, Θ ** 2.",
                 J + lambda_ / (2 * m) * (np.sum(Theta1[:, 1:]) + np.sum(Theta2[:, 1:]))),
    ] + [_Mistake(mistake.name, mistake.hint, mistake.value + penalty) for mistake in data_mistakes]


_NN_LOG_HINT = ("A log of 0 or of a negative number: is log applied to h = a3 = g(z3), which lies in "
                "(0, 1), and not to z3 (is the output sigmoid there?) or to y?")


def _explain_cost_error(Theta1, Theta2, X):
    def explain(error):
        return (_explain_labels_error(error, X, Theta2.shape[0])
                or _explain_forward_error(error, Theta1, Theta2, X))
    return explain


def nn_cost(fn):
    """Check the learner's ``nn_cost`` (chapter 05); print the verdict and return it.

    Parameters
    ----------
    fn : callable
        The learner's function: Theta1 (s2, n+1), Theta2 (K, s2+1), X (m, n), y (m,) integer labels
        0..K-1, lambda_ ≥ 0 → J, a single number.

    Returns
    -------
    CheckResult

    Raises
    ------
    TypeError
        If ``fn`` is not callable.

    Notes
    -----
    J = (1/m) Σ_i Σ_k [−Y_ik log h_ik − (1 − Y_ik) log(1 − h_ik)] + λ/(2m) Σ Θ², the sum of squares
    skipping both bias columns. Checked first with λ = 0, then, if that passes, with λ = 1.5. Named
    mistakes: y used directly instead of one-hot (a broadcast error, or y[:, None] broadcast across
    the units), labels treated as 1..K (Octave's habit), forgot 1/m, sign error, only the true-class
    term (softmax-style), np.mean over both axes, summed over examples only or over units only,
    forgot to sum, squared error, log base 10; in the penalty: bias columns regularised, λ/m instead
    of λ/(2m), penalty missing, penalty sign error, forgot 1/m, operator precedence λ/2*m, only one
    Θ regularised, forgot to square Θ; plus the forward-pass shape errors of
    :func:`forward_propagation`.
    """
    Theta1, Theta2, X, y = _network_problem()
    options = {"nonfinite_hint": _NN_LOG_HINT, "explain": _explain_cost_error(Theta1, Theta2, X)}
    cases = []
    for lambda_ in (0.0, _LAMBDA):  # λ = 0 first: a mistake in the cross-entropy shows without the penalty
        inputs = {"Theta1": Theta1, "Theta2": Theta2, "X": X, "y": y, "lambda_": lambda_}
        cases.append((inputs, _network.cost(Theta1, Theta2, X, y, lambda_),
                      _nn_cost_mistakes(Theta1, Theta2, X, y, lambda_),
                      dict(options, m=X.shape[0] if lambda_ == 0 else None)))
    return _check_cases("nn_cost", fn, cases)


# --- backpropagation -------------------------------------------------------------------------------

def _backprop_mistakes(Theta1, Theta2, X, y, lambda_):
    """What each common mistake in backpropagation returns, as (Theta1_grad, Theta2_grad) pairs."""
    a1, z2, a2, _, a3 = _network.forward(Theta1, Theta2, X)
    m, K = a3.shape
    Y = _network.one_hot(y, K)
    delta3 = a3 - Y
    g_prime = _reference_sigmoid_gradient(z2)

    def gradients(delta3=delta3, g_prime=g_prime, scale=1 / m, reg=lambda_ / m, bias=False, zero_bias=False):
        delta2 = delta3 @ Theta2[:, 1:] * g_prime  # the bias column of Θ(2) dropped
        grads = []
        for delta, a, Theta in ((delta2, a1, Theta1), (delta3, a2, Theta2)):
            penalty = reg * Theta
            if not bias:
                penalty[:, 0] = 0.0
            grad = scale * (delta.T @ a) + penalty
            if zero_bias:
                grad[:, 0] = 0.0
            grads.append(grad)
        return _Gradients(*grads)

    mistakes = [
        _Mistake("missing g'(z2)", "δ(2) = δ(3) Θ(2) ⊙ g'(z(2)) (bias column of Θ(2) dropped): the chain "
                 "rule passes through the hidden sigmoid, so multiply elementwise by "
                 "g'(z2) = a2(1 − a2) without a2's bias column.", gradients(g_prime=1.0)),
        _Mistake("g'(a2) instead of g'(z2)", "sigmoid_gradient takes z: g'(z2) = g(z2)(1 − g(z2)). "
                 "sigmoid_gradient(a2) applies g a second time; use sigmoid_gradient(z2), or "
                 "a2[:, 1:] * (1 - a2[:, 1:]).",
                 gradients(g_prime=_reference_sigmoid_gradient(a2[:, 1:]))),
        _Mistake("g'(z) as z(1 − z)", "g'(z) = g(z)(1 − g(z)): z2 * (1 - z2) leaves out g. Use "
                 "sigmoid_gradient(z2), or a2[:, 1:] * (1 - a2[:, 1:]).", gradients(g_prime=z2 * (1 - z2))),
        _Mistake("δ(3) = (h − y)·g'(z3)", "that is the squared-error cost's δ(3) (chapter 06, Q10). With "
                 "the cross-entropy cost the g'(z3) of the chain rule cancels against the 1/(h(1 − h)) "
                 "of ∂J/∂h, leaving δ(3) = a3 − Y.", gradients(delta3=delta3 * a3 * (1 - a3))),
        _Mistake("δ(3) = y − h (sign)", "δ(3) is ∂J/∂z(3) = h − y, prediction minus label: with y − h "
                 "every gradient points uphill.", gradients(delta3=-delta3)),
        _Mistake("y used directly instead of one-hot", f"y[:, None] broadcasts the label values across "
                 f"the K units; δ(3) = a3 − Y needs the one-hot Y (m, K) = ({m}, {K}): "
                 f"Y = np.eye(K)[y].", gradients(delta3=a3 - y[:, np.newaxis])),
        _Mistake("labels treated as 1..K", "np.eye(K)[y - 1] is the Octave course's habit, where labels "
                 "run 1..K; here label 0 is class 0, so Y = np.eye(K)[y].",
                 gradients(delta3=a3 - np.eye(K)[y - 1])),
        _Mistake("missing 1/m", f"Δ(l) = Σ_i δ(l+1) a(l)ᵀ is a sum over the m = {m} examples; the "
                 f"gradient is Δ/m (plus the penalty).", gradients(scale=1.0)),
        _Mistake("missing 1/m", f"both Δ and the penalty's gradient are divided by m = {m}: "
                 f"Δ/m + (λ/m) Θ.", gradients(scale=1.0, reg=lambda_)),
        _Mistake("bias gradient set to 0", "the bias weights are not regularised, but they still have "
                 "their gradient δᵀ·1: only the penalty skips column 0.", gradients(zero_bias=True)),
    ]
    if lambda_ == 0:
        return mistakes
    penalty_mistakes = [
        _Mistake("bias column regularised", "the penalty's gradient (λ/m) Θ skips column 0 of each Θ, "
                 "the bias weights: add it to [:, 1:] only.", gradients(bias=True)),
        _Mistake("forgot 1/m", f"the penalty's gradient is (λ/m) Θ, divided by m = {m}.",
                 gradients(reg=lambda_)),
        _Mistake("kept the ½", "the derivative of λ/(2m) Θ² is (λ/m) Θ: the 2 from the square cancels "
                 "the ½.", gradients(reg=lambda_ / (2 * m))),
        _Mistake("penalty sign error", "the penalty's gradient (λ/m) Θ is added: it pulls each weight "
                 "towards 0.", gradients(reg=-lambda_ / m)),
        _Mistake("no regularisation", "that is the unregularised gradient: add (λ/m) Θ to every column "
                 "but the bias column.", gradients(reg=0.0)),
    ]
    return penalty_mistakes + mistakes


def _gradient_shape_mistake(got, Theta1, Theta2, expected):
    """(name, hint) for a pair of gradients of the wrong shapes."""
    shape1, shape2 = Theta1.shape, Theta2.shape
    s2, n = shape1[0], shape1[1] - 1
    K = shape2[0]
    got1, got2 = got
    wanted = (f"Theta1_grad must have Theta1's shape {shape1} and Theta2_grad Theta2's shape {shape2}; "
              f"got {got1.shape} and {got2.shape}.")
    if got1.shape == shape1[::-1] or got2.shape == shape2[::-1]:
        hint = (f"{wanted} The accumulated Δ(l) = Σ δ(l+1) a(l)ᵀ is delta.T @ a — with examples as "
                f"rows, Theta1_grad = delta2.T @ a1 — not a.T @ delta.")
        if got1.shape == shape1[::-1] and got2.shape == shape2[::-1] and _close(
                _Gradients(got1.T, got2.T), expected):
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


def _read_gradients(Theta1, Theta2, expected):
    """Reader for backpropagation: the pair as :class:`_Gradients`, or what is wrong with its form."""
    pair_hint = "return the pair (Theta1_grad, Theta2_grad), e.g. return Theta1_grad, Theta2_grad."

    def read(result):
        if isinstance(result, tuple | list) and len(result) == 2:
            first, second = result
            if np.ndim(first) == 0 and isinstance(second, tuple | list):
                return result, ("returned the cost too", f"you returned (J, gradients), like "
                                f"network.cost_and_gradient; {pair_hint}")
            try:
                got = _Gradients(*(np.asarray(part, dtype=np.float64) for part in result))
            except (TypeError, ValueError):
                return result, ("did not return numbers", pair_hint)
            if (got.Theta1_grad.shape, got.Theta2_grad.shape) != (Theta1.shape, Theta2.shape):
                return got, _gradient_shape_mistake(got, Theta1, Theta2, expected)
            return got, None
        try:
            array = np.asarray(result, dtype=np.float64)
        except (TypeError, ValueError):
            return result, ("did not return numbers", f"got {type(result).__name__}; {pair_hint}")
        if array.size == Theta1.size + Theta2.size:
            hint = (f"you returned one array of {array.size} numbers; {pair_hint} Packing into one "
                    f"vector (network.pack) is for the optimiser, outside this function.")
            packed = [np.concatenate([part.ravel(order=order) for part in expected]) for order in "CF"]
            if any(_close(array.ravel(), vector) for vector in packed):
                hint += " The numbers are right."
            return array, ("returned a single packed vector", hint)
        return array, ("did not return a pair", f"got {_describe_answer(array.shape)}; {pair_hint}")
    return read


def _explain_backprop_error(Theta1, Theta2, X):
    s2 = Theta1.shape[0]
    explain_cost = _explain_cost_error(Theta1, Theta2, X)

    def explain(error):
        if _mismatch(error) == ("broadcast", {s2, s2 + 1}):
            return "bias row of Θ(2) not dropped", (
                f"δ(3) Θ(2) has s2+1 = {s2 + 1} columns, one for the bias unit a0(2) = 1, but g'(z2) has "
                f"s2 = {s2}. The bias unit is a constant, so no error flows back into it: use "
                f"delta3 @ Theta2[:, 1:], Θ(2) without its bias column. (g'(z) on a2 with its bias "
                f"column gives the same mismatch the other way round.)")
        return explain_cost(error)
    return explain


def backpropagation(fn):
    """Check the learner's ``backpropagation`` (chapter 06); print the verdict and return it.

    Parameters
    ----------
    fn : callable
        The learner's function: Theta1 (s2, n+1), Theta2 (K, s2+1), X (m, n), y (m,) integer labels
        0..K-1, lambda_ ≥ 0 → the pair (Theta1_grad, Theta2_grad), shaped like Theta1 and Theta2.

    Returns
    -------
    CheckResult
        ``expected`` and ``got`` are pairs with fields ``Theta1_grad`` and ``Theta2_grad``.

    Raises
    ------
    TypeError
        If ``fn`` is not callable.

    Notes
    -----
    δ(3) = a3 − Y; δ(2) = δ(3) Θ(2)[:, 1:] ⊙ g'(z2); Θ(l)_grad = δ(l+1)ᵀ a(l) / m + (λ/m) Θ(l) off
    the bias column. Checked first with λ = 0, then, if that passes, with λ = 1.5. Named mistakes:
    missing g'(z2), g'(a2) instead of g'(z2), g'(z) as z(1 − z), bias row of Θ(2) not dropped (the
    shape error), bias column of δ(2) kept, δ(3) = (h − y)·g'(z3) (the squared-error form),
    δ(3) = y − h, y used directly instead of one-hot (as a column, or the broadcast error), labels
    treated as 1..K, missing 1/m, bias gradient set to 0, Θ gradients transposed, a from the wrong
    layer, a without its bias column, returned a single packed vector, returned the cost too; with
    λ > 0: bias column regularised, forgot 1/m, kept the ½, penalty sign error, no regularisation.
    """
    Theta1, Theta2, X, y = _network_problem()
    explain = _explain_backprop_error(Theta1, Theta2, X)
    cases = []
    for lambda_ in (0.0, _LAMBDA):
        expected = _Gradients(*_network.gradient(Theta1, Theta2, X, y, lambda_))
        inputs = {"Theta1": Theta1, "Theta2": Theta2, "X": X, "y": y, "lambda_": lambda_}
        cases.append((inputs, expected, _backprop_mistakes(Theta1, Theta2, X, y, lambda_),
                      {"nonfinite_hint": "is there a log, or a division by something that can be 0?",
                       "explain": explain, "read": _read_gradients(Theta1, Theta2, expected)}))
    return _check_cases("backpropagation", fn, cases)


# --- numerical_gradient ----------------------------------------------------------------------------

def _known_function(theta):
    """f(θ) = Σ θ³ + (Σ θ)²: ∂f/∂θ_i = 3θ_i² + 2 Σ θ.

    The cube makes the one-sided difference visibly wrong (its error ε/2 · ∂²f = ε/2 · (6θ_i + 2) is
    ~1e-5 of the answer here, far above the check's tolerance); the squared sum couples the entries,
    so a nudge left in one entry changes every later one.
    """
    theta = np.asarray(theta, dtype=np.float64)
    return float(np.sum(theta ** 3) + np.sum(theta) ** 2)


class _RecordingFunction:
    """The known function, which also records every θ it is called with (to see the nudges)."""

    def __init__(self):
        self.calls = []

    def __call__(self, theta):
        self.calls.append(np.array(theta, dtype=np.float64))  # a copy: the caller may change theta next
        return _known_function(theta)

    def __repr__(self):  # shown as the input, as code the learner can paste
        return "lambda theta: np.sum(theta ** 3) + np.sum(theta) ** 2"


def _numerical_gradient_mistakes(theta, epsilon):
    f = _known_function
    flat = theta.ravel()
    forward = np.empty_like(flat)
    backward = np.empty_like(flat)
    for i in range(flat.size):
        nudged = flat.copy()
        nudged[i] += epsilon
        forward[i] = (f(nudged) - f(flat)) / epsilon
        nudged[i] = flat[i] - epsilon
        backward[i] = (f(flat) - f(nudged)) / epsilon
    central = _reference_numerical_gradient(f, theta, epsilon)
    every = (f(theta + epsilon) - f(theta - epsilon)) / (2 * epsilon)
    one_sided_hint = ("(f(θ + ε) − f(θ)) / ε is the one-sided difference, wrong by about ε/2 · f''; "
                      "the central difference (f(θ + ε e_i) − f(θ − ε e_i)) / (2ε) cancels that term, "
                      "its error is O(ε²) (chapter 07).")
    mistakes = [
        _Mistake("one-sided difference", one_sided_hint, forward.reshape(theta.shape)),
        _Mistake("one-sided difference", one_sided_hint, backward.reshape(theta.shape)),
        _Mistake("forgot the 2 in 2ε", "the two points θ + ε e_i and θ − ε e_i are 2ε apart: divide the "
                 "difference by 2 * epsilon.", 2 * central),
        _Mistake("operator precedence: / 2*epsilon", "(f_plus - f_minus) / 2*epsilon is "
                 "((f_plus − f_minus) / 2) · ε in Python; write / (2 * epsilon).",
                 central * epsilon ** 2),
        _Mistake("nudged every entry at once", "θ + ε nudges every entry together, which gives one "
                 "directional derivative, not the partial derivatives: nudge one entry at a time, "
                 "e_i = 1 at entry i and 0 elsewhere.", np.full(theta.shape, every)),
    ]
    if theta.ndim > 1:
        mistakes.append(_Mistake("returned a flattened array", f"the numbers are right, but the gradient "
                                 f"must have θ's shape {theta.shape}: start from grad = "
                                 f"np.zeros_like(theta), or reshape at the end.", central.ravel()))
    return mistakes


def _diagnose_nudges(f, theta, epsilon):
    """For a wrong answer: what the θs the learner's code passed to f say about its nudges."""
    def diagnose(got):
        calls = [call.ravel() for call in f.calls if call.size == theta.size]
        counts = [int(np.count_nonzero(np.abs(call - theta.ravel()) > epsilon / 2)) for call in calls]
        if counts and max(counts) > 1:
            if theta.size > 1 and all(count in (0, theta.size) for count in counts):
                return "nudged every entry at once", (
                    "f was called with every entry of θ nudged together; that gives one directional "
                    "derivative, not the partial derivatives: nudge one entry at a time.")
            first = next(i for i, count in enumerate(counts) if count > 1)  # where it starts to go wrong
            return "nudge not restored", (
                f"f must see θ with exactly one entry nudged, but call {first + 1} of {len(calls)} had "
                f"{counts[first]} entries nudged: the earlier nudges were never undone, so they "
                f"accumulate. Save original = theta[i] and set theta[i] = original after the two calls "
                f"of f — or nudge a fresh copy, theta_plus = theta.copy().")
        if got.ndim == 0:
            return "returned a single number", (
                f"the numerical gradient has one partial derivative per entry of θ, shape {theta.shape}: "
                f"start from grad = np.zeros_like(theta) and fill in grad[i] for every entry.")
        return None
    return diagnose


def numerical_gradient(fn):
    """Check the learner's ``numerical_gradient`` (chapter 07); print the verdict and return it.

    Parameters
    ----------
    fn : callable
        The learner's function: f (callable, θ → number), theta (any shape), epsilon > 0 → the
        central-difference gradient, an array of theta's shape.

    Returns
    -------
    CheckResult

    Raises
    ------
    TypeError
        If ``fn`` is not callable.

    Notes
    -----
    grad_i = (f(θ + ε e_i) − f(θ − ε e_i)) / (2ε), on f(θ) = Σ θ³ + (Σ θ)² with ε = 1e-4, first for a
    vector θ (3,), then, if that passes, for a matrix θ (2, 3). f records the θs it is given, so the
    check sees how the nudges were made. Named mistakes: one-sided (forward or backward)
    difference, forgot the 2 in 2ε, operator precedence / 2*epsilon, nudged every entry at once,
    nudge not restored (nudges accumulate), changed the caller's θ in place (reported as "changed
    its input"), returned a single number, returned a flattened array.
    """
    cases = []
    for theta in (np.array([0.5, -1.2, 2.0]), np.array([[0.3, -0.8, 1.5], [-1.1, 0.7, 2.2]])):
        f = _RecordingFunction()
        in_place_hint = (
            "the answer is right, but theta is not the same after your function ran: it nudged the "
            "caller's array itself, and θ + ε − ε is not always exactly θ in floating point. Nudge a "
            "copy (theta_plus = theta.copy(); theta_plus[i] += epsilon), or save original = theta[i] "
            "and restore it exactly with theta[i] = original.")
        cases.append(({"f": f, "theta": theta, "epsilon": _EPSILON},
                      _reference_numerical_gradient(_known_function, theta, _EPSILON),
                      _numerical_gradient_mistakes(theta, _EPSILON),
                      {"nonfinite_hint": "is epsilon used as given (not 0), and is the difference "
                                         "divided by 2 * epsilon?",
                       "diagnose": _diagnose_nudges(f, theta, _EPSILON), "in_place_hint": in_place_hint}))
    return _check_cases("numerical_gradient", fn, cases)
