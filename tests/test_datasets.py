"""The committed data sets: shapes, checksums, reproducible generators, and the stratified split."""

import gzip
import hashlib
import importlib.util
import shutil
import tomllib
import zipfile
from pathlib import Path

import numpy as np
import pytest

from mlcourse import datasets

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
FILES = ["exam_scores.csv", "microchips.csv", "digits.npz"]
LOADERS = {
    "exam_scores.csv": datasets.load_exam_scores,
    "microchips.csv": datasets.load_microchips,
    "digits.npz": datasets.load_digits,
}


def import_script(name):
    """Import data/<name>.py as a module (data/ is not a package)."""
    spec = importlib.util.spec_from_file_location(f"data_{name}", DATA / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(autouse=True)
def committed_data(monkeypatch):
    """Every test starts from the committed data/, whatever MLCOURSE_DATA_DIR the shell sets."""
    monkeypatch.delenv(datasets.DATA_DIR_ENV, raising=False)


def least_squares_accuracy(X, y):
    """Training accuracy of the linear classifier sign(w·[1, x1, x2]) fitted by least squares to ±1."""
    A = np.column_stack([np.ones(len(y)), X])
    w, *_ = np.linalg.lstsq(A, 2 * y - 1, rcond=None)
    return np.mean((A @ w >= 0) == (y == 1))


# --- what the loaders return ----------------------------------------------------------------------

@pytest.mark.parametrize(("loader", "x_shape", "y_dtype", "labels"), [
    (datasets.load_exam_scores, (100, 2), np.float64, [0.0, 1.0]),
    (datasets.load_microchips, (118, 2), np.float64, [0.0, 1.0]),
    (datasets.load_digits, (1797, 64), np.int64, list(range(10))),
])
def test_shapes_dtypes_and_label_sets(loader, x_shape, y_dtype, labels):
    X, y = loader()
    assert X.shape == x_shape
    assert X.dtype == np.float64
    assert y.shape == (x_shape[0],)
    assert y.dtype == y_dtype
    assert np.unique(y).tolist() == labels
    assert np.all(np.isfinite(X))


def test_feature_ranges():
    X, _ = datasets.load_exam_scores()
    assert X.min() >= 30
    assert X.max() <= 100
    X, _ = datasets.load_microchips()
    assert X.min() >= -1
    assert X.max() <= 1.2
    X, _ = datasets.load_digits()
    assert X.min() == 0
    assert X.max() == 16
    np.testing.assert_array_equal(X, np.round(X))  # whole pixel counts


def test_class_balance():
    # counts recorded in data/README.md
    _, y = datasets.load_exam_scores()
    assert int(y.sum()) == 59
    _, y = datasets.load_microchips()
    assert int(y.sum()) == 58  # of 118: roughly balanced, like the course's 58 of 118
    _, y = datasets.load_digits()
    np.testing.assert_array_equal(np.bincount(y), [178, 182, 177, 183, 181, 182, 181, 179, 174, 180])


def test_digits_are_stored_row_by_row_in_the_original_order():
    X, y = datasets.load_digits()
    np.testing.assert_array_equal(y[:10], np.arange(10))  # the set starts 0, 1, …, 9
    # the top row of the first image, a 0: ink only in the middle columns
    np.testing.assert_array_equal(X[0].reshape(8, 8)[0], [0, 0, 5, 13, 9, 1, 0, 0])


def test_exam_scores_are_almost_linearly_separable_and_microchips_are_not():
    # A least-squares fit of ±1 labels on [1, x1, x2] is the crudest linear classifier; the course's
    # claims are that a line does well on the exams (logistic regression: 91 %) and fails on the chips.
    X, y = datasets.load_exam_scores()
    assert least_squares_accuracy(X, y) > 0.80
    X, y = datasets.load_microchips()
    assert least_squares_accuracy(X, y) < 0.70
    # and that failing is no better than always answering the larger class (60 of 118 rejected)
    assert least_squares_accuracy(X, y) < 60 / 118 + 0.1


def test_returned_arrays_are_fresh_writable_copies():
    X, y = datasets.load_microchips()
    expected_X, expected_y = X.copy(), y.copy()
    X *= 100.0  # a learner scaling in place
    y[:] = 0.0
    X_again, y_again = datasets.load_microchips()
    np.testing.assert_array_equal(X_again, expected_X)
    np.testing.assert_array_equal(y_again, expected_y)
    assert not np.shares_memory(X, X_again)
    assert X_again.flags.writeable
    assert y_again.flags.writeable


# --- files, checksums and the data folder ---------------------------------------------------------

@pytest.mark.parametrize("name", FILES)
def test_committed_files_match_the_recorded_checksums_and_readme(name):
    digest = hashlib.sha256((DATA / name).read_bytes()).hexdigest()
    assert digest == datasets.CHECKSUMS[name]
    readme = (DATA / "README.md").read_text(encoding="utf-8")
    assert f"`{digest}`" in readme, f"data/README.md must record the SHA-256 of {name}"


def test_default_data_dir_is_the_repository_data_folder():
    assert datasets.data_dir() == DATA


def test_a_clone_that_was_never_installed_reads_the_data_folder_beside_the_package(monkeypatch):
    # without an install that maps the package mlcourse.data onto data/, the import fails
    def no_such_package(name):
        raise ModuleNotFoundError(f"No module named {name!r}")
    monkeypatch.setattr(datasets.importlib.resources, "files", no_such_package)
    assert datasets.data_dir() == DATA
    X, _ = datasets.load_exam_scores()
    assert X.shape == (100, 2)


def test_pyproject_ships_the_data_folder_as_a_package():
    # the mapping tests/test_install.py relies on, spelled out so a broken one is named here too
    setuptools = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    assert "mlcourse.data" in setuptools["packages"]
    assert setuptools["package-dir"] == {"mlcourse.data": "data"}
    patterns = setuptools["package-data"]["mlcourse.data"]
    for name in [*FILES, "README.md"]:
        assert any(Path(name).match(pattern) for pattern in patterns), name
    assert (DATA / "__init__.py").is_file()  # a regular package, so an editable install maps it too


def test_data_dir_follows_the_environment_variable(tmp_path, monkeypatch):
    for name in FILES:
        shutil.copy(DATA / name, tmp_path / name)
    monkeypatch.setenv(datasets.DATA_DIR_ENV, str(tmp_path))
    assert datasets.data_dir() == tmp_path
    X, _ = datasets.load_digits()
    assert X.shape == (1797, 64)
    (tmp_path / "digits.npz").unlink()  # now only the copy in tmp_path could answer, and it is gone
    with pytest.raises(FileNotFoundError, match=r"digits\.npz not found"):
        datasets.load_digits()


@pytest.mark.parametrize("name", FILES)
def test_a_corrupted_byte_is_refused_with_both_checksums_and_the_fix(name, tmp_path, monkeypatch):
    content = bytearray((DATA / name).read_bytes())
    content[len(content) // 2] ^= 0x01  # flip one bit in the middle of the file
    (tmp_path / name).write_bytes(bytes(content))
    got = hashlib.sha256(bytes(content)).hexdigest()
    monkeypatch.setenv(datasets.DATA_DIR_ENV, str(tmp_path))
    message = (rf"{name} is not the file the course was written for: its SHA-256 must be "
               rf"{datasets.CHECKSUMS[name]}; got {got}\. The course ships the right one; copy it there "
               rf"from the course's own copy in {DATA}, or unset MLCOURSE_DATA_DIR")
    with pytest.raises(datasets.ChecksumError, match=message):
        LOADERS[name]()
    assert issubclass(datasets.ChecksumError, ValueError)


def test_a_corrupted_file_in_a_clone_is_restored_with_git(tmp_path, monkeypatch):
    content = bytearray((DATA / "microchips.csv").read_bytes())
    content[40] ^= 0x01
    (tmp_path / "microchips.csv").write_bytes(bytes(content))
    monkeypatch.setattr(datasets, "data_dir", lambda: tmp_path)  # stands in for a clone's data/
    with pytest.raises(datasets.ChecksumError, match=(
            r"got [0-9a-f]{64}\. The course ships the right one; restore it with "
            r"`git checkout -- data/microchips\.csv` \(data/README\.md says how to regenerate it\)")):
        datasets.load_microchips()


def test_a_change_of_folder_is_seen_by_the_next_call(tmp_path, monkeypatch):
    datasets.load_exam_scores()  # from the repository's data/
    content = bytearray((DATA / "exam_scores.csv").read_bytes())
    content[30] ^= 0x01
    (tmp_path / "exam_scores.csv").write_bytes(bytes(content))
    monkeypatch.setenv(datasets.DATA_DIR_ENV, str(tmp_path))
    with pytest.raises(datasets.ChecksumError, match=r"exam_scores\.csv"):
        datasets.load_exam_scores()


def test_a_missing_file_says_where_it_looked(tmp_path, monkeypatch):
    monkeypatch.setenv(datasets.DATA_DIR_ENV, str(tmp_path))
    expected = str(tmp_path / "microchips.csv")
    with pytest.raises(FileNotFoundError, match=(
            rf"microchips\.csv not found: looked for {expected} \(the folder named by the environment "
            rf"variable MLCOURSE_DATA_DIR\)\. The course ships this file; copy it there from the "
            rf"course's own copy in {DATA}, or unset MLCOURSE_DATA_DIR")):
        datasets.load_microchips()


def test_a_missing_file_in_the_default_folder_says_how_to_restore_it(tmp_path, monkeypatch):
    monkeypatch.setattr(datasets, "data_dir", lambda: tmp_path)  # stands in for a data/ that lost a file
    with pytest.raises(FileNotFoundError, match=(
            r"exam_scores\.csv not found: looked for .*exam_scores\.csv \(the repository's data/ folder\)\. "
            r"The course ships this file; restore it with `git checkout -- data/exam_scores\.csv`")):
        datasets.load_exam_scores()


class _Installed:
    """Stands in for the metadata pip leaves: ``direct_url`` is its direct_url.json, or None."""

    def __init__(self, direct_url):
        self.direct_url = direct_url

    def read_text(self, name):
        assert name == "direct_url.json"
        return self.direct_url


GIT_INSTALL = ('{"url": "https://github.com/ada/mlcourse", '
               '"vcs_info": {"vcs": "git", "requested_revision": "main", "commit_id": "0123abc"}}')


@pytest.mark.parametrize(("installed", "source"), [
    ([_Installed(GIT_INSTALL)], r"git\+https://github\.com/ada/mlcourse@main"),
    ([_Installed('{"url": "file:///srv/mlcourse-0.1.0.tar.gz", "archive_info": {}}')],
     r"file:///srv/mlcourse-0\.1\.0\.tar\.gz"),
    ([_Installed(None)], r"<where it came from>"),  # from a package index: pip records no direct URL
    ([], r"<where it came from>"),                  # a package folder copied in by hand: no metadata
])
def test_a_file_missing_from_an_installed_package_asks_for_a_reinstall(installed, source, monkeypatch):
    # site-packages/mlcourse/data/ after pip install; here mlcourse/data/, which does not exist
    installed_data = Path(datasets.__file__).resolve().parent / "data"
    monkeypatch.setattr(datasets, "data_dir", lambda: installed_data)
    monkeypatch.setattr(datasets.importlib.metadata, "distributions", lambda name: iter(installed))
    with pytest.raises(FileNotFoundError, match=(
            r"digits\.npz not found: looked for .*digits\.npz \(the data installed with the mlcourse "
            rf"package\)\. The course ships this file; reinstall the package: pip install --force-reinstall "
            rf'--no-deps "mlcourse @ {source}"$')):
        datasets.load_digits()


def test_digits_file_is_a_plain_npz_without_pickled_objects():
    with np.load(DATA / "digits.npz", allow_pickle=False) as archive:
        assert sorted(archive.files) == ["X", "y"]
        assert archive["X"].dtype == np.uint8
        assert archive["X"].shape == (1797, 64)
        assert archive["y"].dtype == np.uint8
        assert archive["y"].shape == (1797,)
    assert (DATA / "digits.npz").stat().st_size < 100_000  # "tens of kB"


# --- the generators ---------------------------------------------------------------------------------

def test_make_toy_data_rewrites_the_committed_csvs_byte_for_byte(tmp_path):
    make_toy_data = import_script("make_toy_data")
    paths = make_toy_data.write_toy_data(tmp_path)
    assert [path.name for path in paths] == ["exam_scores.csv", "microchips.csv"]
    for path in paths:
        assert path.read_bytes() == (DATA / path.name).read_bytes(), f"{path.name} differs from data/"


def test_make_toy_data_command_line_writes_into_out_dir(tmp_path, capsys):
    make_toy_data = import_script("make_toy_data")
    make_toy_data.main(["--out-dir", str(tmp_path / "new")])
    assert "wrote" in capsys.readouterr().out
    for name in ("exam_scores.csv", "microchips.csv"):
        assert (tmp_path / "new" / name).read_bytes() == (DATA / name).read_bytes()


def test_make_digits_round_trips_and_is_reproducible(tmp_path):
    make_digits = import_script("make_digits")
    with np.load(DATA / "digits.npz", allow_pickle=False) as archive:
        X, y = archive["X"], archive["y"]
    # rebuild a gzipped CSV in scikit-learn's layout (64 pixels, then the label) and convert it back
    source = tmp_path / "digits.csv.gz"
    with gzip.open(source, "wt", encoding="ascii") as handle:
        np.savetxt(handle, np.column_stack([X, y]), fmt="%d", delimiter=",")
    first, second = tmp_path / "first.npz", tmp_path / "second.npz"
    make_digits.main(["--source", str(source), "--out", str(first)])
    make_digits.main(["--source", str(source), "--out", str(second)])
    assert first.read_bytes() == second.read_bytes()  # fixed zip timestamps: no build time inside
    with zipfile.ZipFile(first) as archive:
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    with np.load(first, allow_pickle=False) as rebuilt:
        np.testing.assert_array_equal(rebuilt["X"], X)
        np.testing.assert_array_equal(rebuilt["y"], y)


def test_make_digits_refuses_a_csv_of_the_wrong_shape(tmp_path):
    make_digits = import_script("make_digits")
    source = tmp_path / "short.csv.gz"
    with gzip.open(source, "wt", encoding="ascii") as handle:
        handle.write(",".join(["0"] * 65) + "\n")
    with pytest.raises(ValueError, match=r"must hold 1797 rows of 65 numbers; got shape \(1, 65\)"):
        make_digits.read_digits_csv(source)


# --- train_test_split --------------------------------------------------------------------------------

def traced(m, n=3):
    """An (m, n) X whose column 0 is the row number, so a split's rows can be traced back."""
    return np.column_stack([np.arange(m, dtype=float), np.ones((m, n - 1))])


def test_split_of_the_digits_sizes_and_stratification():
    X, y = datasets.load_digits()
    X_train, X_test, y_train, y_test = datasets.train_test_split(X, y, test_fraction=0.25, seed=0)
    # m_test = 0.25 · 1797 = 449.25, rounded to 449; the other 1348 train
    assert X_test.shape == (449, 64)
    assert y_test.shape == (449,)
    assert X_train.shape == (1348, 64)
    assert y_train.shape == (1348,)
    assert y_train.dtype == np.int64
    # each digit's test count is its share 449 · m_c / 1797 rounded up or down
    shares = 449 * np.bincount(y) / 1797
    test_counts = np.bincount(y_test, minlength=10)
    assert np.all(np.abs(test_counts - shares) < 1)
    np.testing.assert_array_equal(test_counts + np.bincount(y_train, minlength=10), np.bincount(y))


def test_split_is_a_partition_and_keeps_rows_with_their_labels():
    m = 40
    X = traced(m)
    y = np.arange(m) % 4  # label = row number mod 4, so a row's label can be recomputed
    X_train, X_test, y_train, y_test = datasets.train_test_split(X, y, test_fraction=0.25, seed=3)
    rows = np.concatenate([X_train[:, 0], X_test[:, 0]]).astype(int)
    np.testing.assert_array_equal(np.sort(rows), np.arange(m))  # every row exactly once
    np.testing.assert_array_equal(y_train, X_train[:, 0].astype(int) % 4)
    np.testing.assert_array_equal(y_test, X_test[:, 0].astype(int) % 4)
    # m_test = 0.25 · 40 = 10; each class of 10 has the share 2.5, whole parts 2 · 4 = 8, and the two
    # missing rows go to the largest remainders, a four-way tie of 0.5: two classes get 3, two get 2
    np.testing.assert_array_equal(np.sort(np.bincount(y_test, minlength=4)), [2, 2, 3, 3])


def test_split_counts_by_largest_remainder():
    # classes of sizes 6, 3, 1 and test_fraction 0.3: m_test = 3, exact shares 1.8, 0.9, 0.3;
    # whole parts 1 + 0 + 0 = 1, the two missing go to the largest remainders, 0.9 and 0.8: 2, 1, 0
    y = np.array([0] * 6 + [1] * 3 + [2] * 1)
    for seed in range(5):
        _, _, _, y_test = datasets.train_test_split(traced(10), y, test_fraction=0.3, seed=seed)
        np.testing.assert_array_equal(np.bincount(y_test, minlength=3), [2, 1, 0])


def test_the_seed_decides_which_tied_classes_hold_out_one_more():
    # five classes of 3 and test_fraction 0.2: m_test = 3, each share 0.6, all whole parts 0, so
    # three of the five tied classes get one test example; a fixed rule would always pick the same
    # three (the lowest), and every seed would hold out the same classes
    y = np.repeat(np.arange(5), 3)
    held_out = set()
    for seed in range(20):
        _, _, _, y_test = datasets.train_test_split(traced(15), y, test_fraction=0.2, seed=seed)
        assert np.bincount(y_test, minlength=5).max() == 1
        held_out.add(tuple(np.sort(y_test)))
        again = datasets.train_test_split(traced(15), y, test_fraction=0.2, seed=seed)[3]
        np.testing.assert_array_equal(again, y_test)
    assert len(held_out) > 5  # of the 10 possible choices of three classes


def test_split_rounds_halves_up():
    # 0.25 · 10 = 2.5 → 3 test examples (Python's round() would give 2)
    _, X_test, _, _ = datasets.train_test_split(traced(10), np.zeros(10), test_fraction=0.25)
    assert X_test.shape == (3, 3)


def test_split_is_reproducible_with_a_seed_and_changes_with_another():
    X, y = datasets.load_exam_scores()
    first = datasets.train_test_split(X, y, seed=7)
    again = datasets.train_test_split(X, y, seed=7)
    other = datasets.train_test_split(X, y, seed=8)
    for a, b in zip(first, again, strict=True):
        np.testing.assert_array_equal(a, b)
    assert not np.array_equal(first[1], other[1])


def test_split_shuffles_instead_of_grouping_by_class():
    y = np.repeat([0, 1], 50)
    _, _, y_train, _ = datasets.train_test_split(traced(100), y, seed=0)
    assert np.count_nonzero(np.diff(y_train)) > 10  # grouped by class would change label just once


def test_split_does_not_modify_its_inputs():
    X = traced(20)
    y = np.arange(20) % 2
    X_before, y_before = X.copy(), y.copy()
    X_train, *_ = datasets.train_test_split(X, y)
    X_train[:] = -1.0
    np.testing.assert_array_equal(X, X_before)
    np.testing.assert_array_equal(y, y_before)


@pytest.mark.parametrize(("kwargs", "error", "message"), [
    ({"test_fraction": 0.0}, ValueError, r"test_fraction must be strictly between 0 and 1 \(the share of examples held out\); got 0"),
    ({"test_fraction": 1.0}, ValueError, r"test_fraction must be strictly between 0 and 1 .*; got 1"),
    ({"test_fraction": -0.25}, ValueError, r"test_fraction must be strictly between 0 and 1 .*; got -0.25"),
    ({"test_fraction": float("nan")}, ValueError, r"test_fraction must be a finite number; got nan"),
    ({"test_fraction": "0.25"}, TypeError, r"test_fraction must be a real number; got str '0.25'"),
    ({"test_fraction": 0.01}, ValueError, r"test_fraction = 0.01 of m = 20 examples leaves 0 for testing and 20 for training; both sets need at least one example"),
    ({"test_fraction": 0.99}, ValueError, r"leaves 20 for testing and 0 for training"),
    ({"seed": -1}, ValueError, r"seed must be ≥ 0; got -1"),
    ({"seed": 1.5}, TypeError, r"seed must be a whole number ≥ 0 or a numpy.random.Generator; got float 1.5"),
    ({"seed": True}, TypeError, r"seed must be a whole number ≥ 0 or a numpy.random.Generator; got bool True"),
])
def test_split_rejects_bad_parameters(kwargs, error, message):
    with pytest.raises(error, match=message):
        datasets.train_test_split(traced(20), np.arange(20) % 2, **kwargs)


def test_split_rejects_mismatched_or_badly_shaped_inputs():
    X = traced(20)
    with pytest.raises(ValueError, match=r"y must have shape \(m,\) = \(20,\) to match the 20 rows of X; got a 1-D array of shape \(19,\)"):
        datasets.train_test_split(X, np.zeros(19))
    with pytest.raises(ValueError, match=r"y must have shape \(m,\) = \(20,\) to match X; got \(20, 1\)"):
        datasets.train_test_split(X, np.zeros((20, 1)))
    with pytest.raises(ValueError, match=r"X must be a 2-D array of shape \(m, n\), one row per example; got a 1-D array of shape \(20,\)"):
        datasets.train_test_split(np.zeros(20), np.zeros(20))
    with pytest.raises(TypeError, match=r"X must hold real numbers; got an array of dtype <U1"):
        datasets.train_test_split([["a"]], [0])


def test_split_accepts_a_generator_as_seed():
    y = np.arange(20) % 2
    by_generator = datasets.train_test_split(traced(20), y, seed=np.random.default_rng(4))
    by_number = datasets.train_test_split(traced(20), y, seed=4)
    for a, b in zip(by_generator, by_number, strict=True):
        np.testing.assert_array_equal(a, b)


# --- regressions from the input audit: each failed before its fix -------------------------------

def test_split_refuses_a_test_fraction_beyond_float64_by_name():
    # was OverflowError "int too large to convert to float"
    with pytest.raises(ValueError, match=r"^test_fraction must be a finite number; got 1000+\.\.\.0+$"):
        datasets.train_test_split(np.zeros((4, 2)), [0, 1, 0, 1], test_fraction=10**400)
