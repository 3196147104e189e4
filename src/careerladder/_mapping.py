"""
Which rung of one ladder is which rung of another.

The same title means different things at different companies, and different
titles can name the same rung, so a match weighs three signals: shared titles,
the relative position on each ladder, and how alike the expectations are.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

if TYPE_CHECKING:
    from ._ladder import Ladder
    from ._model import Role

#: How much each signal counts, before renormalizing over the ones available.
WEIGHTS = {"title": 0.4, "position": 0.35, "profile": 0.25}


@attrs.frozen(kw_only=True)
class RoleMatch:
    """
    How well a role of one ladder matches a role of another.

    Attributes:
        source: The role of the first ladder.
        target: The role of the second.
        score: From 0 to 1; 1 for the same title, position and expectations.
        reasons: Why, in words: shared titles, positions, expectation profile.

    Example:
        >>> from careerladder import map_roles, presets
        >>> matches = map_roles(presets.load("six-step"), presets.load("seven-step-gpm"))
        >>> best = matches["director-product"][0]
        >>> best.target.id, best.reasons[0]
        ('director-product', "same title 'Director of Product'")

    .. versionadded:: 0.1.0
    """

    source: Role
    target: Role
    score: float
    reasons: tuple[str, ...]


class RoleMapping(dict[str, tuple[RoleMatch, ...]]):
    """
    What `map_roles` returns: each role id of the first ladder with its matches, best first.

    A plain `dict` that also renders itself: as a table in Jupyter, and as
    Markdown or text, each role with its best matches.

    Example:
        >>> from careerladder import map_roles, presets
        >>> mapping = map_roles(presets.load("six-step"), presets.load("seven-step-gpm"))
        >>> print(mapping.to_markdown(top=1).splitlines()[2])
        | Associate Product Manager | Associate Product Manager (apm) | 0.97 | same title 'Associate Product Manager'; rung 1 of 6 and rung 1 of 7; expectations 89% alike over 9 shared competencies |

    .. versionadded:: 0.1.0
    """  # noqa: E501

    __slots__ = ()

    def to_markdown(self, top: int = 2) -> str:
        """Render the best *top* matches of each role as a Markdown table."""
        from ._display import mapping_markdown  # noqa: PLC0415 -- rendering on demand

        return mapping_markdown(self, top)

    def _repr_html_(self) -> str:
        """Show the best two matches of each role as a table in Jupyter."""
        from ._display import mapping_html  # noqa: PLC0415 -- rendering on demand

        return mapping_html(self)

    def _repr_markdown_(self) -> str:
        """Show the best two matches of each role as Markdown."""
        return self.to_markdown()


def _positions(ladder: Ladder) -> dict[str, tuple[float, int, int]]:
    """Each role's rung, from 0 (lowest) to 1 (highest), with its rank and the rung count."""
    levels = sorted({role.level for role in ladder.roles})
    top = max(len(levels) - 1, 1)
    return {
        role.id: (levels.index(role.level) / top, levels.index(role.level) + 1, len(levels))
        for role in ladder.roles
    }


def _title_signal(a: Role, b: Role) -> tuple[float, str | None]:
    if a.title.casefold() == b.title.casefold():
        return 1.0, f"same title {a.title!r}"
    shared = {t.casefold() for t in a.titles} & {t.casefold() for t in b.titles}
    if shared:
        name = next(t for t in a.titles if t.casefold() in shared)
        return 0.8, f"shared title or alias {name!r}"
    return 0.0, None


def _profile_signal(a: Ladder, ra: Role, b: Ladder, rb: Role) -> tuple[float, str] | None:
    common = {c.id for c in a.competencies} & {c.id for c in b.competencies}
    expected_a = {e.competency: e.level / len(a.scale) for e in ra.expectations}
    expected_b = {e.competency: e.level / len(b.scale) for e in rb.expectations}
    compared = sorted(common & (expected_a.keys() | expected_b.keys()))
    if not compared:
        return None
    distance = sum(abs(expected_a.get(c, 0) - expected_b.get(c, 0)) for c in compared)
    alike = 1 - distance / len(compared)
    return alike, f"expectations {alike:.0%} alike over {len(compared)} shared competencies"


def map_roles(a: Ladder, b: Ladder) -> RoleMapping:
    """
    Match every role of ladder *a* with the roles of ladder *b*, best first.

    Signals: a shared title (1) or a title shared with an alias (0.8); the
    relative rung on each ladder (1 for the same share of the way up; left
    out when a ladder has a single rung); and,
    over the competencies both ladders measure, how alike the expected levels
    are as a share of each scale. The score is their weighted mean (title
    0.4, position 0.35, expectations 0.25, renormalized when the ladders share
    no competency).

    Example:
        >>> from careerladder import map_roles, presets
        >>> matches = map_roles(
        ...     presets.load("head-senior-director"), presets.load("seven-step-gpm")
        ... )
        >>> [(m.target.id, round(m.score, 2)) for m in matches["senior-pm"][:2]]
        [('senior-pm', 0.86), ('group-pm', 0.75)]
        >>> matches["senior-pm"][1].reasons[0]
        "shared title or alias 'Group PM'"

    .. versionadded:: 0.1.0
    """
    positions_a, positions_b = _positions(a), _positions(b)
    result = RoleMapping()
    for ra in a:
        matches = []
        for rb in b:
            title, title_reason = _title_signal(ra, rb)
            pa, rank_a, rungs_a = positions_a[ra.id]
            pb, rank_b, rungs_b = positions_b[rb.id]
            signals = {"title": title}
            if rungs_a > 1 and rungs_b > 1:  # a single rung has no position to compare
                signals["position"] = 1 - abs(pa - pb)
            reasons = [title_reason] if title_reason else []
            reasons.append(f"rung {rank_a} of {rungs_a} and rung {rank_b} of {rungs_b}")
            profile = _profile_signal(a, ra, b, rb)
            if profile is not None:
                signals["profile"] = profile[0]
                reasons.append(profile[1])
            weight = sum(WEIGHTS[name] for name in signals)
            score = sum(WEIGHTS[name] * value for name, value in signals.items()) / weight
            matches.append(RoleMatch(source=ra, target=rb, score=score, reasons=tuple(reasons)))
        matches.sort(key=lambda m: -m.score)
        result[ra.id] = tuple(matches)
    return result
