"""The README's hub recipe, end to end: an install that is not a clone finds its data.

A JupyterHub image gets the course with ``pip install -r requirements.txt "mlcourse @ git+<fork
url>@main"``: pip clones the fork, builds a wheel from the clone and installs it, so no repository
sits beside the installed package. These tests do the same without a network. They copy the files
a commit of this working tree would hold (tracked or new, never git-ignored) to a temporary folder
and install that copy into a fresh virtual environment in three ways: from a git URL of it (the
recipe, with a local repository in place of the fork), from an sdist built from it, and editable
(as ``make lab`` installs the course). Then they load all three data sets from yet another folder,
check that ``mlcourse`` was imported from that environment and not from this checkout, and that a
missing file gets advice fitting the install.

To stay offline and quick (about 8 s for all three on an idle machine), the fresh environment
borrows this environment's packages (numpy, and setuptools to build with) through a ``.pth`` file,
and pip runs with ``--no-deps --no-build-isolation --no-index``. Building needs the setuptools of
``requirements-dev.txt``; with an older one the tests are skipped, or fail when ``CI`` is set.
"""

import importlib.metadata
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA_FILES = ["exam_scores.csv", "microchips.csv", "digits.npz"]
SETUPTOOLS_NEEDED = (77, 0)  # the first release that reads pyproject's `license = "MIT"` (PEP 639)

# Run by the fresh environment's Python from an empty folder: where mlcourse came from, and what loads.
LOAD_EVERYTHING = """
import json
import mlcourse
from mlcourse import datasets
shapes = {name: [list(array.shape) for array in getattr(datasets, "load_" + name)()]
          for name in ("exam_scores", "microchips", "digits")}
print(json.dumps({"module": mlcourse.__file__, "data_dir": str(datasets.data_dir()), "shapes": shapes}))
"""
LOAD_DIGITS_ERROR = """
from mlcourse import datasets
try:
    datasets.load_digits()
except FileNotFoundError as error:
    print(error)
"""


def require_a_modern_setuptools():
    version = importlib.metadata.version("setuptools")
    if tuple(int(part) for part in version.split(".")[:2]) >= SETUPTOOLS_NEEDED:
        return
    reason = (f"building mlcourse offline needs setuptools >= {'.'.join(map(str, SETUPTOOLS_NEEDED))} "
              f"(requirements-dev.txt); this environment has {version}: run `make test` to update .venv")
    if os.environ.get("CI"):
        pytest.fail(reason)
    pytest.skip(reason)


def copy_of_the_working_tree(destination):
    """Copy the files a commit of this working tree would hold, as a clone of it would have them."""
    try:
        listing = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                                 cwd=ROOT, capture_output=True, check=True).stdout.decode()
    except (OSError, subprocess.CalledProcessError) as error:
        pytest.skip(f"needs a git checkout of the course to copy: {error}")
    for name in filter(None, listing.split("\0")):
        if (ROOT / name).is_file():  # a tracked file deleted in the working tree is not copied
            (destination / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, destination / name)
    return destination


def fresh_environment(folder):
    """A new virtual environment that sees this one's packages but not its mlcourse; its Python and purelib."""
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(folder)], check=True)
    python = folder / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    purelib = Path(subprocess.run([python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                                  capture_output=True, text=True, check=True).stdout.strip())
    # Every folder this Python imports from, except one holding an mlcourse package (this checkout).
    # A path line in a .pth file is added to sys.path, but the .pth files inside that folder are not
    # run: numpy and setuptools become importable, the editable install's finder of this checkout does not.
    borrowed = [entry for entry in dict.fromkeys(sys.path)
                if entry and Path(entry).is_dir() and not (Path(entry) / "mlcourse").exists()]
    (purelib / "borrowed_from_the_test_environment.pth").write_text("\n".join(borrowed) + "\n")
    return python, purelib


def pip_install(python, *source):
    result = subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "--disable-pip-version-check",
                             "install", "--quiet", "--no-deps", "--no-build-isolation", "--no-index",
                             *map(str, source)], capture_output=True, text=True)
    assert result.returncode == 0, f"pip install {' '.join(map(str, source))} failed:\n{result.stderr}"


def build_sdist(source, out_dir):
    """Build an sdist of ``source`` with setuptools' own PEP 517 hook; return its path."""
    out_dir.mkdir()
    name = subprocess.run([sys.executable, "-c", "import sys; from setuptools import build_meta; "
                           "print(build_meta.build_sdist(sys.argv[1]))", str(out_dir)],
                          cwd=source, capture_output=True, text=True, check=True).stdout.strip().splitlines()[-1]
    return out_dir / name


def run_elsewhere(python, script, folder):
    """Run ``script`` with ``python`` from an empty folder, with no variable pointing at this checkout."""
    folder.mkdir(exist_ok=True)
    hidden = {"PYTHONPATH", "PYTHONHOME", "PYTHONSAFEPATH", "VIRTUAL_ENV", "MLCOURSE_DATA_DIR"}
    environment = {key: value for key, value in os.environ.items() if key not in hidden}
    result = subprocess.run([python, "-c", script], cwd=folder, env=environment,
                            capture_output=True, text=True, check=True)
    return result.stdout


def committed(folder):
    """Make ``folder`` a git repository whose branch main holds its files, as a fork on GitHub would."""
    identity = ["-c", "user.name=course", "-c", "user.email=course@example.invalid"]
    for command in (["init", "-q", "-b", "main"], ["add", "-A"], [*identity, "commit", "-q", "-m", "fork"]):
        subprocess.run(["git", "-C", str(folder), *command], check=True, capture_output=True)
    return folder


@pytest.fixture(scope="module", params=["the hub recipe", "sdist", "editable"])
def installed(request, tmp_path_factory):
    """A fresh environment with a copy of this checkout installed in one of three ways (once each).

    Returns the environment's Python, the folder ``mlcourse`` must be imported from, the data folder
    the loaders must read, and the source a reinstall must name (None for an editable install, whose
    files are restored with git).
    """
    require_a_modern_setuptools()
    tmp_path = tmp_path_factory.mktemp("install")
    clone = copy_of_the_working_tree(tmp_path / "clone")
    python, purelib = fresh_environment(tmp_path / "env")
    if request.param == "editable":  # what `make lab` does: the clone's own folders are imported
        pip_install(python, "--editable", clone)
        return python, clone / "mlcourse", clone / "data", None
    if request.param == "sdist":
        source = build_sdist(clone, tmp_path / "dist").as_uri()
        pip_install(python, source)
    else:  # the README's line, with the fork's URL replaced by a local git repository of this tree
        source = f"git+{committed(clone).as_uri()}@main"
        pip_install(python, source)  # pip < 24 refuses "mlcourse @ git+file:///…" (a URL without a host)
    return python, purelib / "mlcourse", purelib / "mlcourse" / "data", source


def test_every_install_loads_every_data_set_from_any_folder(installed, tmp_path):
    python, package, data, _ = installed
    report = json.loads(run_elsewhere(python, LOAD_EVERYTHING, tmp_path / "elsewhere"))
    assert Path(report["module"]).resolve() == (package / "__init__.py").resolve()  # not this checkout
    assert Path(report["data_dir"]).resolve() == data.resolve()
    assert report["shapes"] == {"exam_scores": [[100, 2], [100]], "microchips": [[118, 2], [118]],
                                "digits": [[1797, 64], [1797]]}
    for name in [*DATA_FILES, "README.md"]:  # the README carries the digits' CC BY 4.0 attribution
        assert (data / name).read_bytes() == (ROOT / "data" / name).read_bytes(), name


def test_a_missing_file_gets_advice_that_fits_the_install(installed, tmp_path):
    python, _, data, source = installed
    removed = tmp_path / "digits.npz"
    shutil.move(data / "digits.npz", removed)
    try:
        message = run_elsewhere(python, LOAD_DIGITS_ERROR, tmp_path / "elsewhere")
    finally:
        shutil.move(removed, data / "digits.npz")  # the environment is shared by both tests
    assert f"looked for {data.resolve() / 'digits.npz'}" in message
    if source is None:
        assert "(the repository's data/ folder)" in message
        assert "restore it with `git checkout -- data/digits.npz`" in message
    else:
        assert "(the data installed with the mlcourse package)" in message
        # pip recorded where it installed from (PEP 610), so the advice names that very source
        assert f'pip install --force-reinstall --no-deps "mlcourse @ {source}"' in message
        assert "git checkout" not in message
