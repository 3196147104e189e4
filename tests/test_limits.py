from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from careerladder import LadderError, Limits, load, loads

if TYPE_CHECKING:
    from pathlib import Path


def problems(text: str, kind: str = "yaml", limits: Limits | None = None) -> list[str]:
    with pytest.raises(LadderError) as caught:
        loads(text, kind, file="f", limits=limits or Limits())
    return [str(p) for p in caught.value.problems]


def bomb(levels: int, width: int = 9) -> str:
    lines = ["a0: &a0 [" + ", ".join(["lol"] * width) + "]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * width) + "]" for i in range(1, levels)]
    return "\n".join(lines) + "\n"


def test_an_alias_bomb_is_refused_before_it_expands() -> None:
    text = "id: l\nname: L\ndescription: &d x\nscale: [" + ", ".join(["*d"] * 50) + "]\n"
    # A use of an anchor is the anchored node again: it is located where the anchor is.
    assert problems(text, limits=Limits(max_nodes=40)) == [
        "f:3:14: error too-large: the document holds more than 40 values, counting each use "
        "of an anchor as a copy (Limits.max_nodes, --max-nodes)"
    ]


def test_a_billion_laughs_in_unknown_keys_costs_nothing() -> None:
    assert problems(bomb(9) + "id: l\nname: L\n") == [
        "f:6:5: error too-large: the document holds more than 1,200,000 values, counting "
        "each use of an anchor as a copy (Limits.max_nodes, --max-nodes)"
    ]


def test_anchors_in_legal_fields_are_counted_as_copies() -> None:
    role = "&r {id: a, title: A, level: 1, aliases: [" + ", ".join(f"t{i}" for i in range(100))
    text = "id: l\nname: L\nroles:\n  - " + role + "]}\n" + "  - *r\n" * 100
    [problem] = problems(text, limits=Limits(max_nodes=5_000))
    assert problem.startswith("f:")
    assert "error too-large" in problem


@pytest.mark.parametrize("kind", ["yaml", "json", "toml"])
def test_a_document_over_the_byte_limit_is_refused(kind: str) -> None:
    assert problems("x" * 100, kind, Limits(max_bytes=99)) == [
        "f:1:1: error too-large: the document is 100 bytes, more than the limit of 99 "
        "(Limits.max_bytes, --max-bytes)"
    ]


def test_bytes_count_utf8_not_characters() -> None:
    text = "id: l\nname: " + "é" * 30 + "\n"
    assert problems(text, limits=Limits(max_bytes=72))[0].startswith(
        "f:1:1: error too-large: the document is 73 bytes"
    )
    assert loads(text, limits=Limits(max_bytes=73)).name == "é" * 30


def test_a_file_over_the_byte_limit_is_not_read(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_text("id: l\nname: L\n" + "#" * 1000 + "\n")
    with pytest.raises(LadderError) as caught:
        load(path, limits=Limits(max_bytes=1000))
    [problem] = caught.value.problems
    assert (problem.code, problem.file, problem.line) == ("too-large", str(path), 1)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("".join("  " * i + "a:\n" for i in range(3000)), "yaml"),
        ("a = " + "[" * 5000 + "]" * 5000, "toml"),
        ("a = " + "{a = " * 5000 + "1" + "}" * 5000, "toml"),
    ],
)
def test_nesting_too_deep_for_the_parser(text: str, kind: str) -> None:
    found = problems(text, kind)
    assert found[0].startswith("f:")
    assert "error too-deep: the document nests" in found[0]


def test_raising_a_limit_lets_a_document_through() -> None:
    text = "id: l\nname: L\nscale: [" + ", ".join(f"s{i}" for i in range(50)) + "]\n"
    assert problems(text, limits=Limits(max_nodes=20))[0].endswith("--max-nodes)")
    assert len(loads(text, limits=Limits(max_nodes=100)).scale) == 50
