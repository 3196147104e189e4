"""
The parts a ladder is made of: competencies, expectations, roles, promotions.

These classes hold values and nothing else. They know nothing of the ladder
they sit in, so one `Role` can serve in several ladders; every check that
needs the whole ladder lives in `careerladder._check`.
"""

from __future__ import annotations

import datetime as dt  # noqa: TC003 -- attrs and cattrs read the annotations
from typing import TYPE_CHECKING

import attrs

if TYPE_CHECKING:
    from collections.abc import Iterable

#: The proficiency scale a ladder uses when it names none: lowest first.
DEFAULT_SCALE: tuple[str, ...] = ("aware", "practicing", "proficient", "advanced", "expert")


def _strings(value: str | Iterable[str]) -> tuple[str, ...]:
    # A lone string would otherwise become a tuple of its characters.
    if isinstance(value, str):
        return (value,)
    return tuple(value)


@attrs.frozen(kw_only=True)
class Reference:
    """
    A document that ladder items cite in their ``sources``.

    Attributes:
        id: Short name that ``sources`` use, such as ``torabi-2023``.
        title: Title of the document.
        author: Who wrote it, if known.
        year: Year it was published, if known.
        date: Day it was published, if known.
        url: Where to read it, if it is online.

    Example:
        >>> import datetime
        >>> Reference(id="handbook", title="ACME handbook", date=datetime.date(2024, 5, 1)).date
        datetime.date(2024, 5, 1)

    .. versionadded:: 0.1.0
    """

    id: str
    title: str
    author: str | None = None
    year: int | None = None
    date: dt.date | None = None
    url: str | None = None


@attrs.frozen(kw_only=True)
class Competency:
    """
    A skill or quality the ladder measures, such as communication.

    Attributes:
        id: Short unique name, used by expectations to refer to it.
        name: Human-readable name.
        description: What the competency covers.
        category: Optional grouping, such as ``core`` or ``leadership``.
        sources: Ids of the ladder's references this competency rests on.

    Example:
        >>> Competency(id="communication", name="Communication", sources="handbook").sources
        ('handbook',)

    .. versionadded:: 0.1.0
    """

    id: str
    name: str
    description: str = ""
    category: str | None = None
    sources: tuple[str, ...] = attrs.field(default=(), converter=_strings)


@attrs.frozen(kw_only=True)
class Expectation:
    """
    What a role expects of one competency.

    Attributes:
        competency: Id of the competency.
        level: Position on the ladder's proficiency scale, 1 for its lowest
            entry.
        description: The behaviour someone at this level shows.
        sources: Ids of the ladder's references this expectation rests on.

    Example:
        >>> Expectation(competency="communication", level=3).level
        3

    .. versionadded:: 0.1.0
    """

    competency: str
    level: int
    description: str = ""
    sources: tuple[str, ...] = attrs.field(default=(), converter=_strings)


def _expectations(value: Iterable[Expectation]) -> tuple[Expectation, ...]:
    return tuple(value)


@attrs.frozen(kw_only=True)
class Role:
    """
    One rung of a ladder, such as Senior Product Manager.

    A role knows nothing of the ladder it sits in: promotions belong to the
    `Ladder`, so the same role can serve in several ladders.

    Attributes:
        id: Short unique name, such as ``senior-pm``.
        title: The job title.
        level: Rank on the ladder, a whole or decimal number (GitLab's grade
            9.5 is ``9.5``); higher is more senior. Roles on different tracks
            may share a level.
        grade: The organization's own label for the level, such as ``L5``,
            ``IC4`` or ``M2``, if it has one.
        track: Optional track name, such as ``ic`` or ``management``.
        aliases: Other titles for the same role.
        entry: Whether people are hired straight into the role, so that it
            needs no promotion or move into it.
        summary: The role in a sentence or two.
        responsibilities: What the role owns.
        expectations: What the role expects of each competency, at most one
            per competency. Roles that list the same expectations in another
            order are equal.
        sources: Ids of the ladder's references this role rests on.

    Example:
        >>> pm = Role(
        ...     id="pm",
        ...     title="Product Manager",
        ...     level=2,
        ...     aliases=["Product Owner"],
        ...     expectations=[Expectation(competency="communication", level=3)],
        ... )
        >>> pm.aliases
        ('Product Owner',)
        >>> pm.expectation("communication")
        Expectation(competency='communication', level=3, description='', sources=())

    .. versionadded:: 0.1.0
    """

    id: str
    title: str
    level: int | float
    grade: str | None = None
    track: str | None = None
    aliases: tuple[str, ...] = attrs.field(default=(), converter=_strings)
    entry: bool = False
    summary: str = ""
    responsibilities: tuple[str, ...] = attrs.field(default=(), converter=_strings)
    # At most one per competency, so a set: their order carries no meaning.
    expectations: tuple[Expectation, ...] = attrs.field(
        default=(), converter=_expectations, eq=frozenset
    )
    sources: tuple[str, ...] = attrs.field(default=(), converter=_strings)

    @property
    def titles(self) -> tuple[str, ...]:
        """
        The title followed by every alias.

        Example:
            >>> Role(id="apm", title="Associate PM", level=1, aliases=["APM"]).titles
            ('Associate PM', 'APM')
        """
        return (self.title, *self.aliases)

    def expectation(self, competency: str) -> Expectation | None:
        """
        Return the expectation for the competency with this id, or ``None``.

        Example:
            >>> Role(id="pm", title="PM", level=1).expectation("communication") is None
            True
        """
        for expectation in self.expectations:
            if expectation.competency == competency:
                return expectation
        return None

    def to_markdown(self) -> str:
        """
        Render as Markdown: title, id, level and track, then the expectations.

        Example:
            >>> role = Role(
            ...     id="pm",
            ...     title="Product Manager",
            ...     level=2,
            ...     expectations=[Expectation(competency="delivery", level=3)],
            ... )
            >>> print(role.to_markdown())
            **Product Manager** (`pm`): level 2
            <BLANKLINE>
            | Competency | Level | Behaviour |
            |---|---|---|
            | delivery | 3 |  |
            <BLANKLINE>

        .. versionadded:: 0.1.0
        """
        from ._display import role_markdown  # noqa: PLC0415 -- rendering on demand

        return role_markdown(self)

    def _repr_html_(self) -> str:
        """Show the role as a table in Jupyter."""
        from ._display import role_html  # noqa: PLC0415 -- rendering on demand

        return role_html(self)

    def _repr_markdown_(self) -> str:
        """Show the role as Markdown where HTML is not wanted."""
        return self.to_markdown()


@attrs.frozen(kw_only=True)
class _Edge:
    """What a promotion and a lateral move share: two role ids and the criteria."""

    source: str
    target: str
    criteria: tuple[str, ...] = attrs.field(default=(), converter=_strings)

    @property
    def pair(self) -> tuple[str, str]:
        """
        ``(source, target)``.

        Example:
            >>> Promotion(source="pm", target="senior-pm").pair
            ('pm', 'senior-pm')
        """
        return (self.source, self.target)


@attrs.frozen(kw_only=True)
class Promotion(_Edge):
    """
    An edge of the ladder: people in role *source* can be promoted to *target*.

    Attributes:
        source: Id of the role promoted from.
        target: Id of the role promoted to; its level must be higher.
        criteria: Optional conditions for the promotion, in words.

    Example:
        >>> Promotion(source="pm", target="senior-pm", criteria=["Led a launch"])
        Promotion(source='pm', target='senior-pm', criteria=('Led a launch',))

    .. versionadded:: 0.1.0
    """


@attrs.frozen(kw_only=True)
class Move(_Edge):
    """
    A lateral edge: people in role *source* can move to *target*, on the same level.

    Usually across tracks (Developer 4 to Tech Lead 4, Principal PM to Group
    Manager). A move is one-way: list both directions for a two-way move. It
    is not a promotion: expectations may differ either way.

    Attributes:
        source: Id of the role moved from.
        target: Id of the role moved to; on the same level as *source*.
        criteria: Optional conditions for the move, in words.

    Example:
        >>> Move(source="d4", target="tl4").pair
        ('d4', 'tl4')

    .. versionadded:: 0.1.0
    """
