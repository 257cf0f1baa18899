"""Chapters a learner finishes in one sitting, and checks that show what they measured.

Issue 10's bars, measured on the committed notebooks:

- at most about 1,800 words of prose per chapter, mathematics excluded (a chapter of 2,300 words
  plus its maths and exercise took 60–90 minutes; 1,800 fits the course's 30–45);
- at most 15 output lines in the whole course ending in a bare ``True``/``False``: a check prints the
  measured difference and its bar ("largest difference below 1e-10 (bar 1e-9)"), which a learner can
  read, where a wall of ``True`` stops registering after a few lines;
- all chapters together under 5 MB, so cloning and Binder stay quick with crisp figures.
"""

import re
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
CHAPTERS = sorted((ROOT / "chapters").glob("*.ipynb"))

MAX_PROSE_WORDS = 1800
MAX_BARE_VERDICTS = 15
MAX_CHAPTERS_BYTES = 5_000_000

_DISPLAY_MATH = re.compile(r"\$\$.*?\$\$", re.S)
_INLINE_MATH = re.compile(r"\$[^$\n]+\$")
_CODE = re.compile(r"```.*?```|`[^`\n]+`", re.S)
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_BARE_VERDICT = re.compile(r"\b(True|False)\s*$")


def prose_words(markdown):
    """The words of a markdown cell outside its $…$, $$…$$ and code spans."""
    for pattern in (_DISPLAY_MATH, _INLINE_MATH, _CODE):
        markdown = pattern.sub(" ", markdown)
    return len(_WORD.findall(markdown))


def printed_lines(cell):
    """Every line a code cell printed or displayed as text."""
    for output in cell.get("outputs", []):
        text = output.get("text", "") or output.get("data", {}).get("text/plain", "")
        yield from "".join(text).splitlines()


def test_prose_words_skip_maths_and_code():
    assert prose_words("The cost $J(\\theta)$ falls:\n$$J = \\frac{1}{m}\\sum_i x$$\nsee `cost()`.") == 4  # The, cost, falls, see


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda path: path.stem)
def test_chapter_prose_fits_one_sitting(path):
    notebook = nbformat.read(path, as_version=4)
    words = sum(prose_words(cell.source) for cell in notebook.cells if cell.cell_type == "markdown")
    assert words <= MAX_PROSE_WORDS, (
        f"{path.name} has {words} words of prose (mathematics excluded); a chapter for one sitting "
        f"has at most about {MAX_PROSE_WORDS}: trim it or split it")


def test_the_course_prints_few_bare_true_or_false_lines():
    bare = [f"{path.name}: {line.strip()}"
            for path in CHAPTERS
            for cell in nbformat.read(path, as_version=4).cells if cell.cell_type == "code"
            for line in printed_lines(cell) if _BARE_VERDICT.search(line)]
    assert len(bare) <= MAX_BARE_VERDICTS, (
        f"{len(bare)} output lines end in a bare True/False (at most {MAX_BARE_VERDICTS}); print the "
        "measured difference and its bar instead:\n" + "\n".join(bare))


def test_the_committed_chapters_stay_small():
    size = sum(path.stat().st_size for path in CHAPTERS)
    assert size < MAX_CHAPTERS_BYTES, f"the chapters take {size / 1e6:.1f} MB; keep them under 5 MB"
