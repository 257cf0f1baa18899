"""How long do chapter 05's computations take? The cost two ways, the forward pass, the digit grid.

Chapter 05 has no slider; what it runs on the whole digits set (m = 1797, n = 64, s2 = 25, K = 10)
is timed here so that the chapter's share of the course's execution time is known:

- ``network.forward`` and ``network.cost`` (vectorised), against ``ch05.cost_loop``, the
  course's double sum written one example at a time — the loop is the slow cell of the chapter;
- ``ch05.plot_digit_grid`` for the 4 × 8 grid, drawing and PNG rendering (what the inline backend
  does, ``IPython.core.pylabtools.print_figure``) timed apart.

Run: ``.venv/bin/python benchmarks/bench_digits.py``.
"""

import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # no window; the PNG rendering is the same work the inline backend does

import matplotlib.pyplot as plt
from IPython.core.pylabtools import print_figure

sys.path.insert(0, str(Path(__file__).resolve().parent))
from timing import median_seconds, print_table

from mlcourse import datasets, network
from mlcourse.chapters import ch05_forward_propagation as ch05

SEED = 5  # as in chapter 05
HIDDEN_SIZE, K = 25, 10


def bench_chapter_05(repeats):
    X_counts, y = datasets.load_digits()
    X = X_counts / 16.0
    Theta1, Theta2 = network.initialize_weights(X.shape[1], HIDDEN_SIZE, K, seed=SEED)

    def draw():
        figure, _ = ch05.plot_digit_grid(X, y, rows=4, cols=8)
        plt.close(figure)

    figure, _ = ch05.plot_digit_grid(X, y, rows=4, cols=8)

    def render():
        print_figure(figure, "png", bbox_inches="tight")

    rows = [
        ["network.forward (all five arrays)",
         median_seconds(lambda: network.forward(Theta1, Theta2, X), repeats)],
        ["network.cost, λ = 1", median_seconds(lambda: network.cost(Theta1, Theta2, X, y, 1.0), repeats)],
        ["ch05.cost_loop, λ = 1", median_seconds(lambda: ch05.cost_loop(Theta1, Theta2, X, y, 1.0),
                                                   max(5, repeats // 6), 1)],
        ["plot_digit_grid 4×8 (draw)", median_seconds(draw, max(5, repeats // 6), 1)],
        ["plot_digit_grid 4×8 (PNG)", median_seconds(render, max(5, repeats // 6), 1)],
    ]
    plt.close(figure)
    return [[name, f"{seconds * 1e3:.2f} ms"] for name, seconds in rows]


if __name__ == "__main__":
    repeats = 30
    print_table("Chapter 05 on the digits (m = 1797), medians", ["computation", "time"],
                bench_chapter_05(repeats))
