"""Convert the 8×8 handwritten digits that ship with scikit-learn into data/digits.npz.

The data are the test partition (optdigits.tes, 1,797 images written by 13 people) of the UCI
"Optical Recognition of Handwritten Digits" set by E. Alpaydin and C. Kaynak (1998), licensed CC BY
4.0 — see data/README.md for the citation. scikit-learn's wheel carries a copy as
``sklearn/datasets/data/digits.csv.gz``: one image per line, 64 pixel counts 0..16 (the 8×8 image
read row by row) and then the digit 0..9.

The course does not depend on scikit-learn: this script needs it only to *find* that file, and only
if the committed data/digits.npz ever has to be rebuilt (``git checkout -- data/digits.npz`` is the
usual way to restore it). Install it somewhere throwaway rather than in the course's environment::

    python3 -m venv /tmp/skl && /tmp/skl/bin/pip install scikit-learn
    /tmp/skl/bin/python data/make_digits.py                # writes data/digits.npz
    python data/make_digits.py --source path/to/digits.csv.gz --out data/digits.npz   # no scikit-learn

The output holds two arrays, read back with ``np.load(path, allow_pickle=False)``:

- ``X``: uint8, shape (1797, 64), pixel counts 0..16; ``X[i].reshape(8, 8)`` is image i;
- ``y``: uint8, shape (1797,), the digit 0..9 drawn in image i.

uint8 and deflate keep the file at about 45 kB. The zip members get a fixed timestamp so that two
runs write the same bytes; a different zlib could still compress differently, so after rebuilding,
compare the arrays (this script prints their SHA-256) and, if the file's bytes changed, update the
checksum in mlcourse/datasets.py and data/README.md.
"""

import argparse
import gzip
import hashlib
import io
import zipfile
from pathlib import Path

import numpy as np

EXPECTED_SHAPE = (1797, 65)  # 64 pixels + 1 label per line
ZIP_TIMESTAMP = (1980, 1, 1, 0, 0, 0)  # the earliest a zip entry can carry: no build time in the file


def find_sklearn_copy():
    """Return the path of digits.csv.gz inside the installed scikit-learn, or raise ImportError."""
    try:
        from importlib.resources import files

        return Path(str(files("sklearn.datasets") / "data" / "digits.csv.gz"))
    except ModuleNotFoundError:
        raise ImportError("scikit-learn is needed to locate digits.csv.gz; install it in a throwaway "
                          "environment (python3 -m venv /tmp/skl && /tmp/skl/bin/pip install scikit-learn) "
                          "and run this script with that Python, or pass --source") from None


def read_digits_csv(source):
    """Read the gzipped CSV and return (X, y) as uint8 arrays of shapes (1797, 64) and (1797,)."""
    with gzip.open(source, "rt", encoding="ascii") as handle:
        table = np.loadtxt(handle, delimiter=",", dtype=np.int64, ndmin=2)
    if table.shape != EXPECTED_SHAPE:
        raise ValueError(f"{source} must hold {EXPECTED_SHAPE[0]} rows of 65 numbers; "
                         f"got shape {table.shape}")
    X, y = table[:, :64], table[:, 64]
    if X.min() < 0 or X.max() > 16:
        raise ValueError(f"pixel counts must lie in 0..16; got {X.min()}..{X.max()}")
    if set(np.unique(y).tolist()) != set(range(10)):
        raise ValueError(f"labels must be the digits 0..9; got {np.unique(y).tolist()}")
    return X.astype(np.uint8), y.astype(np.uint8)


def _npy_bytes(array):
    buffer = io.BytesIO()
    np.lib.format.write_array(buffer, np.ascontiguousarray(array), allow_pickle=False)
    return buffer.getvalue()


def write_npz(path, X, y):
    """Write X and y into a compressed .npz at ``path`` with fixed zip timestamps.

    ``np.savez_compressed`` stamps each member with the current time, so its output changes from run
    to run; writing the members by hand with a fixed timestamp makes the file reproducible.
    """
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, array in (("X", X), ("y", y)):
            info = zipfile.ZipInfo(f"{name}.npy", date_time=ZIP_TIMESTAMP)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16  # rw-r--r--, instead of whatever the umask says
            archive.writestr(info, _npy_bytes(array), compresslevel=9)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=None,
                        help="digits.csv.gz to read (default: the copy inside the installed scikit-learn)")
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / "digits.npz",
                        help="where to write the .npz (default: data/digits.npz)")
    args = parser.parse_args(argv)
    source = args.source if args.source is not None else find_sklearn_copy()
    X, y = read_digits_csv(source)
    write_npz(args.out, X, y)
    # Read it back the way the course does, to be sure the file round-trips without pickle.
    with np.load(args.out, allow_pickle=False) as saved:
        if not (np.array_equal(saved["X"], X) and np.array_equal(saved["y"], y)):
            raise RuntimeError(f"{args.out} does not read back as the arrays just written")
    print(f"wrote {args.out} ({args.out.stat().st_size:,} bytes) from {source}")
    print(f"  X {X.shape} {X.dtype}, sha256 of its bytes {hashlib.sha256(X.tobytes()).hexdigest()}")
    print(f"  y {y.shape} {y.dtype}, sha256 of its bytes {hashlib.sha256(y.tobytes()).hexdigest()}")
    print(f"  file sha256 {hashlib.sha256(args.out.read_bytes()).hexdigest()}")


if __name__ == "__main__":
    main()
