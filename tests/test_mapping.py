from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, cast

import attrs
import pytest
from hypothesis import given

from careerladder import Competency, Expectation, Ladder, Role, load, map_roles, presets
from careerladder._mapping import DEFAULT_MIN_SCORE, RoleMapping
from careerladder.testing import ladders

if TYPE_CHECKING:
    from collections.abc import Iterator

DATA = Path(__file__).parent / "data" / "mapping"


def fixture(name: str) -> Ladder:
    return load(DATA / f"{name}.yaml")


def best(mapping: RoleMapping, role: str) -> list[str]:
    """The ids of the best match, or of every match tied for best."""
    return [m.target.id for m in mapping[role] if m.score == mapping[role][0].score]


def bare(ladder: Ladder, prefix: str) -> Ladder:
    """The ladder with titles that tell nothing and no expectations."""
    # Not the ids: an id such as "vp" or "lead" is a word a title is read by.
    return attrs.evolve(
        ladder,
        roles=[
            attrs.evolve(r, title=f"{prefix} r{i}", aliases=(), expectations=())
            for i, r in enumerate(ladder.roles)
        ],
    )


# -- Properties ---------------------------------------------------------------------


@given(ladders(tracks=[None, "ic", "management"]))
def test_a_ladder_maps_every_role_to_itself_alone(ladder: Ladder) -> None:
    for role_id, matches in map_roles(ladder, ladder).items():
        assert matches[0].target.id == role_id
        assert matches[0].score == pytest.approx(1.0)
        assert not matches[0].tied
        assert all(0 <= m.score <= 1 for m in matches)


@given(ladders(tracks=["ic", "management"]), ladders(tracks=["ic", "management"]))
def test_a_more_senior_role_never_maps_lower_on_its_track(one: Ladder, other: Ladder) -> None:
    # Expectation profiles may rightly prefer any rung; titles and tracks alone may not.
    a, b = bare(one, "Role"), bare(other, "Other")
    mapping = map_roles(a, b, min_score=0)
    for low in a:
        for high in a:
            if low.track == high.track and low.level < high.level:
                lows = [b.role(t).level for t in best(mapping, low.id)]
                highs = [b.role(t).level for t in best(mapping, high.id)]
                assert min(lows) <= min(highs)
                assert max(lows) <= max(highs)


@given(ladders(tracks=[None, "ic", "management"]), ladders(tracks=[None, "ic", "management"]))
def test_scores_are_symmetric(a: Ladder, b: Ladder) -> None:
    there = map_roles(a, b, min_score=0)
    back = map_roles(b, a, min_score=0)
    for role_id, matches in there.items():
        for match in matches:
            [reverse] = [m for m in back[match.target.id] if m.target.id == role_id]
            assert reverse.score == pytest.approx(match.score)


def test_the_presets_are_symmetric_too() -> None:
    for a in presets.names():
        for b in presets.names():
            there = map_roles(presets.load(a), presets.load(b), min_score=0)
            back = map_roles(presets.load(b), presets.load(a), min_score=0)
            for role_id, matches in there.items():
                for m in matches:
                    [r] = [r for r in back[m.target.id] if r.target.id == role_id]
                    assert r.score == pytest.approx(m.score)


# -- The presets, as a knowledgeable person maps them ----------------------------------

PRESET_ANSWERS = [
    ("six-step", "seven-step-gpm", "apm", ["apm"]),
    ("six-step", "seven-step-gpm", "senior-pm", ["senior-pm"]),
    ("six-step", "seven-step-gpm", "director-product", ["director-product"]),
    ("six-step", "seven-step-gpm", "vp-product", ["vp-product"]),
    ("six-step", "seven-step-gpm", "cpo", ["cpo"]),
    ("seven-step-gpm", "six-step", "group-pm", ["director-product"]),
    ("seven-step-gpm", "head-senior-director", "apm", ["pm"]),
    ("seven-step-gpm", "head-senior-director", "senior-pm", ["senior-pm"]),
    ("seven-step-gpm", "head-senior-director", "group-pm", ["director-product"]),
    ("seven-step-gpm", "head-senior-director", "director-product", ["director-product"]),
    ("seven-step-gpm", "head-senior-director", "cpo", ["cpo"]),
    ("head-senior-director", "six-step", "head-of-product", ["vp-product"]),
    ("head-senior-director", "six-step", "vp-product", ["vp-product"]),
    ("head-senior-director", "seven-step-gpm", "pm", ["pm"]),
    ("head-senior-director", "seven-step-gpm", "cpo", ["cpo"]),
]


@pytest.mark.parametrize(("a", "b", "role", "expected"), PRESET_ANSWERS)
def test_presets_map_as_a_product_person_would(
    a: str, b: str, role: str, expected: list[str]
) -> None:
    assert best(map_roles(presets.load(a), presets.load(b)), role) == expected


def test_group_pm_maps_to_a_manager_rung_and_says_why() -> None:
    match = map_roles(presets.load("seven-step-gpm"), presets.load("six-step"))["group-pm"][0]
    assert match.reasons[:2] == (
        "seniority: group manager here, director there; same function: product",
        "both management",
    )


def test_roles_with_the_same_title_say_so_first() -> None:
    match = map_roles(presets.load("six-step"), presets.load("seven-step-gpm"))["cpo"][0]
    assert match.reasons == (
        "same title 'Chief Product Officer'",
        "both management",
        "rung 6 of 6 here, rung 7 of 7 there; both chiefs",
        "expectations 100% alike over 12 shared competencies",
    )


# -- Ladders written for the traits real ones have ------------------------------------


def test_a_dual_track_ladder_onto_a_six_step_one() -> None:
    mapping = map_roles(fixture("product-dual-track"), presets.load("six-step"))
    assert best(mapping, "senior-pm") == ["senior-pm"]
    # An IC prefers an IC rung: Principal PM is not a director.
    assert best(mapping, "principal-pm") == ["senior-pm"]
    assert best(mapping, "group-manager") == ["director-product"]
    # "Director of Product Management" reads as "Director of Product".
    assert best(mapping, "director") == ["director-product"]
    # Senior director sits between director and VP, nearer the director's expectations.
    assert best(mapping, "senior-director") == ["director-product"]
    first, second = mapping["senior-director"][:2]
    assert (first.target.id, second.target.id) == ("director-product", "vp-product")
    assert first.score > second.score
    assert not first.tied
    assert best(mapping, "cpo") == ["cpo"]


def test_a_ladder_that_stops_at_senior_ic_does_not_reach_the_top() -> None:
    small, dual = fixture("product-small"), fixture("product-dual-track")
    up = map_roles(small, dual)
    assert best(up, "p1") == ["apm"]
    assert best(up, "p3") == ["senior-pm"]
    assert "cpo" not in [m.target.id for m in up["p4"]]
    down = map_roles(dual, small)
    assert best(down, "senior-pm") == ["p3"]
    # Managers have no equivalent on a ladder of individual contributors.
    for role in ("director", "senior-director", "vp", "cpo"):
        assert down[role] == ()
    assert map_roles(small, presets.load("seven-step-gpm"))["p4"][0].target.id == "senior-pm"


def test_different_functions_have_no_equivalent() -> None:
    mapping = map_roles(fixture("engineering"), fixture("product-dual-track"))
    assert all(matches == () for matches in mapping.values())
    low = map_roles(fixture("engineering"), fixture("product-dual-track"), min_score=0)
    assert "different functions: engineering here, product there" in low["e1"][0].reasons[0]


def test_titles_that_read_the_same_are_a_tie_unless_one_is_written_alike() -> None:
    # Punctuation is not a word: "Role a", "Role a-" and "Role-a" are one title to a reader.
    def ladder(*titles: str, prefix: str = "r") -> Ladder:
        roles = [Role(id=f"{prefix}{i}", title=t, level=1) for i, t in enumerate(titles)]
        return Ladder(id="twins", name="Twins", roles=roles)

    itself = map_roles(ladder("Role a", "Role a-"), ladder("Role a", "Role a-"))
    assert [(m.target.id, m.tied) for m in itself["r0"]] == [("r0", False), ("r1", False)]
    assert [(m.target.id, m.tied) for m in itself["r1"]] == [("r1", False), ("r0", False)]
    other = map_roles(ladder("Role a"), ladder("Role a-", "Role-a", prefix="s"))
    assert [(m.target.id, m.tied) for m in other["r0"]] == [("s0", True), ("s1", True)]
    assert other["r0"][0].reasons[-1] == "tied with Role-a (s1)"
    # Neither written alike: the same id decides.
    same = map_roles(ladder("Role a"), ladder("Role-a", "Role a-"))
    assert [(m.target.id, m.tied) for m in same["r0"]] == [("r0", False), ("r1", False)]


def test_an_extra_rung_shifts_nothing_above_it() -> None:
    engineering, platform = fixture("engineering"), fixture("platform")
    mapping = map_roles(engineering, platform)
    assert best(mapping, "e2") == ["swe"]
    # Two specialisms on one rung: a tie, not file order.
    assert best(mapping, "senior") == ["backend", "frontend"]
    assert [m.tied for m in mapping["senior"][:3]] == [True, True, False]
    # Platform's extra Lead rung does not push Staff off Staff.
    assert best(mapping, "staff") == ["staff"]
    assert best(mapping, "em") == ["eng-mgr"]
    assert best(mapping, "director") == ["head"]
    back = map_roles(platform, engineering)
    assert best(back, "lead") == ["staff"]
    assert best(back, "staff") == ["staff"]


def test_tracks_are_compared_by_meaning() -> None:
    mapping = map_roles(fixture("engineering"), fixture("platform"))
    # "engineer" and "ic" agree; so do "mgmt" and "people-manager".
    assert "both IC" in mapping["staff"][0].reasons
    assert "both management" in mapping["em"][0].reasons
    low = map_roles(fixture("engineering"), fixture("platform"), min_score=0)
    staff_for_em = next(m for m in low["em"] if m.target.id == "staff")
    assert "management role here, IC there" in staff_for_em.reasons
    small = map_roles(fixture("product-dual-track"), fixture("product-small"), min_score=0)
    assert "management role; the closest rungs are IC" in small["group-manager"][0].reasons


@attrs.frozen
class Decimal:
    """What the mapping reads of a ladder, with decimal levels that `Ladder` does not take yet."""

    roles: tuple[Role, ...]
    competencies: tuple[Competency, ...] = ()
    scale: tuple[str, ...] = ("a", "b", "c")

    def __iter__(self) -> Iterator[Role]:
        return iter(sorted(self.roles, key=lambda r: r.level))


def test_a_decimal_level_shifts_nothing_above_it() -> None:
    def ladder(extra: bool, prefix: str = "") -> Ladder:
        rungs: list[tuple[str, str, float]] = [
            ("pm", "Product Manager", 8),
            ("senior", "Senior Product Manager", 9),
            ("staff", "Staff Product Manager", 10),
            ("fellow", "Fellow", 11),
        ]
        if extra:
            rungs.append(("between", "Product Specialist", 9.5))
        roles = tuple(
            Role(id=i, title=f"{prefix} {i}" if prefix else t, level=n) for i, t, n in rungs
        )
        return cast("Ladder", Decimal(roles=roles))

    plain, shifted = ladder(extra=False), ladder(extra=True)
    mapping = map_roles(shifted, plain)
    assert best(mapping, "staff") == ["staff"]
    assert best(mapping, "fellow") == ["fellow"]
    assert best(mapping, "pm") == ["pm"]
    assert best(mapping, "between") == ["senior", "staff"]
    assert "rung 3 of 5 here, rung 2 of 4 there" in mapping["between"][0].reasons
    # Without titles to go by, the decimal rung still shifts nothing.
    unanchored = map_roles(ladder(extra=True, prefix="X"), ladder(extra=False, prefix="Y"))
    assert best(unanchored, "fellow") == ["fellow"]
    assert best(unanchored, "staff") == ["staff"]


def test_grades_count_where_both_ladders_grade_alike() -> None:
    def ladder(grades: list[str | None], prefix: str) -> Ladder:
        return Ladder(
            id=prefix,
            name=prefix,
            roles=[
                Role(id=f"r{i}", title=f"{prefix} {'abcd'[i]}", level=i + 1, grade=g)
                for i, g in enumerate(grades)
            ],
        )

    a = ladder(["L3", "L4", "L5"], "Alpha")
    b = ladder(["L3", "L4", "L5", "L6"], "Beta")
    mapping = map_roles(a, b)
    assert "same grade L5" in mapping["r2"][0].reasons
    assert mapping["r2"][0].target.id == "r2"
    low = map_roles(a, b, min_score=0)
    assert "grade L3 here, L6 there" in [r for m in low["r0"] for r in m.reasons]
    # Other systems, or an ungraded role, say nothing.
    other = ladder(["IC1", "IC2", None], "Gamma")
    assert not any("grade" in r for m in map_roles(a, other)["r0"] for r in m.reasons)
    mixed = ladder(["L3", "M4", None], "Delta")
    to_m4 = next(m for m in map_roles(a, mixed, min_score=0)["r1"] if m.target.id == "r1")
    assert not any("grade" in r for r in to_m4.reasons)


def test_competencies_are_matched_by_meaning_and_weighed_by_how_many() -> None:
    engineering, platform = fixture("engineering"), fixture("platform")
    # "communication" and "communicating" share only a name; "craft" a name read alike.
    senior = map_roles(engineering, platform)["senior"][0]
    assert senior.reasons[-2] == "expectations 100% alike over 2 shared competencies"
    one = Ladder(
        id="one",
        name="One",
        competencies=[Competency(id="c", name="Communication")],
        roles=[Role(id="a", title="Engineer", level=1, expectations=[expect("c", 5)])],
    )
    match = map_roles(one, one)["a"][0]
    assert match.reasons[-1] == "one shared competency only, weighed lightly"
    # A competency only one ladder rates is left out, not a zero.
    two = attrs.evolve(
        one,
        competencies=[*one.competencies, Competency(id="d", name="Design")],
        roles=[attrs.evolve(one.roles[0], expectations=[expect("c", 5), expect("d", 1)])],
    )
    assert map_roles(two, one)["a"][0].score == pytest.approx(1.0, abs=0.02)


def expect(competency: str, level: int) -> Expectation:
    return Expectation(competency=competency, level=level)


def test_one_rung_and_a_one_step_scale() -> None:
    a = Ladder(
        id="a",
        name="A",
        scale=["done"],
        competencies=[Competency(id="x", name="X"), Competency(id="y", name="Y")],
        roles=[
            Role(id="one", title="Engineer", level=1, expectations=[expect("x", 1)]),
            Role(id="two", title="Lead", level=2, expectations=[expect("x", 1), expect("y", 1)]),
        ],
        promotions=[("one", "two")],
    )
    b = Ladder(id="b", name="B", roles=[Role(id="solo", title="Lead", level=7)])
    [match] = map_roles(a, b)["two"]
    assert match.reasons == (
        "same title 'Lead'",
        "both IC",
        "rung 2 of 2 here, rung 1 of 1 there; both leads",
    )
    assert match.score == pytest.approx(1.0)  # a single rung has no position to weigh
    assert map_roles(a, a)["two"][0].score == pytest.approx(1.0)


def test_ladders_whose_titles_name_no_function_borrow_the_ladders() -> None:
    a = Ladder(
        id="a",
        name="A",
        roles=[
            Role(id="d", title="Director of Product", level=1),
            Role(id="sd", title="Senior Director", level=2),
        ],
        promotions=[("d", "sd")],
    )
    b = Ladder(
        id="b",
        name="B",
        roles=[
            Role(id="d", title="Director, Product", level=1),
            Role(id="sd", title="Senior Director, Product", level=2),
            Role(id="vp", title="VP of Product", level=3),
        ],
    )
    match = map_roles(a, b)["sd"][0]
    assert match.target.id == "sd"
    assert match.reasons[0] == "same seniority: senior director; same function: product"


def test_aliases_are_read_too() -> None:
    a = Ladder(
        id="a",
        name="A",
        roles=[Role(id="x", title="Product Thing", level=1, aliases=["Senior PM"])],
    )
    b = Ladder(id="b", name="B", roles=[Role(id="y", title="Sr. Product Manager", level=1)])
    assert map_roles(a, b)["x"][0].reasons[0] == (
        "same seniority: senior; same function: product (reading 'Senior PM')"
    )


def test_titles_that_tell_nothing_are_neither_for_nor_against() -> None:
    a = Ladder(id="a", name="A", roles=[Role(id="x", title="Wizard", level=1)])
    b = Ladder(id="b", name="B", roles=[Role(id="y", title="Sorcerer", level=1)])
    [match] = map_roles(a, b, min_score=0)["x"]
    assert match.score == pytest.approx(0.5)
    assert match.reasons == ("rung 1 of 1 here, rung 1 of 1 there",)


def test_the_default_minimum_score() -> None:
    assert DEFAULT_MIN_SCORE == 0.5


def test_grades_in_titles_are_read() -> None:
    a = Ladder(id="a", name="A", roles=[Role(id="x", title="Engineer II", level=1)])
    b = Ladder(
        id="b",
        name="B",
        roles=[
            Role(id="y", title="Developer 2", level=1),
            Role(id="z", title="Developer 3", level=2),
        ],
    )
    mapping = map_roles(a, b, min_score=0)
    assert mapping["x"][0].reasons[0] == "same title grade: 2; same function: engineering"
    assert mapping["x"][1].reasons[0] == ("title grade 2 here, 3 there; same function: engineering")


def _plain(ladder_id: str, titles: list[str]) -> Ladder:
    roles = [Role(id=f"r{n}", title=title, level=n) for n, title in enumerate(titles, 1)]
    return Ladder(id=ladder_id, name=ladder_id, roles=roles, ignore=["no-expectations"])


def test_a_title_without_a_seniority_word_is_as_senior_as_its_rung() -> None:
    # "Engineer I" says no seniority, but it is the bottom rung: a Fellow is not it.
    low = _plain(
        "a",
        [
            "Engineer I",
            "Engineer II",
            "Senior Engineer",
            "Staff Engineer",
            "Principal Engineer",
        ],
    )
    high = _plain("b", ["Senior Engineer", "Principal Engineer", "Engineering Fellow"])
    assert best(map_roles(high, low), "r3") == ["r5"]
    assert best(map_roles(low, high), "r1") == ["r1"]


def test_an_alias_tells_the_rank_of_a_bare_title() -> None:
    numbered = Ladder(
        id="c",
        name="c",
        ignore=["no-expectations"],
        roles=[
            Role(id=f"e{n}", title=f"Engineer {n}", level=n, aliases=aliases)
            for n, aliases in [
                (1, []),
                (2, []),
                (3, ["Senior Engineer"]),
                (4, ["Staff Engineer"]),
                (5, ["Principal Engineer"]),
            ]
        ],
    )
    named = _plain(
        "d", ["Software Engineer", "Senior Engineer", "Staff Engineer", "Principal Engineer"]
    )
    mapping = map_roles(named, numbered)
    assert [best(mapping, f"r{n}") for n in (2, 3, 4)] == [["e3"], ["e4"], ["e5"]]
