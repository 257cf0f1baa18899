"""How long does a slider update take? Compute and redraw, timed apart, for every chapter's slider.

The promise (issue 3): a slider update must *compute* in well under 100 ms, so the plot follows the
hand. Redrawing is timed separately, as the sliders do it — the moving artists painted over a
background drawn once, encoded as a PNG of twice the figure's resolution (``plotting.SliderCanvas``,
as the course's style shows every figure) — and, for contrast, rebuilding the slider from nothing and
rendering it once, which is what a callback that does not keep its figure would pay on every update.

Chapter 01: the naive cost against ``logistic.cost`` as θ = scale · θ̂ is scaled up on the exam data
(``ch01.make_naive_vs_stable_slider``). Chapter 08: the gradient check at one ε in float64 and
float32 (``ch08.make_epsilon_slider``). Chapter 09: retraining the digits network, at the setting the
browser test times (10 iterations of gradient descent, α between 1 and 0.1), and the redraw of both
panels, whose axes follow each run (``ch09.make_training_slider``); the contrast there is the same
figure shown through ``display(figure)``, the inline backend's tight crop at zlib level 6. Chapter
09's slider retrains on every move, up to about a second for 1000 iterations of gradient descent; it
waits for a slider's release and counts the iterations on a status line, so its training at the
defaults is reported beside the table, not held to the promise.

What a learner waits for is more than this: the kernel's messages and the browser's drawing too.
``tests/test_browser.py`` measures that in Chromium (from the key press that commits a value to the
new text and image, 10 moves per slider) and writes ``build/slider_timings.json``; this script
reports those medians against the course's budget of 150 ms, or says how to record them.

Run: ``make bench`` or ``.venv/bin/python benchmarks/bench_sliders.py``.
"""

import json
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # no window; the PNG rendering is the same work the notebook does

import matplotlib.pyplot as plt
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from timing import median_seconds, png_as_displayed, print_table

from mlcourse import datasets, logistic, network
from mlcourse.chapters import ch01_cost_function as ch01
from mlcourse.chapters import ch08_gradient_checking as ch08
from mlcourse.chapters import ch09_training_on_digits as ch09

BUDGET_SECONDS = 0.100  # "well under" this for the computation of one update
BROWSER_BUDGET_MS = 150  # committed value → new text and image in Chromium, median
BROWSER_TIMINGS = Path(__file__).resolve().parent.parent / "build" / "slider_timings.json"
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
    show, figure = ch01.make_naive_vs_stable_slider(theta_hat, X, y, naive_cost, CHAPTER_01_SCALES)
    marker = figure.axes[0].lines[-1]
    positions = iter(np.tile([1.0, 2.5, 3.5, 4.0], 1000))  # both sides of where the naive cost breaks

    def compute():
        ch01.naive_vs_stable_cost(next(positions), theta_hat, X, y, naive_cost)

    def redraw():  # what the slider does: the marker over the background drawn once (plotting.SliderCanvas)
        scale = next(positions)
        marker.set_xdata([scale, scale])
        show.canvas.png()

    def rebuild():
        fresh_show, fresh = ch01.make_naive_vs_stable_slider(theta_hat, X, y, naive_cost, CHAPTER_01_SCALES)
        fresh_show.canvas.png()  # rendered as the slider renders it (plotting.SliderCanvas)
        plt.close(fresh)

    compute_seconds = median_seconds(compute, repeats)
    redraw_seconds = median_seconds(redraw, repeats)
    rebuild_seconds = median_seconds(rebuild, max(5, repeats // 6), 1)
    return [["01 cost function", "scale (naive vs stable cost)", f"{compute_seconds * 1e3:.2f} ms",
             f"{redraw_seconds * 1e3:.1f} ms", f"{rebuild_seconds * 1e3:.1f} ms",
             "yes" if compute_seconds < BUDGET_SECONDS / 10 else "NO"]], compute_seconds


def bench_chapter_08(repeats):
    Theta1, Theta2 = network.debug_initialize(3, 5), network.debug_initialize(5, 3)
    X = np.sin(np.arange(1, 16)).reshape((5, 3), order="F") / 10  # the chapter's small problem
    y = np.arange(1, 6) % 3
    model = ch08.EpsilonErrorModel(2.1e-3, 4.4)  # chapter 08's c and k, rounded: only the drawing uses them
    show, _ = ch08.make_epsilon_slider(Theta1, Theta2, X, y, model)
    positions = iter(np.tile([1e-2, 1e-4, 1e-6, 1e-8], 1000))

    def compute():
        ch08.epsilon_update(next(positions), Theta1, Theta2, X, y, model)

    compute_seconds = median_seconds(compute, repeats)
    redraw_seconds = median_seconds(show.canvas.png, repeats)
    return [["08 gradient checking", "ε (float64 and float32)", f"{compute_seconds * 1e3:.2f} ms",
             f"{redraw_seconds * 1e3:.1f} ms", "—",
             "yes" if compute_seconds < BUDGET_SECONDS / 10 else "NO"]]


def bench_chapter_09(repeats):
    X_raw, y = datasets.load_digits()
    X_train, X_test, y_train, y_test = datasets.train_test_split(X_raw / 16.0, y, test_fraction=0.25, seed=0)
    data = (X_train, y_train, X_test, y_test)
    show, _ = ch09.make_training_slider(*data, max_iters=1000, seed=0)
    alphas = iter(np.tile([1.0, 0.1], 1000))  # the browser test's two positions, at 10 iterations

    def retrain(num_iters=10, method="gradient_descent"):
        return ch09.record_learning_curve(*data, method=method, alpha=next(alphas), num_iters=num_iters,
                                          seed=0)

    curves = iter([retrain(), retrain()] * 1000)

    def redraw():  # as the slider does: lines moved, the whole figure drawn once (plotting.SliderCanvas)
        show.update(next(curves))
        show.canvas.png()

    # for contrast, a second copy shown as display(figure) renders it: the inline backend's retina PNG
    # of the figure at its own resolution, cropped to what was drawn
    displayed_show, displayed_figure = ch09.make_training_slider(*data, max_iters=1000, seed=0)
    displayed_figure.set_dpi(displayed_figure.dpi / displayed_show.canvas.scale)

    def through_display():
        displayed_show.update(next(curves))
        png_as_displayed(displayed_figure)

    compute_seconds = median_seconds(retrain, repeats)
    redraw_seconds = median_seconds(redraw, repeats)
    display_seconds = median_seconds(through_display, max(5, repeats // 3), 1)
    default_seconds = median_seconds(lambda: retrain(300, "lbfgs"), 5, 1)
    row = ["09 training on digits", "α, 10 iterations (retrains)", f"{compute_seconds * 1e3:.2f} ms",
           f"{redraw_seconds * 1e3:.1f} ms", f"{display_seconds * 1e3:.1f} ms (display)",
           "yes" if compute_seconds < BUDGET_SECONDS / 10 else "NO"]
    return [row], default_seconds


def report_browser_timings():
    """The medians tests/test_browser.py recorded in Chromium, against the budget."""
    if not BROWSER_TIMINGS.exists():
        print(f"\nIn the browser: not recorded yet. Run `.venv/bin/python -m pytest tests/test_browser.py` "
              f"(it writes {BROWSER_TIMINGS.relative_to(BROWSER_TIMINGS.parent.parent)}).")
        return
    recorded = json.loads(BROWSER_TIMINGS.read_text(encoding="utf-8"))
    rows = []
    for name, entry in sorted(recorded.items()):
        samples = entry["samples_ms"]
        rows.append([name, f"{entry['median_ms']:.0f} ms", f"{min(samples):.0f}–{max(samples):.0f} ms",
                     str(len(samples)), "yes" if entry["median_ms"] < BROWSER_BUDGET_MS else "NO",
                     entry["recorded"]])
    print_table(f"In Chromium (tests/test_browser.py): committed value → new text and image, "
                f"budget {BROWSER_BUDGET_MS} ms", ["slider", "median", "range", "moves",
                                                   f"< {BROWSER_BUDGET_MS} ms", "recorded"], rows)


if __name__ == "__main__":
    repeats = 30
    rows, compute_seconds = bench_chapter_01(repeats)
    rows += bench_chapter_08(repeats)
    chapter_09_rows, default_training = bench_chapter_09(repeats)
    rows += chapter_09_rows
    print_table(f"Slider updates (medians of {repeats}): compute, redraw of the kept figure, and a "
                f"full rebuild for contrast",
                ["chapter", "slider", "compute", "redraw (PNG, as shown)", "rebuild + PNG",
                 "compute < 10 ms"], rows)
    worst = max(float(row[2].split()[0]) for row in rows) / 1e3
    verdict = "met" if worst < BUDGET_SECONDS else "NOT met"
    print(f"\npromise: every slider computes an update in well under {BUDGET_SECONDS * 1e3:.0f} ms — "
          f"{verdict} (slowest compute {worst * 1e3:.2f} ms)")
    print(f"chapter 09 at its defaults retrains for {default_training * 1e3:.0f} ms (300 iterations of "
          "L-BFGS), on release, with the iterations counted on its status line")
    report_browser_timings()
