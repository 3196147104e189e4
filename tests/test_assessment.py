from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from careerladder import Assessment, LadderError, iter_assessments, load_assessment, presets
from careerladder._problems import format_path

if TYPE_CHECKING:
    from pathlib import Path

SIX = presets.load("six-step")


def test_levels_by_number_name_or_digits_in_any_case() -> None:
    ada = Assessment(
        levels={"communication": 4, "leadership": "Proficient", "scope-management": "2"}
    )
    assert ada.resolve(SIX) == {"communication": 4, "leadership": 3, "scope-management": 2}


def test_assessments_are_read_only_and_compare_by_value() -> None:
    a = Assessment(levels={"communication": 4})
    assert a == Assessment(levels={"communication": 4})
    assert hash(a) == hash(Assessment(levels={"communication": 4}))
    with pytest.raises(TypeError):
        a.levels["communication"] = 5  # type: ignore[index]


def test_every_problem_is_reported() -> None:
    with pytest.raises(LadderError) as caught:
        Assessment(
            levels={"communication": 6, "leadership": "guru", "teamwork": 2, "x": True}
        ).resolve(SIX)
    assert [(p.code, format_path(p.path)) for p in caught.value.problems] == [
        ("level-off-scale", "levels.communication"),
        ("level-off-scale", "levels.leadership"),
        ("unknown-competency", "levels.teamwork"),
        ("unknown-competency", "levels.x"),
        ("level-off-scale", "levels.x"),
    ]


def test_load_yaml_and_json(tmp_path: Path) -> None:
    ada = load_assessment("examples/assessments/ada.yaml")
    assert ada.person == "Ada"
    assert ada.resolve(SIX)["strategic-thinking"] == 3
    path = tmp_path / "bo.json"
    path.write_text('{"person": "Bo", "levels": {"communication": "expert"}}')
    assert load_assessment(path) == Assessment(levels={"communication": "expert"}, person="Bo")


def test_a_broken_assessment_file_is_located(tmp_path: Path) -> None:
    path = tmp_path / "bo.yaml"
    path.write_text("person: Bo\nlevel:\n  communication: 3\n")
    with pytest.raises(LadderError) as caught:
        load_assessment(path)
    assert [str(p) for p in caught.value.problems] == [
        f"{path}:2:1: error unknown-key: unknown key 'level' in the top level; did you mean "
        "'levels'?",
    ]


def test_one_person_from_csv(tmp_path: Path) -> None:
    path = tmp_path / "ada.csv"
    path.write_text("competency,level\ncommunication,4\n\nleadership, advanced \n")
    assert load_assessment(path) == Assessment(
        levels={"communication": 4, "leadership": "advanced"}
    )


def test_a_csv_of_several_people_is_not_one_assessment() -> None:
    with pytest.raises(LadderError, match="the file holds 3 people; an assessment is one person"):
        load_assessment("examples/assessments/team.csv")


def test_many_people_stream_in_order() -> None:
    people = list(iter_assessments("examples/assessments/team.csv"))
    assert [p.person for p in people] == ["Ada", "Grace", "Linus"]
    assert people[2].levels == {"communication": 2, "product-execution": 3}


@pytest.mark.parametrize(
    ("text", "where", "message"),
    [
        (
            "person,skill,level\n",
            (1, 1),
            "the header row lacks the column 'competency'; expected "
            "the columns person, competency and level",
        ),
        ("", (1, 1), "the header row lacks the column 'competency'"),
        ("person,competency,level\nAda,communication,\n", (2, 3), "the level cell is empty"),
        ("person,competency,level\nAda,,3\n", (2, 2), "the competency cell is empty"),
        ("person,competency,level\nAda,communication\n", (2, 3), "the level cell is empty"),
        (
            "person,competency,level\nAda,a,1\nBo,a,1\nAda,b,2\n",
            (4, 1),
            "the rows of 'Ada' are not together; sort the file by person",
        ),
    ],
)
def test_messy_csv_rows_are_located(
    tmp_path: Path, text: str, where: tuple[int, int], message: str
) -> None:
    path = tmp_path / "team.csv"
    path.write_text(text)
    with pytest.raises(LadderError) as caught:
        list(iter_assessments(path))
    [problem] = caught.value.problems
    assert (problem.file, problem.line, problem.column) == (str(path), *where)
    assert problem.message.startswith(message)


def test_a_csv_with_only_a_header_holds_nobody(tmp_path: Path) -> None:
    path = tmp_path / "nobody.csv"
    path.write_text("person,competency,level\n\n")
    assert list(iter_assessments(path)) == []
    with pytest.raises(LadderError, match="the file holds 0 people"):
        load_assessment(path)


def test_spaces_around_a_person_do_not_split_their_rows(tmp_path: Path) -> None:
    path = tmp_path / "team.csv"
    path.write_text("person,competency,level\nAda,a,1\n Ada ,b,2\nBo,a,3\n")
    people = list(iter_assessments(path))
    assert [(p.person, dict(p.levels)) for p in people] == [
        ("Ada", {"a": 1, "b": 2}),
        ("Bo", {"a": 3}),
    ]


def test_checked_against_a_ladder_as_read_every_problem_located(tmp_path: Path) -> None:
    path = tmp_path / "bo.yaml"
    path.write_text("person: Bo\nlevels:\n  communication: 9\n  charm: 2\n")
    with pytest.raises(LadderError) as caught:
        load_assessment(path, SIX)
    assert [str(p) for p in caught.value.problems] == [
        f"{path}:3:18: error level-off-scale: level 9 in levels.communication is off the scale; "
        "expected 0 (not yet) to 5 or one of: aware, practicing, proficient, advanced, expert",
        f"{path}:4:3: error unknown-competency: unknown competency 'charm' in levels.charm; the "
        "ladder does not measure it",
    ]
    assert load_assessment("examples/assessments/ada.yaml", SIX).person == "Ada"


def test_a_team_is_checked_row_by_row_and_every_problem_reported(tmp_path: Path) -> None:
    path = tmp_path / "team.csv"
    path.write_text(
        "person,competency,level\nAda,communication,4\nAda,charm,2\nBo,leadership,wizard\n"
        "Cy,communication,3\n"
    )
    read: list[Assessment] = []
    with pytest.raises(LadderError) as caught:
        read.extend(iter_assessments(path, SIX))
    assert read == []
    assert [(p.line, p.column, p.code) for p in caught.value.problems] == [
        (3, 2, "unknown-competency"),
        (4, 3, "level-off-scale"),
    ]
    assert caught.value.problems[0].message.endswith("(person 'Ada')")
    good = tmp_path / "good.csv"
    good.write_text("competency,level\ncommunication,4\n")
    assert [a.levels for a in iter_assessments(good, SIX)] == [{"communication": 4}]
    bad = tmp_path / "bad.csv"
    bad.write_text("competency,level\ncharm,4\n")
    with pytest.raises(
        LadderError,
        match=r"unknown competency 'charm' in levels.charm; the ladder does not measure it$",
    ):
        list(iter_assessments(bad, SIX))


@pytest.mark.parametrize(
    ("data", "code", "where", "message"),
    [
        (
            b"person,competency,level\nAda,communication,4\nBo,caf\xe9,2\n",
            "not-utf8",
            (3, 7),
            "the file is not UTF-8: byte 0xe9 at offset 50 cannot be decoded; save the file "
            "as UTF-8",
        ),
        (
            b"person,competency,level\nAda," + b"x" * 200_000 + b",4\n",
            "syntax",
            (2, 1),
            "invalid CSV: field larger than field limit (131072)",
        ),
    ],
)
def test_unreadable_csv_is_a_located_problem(
    tmp_path: Path, data: bytes, code: str, where: tuple[int, int], message: str
) -> None:
    path = tmp_path / "team.csv"
    path.write_bytes(data)
    with pytest.raises(LadderError) as caught:
        list(iter_assessments(path))
    [problem] = caught.value.problems
    assert (problem.code, (problem.line, problem.column), problem.message) == (code, where, message)


def test_a_bad_byte_far_into_a_large_file_is_located(tmp_path: Path) -> None:
    path = tmp_path / "team.csv"
    rows = b"".join(b"p%06d,communication,3\n" % i for i in range(80_000))
    path.write_bytes(b"person,competency,level\n" + rows + b"Zo\xff,communication,3\n")
    with pytest.raises(LadderError) as caught:
        list(iter_assessments(path))
    [problem] = caught.value.problems
    assert (problem.code, problem.line, problem.column) == ("not-utf8", 80_002, 3)


def test_read_against_a_ladder_names_become_numbers() -> None:
    ada = next(iter_assessments("examples/assessments/team.csv", SIX))
    assert ada.levels["strategic-thinking"] == 3


@pytest.mark.parametrize(
    "cells",
    [
        ["communication,3", "leadership,proficient"],  # the plainest spellings
        [" communication ,3", "leadership, Proficient "],  # spaces and another case
        ["communication,03", "leadership,PROFICIENT"],  # a padded number; a name's case
    ],
)
def test_every_spelling_against_a_ladder_gives_the_same_levels(
    tmp_path: Path, cells: list[str]
) -> None:
    path = tmp_path / "team.csv"
    path.write_text("person,competency,level\n" + "".join(f"Ada,{c}\n" for c in cells))
    (ada,) = iter_assessments(path, SIX)
    assert ada.levels == {"communication": 3, "leadership": 3}
    assert all(type(level) is int for level in ada.levels.values())


def test_competency_ids_are_not_case_insensitive(tmp_path: Path) -> None:
    path = tmp_path / "team.csv"
    path.write_text("person,competency,level\nAda,LEADERSHIP,3\n")
    with pytest.raises(LadderError, match="unknown competency 'LEADERSHIP'"):
        list(iter_assessments(path, SIX))
