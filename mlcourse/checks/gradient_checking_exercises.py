"""The exercises of chapter 08: ``numerical_gradient``, and the diagnoses of four planted bugs.

The learner's function is called on a known function f of θ, first for a vector θ, then for a matrix
θ (the teaching inputs, with the course's ε = 1e-4), then for a seeded matrix of another shape with
ε = 0.01, large enough that a function ignoring its epsilon shows; each answer is compared with
:func:`mlcourse.gradcheck.numerical_gradient`. f records every θ it is given, so the check also sees
how the nudges were made (one entry at a time, whole rows, in float32). Every difference quotient
here, the mistakes' ones included, is that one routine. Last comes a θ of a shape, and an ε, drawn
anew for every run.
"""

import reprlib
from dataclasses import dataclass

import numpy as np

from .. import gradcheck
from . import progress
from .engine import Exercise, Mistake, read_numbers, run
from .later_inputs import tenths
from .network_shapes import refuse_copies

__all__ = [
    "DIAGNOSIS_CHOICES",
    "NUMERICAL_GRADIENT",
    "Diagnosis",
    "RecordingFunction",
    "diagnosis",
    "known_function",
    "numerical_gradient",
    "print_diagnosis_choices",
]

EPSILON = 1e-4  # the course's nudge
# The stress input's nudge. The central difference is off by (ε²/6)·f‴ = ε² here (f‴ = 6), 1e-4 at
# ε = 0.01, so an answer computed with another small ε (the course's 1e-4, say) misses it by far more
# than the check's tolerance; at ε = 1e-3 the two would still agree to 1e-6.
STRESS_EPSILON = 0.01
STRESS_SEED = 2  # a (3, 2) θ with no entry 0 and no two entries equal


def known_function(theta):
    """f(θ) = Σ θ³ + (Σ θ)²: ∂f/∂θ_i = 3θ_i² + 2 Σ θ.

    The cube makes the one-sided difference visibly wrong (its error ε/2 · ∂²f = ε/2 · (6θ_i + 2) is
    ~1e-5 of the answer here, far above the check's tolerance); the squared sum couples the entries,
    so a nudge left in one entry changes every later one.
    """
    theta = np.asarray(theta, dtype=np.float64)
    return float(np.sum(theta ** 3) + np.sum(theta) ** 2)


class ThetaShapeError(ValueError):
    """Raised by :class:`RecordingFunction` for a θ not in the shape of the θ being differentiated."""


class RecordingFunction:
    """The known function, which also records every θ it is called with (to see the nudges).

    Like a real cost of packed or matrix weights, it takes θ only in the shape ``shape`` of the θ
    being differentiated: its value ignores where an entry sits, so without that a θ flattened or
    transposed before f sees it would pass, and then break on a real cost (chapter 08's network).
    """

    def __init__(self, shape):
        self.shape = tuple(shape)
        self.calls = []
        self.dtypes = []  # the dtype of each θ as given: float32 is a mistake of its own

    def __call__(self, theta):
        if np.shape(theta) != self.shape:
            raise ThetaShapeError(f"f was given θ of shape {np.shape(theta)}, not theta's shape {self.shape}")
        self.dtypes.append(np.asarray(theta).dtype)
        self.calls.append(np.array(theta, dtype=np.float64))  # a copy: the caller may change theta next
        return known_function(theta)

    def __repr__(self):  # shown as the input, as code the learner can paste
        return "lambda theta: np.sum(theta ** 3) + np.sum(theta) ** 2"


def _teaching_inputs():
    """A vector θ (3,), then a matrix θ (2, 3), with the course's ε; a fresh recording f for each."""
    return [{"f": RecordingFunction(theta.shape), "theta": theta, "epsilon": EPSILON}
            for theta in (np.array([0.5, -1.2, 2.0]), np.array([[0.3, -0.8, 1.5], [-1.1, 0.7, 2.2]]))]


def _inputs():
    """The teaching inputs, then a seeded θ (3, 2) with ε = 0.01."""
    theta = np.round(np.random.default_rng(STRESS_SEED).normal(size=(3, 2)), 1)
    stress = {"f": RecordingFunction(theta.shape), "theta": theta, "epsilon": STRESS_EPSILON}
    return [*_teaching_inputs(), stress]


def _fresh(rng):
    """θ of a drawn shape (a vector of 2 to 6 entries, or a matrix of 2 to 4 a side), ε from 0.001 to 0.02."""
    if rng.random() < 0.5:
        shape = (int(rng.integers(2, 7)),)
    else:
        shape = tuple(int(size) for size in rng.integers(2, 5, size=2))
    epsilon = float(rng.choice([0.001, 0.002, 0.005, 0.01, 0.02]))
    return {"f": RecordingFunction(shape), "theta": tenths(rng, shape), "epsilon": epsilon}


def _reference(f, theta, epsilon):
    return gradcheck.numerical_gradient(known_function, theta, epsilon)


def _read_gradient(result, expected, **inputs):
    """The default reader, after naming a result in a floating type narrower than float64."""
    dtype = getattr(result, "dtype", None)
    if isinstance(dtype, np.dtype) and dtype.kind == "f" and dtype.itemsize < 8:
        return result, ("float32 result", (
            f"your gradient is {dtype} (about {np.finfo(dtype).precision} significant digits), not "
            f"float64 (about 15): chapter 08 shows why that fails a gradient check, whose differences "
            f"of nearly equal numbers need every digit. Start from grad = np.zeros(theta.shape) "
            f"(float64), not from an array made with dtype=np.float32 or from a float32 array."))
    return read_numbers(result, expected)


def _one_sided_difference(theta, step):
    """(f(θ + step·e_i) − f(θ)) / step for every entry i, with f the known function.

    A one-sided difference is the central difference along e_i taken half a step away, at
    t = step/2 with the nudge |step|/2: both are (φ(step) − φ(0)) / step for φ(t) = f(θ + t e_i).
    """
    grad = np.empty(theta.shape)
    for i in np.ndindex(theta.shape):
        def along_entry(t, i=i):
            nudged = theta.copy()
            nudged[i] += t[0]
            return known_function(nudged)
        grad[i] = gradcheck.numerical_gradient(along_entry, np.array([step / 2]), abs(step) / 2)[0]
    return grad


def _numerical_gradient_mistakes(f, theta, epsilon):
    """What each common mistake returns on the known function, most telling first."""
    central = gradcheck.numerical_gradient(known_function, theta, epsilon)
    # θ + ε nudges every entry at once: the derivative of f along (1, 1, …), in every entry
    every = gradcheck.numerical_gradient(lambda t: known_function(theta + t[0]), np.zeros(1), epsilon)[0]
    one_sided_hint = ("(f(θ + ε) − f(θ)) / ε is the one-sided difference, wrong by about ε/2 · f''; "
                      "the central difference (f(θ + ε e_i) − f(θ − ε e_i)) / (2ε) cancels that term, "
                      "its error is O(ε²) (chapter 08).")
    mistakes = [
        Mistake("one-sided difference", one_sided_hint, _one_sided_difference(theta, epsilon)),
        Mistake("one-sided difference", one_sided_hint, _one_sided_difference(theta, -epsilon)),
        Mistake("forgot the 2 in 2ε", "the two points θ + ε e_i and θ − ε e_i are 2ε apart: divide the "
                "difference by 2 * epsilon.", 2 * central),
        Mistake("operator precedence: / 2*epsilon", "(f_plus - f_minus) / 2*epsilon is "
                "((f_plus − f_minus) / 2) · ε in Python; write / (2 * epsilon).", central * epsilon ** 2),
        Mistake("nudged every entry at once", "θ + ε nudges every entry together, which gives one "
                "directional derivative, not the partial derivatives: nudge one entry at a time, "
                "e_i = 1 at entry i and 0 elsewhere.", np.full(theta.shape, every)),
        Mistake("minus nudge returns to θ", "(f(θ + ε e_i) − f(θ)) / (2ε): the second call of f saw θ "
                "itself, because subtracting ε from θ + ε e_i only undoes the first nudge. The minus "
                "point is θ − ε e_i, 2ε below the plus point: nudge a fresh copy, "
                "theta_minus = theta.copy(); theta_minus[i] -= epsilon.",
                _one_sided_difference(theta, epsilon) / 2),
    ]
    if epsilon != EPSILON:  # with the course's ε the two agree
        mistakes.append(Mistake("epsilon not used", f"your answer is the central difference with ε = "
                                f"{EPSILON:g}, the course's, but this call passed epsilon = {epsilon:g}: "
                                f"nudge by the epsilon argument, not a number typed in or a global.",
                                gradcheck.numerical_gradient(known_function, theta, EPSILON)))
    if theta.ndim > 1:
        mistakes.append(Mistake("returned a flattened array", f"the numbers are right, but the gradient "
                                f"must have θ's shape {theta.shape}: start from grad = "
                                f"np.zeros_like(theta), or reshape at the end.", central.ravel()))
    return mistakes


def _explain(error, f, theta, epsilon):
    """Name the exception f raises when the learner's code hands it θ in another shape."""
    if isinstance(error, ThetaShapeError):
        return "f given θ in another shape", (
            "f takes θ in the shape of theta, as a cost of packed or matrix weights does (chapter 08's "
            "network cost would stop here): nudge copies of theta itself, theta_plus = theta.copy(), "
            "without flattening, transposing or reshaping them.")
    return None


def _odd_calls(f):
    """(name, hint) if the learner's code passed f a θ that is not float64: float32, or complex."""
    for dtype in f.dtypes:
        if dtype.kind == "c":
            return "complex θ given to f", (
                f"f was given θ as {dtype}: f takes real θ, and its numpy drops the imaginary part "
                f"(with a ComplexWarning), so a complex step θ + iε e_i sees no nudge at all. Nudge by "
                f"the real ε: f(θ + ε e_i) and f(θ − ε e_i).")
        if dtype.kind == "f" and dtype.itemsize < 8:
            return "computed in float32", (
                f"f was given θ as {dtype}, which keeps about {np.finfo(dtype).precision} significant "
                f"digits: θ + ε is rounded before f sees it, and f(θ + ε) − f(θ − ε) loses most of what "
                f"is left — the failure chapter 08 shows. Nudge float64 copies: theta.astype(float).")
    return None


def _whole_row(nudged):
    """True if the boolean mask ``nudged`` (θ's shape, 2-D) marks exactly one whole row."""
    return nudged.ndim == 2 and nudged.all(axis=1).sum() == 1 and nudged.sum() == nudged.shape[1]


def _diagnose_nudges(got, f, theta, epsilon):
    """For a wrong answer: what the θs the learner's code passed to f say about its nudges."""
    named = _odd_calls(f)
    if named is not None:
        return named
    calls = [call.reshape(theta.shape) for call in f.calls if call.size == theta.size]
    nudged = [np.abs(call - theta) > epsilon / 2 for call in calls]
    counts = [int(np.count_nonzero(mask)) for mask in nudged]
    if counts and max(counts) > 1:
        if theta.size > 1 and all(count in (0, theta.size) for count in counts):
            return "nudged every entry at once", (
                "f was called with every entry of θ nudged together; that gives one directional "
                "derivative, not the partial derivatives: nudge one entry at a time.")
        first = next(i for i, count in enumerate(counts) if count > 1)  # where it starts to go wrong
        if theta.ndim == 2 and _whole_row(nudged[first]):
            return "nudged a whole row at a time", (
                f"call {first + 1} of f had a whole row of θ {theta.shape} nudged: for a matrix, "
                f"range(len(theta)) counts its {theta.shape[0]} rows, and theta[i] is row i. Visit every "
                f"entry: for i in np.ndindex(theta.shape) (i is then a pair (j, k)), or loop over "
                f"range(theta.size) with theta.flat[i].")
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


NUMERICAL_GRADIENT = Exercise(
    "numerical_gradient",
    inputs=_inputs,
    reference=_reference,
    read=refuse_copies(_read_gradient, _reference, _teaching_inputs),
    describe=lambda f, theta, epsilon: {"θ shape": theta.shape, "ε": epsilon},
    mistakes=_numerical_gradient_mistakes,
    nonfinite_hint="is epsilon used as given (not 0), and is the difference divided by 2 * epsilon?",
    explain=_explain,
    diagnose=_diagnose_nudges,
    fresh=_fresh,
    in_place_hint="the answer is right, but theta is not the same after your function ran: it nudged "
                  "the caller's array itself, and θ + ε − ε is not always exactly θ in floating point. "
                  "Nudge a copy (theta_plus = theta.copy(); theta_plus[i] += epsilon), or save "
                  "original = theta[i] and restore it exactly with theta[i] = original.")


def numerical_gradient(fn):
    """Check the learner's ``numerical_gradient`` (chapter 08); print the verdict and return it.

    grad_i = (f(θ + ε e_i) − f(θ − ε e_i)) / (2ε), on f(θ) = Σ θ³ + (Σ θ)² with ε = 1e-4, for a
    vector θ (3,), then, if that passes, for a matrix θ (2, 3), then for a matrix θ (3, 2) with
    ε = 0.01.

    Parameters
    ----------
    fn : callable
        The learner's function: f (callable, θ → number), theta (any shape), epsilon > 0 → the
        central-difference gradient, an array of theta's shape.

    Returns
    -------
    CheckResult
        Named mistakes: one-sided (forward or backward) difference, forgot the 2 in 2ε, operator
        precedence / 2*epsilon, f given θ in another shape (flattened or transposed), nudged every
        entry at once, nudged a whole row at a time
        (range(len(theta)) over a matrix), nudge not restored (nudges accumulate), minus nudge
        returns to θ, epsilon not used, float32 result, computed in float32, complex θ given to f,
        changed the caller's θ in place (reported as "changed its input"), returned a single number,
        returned a flattened array, hard-coded answer; and, from the engine, cast to int and
        returned complex numbers.
    """
    return run(NUMERICAL_GRADIENT, fn)


# --- the diagnoses of chapter 08's planted bugs a-d -----------------------------------------------

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
        What :func:`diagnosis` printed.
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
    """The answer as it is compared: typographic quotes made plain (an editor's autocorrect makes
    them), case, spacing and a closing full stop ignored, λ and δ spelled out."""
    text = text.translate(str.maketrans("‘’′“”", "'''\"\"")).strip().strip("\"'").strip()
    text = text.removesuffix(".").lower().replace("λ", "lambda").replace("δ", "delta")
    return " ".join(text.split())


def print_diagnosis_choices():
    """Print :data:`DIAGNOSIS_CHOICES`, one per line, as strings ready to copy."""
    for choice in DIAGNOSIS_CHOICES:
        print(f'  "{choice}"')


def diagnosis(bug, answer):
    """Print whether ``answer`` names the mistake planted in chapter 08's ``bug_<bug>``; return it.

    Parameters
    ----------
    bug : {"a", "b", "c", "d"}
    answer : str
        The learner's diagnosis: one of :data:`DIAGNOSIS_CHOICES` (case and spacing do not
        matter); the notebook's placeholder ``"not answered yet"`` means not attempted. Anything
        else, a number or None included, is "not a choice".

    Returns
    -------
    Diagnosis
        ``.passed`` is True for the right choice.

    Raises
    ------
    ValueError
        If ``bug`` is not one of "a", "b", "c", "d" (the chapter's code, not the learner's answer).

    Notes
    -----
    A wrong choice gets a hint that points at the evidence in the check's numbers (which matrix,
    which column, what factor), never the answer itself.
    """
    if bug not in _ANSWERS:
        raise ValueError(f'bug must be one of "a", "b", "c", "d"; got {bug!r}')
    given = answer
    answer = _normalise(answer) if isinstance(answer, str) else None  # a number or None: not a choice
    choices = {_normalise(choice): choice for choice in DIAGNOSIS_CHOICES}
    if answer in ("not answered yet", ""):
        status = "not attempted"
        message = (f"bug {bug}: not attempted yet — run the check above, read the ratios, then set "
                   f"diagnosis_{bug} to one of the choices.")
    elif answer not in choices:
        status = "not a choice"
        message = (f"bug {bug}: {reprlib.repr(given)} is not one of the choices; copy one of them exactly, "
                   f"as text in quotes:\n"
                   + "\n".join(f'  "{choice}"' for choice in DIAGNOSIS_CHOICES))
    elif choices[answer] == _ANSWERS[bug]:
        status = "correct"
        message = f"bug {bug}: correct — {_EXPLANATIONS[bug]}"
    else:
        status = "wrong"
        message = f"bug {bug}: not this one. Hint: {_HINTS[bug]}"
    print(message)
    answered = "" if status in ("correct", "not attempted") else f"answered {reprlib.repr(given)}"
    progress.log_verdict(f"bug {bug}", status, answered)  # for a teacher's grading
    return Diagnosis(bug=bug, status=status, message=message)
