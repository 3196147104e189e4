from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from hypothesis import given

from careerladder import LadderError, dumps, loads, presets
from careerladder._formats._schema import json_schema, schema_text
from careerladder.testing import ladders

SCHEMA_FILE = Path("careerladder.schema.json")
VALIDATOR = jsonschema.Draft202012Validator(json_schema())


def test_the_schema_file_is_up_to_date() -> None:
    assert SCHEMA_FILE.read_text() == schema_text(), (
        "careerladder.schema.json is stale: run `careerladder schema > careerladder.schema.json`"
    )


def test_the_schema_is_a_valid_draft_2020_12_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(json_schema())


@pytest.mark.parametrize("path", sorted(Path("examples/ladders").iterdir()), ids=lambda p: p.name)
def test_examples_pass_the_schema(path: Path) -> None:
    text = path.read_text()
    data = json.loads(text) if path.suffix == ".json" else None
    if path.suffix == ".toml":
        data = yaml.safe_load(dumps(loads(text, "toml"), "yaml"))
    elif data is None:
        data = yaml.safe_load(text)
    VALIDATOR.validate(data)


@pytest.mark.parametrize("name", presets.names())
def test_presets_pass_the_schema(name: str) -> None:
    VALIDATOR.validate(yaml.safe_load(dumps(presets.load(name))))


@given(ladders(tracks=[None, "ic"]))
def test_every_dumped_ladder_passes_the_schema(ladder: Any) -> None:
    VALIDATOR.validate(json.loads(dumps(ladder, "json")))


BROKEN_SHAPES = [
    {"name": "no id"},
    {"id": "l", "name": "L", "colour": "red"},
    {"id": "l", "name": "L", "roles": [{"id": "a", "title": "A", "level": "1"}]},
    {"id": "l", "name": "L", "roles": [{"id": "a", "title": "A", "level": True}]},
    {"id": "l", "name": "L", "roles": [{"id": "a", "title": ["A"], "level": 1}]},
    {"id": "l", "name": "L", "roles": [{"id": "a", "title": "A", "level": 1, "aliases": "B"}]},
    {
        "id": "l",
        "name": "L",
        "roles": [{"id": "a", "title": "A", "level": 1, "expectations": {"c": [1]}}],
    },
    {
        "id": "l",
        "name": "L",
        "roles": [{"id": "a", "title": "A", "level": 1, "expectations": {"c": {"level": 0}}}],
    },
    {
        "id": "l",
        "name": "L",
        "roles": [{"id": "a", "title": "A", "level": 1, "promotes_to": [{"criteria": []}]}],
    },
    {"id": "a b", "name": "L"},
    {"id": "l", "name": "L", "scale": ["low", "2"]},
    {"id": "l", "name": "L", "references": {"r": {"author": "x"}}},
    {"careerladder": 2, "id": "l", "name": "L"},
    {"id": "l", "name": "L", "competencies": [{"id": "c", "name": "C", "sources": "r"}]},
]


@pytest.mark.parametrize("data", BROKEN_SHAPES)
def test_what_the_schema_rejects_the_loader_rejects(data: dict[str, Any]) -> None:
    assert not VALIDATOR.is_valid(data)
    with pytest.raises(LadderError):
        loads(json.dumps(data), "json")
