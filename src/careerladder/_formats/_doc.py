"""
The shape of a ladder file: one class per mapping a file holds.

The file format differs from the model in three places: expectations are a
mapping ``{competency: level}`` (or ``{competency: {level: ..., ...}}``),
promotions sit in their source role as ``promotes_to``, and references are a
mapping keyed by id. These classes mirror the file exactly, so the converter
reports every shape problem with the path a user sees in the file. Their
fields are checked against the model's by the test suite.
"""

from __future__ import annotations

import datetime as dt  # noqa: TC003 -- cattrs reads the annotations
from typing import TypeAlias

import attrs

from .._model import DEFAULT_STEPS, Competency, Proficiency, PromotionRule

#: The version of the file format this release reads and writes.
FORMAT_VERSION = 1

# Only the converter makes and reads these: no equality or repr, which attrs would
# compile on every start of the command line.


@attrs.frozen(kw_only=True, eq=False, repr=False)
class DocExpectation:
    level: int | str
    description: str = ""
    examples: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()


@attrs.frozen(kw_only=True, eq=False, repr=False)
class DocPromotion:
    role: str
    criteria: tuple[str, ...] = ()


DocLevel: TypeAlias = int | str | DocExpectation
DocTarget: TypeAlias = str | DocPromotion


@attrs.frozen(kw_only=True, eq=False, repr=False)
class DocRole:
    id: str
    title: str
    level: int | float
    grade: str | None = None
    track: str | None = None
    aliases: tuple[str, ...] = ()
    entry: bool = False
    summary: str = ""
    responsibilities: tuple[str, ...] = ()
    expectations: dict[str, DocLevel] = attrs.field(factory=dict, hash=False)
    promotes_to: tuple[DocTarget, ...] = ()
    moves_to: tuple[DocTarget, ...] = ()
    min_points: int | float | None = None
    sources: tuple[str, ...] = ()


@attrs.frozen(kw_only=True, eq=False, repr=False)
class DocReference:
    title: str
    author: str | None = None
    year: int | None = None
    date: dt.date | None = None
    url: str | None = None


@attrs.frozen(kw_only=True, eq=False, repr=False)
class DocLadder:
    careerladder: int = FORMAT_VERSION
    id: str
    name: str
    description: str = ""
    scale: tuple[Proficiency, ...] = DEFAULT_STEPS
    promotion_rule: PromotionRule = attrs.field(factory=PromotionRule)
    ignore: tuple[str, ...] = ()
    competencies: tuple[Competency, ...] = ()
    roles: tuple[DocRole, ...] = ()
    references: dict[str, DocReference] = attrs.field(factory=dict, hash=False)


#: What a file holds in another shape than the model: expectations as a
#: mapping, and promotions and moves inside their source role.
_ROLE_SHAPED = frozenset({"expectations", "promotes_to", "moves_to"})

#: The fields a role has alike in the model and in a file, copied as they are.
ROLE_FIELDS = tuple(f.name for f in attrs.fields(DocRole) if f.name not in _ROLE_SHAPED)

#: The fields a ladder has alike in the model and in a file (references are a
#: mapping by id in a file; promotions and moves sit in the roles).
LADDER_FIELDS = (
    "id",
    "name",
    "description",
    "scale",
    "promotion_rule",
    "ignore",
    "competencies",
)
