"""
Assessment files: one person's in YAML, JSON or CSV, and a team's in CSV.

A file is read without a ladder, or checked against one as it is read, so that
every problem is located in the file.
"""

from __future__ import annotations

import csv
import datetime as dt  # noqa: TC003 -- cattrs reads the annotations
import io
import os
from operator import itemgetter
from pathlib import Path as FilePath
from typing import TYPE_CHECKING, TypeAlias

import attrs

from ._assessment import (
    Assessment,
    cell_levels,
    is_number,
    plain_levels,
    resolve_levels,
)
from ._formats._files import read_structured
from ._formats._text import not_utf8_file, open_bounded
from ._limits import DEFAULT_LIMITS, Limits
from ._problems import LadderError, Problem, fail, quote

if TYPE_CHECKING:
    from collections.abc import Iterator

    from ._ladder import Ladder


def load_assessment(
    path: str | os.PathLike[str], ladder: Ladder | None = None, *, limits: Limits = DEFAULT_LIMITS
) -> Assessment:
    """
    Read one person's assessment from YAML, JSON or CSV.

    YAML and JSON hold ``person`` and ``date`` (both optional) and ``levels``,
    a mapping of competency id to level. CSV has a header row and one row per
    competency, with columns ``competency`` and ``level`` (and optionally
    ``person``, the same on every row). With *ladder*, the levels are also
    checked against it, each problem located in the file. *limits* bound the
    file as they bound a ladder file.

    Raises:
        LadderError: If the file is not a valid assessment, with the line and
            column of each problem.

    Example:
        >>> from careerladder import load_assessment
        >>> load_assessment("examples/assessments/ada.yaml").levels["communication"]
        4

    .. versionadded:: 0.1.0
    """
    name = os.fspath(path)
    if FilePath(name).suffix.lower() == ".csv":
        people = list(iter_assessments(name, ladder, limits=limits))
        if len(people) != 1:
            raise fail(
                code="wrong-type",
                message=f"the file holds {len(people)} people; an assessment is one person "
                "(read several with iter_assessments)",
                file=name,
                line=1,
                column=1,
            )
        return people[0]

    def check(doc: _DocAssessment) -> list[Problem]:
        return resolve_levels(doc.levels, ladder, ("levels",))[1] if ladder is not None else []

    doc = read_structured(name, _DocAssessment, limits, check=check)
    return Assessment(levels=doc.levels, person=doc.person, date=doc.date)


@attrs.frozen(kw_only=True)
class _DocAssessment:
    """An assessment file, as the converter reads it."""

    person: str | None = None
    date: dt.date | None = None
    levels: dict[str, int | str] = attrs.field(hash=False)


def iter_assessments(
    path: str | os.PathLike[str], ladder: Ladder | None = None, *, limits: Limits = DEFAULT_LIMITS
) -> Iterator[Assessment]:
    """
    Read many people's assessments from a CSV file, one person at a time.

    The file has a header row with the columns ``person``, ``competency`` and
    ``level`` (in any order; ``person`` may be left out for one person), and
    one row per person and competency. A person's rows must be together; the
    file is read as it is iterated, so it may be far larger than memory. With
    *ladder*, each person's levels are also checked against it as they are
    read, each problem located by row and column, and levels given by scale
    name become numbers on its scale. The file is read through *limits*: a
    file over ``limits.max_bytes`` is a ``too-large`` problem.

    Raises:
        LadderError: On a missing column, an empty cell, a competency given
            twice for one person, or a person whose rows are not together,
            with the row and column.

    Example:
        >>> from careerladder import iter_assessments
        >>> [a.person for a in iter_assessments("examples/assessments/team.csv")]
        ['Ada', 'Grace', 'Linus']

    .. versionadded:: 0.1.0
    """
    name = os.fspath(path)
    with io.TextIOWrapper(open_bounded(name, limits), encoding="utf-8-sig", newline="") as stream:
        reader = csv.reader(stream)
        try:
            yield from _rows(reader, name, ladder)
        except UnicodeDecodeError:
            raise not_utf8_file(name) from None
        except csv.Error as error:
            raise _problem(name, reader.line_num, 1, f"invalid CSV: {error}", "syntax") from None


def _problem(
    name: str, line: int, column: int, message: str, code: str = "wrong-type"
) -> LadderError:
    return fail(code, message, file=name, line=line, column=column)


def _columns(header: list[str], name: str) -> tuple[int | None, int, int]:
    """Where the person, competency and level columns are."""
    header = [cell.strip().casefold() for cell in header]
    for needed in ("competency", "level"):
        if needed not in header:
            raise _problem(
                name,
                1,
                1,
                f"the header row lacks the column {needed!r}; expected the columns person, "
                "competency and level",
            )
    person = header.index("person") if "person" in header else None
    return person, header.index("competency"), header.index("level")


def _rows(
    reader: Iterator[list[str]], name: str, ladder: Ladder | None = None
) -> Iterator[Assessment]:
    # After a problem, keep reading to report every one, but yield no more.
    problems: list[Problem] = []
    for person, start, pairs, columns in _groups(reader, name):
        found = _person(
            pairs, person=person, start=start, name=name, columns=columns, ladder=ladder
        )
        if isinstance(found, list):
            problems += found
        elif not problems:
            yield found
    if problems:
        raise LadderError(problems)


_Group: TypeAlias = tuple[str | None, int, list[tuple[str, str]], tuple[int, int]]


def _groups(reader: Iterator[list[str]], name: str) -> Iterator[_Group]:
    """Each person's rows: the person, the first row's line, (competency, level) pairs."""
    # Millions of rows go through here: the loop only indexes and compares;
    # cells are stripped and checked once per person, in bulk.
    person_at, competency_at, level_at = _columns(next(reader, []), name)
    take = itemgetter(
        person_at if person_at is not None else competency_at, competency_at, level_at
    )
    columns = (competency_at, level_at)
    seen: set[str | None] = set()
    current: str | None = None
    raw_person: str | None = None
    start = 2
    pairs: list[tuple[str, str]] = []
    for line, row in enumerate(reader, 2):
        try:
            person, competency, level = take(row)
        except IndexError:  # a short or blank row
            if not any(cell.strip() for cell in row):
                continue
            person, competency, level = take([*row, "", "", ""])
        if person_at is None:
            person = None
        if person != raw_person:
            raw_person = person
            stripped = person.strip() if person is not None else None
            if stripped != current:
                if pairs:
                    yield current, start, pairs, columns
                if stripped in seen:
                    raise _problem(
                        name,
                        line,
                        (person_at or 0) + 1,
                        f"the rows of {stripped!r} are not together; sort the file by person",
                    )
                seen.add(stripped)
                current, start, pairs = stripped, line, []
        pairs.append((competency, level))
    if pairs:
        yield current, start, pairs, columns


def _person(  # noqa: PLR0913 -- one call site, all positions of one person's rows
    pairs: list[tuple[str, str]],
    *,
    person: str | None,
    start: int,
    name: str,
    columns: tuple[int, int],
    ladder: Ladder | None,
) -> Assessment | list[Problem]:
    """One person's assessment, or the problems of their rows."""
    if ladder is not None:
        # The common case, one lookup per cell: every cell as written names a
        # competency of the ladder and a level on its scale, by number or name.
        cells = cell_levels(ladder)
        try:
            known = {c: cells[c][v] for c, v in pairs}
        except KeyError:
            pass
        else:
            if len(known) == len(pairs):  # else a competency is given twice
                return Assessment(levels=known, person=person)
    return _slow_person(
        pairs, person=person, start=start, name=name, columns=columns, ladder=ladder
    )


def _slow_person(  # noqa: PLR0913 -- as _person
    pairs: list[tuple[str, str]],
    *,
    person: str | None,
    start: int,
    name: str,
    columns: tuple[int, int],
    ladder: Ladder | None,
) -> Assessment | list[Problem]:
    """One person's rows, read one by one: every problem of theirs is reported."""
    problems: list[Problem] = []
    levels: dict[str, int | str] = {}
    rows: dict[str, int] = {}
    whose = f" (person {person!r})" if person else ""
    for offset, (raw_competency, raw_level) in enumerate(pairs):
        competency, level = raw_competency.strip(), raw_level.strip()
        empty = [
            (at, column)
            for value, at, column in zip(
                (competency, level), columns, ("competency", "level"), strict=True
            )
            if not value
        ]
        for at, column in empty:
            problems.append(_at(name, start + offset, at + 1, f"the {column} cell is empty"))
        if empty:
            continue
        if competency in rows:
            problems.append(
                _at(
                    name,
                    start + offset,
                    columns[0] + 1,
                    f"duplicate competency {quote(competency)}{whose}; it first appears at "
                    f"line {start + rows[competency]}",
                    "duplicate-competency",
                )
            )
            continue
        rows[competency] = offset
        levels[competency] = int(level) if is_number(level) else level
    if ladder is not None and not plain_levels(levels, ladder):
        # Checked against the ladder, levels are kept as the numbers they name.
        resolved, found = resolve_levels(levels, ladder, ("levels",))
        levels = dict(resolved)
        problems += (
            attrs.evolve(
                problem,
                file=name,
                line=start + rows[problem.path[1]],
                column=columns[problem.code == "level-off-scale"] + 1,
                message=problem.message + whose,
            )
            for problem in found
        )
    if problems:
        return sorted(problems, key=lambda p: (p.line or 0, p.column or 0))
    return Assessment(levels=levels, person=person)


def _at(name: str, line: int, column: int, message: str, code: str = "wrong-type") -> Problem:
    return Problem(code=code, message=message, file=name, line=line, column=column)
