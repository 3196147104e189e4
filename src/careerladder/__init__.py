"""
careerladder: describe, check, compare and reason about career ladders.

Example:
    >>> import careerladder
    >>> ladder = careerladder.presets.load("six-step")
    >>> [role.title for role in ladder.next_roles("Senior PM")]
    ['Director of Product']
"""

from . import presets
from ._files import dump, dumps, load, loads
from ._ladder import Ladder
from ._limits import Limits
from ._model import DEFAULT_SCALE, Competency, Expectation, Promotion, Reference, Role
from ._problems import LadderError, Problem

# Tracebacks name the exception as users import it.
LadderError.__module__ = __name__

__all__ = [
    "DEFAULT_SCALE",
    "Competency",
    "Expectation",
    "Ladder",
    "LadderError",
    "Limits",
    "Problem",
    "Promotion",
    "Reference",
    "Role",
    "dump",
    "dumps",
    "load",
    "loads",
    "presets",
]
