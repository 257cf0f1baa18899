"""Checks for the exercises of chapters 02–04: did the learner's function compute the right thing?

Each exercise in a chapter is a stub that the learner fills in, followed by a check cell::

    def cost(theta, X, y):
        raise NotImplementedError  # your code here

    mlcourse.checks.cost(cost);

The check calls the learner's function on a small fixed input (five values of z, or four examples
with three columns of X), compares the answer with the library's own implementation
(:mod:`mlcourse.logistic`, :mod:`mlcourse.activations`) and prints one of:

- ``not attempted yet`` while the stub still raises ``NotImplementedError``;
- ``passed``;
- the most likely mistake, by name, with a hint of what to look for, the input (as code the learner
  can paste into a cell) and the expected and obtained values.

A wrong answer is recognised by computing, on the same input, what each common mistake would give —
forgetting 1/m, a sign error, regularising θ0, labels of shape (m, 1) broadcasting into an m×m
matrix, … — and seeing which one the learner's answer equals. An answer that matches none still
fails, with expected vs got.

The learner's function cannot break the notebook: any exception it raises is reported rather than
propagated, numpy's RuntimeWarnings (log(0), overflow) are caught and named in the hint, and it is
given copies of the inputs, so a function that changes its input in place is caught as well.

Each check also returns a :class:`CheckResult`, which is what the tests inspect. Reference solutions
are in :mod:`mlcourse.solutions`, for after a learner has tried.
"""

import reprlib
import warnings
from dataclasses import dataclass

import numpy as np

from .activations import sigmoid
from .activations import sigmoid_gradient as _reference_sigmoid_gradient
from .logistic import cost as _reference_cost
from .logistic import gradient as _reference_gradient

__all__ = [
    "CheckResult",
    "cost",
    "gradient",
    "gradient_descent_step",
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
    expected, got : float, ndarray or None
        The reference answer and the learner's, on the input in ``inputs``. ``got`` is whatever the
        function returned if it could not be read as numbers.
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


# --- formatting ----------------------------------------------------------------------------------

def _as_code(name, value):
    """``name = value`` as Python the learner can paste into a cell, e.g. ``z = np.array([0.5, 2.0])``."""
    if isinstance(value, np.ndarray):
        start = f"{name} = np.array("
        # prefix: continuation lines of a matrix are indented to line up under its first row
        return start + np.array2string(value, separator=", ", prefix=" " * 4 + start) + ")"
    return f"{name} = {value!r}"


def _format_value(value):
    """A result for the expected/got lines: numbers with 6 decimals, and the shape of arrays."""
    if not isinstance(value, np.ndarray):
        return reprlib.repr(value)  # not numbers, e.g. a tuple: shortened to one line
    with np.printoptions(precision=6, floatmode="fixed", suppress=True):
        text = np.array2string(value, prefix=" " * 11)
    if value.ndim == 0:
        return text
    return f"{text}  (shape {value.shape})"


def _describe_shape(shape):
    return "() — a single number" if shape == () else str(shape)


def _describe_answer(shape):
    return "a single number" if shape == () else f"an array of shape {shape}"


# --- the machinery every check shares ------------------------------------------------------------

def _close(got, value):
    value = np.asarray(value, dtype=np.float64)
    return got.shape == value.shape and np.allclose(got, value, rtol=_RTOL, atol=_ATOL)


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


def _check(exercise, fn, inputs, expected, mistakes, *, nonfinite_hint, m=None):
    """Run ``fn`` on ``inputs``, compare with ``expected``, name the mistake, print and return.

    Parameters
    ----------
    exercise : str
        The exercise's name, for the printed verdict.
    fn : callable
        The learner's function; called as ``fn(*inputs.values())`` on copies.
    inputs : dict of str to ndarray or float
        The arguments, in order.
    expected : float or ndarray
        The library's answer on ``inputs``.
    mistakes : list of _Mistake
        Known mistakes, most likely first; the first whose value equals the learner's answer is named.
    nonfinite_hint : str
        What to look for when the answer holds NaN or inf.
    m : int, optional
        For answers that are a sum divided by m: the number of examples, to recognise a sum divided
        by another whole number (a global m from the notebook, say).
    """
    if not callable(fn):
        raise TypeError(f"fn must be the function you wrote for the exercise; got {type(fn).__name__} "
                        f"{fn!r}. Pass the function itself, without calling it: checks.{exercise}("
                        f"{exercise}), not checks.{exercise}({exercise}(...))")
    expected = np.asarray(expected, dtype=np.float64)
    result, exception, warned, changed = _call(fn, inputs)

    def verdict(status, mistake=None, hint="", got=None):
        if warned:
            hint += f" numpy warned while your function ran: {'; '.join(warned)}."
        if changed and mistake != "changed its input":
            hint += (f" Also, your function changed {' and '.join(changed)} in place; compute a new "
                     f"array instead.")
        outcome = CheckResult(exercise, status, mistake, hint.strip(), expected, got, dict(inputs))
        print(outcome)
        return outcome

    if isinstance(exception, NotImplementedError):
        return verdict("not attempted", hint="your function (or one it calls) still raises "
                                             "NotImplementedError: replace that line with your code, run "
                                             "the cell, then run this one again.")
    if exception is not None:
        return verdict("error", *_explain_exception(exception, inputs))
    if result is None:
        return verdict("mistake", "returned None", "your function returned None: is the `return` "
                       "statement missing?")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # e.g. a complex result: refuse it rather than drop parts
            got = np.asarray(result, dtype=np.float64)
    except Exception:
        return verdict("mistake", "did not return numbers",
                       f"expected {_describe_answer(expected.shape)}, got {type(result).__name__}: "
                       f"return only the answer.", result)

    if not np.isfinite(got).all():
        return verdict("mistake", "NaN or inf", f"your result holds NaN or inf. {nonfinite_hint}", got)
    if _close(got, expected):
        if changed:
            return verdict("mistake", "changed its input",
                           f"the answer is right, but your function changed {' and '.join(changed)} "
                           f"in place (e.g. with -= or by assigning to an entry), which changes the "
                           f"caller's array too; compute a new array instead, e.g. "
                           f"theta = theta - …", got)
        return verdict("passed", got=got)
    for mistake in mistakes:
        if _close(got, mistake.value):
            return verdict("mistake", mistake.name, mistake.hint, got)
    if got.shape != expected.shape:
        hint = f"expected shape {_describe_shape(expected.shape)}, got {got.shape}."
        if got.size == expected.size and np.allclose(got.ravel(), expected.ravel(), rtol=_RTOL, atol=_ATOL):
            hint += (" The numbers are right; return them with the expected shape (e.g. .ravel() for "
                     "a vector, float(...) for a single number).")
        elif got.ndim == 2 and 1 not in got.shape:
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
    return verdict("mistake", "unrecognised",
                   "not a mistake this check knows by name; compare expected and got on the input "
                   "below, working through your function line by line.", got)


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
