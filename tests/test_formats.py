"""The formats layer: one table of formats, bounded reads, and bounds on plain data."""

from __future__ import annotations

import gc
import io
import os
import sys
import warnings
from typing import TYPE_CHECKING

import pytest

from careerladder import (
    Competency,
    Ladder,
    LadderError,
    Limits,
    Role,
    dump,
    dumps,
    load,
    loads,
    presets,
)
from careerladder._assessment_files import _DocAssessment
from careerladder._formats._document import Origin, Problems
from careerladder._formats._files import check_text, format_for, read_structured
from careerladder._formats._text import NotAFileError, read_bytes
from careerladder._limits import paused_collector
from careerladder._problems import Problem

if TYPE_CHECKING:
    from pathlib import Path

MINIMAL = "careerladder: 1\nid: l\nname: L\n"


@pytest.mark.parametrize("suffix", [".yaml", ".json", ".toml", ".csv", ".xlsx", ".case.json"])
def test_load_and_dump_take_every_format(tmp_path: Path, suffix: str) -> None:
    ladder = presets.load("six-step")
    target = tmp_path / f"ladder{suffix}"
    if suffix in (".csv", ".xlsx"):
        with pytest.warns(UserWarning, match=r"leaves out: .*aliases of 6 roles"):
            dump(ladder, target)
    else:
        dump(ladder, target)
    back = load(target)
    assert [r.id for r in back] == [r.id for r in ladder]
    assert format_for(str(target)).suffixes[0] == suffix or suffix == ".yml"


def test_the_warning_speaks_of_the_format_written_not_the_suffix(tmp_path: Path) -> None:
    ladder = presets.load("six-step")
    with pytest.warns(UserWarning, match="^the XLSX workbook leaves out") as caught:
        dump(ladder, tmp_path / "book.dat", "xlsx")
    [warning] = caught
    message = str(warning.message)
    assert message.startswith("the XLSX workbook leaves out: aliases of 6 roles")
    assert "the ladder's" not in message  # a workbook keeps its id, name and description


def test_a_matrix_that_holds_the_whole_ladder_warns_of_nothing(tmp_path: Path) -> None:
    ladder = Ladder(
        id="small",
        name="small",
        competencies=[Competency(id="craft", name="craft")],
        roles=[Role(id="dev", title="Developer", level=1, expectations={"craft": 2})],
    )
    target = tmp_path / "small.csv"
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        dump(ladder, target)
    assert load(target) == ladder


def test_the_longest_suffix_wins() -> None:
    assert format_for("x.case.json").name == "case"
    assert format_for("x.JSON").name == "json"


def test_dumps_writes_text_formats_and_refuses_a_workbook() -> None:
    ladder = presets.load("six-step")
    with pytest.warns(UserWarning, match="the CSV role x competency matrix leaves out"):
        assert dumps(ladder, "csv").startswith("id,title,level")
    with pytest.raises(LadderError, match="is not text"):
        dumps(ladder, "xlsx")
    with pytest.raises(LadderError, match="is read from a file"):
        loads("id,title,level\n", "csv")
    assert loads(dumps(ladder, "case"), "case") == ladder


def test_check_text_of_a_matrix_format_is_a_problem() -> None:
    assert [p.code for p in check_text("x", "xlsx")] == ["unknown-format"]


def test_a_device_or_fifo_is_refused_before_it_is_read(tmp_path: Path) -> None:
    with pytest.raises(NotAFileError, match="device, FIFO or socket"):
        read_bytes("/dev/zero")
    fifo = tmp_path / "x.yaml"
    os.mkfifo(fifo)
    with pytest.raises(NotAFileError):
        load(fifo)  # no writer: it must not wait for one
    with pytest.raises(IsADirectoryError):
        read_bytes(str(tmp_path))


def test_stdin_is_read_within_the_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    class Stdin(io.TextIOWrapper):
        pass

    monkeypatch.setattr(sys, "stdin", Stdin(io.BytesIO(b"x" * 100)))
    with pytest.raises(LadderError, match=r"more than 10 bytes"):
        read_bytes("-", Limits(max_bytes=10))


def test_too_many_values_in_json_are_refused() -> None:
    text = '{"id": "l", "name": "L", "roles": [' + ", ".join(["1"] * 50) + "]}"
    problems = check_text(text, "json", "f", Limits(max_nodes=20))
    assert [p.code for p in problems] == ["too-large"]


def test_text_that_is_not_text_is_refused_where_it_enters() -> None:
    problems = check_text('{"id": "l", "name": "L\\ud800", "x\\u0001": 1}', "json", "f")
    assert {(p.code, p.path) for p in problems} == {
        ("invalid-character", ("name",)),
        ("invalid-character", ("x\x01",)),
        ("unknown-key", ("x\x01",)),
    }


def test_a_huge_toml_integer_is_a_problem() -> None:
    problems = check_text(f"id = 'l'\nname = 'L'\nx = {'1' * 5000}\n", "toml", "f")
    assert [p.code for p in problems] == ["syntax"]


def test_read_structured_reports_wrong_types_and_unknown_keys(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("levels: 3\n")
    with pytest.raises(LadderError, match="wrong-type"):
        read_structured(str(path), _DocAssessment)
    path.write_text("levels: {}\npersn: x\n")
    with pytest.raises(LadderError, match="unknown key 'persn'"):
        read_structured(str(path), _DocAssessment)


def test_the_collector_is_resumed_however_the_block_ends() -> None:
    assert gc.isenabled()

    def stop() -> None:
        with paused_collector():
            assert not gc.isenabled()
            raise RuntimeError

    with pytest.raises(RuntimeError):
        stop()
    assert gc.isenabled()
    gc.disable()
    try:
        with paused_collector():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_ladder_error_takes_a_message_a_problem_or_problems() -> None:
    assert str(LadderError("boom")) == "error invalid: boom"
    problem = Problem(code="x", message="m")
    assert LadderError(problem).problems == (problem,)
    with pytest.raises(TypeError, match="at least one problem"):
        LadderError([])


def test_a_misspelt_key_is_read_as_the_key_it_was_meant_to_be() -> None:
    text = (
        f"{MINIMAL}competencies: [{{id: c, name: C}}]\n"
        "roles:\n  - {id: a, titel: A, levl: 1, expectations: {c: 9, d: 1}, promotes_to: [zz]}\n"
    )
    codes = [p.code for p in check_text(text, "yaml", "f")]
    assert codes == [
        "unknown-key",
        "unknown-key",
        "level-off-scale",
        "unknown-competency",
        "unknown-role",
    ]


def test_nesting_deeper_than_the_limit_in_json_is_refused() -> None:
    text = '{"id": "l", "name": "L", "x": ' + "[" * 70 + "]" * 70 + "}"
    assert [p.code for p in check_text(text, "json", "f")] == ["too-deep"]


def test_a_problem_the_reader_reported_is_not_repeated() -> None:
    sink = Problems(Origin(file="f"))
    sink.add_shown("wrong-type", "first", ("a",), (1, 1))
    sink.add("empty-field", "again", ("a",))
    assert [p.message for p in sink.located()] == ["first"]


def test_a_role_whose_level_cannot_be_read_is_compared_with_no_other(tmp_path: Path) -> None:
    path = tmp_path / "m.csv"
    path.write_text("id,title,level,promotes_to,c\na,A,x,,1\nb,B,1,a,1\n")
    with pytest.raises(LadderError) as caught:
        load(path)
    assert [p.code for p in caught.value.problems] == ["wrong-type"]


def test_writing_into_a_missing_folder_names_the_folder(tmp_path: Path) -> None:
    from careerladder._formats._write import write_atomic  # noqa: PLC0415

    with pytest.raises(FileNotFoundError, match="does not exist"):
        write_atomic(tmp_path / "nowhere" / "x.yaml", b"x")
    assert list(tmp_path.iterdir()) == []


def test_a_ladder_with_moves_grades_entries_and_ignores_round_trips() -> None:
    text = (
        "id: eng\nname: Eng\nignore: [unused-competency]\n"
        "competencies: [{id: t, name: T}, {id: p, name: P}]\nroles:\n"
        "  - {id: d3, title: Developer 3, level: 3, grade: L3, expectations: {t: 3}, "
        "promotes_to: [d4]}\n"
        "  - {id: d4, title: Developer 4, level: 4, expectations: {t: 4}, moves_to: [tl4]}\n"
        "  - {id: tl4, title: Tech Lead 4, level: 4, expectations: {t: 3}, moves_to: [d4]}\n"
        "  - {id: p, title: Principal, level: 9.5, entry: true, expectations: {t: 5}}\n"
    )
    ladder = loads(text)
    assert [r.id for r in ladder.lateral_roles("d4")] == ["tl4"]
    assert [r.id for r in ladder.entry_roles()] == ["d3", "p"]
    assert ladder.lint() == ()
    assert ladder.career_graph.edges["d4", "tl4"]["kind"] == "move"
    for kind in ("yaml", "json", "toml"):
        assert loads(dumps(ladder, kind), kind) == ladder
    bad = text.replace("moves_to: [tl4]", "moves_to: [d3]")
    assert [p.code for p in check_text(bad, "yaml", "f")] == ["level-not-equal"]
