"""
Ready-made ladders, built from published writing on product-management careers.

Each preset is a ladder file shipped inside the package and read with
`careerladder.load`, so every preset is also a worked example of the format.

Example:
    >>> from careerladder import presets
    >>> presets.names()
    ('head-senior-director', 'seven-step-gpm', 'six-step')
    >>> [role.id for role in presets.load("six-step")]
    ['apm', 'pm', 'senior-pm', 'director-product', 'vp-product', 'cpo']

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import functools
from importlib import resources
from typing import TYPE_CHECKING

from .._formats._files import loads
from .._problems import fail, suggest

if TYPE_CHECKING:
    from .._ladder import Ladder

__all__ = ["load", "names"]

_SUFFIX = ".yaml"


def _files() -> dict[str, str]:
    folder = resources.files(__name__)
    return {
        entry.name.removesuffix(_SUFFIX): entry.name
        for entry in folder.iterdir()
        if entry.name.endswith(_SUFFIX)
    }


def names() -> tuple[str, ...]:
    """
    Return the names of the presets, sorted.

    Example:
        >>> from careerladder import presets
        >>> "six-step" in presets.names()
        True
    """
    return tuple(sorted(_files()))


@functools.cache
def load(name: str) -> Ladder:
    """
    Return the preset ladder called *name*.

    Presets are immutable, so each is read once and shared.

    Raises:
        LadderError: If there is no such preset; the message lists them.

    Example:
        >>> from careerladder import presets
        >>> presets.load("six-step").role("cpo").title
        'Chief Product Officer'
        >>> presets.load("six step")
        Traceback (most recent call last):
        ...
        careerladder.LadderError: error unknown-preset: no preset 'six step'; did you mean 'six-step'? (known presets: head-senior-director, seven-step-gpm, six-step)
    """  # noqa: E501
    files = _files()
    if name not in files:
        known = names()
        raise fail(
            code="unknown-preset",
            message=f"no preset {name!r}{suggest(name, known)} (known presets: {', '.join(known)})",
        )
    text = resources.files(__name__).joinpath(files[name]).read_text(encoding="utf-8")
    return loads(text, "yaml", file=f"careerladder/presets/{files[name]}")
