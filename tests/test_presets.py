from __future__ import annotations

import pytest

from careerladder import LadderError, dumps, loads, presets


def test_unknown_preset_lists_the_known_ones() -> None:
    with pytest.raises(LadderError) as caught:
        presets.load("seven-step")
    [problem] = caught.value.problems
    assert problem.code == "unknown-preset"
    assert problem.message.startswith("no preset 'seven-step'; did you mean ")
    assert all(name in problem.message for name in presets.names())


@pytest.mark.parametrize("name", presets.names())
def test_presets_are_strict_clean(name: str) -> None:
    assert presets.load(name).lint() == ()


@pytest.mark.parametrize("name", presets.names())
@pytest.mark.parametrize("kind", ["yaml", "json", "toml"])
def test_presets_round_trip(name: str, kind: str) -> None:
    ladder = presets.load(name)
    assert loads(dumps(ladder, kind), kind) == ladder


def test_six_step_order() -> None:
    assert [r.title for r in presets.load("six-step")] == [
        "Associate Product Manager",
        "Product Manager",
        "Senior Product Manager",
        "Director of Product",
        "VP of Product",
        "Chief Product Officer",
    ]
