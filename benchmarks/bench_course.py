"""How long does the course take to run, and how big is its environment?

Two figures a teacher plans with (issues 4 and 5):

1. Each chapter executed top to bottom in a fresh kernel of this interpreter — the way nbval and
   ``make notebooks`` run it — and the whole course (00–09). The promise: the whole course executes
   under nbval in less than 90 s on this machine. (nbval adds its comparisons on top; ``make test``
   prints its own total.)
2. The environment's install size: the files under this interpreter's prefix (the ``.venv`` that
   ``make`` builds, or Binder's), which is what a learner downloads and a Binder image carries.
   ``make bench EXTRAS=1`` adds the benchmarks' optional contenders to that same ``.venv``
   (scikit-learn, PyTorch: about 1 GB with PyTorch's CPU build), so their share, the packages
   only they need, is printed on a row of its own: a learner's environment is the rest.

Run: ``make bench`` or ``.venv/bin/python benchmarks/bench_course.py``.
"""

import importlib.metadata
import re
import sys
import sysconfig
import time
from pathlib import Path

import nbformat
from jupyter_client.manager import KernelManager
from nbclient import NotebookClient

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))
from execute_notebooks import _ThisInterpreterKernelSpecs
from timing import print_table

ROOT = Path(__file__).resolve().parent.parent

COURSE_BUDGET_SECONDS = 90.0
REPEATS = 3  # each run starts a kernel and imports numpy, scipy and matplotlib afresh


def execute_seconds(path):
    """Wall time of one top-to-bottom execution of ``path`` in a new kernel; nothing is written."""
    nb = nbformat.read(path, as_version=4)
    kernel_manager = KernelManager(kernel_name="python3", kernel_spec_manager=_ThisInterpreterKernelSpecs())
    client = NotebookClient(nb, km=kernel_manager, timeout=600, store_widget_state=True,
                            resources={"metadata": {"path": str(path.parent)}})
    start = time.perf_counter()
    client.execute()
    return time.perf_counter() - start


def tree_megabytes(folder):
    return sum(f.stat().st_size for f in Path(folder).rglob("*") if f.is_file()) / 1e6


def requirement_names(*files):
    """The package names a requirements file lists (its ``-r``, ``-c`` and comment lines skipped)."""
    lines = (line.partition("#")[0].strip() for name in files
             for line in (ROOT / name).read_text(encoding="utf-8").splitlines())
    return {re.split(r"[\s<>=~!\[;]", line, maxsplit=1)[0] for line in lines
            if line and not line.startswith("-")}


def installed_closure(names):
    """The installed distributions that ``names`` need, themselves included: {normalised name: dist}."""
    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name

    found, todo = {}, [canonicalize_name(name) for name in names]
    while todo:
        name = todo.pop()
        if name in found:
            continue
        try:
            found[name] = dist = importlib.metadata.distribution(name)
        except importlib.metadata.PackageNotFoundError:
            continue  # an optional extra that is not installed, or a dependency for another platform
        for line in dist.requires or []:
            requirement = Requirement(line)
            if requirement.marker is None or requirement.marker.evaluate({"extra": ""}):
                todo.append(canonicalize_name(requirement.name))
    return found


def optional_extras_megabytes():
    """Size of what only the benchmarks' optional contenders need (0 when they are not installed)."""
    course = installed_closure(requirement_names("requirements-dev.txt", "requirements.txt") | {"mlcourse"})
    extras = installed_closure(requirement_names("requirements-bench.txt") | {"torch"})
    files = [dist.locate_file(path) for name, dist in extras.items() if name not in course
             for path in dist.files or []]
    return sum(Path(path).stat().st_size for path in files if Path(path).is_file()) / 1e6


def main():
    chapters = sorted((ROOT / "chapters").glob("[0-9][0-9]-*.ipynb"))
    rows, total = [], 0.0
    for path in chapters:
        times = sorted(execute_seconds(path) for _ in range(REPEATS))
        median = times[len(times) // 2]
        total += median
        rows.append([path.stem, f"{median:.1f} s", f"{times[0]:.1f} s", f"{times[-1]:.1f} s"])
    rows.append(["whole course", f"{total:.1f} s", "", ""])
    print_table(f"Each chapter executed top to bottom in a fresh kernel ({REPEATS} runs, median)",
                ["chapter", "median", "fastest", "slowest"], rows)
    verdict = "meets" if total < COURSE_BUDGET_SECONDS else "MISSES"
    print(f"whole course: {total:.1f} s — {verdict} the target (< {COURSE_BUDGET_SECONDS:.0f} s)")

    site_packages = Path(sysconfig.get_paths()["purelib"])
    packages = list(site_packages.glob("*.dist-info"))
    print_table("The environment", ["what", "size"], [
        ["interpreter prefix (all of .venv)", f"{tree_megabytes(sys.prefix):.0f} MB"],
        ["site-packages", f"{tree_megabytes(site_packages):.0f} MB"],
        ["installed distributions", f"{len(packages)}"],
        ["of the prefix, the benchmarks' optional extras (not a learner's)",
         f"{optional_extras_megabytes():.0f} MB"],
    ])


if __name__ == "__main__":
    main()
