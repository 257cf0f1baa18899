"""The environment check of chapter 00 and its agreement with requirements.txt, the lock and CI."""

import re
import sys
from pathlib import Path

import pytest

from mlcourse.chapters import ch00_start_here as ch00

ROOT = Path(__file__).resolve().parent.parent


def exact_pins(name):
    """name → version for every `name==version` line of a requirements file (markers ignored)."""
    pins = {}
    for line in (ROOT / name).read_text(encoding="utf-8").splitlines():
        match = re.match(r"^([A-Za-z0-9_.-]+)==([^\s;#]+)", line)
        if match:
            pins[match.group(1).lower()] = match.group(2)
    return pins


def test_required_ranges_mirror_requirements_txt():
    pins = {}
    for line in (ROOT / "requirements.txt").read_text().splitlines():
        match = re.match(r"^([A-Za-z0-9_.-]+)~=([0-9.]+)", line)
        if match:
            pins[match.group(1).lower()] = tuple(int(p) for p in match.group(2).split("."))
    expected = {name: (minimum, minimum[0] + 1) for name, minimum in pins.items()}
    assert ch00.REQUIRED == expected


def test_locked_versions_mirror_the_lock_and_lie_inside_the_ranges():
    lock = exact_pins("requirements-lock.txt")
    assert ch00.LOCKED == {name: lock[name] for name in ch00.REQUIRED}, "run `make lock`, then update LOCKED"
    for name, (minimum, next_major) in ch00.REQUIRED.items():
        release = ch00._release(ch00.LOCKED[name])
        assert minimum <= release[:2] < (next_major,), f"{name} {ch00.LOCKED[name]} is outside its range"


def test_tested_pythons_are_the_ones_ci_runs_every_chapter_on():
    workflow = (ROOT / ".github" / "workflows" / "course.yml").read_text(encoding="utf-8")
    matrix = re.search(r"python-version: \[([^\]]*)\]", workflow)
    assert matrix, "course.yml needs a python-version matrix"
    in_ci = [tuple(int(part) for part in version.strip(' "').split(".")) for version in matrix.group(1).split(",")]
    assert list(ch00.TESTED_PYTHONS) == in_ci
    assert ch00.TESTED_PYTHONS[0] == ch00.MINIMUM_PYTHON


def test_release_parsing():
    assert ch00._release("2.4.6") == (2, 4, 6)
    assert ch00._release("4.6.0rc1") == (4, 6, 0)
    assert ch00._release("1.17") == (1, 17)
    assert ch00._release("dev") == ()
    assert ch00._release("2.1.0.post1") == (2, 1, 0)
    assert ch00._release("3.12.1+local") == (3, 12, 1)


def test_this_environment_passes_and_reports_every_package(capsys):
    rows = ch00.check_environment()
    assert [row.name for row in rows] == ["python", *ch00.REQUIRED]
    assert all(row.ok for row in rows), rows
    assert ch00.print_environment_report() is True
    assert "Everything the course needs is installed." in capsys.readouterr().out


def test_the_locked_versions_are_reported_as_tested(monkeypatch, capsys):
    installed = {row.name: row.installed for row in ch00.check_environment()}
    monkeypatch.setattr(ch00, "LOCKED", {name: installed[name] for name in ch00.REQUIRED})
    monkeypatch.setattr(ch00, "TESTED_PYTHONS", (sys.version_info[:2],))
    rows = ch00.check_environment()
    assert all(row.ok and row.as_tested for row in rows), rows
    assert ch00.print_environment_report() is True
    out = capsys.readouterr().out
    assert "untested" not in out
    assert out.rstrip().endswith("Everything the course needs is installed.")


def test_a_version_in_range_but_not_the_locked_one_runs_but_is_marked_untested(monkeypatch, capsys):
    monkeypatch.setitem(ch00.LOCKED, "numpy", "2.4.999")
    monkeypatch.setattr(ch00, "TESTED_PYTHONS", ((3, 99),))
    rows = {row.name: row for row in ch00.check_environment()}
    assert rows["numpy"].ok
    assert not rows["numpy"].as_tested
    assert rows["numpy"].tested == "2.4.999"
    assert rows["python"].ok
    assert not rows["python"].as_tested
    assert ch00.print_environment_report() is True
    out = capsys.readouterr().out
    assert re.search(r"^numpy +\S+ +needs ~=2\.4 +ok, untested \(tested: 2\.4\.999\)$", out, re.MULTILINE)
    assert re.search(r"^python +\S+ +needs >=3\.11 +ok, untested \(tested: 3\.99\)$", out, re.MULTILINE)
    assert "Everything the course needs is installed.\nVersions marked untested" in out
    assert "a few of your numbers may differ in\ntheir last digits" in out


@pytest.mark.parametrize(("installed", "expected"), [("2.4.6", True), ("2.4.6+cpu", True), ("2.4.7", False)])
def test_a_local_version_label_is_the_same_release(monkeypatch, installed, expected):
    monkeypatch.setitem(ch00.LOCKED, "numpy", "2.4.6")
    monkeypatch.setattr(ch00.metadata, "version", lambda name: installed)
    rows = {row.name: row for row in ch00.check_environment()}
    assert rows["numpy"].as_tested is expected


def test_a_missing_or_old_package_is_reported(monkeypatch, capsys):
    monkeypatch.setitem(ch00.REQUIRED, "numpy", ((99, 0), 100))
    monkeypatch.setitem(ch00.REQUIRED, "no-such-package-xyz", ((1, 0), 2))
    rows = {row.name: row for row in ch00.check_environment()}
    assert not rows["numpy"].ok
    assert rows["numpy"].required == "~=99.0"
    assert rows["no-such-package-xyz"].installed is None
    assert ch00.print_environment_report() is False
    out = capsys.readouterr().out
    assert "WRONG VERSION" in out
    assert "MISSING" in out
    assert "Fix numpy, no-such-package-xyz" in out
