"""
careerladder: describe, check, compare and reason about career ladders.

Example:
    >>> import careerladder
    >>> ladder = careerladder.presets.load("six-step")
    >>> [role.title for role in ladder.next_roles("Senior PM")]
    ['Director of Product']
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from ._formats._files import dump, dumps, load, loads
from ._ladder import Ladder
from ._limits import Limits
from ._model import (
    DEFAULT_SCALE,
    Competency,
    Expectation,
    Move,
    Proficiency,
    Promotion,
    PromotionRule,
    Reference,
    Role,
)
from ._problems import LadderError, Problem

if TYPE_CHECKING:
    from . import presets
    from ._assessment import Assessment
    from ._assessment_files import iter_assessments, load_assessment
    from ._diff import Change, LadderDiff, diff
    from ._formats._case import from_case, to_case
    from ._formats._sheet import read_matrix, write_matrix
    from ._mapping import RoleMapping, RoleMatch, map_roles
    from ._readiness import Gap, Readiness, team_readiness, write_readiness_csv
    from ._titles import Rank, Title, TitleVocabulary, parse_title

# Tracebacks name the exception as users import it.
LadderError.__module__ = __name__

# What only analysis needs loads on first use: `careerladder validate` runs on
# every commit, and its start-up time is most of its run time.
_LAZY = {
    "Assessment": "._assessment",
    "iter_assessments": "._assessment_files",
    "load_assessment": "._assessment_files",
    "Change": "._diff",
    "LadderDiff": "._diff",
    "diff": "._diff",
    "RoleMapping": "._mapping",
    "RoleMatch": "._mapping",
    "map_roles": "._mapping",
    "Gap": "._readiness",
    "Readiness": "._readiness",
    "team_readiness": "._readiness",
    "write_readiness_csv": "._readiness",
    "from_case": "._formats._case",
    "to_case": "._formats._case",
    "Rank": "._titles",
    "Title": "._titles",
    "TitleVocabulary": "._titles",
    "parse_title": "._titles",
    "read_matrix": "._formats._sheet",
    "write_matrix": "._formats._sheet",
}


def __getattr__(name: str) -> Any:  # noqa: ANN401 -- any public name
    if name == "presets":
        return importlib.import_module(".presets", __name__)
    if name not in _LAZY:
        msg = f"module {__name__!r} has no attribute {name!r}"
        raise AttributeError(msg)
    value = getattr(importlib.import_module(_LAZY[name], __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*__all__, *(name for name in globals() if name.startswith("_"))})


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
    "Move",
    "Problem",
    "Proficiency",
    "Promotion",
    "PromotionRule",
    "Rank",
    "Readiness",
    "Reference",
    "Role",
    "RoleMapping",
    "RoleMatch",
    "Title",
    "TitleVocabulary",
    "diff",
    "dump",
    "dumps",
    "from_case",
    "iter_assessments",
    "load",
    "load_assessment",
    "loads",
    "map_roles",
    "parse_title",
    "presets",
    "read_matrix",
    "team_readiness",
    "to_case",
    "write_matrix",
    "write_readiness_csv",
]
