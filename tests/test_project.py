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
# NN-kebab-title.ipynb: two digits, then lower-case words joined by single hyphens
CHAPTER_NAME = re.compile(r"\d{2}(-[a-z0-9]+)+\.ipynb")


def requirement_lines(name):
    """The non-blank, non-comment lines of a requirements file, as (line number, text)."""
    lines = (ROOT / name).read_text(encoding="utf-8").splitlines()
    return [(number, line) for number, line in enumerate(lines, start=1)
            if line.strip() and not line.lstrip().startswith("#")]


# --- requirements -------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["requirements.txt", "requirements-dev.txt", "requirements-bench.txt"])
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


# --- README -------------------------------------------------------------------------------------

def test_readme_gives_the_two_commands_in_one_code_block():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```[a-z]*\n(.*?)```", readme, flags=re.DOTALL)
    commands = [{line.partition("#")[0].strip() for line in block.splitlines()} for block in blocks]
    assert any({"make lab", "make test"} <= block for block in commands), (
        "README needs a code block with `make lab` and `make test`, one per line")


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
    ("numpy          2.5.5        needs ~=2.4     ok, untested (tested: 2.4.6)",
     "numpy          VERSIONneeds ~=2.4     ok"),
    ("Everything the course needs is installed.\nVersions marked untested differ from the ones CI tests "
     "(requirements-lock.txt), which\n`make lab` installs the tested packages.",
     "Everything the course needs is installed."),
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


# --- the lock, the learner's environment, Binder and the workflow (issue 11) -------------------

def pins_of(name):
    """name → (version, marker) for every `name==version` line of a generated requirements file."""
    from packaging.requirements import Requirement

    pins = {}
    for number, line in requirement_lines(name):
        requirement = Requirement(re.split(r"\s+#", line)[0])
        specifiers = list(requirement.specifier)
        assert [specifier.operator for specifier in specifiers] == ["=="], (
            f"{name}:{number} must pin one exact version; got {line.strip()!r}")
        assert not requirement.url, f"{name}:{number} must name a released package; got {line.strip()!r}"
        pins.setdefault(requirement.name.lower(), []).append((specifiers[0].version, requirement.marker))
    return pins


def ranges_of(*names):
    from packaging.requirements import Requirement

    requirements = [Requirement(re.split(r"\s+#", line)[0])
                    for name in names for _, line in requirement_lines(name) if not line.startswith("-r ")]
    return {requirement.name.lower(): requirement.specifier for requirement in requirements}


def test_the_lock_pins_every_requirement_once_inside_its_range():
    lock = pins_of("requirements-lock.txt")
    for name, specifier in ranges_of("requirements.txt", "requirements-dev.txt").items():
        assert name in lock, f"{name} is not in requirements-lock.txt: run `make lock`"
        # one version for every platform and Python, so every install prints the same numbers
        (version, marker), *others = lock[name]
        assert (others, marker) == ([], None), f"{name} is locked per platform: {lock[name]}"
        assert version in specifier, f"{name}=={version} in the lock is outside {specifier}: run `make lock`"


def test_binder_pins_released_versions_the_lock_agrees_with_and_installs_the_package_afterwards():
    binder = pins_of("binder/requirements.txt")  # no -r, -e or path: repo2docker installs it first, alone
    lock = pins_of("requirements-lock.txt")
    for name, [(version, _)] in binder.items():
        if name in lock:
            assert version == lock[name][0][0], f"binder has {name}=={version}, the lock {lock[name]}"
    assert "notebook" in binder, "pin a notebook release that accepts the JupyterLab pin (binder/requirements.in)"
    assert set(ranges_of("requirements.txt")) <= set(binder)
    # postBuild installs mlcourse without its dependencies, so they must all be pinned here
    import tomllib

    from packaging.requirements import Requirement
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert {Requirement(line).name.lower() for line in project["dependencies"]} <= set(binder)
    post_build = (ROOT / "binder" / "postBuild").read_text(encoding="utf-8")
    assert "pip install --no-cache-dir --no-deps --editable ." in post_build
    if os.name == "posix":
        assert os.access(ROOT / "binder" / "postBuild", os.X_OK), "binder/postBuild must be executable"


def make_dry_run(target, *variables):
    """What `make -n` would run for the target, every prerequisite forced; skipped without make."""
    import shutil
    import subprocess

    if not shutil.which("make"):
        pytest.skip("needs make")
    # without the caller's make settings: the weekly CI job sets PINS=ranges for the whole run
    env = {name: value for name, value in os.environ.items() if name not in ("PINS", "MAKEFLAGS", "MAKELEVEL")}
    return subprocess.run(["make", "-n", "-B", target, *variables], cwd=ROOT, capture_output=True, text=True,
                          env=env)


def test_make_lab_installs_the_learners_requirements_only_and_make_test_adds_the_test_tools():
    lab = make_dry_run("lab")
    assert lab.returncode == 0, lab.stderr
    assert "install --quiet -r requirements.txt -c requirements-lock.txt -e ." in lab.stdout
    assert "requirements-dev.txt" not in lab.stdout
    assert "jupyter lab" in lab.stdout
    test = make_dry_run("test")
    assert test.returncode == 0, test.stderr
    assert "install --quiet -r requirements.txt -c requirements-lock.txt -e ." in test.stdout
    assert "install --quiet -r requirements-dev.txt -c requirements-lock.txt" in test.stdout


def test_make_test_with_the_ranges_installs_without_the_lock_and_other_pins_are_refused():
    ranges = make_dry_run("test", "PINS=ranges")
    assert ranges.returncode == 0, ranges.stderr
    installs = [line for line in ranges.stdout.splitlines() if " -m pip " in line and " install " in line]
    assert [line.split(" -r ", 1)[1].strip() for line in installs] == ["requirements.txt  -e .", "requirements-dev.txt"]
    wrong = make_dry_run("test", "PINS=newest")
    assert wrong.returncode != 0
    assert "PINS must be lock or ranges; got 'newest'" in wrong.stderr


def workflow():
    import yaml

    return yaml.safe_load((ROOT / ".github" / "workflows" / "course.yml").read_text(encoding="utf-8"))


def steps_using(job, action):
    return [step for step in job["steps"] if step.get("uses", "").startswith(f"actions/{action}@")]


def test_workflow_uses_actions_that_run_on_node_24_and_caches_pip():
    minimum_major = {"checkout": 5, "setup-python": 6, "upload-pages-artifact": 4, "deploy-pages": 5}
    for name, job in workflow()["jobs"].items():
        for step in job["steps"]:
            action, _, version = step.get("uses", "").partition("@")
            if action.removeprefix("actions/") in minimum_major:
                assert int(version.removeprefix("v")) >= minimum_major[action.removeprefix("actions/")], (
                    f"{name}: {step['uses']} runs on Node 20")
    for name in ("linux", "other-os"):
        (setup,) = steps_using(workflow()["jobs"][name], "setup-python")
        assert setup["with"]["cache"] == "pip"


def test_workflow_cancels_superseded_runs_and_runs_weekly_with_the_ranges():
    flow = workflow()
    assert flow["concurrency"]["cancel-in-progress"] is True
    triggers = flow[True]  # YAML 1.1 reads the key `on` as true
    assert {"push", "pull_request", "schedule"} <= set(triggers)
    ranges = flow["jobs"]["ranges"]
    assert "schedule" in ranges["if"]
    assert [step["run"] for step in ranges["steps"] if "run" in step] == ["bash .ci/run"]
    assert [step["env"]["PINS"] for step in ranges["steps"] if "run" in step] == ["ranges"]


def test_workflow_tests_every_python_on_linux_and_the_library_and_chapters_on_windows_and_macos():
    jobs = workflow()["jobs"]
    assert jobs["linux"]["strategy"]["matrix"]["python-version"] == ["3.11", "3.12", "3.13"]
    assert [step["run"] for step in jobs["linux"]["steps"] if "run" in step] == ["bash .ci/run"]
    other = jobs["other-os"]
    assert set(other["strategy"]["matrix"]["os"]) == {"windows-latest", "macos-latest"}
    commands = " ".join(step.get("run", "") for step in other["steps"])
    assert "-c requirements-lock.txt" in commands
    assert "--nbval --nbval-current-env" in commands
    assert "--ignore=tests/test_browser.py" in commands


def test_workflow_builds_the_book_and_publishes_it_from_main_only():
    jobs = workflow()["jobs"]
    assert any(step.get("run") == "make book" for step in jobs["book"]["steps"])
    (upload,) = steps_using(jobs["book"], "upload-pages-artifact")
    assert upload["with"]["path"] == "build/book/html"
    assert "refs/heads/main" in upload["if"]
    deploy = jobs["deploy-book"]
    assert "refs/heads/main" in deploy["if"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert steps_using(deploy, "deploy-pages")
