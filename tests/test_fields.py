"""The model, the file format and the JSON Schema agree about the fields."""

from __future__ import annotations

import json

import attrs
import pytest

from careerladder import Ladder, Role
from careerladder._formats._case import ROLE_EXTENSION, ROLE_IN_CASE
from careerladder._formats._doc import (
    LADDER_FIELDS,
    ROLE_FIELDS,
    DocExpectation,
    DocLadder,
    DocRole,
)
from careerladder._formats._schema import schema_text
from careerladder._formats._sheet import EXPECTATION_LEFT_OUT, FIXED, ROLE_LEFT_OUT, left_out
from careerladder._model import Expectation


def names(cls: type) -> set[str]:
    return {f.name for f in attrs.fields(cls)}


def test_a_role_in_a_file_has_every_field_of_the_model() -> None:
    # Expectations are a mapping in a file; promotions and moves sit in the role.
    assert names(DocRole) == names(Role) | {"promotes_to", "moves_to"}
    assert set(ROLE_FIELDS) == names(Role) - {"expectations"}


def test_a_ladder_file_has_every_field_of_the_model() -> None:
    # Promotions and moves are in the roles; the version says which format it is.
    assert names(DocLadder) == names(Ladder) - {"promotions", "moves"} | {"careerladder"}
    assert set(LADDER_FIELDS) == names(Ladder) - {"roles", "promotions", "moves", "references"}


def test_an_expectation_in_a_file_has_every_field_but_its_key() -> None:
    assert names(DocExpectation) == names(Expectation) - {"competency"}


def test_the_schema_describes_every_field_of_the_file_format() -> None:
    schema = json.loads(schema_text())
    assert set(schema["$defs"]["Role"]["properties"]) == names(DocRole)
    assert set(schema["properties"]) - {"$schema"} == names(DocLadder)


def test_a_matrix_has_a_column_for_every_field_of_a_role_or_says_it_drops_it() -> None:
    # Promotions and moves are columns; expectations are the competency columns;
    # sources are counted among every part's sources.
    columns = set(FIXED) - {"promotes_to", "moves_to"}
    assert not columns & set(ROLE_LEFT_OUT)
    assert columns | set(ROLE_LEFT_OUT) | {"expectations", "sources"} == names(Role)
    assert {"competency", "level"} | set(EXPECTATION_LEFT_OUT) | {"sources"} == names(Expectation)


def test_case_holds_every_field_of_a_role() -> None:
    # CASE's own fields, the extension, the expectation items and the cited sources.
    assert not set(ROLE_IN_CASE) & set(ROLE_EXTENSION)
    assert set(ROLE_IN_CASE) | set(ROLE_EXTENSION) | {"expectations", "sources"} == names(Role)


@pytest.mark.parametrize(
    ("field", "role"),
    [
        ("summary", Role(id="a", title="A", level=1, summary="Leads")),
        ("aliases", Role(id="a", title="A", level=1, aliases=["Chief"])),
    ],
)
def test_a_matrix_names_the_role_fields_it_drops(field: str, role: Role) -> None:
    ladder = Ladder(id="one", name="one", roles=[role])
    assert left_out(ladder, "one.csv") == [f"{ROLE_LEFT_OUT[field]} of 1 role"]
