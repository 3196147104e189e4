"""
The one cattrs converter of the file format, with strict hooks.

cattrs' default converter coerces silently (``"3"`` to 3, ``True`` to 1,
``"ab"`` to ``["a", "b"]``); these hooks refuse what a reader of the file would
not call the right kind, and turn cattrs' errors into ``(path, code, message)``.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import types
import typing
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

import attrs
import cattrs
from cattrs.cols import homogenous_tuple_structure_factory, is_sequence, mapping_structure_factory
from cattrs.errors import (
    AttributeValidationNote,
    ClassValidationError,
    IterableValidationError,
)
from cattrs.gen import make_dict_structure_fn

from .._model import Proficiency
from .._problems import DocPath, close_match, hint
from .._problems import quote as _q
from ._bounds import SCALARS
from ._doc import DocExpectation, DocLevel, DocPromotion, DocTarget

T = TypeVar("T")

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


def _structure_number(value: object, _: type) -> int | float:
    if isinstance(value, float) and not isinstance(value, bool):
        if value != value or value in (float("inf"), float("-inf")):  # noqa: PLR0124 -- NaN
            raise ShapeError(f"expected a number, got {describe(value)}")
        return value
    if isinstance(value, bool) or not isinstance(value, int):
        raise ShapeError(f"expected a number such as 4 or 9.5, got {describe(value)}")
    return value


def _structure_bool(value: object, _: type) -> bool:
    if not isinstance(value, bool):
        raise ShapeError(f"expected true or false, got {describe(value)}")
    return value


def _structure_str(value: object, _: type) -> str:
    if not isinstance(value, str):
        # A grade of 9.5 or a title of 2024 is text the file forgot to quote
        # (`describe` says so of a date already).
        hint = ""
        if isinstance(value, int | float) and not isinstance(value, bool):
            hint = f'; quote it to make it a string ("{value}")'
        raise ShapeError(f"expected a string, got {describe(value)}{hint}")
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


def _level_or_mapping(converter: cattrs.Converter) -> Callable[[object, type], DocLevel]:
    def structure(value: object, _: type) -> DocLevel:
        if isinstance(value, Mapping):
            return converter.structure(value, DocExpectation)
        if isinstance(value, str) or (isinstance(value, int) and not isinstance(value, bool)):
            return value
        raise ShapeError(
            "expected a level (a number or a scale name) or a mapping with a 'level', "
            f"got {describe(value)}"
        )

    return structure


def _target_or_mapping(converter: cattrs.Converter) -> Callable[[object, type], DocTarget]:
    def structure(value: object, _: type) -> DocTarget:
        if isinstance(value, Mapping):
            return converter.structure(value, DocPromotion)
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


def _lazy(build: Callable[[], Callable[[Any, type], T]]) -> Callable[[Any, type], T]:
    """A hook that *build* makes on its first use.

    cattrs compiles a function per class, and the class's hook builds those of its
    fields' classes: made lazily, a file pays only for the parts it has.
    """
    made: list[Callable[[Any, type], T]] = []

    def hook(value: Any, cls: type) -> T:  # noqa: ANN401 -- whatever the file holds
        if not made:
            made.append(build())
        return made[0](value, cls)

    return hook


def _mapping_first(
    converter: cattrs.Converter,
    applies: Callable[[Any], bool],
    build: Callable[..., Callable[[Any, type], object]],
) -> None:
    """Refuse anything but a mapping for the types *applies* to, then *build* them."""

    def factory(type_: Any) -> Callable[[object, type], object]:  # noqa: ANN401 -- any type
        structure = _lazy(lambda: build(type_, converter))

        def hook(value: object, cls: type) -> object:
            if not isinstance(value, Mapping):
                raise ShapeError(f"expected a mapping, got {describe(value)}")
            return structure(value, cls)

        return hook

    converter.register_structure_hook_factory(applies, factory)


def _step(converter: cattrs.Converter) -> Callable[[object, type], Proficiency]:
    # A step is its name, or a mapping with a name, a description and examples.
    structure = _lazy(lambda: make_dict_structure_fn(Proficiency, converter))

    def hook(value: object, _: type) -> Proficiency:
        if isinstance(value, str):
            return Proficiency(name=value)
        if not isinstance(value, Mapping):
            raise ShapeError(
                f"expected a step name or a mapping with a 'name', got {describe(value)}"
            )
        return structure(value, Proficiency)

    return hook


def _unstructure_step(step: Proficiency) -> object:
    if not step.description and not step.examples:
        return step.name
    found: dict[str, object] = {"name": step.name}
    if step.description:
        found["description"] = step.description
    if step.examples:
        found["examples"] = list(step.examples)
    return found


def make_converter(*, detailed: bool = False) -> cattrs.Converter:
    """
    Build the converter of the file format, with strict hooks.

    A *detailed* converter's errors name every problem and where it is; its
    code is three times as long, and cattrs compiles it on every start.
    """
    converter = cattrs.Converter(
        forbid_extra_keys=True, omit_if_default=True, detailed_validation=detailed
    )
    converter.register_structure_hook(int, _structure_int)
    converter.register_structure_hook(str, _structure_str)
    converter.register_structure_hook(bool, _structure_bool)
    converter.register_structure_hook(int | float, _structure_number)
    converter.register_structure_hook(float, _structure_number)
    converter.register_structure_hook(
        int | float | None, lambda v, t: None if v is None else _structure_number(v, t)
    )
    converter.register_structure_hook(Proficiency, _step(converter))
    converter.register_unstructure_hook(Proficiency, _unstructure_step)
    converter.register_structure_hook(int | str, _structure_level)
    converter.register_structure_hook(dt.date, _structure_date)
    converter.register_unstructure_hook(dt.date, dt.date.isoformat)
    converter.register_structure_hook(DocLevel, _level_or_mapping(converter))
    converter.register_structure_hook(DocTarget, _target_or_mapping(converter))
    _strict_sequences(converter)
    _mapping_first(
        converter, lambda t: getattr(t, "__origin__", None) is dict, mapping_structure_factory
    )
    _mapping_first(converter, attrs.has, make_dict_structure_fn)
    return converter


#: Structures a valid document and unstructures any; on a document with a problem
#: it fails, and `detailed_converter` says what the problems are.
converter = make_converter()


@functools.cache
def detailed_converter() -> cattrs.Converter:
    """The converter whose errors locate every problem, made when a document has one."""
    return make_converter(detailed=True)


# -- cattrs errors -> (path, message) ---------------------------------------------------

Show = Callable[[DocPath], str]
"""How a path appears in a message: the document's path, or what stands for it (a cell)."""


def shape_problems(
    error: BaseException, path: DocPath, show: Show
) -> list[tuple[DocPath, str, str]]:
    """
    Flatten a cattrs error into ``(path, code, message)`` triples.

    Each path is the keys and indices from the document's root; a missing key
    is reported at the mapping that lacks it. *show* writes a path into a
    message.
    """
    if isinstance(error, ClassValidationError | IterableValidationError):
        found: list[tuple[DocPath, str, str]] = []
        with_notes, without = error.group_exceptions()
        for sub, note in with_notes:
            step = note.name if isinstance(note, AttributeValidationNote) else note.index
            found += shape_problems(sub, (*path, step), show)
        # cattrs gives an error without a note only for unknown keys, which
        # the pruning has taken out already.
        for sub in without:  # pragma: no cover
            found += shape_problems(sub, path, show)
        return found
    if isinstance(error, KeyError):
        return [
            (
                path[:-1],
                "missing-key",
                f"missing required key {error.args[0]!r} in {show(path[:-1])}",
            )
        ]
    return [(path, "wrong-type", f"{show(path)}: {error}")]


def _key(key: object) -> str:
    """Show a mapping key the way YAML spells it."""
    if isinstance(key, str):
        return _q(key)
    return "null" if key is None else str(key).lower() if isinstance(key, bool) else str(key)


def prune(
    value: object,
    type_: Any,  # noqa: ANN401 -- any type of the format
    path: DocPath,
    show: Show,
    found: list[tuple[DocPath, str, str]],
) -> object:
    """
    Report every unknown key of *value* (read as *type_*) and leave it out.

    A key that is one letter off a key the mapping lacks (``titel`` for
    ``title``) is read as that key, so the rest of the document is checked as
    if it were spelt right: every problem is found in one run.
    """
    if type(value) in _LEAVES:  # most of a document: nothing below to look at
        return value
    kind, inner = _plan(type_)
    if kind == "class" and isinstance(value, Mapping):
        fields: dict[str, Any] = inner
        out: dict[object, object] = {}
        for key, item in value.items():
            name = key
            if key not in fields:
                suggestion = close_match(str(key), fields)
                found.append(
                    (
                        (*path, key),
                        "unknown-key",
                        f"unknown key {_key(key)} in {show(path)}"
                        + (
                            hint(key, fields, "remove it")
                            if isinstance(key, str)
                            else "; remove it"
                        )
                        + _comma_hint(key, item),
                    )
                )
                if (
                    not isinstance(key, str)
                    or suggestion is None
                    or suggestion in value
                    or suggestion in out
                ):
                    continue
                name = suggestion
            out[name] = prune(item, fields[name], (*path, key), show, found)
        return out
    if kind == "dict" and isinstance(value, Mapping):
        return {k: prune(v, inner, (*path, k), show, found) for k, v in value.items()}
    if kind == "tuple" and isinstance(value, list | tuple):
        return [prune(v, inner, (*path, i), show, found) for i, v in enumerate(value)]
    if kind == "union" and isinstance(value, Mapping):
        return prune(value, inner, path, show, found)
    return value


#: Values with nothing inside to prune.
_LEAVES = SCALARS | {str}


@functools.cache
def _plan(type_: Any) -> tuple[str, Any]:  # noqa: ANN401 -- any type of the format
    """How `prune` walks a value of *type_*: its kind, and the fields or the inner type."""
    if attrs.has(type_):
        return "class", {f.name: f.type for f in attrs.fields(_resolved(type_))}
    origin, args = typing.get_origin(type_), typing.get_args(type_)
    if origin is dict:
        return "dict", args[1]
    if origin is tuple:
        return "tuple", args[0]
    if origin in (typing.Union, types.UnionType):
        for member in args:
            if attrs.has(member):
                return "union", member
    return "leaf", None


_KEY_LIKE = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*\Z")


def _comma_hint(key: object, value: object) -> str:
    """
    Say what a key with no value that reads like prose most likely is.

    In YAML's ``{description: Does it alone, on familiar ground.}`` the comma
    ends the description, and "on familiar ground." becomes a key.
    """
    if value is None and isinstance(key, str) and not _KEY_LIKE.match(key):
        return (
            "; it looks like text cut at a comma: inside {...} or [...] a comma ends a "
            "value, so quote text that holds one"
        )
    return ""


@functools.cache
def _resolved(cls: type) -> type:
    return attrs.resolve_types(cls)
