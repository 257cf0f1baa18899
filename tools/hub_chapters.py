"""Write copies of the chapters with their outputs cleared, for the repository a JupyterHub pulls from.

Usage (what ``make hub-chapters`` runs)::

    .venv/bin/python tools/hub_chapters.py                       # chapters/*.ipynb -> build/hub-chapters/
    .venv/bin/python tools/hub_chapters.py --out ../mlcourse-hub/chapters

nbgitpuller merges a teacher's new commits into each learner's copy line by line, keeping the
learner's lines wherever both sides changed the same or neighbouring ones (README.md, *Teaching a
class*). Served as committed, the chapters carry outputs that change whenever they are re-executed
(``make notebooks``), and a learner who ran a cell with another result keeps theirs, so a chapter
ends up mixing the outputs of two versions. In a copy without outputs, an update carries only the
lines the teacher edited, and every output a learner sees is one their own run produced.

Each copy keeps every cell, its source, id and metadata; code cells lose their outputs and
execution counts, and the notebook loses any widget state (as ``make notebooks`` strips it). The
output folder's old ``.ipynb`` files are removed first, so a renamed chapter leaves no stale copy.
``chapters/`` is only read.
"""

import argparse
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent


def cleared(notebook):
    """``notebook`` (in place) with every output, execution count and widget state removed."""
    notebook.metadata.pop("widgets", None)
    for cell in notebook.cells:
        cell.metadata.pop("execution", None)  # per-run timestamps, if a tool recorded them
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
    return notebook


def write_hub_chapters(source, out):
    """Write a cleared copy of every ``source/*.ipynb`` into ``out``; return the paths written."""
    source, out = Path(source), Path(out)
    if out.resolve() == source.resolve():
        raise SystemExit(f"--out must be another folder than the chapters it copies; got {out}")
    chapters = sorted(source.glob("*.ipynb"))
    if not chapters:
        raise SystemExit(f"no chapters (*.ipynb) in {source}")
    out.mkdir(parents=True, exist_ok=True)
    for stale in out.glob("*.ipynb"):
        stale.unlink()
    written = []
    for chapter in chapters:
        notebook = cleared(nbformat.read(chapter, as_version=4))
        nbformat.write(notebook, out / chapter.name)
        written.append(out / chapter.name)
    return written


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chapters", type=Path, default=ROOT / "chapters", help="where the chapters are")
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "hub-chapters",
                        help="the folder to write the copies into (default: build/hub-chapters)")
    args = parser.parse_args(argv)
    written = write_hub_chapters(args.chapters, args.out)
    print(f"wrote {len(written)} chapters with outputs cleared to {args.out}")


if __name__ == "__main__":
    main()
