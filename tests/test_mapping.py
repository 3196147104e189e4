from __future__ import annotations

import pytest
from hypothesis import given

from careerladder import Competency, Ladder, Role, map_roles, presets
from careerladder.testing import ladders


@given(ladders())
def test_a_ladder_maps_every_role_to_itself(ladder: Ladder) -> None:
    for role_id, matches in map_roles(ladder, ladder).items():
        assert matches[0].target.id == role_id
        assert matches[0].score == pytest.approx(1.0)
        assert all(0 <= m.score <= 1 for m in matches)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("six-step", "seven-step-gpm"),
        ("seven-step-gpm", "six-step"),
        ("six-step", "head-senior-director"),
    ],
)
def test_roles_with_the_same_title_in_two_presets_match_best(a: str, b: str) -> None:
    left, right = presets.load(a), presets.load(b)
    matches = map_roles(left, right)
    for role in left:
        same = [r for r in right if r.title == role.title]
        if same:
            assert matches[role.id][0].target == same[0]
            assert matches[role.id][0].reasons[0] == f"same title {role.title!r}"


def test_what_the_sources_say_about_equivalent_titles() -> None:
    seven = presets.load("seven-step-gpm")
    torabi = presets.load("head-senior-director")
    # torabi-2023: a Senior PM is sometimes called a Group PM or a Product Lead.
    group = map_roles(seven, torabi)["group-pm"][0]
    assert group.target.id == "senior-pm"
    assert group.reasons[0] == "shared title or alias 'Group Product Manager'"
    # journey-2023 and torabi-2023 both name the entry rung Junior PM.
    junior = map_roles(presets.load("six-step"), torabi)["apm"][0]
    assert junior.target.id == "pm"
    assert "shared title or alias" in junior.reasons[0]


def test_ladders_without_shared_competencies_use_titles_and_position() -> None:
    a = Ladder(
        id="a",
        name="A",
        competencies=[Competency(id="x", name="X")],
        roles=[Role(id="one", title="Engineer", level=1), Role(id="two", title="Lead", level=2)],
        promotions=[("one", "two")],
    )
    b = Ladder(id="b", name="B", roles=[Role(id="solo", title="Lead", level=7)])
    [match] = map_roles(a, b)["two"]
    assert match.reasons == ("same title 'Lead'", "rung 2 of 2 and rung 1 of 1")
    assert match.score == pytest.approx(1.0)  # a single rung has no position to weigh
    a_lower = map_roles(a, b)["one"][0]
    assert a_lower.score == pytest.approx(0.0)
