"""Your function, once it passes its check, in the rest of the chapter; the library's until then.

A chapter that can use an exercise's answer later on (running the descent with the learner's
``gradient_descent_step``, training with their ``backpropagation``) picks the function to run with
:func:`yours_or_library`::

    step = checks.yours_or_library("gradient_descent_step", gradient_descent_step, library_step)

The check is run again, quietly, on the function as it is now, so an edit made after the check cell
is not missed. The committed chapters are unsolved, so they run the library's function and print
the same lines on every machine.
"""

import contextlib
import io

from .gradient_checking_exercises import numerical_gradient
from .logistic_exercises import (
    cost,
    gradient,
    gradient_descent_step,
    regularised_cost,
    regularised_gradient,
    sigmoid_gradient,
)
from .network_exercises import backpropagation, forward_propagation, nn_cost

__all__ = ["yours_or_library"]

_CHECKS = {check.__name__: check for check in (
    sigmoid_gradient, cost, gradient, gradient_descent_step, regularised_cost, regularised_gradient,
    forward_propagation, nn_cost, backpropagation, numerical_gradient)}


def yours_or_library(exercise, yours, library):
    """``yours`` if it passes the check of ``exercise``, else ``library``; prints which one runs.

    Parameters
    ----------
    exercise : str
        The exercise's name, as its check is called: ``"gradient_descent_step"`` for
        ``checks.gradient_descent_step``.
    yours : callable
        The function you wrote for the exercise.
    library : callable
        What the chapter runs otherwise: the library's function for the same job, same arguments.

    Returns
    -------
    callable
        ``yours`` or ``library``.

    Raises
    ------
    ValueError
        If ``exercise`` names no exercise.
    TypeError
        If ``library`` is not callable. A ``yours`` that is not callable (its name reassigned in a
        cell, say) is not an error: the library's function runs, and the message says why.
    """
    if exercise not in _CHECKS:
        raise ValueError(f"exercise must be one of {', '.join(sorted(_CHECKS))}; got {exercise!r}")
    if not callable(library):
        raise TypeError(f"library must be a function; got {type(library).__name__} {library!r}")
    with contextlib.redirect_stdout(io.StringIO()):  # the check cell above already printed it
        verdict = _CHECKS[exercise](yours)
    if verdict.passed:
        print(f"Running your {exercise}: it passes its check.")
        return yours
    reason = "is not written yet" if verdict.status == "not attempted" else "does not pass its check yet"
    if not callable(yours):
        reason = (f"is not a function here but {type(yours).__name__} (did a cell assign to its name?); "
                  f"run the cell that defines it")
    print(f"Running the library's version: your {exercise} {reason}. Once it passes, run this cell again "
          "to use yours.")
    return library
