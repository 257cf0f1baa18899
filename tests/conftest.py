"""Fixtures every test file shares."""

import sys

import pytest

from mlcourse.checks import later_inputs

# The checks draw their fresh inputs from the operating system's entropy, so that a learner cannot
# copy answers from one session into the next; the tests fix the sequence, so that a verdict on a
# wrong answer (which may depend on the input, e.g. a value that happens to round well) is the same
# in every run. test_checks_engine checks the course's setting in fresh processes.
later_inputs.SEED = 20240607


@pytest.fixture(autouse=True)
def close_figures():
    """Close every pyplot figure a test leaves open, so figures do not pile up across tests.

    Only when pyplot has been imported: the library's own tests run without matplotlib.
    """
    yield
    pyplot = sys.modules.get("matplotlib.pyplot")
    if pyplot is not None:
        pyplot.close("all")
