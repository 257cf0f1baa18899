"""Timing helpers shared by the benchmark scripts: medians over repeated runs, printed as tables, a
figure rendered the way a chapter shows it, and how far two contenders' J and gradients differ."""

import time

import numpy as np


def median_seconds(function, repeats=30, warmup=3):
    """Median wall time of ``function()`` over ``repeats`` runs, after ``warmup`` untimed runs.

    The median, not the mean, so one run disturbed by another process does not move the figure.
    """
    for _ in range(warmup):
        function()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return float(np.median(times))


def interleaved_medians(first, second, repeats=30, warmup=3):
    """Median wall times of ``first()`` and ``second()``, timed alternately in one loop.

    For a ratio of the two: alternating means a slow spell of the machine (another process, a
    frequency change) slows both alike instead of landing on one of them.
    """
    for _ in range(warmup):
        first()
        second()
    times_first, times_second = [], []
    for _ in range(repeats):
        start = time.perf_counter()
        first()
        middle = time.perf_counter()
        second()
        times_second.append(time.perf_counter() - middle)
        times_first.append(middle - start)
    return float(np.median(times_first)), float(np.median(times_second))


def largest_difference(first, second):
    """Largest |difference| between two ``(J, (Theta1_grad, Theta2_grad))`` results."""
    (J_first, grads_first), (J_second, grads_second) = first, second
    return max(abs(J_first - J_second),
               *(np.abs(g1 - g2).max() for g1, g2 in zip(grads_first, grads_second, strict=True)))


def print_table(title, header, rows):
    """Print ``rows`` (lists of already formatted cells) under ``header`` as an aligned table."""
    widths = [max(len(str(cell)) for cell in column) for column in zip(header, *rows, strict=True)]
    print(f"\n{title}")
    print("  ".join(str(h).ljust(w) for h, w in zip(header, widths, strict=True)))
    print("  ".join("-" * w for w in widths))
    for row in rows:
        print("  ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=True)))


def png_as_displayed(figure):
    """``figure`` as the inline backend renders it when a chapter calls ``display(figure)``.

    The course's style (``plotting.FIGURE_FORMAT``) asks for a "retina" PNG, twice the figure's
    resolution, so a benchmark that rendered a plain PNG would time a quarter of the pixels. Sliders
    that redraw through ``plotting.SliderCanvas`` are timed with its ``png()`` instead.
    """
    from IPython.core.pylabtools import print_figure

    from mlcourse.chapters import plotting

    return print_figure(figure, plotting.FIGURE_FORMAT, bbox_inches="tight")
