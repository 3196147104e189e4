"""
Bounds on plain data, whatever format it came from.

Every reader's data is walked once, without recursion, before it is built:
nesting deeper or values more than the limits allow are refused, and so are
strings that no output could carry (a lone surrogate from a JSON escape, a
control character), so that whatever validates can also be shown, converted
and diffed.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, cast

from .._problems import DocPath, quote
from ._text import first_surrogate

if TYPE_CHECKING:
    from .._limits import Limits
    from ._document import Problems

# Tabs and line breaks are text; other control characters and lone
# surrogates are not, and XML, spreadsheets and terminals refuse them.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


#: Values with nothing inside and nothing to check.
SCALARS = frozenset({int, float, bool, type(None)})


def _bad_string(text: str, path: DocPath, sink: Problems) -> None:
    if text.isprintable():  # most strings: neither control characters nor surrogates
        return
    found = _CONTROL.search(text)
    places = [found.start()] if found is not None else []
    if (surrogate := first_surrogate(text)) is not None:
        places.append(surrogate)
    if places:
        char = text[min(places)]
        sink.add(
            "invalid-character",
            f"{sink.show(path) or 'the document'}: the text {quote(text)} holds the character "
            f"U+{ord(char):04X}, which is not text (a control character or half of a "
            "surrogate pair); remove it",
            path,
        )


def within_bounds(data: object, limits: Limits, sink: Problems, *, count: bool = True) -> None:
    """
    Report values beyond *limits* or strings that are not text; stop at the first bound.

    *count* is false where the reader counted values already (YAML counts
    each use of an anchor as a copy).

    Raises:
        LadderError: If the data nests too deeply or holds too many values.
    """
    stack: list[tuple[object, DocPath]] = [(data, ())]
    seen = 0
    most = limits.max_nodes if count else None
    while stack:
        value, path = stack.pop()
        seen += 1
        if most is not None and seen > most:
            sink.add(
                "too-large",
                f"the document holds more than {most:,} values (Limits.max_nodes, --max-nodes)",
                path,
            )
            raise sink.error()
        kind = type(value)
        if kind in SCALARS:
            continue
        if isinstance(value, str):
            _bad_string(value, path, sink)
            continue
        # dict and list first: the Mapping check is slow, and documents are made of them.
        if kind is dict or kind is list or isinstance(value, Mapping | list | tuple):
            if len(path) > limits.max_depth:
                sink.add(
                    "too-deep",
                    f"the document nests deeper than {limits.max_depth} levels "
                    "(Limits.max_depth, --max-depth)",
                    path,
                )
                raise sink.error()
            if isinstance(value, list | tuple):
                stack.extend(((item, (*path, i)) for i, item in enumerate(value)))
                continue
            for key, item in cast("Mapping[object, object]", value).items():
                if isinstance(key, str):
                    _bad_string(key, (*path, key), sink)
                stack.append((item, (*path, key)))
