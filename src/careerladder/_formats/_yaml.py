"""
YAML ladder files: text -> plain data with the position of every value, and back.

The document is first walked as a stream of events, which does not recurse,
so nesting deeper than the limit is refused before anything is built (the C
composer would overflow the stack on about 25,000 nested lists). It is then
composed into a node tree, which knows where each node starts, and built by
hand: anchors count as the copies they stand for, tags outside the safe set
are refused, and duplicate keys are reported.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import yaml
from yaml.constructor import ConstructorError, SafeConstructor

from .._problems import DocPath, format_path, quote
from ._locate import Locator

if TYPE_CHECKING:
    from .._limits import Limits
    from ._document import Problems

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_OPEN = (yaml.SequenceStartEvent, yaml.MappingStartEvent)
_CLOSE = (yaml.SequenceEndEvent, yaml.MappingEndEvent)


def _mark(node: yaml.Node | yaml.Event) -> tuple[int, int]:
    mark = node.start_mark
    return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)


#: Longer reasons from a constructor are cut: they may hold the value itself.
_REASON = 100


def _shorten(reason: str) -> str:
    return reason if len(reason) <= _REASON else reason[: _REASON - 3] + "..."


class _StopError(Exception):
    """Raised to stop building a document over a limit: one problem says it all."""


class _Builder:
    """Build plain values from a YAML node tree, noting where each one starts."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.locator = Locator()
        self.problems: list[tuple[tuple[int, int], DocPath, str, str]] = []
        self.constructor = SafeConstructor()
        self.built: dict[int, object] = {}
        # Values counted so far, each use of an anchor counting as a copy of
        # what it names, and how many values each node stands for.
        self.count = 0
        self.sizes: dict[int, int] = {}

    def grow(self, node: yaml.Node, path: DocPath, size: int) -> None:
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

    def problem(self, node: yaml.Node, path: DocPath, code: str, message: str) -> None:
        self.problems.append((_mark(node), path, code, message))

    def build(self, node: yaml.Node, path: DocPath) -> object:
        self.locator.values.setdefault(path, _mark(node))
        # An alias is the same node again: build it once, like PyYAML does, but
        # count it as the copy that everything after the reader will walk.
        if id(node) in self.built:
            self.grow(node, path, self.sizes[id(node)])
            return self.built[id(node)]
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
                # The reason may repeat the value (int() shows 200 characters of it).
                message = f"{where}: invalid value {quote(node.value)}: {_shorten(str(error))}"
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
        if isinstance(node, yaml.CollectionNode):
            # Built: an alias to it takes the value above, so its children (and
            # their marks) can go now, and the whole tree is never held beside
            # the whole data.
            node.value = []
        return value

    def mapping(self, node: yaml.MappingNode, path: DocPath) -> dict[object, object]:
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


def _too_deep(limits: Limits) -> str:
    return (
        f"the document nests deeper than {limits.max_depth} levels (Limits.max_depth, --max-depth)"
    )


def _at(error: yaml.MarkedYAMLError) -> tuple[int, int]:
    mark = error.problem_mark or error.context_mark
    return (mark.line + 1, mark.column + 1) if mark else (1, 1)


def _syntax(error: yaml.YAMLError, sink: Problems) -> None:
    if isinstance(error, yaml.MarkedYAMLError):
        what = " ".join(p for p in (error.context, error.problem) if p)
        sink.add("syntax", f"invalid YAML: {what}", at=_at(error))
    else:
        sink.add("syntax", f"invalid YAML: {error}", at=(1, 1))


def _too_deep_at(text: str, limits: Limits) -> tuple[int, int] | None:
    """Where the nesting first passes the limit, walking the event stream (no recursion)."""
    loader = _Loader(text)
    # The root collection is at depth 1 and holds values at path length 1.
    depth = 0
    try:
        while (event := loader.get_event()) is not None:
            if isinstance(event, _OPEN):
                depth += 1
                if depth > limits.max_depth + 1:
                    return _mark(event)
            elif isinstance(event, _CLOSE):
                depth -= 1
    finally:
        loader.dispose()
    return None


#: What libyaml says when it stops at nesting of its own limit (1,000 levels).
_LIBYAML_TOO_DEEP = "exceeded maximum nesting depth"


def _within_depth(text: str, limits: Limits, sink: Problems) -> None:
    """Refuse nesting deeper than the limit before anything is composed."""
    try:
        at = _too_deep_at(text, limits)
    except yaml.MarkedYAMLError as error:
        # libyaml scans ahead of the events and gives up at a depth of its
        # own, far above ours: that is our limit passed too.
        if error.problem != _LIBYAML_TOO_DEEP:
            _syntax(error, sink)
            raise sink.error() from None
        at = _at(error)
    except yaml.YAMLError as error:
        _syntax(error, sink)
        raise sink.error() from None
    if at is not None:
        sink.add("too-deep", _too_deep(limits), at=at)
        raise sink.error()


def parse(text: str, limits: Limits, sink: Problems) -> tuple[object, Locator]:
    """
    Read YAML text into plain data and the position of each value.

    Problems go to *sink*. A duplicate key is reported and the first value
    kept; anything else that leaves a hole in the data stops the reading, as
    it would only cause confusing follow-ups.

    Raises:
        LadderError: If the text is not YAML, is too deep or too large, or
            holds a value that cannot be read.
    """
    _within_depth(text, limits, sink)
    try:
        node = _compose(text)
    except yaml.YAMLError as error:  # pragma: no cover - the event stream fails first
        _syntax(error, sink)
        raise sink.error() from None
    if node is None:
        return None, Locator()
    builder = _Builder(limits)
    try:
        data = builder.build(node, ())
    except _StopError:
        data = None
    for at, path, code, message in builder.problems:
        sink.add(code, message, path, at=at)
    if any(code != "duplicate-key" for _, _, code, _ in builder.problems):
        raise sink.error()
    return data, builder.locator


def duplicates(text: str, limits: Limits, sink: Problems) -> None:
    """Report the duplicate keys of a JSON document, which JSON parsers keep quiet about."""
    # Rare, so the YAML composer (which reads JSON too) finds both places.
    builder = _Builder(limits)
    builder.build(_compose(text), ())  # type: ignore[arg-type]
    for at, path, code, message in builder.problems:
        sink.add(code, message, path, at=at)


def dumps(data: dict[str, Any]) -> str:
    """Write plain data as YAML, in the order given."""
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=88)
