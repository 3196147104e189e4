"""
Hostile and broken input: nothing crashes, nothing hangs, nothing is lost.

Every file in tests/data/bad/ is named after the problem code it must produce
(``<code>.<ext>`` or ``<code>--<variant>.<ext>``). Larger inputs are made here.
"""

from __future__ import annotations

import io
import json
import os
import sys
import time
import tracemalloc
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from careerladder import (
    Assessment,
    LadderError,
    Limits,
    dumps,
    iter_assessments,
    load_assessment,
    loads,
    presets,
    read_matrix,
    team_readiness,
    write_readiness_csv,
)
from careerladder._cli import main
from careerladder._formats._files import check_text
from careerladder._formats._text import read_bytes
from careerladder._formats._workbook import MAX_RATIO, column_index

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
    count = 150_000
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


@pytest.mark.parametrize("kind", ["yaml", "json", "toml", "case"])
@given(raw=st.binary(max_size=200))
def test_only_ladder_error_escapes_for_any_bytes(kind: str, raw: bytes) -> None:
    # Bytes as a file holds them, decoded the way a tolerant reader would:
    # what is not UTF-8 becomes lone surrogates.
    text = raw.decode("utf-8", "surrogateescape")
    try:
        ladder = loads(text, kind)
    except LadderError:
        return
    # Whatever loads can be written and read back.
    assert loads(dumps(ladder, kind), kind) == ladder


# -- the sizes that crashed --------------------------------------------------------------

DEEP = 30_000
DEEP_YAML = "id: l\nname: L\ndescription: " + "[" * DEEP + "]" * DEEP + "\n"


@pytest.fixture
def deep(tmp_path: Path) -> Path:
    path = tmp_path / "deep.yaml"
    path.write_text(DEEP_YAML)
    return path


def test_thirty_thousand_levels_through_validate(
    deep: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, problems = validate(deep, capsys)
    assert code == 1
    assert [(p["code"], p["line"]) for p in problems] == [("too-deep", 3)]


def test_thirty_thousand_levels_through_stdin(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(DEEP_YAML))
    assert main(["validate", "-"]) == 1
    assert "error too-deep: the document nests deeper than 64 levels" in capsys.readouterr().out


@pytest.mark.parametrize(
    "command",
    [
        ["show", "{deep}"],
        ["diff", "{deep}", "{deep}"],
        ["map", "{deep}", "six-step"],
        ["convert", "{deep}", "{out}"],
        ["readiness", "six-step", "{deep}"],
    ],
    ids=["show", "diff", "map", "convert", "assessment"],
)
def test_thirty_thousand_levels_through_every_command(
    deep: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    argv = [a.format(deep=deep, out=tmp_path / "out.json") for a in command]
    assert main(argv) == (1 if command[0] == "convert" else 2)
    err = capsys.readouterr().err
    assert "too-deep: the document nests deeper than 64 levels" in err
    assert not (tmp_path / "out.json").exists()


def test_a_deep_assessment(deep: Path) -> None:
    with pytest.raises(LadderError, match="too-deep"):
        load_assessment(deep)


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
@pytest.mark.parametrize("follow", [[], ["--follow-links"]])
def test_a_link_to_dev_zero(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    follow: list[str],
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("x.yaml").symlink_to("/dev/zero")
    assert main(["validate", *follow, "x.yaml"]) == 2
    out = capsys.readouterr().out
    assert "error unreadable:" in out
    assert ("device, FIFO or socket" in out) == bool(follow)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_is_refused_at_once(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fifo = tmp_path / "x.yaml"
    os.mkfifo(fifo)
    started = time.monotonic()
    for argv in (["validate", str(fifo)], ["readiness", "six-step", str(tmp_path / "x.csv")]):
        if argv[0] == "readiness":
            os.mkfifo(argv[-1])
        assert main(argv) == 2
        assert "device, FIFO or socket" in capsys.readouterr()[argv[0] == "readiness"]
    assert time.monotonic() - started < 10


def test_stdin_over_the_limit(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("x" * 2_000))
    assert main(["validate", "--max-bytes", "1000", "-"]) == 1
    assert "too-large: the document is more than 1,000 bytes" in capsys.readouterr().out


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs /proc")
def test_a_file_larger_than_its_size() -> None:
    # Files under /proc say they hold 0 bytes: they are read on, up to the limit.
    assert b"Name:" in read_bytes("/proc/self/status")
    with pytest.raises(LadderError, match="too-large"):
        read_bytes("/proc/self/status", Limits(max_bytes=10))


# -- links ---------------------------------------------------------------------------


def test_a_link_out_of_the_tree_is_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    secret = tmp_path / "secret.yaml"
    secret.write_text("hunter2 is the password\n")
    tree = tmp_path / "tree"
    tree.mkdir()
    monkeypatch.chdir(tree)
    Path("x.yaml").symlink_to(secret)
    Path("in.yaml").symlink_to("ok.yaml")
    Path("ok.yaml").write_text("id: l\nname: L\n")
    assert main(["validate", "x.yaml", "in.yaml", str(secret)]) == 2
    out = capsys.readouterr().out
    assert out.count("hunter2") == 1  # the file named outright is read
    assert out.startswith(
        "x.yaml: error unreadable: the file is a symbolic link that leads out of the working "
        "directory; validate reads it only with --follow-links\n"
    )
    assert main(["validate", "--follow-links", "x.yaml"]) == 1
    assert "hunter2" in capsys.readouterr().out
    Path("loop.yaml").symlink_to("loop.yaml")
    assert main(["validate", "loop.yaml"]) == 2


# -- workbooks -----------------------------------------------------------------------

NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
HEADER = (
    '<row r="1"><c r="A1" t="inlineStr"><is><t>id</t></is></c>'
    '<c r="B1" t="inlineStr"><is><t>title</t></is></c>'
    '<c r="C1" t="inlineStr"><is><t>level</t></is></c></row>'
)


def sheet(rows: str = "", after: str = "", before: str = "") -> str:
    return f"<worksheet {NS}>{before}<sheetData>{HEADER}{rows}</sheetData>{after}</worksheet>"


def workbook(path: Path, xml: str | None = None, extra: dict[str, bytes] | None = None) -> Path:
    """A workbook made by openpyxl, its one sheet's XML replaced by *xml*."""
    book = openpyxl.Workbook()
    book.active.title = "roles"  # type: ignore[union-attr]
    book.active.append(["id", "title", "level"])  # type: ignore[union-attr]
    book.active.append(["a", "A", 1])  # type: ignore[union-attr]
    made = io.BytesIO()
    book.save(made)
    with zipfile.ZipFile(made) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for part in source.infolist():
            data = source.read(part)
            if xml is not None and part.filename == "xl/worksheets/sheet1.xml":
                data = xml.encode()
            out.writestr(part.filename, data)
        for name, data in (extra or {}).items():
            out.writestr(name, data)
    return path


def matrix_problems(path: Path, limits: Limits | None = None) -> list[str]:
    started = time.monotonic()
    tracemalloc.start()
    try:
        read_matrix(path, limits=limits or Limits())
    except LadderError as error:
        problems = [str(p) for p in error.problems]
    else:  # pragma: no cover - a failure
        problems = []
    finally:
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    assert time.monotonic() - started < 10
    assert peak < 30_000_000
    return problems


def test_one_far_cell(tmp_path: Path) -> None:
    path = workbook(tmp_path / "w.xlsx", sheet('<row r="1048576"><c r="XFD1048576"/></row>'))
    assert path.stat().st_size < 5_000
    assert matrix_problems(path) == [
        f"{path}:1048576:16384: error too-large: the sheet 'roles' is too large: its cells "
        "reach roles!XFD1048576, a grid of more than 500,000 cells (Limits.max_cells, "
        "--max-cells)"
    ]


def test_one_merged_range(tmp_path: Path) -> None:
    merged = '<mergeCells count="1"><mergeCell ref="E3:XFD1048576"/></mergeCells>'
    path = workbook(tmp_path / "w.xlsx", sheet(after=merged))
    assert matrix_problems(path) == [
        f"{path}:3:5: error too-large: the sheet 'roles' is too large: its merged ranges, up "
        "to E3:XFD1048576, cover more than 500,000 cells (Limits.max_cells, --max-cells)"
    ]


def test_a_declared_dimension(tmp_path: Path) -> None:
    path = workbook(tmp_path / "w.xlsx", sheet(before='<dimension ref="A1:XFD1048576"/>'))
    assert matrix_problems(path) == [
        f"{path}:1:1: error too-large: the sheet 'roles' is too large: it declares the range "
        "A1:XFD1048576, more than 500,000 cells (Limits.max_cells, --max-cells)"
    ]


@pytest.mark.parametrize(
    "rows",
    [
        '<row r="9999999999999999999999999"><c/></row>',
        '<row r="1.2e6"><c r="B1"/><c/></row>',
        '<row><c/></row><row r="2000000"><c r="A2000000"/><c/></row>',
    ],
    ids=["long-row-number", "row-as-float", "cells-without-reference"],
)
def test_cells_placed_as_openpyxl_places_them(tmp_path: Path, rows: str) -> None:
    path = workbook(tmp_path / "w.xlsx", sheet(rows))
    [problem] = matrix_problems(path)
    assert "error too-large: the sheet 'roles' is too large: its cells reach" in problem


def test_what_openpyxl_refuses_is_left_to_it(tmp_path: Path) -> None:
    rows = '<row r="x"><c r="1A"/></row><row r="1.5"/>'
    extra = '<mergeCells count="1"><mergeCell ref="nowhere"/></mergeCells>'
    path = workbook(tmp_path / "w.xlsx", sheet(rows, after=extra))
    [problem] = matrix_problems(path)
    assert "error unreadable: not an XLSX workbook" in problem


def test_a_zip_bomb(tmp_path: Path) -> None:
    path = workbook(tmp_path / "w.xlsx", extra={"xl/media/x.bin": bytes(400_000_000)})
    assert path.stat().st_size < 500_000
    [problem] = matrix_problems(path)
    assert problem.startswith(f"{path}:1:1: error too-large: the workbook unpacks to 400,0")
    assert problem.endswith(
        " bytes, more than the limit of 50,000,000 (Limits.max_bytes, --max-bytes)"
    )


def test_a_part_packed_beyond_belief(tmp_path: Path) -> None:
    path = workbook(tmp_path / "w.xlsx", extra={"x.bin": bytes(20_000_000)})
    [problem] = matrix_problems(path)
    assert f"bytes to 20,000,000, more than {MAX_RATIO} times as many" in problem


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"not a zip", "File is not a zip file"),
        (None, "declares a DTD"),
        (b"corrupt", "Error -3 while decompressing data"),
    ],
    ids=["not-a-zip", "dtd", "corrupt-part"],
)
def test_broken_workbooks(tmp_path: Path, content: bytes | None, reason: str) -> None:
    path = tmp_path / "w.xlsx"
    if content == b"corrupt":
        workbook(path)
        data = bytearray(path.read_bytes())
        start = data.find(b"xl/worksheets/sheet1.xml") + len("xl/worksheets/sheet1.xml")
        data[start : start + 20] = bytes(20)
        path.write_bytes(bytes(data))
    elif content is None:
        workbook(path, '<!DOCTYPE x [<!ENTITY a "A">]>' + sheet())
    else:
        path.write_bytes(content)
    [problem] = matrix_problems(path)
    assert "error unreadable: not an XLSX workbook (" in problem
    assert reason in problem


def test_a_workbook_within_the_limits(tmp_path: Path) -> None:
    rows = '<row r="2"><c r="A2" t="inlineStr"><is><t>a</t></is></c><c r="B2" t="inlineStr">'
    rows += '<is><t>A</t></is></c><c r="C2"><v>1</v></c></row>'
    merged = '<mergeCells count="2"><mergeCell ref="A5:B6"/><mergeCell ref="B1:C1"/></mergeCells>'
    path = workbook(tmp_path / "w.xlsx", sheet(rows, after=merged, before='<dimension ref="A1"/>'))
    with pytest.raises(LadderError) as caught:
        read_matrix(path, limits=Limits(max_cells=12))
    assert "merged-header" in [p.code for p in caught.value.problems]


def test_column_index() -> None:
    assert [column_index(c) for c in ("A", "Z", "AA", "xfd")] == [1, 26, 27, 16384]


def test_a_scale_name_like_a_number(tmp_path: Path) -> None:
    path = tmp_path / "m.csv"
    path.write_text("id,title,level,x\na,A,1,+3\nb,B,2,\u0663\n")
    with pytest.raises(LadderError) as caught:
        read_matrix(path)
    assert [p.code for p in caught.value.problems] == ["level-off-scale", "level-off-scale"]
    assert "'+3'" in caught.value.problems[0].message


# -- assessments -----------------------------------------------------------------------


def test_every_problem_of_a_person(tmp_path: Path) -> None:
    path = tmp_path / "team.csv"
    path.write_text(
        "person,competency,level\n"
        "Ada,communication,\n"
        "Ada,,3\n"
        "Ada,communication,2\n"
        "Ada,communication,4\n"
        "Bo,communication,2\n"
    )
    with pytest.raises(LadderError) as caught:
        list(iter_assessments(path, presets.load("six-step")))
    assert [(p.code, p.line, p.column) for p in caught.value.problems] == [
        ("wrong-type", 2, 3),
        ("wrong-type", 3, 2),
        ("duplicate-competency", 5, 2),
    ]
    assert caught.value.problems[2].message == (
        "duplicate competency 'communication' (person 'Ada'); it first appears at line 4"
    )
    with pytest.raises(LadderError, match="duplicate-competency"):
        list(iter_assessments(path))


def test_assessments_obey_the_limits(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    team = tmp_path / "team.csv"
    team.write_text("person,competency,level\n" + "Ada,communication,2\n" * 10_000)
    with pytest.raises(LadderError, match="too-large"):
        list(iter_assessments(team, limits=Limits(max_bytes=1_000)))
    with pytest.raises(LadderError, match="too-large"):
        load_assessment(team, limits=Limits(max_bytes=1_000))
    one = tmp_path / "ada.yaml"
    one.write_text("person: Ada\nlevels: {communication: 2, x: 3}\n")
    with pytest.raises(LadderError, match="too-large"):
        load_assessment(one, limits=Limits(max_nodes=3))
    assert main(["readiness", "six-step", str(team), "--max-bytes", "1000"]) == 2
    assert "too-large" in capsys.readouterr().err
    assert main(["readiness", "six-step", str(one), "--max-nodes", "3"]) == 2
    assert "too-large" in capsys.readouterr().err


# -- outputs ---------------------------------------------------------------------------


def test_names_that_spreadsheets_would_run(tmp_path: Path) -> None:
    names = ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx", "Ada"]
    people = [Assessment(levels={"communication": 2}, person=name) for name in names]
    out = io.StringIO()
    write_readiness_csv(team_readiness(presets.load("six-step"), people, role="apm"), out)
    firsts = [line.split(",")[0] for line in out.getvalue().split("\n")[1:-1]]
    assert firsts == ["'=1+1", "'+1", "'-1", "'@SUM(A1)", "'\tx", "'\rx", "Ada"]
    team = tmp_path / "team.csv"
    team.write_text(
        "person,competency,level\n" + "".join(f"{n},communication,2\n" for n in names[:4])
    )
    report = tmp_path / "report.csv"
    assert main(["readiness", "six-step", str(team), "--role", "apm", "--out", str(report)]) == 0
    firsts = [line.split(",")[0] for line in report.read_text().splitlines()[1:]]
    assert firsts == ["'=1+1", "'+1", "'-1", "'@SUM(A1)"]


def test_thousands_of_misspelt_ids_take_linear_time() -> None:
    # Each typo would be compared with every role; suggestions stop after the first few.
    roles = "\n".join(
        f"  - {{id: r{i}, title: R{i}, level: 1, promotes_to: [x{i}q]}}" for i in range(3000)
    )
    problems = check_text(f"id: l\nname: L\nroles:\n{roles}\n", "yaml", "f")
    assert len(problems) == 3000
    assert sum("did you mean" in p.message for p in problems) <= 50
