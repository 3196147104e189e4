"""Role x competency matrices in CSV and XLSX: round trips and messy sheets."""

from __future__ import annotations

import datetime as dt
import sys
import zipfile
from typing import TYPE_CHECKING

import attrs
import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from careerladder import (
    Competency,
    Expectation,
    Ladder,
    LadderError,
    Limits,
    Role,
    dump,
    dumps,
    load,
    presets,
    read_matrix,
    write_matrix,
)
from careerladder._formats._sheet import Cell, _Merges, _Sheets, column_letter
from careerladder.testing import ladders

if TYPE_CHECKING:
    from pathlib import Path


def same_structure(a: Ladder, b: Ladder) -> None:
    """Every role, promotion and expectation level survived."""
    assert [(r.id, r.title, r.level, r.grade, r.track, r.entry) for r in a.roles] == [
        (r.id, r.title, r.level, r.grade, r.track, r.entry) for r in b.roles
    ]
    assert {p.pair for p in a.promotions} == {p.pair for p in b.promotions}
    assert {m.pair for m in a.moves} == {m.pair for m in b.moves}
    # Every competency, even one no role expects; the scale and the ignored lint codes.
    assert [c.id for c in a.competencies] == [c.id for c in b.competencies]
    assert (a.scale, a.ignore) == (b.scale, b.ignore)
    for role in a.roles:
        assert {(e.competency, e.level) for e in role.expectations} == {
            (e.competency, e.level) for e in b.role(role.id).expectations
        }


@settings(max_examples=15, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ladders(tracks=[None, "ic", "management"]))
def test_every_ladder_survives_csv_and_xlsx(tmp_path: Path, ladder: Ladder) -> None:
    for suffix in ("csv", "xlsx"):
        for levels in ("numbers", "names"):
            target = tmp_path / f"ladder.{suffix}"
            write_matrix(ladder, target, levels=levels)
            back = read_matrix(target)
            same_structure(ladder, back)
            if suffix == "xlsx":  # the workbook also carries the ladder and its catalogue
                assert (back.id, back.name, back.scale) == (ladder.id, ladder.name, ladder.scale)
                # Spaces around values are dropped, as a spreadsheet user means.
                assert [(c.id, c.name, c.description, c.category) for c in back.competencies] == [
                    (c.id, c.name.strip(), c.description.strip(), c.category and c.category.strip())
                    for c in ladder.competencies
                ]


def test_presets_survive_a_workbook(tmp_path: Path) -> None:
    for name in presets.names():
        ladder = presets.load(name)
        write_matrix(ladder, tmp_path / "x.xlsx")
        same_structure(ladder, read_matrix(tmp_path / "x.xlsx"))


def test_the_csv_layout(tmp_path: Path) -> None:
    write_matrix(load("examples/ladders/acme.yaml"), tmp_path / "acme.csv")
    assert (tmp_path / "acme.csv").read_text().splitlines()[:4] == [
        "id,title,level,track,promotes_to,communication,strategy,execution,people",
        "apm,Associate Product Manager,1,,pm,2,,2,",
        "pm,Product Manager,2,,senior-pm,3,2,3,",
        "senior-pm,Senior Product Manager,3,,staff-pm; group-pm,4,3,4,2",
    ]
    ladder = read_matrix(tmp_path / "acme.csv")
    assert (ladder.id, ladder.name) == ("acme", "acme")
    assert ladder.competency("communication").name == "communication"


def test_the_example_sheet_is_the_example_ladder() -> None:
    same_structure(load("examples/ladders/acme.yaml"), read_matrix("examples/sheets/acme.csv"))


def write_csv(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "team ladder.csv"
    path.write_text(text, encoding="utf-8")
    return path


def problems(path: Path) -> list[str]:
    with pytest.raises(LadderError) as caught:
        read_matrix(path)
    return [str(p).removeprefix(f"{path}:") for p in caught.value.problems]


def test_blank_rows_spaces_and_numbers_as_text_are_read_as_meant(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path,
        "ID , Title, Level, Track, Promotes To, craft\n"
        ",,,,,\n"
        " a , Analyst ,' 1',, b ,  2 \n"
        "\n"
        "b,Lead,2,,,proficient\n",
    )
    path.write_text(path.read_text().replace("' 1'", " 1"), encoding="utf-8")
    ladder = read_matrix(path)
    assert ladder.id == "team-ladder"
    assert [(r.id, r.title, r.level) for r in ladder] == [("a", "Analyst", 1), ("b", "Lead", 2)]
    assert ladder.expectation("a", "craft").level == 2  # type: ignore[union-attr]
    assert ladder.expectation("b", "craft").level == 3  # type: ignore[union-attr]
    assert {p.pair for p in ladder.promotions} == {("a", "b")}


def test_every_problem_of_a_messy_csv_is_located(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path,
        "id,title,level,track,promotes_to,craft,craft\n"
        "a,Analyst,one,,b; c,2,\n"
        "b,Lead,2,,,7,\n"
        ",,,,,,\n"
        "c,Chief,3,,,great,\n",
    )
    assert problems(path) == [
        "1:7: error duplicate-column: column 'craft' in G1 repeats F1; keep one",
        "2:3: error wrong-type: level in C2 is 'one'; expected a whole number",
        "3:6: error level-off-scale: level 7 in F3 is off the scale; expected 1 to 5 "
        "(1 aware, 2 practicing, 3 proficient, 4 advanced, 5 expert)",
        "5:6: error level-off-scale: level 'great' in F5 is not on the scale; expected a "
        "number from 1 to 5 or one of: aware, practicing, proficient, advanced, expert",
    ]


def test_missing_columns_and_an_empty_file(tmp_path: Path) -> None:
    assert problems(write_csv(tmp_path, "id,name\na,A\n")) == [
        "1:1: error missing-column: no 'title' column in the header row 1; the first columns "
        "are id, title, level, grade, track, entry, promotes_to, moves_to",
        "1:1: error missing-column: no 'level' column in the header row 1; the first columns "
        "are id, title, level, grade, track, entry, promotes_to, moves_to",
    ]
    assert problems(write_csv(tmp_path, "\n\n")) == [
        "1:1: error empty-sheet: the file has no rows; the first row names the columns: id, "
        "title, level, grade, track, entry, promotes_to, moves_to, then one column per competency",
    ]
    assert problems(write_csv(tmp_path, "id,title,level,,\na,A,1,,x\n")) == [
        "1:5: error empty-header: column E has values but no name in E1; name it after a "
        "competency id or remove it",
    ]


def test_a_csv_that_is_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "latin.csv"
    path.write_bytes("id,title,level\na,Caf\xe9,1\n".encode("latin-1"))
    (problem,) = problems(path)
    assert "not-utf8" in problem


def messy_workbook(path: Path) -> None:
    book = openpyxl.Workbook()
    roles = book.active
    assert roles is not None
    roles.title = "Roles"
    roles.append(
        ["id", "title", "level", "track", "promotes_to", "Craft", None, "peeple", "People"]
    )
    roles.merge_cells("F1:G1")
    roles.append(["a", "Analyst ", "1", None, "b", 2, 3, 1, 1])
    roles.append([None] * 9)
    roles.append(["b", "Lead", 2.0, None, None, "three", None, None, "three"])
    catalogue = book.create_sheet("competencies")
    catalogue.append(["id", "name"])
    catalogue.append(["craft", "Craft"])
    catalogue.append(["people", "People"])
    book.save(path)


def test_every_problem_of_a_messy_workbook_names_sheet_row_and_column(tmp_path: Path) -> None:
    path = tmp_path / "messy.xlsx"
    messy_workbook(path)
    assert problems(path) == [
        "1:6: error merged-header: the header cells Roles!F1:G1 are merged; unmerge them and "
        "name each column on its own",
        "1:8: error unknown-competency: unknown competency 'peeple' in Roles!H1; did you mean "
        "'people'?",
        "4:9: error level-off-scale: level 'three' in Roles!I4 is not on the scale; expected a "
        "number from 1 to 5 or one of: aware, practicing, proficient, advanced, expert",
    ]


def test_a_workbook_of_one_sheet_under_any_name(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Matrix"
    sheet.append(["id", "title", "level", "craft"])
    sheet.append(["a", "A", 1, 2])
    book.save(tmp_path / "one.xlsx")
    assert [r.id for r in read_matrix(tmp_path / "one.xlsx")] == ["a"]
    book.create_sheet("Notes")
    book.save(tmp_path / "two.xlsx")
    assert problems(tmp_path / "two.xlsx") == [
        "1:1: error missing-sheet: no 'roles' sheet among 'Matrix', 'Notes'; name the sheet "
        "that holds the matrix 'roles'",
    ]


def test_a_file_that_is_not_a_workbook(tmp_path: Path) -> None:
    path = tmp_path / "fake.xlsx"
    path.write_text("id,title\n")
    (problem,) = problems(path)
    assert problem.startswith("1:1: error unreadable: not an XLSX workbook")


def test_without_openpyxl_the_error_names_the_extra(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    with pytest.raises(ModuleNotFoundError, match=r"pip install 'careerladder\[xlsx\]'"):
        write_matrix(presets.load("six-step"), tmp_path / "x.xlsx")


def test_column_letters() -> None:
    assert [column_letter(n) for n in (1, 2, 26, 27, 52, 53, 702, 703)] == [
        "A", "B", "Z", "AA", "AZ", "BA", "ZZ", "AAA"
    ]  # fmt: skip


# A date as a spreadsheet stores it: without a time zone.
DAY = dt.datetime(2026, 1, 1)  # noqa: DTZ001


def test_odd_cells_of_a_workbook(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    roles = book.active
    assert roles is not None
    roles.title = "roles"
    roles.append(["id", "title", "level", "craft"])
    roles.append([7, "Seven", 1, 2])
    roles.append(["b", DAY, True, 2.5])
    book.create_sheet("competencies")
    info = book.create_sheet("ladder")
    info.append(["field", "value"])
    info.append(["id", "odd"])
    info.append(["name", DAY])
    info.append(["unknown", "ignored"])
    book.save(tmp_path / "odd.xlsx")
    assert problems(tmp_path / "odd.xlsx") == [
        "3:2: error wrong-type: name in ladder!B3: expected text, got "
        "datetime.datetime(2026, 1, 1, 0, 0)",
        "3:2: error wrong-type: title in roles!B3: expected text, got "
        "datetime.datetime(2026, 1, 1, 0, 0)",
        "3:3: error wrong-type: level in roles!C3 is True; expected a whole number",
        "3:4: error wrong-type: expected level in roles!D3 is 2.5; expected a whole number or "
        "a scale name",
    ]


def test_a_short_competency_row_and_a_float_level(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    roles = book.active
    assert roles is not None
    roles.title = "roles"
    roles.append(["id", "title", "level", "craft"])
    roles.append([7, "Seven", 1.0, 2])
    catalogue = book.create_sheet("competencies")
    catalogue.append(["id", "name", "description", "owner"])  # a column of one's own
    catalogue.append(["craft", "Craft", None, "Ada"])
    book.save(tmp_path / "short.xlsx")
    ladder = read_matrix(tmp_path / "short.xlsx")
    assert [(r.id, r.level) for r in ladder] == [("7", 1)]
    assert ladder.competency("craft").description == ""


def test_a_file_over_the_limit_is_refused(tmp_path: Path) -> None:
    path = write_csv(tmp_path, "id,title,level\n" + "a,A,1\n" * 10)
    with pytest.raises(LadderError, match="too-large"):
        read_matrix(path, limits=Limits(max_bytes=20))


def test_a_problem_with_no_cell_stays_at_the_start() -> None:
    sheets = _Sheets("x.csv")
    assert sheets.where(("elsewhere", 2)) == ("A1",)
    assert sheets.where(()) == ("A1",)
    assert sheets.positions([("A1",)]).find(("A1",)) == (1, 1)


def test_a_whole_number_stored_as_a_float_is_that_number() -> None:
    assert _Sheets(None).whole(2.0, Cell(None, 1, 1), "level") == 2


def test_text_that_looks_like_a_formula_stays_text(tmp_path: Path) -> None:
    ladder = load("examples/ladders/acme.yaml")
    odd = ladder.add_role(
        attrs.evolve(ladder.role("apm"), id="x", title="=1+1", aliases=()), promotes_to=["pm"]
    )
    odd = attrs.evolve(odd, name="=HYPERLINK(1)")
    write_matrix(odd, tmp_path / "odd.xlsx")
    back = read_matrix(tmp_path / "odd.xlsx")
    assert back.role("x").title == "=1+1"
    assert back.name == "=HYPERLINK(1)"


def test_a_csv_that_is_not_csv_is_a_located_problem(tmp_path: Path) -> None:
    path = tmp_path / "huge.csv"
    path.write_text("id,title,level\na,A,1\nb," + "B" * 200_000 + ",2\n")
    assert problems(path) == [
        "3:1: error syntax: invalid CSV: field larger than field limit (131072)"
    ]


def test_a_damaged_workbook_is_a_problem_and_a_folder_is_not_a_file(tmp_path: Path) -> None:
    with zipfile.ZipFile(tmp_path / "empty.xlsx", "w") as archive:
        archive.writestr("readme.txt", "not a workbook")
    (problem,) = problems(tmp_path / "empty.xlsx")
    assert problem.startswith("1:1: error unreadable: not an XLSX workbook (")
    (tmp_path / "folder.xlsx").mkdir()
    with pytest.raises(IsADirectoryError):
        read_matrix(tmp_path / "folder.xlsx")


def test_a_custom_scale_and_ignored_codes_survive_a_csv_file(tmp_path: Path) -> None:
    ladder = attrs.evolve(
        load("examples/ladders/engineering.yaml"),
        scale=["a", "b", "c", "d", "e", "f"],
        ignore=["unused-competency"],
    )
    ladder = ladder.add_expectation(
        "director", attrs.evolve(ladder.role("director").expectations[0], level=6)
    ).add_competency(Competency(id="writing", name="writing"))
    target = tmp_path / "engineering.csv"
    write_matrix(ladder, target)
    lines = target.read_text().splitlines()
    assert lines[:3] == [
        "# scale,a,b,c,d,e,f",
        "# ignore,unused-competency",
        "id,title,level,grade,track,entry,promotes_to,moves_to,technology,design,delivery,"
        "communication,people,writing",
    ]
    assert lines[3] == "engineer-1,Engineer I,1,L1,ic,,engineer-2,,2,1,2,1,,"
    assert lines[5] == "senior,Senior Engineer,3,L3,ic,true,staff; manager,,4,3,3,3,1,"
    assert lines[-1] == "director,Director of Engineering,5.5,M3,management,true,,,6,4,5,5,5,"
    back = read_matrix(target)
    same_structure(ladder, back)
    assert set(back.role("director").expectations) == set(ladder.role("director").expectations)
    write_matrix(ladder, target, levels="names")
    assert read_matrix(target).role("director").expectation("technology") == Expectation(
        competency="technology", level=6
    )


def test_entry_and_decimal_levels_as_a_spreadsheet_types_them(tmp_path: Path) -> None:
    text = "id,title,level,entry,moves_to\na,A,9.5,yes,b\nb,B,9.50,x,a\nc,C, 10 ,NO,\nd,D,10,,\n"
    ladder = read_matrix(write_csv(tmp_path, text))
    assert [(r.id, r.level, r.entry) for r in ladder] == [
        ("a", 9.5, True),
        ("b", 9.5, True),
        ("c", 10, False),
        ("d", 10, False),
    ]
    assert {m.pair for m in ladder.moves} == {("a", "b"), ("b", "a")}


def test_misread_entries_levels_and_field_rows(tmp_path: Path) -> None:
    text = "# scales,a,b\n#,x\nid,title,level,entry,moves_to\na,A,nine,maybe,b\nb,B,1,,\n"
    assert problems(write_csv(tmp_path, text)) == [
        "1:1: error unknown-field: unknown ladder field '# scales' in A1; a row before the "
        "header may give '# scale' or '# ignore'",
        "2:1: error unknown-field: unknown ladder field '#' in A2; a row before the header may "
        "give '# scale' or '# ignore'",
        "4:3: error wrong-type: level in C4 is 'nine'; expected a whole number",
        "4:4: error wrong-type: entry in D4 is 'maybe'; expected true or false",
    ]


def test_a_workbook_may_hold_true_false_cells_and_decimal_numbers(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["id", "title", "level", "grade", "entry", "moves_to"])
    sheet.append(["a", "A", 9.5, 9.5, True, "b"])
    sheet.append(["b", "B", 9.5, "M2", False, None])
    book.save(tmp_path / "l.xlsx")
    ladder = read_matrix(tmp_path / "l.xlsx")
    assert [(r.level, r.grade, r.entry) for r in ladder] == [(9.5, "9.5", True), (9.5, "M2", False)]
    assert [m.pair for m in ladder.moves] == [("a", "b")]


def test_a_competency_id_wins_over_another_s_name(tmp_path: Path) -> None:
    ladder = Ladder(
        id="l",
        name="L",
        competencies=[Competency(id="a", name="A"), Competency(id="a-", name="A ")],
        roles=[Role(id="r", title="R", level=1, expectations={"a": 1, "a-": 2})],
    )
    path = tmp_path / "l.xlsx"
    write_matrix(ladder, path)
    assert read_matrix(path).role("r").expectations == ladder.role("r").expectations


_spans = st.tuples(st.integers(1, 50), st.integers(1, 20)).map(
    lambda pair: (1, pair[0], 2, pair[0] + pair[1])
)


@given(st.lists(_spans, max_size=12), st.integers(1, 80))
def test_a_column_is_merged_when_some_range_spans_it(
    merged: list[tuple[int, int, int, int]], column: int
) -> None:
    merges = _Merges.of(merged)
    assert merges.covers(column) == any(first <= column <= last for _, first, _, last in merged)
    if column in merges.starting:
        assert merges.starting[column] in merged


def test_a_competency_named_as_a_fixed_column_is_refused_not_garbled() -> None:
    ladder = Ladder(
        id="clash",
        name="clash",
        competencies=[Competency(id="level", name="Level"), Competency(id="craft", name="Craft")],
        roles=[Role(id="a", title="A", level=1, expectations={"level": 2})],
    )
    with pytest.raises(LadderError) as caught:
        dumps(ladder, "csv")
    [problem] = caught.value.problems
    assert (problem.code, problem.path) == ("duplicate-column", ("competencies", 0, "id"))
    assert problem.message.startswith(
        "competency 'level' cannot have a column of its own in a matrix: 'level' is the name "
        "of a fixed column"
    )


def _own_scale(steps: int, level: int) -> Ladder:
    return Ladder(
        id="own",
        name="own",
        scale=["low", "mid", "high"],
        competencies=[
            Competency(id="craft", name="Craft", scale=[f"step-{n}" for n in range(1, steps + 1)])
        ],
        roles=[Role(id="a", title="A", level=1, expectations={"craft": level})],
    )


def test_a_matrix_refuses_levels_it_could_not_read_back() -> None:
    with pytest.raises(LadderError) as caught:
        dumps(_own_scale(6, 5), "csv")
    [problem] = caught.value.problems
    assert (problem.code, problem.path) == (
        "level-off-scale",
        ("roles", 0, "expectations", "craft"),
    )
    assert "step 5 ('step-5') of the competency's own scale" in problem.message
    assert "a matrix has only the ladder's 3 steps: it would not read back" in problem.message
    # By name, any step of a scale of its own is off the ladder's.
    with pytest.raises(LadderError, match="write levels as numbers"):
        write_matrix(_own_scale(2, 1), "unused.csv", levels="names")


def test_a_level_within_the_ladder_s_scale_is_written_with_a_warning(tmp_path: Path) -> None:
    target = tmp_path / "own.csv"
    with pytest.warns(UserWarning, match="the own scales of 1 competency"):
        dump(_own_scale(6, 2), target)
    assert load(target).role("a").expectation("craft").level == 2  # type: ignore[union-attr]
