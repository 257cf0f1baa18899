"""Independent oracles the tests compare the library with, written out here on purpose.

The library's own ``mlcourse.gradcheck`` is itself under test, so the gradient tests of the models
use this separate, deliberately plain central difference instead.
"""

import numpy as np

from mlcourse import network


def numerical_gradient(f, theta, epsilon=1e-4):
    """Central differences (f(θ + εe_i) − f(θ − εe_i)) / 2ε for every entry of ``theta``."""
    theta = np.array(theta, dtype=np.float64)
    grad = np.zeros_like(theta)
    for i in range(theta.size):
        step = np.zeros_like(theta)
        step.flat[i] = epsilon
        grad.flat[i] = (f(theta + step) - f(theta - step)) / (2 * epsilon)
    return grad


def relative_difference(a, b):
    """‖a − b‖ / ‖a + b‖, the course's measure of agreement between two gradients."""
    return np.linalg.norm(a - b) / np.linalg.norm(a + b)


def small_network_problem(m=6, n=4, s2=5, K=3, seed=0):
    """Seeded data (every class present) and seeded weights for an n → s2 → K network."""
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(m, n))
    y = np.arange(m) % K  # every class appears
    rng.shuffle(y)
    Theta1, Theta2 = network.initialize_weights(n, s2, K, seed=seed + 1)
    return Theta1, Theta2, X, y
