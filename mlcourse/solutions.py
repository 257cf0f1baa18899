"""Solutions to the exercises of chapters 02–04.

Open this file only after you have tried an exercise and run its check cell: working out why a
check says "forgot 1/m" teaches more than reading the answer. These are the solutions a learner
would write — plain vectorised numpy in the course's notation — not the library's implementation,
which computes the cost from z to stay finite for any input (chapter 01 shows why).

Each function here passes its check, e.g. ``mlcourse.checks.cost(mlcourse.solutions.cost)``.
"""

import numpy as np

from mlcourse.activations import sigmoid

__all__ = [
    "cost",
    "gradient",
    "gradient_descent_step",
    "regularised_cost",
    "regularised_gradient",
    "sigmoid_gradient",
]


def sigmoid_gradient(z):
    """g'(z) = g(z)(1 − g(z)), elementwise; ``z`` of any shape. Chapter 02."""
    g = sigmoid(z)
    return g * (1 - g)  # elementwise *, so the result has the shape of z


def cost(theta, X, y):
    """J(θ) = (1/m) Σ [−y log h − (1 − y) log(1 − h)], h = g(Xθ). Chapter 02.

    ``theta`` (n+1,), ``X`` (m, n+1) with the intercept column, ``y`` (m,); returns a number.
    """
    m = X.shape[0]  # the rows of this X, not a global m
    h = sigmoid(X @ theta)  # (m,): one probability per example
    # y @ log(h) is the sum over examples of y_i log h_i; both vectors are 1-D, so nothing broadcasts
    return (-y @ np.log(h) - (1 - y) @ np.log(1 - h)) / m


def gradient(theta, X, y):
    """∂J/∂θ = (1/m) Xᵀ(h − y), h = g(Xθ); shape (n+1,). Chapter 02."""
    m = X.shape[0]
    h = sigmoid(X @ theta)
    # Xᵀ (n+1, m) @ (h − y) (m,): entry j is the sum over examples of (h_i − y_i) x_ij
    return X.T @ (h - y) / m


def gradient_descent_step(theta, X, y, alpha):
    """One step θ − α ∇J(θ); returns a new array and leaves ``theta`` unchanged. Chapter 03."""
    return theta - alpha * gradient(theta, X, y)  # not theta -= …, which would change the caller's θ


def regularised_cost(theta, X, y, lambda_):
    """J(θ) + λ/(2m) Σ_{j≥1} θj²; the bias θ0 is not regularised. Chapter 04."""
    m = X.shape[0]
    weights = theta[1:]  # θ1..θn: the bias only shifts the boundary, so it is not penalised
    return cost(theta, X, y) + lambda_ / (2 * m) * np.sum(weights ** 2)


def regularised_gradient(theta, X, y, lambda_):
    """∂J/∂θ + (λ/m) θj for j ≥ 1, nothing added for θ0; shape (n+1,). Chapter 04."""
    m = X.shape[0]
    grad = gradient(theta, X, y)  # a new array, so changing it below leaves theta alone
    grad[1:] += lambda_ / m * theta[1:]
    return grad
