"""tools/course_links.py: launch links from the clone's origin, written between markers, never broken.

Every test that writes works on copies in a temporary git repository; the real README.md and chapter
00 are only read.
"""

import importlib.util
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
START_HERE = next((ROOT / "chapters").glob("00-*.ipynb"))

spec = importlib.util.spec_from_file_location("course_links", ROOT / "tools" / "course_links.py")
course_links = importlib.util.module_from_spec(spec)
spec.loader.exec_module(course_links)


def git(folder, *args):
    subprocess.run(["git", "-C", str(folder), *args], check=True, capture_output=True)


def without_markers(notebook_path):
    """Take the launch-link markers out of a copy of chapter 00, as a fork that removed them would."""
    notebook = json.loads(notebook_path.read_text(encoding="utf-8"))
    for cell in notebook["cells"]:
        source = "".join(cell["source"])
        for marker in course_links.LAUNCH_MARKERS:
            source = source.replace("\n" + marker, "").replace(marker, "")
        cell["source"] = source.rstrip("\n").splitlines(keepends=True)
    notebook_path.write_text(json.dumps(notebook, sort_keys=True, indent=1, ensure_ascii=False) + "\n",
                             encoding="utf-8")


def launch_block(chapter_00):
    """What lies between chapter 00's launch-link markers, after checking each marker is there once."""
    text = "".join("".join(cell["source"]) for cell in json.loads(chapter_00.read_text(encoding="utf-8"))["cells"])
    start, end = course_links.LAUNCH_MARKERS
    assert text.count(start) == 1
    assert text.count(end) == 1
    return text.split(start)[1].split(end)[0].strip()


def assert_written_by_make_links(block, chapters):
    """``block`` is exactly what make links writes for the repository and branch its URLs name."""
    binder = re.search(r"https://mybinder\.org/v2/gh/([\w.-]+)/([\w.-]+)/([^?]+)\?", block)
    colab = re.search(r"colab\.research\.google\.com/github/[\w.-]+/[\w.-]+/blob/([^/]+)/chapters/", block)
    assert binder, f"chapter 00's launch links have no Binder link: {block!r}"
    assert colab, f"chapter 00's launch links have no Colab link: {block!r}"
    owner, name, binder_ref = binder.groups()
    links = course_links.make_links(owner, name, colab.group(1), chapters, binder_ref=binder_ref)
    assert block == course_links.chapter_block(links)


def test_chapter_00_has_the_markers_and_between_them_nothing_or_what_make_links_writes():
    # the course ships them empty; a fork that ran `make links` and committed has its own links there
    # (this test used to fail on such a fork), which must be exactly the block make links writes
    block = launch_block(START_HERE)
    if block:
        assert_written_by_make_links(block, sorted(path.name for path in (ROOT / "chapters").glob("*.ipynb")))


def test_a_fork_with_its_links_written_passes_the_test_above(clone):
    git(clone, "remote", "add", "origin", "https://github.com/teach-er/ml-course.git")
    assert course_links.main(["--root", str(clone), "--write"]) == 0
    block = launch_block(clone / "chapters" / START_HERE.name)
    assert "https://mybinder.org/v2/gh/teach-er/ml-course/HEAD?" in block
    assert_written_by_make_links(block, sorted(path.name for path in (clone / "chapters").glob("*.ipynb")))
    with pytest.raises(AssertionError):  # and a block edited by hand does not pass
        assert_written_by_make_links(block.replace("Binder", "binder"), ["00-start-here.ipynb"])


@pytest.fixture
def clone(tmp_path):
    """A git repository holding copies of README.md and chapter 00 (which has the markers), and no origin yet."""
    git(tmp_path, "init", "-q", "-b", "main")
    shutil.copy(ROOT / "README.md", tmp_path / "README.md")
    (tmp_path / "chapters").mkdir()
    shutil.copy(START_HERE, tmp_path / "chapters" / START_HERE.name)
    shutil.copy(ROOT / "chapters" / "01-cost-function.ipynb", tmp_path / "chapters")
    return tmp_path


# --- reading the origin -----------------------------------------------------------------------------

@pytest.mark.parametrize("url", [
    "https://github.com/ada-l/ml.course.git",
    "https://github.com/ada-l/ml.course",
    "https://github.com/ada-l/ml.course/",
    "http://github.com/ada-l/ml.course.git",
    "https://ada-l@github.com/ada-l/ml.course.git",
    "git@github.com:ada-l/ml.course.git",
    "git@github.com:ada-l/ml.course",
    "ssh://git@github.com/ada-l/ml.course.git",
    "ssh://git@github.com:22/ada-l/ml.course",
    "git://github.com/ada-l/ml.course.git",
])
def test_github_remotes_in_every_spelling(url):
    assert course_links.parse_github_remote(url) == ("ada-l", "ml.course")


@pytest.mark.parametrize("url", [
    "https://gitlab.com/ada/mlcourse.git",
    "git@gitlab.com:ada/mlcourse.git",
    "https://github.com.example.org/ada/mlcourse.git",
    "https://github.com/ada",               # a user, not a repository
    "https://github.com/ada/mlcourse/tree/main",
    "/srv/git/mlcourse.git",
    "",
])
def test_anything_else_is_not_a_github_repository(url):
    assert course_links.parse_github_remote(url) is None


def test_without_an_origin_it_says_so_and_changes_nothing(clone, capsys):
    before = {path: path.read_bytes() for path in clone.rglob("*") if path.is_file() and ".git" not in path.parts}
    assert course_links.main(["--root", str(clone), "--write"]) == 1
    error = capsys.readouterr().err
    assert "has no remote named origin" in error
    assert "git remote add origin https://github.com/<you>/<name>.git" in error
    assert all(path.read_bytes() == content for path, content in before.items())


def test_an_origin_elsewhere_than_github_is_refused(clone, capsys):
    git(clone, "remote", "add", "origin", "https://gitlab.com/ada/mlcourse.git")
    readme = (clone / "README.md").read_bytes()
    assert course_links.main(["--root", str(clone), "--write"]) == 1
    assert "origin is https://gitlab.com/ada/mlcourse.git, which is not a GitHub repository" in capsys.readouterr().err
    assert (clone / "README.md").read_bytes() == readme


# --- the links ----------------------------------------------------------------------------------------

def test_printed_links(clone, capsys):
    git(clone, "remote", "add", "origin", "git@github.com:ada/mlcourse.git")
    assert course_links.main(["--root", str(clone)]) == 0
    out = capsys.readouterr().out
    assert f"https://mybinder.org/v2/gh/ada/mlcourse/HEAD?urlpath=lab/tree/chapters/{START_HERE.name}" in out
    for chapter in (START_HERE.name, "01-cost-function.ipynb"):
        assert f"https://colab.research.google.com/github/ada/mlcourse/blob/main/chapters/{chapter}" in out
    assert '%pip install "mlcourse @ git+https://github.com/ada/mlcourse@main"' in out


def test_the_branch_is_the_origins_default_unless_one_is_given(clone, capsys):
    git(clone, "remote", "add", "origin", "https://github.com/ada/mlcourse")
    git(clone, "symbolic-ref", "refs/remotes/origin/HEAD", "refs/remotes/origin/trunk")  # as a clone records it
    assert course_links.default_branch(clone) == "trunk"
    course_links.main(["--root", str(clone), "--branch", "spring-2027"])
    out = capsys.readouterr().out
    assert "https://mybinder.org/v2/gh/ada/mlcourse/spring-2027?" in out
    assert "/blob/spring-2027/chapters/01-cost-function.ipynb" in out


# --- writing them ---------------------------------------------------------------------------------------

def between(text, markers):
    start, end = map(re.escape, markers)
    (inside,) = re.findall(start + r"\n(.*?)" + end, text, flags=re.DOTALL)
    return inside


def test_write_fills_the_readme_and_chapter_00_and_a_rerun_replaces_them(clone):
    git(clone, "remote", "add", "origin", "https://github.com/ada/mlcourse.git")
    chapter = clone / "chapters" / START_HERE.name
    cells_before = json.loads(chapter.read_text(encoding="utf-8"))["cells"]
    assert course_links.main(["--root", str(clone), "--write"]) == 0
    readme = (clone / "README.md").read_text(encoding="utf-8")
    binder = f"https://mybinder.org/v2/gh/ada/mlcourse/HEAD?urlpath=lab/tree/chapters/{START_HERE.name}"
    assert between(readme, course_links.BADGE_MARKERS) == f"[![Binder](https://mybinder.org/badge_logo.svg)]({binder})\n"
    launch = between(readme, course_links.LAUNCH_MARKERS)
    assert f"[Launch on Binder]({binder})" in launch
    assert "[01](https://colab.research.google.com/github/ada/mlcourse/blob/main/chapters/01-cost-function.ipynb)" in launch
    assert "has no launch links yet" not in readme
    # chapter 00: only the cell with the markers changed, and it now holds both links
    cells_after = json.loads(chapter.read_text(encoding="utf-8"))["cells"]
    changed = [i for i, (old, new) in enumerate(zip(cells_before, cells_after, strict=True)) if old != new]
    assert len(changed) == 1
    assert f"[Open the course on Binder]({binder})" in "".join(cells_after[changed[0]]["source"])
    # running again gives the same bytes; a renamed repository replaces the links instead of adding more
    written = {path: path.read_bytes() for path in (clone / "README.md", chapter)}
    course_links.main(["--root", str(clone), "--write"])
    assert all(path.read_bytes() == content for path, content in written.items())
    git(clone, "remote", "set-url", "origin", "git@github.com:bea/ml-2027.git")
    course_links.main(["--root", str(clone), "--write"])
    for path in written:
        text = path.read_text(encoding="utf-8")
        assert "github/ada/mlcourse" not in text
        assert "gh/ada/mlcourse" not in text
        assert text.count("https://mybinder.org/v2/gh/bea/ml-2027/HEAD") == (2 if path.suffix == ".md" else 1)


def test_a_chapter_00_without_markers_is_left_alone_with_a_note(clone, capsys):
    git(clone, "remote", "add", "origin", "https://github.com/ada/mlcourse.git")
    chapter = clone / "chapters" / START_HERE.name
    without_markers(chapter)
    before = chapter.read_bytes()
    assert course_links.main(["--root", str(clone), "--write"]) == 0
    out = capsys.readouterr().out
    assert "wrote README.md" in out
    assert f"no markdown cell of chapters/{START_HERE.name} holds the launch-link markers" in out
    assert "\n".join(course_links.LAUNCH_MARKERS) in out  # what to add
    assert chapter.read_bytes() == before


def test_a_readme_without_markers_is_an_error(clone, capsys):
    git(clone, "remote", "add", "origin", "https://github.com/ada/mlcourse.git")
    (clone / "README.md").write_text("# a README someone rewrote\n", encoding="utf-8")
    assert course_links.main(["--root", str(clone), "--write"]) == 1
    assert "must hold each pair of markers exactly once" in capsys.readouterr().err


def test_chapter_00_keeps_nbformats_layout_byte_for_byte():
    # write_chapter relies on this: re-serialising the committed chapter changes no other line
    text = START_HERE.read_text(encoding="utf-8")
    assert json.dumps(json.loads(text), sort_keys=True, indent=1, ensure_ascii=False) + "\n" == text


# --- the README as committed ------------------------------------------------------------------------

def test_the_committed_readme_links_only_to_what_exists():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for markers in (course_links.BADGE_MARKERS, course_links.LAUNCH_MARKERS):
        for marker in markers:
            assert readme.count(marker) == 1, marker
    assert "OWNER" not in readme
    # a launch link names one repository; outside the markers, where nothing rewrites it, there is none
    outside = readme
    for markers in (course_links.BADGE_MARKERS, course_links.LAUNCH_MARKERS):
        outside = outside.replace(between(outside, markers), "")
    assert "mybinder.org/v2/" not in outside
    assert "colab.research.google.com/github/" not in outside
    assert "make links" in outside  # and it says how a fork gets its links
