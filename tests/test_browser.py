"""The chapters as a learner meets them: JupyterLab in a real browser, sliders moved by hand.

nbval re-runs every chapter, but it never renders a widget nor moves a slider. These tests start
JupyterLab from this environment (on a free loopback port, with a random token, its runtime, data,
config and settings files inside the test's temporary folder), drive Debian's Chromium through
Playwright, and do what a learner does:

- chapter 00: the notation table is typeset by MathJax and no raw ``$$`` or ``$\\Theta`` is left;
- the library: the server's root is the repository, as ``make lab`` serves it, so
  ``mlcourse/network.py`` opens in JupyterLab's editor beside the chapters, as chapter 00 promises;
- chapter 03: clear the outputs, Run → Run All Cells, wait for every cell; no cell shows an error and
  no widget shows "Error displaying widget"; type a new α into the slider's readout and check that
  both the plot and the printed numbers change; then type an α in the diverging range and check
  that the learner is told that gradient descent diverges;
- chapter 09: the same, with the method dropdown set to gradient descent (α only matters there);
  then type 1000 into the iterations readout (an IntSlider) and check that the line under the
  controls counts the iterations while the network trains; then, at 10 iterations (a few
  milliseconds of training), time the α slider's redraw;
- every kind of slider the course uses answers what a learner does to it: the FloatSlider of
  chapter 01, the FloatLogSliders of chapters 03 and 08 (ε) and the IntSlider of chapter 09 take a
  value typed into their readout and Enter; chapter 04's SelectionSlider has no editable readout
  (ipywidgets' ignores what is typed) and moves with the arrow keys, its value shown in a label;
- how fast a slider answers: from the key press that commits a value to the moment the output
  shows the new numbers and a new image, measured in the page's own clock, 10 times per slider
  (chapters 01, 03, 04, 08 and 09). The times go to ``build/slider_timings.json``, which
  ``benchmarks/bench_sliders.py`` (``make bench``) reports against the course's budget of 150 ms.

A screenshot of each chapter, pass or fail, goes to ``tests/screenshots/`` (git-ignored). The lab
server and its kernels are stopped at the end, pass or fail.

The browser is ``/usr/bin/chromium`` (Debian's ``chromium`` package; Playwright never downloads
one), or the Chromium-family browser named by ``MLCOURSE_CHROMIUM`` (the GitHub workflow points it
at the runner's preinstalled Chrome). Where it or the ``playwright`` package is missing, e.g. on a learner's laptop, the tests are
skipped with the reason. With ``MLCOURSE_REQUIRE_BROWSER=1`` in the environment (``.ci/run`` sets
it) a missing browser fails the tests instead, so CI can never pass by skipping them.
"""

import importlib.util
import json
import os
import re
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHAPTERS = ROOT / "chapters"
SCREENSHOTS = ROOT / "tests" / "screenshots"
CHROMIUM = Path(os.environ.get("MLCOURSE_CHROMIUM", "/usr/bin/chromium"))
# Headless, and nothing that reaches beyond loopback (updates, sync, background requests).
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SERVER_START_TIMEOUT = 60  # s until /api/status must answer
SERVER_STOP_TIMEOUT = 15   # s for each step of stopping the server: shutdown request, SIGTERM, SIGKILL
RUN_ALL_TIMEOUT = 60_000   # ms for Run All Cells on one chapter
UPDATE_TIMEOUT = 30_000    # ms for one slider move to redraw its output
STEP_TIMEOUT = 15_000      # ms for anything else the page has to show
# JupyterLab settings for the test's lab only: every cell in the DOM (no windowing, so the error
# checks see the whole notebook), the notebook's own kernel started without asking, and no
# news/update pop-up (no request beyond loopback).
LAB_SETTINGS = {
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings":
        '{"windowingMode": "none", "autoStartDefaultKernel": true}',
    "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings": '{"autosave": false}',
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings":
        '{"fetchNews": "false", "checkForUpdates": false}',
}
OPENED = ("00-start-here.ipynb", "01-cost-function.ipynb", "03-gradient-descent.ipynb",
          "04-regularisation.ipynb", "08-gradient-checking.ipynb", "09-training-on-digits.ipynb")
TIMINGS = ROOT / "build" / "slider_timings.json"  # git-ignored; read by benchmarks/bench_sliders.py
REDRAW_SAMPLES = 10  # moves per slider; the median is what is reported
# Starts a timer in the page at the keydown that commits a value (Enter in a readout, an arrow key on
# a slider's handle) and resolves with the milliseconds until ``output`` shows ``expected`` and an
# image whose src differs from ``oldSrc``: the learner's wait, kernel and rendering included.
REDRAW_TIMER = """([output, expected, oldSrc, timeout]) => {
    window.__redraw = new Promise((resolve, reject) => {
        let start = null;
        const onKey = event => {
            if (start === null && (event.key === 'Enter' || event.key.startsWith('Arrow'))) start = performance.now();
        };
        const stop = () => { observer.disconnect(); document.removeEventListener('keydown', onKey, true); };
        const observer = new MutationObserver(() => {
            const image = output.querySelector('img');
            if (start !== null && output.innerText.includes(expected) && image && image.src !== oldSrc) {
                stop();
                resolve(performance.now() - start);
            }
        });
        document.addEventListener('keydown', onKey, true);
        observer.observe(output, {subtree: true, childList: true, attributes: true, characterData: true});
        setTimeout(() => { stop(); reject(new Error(`no redraw showing ${expected} within ${timeout} ms`)); }, timeout);
    });
}"""
# The open notebook's code cells as JupyterLab's model holds them (the lab exposes its app to the page
# for the test): how many have no execution count yet, and every error output. The DOM cannot tell
# an error from plain stderr (both render as application/vnd.jupyter.stderr), the model can.
NOTEBOOK_STATE = """() => {
    const panel = window.jupyterapp && window.jupyterapp.shell.currentWidget;
    const model = panel && panel.content && panel.content.model;
    if (!model) return null;
    const state = {code_cells: 0, not_run: 0, errors: []};
    for (let i = 0; i < model.cells.length; i++) {
        const cell = model.cells.get(i);
        if (cell.type !== 'code') continue;
        state.code_cells += 1;
        if (cell.executionCount === null || cell.executionCount === undefined) state.not_run += 1;
        for (let j = 0; j < cell.outputs.length; j++) {
            const output = cell.outputs.get(j).toJSON();
            if (output.output_type === 'error') state.errors.push(`cell ${i}: ${output.ename}: ${output.evalue}`);
        }
    }
    return state;
}"""


def _browser_missing():
    """Why the browser tests cannot run here, or None when they can."""
    if importlib.util.find_spec("playwright") is None:
        return "the playwright package is not installed (pip install -r requirements-dev.txt)"
    if not os.access(CHROMIUM, os.X_OK):
        return (f"{CHROMIUM} not found: install Debian's Chromium "
                "(sudo apt-get install --no-install-recommends chromium) to run the browser tests")
    return None


def _skip_or_fail(reason):
    if os.environ.get("MLCOURSE_REQUIRE_BROWSER") == "1":
        pytest.fail(f"MLCOURSE_REQUIRE_BROWSER=1 but {reason}")
    pytest.skip(reason)


def _free_loopback_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _request(url, token, method="GET"):
    request = urllib.request.Request(url, method=method, headers={"Authorization": f"token {token}"})
    with urllib.request.urlopen(request, timeout=5) as response:
        return response.status


class Lab:
    """A running JupyterLab: its base URL and token."""

    def __init__(self, url, token):
        self.url = url
        self.token = token

    def notebook_url(self, name):
        # ?reset: a fresh layout with only this notebook open, whatever an earlier test opened
        return self.file_url(f"chapters/{name}")

    def file_url(self, path):
        """``path`` relative to the repository, the server's root as in ``make lab``."""
        return f"{self.url}/lab/tree/{path}?reset&token={self.token}"


def _stop(process, url, token):
    """Stop the server and its kernels: ask it to shut down, then SIGTERM, then SIGKILL."""
    if process.poll() is None:
        try:  # /api/shutdown stops every kernel before the server exits
            _request(f"{url}/api/shutdown", token, method="POST")
        except (urllib.error.URLError, OSError):
            pass
    for stop in (None, process.terminate, process.kill):
        if process.poll() is not None:
            return
        if stop is not None:
            stop()
        try:
            process.wait(timeout=SERVER_STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            continue


def _processes_using(folder):
    """Process ids whose command line names ``folder`` (the kernels: ``-f <runtime dir>/kernel-….json``)."""
    pids = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):  # Linux; elsewhere this finds nothing
        try:
            if str(folder) in cmdline.read_bytes().decode(errors="replace"):
                pids.append(int(cmdline.parent.name))
        except OSError:  # the process ended meanwhile
            continue
    return pids


def _stop_leftover_kernels(runtime_dir):
    """SIGTERM, then SIGKILL, any kernel of this server still running after the server stopped."""
    for signal_number in (signal.SIGTERM, signal.SIGKILL):
        pids = _processes_using(runtime_dir)
        for pid in pids:
            try:
                os.kill(pid, signal_number)
            except OSError:
                continue
        deadline = time.monotonic() + SERVER_STOP_TIMEOUT
        while _processes_using(runtime_dir) and time.monotonic() < deadline:
            time.sleep(0.1)  # polls the condition above, bounded by the deadline
    return _processes_using(runtime_dir)


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    reason = _browser_missing()
    if reason:
        _skip_or_fail(reason)
    home = tmp_path_factory.mktemp("jupyter")
    settings = home / "lab-settings"
    for name, text in LAB_SETTINGS.items():
        plugin, _, file_name = name.rpartition("/")
        (settings / plugin).mkdir(parents=True, exist_ok=True)
        (settings / plugin / file_name).write_text(text, encoding="utf-8")
    env = dict(os.environ, JUPYTER_RUNTIME_DIR=str(home / "runtime"), JUPYTER_DATA_DIR=str(home / "data"),
               JUPYTER_CONFIG_DIR=str(home / "config"), JUPYTERLAB_SETTINGS_DIR=str(settings),
               JUPYTERLAB_WORKSPACES_DIR=str(home / "workspaces"))
    env.pop("PYTEST_ADDOPTS", None)
    token = secrets.token_hex(16)
    port = _free_loopback_port()
    url = f"http://127.0.0.1:{port}"
    command = [sys.executable, "-m", "jupyter", "lab", "--no-browser", f"--ServerApp.token={token}",
               "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}", "--ServerApp.port_retries=0",
               f"--ServerApp.root_dir={ROOT}", "--LabApp.news_url=", "--LabApp.check_for_updates_class="
               "jupyterlab.NeverCheckForUpdate", "--LabApp.expose_app_in_browser=True",
               # checkpoints in the test's folder, not as .ipynb_checkpoints/ beside the course's files
               f"--FileCheckpoints.checkpoint_dir={home / 'checkpoints'}"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")  # Jupyter refuses root without it; containers and CI often are
    committed = {path: path.read_bytes() for path in map(CHAPTERS.joinpath, OPENED)}
    log_path = home / "lab.log"
    with open(log_path, "wb") as log:
        process = subprocess.Popen(command, env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + SERVER_START_TIMEOUT
        while True:
            try:
                if _request(f"{url}/api/status", token) == 200:
                    break
            except (urllib.error.URLError, OSError):
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"JupyterLab did not answer within {SERVER_START_TIMEOUT} s:\n"
                            + log_path.read_text(errors="replace")[-3000:])
            try:  # waits for the process to end, i.e. at most 0.25 s while it runs
                process.wait(timeout=0.25)
            except subprocess.TimeoutExpired:
                continue
            pytest.fail(f"JupyterLab exited with code {process.returncode}:\n"
                        + log_path.read_text(errors="replace")[-3000:])
        yield Lab(url, token)
    finally:
        _stop(process, url, token)
        leftover = _stop_leftover_kernels(home / "runtime")
        # autosave is off and nothing is saved: a learner's run must never rewrite a committed chapter
        changed = [path.name for path, text in committed.items() if path.read_bytes() != text]
        assert not changed, f"the browser tests changed {changed}"
        assert not leftover, f"kernels still running after the server stopped: {leftover}"


@pytest.fixture(scope="module")
def browser(lab):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS,
                                              timeout=STEP_TIMEOUT)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def page(browser, request):
    """A fresh browser page; its screenshot is saved when the test ends, pass or fail."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.set_default_timeout(STEP_TIMEOUT)
    page = context.new_page()
    try:
        yield page
    finally:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        try:
            page.screenshot(path=SCREENSHOTS / f"{request.node.name}.png", timeout=STEP_TIMEOUT)
        finally:
            context.close()


# --- what a learner does ----------------------------------------------------------------------------

IDLE_KERNEL = '.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook-ExecutionIndicator[data-status="idle"]'
# The open notebook's kernel is connected and idle. The execution indicator alone can read "idle"
# before a fresh lab has connected the kernel, and Run All Cells then does nothing.
KERNEL_READY = """() => {
    const panel = window.jupyterapp && window.jupyterapp.shell.currentWidget;
    const session = panel && panel.sessionContext && panel.sessionContext.session;
    const kernel = session && session.kernel;
    return !!kernel && kernel.connectionStatus === 'connected' && kernel.status === 'idle';
}"""


def open_notebook(page, lab, name):
    page.goto(lab.notebook_url(name), timeout=STEP_TIMEOUT * 2)
    page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook .jp-Cell").first.wait_for()
    page.wait_for_function(KERNEL_READY, timeout=STEP_TIMEOUT * 2, polling=200)  # the kernel has started
    wait_for_idle_kernel(page, STEP_TIMEOUT)


def wait_for_idle_kernel(page, timeout):
    page.locator(IDLE_KERNEL).wait_for(timeout=timeout)


def menu(page, top, item):
    page.locator(".lm-MenuBar-item", has_text=re.compile(rf"^{top}$")).click()
    page.locator(".lm-Menu-item:not(.lm-mod-disabled) .lm-Menu-itemLabel",
                 has_text=re.compile(rf"^{item}$")).click()


def notebook_state(page):
    return page.evaluate(NOTEBOOK_STATE)


def run_all_cells(page):
    """Clear every output (so no cell keeps a committed count), then Run → Run All Cells.

    Returns when every code cell has run, or as soon as one shows an error (Run All stops there).
    """
    menu(page, "Edit", "Clear Outputs of All Cells")
    page.wait_for_function(f"() => {{ const s = ({NOTEBOOK_STATE})(); return s && s.not_run === s.code_cells; }}",
                           timeout=STEP_TIMEOUT)
    menu(page, "Run", "Run All Cells")
    page.wait_for_function(f"() => {{ const s = ({NOTEBOOK_STATE})(); return s && (s.not_run === 0 || s.errors.length > 0); }}",
                           timeout=RUN_ALL_TIMEOUT, polling=200)
    assert_no_errors(page)
    wait_for_idle_kernel(page, STEP_TIMEOUT)


def assert_no_errors(page):
    state = notebook_state(page)
    assert state is not None, "no notebook is open"
    assert not state["errors"], "a cell shows an error:\n" + "\n".join(state["errors"])
    assert state["not_run"] == 0, f"{state['not_run']} of {state['code_cells']} code cells did not run"
    broken = page.get_by_text("Error displaying widget")
    assert broken.count() == 0, "a widget failed to display: " + "; ".join(broken.all_inner_texts())[:1000]


def slider(page, description):
    label = page.locator(".widget-label", has_text=re.compile(rf"^{description}$"))
    return page.locator(".widget-slider").filter(has=label)


def set_slider(page, description, value):
    """Type a value into the slider's readout and press Enter, as a learner can."""
    readout = slider(page, description).locator(".widget-readout")
    readout.click()
    page.keyboard.press("ControlOrMeta+A")
    page.keyboard.type(value)
    page.keyboard.press("Enter")


def output_of(page, widget):
    """The Output widget of the cell that holds ``widget`` (the cell's interactive_output)."""
    return page.locator(".jp-CodeCell").filter(has=widget).locator(".widget-output")


def wait_for_redraw(output, printed, old_image=None):
    """Wait until ``output`` prints ``printed`` and shows one plot (a new one if ``old_image`` is given)."""
    from playwright.sync_api import expect

    expect(output).to_contain_text(printed, timeout=UPDATE_TIMEOUT)
    image = output.locator("img")
    expect(image).to_have_count(1, timeout=UPDATE_TIMEOUT)
    if old_image is not None:
        expect(image).not_to_have_attribute("src", old_image, timeout=UPDATE_TIMEOUT)
    return output.inner_text(), image.get_attribute("src")


def press_on_handle(page, widget, key):
    """Focus the slider's handle and press ``key`` (an arrow key moves it one option)."""
    widget.locator(".noUi-handle").focus()
    page.keyboard.press(key)


def time_redraws(page, output, moves):
    """Milliseconds from each committed value to its redraw; ``moves`` is [(commit, expected text)]."""
    element = output.element_handle()
    times = []
    for commit, expected in moves:
        old_image = output.locator("img").get_attribute("src")
        page.evaluate(REDRAW_TIMER, [element, expected, old_image, UPDATE_TIMEOUT])
        commit()
        times.append(page.evaluate("() => window.__redraw"))
        wait_for_idle_kernel(page, UPDATE_TIMEOUT)  # one move at a time, as a learner makes them
    return times


def record_timings(name, times):
    """Add one slider's redraw times to TIMINGS (JSON: slider → median and samples); return the median."""
    recorded = json.loads(TIMINGS.read_text(encoding="utf-8")) if TIMINGS.exists() else {}
    recorded[name] = {"median_ms": round(statistics.median(times), 1),
                      "samples_ms": [round(t, 1) for t in times],
                      "browser": str(CHROMIUM), "recorded": time.strftime("%Y-%m-%d %H:%M:%S")}
    TIMINGS.parent.mkdir(parents=True, exist_ok=True)
    TIMINGS.write_text(json.dumps(recorded, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return recorded[name]["median_ms"]


def open_slider(page, lab, name, description):
    """Open chapter ``name``, run it all, and return its slider ``description`` and that cell's output."""
    open_notebook(page, lab, name)
    run_all_cells(page)
    widget = slider(page, description)
    expect_one(widget, f"{description} slider")
    return widget, output_of(page, widget)


def time_typed_values(page, output, description, pair, expected, name):
    """Type the two values of ``pair`` in turn, REDRAW_SAMPLES times, and record the redraw times."""
    moves = [(lambda value=value: set_slider(page, description, value), expected(value))
             for value in pair * (REDRAW_SAMPLES // 2)]
    record_timings(name, time_redraws(page, output, moves))


# --- the tests ---------------------------------------------------------------------------------------

def test_chapter_00_typesets_the_notation_table(page, lab):
    open_notebook(page, lab, "00-start-here.ipynb")
    page.locator(".jp-RenderedMarkdown mjx-container").first.wait_for()
    assert page.locator(".jp-RenderedMarkdown table mjx-container").count() > 0, "no typeset maths in a table"
    # MathJax typesets asynchronously: wait until no raw TeX is left, then say which text still has it
    raw_tex = "[...document.querySelectorAll('.jp-RenderedMarkdown')].filter(e => /\\$\\$|\\$\\\\/.test(e.innerText))"
    try:
        page.wait_for_function(f"() => {raw_tex}.length === 0", timeout=STEP_TIMEOUT)
    except Exception:  # Playwright's TimeoutError: report what is still raw
        left = page.evaluate(f"() => {raw_tex}.map(e => e.innerText.slice(0, 300))")
        pytest.fail(f"raw TeX left in the rendered markdown: {left}")


def test_the_library_opens_from_jupyterlab_beside_the_chapters(page, lab):
    # chapter 00: "open mlcourse/network.py next to chapter 07 and the symbols match"
    from playwright.sync_api import expect

    page.goto(lab.file_url("mlcourse/network.py"), timeout=STEP_TIMEOUT * 2)
    # the editor draws only the lines in view: the module's opening names the course's symbols
    editor = page.locator(".jp-FileEditor .cm-content")
    expect(editor).to_contain_text("Theta1", timeout=STEP_TIMEOUT)
    expect(editor).to_contain_text("delta3", timeout=STEP_TIMEOUT)
    expect(page.locator('.lm-TabBar-tab.jp-mod-current[data-type="document-title"]')).to_contain_text("network.py")


def test_chapter_03_learning_rate_slider_redraws_and_warns_of_divergence(page, lab):
    _, output = open_slider(page, lab, "03-gradient-descent.ipynb", "α")  # run_all_cells checks for errors
    text, image = wait_for_redraw(output, "α = 1 →")

    set_slider(page, "α", "10")  # 10 = 10^1 lies on the slider's grid (log10 steps of 0.05)
    new_text, new_image = wait_for_redraw(output, "α = 10 →", old_image=image)
    assert new_text != text
    assert new_image != image
    assert numbers(new_text) != numbers(text), "the printed numbers did not change with α"

    set_slider(page, "α", "100")  # far beyond the largest stable α (about 30 here)
    diverged_text, _ = wait_for_redraw(output, "α = 100 →", old_image=new_image)
    assert "→ diverges (diverged): diverged at iteration" in diverged_text, diverged_text
    assert "too large for this problem — try a smaller one" in diverged_text, diverged_text

    time_typed_values(page, output, "α", ["1", "10"], lambda value: f"α = {value} →", "03 α (FloatLogSlider)")
    assert_no_errors(page)


def test_chapter_01_scale_slider_takes_a_typed_value(page, lab):
    _, output = open_slider(page, lab, "01-cost-function.ipynb", "scale")
    text, image = wait_for_redraw(output, "scale 1.00:")
    set_slider(page, "scale", "3.5")  # beyond where the naive formula breaks
    new_text, _ = wait_for_redraw(output, "scale 3.50:", old_image=image)
    assert "they do NOT agree" in new_text, new_text
    assert numbers(new_text) != numbers(text)

    time_typed_values(page, output, "scale", ["2.5", "1.5"], lambda value: f"scale {float(value):.2f}:",
                      "01 scale (FloatSlider)")
    assert_no_errors(page)


def test_chapter_04_lambda_slider_moves_by_keyboard_and_shows_its_value(page, lab):
    from playwright.sync_api import expect

    open_notebook(page, lab, "04-regularisation.ipynb")
    run_all_cells(page)
    row = page.locator(".widget-hbox").filter(has=page.locator(".widget-label", has_text=re.compile("^λ$")))
    expect_one(row, "λ slider")
    lambda_slider = row.locator(".widget-slider")
    # no readout that takes typing and ignores it: the value is a plain label beside the slider
    expect(lambda_slider.locator(".widget-readout")).to_be_hidden()
    assert row.locator("[contenteditable=true]:visible").count() == 0
    value_label = row.locator(".widget-label").last
    expect(value_label).to_have_text("1")
    output = output_of(page, row)
    text, image = wait_for_redraw(output, "λ = 1:")

    press_on_handle(page, lambda_slider, "ArrowRight")
    new_text, _ = wait_for_redraw(output, "λ = 10:", old_image=image)
    expect(value_label).to_have_text("10")
    assert numbers(new_text) != numbers(text)

    moves = [(lambda key=key: press_on_handle(page, lambda_slider, key), f"λ = {shown}:")
             for key, shown in [("ArrowLeft", "1"), ("ArrowRight", "10")] * (REDRAW_SAMPLES // 2)]
    record_timings("04 λ (SelectionSlider)", time_redraws(page, output, moves))
    assert_no_errors(page)


def test_chapter_08_epsilon_slider_shows_both_precisions(page, lab):
    _, output = open_slider(page, lab, "08-gradient-checking.ipynb", "ε")
    _, image = wait_for_redraw(output, "ε = 0.0001 ")
    set_slider(page, "ε", "1e-8")
    new_text, _ = wait_for_redraw(output, "ε = 1e-08 ", old_image=image)
    assert "cost in float32: relative difference 1.0e+00, fails; round-off dominates" in new_text, new_text

    time_typed_values(page, output, "ε", ["0.01", "0.0001"], lambda value: f"ε = {float(value):.2g} ",
                      "08 ε (FloatLogSlider)")
    assert_no_errors(page)


def test_chapter_09_alpha_slider_retrains_with_gradient_descent(page, lab):
    from playwright.sync_api import expect

    alpha, output = open_slider(page, lab, "09-training-on-digits.ipynb", "α")  # run_all_cells checks for errors
    status = page.locator(".jp-CodeCell").filter(has=alpha).locator(".widget-label", has_text="done in")
    wait_for_redraw(output, "L-BFGS")

    method = page.locator(".widget-dropdown").filter(has=page.locator(".widget-label", has_text="method"))
    method.locator("select").select_option(label="gradient descent")
    text, image = wait_for_redraw(output, "gradient descent, λ = 1, s2 = 25, α = 1,")
    expect(status).to_have_count(1, timeout=UPDATE_TIMEOUT)

    set_slider(page, "α", "0.1")  # 0.1 = 10^-1 lies on the slider's grid (log10 steps of 0.05)
    new_text, new_image = wait_for_redraw(output, "α = 0.1,", old_image=image)
    assert new_image != image
    assert numbers(new_text) != numbers(text), "the printed numbers did not change with α"
    expect(status).to_have_count(1, timeout=UPDATE_TIMEOUT)

    # the IntSlider's readout, and the status line counting iterations while the network trains
    label = page.locator(".jp-CodeCell").filter(has=alpha).locator(".widget-label", has_text=re.compile("^(training…|done in)"))
    page.evaluate("""(label) => { window.__statuses = [];
        new MutationObserver(() => window.__statuses.push(label.innerText))
            .observe(label, {subtree: true, childList: true, characterData: true}); }""", label.element_handle())
    set_slider(page, "iterations", "1000")
    wait_for_redraw(output, "α = 0.1, up to 1000 iterations", old_image=new_image)
    expect(status).to_have_count(1, timeout=UPDATE_TIMEOUT)
    statuses = page.evaluate("() => window.__statuses")
    counting = [text for text in statuses if re.fullmatch(r"training… \d+ of 1000 iterations", text)]
    assert counting, f"no progress shown while training: {statuses}"
    assert statuses[-1].startswith("done in 1000 iterations"), statuses

    # the redraw's time: 10 iterations of gradient descent train in a few milliseconds, so what the
    # learner waits for is the kernel's messages, the figure's PNG and the browser's drawing
    set_slider(page, "iterations", "10")
    wait_for_redraw(output, "α = 0.1, up to 10 iterations")
    wait_for_idle_kernel(page, UPDATE_TIMEOUT)
    time_typed_values(page, output, "α", ["1", "0.1"], lambda value: f"α = {value}, up to 10 iterations",
                      "09 α (FloatLogSlider)")
    assert_no_errors(page)


def expect_one(locator, what):
    """Wait until exactly one ``locator`` is on the page: widgets render after the kernel is idle."""
    from playwright.sync_api import expect

    try:
        expect(locator).to_have_count(1, timeout=STEP_TIMEOUT)
    except AssertionError:
        pytest.fail(f"expected one {what}, found {locator.count()}")


def numbers(text):
    """The numbers printed in ``text``, in order (what the learner compares between two runs)."""
    return re.findall(r"\d+(?:\.\d+)?(?:e[+-]?\d+)?", text)
