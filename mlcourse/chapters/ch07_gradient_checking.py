"""Chapter 07's tools: the ε sweep, a float32 cost, and backpropagations with a planted bug.

A gradient checker is only useful if you can read what it tells you. This module gives the chapter
what it needs to practise that:

- :func:`epsilon_sweep` measures the relative difference between backpropagation and the central
  difference for many ε, in float64 or float32, on the small problem of
  :func:`mlcourse.gradcheck.check_network_gradient` (see :func:`small_problem`);
- :func:`bug_a` … :func:`bug_d` are backpropagations with one planted mistake each, with the
  signature of :func:`mlcourse.network.gradient`, so the checker can be run on them;
- :func:`print_evidence` prints a failed (or passed) check as the ratio analytic / numerical entry
  by entry, which is where a diagnosis comes from;
- :func:`check_diagnosis` says whether a learner's diagnosis is right, and if not, which evidence
  to look at again — without naming the answer.
"""

import time
from dataclasses import dataclass

import numpy as np

from .. import gradcheck, network, optimize
from .._validation import check_lambda, check_positive_int, check_positive_real
from ..activations import sigmoid_gradient

__all__ = [
    "DIAGNOSIS_CHOICES",
    "Diagnosis",
    "bug_a",
    "bug_b",
    "bug_c",
    "bug_d",
    "check_diagnosis",
    "cost_float32",
    "epsilon_sweep",
    "forward_difference",
    "median_seconds",
    "print_choices",
    "print_evidence",
    "small_problem",
]

# The sizes of gradcheck.check_network_gradient's default problem: n = 3, s2 = 5, K = 3, m = 5.
_INPUT_SIZE, _HIDDEN_SIZE, _NUM_LABELS, _M = 3, 5, 3, 5


# --- the small problem, in float64 and float32 ---------------------------------------------------

def small_problem(input_size=_INPUT_SIZE, hidden_size=_HIDDEN_SIZE, num_labels=_NUM_LABELS, m=_M):
    """The deterministic problem that :func:`mlcourse.gradcheck.check_network_gradient` checks on.

    Returns
    -------
    Theta1 : ndarray, shape (hidden_size, input_size + 1)
    Theta2 : ndarray, shape (num_labels, hidden_size + 1)
    X : ndarray, shape (m, input_size)
    y : ndarray of int, shape (m,)
        Labels 1, 2, …, m modulo K.

    Notes
    -----
    Weights and inputs are sin(1), sin(2), … / 10 filled column by column, as in the course's
    ``checkNNGradients``: nothing random, so every machine checks at the same point.
    """
    input_size = check_positive_int(input_size, "input_size")
    hidden_size = check_positive_int(hidden_size, "hidden_size")
    num_labels = check_positive_int(num_labels, "num_labels")
    m = check_positive_int(m, "m")
    Theta1 = network.debug_initialize(input_size, hidden_size)
    Theta2 = network.debug_initialize(hidden_size, num_labels)
    X = np.sin(np.arange(1, m * input_size + 1)).reshape((m, input_size), order="F") / 10
    y = np.arange(1, m + 1) % num_labels
    return Theta1, Theta2, X, y


def cost_float32(Theta1, Theta2, X, y, lambda_=0.0):
    """The network's cost J(Θ) computed entirely in float32 (single precision).

    Parameters
    ----------
    Theta1 : array_like, shape (s2, n+1)
    Theta2 : array_like, shape (K, s2+1)
    X : array_like, shape (m, n)
    y : array_like of int, shape (m,)
        Labels 0..K-1.
    lambda_ : float, default 0.0
        Regularisation strength λ ≥ 0.

    Returns
    -------
    float
        The float32 result, converted to a Python float (the conversion is exact).

    Notes
    -----
    The same formula as :func:`mlcourse.network.cost` — cross-entropy from z3 as
    log(1 + e^z) − y z, plus λ/(2m) ΣΘ² off the bias columns — but every input is rounded to float32
    first and every operation stays in float32, whose machine epsilon is 2^-23 ≈ 1.2e-7 instead of
    2^-52 ≈ 2.2e-16. The weights are rounded too, so θ ± ε is itself only accurate to about
    1e-7·|θ|: that is part of what float32 does to a gradient check. Chapter 07.
    """
    Theta1, Theta2, X, labels, lambda_ = network._validate_all(Theta1, Theta2, X, y, lambda_)
    single = np.float32
    Theta1, Theta2, X = Theta1.astype(single), Theta2.astype(single), X.astype(single)
    m = X.shape[0]
    a1 = np.hstack([np.ones((m, 1), dtype=single), X])
    # g(z) = exp(−log(1 + e^−z)), in float32 and without overflow (activations.sigmoid is float64)
    a2 = np.hstack([np.ones((m, 1), dtype=single), np.exp(-np.logaddexp(single(0.0), -(a1 @ Theta1.T)))])
    z3 = a2 @ Theta2.T
    Y = network.one_hot(labels, Theta2.shape[0]).astype(single)
    # log(1 + e^z) as logaddexp(0, z): finite for any z, in float32 as in float64
    data_term = np.sum(np.logaddexp(single(0.0), z3) - Y * z3) / single(m)
    penalty = (single(lambda_) / single(2 * m)
               * (np.sum(Theta1[:, 1:] ** 2) + np.sum(Theta2[:, 1:] ** 2)))
    J = data_term + penalty
    if J.dtype != single:  # pragma: no cover - a guard against silent promotion to float64
        raise RuntimeError(f"cost_float32 computed in {J.dtype}, not float32")
    return float(J)


def forward_difference(f, theta, epsilon=1e-4):
    """The one-sided difference quotient (f(θ + ε e_i) − f(θ)) / ε for every entry i.

    Parameters
    ----------
    f : callable
        ``f(theta) -> float``.
    theta : array_like, any shape
        Never modified.
    epsilon : float, default 1e-4
        The nudge ε > 0.

    Returns
    -------
    ndarray of float64, theta's shape

    Notes
    -----
    Taylor: f(θ + εe_i) = f + ε ∂_i f + ε²/2 ∂_i² f + …, so the quotient is ∂_i f + ε/2 ∂_i² f + …:
    its error is O(ε), against the O(ε²) of the central difference. It is here only to be compared
    with :func:`mlcourse.gradcheck.numerical_gradient` in chapter 07.
    """
    epsilon = check_positive_real(epsilon, "epsilon")
    theta = np.array(theta, dtype=np.float64)  # a copy: the caller's array is never touched
    flat = theta.reshape(-1)
    f_0 = float(f(theta.copy()))
    grad = np.empty(flat.size)
    for i in range(flat.size):
        nudged = flat.copy()
        nudged[i] += epsilon
        grad[i] = (float(f(nudged.reshape(theta.shape))) - f_0) / epsilon
    return grad.reshape(theta.shape)


def epsilon_sweep(epsilons, *, precision="float64", lambda_=0.0):
    """Relative difference between backpropagation and central differences, for each ε.

    Parameters
    ----------
    epsilons : array_like, shape (k,)
        The nudges to try, each a finite number > 0.
    precision : {"float64", "float32"}, default "float64"
        The precision the *cost* is evaluated in for the central differences. The analytic
        gradient it is compared with is always :func:`mlcourse.network.gradient` in float64.
    lambda_ : float, default 0.0
        Regularisation strength λ ≥ 0.

    Returns
    -------
    ndarray of float64, shape (k,)
        ‖analytic − numerical‖ / ‖analytic + numerical‖ on :func:`small_problem`.

    Notes
    -----
    Two errors add up. Truncation: the central difference is ∂J + ε²/6 ∂³J + …, so it falls like ε²
    (slope 2 on a log–log plot). Round-off: each J is exact only to about ε_mach·|J|, and the
    difference of two is divided by 2ε, so it grows like ε_mach/ε (slope −1). The best ε is where
    they meet, near ε_mach^(1/3): about 6e-6 in float64, about 5e-3 in float32. Chapter 07 plots it.
    """
    epsilons = np.asarray(epsilons, dtype=np.float64)
    if epsilons.ndim != 1 or epsilons.size == 0:
        raise ValueError(f"epsilons must be a non-empty 1-D array; got shape {epsilons.shape}")
    if not (np.all(np.isfinite(epsilons)) and np.all(epsilons > 0)):
        raise ValueError(f"epsilons must all be finite numbers > 0; got {epsilons}")
    if precision not in ("float64", "float32"):
        raise ValueError(f'precision must be "float64" or "float32"; got {precision!r}')
    lambda_ = check_lambda(lambda_)
    Theta1, Theta2, X, y = small_problem()
    size1 = Theta1.size
    cost = network.cost if precision == "float64" else cost_float32

    def packed_cost(params):
        return cost(params[:size1].reshape(Theta1.shape), params[size1:].reshape(Theta2.shape),
                    X, y, lambda_)

    analytic = network.pack(*network.gradient(Theta1, Theta2, X, y, lambda_))
    params = network.pack(Theta1, Theta2)
    return np.array([gradcheck.relative_difference(
        analytic, gradcheck.numerical_gradient(packed_cost, params, float(epsilon)))
        for epsilon in epsilons])


def median_seconds(function, repeats=50):
    """Median wall time of ``function()`` in seconds, over ``repeats`` runs after one warm-up run.

    The median rather than the mean, so that one run slowed down by another process does not move
    the figure. BLAS is limited to one thread while timing, as it is during training
    (:func:`mlcourse.optimize.single_blas_thread`): on small matrices a second OpenBLAS thread
    costs more in synchronisation than it saves, and on a busy machine it can make one call ten
    times slower. Timings depend on the machine: chapter 07 prints them only as "<number> ms".
    """
    repeats = check_positive_int(repeats, "repeats")
    times = []
    with optimize.single_blas_thread():
        function()
        for _ in range(repeats):
            start = time.perf_counter()
            function()
            times.append(time.perf_counter() - start)
    return float(np.median(times))


# --- backpropagation with planted bugs -----------------------------------------------------------

def _backprop(Theta1, Theta2, X, y, lambda_, *, bug=None):
    """The vectorised backpropagation of chapter 06, written plainly, with one optional mistake.

    ``bug`` is one of None, "a", "b", "c", "d"; see the public functions for what each plants.
    """
    Theta1, Theta2, X, labels, lambda_ = network._validate_all(Theta1, Theta2, X, y, lambda_)
    m = X.shape[0]
    a1, z2, a2, z3, a3 = network.forward(Theta1, Theta2, X)
    Y = network.one_hot(labels, Theta2.shape[0])
    delta3 = a3 - Y                                               # (m, K)
    if bug == "d":
        delta3 = delta3 * sigmoid_gradient(z3)                    # the g'(z3) that cancelled
    delta2 = delta3 @ Theta2[:, 1:]                               # (m, s2): bias column dropped
    if bug != "a":
        delta2 = delta2 * sigmoid_gradient(z2)                    # bug a leaves this factor out
    Delta1 = delta2.T @ a1                                        # (s2, n+1)
    Delta2 = delta3.T @ a2                                        # (K, s2+1)
    if bug == "c":
        Theta1_grad, Theta2_grad = Delta1.copy(), Delta2.copy()   # the average became a sum
    else:
        Theta1_grad, Theta2_grad = Delta1 / m, Delta2 / m
    first = 0 if bug == "b" else 1                                # bug b regularises column 0 too
    Theta1_grad[:, first:] += (lambda_ / m) * Theta1[:, first:]
    Theta2_grad[:, first:] += (lambda_ / m) * Theta2[:, first:]
    return Theta1_grad, Theta2_grad


def bug_a(Theta1, Theta2, X, y, lambda_=0.0):
    """Backpropagation with a planted bug (bug a). Same signature and shapes as network.gradient.

    Run the gradient checker on it and diagnose the bug from the numbers; chapter 07.
    """
    return _backprop(Theta1, Theta2, X, y, lambda_, bug="a")


def bug_b(Theta1, Theta2, X, y, lambda_=0.0):
    """Backpropagation with a planted bug (bug b). Same signature and shapes as network.gradient.

    Run the gradient checker on it with λ = 0 and with λ = 3; chapter 07.
    """
    return _backprop(Theta1, Theta2, X, y, lambda_, bug="b")


def bug_c(Theta1, Theta2, X, y, lambda_=0.0):
    """Backpropagation with a planted bug (bug c). Same signature and shapes as network.gradient."""
    return _backprop(Theta1, Theta2, X, y, lambda_, bug="c")


def bug_d(Theta1, Theta2, X, y, lambda_=0.0):
    """Backpropagation with a planted bug (bug d). Same signature and shapes as network.gradient."""
    return _backprop(Theta1, Theta2, X, y, lambda_, bug="d")


# --- reading a check -----------------------------------------------------------------------------

def print_evidence(check, lambda_, *, input_size=_INPUT_SIZE, hidden_size=_HIDDEN_SIZE,
                   num_labels=_NUM_LABELS, agree_to=1e-6):
    """Print a network gradient check as the ratio analytic / numerical, entry by entry.

    Parameters
    ----------
    check : mlcourse.gradcheck.GradientCheck
        What :func:`mlcourse.gradcheck.check_network_gradient` returned.
    lambda_ : float
        The λ the check was run with (printed as the heading).
    input_size, hidden_size, num_labels : int, default 3, 5, 3
        n, s2 and K of the checked network, to cut the packed vectors back into Θ(1) and Θ(2).
    agree_to : float, default 1e-6
        Entries whose difference is at most ``agree_to`` times the largest numerical entry are
        shown as ``=``; the error of the central difference itself is about 1e-10 of it.

    Notes
    -----
    Only numbers that are the same on every machine are printed: the relative difference as a bound
    when the check passes (its digits are round-off) and to two significant digits when it fails,
    and ratios to two decimals. A ratio is shown as ``0?`` where the numerical entry is 0 to within
    the tolerance but the analytic one is not (the ratio would be meaningless).
    """
    Theta1_shape = (hidden_size, input_size + 1)
    Theta2_shape = (num_labels, hidden_size + 1)
    size1 = Theta1_shape[0] * Theta1_shape[1]
    if check.analytic.shape != (size1 + Theta2_shape[0] * Theta2_shape[1],):
        raise ValueError(f"check must hold packed gradients of length {size1} + "
                         f"{Theta2_shape[0] * Theta2_shape[1]} for the sizes given; got shape "
                         f"{check.analytic.shape}")
    if check.passed:
        verdict = f"relative difference below {check.tolerance:.0e}: passed"
    else:
        verdict = (f"relative difference {check.relative_difference:.1e}: FAILED "
                   f"(tolerance {check.tolerance:.0e})")
    print(f"λ = {lambda_:g}: {verdict}")
    print(f"analytic / numerical, entry by entry ('=' where they agree to {agree_to:.0e}):")
    scale = float(np.max(np.abs(check.numerical)))
    cut = agree_to * scale
    pieces = ((1, Theta1_shape, check.analytic[:size1], check.numerical[:size1]),
              (2, Theta2_shape, check.analytic[size1:], check.numerical[size1:]))
    for layer, shape, analytic, numerical in pieces:
        analytic, numerical = analytic.reshape(shape), numerical.reshape(shape)
        print(f"  Theta{layer}_grad {shape}" + "".join(f"{f'col {j}':>8}" for j in range(shape[1])))
        for i in range(shape[0]):
            cells = []
            for a, b in zip(analytic[i], numerical[i], strict=True):
                if abs(a - b) <= cut:
                    cells.append("=")
                elif abs(b) <= cut:
                    cells.append("0?")
                else:  # huge ratios (numerical ≈ 0) in a short form that keeps the columns apart
                    ratio = a / b
                    cells.append(f"{ratio:.2f}" if abs(ratio) < 100 else f"{ratio:.0e}")
            print(f"  {f'row {i}':>{len(f'Theta{layer}_grad {shape}')}}" + "".join(f"{c:>8}" for c in cells))


DIAGNOSIS_CHOICES = (
    "missing 1/m",
    "missing g'(z2) in delta2",
    "bias column regularised",
    "delta3 multiplied by g'(z3)",
    "lambda instead of lambda/m",
    "sign error in delta3",
)

_ANSWERS = {
    "a": "missing g'(z2) in delta2",
    "b": "bias column regularised",
    "c": "missing 1/m",
    "d": "delta3 multiplied by g'(z3)",
}

_HINTS = {
    "a": ("Compare the two matrices: which one is exactly right, and which one is off? The bug sits in a "
          "step that only the wrong one goes through. The factor is about 4, but none of the problem's "
          "sizes is 4 — which factor of that step is about 1/4 when z is near 0?"),
    "b": ("Run it with λ = 0 and with λ = 3. The check passes at λ = 0, so the data part is right; at "
          "λ = 3 only one column is off, in both matrices — what is special about column 0?"),
    "c": ("At λ = 0 every entry of both matrices is off by the same factor, exactly. Which number of "
          "the small problem (n = 3, s2 = 5, K = 3, m = 5) is that factor?"),
    "d": ("Both matrices are off, every entry about 4 times too small, and none of the problem's sizes "
          "(n = 3, s2 = 5, K = 3, m = 5) is 4. Both gradients are built from the same output error δ(3): "
          "which factor is about 1/4 when every output h is close to 1/2 — and does it belong in δ(3)?"),
}

_EXPLANATIONS = {
    "a": ("δ(2) = δ(3) Θ(2)[:, 1:] ⊙ g'(z2) lost its g'(z2) ≈ 1/4, so Θ(1)'s gradient is about 4 times "
          "too large, while Θ(2)'s, which does not use δ(2), is exact."),
    "b": ("the penalty's gradient (λ/m) Θ was added to column 0 as well; J has no bias term in its "
          "penalty, so only λ > 0 reveals it — the reason to check with λ = 0 and then with λ > 0."),
    "c": ("the gradient summed the m examples instead of averaging them, so at λ = 0 every entry is "
          "exactly m = 5 times too large."),
    "d": ("with the cross-entropy cost the g'(z3) of the chain rule cancels, δ(3) = a3 − y; multiplying "
          "it back in shrinks every entry by h(1 − h) ≈ 1/4 (chapter 06)."),
}


@dataclass(frozen=True)
class Diagnosis:
    """The verdict on one diagnosis.

    Attributes
    ----------
    bug : str
        "a", "b", "c" or "d".
    status : {"not attempted", "correct", "wrong", "not a choice"}
    message : str
        What :func:`check_diagnosis` printed.
    """

    bug: str
    status: str
    message: str

    @property
    def passed(self):
        """True if the diagnosis is correct."""
        return self.status == "correct"

    def __str__(self):
        return self.message


def _normalise(text):
    return " ".join(text.strip().strip("\"'").lower().replace("λ", "lambda").replace("δ", "delta").split())


def print_choices():
    """Print :data:`DIAGNOSIS_CHOICES`, one per line, as strings ready to copy."""
    for choice in DIAGNOSIS_CHOICES:
        print(f'  "{choice}"')


def check_diagnosis(bug, diagnosis):
    """Print whether ``diagnosis`` names the mistake planted in ``bug_<bug>``, and return the verdict.

    Parameters
    ----------
    bug : {"a", "b", "c", "d"}
    diagnosis : str
        One of :data:`DIAGNOSIS_CHOICES` (case and spacing do not matter); the notebook's
        placeholder ``"not answered yet"`` means not attempted.

    Returns
    -------
    Diagnosis
        ``.passed`` is True for the right choice.

    Raises
    ------
    ValueError
        If ``bug`` is not one of "a", "b", "c", "d".
    TypeError
        If ``diagnosis`` is not a string.

    Notes
    -----
    A wrong choice gets a hint that points at the evidence in the check's numbers (which matrix,
    which column, what factor), never the answer itself.
    """
    if bug not in _ANSWERS:
        raise ValueError(f'bug must be one of "a", "b", "c", "d"; got {bug!r}')
    if not isinstance(diagnosis, str):
        raise TypeError(f"diagnosis must be a string, one of the choices; got {type(diagnosis).__name__}")
    answer = _normalise(diagnosis)
    choices = {_normalise(choice): choice for choice in DIAGNOSIS_CHOICES}
    if answer in ("not answered yet", ""):
        status = "not attempted"
        message = (f"bug {bug}: not attempted yet — run the check above, read the ratios, then set "
                   f"diagnosis_{bug} to one of the choices.")
    elif answer not in choices:
        status = "not a choice"
        message = (f"bug {bug}: {diagnosis!r} is not one of the choices; copy one of them exactly:\n"
                   + "\n".join(f'  "{choice}"' for choice in DIAGNOSIS_CHOICES))
    elif choices[answer] == _ANSWERS[bug]:
        status = "correct"
        message = f"bug {bug}: correct — {_EXPLANATIONS[bug]}"
    else:
        status = "wrong"
        message = f"bug {bug}: not this one. Hint: {_HINTS[bug]}"
    print(message)
    return Diagnosis(bug=bug, status=status, message=message)
