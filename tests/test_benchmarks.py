"""The benchmarks' optional contenders: PyTorch in bench_network.py, scikit-learn in bench_digits.py.

Neither is installed by the course, so each is tested both ways: made unimportable here (the script
must say "skipped: not importable" and still time the library), and, where ``make bench EXTRAS=1``
installed it, computing the library's J and gradient to rounding and, for MLPClassifier, training
along network.fit's path from the same start. Run: ``.venv/bin/python -m pytest tests/test_benchmarks.py``.
"""

import importlib
import os
import sys
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
import bench_digits
import bench_network
from timing import largest_difference

from mlcourse import datasets, network

ROUNDING = 1e-12  # J and the gradients are sums of a few thousand terms of order 1
# Extras listed here (comma-separated, as `make test-bench-extras` sets it) must be importable: their
# tests fail instead of skipping, so CI cannot pass a contender it never ran.
REQUIRED = set(filter(None, os.environ.get("MLCOURSE_REQUIRE_EXTRAS", "").split(",")))


def extra(module):
    """Import an optional contender's package, or skip the test (fail if REQUIRED lists it)."""
    if module in REQUIRED:
        return importlib.import_module(module)
    return pytest.importorskip(module)


def small_problem(m=60, n=7, s2=5, K=4, seed=3):
    rng = np.random.default_rng(seed)
    X = rng.random((m, n))
    y = np.arange(m) % K  # every class present
    Theta1, Theta2 = network.initialize_weights(n, s2, K, seed=seed)
    return Theta1, Theta2, X, y


def digits_start():
    X, y = datasets.load_digits()
    X_train, _, y_train, _ = datasets.train_test_split(X / 16.0, y, test_fraction=0.25, seed=0)
    Theta1, Theta2 = network.initialize_weights(X_train.shape[1], bench_digits.HIDDEN_SIZE, 10, seed=0)
    return X_train, y_train, np.eye(10)[y_train], Theta1, Theta2


# --- absent: what every course environment sees ---------------------------------------------------

def test_without_torch_the_network_benchmark_says_skipped(monkeypatch):
    monkeypatch.setitem(sys.modules, "torch", None)  # `import torch` now raises ImportError
    run, note = bench_network.torch_contender(*small_problem(), 1.0)
    assert run is None
    assert note.startswith("PyTorch: skipped: not importable (")


def test_without_sklearn_the_digits_benchmark_says_skipped_and_times_the_library_alone(monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "sklearn", None)
    X_train, _, Y, _, _ = digits_start()
    model, note = bench_digits.sklearn_model(X_train, Y, 5)
    assert model is None
    assert note.startswith("scikit-learn: skipped: not importable (")
    bench_digits.main(rounds=1, budgets=(3,))
    printed = capsys.readouterr().out
    assert "scikit-learn: skipped: not importable" in printed
    assert "network.fit" in printed
    assert "MLPClassifier" not in printed


# --- present: where `make bench EXTRAS=1` installed them -------------------------------------------

@pytest.mark.parametrize("lambda_", [0.0, 1.5])
def test_torch_autograd_gives_the_librarys_cost_and_gradient(lambda_):
    extra("torch")
    Theta1, Theta2, X, y = small_problem()
    run, note = bench_network.torch_contender(Theta1, Theta2, X, y, lambda_)
    assert "float64 autograd" in note
    assert "1 thread" in note
    expected = network.cost_and_gradient(Theta1, Theta2, X, y, lambda_)
    assert largest_difference(expected, run()) < ROUNDING
    assert largest_difference(expected, run()) < ROUNDING  # a second call: no gradient carried over


def test_torch_agrees_where_the_outputs_saturate():
    extra("torch")
    Theta1, Theta2, X, y = small_problem()
    Theta2 = Theta2 * 40  # |z3| of tens: softplus-style shortcuts would show here
    run, _ = bench_network.torch_contender(Theta1, Theta2, X, y, 1.0)
    assert largest_difference(network.cost_and_gradient(Theta1, Theta2, X, y, 1.0), run()) < 1e-10


def test_sklearn_loss_and_gradient_are_the_librarys_at_any_weights():
    extra("sklearn")
    X_train, y_train, Y, Theta1, Theta2 = digits_start()
    model, _ = bench_digits.sklearn_model(X_train, Y, bench_digits.HIDDEN_SIZE)
    for scale in (1.0, 5.0):  # the start, and weights five times as large
        expected = network.cost_and_gradient(scale * Theta1, scale * Theta2, X_train, y_train,
                                             bench_digits.LAMBDA)
        got = bench_digits.sklearn_cost_and_gradient(model, scale * Theta1, scale * Theta2, X_train, Y)
        assert largest_difference(expected, got) < ROUNDING


def test_sklearn_trains_along_network_fits_path_from_the_same_start():
    extra("sklearn")
    X_train, y_train, Y, Theta1, Theta2 = digits_start()
    model, _ = bench_digits.sklearn_model(X_train, Y, bench_digits.HIDDEN_SIZE)
    ours = bench_digits.library_training(X_train, y_train, 10)()
    theirs = bench_digits.sklearn_training(model, X_train, Y, Theta1, Theta2, 10)()
    assert ours[2] == theirs[2] == 10  # iterations run
    assert abs(ours[3] - theirs[3]) < 1e-10  # final J
    for Theta_ours, Theta_theirs in zip(ours[:2], theirs[:2], strict=True):
        np.testing.assert_allclose(Theta_theirs, Theta_ours, rtol=0, atol=1e-9)
    again = bench_digits.sklearn_training(model, X_train, Y, Theta1, Theta2, 10)()  # restarts from Θ
    np.testing.assert_array_equal(again[0], theirs[0])


def test_digits_benchmark_prints_both_contenders_and_their_agreement(capsys):
    extra("sklearn")
    bench_digits.main(rounds=1, budgets=(3,))
    printed = capsys.readouterr().out
    difference = float(printed.split("gradient at the start: ")[1].split()[0])
    assert difference < ROUNDING
    assert printed.count("MLPClassifier, ") == 2
    assert "network.fit ÷ the faster MLPClassifier" in printed
