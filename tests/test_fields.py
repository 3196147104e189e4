"""The model, the file format and the JSON Schema agree about the fields."""

from __future__ import annotations

import json

import attrs

from careerladder import Ladder, Role
from careerladder._formats._doc import (
    LADDER_FIELDS,
    ROLE_FIELDS,
    DocExpectation,
    DocLadder,
    DocRole,
)
from careerladder._formats._schema import schema_text
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
