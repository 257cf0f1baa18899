"""Two ways to minimise a cost J(θ): batch gradient descent and L-BFGS-B.

Batch gradient descent repeats θ ← θ − α ∇J(θ), with ∇J computed from all m examples at every step.
It is the algorithm the course derives, and its one knob, the learning rate α, is worth seeing at
work: too small and it crawls, too large and the cost oscillates and grows. L-BFGS-B (scipy's
``minimize(method="L-BFGS-B")``, the modern stand-in for the course's ``fminunc``/``fmincg``) needs
no α: it picks each step by a line search along a direction that uses a memory of the last few
gradients to approximate the curvature, and usually reaches the minimum in far fewer evaluations.

A learning rate that is too large is not a programming error but an outcome worth looking at: a
slider in chapter 03 sweeps α and must be able to draw "this α diverged at iteration 3" instead of
a traceback. So :func:`gradient_descent` stops at the first step that makes the cost rise or stop
being finite, returns the last good θ, and reports what happened in ``status`` and ``message``.
Exceptions are kept for mistakes in the call itself (a negative α, a gradient of the wrong shape).
"""

import math
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from numbers import Real

import numpy as np
import scipy.optimize
from threadpoolctl import ThreadpoolController

from ._validation import as_float_vector, check_positive_int, check_positive_real

__all__ = [
    "DescentResult",
    "OptimizeResult",
    "gradient_descent",
    "minimize",
    "single_blas_thread",
]

# A step is "divergence" only if the cost rises by more than this fraction of the previous cost.
# Evaluating a cost that sums m terms carries a relative round-off of a few × 1e-16 (times log m), so
# near the minimum two neighbouring iterates can compare in the wrong order by about that much; 1e-10
# is far above that noise and far below any rise that matters. A cost that truly diverges grows
# geometrically, so the tolerance delays the verdict by a step or two at most.
_RISE_RTOL = 1e-10


# --- BLAS threads --------------------------------------------------------------------------------

_controller = None
_controller_lock = threading.Lock()


def _blas_controller():
    """The process's ThreadpoolController, created on first use (creating one takes ~1 ms)."""
    global _controller
    if _controller is None:
        with _controller_lock:
            if _controller is None:
                _controller = ThreadpoolController()
    return _controller


@contextmanager
def single_blas_thread():
    """Context manager: run the block with every BLAS library limited to one thread.

    Restores the previous thread counts on exit, also when the block raises.

    Notes
    -----
    L-BFGS-B makes many small vector operations between cost evaluations; on the course's 2-core
    machines OpenBLAS spends more time waking and synchronising its second thread than the
    thread saves, and the optimiser runs several times slower with two threads than with one
    (a logistic cost on 5000×401: 196 ms with two, 17 ms with one, for the same 27 iterations).
    Gradient descent, whose steps are large matrix-vector products, is faster with two threads
    and does not use this. The controller (which finds the
    BLAS libraries loaded in the process) is created once, lazily, because building it costs about
    a millisecond; entering the limit costs about 10 µs. The limit is process-wide: do not rely on
    it while other Python threads are running numerical code.
    """
    with _blas_controller().limit(limits=1, user_api="blas"):
        yield


# --- shared checks -------------------------------------------------------------------------------

def _as_cost(J, where):
    """Return the cost ``J`` as a Python float, or raise if it is not a real scalar."""
    if isinstance(J, Real) and not isinstance(J, bool):
        return float(J)
    if isinstance(J, np.ndarray) and J.ndim == 0 and J.dtype.kind in "iuf":
        return float(J)
    shape = f" of shape {J.shape}" if isinstance(J, np.ndarray) else ""
    raise TypeError(f"cost_and_gradient must return (J, grad) with J a real number; "
                    f"got {type(J).__name__}{shape} {where}")


def _as_gradient(grad, n, where):
    """Return ``grad`` as a float64 array of shape (n,), or raise naming the shape that came."""
    grad = np.asarray(grad, dtype=np.float64)
    if grad.shape != (n,):
        raise ValueError(f"cost_and_gradient must return a gradient of shape ({n},), the shape of "
                         f"theta; got {grad.shape} {where}")
    return grad


def _format_cost(J):
    """Four decimals for costs of everyday size, scientific notation otherwise (or inf/nan)."""
    if not math.isfinite(J):
        return str(J)
    if J == 0 or 1e-3 <= abs(J) < 1e6:
        return f"{J:.4f}"
    return f"{J:.4e}"


def _check_start(J, grad):
    """A non-finite cost or gradient at θ_initial is a mistake in the call, not an outcome: raise."""
    if not math.isfinite(J):
        raise ValueError(f"cost_and_gradient(theta_initial) must return a finite cost; got {J}. "
                         "Optimisation has to start from a point where the cost can be evaluated")
    if not np.isfinite(grad).all():
        index = int(np.argmax(~np.isfinite(grad)))
        raise ValueError(f"cost_and_gradient(theta_initial) must return a finite gradient; got "
                         f"{grad[index]} at index {index}")


# --- gradient descent ----------------------------------------------------------------------------

@dataclass(frozen=True)
class DescentResult:
    """What :func:`gradient_descent` did: where it stopped, the costs on the way, and why it stopped.

    Attributes
    ----------
    theta : ndarray, shape (n,)
        The last accepted iterate: the last θ whose cost was finite and did not rise.
    cost_history : ndarray, shape (iterations + 1,)
        J at every accepted iterate, ``cost_history[0]`` = J(θ_initial).
    status : {"completed", "diverged", "non-finite"}
        ``"completed"``: all ``num_iters`` steps were taken. ``"diverged"``: a step made the cost
        rise. ``"non-finite"``: a step made θ or the cost inf/NaN.
    message : str
        One sentence for the learner, naming α and the iteration.
    iterations : int
        The number of accepted steps. A rejected step is not counted: it is described by
        ``message`` and ``rejected_cost``.
    theta_path : ndarray, shape (iterations + 1, n), or None
        Every accepted iterate, ``theta_path[0]`` = θ_initial; None unless ``keep_path=True``.
    rejected_cost : float or None
        The cost of the rejected step (larger than the last cost, or inf/NaN), for a plot to show
        the jump; None if no step was rejected or θ itself overflowed before J could be evaluated.
    """

    theta: np.ndarray
    cost_history: np.ndarray
    status: str
    message: str
    iterations: int
    theta_path: np.ndarray | None = None
    rejected_cost: float | None = None

    @property
    def diverged(self):
        """True if the run stopped early because the cost rose or stopped being finite."""
        return self.status != "completed"

    @property
    def final_cost(self):
        """J at ``theta``, the last entry of ``cost_history``."""
        return float(self.cost_history[-1])


def gradient_descent(cost_and_gradient, theta_initial, alpha, num_iters, *, keep_path=False):
    """Batch gradient descent θ ← θ − α ∇J(θ), stopping at the first step that diverges.

    Parameters
    ----------
    cost_and_gradient : callable
        ``cost_and_gradient(theta) -> (J, grad)`` with ``theta`` of shape (n,), ``J`` a real number
        and ``grad`` of shape (n,). It may return its own arrays; they are not modified.
    theta_initial : array_like, shape (n,)
        The starting point. It is copied, never modified.
    alpha : float
        The learning rate α > 0.
    num_iters : int
        The number of steps to take (≥ 1) if none diverges.
    keep_path : bool, default False
        Also return every iterate in ``theta_path`` (chapter 03 draws it over the contours of J).

    Returns
    -------
    DescentResult
        ``theta``, ``cost_history``, ``status``, ``message``, ``iterations``, ``theta_path``,
        ``rejected_cost``; ``result.diverged`` is True if the run stopped early.

    Raises
    ------
    TypeError
        If ``alpha`` or ``num_iters`` is not a number of the right kind, or ``cost_and_gradient``
        returns a cost that is not a real number.
    ValueError
        If ``alpha`` is not a finite number > 0, ``num_iters`` < 1, ``theta_initial`` is not a
        finite vector, the gradient's shape differs from θ's, or J(θ_initial) is not finite.

    Notes
    -----
    Each step moves against the gradient, the direction in which J falls fastest, by α times its
    length. Near a minimum J is close to a quadratic whose largest curvature (the largest
    eigenvalue of its Hessian) is κ; along that direction the error is multiplied by (1 − α κ)
    each step, so the cost falls for α < 2/κ and oscillates with growing amplitude beyond.

    The run stops at the first step whose cost is not finite or exceeds the previous cost by more
    than 1e-10 of it. The tolerance is there because round-off in J is ~1e-16 relative: at the
    minimum, two neighbouring costs may compare in the wrong order by that much, which is noise,
    not divergence. A truly diverging cost grows geometrically, so the tolerance delays the verdict
    by a step or two at most. ``theta`` is then the iterate before the rejected step. No warning is
    emitted when the cost overflows: the status says it.

    BLAS keeps its thread count here (no :func:`single_blas_thread`): measured on a logistic
    cost with X of 5000×401, 400 steps took 128 ms with two OpenBLAS threads and 195 ms with one,
    since each step is two large matrix-vector products that do split well; on 100×3 the count
    made no difference (4.1 ms either way). Chapter 03 derives the update and shows α too small,
    right and too large.
    """
    alpha = check_positive_real(alpha, "alpha")
    num_iters = check_positive_int(num_iters, "num_iters")
    theta = as_float_vector(theta_initial, "theta_initial").copy()
    n = theta.shape[0]
    path = [theta] if keep_path else None
    status, message, rejected_cost = "completed", "", None

    # Overflow in the cost (or in θ) is an outcome this function reports through `status`; the
    # warnings numpy would print for it on the way are noise to a learner watching a slider.
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        J, grad = cost_and_gradient(theta)
        J, grad = _as_cost(J, "at theta_initial"), _as_gradient(grad, n, "at theta_initial")
        _check_start(J, grad)
        cost_history = [J]
        for iteration in range(1, num_iters + 1):
            # A fresh array each step (never an in-place update), so the iterates kept in `path`,
            # and any reference the cost function holds, stay as they were.
            candidate = theta - alpha * grad
            if not np.isfinite(candidate).all():
                status = "non-finite"
                message = (f"stopped at iteration {iteration}: the step α∇J made θ inf/NaN (the cost "
                           f"was {_format_cost(J)}, the largest gradient entry "
                           f"{_format_cost(float(np.max(np.abs(grad))))}); alpha = {alpha:g} is far "
                           "too large for this problem — try a much smaller one")
                break
            J_new, grad_new = cost_and_gradient(candidate)
            J_new = _as_cost(J_new, f"at iteration {iteration}")
            if not math.isfinite(J_new):
                status, rejected_cost = "non-finite", J_new
                message = (f"stopped at iteration {iteration}: the cost became {J_new} (it was "
                           f"{_format_cost(J)}); alpha = {alpha:g} is far too large for this "
                           "problem — try a much smaller one")
                break
            if J_new - J > _RISE_RTOL * abs(J):
                status, rejected_cost = "diverged", J_new
                message = (f"diverged at iteration {iteration}: the cost rose from {_format_cost(J)} "
                           f"to {_format_cost(J_new)}; alpha = {alpha:g} is too large for this "
                           "problem — try a smaller one")
                break
            theta, J = candidate, J_new
            grad = _as_gradient(grad_new, n, f"at iteration {iteration}")
            cost_history.append(J)
            if keep_path:
                path.append(theta)

    iterations = len(cost_history) - 1
    if status == "completed":
        message = (f"completed {iterations} iterations with alpha = {alpha:g}: the cost went from "
                   f"{_format_cost(cost_history[0])} to {_format_cost(J)}")
    return DescentResult(
        theta=theta,
        cost_history=np.array(cost_history),
        status=status,
        message=message,
        iterations=iterations,
        theta_path=np.array(path) if keep_path else None,
        rejected_cost=rejected_cost,
    )


# --- L-BFGS-B ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class OptimizeResult:
    """What :func:`minimize` did.

    Attributes
    ----------
    theta : ndarray, shape (n,)
        The parameters L-BFGS-B returned.
    cost_history : ndarray, shape (iterations + 1,)
        J(θ_initial) followed by J after each iteration; non-increasing, since every line-search
        step must lower the cost.
    status : {"converged", "max_iters", "failed"}
        ``"converged"``: a convergence test was met. ``"max_iters"``: the iteration (or evaluation)
        budget ran out first. ``"failed"``: L-BFGS-B could not make progress.
    message : str
        scipy's reason in plain words, with scipy's own text in parentheses.
    iterations : int
        Iterations L-BFGS-B took.
    function_evaluations : int
        Calls of ``cost_and_gradient`` (a line search may need several per iteration).
    success : bool
        True when ``status == "converged"``.
    """

    theta: np.ndarray
    cost_history: np.ndarray
    status: str
    message: str
    iterations: int
    function_evaluations: int
    success: bool

    @property
    def final_cost(self):
        """J at the last iteration, the last entry of ``cost_history``."""
        return float(self.cost_history[-1])


def _explain_lbfgsb(result, max_iters):
    """Map scipy's L-BFGS-B result to (status, plain-words message)."""
    reason = str(result.message)
    if result.status == 0:
        if "PROJECTED GRADIENT" in reason:
            plain = "converged: the gradient is close enough to zero"
        elif "REDUCTION OF F" in reason:
            plain = "converged: the cost stopped decreasing by more than a tiny relative amount"
        else:
            plain = "converged"
        status = "converged"
    elif result.status == 1:
        if "ITERATIONS" in reason:
            plain = (f"stopped after max_iters = {max_iters} iterations, before the convergence "
                     "tests were met; more iterations may lower the cost further")
        else:
            plain = ("stopped because the number of cost evaluations reached scipy's limit, before "
                     "the convergence tests were met")
        status = "max_iters"
    else:
        if "ABNORMAL" in reason or "ROUNDING" in reason or "STP" in reason:
            plain = ("failed: the line search found no step that lowers the cost along the chosen "
                     "direction — usually a gradient that does not match the cost (check it with "
                     "mlcourse.gradcheck.check_gradient) or a cost that is not finite near θ")
        else:
            plain = "failed: L-BFGS-B stopped without converging"
        status = "failed"
    return status, f"{plain} ({reason})"


def minimize(cost_and_gradient, theta_initial, *, max_iters=400, tol=None):
    """Minimise J with L-BFGS-B, BLAS pinned to one thread, recording the cost after each iteration.

    Parameters
    ----------
    cost_and_gradient : callable
        ``cost_and_gradient(theta) -> (J, grad)`` with ``theta`` of shape (n,), ``J`` a real number
        and ``grad`` of shape (n,).
    theta_initial : array_like, shape (n,)
        The starting point. It is copied, never modified.
    max_iters : int, default 400
        The largest number of L-BFGS-B iterations (≥ 1).
    tol : float, optional
        Passed to scipy as ``tol`` (it sets both the gradient and the relative-cost tolerance).
        Default: scipy's defaults.

    Returns
    -------
    OptimizeResult
        ``theta``, ``cost_history``, ``status``, ``message``, ``iterations``,
        ``function_evaluations``, ``success``.

    Raises
    ------
    TypeError
        If ``max_iters`` is not a whole number or ``tol`` not a real number, or the cost is not a
        real number.
    ValueError
        If ``max_iters`` < 1, ``tol`` ≤ 0, ``theta_initial`` is not a finite vector, the gradient's
        shape differs from θ's, or J(θ_initial) is not finite.

    Notes
    -----
    ``scipy.optimize.minimize(method="L-BFGS-B", jac=True)`` — a quasi-Newton method: it builds
    an approximation of the inverse Hessian from the last few (θ, ∇J) differences and searches
    along the resulting direction, which is why it needs no learning rate. The cost history comes
    from scipy's ``callback(intermediate_result)``, which carries J without a second evaluation.
    BLAS runs on one thread (see :func:`single_blas_thread`), several times faster here.
    """
    max_iters = check_positive_int(max_iters, "max_iters")
    if tol is not None:
        tol = check_positive_real(tol, "tol")
    theta_start = as_float_vector(theta_initial, "theta_initial").copy()
    n = theta_start.shape[0]
    cost_history = []

    def fun(theta):
        # scipy starts by evaluating at θ_initial; checking that the first call really is there
        # lets cost_history[0] come from that call instead of an extra evaluation.
        J, grad = cost_and_gradient(theta)
        J = _as_cost(J, "during L-BFGS-B")
        grad = _as_gradient(grad, n, "during L-BFGS-B")
        if not cost_history:
            if np.array_equal(theta, theta_start):
                J_start, grad_start = J, grad
            else:
                J_start, grad_start = cost_and_gradient(theta_start.copy())
                J_start = _as_cost(J_start, "at theta_initial")
                grad_start = _as_gradient(grad_start, n, "at theta_initial")
            _check_start(J_start, grad_start)
            cost_history.append(J_start)
        return J, grad

    def record(intermediate_result):
        cost_history.append(float(intermediate_result.fun))

    options = {"maxiter": max_iters}
    with single_blas_thread(), np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        result = scipy.optimize.minimize(fun, theta_start.copy(), jac=True, method="L-BFGS-B",
                                         tol=tol, options=options, callback=record)
    status, message = _explain_lbfgsb(result, max_iters)
    return OptimizeResult(
        theta=np.array(result.x, dtype=np.float64),
        cost_history=np.array(cost_history),
        status=status,
        message=message,
        iterations=int(result.nit),
        function_evaluations=int(result.nfev),
        success=status == "converged",
    )
