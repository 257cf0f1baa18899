""".pre-commit-config.yaml: its notebook hook leaves the committed chapters exactly as they are.

The chapters are committed the way ``make notebooks`` leaves them (executed, widget state stripped);
a hook that disagreed would rewrite every chapter on the next commit, or strip the outputs nbval
compares. nbstripout is run as the hook runs it, with the hook's own arguments. It comes with
requirements-dev.txt; in an environment built before it was added, its tests are skipped (and fail
when ``CI`` is set).
"""

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from packaging.specifiers import SpecifierSet

ROOT = Path(__file__).resolve().parent.parent
CHAPTERS = sorted((ROOT / "chapters").glob("*.ipynb"))
SLIDER_CHAPTER = ROOT / "chapters" / "03-gradient-descent.ipynb"  # has widget outputs to keep

spec = importlib.util.spec_from_file_location("execute_notebooks", ROOT / "tools" / "execute_notebooks.py")
execute_notebooks = importlib.util.module_from_spec(spec)
spec.loader.exec_module(execute_notebooks)


def hooks():
    """``{hook id: (repository entry, hook entry)}`` from .pre-commit-config.yaml."""
    yaml = pytest.importorskip("yaml")
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    return {hook["id"]: (repo, hook) for repo in config["repos"] for hook in repo["hooks"]}


def dev_pin(name):
    """The version specifier requirements-dev.txt gives ``name`` (e.g. ``~=0.9``)."""
    text = (ROOT / "requirements-dev.txt").read_text(encoding="utf-8")
    match = re.search(rf"^{re.escape(name)}\s*([~=<>!][^\s#]*)", text, flags=re.MULTILINE)
    assert match, f"requirements-dev.txt must pin {name}"
    return SpecifierSet(match[1])


def nbstripout(*args, cwd):
    if importlib.util.find_spec("nbstripout") is None:
        reason = "nbstripout is not installed (requirements-dev.txt): run `make test` to update .venv"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    return subprocess.run([sys.executable, "-m", "nbstripout", *args], cwd=cwd, capture_output=True, text=True)


def test_the_notebook_hook_keeps_what_nbval_and_the_tests_read():
    _, hook = hooks()["nbstripout"]
    assert {"--keep-output", "--keep-count", "--keep-id"} <= set(hook["args"])


@pytest.mark.parametrize(("hook_id", "package"), [("nbstripout", "nbstripout"), ("ruff-check", "ruff")])
def test_hook_versions_are_the_ones_requirements_dev_pins(hook_id, package):
    repo, _ = hooks()[hook_id]
    version = repo["rev"].removeprefix("v")
    assert version in dev_pin(package), (hook_id, repo["rev"], str(dev_pin(package)))
    lock = ROOT / "requirements-lock.txt"  # where there is a lock, the hook runs the locked version
    if lock.is_file():
        assert f"\n{package}=={version}\n" in lock.read_text(encoding="utf-8"), (hook_id, repo["rev"])


def test_the_committed_chapters_are_what_the_hook_leaves():
    _, hook = hooks()["nbstripout"]
    result = nbstripout("--verify", *hook["args"], *map(str, CHAPTERS), cwd=ROOT)
    assert result.returncode == 0, f"the hook would rewrite these chapters:\n{result.stdout}{result.stderr}"


def test_the_hook_strips_what_make_notebooks_strips(tmp_path):
    # a chapter as a fresh execution leaves it: widget state and per-cell timestamps
    notebook = nbformat.read(SLIDER_CHAPTER, as_version=4)
    notebook.metadata["widgets"] = {"application/vnd.jupyter.widget-state+json": {"state": {}, "version_major": 2}}
    for cell in notebook.cells:
        if cell.cell_type == "code":
            cell.metadata["execution"] = {"iopub.status.busy": "2026-12-03T10:00:00.000000Z"}
    by_the_hook = tmp_path / "hook" / SLIDER_CHAPTER.name
    by_the_hook.parent.mkdir()
    nbformat.write(notebook, by_the_hook)
    execute_notebooks.strip_volatile_metadata(notebook)
    nbformat.write(notebook, tmp_path / "make-notebooks.ipynb")

    _, hook = hooks()["nbstripout"]
    result = nbstripout(*hook["args"], str(by_the_hook), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    committed = SLIDER_CHAPTER.read_bytes()
    assert by_the_hook.read_bytes() == committed
    assert (tmp_path / "make-notebooks.ipynb").read_bytes() == committed
    assert b"application/vnd.jupyter.widget-view+json" in committed  # the slider outputs were kept


def test_the_hook_would_catch_a_notebook_with_widget_state(tmp_path):
    notebook = tmp_path / SLIDER_CHAPTER.name
    shutil.copy(SLIDER_CHAPTER, notebook)
    dirty = nbformat.read(notebook, as_version=4)
    dirty.metadata["widgets"] = {"application/vnd.jupyter.widget-state+json": {"state": {}}}
    nbformat.write(dirty, notebook)
    _, hook = hooks()["nbstripout"]
    assert nbstripout("--verify", *hook["args"], str(notebook), cwd=tmp_path).returncode == 1
