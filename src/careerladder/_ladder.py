"""
The ladder: roles, competencies and the promotions between them.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, cast

import attrs

from ._check import check, lint
from ._model import (
    DEFAULT_STEPS,
    Competency,
    Expectation,
    Move,
    Proficiency,
    Promotion,
    PromotionRule,
    Reference,
    Role,
    steps,
)
from ._problems import LadderError, Problem, fail, suggest
from ._problems import quote as _q

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    import networkx as nx
    from matplotlib.axes import Axes

    from ._assessment import Assessment
    from ._readiness import Readiness


def _promotions(
    value: Iterable[Promotion | tuple[str, str]] | Mapping[str, str],
) -> tuple[Promotion, ...]:
    if isinstance(value, Mapping):  # {source: target}
        value = value.items()
    return tuple(
        p if isinstance(p, Promotion) else Promotion(source=p[0], target=p[1]) for p in value
    )


def _moves(value: Iterable[Move | tuple[str, str]] | Mapping[str, str]) -> tuple[Move, ...]:
    if isinstance(value, Mapping):
        value = value.items()
    return tuple(m if isinstance(m, Move) else Move(source=m[0], target=m[1]) for m in value)


def _codes(value: str | Iterable[str]) -> tuple[str, ...]:
    return (value,) if isinstance(value, str) else tuple(value)


# One converter per field: the attrs mypy plugin cannot solve a generic `tuple`.
def _competencies(value: Iterable[Competency]) -> tuple[Competency, ...]:
    return tuple(value)


def _roles(value: Iterable[Role]) -> tuple[Role, ...]:
    return tuple(value)


def _references(value: Iterable[Reference]) -> tuple[Reference, ...]:
    return tuple(value)


def _named(expectation: Expectation) -> bool:
    """Whether the level is given by a step's name (while a ladder is being built)."""
    level: object = expectation.level
    return isinstance(level, str)


RoleKey = str | Role
"""A role as the queries accept it: its id, title or an alias (any case), or the `Role`."""

CompetencyKey = str | Competency
"""A competency as the queries accept it: its id or name (any case), or the `Competency`."""


@attrs.frozen(kw_only=True, repr=False, cache_hash=True)
class Ladder:
    """
    A career ladder: roles, what they expect, and the promotions between them.

    A ladder is immutable and always valid: construction checks every
    invariant and raises one `LadderError` listing every problem. Methods such
    as `add_role` return a new, checked ladder; so does `attrs.evolve`.

    Args:
        id: Short unique name of the ladder.
        name: Human-readable name.
        description: What the ladder is for.
        scale: The proficiency steps, lowest first, as names or `Proficiency`
            objects; expectation levels are positions on it, starting at 1,
            for every competency that has no scale of its own.
        competencies: What the ladder measures.
        roles: The rungs, in any order.
        promotions: `Promotion` objects or plain ``(source, target)`` pairs of
            role ids. They form a set: two ladders that list the same
            promotions in another order are equal.
        moves: Lateral `Move` objects or ``(source, target)`` pairs between
            roles on the same level; a set, like promotions.
        promotion_rule: How readiness is judged (`PromotionRule`): every
            expectation met by default.
        ignore: Lint codes switched off for this ladder, such as
            ``unused-competency``; `lint` leaves them out.
        references: The documents that ``sources`` fields cite.

    Raises:
        LadderError: If an invariant does not hold.

    Example:
        >>> ladder = Ladder(
        ...     id="tiny",
        ...     name="Tiny",
        ...     competencies=[Competency(id="delivery", name="Delivery")],
        ...     roles=[
        ...         Role(
        ...             id="pm",
        ...             title="Product Manager",
        ...             level=2,
        ...             expectations=[Expectation(competency="delivery", level=3)],
        ...         ),
        ...         Role(
        ...             id="apm",
        ...             title="Associate Product Manager",
        ...             level=1,
        ...             aliases=["APM"],
        ...             expectations=[Expectation(competency="delivery", level=2)],
        ...         ),
        ...     ],
        ...     promotions=[("apm", "pm")],
        ... )
        >>> [role.id for role in ladder]
        ['apm', 'pm']
        >>> ladder.role("apm").title
        'Associate Product Manager'
        >>> [role.id for role in ladder.next_roles("APM")]
        ['pm']

    .. versionadded:: 0.1.0
    """

    id: str
    name: str
    description: str = ""
    scale: tuple[Proficiency, ...] = attrs.field(default=DEFAULT_STEPS, converter=steps)
    competencies: tuple[Competency, ...] = attrs.field(default=(), converter=_competencies)
    roles: tuple[Role, ...] = attrs.field(default=(), converter=_roles)
    # Promotions are a set of edges: their order carries no meaning.
    promotions: tuple[Promotion, ...] = attrs.field(default=(), converter=_promotions, eq=frozenset)
    moves: tuple[Move, ...] = attrs.field(default=(), converter=_moves, eq=frozenset)
    promotion_rule: PromotionRule = attrs.field(factory=PromotionRule)
    ignore: tuple[str, ...] = attrs.field(default=(), converter=_codes)
    references: tuple[Reference, ...] = attrs.field(default=(), converter=_references)

    def __attrs_post_init__(self) -> None:
        if any(_named(e) for role in self.roles for e in role.expectations):
            # A level given by its step's name becomes its number, where it names one.
            object.__setattr__(self, "roles", tuple(self._numbered(role) for role in self.roles))
        problems = check(self)
        if problems:
            raise LadderError(problems)

    def __repr__(self) -> str:
        return (
            f"<Ladder {self.id!r}: {len(self.roles)} roles, {len(self.competencies)} "
            f"competencies, {len(self.promotions)} promotions"
            + (f", {len(self.moves)} moves>" if self.moves else ">")
        )

    def _numbered(self, role: Role) -> Role:
        if not any(_named(e) for e in role.expectations):
            return role
        scales = {c.id: c.scale or self.scale for c in self.competencies}
        numbered = []
        for e in role.expectations:
            level: object = e.level
            if isinstance(level, str):
                steps = scales.get(e.competency, ())
                names = {step.name.casefold(): i for i, step in enumerate(steps, 1)}
                level = names.get(level.strip().casefold(), level)
            numbered.append(attrs.evolve(e, level=level))  # type: ignore[arg-type]
        return attrs.evolve(role, expectations=numbered)

    # -- derived indexes (never a second source of truth) ---------------------------

    @functools.cached_property
    def _by_id(self) -> dict[str, Role]:
        return {role.id: role for role in self.roles}

    @functools.cached_property
    def _by_name(self) -> dict[str, Role]:
        index: dict[str, Role] = {}
        for role in self.roles:
            for name in role.titles:
                index[name.casefold()] = role
        # Ids win over titles: an id is what a program passes.
        for role in self.roles:
            index[role.id.casefold()] = role
        return index

    @functools.cached_property
    def _ordered(self) -> tuple[Role, ...]:
        return tuple(sorted(self.roles, key=lambda role: role.level))

    @functools.cached_property
    def _rank(self) -> dict[str, int]:
        return {role.id: i for i, role in enumerate(self._ordered)}

    def _edges(
        self, start: str, end: str, kind: Iterable[Promotion | Move] | None = None
    ) -> dict[str, tuple[str, ...]]:
        edges: dict[str, list[str]] = {role.id: [] for role in self.roles}
        for promotion in self.promotions if kind is None else kind:
            edges[getattr(promotion, start)].append(getattr(promotion, end))
        rank = self._rank.__getitem__  # once: each lookup of a cached property costs a call
        return {k: tuple(sorted(v, key=rank)) if v else () for k, v in edges.items()}

    @functools.cached_property
    def _next(self) -> dict[str, tuple[str, ...]]:
        return self._edges("source", "target")

    @functools.cached_property
    def _previous(self) -> dict[str, tuple[str, ...]]:
        return self._edges("target", "source")

    @functools.cached_property
    def _lateral(self) -> dict[str, tuple[str, ...]]:
        return self._edges("source", "target", self.moves)

    @functools.cached_property
    def _moved_into(self) -> frozenset[str]:
        # Reached sideways from a role people are promoted into: not a start.
        return frozenset(m.target for m in self.moves if self._previous[m.source])

    @functools.cached_property
    def career_graph(self) -> nx.DiGraph[str]:
        """
        Promotions and lateral moves as one frozen networkx `~networkx.DiGraph`.

        The nodes are those of `graph`; each edge's ``kind`` is
        ``"promotion"`` or ``"move"``, and it carries the `Promotion` or `Move`
        under that name. Unlike `graph`, it may hold cycles (a two-way move).

        Example:
            >>> ladder = Ladder(
            ...     id="l",
            ...     name="L",
            ...     roles=[
            ...         Role(id="d4", title="Developer 4", level=4, track="ic"),
            ...         Role(id="tl4", title="Tech Lead 4", level=4, track="lead"),
            ...     ],
            ...     moves=[("d4", "tl4"), ("tl4", "d4")],
            ... )
            >>> ladder.career_graph.edges["d4", "tl4"]["kind"]
            'move'
        """
        import networkx as nx  # noqa: PLC0415 -- costly import, needed only here

        graph: nx.DiGraph[str] = nx.DiGraph(id=self.id, name=self.name)
        for role in self._ordered:
            graph.add_node(role.id, role=role)
        for promotion in self.promotions:
            graph.add_edge(
                promotion.source, promotion.target, kind="promotion", promotion=promotion
            )
        for move in self.moves:
            graph.add_edge(move.source, move.target, kind="move", move=move)
        return cast("nx.DiGraph[str]", nx.freeze(graph))

    @functools.cached_property
    def graph(self) -> nx.DiGraph[str]:
        """
        The promotion paths as a frozen networkx `~networkx.DiGraph`.

        Nodes are role ids with the `Role` under ``"role"``; edges carry the
        `Promotion` under ``"promotion"``. The graph is built on first use from
        the ladder's roles and promotions and cannot be changed.

        Example:
            >>> from careerladder import presets
            >>> graph = presets.load("six-step").graph
            >>> sorted(graph.successors("pm"))
            ['senior-pm']
            >>> graph.nodes["pm"]["role"].title
            'Product Manager'
        """
        import networkx as nx  # noqa: PLC0415 -- costly import, needed only here

        graph: nx.DiGraph[str] = nx.DiGraph(id=self.id, name=self.name)
        for role in self._ordered:
            graph.add_node(role.id, role=role)
        for promotion in self.promotions:
            graph.add_edge(promotion.source, promotion.target, promotion=promotion)
        return cast("nx.DiGraph[str]", nx.freeze(graph))

    # -- queries ---------------------------------------------------------------------

    def __iter__(self) -> Iterator[Role]:
        """Iterate over the roles, lowest level first."""
        return iter(self._ordered)

    def __len__(self) -> int:
        """Return the number of roles."""
        return len(self.roles)

    def __contains__(self, key: object) -> bool:
        """Whether a role with this id, title or alias, or this `Role`, is on the ladder."""
        if isinstance(key, Role):
            return self._by_id.get(key.id) == key
        return isinstance(key, str) and key.casefold() in self._by_name

    def role(self, key: RoleKey) -> Role:
        """
        Return the role with this id, title or alias (any case).

        Args:
            key: An id, title or alias, or a `Role` of this ladder.

        Raises:
            LadderError: If no role matches; the message suggests the closest.

        Example:
            >>> from careerladder import presets
            >>> ladder = presets.load("six-step")
            >>> ladder.role("senior product manager").id
            'senior-pm'
            >>> ladder.role("Senior PN")
            Traceback (most recent call last):
            ...
            careerladder.LadderError: error unknown-role: no role 'Senior PN' on ladder 'six-step'; did you mean 'Senior PM'?
        """  # noqa: E501
        if isinstance(key, Role):
            if self._by_id.get(key.id) == key:
                return key
            key = key.id
        found = self._by_name.get(str(key).casefold())
        if found is None:
            names = [name for role in self.roles for name in (role.id, *role.titles)]
            raise fail(
                code="unknown-role",
                message=f"no role {_q(key)} on ladder {_q(self.id)}{suggest(str(key), names)}",
            )
        return found

    def competency(self, key: CompetencyKey) -> Competency:
        """
        Return the competency with this id or name (any case).

        Raises:
            LadderError: If no competency matches; the message suggests the closest.

        Example:
            >>> from careerladder import presets
            >>> presets.load("six-step").competency("Communication").id
            'communication'
        """
        wanted = key.id if isinstance(key, Competency) else key
        folded = str(wanted).casefold()
        for competency in self.competencies:
            if folded in (competency.id.casefold(), competency.name.casefold()):
                return competency
        names = [n for c in self.competencies for n in (c.id, c.name)]
        raise fail(
            code="unknown-competency",
            message=f"no competency {_q(wanted)} on ladder {_q(self.id)}"
            f"{suggest(str(wanted), names)}",
        )

    def scale_of(self, competency: CompetencyKey) -> tuple[Proficiency, ...]:
        """
        Return the proficiency steps of *competency*: its own, else the ladder's.

        Example:
            >>> ladder = Ladder(
            ...     id="l",
            ...     name="L",
            ...     competencies=[
            ...         Competency(id="tech", name="Technology", scale=["adopts", "specializes"]),
            ...         Competency(id="talk", name="Communication"),
            ...     ],
            ... )
            >>> [s.name for s in ladder.scale_of("tech")], len(ladder.scale_of("talk"))
            (['adopts', 'specializes'], 5)
        """
        return self.competency(competency).scale or self.scale

    def next_roles(self, role: RoleKey) -> tuple[Role, ...]:
        """
        Return the roles *role* can be promoted to, lowest level first.

        Example:
            >>> from careerladder import presets
            >>> [r.id for r in presets.load("six-step").next_roles("pm")]
            ['senior-pm']
        """
        return tuple(self._by_id[i] for i in self._next[self.role(role).id])

    def previous_roles(self, role: RoleKey) -> tuple[Role, ...]:
        """
        Return the roles that can be promoted to *role*, lowest level first.

        Example:
            >>> from careerladder import presets
            >>> [r.id for r in presets.load("six-step").previous_roles("pm")]
            ['apm']
        """
        return tuple(self._by_id[i] for i in self._previous[self.role(role).id])

    def lateral_roles(self, role: RoleKey) -> tuple[Role, ...]:
        """
        Return the roles *role* can move to sideways, on the same level.

        Example:
            >>> ladder = Ladder(
            ...     id="l",
            ...     name="L",
            ...     roles=[
            ...         Role(id="d4", title="Developer 4", level=4),
            ...         Role(id="tl4", title="Tech Lead 4", level=4),
            ...     ],
            ...     moves=[("d4", "tl4")],
            ... )
            >>> [r.id for r in ladder.lateral_roles("Developer 4")], ladder.lateral_roles("tl4")
            (['tl4'], ())
        """
        return tuple(self._by_id[i] for i in self._lateral[self.role(role).id])

    def entry_roles(self) -> tuple[Role, ...]:
        """
        Return the roles people start in, lowest level first.

        Those no promotion leads to and no move leads to from a role that is
        promoted into (roles joined only by moves among themselves, such as the
        two first rungs of two tracks, are all entry roles), and those marked
        ``entry`` (see `Role`).

        Example:
            >>> from careerladder import presets
            >>> [r.id for r in presets.load("six-step").entry_roles()]
            ['apm']
        """
        return tuple(
            role
            for role in self
            if role.entry or not (self._previous[role.id] or role.id in self._moved_into)
        )

    def top_roles(self) -> tuple[Role, ...]:
        """
        Return the roles no promotion leads away from, lowest level first.

        Example:
            >>> from careerladder import presets
            >>> [r.id for r in presets.load("six-step").top_roles()]
            ['cpo']
        """
        return tuple(role for role in self if not self._next[role.id])

    def paths(self, source: RoleKey, target: RoleKey) -> Iterator[tuple[Role, ...]]:
        """
        Iterate over every promotion path from *source* to *target*, shortest first.

        Paths are produced lazily: a large ladder with many cross-track
        promotions can hold very many. There are none if *target* cannot be
        reached; a role's only path to itself is the role alone.

        Example:
            >>> from careerladder import presets
            >>> ladder = presets.load("six-step")
            >>> [[r.id for r in path] for path in ladder.paths("senior-pm", "vp-product")]
            [['senior-pm', 'director-product', 'vp-product']]
            >>> list(ladder.paths("cpo", "apm"))
            []
        """
        start, end = self.role(source).id, self.role(target).id
        return self._paths(start, end)

    def _paths(self, start: str, end: str) -> Iterator[tuple[Role, ...]]:
        import networkx as nx  # noqa: PLC0415 -- costly import, needed only here

        if start == end:
            yield (self._by_id[start],)
        elif nx.has_path(self.graph, start, end):
            for path in nx.shortest_simple_paths(self.graph, start, end):
                yield tuple(self._by_id[i] for i in path)

    def expectation(self, role: RoleKey, competency: CompetencyKey) -> Expectation | None:
        """
        Return what *role* expects of *competency*, or ``None`` if it expects nothing.

        Raises:
            LadderError: If the role or the competency is not on the ladder.

        Example:
            >>> from careerladder import presets
            >>> presets.load("six-step").expectation("pm", "communication").level
            3
        """
        found = self.role(role)
        return found.expectation(self.competency(competency).id)

    def gap(self, source: RoleKey, target: RoleKey) -> tuple[Expectation, ...]:
        """
        Return the expectations of *target* that are higher than those of *source*.

        An expectation *source* does not have at all counts as a rise. The
        result is in *target*'s order; compare each with
        ``ladder.expectation(source, e.competency)`` to see by how much it rises.

        Example:
            >>> from careerladder import presets
            >>> ladder = presets.load("six-step")
            >>> [(e.competency, e.level) for e in ladder.gap("pm", "senior-pm")][:3]
            [('strategic-thinking', 4), ('leadership', 4), ('collaboration-influence', 4)]
            >>> ladder.expectation("pm", "leadership").level
            3
        """
        before, after = self.role(source), self.role(target)
        rises = []
        for expectation in after.expectations:
            previous = before.expectation(expectation.competency)
            if previous is None or previous.level < expectation.level:
                rises.append(expectation)
        return tuple(rises)

    def readiness(self, assessment: Assessment, role: RoleKey) -> Readiness:
        """
        Compare one person's *assessment* with what *role* expects.

        Raises:
            LadderError: If the role is not on the ladder, or the assessment
                names a competency the ladder does not measure or a level off
                its scale.

        Example:
            >>> from careerladder import Assessment, presets
            >>> ladder = presets.load("six-step")
            >>> levels = {e.competency: e.level for e in ladder.role("pm").expectations}
            >>> report = ladder.readiness(Assessment(levels=levels), "pm")
            >>> report.ready, report.score, report.gaps
            (True, 1.0, ())
        """
        from ._readiness import readiness  # noqa: PLC0415 -- analysis loads on first use

        return readiness(self, assessment, role)

    def next_steps(self, assessment: Assessment, current: RoleKey) -> tuple[Readiness, ...]:
        """
        Return the readiness for each promotion and move out of *current*, most ready first.

        Each report's ``step`` says which: ``"promotion"`` or ``"move"``.

        Example:
            >>> from careerladder import Assessment, presets
            >>> ladder = presets.load("seven-step-gpm").add_role(
            ...     Role(
            ...         id="principal-pm",
            ...         title="Principal PM",
            ...         level=4,
            ...         track="ic",
            ...         expectations=[Expectation(competency="product-execution", level=4)],
            ...     ),
            ...     promoted_from=["senior-pm"],
            ... )
            >>> ada = Assessment(levels={"product-execution": 4, "communication": 4})
            >>> [(r.role.id, round(r.score, 2)) for r in ladder.next_steps(ada, "senior-pm")]
            [('principal-pm', 1.0), ('group-pm', 0.11)]
        """
        from ._readiness import next_steps  # noqa: PLC0415 -- analysis loads on first use

        return next_steps(self, assessment, current)

    def best_fit(self, assessment: Assessment, top: int = 3) -> tuple[Readiness, ...]:
        """
        Return the roles *assessment* fits best, on every track: where does the person sit?

        The roles the person is ready for come first, most senior first; then
        the closest ones not yet reached, by score and by how much is missing.
        Readiness is judged by the ladder's `PromotionRule`; roles with nothing
        to judge them by are left out.

        Example:
            >>> from careerladder import Assessment, presets
            >>> ladder = presets.load("six-step")
            >>> levels = {e.competency: e.level for e in ladder.role("pm").expectations}
            >>> [(r.role.id, r.ready) for r in ladder.best_fit(Assessment(levels=levels), top=2)]
            [('pm', True), ('apm', True)]

        .. versionadded:: 0.1.0
        """
        from ._readiness import best_fit  # noqa: PLC0415 -- analysis loads on first use

        return best_fit(self, assessment, top)

    def lint(self) -> tuple[Problem, ...]:
        """
        Return what the ladder should fix but may keep, as warnings.

        The lints: an expectation that drops along a promotion
        (``expectation-drops``); a role above the entry level that no promotion
        leads to (``unreachable-role``); a competency no role expects
        (``unused-competency``); a role with no expectations
        (``no-expectations``). ``careerladder validate --strict`` treats them as
        errors.

        Example:
            >>> ladder = Ladder(
            ...     id="l",
            ...     name="L",
            ...     competencies=[Competency(id="craft", name="Craft")],
            ...     roles=[Role(id="a", title="A", level=1)],
            ... )
            >>> for problem in ladder.lint():
            ...     print(problem)
            warning no-expectations: role 'a' (roles[0]) has no expectations; say what it expects of at least one competency
            warning unused-competency: no role expects competency 'craft' (competencies[0]); add an expectation for it or remove it
        """  # noqa: E501
        ignored = set(self.ignore)
        return tuple(p for p in lint(self) if p.code not in ignored)

    # -- pictures and renderings ----------------------------------------------------

    def to_markdown(self) -> str:
        r"""
        Render as Markdown: the roles by level and track, and the competency matrix.

        Levels run from the most senior down; a track column named
        ``(no track)`` holds the roles without a track. The matrix has a row
        per role (lowest level first) and a column per competency, holding the
        expected level; an empty cell means the role expects nothing there.

        Example:
            >>> from careerladder import presets
            >>> text = presets.load("six-step").to_markdown()
            >>> print("\n".join(text.splitlines()[6:9]))
            | Level | ic | management |
            |---|---|---|
            | 6 |  | Chief Product Officer |
        """
        from ._display import ladder_markdown  # noqa: PLC0415 -- rendering on demand

        return ladder_markdown(self)

    def to_mermaid(self) -> str:
        """
        Render the promotions as a Mermaid flowchart, most senior at the top.

        One node per role, labelled with its title and level; one edge per
        promotion; one subgraph per track when there are several. GitHub,
        GitLab and most Markdown tools draw it from a ``mermaid`` code block.

        Example:
            >>> from careerladder import presets
            >>> print(presets.load("six-step").to_mermaid().splitlines()[1])
                subgraph t0["ic"]
        """
        from ._display import ladder_mermaid  # noqa: PLC0415 -- rendering on demand

        return ladder_mermaid(self)

    def to_dot(self) -> str:
        """
        Render the promotions as a Graphviz ``digraph``, most senior at the top.

        Nodes are role ids labelled with title and level; each track with a
        name becomes a cluster when there are several. ``dot -Tsvg`` draws it.

        Example:
            >>> from careerladder import presets
            >>> dot = presets.load("six-step").to_dot()
            >>> [line.strip() for line in dot.splitlines() if "->" in line][0]
            '"apm" -> "pm";'
        """
        from ._display import ladder_dot  # noqa: PLC0415 -- rendering on demand

        return ladder_dot(self)

    def plot(self, ax: Axes | None = None) -> Axes:
        r"""
        Draw the promotion diagram with matplotlib (the ``plot`` extra).

        One row per level, lowest at the bottom; one column per track, side by
        side; an arrow per promotion. Long titles wrap so that every one stays
        legible; the figure grows with the number of tracks and levels.

        Args:
            ax: The axes to draw on; by default a new figure sized to fit.

        Returns:
            The axes drawn on.

        Example:
            >>> from careerladder import presets
            >>> ax = presets.load("six-step").plot()
            >>> ax.get_title()
            'Six-step product management ladder'
            >>> [text.get_text() for text in ax.texts][:2]
            ['Associate Product\nManager', 'Product Manager']

        .. versionadded:: 0.1.0
        """
        from ._plot import plot_ladder  # noqa: PLC0415 -- an optional extra

        return plot_ladder(self, ax)

    def plot_matrix(self, ax: Axes | None = None) -> Axes:
        """
        Draw the role x competency heatmap of expected levels (the ``plot`` extra).

        Args:
            ax: The axes to draw on; by default a new figure sized to fit.

        Returns:
            The axes drawn on, with a colour bar naming the scale levels.

        Example:
            >>> from careerladder import presets
            >>> ax = presets.load("six-step").plot_matrix()
            >>> ax.get_yticklabels()[0].get_text()
            'Associate Product Manager'

        .. versionadded:: 0.1.0
        """
        from ._plot import plot_matrix  # noqa: PLC0415 -- an optional extra

        return plot_matrix(self, ax)

    def _repr_html_(self) -> str:
        """Show the ladder as tables in Jupyter."""
        from ._display import ladder_html  # noqa: PLC0415 -- rendering on demand

        return ladder_html(self)

    def _repr_markdown_(self) -> str:
        """Show the ladder as Markdown tables where HTML is not wanted."""
        return self.to_markdown()

    # -- evolving --------------------------------------------------------------------

    def _replace_role(self, old: Role, new: Role) -> tuple[Role, ...]:
        return tuple(new if role is old else role for role in self.roles)

    def add_role(
        self,
        role: Role,
        *,
        promoted_from: Iterable[RoleKey] = (),
        promotes_to: Iterable[RoleKey] = (),
    ) -> Ladder:
        """
        Return a new ladder with *role* and, optionally, promotions into and out of it.

        Args:
            role: The new role; its id, title and aliases must be new to the ladder.
            promoted_from: Roles that can be promoted to *role*.
            promotes_to: Roles *role* can be promoted to.

        Raises:
            LadderError: If the result would be invalid.

        Example:
            >>> from careerladder import presets
            >>> ladder = presets.load("six-step")
            >>> principal = Role(id="principal-pm", title="Principal PM", level=4, track="ic")
            >>> bigger = ladder.add_role(principal, promoted_from=["senior-pm"])
            >>> [r.id for r in bigger.next_roles("senior-pm")]
            ['director-product', 'principal-pm']
        """
        new = [Promotion(source=self.role(key).id, target=role.id) for key in promoted_from]
        new += [Promotion(source=role.id, target=self.role(key).id) for key in promotes_to]
        return attrs.evolve(self, roles=(*self.roles, role), promotions=(*self.promotions, *new))

    def remove_role(self, role: RoleKey, *, bridge: bool = False) -> Ladder:
        """
        Return a new ladder without *role* and without every promotion into or out of it.

        Args:
            role: The role to remove.
            bridge: Also promote every role that led to *role* to every role
                *role* led to, so that the ladder stays connected.

        Raises:
            LadderError: If the role is not on the ladder.

        Example:
            >>> from careerladder import presets
            >>> ladder = presets.load("six-step")
            >>> shorter = ladder.remove_role("director-product", bridge=True)
            >>> [r.id for r in shorter.next_roles("senior-pm")]
            ['vp-product']
            >>> [r.id for r in ladder.remove_role("director-product").next_roles("senior-pm")]
            []
        """
        gone = self.role(role).id
        moves = [m for m in self.moves if gone not in m.pair]
        promotions = [p for p in self.promotions if gone not in p.pair]
        if bridge:
            existing = {p.pair for p in promotions}
            promotions += [
                Promotion(source=before, target=after)
                for before in self._previous[gone]
                for after in self._next[gone]
                if (before, after) not in existing
            ]
        return attrs.evolve(
            self,
            roles=[r for r in self.roles if r.id != gone],
            promotions=promotions,
            moves=moves,
        )

    def add_promotion(
        self, source: RoleKey, target: RoleKey, *, criteria: Iterable[str] = ()
    ) -> Ladder:
        """
        Return a new ladder where *source* can be promoted to *target*.

        Raises:
            LadderError: If the promotion exists already, does not rise, or
                closes a cycle.

        Example:
            >>> from careerladder import presets
            >>> ladder = presets.load("six-step").add_promotion("senior-pm", "vp-product")
            >>> [r.id for r in ladder.next_roles("senior-pm")]
            ['director-product', 'vp-product']
        """
        promotion = Promotion(
            source=self.role(source).id, target=self.role(target).id, criteria=tuple(criteria)
        )
        return attrs.evolve(self, promotions=(*self.promotions, promotion))

    def remove_promotion(self, source: RoleKey, target: RoleKey) -> Ladder:
        """
        Return a new ladder without the promotion from *source* to *target*.

        Raises:
            LadderError: If there is no such promotion.

        Example:
            >>> from careerladder import presets
            >>> ladder = presets.load("six-step").remove_promotion("pm", "senior-pm")
            >>> ladder.next_roles("pm")
            ()
        """
        pair = (self.role(source).id, self.role(target).id)
        kept = [p for p in self.promotions if p.pair != pair]
        if len(kept) == len(self.promotions):
            raise fail(
                code="unknown-promotion",
                message=f"no promotion {_q(pair[0])} -> {_q(pair[1])} on ladder {_q(self.id)}",
            )
        return attrs.evolve(self, promotions=kept)

    def replace(self, **changes: Any) -> Ladder:  # noqa: ANN401 -- any field's value
        """
        Return a new, checked ladder with the fields in *changes* replaced.

        Raises:
            LadderError: If the result would be invalid.

        Example:
            >>> from careerladder import presets
            >>> presets.load("six-step").replace(name="Our product ladder").name
            'Our product ladder'
        """
        return attrs.evolve(self, **changes)

    def update_role(self, role: RoleKey, **changes: Any) -> Ladder:  # noqa: ANN401
        """
        Return a new ladder where *role* has the fields in *changes* replaced.

        An id changed here is changed in the promotions and moves too.

        Raises:
            LadderError: If the role is not on the ladder, or the result would be invalid.

        Example:
            >>> from careerladder import presets
            >>> ladder = presets.load("six-step").update_role("Senior PM", track="ic", level=3)
            >>> ladder.role("senior-pm").track
            'ic'
        """
        old = self.role(role)
        new = attrs.evolve(old, **changes)
        fields: dict[str, Any] = {"roles": self._replace_role(old, new)}
        if new.id != old.id:
            rename = {old.id: new.id}
            fields["promotions"] = [
                attrs.evolve(
                    p, source=rename.get(p.source, p.source), target=rename.get(p.target, p.target)
                )
                for p in self.promotions
            ]
            fields["moves"] = [
                attrs.evolve(
                    m, source=rename.get(m.source, m.source), target=rename.get(m.target, m.target)
                )
                for m in self.moves
            ]
        return attrs.evolve(self, **fields)

    def add_move(self, source: RoleKey, target: RoleKey, *, criteria: Iterable[str] = ()) -> Ladder:
        """
        Return a new ladder where people in *source* can move sideways to *target*.

        Raises:
            LadderError: If the move exists already, the two roles are on
                different levels, or a promotion joins them.

        Example:
            >>> ladder = Ladder(
            ...     id="l",
            ...     name="L",
            ...     roles=[Role(id="a", title="A", level=2), Role(id="b", title="B", level=2)],
            ... )
            >>> [r.id for r in ladder.add_move("a", "b").lateral_roles("a")]
            ['b']
        """
        move = Move(source=self.role(source).id, target=self.role(target).id, criteria=criteria)
        return attrs.evolve(self, moves=(*self.moves, move))

    def remove_move(self, source: RoleKey, target: RoleKey) -> Ladder:
        """
        Return a new ladder without the move from *source* to *target*.

        Raises:
            LadderError: If there is no such move.

        Example:
            >>> ladder = Ladder(
            ...     id="l",
            ...     name="L",
            ...     roles=[Role(id="a", title="A", level=2), Role(id="b", title="B", level=2)],
            ...     moves=[("a", "b")],
            ... )
            >>> ladder.remove_move("a", "b").moves
            ()
        """
        pair = (self.role(source).id, self.role(target).id)
        kept = [m for m in self.moves if m.pair != pair]
        if len(kept) == len(self.moves):
            raise fail(
                "unknown-move",
                f"no move {_q(pair[0])} -> {_q(pair[1])} on ladder {_q(self.id)}",
            )
        return attrs.evolve(self, moves=kept)

    def add_competency(self, competency: Competency) -> Ladder:
        """
        Return a new ladder that also measures *competency*.

        Example:
            >>> from careerladder import presets
            >>> ladder = presets.load("six-step")
            >>> ladder = ladder.add_competency(Competency(id="ai-literacy", name="AI literacy"))
            >>> ladder.competency("AI literacy").id
            'ai-literacy'
        """
        return attrs.evolve(self, competencies=(*self.competencies, competency))

    def remove_competency(self, competency: CompetencyKey) -> Ladder:
        """
        Return a new ladder without *competency* and without every expectation of it.

        Example:
            >>> from careerladder import presets
            >>> ladder = presets.load("six-step").remove_competency("communication")
            >>> ladder.expectation("pm", "strategic-thinking").competency
            'strategic-thinking'
            >>> "communication" in {e.competency for r in ladder for e in r.expectations}
            False
        """
        gone = self.competency(competency).id
        roles = [
            attrs.evolve(r, expectations=[e for e in r.expectations if e.competency != gone])
            for r in self.roles
        ]
        return attrs.evolve(
            self,
            competencies=[c for c in self.competencies if c.id != gone],
            roles=roles,
        )

    def add_expectation(self, role: RoleKey, expectation: Expectation) -> Ladder:
        """
        Return a new ladder where *role* has *expectation*.

        An expectation the role already has for the same competency is
        replaced, so this is also how a level is raised or lowered.

        Example:
            >>> from careerladder import presets
            >>> ladder = presets.load("six-step")
            >>> ladder = ladder.add_expectation(
            ...     "pm", Expectation(competency="communication", level=4)
            ... )
            >>> ladder.expectation("pm", "communication").level
            4
        """
        old = self.role(role)
        kept = [e for e in old.expectations if e.competency != expectation.competency]
        new = attrs.evolve(old, expectations=[*kept, expectation])
        return attrs.evolve(self, roles=self._replace_role(old, new))

    def remove_expectation(self, role: RoleKey, competency: CompetencyKey) -> Ladder:
        """
        Return a new ladder where *role* expects nothing of *competency*.

        Raises:
            LadderError: If the role has no expectation for the competency.

        Example:
            >>> from careerladder import presets
            >>> ladder = presets.load("six-step").remove_expectation("pm", "communication")
            >>> ladder.expectation("pm", "communication") is None
            True
        """
        old = self.role(role)
        gone = self.competency(competency).id
        if old.expectation(gone) is None:
            raise fail(
                code="unknown-expectation",
                message=f"role {_q(old.id)} has no expectation for competency {_q(gone)}",
            )
        new = attrs.evolve(old, expectations=[e for e in old.expectations if e.competency != gone])
        return attrs.evolve(self, roles=self._replace_role(old, new))
