"""
Hypothesis strategies that build valid ladders, for testing tools that use them.

Needs `hypothesis <https://hypothesis.readthedocs.io>`_, in the ``testing`` extra: ``pip
install -e '.[testing]'`` from a clone, or ``pip install 'careerladder[testing] @
git+https://github.com/careerladder/careerladder'`` (once published: ``pip install
'careerladder[testing]'``).

Example:
    >>> from hypothesis import given, settings
    >>> from careerladder.testing import ladders
    >>> @settings(max_examples=20, deadline=None)
    ... @given(ladders(max_roles=5))
    ... def test_every_role_is_on_its_ladder(ladder):
    ...     assert all(role in ladder for role in ladder)
    >>> test_every_role_is_on_its_ladder()

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs
from hypothesis import strategies as st

from ._assessment import Assessment
from ._check import LINT_CODES
from ._ladder import Ladder
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

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = [
    "assessments",
    "competencies",
    "grades",
    "ids",
    "ladders",
    "levels",
    "references",
    "roles",
]

_TEXT = st.text(st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]), max_size=20)


def levels() -> st.SearchStrategy[int | float]:
    """
    Role levels: whole numbers from 1 to 12, or a half between them (GitLab's 9.5).

    Example:
        >>> from hypothesis import given, settings
        >>> from careerladder.testing import levels
        >>> @settings(max_examples=20, deadline=None)
        ... @given(levels())
        ... def test_levels_are_whole_or_halves(level):
        ...     assert float(level * 2).is_integer() and 1 <= level <= 12.5
        >>> test_levels_are_whole_or_halves()

    .. versionadded:: 0.1.0
    """
    return st.integers(1, 12) | st.integers(1, 12).map(lambda n: n + 0.5)


def grades() -> st.SearchStrategy[str | None]:
    """
    A role's grade: none, or a label such as ``L4``, ``IC3``, ``M2`` or ``9.5``.

    Example:
        >>> from hypothesis import given, settings
        >>> from careerladder.testing import grades
        >>> @settings(max_examples=20, deadline=None)
        ... @given(grades())
        ... def test_grades_are_short_labels(grade):
        ...     assert grade is None or 1 <= len(grade) <= 7
        >>> test_grades_are_short_labels()

    .. versionadded:: 0.1.0
    """
    return st.none() | st.from_regex(r"(L|IC|M|E)?[1-9][0-9]?(\.5)?", fullmatch=True)


def ids() -> st.SearchStrategy[str]:
    """
    Valid ids: a lowercase letter, then letters, digits and dashes.

    Example:
        >>> from hypothesis import given, settings
        >>> from careerladder.testing import ids
        >>> @settings(max_examples=20, deadline=None)
        ... @given(ids())
        ... def test_ids_start_with_a_letter(ident):
        ...     assert ident[0].isalpha()
        >>> test_ids_start_with_a_letter()
    """
    return st.from_regex(r"[a-z][a-z0-9-]{0,11}", fullmatch=True)


def competencies(*, min_size: int = 1, max_size: int = 6) -> st.SearchStrategy[list[Competency]]:
    """
    Lists of competencies with unique ids.

    Example:
        >>> from hypothesis import given, settings
        >>> from careerladder.testing import competencies
        >>> @settings(max_examples=20, deadline=None)
        ... @given(competencies(min_size=2))
        ... def test_ids_are_unique(found):
        ...     assert len({c.id for c in found}) == len(found) >= 2
        >>> test_ids_are_unique()
    """
    return st.lists(ids(), min_size=min_size, max_size=max_size, unique=True).map(
        lambda names: [Competency(id=n, name=n.replace("-", " ").capitalize()) for n in names]
    )


def references(*, max_size: int = 3) -> st.SearchStrategy[list[Reference]]:
    """
    Lists of references with unique ids and any mix of optional fields.

    Example:
        >>> from hypothesis import given, settings
        >>> from careerladder.testing import references
        >>> @settings(max_examples=20, deadline=None)
        ... @given(references())
        ... def test_ids_are_unique(found):
        ...     assert len({r.id for r in found}) == len(found)
        >>> test_ids_are_unique()
    """
    return st.lists(ids(), max_size=max_size, unique=True).flatmap(
        lambda names: st.tuples(
            *[
                st.builds(
                    Reference,
                    id=st.just(name),
                    title=_TEXT.filter(str.strip),
                    author=st.none() | _TEXT,
                    year=st.none() | st.integers(1900, 2100),
                    date=st.none() | st.dates(),
                    url=st.none() | st.just(f"https://example.com/{name}"),
                )
                for name in names
            ]
        ).map(list)
    )


@st.composite
def roles(  # noqa: PLR0913 -- every option is keyword-only
    draw: st.DrawFn,
    *,
    competencies: Sequence[Competency] = (),
    scale_size: int = len(DEFAULT_SCALE),
    tracks: Sequence[str | None] = (None,),
    role_id: str | None = None,
    rungs: Sequence[int | float] = (),
) -> Role:
    """
    One role, with expectations for some of *competencies*.

    Titles and aliases are derived from the id, so roles with different ids
    never share a title. The level is one of *rungs* if given, else any of
    `levels`; the grade any of `grades`; the role may be an entry role.

    Example:
        >>> from hypothesis import given, settings
        >>> from careerladder.testing import roles
        >>> @settings(max_examples=20, deadline=None)
        ... @given(roles(role_id="pm"))
        ... def test_titles_come_from_ids(role):
        ...     assert role.title == "Role pm"
        >>> test_titles_come_from_ids()
    """
    ident = role_id if role_id is not None else draw(ids())
    chosen = draw(st.lists(st.sampled_from(competencies), unique=True)) if competencies else []
    return Role(
        id=ident,
        title=f"Role {ident}",
        level=draw(st.sampled_from(rungs) if rungs else levels()),
        grade=draw(grades()),
        track=draw(st.sampled_from(tracks)),
        aliases=draw(st.sampled_from([(), (f"Alias {ident}",)])),
        entry=draw(st.booleans()),
        expectations=[
            Expectation(competency=c.id, level=draw(st.integers(1, len(c.scale) or scale_size)))
            for c in chosen
        ],
    )


@st.composite
def ladders(  # noqa: PLR0913 -- every option is keyword-only
    draw: st.DrawFn,
    *,
    min_roles: int = 1,
    max_roles: int = 8,
    tracks: Sequence[str | None] = (None,),
    scale: Sequence[str] = DEFAULT_SCALE,
    rich: bool = False,
) -> Ladder:
    """
    Valid ladders: a random DAG of roles whose promotions always rise in level.

    Roles share a few levels (whole or decimal), so that many ladders have
    lateral moves between roles on the same level; roles may have grades and
    be entry roles, and a ladder may switch a few lint codes off.

    Args:
        draw: Supplied by hypothesis; leave it out.
        min_roles: Fewest roles.
        max_roles: Most roles.
        tracks: The tracks roles are drawn from; ``None`` means no track.
        scale: The proficiency scale of every ladder.
        rich: Also give some competencies a scale of their own (with step
            descriptions), expectations observable behaviours, and the ladder
            any promotion rule (``all``, ``most`` or ``points``, with the roles'
            ``min_points``). Off by default: matrices cannot hold these.

    Example:
        >>> from hypothesis import given, settings
        >>> from careerladder.testing import ladders
        >>> @settings(max_examples=20, deadline=None)
        ... @given(ladders(tracks=["ic", "management"]))
        ... def test_promotions_rise(ladder):
        ...     assert {role.track for role in ladder} <= {"ic", "management"}
        ...     for p in ladder.promotions:
        ...         assert ladder.role(p.source).level < ladder.role(p.target).level
        >>> test_promotions_rise()
    """
    cited = draw(references())
    sources = st.lists(st.sampled_from([r.id for r in cited]), max_size=2, unique=True)
    catalogue = draw(competencies())
    if rich:
        catalogue = [attrs.evolve(c, scale=draw(_own_scales)) for c in catalogue]
    if cited:
        catalogue = [attrs.evolve(c, sources=draw(sources)) for c in catalogue]
    role_ids = draw(st.lists(ids(), min_size=min_roles, max_size=max_roles, unique=True))
    # Fewer levels than roles, so that roles share levels and moves join them.
    rungs = draw(st.lists(levels(), min_size=1, max_size=max(1, len(role_ids) // 2), unique=True))
    members = [
        draw(
            roles(
                competencies=catalogue,
                scale_size=len(scale),
                tracks=tracks,
                role_id=ident,
                rungs=rungs,
            )
        )
        for ident in role_ids
    ]
    if cited:
        members = [
            attrs.evolve(
                role,
                sources=draw(sources),
                expectations=[attrs.evolve(e, sources=draw(sources)) for e in role.expectations],
            )
            for role in members
        ]
    candidates = [(a.id, b.id) for a in members for b in members if a.level < b.level]
    chosen = draw(st.lists(st.sampled_from(candidates), unique=True)) if candidates else []
    lateral = [(a.id, b.id) for a in members for b in members if a.level == b.level and a != b]
    moved = draw(st.lists(st.sampled_from(lateral), unique=True)) if lateral else []
    criteria = st.lists(st.sampled_from(["Led a cross-team project", "Asked for it"]), max_size=1)
    rule = PromotionRule()
    if rich:
        longest = max(len(scale), *(len(c.scale) for c in catalogue))
        members, rule = _enriched(draw, members, longest)
    return Ladder(
        id=draw(ids()),
        name="Generated ladder",
        scale=tuple(scale),
        competencies=catalogue,
        roles=members,
        promotions=[Promotion(source=s, target=t) for s, t in chosen],
        moves=[Move(source=s, target=t, criteria=draw(criteria)) for s, t in moved],
        ignore=draw(st.lists(st.sampled_from(LINT_CODES), max_size=2, unique=True)),
        promotion_rule=rule,
        references=cited,
    )


#: Scales a competency may have of its own, in `ladders` with ``rich``: none, or a few steps.
_own_scales = st.sampled_from(
    [
        (),
        (Proficiency(name="adopts"), Proficiency(name="specializes", description="Goes deep.")),
        tuple(Proficiency(name=n) for n in ("learns", "supports", "mentors", "manages")),
    ]
)


def _enriched(
    draw: st.DrawFn, members: list[Role], longest: int
) -> tuple[list[Role], PromotionRule]:
    """Roles with behaviours (and ``min_points``), under a random promotion rule."""
    behaviours = st.lists(st.sampled_from(["Writes design docs", "Runs reviews"]), unique=True)
    members = [
        attrs.evolve(
            role,
            expectations=[attrs.evolve(e, examples=draw(behaviours)) for e in role.expectations],
        )
        for role in members
    ]
    kind = draw(st.sampled_from(["all", "most", "points"]))
    if kind == "most":
        return members, PromotionRule(kind="most", allowed_gaps=draw(st.integers(0, 2)))
    if kind == "points":
        points = [
            0,
            *sorted(draw(st.lists(st.integers(1, 20), min_size=longest, max_size=longest))),
        ]
        with_points = [
            attrs.evolve(role, min_points=draw(st.none() | st.integers(0, 40))) for role in members
        ]
        return with_points, PromotionRule(kind="points", points=points)
    return members, PromotionRule()


@st.composite
def assessments(draw: st.DrawFn, ladder: Ladder) -> Assessment:
    """
    Assessments that are valid for *ladder*.

    Each names some of the ladder's competencies, each at a level on its
    scale, given by number or by scale name.

    Args:
        draw: Supplied by hypothesis; leave it out.
        ladder: The ladder the assessments are for.

    Example:
        >>> from hypothesis import given, settings
        >>> from careerladder import presets
        >>> from careerladder.testing import assessments
        >>> ladder = presets.load("six-step")
        >>> @settings(max_examples=20, deadline=None)
        ... @given(assessments(ladder))
        ... def test_levels_are_on_the_scale(found):
        ...     assert all(0 <= level <= 5 for level in found.resolve(ladder).values())
        >>> test_levels_are_on_the_scale()
    """
    chosen = draw(st.lists(st.sampled_from([c.id for c in ladder.competencies]), unique=True))
    levels: dict[str, int | str] = {}
    for competency in chosen:
        steps = ladder.scale_of(competency)
        level = draw(st.integers(0, len(steps)))
        by_name = draw(st.booleans()) and level > 0
        levels[competency] = steps[level - 1].name if by_name else level
    return Assessment(levels=levels, person=draw(st.none() | st.just("someone")))
