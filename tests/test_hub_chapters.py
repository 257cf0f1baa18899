"""tools/hub_chapters.py, and what nbgitpuller's merge does to a learner's chapters (README, *Teaching a class*).

nbgitpuller commits whatever a learner changed, then runs ``git merge -Xours origin/<branch>``
(nbgitpuller/pull.py): the merge goes line by line through the notebook's JSON, and where both
sides changed the same or neighbouring lines the learner's lines win. The merge tests below replay
exactly those two git commands on copies of a chapter, so the README's account of them is checked.
"""

import copy
import importlib.util
import json
import subprocess
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
CHAPTER = ROOT / "chapters" / "01-cost-function.ipynb"

spec = importlib.util.spec_from_file_location("hub_chapters", ROOT / "tools" / "hub_chapters.py")
hub_chapters = importlib.util.module_from_spec(spec)
spec.loader.exec_module(hub_chapters)


# --- the copies -------------------------------------------------------------------------------------

def test_copies_lose_outputs_counts_and_widget_state_and_keep_everything_else(tmp_path):
    source = tmp_path / "chapters"
    source.mkdir()
    notebook = nbformat.read(CHAPTER, as_version=4)
    notebook.metadata["widgets"] = {"application/vnd.jupyter.widget-state+json": {"state": {}}}
    notebook.cells[2].metadata["execution"] = {"iopub.status.idle": "2026-01-01T00:00:00Z"}
    notebook.cells[2].metadata["tags"] = ["keep-me"]
    nbformat.write(notebook, source / CHAPTER.name)
    original = (source / CHAPTER.name).read_bytes()

    (written,) = hub_chapters.write_hub_chapters(source, tmp_path / "hub")

    assert (source / CHAPTER.name).read_bytes() == original  # the chapters are only read
    copy_ = nbformat.read(written, as_version=4)
    nbformat.validate(copy_)
    assert "widgets" not in copy_.metadata
    assert copy_.metadata.kernelspec == notebook.metadata.kernelspec
    assert len(copy_.cells) == len(notebook.cells)
    for before, after in zip(notebook.cells, copy_.cells, strict=True):
        assert (after.cell_type, after.id, after.source) == (before.cell_type, before.id, before.source)
        if after.cell_type == "code":
            assert after.outputs == []
            assert after.execution_count is None
    assert copy_.cells[2].metadata == {"tags": ["keep-me"]}
    assert any(cell.get("outputs") for cell in notebook.cells)  # there was something to clear


def test_a_rerun_replaces_stale_copies_and_the_chapters_folder_is_refused(tmp_path):
    out = tmp_path / "hub"
    out.mkdir()
    (out / "07-a-chapter-since-renamed.ipynb").write_text("{}", encoding="utf-8")
    (out / "README.md").write_text("the hub repository's own file\n", encoding="utf-8")
    written = hub_chapters.write_hub_chapters(ROOT / "chapters", out)
    assert sorted(path.name for path in out.glob("*.ipynb")) == sorted(path.name for path in written)
    assert [path.name for path in written] == sorted(path.name for path in (ROOT / "chapters").glob("*.ipynb"))
    assert (out / "README.md").is_file()  # only .ipynb files are replaced
    with pytest.raises(SystemExit, match="--out must be another folder than the chapters it copies"):
        hub_chapters.write_hub_chapters(ROOT / "chapters", ROOT / "chapters")


def test_command_line_writes_into_out(tmp_path, capsys):
    hub_chapters.main(["--out", str(tmp_path / "hub")])
    count = len(list((ROOT / "chapters").glob("*.ipynb")))
    assert f"wrote {count} chapters with outputs cleared to {tmp_path / 'hub'}" in capsys.readouterr().out


# --- nbgitpuller's merge, replayed ------------------------------------------------------------------

def dump(notebook):
    return json.dumps(notebook, sort_keys=True, indent=1, ensure_ascii=False) + "\n"


def git(folder, *args):
    identity = ["-c", "user.name=course", "-c", "user.email=course@example.invalid"]
    subprocess.run(["git", "-C", str(folder), *identity, *args], check=True, capture_output=True)


def pulled(tmp_path, served, teachers_update, learners_copy):
    """The learner's chapter after nbgitpuller merges ``teachers_update`` into ``learners_copy``.

    ``served`` is what the learner first pulled; the three are notebooks as JSON dictionaries.
    """
    teacher, learner = tmp_path / "teacher", tmp_path / "learner"
    teacher.mkdir(parents=True)
    git(teacher, "init", "-q", "-b", "main")
    (teacher / "chapter.ipynb").write_text(dump(served), encoding="utf-8")
    git(teacher, "add", "chapter.ipynb")
    git(teacher, "commit", "-q", "-m", "the course")
    git(tmp_path, "clone", "-q", str(teacher), str(learner))  # the first click
    (teacher / "chapter.ipynb").write_text(dump(teachers_update), encoding="utf-8")
    git(teacher, "commit", "-q", "-am", "the teacher's update")
    (learner / "chapter.ipynb").write_text(dump(learners_copy), encoding="utf-8")
    git(learner, "commit", "-q", "-am", "Automatic commit by nbgitpuller")  # a later click
    git(learner, "fetch", "-q")
    git(learner, "merge", "-q", "-Xours", "origin/main")
    return json.loads((learner / "chapter.ipynb").read_text(encoding="utf-8"))


def ran_twice(notebook, failing_cell=None):
    """The learner's copy after Run All twice: every count moved on; one cell may have raised instead."""
    notebook = copy.deepcopy(notebook)
    code_cells = [cell for cell in notebook["cells"] if cell["cell_type"] == "code"]
    for number, cell in enumerate(code_cells, start=len(code_cells) + 1):
        cell["execution_count"] = number
        cell["outputs"] = [dict(output, execution_count=number) if "execution_count" in output else output
                           for output in cell["outputs"]]
    if failing_cell is not None:
        notebook["cells"][failing_cell]["outputs"] = [{"ename": "NameError", "evalue": "name 'X' is not defined",
                                                       "output_type": "error", "traceback": ["NameError"]}]
    return notebook


@pytest.fixture(scope="module")
def chapter():
    """Chapter 01 as committed (outputs), as a hub copy (none), and the index of a code cell with output."""
    committed = json.loads(CHAPTER.read_text(encoding="utf-8"))
    hub_copy = json.loads(dump(hub_chapters.cleared(nbformat.from_dict(copy.deepcopy(committed)))))
    cell = next(i for i, cell in enumerate(committed["cells"]) if cell["cell_type"] == "code" and cell["outputs"])
    return committed, hub_copy, cell


@pytest.mark.parametrize("served", ["committed", "hub copy"])
def test_an_edit_to_a_cell_the_learner_ran_arrives(chapter, served, tmp_path):
    committed, hub_copy, cell = chapter
    start = committed if served == "committed" else hub_copy
    update = copy.deepcopy(start)
    update["cells"][cell]["source"].insert(0, "# the teacher's new first line\n")
    merged = pulled(tmp_path, start, update, ran_twice(committed, failing_cell=cell))
    assert merged["cells"][cell]["source"] == update["cells"][cell]["source"]
    assert merged["cells"][cell]["outputs"][0]["ename"] == "NameError"  # and the learner's output stays


def test_new_outputs_stop_where_the_learners_output_differs(chapter, tmp_path):
    committed, _, cell = chapter
    update = copy.deepcopy(committed)  # re-executed after a fix: the cell prints something else
    update["cells"][cell]["outputs"] = [{"name": "stdout", "output_type": "stream", "text": ["new numbers\n"]}]
    merged = pulled(tmp_path, committed, update, ran_twice(committed, failing_cell=cell))
    assert merged["cells"][cell]["outputs"][0]["output_type"] == "error"  # the learner's, under the new code


@pytest.mark.parametrize("served", ["committed", "hub copy"])
def test_a_cell_deleted_by_the_teacher_stays_with_a_learner_who_ran_it(chapter, served, tmp_path):
    committed, hub_copy, cell = chapter
    start = committed if served == "committed" else hub_copy
    update = copy.deepcopy(start)
    del update["cells"][cell]
    merged = pulled(tmp_path, start, update, ran_twice(committed))
    assert len(merged["cells"]) == len(start["cells"])
    # emptying the cell instead of deleting it does arrive
    update = copy.deepcopy(start)
    update["cells"][cell]["source"] = ["# this step moved to the next chapter\n"]
    merged = pulled(tmp_path / "emptied", start, update, ran_twice(committed))
    assert merged["cells"][cell]["source"] == ["# this step moved to the next chapter\n"]


def test_a_line_both_edited_keeps_the_learners_version(chapter, tmp_path):
    committed, hub_copy, cell = chapter
    update = copy.deepcopy(hub_copy)
    update["cells"][cell]["source"][0] = "# the teacher's version of this line\n"
    learners = ran_twice(committed)
    learners["cells"][cell]["source"][0] = "# the learner's version of this line\n"
    merged = pulled(tmp_path, hub_copy, update, learners)
    assert merged["cells"][cell]["source"][0] == "# the learner's version of this line\n"
