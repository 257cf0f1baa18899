"""The learner's progress table: the last verdict of every exercise, read from saved notebooks.

The notebooks are written into tmp_path by the tests: solved, unsolved (a stub), a named mistake,
a cell run without output, a damaged file; nothing is executed.
"""


import contextlib
import csv
import io
from pathlib import Path

import nbformat
import pytest

from mlcourse import checks
from mlcourse.checks import grading, progress

IMPORTS = "from mlcourse import checks\nfrom mlcourse.checks import solutions"
STUB = "def gradient(theta, X, y):\n    raise NotImplementedError  # your code here\n\n_ = checks.gradient(gradient)"
MISTAKE = "_ = checks.cost(lambda theta, X, y: solutions.cost(theta, X, y) * len(y))  # forgot 1/m"
SOLVED = "_ = checks.sigmoid_gradient(solutions.sigmoid_gradient)"


def write_notebook(path, *sources, outputs=None):
    """A notebook of code cells; ``outputs`` maps a cell index to the stdout stored for it."""
    nb = nbformat.v4.new_notebook()
    for index, source in enumerate(sources):
        cell = nbformat.v4.new_code_cell(source)
        if outputs and index in outputs:
            cell.execution_count = index + 1
            if outputs[index] is not None:
                cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text=outputs[index])]
        nb.cells.append(cell)
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)
    return path


def by_exercise(rows):
    return {row[-3]: row[-2:] for row in rows}


# --- the learner's table ---------------------------------------------------------------------------

def test_table_reads_each_saved_verdict(tmp_path, capsys):
    write_notebook(tmp_path / "02-the-derivative.ipynb", IMPORTS, SOLVED, MISTAKE, STUB, outputs={
        1: "sigmoid_gradient: passed.\n",
        2: "cost: mistake — forgot 1/m\n  Hint: divide by m\n",
        3: None})  # run, but printed nothing
    write_notebook(tmp_path / "03-gradient-descent.ipynb", "_ = checks.gradient_descent_step(step)")
    write_notebook(tmp_path / "08-gradient-checking.ipynb", *[f'_ = checks.diagnosis("{bug}", d)'
                                                              for bug in "abc"], outputs={
        0: "bug a: correct — the ratios …\n", 1: "bug b: not this one. Hint: …\n",
        2: "bug c: 'x' is not one of the choices; copy one of them exactly:\n"})
    (tmp_path / "04-regularisation.ipynb").write_text("{ not json", encoding="utf-8")
    rows = by_exercise(progress.table(tmp_path))
    assert rows["sigmoid_gradient"] == ("passed", "")
    assert rows["cost"] == ("mistake", "forgot 1/m")
    assert rows["gradient"] == ("unknown", "no verdict in the cell's output")
    assert rows["gradient_descent_step"] == ("not run", "")
    assert rows["regularised_cost"][0] == "unknown"
    assert rows["nn_cost"] == ("missing", "no notebook for this chapter")
    assert rows["bug a"] == ("correct", "")
    assert rows["bug b"] == ("wrong", "")
    assert rows["bug c"] == ("not a choice", "")
    assert rows["bug d"] == ("missing", "no check cell for this exercise")
    assert len(rows) == len(progress.EXERCISES)
    printed = capsys.readouterr().out
    assert "chapter 02  cost                    mistake — forgot 1/m" in printed
    assert printed.endswith("2 of 14 exercises done\n")


def test_a_diagnosis_that_was_not_text_reads_as_not_a_choice():
    # diagnosis_d = None, or the number of a choice: the verdict prints its repr, without quotes
    for given in ("None", "3"):
        cell = {"cell_type": "code", "execution_count": 1, "source": '_ = checks.diagnosis("d", d)',
                "outputs": [{"output_type": "stream", "name": "stdout",
                             "text": f"bug d: {given} is not one of the choices; copy one of them exactly, "
                                     f"as text in quotes:\n"}]}
        assert progress.verdict_of(cell, "bug d") == ("not a choice", "")


def test_a_verdict_printed_by_the_learners_function_is_not_taken_for_the_checks():
    # the function runs before the check prints: the first "cost: " line was the function's own
    # print, and progress and grading read "passed" for a wrong answer
    def cost(theta, X, y):
        print("cost: passed.")
        return 0.0

    with contextlib.redirect_stdout(io.StringIO()) as printed:
        checks.cost(cost)
    cell = {"cell_type": "code", "execution_count": 1, "source": "_ = checks.cost(cost)",
            "outputs": [{"output_type": "stream", "name": "stdout", "text": printed.getvalue()}]}
    assert printed.getvalue().startswith("cost: passed.\n")
    assert progress.verdict_of(cell, "cost")[0] == "mistake"


def test_table_on_the_committed_chapters_shows_nothing_attempted(capsys):
    from pathlib import Path
    chapters = Path(__file__).resolve().parent.parent / "chapters"
    rows = progress.table(chapters, show=False)
    assert {verdict for _, _, verdict, _ in rows} == {"not attempted"}
    assert capsys.readouterr().out == ""


def test_table_refuses_a_folder_that_does_not_exist(tmp_path):
    with pytest.raises(ValueError, match="folder must be a folder of chapters; got"):
        progress.table(tmp_path / "nowhere")


def test_error_outputs_and_odd_outputs_never_crash():
    cell = nbformat.v4.new_code_cell("_ = checks.cost(cost)")
    cell.execution_count = 1
    cell.outputs = [nbformat.v4.new_output("error", ename="NameError", evalue="cost", traceback=[])]
    assert progress.verdict_of(cell, "cost")[0] == "unknown"
    assert progress.verdict_of({"outputs": 3}, "cost")[0] == "unknown"
    error_line = {"outputs": [{"output_type": "stream", "name": "stdout",
                               "text": ["cost: error — ZeroDivisionError\n"]}]}
    assert progress.verdict_of(error_line, "cost") == ("error", "ZeroDivisionError")


# --- the teacher's command -------------------------------------------------------------------------

def test_grading_runs_copies_and_writes_a_row_per_exercise(tmp_path):
    learner = tmp_path / "submissions" / "ada"
    solved = write_notebook(learner / "02-the-derivative.ipynb", IMPORTS, SOLVED, MISTAKE, STUB,
                            outputs={1: "sigmoid_gradient: passed.\n"})  # stale: it must be re-run
    write_notebook(learner / "03-gradient-descent.ipynb", "1 / 0",
                   IMPORTS + "\n_ = checks.gradient_descent_step(solutions.gradient_descent_step)")
    write_notebook(learner / "04-regularisation.ipynb", "while True:\n    pass",
                   "_ = checks.regularised_cost(f)")
    before = solved.read_bytes()
    out = tmp_path / "results.csv"
    grading.main([str(tmp_path / "submissions"), "--out", str(out), "--timeout", "8"])
    assert solved.read_bytes() == before
    with open(out, newline="", encoding="utf-8") as handle:
        table = list(csv.reader(handle))
    assert tuple(table[0]) == progress.CSV_COLUMNS
    rows = {row[2]: (row[0], row[1], row[3], row[4]) for row in table[1:]}
    assert len(rows) == len(progress.EXERCISES)
    assert rows["sigmoid_gradient"] == ("ada", "02", "passed", "")
    assert rows["cost"] == ("ada", "02", "mistake", "forgot 1/m")
    assert rows["gradient"] == ("ada", "02", "not attempted", "")
    assert rows["gradient_descent_step"] == ("ada", "03", "not run",
                                             "notebook failed at cell 1: ZeroDivisionError")
    assert rows["regularised_cost"] == ("ada", "04", "timed out", "timed out after 8 s")
    assert rows["nn_cost"][2] == "missing"
    assert not list(tmp_path.rglob("*.ipynb_checkpoints"))  # nothing written beside the learner's files


def test_grading_refuses_bad_arguments(tmp_path):
    with pytest.raises(ValueError, match="submissions must be a folder"):
        grading.grade(tmp_path / "nowhere", tmp_path / "out.csv")
    with pytest.raises(ValueError, match="timeout must be a positive number of seconds; got 0"):
        grading.grade(tmp_path, tmp_path / "out.csv", timeout=0)


# --- from an audit of the teacher's workflow: each of these failed before its fix ---------------------

def test_grading_counts_only_the_verdicts_a_check_logged(tmp_path):
    learner = tmp_path / "submissions" / "max"
    # a wrong answer whose cell prints a passing verdict line after the real one
    write_notebook(learner / "02-the-derivative.ipynb", IMPORTS,
                   "_ = checks.cost(lambda theta, X, y: 0.0)\nprint('cost: passed.')",
                   "if False:\n    checks.gradient(gradient)\nprint('gradient: passed.')")  # no check ran
    rows = by_exercise(grading.grade(tmp_path / "submissions", tmp_path / "out.csv", timeout=30))
    assert rows["cost"][0] == "mistake"  # was "passed"
    assert rows["gradient"] == ("unknown", "its cell printed a verdict, but no check ran")


def test_grading_stops_at_once_when_the_kernel_dies(tmp_path):
    learner = tmp_path / "submissions" / "kim"
    write_notebook(learner / "03-gradient-descent.ipynb", "import os\nos._exit(1)",
                   IMPORTS + "\n_ = checks.gradient_descent_step(solutions.gradient_descent_step)")
    rows = by_exercise(grading.grade(tmp_path / "submissions", tmp_path / "out.csv", timeout=60))
    # was "timed out after 60 s", a minute later
    assert rows["gradient_descent_step"] == ("not run", "the kernel died at cell 1")


def test_grading_reads_the_chapters_own_file_and_says_what_it_passes_over(tmp_path):
    submissions = tmp_path / "submissions"
    write_notebook(submissions / "ned" / "02-the-derivative.ipynb", IMPORTS, SOLVED)
    write_notebook(submissions / "ned" / "02-the-derivative-Copy1.ipynb", IMPORTS, STUB)
    write_notebook(submissions / "ned" / "notes.ipynb", "1")
    write_notebook(submissions / "zoe" / "Copy of 02-the-derivative.ipynb", IMPORTS, SOLVED)  # from Colab
    write_notebook(submissions / ".ipynb_checkpoints" / "02-the-derivative-checkpoint.ipynb", IMPORTS, SOLVED)
    (submissions / "__MACOSX").mkdir()
    log = io.StringIO()
    rows = grading.grade(submissions, tmp_path / "out.csv", timeout=30, log=log)
    assert {row[0] for row in rows} == {"ned", "zoe"}  # no hidden or __MACOSX "learners"
    verdicts = {(row[0], row[2]): row[3] for row in rows}
    assert verdicts["ned", "sigmoid_gradient"] == "passed"  # the copy sorted first and was graded
    assert verdicts["zoe", "sigmoid_gradient"] == "passed"  # was "missing"
    assert ("not graded: 02-the-derivative-Copy1.ipynb (a copy of chapter 02; 02-the-derivative.ipynb "
            "is read instead)") in log.getvalue()
    assert "not graded: notes.ipynb (not one of the chapters with exercises)" in log.getvalue()


def test_grading_refuses_an_output_folder_that_is_missing_before_grading(tmp_path, capsys):
    write_notebook(tmp_path / "submissions" / "ada" / "02-the-derivative.ipynb", IMPORTS, SOLVED)
    with pytest.raises(SystemExit) as stopped:  # was a FileNotFoundError after grading everyone
        grading.main([str(tmp_path / "submissions"), "--out", str(tmp_path / "nowhere" / "r.csv")])
    assert stopped.value.code == 2
    assert "error: out must be a file in an existing folder" in capsys.readouterr().err


def test_grading_one_learners_folder_is_refused_with_the_reason(tmp_path):
    write_notebook(tmp_path / "ada" / "02-the-derivative.ipynb", IMPORTS, SOLVED)
    with pytest.raises(ValueError, match=r"holds notebooks itself: put them in a folder named after the learner"):
        grading.grade(tmp_path / "ada", tmp_path / "out.csv")  # was 0 rows, silently


def test_grading_details_name_the_exception_and_the_diagnosis_given(tmp_path):
    learner = tmp_path / "submissions" / "eve"
    write_notebook(learner / "02-the-derivative.ipynb", IMPORTS,
                   "def cost(theta, X, y):\n    return 1 / 0\n\n_ = checks.cost(cost)")
    write_notebook(learner / "08-gradient-checking.ipynb", IMPORTS,
                   "_ = checks.diagnosis('a', 'missing 1/m')\n_ = checks.diagnosis('b', 'no idea')")
    rows = by_exercise(grading.grade(tmp_path / "submissions", tmp_path / "out.csv", timeout=30))
    assert rows["cost"] == ("error", "raised an exception (ZeroDivisionError)")
    assert rows["bug a"] == ("wrong", "answered 'missing 1/m'")  # the detail was empty: which answer?
    assert rows["bug b"] == ("not a choice", "answered 'no idea'")


def test_table_reads_the_chapters_own_file_and_names_the_copies_it_passes_over(tmp_path, capsys):
    write_notebook(tmp_path / "02-the-derivative.ipynb", IMPORTS, SOLVED, outputs={1: "sigmoid_gradient: passed.\n"})
    write_notebook(tmp_path / "02-the-derivative-Copy1.ipynb", IMPORTS, SOLVED, outputs={1: None})
    write_notebook(tmp_path / "01-cost-function.ipynb", "1")  # a chapter without exercises: no word
    rows = progress.table(tmp_path)
    assert by_exercise(rows)["sigmoid_gradient"] == ("passed", "")  # the copy sorted first and was read
    printed = capsys.readouterr().out
    assert printed.startswith("not read: 02-the-derivative-Copy1.ipynb (a copy of chapter 02; "
                              "02-the-derivative.ipynb is read instead)\n")
    assert "01-cost-function" not in printed


def test_the_chapter_files_progress_knows_are_the_courses():
    chapters = Path(__file__).resolve().parent.parent / "chapters"
    assert all((chapters / name).is_file() for name in progress.CHAPTER_FILES.values())
    assert sorted(progress.CHAPTER_FILES) == sorted({chapter for chapter, _ in progress.EXERCISES})


def test_the_verdict_log_names_an_exception_but_not_the_engines_own_words(tmp_path, monkeypatch):
    monkeypatch.setenv(progress.VERDICT_LOG, str(tmp_path / "log"))
    with contextlib.redirect_stdout(io.StringIO()):
        checks.cost(3)  # its hint starts "checks.cost needs …": no exception behind it
        checks.cost(lambda theta, X, y: 1 / 0)
    assert progress.logged_verdicts(tmp_path / "log") == {"cost": ("error", "not a function")}
    lines = (tmp_path / "log").read_text(encoding="utf-8").splitlines()
    assert lines[1] == '["cost", "error", "raised an exception (ZeroDivisionError)"]'
