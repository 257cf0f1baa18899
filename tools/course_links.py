"""Print the Binder and Colab links of this clone of the course; with --write, put them in place.

A launch link names the GitHub repository it opens, so every fork needs its own, and a link written
for a repository that does not exist is broken. This reads the clone's ``origin`` remote (any of
``https://github.com/OWNER/NAME.git``, ``git@github.com:OWNER/NAME.git``,
``ssh://git@github.com/OWNER/NAME``) and prints

- the Binder link, which opens JupyterLab on chapter 00 (Binder's default branch, ``HEAD``);
- a Colab link for every chapter (of the origin's default branch, or ``--branch``).

Usage (``make links`` runs the second line)::

    python3 tools/course_links.py            # print them
    python3 tools/course_links.py --write    # and write them into README.md and chapter 00

``--write`` replaces whatever lies between the marker comments (``<!-- begin badge … -->`` …
``<!-- end badge -->`` and ``<!-- begin launch links … -->`` … ``<!-- end launch links -->``) in
README.md, and between the launch-link markers in the markdown cell of chapter 00 that holds them,
so running it again replaces the links instead of adding more. Then commit both files. Without a
GitHub ``origin`` it says so and exits with status 1, changing nothing. Only the standard library is
used, so it runs with any Python 3.11 before the course's environment exists.
"""

import argparse
import json
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BADGE_MARKERS = ("<!-- begin badge: written by `make links` (tools/course_links.py) -->",
                 "<!-- end badge -->")
LAUNCH_MARKERS = ("<!-- begin launch links: written by `make links` (tools/course_links.py) -->",
                  "<!-- end launch links -->")

# Owner: letters, digits, hyphens; repository: also dots and underscores. Optional user (git@, or
# a token-free https user), optional port, optional .git and trailing slash.
_GITHUB_REMOTE = re.compile(r"""^(?:
      (?:https?|git|ssh)://(?:[^@/]+@)?github\.com(?::\d+)?/   # https://, git://, ssh:// URLs
    | [^@/:]+@github\.com:                                       # scp-like: git@github.com:OWNER/NAME
    )(?P<owner>[A-Za-z0-9-]+)/(?P<name>[A-Za-z0-9._-]+?)(?:\.git)?/?$""", re.VERBOSE)


class LinkError(Exception):
    """Why no link can be made, in words for the person who ran the command."""


def parse_github_remote(url):
    """``(owner, name)`` of a GitHub remote URL, or ``None`` for any other URL."""
    match = _GITHUB_REMOTE.match(url.strip())
    return (match["owner"], match["name"]) if match else None


def _git(root, *args):
    result = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True)
    return result.stdout.strip() if result.returncode == 0 else None


def github_repository(root):
    """``(owner, name, origin URL)`` of the clone at ``root``; raise LinkError if there is none."""
    try:
        url = _git(root, "remote", "get-url", "origin")
    except OSError as error:
        raise LinkError(f"git is needed to read the origin remote: {error}") from error
    if not url:
        raise LinkError(f"{root} has no remote named origin, so the repository the links should open is "
                        "unknown. Clone the course from GitHub, or add your fork: "
                        "git remote add origin https://github.com/<you>/<name>.git")
    repository = parse_github_remote(url)
    if repository is None:
        raise LinkError(f"origin is {url}, which is not a GitHub repository: Binder's and Colab's links "
                        "used here open GitHub repositories only")
    return (*repository, url)


def default_branch(root):
    """The origin's default branch as the clone recorded it, else the checked-out branch, else main."""
    remote_head = _git(root, "symbolic-ref", "--quiet", "--short", "refs/remotes/origin/HEAD")
    if remote_head and remote_head.startswith("origin/"):
        return remote_head.removeprefix("origin/")
    return _git(root, "branch", "--show-current") or "main"


def make_links(owner, name, branch, chapters, binder_ref="HEAD"):
    """The launch links: ``{"binder": url, "colab": {chapter file name: url}, "pip": install line}``."""
    start_here = next((chapter for chapter in chapters if chapter.startswith("00-")), "00-start-here.ipynb")
    return {
        "binder": f"https://mybinder.org/v2/gh/{owner}/{name}/{binder_ref}"
                  f"?urlpath=lab/tree/chapters/{start_here}",
        "colab": {chapter: f"https://colab.research.google.com/github/{owner}/{name}/blob/{branch}/"
                           f"chapters/{chapter}" for chapter in chapters},
        "pip": f'%pip install "mlcourse @ git+https://github.com/{owner}/{name}@{branch}"',
        "start_here": start_here,
    }


def readme_blocks(links):
    """What goes between README's badge markers and between its launch-link markers."""
    badge = f"[![Binder](https://mybinder.org/badge_logo.svg)]({links['binder']})"
    colab = " · ".join(f"[{chapter[:2]}]({url})" for chapter, url in links["colab"].items())
    launch = (f"[Launch on Binder]({links['binder']}): JupyterLab opens on chapter 00 with the course's "
              f"packages.\n\nIn Colab, open a chapter — {colab} — and run `{links['pip']}` in a new "
              "first cell. Colab keeps its own numpy, scipy and matplotlib rather than the versions "
              "the course pins, so chapter 00's environment check may flag them and a printed number "
              "may differ from the committed one.")
    return badge, launch


def chapter_block(links):
    """What goes between the launch-link markers of chapter 00."""
    colab = links["colab"][links["start_here"]]
    return (f"**Nothing installed?** [Open the course on Binder]({links['binder']}) (a temporary "
            f"JupyterLab: download what you want to keep), or [this chapter in Colab]({colab}) after "
            f"running `{links['pip']}` in a new first cell.")


def replace_between(text, markers, block):
    """``text`` with what lies between the two marker lines replaced by ``block``; None without them."""
    start, end = markers
    pattern = re.compile(re.escape(start) + r"\n.*?" + re.escape(end), re.DOTALL)
    if len(pattern.findall(text)) != 1:
        return None
    return pattern.sub(lambda _: f"{start}\n{block}\n{end}" if block else f"{start}\n{end}", text)


def write_readme(path, links):
    text = path.read_text(encoding="utf-8")
    badge, launch = readme_blocks(links)
    for markers, block in ((BADGE_MARKERS, badge), (LAUNCH_MARKERS, launch)):
        replaced = replace_between(text, markers, block)
        if replaced is None:
            raise LinkError(f"{path} must hold each pair of markers exactly once, on lines of their own:\n"
                            f"{markers[0]}\n{markers[1]}")
        text = replaced
    path.write_text(text, encoding="utf-8")


def write_chapter(path, block):
    """Put ``block`` between the launch-link markers of a markdown cell; False if no cell has them.

    The notebook is read and written as JSON in nbformat's own layout (sorted keys, one-space indent,
    sources as lists of lines), so only the lines of that cell change.
    """
    notebook = json.loads(path.read_text(encoding="utf-8"))
    for cell in notebook["cells"]:
        source = "".join(cell["source"])
        replaced = replace_between(source, LAUNCH_MARKERS, block) if cell["cell_type"] == "markdown" else None
        if replaced is not None:
            cell["source"] = replaced.splitlines(keepends=True)
            path.write_text(json.dumps(notebook, sort_keys=True, indent=1, ensure_ascii=False) + "\n",
                            encoding="utf-8")
            return True
    return False


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="write the links into README.md and chapter 00")
    parser.add_argument("--branch", help="the branch the links open (default: the origin's default branch)")
    parser.add_argument("--root", type=Path, default=ROOT, help="the clone (default: this one)")
    args = parser.parse_args(argv)
    try:
        owner, name, url = github_repository(args.root)
        branch = args.branch or default_branch(args.root)
        chapters = sorted(path.name for path in (args.root / "chapters").glob("*.ipynb"))
        links = make_links(owner, name, branch, chapters, binder_ref=args.branch or "HEAD")
        print(f"GitHub repository {owner}/{name} (origin {url}), branch {branch}")
        print(f"Binder, JupyterLab on chapter 00:\n  {links['binder']}")
        print("Colab, one chapter each (run this in a new first cell: " + links["pip"] + "):")
        print("\n".join(f"  {url}" for url in links["colab"].values()))
        if args.write:
            write_readme(args.root / "README.md", links)
            print("wrote README.md (the badge and the launch links)")
            start_here = args.root / "chapters" / links["start_here"]
            if start_here.is_file() and write_chapter(start_here, chapter_block(links)):
                print(f"wrote {start_here.relative_to(args.root)} (its launch links)")
            else:
                print(f"note: no markdown cell of chapters/{links['start_here']} holds the launch-link "
                      f"markers, so it got no links. To give it some, put these two lines in the cell where "
                      f"they belong, then run this again:\n{LAUNCH_MARKERS[0]}\n{LAUNCH_MARKERS[1]}")
    except LinkError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
