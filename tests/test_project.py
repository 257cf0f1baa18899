"""Checks of the project's set-up: pins, Binder, README, CI and the committed chapters.

These guard what a learner or a teacher meets before any maths: the two commands, the Binder link,
an environment that installs the same way everywhere, and chapters committed as a fresh kernel
runs them top to bottom.
"""

import importlib.util
import os
import re
from pathlib import Path

import nbformat
import pytest
from nbval.plugin import get_sanitize_patterns

ROOT = Path(__file__).resolve().parent.parent
CHAPTERS = sorted((ROOT / "chapters").glob("*.ipynb"))
BINDER_URL = re.compile(
    r"https://mybinder\.org/v2/gh/[^/\s]+/[^/\s]+/[^?\s]+\?urlpath=lab/tree/chapters/00-start-here\.ipynb"
)
# NN-kebab-title.ipynb: two digits, then lower-case words joined by single hyphens
CHAPTER_NAME = re.compile(r"\d{2}(-[a-z0-9]+)+\.ipynb")


def requirement_lines(name):
    """The non-blank, non-comment lines of a requirements file, as (line number, text)."""
    lines = (ROOT / name).read_text(encoding="utf-8").splitlines()
    return [(number, line) for number, line in enumerate(lines, start=1)
            if line.strip() and not line.lstrip().startswith("#")]


# --- requirements -------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["requirements.txt", "requirements-dev.txt"])
def test_every_requirement_has_a_compatible_release_pin_and_a_reason(name):
    packages = [(number, line) for number, line in requirement_lines(name) if not line.startswith("-r ")]
    assert packages, f"{name} lists no package"
    for number, line in packages:
        requirement, _, comment = line.partition("#")
        assert re.fullmatch(r"[A-Za-z0-9_.\-]+~=\d+(\.\d+)+", requirement.strip()), (
            f"{name}:{number} must pin with ~= (e.g. numpy~=2.4); got {requirement.strip()!r}")
        assert comment.strip(), f"{name}:{number} needs a comment saying why the package is there"


def test_dev_requirements_start_from_the_learners_requirements():
    (_, first), *_ = requirement_lines("requirements-dev.txt")
    assert first.strip() == "-r requirements.txt"


# --- Binder -------------------------------------------------------------------------------------

def test_binder_runtime_is_python_3_11():
    assert (ROOT / "binder" / "runtime.txt").read_text(encoding="utf-8").strip() == "python-3.11"


def test_binder_installs_the_learners_requirements_and_the_package():
    lines = [line.strip() for _, line in requirement_lines("binder/requirements.txt")]
    assert lines == ["-r ../requirements.txt", "-e ."]
    # pip resolves the nested -r relative to binder/, and `.` relative to the repository root
    assert (ROOT / "binder" / "../requirements.txt").resolve() == ROOT / "requirements.txt"
    assert (ROOT / "pyproject.toml").is_file()


# --- README -------------------------------------------------------------------------------------

def test_readme_gives_the_two_commands_in_one_code_block():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```[a-z]*\n(.*?)```", readme, flags=re.DOTALL)
    commands = [{line.partition("#")[0].strip() for line in block.splitlines()} for block in blocks]
    assert any({"make lab", "make test"} <= block for block in commands), (
        "README needs a code block with `make lab` and `make test`, one per line")


def test_readme_binder_link_opens_chapter_00():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert BINDER_URL.search(readme), "README needs the Binder URL with urlpath=lab/tree/chapters/00-start-here.ipynb"
    assert (ROOT / "chapters" / "00-start-here.ipynb").is_file()


def test_license_is_mit_for_the_mlcourse_authors():
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("MIT License")
    assert re.search(r"Copyright \(c\) \d{4} the mlcourse authors", text)


# --- Makefile and CI ----------------------------------------------------------------------------

def test_make_test_runs_ruff_and_every_chapter_under_strict_nbval():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "$(PYTHON) -m ruff check ." in makefile
    assert ("$(PYTHON) -m pytest --nbval --nbval-current-env "
            "--nbval-sanitize-with tests/nbval_sanitize.cfg") in makefile
    assert "--nbval-lax" not in makefile


def test_make_lab_opens_chapter_00_with_the_repository_as_the_root():
    # the repository as root, so the file browser reaches mlcourse/ as chapter 00 says;
    # tests/test_browser.py serves JupyterLab the same way and opens mlcourse/network.py in it
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"jupyter lab .*--ServerApp\.root_dir=\. chapters/00-start-here\.ipynb", makefile)
    assert "--notebook-dir" not in makefile


def test_ci_runs_make_test_and_stops_at_the_first_error():
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    commands = [line.strip() for line in script.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    assert "set -euo pipefail" in commands
    assert "make test" in commands
    if os.name == "posix":
        assert os.access(ROOT / ".ci" / "run", os.X_OK), ".ci/run must be executable"


# --- nbval sanitiser ----------------------------------------------------------------------------

def sanitize(text):
    """Apply tests/nbval_sanitize.cfg exactly as nbval does (same parser, same re.sub order)."""
    patterns = get_sanitize_patterns((ROOT / "tests" / "nbval_sanitize.cfg").read_text(encoding="utf-8"))
    for regex, replace in patterns:
        text = re.sub(regex, replace, text)
    return text


@pytest.mark.parametrize(("printed", "expected"), [
    ("trained in 0.123 s", "trained in TIME s"),
    ("cost + gradient: 12.4 ms", "cost + gradient: TIME ms"),
    ("numpy          2.4.6        needs ~=2.4     ok", "numpy          VERSIONneeds ~=2.4     ok"),
    ("numpy          2.4.10       needs ~=2.4     ok", "numpy          VERSIONneeds ~=2.4     ok"),
    ("python         3.11.7       needs >=3.11    ok", "python         VERSIONneeds >=3.11    ok"),
    ("<function f at 0x7f3a2c1b5e50>", "<function f at 0xADDRESS>"),
])
def test_sanitiser_hides_what_changes_between_runs(printed, expected):
    assert sanitize(printed) == expected


@pytest.mark.parametrize("printed", [
    "<Figure size 640x480 with 1 Axes>",
    "J(theta) = 0.693147 after 400 iterations",
    "accuracy 96.5 %, 5000 samples, 10 classes",
    "X (5000, 400)  Theta1 (25, 401)",
])
def test_sanitiser_leaves_deterministic_output_alone(printed):
    assert sanitize(printed) == printed


# --- committed chapters -------------------------------------------------------------------------

def test_chapter_00_exists():
    assert ROOT / "chapters" / "00-start-here.ipynb" in CHAPTERS


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda path: path.name)
def test_chapter_is_named_nn_kebab_title(path):
    assert CHAPTER_NAME.fullmatch(path.name), f"{path.name} must look like 03-gradient-descent.ipynb"


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda path: path.name)
def test_chapter_runs_on_python3_without_widget_state(path):
    nb = nbformat.read(path, as_version=4)
    assert nb.metadata.get("kernelspec", {}).get("name") == "python3"
    assert "widgets" not in nb.metadata, "strip widget state (make notebooks does)"


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda path: path.name)
def test_chapter_was_executed_top_to_bottom_in_a_fresh_kernel(path):
    nb = nbformat.read(path, as_version=4)
    # An empty code cell is never given a count, so it does not take part.
    counts = [cell.execution_count for cell in nb.cells if cell.cell_type == "code" and cell.source.strip()]
    assert counts, f"{path.name} has no code cell"
    assert counts == list(range(1, len(counts) + 1)), (
        f"{path.name}: execution counts must be 1..{len(counts)} in order; got {counts} "
        "(re-run with `make notebooks`)")


# --- tools/execute_notebooks.py -----------------------------------------------------------------

def test_execute_notebooks_strips_widget_state_and_timestamps():
    spec = importlib.util.spec_from_file_location("execute_notebooks", ROOT / "tools" / "execute_notebooks.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    kernelspec = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
    nb = nbformat.v4.new_notebook(metadata={"kernelspec": kernelspec, "widgets": {"state": {}}})
    nb.cells.append(nbformat.v4.new_code_cell("1 + 1", metadata={"execution": {"iopub.status.idle": "x"},
                                                                  "tags": ["keep"]}))
    module.strip_volatile_metadata(nb)
    assert "widgets" not in nb.metadata
    assert nb.metadata.kernelspec.name == "python3"
    assert nb.cells[0].metadata == {"tags": ["keep"]}
