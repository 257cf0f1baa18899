"""Chapter 08's tools: a float32 cost, a timer, the printout of a failed check, and the ε slider.

The chapter's lessons — the one-sided difference quotient, the ε sweep, and the four
backpropagations with a planted bug (one line of chapter 07's backpropagation changed each) — are
written in the chapter's own cells. What is here supports them:

- :func:`cost_float32` is the network's cost computed entirely in single precision, for the
  chapter's experiment of what float32 does to a gradient check;
- :func:`median_seconds` times one evaluation of the cost, to say why the check is switched off
  before training;
- :func:`print_evidence` prints a failed (or passed) check as the ratio analytic / numerical entry
  by entry, which is where a diagnosis comes from;
- :func:`make_epsilon_slider` is the chapter's slider: the check's relative difference at one ε,
  float64 and float32 side by side, over the sweep with its truncation and round-off regions
  (:func:`epsilon_update` computes one position; :class:`EpsilonErrorModel` holds the two
  estimates, whose coefficients the chapter computes in its own cell).

The check of the learner's diagnoses is an exercise check: ``mlcourse.checks.diagnosis``.
"""

import time
from collections import namedtuple

import numpy as np

from .. import gradcheck, network, optimize
from .._validation import as_float_vector, check_network_data, check_positive_int, check_positive_real
from .plotting import PALETTE, SliderCanvas

__all__ = [
    "MACHINE_EPSILON",
    "EpsilonErrorModel",
    "EpsilonUpdate",
    "cost_float32",
    "epsilon_update",
    "make_epsilon_slider",
    "median_seconds",
    "print_evidence",
]

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
    1e-7·|θ|: that is part of what float32 does to a gradient check. Chapter 08.
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
    times slower. Timings depend on the machine: chapter 08 prints them as "<number> ms" or
    "<number> s", the form the notebook check's sanitiser replaces.
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


# --- chapter 08's slider: the relative difference of a check as ε moves ----------------------------

# Machine epsilon (the spacing of numbers just above 1) of the two precisions the slider compares.
MACHINE_EPSILON = {"float64": float(np.finfo(np.float64).eps), "float32": float(np.finfo(np.float32).eps)}

EpsilonUpdate = namedtuple("EpsilonUpdate", ["epsilon", "float64", "float32", "dominant"])
EpsilonUpdate.__doc__ = """One position of chapter 08's ε slider.

epsilon : float — the nudge ε.
float64, float32 : float — the relative difference between backpropagation's gradient (float64) and
the central difference of the cost computed in that precision.
dominant : dict — for each precision, "truncation" or "round-off": which of the two error estimates
is larger at ε.
"""


def _packed(cost, Theta1, Theta2, X, y):
    """``cost`` as a function of one packed vector: Θ(1) row by row, then Θ(2)."""
    size1 = Theta1.size

    def packed_cost(params):
        return cost(params[:size1].reshape(Theta1.shape), params[size1:].reshape(Theta2.shape), X, y)

    return packed_cost


class EpsilonErrorModel:
    """The two error estimates of a central difference that chapter 08 derives and its slider draws.

    Truncation: the relative difference is c·ε². Round-off: k·ε_mach/ε, and never more than 1, the
    value when the numerical gradient is exactly zero. Chapter 08 computes c (measured at ε = 1e-2)
    and k (predicted from |J| and the gradient) in a cell of its own and passes them here.
    """

    def __init__(self, truncation_coefficient, round_off_coefficient):
        self.truncation_coefficient = check_positive_real(truncation_coefficient, "truncation_coefficient")
        self.round_off_coefficient = check_positive_real(round_off_coefficient, "round_off_coefficient")

    def truncation(self, epsilon):
        return self.truncation_coefficient * np.asarray(epsilon) ** 2

    def round_off(self, epsilon, precision):
        return np.minimum(1.0, self.round_off_coefficient * MACHINE_EPSILON[precision] / np.asarray(epsilon))

    def crossover(self, precision):
        """ε* = (k·ε_mach / c)^(1/3), where c·ε² = k·ε_mach/ε: truncation dominates above, round-off below."""
        return float((self.round_off_coefficient * MACHINE_EPSILON[precision]
                      / self.truncation_coefficient) ** (1.0 / 3.0))


def epsilon_update(epsilon, Theta1, Theta2, X, y, model):
    """The relative difference of the gradient check at ``epsilon``, with the cost in float64 and float32.

    Parameters
    ----------
    epsilon : float
        The nudge ε > 0.
    Theta1 : array_like, shape (s2, n+1)
    Theta2 : array_like, shape (K, s2+1)
    X : array_like, shape (m, n)
    y : array_like of int, shape (m,)
        Labels 0..K-1.
    model : EpsilonErrorModel
        The error estimates, to say which one dominates at ``epsilon``.

    Returns
    -------
    EpsilonUpdate

    Raises
    ------
    TypeError, ValueError
        If ``epsilon`` is not a number > 0, or as :func:`mlcourse.network.cost` for the network.

    Notes
    -----
    The analytic gradient is backpropagation's, always in float64 (λ = 0); only the cost inside the
    central difference changes precision. 2·P evaluations of J per precision (P = 38 on the
    chapter's problem), well under a millisecond each.
    """
    epsilon = check_positive_real(epsilon, "epsilon")
    Theta1, Theta2, X, labels, _ = check_network_data(Theta1, Theta2, X, y, 0.0)
    params = network.pack(Theta1, Theta2)
    analytic = network.pack(*network.gradient(Theta1, Theta2, X, labels))
    differences, dominant = {}, {}
    for precision, cost in (("float64", network.cost), ("float32", cost_float32)):
        numerical = gradcheck.numerical_gradient(_packed(cost, Theta1, Theta2, X, labels), params, epsilon)
        differences[precision] = gradcheck.relative_difference(analytic, numerical)
        truncation, round_off = model.truncation(epsilon), model.round_off(epsilon, precision)
        dominant[precision] = "truncation" if truncation >= round_off else "round-off"
    return EpsilonUpdate(epsilon=epsilon, dominant=dominant, **differences)


def _relative_differences(cost, Theta1, Theta2, X, labels, epsilons):
    params = network.pack(Theta1, Theta2)
    analytic = network.pack(*network.gradient(Theta1, Theta2, X, labels))
    packed_cost = _packed(cost, Theta1, Theta2, X, labels)
    return np.array([gradcheck.relative_difference(analytic, gradcheck.numerical_gradient(
        packed_cost, params, epsilon)) for epsilon in epsilons])


def _draw_epsilon_panel(ax, precision, epsilons, sweep, model, tolerance):
    """One precision's panel: the sweep, both estimates, the two regions and the tolerance."""
    from matplotlib.ticker import FixedLocator, FuncFormatter, NullLocator

    crossover = model.crossover(precision)
    # each region also carries its name in words, so the two tints need not be told apart
    ax.axvspan(crossover, epsilons.max(), color=PALETTE["reddish purple"], alpha=0.12)
    ax.axvspan(epsilons.min(), crossover, color=PALETTE["yellow"], alpha=0.25)
    ax.text(0.97, 0.03, "truncation\ndominates", transform=ax.transAxes, ha="right")
    ax.text(0.03, 0.03, "round-off\ndominates", transform=ax.transAxes, ha="left")
    ax.loglog(epsilons, sweep, "o-", markersize=3, color=PALETTE["blue"], label="measured")
    ax.loglog(epsilons, model.truncation(epsilons), "--", color="grey", linewidth=1,
              label="c·ε² (truncation)")
    ax.loglog(epsilons, model.round_off(epsilons, precision), ":", color="grey", linewidth=1.5,
              label="k·ε_mach/ε (round-off)")
    ax.axhline(tolerance, color=PALETTE["vermillion"], linewidth=0.8, label=f"tolerance {tolerance:.0e}")
    (marker,) = ax.loglog([], [], "D", color="black", markersize=7, label="slider's ε")
    ax.set_ylim(1e-14, 3.0)
    # decade labels as plain text ("1e-8"): matplotlib's default typesets each one as maths, which
    # made a redraw of this figure four times slower
    for axis, decades in ((ax.xaxis, range(-12, 1, 2)), (ax.yaxis, range(-14, 1, 2))):
        axis.set_major_locator(FixedLocator([10.0 ** k for k in decades]))
        axis.set_major_formatter(FuncFormatter(lambda value, _: f"1e{round(np.log10(value))}"))
        axis.set_minor_locator(NullLocator())
    ax.set_xlabel("ε")
    ax.set_title(f"cost in {precision}: ε* ≈ {crossover:.0e}")
    return marker


def _draw_epsilon_figure(Theta1, Theta2, X, labels, epsilons, model, tolerance):
    """The slider's figure, both panels laid out once; returns it and each panel's marker."""
    import matplotlib.pyplot as plt

    from .plotting import subplots

    figure, axes = subplots(2, width=3.8, height=3.9)
    markers = {}
    precisions = (("float64", network.cost), ("float32", cost_float32))
    for ax, (precision, cost) in zip(axes, precisions, strict=True):
        sweep = _relative_differences(cost, Theta1, Theta2, X, labels, epsilons)
        markers[precision] = _draw_epsilon_panel(ax, precision, epsilons, sweep, model, tolerance)
    axes[0].set_ylabel("relative difference")
    # one legend for both panels, under them: at 10 pt it would cover a panel's curves
    figure.legend(*axes[0].get_legend_handles_labels(), loc="outside lower center", ncols=3)
    figure.canvas.draw()
    figure.set_layout_engine("none")  # laid out once: an update only moves the markers
    plt.close(figure)
    return figure, markers


def make_epsilon_slider(Theta1, Theta2, X, y, model, *, epsilons=None, tolerance=1e-9):
    """Build chapter 08's ε slider: the check's relative difference in float64 and float32 side by side.

    Parameters
    ----------
    Theta1, Theta2, X, y
        The checked network and data, as for :func:`epsilon_update`.
    model : EpsilonErrorModel
        The truncation and round-off estimates to draw on the panels (chapter 08 computes them).
    epsilons : array_like, shape (E,), optional
        Where the two sweeps are drawn, once; default 10^0 to 10^-12 in steps of a quarter decade.
    tolerance : float, default 1e-9
        The gradient check's bar, drawn on both panels.

    Returns
    -------
    show : callable
        ``show(epsilon)`` computes :func:`epsilon_update`, prints both relative differences with
        the bar and the dominant error, moves the two markers and displays the figure.
    figure : matplotlib.figure.Figure
        The figure ``show`` updates (closed to pyplot, so it appears only when ``show`` displays it).

    Notes
    -----
    The sweeps (2 × E checks) and the layout are computed once, here; an update is two checks
    (4·P evaluations of J) and one redraw.
    """
    Theta1, Theta2, X, labels, _ = check_network_data(Theta1, Theta2, X, y, 0.0)
    epsilons = 10.0 ** -np.arange(0.0, 12.01, 0.25) if epsilons is None else as_float_vector(epsilons,
                                                                                              "epsilons")
    tolerance = check_positive_real(tolerance, "tolerance")
    if not isinstance(model, EpsilonErrorModel):
        raise TypeError(f"model must be an EpsilonErrorModel(truncation_coefficient, round_off_coefficient); "
                        f"got {type(model).__name__}")
    figure, markers = _draw_epsilon_figure(Theta1, Theta2, X, labels, epsilons, model, tolerance)
    canvas = SliderCanvas(figure, moving=markers.values())  # only the two markers move

    def show(epsilon):
        update = epsilon_update(epsilon, Theta1, Theta2, X, labels, model)
        print(f"ε = {update.epsilon:.2g}   (bar: relative difference below {tolerance:.0e})")
        for precision in ("float64", "float32"):
            difference = getattr(update, precision)
            verdict = "passes" if difference < tolerance else "fails"
            print(f"  cost in {precision}: relative difference {difference:.1e}, {verdict}; "
                  f"{update.dominant[precision]} dominates (ε* ≈ {model.crossover(precision):.0e})")
            markers[precision].set_data([update.epsilon], [difference])
        canvas.display()

    show.canvas = canvas  # for the benchmark: the redraw alone
    return show, figure
