"""mlcourse — logistic regression and a three-layer sigmoid network, in the Coursera ML course's notation.

One orientation everywhere, as in the course:

- examples are **rows**: ``X`` has shape (m, n), one row per example;
- every weight matrix ``Theta`` keeps the **bias in column 0**, so ``Theta1`` has shape
  (s2, n+1) and ``Theta2`` has shape (K, s2+1);
- a layer's raw scores are ``z = a @ Theta.T`` where ``a`` carries a leading column of ones;
- λ is spelled ``lambda_`` (``lambda`` is a Python keyword).

Modules, one concept each — the library a learner keeps using after the course:

================  ===================================================================
``activations``   the sigmoid g(z) and its derivative g'(z), stable for any finite z
``logistic``      logistic regression: cost, gradient, feature mapping, prediction, fit
``network``       input → sigmoid hidden layer → K sigmoid outputs: forward, backprop
``softmax``       the same network with a softmax output layer (chapter 10)
``one_vs_all``    K logistic classifiers, one per class (chapter 10)
``gradcheck``     numerical gradients by central differences, relative difference
``optimize``      batch gradient descent (with divergence detection) and L-BFGS-B
``datasets``      loaders for the data shipped in ``data/``, checksums verified
``notation``      Θ = [b | W]: moving weights to and from the W, b of other notations
================  ===================================================================

``_validation`` holds the input checks every public function shares; it is private.

Two subpackages go with the notebooks and are not imported here:

- ``mlcourse.chapters``: a companion for each chapter that needs one (``ch07_backpropagation`` for
  ``07-backpropagation.ipynb``) with its figures, sliders and experiment harnesses, and
  ``plotting`` for the figures several chapters share;
- ``mlcourse.checks``: the exercises' checks (``checks.cost(cost)`` prints "passed" or names the
  mistake) and, in ``mlcourse.checks.solutions``, reference answers kept out of the way until a
  learner opens them on purpose.

Chapter 00 has the table of every symbol, its name in code and its shape.
"""

from . import activations, datasets, gradcheck, logistic, network, notation, one_vs_all, optimize, softmax
from .activations import sigmoid, sigmoid_gradient

__version__ = "0.1.0"

__all__ = ["activations", "datasets", "gradcheck", "logistic", "network", "notation", "one_vs_all",
           "optimize", "sigmoid", "sigmoid_gradient", "softmax"]
