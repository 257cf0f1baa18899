"""Chapter 10's training runs: how long they take and what they reach on the digits.

Chapter 10 has no slider; what it costs is its three training runs on the chapter-08 split
(``train_test_split(X / 16, y, test_fraction=0.25, seed=0)``): one-vs-all logistic regression
(λ = 0.1), the sigmoid network and the softmax network (25 hidden units, λ = 1, 300 L-BFGS-B
iterations, seed 0). Also timed: one cost + gradient of each network on the training set. Both run
the network's forward and backward passes; the sigmoid network's ``cost_and_gradient`` checks its
input once, while the softmax network's goes through the public ``network.forward_scores`` and
``network.backward``, which check theirs again (about 60 µs of the difference, measured on the
digits); the rest is the output layer's work.

Run: ``.venv/bin/python benchmarks/bench_softmax.py``.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from timing import median_seconds, print_table

from mlcourse import datasets, network, one_vs_all, softmax

SEED = 0  # the chapter's seed for the split and the initial weights


def main():
    X, y = datasets.load_digits()
    X_train, X_test, y_train, y_test = datasets.train_test_split(X / 16.0, y, test_fraction=0.25, seed=SEED)
    Theta1, Theta2 = network.initialize_weights(64, 25, 10, seed=SEED)

    data = (X_train, y_train)

    rows = []
    for module in (network, softmax):
        seconds = median_seconds(lambda module=module: module.cost_and_gradient(Theta1, Theta2, *data, 1.0),
                                 50, 5)
        rows.append([f"{module.__name__}.cost_and_gradient", f"{seconds * 1e3:.3f} ms", "—"])

    fits = [
        ("one_vs_all.fit, λ = 0.1", lambda: one_vs_all.fit(*data, lambda_=0.1)),
        ("network.fit, 300 iterations", lambda: network.fit(*data, 25, 1.0, num_iters=300, seed=SEED)),
        ("softmax.fit, 300 iterations", lambda: softmax.fit(*data, 25, 1.0, num_iters=300, seed=SEED)),
    ]
    for name, function in fits:
        trained = function()
        seconds = median_seconds(function, 5, 1)
        rows.append([name, f"{seconds * 1e3:.0f} ms", f"{trained.accuracy(X_test, y_test):.2%}"])
    print_table(f"Chapter 10 on the digits ({len(y_train)} train / {len(y_test)} test; medians)",
                ["what", "time", "held-out accuracy"], rows)


if __name__ == "__main__":
    main()
