"""Is this environment the one the course was written and tested for?

Chapter 00 calls :func:`check_environment` in its setup cell, so a learner who installed packages
by hand learns at once, in one table, which version is too old or too new — rather than from a
traceback in chapter 06. Two questions per package:

- is it inside the compatible range of ``requirements.txt`` (``~=2.4``: at least 2.4, below 3)?
  Outside it, chapters may fail: the report says WRONG VERSION.
- is it the exact version of ``requirements-lock.txt``, the one every printed number in the chapters
  comes from and CI tests? Inside the range but not that version, every chapter runs, but a few
  printed numbers may differ in their last digits (a new numpy or scipy release may round
  differently): the report says "untested".

The tables below mirror the two files (tests/test_ch00_start_here.py keeps them in step); they are
written out here because an installed course (on a JupyterHub) has no requirements files beside it.
"""

import re
import sys
from importlib import metadata
from typing import NamedTuple

__all__ = ["LOCKED", "REQUIRED", "TESTED_PYTHONS", "PackageCheck", "check_environment",
           "print_environment_report"]

#: distribution name → (minimum version, first excluded major version), as in requirements.txt
REQUIRED = {
    "numpy": ((2, 4), 3),
    "scipy": ((1, 17), 2),
    "threadpoolctl": ((3, 8), 4),
    "matplotlib": ((3, 11), 4),
    "ipywidgets": ((8, 1), 9),
    "jupyterlab": ((4, 6), 5),
}
#: distribution name → the exact version requirements-lock.txt installs
LOCKED = {
    "numpy": "2.4.6",
    "scipy": "1.17.1",
    "threadpoolctl": "3.8.0",
    "matplotlib": "3.11.2",
    "ipywidgets": "8.1.9",
    "jupyterlab": "4.6.6",
}
MINIMUM_PYTHON = (3, 11)
#: the Pythons CI runs every chapter on with the lock (.github/workflows/course.yml)
TESTED_PYTHONS = ((3, 11), (3, 12), (3, 13))


class PackageCheck(NamedTuple):
    """One row of the report."""

    name: str
    installed: str | None  #: the installed version, or None if the package is missing
    required: str          #: the accepted range, written like a pip pin (``~=2.4``)
    ok: bool               #: inside that range: every chapter runs
    tested: str = ""       #: the version(s) CI tests and the printed numbers come from (``2.4.6``)
    as_tested: bool = False  #: exactly that version: every printed number is the chapter's


def _release(version):
    """The leading numeric part of a version string: '2.4.6rc1' → (2, 4, 6); '' → ()."""
    leading = re.match(r"\d+(?:\.\d+)*", version)  # digits and dots up to the first other character
    return tuple(int(part) for part in leading.group().split(".")) if leading else ()


def _dotted(version):
    return ".".join(str(part) for part in version)


def _python_row():
    first, last = _dotted(TESTED_PYTHONS[0]), _dotted(TESTED_PYTHONS[-1])
    running = sys.version_info[:2]
    return PackageCheck("python", _dotted(sys.version_info[:3]), f">={_dotted(MINIMUM_PYTHON)}",
                        running >= MINIMUM_PYTHON, first if first == last else f"{first}-{last}",
                        running in TESTED_PYTHONS)


def check_environment():
    """Compare the running Python and every course package with the required ranges and the lock.

    Returns
    -------
    list of PackageCheck
        Python first, then the packages of ``requirements.txt`` in its order.
    """
    rows = [_python_row()]
    for name, (minimum, next_major) in REQUIRED.items():
        required = "~=" + ".".join(str(part) for part in minimum)
        tested = LOCKED.get(name, "")
        try:
            installed = metadata.version(name)
        except metadata.PackageNotFoundError:
            rows.append(PackageCheck(name, None, required, False, tested))
            continue
        release = _release(installed)
        in_range = minimum <= release[:2] and release[:1] < (next_major,)
        # a local label such as 2.4.6+cpu is the same release as 2.4.6
        as_tested = bool(tested) and installed.split("+")[0] == tested
        rows.append(PackageCheck(name, installed, required, in_range, tested, as_tested))
    return rows


def _verdict(row):
    if row.installed is None:
        return "MISSING"
    if not row.ok:
        return "WRONG VERSION"
    return "ok" if row.as_tested else f"ok, untested (tested: {row.tested or '-'})"


def print_environment_report():
    """Print the table of :func:`check_environment` and a verdict; return True if every chapter can run.

    A version inside the range but other than the lock's still returns True: it is marked "untested"
    and the verdict says what that means for the printed numbers.
    """
    rows = check_environment()
    for row in rows:
        print(f"{row.name:<14} {row.installed or '-':<12} needs {row.required:<8} {_verdict(row)}")
    problems = [row.name for row in rows if not row.ok]
    if problems:
        print(f"\nFix {', '.join(problems)}: run `make lab` (or the README's manual steps) to rebuild "
              "the course environment.")
    else:
        print("\nEverything the course needs is installed.")
        if not all(row.as_tested for row in rows):
            print("Versions marked untested differ from the ones CI tests (requirements-lock.txt), which\n"
                  "every printed number in the chapters comes from: a few of your numbers may differ in\n"
                  "their last digits. `make lab` installs the tested packages.")
    return not problems
