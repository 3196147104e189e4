"""
Assessments: the levels one person demonstrates, checked against a ladder.

An assessment is made without a ladder, and checked against one when it is
used, so the same levels can be compared with several ladders. The files they
come in are read by `careerladder._assessment_files`.
"""

from __future__ import annotations

import datetime as dt  # noqa: TC003 -- attrs reads the annotations
import functools
import types
from typing import TYPE_CHECKING

import attrs

from ._problems import LadderError, Problem, format_path, hint
from ._problems import quote as _q

if TYPE_CHECKING:
    from collections.abc import Mapping

    from ._ladder import Ladder


def _levels(value: Mapping[str, int | str]) -> Mapping[str, int | str]:
    return types.MappingProxyType(dict(value))


@attrs.frozen(kw_only=True)
class Assessment:
    """
    The level one person demonstrates in each competency.

    Attributes:
        levels: Competency id to level, by number or by scale name.
        person: Who was assessed, if known.
        date: When, if known.

    Example:
        >>> from careerladder import Assessment, presets
        >>> ada = Assessment(levels={"communication": 3, "leadership": "advanced"}, person="Ada")
        >>> ada.resolve(presets.load("six-step"))["leadership"]
        4

    .. versionadded:: 0.1.0
    """

    # Read-only, and left out of the hash: equal assessments still hash alike.
    levels: Mapping[str, int | str] = attrs.field(converter=_levels, hash=False)
    person: str | None = None
    date: dt.date | None = None

    def resolve(self, ladder: Ladder) -> dict[str, int]:
        """
        Return the levels as numbers on *ladder*'s scale.

        Raises:
            LadderError: If a competency is not on the ladder or a level is
                not on its scale; every such problem is listed.

        Example:
            >>> from careerladder import Assessment, presets
            >>> Assessment(levels={"comunication": 9}).resolve(presets.load("six-step"))
            Traceback (most recent call last):
            ...
            careerladder.LadderError: error unknown-competency: unknown competency 'comunication' in levels.comunication; did you mean 'communication'?
            error level-off-scale: level 9 in levels.comunication is off the scale; expected 1 to 5 or one of: aware, practicing, proficient, advanced, expert
        """  # noqa: E501
        resolved, problems = resolve_levels(self.levels, ladder, ("levels",))
        if problems:
            raise LadderError(problems)
        return resolved


@functools.cache
def spellings(scale: tuple[str, ...]) -> dict[str, int]:
    """The plainest ways a CSV cell writes a level of *scale*: ``1``, ``2``, ... and its names."""
    found = {str(n): n for n in range(1, len(scale) + 1)}
    for n, name in enumerate(scale, 1):
        found.setdefault(name, n)
        found.setdefault(name.casefold(), n)
    return found


@attrs.frozen
class _Index:
    """What checking levels against one ladder needs, built once per ladder."""

    known: frozenset[str]
    levels: frozenset[int]
    names: dict[str, int] = attrs.field(hash=False)


@functools.lru_cache(maxsize=16)
def _index(ladder: Ladder) -> _Index:
    # A ladder is immutable and hashes once: a team report looks it up per person.
    return _Index(
        known=frozenset(c.id for c in ladder.competencies),
        levels=frozenset(range(1, len(ladder.scale) + 1)),
        names={name.casefold(): i for i, name in enumerate(ladder.scale, 1)},
    )


def competency_ids(ladder: Ladder) -> frozenset[str]:
    """The ids of the competencies *ladder* measures, built once per ladder."""
    return _index(ladder).known


def is_number(text: str) -> bool:
    """Whether *text* is a whole number as a file writes one: ASCII digits, not too many."""
    # isdigit() holds for "²" too, which int() refuses.
    return text.isascii() and text.isdigit() and len(text) < _LONGEST_NUMBER


#: Longer runs of digits are not a level (and would be slow to read as one).
_LONGEST_NUMBER = 10


def plain_levels(levels: Mapping[str, object], ladder: Ladder) -> bool:
    """
    Whether *levels* are all numbers on *ladder*'s scale, for competencies it measures.

    Checked in bulk, as most assessments are: only the others need `resolve_levels`.
    """
    index = _index(ladder)
    values = levels.values()
    return (
        levels.keys() <= index.known
        and index.levels.issuperset(values)
        and bool not in set(map(type, values))  # True == 1 to a set, never to a reader
    )


def resolve_levels(
    levels: Mapping[str, object], ladder: Ladder, prefix: tuple[str | int, ...]
) -> tuple[dict[str, int], list[Problem]]:
    """The levels as numbers on *ladder*'s scale, and the problems of those that are not."""
    # This runs once per person in a team report: keep the common case cheap.
    index = _index(ladder)
    known, names = index.known, index.names
    size = len(ladder.scale)
    resolved: dict[str, int] = {}
    problems: list[Problem] = []
    for cid, level in levels.items():
        if type(level) is int:
            number: object = level
        elif isinstance(level, str):
            text = level.strip()
            number = int(text) if is_number(text) else names.get(text.casefold())
        else:
            number = None
        if cid in known and type(number) is int and 1 <= number <= size:
            resolved[cid] = number
            continue
        path = format_path((*prefix, cid))
        if cid not in known:
            problems.append(
                Problem(
                    code="unknown-competency",
                    message=f"unknown competency {_q(cid)} in {path}"
                    f"{hint(cid, known, 'the ladder does not measure it')}",
                    path=path,
                )
            )
        if type(number) is int and 1 <= number <= size:
            resolved[cid] = number
        else:
            problems.append(
                Problem(
                    code="level-off-scale",
                    message=f"level {_q(level)} in {path} is off the scale; expected 1 to "
                    f"{size} or one of: {', '.join(ladder.scale)}",
                    path=path,
                )
            )
    return resolved, problems
