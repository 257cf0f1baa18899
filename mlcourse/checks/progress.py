"""Progress through the course's exercises: a table for a learner, read from the saved notebooks.

Nothing is run: each exercise's check cell is found in its chapter, and the first line its check
printed there (stored in the notebook when it was last saved) is its verdict::

    from mlcourse.checks import progress
    rows = progress.table("chapters")   # prints one line per exercise, returns the rows

A teacher's grading of a class runs the notebooks first and then reads them the same way
(:mod:`mlcourse.checks.grading`).
"""

import json
import os
import re
from pathlib import Path

import nbformat

#: Every exercise of the course, in order: (chapter number, exercise name as its verdict prints it).
EXERCISES = (
    ("02", "sigmoid_gradient"), ("02", "cost"), ("02", "gradient"),
    ("03", "gradient_descent_step"),
    ("04", "regularised_cost"), ("04", "regularised_gradient"),
    ("05", "forward_propagation"), ("05", "nn_cost"),
    ("07", "backpropagation"),
    ("08", "numerical_gradient"),
    ("08", "bug a"), ("08", "bug b"), ("08", "bug c"), ("08", "bug d"),
)

CSV_COLUMNS = ("learner", "chapter", "exercise", "verdict", "detail")

#: The chapters that hold exercises, by the file names the course gives them. A learner's copy named
#: otherwise ("Copy of 03-gradient-descent.ipynb" from Colab, "02-the-derivative-Copy1.ipynb" from
#: JupyterLab) counts only when the chapter's own file is not there.
CHAPTER_FILES = {"02": "02-the-derivative.ipynb", "03": "03-gradient-descent.ipynb",
                 "04": "04-regularisation.ipynb", "05": "05-forward-propagation.ipynb",
                 "07": "07-backpropagation.ipynb", "08": "08-gradient-checking.ipynb"}

#: The environment variable through which grading asks every check to also append its verdict, as a
#: line of JSON, to a file: a verdict line printed by anything but a check then never counts.
VERDICT_LOG = "MLCOURSE_VERDICT_LOG"

# A check cell calls checks.<name>(...) or, in chapter 08, checks.diagnosis("a", ...).
_CHECK_CALL = re.compile(r"checks\.(\w+)\(")
_DIAGNOSIS_CALL = re.compile(r"checks\.diagnosis\(\s*[\"']([a-d])[\"']")
# The first line of a verdict, after "<exercise>: ".
_VERDICTS = (
    (re.compile(r"passed\."), "passed"),
    (re.compile(r"not attempted yet"), "not attempted"),
    (re.compile(r"(mistake) — (.+)"), None),
    (re.compile(r"(error) — (.+)"), None),
    (re.compile(r"correct — "), "correct"),
    (re.compile(r"not this one\."), "wrong"),
    (re.compile(r".* is not one of the choices"), "not a choice"),  # 'text', or 3 or None
)


def exercise_of(source):
    """The exercise a code cell checks, e.g. "cost" or "bug a"; None for any other cell."""
    diagnosis = _DIAGNOSIS_CALL.search(source)
    if diagnosis:
        return f"bug {diagnosis.group(1)}"
    names = [name for name in _CHECK_CALL.findall(source)
             if any(name == exercise for _, exercise in EXERCISES)]
    return names[0] if names else None


def _stdout_text(cell):
    """Everything the cell printed to stdout, or None if it stored no output at all."""
    outputs = cell.get("outputs") or []
    if not outputs and cell.get("execution_count") is None:
        return None
    return "".join(_joined(output.get("text", "")) for output in outputs
                   if output.get("output_type") == "stream" and output.get("name") == "stdout")


def _joined(text):
    return "".join(text) if isinstance(text, list) else str(text)


def verdict_of(cell, exercise):
    """(verdict, detail) read from a check cell's stored output, never raising.

    verdict is one of "passed", "not attempted", "mistake", "error", "correct", "wrong",
    "not a choice", "not run" (no output stored) or "unknown" (output that is not a verdict);
    detail is the mistake's name for "mistake" and "error", and "" otherwise.
    """
    try:
        text = _stdout_text(cell)
    except (AttributeError, TypeError):
        return "unknown", "the cell's output cannot be read"
    if text is None:
        return "not run", ""
    prefix = f"{exercise}: "
    # from the last line up: the check prints its verdict after running the learner's function, so a
    # line the function printed itself ("cost: passed.") comes before it and is not taken for it
    for line in reversed(text.splitlines()):
        if not line.startswith(prefix):
            continue
        rest = line[len(prefix):]
        for pattern, verdict in _VERDICTS:
            match = pattern.match(rest)
            if match:
                return (verdict, "") if verdict else (match.group(1), match.group(2).strip())
    if any(output.get("output_type") == "error" for output in cell.get("outputs") or []):
        return "unknown", "the cell raised an error before printing a verdict"
    return "unknown", "no verdict in the cell's output"


def log_verdict(exercise, verdict, detail=""):
    """Append ``[exercise, verdict, detail]`` to the file named by ``$MLCOURSE_VERDICT_LOG``, if set.

    Every check calls it with what it printed; only grading sets the variable.
    """
    path = os.environ.get(VERDICT_LOG)
    if path:
        with open(path, "a", encoding="utf-8") as log:
            log.write(json.dumps([exercise, verdict, detail]) + "\n")


def logged_verdicts(path):
    """{exercise: (verdict, detail)} from a verdict log, the first verdict of each exercise."""
    found = {}
    for line in Path(path).read_text(encoding="utf-8").splitlines() if Path(path).exists() else []:
        exercise, verdict, detail = json.loads(line)
        found.setdefault(exercise, (verdict, detail))
    return found


def verdicts_in(nb):
    """{exercise: (verdict, detail)} for every check cell of a notebook (first cell of each wins)."""
    found = {}
    for cell in nb.get("cells", []):
        if cell.get("cell_type") != "code":
            continue
        exercise = exercise_of(_joined(cell.get("source", "")))
        if exercise and exercise not in found:
            found[exercise] = verdict_of(cell, exercise)
    return found


def _read_notebook(path):
    """The notebook at ``path`` as a dict, or None if it is not a readable notebook."""
    try:
        return nbformat.read(path, as_version=4)
    except Exception:  # a damaged file is a row of the table, not a crash
        return None


def rows_for(notebooks, verdicts=None):
    """One row (chapter, exercise, verdict, detail) per exercise of the course.

    ``notebooks`` maps a chapter number ("02") to a notebook (or None if unreadable); ``verdicts``
    maps a chapter to its ``{exercise: (verdict, detail)}``, by default read from the notebook's
    stored outputs (:func:`verdicts_in`). An exercise whose chapter has no notebook, or whose check
    cell was deleted, gets "missing".
    """
    rows = []
    for chapter, exercise in EXERCISES:
        if chapter not in notebooks:
            rows.append((chapter, exercise, "missing", "no notebook for this chapter"))
            continue
        nb = notebooks[chapter]
        if nb is None:
            rows.append((chapter, exercise, "unknown", "the notebook cannot be read"))
            continue
        found = verdicts[chapter] if verdicts is not None else verdicts_in(nb)
        verdict, detail = found.get(exercise, ("missing", "no check cell for this exercise"))
        rows.append((chapter, exercise, verdict, detail))
    return rows


def find_notebooks(folder):
    """``({chapter: path}, [(path, why it is not read)])`` for the ``*.ipynb`` files of ``folder``.

    A chapter's own file (:data:`CHAPTER_FILES`) is read; a copy whose name contains it is read
    only when that file is missing (the newest copy, if there are several). Chapters without
    exercises are passed over without a word; every other notebook is listed with the reason.
    """
    candidates, ignored = {}, []
    for path in sorted(Path(folder).glob("*.ipynb")):
        chapter = next((chapter for chapter, name in CHAPTER_FILES.items() if Path(name).stem in path.stem),
                       None)
        if chapter is not None:
            candidates.setdefault(chapter, []).append(path)
        elif not re.fullmatch(r"\d\d-[a-z-]+", path.stem):  # a chapter without exercises is expected
            ignored.append((path, "not one of the chapters with exercises"))
    found = {}
    for chapter, paths in candidates.items():
        own = [path for path in paths if path.name == CHAPTER_FILES[chapter]]
        found[chapter] = own[0] if own else max(paths, key=lambda path: path.stat().st_mtime)
        ignored += [(path, f"a copy of chapter {chapter}; {found[chapter].name} is read instead")
                    for path in paths if path != found[chapter]]
    return found, ignored


def table(folder=".", show=True):
    """Print and return every exercise of the course with its last verdict, read from saved notebooks.

    Nothing is executed: the verdicts are the ones the check cells printed when they were last run
    and saved. Save the notebook (Ctrl+S) after running a check for it to count.

    Parameters
    ----------
    folder : str or Path
        The folder holding the chapters (``NN-*.ipynb``); "." is the folder of the notebook that calls it.
    show : bool
        Print the table (one line per exercise: chapter, exercise, verdict and mistake name).

    Returns
    -------
    list of tuple
        One ``(chapter, exercise, verdict, detail)`` per exercise, 14 in all.
    """
    if not Path(folder).is_dir():
        raise ValueError(f"folder must be a folder of chapters; got {str(folder)!r}")
    paths, ignored = find_notebooks(folder)
    notebooks = {chapter: _read_notebook(path) for chapter, path in paths.items()}
    rows = rows_for(notebooks)
    if show:
        for path, why in ignored:
            print(f"not read: {path.name} ({why})")
        for chapter, exercise, verdict, detail in rows:
            named = f"{verdict} — {detail}" if verdict in ("mistake", "error") else verdict
            print(f"chapter {chapter}  {exercise:<22}  {named}")
        done = sum(verdict in ("passed", "correct") for _, _, verdict, _ in rows)
        print(f"{done} of {len(rows)} exercises done")
    return rows
