"""Timing helpers shared by the benchmark scripts: medians over repeated runs, printed as tables."""

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


def print_table(title, header, rows):
    """Print ``rows`` (lists of already formatted cells) under ``header`` as an aligned table."""
    widths = [max(len(str(cell)) for cell in column) for column in zip(header, *rows, strict=True)]
    print(f"\n{title}")
    print("  ".join(str(h).ljust(w) for h, w in zip(header, widths, strict=True)))
    print("  ".join("-" * w for w in widths))
    for row in rows:
        print("  ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=True)))
