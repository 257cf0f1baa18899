"""Checks for the exercises of chapters 02–07: did the learner's function compute the right thing?

Each exercise in a chapter is a stub that the learner fills in, followed by a check cell::

    def cost(theta, X, y):
        raise NotImplementedError  # your code here

    _ = checks.cost(cost)

The check calls the function on a small fixed input, compares the answer with the library's own
and prints ``not attempted yet``, ``passed``, or the most likely mistake by name, with a hint, the
input (as code to paste into a cell) and the expected and obtained values. It returns a
:class:`CheckResult`. The learner's function cannot break the notebook: its exceptions and numpy
warnings are reported, not raised, and it works on copies of the inputs.

=================================  ===========================================================
``engine``                         the machinery every check shares; one ``Exercise`` record each
``logistic_exercises``             chapters 02–04: sigmoid_gradient, cost, gradient,
                                   gradient_descent_step, regularised_cost, regularised_gradient
``network_exercises``              chapters 05–06: forward_propagation, nn_cost, backpropagation
``network_shapes``                 the network answers' shapes and shape errors: what is missing
``gradient_checking_exercises``    chapter 07: numerical_gradient, the diagnoses of bugs a–d
``solutions``                      a learner's answer to each exercise, for after trying
=================================  ===========================================================
"""

from .engine import CheckResult
from .gradient_checking_exercises import diagnosis, numerical_gradient, print_diagnosis_choices
from .logistic_exercises import (
    cost,
    gradient,
    gradient_descent_step,
    regularised_cost,
    regularised_gradient,
    sigmoid_gradient,
)
from .network_exercises import backpropagation, forward_propagation, nn_cost

__all__ = [
    "CheckResult",
    "backpropagation",
    "cost",
    "diagnosis",
    "forward_propagation",
    "gradient",
    "gradient_descent_step",
    "nn_cost",
    "numerical_gradient",
    "print_diagnosis_choices",
    "regularised_cost",
    "regularised_gradient",
    "sigmoid_gradient",
]
