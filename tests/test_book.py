"""The course website (``make book``), read as a learner with only a browser reads it, offline.

The site is built into a temporary folder by book/build_book.py, with the book's own environment
(``make book`` creates it in build/book-env and puts MathJax in build/book-tools), and served on a
loopback port. Debian's Chromium, driven by Playwright as in tests/test_browser.py, opens every chapter
page and checks:

- the formulas are typeset: MathJax has finished, has drawn maths, reports no TeX error, and no raw
  ``$$``, ``\\(``, ``\\[`` or ``$\\`` is left in the text outside code;
- every image has loaded, and the page has at least one image per image output of the notebook;
- each slider cell shows the note that stands in for its widget, and no empty widget is left;
- the launch button opens that chapter in JupyterLab on Binder, for the repository the build was given;
- no request leaves loopback (every request is recorded; any other is refused and reported), and
  no request fails.

Without the book's tools, Playwright or Chromium the browser tests are skipped with the reason; with
``MLCOURSE_REQUIRE_BROWSER=1`` (``.ci/run`` sets it) they fail instead. The launch-button logic is
also tested without any of them.
"""

import functools
import http.server
import importlib.util
import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BUILD_SCRIPT = ROOT / "book" / "build_book.py"
BOOK_PYTHON = ROOT / "build" / "book-env" / "bin" / "python"  # the environment `make book` creates
CHAPTERS = sorted(ROOT.glob("chapters/*.ipynb"))  # what book/_toc.yml's glob makes pages of
CHROMIUM = Path(os.environ.get("MLCOURSE_CHROMIUM", "/usr/bin/chromium"))
# Headless, and nothing that reaches beyond loopback (updates, sync, background requests).
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
REPOSITORY = "https://github.com/example-teacher/mlcourse"  # launch buttons point here; never requested
BUILD_TIMEOUT = 300  # s for the whole build (about 5 s here)
PAGE_TIMEOUT = 30_000  # ms for a page to load and MathJax to finish
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
# What a chapter page shows once MathJax is done: counts, TeX errors, and any raw TeX left in the
# text outside code (cells' code and outputs are <pre>; MathJax's own output is <mjx-container>).
TYPESET_STATE = r"""async () => {
    // MathJax is a deferred script: by the load event it has run, or failed to load
    const loaded = Boolean(window.MathJax && MathJax.startup && MathJax.startup.promise);
    // typesetting takes well under a second here; the timer only keeps a hung MathJax from hanging the test
    const finished = !loaded || await Promise.race([MathJax.startup.promise.then(() => true),
                                                    new Promise(done => setTimeout(() => done(false), 20000))]);
    const article = document.querySelector('article.bd-article').cloneNode(true);
    article.querySelectorAll('pre, code, mjx-container, script, style').forEach(e => e.remove());
    const raw = [];
    for (const block of article.querySelectorAll('p, li, td, th, div.math, span.math, h1, h2, h3')) {
        const text = block.textContent;
        if (/\$\$|\\\(|\\\[|\$\\/.test(text)) raw.push(text.trim().slice(0, 200));
    }
    return {
        maths: document.querySelector('article .math') !== null,  // what the build marked as maths
        loaded: loaded,
        finished: finished,
        typeset: document.querySelectorAll('article mjx-container').length,
        errors: [...document.querySelectorAll('mjx-merror')].map(e => e.textContent.slice(0, 200)),
        raw: [...new Set(raw)],
    };
}"""
BROKEN_IMAGES = "() => [...document.images].filter(i => !(i.complete && i.naturalWidth > 0)).map(i => i.src)"


def load_build_script():
    """book/build_book.py as a module (it imports jupyter_book only when it builds)."""
    spec = importlib.util.spec_from_file_location("build_book", BUILD_SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def book_python():
    """The interpreter that has Jupyter Book: this one, or the one `make book` installed."""
    if importlib.util.find_spec("jupyter_book") is not None:
        return Path(sys.executable)
    return BOOK_PYTHON if BOOK_PYTHON.is_file() else None


def missing_tools():
    """Why the site cannot be built and opened here, or None when it can."""
    if book_python() is None:
        return f"Jupyter Book is not installed: run `make book` once (it creates {BOOK_PYTHON.parent.parent})"
    if not (load_build_script().DEFAULT_MATHJAX / "tex-chtml.js").is_file():
        return "MathJax is not installed: run `make book` once (npm ci in build/book-tools)"
    if importlib.util.find_spec("playwright") is None:
        return "the playwright package is not installed (pip install -r requirements-dev.txt)"
    if not os.access(CHROMIUM, os.X_OK):
        return f"{CHROMIUM} not found: sudo apt-get install --no-install-recommends chromium"
    return None


def cell_outputs(path):
    """Each code cell's outputs, as committed in the chapter."""
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return [cell.get("outputs", []) for cell in cells if cell["cell_type"] == "code"]


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass  # the test reports what failed; a line per file served would only bury it


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The site, built with launch buttons for REPOSITORY, served on a free loopback port."""
    reason = missing_tools()
    if reason:
        if os.environ.get("MLCOURSE_REQUIRE_BROWSER") == "1":
            pytest.fail(f"MLCOURSE_REQUIRE_BROWSER=1 but {reason}")
        pytest.skip(reason)
    output = tmp_path_factory.mktemp("book") / "html"
    result = subprocess.run([str(book_python()), str(BUILD_SCRIPT), "--output", str(output)],
                            env=dict(os.environ, BOOK_REPOSITORY_URL=REPOSITORY), cwd=ROOT,
                            capture_output=True, text=True, timeout=BUILD_TIMEOUT, check=False)
    assert result.returncode == 0, f"the build failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    assert f"launch buttons: Binder, for {REPOSITORY}" in result.stdout, result.stdout
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0),
                                             functools.partial(QuietHandler, directory=str(output)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser(site):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


class Traffic:
    """Every request a page makes: those beyond the site are refused, failures are kept."""

    def __init__(self, site):
        self.site = site
        self.outside, self.failed = [], []

    def route(self, route):
        if route.request.url.startswith(f"{self.site}/") or route.request.url.startswith("data:"):
            route.continue_()
        else:
            self.outside.append(route.request.url)
            route.abort()

    def response(self, response):
        if response.status >= 400:
            self.failed.append(f"{response.status} {response.url}")


@pytest.mark.parametrize("chapter", CHAPTERS, ids=[path.stem for path in CHAPTERS])
def test_chapter_page_renders_offline(browser, site, chapter):
    traffic = Traffic(site)
    context = browser.new_context(viewport={"width": 1300, "height": 900})
    context.route("**/*", traffic.route)
    page = context.new_page()
    page.on("response", traffic.response)
    page.on("requestfailed", lambda request: traffic.failed.append(f"{request.failure} {request.url}"))
    try:
        page.goto(f"{site}/chapters/{chapter.stem}.html", wait_until="load", timeout=PAGE_TIMEOUT)
        # every script, font and image the page names has been requested by now: say so before
        # waiting for a MathJax that a refused CDN request would never deliver
        assert not traffic.outside, f"requests beyond loopback: {traffic.outside}"
        state = page.evaluate(TYPESET_STATE)
        assert not state["raw"], f"raw TeX left in the page, e.g. {state['raw'][:3]}"
        if state["maths"]:  # Sphinx loads MathJax only on pages that have maths
            assert state["loaded"], "the page has maths but did not load MathJax"
            assert state["finished"], "MathJax did not finish typesetting within 20 s"
            assert state["typeset"] > 0, "MathJax typeset nothing on the page"
        assert not state["errors"], f"MathJax reports TeX errors: {state['errors']}"

        cells = cell_outputs(chapter)
        images = sum(any(mime.startswith("image/") for mime in output.get("data", {}))
                     for outputs in cells for output in outputs)
        assert page.locator("article img").count() >= images, "fewer images than the notebook's outputs"
        assert page.evaluate(BROKEN_IMAGES) == [], "images that did not load"

        widget_cells = sum(any(WIDGET_VIEW in output.get("data", {}) for output in outputs) for outputs in cells)
        assert page.get_by_text("needs a running kernel").count() == widget_cells, "a slider cell has no note"
        assert page.locator(f'script[type="{WIDGET_VIEW}"]').count() == 0, "an empty widget is left"

        binder = page.locator('a[href^="https://mybinder.org/"]')
        owner_name = REPOSITORY.removeprefix("https://github.com/")
        expected = f"https://mybinder.org/v2/gh/{owner_name}/HEAD?urlpath=lab/tree/chapters/{chapter.name}"
        assert binder.evaluate_all("links => links.map(a => a.href)") == [expected]
    finally:
        context.close()
    assert not traffic.outside, f"requests beyond loopback: {traffic.outside}"
    assert not traffic.failed, f"requests that failed: {traffic.failed}"


def test_the_home_page_lists_every_chapter(browser, site):
    context = browser.new_context()
    traffic = Traffic(site)
    context.route("**/*", traffic.route)
    page = context.new_page()
    try:
        page.goto(f"{site}/", wait_until="load", timeout=PAGE_TIMEOUT)  # index.html forwards to the intro
        page.wait_for_url(f"{site}/book/intro.html", timeout=PAGE_TIMEOUT)
        links = page.locator("article a.reference.internal").evaluate_all("links => links.map(a => a.href)")
    finally:
        context.close()
    assert links == [f"{site}/chapters/{path.stem}.html" for path in CHAPTERS]
    assert not traffic.outside, f"requests beyond loopback: {traffic.outside}"


# --- the launch button's repository, without building anything -------------------------------------

def git_clone_with(tmp_path, origin):
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    if origin is not None:
        subprocess.run(["git", "-C", str(tmp_path), "remote", "add", "origin", origin], check=True)
    return tmp_path


@pytest.mark.parametrize(("origin", "expected"), [
    ("https://github.com/ada/mlcourse.git", "https://github.com/ada/mlcourse"),
    ("git@github.com:ada/ml-course.git", "https://github.com/ada/ml-course"),
    ("https://github.com/ada/mlcourse", "https://github.com/ada/mlcourse"),
])
def test_launch_buttons_follow_a_github_origin(tmp_path, origin, expected):
    repository, message = load_build_script().launch_repository(git_clone_with(tmp_path, origin), {})
    assert repository == expected
    assert "the clone's origin" in message


@pytest.mark.parametrize("origin", [None, "https://gitlab.com/ada/mlcourse.git", "/srv/git/mlcourse"])
def test_no_launch_button_without_a_github_repository(tmp_path, origin):
    build_book = load_build_script()
    repository, message = build_book.launch_repository(git_clone_with(tmp_path, origin), {})
    assert repository is None
    assert message.startswith("launch buttons: none:")
    assert "BOOK_REPOSITORY_URL" in message
    assert "launch_buttons" not in json.dumps(build_book.launch_overrides(None))


def test_book_repository_url_wins_and_must_be_github(tmp_path):
    build_book = load_build_script()
    clone = git_clone_with(tmp_path, "https://github.com/ada/mlcourse.git")
    repository, _ = build_book.launch_repository(clone, {"BOOK_REPOSITORY_URL": "https://github.com/ben/course/"})
    assert repository == "https://github.com/ben/course"
    with pytest.raises(ValueError, match=r"BOOK_REPOSITORY_URL must be a GitHub repository URL .*got 'OWNER'"):
        build_book.launch_repository(clone, {"BOOK_REPOSITORY_URL": "OWNER"})
