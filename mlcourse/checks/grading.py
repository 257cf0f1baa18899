"""Grade a class: run each learner's copies of the chapters and write one CSV row per exercise.

Usage (documented in the README, "Teaching a class")::

    python -m mlcourse.checks.grading SUBMISSIONS --out results.csv --timeout 300

``SUBMISSIONS/<learner>/NN-*.ipynb``: one folder per learner holding their copies of the chapters.
Each notebook runs top to bottom in a fresh kernel of this interpreter, with the learner's folder as
working directory, from an in-memory copy whose stored outputs are cleared first (so a verdict saved
by the learner never counts, and their files are never written). A notebook that raises stops there,
one that runs longer than ``--timeout`` seconds is stopped (POSIX: the whole process group of its
run); both still give a row per exercise.
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
from jupyter_client.manager import KernelManager
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

from mlcourse.checks.progress import CSV_COLUMNS, notebooks_in, rows_for

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
    failure or a time-out is in ``out``. Exits 0 when every cell ran, 1 when a cell raised.
    """
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    nbformat.write(nb, out)  # even a first cell that never ends leaves a notebook to read
    client = NotebookClient(nb, km=KernelManager(kernel_name="python3",
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
            nbformat.write(nb, out)
    return 0


def run_notebook(path, timeout):
    """Execute a copy of the notebook at ``path``; return (executed notebook or None, failure text).

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
        child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                                 start_new_session=True)
        try:
            printed, _ = child.communicate(timeout=timeout)
            failure = printed.strip().splitlines()[-1] if child.returncode else ""
        except subprocess.TimeoutExpired:
            os.killpg(child.pid, signal.SIGKILL)  # the child and its kernel share its session
            child.communicate()
            failure = f"timed out after {timeout:g} s"
        nb = nbformat.read(out, as_version=4) if out.exists() else None
    if nb is None and not failure:
        failure = "the notebook could not be run"
    return nb, failure


def grade_learner(folder, timeout=DEFAULT_TIMEOUT_SECONDS):
    """CSV rows (learner, chapter, exercise, verdict, detail) for one learner's folder of chapters."""
    notebooks, failures = {}, {}
    for chapter, path in notebooks_in(folder).items():
        notebooks[chapter], failures[chapter] = run_notebook(path, timeout)
    rows = []
    for chapter, exercise, verdict, detail in rows_for(notebooks):
        failure = failures.get(chapter, "")
        if failure and verdict in ("not run", "unknown", "missing") and notebooks.get(chapter) is not None:
            verdict, detail = ("timed out" if failure.startswith("timed out") else "not run"), failure
        elif failure and notebooks.get(chapter) is None:
            detail = failure
        rows.append((folder.name, chapter, exercise, verdict, detail))
    return rows


def grade(submissions, out, timeout=DEFAULT_TIMEOUT_SECONDS, log=sys.stdout):
    """Grade every learner folder under ``submissions`` and write the CSV to ``out``; return the rows."""
    submissions = Path(submissions)
    if not submissions.is_dir():
        raise ValueError(f"submissions must be a folder of learner folders; got {str(submissions)!r}")
    if not timeout > 0:
        raise ValueError(f"timeout must be a positive number of seconds; got {timeout!r}")
    rows = []
    for folder in sorted(path for path in submissions.iterdir() if path.is_dir()):
        print(f"grading {folder.name} ...", file=log, flush=True)
        rows.extend(grade_learner(folder, timeout))
    with open(out, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(CSV_COLUMNS)
        writer.writerows(rows)
    return rows


def main(argv=None):
    if argv is None:
        argv = sys.argv[1:]
    if argv[:1] == ["--execute"]:  # the child process of run_notebook
        sys.exit(execute(Path(argv[1]), Path(argv[2])))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("submissions", help="folder with one sub-folder of chapters per learner")
    parser.add_argument("--out", default="results.csv", help="CSV file to write (default results.csv)")
    parser.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT_SECONDS,
                        help=f"seconds allowed per notebook (default {DEFAULT_TIMEOUT_SECONDS})")
    args = parser.parse_args(argv)
    rows = grade(args.submissions, args.out, args.timeout)
    print(f"wrote {len(rows)} rows to {args.out}")


if __name__ == "__main__":
    main()
