"""The chapters must print the same numbers on any CPU, or a teacher's fork fails its own CI.

A fork's CI runs on whatever processor its host provides, and BLAS picks different kernels (SSE,
AVX, AVX2, AVX-512) on different processors: the last bits of a matrix product differ, and a
computation that amplifies them (an optimiser wandering along a flat valley, say) prints different
digits. numpy's x86-64 wheels ship OpenBLAS built for every kernel at once (DYNAMIC_ARCH), and the
variable OPENBLAS_CORETYPE selects one — so this machine can stand in for other processors: every
chapter is re-run under nbval with each kernel family this processor can execute (SSE3, AVX, AVX2,
AVX-512), whichever one the committed outputs were made with.

numpy picks its own SIMD loops too (for exp, log, division …), by processor generation, and a
processor that runs a BLAS kernel runs numpy's loops of the same generation: each run also turns off
numpy's targets beyond it (NPY_DISABLE_CPU_FEATURES), so an AVX2 run is what GitHub's AMD runners
(AVX2, no AVX-512) compute, and the SSE3 and AVX runs use numpy's baseline loops.
"""

import os
import platform
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parent.parent
# OpenBLAS kernel name → the CPU feature it needs; Prescott (SSE3) runs on every x86-64 processor
KERNELS = {"Prescott": None, "Sandybridge": "avx", "Haswell": "avx2", "SkylakeX": "avx512f"}
# OpenBLAS kernel name → numpy's dispatch targets a processor of that generation has (numpy 2.4's
# names, X86_V3 = AVX2 + FMA, X86_V4 = AVX-512 of Skylake-X; the older names for the same features
# too). Every other target this machine has (Ice Lake's, Sapphire Rapids' AVX-512 …) is turned off.
NUMPY_TARGETS = {"Prescott": set(), "Sandybridge": set(), "Haswell": {"X86_V3", "AVX2", "FMA3"},
                 "SkylakeX": {"X86_V3", "X86_V4", "AVX2", "FMA3", "AVX512F", "AVX512_SKX"}}


def _cpu_flags():
    try:
        text = Path("/proc/cpuinfo").read_text()
    except OSError:  # not Linux: only the kernel that needs no flag is known to be safe
        return set()
    for line in text.splitlines():
        if line.startswith("flags"):
            return set(line.split(":", 1)[1].split())
    return set()


def _runnable_kernels():
    flags = _cpu_flags()
    return [name for name, flag in KERNELS.items() if flag is None or flag in flags]


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


def _numpy_targets():
    """numpy's SIMD dispatch targets that this processor has (beyond numpy's baseline)."""
    return np.show_config(mode="dicts").get("SIMD Extensions", {}).get("found", [])


def _env(kernel):
    beyond = [target for target in _numpy_targets() if target not in NUMPY_TARGETS[kernel]]
    env = dict(os.environ, OPENBLAS_CORETYPE=kernel, NPY_DISABLE_CPU_FEATURES=" ".join(beyond))
    env.pop("PYTEST_ADDOPTS", None)
    return env


@pytest.mark.parametrize("kernel", _runnable_kernels())
def test_the_kernel_switch_takes_effect(kernel):
    # without this the test below could pass while still running this machine's kernels
    probe = subprocess.run([sys.executable, "-c", "import numpy; numpy.ones((2, 2)) @ numpy.ones((2, 2))"],
                           env=dict(_env(kernel), OPENBLAS_VERBOSE="2"), capture_output=True, text=True,
                           check=True)
    reported = (probe.stdout + probe.stderr).strip()
    # OpenBLAS names the kernel it runs; for Prescott that is its SSE3 sibling, Katmai
    expected = {"Core: Katmai", "Core: Prescott"} if kernel == "Prescott" else {f"Core: {kernel}"}
    assert reported in expected, reported


@pytest.mark.parametrize("kernel", _runnable_kernels())
def test_numpy_runs_only_the_simd_loops_of_the_kernels_generation(kernel):
    probe = subprocess.run([sys.executable, "-c", "import numpy; print(' '.join(numpy.show_config("
                            "mode='dicts')['SIMD Extensions'].get('found', [])))"],
                           env=_env(kernel), capture_output=True, text=True, check=True)
    running = set(probe.stdout.split())
    assert running <= NUMPY_TARGETS[kernel], f"{kernel}: numpy still dispatches to {running - NUMPY_TARGETS[kernel]}"
    if kernel == "SkylakeX":  # the run this machine stands in for must keep its AVX-512 loops
        assert "X86_V4" in running or "AVX512_SKX" in running, running


@pytest.mark.parametrize("kernel", _runnable_kernels())
def test_chapters_print_the_same_numbers_with_other_blas_kernels(kernel):
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", "--nbval", "--nbval-current-env",
         "--nbval-sanitize-with", str(ROOT / "tests" / "nbval_sanitize.cfg"), str(ROOT / "chapters")],
        env=_env(kernel), cwd=ROOT, capture_output=True, text=True, timeout=600)
    summary = result.stdout.strip().splitlines()[-1] if result.stdout.strip() else result.stderr[-500:]
    assert result.returncode == 0, (
        f"with OPENBLAS_CORETYPE={kernel} and numpy's SIMD loops of that generation the chapters' outputs "
        f"differ from the committed ones ({summary}); print such numbers with fewer digits or make the computation stable:\n"
        + result.stdout[-4000:])
