from __future__ import annotations

from typing import Any

import attrs
import pytest

from careerladder import Competency, Expectation, Ladder, LadderError, Promotion, Reference, Role
from careerladder._check import MAX_CYCLES, slug
from careerladder._problems import format_path
from helpers import dual_track, expect


def problems_of(**changes: Any) -> list[tuple[str, str, str]]:
    with pytest.raises(LadderError) as caught:
        attrs.evolve(dual_track(), **changes)
    return [(p.code, format_path(p.path), p.message) for p in caught.value.problems]


def only(**changes: Any) -> tuple[str, str, str]:
    found = problems_of(**changes)
    assert len(found) == 1, found
    return found[0]


def test_a_valid_ladder_builds() -> None:
    assert len(dual_track()) == 6


def test_duplicate_role_id() -> None:
    roles = (*dual_track().roles, Role(id="pm", title="Other", level=9))
    assert only(roles=roles) == (
        "duplicate-id",
        "roles[6].id",
        "duplicate role id 'pm' in roles[6].id; roles[0].id already uses it, and ids must "
        "be unique",
    )


def test_duplicate_competency_and_reference_ids() -> None:
    found = problems_of(
        competencies=[*dual_track().competencies, Competency(id="craft", name="Again")],
        references=[Reference(id="r", title="A"), Reference(id="r", title="B")],
    )
    assert [(code, path) for code, path, _ in found] == [
        ("duplicate-id", "references.r"),
        ("duplicate-id", "competencies[2].id"),
    ]


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        (
            "Senior PM",
            "role id 'Senior PM' in roles[0].id is not a valid id; use letters, "
            "digits, '-' and '_', starting with a letter or digit (for example 'senior-pm')",
        ),
        ("", "roles[0].id is empty; give the role an id"),
        (
            "-pm",
            "role id '-pm' in roles[0].id is not a valid id; use letters, digits, '-' and "
            "'_', starting with a letter or digit (for example 'pm')",
        ),
    ],
)
def test_invalid_ids_say_what_would_be_right(bad: str, message: str) -> None:
    with pytest.raises(LadderError) as caught:
        Ladder(id="l", name="L", roles=[Role(id=bad, title="T", level=1)])
    assert caught.value.problems[0].message == message


def test_wrong_types_from_python_code_are_problems_not_crashes() -> None:
    with pytest.raises(LadderError) as caught:
        Ladder(
            id=3,  # type: ignore[arg-type]
            name="L",
            roles=[Role(id="a", title=None, level="2")],  # type: ignore[arg-type]
        )
    assert [(p.code, format_path(p.path)) for p in caught.value.problems] == [
        ("wrong-type", "id"),
        ("wrong-type", "roles[0].level"),
        ("wrong-type", "roles[0].title"),
    ]
    assert caught.value.problems[1].message == "roles[0].level must be a number, got '2'"


def test_booleans_are_not_levels() -> None:
    code, path, _ = only(roles=[Role(id="a", title="A", level=True)], promotions=[])
    assert (code, path) == ("wrong-type", "roles[0].level")


def test_unknown_competency_suggests_the_closest() -> None:
    roles = [Role(id="a", title="A", level=1, expectations=expect(crafts=2))]
    assert only(roles=roles, promotions=[]) == (
        "unknown-competency",
        "roles[0].expectations.crafts",
        "unknown competency 'crafts' in roles[0].expectations.crafts; did you mean 'craft'?",
    )


def test_unknown_source_names_the_fix() -> None:
    assert only(
        competencies=[
            Competency(id="craft", name="C", sources=["nowhere"]),
            Competency(id="people", name="P"),
        ]
    ) == (
        "unknown-source",
        "competencies[0].sources[0]",
        "unknown source 'nowhere' in competencies[0].sources[0]; add it under references",
    )


def test_sources_of_roles_and_expectations_resolve() -> None:
    with pytest.raises(LadderError) as caught:
        Ladder(
            id="l",
            name="L",
            references=[Reference(id="book", title="Book")],
            competencies=[Competency(id="c", name="C", sources=["book"])],
            roles=[
                Role(
                    id="a",
                    title="A",
                    level=1,
                    sources=["book"],
                    expectations=[Expectation(competency="c", level=1, sources=["bok"])],
                )
            ],
        )
    assert [p.message for p in caught.value.problems] == [
        "unknown source 'bok' in roles[0].expectations.c.sources[0]; did you mean 'book'?"
    ]


def test_unknown_promotion_ends() -> None:
    found = problems_of(promotions=[("pm", "senior-pn"), ("ghost", "pm")])
    assert found == [
        (
            "unknown-role",
            "promotions[0].target",
            "unknown role 'senior-pn' in promotions[0].target; did you mean 'senior-pm'?",
        ),
        (
            "unknown-role",
            "promotions[1].source",
            "unknown role 'ghost' in promotions[1].source; expected one of: director, gpm, pm, "
            "principal-pm, senior-pm, staff-pm",
        ),
    ]


def test_promotion_must_rise() -> None:
    assert only(promotions=[("gpm", "staff-pm")]) == (
        "level-not-rising",
        "promotions[0]",
        "promotion 'gpm' -> 'staff-pm' in promotions[0] does not rise: 'staff-pm' is level 3 "
        "and 'gpm' is level 3; a promotion must go to a higher level",
    )


def test_cycle_names_its_roles_in_order_and_the_closing_edge() -> None:
    promotions = [*dual_track().promotions, Promotion(source="director", target="pm")]
    found = problems_of(promotions=promotions)
    assert found[-1] == (
        "cycle",
        "promotions[6]",
        "promotions form a cycle: pm -> senior-pm -> staff-pm -> director -> pm; remove the "
        "promotion 'director' -> 'pm' in promotions[6] or another one on the cycle",
    )
    assert [code for code, _, _ in found] == ["level-not-rising", "cycle"]


def test_every_cycle_is_reported_up_to_the_bound() -> None:
    roles = [Role(id=f"r{i}", title=f"R{i}", level=1) for i in range(2 * (MAX_CYCLES + 5))]
    pairs = [(f"r{i}", f"r{i + 1}") for i in range(0, len(roles), 2)]
    pairs += [(b, a) for a, b in pairs]
    with pytest.raises(LadderError) as caught:
        Ladder(id="l", name="L", roles=roles, promotions=pairs)
    cycles = [p for p in caught.value.problems if p.code == "cycle"]
    assert len(cycles) == MAX_CYCLES


def test_duplicate_promotion_and_self_promotion() -> None:
    found = problems_of(promotions=[("pm", "senior-pm"), ("pm", "senior-pm"), ("pm", "pm")])
    assert [(c, p) for c, p, _ in found] == [
        ("duplicate-promotion", "promotions[1]"),
        ("level-not-rising", "promotions[2]"),
        ("cycle", "promotions[2]"),
    ]


def test_level_off_scale_lists_the_scale() -> None:
    roles = [Role(id="a", title="A", level=1, expectations=expect(craft=6))]
    assert only(roles=roles, promotions=[], scale=["low", "mid", "high"]) == (
        "level-off-scale",
        "roles[0].expectations.craft.level",
        "level 6 in roles[0].expectations.craft.level is off the scale; expected 1 to 3 "
        "(1 low, 2 mid, 3 high)",
    )


def test_duplicate_expectation() -> None:
    roles = [Role(id="a", title="A", level=1, expectations=[*expect(craft=1), *expect(craft=2)])]
    assert only(roles=roles, promotions=[]) == (
        "duplicate-expectation",
        "roles[0].expectations.craft",
        "role 'a' expects competency 'craft' twice (roles[0].expectations.craft); keep one",
    )


def test_a_title_or_alias_names_one_role_in_any_case() -> None:
    roles = [
        Role(id="a", title="Lead", level=1),
        Role(id="b", title="B", level=2, aliases=["lead"]),
    ]
    assert only(roles=roles, promotions=[]) == (
        "duplicate-title",
        "roles[1].aliases[0]",
        "title 'lead' in roles[1].aliases[0] also names role 'a' (roles[0].title); a title or "
        "alias must name one role",
    )


def test_a_role_may_repeat_its_own_title_as_an_alias() -> None:
    Ladder(id="l", name="L", roles=[Role(id="a", title="Lead", level=1, aliases=["LEAD"])])


@pytest.mark.parametrize(
    ("scale", "message"),
    [
        ((), "scale is empty; name at least one level, lowest first"),
        (
            ("low", "3"),
            "scale level '3' in scale[1] is a number; name levels with words so "
            "that a level can be given by number or by name",
        ),
        (("low", "Low"), "scale level 'Low' in scale[1] appears twice"),
        (("low", " "), "scale[1] is empty; give the level a name"),
    ],
)
def test_scale_problems(scale: tuple[str, ...], message: str) -> None:
    with pytest.raises(LadderError) as caught:
        Ladder(id="l", name="L", scale=scale)
    assert [p.message for p in caught.value.problems] == [message]


def test_all_problems_are_collected_at_once() -> None:
    found = problems_of(
        name="",
        roles=[Role(id="a", title="A", level=1, expectations=expect(nope=9))],
        promotions=[("a", "b")],
    )
    assert [code for code, _, _ in found] == [
        "empty-field",
        "unknown-competency",
        "level-off-scale",
        "unknown-role",
    ]


def test_reference_needs_a_title() -> None:
    with pytest.raises(LadderError, match=r"references.r.title is empty"):
        Ladder(id="l", name="L", references=[Reference(id="r", title="")])


def test_slug_makes_a_valid_id() -> None:
    assert slug("Senior PM (Growth)") == "senior-pm-growth"
    assert slug("!!!") == "id"


# -- lints -------------------------------------------------------------------------------


def test_lints_of_a_clean_ladder_are_empty() -> None:
    assert dual_track().lint() == ()


def test_lint_expectation_drops() -> None:
    ladder = dual_track().add_expectation("senior-pm", Expectation(competency="craft", level=1))
    [problem] = ladder.lint()
    assert (problem.severity, problem.code, format_path(problem.path)) == (
        "warning",
        "expectation-drops",
        "roles[1].expectations.craft",
    )
    assert problem.message == (
        "competency 'craft' drops from level 2 in 'pm' to level 1 in 'senior-pm' "
        "(roles[1].expectations.craft) along promotions[0]; a promotion should not lower an "
        "expectation"
    )


def test_a_promotion_onto_another_track_may_lower_an_expectation() -> None:
    # A senior engineer promoted to engineering manager writes less code.
    ladder = Ladder(
        id="eng",
        name="Eng",
        competencies=[Competency(id="code", name="Code"), Competency(id="people", name="People")],
        roles=[
            Role(id="senior", title="Senior", level=3, track="ic", expectations={"code": 4}),
            Role(
                id="em",
                title="EM",
                level=4,
                track="management",
                expectations={"code": 2, "people": 3},
            ),
            Role(id="staff", title="Staff", level=4, track="ic", expectations={"code": 3}),
        ],
        promotions=[("senior", "em"), ("senior", "staff")],
    )
    # On its own track the drop is still one.
    assert [(p.code, p.path[-1]) for p in ladder.lint()] == [("expectation-drops", "code")]
    assert "'staff'" in ladder.lint()[0].message


def test_lint_unreachable_role_no_expectations_unused_competency() -> None:
    ladder = (
        dual_track()
        .add_role(Role(id="vp", title="VP", level=5))
        .add_competency(Competency(id="vision", name="Vision"))
    )
    assert [(p.code, format_path(p.path)) for p in ladder.lint()] == [
        ("unreachable-role", "roles[6]"),
        ("no-expectations", "roles[6]"),
        ("unused-competency", "competencies[2]"),
    ]
    assert ladder.lint()[0].message == (
        "no entry role reaches role 'vp' (roles[6]): no promotion or move leads to it and its "
        "level 5 is above the entry level 1; add a promotion into it, or mark it 'entry: true' "
        "if people are hired into it"
    )


def test_an_expectation_needs_a_competency_id() -> None:
    roles = [Role(id="a", title="A", level=1, expectations=[Expectation(competency="", level=1)])]
    assert only(roles=roles, promotions=[]) == (
        "empty-field",
        "roles[0].expectations['']",
        "roles[0].expectations[''] is empty; give the expectation a competency",
    )


def test_a_promotion_between_roles_with_bad_levels_is_not_judged_for_rising() -> None:
    roles = [Role(id="a", title="A", level="1"), Role(id="b", title="B", level=2)]  # type: ignore[arg-type]
    assert [c for c, _, _ in problems_of(roles=roles, promotions=[("a", "b")])] == ["wrong-type"]


def test_an_unhashable_competency_is_a_problem_not_a_crash() -> None:
    role = Role(id="a", title="A", level=1, expectations=[Expectation(competency=["c"], level=1)])  # type: ignore[arg-type]
    with pytest.raises(LadderError) as caught:
        Ladder(id="l", name="L", roles=[role])
    assert caught.value.problems[0].code == "wrong-type"
