"""Tests for mlcourse.chapters.ch09_training_on_digits: learning curves and chapter 09's slider."""

import matplotlib

matplotlib.use("Agg")  # before pyplot is imported anywhere: no window, no display needed


import numpy as np
import pytest

from mlcourse import network
from mlcourse.chapters import ch09_training_on_digits as ch09


def blobs(m=90, n=4, K=3, seed=0):
    """K Gaussian clouds in n dimensions, m // K points each, split 2:1 into training and held-out."""
    rng = np.random.default_rng(seed)
    centres = rng.normal(scale=2.0, size=(K, n))
    y = np.repeat(np.arange(K), m // K)
    X = centres[y] + rng.normal(size=(y.size, n))
    order = rng.permutation(y.size)
    X, y = X[order], y[order]
    cut = 2 * y.size // 3
    return X[:cut], y[:cut], X[cut:], y[cut:]


# --- record_learning_curve -----------------------------------------------------------------------

@pytest.mark.parametrize("method", ["lbfgs", "gradient_descent"])
def test_learning_curve_is_network_fits_run(method):
    X_train, y_train, X_test, y_test = blobs()
    settings = dict(hidden_size=5, lambda_=0.5, num_iters=40, alpha=0.8, seed=2)
    curve = ch09.record_learning_curve(X_train, y_train, X_test, y_test, method=method, **settings)
    fit = network.fit(X_train, y_train, method=method, **settings)
    # gradient descent in fit keeps two BLAS threads, the curve one: the sums may round differently
    np.testing.assert_allclose(curve.fit.Theta1, fit.Theta1, rtol=0, atol=1e-12)
    np.testing.assert_allclose(curve.fit.Theta2, fit.Theta2, rtol=0, atol=1e-12)
    np.testing.assert_allclose(curve.cost_history, fit.result.cost_history, rtol=0, atol=1e-12)
    assert curve.status == fit.result.status
    assert curve.iterations == fit.result.iterations


def test_learning_curve_accuracies_at_the_ends():
    X_train, y_train, X_test, y_test = blobs()
    curve = ch09.record_learning_curve(X_train, y_train, X_test, y_test, hidden_size=4, num_iters=30, seed=1)
    Theta1, Theta2 = network.initialize_weights(4, 4, 3, seed=1)  # the run's start
    assert curve.checkpoints[0] == 0
    assert curve.checkpoints[-1] == curve.iterations
    assert curve.train_accuracy[0] == pytest.approx(np.mean(network.predict(Theta1, Theta2, X_train) == y_train))
    assert curve.test_accuracy[-1] == pytest.approx(curve.fit.accuracy(X_test, y_test))
    assert curve.train_accuracy[-1] == pytest.approx(curve.fit.accuracy(X_train, y_train))
    assert curve.train_accuracy[-1] > 0.8 > curve.train_accuracy[0]  # training has learned the clouds


def test_learning_curve_checkpoints_are_capped_and_increasing():
    X_train, y_train, X_test, y_test = blobs()
    curve = ch09.record_learning_curve(X_train, y_train, X_test, y_test, method="gradient_descent",
                                           hidden_size=3, num_iters=50, max_points=7)
    assert curve.checkpoints.size == 7
    assert (np.diff(curve.checkpoints) > 0).all()
    np.testing.assert_array_equal(curve.checkpoints, [0, 8, 17, 25, 33, 42, 50])  # round(50 k / 6)
    assert curve.cost_history.shape == (51,)


def test_learning_curve_reports_divergence_without_raising():
    X_train, y_train, X_test, y_test = blobs()
    curve = ch09.record_learning_curve(X_train, y_train, X_test, y_test, method="gradient_descent",
                                           hidden_size=3, num_iters=20, alpha=1e4)
    assert curve.diverged
    assert curve.status in ("diverged", "non-finite")
    assert curve.iterations < 20
    assert curve.checkpoints[-1] == curve.iterations
    text = "\n".join(ch09.describe(curve))
    assert "too large" in text
    assert "move α to the left" in text


def test_learning_curve_leaves_inputs_alone():
    X_train, y_train, X_test, y_test = blobs()
    copies = [a.copy() for a in (X_train, y_train, X_test, y_test)]
    ch09.record_learning_curve(X_train, y_train, X_test, y_test, hidden_size=3, num_iters=5)
    for before, after in zip(copies, (X_train, y_train, X_test, y_test), strict=True):
        np.testing.assert_array_equal(before, after)


@pytest.mark.parametrize(("kwargs", "error", "match"), [
    ({"method": "newton"}, ValueError, 'method must be "lbfgs" or "gradient_descent"; got \'newton\''),
    ({"alpha": 0.0}, ValueError, "alpha"),
    ({"lambda_": -1.0}, ValueError, "lambda_"),
    ({"num_iters": 0}, ValueError, "num_iters"),
    ({"hidden_size": 2.5}, TypeError, "hidden_size"),
    ({"max_points": 0}, ValueError, "max_points"),
])
def test_learning_curve_refuses_bad_settings(kwargs, error, match):
    X_train, y_train, X_test, y_test = blobs()
    with pytest.raises(error, match=match):
        ch09.record_learning_curve(X_train, y_train, X_test, y_test, **kwargs)


def test_learning_curve_refuses_data_that_do_not_fit():
    X_train, y_train, X_test, y_test = blobs()
    with pytest.raises(ValueError, match="X_test must have 4 columns"):
        ch09.record_learning_curve(X_train, y_train, X_test[:, :3], y_test)
    # was "K being the number of output units (rows of Theta2)", a matrix the caller never passed
    with pytest.raises(ValueError, match=r"y_test must hold class labels 0..K-1 = 0..2, K being the number "
                                         r"of classes, y_train's largest label \+ 1; got 3"):
        ch09.record_learning_curve(X_train, y_train, X_test, y_test + 1)
    with pytest.raises(TypeError, match="y_train must hold real numbers; got an array of dtype <U1"):
        ch09.record_learning_curve(X_train, np.array(["a"] * y_train.size), X_test, y_test)
    y_nan = y_train.astype(float)
    y_nan[3] = np.nan  # was "cannot convert float NaN to integer", naming nothing
    with pytest.raises(ValueError, match=r"y_train must hold only finite numbers"):
        ch09.record_learning_curve(X_train, y_nan, X_test, y_test)


# --- the slider ----------------------------------------------------------------------------------

class StatusRecorder:
    """Stands in for an ipywidgets Label: keeps every value it was given."""

    def __init__(self):
        self.values = []

    @property
    def value(self):
        return self.values[-1] if self.values else ""

    @value.setter
    def value(self, text):
        self.values.append(text)


@pytest.mark.parametrize("method", ["gradient_descent", "lbfgs"])
def test_progress_sees_every_iteration_and_changes_nothing(method):
    X_train, y_train, X_test, y_test = blobs()
    seen = []
    settings = dict(method=method, alpha=0.5, hidden_size=4, num_iters=30)
    watched = ch09.record_learning_curve(X_train, y_train, X_test, y_test, progress=seen.append, **settings)
    plain = ch09.record_learning_curve(X_train, y_train, X_test, y_test, **settings)
    assert seen == list(range(1, watched.iterations + 1))  # 1, 2, …, the last iteration, each once
    np.testing.assert_array_equal(watched.cost_history, plain.cost_history)
    np.testing.assert_array_equal(watched.fit.Theta1, plain.fit.Theta1)


def test_slider_retrains_redraws_and_reports_status(capsys):
    X_train, y_train, X_test, y_test = blobs()
    show, figure = ch09.make_training_slider(X_train, y_train, X_test, y_test, max_iters=60)
    status = StatusRecorder()
    show("gradient_descent", alpha=0.5, lambda_=1.0, num_iters=30, hidden_size=4, status=status)
    assert status.values[0] == "training… 0 of 30 iterations"  # shown before the first iteration
    assert all(text.startswith("training… ") for text in status.values[:-1])
    assert status.value.startswith("done in 30 iterations (completed)")
    printed = capsys.readouterr().out
    assert "gradient descent, λ = 1, s2 = 4, α = 0.5, up to 30 iterations → completed" in printed

    record = ch09.record_learning_curve
    curve = record(X_train, y_train, X_test, y_test, method="gradient_descent", alpha=0.5,
                   hidden_size=4, num_iters=30)
    cost_ax, accuracy_ax = figure.axes
    np.testing.assert_allclose(cost_ax.lines[0].get_ydata(), curve.cost_history, rtol=0, atol=1e-12)
    np.testing.assert_array_equal(accuracy_ax.lines[1].get_xdata(), curve.checkpoints)
    np.testing.assert_allclose(accuracy_ax.lines[1].get_ydata(), curve.test_accuracy)
    assert accuracy_ax.get_xlim() == (0.0, 30.0)


def test_slider_update_keeps_the_figure_and_draws_a_diverged_run():
    X_train, y_train, X_test, y_test = blobs()
    show, figure = ch09.make_training_slider(X_train, y_train, X_test, y_test)
    lines_before = [id(line) for ax in figure.axes for line in ax.lines]
    curve = ch09.record_learning_curve(X_train, y_train, X_test, y_test, method="gradient_descent",
                                           hidden_size=3, num_iters=20, alpha=1e4)
    show.update(curve)
    assert [id(line) for ax in figure.axes for line in ax.lines] == lines_before  # moved, not rebuilt
    cost_ax = figure.axes[0]
    assert cost_ax.lines[0].get_xdata().size == curve.iterations + 1  # never an empty plot
    low, high = cost_ax.get_ylim()
    assert low == 0.0
    assert high > curve.cost_history.max()


def test_slider_displays_the_whole_figure_with_its_titles(monkeypatch, capsys):
    import io

    import IPython.display
    from PIL import Image

    from mlcourse.chapters import plotting

    shown = []
    monkeypatch.setattr(IPython.display, "display", shown.append)
    X_train, y_train, X_test, y_test = blobs()
    show, figure = ch09.make_training_slider(X_train, y_train, X_test, y_test, max_iters=60)
    show("gradient_descent", alpha=0.5, lambda_=1.0, num_iters=30, hidden_size=4)
    capsys.readouterr()
    assert len(shown) == 1
    assert shown[0].data == show.canvas.png()  # the slider's canvas, drawn afresh for this run
    pixels = np.asarray(Image.open(io.BytesIO(shown[0].data)))
    scale = 2 if plotting.FIGURE_FORMAT == "retina" else 1
    # matplotlib truncates the canvas to whole pixels
    assert pixels.shape[:2] == (int(3.35 * plotting.FIGURE_DPI * scale), int(2 * 4.2 * plotting.FIGURE_DPI * scale))
    cost_ax, accuracy_ax = figure.axes
    assert cost_ax.get_title() == "gradient descent: completed after 30 iterations"
    assert accuracy_ax.get_title().startswith("held-out ")
    # the PNG is the figure's canvas, not a crop around what was drawn: the titles must lie inside it,
    # the longest ones included
    renderer = show.canvas.canvas.get_renderer()
    for ax, title in [(cost_ax, "gradient descent: non-finite after 1000 iterations"),
                      (accuracy_ax, "held-out 100.0%, training 100.0%")]:
        ax.set_title(title)
        extent = ax.title.get_window_extent(renderer)
        assert figure.bbox.contains(extent.x0, extent.y0), title
        assert figure.bbox.contains(extent.x1, extent.y1), title
