"""
Where a document's values are: from a path in the document to a line and column.

Every format finds positions its own way (YAML while it reads, JSON and TOML by
a scan when there is something to locate, matrices by their cells, CASE by its
JSON); each hands a `Locator` to the one place that places problems.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

import attrs

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    from .._problems import DocPath, Problem

T = TypeVar("T")

#: Problems about a key itself (not its value) point at the key.
KEY_CODES = frozenset({"unknown-key", "unknown-competency", "duplicate-expectation"})


def nearest(places: Mapping[DocPath, T], path: DocPath, default: T) -> T:
    """What *places* holds for *path* or the nearest path that encloses it, else *default*."""
    for end in range(len(path), -1, -1):
        if path[:end] in places:
            return places[path[:end]]
    return default


@attrs.define(eq=False, repr=False)
class Locator:
    """Where each node of a document starts: paths -> 1-based ``(line, column)``."""

    values: dict[DocPath, tuple[int, int]] = attrs.Factory(dict)
    keys: dict[DocPath, tuple[int, int]] = attrs.Factory(dict)

    def find(self, path: DocPath, *, key: bool = False) -> tuple[int, int]:
        """Locate *path*, or the nearest enclosing node that has a location."""
        if key and path in self.keys:
            return self.keys[path]
        return nearest(self.values, path, (1, 1))  # else the document as a whole

    def place(self, problems: Iterable[Problem]) -> list[Problem]:
        """Give each problem that has no line yet the line and column of its path."""
        return [
            problem
            if problem.line is not None
            else attrs.evolve(
                problem,
                line=(where := self.find(problem.path, key=problem.code in KEY_CODES))[0],
                column=where[1],
            )
            for problem in problems
        ]
