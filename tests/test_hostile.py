"""
Hostile and broken input: nothing crashes, nothing hangs, nothing is lost.

Every file in tests/data/bad/ is named after the problem code it must produce
(``<code>.<ext>`` or ``<code>--<variant>.<ext>``). Larger inputs are made here.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from careerladder._cli import main
from careerladder._formats._files import check_text

BAD = Path(__file__).parent / "data" / "bad"
#: Problems that mean a file could not be read at all (exit 2), not that it is invalid.
UNREADABLE = {"not-utf8"}


def validate(path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[dict[str, Any]]]:
    code = main(["validate", "--format", "json", str(path)])
    return code, json.loads(capsys.readouterr().out)


@pytest.mark.parametrize("path", sorted(BAD.iterdir()), ids=lambda p: p.name)
def test_each_bad_file_gives_its_located_problem(
    path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    expected = path.stem.split("--")[0]
    code, problems = validate(path, capsys)
    assert code == (2 if expected in UNREADABLE else 1)
    assert expected in {p["code"] for p in problems}
    for problem in problems:
        assert problem["file"] == str(path)
        assert isinstance(problem["line"], int), problem
        assert isinstance(problem["column"], int), problem
        assert len(problem["message"]) < 500, problem


@pytest.mark.parametrize(
    ("suffix", "text"),
    [
        (".yaml", "id: l\nname: L\ndescription: " + "[" * 20_000 + "]" * 20_000 + "\n"),
        (".yaml", "a: " + "{a: " * 20_000 + "1" + "}" * 20_000),
        (".json", "[" * 20_000 + "]" * 20_000),
        (".json", '{"a": ' * 20_000 + "1" + "}" * 20_000),
        (".toml", "a = " + "[" * 20_000 + "]" * 20_000),
        (".toml", "a = " + "{a = " * 20_000 + "1" + "}" * 20_000),
    ],
    ids=["yaml-lists", "yaml-mappings", "json-lists", "json-objects", "toml-arrays", "toml-tables"],
)
def test_twenty_thousand_levels_deep(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], suffix: str, text: str
) -> None:
    path = tmp_path / f"deep{suffix}"
    path.write_text(text)
    code, problems = validate(path, capsys)
    assert code == 1
    assert [p["code"] for p in problems] == ["too-deep"]


def test_a_string_of_tens_of_megabytes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    huge = "x" * 30_000_000
    path = tmp_path / "long.yaml"
    path.write_text(
        f"id: l\nname: L\nroles:\n  - {{id: a, title: A, level: 1, promotes_to: [{huge}]}}\n"
    )
    code, problems = validate(path, capsys)
    assert code == 1
    [problem] = problems
    assert problem["code"] == "unknown-role"
    assert (problem["line"], problem["column"]) == (4, 47)
    assert problem["message"] == (
        f"unknown role '{'x' * 48}...' (30,000,000 characters) in roles[0].promotes_to[0]; "
        "expected one of: a"
    )


def test_hundreds_of_thousands_of_roles_with_one_dangling_reference(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    count = 200_000
    roles = [
        {
            "id": f"r{i}",
            "title": f"Role {i}",
            "level": i % 10 + 1,
            "promotes_to": [f"r{i + 1}"] if i % 10 != 9 else [],
        }
        for i in range(count)
    ]
    roles[123_456]["promotes_to"] = ["nowhere"]
    path = tmp_path / "big.json"
    text = json.dumps({"id": "big", "name": "Big", "roles": roles}, indent=1)
    path.write_text(text)
    line = text.splitlines().index('    "nowhere"') + 1
    code, problems = validate(path, capsys)
    assert code == 1
    assert problems == [
        {
            "file": str(path),
            "line": line,
            "column": 5,
            "path": "roles[123456].promotes_to[0]",
            "severity": "error",
            "code": "unknown-role",
            "message": "unknown role 'nowhere' in roles[123456].promotes_to[0]; expected the "
            "id of a role",
        }
    ]


# -- fuzzing -----------------------------------------------------------------------------

scalars = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20)
trees = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4)
    ),
    max_leaves=30,
)
#: Trees shaped like a ladder, so that fuzzing reaches past the first key.
ladderish = st.fixed_dictionaries(
    {"id": scalars, "name": scalars},
    optional={
        "scale": trees,
        "competencies": st.lists(
            st.dictionaries(st.sampled_from(["id", "name", "sources", "x"]), trees)
        ),
        "roles": st.lists(
            st.dictionaries(
                st.sampled_from(["id", "title", "level", "expectations", "promotes_to", "aliases"]),
                trees,
            ),
            max_size=4,
        ),
        "references": trees,
    },
)


def dump(data: object, kind: str) -> str:
    if kind == "json":
        return json.dumps(data)
    if kind == "yaml":
        import yaml  # noqa: PLC0415

        return yaml.safe_dump(data)
    import tomli_w  # noqa: PLC0415

    return tomli_w.dumps(data if isinstance(data, dict) else {"value": data})


@pytest.mark.parametrize("kind", ["yaml", "json", "toml"])
@given(data=trees | ladderish)
def test_only_ladder_error_escapes_for_any_tree(kind: str, data: object) -> None:
    try:
        text = dump(data, kind)
    except (TypeError, ValueError):
        return  # TOML cannot hold null or mixed keys: nothing to feed
    # check_text turns a LadderError into its problems; anything else escapes.
    problems = check_text(text, kind, "f")
    assert all(p.line is not None for p in problems), problems
