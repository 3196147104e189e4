"""
A tour of careerladder, as a plain script: the same steps as ``tour.ipynb``.

Start from a preset, add an individual-contributor track, draw the result,
catch the problems of a broken copy, assess someone against it and compare it
with another preset. Pictures go to the folder given as the first argument
(default: ``tour-pictures``). Needs the ``plot`` extra.

Run it with ``python examples/tour.py [FOLDER]``.
"""

from __future__ import annotations

import sys
from pathlib import Path

import attrs
import matplotlib as mpl

from careerladder import (
    Assessment,
    Expectation,
    LadderError,
    Role,
    diff,
    dumps,
    loads,
    map_roles,
    presets,
)

mpl.use("Agg")  # a script draws into files, never into a window
pictures = Path(sys.argv[1] if len(sys.argv) > 1 else "tour-pictures")
pictures.mkdir(exist_ok=True)

# 1. Start from a preset: six rungs, the first three on the ic track.
base = presets.load("six-step")
print(repr(base))

# 2. Add an individual-contributor track that branches after Senior PM.
senior = base.role("senior-pm")


def raised(role: Role) -> list[Expectation]:
    """The role's expectations one level higher (at most 5), people management left out."""
    return [
        attrs.evolve(e, level=min(e.level + 1, 5))
        for e in role.expectations
        if e.competency != "team-management"
    ]


staff = Role(
    id="staff-pm",
    title="Staff Product Manager",
    level=4,
    track="ic",
    summary="Leads the hardest product problems across teams, without reports.",
    expectations=raised(senior),
)
principal = attrs.evolve(
    staff,
    id="principal-pm",
    title="Principal Product Manager",
    level=5,
    summary="Sets product direction for a whole area through influence alone.",
    expectations=raised(staff),
)
ladder = base.add_role(staff, promoted_from=["senior-pm"]).add_role(
    principal, promoted_from=["staff-pm"]
)
ladder = attrs.evolve(
    ladder,
    id="six-step-ic",
    name="Six-step ladder with an IC track",
    description="The six-step preset, with Staff and Principal PM roles for individual "
    "contributors who grow without managing people.",
)
print(ladder.to_markdown())

# 3. Look at it: the promotion diagram, the competency matrix, a Mermaid chart.
ladder.plot().figure.savefig(pictures / "ladder.png")
ladder.plot_matrix().figure.savefig(pictures / "matrix.png")
print(ladder.to_mermaid())

# 4. A broken copy: every problem is reported at once, each with its place.
broken = (
    dumps(ladder)
    .replace("  - staff-pm\n", "  - staf-pm\n", 1)  # a typo in a promotion
    .replace("communication:\n      level: 5", "communication:\n      level: 7", 1)  # off scale
)
try:
    loads(broken)
except LadderError as error:
    print(error)

# 5. Assess someone: how ready is Ada for each next step from Senior PM?
ada = Assessment(
    person="Ada",
    levels={e.competency: e.level for e in senior.expectations}
    | {"product-execution": 4, "strategic-thinking": 4, "communication": 5},
)
for report in ladder.next_steps(ada, "senior-pm"):
    print(report)
report = ladder.readiness(ada, "staff-pm")
report.plot(ladder=ladder).figure.savefig(pictures / "readiness.png")

# 6. Compare: which rung of the seven-step ladder is which rung of ours?
mapping = map_roles(ladder, presets.load("seven-step-gpm"))
print(mapping.to_markdown(top=1))
print(diff(base, ladder).to_text())
