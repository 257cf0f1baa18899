"""Grade a class: run each learner's copies of the chapters and write one CSV row per exercise.

Usage (documented in the README, "Teaching a class")::

    python -m mlcourse.checks.grading SUBMISSIONS --out results.csv --timeout 300

``SUBMISSIONS/<learner>/NN-*.ipynb``: one folder per learner holding their copies of the chapters
(hidden folders and ``__MACOSX`` are skipped; which copy of a chapter counts: ``progress.find_notebooks``).
Each notebook runs top to bottom in a fresh kernel of this interpreter, with the learner's folder as
working directory, from an in-memory copy whose stored outputs are cleared first (so a verdict saved
by the learner never counts, and their files are never written). A verdict counts only if a check
logged it while the notebook ran (``progress.VERDICT_LOG``): a line the learner's code prints that
looks like one does not. A notebook that raises stops there, one whose kernel dies stops at once,
one that runs longer than ``--timeout`` seconds is stopped (POSIX: the whole process group of its
run); all still give a row per exercise. The CSV is rewritten after each learner.
"""

import argparse
import csv
import os
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

import ipykernel.kernelspec
import nbformat
from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import AsyncKernelManager
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, DeadKernelError

from mlcourse.checks.progress import (
    CSV_COLUMNS,
    VERDICT_LOG,
    find_notebooks,
    logged_verdicts,
    rows_for,
    verdicts_in,
)

DEFAULT_TIMEOUT_SECONDS = 300


class ThisInterpreterKernelSpecs(KernelSpecManager):
    """Every kernel name resolves to ipykernel in the running interpreter (as tools/execute_notebooks.py).

    A "python3" kernelspec in the teacher's Jupyter folders could point at a Python without mlcourse.
    """

    def get_kernel_spec(self, kernel_name):
        return self.kernel_spec_class(resource_dir=ipykernel.kernelspec.RESOURCES,
                                      **ipykernel.kernelspec.get_kernel_dict())


def execute(path, out):
    """Run a copy of the notebook at ``path`` (outputs cleared) and write it to ``out``.

    What the child process does. The copy is written after every cell, so whatever ran before a
    failure or a time-out is in ``out``. Exits 0 when every cell ran, 1 when a cell raised or the
    kernel died.
    """
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    nbformat.write(nb, out)  # even a first cell that never ends leaves a notebook to read
    # an async kernel manager: nbclient then notices within a second that a kernel died (os._exit, a
    # crash, the OOM killer); with a blocking one it waits for a reply that never comes
    client = NotebookClient(nb, km=AsyncKernelManager(kernel_name="python3",
                                                      kernel_spec_manager=ThisInterpreterKernelSpecs()),
                            timeout=None, record_timing=False, store_widget_state=True,
                            resources={"metadata": {"path": str(path.parent)}})
    with client.setup_kernel():
        for index, cell in enumerate(nb.cells):
            try:
                client.execute_cell(cell, index)
            except CellExecutionError as error:
                nbformat.write(nb, out)
                print(f"notebook failed at cell {index + 1}: {error.ename}")
                return 1
            except DeadKernelError:
                nbformat.write(nb, out)
                print(f"the kernel died at cell {index + 1}")
                return 1
            nbformat.write(nb, out)
    return 0


def run_notebook(path, timeout, verdict_log=None):
    """Execute a copy of the notebook at ``path``; return (executed notebook or None, failure text).

    With ``verdict_log``, a file path, the checks that run append their verdicts to it.

    The notebook runs in a child process of its own session, so a time-out stops it whole — the
    child, its kernel and anything the learner's code started — with one signal to the group.
    The failure text is "" when every cell ran, else e.g. "notebook failed at cell 7: ValueError"
    or "timed out after 300 s". Cells are numbered from 1, as JupyterLab shows them.
    """
    try:
        nbformat.read(path, as_version=4)
    except Exception as error:  # a damaged file is a row of the CSV, not a crash
        return None, f"notebook cannot be read: {type(error).__name__}"
    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch) / path.name
        command = [sys.executable, "-m", "mlcourse.checks.grading", "--execute", str(path), str(out)]
        environment = {**os.environ, **({VERDICT_LOG: str(verdict_log)} if verdict_log else {})}
        child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                                 start_new_session=True, env=environment)
        try:
            printed, _ = child.communicate(timeout=timeout)
            lines = printed.strip().splitlines()
            failure = (lines[-1] if lines else "the notebook could not be run") if child.returncode else ""
        except subprocess.TimeoutExpired:
            os.killpg(child.pid, signal.SIGKILL)  # the child and its kernel share its session
            child.communicate()
            failure = f"timed out after {timeout:g} s"
        nb = nbformat.read(out, as_version=4) if out.exists() else None
    if nb is None and not failure:
        failure = "the notebook could not be run"
    return nb, failure


def _checked_verdicts(nb, logged):
    """The notebook's verdicts as the checks logged them; a verdict only printed becomes "unknown"."""
    found = dict(logged)
    for exercise, (verdict, detail) in verdicts_in(nb).items():
        if exercise not in found:
            found[exercise] = (verdict, detail) if verdict in ("not run", "unknown") else (
                "unknown", "its cell printed a verdict, but no check ran")
    return found


def grade_learner(folder, timeout=DEFAULT_TIMEOUT_SECONDS, log=sys.stdout):
    """CSV rows (learner, chapter, exercise, verdict, detail) for one learner's folder of chapters."""
    paths, ignored = find_notebooks(folder)
    for path, why in ignored:
        print(f"  not graded: {path.name} ({why})", file=log)
    notebooks, failures, verdicts = {}, {}, {}
    with tempfile.TemporaryDirectory() as scratch:
        for chapter, path in paths.items():
            verdict_log = Path(scratch) / f"{chapter}.jsonl"
            notebooks[chapter], failures[chapter] = run_notebook(path, timeout, verdict_log)
            if notebooks[chapter] is not None:
                verdicts[chapter] = _checked_verdicts(notebooks[chapter], logged_verdicts(verdict_log))
    rows = []
    for chapter, exercise, verdict, detail in rows_for(notebooks, verdicts):
        failure = failures.get(chapter, "")
        if failure and verdict in ("not run", "unknown", "missing") and notebooks.get(chapter) is not None:
            verdict, detail = ("timed out" if failure.startswith("timed out") else "not run"), failure
        elif failure and notebooks.get(chapter) is None:
            detail = failure
        rows.append((folder.name, chapter, exercise, verdict, detail))
    return rows


def learner_folders(submissions):
    """The learner folders under ``submissions``: its sub-folders, less hidden ones and ``__MACOSX``."""
    return sorted(path for path in Path(submissions).iterdir()
                  if path.is_dir() and not path.name.startswith((".", "__")))


def grade(submissions, out, timeout=DEFAULT_TIMEOUT_SECONDS, log=sys.stdout):
    """Grade every learner folder under ``submissions`` and write the CSV to ``out``; return the rows.

    The CSV is written after each learner, so an interrupted run keeps the learners graded so far.
    """
    submissions, out = Path(submissions), Path(out)
    if not submissions.is_dir():
        raise ValueError(f"submissions must be a folder of learner folders; got {str(submissions)!r}")
    if not timeout > 0:
        raise ValueError(f"timeout must be a positive number of seconds; got {timeout!r}")
    if not out.parent.is_dir():
        raise ValueError(f"out must be a file in an existing folder; got {str(out)!r}, and "
                         f"{str(out.parent)!r} is not a folder")
    learners = learner_folders(submissions)
    if not learners and any(submissions.glob("*.ipynb")):
        raise ValueError(f"submissions must be a folder of learner folders; {str(submissions)!r} holds "
                         f"notebooks itself: put them in a folder named after the learner, or pass the "
                         f"folder above it")
    if not learners:
        print(f"no learner folders in {str(submissions)!r}", file=log)
    rows = []
    _write_csv(out, rows)
    for folder in learners:
        print(f"grading {folder.name} ...", file=log, flush=True)
        rows.extend(grade_learner(folder, timeout, log))
        _write_csv(out, rows)
    return rows


def _write_csv(out, rows):
    with open(out, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(CSV_COLUMNS)
        writer.writerows(rows)


def main(argv=None):
    if argv is None:
        argv = sys.argv[1:]
    if argv[:1] == ["--execute"]:  # the child process of run_notebook
        sys.exit(execute(Path(argv[1]), Path(argv[2])))
    parser = argparse.ArgumentParser(prog="python -m mlcourse.checks.grading",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("submissions", help="folder with one sub-folder of chapters per learner")
    parser.add_argument("--out", default="results.csv", help="CSV file to write (default results.csv)")
    parser.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT_SECONDS,
                        help=f"seconds allowed per notebook (default {DEFAULT_TIMEOUT_SECONDS})")
    args = parser.parse_args(argv)
    try:
        rows = grade(args.submissions, args.out, args.timeout)
    except ValueError as error:
        parser.error(str(error))  # a usage message, not a traceback
    print(f"wrote {len(rows)} rows to {args.out}")


if __name__ == "__main__":
    main()
