"""How fast is the network's cost + gradient, and how fast does it learn the digits?

Two figures the library promises (issue 2), measured in one run on this machine:

1. Cost + gradient on a synthetic 5000×400 → 25 → 10 problem (float64) takes at most 1.3× the time
   of the matrix products it performs, timed alone, side by side, on the same arrays. Whatever is
   not a matrix product (sigmoids, the cost's logarithms, δ, validation) must stay within that 30%.
   The per-example loop version is timed too, for contrast.
2. Training on the UCI digits (split fixed by seed) reaches ≥ 96% held-out accuracy in under 1 s.

Run: ``make bench`` or ``.venv/bin/python benchmarks/bench_network.py``.
"""

import sys
import time
from pathlib import Path

import numpy as np
from threadpoolctl import threadpool_limits

sys.path.insert(0, str(Path(__file__).resolve().parent))
from timing import interleaved_medians, median_seconds, print_table

from mlcourse import datasets, network

SEED = 0  # any fixed seed: the figures must not depend on a lucky draw


def matrix_products_only(Theta1, Theta2, X, work):
    """Exactly the matrix products ``network.cost_and_gradient`` performs, in the same operand
    orders and into the same kind of preallocated outputs, and nothing else."""
    np.matmul(X, Theta1[:, 1:].T, out=work.z2)              # z2 (bias added separately)
    np.matmul(work.hidden, Theta2[:, 1:].T, out=work.z3)    # z3
    np.matmul(work.delta3, Theta2[:, 1:], out=work.delta2)  # δ(3) Θ(2) without the bias column
    X.T @ work.delta2                                       # Θ(1)_grad = δ(2)ᵀ X, transposed
    work.delta3.T @ work.hidden                             # Θ(2)_grad
    work.ones @ work.delta2                                 # bias columns: column sums of δ
    work.ones @ work.delta3


def synthetic_problem(m=5000, n=400, s2=25, K=10):
    rng = np.random.default_rng(SEED)
    X = rng.random((m, n))
    y = rng.integers(0, K, size=m)
    Theta1, Theta2 = network.initialize_weights(n, s2, K, seed=SEED)
    return Theta1, Theta2, X, y


def bench_cost_and_gradient(repeats):
    Theta1, Theta2, X, y = synthetic_problem()
    m, s2, K = X.shape[0], Theta1.shape[0], Theta2.shape[0]
    network.cost_and_gradient(Theta1, Theta2, X, y, 1.0)  # builds the workspace
    work = network._workspace(m, s2, K)
    rows = []
    for threads in (None, 1):
        label = "all BLAS threads" if threads is None else "1 BLAS thread"
        with threadpool_limits(limits=threads, user_api="blas"):
            full, products = interleaved_medians(
                lambda: network.cost_and_gradient(Theta1, Theta2, X, y, 1.0),
                lambda: matrix_products_only(Theta1, Theta2, X, work), repeats)
            rows.append([label, "cost_and_gradient (vectorised)", f"{full * 1e3:.2f} ms",
                         f"{products * 1e3:.2f} ms", f"{full / products:.2f}×"])
            if threads is None:
                loop = median_seconds(lambda: network.gradient_loop(Theta1, Theta2, X, y, 1.0), 5, 1)
                rows.append([label, "gradient_loop (for t = 1..m)", f"{loop * 1e3:.1f} ms",
                             f"{products * 1e3:.2f} ms", f"{loop / products:.1f}×"])
    print_table("Network cost + gradient, 5000×400 → 25 → 10, float64, λ = 1 (medians)",
                ["BLAS", "what", "time", "matrix products alone", "ratio"], rows)
    return float(rows[0][-1].rstrip("×"))


def bench_digits_training(repeats):
    start = time.perf_counter()
    datasets.clear_cache()
    X, y = datasets.load_digits()
    X_train, X_test, y_train, y_test = datasets.train_test_split(X / 16.0, y, test_fraction=0.25, seed=SEED)
    load_seconds = time.perf_counter() - start
    times, accuracies = [], []
    for _ in range(repeats):
        start = time.perf_counter()
        trained = network.fit(X_train, y_train, hidden_size=25, lambda_=1.0, num_iters=300, seed=SEED)
        times.append(time.perf_counter() - start)
        accuracies.append(trained.accuracy(X_test, y_test))
    result = trained.result
    rows = [[f"{len(y_train)} train / {len(y_test)} test", "64 → 25 → 10, λ = 1, L-BFGS-B",
             f"{result.iterations}", f"{np.median(times):.3f} s", f"{max(times):.3f} s",
             f"{accuracies[-1]:.2%}", f"{trained.accuracy(X_train, y_train):.2%}"]]
    print_table(f"Training on the UCI digits ({repeats} runs; the split and weights are seeded)",
                ["data", "network", "iterations", "median time", "slowest", "test accuracy",
                 "train accuracy"], rows)
    print(f"(loading, checksum and split before training: {load_seconds * 1e3:.1f} ms)")
    return np.median(times), accuracies[-1]


def main():
    ratio = bench_cost_and_gradient(repeats=60)
    seconds, accuracy = bench_digits_training(repeats=5)
    print(f"\nCost + gradient: {ratio:.2f}× its matrix products — "
          f"{'meets' if ratio <= 1.3 else 'MISSES'} the target (≤ 1.3×)")
    print(f"Digits: {accuracy:.2%} held-out in {seconds:.3f} s — "
          f"{'meets' if seconds < 1.0 and accuracy >= 0.96 else 'MISSES'} the target (≥ 96% in < 1 s)")


if __name__ == "__main__":
    main()
