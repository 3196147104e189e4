from __future__ import annotations

import os
from typing import TYPE_CHECKING

import pytest
from hypothesis import settings

if TYPE_CHECKING:
    from careerladder import Ladder
from helpers import dual_track

# CI draws the same examples on every run (seeded from each test), so that a landing is
# never held up by a case drawn for the first time; "dev" and "fuzz" explore anew.
settings.register_profile("ci", max_examples=60, deadline=None, derandomize=True)
settings.register_profile("dev", max_examples=30, deadline=None)
settings.register_profile("fuzz", max_examples=5000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))


@pytest.fixture
def ladder() -> Ladder:
    return dual_track()
