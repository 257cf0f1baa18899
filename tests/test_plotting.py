"""Tests for mlcourse.chapters.plotting: the course's figure style, and what each function draws, read
back from the returned Axes."""

import ast
import json
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # before pyplot is imported anywhere: no window, no display needed

import matplotlib.pyplot as plt
import numpy as np
import pytest

from mlcourse.chapters import ch01_cost_function, plotting

# --- the style ---------------------------------------------------------------------------------------

OKABE_ITO = {"#000000", "#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7"}


def _all_texts(figure):
    """Every text of ``figure`` that is drawn: titles, labels, tick labels, legends, annotations."""
    return [text for text in figure.findobj(matplotlib.text.Text) if text.get_visible() and text.get_text()]


def test_figures_are_shown_at_screen_size_with_labels_of_at_least_10_pt():
    assert plotting.FIGURE_DPI == 96  # one figure inch = one CSS inch: a point is shown as a point
    assert matplotlib.rcParams["figure.dpi"] == plotting.FIGURE_DPI
    assert plotting.MIN_FONT_SIZE >= 10
    from matplotlib.font_manager import FontProperties

    for key in ["font.size", "axes.labelsize", "axes.titlesize", "xtick.labelsize", "ytick.labelsize",
                "legend.fontsize", "legend.title_fontsize", "figure.titlesize"]:
        assert FontProperties(size=matplotlib.rcParams[key]).get_size_in_points() >= 10, key


def test_the_colour_cycle_is_okabe_ito_with_a_line_style_per_colour():
    cycle = list(matplotlib.rcParams["axes.prop_cycle"])
    assert {entry["color"] for entry in cycle} == OKABE_ITO == set(plotting.PALETTE.values())
    assert [entry["color"] for entry in cycle[:4]] == ["#0072B2", "#E69F00", "#009E73", "#D55E00"]
    assert len({entry["linestyle"] for entry in cycle[:4]}) == 4  # the first four lines differ in style


def test_every_text_the_shared_figures_draw_is_at_least_10_pt():
    X = np.array([[1.0, 2.0], [3.0, 4.0]])
    axes = [plotting.plot_sigmoid(), ch01_cost_function.plot_example_costs(), plotting.scatter_classes(X, [0, 1]),
            plotting.plot_cost_curves([0.0, 1.0], {"a": [1.0, 0.0]}),
            plotting.plot_digit_grid(np.eye(4), labels="abcd", rows=1, cols=4)[1][0, 0],
            plotting.plot_computation_graph({"u": plotting.GraphNode(0, 0, "u", 1.0, 2.0)}, [])]
    for ax in axes:
        ax.figure.canvas.draw()  # tick labels exist only once drawn
        sizes = [text.get_fontsize() for text in _all_texts(ax.figure)]
        assert sizes
        assert min(sizes) >= 10


def test_in_jupyter_figures_are_2x_pngs_shown_at_their_size():
    # an IPython shell with the inline backend, as in a kernel; plotting is imported first, so the
    # backend is configured after it, the order in which a later format change would be lost
    script = textwrap.dedent("""
        import base64, struct
        from IPython.core.interactiveshell import InteractiveShell
        shell = InteractiveShell.instance()
        shell.run_cell("from mlcourse.chapters import plotting", store_history=False)
        from mlcourse.chapters import plotting
        figure, ax = plotting.subplots(width=3.0, height=2.0)
        ax.plot([0, 1], [0, 1])
        formatted, metadata = shell.display_formatter.format(figure)
        png = base64.b64decode(formatted["image/png"])
        print(*struct.unpack(">II", png[16:24]), metadata["image/png"]["width"],
              metadata["image/png"]["height"], "image/svg+xml" in formatted)
    """)
    environment = {**os.environ, "MPLBACKEND": "module://matplotlib_inline.backend_inline"}
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120,
                            check=True, env=environment)
    png_width, png_height, shown_width, shown_height, has_svg = result.stdout.split()
    assert has_svg == "False"  # one image per figure: notebooks stay small
    assert int(png_width) // 2 == int(shown_width)
    assert int(png_height) // 2 == int(shown_height)
    # shown at 96 pixels per inch: 3 × 2 inches, give or take bbox_inches="tight"'s 0.1-inch margins
    assert 270 <= int(shown_width) <= 288 + 20
    assert 180 <= int(shown_height) <= 192 + 20


# --- nothing bypasses the style: the companions' and chapters' sources, scanned --------------------

ROOT = Path(__file__).resolve().parent.parent
SMALL_FONT_NAMES = {"xx-small", "x-small", "small", "smaller"}  # all below 10 pt at font.size 10
FONT_SIZE_KEYWORDS = {"fontsize", "labelsize", "titlesize", "title_fontsize"}
# calls whose ``size=`` is a font size (elsewhere ``size=`` is often a sample count: rng.normal(size=3))
TEXT_CALLS = {"text", "annotate", "set_title", "set_xlabel", "set_ylabel", "suptitle", "supxlabel",
              "supylabel", "figtext", "title", "xlabel", "ylabel", "set_label_text", "FontProperties", "rc"}
COLOUR_KEYWORDS = {"color", "colors", "c", "facecolor", "facecolors", "edgecolor", "edgecolors", "mfc", "mec",
                   "markerfacecolor", "markeredgecolor"}
NEUTRAL_COLOURS = {"black", "k", "white", "w", "grey", "gray", "lightgrey", "lightgray", "darkgrey",
                   "darkgray", "none"}
LINE_CALLS = {"plot", "loglog", "semilogx", "semilogy"}  # their positional string is a format, "ro-"


def _style_sources():
    """(where, Python source) for every companion module and every code cell of every chapter."""
    for path in sorted((ROOT / "mlcourse" / "chapters").glob("*.py")):
        yield path.name, path.read_text(encoding="utf-8")
    for path in sorted((ROOT / "chapters").glob("*.ipynb")):
        for index, cell in enumerate(json.loads(path.read_text(encoding="utf-8"))["cells"]):
            if cell["cell_type"] == "code":
                source = "".join(cell["source"])
                # IPython's magics and shell escapes are not Python: blank them, keep the line numbers
                source = "\n".join("" if line.lstrip().startswith(("%", "!")) else line
                                   for line in source.splitlines())
                yield f"{path.name} cell {index}", source


def _too_small(value):
    """A literal font size under 10 pt; None for anything computed (MIN_FONT_SIZE, a variable)."""
    if not isinstance(value, ast.Constant):
        return False
    if isinstance(value.value, str):
        return value.value in SMALL_FONT_NAMES
    return isinstance(value.value, int | float) and value.value < plotting.MIN_FONT_SIZE


def _not_the_palette(value):
    """A literal colour outside the style: "tab:…", a named hue, a hex that is not Okabe–Ito."""
    if not (isinstance(value, ast.Constant) and isinstance(value.value, str)):
        return False
    colour = value.value.strip()
    if colour.startswith("tab:"):
        return False  # reported once, as tab10, wherever the string appears
    if colour.lower() in NEUTRAL_COLOURS or re.fullmatch(r"C\d|0?\.\d+|1(\.0*)?|0", colour):
        return False  # the cycle's own colours, or a shade of grey
    return colour.upper() not in OKABE_ITO


def _call_name(call):
    return call.func.attr if isinstance(call.func, ast.Attribute) else getattr(call.func, "id", "")


def _style_findings(where, source):
    findings = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and "tab:" in node.value:
            findings.append(f"{where}:{node.lineno}: {node.value!r} is matplotlib's tab10, not the palette")
        if isinstance(node, ast.Call):
            name = _call_name(node)
            for keyword in node.keywords:
                small_font = keyword.arg in FONT_SIZE_KEYWORDS or (keyword.arg == "size" and name in TEXT_CALLS)
                if small_font and _too_small(keyword.value):
                    findings.append(f"{where}:{node.lineno}: {keyword.arg}={ast.unparse(keyword.value)} "
                                    f"is below {plotting.MIN_FONT_SIZE:g} pt")
                if keyword.arg in COLOUR_KEYWORDS and _not_the_palette(keyword.value):
                    findings.append(f"{where}:{node.lineno}: {keyword.arg}={ast.unparse(keyword.value)} "
                                    "is not a palette colour")
            if name in ("set_fontsize", "set_size") and node.args and _too_small(node.args[0]):
                findings.append(f"{where}:{node.lineno}: {name}({ast.unparse(node.args[0])}) is below 10 pt")
            for argument in node.args if name in LINE_CALLS else []:
                if (isinstance(argument, ast.Constant) and isinstance(argument.value, str)
                        and re.fullmatch(r"[-.:,ov^<>1-4sp*hH+xXDd|_kw]*[bgrcmy][-.:,ov^<>1-4sp*hH+xXDd|_]*",
                                         argument.value)):
                    findings.append(f"{where}:{node.lineno}: format {argument.value!r} sets a colour "
                                    "outside the palette")
        if isinstance(node, ast.Dict):  # prop={"size": 8}, fontdict={"fontsize": 8}, rcParams updates
            for key, value in zip(node.keys, node.values, strict=True):
                if (isinstance(key, ast.Constant) and isinstance(key.value, str)
                        and re.fullmatch(r"(.*\.)?(size|fontsize|labelsize|titlesize|title_fontsize)", key.value)
                        and _too_small(value)):
                    findings.append(f"{where}:{node.lineno}: {key.value!r}: {ast.unparse(value)} is below 10 pt")
    return findings


def test_no_companion_or_chapter_sets_text_below_10_pt_or_colours_outside_the_palette():
    findings = [finding for where, source in _style_sources() for finding in _style_findings(where, source)]
    assert not findings, "\n".join(findings)


def _slider_figures():
    """Each companion's slider figure after one update, as the chapters show them (small problems)."""
    from mlcourse import datasets, logistic, network
    from mlcourse.chapters import ch01_cost_function as ch01
    from mlcourse.chapters import ch03_gradient_descent as ch03
    from mlcourse.chapters import ch04_regularisation as ch04
    from mlcourse.chapters import ch08_gradient_checking as ch08
    from mlcourse.chapters import ch09_training_on_digits as ch09

    X_raw, y = datasets.load_exam_scores()
    X = logistic.add_intercept((X_raw - X_raw.mean(axis=0)) / X_raw.std(axis=0))
    theta_hat = logistic.fit(X, y).theta
    show, figure = ch01.make_naive_vs_stable_slider(theta_hat, X, y, logistic.cost, np.linspace(0.5, 2.0, 7))
    show(1.0)
    yield "ch01", figure
    show, figure = ch03.make_learning_rate_slider(X, y, theta_hat, num_iters=20, grid_size=11)
    show(30.0)  # diverges: the refused step is drawn too
    yield "ch03", figure
    show, figure = ch04.make_decision_boundary_slider(*datasets.load_microchips(), grid_size=20)
    show(1.0)
    yield "ch04", figure
    Theta1, Theta2 = network.debug_initialize(3, 5), network.debug_initialize(5, 3)
    X_small = np.sin(np.arange(1, 16)).reshape((5, 3), order="F") / 10
    show, figure = ch08.make_epsilon_slider(Theta1, Theta2, X_small, np.arange(1, 6) % 3,
                                            ch08.EpsilonErrorModel(2.1e-3, 4.4), epsilons=[1e-2, 1e-5, 1e-8])
    show(1e-4)
    yield "ch08", figure
    X_digits, y_digits = datasets.load_digits()
    show, figure = ch09.make_training_slider(X_digits[:150] / 16, y_digits[:150], X_digits[150:200] / 16,
                                             y_digits[150:200], max_iters=10)
    show("lbfgs", 1.0, 1.0, 10, 5)
    yield "ch09", figure


def _drawn_colours(figure):
    """The hex colours of every line and filled shape in ``figure``, transparency dropped."""
    from matplotlib.colors import to_hex

    colours = set()
    for artist in figure.findobj(lambda artist: hasattr(artist, "get_color") or hasattr(artist, "get_facecolor")):
        if isinstance(artist, matplotlib.text.Text) or not artist.get_visible():
            continue
        for getter in ("get_color", "get_facecolor", "get_edgecolor"):
            value = getattr(artist, getter, lambda: [])()
            rows = np.atleast_2d(matplotlib.colors.to_rgba_array(value)) if len(value) else []
            colours.update(to_hex(row[:3]).upper() for row in rows if row[3] > 0)
    return colours


def test_every_slider_figure_uses_the_style(capsys):
    for name, figure in _slider_figures():
        figure.canvas.draw()
        sizes = [text.get_fontsize() for text in _all_texts(figure)]
        assert min(sizes) >= plotting.MIN_FONT_SIZE, name
        greys = {colour for colour in _drawn_colours(figure) if colour[1:3] == colour[3:5] == colour[5:7]}
        assert _drawn_colours(figure) - greys <= OKABE_ITO, name  # a palette colour, or a shade of grey
    capsys.readouterr()  # the sliders' printed lines are tested in the companions' own tests


def test_every_slider_figure_keeps_its_texts_inside_the_canvas(capsys):
    # SliderCanvas shows the figure's canvas as it is, not a crop around what was drawn (as the inline
    # backend's bbox_inches="tight" is): a title or label the frozen layout left outside is cut off
    for name, figure in _slider_figures():
        figure.canvas.draw()
        drawn = figure.get_tightbbox(figure.canvas.get_renderer())  # inches, what that crop would keep
        canvas = figure.bbox_inches.padded(1 / plotting.FIGURE_DPI)  # a pixel of slack for antialiasing
        where = f"{name}: drawn {drawn.bounds}, canvas {figure.bbox_inches.bounds} (inches)"
        assert canvas.contains(drawn.x0, drawn.y0), where
        assert canvas.contains(drawn.x1, drawn.y1), where
    capsys.readouterr()


@pytest.mark.parametrize("line", [
    'ax.legend(fontsize="small")', "ax.text(0, 0, 'a', fontsize=8)", "ax.set_title('t', size=7.5)",
    "ax.tick_params(labelsize='x-small')", "ax.legend(prop={'size': 8})", 'ax.plot(x, y, color="tab:red")',
    "ax.axvspan(0, 1, facecolor='red')", "ax.plot(x, y, 'r--')", "label.set_fontsize(6)",
    "matplotlib.rcParams.update({'font.size': 9})", "ax.scatter(x, y, c='#FF0000')",
])
def test_the_style_scan_finds_each_kind_of_bypass(line):
    assert _style_findings("example", line)


@pytest.mark.parametrize("line", [
    "ax.legend()", "ax.text(0, 0, 'a', fontsize=16)", "ax.plot(x, y, 'o-', color='C1')",
    'ax.plot(x, y, "s--", color=plotting.PALETTE["orange"])', "rng.normal(size=3)",
    "ax.axhline(0.5, color='grey')", "ax.set_title('t', fontsize=plotting.MIN_FONT_SIZE)",
    "ax.plot(x, y, 'k:')", "ax.scatter(x, y, edgecolor='#D55E00', facecolors='none')",
])
def test_the_style_scan_lets_the_style_through(line):
    assert not _style_findings("example", line)


def test_subplots_gives_small_figures_with_the_requested_axes():
    figure, axes = plotting.subplots(2, width=3.0, height=2.0)
    assert axes.shape == (2,)
    assert figure.dpi == plotting.FIGURE_DPI
    np.testing.assert_allclose(figure.get_size_inches(), [6.0, 2.0])


def test_plot_sigmoid_draws_g_of_z():
    ax = plotting.plot_sigmoid(z_min=-4.0, z_max=4.0, num_points=9)
    z, g = ax.lines[0].get_data()
    np.testing.assert_allclose(z, np.linspace(-4.0, 4.0, 9))
    np.testing.assert_allclose(g, 1 / (1 + np.exp(-z)), rtol=1e-15)
    assert g[4] == pytest.approx(0.5, abs=1e-15)  # z = 0


def test_plot_sigmoid_draws_on_the_axes_it_is_given():
    _, ax = plotting.subplots()
    assert plotting.plot_sigmoid(ax) is ax


def test_plot_sigmoid_refuses_an_empty_range():
    with pytest.raises(ValueError, match=r"z_min must be less than z_max; got z_min = 1\.0, z_max = 1\.0"):
        plotting.plot_sigmoid(z_min=1.0, z_max=1.0)


def test_plot_cost_curves_draws_one_labelled_line_per_curve():
    steps = np.linspace(0.0, 1.0, 5)
    ax = plotting.plot_cost_curves(steps, {"a": steps ** 2, "b": np.full(5, np.nan)}, xlabel="t")
    assert [line.get_label() for line in ax.lines] == ["a", "b"]
    np.testing.assert_allclose(ax.lines[0].get_ydata(), steps ** 2)
    assert ax.get_xlabel() == "t"


def test_plot_cost_curves_refuses_mismatched_or_missing_curves():
    with pytest.raises(ValueError, match=r"curve 'a' must have shape \(3,\) to match steps; got \(2,\)"):
        plotting.plot_cost_curves([0.0, 1.0, 2.0], {"a": [1.0, 2.0]})
    with pytest.raises(ValueError, match="curves must hold at least one"):
        plotting.plot_cost_curves([0.0, 1.0], {})


def test_scatter_classes_puts_each_class_in_its_own_collection():
    X = np.array([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
    y = np.array([0.0, 1.0, 0.0])
    ax = plotting.scatter_classes(X, y, class_names=("rejected", "accepted"))
    negative, positive = ax.collections
    np.testing.assert_array_equal(negative.get_offsets(), [[1.0, 2.0], [5.0, 6.0]])
    np.testing.assert_array_equal(positive.get_offsets(), [[3.0, 4.0]])
    assert [negative.get_label(), positive.get_label()] == ["rejected", "accepted"]
    # the classes differ by marker (a hollow circle, a plus), not by colour alone
    assert negative.get_paths()[0] != positive.get_paths()[0]
    assert negative.get_facecolor().size == 0
    assert positive.get_facecolor().size > 0


def test_scatter_classes_refuses_more_than_two_features():
    with pytest.raises(ValueError, match="X must have 2 columns"):
        plotting.scatter_classes(np.zeros((3, 3)), np.zeros(3))


# --- plot_digit_grid (chapters 05 and 08) ----------------------------------------------------------

def test_plot_digit_grid_draws_each_row_as_an_image_with_its_label():
    rng = np.random.default_rng(1)
    X = rng.random((40, 64))
    labels = np.arange(40) % 10
    _, axes = plotting.plot_digit_grid(X, labels, rows=4, cols=8)
    assert axes.shape == (4, 8)
    for index in (0, 9, 31):
        ax = axes.ravel()[index]
        np.testing.assert_array_equal(ax.images[0].get_array(), X[index].reshape(8, 8))
        assert ax.get_title() == str(labels[index])
        # one scale for the whole grid: the smallest and largest value of the 32 images drawn
        assert ax.images[0].get_clim() == (X[:32].min(), X[:32].max())


def test_plot_digit_grid_leaves_missing_cells_empty_and_accepts_other_sides():
    X = np.arange(5 * 9, dtype=float).reshape(5, 9)  # five 3×3 images
    _, axes = plotting.plot_digit_grid(X, rows=2, cols=3, vmin=0, vmax=50)
    assert [len(ax.images) for ax in axes.ravel()] == [1, 1, 1, 1, 1, 0]
    assert axes[1, 1].images[0].get_clim() == (0.0, 50.0)
    assert axes[0, 0].get_title() == ""


def test_plot_digit_grid_draws_a_constant_image_mid_grey():
    _, axes = plotting.plot_digit_grid(np.full((2, 4), 3.0), rows=1, cols=2)
    assert axes[0, 0].images[0].get_clim() == (2.5, 3.5)


def test_plot_digit_grid_errors():
    plt.close("all")
    with pytest.raises(ValueError, match="square number of columns"):
        plotting.plot_digit_grid(np.zeros((3, 10)))
    with pytest.raises(ValueError, match="labels must hold one label per image drawn"):
        plotting.plot_digit_grid(np.zeros((3, 4)), labels=[1, 2], rows=1, cols=3)
    with pytest.raises(ValueError, match="vmin must be smaller than vmax"):
        plotting.plot_digit_grid(np.zeros((3, 4)), vmin=1.0, vmax=0.0)
    with pytest.raises(ValueError, match="rows must be ≥ 1; got 0"):
        plotting.plot_digit_grid(np.zeros((3, 4)), rows=0)
    assert not plt.get_fignums()  # errors are raised before any figure is made


# --- below ---------------------------------------------------------------------------------------

def test_below_prints_the_bound_when_met_and_the_value_when_not():
    assert plotting.below(5e-10, 1e-9) == "below 1e-9"
    assert plotting.below(0.0, 1e-15) == "below 1e-15"
    assert plotting.below(np.float64(2e-8), 1e-7) == "below 1e-7"
    assert plotting.below(3.2e-7, 1e-9) == "3.2e-07, NOT below 1e-9"
    assert plotting.below(1e-9, 1e-9) == "1.0e-09, NOT below 1e-9"  # the bound itself does not pass


def test_below_errors():
    with pytest.raises(ValueError, match="difference must be a number ≥ 0"):
        plotting.below(-1e-12, 1e-9)
    with pytest.raises(ValueError, match="difference must be a number ≥ 0"):
        plotting.below(float("nan"), 1e-9)
    with pytest.raises(ValueError, match="bound"):
        plotting.below(0.0, 0.0)


def test_below_with_a_bar_shows_the_bound_met_and_the_bar():
    assert plotting.below(3e-14, 1e-13, bar=1e-9) == "below 1e-13 (bar 1e-9)"
    assert plotting.below(2.1e-12, 1e-13, bar=1e-9) == "2.1e-12 (bar 1e-9)"  # passes the bar only
    assert plotting.below(3.2e-7, 1e-13, bar=1e-9) == "3.2e-07, NOT below 1e-9"
    assert plotting.below(0.0, 1e-13, bar=1e-13) == "below 1e-13 (bar 1e-13)"
    with pytest.raises(ValueError, match="bar must be at least the bound 1e-9; got 1e-12"):
        plotting.below(0.0, 1e-9, bar=1e-12)
    with pytest.raises(ValueError, match="bar"):
        plotting.below(0.0, 1e-9, bar=float("inf"))


# --- plot_computation_graph ----------------------------------------------------------------------------

def test_plot_computation_graph_draws_boxes_values_adjoints_and_arrows():
    nodes = {"x": plotting.GraphNode(0.0, 0.0, "x", 2.0, -0.0),
             "y": plotting.GraphNode(1.5, 0.0, "$y = x^2$", 4.0, 1.0),
             "c": plotting.GraphNode(0.0, 1.0, "c")}
    ax = plotting.plot_computation_graph(nodes, [("x", "y"), ("c", "y")])
    boxes, arrows = ax.patches[:3], ax.patches[3:]
    assert len(boxes) == 3
    assert len(arrows) == 2
    texts = [text.get_text() for text in ax.texts]
    assert texts[:6] == ["x", "→ 2", "← 0", "$y = x^2$", "→ 4", "← 1"]  # −0 is shown as 0
    assert texts[6] == "c"  # no value, no adjoint: the label only
    assert "adjoint" in texts[-1]
    assert "forward" in texts[-1]
    np.testing.assert_allclose(boxes[1].get_x() + boxes[1].get_width() / 2, 1.5)
    assert not ax.axison


def test_plot_computation_graph_refuses_unknown_nodes():
    with pytest.raises(ValueError, match="edges must join names of nodes; got \\('x', 'z'\\)"):
        plotting.plot_computation_graph({"x": plotting.GraphNode(0, 0, "x")}, [("x", "z")])
    with pytest.raises(ValueError, match="nodes must hold at least one"):
        plotting.plot_computation_graph({}, [])


def test_measured_prints_two_digits_and_the_bar():
    assert plotting.measured(9.343e-11, 1e-9) == "9.3e-11 (bar 1e-9)"
    assert plotting.measured(np.float64(4.2e-10), 1e-9) == "4.2e-10 (bar 1e-9)"
    assert plotting.measured(2e-9, 1e-9) == "2.0e-09, NOT below 1e-9"
    with pytest.raises(ValueError, match="difference must be a number ≥ 0"):
        plotting.measured(float("nan"), 1e-9)
    with pytest.raises(ValueError, match="bar"):
        plotting.measured(0.0, -1.0)
