"""Solutions to the exercises of chapters 02–08.

Open this file only after you have tried an exercise and run its check cell: working out why a
check says "forgot 1/m" teaches more than reading the answer. These are the solutions a learner
would write — plain vectorised numpy in the course's notation — not the library's implementation,
which computes the cost from z to stay finite for any input (chapter 01 shows why).

Each function here passes its check, e.g. ``checks.cost(solutions.cost)`` after
``from mlcourse.checks import solutions``. None calls the library function it is the answer to.
"""

import numpy as np

from mlcourse.activations import sigmoid

__all__ = [
    "backpropagation",
    "cost",
    "forward_propagation",
    "gradient",
    "gradient_descent_step",
    "nn_cost",
    "numerical_gradient",
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


# --- the network (chapters 05–08) ----------------------------------------------------------------

def forward_propagation(Theta1, Theta2, X):
    """a3 = h, the (m, K) outputs of the three-layer network. Chapter 05.

    ``Theta1`` (s2, n+1), ``Theta2`` (K, s2+1), ``X`` (m, n) without a bias column. Each layer is
    z = a @ Theta.T: the course's z = Θ a for one example as a column, with the m examples as rows.
    """
    m = X.shape[0]
    a1 = np.hstack([np.ones((m, 1)), X])  # (m, n+1): the bias unit a0 = 1 in column 0
    z2 = a1 @ Theta1.T  # (m, s2)
    a2 = np.hstack([np.ones((m, 1)), sigmoid(z2)])  # (m, s2+1): the bias unit is added after g
    z3 = a2 @ Theta2.T  # (m, K)
    return sigmoid(z3)  # (m, K)


def nn_cost(Theta1, Theta2, X, y, lambda_):
    """J(Θ) = (1/m) Σ_i Σ_k [−Y log h − (1 − Y) log(1 − h)] + λ/(2m) Σ Θ², bias columns left out.

    ``y`` (m,) holds labels 0..K-1. Chapter 05.
    """
    m = X.shape[0]
    h = forward_propagation(Theta1, Theta2, X)  # (m, K)
    K = h.shape[1]
    Y = np.eye(K)[y]  # (m, K) one-hot: row i is row y[i] of the identity
    # elementwise over the (m, K) matrix, then summed over examples i and output units k
    J = np.sum(-Y * np.log(h) - (1 - Y) * np.log(1 - h)) / m
    penalty = lambda_ / (2 * m) * (np.sum(Theta1[:, 1:] ** 2) + np.sum(Theta2[:, 1:] ** 2))
    return J + penalty


def backpropagation(Theta1, Theta2, X, y, lambda_):
    """(Theta1_grad, Theta2_grad), shaped like Theta1 and Theta2, by vectorised backprop. Chapter 07.

    δ(3) = a3 − Y; δ(2) = δ(3) Θ(2) ⊙ g'(z2) with Θ(2)'s bias column dropped; then
    Δ(l) = δ(l+1)ᵀ a(l), summed over the examples by the matrix product, and ∂J/∂Θ(l) = Δ(l)/m
    plus (λ/m) Θ(l) off the bias column.
    """
    m = X.shape[0]
    a1 = np.hstack([np.ones((m, 1)), X])
    z2 = a1 @ Theta1.T
    a2 = np.hstack([np.ones((m, 1)), sigmoid(z2)])
    a3 = sigmoid(a2 @ Theta2.T)
    Y = np.eye(Theta2.shape[0])[y]

    delta3 = a3 - Y  # (m, K): the g'(z3) of the chain rule cancels against the cost's 1/(h(1 − h))
    # (m, s2): no error flows back into the constant bias unit, so Θ(2)'s column 0 is left out
    delta2 = (delta3 @ Theta2[:, 1:]) * sigmoid_gradient(z2)
    Delta1 = delta2.T @ a1  # (s2, n+1): Σ_i δ(2) a(1)ᵀ over the examples
    Delta2 = delta3.T @ a2  # (K, s2+1)

    Theta1_grad = Delta1 / m
    Theta2_grad = Delta2 / m
    Theta1_grad[:, 1:] += lambda_ / m * Theta1[:, 1:]  # the bias column is not regularised
    Theta2_grad[:, 1:] += lambda_ / m * Theta2[:, 1:]
    return Theta1_grad, Theta2_grad


def numerical_gradient(f, theta, epsilon):
    """Central differences (f(θ + ε e_i) − f(θ − ε e_i)) / (2ε) for every entry i; theta's shape.

    ``theta`` may be a vector or a matrix; it is never changed. Chapter 08.
    """
    grad = np.zeros_like(theta, dtype=float)
    for i in np.ndindex(theta.shape):  # every index of theta, (j,) for a vector, (j, k) for a matrix
        theta_plus = theta.astype(float)  # a fresh copy each time: theta itself is never nudged
        theta_minus = theta.astype(float)
        theta_plus[i] += epsilon
        theta_minus[i] -= epsilon
        grad[i] = (f(theta_plus) - f(theta_minus)) / (2 * epsilon)
    return grad
