"""The course's three data sets, read from the files committed in ``data/``, and a stratified split.

================================  ================  =================================================
loader                            X, y              what it is
================================  ================  =================================================
:func:`load_exam_scores`          (100, 2), (100,)  two exam scores → admitted (0/1), almost linearly
                                                    separable; made up by ``data/make_toy_data.py``
:func:`load_microchips`           (118, 2), (118,)  two test results → accepted (0/1), inside a ring:
                                                    needs polynomial features; made up likewise
:func:`load_digits`               (1797, 64),       8×8 handwritten digits, pixel counts 0..16 →
                                  (1797,)           the digit 0..9 (UCI optical digits, CC BY 4.0)
================================  ================  =================================================

Nothing is downloaded. Before parsing a file, each loader compares its SHA-256 with the checksum
recorded below (and in ``data/README.md``): a file that was edited, truncated or half-merged is refused
with a message that says how to restore it, instead of quietly teaching from different numbers. The
files are plain CSV and a numpy ``.npz`` read with ``allow_pickle=False``, so loading them never runs
code stored in a file.

The files are read from the package ``mlcourse.data`` (``data/``, mapped into the library by
``pyproject.toml``) in a clone or any install, from any working folder — or from ``MLCOURSE_DATA_DIR``
if set: the tests point it at corrupted copies, a teacher at a shared read-only folder.

Every call reads, verifies and parses its file anew (about a millisecond) and returns new arrays, so a
learner who scales ``X`` in place does not change what the next call returns.
"""

import hashlib
import importlib.metadata
import importlib.resources
import io
import json
import os
from pathlib import Path

import numpy as np

from ._validation import as_float_matrix, check_labels_shape, check_real_scalar, check_seed

__all__ = ["CHECKSUMS", "DATA_DIR_ENV", "ChecksumError", "data_dir", "load_digits",
           "load_exam_scores", "load_microchips", "train_test_split"]

DATA_DIR_ENV = "MLCOURSE_DATA_DIR"

# SHA-256 of each committed file, as `sha256sum data/<file>` prints it. Regenerating a file (see
# data/README.md) means updating its line here and in data/README.md in the same commit.
CHECKSUMS = {
    "exam_scores.csv": "ff1f6590d196e1563919341cd97cca12e84955035bc8b4ae22aa93f305badd5f",
    "microchips.csv": "180a26f58e3eb5c4d06590ddffa6f8091e49ebca9a9c659a426dffe6b8102df5",
    "digits.npz": "d14b530eae01285e72e3b71a2469c6d8208dfef50364a3d66f07b59850836895",
}


class ChecksumError(ValueError):
    """A data file's bytes differ from the ones the course was written for."""


def data_dir():
    """The folder the loaders read from.

    Returns
    -------
    pathlib.Path
        ``$MLCOURSE_DATA_DIR`` if set and not empty; otherwise the package ``mlcourse.data``'s folder:
        ``data/`` in a clone or an editable install, ``site-packages/mlcourse/data/`` after ``pip
        install``. It is not checked to exist here; a loader that finds no file says where it looked.
    """
    override = os.environ.get(DATA_DIR_ENV, "")
    if override:
        return Path(override).expanduser()
    return _shipped_data_dir()


def _shipped_data_dir():
    try:
        return Path(os.fspath(importlib.resources.files("mlcourse.data")))
    except ModuleNotFoundError:  # a clone run without installing the package: data/ beside mlcourse/
        return Path(__file__).resolve().parent.parent / "data"


def _how_to_restore(filename, folder):
    """Where the loader looked, and how to get the course's file back there for this kind of install."""
    if os.environ.get(DATA_DIR_ENV):
        return (f"the folder named by the environment variable {DATA_DIR_ENV}",
                f"copy it there from the course's own copy in {_shipped_data_dir()}, or unset {DATA_DIR_ENV}")
    if not folder.resolve().is_relative_to(Path(__file__).resolve().parent):  # not inside the package
        return "the repository's data/ folder", f"restore it with `git checkout -- data/{filename}`"
    # Installed, so no git history; but pip recorded its source in direct_url.json (PEP 610), e.g.
    # {"url": "https://github.com/you/mlcourse", "vcs_info": {"vcs": "git", "requested_revision": "main"}}
    installed = next(importlib.metadata.distributions(name="mlcourse"), None)  # None: copied in by hand
    record = json.loads((installed and installed.read_text("direct_url.json")) or "{}")
    source = record.get("url", "<where it came from>")
    if vcs := record.get("vcs_info"):
        revision = vcs.get("requested_revision")
        source = f"{vcs['vcs']}+{source}" + (f"@{revision}" if revision else "")
    return ("the data installed with the mlcourse package",
            f'reinstall the package: pip install --force-reinstall --no-deps "mlcourse @ {source}"')


def _read_verified(filename):
    """Return the bytes of ``data_dir()/filename`` after checking them against ``CHECKSUMS``."""
    folder = data_dir()
    path = folder / filename
    where, fix = _how_to_restore(filename, folder)
    if not path.is_file():
        raise FileNotFoundError(f"{filename} not found: looked for {path} ({where}). The course ships "
                                f"this file; {fix}")
    content = path.read_bytes()
    expected = CHECKSUMS[filename]
    got = hashlib.sha256(content).hexdigest()
    if got != expected:
        raise ChecksumError(f"{path} is not the file the course was written for: its SHA-256 must be "
                            f"{expected}; got {got}. The course ships the right one; {fix} "
                            f"(data/README.md says how to regenerate it)")
    return content


def _load(filename):
    """``(X, y)`` from one file of :func:`data_dir`, read, verified and parsed: new arrays every call."""
    content = _read_verified(filename)
    if filename.endswith(".csv"):
        table = np.loadtxt(io.StringIO(content.decode("ascii")), delimiter=",", skiprows=1,
                           dtype=np.float64, ndmin=2)
        return np.ascontiguousarray(table[:, :2]), np.ascontiguousarray(table[:, 2])
    with np.load(io.BytesIO(content), allow_pickle=False) as archive:
        return archive["X"].astype(np.float64), archive["y"].astype(np.int64)


def load_exam_scores():
    """Two exam scores per applicant and whether the applicant was admitted.

    Returns
    -------
    X : ndarray of float64, shape (100, 2)
        Column 0 is the first exam's score, column 1 the second's, each between 30 and 100.
    y : ndarray of float64, shape (100,)
        1 if admitted, 0 if not (59 admitted, 41 not).

    Raises
    ------
    FileNotFoundError, ChecksumError (a ValueError)
        If ``exam_scores.csv`` is missing from :func:`data_dir`, or differs from the recorded file.

    Notes
    -----
    Made up by ``data/make_toy_data.py``: the labels were drawn with probability
    σ(0.12·(exam1 + exam2 − 125)), so the classes are separated by a straight line except for a few
    applicants near it. Logistic regression with an intercept classifies 91 % of them correctly; at
    θ = 0 every h = 1/2 and the cost is ln 2 ≈ 0.693. The scores are returned unscaled, as the
    course's exercise has them; features of order 100 make plain gradient descent need a small
    ``alpha``.
    """
    return _load("exam_scores.csv")


def load_microchips():
    """Two quality-assurance test results per microchip and whether the chip was accepted.

    Returns
    -------
    X : ndarray of float64, shape (118, 2)
        Column 0 is the first test's result, column 1 the second's, each in about [-0.85, 1.1].
    y : ndarray of float64, shape (118,)
        1 if accepted, 0 if rejected (58 accepted, 60 rejected).

    Raises
    ------
    FileNotFoundError, ChecksumError (a ValueError)
        If ``microchips.csv`` is missing from :func:`data_dir`, or differs from the recorded file.

    Notes
    -----
    Made up by ``data/make_toy_data.py``: accepted chips lie mostly inside a lopsided ring, with some
    on the wrong side. A straight line classifies only about 58 % of them — no better than guessing
    the larger class — while logistic regression on all 28 monomials x1^i·x2^j with i + j ≤ 6 and
    ``lambda_`` = 1 reaches about 84 %: the case for feature mapping, and for regularising it.
    """
    return _load("microchips.csv")


def load_digits():
    """1,797 handwritten digits as 8×8 images of pixel counts, and the digit each one shows.

    Returns
    -------
    X : ndarray of float64, shape (1797, 64)
        Row i is image i read row by row (``X[i].reshape(8, 8)`` shows it); each entry is a whole
        number in 0..16. Divide by 16 to scale to [0, 1] before training (``X / 16.0``): inputs of
        order 1 keep the sigmoid units away from saturation at the first step.
    y : ndarray of int64, shape (1797,)
        The digit 0..9; every digit has between 174 and 183 images.

    Raises
    ------
    FileNotFoundError, ChecksumError (a ValueError)
        If ``digits.npz`` is missing from :func:`data_dir`, or differs from the recorded file.

    Notes
    -----
    The test partition of the UCI "Optical Recognition of Handwritten Digits" set (E. Alpaydin and
    C. Kaynak, 1998; CC BY 4.0): each 32×32 bitmap of a digit was cut into 4×4 blocks and each block
    replaced by its count of ink pixels, 0..16. The loader returns the counts unscaled, so that the
    scaling stays a visible step of each lesson rather than a hidden default. ``data/README.md`` has
    the full citation.
    """
    return _load("digits.npz")


def _test_counts_per_class(class_sizes, n_test, rng):
    """Split ``n_test`` test examples among classes in proportion to their sizes.

    Each class gets the whole part of its share n_test·n_c/m, and the examples still missing go one
    each to the classes with the largest fractional parts, so the counts add up to exactly
    ``n_test`` and each differs from its exact share by less than 1. Where classes tie for the last
    of those places (equal sizes do), ``rng`` draws which of them get one.
    """
    shares = n_test * class_sizes / class_sizes.sum()
    counts = np.floor(shares).astype(np.int64)
    missing = n_test - int(counts.sum())
    remainders = shares - counts
    order = np.argsort(-remainders, kind="stable")  # the largest remainders first
    if 0 < missing < len(order) and remainders[order[missing - 1]] == remainders[order[missing]]:
        # a tie at the cut: sort by remainder, then by a rank drawn with the seed
        order = np.lexsort((rng.permutation(len(remainders)), -remainders))
    counts[order[:missing]] += 1
    return counts


def _test_size(test_fraction, m):
    """test_fraction·m rounded to the nearest whole number (halves up), or raise if a set is empty."""
    test_fraction = check_real_scalar(test_fraction, "test_fraction")
    if not 0.0 < test_fraction < 1.0:
        raise ValueError(f"test_fraction must be strictly between 0 and 1 (the share of examples held out); "
                         f"got {test_fraction:g}")
    n_test = int(np.floor(test_fraction * m + 0.5))  # round() would go to even
    if not 1 <= n_test <= m - 1:
        raise ValueError(f"test_fraction = {test_fraction:g} of m = {m} examples leaves "
                         f"{n_test} for testing and {m - n_test} for training; both sets need at least one "
                         f"example (use more examples or a test_fraction nearer 0.5)")
    return n_test


def train_test_split(X, y, test_fraction=0.25, seed=0):
    """Split examples into a training and a test set, keeping each class's share in both.

    Parameters
    ----------
    X : array_like, shape (m, n)
        One example per row.
    y : array_like, shape (m,)
        The label of each row: 0/1 or class numbers 0..K-1 (any numbers; each distinct value is a class).
    test_fraction : float, default 0.25
        The share of examples to hold out, strictly between 0 and 1. The test set gets
        test_fraction·m examples rounded to the nearest whole number (halves up).
    seed : int or numpy.random.Generator, default 0
        Seeds the shuffle: the same seed gives the same split, another seed a different one.

    Returns
    -------
    X_train : ndarray of float64, shape (m − m_test, n)
    X_test : ndarray of float64, shape (m_test, n)
    y_train : ndarray, shape (m − m_test,)
        Same dtype as ``y``.
    y_test : ndarray, shape (m_test,)

    Raises
    ------
    TypeError, ValueError
        For non-numeric or non-finite ``X``, ``y`` not of shape (m,), ``test_fraction`` outside
        (0, 1), a negative or non-integer ``seed``, or a split that leaves either set empty.

    Notes
    -----
    Stratified: class c, with m_c examples, puts test_fraction·m_c of them (rounded, the counts
    adding up to m_test) in the test set. Otherwise a random 25 % of 1,797 digits could by chance
    hold noticeably fewer 8s than 3s, and the test accuracy would weigh the digits unevenly. Both
    sets come back shuffled; neither ``X`` nor ``y`` is modified.
    """
    X = as_float_matrix(X, "X")
    m = X.shape[0]
    y = np.asarray(check_labels_shape(y, m, "y"))
    n_test = _test_size(test_fraction, m)
    rng = np.random.default_rng(check_seed(seed))
    _, class_of = np.unique(y, return_inverse=True)
    class_sizes = np.bincount(class_of)
    test_counts = _test_counts_per_class(class_sizes, n_test, rng)
    test_parts, train_parts = [], []
    for c, count in enumerate(test_counts):
        members = rng.permutation(np.flatnonzero(class_of == c))
        test_parts.append(members[:count])
        train_parts.append(members[count:])
    test_index = rng.permutation(np.concatenate(test_parts))
    train_index = rng.permutation(np.concatenate(train_parts))
    return X[train_index], X[test_index], y[train_index], y[test_index]
