"""
Ladders as spreadsheets: a role x competency matrix in CSV or XLSX.

The ``roles`` table has one row per role (``id``, ``title``, ``level``,
``grade``, ``track``, ``entry``, ``promotes_to``, ``moves_to``) and one
column per competency holding the level the role expects, by number or by
scale name. A workbook adds a ``ladder`` sheet (id, name, description, scale,
ignore) and a ``competencies`` sheet (id, name, category, description); a CSV
file holds the matrix, after rows such as ``# scale,novice,...`` for a scale
other than the default and for ignored lint codes. `left_out` says what a
matrix cannot hold of a given ladder.

Reading builds the same document a YAML file would give and checks it the
same way, so every problem is the one a ladder file would get, located by
sheet, row and column instead of line and column.
"""

from __future__ import annotations

import bisect
import csv
import io
import math
import os
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, NoReturn

import attrs

from .._check import slug
from .._limits import DEFAULT_LIMITS, Limits
from .._model import DEFAULT_SCALE
from .._problems import DocPath, Hints, LadderError, Problem
from .._problems import quote as _q
from ._document import Origin, Problems, build_ladder
from ._locate import Locator, nearest
from ._text import decode, read_bytes
from ._workbook import Shape, WorkbookError, scan_workbook
from ._write import write_atomic

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from .._ladder import Ladder
    from .._model import Competency, Expectation, Role

LevelStyle = Literal["numbers", "names"]

#: The columns before the competencies, in order; the first three are required.
FIXED = ("id", "title", "level", "grade", "track", "entry", "promotes_to", "moves_to")
REQUIRED = FIXED[:3]
#: Columns written only when some role has a value for them.
_OPTIONAL = ("grade", "entry", "moves_to")
#: The columns that list role ids.
_EDGES = ("promotes_to", "moves_to")
#: How a spreadsheet may write a role's entry flag.
_TRUE, _FALSE = {"true", "yes", "y", "x", "1"}, {"false", "no", "n", "0"}
#: Ladder fields a CSV file holds in rows before its header (a workbook in its ladder sheet).
_LADDER_LISTS = ("scale", "ignore")
#: The first cell of such a row: ``# scale``, and the values in the cells after it.
_FIELD_ROW = re.compile(r"#\s*(\w+)")
#: How a header may spell them: ``promotes_to`` or ``promotes to``, in any case.
_FIXED_NAMES = {name.replace("_", " ") for name in FIXED} | set(FIXED)
#: How `promotes_to` separates role ids.
_SEPARATOR = re.compile(r"[;,\n]")
SHEETS = ("ladder", "competencies", "roles")
#: What a matrix has no column for, by field, with the plural `left_out` names it by.
#: Every field of the model is a column, a sheet cell, or listed here (tests/test_fields.py).
ROLE_LEFT_OUT = {
    "aliases": "aliases",
    "summary": "summaries",
    "responsibilities": "responsibilities",
    "min_points": "min_points",
}
EXPECTATION_LEFT_OUT = {"description": "descriptions", "examples": "examples"}
#: A number typed as text: ASCII digits only, so that a scale name such as
#: "+3" stays a name, and few enough for `int` (longer runs are text).
_NUMBER = re.compile(r"[0-9]{1,15}")
_ADD_COMPETENCY = "add it to the competencies sheet or remove the column"


def column_letter(index: int) -> str:
    """
    The spreadsheet name of the 1-based column *index*.

    Example:
        >>> column_letter(1), column_letter(26), column_letter(28)
        ('A', 'Z', 'AB')
    """
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


@attrs.frozen
class Cell:
    """Where a value sits: sheet (``None`` for CSV), 1-based row and column."""

    sheet: str | None
    row: int
    column: int

    @property
    def ref(self) -> str:
        """``roles!C4`` in a workbook, ``C4`` in a CSV file."""
        name = f"{column_letter(self.column)}{self.row}"
        return f"{self.sheet}!{name}" if self.sheet else name


@attrs.frozen
class Table:
    """The non-blank rows of one sheet, each value stripped of surrounding spaces."""

    sheet: str | None
    rows: list[tuple[int, list[object]]]
    #: Merged ranges as (first row, first column, last row, last column).
    merged: list[tuple[int, int, int, int]] = attrs.Factory(list)


@attrs.frozen
class _Merges:
    """The merged ranges across a header row, found by column in logarithmic time."""

    #: First columns, sorted; beside each, the furthest last column reached so far.
    firsts: list[int]
    reach: list[int]
    #: The range that starts at each first column.
    starting: dict[int, tuple[int, int, int, int]]

    @classmethod
    def of(cls, merged: list[tuple[int, int, int, int]]) -> _Merges:
        # Sorted once: a hostile sheet may have thousands of columns and of ranges.
        ordered = sorted(merged, key=lambda area: area[1])
        reach, furthest = [], 0
        for area in ordered:
            furthest = max(furthest, area[3])
            reach.append(furthest)
        starting: dict[int, tuple[int, int, int, int]] = {}
        for area in ordered:
            starting.setdefault(area[1], area)
        return cls(firsts=[area[1] for area in ordered], reach=reach, starting=starting)

    def covers(self, column: int) -> bool:
        """Whether some range spans *column*."""
        at = bisect.bisect_right(self.firsts, column) - 1
        return at >= 0 and self.reach[at] >= column


def _clean(value: object) -> object:
    if isinstance(value, str):
        value = value.strip()
        return value or None
    return value


def _table(sheet: str | None, rows: Iterable[Sequence[object]]) -> Table:
    kept = []
    for number, row in enumerate(rows, 1):
        values = [_clean(v) for v in row]
        if any(v is not None for v in values):
            kept.append((number, values))
    return Table(sheet, kept)


class _Sheets:
    """Turns tables into a ladder document, remembering where each value came from."""

    def __init__(self, file: str | None) -> None:
        self.hint = Hints()
        self.file = file
        self.cells: dict[DocPath, Cell] = {}
        #: Roles whose level could not be read: their promotions are not checked.
        self.unleveled: set[int] = set()
        #: The competency columns of the roles table, in order, once its header is read.
        self.competency_columns: list[str] = []
        self.sink = Problems(Origin(file=file, where=self.where, positions=self.positions))

    def problem(self, cell: Cell, code: str, message: str) -> None:
        self.sink.add_shown(code, message, (cell.ref,), (cell.row, cell.column))

    def where(self, path: DocPath) -> DocPath:
        """The cell a path of the ladder document came from."""
        return (nearest(self.cells, path, Cell(None, 1, 1)).ref,)

    def positions(self, _: Sequence[DocPath]) -> Locator:
        """Where each cell is: its row and column."""
        return Locator({(cell.ref,): (cell.row, cell.column) for cell in self.cells.values()})

    # -- values --------------------------------------------------------------------

    def text(self, value: object, cell: Cell, what: str) -> str | None:
        if value is None or isinstance(value, str):
            return value
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            number = int(value) if float(value).is_integer() else value
            return str(number)  # an id or a title typed as a number
        self.problem(cell, "wrong-type", f"{what} in {cell.ref}: expected text, got {_q(value)}")
        return None

    def whole(self, value: object, cell: Cell, what: str) -> int | str | None:
        """A whole number, or (for a level) the text as typed, left to the scale check."""
        if isinstance(value, bool):
            pass
        elif isinstance(value, int):
            return value
        elif isinstance(value, float) and value.is_integer():
            return int(value)
        elif isinstance(value, str):
            if _NUMBER.fullmatch(value):
                return int(value)  # a number typed as text
            if what == "expected level":
                return value  # a scale name, checked with the ladder
        self.problem(
            cell,
            "wrong-type",
            f"{what} in {cell.ref} is {_q(value)}; expected a whole number"
            + (" or a scale name" if what == "expected level" else ""),
        )
        return None

    def level(self, value: object, cell: Cell) -> int | float | None:
        """A role's level: a whole number, or a decimal one such as 9.5, as written."""
        if isinstance(value, str) and re.fullmatch(r"[+-]?\d+\.\d+", value):
            value = float(value)  # a decimal typed as text
        if isinstance(value, float) and not value.is_integer() and math.isfinite(value):
            return value
        found = self.whole(value, cell, "level")
        return found if isinstance(found, int) else None

    def flag(self, value: object, cell: Cell) -> bool | None:
        """An entry flag: true or false, yes or no, 1 or 0, or x for true."""
        if isinstance(value, bool):
            return value
        text = str(value).casefold()
        if text in _TRUE | _FALSE:
            return text in _TRUE
        self.problem(
            cell, "wrong-type", f"entry in {cell.ref} is {_q(value)}; expected true or false"
        )
        return None

    # -- tables --------------------------------------------------------------------

    def merged(self, merges: _Merges, cell: Cell) -> bool:
        """Whether *cell* is part of cells merged across columns (reported at the first)."""
        if not merges.covers(cell.column):
            return False
        if (area := merges.starting.get(cell.column)) is not None:
            span = f"{cell.ref}:{column_letter(area[3])}{area[2]}"
            self.problem(
                cell,
                "merged-header",
                f"the header cells {span} are merged; unmerge them and name each column on its own",
            )
        return True

    def header(self, table: Table, known: dict[str, str] | None) -> dict[int, str] | None:
        """Column index (0-based) -> fixed column name or competency id."""
        if not table.rows:
            self.problem(
                Cell(table.sheet, 1, 1),
                "empty-sheet",
                f"{table.sheet or 'the file'} has no rows; the first row names the columns: "
                + ", ".join(FIXED)
                + ", then one column per competency",
            )
            return None
        number, values = table.rows[0]
        named = {str(v).strip().casefold().replace(" ", "_") for v in values if v is not None}
        missing = [column for column in REQUIRED if column not in named]
        for column in missing:
            self.problem(
                Cell(table.sheet, number, 1),
                "missing-column",
                f"no {_q(column)} column in the header row {number}; the first columns are "
                + ", ".join(FIXED),
            )
        if missing:
            return None
        columns: dict[int, str] = {}
        seen: dict[str, Cell] = {}
        width = max(len(row) for _, row in table.rows)
        merges = _Merges.of(table.merged)
        for index, value in enumerate([*values, *[None] * (width - len(values))]):
            cell = Cell(table.sheet, number, index + 1)
            if self.merged(merges, cell):
                continue
            name = self.text(value, cell, "a column name")
            if name is None:
                if any(len(row) > index and row[index] is not None for _, row in table.rows):
                    self.problem(
                        cell,
                        "empty-header",
                        f"column {column_letter(index + 1)} has values but no name in "
                        f"{cell.ref}; name it after a competency id or remove it",
                    )
                continue
            key = name.casefold().replace(" ", "_") if name.casefold() in _FIXED_NAMES else name
            if key in seen:
                self.problem(
                    cell,
                    "duplicate-column",
                    f"column {_q(name)} in {cell.ref} repeats {seen[key].ref}; keep one",
                )
                continue
            seen[key] = cell
            found_key = key if key in FIXED else self.competency_column(name, cell, known)
            if found_key is not None:
                columns[index] = found_key
        return columns

    def competency_column(self, name: str, cell: Cell, known: dict[str, str] | None) -> str | None:
        """The competency id a column header names, or ``None`` (a problem) if none."""
        if known is None:
            return name
        if name.casefold() in known:
            return known[name.casefold()]
        self.problem(
            cell,
            "unknown-competency",
            f"unknown competency {_q(name)} in {cell.ref}"
            # The candidates are gathered only while suggestions are still made.
            + self.hint(
                name,
                set(known.values()) if self.hint.left else (),
                "add it to the competencies sheet or remove the column",
            ),
        )
        return None

    def roles(self, table: Table, known: dict[str, str] | None) -> list[dict[str, Any]]:
        columns = self.header(table, known)
        if columns is None:
            return []
        self.competency_columns = [key for key in columns.values() if key not in FIXED]
        roles: list[dict[str, Any]] = []
        for number, values in table.rows[1:]:
            roles.append(self.role(table.sheet, number, values, columns, len(roles)))
        return roles

    def role(
        self,
        sheet: str | None,
        number: int,
        values: list[object],
        columns: dict[int, str],
        i: int,
    ) -> dict[str, Any]:
        """The role on row *number*, the *i*-th, as a ladder file writes it."""
        role: dict[str, Any] = {}
        expectations: dict[str, object] = {}
        self.cells["roles", i] = Cell(sheet, number, 1)
        for index, key in columns.items():
            value = values[index] if index < len(values) else None
            cell = Cell(sheet, number, index + 1)
            if key not in FIXED:
                if value is not None:
                    expectations[key] = self.whole(value, cell, "expected level")
                    self.cells["roles", i, "expectations", key] = cell
                continue
            self.cells["roles", i, key] = cell
            if value is not None:
                role[key] = self.fixed(key, value, cell, i)
        role = {k: v for k, v in role.items() if v is not None}
        role["expectations"] = {k: v for k, v in expectations.items() if v is not None}
        return role

    def fixed(self, key: str, value: object, cell: Cell, i: int) -> object:
        """The value of one of the `FIXED` columns of the *i*-th role."""
        if key == "level":
            level = self.level(value, cell)
            if level is None:
                # A stand-in keeps the row in the checks; its problem is noted,
                # and promotions that would compare with it are left out.
                self.unleveled.add(i)
                return 0
            return level
        if key == "entry":
            return self.flag(value, cell)
        if key in _EDGES:
            text = self.text(value, cell, key) or ""
            targets = [t.strip() for t in _SEPARATOR.split(text) if t.strip()]
            for j in range(len(targets)):
                self.cells["roles", i, key, j] = cell
            return targets
        written = self.text(value, cell, key)
        # As for the level: an empty stand-in, whose problem is already noted.
        return "" if written is None else written

    def leave_unleveled(self, roles: list[dict[str, Any]]) -> None:
        """Compare a role whose level could not be read with no other: drop its edges."""
        ids = {str(roles[i].get("id")) for i in self.unleveled}
        for i, role in enumerate(roles):
            for edge in _EDGES:
                if i in self.unleveled:
                    role.pop(edge, None)
                elif ids and edge in role:
                    role[edge] = [t for t in role[edge] if t not in ids]

    def competencies(self, table: Table) -> list[dict[str, Any]]:
        _, header = table.rows[0]
        names = [str(h).casefold() if h is not None else None for h in header]
        found: list[dict[str, Any]] = []
        for number, values in table.rows[1:]:
            k = len(found)
            entry: dict[str, Any] = {}
            self.cells["competencies", k] = Cell(table.sheet, number, 1)
            for index, (name, value) in enumerate(zip(names, values, strict=False)):
                if name in {"id", "name", "category", "description"}:
                    cell = Cell(table.sheet, number, index + 1)
                    self.cells["competencies", k, name] = cell
                    text = self.text(value, cell, name)
                    if text is not None:
                        entry[name] = text
            found.append(entry)
        return found

    def ladder_fields(self, table: Table) -> dict[str, Any]:
        fields: dict[str, Any] = {}
        for number, values in table.rows:
            key = str(values[0]).casefold() if values and values[0] is not None else None
            value = values[1] if len(values) > 1 else None
            if key not in {"id", "name", "description", *_LADDER_LISTS} or value is None:
                continue
            cell = Cell(table.sheet, number, 2)
            self.cells[(key,)] = cell
            text = self.text(value, cell, key)
            if text is not None:
                fields[key] = [s.strip() for s in text.split(";")] if key in _LADDER_LISTS else text
        return fields

    def field_rows(self, table: Table) -> tuple[dict[str, Any], Table]:
        """
        The ladder fields in rows such as ``# scale,a,b,c`` before a CSV file's header.

        Returns the fields, and the table without those rows.
        """
        fields: dict[str, Any] = {}
        rows = list(table.rows)
        while rows and isinstance(rows[0][1][0], str) and rows[0][1][0].startswith("#"):
            number, values = rows.pop(0)
            found = _FIELD_ROW.fullmatch(str(values[0]))
            key = found[1].casefold() if found else ""
            if key not in _LADDER_LISTS:
                self.problem(
                    Cell(None, number, 1),
                    "unknown-field",
                    f"unknown ladder field {_q(values[0])} in A{number}; a row before the header "
                    "may give " + " or ".join(f"'# {k}'" for k in _LADDER_LISTS),
                )
                continue
            self.cells[(key,)] = Cell(None, number, 2)
            fields[key] = [str(v) for v in values[1:] if v is not None]
        return fields, attrs.evolve(table, rows=rows)


# -- reading -------------------------------------------------------------------------


def read_matrix(path: str | os.PathLike[str], *, limits: Limits = DEFAULT_LIMITS) -> Ladder:
    """
    Read a ladder from a role x competency matrix in a CSV or XLSX file.

    A CSV file holds the matrix alone: the ladder's id and name come from the
    file name, and each competency column's header is the competency's id and
    name. A workbook (the ``xlsx`` extra) may add ``ladder`` and
    ``competencies`` sheets, as `write_matrix` writes them; a column that
    names no competency of that sheet is then a problem.

    Blank rows are skipped, spaces around values are dropped, and a number
    typed as text counts as that number. Everything else that is wrong is
    reported at once, each problem with its sheet, row and column.

    Raises:
        LadderError: If the sheet does not describe a valid ladder.
        OSError: If the file cannot be read.

    Example:
        >>> from careerladder import read_matrix
        >>> ladder = read_matrix("examples/sheets/acme.csv")
        >>> [role.id for role in ladder.next_roles("senior-pm")]
        ['staff-pm', 'group-pm']

    .. versionadded:: 0.1.0
    """
    name = os.fspath(path)
    data, origin, sink = matrix_document(name, limits)
    return build_ladder(data, origin, sink)


def matrix_document(
    name: str, limits: Limits = DEFAULT_LIMITS
) -> tuple[dict[str, Any], Origin, Problems]:
    """
    Read a matrix into the document a ladder file would hold, with where each value is.

    Raises:
        LadderError: If the file cannot be read as a matrix at all.
    """
    sheets = _Sheets(name)
    content = read_bytes(name, limits)
    if Path(name).suffix.lower() == ".xlsx":
        tables = _read_workbook(content, sheets, limits)
    else:
        tables = {"roles": _read_csv(decode(content, name), sheets)}
    fields: dict[str, Any] = {}
    if "ladder" not in tables:
        fields, tables["roles"] = sheets.field_rows(tables["roles"])
    known: dict[str, str] | None = None
    competencies: list[dict[str, Any]] = []
    if "ladder" in tables:
        fields |= sheets.ladder_fields(tables["ladder"])
    if "competencies" in tables and tables["competencies"].rows:
        competencies = sheets.competencies(tables["competencies"])
        # A column names a competency by its id or its name, in any case; an id
        # wins over another competency's name that reads the same.
        known = {
            str(c[key]).casefold(): str(c["id"])
            for key in ("name", "id")
            for c in competencies
            if "id" in c and key in c
        }
    roles = sheets.roles(tables["roles"], known)
    if known is None:
        # Every competency column, even one no role fills: the competency is the ladder's.
        columns = set(sheets.competency_columns)
        header = tables["roles"].rows[0][1] if tables["roles"].rows else []
        where: dict[str, int] = {}
        for index, h in enumerate(header):
            if h is not None:
                where.setdefault(str(h), index)
        order = [c for c in where if c in columns]
        competencies = [{"id": c, "name": c} for c in order]
        for k, c in enumerate(order):
            sheets.cells["competencies", k] = Cell(None, tables["roles"].rows[0][0], where[c] + 1)
    sheets.leave_unleveled(roles)
    stem = Path(name).stem.removesuffix(".case")
    document = {
        "id": fields.get("id", slug(stem)),
        "name": fields.get("name", stem),
        **{k: v for k, v in fields.items() if k in {"description", *_LADDER_LISTS}},
        "competencies": competencies,
        "roles": roles,
    }
    return document, sheets.sink.origin, sheets.sink


def _read_csv(text: str, sheets: _Sheets) -> Table:
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        return _table(None, list(reader))
    except csv.Error as error:  # a NUL byte, a quote left open at the end
        sheets.problem(Cell(None, reader.line_num, 1), "syntax", f"invalid CSV: {error}")
        raise sheets.sink.error() from None


def _openpyxl() -> Any:  # noqa: ANN401 -- the module
    try:
        import openpyxl  # noqa: PLC0415 -- an optional extra
    except ModuleNotFoundError:
        msg = (
            "reading and writing XLSX needs openpyxl, in the xlsx extra: pip install -e '.[xlsx]' "
            "from a clone, or pip install "
            "'careerladder[xlsx] @ git+https://github.com/careerladder/careerladder' "
            "(once published: pip install 'careerladder[xlsx]')"
        )
        raise ModuleNotFoundError(msg) from None
    return openpyxl


def _read_workbook(content: bytes, sheets: _Sheets, limits: Limits) -> dict[str, Table]:
    openpyxl = _openpyxl()
    try:
        # The zip and every sheet's reach are bounded before a cell is built.
        shapes = scan_workbook(content, limits)
        # Read-only: rows stream from the XML and no grid of cells is laid out.
        book = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except WorkbookError as error:
        if error.code != "unreadable":
            sheets.problem(Cell(None, 1, 1), error.code, error.message)
            raise sheets.sink.error() from None
        _unreadable(sheets, error.message)
    except Exception as error:  # noqa: BLE001 -- a damaged workbook fails in many ways
        _unreadable(sheets, str(error) or type(error).__name__)
    try:
        return _workbook_tables(book, shapes, sheets, limits)
    except LadderError:
        raise
    except Exception as error:  # noqa: BLE001 -- rows are parsed as they are read
        _unreadable(sheets, str(error) or type(error).__name__)
    finally:
        book.close()


def _unreadable(sheets: _Sheets, why: str) -> NoReturn:
    sheets.problem(
        Cell(None, 1, 1),
        "unreadable",
        f"not an XLSX workbook ({why}); save it from the spreadsheet as .xlsx",
    )
    raise sheets.sink.error() from None


def _workbook_tables(
    book: Any,  # noqa: ANN401 -- an openpyxl workbook
    shapes: dict[str, Shape],
    sheets: _Sheets,
    limits: Limits,
) -> dict[str, Table]:
    lowered = {title.casefold(): title for title in book.sheetnames}
    chosen = {wanted: book[lowered[wanted]] for wanted in SHEETS if wanted in lowered}
    if "roles" not in chosen:
        # A workbook of one sheet under another name is the matrix.
        if len(book.sheetnames) != 1:
            sheets.problem(
                Cell(None, 1, 1),
                "missing-sheet",
                f"no 'roles' sheet among {', '.join(map(repr, book.sheetnames))}; name the "
                "sheet that holds the matrix 'roles'",
            )
            raise sheets.sink.error()
        chosen["roles"] = book.worksheets[0]
    found = {
        key: shapes.get(str(sheet._worksheet_path).lstrip("/"), Shape())  # noqa: SLF001
        for key, sheet in chosen.items()
    }
    for key, shape in found.items():
        if shape.over is not None:
            _too_many_cells(sheets, chosen[key].title, shape.over, limits)
    if sheets.sink.found:
        raise sheets.sink.error()
    return {key: _sheet_table(sheet, found[key]) for key, sheet in chosen.items()}


def _too_many_cells(
    sheets: _Sheets, title: str, over: tuple[int, int, str], limits: Limits
) -> None:
    row, column, what = over
    cell = Cell(title, row, column)
    kind, _, ref = what.partition(" ")
    reach = {
        "cells": f"its cells reach {cell.ref}, a grid of more than",
        "dimension": f"it declares the range {ref}, more than",
        "merged": f"its merged ranges, up to {ref}, cover more than",
    }[kind]
    sheets.problem(
        cell,
        "too-large",
        f"the sheet {title!r} is too large: {reach} {limits.max_cells:,} cells "
        "(Limits.max_cells, --max-cells)",
    )


def _sheet_table(sheet: Any, shape: Shape) -> Table:  # noqa: ANN401 -- an openpyxl worksheet
    """The rows of a worksheet, with the merged ranges that cross its header row."""
    # The declared dimension may be wrong; the rows as stored are what counts.
    sheet.reset_dimensions()
    table = _table(sheet.title, sheet.iter_rows(values_only=True))
    header = table.rows[0][0] if table.rows else 0
    merged = [m for m in shape.merged if m[0] <= header <= m[2] and m[3] > m[1]]
    return attrs.evolve(table, merged=merged)


# -- writing -------------------------------------------------------------------------


def columns(ladder: Ladder) -> list[str]:
    """The fixed columns a matrix of *ladder* has: an optional one only where some role fills it."""
    used = {
        "grade": any(role.grade for role in ladder.roles),
        "entry": any(role.entry for role in ladder.roles),
        "moves_to": bool(ladder.moves),
    }
    return [column for column in FIXED if used.get(column, True)]


def matrix_rows(ladder: Ladder, levels: LevelStyle = "numbers") -> list[list[object]]:
    """The roles table: a header, then one row per role, in the ladder's order."""
    # Read back, such a column would be taken for the fixed one: refuse, do not garble.
    clashes = [
        Problem(
            code="duplicate-column",
            message=f"competency {_q(c.id)} cannot have a column of its own in a matrix: "
            f"{_q(c.id)} is the name of a fixed column; give it another id, or keep this "
            "ladder in a ladder file",
            path=("competencies", i, "id"),
        )
        for i, c in enumerate(ladder.competencies)
        if c.id in FIXED
    ]
    clashes += _lost_steps(ladder, levels)
    if clashes:
        raise LadderError(clashes)
    fixed = columns(ladder)
    header: list[object] = [*fixed, *(c.id for c in ladder.competencies)]
    rows = [header]
    for role in ladder.roles:
        expected = {e.competency: e.level for e in role.expectations}
        values: dict[str, object] = {
            "id": role.id,
            "title": role.title,
            "level": role.level,
            "grade": role.grade or "",
            "track": role.track or "",
            "entry": "true" if role.entry else "",
            "promotes_to": "; ".join(r.id for r in ladder.next_roles(role)),
            "moves_to": "; ".join(r.id for r in ladder.lateral_roles(role)),
        }
        cells = [values[column] for column in fixed]
        for competency in ladder.competencies:
            level = expected.get(competency.id)
            if level is None:
                cells.append("")
            else:
                cells.append(
                    ladder.scale_of(competency)[level - 1].name if levels == "names" else level
                )
        rows.append(cells)
    return rows


def _lost_steps(ladder: Ladder, levels: LevelStyle) -> list[Problem]:
    """
    Expectations a matrix would write that would not read back.

    A matrix has the ladder's scale only: a level past its end, or (with
    step names) any step of a competency's own scale, would be off it.
    """
    size = len(ladder.scale)
    found = []
    for i, role in enumerate(ladder.roles):
        for expectation in role.expectations:
            competency = ladder.competency(expectation.competency)
            if not competency.scale or (levels == "numbers" and expectation.level <= size):
                continue
            step = competency.scale[expectation.level - 1].name
            if levels == "numbers":
                why = f"a matrix has only the ladder's {size} steps"
                instead = "keep this ladder in a ladder file or a CASE package"
            else:
                why = "a matrix names only the ladder's steps"
                instead = "write levels as numbers or keep this ladder in a ladder file"
            found.append(
                Problem(
                    code="level-off-scale",
                    message=f"role {_q(role.id)} expects {_q(competency.id)} at step "
                    f"{expectation.level} ({_q(step)}) of the competency's own scale, and "
                    f"{why}: it would not read back; {instead}",
                    path=("roles", i, "expectations", competency.id),
                )
            )
    return found


def field_rows(ladder: Ladder) -> list[list[object]]:
    """
    The rows before a CSV file's header: a scale other than the default, ignored lint codes.

    Without them a six-step scale would read back as the default five steps,
    and its sixth step as a level off the scale.
    """
    rows: list[list[object]] = []
    names = tuple(step.name for step in ladder.scale)
    if names != DEFAULT_SCALE:
        rows.append(["# scale", *names])
    if ladder.ignore:
        rows.append(["# ignore", *ladder.ignore])
    return rows


def _and(words: Sequence[str]) -> str:
    return ", ".join(words[:-1]) + " and " + words[-1] if len(words) > 1 else words[0]


def _some(count: int, what: str, of: str, many: str | None = None) -> list[str]:
    """``["aliases of 3 roles"]``, or nothing for a count of 0."""
    return [f"{what} of {count} {of if count == 1 else many or of + 's'}"] if count else []


def _csv_left_out(ladder: Ladder, name: str) -> list[str]:
    """What a CSV file holds less than a workbook: the ladder's and competencies' details."""
    found: list[str] = []
    stem = Path(name).stem
    # A CSV file's ladder is named after the file.
    ladder_fields = [
        field
        for field, differs in (
            ("id", ladder.id != slug(stem)),
            ("name", ladder.name != stem),
            ("description", bool(ladder.description)),
        )
        if differs
    ]
    if ladder_fields:
        found.append("the ladder's " + _and(ladder_fields))
    details = [
        what
        for what, differs in (
            ("names", any(c.name != c.id for c in ladder.competencies)),
            ("categories", any(c.category for c in ladder.competencies)),
            ("descriptions", any(c.description for c in ladder.competencies)),
        )
        if differs
    ]
    if details:
        count = len(ladder.competencies)
        found += _some(count, "the " + _and(details), "competency", "competencies")
    return found


def left_out(
    ladder: Ladder, path: str | os.PathLike[str], *, workbook: bool | None = None
) -> list[str]:
    """
    What a matrix written to *path* cannot hold of *ladder*.

    A CSV file, or an XLSX *workbook* (by default: as the suffix says).

    Each entry names a kind of data the ladder has and the matrix drops, with
    how many parts have it; empty when the matrix holds the whole ladder.

    Example:
        >>> from careerladder import presets
        >>> for entry in left_out(presets.load("six-step"), "six-step.csv")[:3]:
        ...     print(entry)
        the ladder's name and description
        the names, categories and descriptions of 18 competencies
        aliases of 6 roles
    """
    name = os.fspath(path)
    if workbook is None:
        workbook = Path(name).suffix.lower() == ".xlsx"
    found = [] if workbook else _csv_left_out(ladder, name)
    roles = ladder.roles
    expectations = [e for r in roles for e in r.expectations]
    for field, plural in ROLE_LEFT_OUT.items():
        found += _some(sum(_has(r, field) for r in roles), plural, "role")
    for field, plural in EXPECTATION_LEFT_OUT.items():
        found += _some(sum(_has(e, field) for e in expectations), plural, "expectation")
    found += _some(
        sum(bool(c.scale) for c in ladder.competencies),
        "the own scales",
        "competency",
        "competencies",
    )
    if any(step.description or step.examples for step in ladder.scale):
        found.append("the descriptions and examples of the scale's steps")
    if ladder.promotion_rule.kind != "all":
        found.append(f"the promotion rule ({ladder.promotion_rule.kind})")
    found += _some(sum(bool(p.criteria) for p in ladder.promotions), "criteria", "promotion")
    found += _some(sum(bool(m.criteria) for m in ladder.moves), "criteria", "move")
    cited: list[Competency | Role | Expectation] = [*ladder.competencies, *roles, *expectations]
    found += _some(sum(bool(c.sources) for c in cited), "sources", "part")
    if ladder.references:
        count = len(ladder.references)
        found.append(f"{count} reference" if count == 1 else f"{count} references")
    return found


def _has(part: Role | Expectation, field: str) -> bool:
    """Whether *part* gives *field* a value (a zero counts; nothing or empty does not)."""
    value = getattr(part, field)
    return value is not None and value not in ("", ())


def matrix_csv(ladder: Ladder, levels: LevelStyle = "numbers") -> str:
    """The roles table as CSV text."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerows(field_rows(ladder))
    writer.writerows(matrix_rows(ladder, levels))
    return out.getvalue()


def write_matrix(
    ladder: Ladder,
    path: str | os.PathLike[str],
    *,
    levels: LevelStyle = "numbers",
) -> None:
    """
    Write *ladder* as a role x competency matrix: CSV, or XLSX by the suffix.

    One row per role, in the ladder's order, with ``id``, ``title``, ``level``
    (decimal levels as written), ``grade``, ``track``, ``entry`` (``true``
    for an entry role), ``promotes_to`` and ``moves_to`` (role ids separated
    by ``;``), then one column per competency holding the expected level: a
    number, or the scale name with ``levels="names"``. ``grade``, ``entry``
    and ``moves_to`` are written only when some role has one. Every
    competency has its column, even one no role expects.

    A CSV file starts with a ``# scale`` row when the scale is not the
    default one, and an ``# ignore`` row for ignored lint codes, so that it
    reads back as it was written. A workbook (the ``xlsx`` extra) has them in
    a ``ladder`` sheet (id, name, description, scale, ignore), beside a
    ``competencies`` sheet (id, name, category, description).

    Role details (aliases, summary, responsibilities), expectation
    descriptions, criteria, sources and references are not carried (nor, in
    a CSV file, the ladder's id, name and description, or the competencies'
    names): ``careerladder convert`` lists what a given ladder loses. Keep them in a
    ladder file.

    Example:
        >>> import tempfile, pathlib
        >>> from careerladder import presets, read_matrix, write_matrix
        >>> ladder = presets.load("six-step")
        >>> target = pathlib.Path(tempfile.mkdtemp()) / "six-step.csv"
        >>> write_matrix(ladder, target)
        >>> target.read_text().splitlines()[1][:50]
        'apm,Associate Product Manager,1,ic,pm,,,,2,,,2,2,2'
        >>> [r.id for r in read_matrix(target)] == [r.id for r in ladder]
        True

    .. versionadded:: 0.1.0
    """
    name = os.fspath(path)
    kind = "xlsx" if Path(name).suffix.lower() == ".xlsx" else "csv"
    write_atomic(name, matrix_bytes(ladder, kind, levels=levels))


def matrix_bytes(ladder: Ladder, kind: str, *, levels: LevelStyle = "numbers") -> bytes:
    """The matrix as the bytes of a CSV file or, for *kind* ``"xlsx"``, a workbook."""
    if kind == "xlsx":
        return _workbook(ladder, levels)
    return matrix_csv(ladder, levels).encode("utf-8")


def _fill(sheet: Any, rows: Iterable[Sequence[object]], bold: Any) -> None:  # noqa: ANN401 -- openpyxl
    """Write *rows* into *sheet*, the first in bold; an empty string is an empty cell."""
    for row in rows:
        sheet.append([None if v == "" else v for v in row])
    for cell in sheet[1]:
        cell.font = bold
    for row in sheet.iter_rows():
        for cell in row:
            # Text is text: a title such as "=1+1" must not become a formula.
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"


def _workbook(ladder: Ladder, levels: LevelStyle) -> bytes:
    openpyxl = _openpyxl()
    from openpyxl.styles import Font  # noqa: PLC0415 -- an optional extra

    book = openpyxl.Workbook()
    bold = Font(bold=True)
    roles = book.active
    roles.title = "roles"
    _fill(roles, matrix_rows(ladder, levels), bold)
    roles.freeze_panes = "C2"
    fields = [
        ["field", "value"],
        ["id", ladder.id],
        ["name", ladder.name],
        ["description", ladder.description],
        ["scale", "; ".join(step.name for step in ladder.scale)],
        *([["ignore", "; ".join(ladder.ignore)]] if ladder.ignore else []),
    ]
    _fill(book.create_sheet("ladder"), fields, bold)
    catalogue = [[c.id, c.name, c.category, c.description] for c in ladder.competencies]
    _fill(
        book.create_sheet("competencies"),
        [["id", "name", "category", "description"], *catalogue],
        bold,
    )
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
