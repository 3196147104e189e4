"""
Bounds on a workbook, checked in its zip before a spreadsheet library reads it.

An XLSX file is a zip of XML parts. A few kilobytes can unpack to gigabytes
(a "zip bomb"), and one cell at ``XFD1048576`` or one merged range over it
makes a reader lay out ten billion cells. So the sizes in the zip's directory
are added up first (a zip reader never gives more bytes than its directory
declares), and every part is then streamed through expat, without building a
tree, to find how far its cells, its declared dimension and its merged ranges
reach. Cells are placed as openpyxl places them: by their ``r`` reference, or
after the cell or row before them when they have none.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from typing import TYPE_CHECKING
from xml.parsers import expat

import attrs

if TYPE_CHECKING:
    from collections.abc import Callable

    from .._limits import Limits

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REF = re.compile(r"\$?([A-Za-z]{1,3})\$?([0-9]+)")
#: A part that unpacks to more than this many times its packed size is refused:
#: XML compresses about 10 to 40 times, deflate at most about 1,000 times.
MAX_RATIO = 200
#: Parts smaller than this are not judged by their ratio.
_RATIO_FROM = 1 << 20
_CHUNK = 1 << 20


class WorkbookError(Exception):
    """A workbook that is refused before it is opened: its problem's code and message."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@attrs.define
class Shape:
    """How far one part's cells reach, and its merged ranges."""

    rows: int = 0
    columns: int = 0
    #: The first place where a bound was passed, and what was passed.
    over: tuple[int, int, str] | None = None
    #: Merged ranges as (first row, first column, last row, last column).
    merged: list[tuple[int, int, int, int]] = attrs.Factory(list)
    merged_cells: int = 0


class _Stop(Exception):  # noqa: N818 -- private; stops the parser at the first bound passed
    pass


def column_index(letters: str) -> int:
    """The 1-based index of a column named by *letters* (``A`` is 1, ``XFD`` 16,384)."""
    index = 0
    for letter in letters.upper():
        index = index * 26 + ord(letter) - 64
    return index


#: More digits than a row number ever has: read as this, beyond any limit.
_FAR = 10**18


def _whole(digits: str) -> int:
    """A row number; one of more digits than Python reads is simply far."""
    return int(digits) if len(digits) < len(str(_FAR)) else _FAR


def _area(ref: str) -> tuple[int, int, int, int] | None:
    """A range ``A1:C4`` (or one cell) as (first row, first column, last row, last column)."""
    ends = [_REF.fullmatch(part) for part in ref.split(":")]
    if not 1 <= len(ends) <= 2 or None in ends:
        return None
    (r1, c1), (r2, c2) = ((_whole(m[2]), column_index(m[1])) for m in (ends[0], ends[-1]) if m)
    return min(r1, r2), min(c1, c2), max(r1, r2), max(c1, c2)


class _Scanner:
    """Follows one part's elements as openpyxl would place its cells."""

    def __init__(self, max_cells: int) -> None:
        self.max_cells = max_cells
        self.shape = Shape()
        self.row = 0
        self.column = 0

    def over(self, row: int, column: int, what: str) -> None:
        self.shape.over = (row, column, what)
        raise _Stop

    def start(self, name: str, attributes: dict[str, str]) -> None:
        if not name.startswith(_MAIN):
            return
        handle = self._HANDLERS.get(name[len(_MAIN) :])
        if handle is not None:
            handle(self, attributes)

    def on_row(self, attributes: dict[str, str]) -> None:
        given = attributes.get("r")
        if given is None:
            self.row += 1
        else:
            try:
                self.row = _whole(given) if given.isdigit() else int(float(given))
            except (ValueError, OverflowError):
                return  # openpyxl refuses the sheet
        self.column = 0

    def on_cell(self, attributes: dict[str, str]) -> None:
        given = attributes.get("r")
        if given:
            found = _REF.fullmatch(given)
            if found is None:
                return  # openpyxl refuses the sheet
            row, self.column = _whole(found[2]), column_index(found[1])
        else:
            self.column += 1
            row = self.row
        shape = self.shape
        shape.rows, shape.columns = max(shape.rows, row), max(shape.columns, self.column)
        if shape.rows * shape.columns > self.max_cells:
            self.over(row, self.column, "cells")

    def on_dimension(self, attributes: dict[str, str]) -> None:
        area = _area(attributes.get("ref", ""))
        if area is not None and _cells(area) > self.max_cells:
            self.over(area[0], area[1], "dimension " + attributes["ref"])

    def on_merge(self, attributes: dict[str, str]) -> None:
        area = _area(attributes.get("ref", ""))
        if area is None:
            return
        self.shape.merged.append(area)
        self.shape.merged_cells += _cells(area)
        if self.shape.merged_cells > self.max_cells:
            self.over(area[0], area[1], "merged " + attributes["ref"])

    _HANDLERS: dict[str, Callable[[_Scanner, dict[str, str]], None]] = {  # noqa: RUF012
        "row": on_row,
        "c": on_cell,
        "dimension": on_dimension,
        "mergeCell": on_merge,
    }


def _cells(area: tuple[int, int, int, int]) -> int:
    first_row, first_column, last_row, last_column = area
    return (last_row - first_row + 1) * (last_column - first_column + 1)


def _refuse_doctype(*_: object) -> None:
    msg = "a part of the workbook declares a DTD, which no spreadsheet program writes"
    raise WorkbookError("unreadable", msg)


def _scan(stream: io.BufferedIOBase, max_cells: int) -> Shape:
    scanner = _Scanner(max_cells)
    parser = expat.ParserCreate(namespace_separator="}")
    parser.StartElementHandler = scanner.start
    parser.StartDoctypeDeclHandler = _refuse_doctype
    try:
        while chunk := stream.read(_CHUNK):
            parser.Parse(chunk, False)  # noqa: FBT003 -- expat's signature
        parser.Parse(b"", True)  # noqa: FBT003
    except (_Stop, expat.ExpatError):
        # A part that is not XML (a picture) or is broken: what it reached so
        # far is kept; openpyxl reports a broken sheet when it reads it.
        pass
    return scanner.shape


def scan_workbook(content: bytes, limits: Limits) -> dict[str, Shape]:
    """
    Check a workbook's zip against *limits*; return each part's shape by its name.

    Raises:
        WorkbookError: If it is not a zip, unpacks to more than
            ``limits.max_bytes``, holds a part packed beyond belief, or declares
            a DTD.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
    except (zipfile.BadZipFile, ValueError, OSError, EOFError) as error:
        raise WorkbookError("unreadable", str(error) or type(error).__name__) from None
    with archive:
        parts = archive.infolist()
        total = sum(part.file_size for part in parts)
        if total > limits.max_bytes:
            msg = (
                f"the workbook unpacks to {total:,} bytes, more than the limit of "
                f"{limits.max_bytes:,} (Limits.max_bytes, --max-bytes)"
            )
            raise WorkbookError("too-large", msg)
        for part in parts:
            if part.file_size > _RATIO_FROM and part.file_size > MAX_RATIO * part.compress_size:
                msg = (
                    f"the part {part.filename!r} of the workbook unpacks {part.compress_size:,} "
                    f"bytes to {part.file_size:,}, more than {MAX_RATIO} times as many; no "
                    "spreadsheet program writes that, a zip bomb does"
                )
                raise WorkbookError("too-large", msg)
        shapes = {}
        for part in parts:
            try:
                with archive.open(part) as stream:
                    shapes[part.filename] = _scan(stream, limits.max_cells)  # type: ignore[arg-type]
            except (
                zipfile.BadZipFile,
                zlib.error,
                NotImplementedError,
                RuntimeError,
                OSError,
                EOFError,
            ) as error:
                raise WorkbookError("unreadable", str(error) or type(error).__name__) from None
        return shapes
