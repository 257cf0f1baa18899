"""Is this environment the one the course was written and tested for?

Chapter 00 calls :func:`check_environment` in its setup cell, so a learner who installed packages
by hand learns at once, in one table, which version is too old or too new — rather than from a
traceback in chapter 06. The ranges mirror the ``~=`` pins of ``requirements.txt`` (a test keeps
the two in step): ``~=2.4`` means at least 2.4 and below 3.
"""

import sys
from importlib import metadata
from typing import NamedTuple

__all__ = ["REQUIRED", "PackageCheck", "check_environment", "print_environment_report"]

#: distribution name → (minimum version, first excluded major version), as in requirements.txt
REQUIRED = {
    "numpy": ((2, 4), 3),
    "scipy": ((1, 17), 2),
    "threadpoolctl": ((3, 8), 4),
    "matplotlib": ((3, 11), 4),
    "ipywidgets": ((8, 1), 9),
    "jupyterlab": ((4, 6), 5),
}
MINIMUM_PYTHON = (3, 11)


class PackageCheck(NamedTuple):
    """One row of the report."""

    name: str
    installed: str | None  #: the installed version, or None if the package is missing
    required: str          #: the accepted range, written like a pip pin (``~=2.4``)
    ok: bool


def _release(version):
    """The leading numeric part of a version string: '2.4.6rc1' → (2, 4, 6)."""
    numbers = []
    for part in version.split("."):
        digits = ""
        for character in part:
            if not character.isdigit():
                break
            digits += character
        if not digits:
            break
        numbers.append(int(digits))
        if len(digits) != len(part):
            break
    return tuple(numbers)


def check_environment():
    """Compare the running Python and every course package with the required ranges.

    Returns
    -------
    list of PackageCheck
        Python first, then the packages of ``requirements.txt`` in its order.
    """
    python = ".".join(str(part) for part in sys.version_info[:3])
    rows = [PackageCheck("python", python, f">={MINIMUM_PYTHON[0]}.{MINIMUM_PYTHON[1]}",
                         sys.version_info[:2] >= MINIMUM_PYTHON)]
    for name, (minimum, next_major) in REQUIRED.items():
        required = "~=" + ".".join(str(part) for part in minimum)
        try:
            installed = metadata.version(name)
        except metadata.PackageNotFoundError:
            rows.append(PackageCheck(name, None, required, False))
            continue
        release = _release(installed)
        in_range = minimum <= release[:2] and release[:1] < (next_major,)
        rows.append(PackageCheck(name, installed, required, in_range))
    return rows


def print_environment_report():
    """Print the table of :func:`check_environment` and a one-line verdict; return True if all is well."""
    rows = check_environment()
    for row in rows:
        verdict = "ok" if row.ok else ("MISSING" if row.installed is None else "WRONG VERSION")
        print(f"{row.name:<14} {row.installed or '-':<12} needs {row.required:<8} {verdict}")
    problems = [row.name for row in rows if not row.ok]
    if problems:
        print(f"\nFix {', '.join(problems)}: run `make lab` (or the README's manual steps) to rebuild "
              "the course environment.")
    else:
        print("\nEverything the course needs is installed.")
    return not problems
