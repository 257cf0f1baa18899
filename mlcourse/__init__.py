"""mlcourse — logistic regression and a three-layer sigmoid network, in the Coursera ML course's notation.

One orientation everywhere, as in the course:

- examples are **rows**: ``X`` has shape (m, n), one row per example;
- every weight matrix ``Theta`` keeps the **bias in column 0**, so ``Theta1`` has shape
  (s2, n+1) and ``Theta2`` has shape (K, s2+1);
- a layer's raw scores are ``z = a @ Theta.T`` where ``a`` carries a leading column of ones;
- λ is spelled ``lambda_`` (``lambda`` is a Python keyword).

Modules, one concept each:

================  ===================================================================
``activations``   the sigmoid g(z) and its derivative g'(z), stable for any finite z
``logistic``      logistic regression: cost, gradient, feature mapping, prediction, fit
``derivation``    every line of the derivations of g' and ∂J/∂θ, as code (chapter 02)
``network``       input → sigmoid hidden layer → K sigmoid outputs: forward, backprop
``gradcheck``     numerical gradients by central differences, relative difference
``optimize``      batch gradient descent (with divergence detection) and L-BFGS-B
``datasets``      loaders for the data shipped in ``data/``, checksums verified
``checks``        checks of the chapters' exercises: "passed", or the mistake by name
``notation``      Θ = [b | W]: moving weights to and from the W, b of other notations
``environment``   is this the Python and the package versions the course was tested with?
``validation``    the input checks every public function shares
================  ===================================================================

Two library modules grow the network beyond the course's sigmoid outputs (chapter 09), imported on
demand: ``softmax`` (a softmax output layer and its network) and ``one_vs_all`` (K logistic
classifiers).

The chapters' own modules hold each chapter's computations and slider callbacks; several need
matplotlib and ipywidgets, so none is imported here: ``plotting`` (shared figures), ``lessons``
(01), ``learning_rate`` (03), ``regularisation`` (04), ``digits`` (05), ``backprop`` (06),
``gradient_checking`` (07) and ``training`` (08).

``solutions`` holds reference answers to the exercises; it is not imported here, so that it stays
out of the way until a learner opens it on purpose.

Chapter 00 has the table of every symbol, its name in code and its shape.
"""

from . import (
    activations,
    checks,
    datasets,
    derivation,
    environment,
    gradcheck,
    logistic,
    network,
    notation,
    optimize,
    validation,
)
from .activations import sigmoid, sigmoid_gradient

__version__ = "0.1.0"

__all__ = [
    "activations",
    "checks",
    "datasets",
    "derivation",
    "environment",
    "gradcheck",
    "logistic",
    "network",
    "notation",
    "optimize",
    "sigmoid",
    "sigmoid_gradient",
    "validation",
]
