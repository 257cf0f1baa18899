"""The environment check of chapter 00 and its agreement with requirements.txt."""

import re
from pathlib import Path

from mlcourse.chapters import ch00_start_here as ch00

ROOT = Path(__file__).resolve().parent.parent


def test_required_ranges_mirror_requirements_txt():
    pins = {}
    for line in (ROOT / "requirements.txt").read_text().splitlines():
        match = re.match(r"^([A-Za-z0-9_.-]+)~=([0-9.]+)", line)
        if match:
            pins[match.group(1).lower()] = tuple(int(p) for p in match.group(2).split("."))
    expected = {name: (minimum, minimum[0] + 1) for name, minimum in pins.items()}
    assert ch00.REQUIRED == expected


def test_release_parsing():
    assert ch00._release("2.4.6") == (2, 4, 6)
    assert ch00._release("4.6.0rc1") == (4, 6, 0)
    assert ch00._release("1.17") == (1, 17)
    assert ch00._release("dev") == ()


def test_this_environment_passes_and_reports_every_package(capsys):
    rows = ch00.check_environment()
    assert [row.name for row in rows] == ["python", *ch00.REQUIRED]
    assert all(row.ok for row in rows), rows
    assert ch00.print_environment_report() is True
    assert "Everything the course needs is installed." in capsys.readouterr().out


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
