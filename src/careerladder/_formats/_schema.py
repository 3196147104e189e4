"""
The JSON Schema of the file format, derived from the classes that read it.

The schema checks shape only (keys, types, id spelling). The loader checks
everything the schema does and more: references, cycles, levels, titles.
"""

from __future__ import annotations

import datetime as dt
import json
import types
import typing
from typing import Any

import attrs

from .._check import ID_PATTERN
from .._model import Proficiency
from ._doc import FORMAT_VERSION, DocExpectation, DocLadder

SCHEMA_ID = "https://careerladder.readthedocs.io/en/latest/careerladder.schema.json"

_ID_FIELDS = {"id", "role"}
_DESCRIPTIONS = {
    "careerladder": "Version of the ladder file format.",
    "id": "Short unique name: letters, digits, '-' and '_'.",
    "name": "Human-readable name.",
    "title": "The job title.",
    "level": "Rank on the ladder (roles) or position on the scale, 1 for its lowest entry.",
    "scale": "Proficiency level names, lowest first.",
    "track": "Optional track, such as 'ic' or 'management'.",
    "grade": "The organization's own label for the role's level, such as 'L5' or 'IC4'.",
    "entry": "Whether people are hired straight into the role.",
    "moves_to": "Roles on the same level this role can move to sideways (lateral moves).",
    "ignore": "Lint codes switched off for this ladder, such as 'unused-competency'.",
    "examples": "Observable behaviours that show it.",
    "min_points": "Under the points rule, the points a person needs to reach the role.",
    "promotion_rule": "How readiness is judged: {kind: all}, {kind: most, allowed_gaps: 1} "
    "or {kind: points, points: [0, 1, 3, 6, 12, 20]}.",
    "aliases": "Other titles for the same role.",
    "expectations": "What the role expects of each competency: {competency id: level}.",
    "promotes_to": "Roles this role can be promoted to.",
    "sources": "Ids of the references this item rests on.",
    "references": "The documents that 'sources' cite, by id.",
}


def _name(cls: type) -> str:
    return cls.__name__.removeprefix("Doc")


class _Builder:
    def __init__(self) -> None:
        self.defs: dict[str, Any] = {}

    def of(self, tp: Any, field: str = "") -> dict[str, Any]:  # noqa: ANN401, PLR0911, C901
        origin = typing.get_origin(tp)
        args = typing.get_args(tp)
        if tp is str:
            if field in _ID_FIELDS:
                return {"type": "string", "pattern": ID_PATTERN}
            return {"type": "string"}
        if tp is int:
            return {"type": "integer"}
        if tp is float:
            return {"type": "number"}
        if tp is bool:
            return {"type": "boolean"}
        if tp is dt.date:
            return {"type": "string", "format": "date"}
        if origin is typing.Literal:
            return {"enum": list(args)}
        if tp is Proficiency:
            # A step is its name, or a mapping with a name.
            return {"anyOf": [{"type": "string"}, self.cls(tp)]}
        if origin in (typing.Union, types.UnionType):
            if type(None) in args:
                rest = [a for a in args if a is not type(None)]
                return {"anyOf": [self.of(rest[0], field), {"type": "null"}]}
            return {"anyOf": [self.of(a, field) for a in args]}
        if origin is tuple:
            return {"type": "array", "items": self.of(args[0], field)}
        if origin is dict:
            return {
                "type": "object",
                "propertyNames": {"pattern": ID_PATTERN},
                "additionalProperties": self.of(args[1], field),
            }
        return self.cls(tp)

    def cls(self, cls: type) -> dict[str, Any]:
        # Each document class appears once in the format, so each is defined once.
        hints = typing.get_type_hints(cls)
        properties: dict[str, Any] = {}
        required = []
        for attribute in attrs.fields(cls):
            spec = self.of(hints[attribute.name], attribute.name)
            if attribute.name in _DESCRIPTIONS:
                spec = {"description": _DESCRIPTIONS[attribute.name], **spec}
            properties[attribute.name] = spec
            if attribute.default is attrs.NOTHING:
                required.append(attribute.name)
        name = _name(cls)
        self.defs[name] = {
            "type": "object",
            "properties": properties,
            "required": required,
            "additionalProperties": False,
        }
        return {"$ref": f"#/$defs/{name}"}


def json_schema() -> dict[str, Any]:
    """
    Return the JSON Schema (draft 2020-12) of a ladder file.

    Example:
        >>> from careerladder._formats._schema import json_schema
        >>> schema = json_schema()
        >>> schema["$schema"]
        'https://json-schema.org/draft/2020-12/schema'
        >>> sorted(schema["required"])
        ['id', 'name']
    """
    builder = _Builder()
    builder.cls(DocLadder)
    root = builder.defs.pop(_name(DocLadder))
    root["properties"] = {
        "$schema": {"type": "string", "description": "The schema, for editors."},
        **root["properties"],
    }
    root["properties"]["careerladder"]["const"] = FORMAT_VERSION
    # A step's name is not a bare number, so that a level can be given either way.
    builder.defs[_name(Proficiency)]["properties"]["name"]["pattern"] = r"\D"
    root["properties"]["scale"]["items"]["anyOf"][0]["pattern"] = r"\D"
    # A level by name or number: a number must be at least 1.
    builder.defs[_name(DocExpectation)]["properties"]["level"]["anyOf"][0]["minimum"] = 1
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "careerladder ladder file",
        "description": "A career ladder: roles, competencies, expectations and promotions.",
        **root,
        "$defs": builder.defs,
    }


def schema_text() -> str:
    """Return the schema as the JSON text kept in the repository."""
    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"
