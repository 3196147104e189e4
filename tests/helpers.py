"""Ladders the tests share."""

from __future__ import annotations

from careerladder import Competency, Expectation, Ladder, Role


def expect(**levels: int) -> list[Expectation]:
    return [Expectation(competency=c.replace("_", "-"), level=n) for c, n in levels.items()]


def dual_track() -> Ladder:
    """IC and management tracks that branch after Senior PM."""
    return Ladder(
        id="dual",
        name="Dual track",
        competencies=[
            Competency(id="craft", name="Craft"),
            Competency(id="people", name="People leadership"),
        ],
        roles=[
            Role(
                id="pm",
                title="Product Manager",
                level=1,
                aliases=["PM"],
                expectations=expect(craft=2),
            ),
            Role(
                id="senior-pm",
                title="Senior Product Manager",
                level=2,
                aliases=["Senior PM"],
                expectations=expect(craft=3, people=1),
            ),
            Role(
                id="staff-pm",
                title="Staff Product Manager",
                level=3,
                track="ic",
                expectations=expect(craft=4, people=1),
            ),
            Role(
                id="principal-pm",
                title="Principal Product Manager",
                level=4,
                track="ic",
                expectations=expect(craft=5, people=2),
            ),
            Role(
                id="gpm",
                title="Group Product Manager",
                level=3,
                track="management",
                expectations=expect(craft=3, people=3),
            ),
            Role(
                id="director",
                title="Director of Product",
                level=4,
                track="management",
                expectations=expect(craft=4, people=4),
            ),
        ],
        promotions=[
            ("pm", "senior-pm"),
            ("senior-pm", "staff-pm"),
            ("staff-pm", "principal-pm"),
            ("senior-pm", "gpm"),
            ("gpm", "director"),
            ("staff-pm", "director"),
        ],
    )
