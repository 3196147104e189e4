"""
TOML ladder files: text -> plain data, where each key and value is, and back.

The standard library's TOML parser keeps no positions. The scanner runs only
on text that parser has accepted, and only when there is a problem to locate,
so it needs no error handling: it walks table headers, keys and values
(strings, inline arrays and inline tables included) and notes where each starts.
"""

from __future__ import annotations

import bisect
import re
from typing import TYPE_CHECKING, Any, cast

from ._locate import Locator

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from .._limits import Limits
    from .._problems import DocPath as Path
    from ._document import Problems

_AT = re.compile(r"\(at line (\d+), column (\d+)\)")

_KEY = re.compile(
    r"""[ \t]*(?:(?P<bare>[A-Za-z0-9_-]+)"""
    r"""|"(?P<basic>(?:[^"\\]|\\.)*)"|'(?P<literal>[^']*)')[ \t]*"""
)
_BLANK = re.compile(r"(?:[ \t\r\n]|#[^\n]*)*")
_SCALAR_END = re.compile(r"[,\]}\n#]")


class _Scanner:
    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0, *(m.end() for m in re.finditer("\n", text))]
        self.values: dict[Path, tuple[int, int]] = {(): (1, 1)}
        self.keys: dict[Path, tuple[int, int]] = {}
        self.arrays: dict[tuple[str, ...], int] = {}

    def where(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.starts, offset)
        return (line, offset - self.starts[line - 1] + 1)

    def blank(self, pos: int) -> int:
        return _BLANK.match(self.text, pos).end()  # type: ignore[union-attr]

    def key(self, pos: int) -> tuple[list[str], int]:
        parts: list[str] = []
        while True:
            # The text is valid TOML, so a key is always there.
            match = cast("re.Match[str]", _KEY.match(self.text, pos))
            raw = match["basic"]
            if raw is not None:
                parts.append(raw.encode().decode("unicode_escape"))
            else:
                parts.append(match["bare"] or match["literal"] or "")
            pos = match.end()
            if not self.text.startswith(".", pos):
                return parts, pos
            pos += 1

    def string(self, pos: int) -> int:
        text = self.text
        quote = text[pos]
        if text.startswith(quote * 3, pos):
            end = text.index(quote * 3, pos + 3)
            while text.startswith(quote, end + 3):  # up to two quotes may close it
                end += 1
            return end + 3
        pos += 1
        while text[pos] != quote:
            pos += 2 if quote == '"' and text[pos] == "\\" else 1
        return pos + 1

    def value(self, pos: int, path: Path) -> int:
        self.values.setdefault(path, self.where(pos))
        char = self.text[pos]
        if char in "\"'":
            return self.string(pos)
        if char == "[":
            return self.items(pos + 1, path, "]")
        if char == "{":
            return self.items(pos + 1, path, "}")
        match = _SCALAR_END.search(self.text, pos)
        return match.start() if match else len(self.text)

    def items(self, pos: int, path: Path, close: str) -> int:
        index = 0
        while True:
            pos = self.blank(pos)
            if self.text[pos] == close:
                return pos + 1
            if close == "]":
                pos = self.value(pos, (*path, index))
                index += 1
            else:
                pos = self.pair(pos, path)
            pos = self.blank(pos)
            if self.text[pos] == ",":
                pos += 1

    def pair(self, pos: int, table: Path) -> int:
        names, end = self.key(pos)
        path = (*table, *names)
        self.keys.setdefault(
            path, self.where(pos + len(self.text[pos:end]) - len(self.text[pos:end].lstrip(" \t")))
        )
        return self.value(self.blank(end + 1), path)

    def header(self, pos: int) -> tuple[Path, int]:
        double = self.text.startswith("[[", pos)
        names, end = self.key(pos + (2 if double else 1))
        if double:
            self.arrays[tuple(names)] = self.arrays.get(tuple(names), -1) + 1
        path: list[str | int] = []
        for i, name in enumerate(names):
            path.append(name)
            index = self.arrays.get(tuple(names[: i + 1]))
            if index is not None:
                path.append(index)
        self.values.setdefault(tuple(path), self.where(pos))
        return tuple(path), end + (2 if double else 1)

    def run(self) -> None:
        table: Path = ()
        pos = self.blank(0)
        while pos < len(self.text):
            if self.text[pos] == "[":
                table, pos = self.header(pos)
            else:
                pos = self.pair(pos, table)
            pos = self.blank(pos)


def locate(text: str) -> tuple[dict[Path, tuple[int, int]], dict[Path, tuple[int, int]]]:
    r"""
    Map document paths to 1-based ``(line, column)``: of values, and of keys.

    *text* must be valid TOML.

    Example:
        >>> values, keys = locate('id = "l"\n[[roles]]\nid = "a"\n[roles.expectations]\nc = 3\n')
        >>> values[("roles", 0, "expectations", "c")], keys[("id",)]
        ((5, 5), (1, 1))
    """
    scanner = _Scanner(text)
    scanner.run()
    return scanner.values, scanner.keys


def parse(text: str, limits: Limits, sink: Problems) -> object:
    """
    Read TOML text into plain data.

    Raises:
        LadderError: If the text is not TOML or nests too deeply to read.
    """
    import tomllib  # noqa: PLC0415 -- only for TOML files

    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        match = _AT.search(message)
        at = (int(match[1]), int(match[2])) if match else (1, 1)
        sink.add("syntax", f"invalid TOML: {_AT.sub('', message).strip()}", at=at)
    except RecursionError:
        sink.add(
            "too-deep",
            f"the document nests deeper than {limits.max_depth} levels "
            "(Limits.max_depth, --max-depth)",
            at=(1, 1),
        )
    except ValueError as error:  # an integer longer than Python reads
        sink.add("syntax", f"invalid TOML: {error}", at=(1, 1))
    raise sink.error()


def positions(text: str) -> Callable[[Sequence[Path]], Locator]:
    """Find the positions of values and keys in *text*, when asked."""

    def find(_: Sequence[Path]) -> Locator:
        return Locator(*locate(text))

    return find


def dumps(data: dict[str, Any]) -> str:
    """Write plain data as TOML (the ``toml`` extra)."""
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
