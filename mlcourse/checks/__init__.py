"""Checks for the exercises of chapters 02–08: did the learner's function compute the right thing?

Each exercise in a chapter is a stub that the learner fills in, followed by a check cell::

    def cost(theta, X, y):
        raise NotImplementedError  # your code here

    _ = checks.cost(cost)

The check calls the function on a small teaching input, then on further seeded inputs (other sizes,
other λ and α, scores up to |z| ≈ 30), then on one input drawn anew for every run, compares each
answer with the library's own and prints ``not attempted yet``, ``passed``, or the most likely
mistake by name, with a hint, the input (as code to paste into a cell) and the expected and
obtained values. A pass needs every input; when only a later one fails, the verdict says what
differs (a hard-coded size, a λ from a global, answers copied from a verdict). It returns a
:class:`CheckResult`. Nothing the learner passes or writes can break the notebook: something that
is not a function, or takes other parameters, gets a verdict before any call; the function works on
copies of the inputs, each call is stopped after a time limit where the platform allows it, and
its exceptions, numpy warnings and odd results (text, complex values, ints, a list or a np.matrix
where the chapter goes on with an array) are reported by name, not raised.

=================================  ===========================================================
``engine``                         the machinery every check shares; one ``Exercise`` record each
``learner_code``                   can it be called, the time limit, the line of the learner's code that
                                   raised, a size in numpy's message that no argument has
``later_inputs``                   what a verdict says when only the teaching input passes; the input
                                   drawn anew for every run
``reading``                        what came back: real numbers, or a named form (text, complex, int,
                                   a dict, a list where an array is meant)
``verdicts``                       ``CheckResult``, the verdict, and how it prints
``logistic_exercises``             chapters 02–04: sigmoid_gradient, cost, gradient,
                                   gradient_descent_step, regularised_cost, regularised_gradient
``logistic_mistakes``              what each mistake of chapters 02–04 returns, by name
``network_exercises``              chapters 05–07: forward_propagation, nn_cost, backpropagation
``network_mistakes``               what each mistake of chapters 05–07 returns, by name
``network_shapes``                 the network answers' shapes and shape errors: what is missing
``gradient_checking_exercises``    chapter 08: numerical_gradient, the diagnoses of bugs a–d
``progress``                       the learner's table of verdicts, read from the saved chapters
``grading``                        runs a class's chapters, one CSV row per learner and exercise
``solutions``                      a learner's answer to each exercise, for after trying
``yours``                          the learner's function, once it passes, in the rest of a chapter
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
from .yours import yours_or_library

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
    "yours_or_library",
]
