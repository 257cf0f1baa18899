"""How long does a slider update take? Compute and redraw, timed apart, for every chapter's slider.

The promise (issue 3): a slider update must *compute* in well under 100 ms, so the plot follows the
hand. Redrawing is timed separately, as the inline backend does it — the figure rendered to a PNG
(``IPython.core.pylabtools.print_figure``) — and, for contrast, rebuilding the figure from nothing,
which is what a callback that does not keep its figure would pay on every update.

Chapter 01: the naive cost against ``logistic.cost`` as θ = scale · θ̂ is scaled up on the exam data
(``ch01.make_naive_vs_stable_slider``).

Run: ``make bench`` or ``.venv/bin/python benchmarks/bench_sliders.py``.
"""

import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # no window; the PNG rendering is the same work the inline backend does

import matplotlib.pyplot as plt
import numpy as np
from IPython.core.pylabtools import print_figure

sys.path.insert(0, str(Path(__file__).resolve().parent))
from timing import median_seconds, print_table

from mlcourse import datasets, logistic
from mlcourse.chapters import ch01_cost_function as ch01

BUDGET_SECONDS = 0.100  # "well under" this for the computation of one update
CHAPTER_01_SCALES = np.linspace(0.5, 4.0, 351)  # the slider's range, as in chapter 01


def naive_cost(theta, X, y):
    """Chapter 01's textbook formula: h first, then log h and log(1 − h)."""
    h = 1.0 / (1.0 + np.exp(-(X @ theta)))
    return np.mean(-y * np.log(h) - (1 - y) * np.log(1 - h))


def chapter_01_problem():
    X_raw, y = datasets.load_exam_scores()
    X = logistic.add_intercept((X_raw - X_raw.mean(axis=0)) / X_raw.std(axis=0))
    return logistic.fit(X, y).theta, X, y


def bench_chapter_01(repeats):
    theta_hat, X, y = chapter_01_problem()
    _, figure = ch01.make_naive_vs_stable_slider(theta_hat, X, y, naive_cost, CHAPTER_01_SCALES)
    marker = figure.axes[0].lines[-1]
    positions = iter(np.tile([1.0, 2.5, 3.5, 4.0], 1000))  # both sides of where the naive cost breaks

    def compute():
        ch01.naive_vs_stable_cost(next(positions), theta_hat, X, y, naive_cost)

    def redraw():
        scale = next(positions)
        marker.set_xdata([scale, scale])
        print_figure(figure, "png", bbox_inches="tight")

    def rebuild():
        _, fresh = ch01.make_naive_vs_stable_slider(theta_hat, X, y, naive_cost, CHAPTER_01_SCALES)
        print_figure(fresh, "png", bbox_inches="tight")
        plt.close(fresh)

    compute_seconds = median_seconds(compute, repeats)
    redraw_seconds = median_seconds(redraw, repeats)
    rebuild_seconds = median_seconds(rebuild, max(5, repeats // 6), 1)
    return [["01 cost function", "scale (naive vs stable cost)", f"{compute_seconds * 1e3:.2f} ms",
             f"{redraw_seconds * 1e3:.1f} ms", f"{rebuild_seconds * 1e3:.1f} ms",
             "yes" if compute_seconds < BUDGET_SECONDS / 10 else "NO"]], compute_seconds


if __name__ == "__main__":
    repeats = 30
    rows, compute_seconds = bench_chapter_01(repeats)
    print_table(f"Slider updates (medians of {repeats}): compute, redraw of the kept figure, and a "
                f"full rebuild for contrast",
                ["chapter", "slider", "compute", "redraw (PNG)", "rebuild + PNG", "compute < 10 ms"], rows)
    worst = max(float(row[2].split()[0]) for row in rows) / 1e3
    verdict = "met" if worst < BUDGET_SECONDS else "NOT met"
    print(f"\npromise: every slider computes an update in well under {BUDGET_SECONDS * 1e3:.0f} ms — "
          f"{verdict} (slowest compute {worst * 1e3:.2f} ms)")
