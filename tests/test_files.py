from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import careerladder
from careerladder import Ladder, LadderError, dump, dumps, load, loads
from careerladder._formats._files import check_text
from careerladder._formats._locate import Locator
from careerladder._limits import DEFAULT_LIMITS
from careerladder._problems import format_path
from careerladder.testing import ladders
from helpers import dual_track

EXAMPLES = sorted(Path("examples/ladders").iterdir())


def problems(text: str, format: str = "yaml") -> list[str]:  # noqa: A002
    with pytest.raises(LadderError) as caught:
        loads(text, format, file="f")
    return [str(p) for p in caught.value.problems]


MINIMAL = "id: l\nname: L\n"


# -- round trips -------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["yaml", "json", "toml"])
@given(ladder=ladders(tracks=[None, "ic", "management"]))
def test_load_of_dump_is_the_same_ladder(kind: str, ladder: Ladder) -> None:
    assert loads(dumps(ladder, kind), kind) == ladder


@pytest.mark.parametrize("kind", ["yaml", "json", "toml"])
def test_dump_is_stable(kind: str) -> None:
    assert dumps(dual_track(), kind) == dumps(dual_track(), kind)


def test_dump_uses_short_forms_and_omits_defaults() -> None:
    ladder = dual_track().add_promotion("pm", "staff-pm", criteria=["Outstanding"])
    text = dumps(ladder)
    assert "  expectations:\n    craft: 2\n" in text
    assert (
        "  promotes_to:\n  - senior-pm\n  - role: staff-pm\n    criteria:\n    - Outstanding\n"
        in text
    )
    assert "scale" not in text
    assert "description" not in text
    assert text.startswith("careerladder: 1\nid: dual\n")


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_examples_load_and_are_strict_clean(path: Path) -> None:
    assert load(path).lint() == ()


@pytest.mark.parametrize("kind", ["yaml", "json", "toml"])
def test_dump_and_load_files_by_suffix(tmp_path: Path, kind: str) -> None:
    target = tmp_path / f"ladder.{kind}"
    dump(dual_track(), target)
    assert load(target) == dual_track()
    assert load(str(target), kind) == dual_track()
    assert [p.name for p in tmp_path.iterdir()] == [target.name]


def test_dump_replaces_whole_or_not_at_all(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "ladder.yaml"
    dump(dual_track(), target)
    before = target.read_text()

    def broken(*_: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(Path, "replace", broken)
    with pytest.raises(OSError, match="disk full"):
        dump(dual_track().remove_role("gpm"), target)
    assert target.read_text() == before
    assert [p.name for p in tmp_path.iterdir()] == ["ladder.yaml"]


def test_scale_names_are_levels_in_any_case() -> None:
    ladder = loads(
        MINIMAL + "competencies: [{id: c, name: C}]\nroles:\n"
        "  - {id: a, title: A, level: 1, expectations: {c: Proficient}}\n"
        "  - {id: b, title: B, level: 2, expectations: {c: {level: expert, description: D}}}\n"
    )
    assert [ladder.expectation(r, "c").level for r in ("a", "b")] == [3, 5]  # type: ignore[union-attr]


def test_a_byte_order_mark_and_schema_key_are_accepted(tmp_path: Path) -> None:
    target = tmp_path / "l.yaml"
    target.write_bytes(b"\xef\xbb\xbf$schema: ./s.json\n" + MINIMAL.encode())
    assert load(target).id == "l"


# -- problems, located -------------------------------------------------------------------


def test_shape_problems_are_all_reported_with_line_and_column() -> None:
    text = (
        "id: l\n"
        "name: L\n"
        "colour: red\n"
        "competencies:\n"
        "  - {id: c, nmae: C}\n"
        "roles:\n"
        "  - id: a\n"
        "    title: [A]\n"
        "    level: '1'\n"
        "    aliases: Lead\n"
        "    expectations: {c: true}\n"
    )
    assert problems(text) == [
        "f:3:1: error unknown-key: unknown key 'colour' in the top level; remove it",
        "f:5:13: error unknown-key: unknown key 'nmae' in competencies[0]; did you mean 'name'?",
        "f:8:12: error wrong-type: roles[0].title: expected a string, got a list",
        "f:9:12: error wrong-type: roles[0].level: expected a number such as 4 or 9.5, got a "
        "string ('1')",
        "f:10:14: error wrong-type: roles[0].aliases: expected a list, got a string ('Lead')",
        "f:11:23: error wrong-type: roles[0].expectations.c: expected a level (a number or a "
        "scale name) or a mapping with a 'level', got a boolean (true)",
    ]


def test_missing_keys_point_at_their_mapping() -> None:
    assert problems("id: l\nroles:\n  - {id: a, level: 1}\n") == [
        "f:1:1: error missing-key: missing required key 'name' in the top level",
        "f:3:5: error missing-key: missing required key 'title' in roles[0]",
    ]


def test_model_problems_point_at_their_node() -> None:
    text = (
        MINIMAL + "competencies: [{id: c, name: C}]\n"
        "roles:\n"
        "  - id: a\n"
        "    title: A\n"
        "    level: 2\n"
        "    expectations: {c: 7, d: 1}\n"
        "    promotes_to: [b, {role: z}]\n"
        "  - {id: b, title: B, level: 1, expectations: {c: wizard}}\n"
    )
    assert problems(text) == [
        "f:8:23: error level-off-scale: level 7 in roles[0].expectations.c is off the scale; "
        "expected 1 to 5 (1 aware, 2 practicing, 3 proficient, 4 advanced, 5 expert)",
        "f:8:26: error unknown-competency: unknown competency 'd' in roles[0].expectations.d; "
        "expected one of: c",
        "f:9:19: error level-not-rising: promotion 'a' -> 'b' in roles[0].promotes_to[0] does "
        "not rise: 'b' is level 1 and 'a' is level 2; a promotion must go to a higher level",
        "f:9:29: error unknown-role: unknown role 'z' in roles[0].promotes_to[1].role; expected "
        "one of: a, b",
        "f:10:51: error level-off-scale: level 'wizard' in roles[1].expectations.c is not on "
        "the scale; expected a number from 1 to 5 or one of: aware, practicing, proficient, "
        "advanced, expert",
    ]


def test_a_cycle_points_at_the_promotion_that_closes_it() -> None:
    text = (
        MINIMAL + "roles:\n"
        "  - {id: a, title: A, level: 1, promotes_to: [b]}\n"
        "  - {id: b, title: B, level: 1, promotes_to: [a]}\n"
    )
    assert problems(text)[-1] == (
        "f:5:47: error cycle: promotions form a cycle: a -> b -> a; remove the promotion "
        "'b' -> 'a' in roles[1].promotes_to[0] or another one on the cycle"
    )


def test_a_bad_source_role_id_points_at_the_role_id() -> None:
    found = problems(MINIMAL + "roles:\n  - {id: a b, title: A, level: 1, promotes_to: [a]}\n")
    assert found[0].startswith("f:4:10: error invalid-id: role id 'a b' in roles[0].id")


def test_duplicate_keys_are_reported_with_both_places_and_checking_goes_on() -> None:
    assert problems(
        MINIMAL + "name: M\nroles: [{id: a, title: A, level: 1, promotes_to: [x]}]\n"
    ) == [
        "f:3:1: error duplicate-key: duplicate key 'name' in the top level; it first appears "
        "at line 2, column 1",
        "f:4:51: error unknown-role: unknown role 'x' in roles[0].promotes_to[0]; expected one "
        "of: a",
    ]


def test_duplicate_keys_in_json() -> None:
    assert problems('{"id": "l", "name": "L",\n "id": "m"}', "json") == [
        "f:2:2: error duplicate-key: duplicate key 'id' in the top level; it first appears at "
        "line 1, column 2",
    ]


def test_json_problems_are_located() -> None:
    text = (
        '{\n  "id": "l",\n  "name": "L",\n  "roles": [{"id": "a", "title": "A", "level": "1"}]\n}\n'
    )
    assert problems(text, "json") == [
        "f:4:48: error wrong-type: roles[0].level: expected a number such as 4 or 9.5, got a "
        "string ('1')",
    ]


def test_toml_problems_are_located() -> None:
    assert problems(
        'id = "l"\nname = "L"\nroles = [{id = "a", title = "A", level = "1"}]\n', "toml"
    ) == [
        "f:3:42: error wrong-type: roles[0].level: expected a number such as 4 or 9.5, got a "
        "string ('1')",
    ]


@pytest.mark.parametrize(
    ("text", "kind", "message"),
    [
        (
            "id: [l\n",
            "yaml",
            "f:2:1: error syntax: invalid YAML: while parsing a flow sequence "
            "did not find expected ',' or ']'",
        ),
        (
            "id: l\n  name: x\n",
            "yaml",
            "f:2:7: error syntax: invalid YAML: mapping values are not allowed in this context",
        ),
        ('{"id": "l",\n "name": }', "json", "f:2:10: error syntax: invalid JSON: Expecting value"),
        ('id = "l"\nname = \n', "toml", "f:2:8: error syntax: invalid TOML: Invalid value"),
        (
            "a: 1\n---\nb: 2\n",
            "yaml",
            "f:2:1: error syntax: invalid YAML: expected a single "
            "document in the stream but found another document",
        ),
    ],
)
def test_syntax_errors_are_located(text: str, kind: str, message: str) -> None:
    assert problems(text, kind) == [message]


@pytest.mark.parametrize(
    ("text", "kind", "what"),
    [
        ("", "yaml", "empty"),
        ("- a\n", "yaml", "a list"),
        ("[1]", "json", "a list"),
        ("3", "json", "a number (3)"),
    ],
)
def test_a_document_that_is_not_a_mapping(text: str, kind: str, what: str) -> None:
    assert problems(text, kind) == [
        f"f:1:1: error not-a-ladder: the document is {what}; a ladder file is a mapping with at "
        "least 'id', 'name' and 'roles'"
    ]


def test_python_tags_are_refused_not_run() -> None:
    found = problems("id: !!python/object/apply:os.system ['echo hi']\nname: L\n")
    assert found == [
        "f:1:5: error yaml-tag: the YAML tag 'tag:yaml.org,2002:python/object/apply:os.system' "
        "is not allowed; ladder files hold only plain strings, numbers, booleans, lists and "
        "mappings"
    ]


def test_invalid_scalar_values_are_problems() -> None:
    assert problems("id: !!int abc\nname: L\n") == [
        "f:1:5: error yaml-syntax: id: invalid value 'abc': invalid literal for int() with base "
        "10: 'abc'"
    ]
    assert problems(f"{MINIMAL}references: {{r: {{title: T, date: 2023-13-01}}}}\n") == [
        "f:3:34: error yaml-syntax: references.r.date: invalid value '2023-13-01': month must be "
        "in 1..12"
    ]


def test_dates_must_be_quoted() -> None:
    found = problems(MINIMAL + "description: 2024-01-01\n")
    assert found == [
        "f:3:14: error wrong-type: description: expected a string, got a date or time "
        "(2024-01-01); quote it to make it a string"
    ]


def test_aliases_are_built_once_and_keys_must_be_plain() -> None:
    text = "id: &x l\nname: *x\n? [a]\n: 1\n"
    assert problems(text) == ["f:3:3: error wrong-type: a mapping key must be a plain value"]


def test_anchored_values_of_the_right_kind_are_accepted() -> None:
    text = MINIMAL + "competencies: [{id: c, name: C}]\nroles:\n"
    text += "  - {id: a, title: A, level: 1, expectations: &e {c: 2}}\n"
    text += "  - {id: b, title: B, level: 2, expectations: *e}\n"
    assert loads(text).expectation("b", "c").level == 2  # type: ignore[union-attr]


def test_nesting_deeper_than_the_bound_is_a_problem() -> None:
    depth = DEFAULT_LIMITS.max_depth
    deep = "[" * (depth + 5) + "]" * (depth + 5)
    assert problems(f"id: l\nname: L\ndescription: {deep}\n") == [
        f"f:3:{depth + 14}: error too-deep: the document nests deeper than {depth} levels "
        "(Limits.max_depth, --max-depth)"
    ]


def test_json_too_deep_for_the_parser() -> None:
    assert problems("[" * 100_000 + "]" * 100_000, "json") == [
        "f:1:1: error too-deep: the document nests too deeply to read (Limits.max_depth, "
        "--max-depth)"
    ]


def test_unsupported_version() -> None:
    assert problems("careerladder: 2\n" + MINIMAL) == [
        "f:1:15: error unsupported-version: format version 2 in careerladder is not "
        "supported; this careerladder reads version 1"
    ]


def test_schema_key_must_be_a_string() -> None:
    assert problems("$schema: 3\n" + MINIMAL) == [
        "f:1:10: error wrong-type: $schema: expected a string (the schema's URL)"
    ]


def test_after_a_byte_order_mark_the_offset_still_counts_from_the_start(tmp_path: Path) -> None:
    target = tmp_path / "l.yaml"
    target.write_bytes(b"\xef\xbb\xbfid: l\nname: caf\xe9\n")
    with pytest.raises(LadderError) as caught:
        load(target)
    [problem] = caught.value.problems
    assert (problem.line, problem.column) == (2, 10)
    assert "byte 0xe9 at offset 18" in problem.message


def test_non_utf8_file_says_where(tmp_path: Path) -> None:
    target = tmp_path / "l.yaml"
    target.write_bytes(b"id: l\nname: caf\xe9\n")
    with pytest.raises(LadderError) as caught:
        load(target)
    [problem] = caught.value.problems
    assert (problem.code, problem.line, problem.column) == ("not-utf8", 2, 10)
    assert problem.message == (
        "the file is not UTF-8: byte 0xe9 at offset 15 cannot be decoded; save the file as UTF-8"
    )


def test_unknown_suffix_and_format() -> None:
    with pytest.raises(LadderError, match=r"cannot tell the format of 'l.txt' from its suffix"):
        load("l.txt")
    with pytest.raises(LadderError, match=r"unknown format 'xml'; expected 'yaml', 'json'"):
        dumps(dual_track(), "xml")


def test_missing_file_is_an_os_error() -> None:
    with pytest.raises(FileNotFoundError):
        load("does-not-exist.yaml")


def test_check_text_returns_located_lints() -> None:
    text = MINIMAL + "competencies: [{id: c, name: C}, {id: d, name: D}]\nroles:\n"
    text += "  - {id: a, title: A, level: 1, expectations: {c: 3}, promotes_to: [b]}\n"
    text += "  - {id: b, title: B, level: 2, expectations: {c: 2}}\n"
    assert [str(p) for p in check_text(text, "yaml", "f")] == [
        "f:3:34: warning unused-competency: no role expects competency 'd' (competencies[1]); "
        "add an expectation for it or remove it",
        "f:6:51: warning expectation-drops: competency 'c' drops from level 3 in 'a' to level 2 "
        "in 'b' (roles[1].expectations.c) along roles[0].promotes_to[0]; a promotion should "
        "not lower an expectation",
    ]


def test_format_path() -> None:
    assert format_path([]) == ""
    assert format_path(["roles", 0, "a.b"]) == "roles[0]['a.b']"


def test_json_dump_is_plain_json() -> None:
    data = json.loads(dumps(dual_track(), "json"))
    assert data["roles"][1]["promotes_to"] == ["staff-pm", "gpm"]


@given(st.text(max_size=200))
def test_loads_of_any_text_raises_only_ladder_error(text: str) -> None:
    for kind in ("yaml", "json", "toml"):
        with contextlib.suppress(LadderError):
            loads(text, kind)


def test_public_names_are_reexported() -> None:
    assert careerladder.load is load


@pytest.mark.parametrize(
    ("roles", "message"),
    [
        ("[3]", "f:3:9: error wrong-type: roles[0]: expected a mapping, got a number (3)"),
        (
            "[{id: a, title: A, level: 1, expectations: [1]}]",
            "f:3:51: error wrong-type: roles[0].expectations: expected a mapping, got a list",
        ),
        (
            "[{id: a, title: A, level: 1, promotes_to: [{}]}]",
            "f:3:51: error missing-key: missing required key 'role' in roles[0].promotes_to[0]",
        ),
        (
            "[{id: a, title: A, level: 1, promotes_to: [[x]]}]",
            "f:3:51: error wrong-type: roles[0].promotes_to[0]: expected a role id or a mapping "
            "with a 'role', got a list",
        ),
        (
            "[{id: a, title: A, level: 1, summary: {x: 1}}]",
            "f:3:46: error wrong-type: roles[0].summary: expected a string, got a mapping",
        ),
        (
            "[{id: '', title: A, level: 1, promotes_to: [a]}]",
            "f:3:14: error empty-field: roles[0].id is empty; give the role an id",
        ),
    ],
)
def test_values_of_the_wrong_kind(roles: str, message: str) -> None:
    assert problems(f"id: l\nname: L\nroles: {roles}\n")[0] == message


def test_empty_source_id_of_a_promotion_points_at_the_role_id() -> None:
    found = problems("id: l\nname: L\nroles: [{id: '', title: A, level: 1, promotes_to: [a]}]\n")
    assert found[2] == (
        "f:3:52: error unknown-role: unknown role 'a' in roles[0].promotes_to[0]; expected the "
        "id of a role"
    )
    assert found[1] == (
        "f:3:14: error empty-field: roles[0].id is empty; give the promotion a role"
    )


def test_describe_names_other_values() -> None:
    from careerladder._formats._converter import describe  # noqa: PLC0415

    assert describe(object()) == "a value of type object"


@pytest.mark.parametrize(
    ("date", "kind"),
    [("2023-10-30", "yaml"), ('"2023-10-30"', "yaml"), ("2023-10-30", "toml")],
)
def test_reference_dates_as_dates_or_iso_strings(date: str, kind: str) -> None:
    body = f"{MINIMAL}references:\n  r: {{title: T, date: {date}}}\n"
    if kind == "toml":
        body = f'id = "l"\nname = "L"\n[references.r]\ntitle = "T"\ndate = {date}\n'
    [reference] = loads(body, kind).references
    assert reference.date == dt.date(2023, 10, 30)


@pytest.mark.parametrize(
    ("date", "shown"),
    [
        ("'2023-13-01'", "a string ('2023-13-01')"),
        (
            "2023-10-30 10:00:00",
            "a date or time (2023-10-30T10:00:00); quote it to make it a string",
        ),
        ("3", "a number (3)"),
    ],
)
def test_reference_dates_must_be_dates(date: str, shown: str) -> None:
    assert problems(f"{MINIMAL}references:\n  r: {{title: T, date: {date}}}\n") == [
        f"f:4:23: error wrong-type: references.r.date: expected a date such as 2023-10-30, got "
        f"{shown}"
    ]


def test_locator_falls_back_to_the_nearest_enclosing_node() -> None:
    locator = Locator(values={("roles",): (3, 1)}, keys={("roles",): (3, 1)})
    assert locator.find(("roles", 0, "title")) == (3, 1)
    assert locator.find(("name",)) == (1, 1)
    assert locator.find(("roles", 0), key=True) == (3, 1)


def test_keys_that_are_null_booleans_or_numbers() -> None:
    text = "id: l\nname: L\n~: 1\n3.5: x\ntrue: 2\nroles: [{id: a, title: A, level: 1, null: 3}]\n"
    assert problems(text) == [
        "f:3:1: error unknown-key: unknown key null in the top level; remove it",
        "f:4:1: error unknown-key: unknown key 3.5 in the top level; remove it",
        "f:5:1: error unknown-key: unknown key true in the top level; remove it",
        "f:6:37: error unknown-key: unknown key null in roles[0]; remove it",
    ]


def test_dump_makes_files_like_any_other_and_keeps_the_mode_it_replaces(tmp_path: Path) -> None:
    new = tmp_path / "new.yaml"
    dump(dual_track(), new)
    umask = os.umask(0)
    os.umask(umask)
    assert new.stat().st_mode & 0o777 == 0o666 & ~umask
    new.chmod(0o640)
    dump(dual_track().remove_role("gpm"), new)
    assert new.stat().st_mode & 0o777 == 0o640


@pytest.mark.parametrize(("kind", "module"), [("json", "_json"), ("toml", "_toml")])
def test_problems_stand_even_if_finding_their_place_fails(
    monkeypatch: pytest.MonkeyPatch, kind: str, module: str
) -> None:
    import importlib  # noqa: PLC0415

    def broken(*_: object) -> object:
        raise IndexError

    monkeypatch.setattr(
        importlib.import_module(f"careerladder._formats.{module}"), "locate", broken
    )
    text = dumps(Ladder(id="l", name="L"), kind).replace('"L"', '""')
    assert problems(text, kind) == [
        "f:1:1: error empty-field: name is empty; give the ladder a name"
    ]


def test_levels_by_step_name_are_not_off_the_scale_beside_another_problem() -> None:
    text = (
        "careerladder: 1\nid: m\nname: M\n"
        "competencies:\n"
        "  - {id: tech, name: Tech}\n"
        "  - {id: craft, name: Craft, scale: [learns, builds, shapes]}\n"
        "roles:\n"
        "  - {id: a, title: A, level: 1, expectations: {tech: Proficient, craft: shapes},"
        " promotes_to: [c]}\n"
    )
    # The ladder cannot be built (no role 'c'): the names are still checked as names.
    assert [p.code for p in check_text(text, "yaml")] == ["unknown-role"]
    off = text.replace("craft: shapes", "craft: proficient")
    codes = [p.code for p in check_text(off, "yaml")]
    assert sorted(codes) == ["level-off-scale", "unknown-role"]


def test_a_number_where_text_belongs_is_to_be_quoted() -> None:
    found = problems(MINIMAL + "roles:\n  - {id: a, title: A, level: 9, grade: 9.5}\n")
    assert found[0].endswith(
        "error wrong-type: roles[0].grade: expected a string, got a decimal number (9.5); "
        'quote it to make it a string ("9.5")'
    )
