"""The package's shape, as a newcomer meets it: a small library on top, the rest kept apart.

``mlcourse/`` holds the library a learner keeps using after the course; one-chapter companions live
in ``mlcourse/chapters/`` and the exercise checks in ``mlcourse/checks/``. These tests hold that
layout to the budgets it promises (issue 8) and keep its descriptions — the package docstring, the
README's table and chapter 00 — true of the tree.
"""

import ast
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "mlcourse"
NOTEBOOKS = sorted((ROOT / "chapters").glob("*.ipynb"))
LIBRARY = sorted(path for path in PACKAGE.glob("*.py") if path.name != "__init__.py")
PUBLIC_LIBRARY = [path.stem for path in LIBRARY if not path.stem.startswith("_")]
# not JupyterLab's .ipynb_checkpoints/ copies, only the package's own files
EVERY_FILE = sorted(path for path in PACKAGE.rglob("*.py") if not any(part.startswith(".") for part in path.parts))

MAX_LIBRARY_MODULES = 12
MAX_LIBRARY_LINES = 3000   # the top level, docstrings included
MAX_FILE_LINES = 450       # any file in the package
MAX_FUNCTION_LINES = 60    # any function or method, decorators and docstring included


def _lines(path):
    return len(path.read_text(encoding="utf-8").splitlines())


def _relative(path):
    return path.relative_to(ROOT).as_posix()


# --- budgets ---------------------------------------------------------------------------------------

def test_the_library_is_small():
    total = sum(_lines(path) for path in [*LIBRARY, PACKAGE / "__init__.py"])
    assert len(LIBRARY) <= MAX_LIBRARY_MODULES, [path.name for path in LIBRARY]
    assert total <= MAX_LIBRARY_LINES, f"the top level of mlcourse/ has {total} lines"


@pytest.mark.parametrize("path", EVERY_FILE, ids=_relative)
def test_no_file_is_too_long_to_read(path):
    assert _lines(path) <= MAX_FILE_LINES


@pytest.mark.parametrize("path", EVERY_FILE, ids=_relative)
def test_no_function_is_too_long_to_read(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    too_long = [f"{node.name} ({node.end_lineno - node.lineno + 1} lines)" for node in ast.walk(tree)
                if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
                and node.end_lineno - node.lineno + 1 > MAX_FUNCTION_LINES]
    assert not too_long


@pytest.mark.parametrize("path", EVERY_FILE, ids=_relative)
def test_no_private_name_is_used_across_modules(path):
    # a private module (_validation) may be imported; a private *name* from another module may not
    tree = ast.parse(path.read_text(encoding="utf-8"))
    imported_modules = set()
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.level or (node.module or "").startswith("mlcourse")):
            for alias in node.names:
                if alias.name.startswith("_"):
                    found.append(f"from {node.module or '.'} import {alias.name}")
                else:
                    imported_modules.add(alias.asname or alias.name)
        elif isinstance(node, ast.Import):
            imported_modules.update(alias.asname or alias.name for alias in node.names
                                    if alias.name.startswith("mlcourse"))
    for node in ast.walk(tree):
        if (isinstance(node, ast.Attribute) and node.attr.startswith("_") and not node.attr.startswith("__")
                and isinstance(node.value, ast.Name) and node.value.id in imported_modules):
            found.append(f"{node.value.id}.{node.attr}")
    assert not found


# --- what `import mlcourse` gives -------------------------------------------------------------------

def test_import_mlcourse_loads_the_library_only():
    # the companions need matplotlib and ipywidgets; the checks are for the notebooks
    script = ("import sys, mlcourse; "
              "print(sorted(name for name in sys.modules if name.startswith(('mlcourse.', 'matplotlib', "
              "'ipywidgets'))))")
    loaded = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                            cwd=ROOT).stdout
    names = ast.literal_eval(loaded)
    assert sorted(names) == sorted(f"mlcourse.{name}" for name in [*PUBLIC_LIBRARY, "_validation"])


def test_the_package_exports_exactly_the_public_library():
    import mlcourse

    modules = {name for name in mlcourse.__all__ if name not in ("sigmoid", "sigmoid_gradient")}
    assert modules == set(PUBLIC_LIBRARY)


# --- the descriptions match the tree ----------------------------------------------------------------

def test_package_docstring_and_readme_name_every_library_module():
    import mlcourse

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = re.findall(r"^\| `mlcourse\.(\w+)` \|", readme, flags=re.MULTILINE)
    assert sorted(table) == sorted(PUBLIC_LIBRARY), "README's library table"
    documented = re.findall(r"^``(\w+)``\s{2,}", mlcourse.__doc__, flags=re.MULTILINE)
    assert sorted(documented) == sorted(PUBLIC_LIBRARY), "mlcourse/__init__.py's table"


def test_chapter_00_names_every_library_module():
    text = "".join("".join(cell["source"]) for cell in json.loads(NOTEBOOKS[0].read_text("utf-8"))["cells"])
    missing = [name for name in PUBLIC_LIBRARY if f"`{name}`" not in text]
    assert not missing


def test_every_companion_goes_with_a_chapter():
    stems = {path.name[:2]: path.stem[3:].replace("-", "_") for path in NOTEBOOKS}
    for path in (PACKAGE / "chapters").glob("ch*.py"):
        number, name = re.fullmatch(r"ch(\d\d)_(\w+)", path.stem).groups()
        assert stems.get(number) == name, f"{path.name} has no notebook {number}-{name.replace('_', '-')}"


def _chapters_with(pattern):
    found = []
    for path in NOTEBOOKS:
        cells = json.loads(path.read_text("utf-8"))["cells"]
        code = "\n".join("".join(cell["source"]) for cell in cells if cell["cell_type"] == "code")
        if re.search(pattern, code):
            found.append(path.name[:2])
    return found


def _chapter_00_says(kind):
    cells = json.loads(NOTEBOOKS[0].read_text("utf-8"))["cells"]
    text = " ".join("".join(cell["source"]) for cell in cells if cell["cell_type"] == "markdown")
    listed = re.search(rf"\*\*{kind}\*\* \(chapters ([^)]*)\)", text).group(1)
    span = re.fullmatch(r"(\d\d) to (\d\d)", listed)
    if span:
        return [f"{number:02d}" for number in range(int(span[1]), int(span[2]) + 1)]
    return re.findall(r"\d\d", listed)


def test_chapter_00_lists_the_chapters_that_have_sliders():
    assert _chapter_00_says("Sliders") == _chapters_with(r"\binteractive_output\(|\binteract\(")


def test_chapter_00_lists_the_chapters_that_have_exercises():
    assert _chapter_00_says("Exercises") == _chapters_with(r"\bchecks\.\w+\(")
