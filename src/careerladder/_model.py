"""
The parts a ladder is made of: competencies, expectations, roles, promotions.

These classes hold values and nothing else. They know nothing of the ladder
they sit in, so one `Role` can serve in several ladders; every check that
needs the whole ladder lives in `careerladder._check`.
"""

from __future__ import annotations

import datetime as dt  # noqa: TC003 -- attrs and cattrs read the annotations
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal

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
class Proficiency:
    """
    One step of a proficiency scale, such as "specializes" or "advanced".

    In files a step is a plain string (its name) or a mapping with a name,
    a description and examples.

    Attributes:
        name: The step's name; an expectation or an assessment may give a
            level by it.
        description: What someone at this step does.
        examples: Observable behaviours that show the step.

    Example:
        >>> Proficiency(name="specializes", examples=["Is the go-to person for one stack"]).examples
        ('Is the go-to person for one stack',)

    .. versionadded:: 0.1.0
    """

    name: str
    description: str = ""
    examples: tuple[str, ...] = attrs.field(default=(), converter=_strings)

    def __str__(self) -> str:
        """The step's name."""
        return self.name


def steps(value: str | Proficiency | Iterable[str | Proficiency]) -> tuple[Proficiency, ...]:
    """
    A scale from step names or `Proficiency` steps, lowest first.

    Example:
        >>> [step.name for step in steps(["adopts", Proficiency(name="specializes")])]
        ['adopts', 'specializes']
    """
    if isinstance(value, str | Proficiency):
        value = (value,)
    return tuple(s if isinstance(s, Proficiency) else Proficiency(name=s) for s in value)


#: `DEFAULT_SCALE` as `Proficiency` steps.
DEFAULT_STEPS: tuple[Proficiency, ...] = tuple(Proficiency(name=n) for n in DEFAULT_SCALE)


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
        scale: The competency's own proficiency steps, lowest first (names or
            `Proficiency` objects); empty means the ladder's scale.
        sources: Ids of the ladder's references this competency rests on.

    Example:
        >>> Competency(id="communication", name="Communication", sources="handbook").sources
        ('handbook',)
        >>> tech = Competency(id="technology", name="Technology", scale=["adopts", "specializes"])
        >>> [step.name for step in tech.scale]
        ['adopts', 'specializes']

    .. versionadded:: 0.1.0
    """

    id: str
    name: str
    description: str = ""
    category: str | None = None
    scale: tuple[Proficiency, ...] = attrs.field(default=(), converter=steps)
    sources: tuple[str, ...] = attrs.field(default=(), converter=_strings)


@attrs.frozen(kw_only=True)
class Expectation:
    """
    What a role expects of one competency.

    Attributes:
        competency: Id of the competency.
        level: Step on the competency's proficiency scale (its own, or the
            ladder's), 1 for its lowest; inside a `Ladder` it may be given by
            the step's name, which the ladder turns into its number.
        description: The behaviour someone at this level shows, in a line.
        examples: Observable behaviours that show it.
        sources: Ids of the ladder's references this expectation rests on.

    Example:
        >>> Expectation(competency="communication", level=3).level
        3
        >>> Expectation(competency="communication", level=3, examples="Writes design docs").examples
        ('Writes design docs',)

    .. versionadded:: 0.1.0
    """

    competency: str
    level: int
    description: str = ""
    examples: tuple[str, ...] = attrs.field(default=(), converter=_strings)
    sources: tuple[str, ...] = attrs.field(default=(), converter=_strings)


def _expectations(
    value: Iterable[Expectation] | Mapping[str, int | str | Expectation],
) -> tuple[Expectation, ...]:
    # `{competency: level}` reads as a ladder file writes it.
    if isinstance(value, Mapping):
        return tuple(
            v if isinstance(v, Expectation) else Expectation(competency=k, level=v)  # type: ignore[arg-type]
            for k, v in value.items()
        )
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
            per competency, as `Expectation` objects or a mapping
            ``{competency: level}``. Roles that list the same expectations in
            another order are equal.
        min_points: Under a ladder's points rule (`PromotionRule`), the points
            a person needs to reach the role.
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
        Expectation(competency='communication', level=3, description='', examples=(), sources=())

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
    min_points: int | float | None = None
    sources: tuple[str, ...] = attrs.field(default=(), converter=_strings)

    def replace(self, **changes: Any) -> Role:  # noqa: ANN401 -- any field's value
        """
        Return a copy of the role with the fields in *changes* replaced.

        Example:
            >>> Role(id="pm", title="PM", level=2).replace(track="ic").track
            'ic'
        """
        return attrs.evolve(self, **changes)

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


def _points(value: Iterable[float]) -> tuple[float, ...]:
    return tuple(value)


@attrs.frozen(kw_only=True)
class PromotionRule:
    """
    How readiness for a role is judged, for every role of a ladder.

    Attributes:
        kind: ``"all"``: every expectation met (the default). ``"most"``: at
            most *allowed_gaps* expectations unmet and/or at least *min_share*
            of them met. ``"points"``: the steps a person shows in every
            competency earn *points*, and a role is reached when their sum
            reaches the role's ``min_points``, whatever the spread.
        allowed_gaps: Under ``"most"``, how many expectations may be unmet.
        min_share: Under ``"most"``, the share of expectations (0 to 1) that
            must be met.
        points: Under ``"points"``, what each step earns: ``points[0]`` for
            step 0 ("not yet"), ``points[1]`` for the first step, and so on,
            for every competency.

    Example:
        >>> rule = PromotionRule(kind="points", points=[0, 1, 3, 6, 12, 20])
        >>> rule.points[3]
        6

    .. versionadded:: 0.1.0
    """

    kind: Literal["all", "most", "points"] = "all"
    allowed_gaps: int | None = None
    min_share: float | None = None
    points: tuple[float, ...] = attrs.field(default=(), converter=_points)
