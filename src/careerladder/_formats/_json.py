"""
JSON ladder files: text -> plain data, where its values are, and back.

The standard library's JSON parser keeps no positions. Only a few paths are
ever wanted (those of the problems found), so this walks just the subtrees on
the way to them and skips every other value with the C decoder: locating a few
problems in a 50 MB file costs about as much as parsing it once.
"""

from __future__ import annotations

import bisect
import json
import re
from typing import TYPE_CHECKING, Any

from ._locate import Locator

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Sequence

    from .._limits import Limits
    from .._problems import DocPath as Path
    from ._document import Problems

_BLANK = re.compile(r"[ \t\n\r]*")
_DECODER = json.JSONDecoder()

Trie = dict[Any, "Trie"]


class _Walker:
    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0, *(m.end() for m in re.finditer("\n", text))]
        self.values: dict[Path, tuple[int, int]] = {}
        self.keys: dict[Path, tuple[int, int]] = {}

    def where(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.starts, offset)
        return (line, offset - self.starts[line - 1] + 1)

    def blank(self, pos: int) -> int:
        return _BLANK.match(self.text, pos).end()  # type: ignore[union-attr]

    def value(self, pos: int, path: Path, wanted: Trie) -> int:
        pos = self.blank(pos)
        self.values[path] = self.where(pos)
        char = self.text[pos]
        if wanted and char == "{":
            return self.members(pos + 1, path, wanted)
        if wanted and char == "[":
            return self.elements(pos + 1, path, wanted)
        return _DECODER.raw_decode(self.text, pos)[1]

    def members(self, pos: int, path: Path, wanted: Trie) -> int:
        while True:
            pos = self.blank(pos)
            if self.text[pos] == "}":
                return pos + 1
            start = pos
            key, pos = _DECODER.raw_decode(self.text, pos)
            pos = self.blank(pos) + 1  # the colon
            if key in wanted:
                self.keys.setdefault((*path, key), self.where(start))
                pos = self.value(pos, (*path, key), wanted[key])
            else:
                pos = _DECODER.raw_decode(self.text, self.blank(pos))[1]
            pos = self.blank(pos)
            if self.text[pos] == ",":
                pos += 1

    def elements(self, pos: int, path: Path, wanted: Trie) -> int:
        index = 0
        while True:
            pos = self.blank(pos)
            if self.text[pos] == "]":
                return pos + 1
            if index in wanted:
                pos = self.value(pos, (*path, index), wanted[index])
            else:
                pos = _DECODER.raw_decode(self.text, pos)[1]
            index += 1
            pos = self.blank(pos)
            if self.text[pos] == ",":
                pos += 1


def locate(
    text: str, wanted: Iterable[Path]
) -> tuple[dict[Path, tuple[int, int]], dict[Path, tuple[int, int]]]:
    r"""
    Map each wanted path, and every node on the way, to 1-based ``(line, column)``.

    *text* must be valid JSON. Returns the positions of values and of keys.

    Example:
        >>> values, keys = locate('{"a": 1,\n "roles": [{"id": "x"}]}', [("roles", 0, "id")])
        >>> values[("roles", 0, "id")], keys[("roles",)], ("a",) in values
        ((2, 19), (2, 2), False)
    """
    trie: Trie = {}
    for path in wanted:
        node = trie
        for part in path:
            node = node.setdefault(part, {})
    walker = _Walker(text)
    walker.value(0, (), trie)
    return walker.values, walker.keys


#: Longer integers are refused where they are read (Python's own limit is 4,300 digits).
_LONGEST_INT = 100


def _int(text: str) -> int | str:
    # An integer too long to be a level or a year stays text, and the
    # checks report it as a value of the wrong kind.
    return int(text) if len(text) <= _LONGEST_INT else text


def parse(text: str, limits: Limits, sink: Problems, what: str = "invalid JSON") -> object:
    """
    Read JSON text into plain data; duplicate keys are reported, the last kept.

    Raises:
        LadderError: If the text is not JSON or nests too deeply to read.
    """
    duplicates: list[str] = []

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key, value in items:
            if key in result:
                duplicates.append(key)
            result[key] = value
        return result

    try:
        data = json.loads(text, object_pairs_hook=pairs, parse_int=_int)
    except json.JSONDecodeError as error:
        sink.add("syntax", f"{what}: {error.msg}", at=(error.lineno, error.colno))
        raise sink.error() from None
    except RecursionError:
        sink.add(
            "too-deep",
            "the document nests too deeply to read (Limits.max_depth, --max-depth)",
            at=(1, 1),
        )
        raise sink.error() from None
    if duplicates:
        from ._yaml import duplicates as report  # noqa: PLC0415 -- rare

        report(text, limits, sink)
    return data


def positions(text: str) -> Callable[[Sequence[Path]], Locator]:
    """Find the positions of the wanted paths in *text*, when asked."""

    def find(wanted: Sequence[Path]) -> Locator:
        return Locator(*locate(text, wanted))

    return find


def dumps(data: dict[str, Any]) -> str:
    """Write plain data as indented JSON."""
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
