"""
The one cattrs converter, and the shape of a ladder file.

The file format differs from the model in three places: expectations are a
mapping ``{competency: level}`` (or ``{competency: {level: ..., ...}}``),
promotions sit in their source role as ``promotes_to``, and references are a
mapping keyed by id. The private ``_Doc*`` classes mirror the file exactly, so
cattrs reports every shape problem with the path a user sees in the file; the
functions at the bottom translate between them and the model.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, TypeAlias

import attrs
import cattrs
from cattrs.cols import homogenous_tuple_structure_factory, is_sequence, mapping_structure_factory
from cattrs.errors import (
    AttributeValidationNote,
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
)
from cattrs.gen import make_dict_structure_fn

if TYPE_CHECKING:
    from ._ladder import Ladder

from ._model import DEFAULT_SCALE, Competency, Expectation, Promotion, Reference, Role
from ._problems import format_path, hint
from ._problems import quote as _q

#: The version of the file format this release reads and writes.
FORMAT_VERSION = 1


@attrs.frozen(kw_only=True)
class _DocExpectation:
    level: int | str
    description: str = ""
    sources: tuple[str, ...] = ()


@attrs.frozen(kw_only=True)
class _DocPromotion:
    role: str
    criteria: tuple[str, ...] = ()


_DocLevel: TypeAlias = int | str | _DocExpectation
_DocTarget: TypeAlias = str | _DocPromotion


@attrs.frozen(kw_only=True)
class _DocRole:
    id: str
    title: str
    level: int
    track: str | None = None
    aliases: tuple[str, ...] = ()
    summary: str = ""
    responsibilities: tuple[str, ...] = ()
    expectations: dict[str, _DocLevel] = attrs.field(factory=dict, hash=False)
    promotes_to: tuple[_DocTarget, ...] = ()
    sources: tuple[str, ...] = ()


@attrs.frozen(kw_only=True)
class _DocReference:
    title: str
    author: str | None = None
    year: int | None = None
    date: dt.date | None = None
    url: str | None = None


@attrs.frozen(kw_only=True)
class _DocLadder:
    careerladder: int = FORMAT_VERSION
    id: str
    name: str
    description: str = ""
    scale: tuple[str, ...] = DEFAULT_SCALE
    competencies: tuple[Competency, ...] = ()
    roles: tuple[_DocRole, ...] = ()
    references: dict[str, _DocReference] = attrs.field(factory=dict, hash=False)


# -- strict leaves: cattrs' default converter coerces "3" to 3 and a list to its str ----


class ShapeError(ValueError):
    """A value of the wrong kind; the message is what a user reads."""


def describe(value: object) -> str:  # noqa: PLR0911 -- one return per kind
    """
    Name the kind of *value* as a reader of YAML, JSON or TOML would.

    Containers are never stringified: on an alias bomb that would take minutes.

    Example:
        >>> describe(True), describe(None), describe([1]), describe("x" * 50)
        ('a boolean (true)', 'null', 'a list', "a string ('xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx...')")
    """
    if value is None:
        return "null"
    if isinstance(value, bool):
        return f"a boolean ({str(value).lower()})"
    if isinstance(value, int):
        return f"a number ({value})"
    if isinstance(value, float):
        return f"a decimal number ({value})"
    if isinstance(value, str):
        shown = value if len(value) <= 30 else value[:30] + "..."
        return f"a string ({shown!r})"
    if isinstance(value, Mapping):
        return "a mapping"
    if isinstance(value, list | tuple):
        return "a list"
    if isinstance(value, dt.date | dt.time):
        return f"a date or time ({value.isoformat()}); quote it to make it a string"
    return f"a value of type {type(value).__name__}"


def _structure_int(value: object, _: type) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ShapeError(f"expected a whole number, got {describe(value)}")
    return value


def _structure_str(value: object, _: type) -> str:
    if not isinstance(value, str):
        raise ShapeError(f"expected a string, got {describe(value)}")
    return value


def _structure_date(value: object, _: type) -> dt.date:
    # YAML and TOML read a bare 2023-10-30 as a date; JSON has only strings.
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise ShapeError(f"expected a date such as 2023-10-30, got {describe(value)}")


def _structure_level(value: object, _: type) -> int | str:
    if isinstance(value, str):
        return value
    return _structure_int(value, int)


def _level_or_mapping(converter: cattrs.Converter) -> Callable[[object, type], _DocLevel]:
    def structure(value: object, _: type) -> _DocLevel:
        if isinstance(value, Mapping):
            return converter.structure(value, _DocExpectation)
        if isinstance(value, str) or (isinstance(value, int) and not isinstance(value, bool)):
            return value
        raise ShapeError(
            "expected a level (a number or a scale name) or a mapping with a 'level', "
            f"got {describe(value)}"
        )

    return structure


def _target_or_mapping(converter: cattrs.Converter) -> Callable[[object, type], _DocTarget]:
    def structure(value: object, _: type) -> _DocTarget:
        if isinstance(value, Mapping):
            return converter.structure(value, _DocPromotion)
        if isinstance(value, str):
            return value
        raise ShapeError(f"expected a role id or a mapping with a 'role', got {describe(value)}")

    return structure


def _strict_sequences(converter: cattrs.Converter) -> None:
    def factory(type_: Any) -> Callable[[object, type], object]:  # noqa: ANN401 -- any type
        structure = homogenous_tuple_structure_factory(type_, converter)

        def hook(value: object, cls: type) -> object:
            # A string is a sequence to Python, and "ab" would become ("a", "b").
            if not isinstance(value, list | tuple):
                raise ShapeError(f"expected a list, got {describe(value)}")
            return structure(value, cls)

        return hook

    converter.register_structure_hook_factory(is_sequence, factory)


def _strict_mappings(converter: cattrs.Converter) -> None:
    def factory(type_: Any) -> Callable[[object, type], object]:  # noqa: ANN401 -- any type
        structure = mapping_structure_factory(type_, converter)

        def hook(value: object, cls: type) -> object:
            if not isinstance(value, Mapping):
                raise ShapeError(f"expected a mapping, got {describe(value)}")
            return structure(value, cls)

        return hook

    converter.register_structure_hook_factory(
        lambda t: getattr(t, "__origin__", None) is dict, factory
    )


def _strict_classes(converter: cattrs.Converter) -> None:
    def factory(type_: Any) -> Callable[[object, type], object]:  # noqa: ANN401 -- any type
        structure = make_dict_structure_fn(type_, converter)

        def hook(value: object, cls: type) -> object:
            if not isinstance(value, Mapping):
                raise ShapeError(f"expected a mapping, got {describe(value)}")
            return structure(value, cls)

        return hook

    converter.register_structure_hook_factory(attrs.has, factory)


def make_converter() -> cattrs.Converter:
    """Build the converter of the file format, with strict hooks."""
    converter = cattrs.Converter(forbid_extra_keys=True, omit_if_default=True)
    converter.register_structure_hook(int, _structure_int)
    converter.register_structure_hook(str, _structure_str)
    converter.register_structure_hook(int | str, _structure_level)
    converter.register_structure_hook(dt.date, _structure_date)
    converter.register_unstructure_hook(dt.date, dt.date.isoformat)
    converter.register_structure_hook(_DocLevel, _level_or_mapping(converter))
    converter.register_structure_hook(_DocTarget, _target_or_mapping(converter))
    _strict_sequences(converter)
    _strict_mappings(converter)
    _strict_classes(converter)
    return converter


converter = make_converter()


# -- cattrs errors -> (path, message) ---------------------------------------------------

#: Keys and indices from a document's root. YAML keys may be any scalar.
Path: TypeAlias = tuple[Any, ...]


def _where(path: Path) -> str:
    return format_path(path) or "the top level"


def shape_problems(error: BaseException, path: Path = ()) -> list[tuple[Path, str, str]]:
    """
    Flatten a cattrs error into ``(path, code, message)`` triples.

    Each path is the list of keys and indices from the document's root; a
    missing key is reported at the mapping that lacks it.
    """
    if isinstance(error, ClassValidationError | IterableValidationError):
        found: list[tuple[Path, str, str]] = []
        with_notes, without = error.group_exceptions()
        for sub, note in with_notes:
            step = note.name if isinstance(note, AttributeValidationNote) else note.index
            found += shape_problems(sub, (*path, step))
        for sub in without:
            found += shape_problems(sub, path)
        return found
    if isinstance(error, ForbiddenExtraKeysError):
        known = sorted(a.name for a in attrs.fields(error.cl))
        return [
            (
                (*path, key),
                "unknown-key",
                f"unknown key {_key(key)} in {_where(path)}{hint(str(key), known, 'remove it')}",
            )
            # YAML keys may be numbers, booleans or null, which do not sort with text.
            for key in sorted(error.extra_fields, key=repr)
        ]
    if isinstance(error, KeyError):
        return [
            (
                path[:-1],
                "missing-key",
                f"missing required key {error.args[0]!r} in {_where(path[:-1])}",
            )
        ]
    return [(path, "wrong-type", f"{_where(path)}: {error}")]


def _key(key: object) -> str:
    """Show a mapping key the way YAML spells it."""
    if isinstance(key, str):
        return _q(key)
    return "null" if key is None else str(key).lower() if isinstance(key, bool) else str(key)


def without_echoes(found: list[tuple[Path, str, str]]) -> list[tuple[Path, str, str]]:
    """
    Drop "missing key 'title'" where "unknown key 'titel'; did you mean 'title'?" says it.
    """
    hinted = {
        (path[:-1], message.rsplit("'", 2)[-2])
        for path, code, message in found
        if code == "unknown-key" and message.endswith("?")
    }
    return [
        (path, code, message)
        for path, code, message in found
        if not (code == "missing-key" and (path, message.split("'")[1]) in hinted)
    ]


# -- document <-> model -----------------------------------------------------------------


@attrs.frozen
class Translation:
    """A model built from a document, with what is needed to locate its problems."""

    fields: dict[str, Any]
    #: ``promotions[k]`` of the model -> its path in the document.
    promotion_paths: list[Path]
    #: Problems found while translating (scale names that are not on the scale).
    problems: list[tuple[Path, str, str]]


def doc_to_fields(doc: _DocLadder) -> Translation:
    """Turn a structured document into the keyword arguments of `Ladder`."""
    problems: list[tuple[Path, str, str]] = []
    if doc.careerladder != FORMAT_VERSION:
        message = (
            f"format version {doc.careerladder} in careerladder is not supported; this "
            f"careerladder reads version {FORMAT_VERSION}"
        )
        problems.append((("careerladder",), "unsupported-version", message))
    positions = {name.casefold(): i for i, name in enumerate(doc.scale, 1)}
    roles: list[Role] = []
    promotions: list[Promotion] = []
    promotion_paths: list[Path] = []
    for r, role in enumerate(doc.roles):
        expectations = []
        for cid, value in role.expectations.items():
            # The short form `competency: level` is the common one: no detour.
            if type(value) is int:
                expectations.append(Expectation(competency=cid, level=value))
                continue
            full = value if isinstance(value, _DocExpectation) else _DocExpectation(level=value)
            level = full.level
            if isinstance(level, str):
                path: Path = ("roles", r, "expectations", cid)
                if isinstance(value, _DocExpectation):
                    path = (*path, "level")
                if level.casefold() not in positions:
                    message = (
                        f"level {_q(level)} in {format_path(path)} is not on the scale; expected "
                        f"a number from 1 to {len(doc.scale)} or one of: {', '.join(doc.scale)}"
                    )
                    problems.append((path, "level-off-scale", message))
                # A placeholder on the scale, so the problem is reported once.
                level = positions.get(level.casefold(), 1)
            expectations.append(
                Expectation(
                    competency=cid,
                    level=level,
                    description=full.description,
                    sources=full.sources,
                )
            )
        for t, target in enumerate(role.promotes_to):
            full_target = (
                target if isinstance(target, _DocPromotion) else _DocPromotion(role=target)
            )
            promotions.append(
                Promotion(source=role.id, target=full_target.role, criteria=full_target.criteria)
            )
            promotion_paths.append(("roles", r, "promotes_to", t))
        roles.append(
            Role(
                id=role.id,
                title=role.title,
                level=role.level,
                track=role.track,
                aliases=role.aliases,
                summary=role.summary,
                responsibilities=role.responsibilities,
                expectations=expectations,
                sources=role.sources,
            )
        )
    fields: dict[str, Any] = {
        "id": doc.id,
        "name": doc.name,
        "description": doc.description,
        "scale": doc.scale,
        "competencies": doc.competencies,
        "roles": roles,
        "promotions": promotions,
        "references": [
            Reference(id=key, **attrs.asdict(ref, recurse=False))
            for key, ref in doc.references.items()
        ],
    }
    return Translation(fields, promotion_paths, problems)


def _not_id(attribute: attrs.Attribute[object], _: object) -> bool:
    return attribute.name != "id"


def ladder_to_doc(ladder: Ladder) -> dict[str, Any]:
    """Unstructure a `Ladder` into the short forms of the file format."""
    # Targets in the ladder's order and expectations in the catalogue's, so
    # that equal ladders give equal files.
    rank = {role.id: i for i, role in enumerate(ladder)}
    catalogue = {c.id: i for i, c in enumerate(ladder.competencies)}
    outgoing: dict[str, list[_DocTarget]] = {role.id: [] for role in ladder.roles}
    for promotion in sorted(ladder.promotions, key=lambda p: rank[p.target]):
        outgoing[promotion.source].append(
            _DocPromotion(role=promotion.target, criteria=promotion.criteria)
            if promotion.criteria
            else promotion.target
        )
    roles = [
        _DocRole(
            id=role.id,
            title=role.title,
            level=role.level,
            track=role.track,
            aliases=role.aliases,
            summary=role.summary,
            responsibilities=role.responsibilities,
            expectations={
                e.competency: (
                    _DocExpectation(level=e.level, description=e.description, sources=e.sources)
                    if e.description or e.sources
                    else e.level
                )
                for e in sorted(role.expectations, key=lambda e: catalogue[e.competency])
            },
            promotes_to=tuple(outgoing[role.id]),
            sources=role.sources,
        )
        for role in ladder.roles
    ]
    doc = _DocLadder(
        id=ladder.id,
        name=ladder.name,
        description=ladder.description,
        scale=ladder.scale,
        competencies=ladder.competencies,
        roles=tuple(roles),
        references={
            ref.id: _DocReference(**attrs.asdict(ref, recurse=False, filter=_not_id))
            for ref in ladder.references
        },
    )
    data: dict[str, Any] = converter.unstructure(doc)
    # The version is what tells a reader which format this is: always write it.
    return {"careerladder": FORMAT_VERSION, **data}


def structure_doc(data: object) -> _DocLadder:
    """Structure raw document data; raises cattrs' errors."""
    return converter.structure(data, _DocLadder)
