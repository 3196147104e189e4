"""Settings for every test, the docstring examples included."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import matplotlib as mpl
import pytest

if TYPE_CHECKING:
    from collections.abc import Iterator

# Draw without a display, as CI machines have none.
mpl.use("Agg")


@pytest.fixture(autouse=True)
def _close_figures() -> Iterator[None]:
    """Close the figures a test or an example opened, so they do not pile up."""
    yield
    pyplot = sys.modules.get("matplotlib.pyplot")
    if pyplot is not None:
        pyplot.close("all")
