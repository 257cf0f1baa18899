"""The chapters must print the same numbers on any CPU, or a teacher's fork fails its own CI.

A fork's CI runs on whatever processor its host provides, and BLAS picks different kernels (SSE,
AVX, AVX2, AVX-512) on different processors: the last bits of a matrix product differ, and a
computation that amplifies them (an optimiser wandering along a flat valley, say) prints different
digits. numpy's x86-64 wheels ship OpenBLAS built for every kernel at once (DYNAMIC_ARCH), and the
variable OPENBLAS_CORETYPE selects one — so this machine can stand in for an older processor:
every chapter is re-run under nbval with the AVX (Sandy Bridge) kernels instead of this machine's.
"""

import os
import platform
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parent.parent
CORETYPE = "Sandybridge"  # AVX kernels: older than anything a hosted CI runner is likely to give


def _switchable_openblas():
    """True when numpy uses an OpenBLAS built with DYNAMIC_ARCH on x86-64 (PyPI's wheels)."""
    if platform.machine().lower() not in ("x86_64", "amd64"):
        return False
    blas = np.show_config(mode="dicts").get("Build Dependencies", {}).get("blas", {})
    return "openblas" in blas.get("name", "") and "DYNAMIC_ARCH" in blas.get("openblas configuration", "")


pytestmark = pytest.mark.skipif(
    not _switchable_openblas(),
    reason="switching BLAS kernels needs numpy's x86-64 OpenBLAS wheel (DYNAMIC_ARCH); this numpy has another BLAS",
)


def _env():
    env = dict(os.environ, OPENBLAS_CORETYPE=CORETYPE)
    env.pop("PYTEST_ADDOPTS", None)
    return env


def test_the_kernel_switch_takes_effect():
    # without this the test below could pass while still running this machine's kernels
    probe = subprocess.run([sys.executable, "-c", "import numpy; numpy.ones((2, 2)) @ numpy.ones((2, 2))"],
                           env=dict(_env(), OPENBLAS_VERBOSE="2"), capture_output=True, text=True, check=True)
    assert f"Core: {CORETYPE}" in probe.stdout + probe.stderr


def test_chapters_print_the_same_numbers_with_other_blas_kernels():
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", "--nbval", "--nbval-current-env",
         "--nbval-sanitize-with", str(ROOT / "tests" / "nbval_sanitize.cfg"), str(ROOT / "chapters")],
        env=_env(), cwd=ROOT, capture_output=True, text=True, timeout=600)
    summary = result.stdout.strip().splitlines()[-1] if result.stdout.strip() else result.stderr[-500:]
    assert result.returncode == 0, (
        f"with OPENBLAS_CORETYPE={CORETYPE} the chapters' outputs differ from the committed ones "
        f"({summary}); print such numbers with fewer digits or make the computation stable:\n"
        + result.stdout[-4000:])
