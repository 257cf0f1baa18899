"""One-vs-all logistic regression: K classifiers from mlcourse.logistic, prediction by argmax."""

import numpy as np
import pytest

from mlcourse import logistic, one_vs_all


def three_blobs(seed=0, per_class=15):
    rng = np.random.default_rng(seed)
    centres = np.array([[0.0, 0.0], [4.0, 0.0], [0.0, 4.0]])
    y = np.repeat(np.arange(3), per_class)
    return centres[y] + rng.normal(scale=0.5, size=(y.size, 2)), y


def test_each_row_is_the_logistic_fit_of_class_k_against_the_rest():
    X, y = three_blobs()
    fitted = one_vs_all.fit(X, y, lambda_=1.0)
    assert fitted.all_theta.shape == (3, 3)
    assert fitted.converged
    X1 = logistic.add_intercept(X)
    for k in range(3):
        expected = logistic.fit(X1, (y == k).astype(float), 1.0).theta
        np.testing.assert_allclose(fitted.all_theta[k], expected, rtol=0, atol=1e-12)


def test_the_fitted_gradients_vanish():
    # with λ > 0 each classifier's cost is strictly convex: at its minimum the gradient is ≈ 0
    X, y = three_blobs(seed=1)
    fitted = one_vs_all.fit(X, y, lambda_=0.5)
    X1 = logistic.add_intercept(X)
    for k in range(3):
        grad = logistic.gradient(fitted.all_theta[k], X1, (y == k).astype(float), 0.5)
        assert np.abs(grad).max() < 1e-4


def test_separated_blobs_are_classified_perfectly():
    X, y = three_blobs(seed=2)
    fitted = one_vs_all.fit(X, y, lambda_=0.1)
    assert fitted.accuracy(X, y) == 1.0


def test_predict_hand_worked():
    # two features, three classifiers: class 0 scores x1, class 1 scores x2, class 2 scores
    # 1 − x1 − x2 (bias 1). At (2, 0): scores 2, 0, −1 → 0; at (0, 3): 0, 3, −2 → 1; at (0, 0):
    # 0, 0, 1 → 2.
    all_theta = np.array([[0.0, 1.0, 0.0], [0.0, 0.0, 1.0], [1.0, -1.0, -1.0]])
    X = np.array([[2.0, 0.0], [0.0, 3.0], [0.0, 0.0]])
    np.testing.assert_array_equal(one_vs_all.predict(all_theta, X), [0, 1, 2])
    # h = g(score); g(0) = 1/2 for class 0 at the third point
    proba = one_vs_all.predict_proba(all_theta, X)
    assert proba.shape == (3, 3)
    assert proba[2, 0] == pytest.approx(0.5, rel=1e-15, abs=0)


def test_predict_is_stable_at_scores_of_1000():
    # both h round to 1.0, but the scores 1000 and 999 still order the classes
    all_theta = np.array([[999.0, 0.0], [1000.0, 0.0]])
    np.testing.assert_array_equal(one_vs_all.predict(all_theta, [[1.0]]), [1])
    np.testing.assert_array_equal(one_vs_all.predict_proba(all_theta, [[1.0]]), [[1.0, 1.0]])


def test_fit_does_not_modify_inputs():
    X, y = three_blobs()
    X_copy, y_copy = X.copy(), y.copy()
    one_vs_all.fit(X, y)
    np.testing.assert_array_equal(X, X_copy)
    np.testing.assert_array_equal(y, y_copy)


def test_validation_errors():
    X, y = three_blobs()
    with pytest.raises(ValueError, match=r"y must have shape \(m,\) = \(45,\) to match X; got \(45, 1\)"):
        one_vs_all.fit(X, y[:, None])
    with pytest.raises(ValueError, match=r"y must hold class labels 0..K-1 = 0..1, .*got 2 at index 30"):
        one_vs_all.fit(X, y, num_labels=2)
    with pytest.raises(ValueError, match=r"lambda_ must be ≥ 0 .*; got -0.5"):
        one_vs_all.fit(X, y, -0.5)
    with pytest.raises(ValueError, match=r"num_iters must be ≥ 1; got 0"):
        one_vs_all.fit(X, y, num_iters=0)
    with pytest.raises(TypeError, match=r"y must hold real numbers; got an array of dtype <U1"):
        one_vs_all.fit(X[:2], np.array(["a", "b"]))
    with pytest.raises(ValueError, match=r"all_theta must have 3 columns = n\+1 \(intercept \+ the 2 features of X, which has no intercept column: it is added here\); got shape \(3, 2\)"):
        one_vs_all.predict(np.zeros((3, 2)), X)
    with pytest.raises(ValueError, match=r"X must hold only finite numbers"):
        one_vs_all.predict_proba(np.zeros((3, 3)), [[np.nan, 0.0]])


def test_one_class_is_refused():
    # one-vs-all with K = 1 would train "class 0 against nothing" and predict 0 for everything
    X, _ = three_blobs()
    with pytest.raises(ValueError, match=r"num_labels must be ≥ 2 \(one-vs-all needs at least two classes to "
                                         r"tell apart\); got 1$"):
        one_vs_all.fit(X, np.zeros(len(X), dtype=int), num_labels=1)
    with pytest.raises(ValueError, match=r"num_labels must be ≥ 2 .*; got 1 \(the largest label in y \+ 1\)"):
        one_vs_all.fit(X, np.zeros(len(X), dtype=int))


def test_predictions_do_not_depend_on_the_callers_np_seterr():
    # scores of ±1e4 give h = e^-1e4, which underflows to 0: right, and not an error even after a
    # learner's np.seterr(all="raise") (np.errstate sets the same state, then restores it)
    all_theta = np.array([[0.0, 1e4], [0.0, -1e4]])
    with np.errstate(all="raise"):
        np.testing.assert_array_equal(one_vs_all.predict_proba(all_theta, [[1.0], [-1.0]]), [[1, 0], [0, 1]])
        np.testing.assert_array_equal(one_vs_all.predict(all_theta * 1e-160, [[1e-160]]), [0])


# --- regressions from the input audit: each failed before its fix -------------------------------

def test_labels_from_1_are_refused_unless_num_labels_is_given():
    X, y = three_blobs()
    # was a silent fit of 4 classifiers, classifier 0 trained on labels that are all 0
    with pytest.raises(ValueError, match=r"^y must hold class labels starting at 0 when num_labels is not given; "
                                         r"got 1..3 \(labels 1..K are the Octave course's convention"):
        one_vs_all.fit(X, y + 1)
    # the message named "the number of output units (rows of Theta2)", which one-vs-all does not have
    with pytest.raises(ValueError, match=r"^y must hold class labels 0..K-1 = 0..2, K being num_labels; got 3 "):
        one_vs_all.fit(X, y + 1, num_labels=3)
    fit = one_vs_all.fit(X, y, num_iters=5)
    with pytest.raises(ValueError, match=r"K being the rows of all_theta; got 3 at index 30"):
        fit.accuracy(X, y + 1)


def test_all_theta_is_not_described_as_examples():
    X, _ = three_blobs()
    # was "all_theta must be a 2-D array of shape (m, n), one row per example"
    with pytest.raises(ValueError, match=r"^all_theta must be a 2-D array of shape \(K, n\+1\); got a 1-D array"):
        one_vs_all.predict(np.zeros(3), X)


def test_scores_that_overflow_are_refused_not_compared():
    # were a RuntimeWarning and a silent answer: inf − inf, or two classes tied at inf
    with pytest.raises(ValueError, match=r"^the scores \[1, X\] all_thetaᵀ overflowed: X or all_theta hold "
                                         r"numbers too large \(largest \|X\| = 1e\+300"):
        one_vs_all.predict_proba([[-5.0, 1e10, 1e10]], [[1e300, -1e300]])
    with pytest.raises(ValueError, match=r"overflowed"):
        one_vs_all.predict([[0.0, 1e300], [0.0, 2e300]], [[1e10]])


def test_a_fractional_label_is_named_not_taken_for_one_class():
    # was "num_labels must be ≥ 2 …; got 1 (the largest label in y + 1)"
    with pytest.raises(ValueError, match=r"^y must hold whole-number class labels 0, 1, …, K-1; got 0.5 at index 1$"):
        one_vs_all.fit(np.zeros((3, 1)), [0, 0.5, 0])
