"""Fixtures every test file shares."""

import sys

import pytest


@pytest.fixture(autouse=True)
def close_figures():
    """Close every pyplot figure a test leaves open, so figures do not pile up across tests.

    Only when pyplot has been imported: the library's own tests run without matplotlib.
    """
    yield
    pyplot = sys.modules.get("matplotlib.pyplot")
    if pyplot is not None:
        pyplot.close("all")
