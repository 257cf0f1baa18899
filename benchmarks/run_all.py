"""Run every benchmark script in this folder, one after the other (what ``make bench`` runs).

Each script prints its own tables and states the figure it promises; see its docstring.
"""

import runpy
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SCRIPTS = [
    "bench_network.py",
    "bench_sliders.py",
    "bench_learning_rate.py",
    "bench_regularisation.py",
    "bench_digits.py",
    "bench_training.py",
    "bench_softmax.py",
    "bench_course.py",
]

if __name__ == "__main__":
    sys.path.insert(0, str(HERE))
    for script in SCRIPTS:
        print(f"\n=== {script} " + "=" * (70 - len(script)))
        runpy.run_path(str(HERE / script), run_name="__main__")
