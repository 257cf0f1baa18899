"""Numbers in a chapter's prose come from the code that runs, never typed in.

The guide's rule, checked on the committed notebooks: every decimal number and every percentage in a
chapter's markdown (maths included, code spans and links excluded) must also appear among the
numbers of that chapter's code cells or printed outputs, to the precision the prose gives it ("about
0.42" matches a printed 0.4213; "96 %" matches 96 or 0.96). A sentence that quotes a result then
cannot drift from what the chapter prints: re-executing a chapter whose numbers moved fails here until
the prose is updated or, better, the number is printed by the cell instead. Whole numbers written with
thousands separators ("1,885 weights", "about 3,000 times") are counts and results too: each must be
printed, to the precision its trailing zeros give.

Constants of nature rather than results (float64's machine epsilon, say) are listed in
``NOT_COMPUTED`` with the reason, per chapter; the list is meant to stay short.
"""

import re
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
CHAPTERS = sorted((ROOT / "chapters").glob("*.ipynb"))

# {chapter stem: {number as written in the prose: why it is not printed by the chapter}}
NOT_COMPUTED = {
    "08-gradient-checking": {
        "2.2": "float64's machine epsilon 2^-52, a property of the number format",
        "1.2": "float32's machine epsilon 2^-23, likewise",
    },
}

_CODE_OR_LINK = re.compile(r"```.*?```|`[^`\n]+`|\]\([^)]*\)|https?://\S+", re.S)
# a decimal or a percentage in prose; digits right after ^, _, { or a letter belong to maths or names
_PROSE_NUMBER = re.compile(r"(?<![\w.^_{\\])(\d+\.\d+|\d+(?=\s?\\?%))")
_ANY_NUMBER = re.compile(r"(?<!\d)\d{1,3}(?:,\d{3})+(?!\d)|\d+(?:\.\d+)?(?:[eE][-+]?\d+)?")  # 1,885 is one
# a whole number written with thousands separators ("3,770", or "17{,}970" in maths): always a count or
# a result, never a constant of the course
_GROUPED_INTEGER = re.compile(r"(?<![\w.^_\\])(\d{1,3}(?:(?:,|\{,\})\d{3})+)(?!\d)")


def prose_numbers(markdown):
    """The decimals and percentages of a markdown cell, as written: ``[(text, is_percentage), …]``."""
    markdown = _CODE_OR_LINK.sub(" ", markdown)
    return [(match.group(1), bool(re.match(r"\s?\\?%", markdown[match.end():])))
            for match in _PROSE_NUMBER.finditer(markdown)]


def computed_numbers(notebook):
    """Every number in the chapter's code cells and in what they printed or displayed as text."""
    texts = []
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        texts.append(cell.source)
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            texts.append("".join(output.get("text", "") or data.get("text/plain", "")
                                 or data.get("text/markdown", "")))
    return {float(number.replace(",", "")) for text in texts for number in _ANY_NUMBER.findall(text)}


def grouped_integers(markdown):
    """The whole numbers of a markdown cell written with thousands separators, as ints."""
    markdown = _CODE_OR_LINK.sub(" ", markdown)
    return [int(match.group(1).replace("{,}", "").replace(",", ""))
            for match in _GROUPED_INTEGER.finditer(markdown)]


def integer_is_computed(value, numbers):
    """Whether ``value`` is one of ``numbers`` to the precision its trailing zeros give ("about 3,000")."""
    zeros = len(str(value)) - len(str(value).rstrip("0"))
    return any(round(number, -zeros) == value for number in numbers)


def is_computed(text, percentage, numbers):
    """Whether the prose's ``text`` is one of ``numbers`` rounded to the digits the prose shows."""
    decimals = len(text.split(".")[1]) if "." in text else 0
    value = float(text)
    scales = (1.0, 100.0) if percentage else (1.0,)
    return any(round(number * scale, decimals) == value for number in numbers for scale in scales)


def test_prose_numbers_finds_decimals_and_percentages_only():
    found = prose_numbers("After 10 steps $J$ fell from 50.69 to 3.2, and 96 % were right; "
                          "`alpha = 0.01` and [link](https://x.org/1.5) are code, $10^{-16}$ is maths.")
    assert found == [("50.69", False), ("3.2", False), ("96", True)]


def test_a_number_matches_at_the_precision_the_prose_gives():
    assert is_computed("0.42", False, {0.4213})
    assert is_computed("96", True, {0.9621})
    assert not is_computed("0.43", False, {0.4213})  # a typed-in number that drifted
    assert not is_computed("97.1", True, {0.969})


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda path: path.stem)
def test_numbers_in_the_prose_are_printed_or_used_by_the_chapter(path):
    notebook = nbformat.read(path, as_version=4)
    numbers = computed_numbers(notebook)
    allowed = NOT_COMPUTED.get(path.stem, {})
    typed_in = [f"cell {index}: {text}{' %' if percentage else ''}"
                for index, cell in enumerate(notebook.cells) if cell.cell_type == "markdown"
                for text, percentage in prose_numbers(cell.source)
                if text not in allowed and not is_computed(text, percentage, numbers)]
    assert not typed_in, (
        f"{path.name}: numbers in the prose that no code cell of the chapter uses or prints "
        f"(typed in, or drifted from the output): {typed_in}. Print them from the code, or point "
        "the sentence at the printed output")


def test_grouped_integers_are_found_and_matched_to_their_precision():
    assert grouped_integers("all 1,885 weights, $m \\cdot K = 17{,}970$, `2,000` is code, 1,2 is not") == [1885, 17970]
    assert integer_is_computed(3000, {2983.0})  # "about 3,000"
    assert integer_is_computed(17970, {17970.0})
    assert not integer_is_computed(17970, {17960.0})


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda path: path.stem)
def test_counts_with_thousands_separators_are_printed_by_the_chapter(path):
    notebook = nbformat.read(path, as_version=4)
    numbers = computed_numbers(notebook)
    typed_in = [f"cell {index}: {value:,}" for index, cell in enumerate(notebook.cells)
                if cell.cell_type == "markdown" for value in grouped_integers(cell.source)
                if not integer_is_computed(value, numbers)]
    assert not typed_in, (f"{path.name}: counts in the prose that the chapter never prints: {typed_in}. "
                          "Print them from the code")
