"""Build the course website: every chapter rendered from its committed outputs, readable offline.

``make book`` runs this with the book's own environment (requirements-book.txt) after ``npm ci`` has
put MathJax in build/book-tools/ (book/package.json pins it). It never executes a notebook: the pages
show the outputs nbval checks. What it adds to Jupyter Book's defaults:

- the repository root is the source folder and book/_toc.yml globs chapters/*.ipynb, so a page's path
  is the chapter's path in the repository and a new or renumbered chapter needs no edit;
- MathJax is copied to ``<site>/mathjax/`` and loaded from there, never from a CDN;
- a launch-on-Binder button on every chapter, for the GitHub repository given by BOOK_REPOSITORY_URL
  or, failing that, the clone's ``origin`` remote; with neither, no button (the build says so);
- slider cells: a widget needs a running kernel, so its empty output is replaced by a note
  (``read_notebook``); the plain call in the cell before it shows what the slider draws.

Usage: ``python book/build_book.py [--output build/book/html]``.
"""

import argparse
import importlib.util
import os
import shutil
import sys
from pathlib import Path

BOOK = Path(__file__).resolve().parent
ROOT = BOOK.parent


def _load_course_links():
    """tools/course_links.py (standard library only), which reads the GitHub repository from origin."""
    spec = importlib.util.spec_from_file_location("course_links", ROOT / "tools" / "course_links.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


course_links = _load_course_links()
DEFAULT_OUTPUT = ROOT / "build" / "book" / "html"
DEFAULT_MATHJAX = ROOT / "build" / "book-tools" / "node_modules" / "mathjax" / "es5"
MATHJAX_ENTRY = "tex-chtml.js"  # TeX in, HTML+CSS out; book/_config.yml's mathjax_path names it
BINDERHUB_URL = "https://mybinder.org"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
# HTML with the theme's admonition classes: myst-nb renders Markdown outputs as CommonMark only.
SLIDER_NOTE = ('<div class="admonition note slider-note"><p class="admonition-title">Slider</p><p>Here '
               "JupyterLab shows a slider, which needs a running kernel: on this page, the output of the "
               "plain call above stands in for it. Open the chapter in JupyterLab or on Binder to move "
               "it.</p></div>")


def launch_repository(root, environ):
    """The GitHub repository the launch buttons open, and a sentence for the build log.

    BOOK_REPOSITORY_URL wins; otherwise the clone's ``origin``, read as ``make links`` reads it
    (tools/course_links.py). Anything that is not a GitHub repository gives ``None``: Binder's link
    needs ``<owner>/<name>``, and the site must never ship a button that opens a placeholder.
    """
    given = environ.get("BOOK_REPOSITORY_URL", "").strip()
    if given:
        owner_name = course_links.parse_github_remote(given)
        if owner_name is None:
            raise ValueError("BOOK_REPOSITORY_URL must be a GitHub repository URL "
                             f"(https://github.com/<owner>/<name>); got {given!r}")
        repository = "https://github.com/{}/{}".format(*owner_name)
        return repository, f"launch buttons: Binder, for {repository} (BOOK_REPOSITORY_URL)"
    try:
        owner, name, _ = course_links.github_repository(root)
    except course_links.LinkError as error:
        return None, (f"launch buttons: none: {error}. Set BOOK_REPOSITORY_URL=https://github.com/<owner>/"
                      "<name> to add a Binder button to every chapter")
    repository = f"https://github.com/{owner}/{name}"
    return repository, f"launch buttons: Binder, for {repository} (the clone's origin)"


def launch_overrides(repository):
    """Sphinx settings that turn the Binder button and the repository link on (nothing if None)."""
    if repository is None:
        return {"myst_substitutions": {"launch": "clone the repository and run `make lab`"}}
    return {
        "html_theme_options": {"repository_url": repository, "use_repository_button": True,
                               "launch_buttons": {"binderhub_url": BINDERHUB_URL}},
        "myst_substitutions": {"launch": "use the rocket button at the top of a chapter to open it on "
                                         "Binder, or clone the repository and run `make lab`"},
    }


def read_notebook(text):
    """Read a chapter for the site, with each widget output replaced by a note on the slider.

    Jupyter Book calls this for every ``.ipynb`` (``nb_custom_formats`` in book/_config.yml). The
    chapters are committed with widget state stripped, so a widget would render as nothing; the
    cell keeps its code and every other output.
    """
    import nbformat

    notebook = nbformat.reads(text, as_version=4)
    for cell in notebook.cells:
        outputs = cell.get("outputs", [])
        kept = [output for output in outputs if WIDGET_VIEW not in output.get("data", {})]
        if len(kept) < len(outputs):
            note = nbformat.v4.new_output("display_data", data={"text/html": SLIDER_NOTE})
            cell.outputs = [*kept, note]
    return notebook


def build(output, mathjax, repository):
    """Build the site into ``output`` and copy MathJax beside it; returns Sphinx's status code."""
    from jupyter_book.sphinx import build_sphinx

    overrides = {"external_toc_path": (BOOK / "_toc.yml").as_posix(), "latex_individualpages": False,
                 **launch_overrides(repository)}
    status = build_sphinx(ROOT, output, noconfig=True, path_config=BOOK / "_config.yml",
                          confoverrides=overrides, doctreedir=output.parent / ".doctrees",
                          builder="html", freshenv=True, warningiserror=True, quiet=True)
    if status != 0:
        return status if isinstance(status, int) else 1
    shutil.copytree(mathjax, output / "mathjax", dirs_exist_ok=True, ignore=_other_mathjax_bundles(mathjax))
    if (mathjax.parent / "LICENSE").is_file():  # Apache-2.0 asks for it to travel with the files
        shutil.copy2(mathjax.parent / "LICENSE", output / "mathjax" / "LICENSE")
    return 0


def _other_mathjax_bundles(mathjax):
    """copytree's filter: of MathJax's combined bundles (es5/*.js) the site loads only MATHJAX_ENTRY.

    Everything below es5/ stays: fonts, TeX extensions and accessibility parts are loaded on demand.
    """
    def ignore(folder, names):
        if Path(folder) != mathjax:
            return []
        return [name for name in names if name.endswith(".js") and name != MATHJAX_ENTRY]
    return ignore


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT, help="where the site is written")
    parser.add_argument("--mathjax", type=Path, default=DEFAULT_MATHJAX,
                        help="MathJax 3's es5/ folder, copied into the site (default: `make book`'s)")
    args = parser.parse_args(argv)
    if not (args.mathjax / MATHJAX_ENTRY).is_file():
        parser.error(f"--mathjax must be MathJax 3's es5/ folder; {args.mathjax / MATHJAX_ENTRY} is missing "
                     "(`make book` installs it with npm ci from book/package-lock.json)")
    try:
        repository, message = launch_repository(ROOT, os.environ)
    except ValueError as error:
        parser.error(str(error))
    print(message, flush=True)
    output = args.output.resolve()
    if output.exists() and any(output.iterdir()):
        # a page of a chapter since renamed or removed must not stay behind and be published
        if not (output / ".buildinfo").is_file():
            parser.error(f"--output must be a new folder or a site built before; {output} is neither")
        shutil.rmtree(output)
    status = build(output, args.mathjax, repository)
    if status == 0:
        pages = sorted(path.name for path in (output / "chapters").glob("*.html"))
        print(f"the course website: {output / 'index.html'} ({len(pages)} chapters)")
    return status


if __name__ == "__main__":
    sys.exit(main())
