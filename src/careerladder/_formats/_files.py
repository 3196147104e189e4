"""
Which format a file is in, and reading and writing a ladder through it.

One table maps a file's suffix to its format; `load`, `dump`, `validate`,
`show` and `convert` all go through it, so every command and function takes
the same files.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any, Literal, TypeVar

import attrs

from .._limits import DEFAULT_LIMITS, Limits, paused_collector
from .._problems import LadderError, Problem, fail
from ._bounds import within_bounds
from ._document import (
    Origin,
    Problems,
    build_ladder,
    check_document,
    ladder_to_doc,
    structure,
)
from ._text import STDIN, decode, first_surrogate, read_bytes
from ._write import write_atomic

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from .._ladder import Ladder

T = TypeVar("T")

FormatName = Literal["yaml", "json", "toml", "csv", "xlsx", "case"]


@attrs.frozen
class Format:
    """A format a ladder can be read from and written to."""

    name: FormatName
    #: Suffixes that mean it, longest first where one ends another (``.case.json``).
    suffixes: tuple[str, ...]
    #: What it is, for messages.
    label: str
    #: Whether it is text that can be given on stdin or as a string.
    text: bool = True


#: Every format, in the order messages list them. ``.case.json`` before ``.json``.
FORMATS: tuple[Format, ...] = (
    Format("yaml", (".yaml", ".yml"), "YAML ladder file"),
    Format("json", (".json",), "JSON ladder file"),
    Format("toml", (".toml",), "TOML ladder file"),
    Format("csv", (".csv",), "CSV role x competency matrix"),
    Format("xlsx", (".xlsx",), "XLSX workbook", text=False),
    Format("case", (".case.json",), "CASE 1.1 package"),
)
_BY_NAME: dict[str, Format] = {f.name: f for f in FORMATS}


def suffixes() -> str:
    """Every suffix a ladder may have, for messages."""
    return ", ".join(s for f in FORMATS for s in f.suffixes)


def format_for(name: str, given: str | None = None) -> Format:
    """
    The format *given* names, or else the one the suffix of *name* means.

    Raises:
        LadderError: If *given* names no format, or the suffix means none.
    """
    if given is not None:
        if given not in _BY_NAME:
            names = [repr(f.name) for f in FORMATS]
            raise fail(
                "unknown-format",
                f"unknown format {given!r}; expected {', '.join(names[:-1])} or {names[-1]}",
            )
        return _BY_NAME[given]
    lowered = name.lower()
    matches = [f for f in FORMATS for s in f.suffixes if lowered.endswith(s)]
    if not matches:
        raise fail(
            "unknown-format",
            f"cannot tell the format of {name!r} from its suffix; use one of {suffixes()}",
            file=name or None,
        )
    # The longest suffix wins: `x.case.json` is CASE, not JSON.
    return max(matches, key=lambda f: max(len(s) for s in f.suffixes if lowered.endswith(s)))


# -- reading -----------------------------------------------------------------------------


def _text_document(
    text: str, kind: Format, file: str | None, limits: Limits
) -> tuple[object, Origin, Problems]:
    """Parse a ladder file's text into plain data, with where its values are."""
    origin = Origin(file=file)
    sink = Problems(origin)
    if len(text) * 4 > limits.max_bytes:  # one character is at most four bytes
        size = len(text.encode("utf-8", "surrogatepass"))
        if size > limits.max_bytes:
            from ._text import too_large  # noqa: PLC0415 -- rare

            sink.add("too-large", too_large(size, limits), at=(1, 1))
            raise sink.error()
    if kind.name == "yaml":
        from ._yaml import parse  # noqa: PLC0415 -- each format loads when needed

        data, locator = parse(text, limits, sink)
        origin = Origin(file=file, positions=lambda _: locator)
        within_bounds(data, limits, sink, count=False)
    else:
        if kind.name == "json":
            from . import _json as module  # noqa: PLC0415
        else:
            from . import _toml as module  # type: ignore[no-redef] # noqa: PLC0415
        data = module.parse(text, limits, sink)
        origin = Origin(file=file, positions=module.positions(text))
        within_bounds(data, limits, sink)
    sink.origin = origin
    return data, origin, sink


def _read(name: str, kind: Format, limits: Limits, *, lints: bool) -> Any:  # noqa: ANN401
    # Parsing and building make millions of small objects that all live on: the
    # collector, left running, would scan them again and again (twice the time).
    with paused_collector():
        return _read_document(name, kind, limits, lints=lints)


def _read_document(name: str, kind: Format, limits: Limits, *, lints: bool) -> Any:  # noqa: ANN401
    data: object
    if kind.name in ("csv", "xlsx"):
        from ._sheet import matrix_document  # noqa: PLC0415 -- only for spreadsheets

        data, origin, sink = matrix_document(name, limits)
    elif kind.name == "case":
        from ._case import case_document  # noqa: PLC0415 -- only for CASE packages

        data, origin, sink = case_document(decode(read_bytes(name, limits), name), name, limits)
    else:
        text = decode(read_bytes(name, limits), None if name == STDIN else name)
        data, origin, sink = _text_document(text, kind, _shown(name), limits)
    if lints:
        return check_document(data, origin, sink)
    return build_ladder(data, origin, sink)


def _shown(name: str) -> str:
    return "<stdin>" if name == STDIN else name


def read_ladder(name: str, kind: Format | None = None, limits: Limits = DEFAULT_LIMITS) -> Ladder:
    """Read a ladder from a file of any format, or stdin (``-``) in *kind*."""
    found: Ladder = _read(name, kind or format_for(name), limits, lints=False)
    return found


def check_file(
    name: str, kind: Format | None = None, limits: Limits = DEFAULT_LIMITS
) -> list[Problem]:
    """Every problem of a ladder file of any format, lints included, each located."""
    try:
        found: list[Problem] = _read(name, kind or format_for(name), limits, lints=True)
    except LadderError as error:
        return list(error.problems)
    return found


def check_text(
    text: str,
    format: str,  # noqa: A002
    file: str | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> list[Problem]:
    """Every problem of a ladder document's text, lints included, each located."""
    kind = format_for("", format)
    try:
        with paused_collector():
            data, origin, sink = _text_source(text, kind, file, limits)
            return check_document(data, origin, sink)
    except LadderError as error:
        return list(error.problems)


def _text_source(
    text: str, kind: Format, file: str | None, limits: Limits
) -> tuple[object, Origin, Problems]:
    # Text given as a `str` may hold half of a surrogate pair; a file never does.
    if (found := first_surrogate(text)) is not None:
        start = text.rfind("\n", 0, found) + 1
        raise fail(
            "invalid-character",
            f"the text holds the character U+{ord(text[found]):04X}, half of a surrogate pair, "
            "which is not text; give text that can be written as UTF-8",
            file=file,
            line=text.count("\n", 0, found) + 1,
            column=found - start + 1,
        )
    if kind.name == "case":
        from ._case import case_document  # noqa: PLC0415 -- only for CASE packages

        return case_document(text, file, limits)
    if not kind.text or kind.name == "csv":
        raise fail(
            "unknown-format",
            f"a {kind.label} is read from a file; give its path to careerladder.load",
        )
    return _text_document(text, kind, file, limits)


def read_text_ladder(
    text: str, kind: Format, file: str | None, limits: Limits = DEFAULT_LIMITS
) -> Ladder:
    """Build a ladder from the text of a YAML, JSON, TOML or CASE document."""
    with paused_collector():
        data, origin, sink = _text_source(text, kind, file, limits)
        return build_ladder(data, origin, sink)


def read_structured(
    name: str,
    cls: type[T],
    limits: Limits = DEFAULT_LIMITS,
    check: Callable[[T], Iterable[Problem]] | None = None,
) -> T:
    """
    Read a YAML or JSON file into *cls* with the file format's converter.

    *check*, if given, returns further problems of the value, with paths in
    the document; they are located in the file like the reader's own.

    Raises:
        LadderError: On any problem, each located by line and column.
        OSError: If the file cannot be read.
    """
    kind = format_for(name)
    text = decode(read_bytes(name, limits), name)
    raw, _, sink = _text_document(text, kind, name, limits)
    value = structure(raw, cls, sink)
    if sink.found:
        raise sink.error()
    sink.extend(check(value) if check else ())
    if sink.found:
        raise sink.error()
    return value


# -- writing -----------------------------------------------------------------------------


def ladder_bytes(ladder: Ladder, kind: Format, **options: Any) -> bytes:  # noqa: ANN401
    """The ladder in *kind*, as the bytes of a file."""
    if kind.name in ("csv", "xlsx"):
        from ._sheet import matrix_bytes  # noqa: PLC0415 -- only for spreadsheets

        return matrix_bytes(ladder, kind.name, **options)
    return ladder_text(ladder, kind).encode("utf-8")


def ladder_text(ladder: Ladder, kind: Format) -> str:
    """The ladder in a text format: YAML, JSON, TOML, CSV or CASE."""
    if kind.name == "case":
        import json  # noqa: PLC0415 -- only for CASE packages

        from ._case import to_case  # noqa: PLC0415

        return json.dumps(to_case(ladder), indent=2, ensure_ascii=False) + "\n"
    if kind.name == "csv":
        from ._sheet import matrix_csv  # noqa: PLC0415 -- only for spreadsheets

        return matrix_csv(ladder)
    if not kind.text:
        raise fail("unknown-format", f"a {kind.label} is not text; write it to a file with dump")
    data = ladder_to_doc(ladder)
    if kind.name == "yaml":
        from ._yaml import dumps  # noqa: PLC0415

        return dumps(data)
    if kind.name == "json":
        from ._json import dumps as json_dumps  # noqa: PLC0415

        return json_dumps(data)
    from ._toml import dumps as toml_dumps  # noqa: PLC0415 -- an optional extra

    return toml_dumps(data)


def left_out(ladder: Ladder, name: str, kind: Format) -> list[str]:
    """
    What writing *ladder* to *name* in *kind* leaves out: empty where the format holds it all.

    YAML, JSON, TOML and CASE hold every field; a matrix says what it cannot
    hold (see `careerladder._formats._sheet.left_out`).
    """
    if kind.name not in {"csv", "xlsx"}:
        return []
    from ._sheet import left_out as matrix_left_out  # noqa: PLC0415 -- only for spreadsheets

    return matrix_left_out(ladder, name, workbook=kind.name == "xlsx")


def loss(ladder: Ladder, name: str, kind: Format) -> str | None:
    """What writing *ladder* to *name* in *kind* leaves out, said for a person; or None."""
    if lost := left_out(ladder, name, kind):
        return (
            f"the {kind.label} leaves out: {'; '.join(lost)}. Keep them in a ladder file "
            "(YAML, JSON or TOML) or a CASE package"
        )
    return None


def _warn_of_loss(ladder: Ladder, name: str, kind: Format) -> None:
    if (message := loss(ladder, name, kind)) is not None:
        import warnings  # noqa: PLC0415 -- only when something is left out

        # Two up: the caller of dump() or dumps().
        warnings.warn(message, UserWarning, stacklevel=3)


def write_ladder(ladder: Ladder, name: str, kind: Format | None = None, **options: Any) -> None:  # noqa: ANN401
    """Write *ladder* to *name* whole or not at all, in the format its suffix names."""
    write_atomic(name, ladder_bytes(ladder, kind or format_for(name), **options))


# -- the public functions ------------------------------------------------------------------


def loads(
    text: str,
    format: str = "yaml",  # noqa: A002
    *,
    file: str | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> Ladder:
    r"""
    Build a `Ladder` from the text of a ladder file.

    Args:
        text: The document.
        format: ``"yaml"``, ``"json"``, ``"toml"`` or ``"case"`` (a CASE 1.1
            package as JSON).
        file: A name for the document, shown in problems.
        limits: Bounds on the document's size; see `Limits`.

    Raises:
        LadderError: If the text is not a valid ladder; every problem is
            listed with its line and column.

    Example:
        >>> ladder = loads('''
        ... careerladder: 1
        ... id: tiny
        ... name: Tiny
        ... competencies:
        ...   - {id: delivery, name: Delivery}
        ... roles:
        ...   - {id: apm, title: APM, level: 1, expectations: {delivery: 2}, promotes_to: [pm]}
        ...   - {id: pm, title: PM, level: 2, expectations: {delivery: proficient}}
        ... ''')
        >>> ladder.expectation("pm", "delivery").level
        3
        >>> loads("id: tiny\nname: Tiny\nroles:\n  - {id: pm, titel: PM, level: 1}\n")
        Traceback (most recent call last):
        ...
        careerladder.LadderError: 4:14: error unknown-key: unknown key 'titel' in roles[0]; did you mean 'title'?

    .. versionadded:: 0.1.0
    """  # noqa: E501
    return read_text_ladder(text, format_for("", format), file, limits)


def load(
    path: str | os.PathLike[str],
    format: str | None = None,  # noqa: A002
    *,
    limits: Limits = DEFAULT_LIMITS,
) -> Ladder:
    """
    Read a `Ladder` from a file of any supported format.

    The format comes from the suffix unless *format* names it: ``.yaml``,
    ``.yml``, ``.json`` and ``.toml`` ladder files, ``.csv`` and ``.xlsx``
    role x competency matrices (see `read_matrix`), and ``.case.json`` CASE
    1.1 packages (see `from_case`). *limits* bounds the file: at most
    ``Limits.max_bytes`` bytes are ever read.

    Raises:
        LadderError: If the file is not a valid ladder (every problem, each
            with its line and column), is not UTF-8, or has an unknown suffix.
        OSError: If the file cannot be read, or is not a regular file.

    Example:
        >>> ladder = load("examples/ladders/acme.yaml")
        >>> ladder.role("Staff PM").track
        'ic'
        >>> load("examples/sheets/acme.csv").role("staff-pm").level
        4

    .. versionadded:: 0.1.0
    """
    name = os.fspath(path)
    return read_ladder(name, format_for(name, format), limits)


def dumps(ladder: Ladder, format: str = "yaml") -> str:  # noqa: A002
    """
    Write a `Ladder` as the text of a ladder file.

    The output is stable (the same ladder always gives the same text) and
    uses the short forms: ``{competency: level}`` for an expectation with no
    description, a plain role id in ``promotes_to`` for a promotion with no
    criteria. Fields left at their defaults are left out. *format* is
    ``"yaml"``, ``"json"``, ``"toml"``, ``"case"`` or ``"csv"`` (a matrix,
    which holds less than a ladder file: a `UserWarning` says what it leaves
    out, as for `dump`).

    Example:
        >>> from careerladder import Competency, Expectation, Ladder, Role
        >>> ladder = Ladder(
        ...     id="tiny",
        ...     name="Tiny",
        ...     competencies=[Competency(id="delivery", name="Delivery")],
        ...     roles=[
        ...         Role(
        ...             id="pm",
        ...             title="PM",
        ...             level=1,
        ...             expectations=[Expectation(competency="delivery", level=3)],
        ...         )
        ...     ],
        ... )
        >>> print(dumps(ladder), end="")
        careerladder: 1
        id: tiny
        name: Tiny
        competencies:
        - id: delivery
          name: Delivery
        roles:
        - id: pm
          title: PM
          level: 1
          expectations:
            delivery: 3
        >>> loads(dumps(ladder, "json"), "json") == ladder
        True

    .. versionadded:: 0.1.0
    """
    kind = format_for("", format)
    text = ladder_text(ladder, kind)
    _warn_of_loss(ladder, "", kind)
    return text


def dump(ladder: Ladder, path: str | os.PathLike[str], format: str | None = None) -> None:  # noqa: A002
    """
    Write a `Ladder` to a file, in the format its suffix names.

    Every format `load` reads is written. The file is written whole or not at
    all: the bytes go to a new temporary file beside it, which then replaces
    it, so an interrupted write never leaves a half-written ladder behind, and
    a link at the path is replaced, never written through. A matrix (CSV or
    XLSX) holds less than a ladder file: a `UserWarning` names what it leaves
    out (aliases, descriptions, sources and the like), so nothing is lost
    silently.

    Example:
        >>> import tempfile, pathlib
        >>> from careerladder import presets
        >>> ladder = presets.load("six-step")
        >>> with tempfile.TemporaryDirectory() as folder:
        ...     target = pathlib.Path(folder, "ladder.toml")
        ...     dump(ladder, target)
        ...     load(target) == ladder
        True

    .. versionadded:: 0.1.0
    """
    name = os.fspath(path)
    kind = format_for(name, format)
    write_ladder(ladder, name, kind)
    _warn_of_loss(ladder, name, kind)
