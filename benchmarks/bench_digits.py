"""Training on the digits: held-out accuracy, and time beside scikit-learn's MLPClassifier.

The chapter-09 split (``train_test_split(X / 16, y, test_fraction=0.25, seed=0)``) and network
(64 → 25 → 10, λ = 1, L-BFGS-B, seed 0), trained for 50 and for 300 iterations (the chapter's budget).
Targets (issue 8): ≥ 96% held-out accuracy at 300 iterations, and no slower than
``MLPClassifier(hidden_layer_sizes=(25,), activation="logistic", solver="lbfgs")`` at the same
iteration budget.

MLPClassifier is made to train the very same problem, so that the times compare like with like:

- given the labels 0..9, MLPClassifier puts a softmax output layer on the network, a different
  cost; given the one-hot matrix Y (m × 10) it treats the digits as ten yes/no outputs, with
  sigmoid output units and the course's cost, Σ over the m examples and K outputs of the
  cross-entropy, / m, plus ``alpha``/(2m) Σ W² with the biases unpenalised: ``alpha`` is λ;
- it starts from network.fit's initial Θ(1), Θ(2) (``warm_start`` from ``coefs_`` and
  ``intercepts_`` set to them), not from its own random draw;
- its ``tol`` is L-BFGS-B's gradient tolerance, set to scipy's default 1e-5, which network.fit
  keeps; both run scipy's L-BFGS-B with its other defaults and the same ``maxiter``.

The script prints the largest difference between ``network.cost_and_gradient`` and
MLPClassifier's loss and gradient at that start (rounding level, ~1e-15), the iterations each
optimiser ran, its final J and the held-out accuracy of what it trained, and times them in
interleaved rounds: MLPClassifier as a user runs it (OpenBLAS's default threads, one per core) and
with BLAS limited to one thread, as ``network.fit`` limits itself during L-BFGS-B. The two optimisers
follow the same path to ~1e-10 over 50 iterations; over 300 their iterates drift apart by rounding
(the cost is not convex), so their final J differs in the fourth decimal place.

scikit-learn is an optional extra (requirements-bench.txt; ``make bench EXTRAS=1``): without it
the script says "skipped: not importable" and times network.fit alone. Reading the loss and
gradient at a given Θ uses ``MLPClassifier._backprop``, a private method, checked with
scikit-learn 1.9.

Measured (2 cores shared with other jobs, load 2–4; numpy's OpenBLAS 0.3.31 SkylakeX; scikit-learn
1.9.1; three runs of 7 rounds): loss and gradient at the start agree to 2.7e-15; both optimisers ran
all 50 (300) iterations, to J = 0.562712 (0.50625–0.50636) and 96.44% (97.10%) held-out accuracy.
At 50 iterations network.fit took 89–170 ms, MLPClassifier on 1 BLAS thread 149–267 ms (network.fit
÷ it 0.51–0.68×); at 300, 459–944 ms against 502–1046 ms (0.90–1.02×: level, within the 3%
allowance). MLPClassifier with OpenBLAS's default 2 threads took 1.7–3.0 s at 50 iterations and
2.9–21 s at 300: OpenBLAS's threads spin against the other jobs for the two cores, so that row
measures the machine's load as much as anything. On the same machine, quiet, with z2 taken as
(Θ(1) Xᵀ)ᵀ (two runs): network.fit 60 ms against 98–102 ms at 50 iterations (0.60–0.62×), 343–345 ms
against 430–431 ms at 300 (0.80×); the same accuracies, J = 0.506339 at 300 (round-off's path).

Run: ``make bench`` or ``.venv/bin/python benchmarks/bench_digits.py``; with scikit-learn, ``make bench
EXTRAS=1`` (it adds requirements-bench.txt to .venv) or any environment with scikit-learn and the
course. ``pytest benchmarks`` tests the contender, present and absent.
"""

import sys
import time
import warnings
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from threadpoolctl import threadpool_limits
from timing import largest_difference, print_table

from mlcourse import datasets, network

SEED = 0  # the chapter's seed for the split and the initial weights
ROUNDS = 7
LAMBDA = 1.0
HIDDEN_SIZE = 25
CHAPTER_BUDGET = 300  # chapter 09's L-BFGS-B iterations, where the accuracy target applies
BUDGETS = (50, CHAPTER_BUDGET)
ACCURACY_TARGET = 0.96
# scipy's default gradient tolerance for L-BFGS-B, which network.fit leaves as it is;
# MLPClassifier passes its `tol` to scipy as that tolerance (its own default is 1e-4).
SCIPY_LBFGSB_GTOL = 1e-5


def sklearn_model(X_train, Y, hidden_size):
    """An MLPClassifier with the course's network's layers, or ``(None, reason)`` without scikit-learn.

    ``Y`` is the one-hot matrix (m, K): with it MLPClassifier has K sigmoid outputs and the
    course's cost. The model is fitted for one iteration, untimed, which builds its layers; every
    timed fit then starts (``warm_start``) from the weights :func:`set_weights` gives it.
    """
    try:
        import sklearn
        from sklearn.neural_network import MLPClassifier
    except ImportError as error:
        return None, f"scikit-learn: skipped: not importable ({error}); optional, see requirements-bench.txt"
    model = MLPClassifier(hidden_layer_sizes=(hidden_size,), activation="logistic", solver="lbfgs",
                          alpha=LAMBDA, tol=SCIPY_LBFGSB_GTOL, max_iter=1, warm_start=True,
                          random_state=SEED)  # its own first draw, replaced before every timed fit
    _fit_quietly(model, X_train, Y)
    return model, f"scikit-learn {sklearn.__version__}"


def _fit_quietly(model, X, Y):
    from sklearn.exceptions import ConvergenceWarning

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)  # stopping at the budget is the point
        return model.fit(X, Y)


def set_weights(model, Theta1, Theta2):
    """Give MLPClassifier the course's Θ: its coefs_ are the Θ without the bias column, transposed."""
    model.coefs_ = [Theta1[:, 1:].T.copy(), Theta2[:, 1:].T.copy()]
    model.intercepts_ = [Theta1[:, 0].copy(), Theta2[:, 0].copy()]


def course_layout(coefs, intercepts):
    """MLPClassifier's per-layer weights (or gradients) as the course's (Theta1, Theta2)."""
    return tuple(np.column_stack([bias, weights.T]) for weights, bias in zip(coefs, intercepts, strict=True))


def sklearn_training(model, X_train, Y, Theta1, Theta2, num_iters):
    """``run()``: MLPClassifier trained from (Θ(1), Θ(2)) for at most ``num_iters`` iterations.

    ``run()`` returns ``(Theta1, Theta2, iterations, J)`` of the trained network.
    """
    def run():
        model.max_iter = num_iters
        set_weights(model, Theta1, Theta2)
        _fit_quietly(model, X_train, Y)
        return *course_layout(model.coefs_, model.intercepts_), model.n_iter_, model.loss_

    return run


def sklearn_cost_and_gradient(model, Theta1, Theta2, X, Y):
    """MLPClassifier's loss and gradient at (Θ(1), Θ(2)): ``(J, (Theta1_grad, Theta2_grad))``.

    Through the private ``_backprop`` (scikit-learn 1.9's signature): scikit-learn has no public way
    to evaluate its loss at given weights.
    """
    set_weights(model, Theta1, Theta2)
    coef_grads = [np.empty_like(weights) for weights in model.coefs_]
    intercept_grads = [np.empty_like(bias) for bias in model.intercepts_]
    J, coef_grads, intercept_grads = model._backprop(X, Y, None, [X, None, None], [None, None],
                                                     coef_grads, intercept_grads)
    return J, course_layout(coef_grads, intercept_grads)


def library_training(X_train, y_train, num_iters):
    """``run()``: network.fit for at most ``num_iters`` iterations, as ``(Theta1, Theta2, iterations, J)``."""
    def run():
        fit = network.fit(X_train, y_train, HIDDEN_SIZE, LAMBDA, num_iters=num_iters, seed=SEED)
        return fit.Theta1, fit.Theta2, fit.result.iterations, fit.result.cost_history[-1]

    return run


def _one_thread(function):
    with threadpool_limits(limits=1, user_api="blas"):
        return function()


def interleaved_rounds(contenders, rounds):
    """Seconds of every round for each contender, and what its last run returned."""
    times, outcomes = {name: [] for name in contenders}, {}
    for _ in range(rounds):
        for name, function in contenders.items():
            start = time.perf_counter()
            outcomes[name] = function()
            times[name].append(time.perf_counter() - start)
    return {name: np.array(seconds) for name, seconds in times.items()}, outcomes


def time_budget(num_iters, data, model, rounds):
    """Rows of the table for one iteration budget, and the verdicts on its targets."""
    X_train, y_train, X_test, y_test, Y, Theta1, Theta2 = data
    contenders = {"network.fit": library_training(X_train, y_train, num_iters)}
    if model is not None:
        run = sklearn_training(model, X_train, Y, Theta1, Theta2, num_iters)
        contenders["MLPClassifier, default BLAS threads"] = run
        contenders["MLPClassifier, 1 BLAS thread"] = lambda: _one_thread(run)
    times, outcomes = interleaved_rounds(contenders, rounds)
    rows, ratios, accuracy = [], {}, {}
    for name, (Theta1_trained, Theta2_trained, iterations, J) in outcomes.items():
        accuracy[name] = np.mean(network.predict(Theta1_trained, Theta2_trained, X_test) == y_test)
        ratios[name] = np.median(times["network.fit"] / times[name])
        rows.append([f"{num_iters}", name, f"{iterations}", f"{J:.6f}", f"{accuracy[name]:.2%}",
                     f"{np.median(times[name]) * 1e3:.0f} ms", f"{ratios[name]:.2f}×"])
    verdicts = []
    if model is not None:  # against the faster of MLPClassifier's two thread settings
        ratio = max(ratio for name, ratio in ratios.items() if name != "network.fit")
        verdicts.append(f"{num_iters} iterations: network.fit ÷ the faster MLPClassifier {ratio:.2f}× — "
                        f"{'meets' if ratio <= 1.03 else 'MISSES'} the target (≤ 1.0×, 3% noise allowed)")
    if num_iters == CHAPTER_BUDGET:
        ours = accuracy["network.fit"]
        verdicts.append(f"{num_iters} iterations: network.fit's held-out accuracy {ours:.2%} — "
                        f"{'meets' if ours >= ACCURACY_TARGET else 'MISSES'} the target "
                        f"(≥ {ACCURACY_TARGET:.0%})")
    return rows, verdicts


def main(rounds=ROUNDS, budgets=BUDGETS):
    X, y = datasets.load_digits()
    X_train, X_test, y_train, y_test = datasets.train_test_split(X / 16.0, y, test_fraction=0.25, seed=SEED)
    K = int(y.max()) + 1
    Y = np.eye(K)[y_train]
    # network.fit's own start: the same seed draws the same weights
    Theta1, Theta2 = network.initialize_weights(X_train.shape[1], HIDDEN_SIZE, K, seed=SEED)
    model, note = sklearn_model(X_train, Y, HIDDEN_SIZE)
    print(note)
    if model is not None:
        difference = largest_difference(network.cost_and_gradient(Theta1, Theta2, X_train, y_train, LAMBDA),
                                        sklearn_cost_and_gradient(model, Theta1, Theta2, X_train, Y))
        print("largest difference between network.cost_and_gradient and MLPClassifier's loss and "
              f"gradient at the start: {difference:.1e}")
    data = (X_train, y_train, X_test, y_test, Y, Theta1, Theta2)
    rows, verdicts = [], []
    for num_iters in budgets:
        budget_rows, budget_verdicts = time_budget(num_iters, data, model, rounds)
        rows += budget_rows
        verdicts += budget_verdicts
    print_table(f"Digits, {len(y_train)} train / {len(y_test)} test, 64 → {HIDDEN_SIZE} → {K}, "
                f"λ = {LAMBDA:g}, L-BFGS-B from the same start ({rounds} interleaved rounds, medians)",
                ["budget", "what", "iterations run", "final J", "held-out accuracy", "time",
                 "network.fit ÷ this (median per round)"], rows)
    print()
    for verdict in verdicts:
        print(verdict)


if __name__ == "__main__":
    main()
