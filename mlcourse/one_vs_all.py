"""One-vs-all logistic regression: K binary classifiers, one per class, and the most confident wins.

=============  ==============  ===========================================================
symbol         code            shape
=============  ==============  ===========================================================
X              ``X``           (m, n) — one example per row, **no** intercept column (it is
                               added here, as the course's ``oneVsAll`` does)
θ(k)           ``all_theta[k]`` (n+1,) — classifier k, trained on "class k" (1) vs the rest (0)
all_theta      ``all_theta``   (K, n+1) — one row per class, bias in column 0
y              ``y``           (m,) integer labels 0..K-1
=============  ==============  ===========================================================

The K classifiers are trained independently with :func:`mlcourse.logistic.fit`; a new example gets
the class whose classifier gives the largest h = g(θ(k)ᵀx).
"""

from dataclasses import dataclass

import numpy as np

from . import logistic
from ._validation import (
    as_float_matrix,
    check_class_labels,
    check_lambda,
    check_num_labels,
    check_positive_int,
)
from .activations import sigmoid

__all__ = ["OneVsAllFit", "fit", "predict", "predict_proba"]


def _check_all_theta(all_theta, X):
    """Return ``all_theta`` as float64 of shape (K, n+1) for the n columns of ``X``."""
    return as_float_matrix(all_theta, "all_theta", columns=X.shape[1] + 1, shape="(K, n+1)",
                           columns_reason=f"= n+1 (intercept + the {X.shape[1]} features of X, which has "
                                          "no intercept column: it is added here)")


def _scores(all_theta, X):
    """The (m, K) scores θ(k)ᵀx of checked input: [1, X] all_thetaᵀ, as the course's predictOneVsAll."""
    with np.errstate(under="ignore", over="ignore", invalid="ignore"):  # tiny products round to 0
        scores = logistic.add_intercept(X) @ all_theta.T
    if not np.isfinite(scores).all():  # an overflow, where inf − inf may also have cancelled: no answer
        raise ValueError(f"the scores [1, X] all_thetaᵀ overflowed: X or all_theta hold numbers too large "
                         f"(largest |X| = {np.abs(X).max():.3g}, largest |all_theta| = "
                         f"{np.abs(all_theta).max():.3g}); scale the features")
    return scores


def predict_proba(all_theta, X):
    """Every classifier's h = g(θ(k)ᵀx) for every example.

    Parameters
    ----------
    all_theta : array_like, shape (K, n+1)
        One classifier per row, bias in column 0.
    X : array_like, shape (m, n)
        Examples without the intercept column.

    Returns
    -------
    ndarray of float64, shape (m, K)
        Entry (i, k) is classifier k's estimate that example i belongs to class k. The K estimates
        of a row come from separate models, so they need not add up to 1.

    Raises
    ------
    TypeError, ValueError
        For non-numeric or non-finite input, or ``all_theta`` without n+1 columns.
    """
    X = as_float_matrix(X, "X")
    all_theta = _check_all_theta(all_theta, X)
    return sigmoid(_scores(all_theta, X))


def predict(all_theta, X):
    """The class whose classifier is most confident, for each example; shape (m,), int.

    Parameters are those of :func:`predict_proba`.

    Notes
    -----
    g is increasing, so the largest h is the largest score θ(k)ᵀx; the argmax is taken over the
    scores, which never saturate to ties the way h = 1.0 can. Chapter 10.
    """
    X = as_float_matrix(X, "X")
    all_theta = _check_all_theta(all_theta, X)
    return np.argmax(_scores(all_theta, X), axis=1)


@dataclass(frozen=True)
class OneVsAllFit:
    """K trained classifiers and each one's optimiser record.

    Attributes
    ----------
    all_theta : ndarray, shape (K, n+1)
        Row k is classifier k's θ.
    results : tuple of optimize.OptimizeResult
        Classifier k's cost history, status and message.
    """

    all_theta: np.ndarray
    results: tuple

    @property
    def converged(self):
        """True if every classifier's L-BFGS-B run met its convergence test."""
        return all(result.status == "converged" for result in self.results)

    def predict(self, X):
        """Predicted classes for ``X`` (m, n), shape (m,)."""
        return predict(self.all_theta, X)

    def accuracy(self, X, y):
        """Fraction of the examples whose predicted class equals ``y``."""
        X = as_float_matrix(X, "X")
        labels = check_class_labels(y, X.shape[0], len(self.all_theta), K_is="the rows of all_theta")
        return float(np.mean(self.predict(X) == labels))


def fit(X, y, lambda_=0.1, *, num_labels=None, num_iters=400):
    """Train one regularised logistic-regression classifier per class.

    Parameters
    ----------
    X : array_like, shape (m, n)
        Examples without the intercept column.
    y : array_like of int, shape (m,)
        Class labels 0..K-1.
    lambda_ : float, default 0.1
        Regularisation strength λ ≥ 0, the same for every classifier (the course's value).
    num_labels : int, optional
        K ≥ 2. Default: the largest label + 1, refused if no label is 0 (the Octave course's 1..K).
    num_iters : int, default 400
        The iteration limit of each L-BFGS-B run.

    Returns
    -------
    OneVsAllFit
        ``all_theta`` (K, n+1) and the K optimiser results; ``converged`` tells whether all met
        their convergence test.

    Raises
    ------
    TypeError, ValueError
        For invalid ``X``, labels outside 0..K-1, λ < 0, ``num_labels`` < 2 or ``num_iters`` < 1.

    Notes
    -----
    Classifier k sees the labels [y = k] (1 for class k, 0 for the rest) and minimises the convex
    cost of :func:`mlcourse.logistic.cost`; with λ > 0 its minimum is unique, so the result does not
    depend on the starting point (θ = 0). Chapter 10.
    """
    X = as_float_matrix(X, "X")
    num_labels = check_num_labels(num_labels, y, X.shape[0], at_least=2,
                                  why=" (one-vs-all needs at least two classes to tell apart)")
    labels = check_class_labels(y, X.shape[0], num_labels, K_is="num_labels")
    lambda_ = check_lambda(lambda_)
    num_iters = check_positive_int(num_iters, "num_iters")
    X_with_intercept = logistic.add_intercept(X)
    results = tuple(logistic.fit(X_with_intercept, (labels == k).astype(np.float64), lambda_,
                                 num_iters=num_iters)
                    for k in range(num_labels))
    all_theta = np.array([result.theta for result in results])
    return OneVsAllFit(all_theta=all_theta, results=results)
