"""Training on the digits: held-out accuracy, and time beside scikit-learn's MLPClassifier.

The chapter-08 split (``train_test_split(X / 16, y, test_fraction=0.25, seed=0)``) and network
(64 → 25 → 10, λ = 1, L-BFGS-B, seed 0). Targets (issue 8): ≥ 96% held-out accuracy, and no slower
than ``MLPClassifier(hidden_layer_sizes=(25,), activation="logistic", solver="lbfgs", alpha=1)`` at
the same iteration budget (its ``alpha`` is the same λ/(2m) Σ W² penalty), timed in interleaved
rounds: as a user runs it, and with BLAS limited to one thread as ``network.fit`` limits itself
during L-BFGS-B. scikit-learn is optional: without it those rows are skipped.

Run: ``make bench`` or ``.venv/bin/python benchmarks/bench_digits.py``.
"""

import sys
import time
import warnings
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from threadpoolctl import threadpool_limits
from timing import print_table

from mlcourse import datasets, network

SEED = 0  # the chapter's seed for the split and the initial weights
ROUNDS = 7


def sklearn_contender(X_train, y_train, num_iters):
    """A function training scikit-learn's MLPClassifier, or (None, reason) without scikit-learn."""
    try:
        from sklearn.exceptions import ConvergenceWarning
        from sklearn.neural_network import MLPClassifier
    except ImportError as error:
        return None, f"scikit-learn not importable ({error}); optional, skipped"
    import sklearn

    def run():
        model = MLPClassifier(hidden_layer_sizes=(25,), activation="logistic", solver="lbfgs", alpha=1.0,
                              max_iter=num_iters, random_state=SEED)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)  # stopping at the budget is the point
            return model.fit(X_train, y_train)

    return run, f"scikit-learn {sklearn.__version__}"


def _one_thread(function):
    with threadpool_limits(limits=1, user_api="blas"):
        return function()


def main():
    X, y = datasets.load_digits()
    X_train, X_test, y_train, y_test = datasets.train_test_split(X / 16.0, y, test_fraction=0.25, seed=SEED)
    rows = []
    for num_iters in (50, 300):
        contenders = {"network.fit": lambda n=num_iters: network.fit(X_train, y_train, 25, 1.0,
                                                                      num_iters=n, seed=SEED)}
        run_sklearn, note = sklearn_contender(X_train, y_train, num_iters)
        if run_sklearn is not None:
            contenders["MLPClassifier"] = run_sklearn
            contenders["MLPClassifier, 1 BLAS thread"] = lambda run=run_sklearn: _one_thread(run)
        times, accuracies = {name: [] for name in contenders}, {}
        for _ in range(ROUNDS):
            for name, function in contenders.items():
                start = time.perf_counter()
                trained = function()
                times[name].append(time.perf_counter() - start)
                accuracies[name] = float(np.mean(trained.predict(X_test) == y_test))
        library = np.array(times["network.fit"])
        for name in contenders:
            ratio = np.median(library / np.array(times[name]))
            rows.append([f"{num_iters}", name, f"{np.median(times[name]) * 1e3:.0f} ms",
                         f"{accuracies[name]:.2%}", f"{ratio:.2f}×"])
    print(note)
    print_table(f"Digits, {len(y_train)} train / {len(y_test)} test, 64 → 25 → 10, λ = 1 ({ROUNDS} "
                "interleaved rounds, medians)",
                ["iterations", "what", "time", "held-out accuracy", "network.fit ÷ this"], rows)


if __name__ == "__main__":
    main()
