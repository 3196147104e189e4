"""
Every format a ladder can be read from or written to, chosen by the file's suffix.

``.yaml``/``.yml``, ``.json`` and ``.toml`` are ladder files; ``.csv`` and
``.xlsx`` are role x competency matrices; ``.case.json`` is a CASE 1.1 package.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import attrs

from ._files import _Locator, _parse_path, dump, load, read_text, write_atomic
from ._limits import DEFAULT_LIMITS, Limits
from ._problems import LadderError, Problem

if TYPE_CHECKING:
    from ._ladder import Ladder
    from ._sheet import LevelStyle

Kind = Literal["ladder", "matrix", "case"]


def kind_of(name: str) -> Kind:
    """Which family of formats the file's suffix names."""
    lowered = name.lower()
    if lowered.endswith(".case.json"):
        return "case"
    if Path(lowered).suffix in {".csv", ".xlsx"}:
        return "matrix"
    return "ladder"


def read(name: str, limits: Limits = DEFAULT_LIMITS) -> Ladder:
    """Read a ladder from any supported format."""
    kind = kind_of(name)
    if kind == "matrix":
        from ._sheet import read_matrix  # noqa: PLC0415 -- only for spreadsheets

        return read_matrix(name, limits=limits)
    if kind == "case":
        return _read_case(name, limits)
    return load(name, limits=limits)


def _read_case(name: str, limits: Limits) -> Ladder:
    import json  # noqa: PLC0415 -- only for CASE packages

    from ._case import from_case  # noqa: PLC0415
    from ._json import locate  # noqa: PLC0415

    text = read_text(name, limits)
    try:
        package = json.loads(text)
    except json.JSONDecodeError as error:
        problem = Problem(
            code="syntax",
            message=f"not JSON: {error.msg}",
            file=name,
            line=error.lineno,
            column=error.colno,
        )
        raise LadderError([problem]) from None
    try:
        return from_case(package, file=name)
    except LadderError as error:
        paths = [_parse_path(p.path) for p in error.problems]
        locator = _Locator(*locate(text, paths))
        located = []
        for problem, path in zip(error.problems, paths, strict=True):
            line, column = locator.find(path)
            located.append(attrs.evolve(problem, line=line, column=column))
        raise LadderError(located) from None


def write(ladder: Ladder, name: str, *, levels: LevelStyle = "numbers") -> None:
    """Write a ladder in the format the suffix of *name* names."""
    kind = kind_of(name)
    if kind == "matrix":
        from ._sheet import write_matrix  # noqa: PLC0415 -- only for spreadsheets

        write_matrix(ladder, name, levels=levels)
    elif kind == "case":
        import json  # noqa: PLC0415 -- only for CASE packages

        from ._case import to_case  # noqa: PLC0415

        text = json.dumps(to_case(ladder), indent=2, ensure_ascii=False) + "\n"
        write_atomic(Path(os.fspath(name)), text.encode("utf-8"))
    else:
        dump(ladder, name)
