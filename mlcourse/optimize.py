"""Two ways to minimise a cost J(θ): batch gradient descent and L-BFGS-B.

Batch gradient descent repeats θ ← θ − α ∇J(θ), ∇J from all m examples at every step: the course's
algorithm, whose one knob, the learning rate α, is worth watching — too small and it crawls, too
large and the cost oscillates and grows. L-BFGS-B (scipy's ``minimize(method="L-BFGS-B")``, the
modern stand-in for the course's ``fminunc``/``fmincg``) needs no α: it line-searches along a
direction that remembers the last few gradients' curvature, usually in far fewer evaluations.

A learning rate too large is an outcome to look at, not a programming error: chapter 03's α slider
must draw "this α diverged at iteration 3", not a traceback. So :func:`gradient_descent` stops at
the first step that makes the cost rise or stop being finite, returns the last good θ and says what
happened in ``status`` and ``message``. Exceptions are for mistakes in the call (a negative α).
"""

import functools
import math
import reprlib
from contextlib import contextmanager
from dataclasses import dataclass
from numbers import Real

import numpy as np
import scipy.optimize
from threadpoolctl import ThreadpoolController

from ._validation import (
    as_float_vector,
    as_numeric_array,
    check_callable,
    check_positive_int,
    check_positive_real,
)

__all__ = ["DescentResult", "OptimizeResult", "gradient_descent", "minimize", "single_blas_thread"]

# A step is "divergence" only if the cost rises by more than this fraction of the previous cost.
# Evaluating a cost that sums m terms carries a relative round-off of a few × 1e-16 (times log m), so
# near the minimum two neighbouring iterates can compare in the wrong order by about that much; 1e-10
# is far above that noise and far below any rise that matters. A cost that truly diverges grows
# geometrically, so the tolerance delays the verdict by a step or two at most.
_RISE_RTOL = 1e-10


# --- BLAS threads --------------------------------------------------------------------------------

@functools.cache
def _blas_controller():
    """The process's ThreadpoolController, created on first use (creating one takes ~1 ms)."""
    return ThreadpoolController()


@contextmanager
def single_blas_thread():
    """Context manager: run the block with every BLAS library limited to one thread.

    Restores the previous thread counts on exit, also when the block raises.

    Notes
    -----
    L-BFGS-B makes many small vector operations between cost evaluations; on the course's 2-core
    machines OpenBLAS spends more time waking its second thread than the thread saves (a logistic
    cost on 5000×401: 196 ms with two threads, 17 ms with one, for the same 27 iterations). The
    limit is process-wide: do not rely on it while other Python threads run numerical code.
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
    grad = as_numeric_array(grad, "the gradient cost_and_gradient returns").astype(np.float64, copy=False)
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


def _evaluate(cost_and_gradient, theta, where):
    """``cost_and_gradient(theta)`` as a float and a float64 vector of θ's shape, or raise."""
    check_callable(cost_and_gradient, "cost_and_gradient", "theta -> (J, grad)")
    returned = cost_and_gradient(theta)
    if not (isinstance(returned, tuple | list) and len(returned) == 2):  # e.g. a cost alone
        raise TypeError(f"cost_and_gradient must return a pair (J, grad), the cost and its gradient; "
                        f"got {type(returned).__name__} {reprlib.repr(returned)} {where}")
    J, grad = returned
    return _as_cost(J, where), _as_gradient(grad, len(theta), where)


def _check_watchers(keep_path, progress):
    """Refuse a ``keep_path`` that is not a bool and a ``progress`` that cannot be called."""
    if not isinstance(keep_path, bool | np.bool_):  # "no" or 0.0 would be taken as a silent yes or no
        raise TypeError(f"keep_path must be True or False; got {type(keep_path).__name__} {keep_path!r}")
    if progress is not None:
        check_callable(progress, "progress", "iteration -> None")


def _start_cost(cost_and_gradient, theta_start, theta, J, grad):
    """J(θ_initial), reusing the evaluation at ``theta`` when it is θ_initial; raise if not finite."""
    if not np.array_equal(theta, theta_start):
        J, grad = _evaluate(cost_and_gradient, theta_start.copy(), "at theta_initial")
    _check_start(J, grad)
    return J


# --- gradient descent ----------------------------------------------------------------------------

def _rejection(iteration, alpha, J, grad, J_new):
    """``(status, message)`` if the step from cost J to J_new (None: θ overflowed) is rejected."""
    if J_new is None:
        return "non-finite", (f"stopped at iteration {iteration}: the step α∇J made θ inf/NaN (the cost "
                              f"was {_format_cost(J)}, the largest gradient entry "
                              f"{_format_cost(float(np.max(np.abs(grad))))}); alpha = {alpha:g} is far "
                              "too large for this problem — try a much smaller one")
    if not math.isfinite(J_new):
        return "non-finite", (f"stopped at iteration {iteration}: the cost became {J_new} (it was "
                              f"{_format_cost(J)}); alpha = {alpha:g} is far too large for this "
                              "problem — try a much smaller one")
    if J_new - J > _RISE_RTOL * abs(J):
        return "diverged", (f"diverged at iteration {iteration}: the cost rose from {_format_cost(J)} "
                            f"to {_format_cost(J_new)}; alpha = {alpha:g} is too large for this "
                            "problem — try a smaller one")
    return None


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


def gradient_descent(cost_and_gradient, theta_initial, alpha, num_iters, *, keep_path=False, progress=None):
    """Batch gradient descent θ ← θ − α ∇J(θ), stopping at the first step that diverges.

    Parameters
    ----------
    cost_and_gradient : callable
        ``(theta) -> (J, grad)``, ``theta`` and ``grad`` of shape (n,); its arrays are not modified.
    theta_initial : array_like, shape (n,)
        The starting point (copied).
    alpha, num_iters : float, int
        The learning rate α > 0, and the number of steps (≥ 1) if none diverges.
    keep_path, progress : bool (default False), callable (optional)
        Keep every iterate in ``theta_path`` (chapter 03 draws it over the contours of J); call
        ``progress(iteration)`` after each accepted step 1, 2, … (chapter 09's status line).

    Returns
    -------
    DescentResult
        ``result.diverged`` is True if the run stopped early; ``message`` says why.

    Raises
    ------
    TypeError, ValueError
        For α ≤ 0, ``num_iters`` < 1, a non-bool ``keep_path``, a ``progress`` not callable, a non-finite
        ``theta_initial``, a J not real or a grad not of θ's shape, or J(θ_initial) not finite.

    Notes
    -----
    Near a minimum of largest curvature κ the error along that direction is multiplied by (1 − ακ)
    each step: the cost falls for α < 2/κ and grows beyond. A rise under 1e-10 of J is round-off. Chapter 03.
    """
    alpha, num_iters = check_positive_real(alpha, "alpha"), check_positive_int(num_iters, "num_iters")
    _check_watchers(keep_path, progress)
    theta = as_float_vector(theta_initial, "theta_initial").copy()
    path, status, message, rejected_cost = [theta], "completed", "", None
    with np.errstate(all="ignore"):  # overflow is an outcome, told in `status`: numpy's warnings are noise
        J, grad = _evaluate(cost_and_gradient, theta, "at theta_initial")
        _check_start(J, grad)
        cost_history = [J]
        for iteration in range(1, num_iters + 1):
            # a fresh array, not an in-place update: kept iterates (and the caller's) stay as they were
            candidate = theta - alpha * grad
            J_new = grad_new = None  # stays None if θ itself overflowed
            if np.isfinite(candidate).all():
                J_new, grad_new = _evaluate(cost_and_gradient, candidate, f"at iteration {iteration}")
            rejection = _rejection(iteration, alpha, J, grad, J_new)
            if rejection is not None:
                (status, message), rejected_cost = rejection, J_new
                break
            theta, J, grad = candidate, J_new, grad_new
            cost_history.append(J)
            path.append(theta)
            if progress is not None:
                progress(iteration)
    iterations = len(cost_history) - 1
    message = message or (f"completed {iterations} iterations with alpha = {alpha:g}: the cost went "
                          f"from {_format_cost(cost_history[0])} to {_format_cost(J)}")
    return DescentResult(theta=theta, cost_history=np.array(cost_history), status=status, message=message,
                         iterations=iterations, theta_path=np.array(path) if keep_path else None,
                         rejected_cost=rejected_cost)


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
        step must lower the cost (unless a cost was NaN or inf: then ``status`` is "failed").
    status : {"converged", "max_iters", "failed"}
        ``"converged"``: a convergence test was met. ``"max_iters"``: the iteration budget
        ``num_iters`` (or scipy's evaluation budget) ran out first. ``"failed"``: L-BFGS-B could
        not make progress.
    message : str
        scipy's reason in plain words, with scipy's own text in parentheses.
    iterations : int
        Iterations L-BFGS-B took.
    function_evaluations : int
        Calls of ``cost_and_gradient`` (a line search may need several per iteration).
    success : bool
        True when ``status == "converged"``.
    theta_path : ndarray, shape (iterations + 1, n), or None
        θ_initial and the iterate after each iteration; None unless ``keep_path=True``.
    """

    theta: np.ndarray
    cost_history: np.ndarray
    status: str
    message: str
    iterations: int
    function_evaluations: int
    success: bool
    theta_path: np.ndarray | None = None

    @property
    def final_cost(self):
        """J at the last iteration, the last entry of ``cost_history``."""
        return float(self.cost_history[-1])


def _explain_lbfgsb(result, num_iters, nonfinite_costs):
    """Map scipy's L-BFGS-B result, and the NaN/inf costs it met on the way, to (status, message)."""
    reason = str(result.message)
    if nonfinite_costs:  # scipy may still say "converged", from a cost history that rose
        return "failed", (f"failed: the cost was {nonfinite_costs[0]} at a point L-BFGS-B tried, so its "
                          f"line search and its result cannot be trusted; look at where the cost stops "
                          f"being finite ({reason})")
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
            plain = (f"stopped after num_iters = {num_iters} iterations, before the convergence "
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


def minimize(cost_and_gradient, theta_initial, *, num_iters=400, tol=None, keep_path=False, progress=None):
    """Minimise J with L-BFGS-B, BLAS pinned to one thread, recording the cost after each iteration.

    Parameters
    ----------
    cost_and_gradient, theta_initial
        As in :func:`gradient_descent`.
    num_iters : int, default 400
        The largest number of L-BFGS-B iterations (≥ 1); it stops earlier once it converges.
    tol : float, optional
        scipy's ``tol``, both the gradient and the relative-cost tolerance (default: scipy's).
    keep_path, progress
        As in :func:`gradient_descent`: every iterate kept in ``theta_path``; ``progress(iteration)``.

    Returns
    -------
    OptimizeResult
        Its ``status`` is "failed" also when a cost L-BFGS-B evaluated was NaN or inf.

    Raises
    ------
    TypeError, ValueError
        For ``num_iters`` < 1 or ``tol`` ≤ 0 (or not numbers), and for what :func:`gradient_descent`
        refuses.

    Notes
    -----
    ``scipy.optimize.minimize(method="L-BFGS-B", jac=True)``: a quasi-Newton method that approximates
    the inverse Hessian from the last few (θ, ∇J) differences, so it needs no learning rate.
    """
    num_iters = check_positive_int(num_iters, "num_iters")
    if tol is not None:
        tol = check_positive_real(tol, "tol")
    _check_watchers(keep_path, progress)
    theta_start = as_float_vector(theta_initial, "theta_initial").copy()
    cost_history, path, nonfinite_costs = [], [theta_start], []

    def fun(theta):
        J, grad = _evaluate(cost_and_gradient, theta, "during L-BFGS-B")
        if not cost_history:  # scipy's first call: record J(θ_initial) and refuse a bad start
            cost_history.append(_start_cost(cost_and_gradient, theta_start, theta, J, grad))
        elif not math.isfinite(J):
            nonfinite_costs.append(J)
        return J, grad

    def record(intermediate_result):  # scipy calls it after each iteration, with the new iterate
        cost_history.append(float(intermediate_result.fun))
        if keep_path:
            path.append(np.array(intermediate_result.x, dtype=np.float64))  # a copy: scipy reuses x
        if progress is not None:
            progress(len(cost_history) - 1)

    with single_blas_thread(), np.errstate(all="ignore"):  # as in gradient_descent
        result = scipy.optimize.minimize(fun, theta_start.copy(), jac=True, method="L-BFGS-B",
                                         tol=tol, options={"maxiter": num_iters}, callback=record)
    status, message = _explain_lbfgsb(result, num_iters, nonfinite_costs)
    return OptimizeResult(theta=np.array(result.x, dtype=np.float64), cost_history=np.array(cost_history),
                          status=status, message=message, iterations=int(result.nit),
                          function_evaluations=int(result.nfev), success=status == "converged",
                          theta_path=np.array(path) if keep_path else None)
