"""Lateral moves, entry roles, decimal levels and lint ignores."""

from __future__ import annotations

import pytest

from careerladder import Assessment, Expectation, Ladder, LadderError, Move, Promotion, Role, loads
from careerladder._cli import main
from careerladder._problems import format_path


def two(**fields: object) -> Ladder:
    roles = [Role(id="a", title="A", level=2), Role(id="b", title="B", level=2)]
    return Ladder(id="l", name="L", roles=roles, **fields)  # type: ignore[arg-type]


def problems(**fields: object) -> list[tuple[str, str]]:
    with pytest.raises(LadderError) as caught:
        two(**fields)
    return [(p.code, format_path(p.path)) for p in caught.value.problems]


def test_promotions_and_moves_may_be_given_as_a_mapping() -> None:
    roles = [Role(id="a", title="A", level=1), Role(id="b", title="B", level=2)]
    ladder = Ladder(id="l", name="L", roles=roles, promotions={"a": "b"})
    assert ladder.promotions == (Promotion(source="a", target="b"),)
    assert two(moves={"a": "b"}).moves == (Move(source="a", target="b"),)
    assert two(ignore="no-expectations").ignore == ("no-expectations",)


def test_a_move_that_is_not_lateral_or_is_a_promotion_is_refused() -> None:
    assert problems(moves=[("a", "a")]) == [("level-not-equal", "moves[0]")]
    assert problems(moves=[("a", "b"), ("a", "b")]) == [("duplicate-move", "moves[1]")]
    assert problems(moves=[("a", "zz")]) == [("unknown-role", "moves[0].target")]
    roles = [Role(id="a", title="A", level=1), Role(id="b", title="B", level=2)]
    with pytest.raises(LadderError) as caught:
        Ladder(id="l", name="L", roles=roles, promotions=[("a", "b")], moves=[("a", "b")])
    assert [p.code for p in caught.value.problems] == ["move-is-promotion"]


def test_an_unknown_lint_code_is_a_problem_with_a_suggestion() -> None:
    with pytest.raises(LadderError, match="did you mean 'unused-competency'"):
        two(ignore=["unused-competncy"])


def test_ignored_lints_are_left_out() -> None:
    assert [p.code for p in two().lint()] == ["no-expectations", "no-expectations"]
    assert two(ignore=["no-expectations"]).lint() == ()


def test_remove_move() -> None:
    ladder = two(moves=[("a", "b")])
    assert ladder.remove_move("A", "B").moves == ()
    with pytest.raises(LadderError, match="no move 'b' -> 'a'"):
        ladder.remove_move("b", "a")
    assert ladder.remove_role("b").moves == ()


def test_an_expectation_level_is_a_whole_number() -> None:
    role = Role(id="a", title="A", level=1, expectations=[Expectation(competency="c", level=2.5)])  # type: ignore[arg-type]
    with pytest.raises(LadderError, match=r"level must be an integer, got 2\.5"):
        Ladder(id="l", name="L", roles=[role])


def test_entry_must_be_true_or_false_in_a_file() -> None:
    with pytest.raises(LadderError, match="expected true or false"):
        loads("id: l\nname: L\nroles: [{id: a, title: A, level: 1, entry: yes please}]\n")


def test_a_level_written_with_other_digits_is_a_problem() -> None:
    ladder = loads(
        "id: l\nname: L\ncompetencies: [{id: c, name: C}]\n"
        "roles: [{id: a, title: A, level: 1, expectations: {c: 1}}]\n"
    )
    with pytest.raises(LadderError, match=r"level .². in levels\.c is off the scale"):
        Assessment(levels={"c": "²"}).resolve(ladder)


def test_validate_refuses_an_unknown_lint_code(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--ignore", "no-expectation", "examples/ladders/acme.yaml"]) == 2
    assert "did you mean 'no-expectations'?" in capsys.readouterr().err


def test_the_format_version_is_a_whole_number() -> None:
    with pytest.raises(LadderError, match="careerladder: expected a whole number"):
        loads("careerladder: one\nid: l\nname: L\n")


def test_a_one_word_alias_from_the_title_is_a_lint() -> None:
    role = Role(id="cpo", title="Chief Product Officer", level=1, aliases=["EVP", "Product"])
    ladder = Ladder(id="l", name="L", roles=[role], ignore=["no-expectations"])
    assert [str(p) for p in ladder.lint()] == [
        "warning alias-fragment: alias 'Product' of role 'cpo' (roles[0].aliases[1]) is one "
        "word of its title; if it was cut from a longer title at a comma (aliases: [EVP, "
        'Product]), quote that title: ["EVP, Product"]'
    ]


def test_replace_and_update_role() -> None:
    ladder = two(moves=[("a", "b")], ignore=["no-expectations"])
    assert ladder.replace(name="M").name == "M"
    renamed = ladder.update_role("a", id="x", track="ic")
    assert renamed.role("x").track == "ic"
    assert renamed.moves == (Move(source="x", target="b"),)
    roles = [Role(id="a", title="A", level=1), Role(id="b", title="B", level=2)]
    up = Ladder(id="l", name="L", roles=roles, promotions=[("a", "b")], ignore=["no-expectations"])
    assert up.update_role("b", id="c").promotions == (Promotion(source="a", target="c"),)
    assert Role(id="a", title="A", level=1).replace(grade="L1").grade == "L1"


def test_a_lone_one_word_alias_is_a_nickname() -> None:
    role = Role(id="p", title="Principal Engineer", level=1, aliases=["Principal", "Senior IC"])
    assert Ladder(id="l", name="L", roles=[role], ignore=["no-expectations"]).lint() == ()
