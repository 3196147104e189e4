"""
Bounds on what a ladder file may ask of the reader.

A validator runs in CI on files anyone can edit, so reading a file must end in
bounded time and memory whatever it holds.
"""

from __future__ import annotations

import contextlib
import gc
from typing import TYPE_CHECKING

import attrs

if TYPE_CHECKING:
    from collections.abc import Iterator


@attrs.frozen(kw_only=True)
class Limits:
    r"""
    How large a ladder document may be before it is refused.

    The defaults admit ladders of about 20,000 roles with 20 expectations
    each and keep any input they admit below 2 GB of memory and a minute on a
    2-core machine (the figures are in the security page of the docs). A document over a limit gives one located `Problem` saying which
    limit and how to raise it.

    Attributes:
        max_bytes: Largest file or text, in bytes (UTF-8).
        max_depth: Deepest nesting of lists and mappings. A ladder needs six.
        max_nodes: Most values (scalars, lists and mappings) in a YAML
            document, counting each use of an anchor as a copy of what it
            names, so an "alias bomb" is refused before anything expands it.
        max_cells: Most cells a sheet of a matrix may span: its rows times its
            columns, as far as its farthest cell, its declared dimension or
            its merged ranges (added up) reach. A workbook is checked before
            any cell is built, and also may unpack to at most ``max_bytes``.

    Example:
        >>> from careerladder import Limits, loads
        >>> loads("id: l\nname: L\n", limits=Limits(max_bytes=8))
        Traceback (most recent call last):
        ...
        careerladder.LadderError: 1:1: error too-large: the document is 14 bytes, more than the limit of 8 (Limits.max_bytes, --max-bytes)

    .. versionadded:: 0.1.0
    """  # noqa: E501

    max_bytes: int = 50_000_000
    max_depth: int = 64
    max_nodes: int = 1_200_000
    max_cells: int = 500_000


#: The limits `careerladder.load` and `careerladder.loads` use unless told otherwise.
DEFAULT_LIMITS = Limits()


@contextlib.contextmanager
def paused_collector() -> Iterator[None]:
    """
    Pause the cyclic garbage collector for the block, and resume it after.

    Building a large ladder makes millions of small objects that all live on:
    the collector would walk them again and again for nothing. It is resumed
    (if it was running) however the block ends.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
