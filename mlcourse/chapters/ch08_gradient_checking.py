"""Chapter 07's tools: a float32 cost, a timer, and the printout of a failed check.

The chapter's lessons — the one-sided difference quotient, the ε sweep, and the four
backpropagations with a planted bug (one line of chapter 06's backpropagation changed each) — are
written in the chapter's own cells. What is here supports them:

- :func:`cost_float32` is the network's cost computed entirely in single precision, for the
  chapter's experiment of what float32 does to a gradient check;
- :func:`median_seconds` times one evaluation of the cost, to say why the check is switched off
  before training;
- :func:`print_evidence` prints a failed (or passed) check as the ratio analytic / numerical entry
  by entry, which is where a diagnosis comes from.

The check of the learner's diagnoses is an exercise check: ``mlcourse.checks.diagnosis``.
"""

import time

import numpy as np

from .. import network, optimize
from .._validation import check_network_data, check_positive_int

__all__ = ["cost_float32", "median_seconds", "print_evidence"]

# The sizes of gradcheck.check_network_gradient's default problem: n = 3, s2 = 5, K = 3, m = 5.
_INPUT_SIZE, _HIDDEN_SIZE, _NUM_LABELS = 3, 5, 3


# --- the float32 cost and the timer -------------------------------------------------------------

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
    Theta1, Theta2, X, labels, lambda_ = check_network_data(Theta1, Theta2, X, y, lambda_)
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
