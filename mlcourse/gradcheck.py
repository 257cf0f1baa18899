"""Gradient checking: compare an analytic gradient with one computed by central differences.

A backpropagation bug rarely crashes; it makes the gradient slightly wrong, and the optimiser then
converges slowly or to a worse point without a word. The course's remedy: compute every partial
derivative a second, independent way — nudge one parameter, watch the cost move — and compare the
two gradients by a scale-free relative difference. At two evaluations of J per parameter, that is
run once on a small problem, never inside training.
"""

from dataclasses import dataclass
from numbers import Real

import numpy as np

from ._validation import (
    as_float_matrix,
    as_numeric_array,
    check_callable,
    check_finite,
    check_gradient_pair,
    check_layer_sizes,
    check_positive_int,
    check_positive_real,
    check_seed,
    check_theta_for_X,
)

__all__ = ["GradientCheck", "check_gradient", "check_logistic_gradient", "check_network_gradient",
           "numerical_gradient", "relative_difference"]


def _entry(shape, flat_index):
    """The index of entry ``flat_index`` as the learner would write it: ``3`` or ``(1, 2)``."""
    index = np.unravel_index(flat_index, shape)
    return int(index[0]) if len(index) == 1 else tuple(int(i) for i in index)


def _as_float_array(value, name):
    """A finite float64 copy of ``value`` (≥ 1 entry), or raise."""
    array = np.array(as_numeric_array(value, name), dtype=np.float64)  # np.array copies
    if array.size == 0:
        raise ValueError(f"{name} must have at least one entry; got shape {array.shape}")
    check_finite(array, name)
    return array


def _finite_scalar(value, index, sign):
    """Return f's output as a float; raise ValueError naming the nudged entry if it is not usable."""
    where = f"at theta[{index[0] if len(index) == 1 else index}] {sign} epsilon"
    if isinstance(value, np.ndarray) and value.ndim == 0 and value.dtype.kind in "iuf":
        value = value.item()
    if isinstance(value, bool) or not isinstance(value, Real):
        shown = (f"an array of shape {value.shape}" if isinstance(value, np.ndarray)
                 else f"{type(value).__name__} {value!r}")
        raise ValueError(f"f must return a real scalar cost; got {shown} {where}")
    number = float(value)
    if not np.isfinite(number):
        raise ValueError(f"f must return a finite cost; got {number} {where}")
    return number


def _check_nudge(flat, epsilon, shape):
    """Raise if θ_i ± ε rounds to θ_i for some entry: that nudge would change nothing."""
    lost = (flat + epsilon == flat) | (flat - epsilon == flat)
    if lost.any():
        i = int(np.argmax(lost))
        raise ValueError(f"epsilon must be large enough to change every entry of theta; got {epsilon:g}, and "
                         f"theta[{_entry(shape, i)}] = {flat[i]:g} ± epsilon rounds to itself in float64 "
                         f"(that needs epsilon > {np.spacing(abs(flat[i])):.1g}; the default is 1e-4)")


def numerical_gradient(f, theta, epsilon=1e-4):
    """The gradient of ``f`` at ``theta`` by central differences, one entry at a time.

    Parameters
    ----------
    f : callable
        ``f(theta) -> float``, the cost. Each call receives a new float64 array of ``theta``'s shape
        in which exactly one entry differs from ``theta`` (by ±ε).
    theta : array_like, any shape (e.g. (n,) or (s2, n+1))
        The point at which to differentiate. Never modified.
    epsilon : float, default 1e-4
        The nudge ε > 0, large enough that θ_i ± ε differs from θ_i in float64 for every entry.

    Returns
    -------
    ndarray of float64, same shape as ``theta``
        ``grad[i] = (f(θ + ε e_i) − f(θ − ε e_i)) / (2ε)``.

    Raises
    ------
    TypeError
        If ``f`` is not callable, ``theta`` does not hold real numbers or ``epsilon`` is not a number.
    ValueError
        If ``theta`` is empty or holds NaN/inf, ``epsilon`` is not a finite number > 0 or lost in some
        θ_i ± ε, or ``f`` returns something other than a finite real scalar (naming the nudged entry).
    Exception
        Whatever ``f`` raises propagates unchanged.

    Notes
    -----
    By Taylor, f(θ ± εe_i) = f ± ε ∂_i f + ε²/2 ∂_i²f ± ε³/6 ∂_i³f + …, so the quotient is
    ∂_i f + ε²/6 ∂_i³f + O(ε⁴): the even terms cancel, a truncation error O(ε²), not the one-sided O(ε).
    Round-off adds ≈ ε_mach·|J|/ε (each J is exact only to ε_mach·|J| ≈ 2.2e-16·|J|, then divided by
    2ε). The two balance near ε ≈ ε_mach^(1/3) ≈ 6e-6; the course's ε = 1e-4 leaves ≈ 1.7e-9·|∂³J|
    and ≈ 2e-12·|J|, far below what a real bug causes (chapter 08 plots the error against ε). An ε
    that θ ± ε resolves may still be too small for J to notice: the gradient is then 0, not refused.
    """
    check_callable(f, "f", "theta -> J, the cost")
    epsilon = check_positive_real(epsilon, "epsilon")
    theta = _as_float_array(theta, "theta")  # a copy: the caller's array is never touched
    _check_nudge(theta.ravel(), epsilon, theta.shape)
    grad = np.zeros_like(theta)
    for i in np.ndindex(theta.shape):  # (j,) for a vector, (j, k) for a matrix, in C order
        # two new arrays for each entry: whatever f does with one cannot change another evaluation
        theta_plus, theta_minus = theta.copy(), theta.copy()
        theta_plus[i] += epsilon
        theta_minus[i] -= epsilon
        J_plus = _finite_scalar(f(theta_plus), i, "+")
        J_minus = _finite_scalar(f(theta_minus), i, "−")
        grad[i] = (J_plus - J_minus) / (2 * epsilon)
    return grad


def relative_difference(a, b):
    """‖a − b‖ / ‖a + b‖, the scale-free distance between two gradients.

    Parameters
    ----------
    a, b : array_like, one shape (any)
        Typically the analytic and the numerical gradient. Both must be finite.

    Returns
    -------
    float
        In [0, inf]. 0.0 when both are all zeros (they agree exactly); inf when ``a = −b`` ≠ 0
        (the denominator is 0 but the numerator is not: they disagree completely).

    Raises
    ------
    TypeError
        If ``a`` or ``b`` does not hold real numbers.
    ValueError
        If the shapes differ (no broadcasting: an (n,) and an (n, 1) gradient are a bug to
        report, not to reconcile), or an entry is NaN/inf.

    Notes
    -----
    2-norms over all entries. Dividing by ‖a + b‖ makes it scale-free: a difference of 1e-6 is
    negligible for entries of 1e3 and alarming for entries of 1e-6. Agreeing gradients give ≈ 1e-11
    or less, a bug ≳ 1e-3. Both zero is exact agreement (0.0) and a = −b the worst disagreement (inf),
    not 0/0 = NaN. Both arrays are first divided by their largest |entry|: the ratio stays, and the
    norms cannot overflow.
    """
    a = as_numeric_array(a, "a").astype(np.float64, copy=False)
    b = as_numeric_array(b, "b").astype(np.float64, copy=False)
    if a.shape != b.shape:
        raise ValueError(f"a and b must have the same shape; expected b of shape {a.shape} like a, "
                         f"got {b.shape}")
    if a.size == 0:  # else "exact agreement" between two gradients of nothing
        raise ValueError(f"a and b must hold at least one entry; got shape {a.shape}")
    check_finite(a, "a")
    check_finite(b, "b")
    scale = max(float(np.max(np.abs(a), initial=0.0)), float(np.max(np.abs(b), initial=0.0)))
    if scale == 0.0:
        return 0.0
    with np.errstate(under="ignore"):  # entries far below the largest may round to 0: they weigh nothing here
        a, b = a / scale, b / scale
        numerator = float(np.linalg.norm((a - b).ravel()))
        denominator = float(np.linalg.norm((a + b).ravel()))
    if denominator == 0.0:
        return 0.0 if numerator == 0.0 else float("inf")
    return numerator / denominator


@dataclass(frozen=True)
class GradientCheck:
    """The two gradients side by side and the verdict.

    Attributes
    ----------
    analytic : ndarray, shape of theta
        The gradient the code under test computed.
    numerical : ndarray, shape of theta
        The central-difference gradient.
    relative_difference : float
        ‖analytic − numerical‖ / ‖analytic + numerical‖.
    tolerance : float
        The largest relative difference that passes.
    epsilon : float
        The nudge used for the numerical gradient.
    passed : bool
        ``relative_difference <= tolerance``.
    """

    analytic: np.ndarray
    numerical: np.ndarray
    relative_difference: float
    tolerance: float
    epsilon: float
    passed: bool

    def summary(self, rows=10):
        """A short table of the first ``rows`` entries of both gradients, then the verdict."""
        rows = check_positive_int(rows, "rows")
        analytic, numerical = self.analytic.ravel(), self.numerical.ravel()
        shape = self.analytic.shape
        difference = np.abs(analytic - numerical)
        lines = [f"{'entry':>10}  {'analytic':>15}  {'numerical':>15}  {'|difference|':>12}"]
        for i in range(min(rows, analytic.size)):
            lines.append(f"{_entry(shape, i)!s:>10}  {analytic[i]:>15.8g}  {numerical[i]:>15.8g}  "
                         f"{difference[i]:>12.2e}")
        if analytic.size > rows:
            lines.append(f"({rows} of {analytic.size} entries shown)")
        if self.passed:
            lines.append(f"relative difference {self.relative_difference:.2e} ≤ tolerance "
                         f"{self.tolerance:.0e}: passed — the analytic gradient matches")
        else:
            worst = int(np.argmax(difference))
            lines.append(f"relative difference {self.relative_difference:.2e} > tolerance "
                         f"{self.tolerance:.0e}: FAILED — the analytic gradient is wrong; the "
                         f"largest difference is at entry {_entry(shape, worst)} (analytic "
                         f"{analytic[worst]:.8g}, numerical {numerical[worst]:.8g})")
        return "\n".join(lines)

    def __str__(self):
        return self.summary()


def check_gradient(cost_function, gradient_function, theta, *, epsilon=1e-4, tolerance=1e-9):
    """Compare ``gradient_function(theta)`` with the central-difference gradient of ``cost_function``.

    Parameters
    ----------
    cost_function : callable
        ``cost_function(theta) -> float``, the cost J.
    gradient_function : callable
        ``gradient_function(theta) -> ndarray`` of ``theta``'s shape: the analytic ∇J under test.
    theta : array_like, any shape
        The point to check at; never modified. Choose a random one: at a symmetric point such as
        θ = 0 some bugs give the right answer by accident.
    epsilon : float, default 1e-4
        The nudge of :func:`numerical_gradient`.
    tolerance : float, default 1e-9
        The largest relative difference that passes (the course's threshold for ε = 1e-4).

    Returns
    -------
    GradientCheck
        Both gradients, the relative difference and ``passed``; ``print`` it for a table.

    Raises
    ------
    TypeError
        If either function is not callable.
    ValueError
        If ``theta`` is empty or not finite, ``epsilon`` or ``tolerance`` is not a finite number
        > 0 (or ε too small for θ, see :func:`numerical_gradient`), the gradient's shape differs
        from ``theta``'s, or either function returns NaN/inf.

    Notes
    -----
    :func:`numerical_gradient` has the error of the central difference, :func:`relative_difference`
    why the comparison is relative. Do not check at (or near) a minimum: there the true gradient is
    close to 0, the relative difference measures only the O(ε²) error of the numerical gradient, and
    a correct gradient can exceed 1e-9 (the unscaled exam scores near their optimum give ≈ 5e-7). A
    random θ keeps the gradient large. Chapter 10 checks the softmax network's gradient with it.
    """
    check_callable(cost_function, "cost_function", "theta -> J")
    check_callable(gradient_function, "gradient_function", "theta -> gradient of theta's shape")
    epsilon = check_positive_real(epsilon, "epsilon")
    tolerance = check_positive_real(tolerance, "tolerance")
    theta = _as_float_array(theta, "theta")
    analytic = as_numeric_array(gradient_function(theta.copy()), "gradient_function(theta)")
    if analytic.shape != theta.shape:
        raise ValueError(f"gradient_function(theta) must return an array of theta's shape; expected "
                         f"{theta.shape}, got {analytic.shape}")
    analytic = np.array(analytic, dtype=np.float64)
    check_finite(analytic, "gradient_function(theta)")
    numerical = numerical_gradient(cost_function, theta, epsilon)
    difference = relative_difference(analytic, numerical)
    return GradientCheck(analytic=analytic, numerical=numerical, relative_difference=difference,
                         tolerance=tolerance, epsilon=epsilon, passed=bool(difference <= tolerance))


def check_logistic_gradient(X, y, lambda_=0.0, *, theta=None, seed=0, epsilon=1e-4, tolerance=1e-9):
    """Check :func:`mlcourse.logistic.gradient` against the numerical gradient of its cost.

    Parameters
    ----------
    X : array_like, shape (m, n+1)
        Features with the intercept column of ones first.
    y : array_like, shape (m,)
        Labels 0 or 1.
    lambda_ : float, default 0.0
        Regularisation strength λ ≥ 0.
    theta : array_like, shape (n+1,), optional
        Where to check. Default: a standard normal draw from ``seed``, so that no symmetry of θ = 0
        can hide a bug (e.g. a regularised bias term is invisible at θ_0 = 0).
    seed : int or numpy.random.Generator, default 0
        Seed of the default θ.
    epsilon, tolerance : float
        As in :func:`check_gradient`.

    Returns
    -------
    GradientCheck

    Raises
    ------
    ValueError
        As :func:`check_gradient`, or if ``X``, ``y``, ``theta`` or ``lambda_`` are invalid (the
        logistic functions' own messages).
    """
    from . import logistic  # imported here so this module does not depend on logistic at import

    X, seed = as_float_matrix(X, "X"), check_seed(seed)  # the seed also when theta makes it unused
    theta = (np.random.default_rng(seed).standard_normal(X.shape[1]) if theta is None
             else check_theta_for_X(theta, X))
    return check_gradient(lambda t: logistic.cost(t, X, y, lambda_),
                          lambda t: logistic.gradient(t, X, y, lambda_),
                          theta, epsilon=epsilon, tolerance=tolerance)


def check_network_gradient(input_size=3, hidden_size=5, num_labels=3, m=5, lambda_=0.0, *,
                           gradient_function=None, epsilon=1e-4, tolerance=1e-9):
    """Check a backpropagation against the numerical gradient of the network's cost.

    The course's ``checkNNGradients``: a small network with deterministic weights and data, small
    enough that the numerical gradient (two cost evaluations per weight) takes milliseconds.

    Parameters
    ----------
    input_size, hidden_size, num_labels, m : int, default 3, 5, 3, 5
        n, s2, K and the number of examples of the small network.
    lambda_ : float, default 0.0
        Regularisation strength λ ≥ 0. Check with 0 first, then with λ > 0 (the course uses 3).
    gradient_function : callable, optional
        ``(Theta1, Theta2, X, y, lambda_) -> (Theta1_grad, Theta2_grad)``, the backpropagation to
        check — a learner's own, or one with a planted bug. Default :func:`mlcourse.network.gradient`.
    epsilon, tolerance : float
        As in :func:`check_gradient`.

    Returns
    -------
    GradientCheck
        ``analytic`` and ``numerical`` are the packed vectors ``network.pack(Theta1_grad, Theta2_grad)``.

    ValueError or TypeError if a size is not a whole number ≥ 1 (or too large for memory), or
    ``gradient_function`` is not callable or returns something other than two arrays shaped like Θ.

    Notes
    -----
    Weights come from ``network.debug_initialize`` (sin(1), sin(2), … / 10), X from the same
    recipe, labels are 1, 2, …, m modulo K: the same numbers on every machine, and no weight is 0
    or repeated, so no symmetry can hide a bug. Chapter 08.
    """
    from . import network  # imported here so this module does not depend on network at import

    check_layer_sizes(input_size, hidden_size, ("input_size", "hidden_size"))  # not as L_in and L_out
    check_layer_sizes(hidden_size, num_labels, ("hidden_size", "num_labels"))
    if check_positive_int(m, "m") * input_size > 2**27:  # X, m × n numbers, within network's 1 GiB too
        raise ValueError(f"m and input_size must keep X under 1 GiB; got m = {m:,}, input_size = "
                         f"{input_size:,}")
    if gradient_function is not None:
        check_callable(gradient_function, "gradient_function", "(Theta1, Theta2, X, y, lambda_) -> gradients")
    Theta1 = network.debug_initialize(input_size, hidden_size)
    Theta2 = network.debug_initialize(hidden_size, num_labels)
    # the course builds X with debugInitializeWeights too: sin(1), sin(2), … / 10, column by column
    X = np.sin(np.arange(1, m * input_size + 1)).reshape((m, input_size), order="F") / 10
    y = np.arange(1, m + 1) % num_labels
    gradient_function = network.gradient if gradient_function is None else gradient_function

    def unpacked(params):
        return network.unpack(params, input_size, hidden_size, num_labels)

    def packed_gradient(params):
        grads = gradient_function(*unpacked(params), X, y, lambda_)
        return network.pack(*check_gradient_pair(grads, Theta1, Theta2, "gradient_function"))

    return check_gradient(lambda params: network.cost(*unpacked(params), X, y, lambda_),
                          packed_gradient, network.pack(Theta1, Theta2),
                          epsilon=epsilon, tolerance=tolerance)
