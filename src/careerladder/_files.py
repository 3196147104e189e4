"""
Reading and writing ladder files: YAML, JSON and TOML, with locations.

Every problem found while reading, from a syntax error to a promotion cycle,
is reported with the file, line and column it concerns. YAML is composed
into a node tree (which knows where each node starts) and built by hand from
it; JSON and TOML are parsed by the standard library, and JSON's locations are
recovered from the same node tree only when there is a problem to locate.
"""

from __future__ import annotations

import codecs
import gc
import os
import re
from pathlib import Path as FilePath
from typing import TYPE_CHECKING, Any, Literal, TypeVar

import attrs
import cattrs
import yaml
from yaml.constructor import ConstructorError, SafeConstructor

from ._converter import (
    Path,
    converter,
    describe,
    doc_to_fields,
    ladder_to_doc,
    shape_problems,
    structure_doc,
    without_echoes,
)
from ._ladder import Ladder
from ._limits import DEFAULT_LIMITS, Limits
from ._problems import LadderError, Problem, by_place, format_path, quote

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping

Format = Literal["yaml", "json", "toml"]
T = TypeVar("T")

#: File suffixes and the format each means.
SUFFIXES: dict[str, Format] = {".yaml": "yaml", ".yml": "yaml", ".json": "json", ".toml": "toml"}

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_TOML_AT = re.compile(r"\(at line (\d+), column (\d+)\)")
_PATH_PART = re.compile(r"\.?([^.\[\]]+)|\[(\d+)\]")


def _parse_path(path: str) -> Path:
    return tuple(int(index) if index else key for key, index in _PATH_PART.findall(path))


def nearest(places: Mapping[Path, T], path: Path, default: T) -> T:
    """What *places* holds for *path* or the nearest path that encloses it, else *default*."""
    for end in range(len(path), -1, -1):
        if path[:end] in places:
            return places[path[:end]]
    return default


@attrs.define
class _Locator:
    """Where each node of a document starts: paths -> 1-based (line, column)."""

    values: dict[Path, tuple[int, int]] = attrs.Factory(dict)
    keys: dict[Path, tuple[int, int]] = attrs.Factory(dict)

    def find(self, path: Path, *, key: bool = False) -> tuple[int, int]:
        """Locate *path*, or the nearest enclosing node that has a location."""
        if key and path in self.keys:
            return self.keys[path]
        return nearest(self.values, path, (1, 1))  # else the document as a whole


def _mark(node: yaml.Node) -> tuple[int, int]:
    return (node.start_mark.line + 1, node.start_mark.column + 1)


class _StopError(Exception):
    """Raised to stop building a document over a limit: one problem says it all."""


class _YamlBuilder:
    """Build plain values from a YAML node tree, noting where each one starts."""

    def __init__(self, limits: Limits = DEFAULT_LIMITS) -> None:
        self.limits = limits
        self.locator = _Locator()
        self.problems: list[tuple[tuple[int, int], Path, str, str]] = []
        self.constructor = SafeConstructor()
        self.built: dict[int, object] = {}
        # Values counted so far, each use of an anchor counting as a copy of
        # what it names, and how many values each node stands for.
        self.count = 0
        self.sizes: dict[int, int] = {}

    def grow(self, node: yaml.Node, path: Path, size: int) -> None:
        self.count += size
        if self.count > self.limits.max_nodes:
            self.problem(
                node,
                path,
                "too-large",
                f"the document holds more than {self.limits.max_nodes:,} values, counting "
                "each use of an anchor as a copy (Limits.max_nodes, --max-nodes)",
            )
            raise _StopError

    def problem(self, node: yaml.Node, path: Path, code: str, message: str) -> None:
        self.problems.append((_mark(node), path, code, message))

    def build(self, node: yaml.Node, path: Path) -> object:
        self.locator.values.setdefault(path, _mark(node))
        # An alias is the same node again: build it once, like PyYAML does, but
        # count it as the copy that everything after the reader will walk.
        if id(node) in self.built:
            self.grow(node, path, self.sizes[id(node)])
            return self.built[id(node)]
        if len(path) > self.limits.max_depth:
            self.problem(
                node,
                path,
                "too-deep",
                f"the document nests deeper than {self.limits.max_depth} levels "
                "(Limits.max_depth, --max-depth)",
            )
            raise _StopError
        start = self.count
        self.grow(node, path, 1)
        value: object
        if isinstance(node, yaml.MappingNode) and node.tag == _MAP:
            value = self.mapping(node, path)
        elif isinstance(node, yaml.SequenceNode) and node.tag == _SEQ:
            value = [self.build(item, (*path, i)) for i, item in enumerate(node.value)]
        elif isinstance(node, yaml.ScalarNode) and node.tag in SafeConstructor.yaml_constructors:
            try:
                value = SafeConstructor.yaml_constructors[node.tag](self.constructor, node)
            except (ConstructorError, ValueError) as error:
                where = format_path(path)
                message = f"{where}: invalid value {node.value!r}: {error}"
                self.problem(node, path, "yaml-syntax", message)
                value = None
        else:
            self.problem(
                node,
                path,
                "yaml-tag",
                f"the YAML tag {node.tag!r} is not allowed; ladder files hold only plain "
                "strings, numbers, booleans, lists and mappings",
            )
            value = None
        self.built[id(node)] = value
        self.sizes[id(node)] = self.count - start
        return value

    def mapping(self, node: yaml.MappingNode, path: Path) -> dict[object, object]:
        result: dict[object, object] = {}
        for key_node, value_node in node.value:
            key = self.build(key_node, (*path, "<key>"))
            if not isinstance(key, str | int | float | bool) and key is not None:
                self.problem(key_node, path, "wrong-type", "a mapping key must be a plain value")
                continue
            here = (*path, key)
            if key in result:
                first = self.locator.keys[here]
                self.problem(
                    key_node,
                    here,
                    "duplicate-key",
                    f"duplicate key {quote(key)} in {format_path(path) or 'the top level'}; "
                    f"it first appears at line {first[0]}, column {first[1]}",
                )
                continue
            self.locator.keys[here] = _mark(key_node)
            result[key] = self.build(value_node, here)
        return result


def _compose(text: str) -> yaml.Node | None:
    loader = _Loader(text)
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()


@attrs.define
class _Pending:
    """A problem whose line and column are still to be found."""

    problem: Problem
    parts: Path
    key: bool = False


def _get(data: Any, parts: Path) -> object:  # noqa: ANN401 -- plain parsed data
    """The value at *parts* in plain data; the translation only asks for paths it built."""
    for part in parts:
        data = data[part]
    return data


@attrs.define
class _Reader:
    """
    Parse one document and build a `Ladder` from it, collecting every problem.

    Problems are collected with their path in the document and located all at
    once, by `finish`: JSON and TOML are scanned for positions only when there
    is something to locate, and then only once.
    """

    text: str
    format: Format
    file: str | None
    limits: Limits = DEFAULT_LIMITS
    pending: list[_Pending] = attrs.Factory(list)
    data: object = None
    promotion_paths: list[Path] = attrs.Factory(list)
    _locator: _Locator | None = None

    def add(
        self,
        code: str,
        message: str,
        parts: Path = (),
        where: tuple[int, int] | None = None,
        *,
        key: bool = False,
    ) -> None:
        line, column = where or (None, None)
        problem = Problem(
            code=code,
            message=message,
            path=format_path(parts),
            file=self.file,
            line=line,
            column=column,
        )
        self.pending.append(_Pending(problem, parts, key))

    def fail(self) -> LadderError:
        return LadderError(self.finish())

    def finish(self) -> list[Problem]:
        """Every problem so far, each with its line and column."""
        todo = [p for p in self.pending if p.problem.line is None]
        # Only a document that parsed has positions to find; YAML keeps its own.
        if todo and self._locator is None and self.data is not None:
            try:
                self._locator = self._scan(p.parts for p in todo)
            except (IndexError, ValueError):
                # Should a scanner meet input it cannot walk, the problems
                # still stand, with their paths, at the start of the file.
                self._locator = _Locator()
        found = []
        for pending in self.pending:
            problem = pending.problem
            if problem.line is None and self._locator is not None:
                line, column = self._locator.find(pending.parts, key=pending.key)
                problem = attrs.evolve(problem, line=line, column=column)
            found.append(problem)
        self.pending.clear()
        return found

    def _scan(self, wanted: Iterable[Path]) -> _Locator:
        if self.format == "json":
            from ._json import locate as locate_json  # noqa: PLC0415 -- only for JSON with problems

            return _Locator(*locate_json(self.text, wanted))
        from ._toml import locate  # noqa: PLC0415 -- only for a TOML file with problems

        return _Locator(*locate(self.text))

    # -- parsing -------------------------------------------------------------------

    def parse(self) -> object:
        # One character is at most four bytes: count bytes only when it matters.
        if len(self.text) * 4 > self.limits.max_bytes:
            size = len(self.text.encode("utf-8", "surrogatepass"))
            if size > self.limits.max_bytes:
                self.add("too-large", too_large(size, self.limits), where=(1, 1))
                raise self.fail()
        try:
            return getattr(self, f"_parse_{self.format}")()
        except RecursionError:
            self.add(
                "too-deep",
                "the document nests too deeply to read (Limits.max_depth, --max-depth)",
                where=(1, 1),
            )
            raise self.fail() from None

    def _parse_yaml(self) -> object:
        try:
            node = _compose(self.text)
        except yaml.MarkedYAMLError as error:
            mark = error.problem_mark or error.context_mark
            where = (mark.line + 1, mark.column + 1) if mark else None
            what = " ".join(p for p in (error.context, error.problem) if p)
            self.add("syntax", f"invalid YAML: {what}", where=where)
            raise self.fail() from None
        except yaml.YAMLError as error:
            self.add("syntax", f"invalid YAML: {error}")
            raise self.fail() from None
        if node is None:
            return None
        builder = _YamlBuilder(self.limits)
        try:
            data = builder.build(node, ())
        except _StopError:
            data = None
        self._locator = builder.locator
        for where, path, code, message in builder.problems:
            self.add(code, message, path, where)
        # A duplicate key is reported and the first value kept; anything else
        # left a hole in the data that would only cause confusing follow-ups.
        if any(p.problem.code != "duplicate-key" for p in self.pending):
            raise self.fail()
        return data

    def _parse_json(self) -> object:
        duplicates: list[str] = []

        def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
            result: dict[str, Any] = {}
            for key, value in items:
                if key in result:
                    duplicates.append(key)
                result[key] = value
            return result

        import json  # noqa: PLC0415 -- only for JSON files: validate starts faster

        try:
            data = json.loads(self.text, object_pairs_hook=pairs)
        except json.JSONDecodeError as error:
            self.add("syntax", f"invalid JSON: {error.msg}", where=(error.lineno, error.colno))
            raise self.fail() from None
        if duplicates:
            # Rare, so the YAML composer (which reads JSON too) finds both places.
            builder = _YamlBuilder(self.limits)
            builder.build(_compose(self.text), ())  # type: ignore[arg-type]
            for where, path, code, message in builder.problems:
                self.add(code, message, path, where)
        return data

    def _parse_toml(self) -> object:
        import tomllib  # noqa: PLC0415 -- only for TOML files

        try:
            return tomllib.loads(self.text)
        except tomllib.TOMLDecodeError as error:
            message = str(error)
            match = _TOML_AT.search(message)
            where = (int(match[1]), int(match[2])) if match else None
            self.add("syntax", f"invalid TOML: {_TOML_AT.sub('', message).strip()}", where=where)
            raise self.fail() from None

    # -- building ------------------------------------------------------------------

    def ladder(self) -> Ladder:
        # A large ladder is millions of small objects that all live on: the
        # collector would walk them again and again for nothing.
        enabled = gc.isenabled()
        gc.disable()
        try:
            return self._ladder()
        finally:
            if enabled:
                gc.enable()

    def _ladder(self) -> Ladder:
        return self.build(self.parse())

    def build(self, data: object) -> Ladder:
        """Build the ladder from parsed *data*, or raise every problem found."""
        self.data = data
        if not isinstance(data, dict):
            kind = "empty" if data is None else describe(data)
            self.add(
                "not-a-ladder",
                f"the document is {kind}; a ladder file is a mapping with at least 'id', "
                "'name' and 'roles'",
                where=(1, 1),
            )
            raise self.fail()
        data = dict(data)
        schema = data.pop("$schema", None)
        if schema is not None and not isinstance(schema, str):
            self.add("wrong-type", "$schema: expected a string (the schema's URL)", ("$schema",))
        try:
            doc = structure_doc(data)
        except (cattrs.BaseValidationError, ValueError) as error:
            for path, code, message in without_echoes(shape_problems(error)):
                self.add(code, message, path, key=code == "unknown-key")
            raise self.fail() from None
        translation = doc_to_fields(doc)
        self.promotion_paths = translation.promotion_paths
        for path, code, message in translation.problems:
            self.add(code, message, path)
        try:
            ladder = Ladder(**translation.fields)
        except LadderError as error:
            for problem in error.problems:
                self.translate(problem)
            raise self.fail() from None
        if self.pending:
            raise self.fail()
        return ladder

    def _promotion_path(self, index: int, end: object) -> Path:
        """Where ``promotions[index]`` (or its *end*: source or target) is in the document."""
        path = self.promotion_paths[index]
        if end == "source":  # the role the promotion sits in
            return (*path[:2], "id")
        if end == "target" and isinstance(_get(self.data, path), dict):
            return (*path, "role")
        return path

    def translate(self, problem: Problem) -> None:
        """Add a model problem, with its path and message in the document's terms."""
        parts = _parse_path(problem.path)
        if parts[:1] == ("promotions",):
            end = parts[2] if len(parts) > 2 else None
            parts = self._promotion_path(int(parts[1]), end)
        message = re.sub(
            r"promotions\[(\d+)\](\.(source|target))?",
            lambda m: format_path(self._promotion_path(int(m[1]), m[3])),
            problem.message,
        )
        if parts[-1:] == ("level",) and not isinstance(_get(self.data, parts[:-1]), dict):
            # The short form `communication: 3` has no `level` key to point at.
            message = message.replace(format_path(parts), format_path(parts[:-1]))
            parts = parts[:-1]
        key = problem.code in {"unknown-competency", "duplicate-expectation"}
        self.pending.append(
            _Pending(
                attrs.evolve(problem, message=message, path=format_path(parts), file=self.file),
                parts,
                key,
            )
        )


def read_structured(
    name: str,
    cls: type[T],
    limits: Limits = DEFAULT_LIMITS,
    check: Callable[[T], Iterable[Problem]] | None = None,
) -> T:
    """
    Read a YAML or JSON file into *cls* with the file format's converter.

    *check*, if given, returns further problems of the value; their paths are
    located in the file like the reader's own.

    Raises:
        LadderError: On any problem, each located by line and column.
        OSError: If the file cannot be read.
    """
    reader = _Reader(read_text(name, limits), format_of(name), name, limits)
    reader.data = reader.parse()
    try:
        value = converter.structure(reader.data, cls)
    except (cattrs.BaseValidationError, ValueError) as error:
        for path, code, message in without_echoes(shape_problems(error)):
            reader.add(code, message, path, key=code == "unknown-key")
    if reader.pending:
        raise reader.fail()
    for problem in check(value) if check else ():
        key = problem.code == "unknown-competency"
        reader.add(problem.code, problem.message, _parse_path(problem.path), key=key)
    if reader.pending:
        raise reader.fail()
    return value


def too_large(size: int, limits: Limits) -> str:
    """Say that a document of *size* bytes is over the limit."""
    return (
        f"the document is {size:,} bytes, more than the limit of {limits.max_bytes:,} "
        "(Limits.max_bytes, --max-bytes)"
    )


def check_text(
    text: str,
    format: Format,  # noqa: A002
    file: str | None,
    limits: Limits = DEFAULT_LIMITS,
) -> list[Problem]:
    """Return every problem of a ladder document, lints included, each located."""
    reader = _Reader(text, format, file, limits)
    try:
        ladder = reader.ladder()
    except LadderError as error:
        return list(error.problems)
    for problem in ladder.lint():
        reader.translate(problem)
    return sorted(reader.finish(), key=by_place)


def format_of(name: str, given: str | None = None) -> Format:
    if given is not None:
        if given not in ("yaml", "json", "toml"):
            raise LadderError(
                [
                    Problem(
                        code="unknown-format",
                        message=f"unknown format {given!r}; expected 'yaml', 'json' or 'toml'",
                    )
                ]
            )
        return given  # type: ignore[return-value]
    suffix = FilePath(name).suffix.lower()
    if suffix not in SUFFIXES:
        raise LadderError(
            [
                Problem(
                    code="unknown-format",
                    message=f"cannot tell the format of {name!r} from its suffix; use "
                    f"{', '.join(SUFFIXES)} or give the format",
                    file=name,
                )
            ]
        )
    return SUFFIXES[suffix]


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
        format: ``"yaml"``, ``"json"`` or ``"toml"``.
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
    return _Reader(text, format_of(file or "", format), file, limits).ladder()


def load(
    path: str | os.PathLike[str],
    format: str | None = None,  # noqa: A002
    *,
    limits: Limits = DEFAULT_LIMITS,
) -> Ladder:
    """
    Read a `Ladder` from a YAML, JSON or TOML file.

    The format comes from the suffix (``.yaml``, ``.yml``, ``.json``,
    ``.toml``) unless *format* names it. *limits* bounds the file's size; a
    file over ``Limits.max_bytes`` is refused before it is read.

    Raises:
        LadderError: If the file is not a valid ladder (every problem, each
            with its line and column), is not UTF-8, or has an unknown suffix.
        OSError: If the file cannot be read.

    Example:
        >>> ladder = load("examples/ladders/acme.yaml")
        >>> ladder.role("Staff PM").track
        'ic'

    .. versionadded:: 0.1.0
    """
    name = os.fspath(path)
    kind = format_of(name, format)
    return _Reader(read_text(name, limits), kind, name, limits).ladder()


def read_text(name: str, limits: Limits = DEFAULT_LIMITS) -> str:
    """
    Read a file as UTF-8 (a byte-order mark is allowed).

    Raises:
        LadderError: If it is not UTF-8 (says where the first bad byte is) or
            is larger than *limits* allow.
        OSError: If it cannot be read.
    """
    with FilePath(name).open("rb") as stream:
        size = os.fstat(stream.fileno()).st_size
        if size > limits.max_bytes:
            raise LadderError(
                [
                    Problem(
                        code="too-large",
                        message=too_large(size, limits),
                        file=name,
                        line=1,
                        column=1,
                    )
                ]
            )
        data = stream.read()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise not_utf8(name) from None


def not_utf8(name: str) -> LadderError:
    """
    Say where the first byte of a file that is not UTF-8 is.

    The file is read again in chunks, so this works for a file of any size;
    it is called only once decoding has failed.
    """
    decoder = codecs.getincrementaldecoder("utf-8")()
    line, start_of_line, offset = 1, 0, 0
    with FilePath(name).open("rb") as stream:
        while chunk := stream.read(1 << 20):
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError as error:
                bad = max(error.start - len(decoder.getstate()[0]), 0)
                before = chunk[:bad]
                last = before.rfind(b"\n")
                start_of_line = offset + last + 1 if last >= 0 else start_of_line
                return LadderError(
                    [
                        Problem(
                            code="not-utf8",
                            message=f"the file is not UTF-8: byte 0x{chunk[bad]:02x} at offset "
                            f"{offset + bad} cannot be decoded; save the file as UTF-8",
                            file=name,
                            line=line + before.count(b"\n"),
                            column=offset + bad - start_of_line + 1,
                        )
                    ]
                )
            line += chunk.count(b"\n")
            last = chunk.rfind(b"\n")
            start_of_line = offset + last + 1 if last >= 0 else start_of_line
            offset += len(chunk)
    msg = f"{name} decodes as UTF-8"  # pragma: no cover - called only after a failure
    raise AssertionError(msg)  # pragma: no cover


def dumps(ladder: Ladder, format: str = "yaml") -> str:  # noqa: A002
    """
    Write a `Ladder` as the text of a ladder file.

    The output is stable (the same ladder always gives the same text) and
    uses the short forms: ``{competency: level}`` for an expectation with no
    description, a plain role id in ``promotes_to`` for a promotion with no
    criteria. Fields left at their defaults are left out.

    Example:
        >>> from careerladder import Competency, Expectation, Role
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
    kind = format_of("", format)
    data = ladder_to_doc(ladder)
    if kind == "yaml":
        return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=88)
    if kind == "json":
        import json  # noqa: PLC0415 -- only for JSON output

        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    try:
        import tomli_w  # noqa: PLC0415 -- an optional extra
    except ModuleNotFoundError:
        msg = (
            "writing TOML needs tomli-w, in the toml extra: pip install -e '.[toml]' from a clone, "
            "or pip install "
            "'careerladder[toml] @ git+https://github.com/careerladder/careerladder' "
            "(once published: pip install 'careerladder[toml]')"
        )
        raise ModuleNotFoundError(msg) from None
    return tomli_w.dumps(data)


def dump(ladder: Ladder, path: str | os.PathLike[str], format: str | None = None) -> None:  # noqa: A002
    """
    Write a `Ladder` to a file, in the format its suffix names.

    The file is written whole or not at all: the text goes to a temporary file
    beside it, which then replaces it, so an interrupted write never leaves a
    half-written ladder behind.

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
    write_atomic(FilePath(name), dumps(ladder, format_of(name, format)).encode("utf-8"))


def write_atomic(target: FilePath, data: bytes) -> None:
    """Write *data* to *target* whole or not at all, through a file beside it."""
    # Not tempfile.mkstemp: its files are private (0600). Created like any new
    # file (0666 less the umask), or with the mode of the file it replaces.
    temporary = target.with_name(f".{target.name}.{os.urandom(6).hex()}.tmp")
    handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        if target.exists():
            temporary.chmod(target.stat().st_mode & 0o7777)
        temporary.replace(target)
    except BaseException:
        temporary.unlink()
        raise
