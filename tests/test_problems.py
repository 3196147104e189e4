from __future__ import annotations

import pickle

import pytest

from careerladder import LadderError, Problem
from careerladder._problems import format_path, hint, quote, suggest


def test_problem_renders_location_severity_code_and_message() -> None:
    problem = Problem(code="cycle", message="m", file="a.yaml", line=3, column=7)
    assert str(problem) == "a.yaml:3:7: error cycle: m"


def test_problem_without_location_renders_without_prefix() -> None:
    assert str(Problem(severity="warning", code="x", message="m")) == "warning x: m"


@pytest.mark.parametrize(
    ("fields", "location"),
    [({}, ""), ({"file": "f"}, "f"), ({"file": "f", "line": 2}, "f:2"), ({"line": 2}, "2")],
)
def test_location_joins_what_is_known(fields: dict[str, object], location: str) -> None:
    assert Problem(code="x", message="m", **fields).location == location  # type: ignore[arg-type]


def test_error_lists_every_problem_one_per_line_sorted_by_place() -> None:
    error = LadderError(
        [
            Problem(code="b", message="second", file="a", line=9),
            Problem(code="a", message="first", file="a", line=2),
        ]
    )
    assert str(error).splitlines() == ["a:2: error a: first", "a:9: error b: second"]
    assert [p.code for p in error.problems] == ["a", "b"]
    assert isinstance(error, ValueError)


def test_error_survives_pickling_with_its_problems() -> None:
    error = LadderError([Problem(code="a", message="m")])
    copy = pickle.loads(pickle.dumps(error))  # noqa: S301 -- our own data
    assert copy.problems == error.problems
    assert str(copy) == str(error)


def test_suggest_is_case_insensitive_and_keeps_the_candidate_spelling() -> None:
    assert suggest("INFLUENSE", ["Influence"]) == "; did you mean 'Influence'?"


def test_hint_lists_many_candidates_only_up_to_eight() -> None:
    many = [f"role-{i}" for i in range(9)]
    assert hint("zzz", many, "look it up") == "; look it up"


def test_long_values_are_shortened_in_messages_and_paths() -> None:
    long = "x" * 10_000
    assert quote(long) == f"'{'x' * 48}...' (10,000 characters)"
    assert format_path(["roles", 0, long]) == f"roles[0]['{'x' * 57}...']"


def test_no_suggestion_for_a_paragraph() -> None:
    assert suggest("influence " * 20, ["influence"]) == ""


def test_suggestions_among_many_candidates_consider_similar_ones() -> None:
    many = [f"role-{i}" for i in range(5_000)]
    assert suggest("role-4999x", many) == "; did you mean 'role-4999'?"
    assert suggest("xole-4999", many) == ""


def test_paths_through_keys_that_are_not_text() -> None:
    assert format_path(["a", None, 3.5, True, 2]) == "a[None][3.5][True][2]"
