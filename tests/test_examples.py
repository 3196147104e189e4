from __future__ import annotations

import runpy
from typing import TYPE_CHECKING

from careerladder import loads

if TYPE_CHECKING:
    import pytest


def test_quickstart_prints_the_ladder_it_builds(capsys: pytest.CaptureFixture[str]) -> None:
    namespace = runpy.run_path("examples/quickstart.py")
    out = capsys.readouterr().out
    head, _, text = out.partition("\n\n")
    assert head.splitlines() == [
        "After Senior PM: Staff Product Manager, Group Product Manager",
        "To become a Group PM, raise people to level 3",
    ]
    assert loads(text) == namespace["ladder"]
