from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pytest
from hypothesis import Phase, find, given, settings

from careerladder import dumps, from_case, loads, to_case
from careerladder._check import check

if TYPE_CHECKING:
    from careerladder import Ladder
from careerladder.testing import ladders


@given(ladders(min_roles=2, max_roles=4, tracks=["ic", "management"], scale=["a", "b"]))
def test_options_are_honoured(ladder: Ladder) -> None:
    assert 2 <= len(ladder) <= 4
    assert {role.track for role in ladder} <= {"ic", "management"}
    assert [step.name for step in ladder.scale] == ["a", "b"]
    assert all(e.level in (1, 2) for role in ladder for e in role.expectations)


@given(ladders(tracks=[None, "ic", "management"]))
def test_ladders_with_moves_keep_every_invariant_and_round_trip(ladder: Ladder) -> None:
    assert check(ladder) == []
    promotions = {p.pair for p in ladder.promotions}
    assert len({m.pair for m in ladder.moves}) == len(ladder.moves)
    for move in ladder.moves:
        assert ladder.role(move.source).level == ladder.role(move.target).level
        assert move.source != move.target
        assert move.pair not in promotions
    for kind in ("yaml", "json", "toml"):
        assert loads(dumps(ladder, kind), kind) == ladder
    assert from_case(json.loads(json.dumps(to_case(ladder)))) == ladder


@pytest.mark.parametrize(
    "wanted",
    [
        lambda ladder: len(ladder.moves) >= 2,
        lambda ladder: any(isinstance(role.level, float) for role in ladder),
        lambda ladder: any(role.grade for role in ladder),
        lambda ladder: any(role.entry for role in ladder),
        lambda ladder: bool(ladder.ignore),
        lambda ladder: any(move.criteria for move in ladder.moves),
    ],
)
def test_the_strategies_reach_every_new_field(wanted: object) -> None:
    # Found, not shrunk: a smallest example is not the point.
    quick = settings(database=None, phases=[Phase.generate])
    assert wanted(find(ladders(), wanted, settings=quick))  # type: ignore[operator, arg-type]
