"""
Assessments: the levels one person demonstrates, checked against a ladder.

An assessment is made without a ladder, and checked against one when it is
used, so the same levels can be compared with several ladders. The files they
come in are read by `careerladder._assessment_files`.
"""

from __future__ import annotations

import collections
import datetime as dt  # noqa: TC003 -- attrs reads the annotations
import functools
import types
import weakref
from typing import TYPE_CHECKING

import attrs

from ._problems import Hints, LadderError, Problem, format_path
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
            error level-off-scale: level 9 in levels.comunication is off the scale; expected 0 (not yet) to 5 or one of: aware, practicing, proficient, advanced, expert
        """  # noqa: E501
        resolved, problems = resolve_levels(self.levels, ladder, ("levels",))
        if problems:
            raise LadderError(problems)
        return resolved


@functools.cache
def spellings(scale: tuple[str, ...]) -> dict[str, int]:
    """The plainest ways a CSV cell writes a level of *scale*: ``0``, ``1``, ... and its names."""
    found = {str(n): n for n in range(len(scale) + 1)}
    for n, name in enumerate(scale, 1):
        found.setdefault(name, n)
        found.setdefault(name.casefold(), n)
    return found


@attrs.frozen
class _Index:
    """What checking levels against one ladder needs, built once per ladder."""

    #: Each competency's steps, lowest first.
    scales: dict[str, tuple[str, ...]] = attrs.field(hash=False)
    #: Each competency's step names (folded) -> their numbers.
    names: dict[str, dict[str, int]] = attrs.field(hash=False)
    #: Each competency's plainest spellings of a level in a CSV cell (`spellings`).
    cells: dict[str, dict[str, int]] = attrs.field(hash=False)


#: Ways to write step 0, "not yet", in an assessment.
_NOT_YET = {"not yet": 0, "not-yet": 0}


#: The indexes of the ladders used last, by identity: a ladder is immutable, and a
#: team report looks its index up per person, but hashing a large ladder takes a while.
_RECENT: collections.deque[tuple[weakref.ref[Ladder], _Index]] = collections.deque(maxlen=16)


def _index(ladder: Ladder) -> _Index:
    # A copy: another thread may add an entry meanwhile (adding itself is atomic).
    for ref, found in tuple(_RECENT):
        if ref() is ladder:
            return found
    made = _make_index(ladder)
    _RECENT.appendleft((weakref.ref(ladder), made))
    return made


def _make_index(ladder: Ladder) -> _Index:
    scales = {
        c.id: tuple(step.name for step in c.scale or ladder.scale) for c in ladder.competencies
    }
    # Step 0 may be written as words too, unless a step is called that.
    names = {
        cid: {**_NOT_YET, **{name.casefold(): i for i, name in enumerate(scale, 1)}}
        for cid, scale in scales.items()
    }
    cells = {cid: spellings(scale) for cid, scale in scales.items()}
    return _Index(scales=scales, names=names, cells=cells)


def cell_levels(ladder: Ladder) -> dict[str, dict[str, int]]:
    """Each competency of *ladder* -> the plainest ways a CSV cell writes its levels."""
    return _index(ladder).cells


def is_number(text: str) -> bool:
    """Whether *text* is a whole number as a file writes one: ASCII digits, not too many."""
    # isdigit() holds for "²" too, which int() refuses.
    return text.isascii() and text.isdigit() and len(text) < _LONGEST_NUMBER


#: Longer runs of digits are not a level (and would be slow to read as one).
_LONGEST_NUMBER = 10


def plain_levels(levels: Mapping[str, object], ladder: Ladder) -> bool:
    """
    Whether *levels* are all numbers on their competency's scale (0 included).

    Checked in bulk, as most assessments are: only the others need `resolve_levels`.
    """
    scales = _index(ladder).scales
    for cid, level in levels.items():
        scale = scales.get(cid)
        # True == 1 to Python, never to a reader.
        if scale is None or type(level) is not int or not 0 <= level <= len(scale):
            return False
    return True


def resolve_levels(
    levels: Mapping[str, object], ladder: Ladder, prefix: tuple[str | int, ...]
) -> tuple[dict[str, int], list[Problem]]:
    """
    The levels as numbers on each competency's scale, and the problems of those that are not.

    A level is a number from 0 ("not yet") to the number of steps, or a step's name.
    """
    # This runs once per person in a team report: keep the common case cheap.
    index = _index(ladder)
    scales, names = index.scales, index.names
    resolved: dict[str, int] = {}
    problems: list[Problem] = []
    hint = Hints()
    for cid, level in levels.items():
        scale = scales.get(cid, tuple(step.name for step in ladder.scale))
        size = len(scale)
        if type(level) is int:
            number: object = level
        elif isinstance(level, str):
            text = level.strip()
            number = int(text) if is_number(text) else names.get(cid, {}).get(text.casefold())
        else:
            number = None
        if cid in scales and type(number) is int and 0 <= number <= size:
            resolved[cid] = number
            continue
        path = format_path((*prefix, cid))
        if cid not in scales:
            problems.append(
                Problem(
                    code="unknown-competency",
                    message=f"unknown competency {_q(cid)} in {path}"
                    f"{hint(cid, scales, 'the ladder does not measure it')}",
                    path=path,
                )
            )
        if type(number) is int and 0 <= number <= size:
            resolved[cid] = number
        else:
            problems.append(
                Problem(
                    code="level-off-scale",
                    message=f"level {_q(level)} in {path} is off the scale; expected 0 (not yet) "
                    f"to {size} or one of: {', '.join(scale)}",
                    path=path,
                )
            )
    return resolved, problems
