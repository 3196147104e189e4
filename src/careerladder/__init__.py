"""
careerladder: describe, check, compare and reason about career ladders.

Example:
    >>> import careerladder
    >>> ladder = careerladder.presets.load("six-step")
    >>> [role.title for role in ladder.next_roles("Senior PM")]
    ['Director of Product']
"""

from . import presets
from ._assessment import Assessment, iter_assessments, load_assessment
from ._diff import Change, LadderDiff, diff
from ._files import dump, dumps, load, loads
from ._ladder import Ladder
from ._limits import Limits
from ._mapping import RoleMatch, map_roles
from ._model import DEFAULT_SCALE, Competency, Expectation, Promotion, Reference, Role
from ._problems import LadderError, Problem
from ._readiness import Gap, Readiness, team_readiness, write_readiness_csv

# Tracebacks name the exception as users import it.
LadderError.__module__ = __name__

__all__ = [
    "DEFAULT_SCALE",
    "Assessment",
    "Change",
    "Competency",
    "Expectation",
    "Gap",
    "Ladder",
    "LadderDiff",
    "LadderError",
    "Limits",
    "Problem",
    "Promotion",
    "Readiness",
    "Reference",
    "Role",
    "RoleMatch",
    "diff",
    "dump",
    "dumps",
    "iter_assessments",
    "load",
    "load_assessment",
    "loads",
    "map_roles",
    "presets",
    "team_readiness",
    "write_readiness_csv",
]
