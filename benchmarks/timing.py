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


def print_table(title, header, rows):
    """Print ``rows`` (lists of already formatted cells) under ``header`` as an aligned table."""
    widths = [max(len(str(cell)) for cell in column) for column in zip(header, *rows, strict=True)]
    print(f"\n{title}")
    print("  ".join(str(h).ljust(w) for h, w in zip(header, widths, strict=True)))
    print("  ".join("-" * w for w in widths))
    for row in rows:
        print("  ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=True)))
