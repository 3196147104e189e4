from __future__ import annotations

from typing import TYPE_CHECKING

from hypothesis import given

if TYPE_CHECKING:
    from careerladder import Ladder
from careerladder.testing import ladders


@given(ladders(min_roles=2, max_roles=4, tracks=["ic", "management"], scale=["a", "b"]))
def test_options_are_honoured(ladder: Ladder) -> None:
    assert 2 <= len(ladder) <= 4
    assert {role.track for role in ladder} <= {"ic", "management"}
    assert [step.name for step in ladder.scale] == ["a", "b"]
    assert all(e.level in (1, 2) for role in ladder for e in role.expectations)
