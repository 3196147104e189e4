"""
The invariants every ladder holds, and the lints it should hold.

Both collect *every* problem rather than stopping at the first. Paths use
the names of the file format (``roles[2].expectations.communication``) so a
problem reads the same whether the ladder was built in Python or loaded from
a file, and the loader can find its line and column.
"""

from __future__ import annotations

import itertools
import math
import re
from typing import TYPE_CHECKING, Protocol

from ._problems import DocPath, Hints, Problem, format_path
from ._problems import quote as _q

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator

    from ._model import (
        Competency,
        Move,
        Proficiency,
        Promotion,
        PromotionRule,
        Reference,
        Role,
    )


class Parts(Protocol):
    """What the checks read of a ladder: its fields."""

    @property
    def id(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def scale(self) -> tuple[Proficiency, ...]: ...
    @property
    def competencies(self) -> tuple[Competency, ...]: ...
    @property
    def roles(self) -> tuple[Role, ...]: ...
    @property
    def promotions(self) -> tuple[Promotion, ...]: ...
    @property
    def references(self) -> tuple[Reference, ...]: ...
    @property
    def moves(self) -> tuple[Move, ...]: ...
    @property
    def ignore(self) -> tuple[str, ...]: ...
    @property
    def promotion_rule(self) -> PromotionRule: ...


def _same(path: DocPath) -> DocPath:
    return path


#: What an id looks like, as a JSON Schema pattern.
ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_-]*$"
_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*\Z")
_NOT_SLUG = re.compile(r"[^a-z0-9]+")

#: The codes of the lints, which `Ladder.ignore` and ``--ignore`` may switch off.
LINT_CODES = (
    "expectation-drops",
    "unreachable-role",
    "unused-competency",
    "no-expectations",
    "alias-fragment",
)

#: At most this many cycles are reported; each one found costs a pass over
#: the graph, and a hostile file could hold thousands.
MAX_CYCLES = 20


def slug(text: str) -> str:
    """
    Turn *text* into a valid id.

    Example:
        >>> slug("Senior PM (Growth)")
        'senior-pm-growth'
    """
    return _NOT_SLUG.sub("-", text.casefold()).strip("-") or "id"


class _Checker:
    """Collects the problems of one ladder."""

    def __init__(self, ladder: Parts, where: Callable[[DocPath], DocPath]) -> None:
        self.ladder = ladder
        self.where = where
        self.problems: list[Problem] = []
        self.hint = Hints()

    def show(self, path: DocPath) -> str:
        """A path as the reader of the ladder sees it."""
        return format_path(self.where(path))

    def add(self, code: str, message: str, path: DocPath) -> None:
        self.problems.append(Problem(code=code, message=message, path=self.where(path)))

    def text(self, value: object, path: DocPath, what: str) -> bool:
        """Check that *value* is a non-empty string; say what is wrong if not."""
        if not isinstance(value, str):
            self.add("wrong-type", f"{self.show(path)} must be a string, got {_q(value)}", path)
            return False
        if not value.strip():
            self.add("empty-field", f"{self.show(path)} is empty; give the {what}", path)
            return False
        return True

    def ident(self, value: object, path: DocPath, what: str) -> bool:
        """Check that *value* is a valid id."""
        if not self.text(value, path, f"{what} an id"):
            return False
        assert isinstance(value, str)  # noqa: S101 -- narrowed by text()
        if _ID.match(value) is None:
            self.add(
                "invalid-id",
                f"{what} id {_q(value)} in {self.show(path)} is not a valid id; use letters, "
                "digits, '-' and '_', starting with a letter or digit (for example "
                f"{_q(slug(value))})",
                path,
            )
            return False
        return True

    def integer(self, value: object, path: DocPath) -> bool:
        if not (_is_level(value) and isinstance(value, int)):
            self.add("wrong-type", f"{self.show(path)} must be an integer, got {_q(value)}", path)
            return False
        return True

    def number(self, value: object, path: DocPath) -> bool:
        if not _is_level(value):
            self.add("wrong-type", f"{self.show(path)} must be a number, got {_q(value)}", path)
            return False
        return True

    def unique(self, ids: Iterable[tuple[str, DocPath]], what: str) -> None:
        """Report ids seen twice; *ids* holds ``(id, path)`` pairs."""
        first: dict[str, DocPath] = {}
        for ident, path in ids:
            if ident in first:
                self.add(
                    "duplicate-id",
                    f"duplicate {what} id {_q(ident)} in {self.show(path)}; "
                    f"{self.show(first[ident])} already "
                    "uses it, and ids must be unique",
                    path,
                )
            else:
                first[ident] = path

    def sources(self, sources: tuple[str, ...], path: DocPath) -> None:
        known = self.reference_ids
        for index, source in enumerate(sources):
            if source not in known:
                hint = self.hint(source, known, "add it under references")
                here = (*path, "sources", index)
                self.add(
                    "unknown-source",
                    f"unknown source {_q(source)} in {self.show(here)}{hint}",
                    here,
                )

    # -- the ladder, part by part ------------------------------------------------

    def run(self) -> list[Problem]:
        ladder = self.ladder
        self.ident(ladder.id, ("id",), "the ladder")
        self.text(ladder.name, ("name",), "ladder a name")
        self.scale()
        self.references()
        self.competencies()
        self.roles()
        self.promotions()
        self.moves()
        self.ignored()
        self.rule()
        return self.problems

    def rule(self) -> None:
        """Check the promotion rule, and that ``min_points`` goes with the points rule."""
        rule = self.ladder.promotion_rule
        path: DocPath = ("promotion_rule",)
        if rule.kind not in ("all", "most", "points"):
            self.add(
                "invalid-rule",
                f"unknown promotion rule kind {_q(rule.kind)} in {self.show((*path, 'kind'))}; "
                "expected 'all', 'most' or 'points'",
                (*path, "kind"),
            )
        elif rule.kind == "most":
            self.most(rule, path)
        elif rule.kind == "points":
            self.points(rule, path)
        if rule.kind != "points":
            for index, role in enumerate(self.ladder.roles):
                if role.min_points is not None:
                    here = ("roles", index, "min_points")
                    self.add(
                        "invalid-rule",
                        f"{self.show(here)} is given, but the ladder's promotion rule is "
                        f"{_q(rule.kind)}; min_points counts only under promotion_rule "
                        "{kind: points, points: [...]}",
                        here,
                    )

    def most(self, rule: PromotionRule, path: DocPath) -> None:
        if rule.allowed_gaps is None and rule.min_share is None:
            self.add(
                "invalid-rule",
                f"the 'most' rule in {self.show(path)} needs allowed_gaps, min_share or both",
                path,
            )
        if rule.allowed_gaps is not None and not (
            type(rule.allowed_gaps) is int and rule.allowed_gaps >= 0
        ):
            here = (*path, "allowed_gaps")
            self.add(
                "invalid-rule",
                f"{self.show(here)} must be a whole number from 0, got {_q(rule.allowed_gaps)}",
                here,
            )
        if rule.min_share is not None and not (
            _is_level(rule.min_share) and 0 < rule.min_share <= 1
        ):
            here = (*path, "min_share")
            self.add(
                "invalid-rule",
                f"{self.show(here)} must be a share above 0 and at most 1, got "
                f"{_q(rule.min_share)}",
                here,
            )

    def points(self, rule: PromotionRule, path: DocPath) -> None:
        here = (*path, "points")
        longest = max((len(s) for s in (self.ladder.scale, *self.scales.values())), default=0)
        if any(not _is_level(p) or p < 0 for p in rule.points):
            self.add(
                "invalid-rule", f"{self.show(here)} must hold numbers from 0, one per step", here
            )
        elif len(rule.points) != longest + 1:
            self.add(
                "invalid-rule",
                f"{self.show(here)} gives {len(rule.points)} values; give {longest + 1}: one "
                f"for step 0 (not yet) and one for each of the {longest} steps of the longest "
                "scale",
                here,
            )
        for index, role in enumerate(self.ladder.roles):
            if role.min_points is not None and not (
                _is_level(role.min_points) and role.min_points >= 0
            ):
                where = ("roles", index, "min_points")
                self.add(
                    "wrong-type",
                    f"{self.show(where)} must be a number from 0, got {_q(role.min_points)}",
                    where,
                )

    def ignored(self) -> None:
        for index, code in enumerate(self.ladder.ignore):
            if code not in LINT_CODES:
                path = ("ignore", index)
                self.add(
                    "unknown-code",
                    f"unknown lint code {_q(code)} in {self.show(path)}"
                    + self.hint(str(code), LINT_CODES, "remove it"),
                    path,
                )

    def edges(
        self, key: str, edges: tuple[Promotion, ...] | tuple[Move, ...], what: str
    ) -> Iterator[tuple[int, Role, Role]]:
        """
        Check the ends of each promotion or move, and report one listed twice.

        Yields ``(index, source, target)`` for each edge whose ends are roles.
        """
        roles: dict[str, Role] = {}
        for role in self.ladder.roles:
            roles.setdefault(role.id, role)  # a duplicate id is reported already
        seen: set[tuple[str, str]] = set()
        for index, edge in enumerate(edges):
            path = (key, index)
            ends = []
            for end in ("source", "target"):
                rid = getattr(edge, end)
                end_path = (*path, end)
                if not self.text(rid, end_path, f"{what} a role"):
                    continue
                if rid not in roles:
                    hint = self.hint(rid, roles, "expected the id of a role")
                    self.add(
                        "unknown-role",
                        f"unknown role {_q(rid)} in {self.show(end_path)}{hint}",
                        end_path,
                    )
                    continue
                ends.append(roles[rid])
            if edge.pair in seen:
                self.add(
                    f"duplicate-{what}",
                    f"{what} {_q(edge.source)} -> {_q(edge.target)} in {self.show(path)} appears "
                    "twice; keep one",
                    path,
                )
            seen.add(edge.pair)
            if len(ends) == 2:
                yield index, ends[0], ends[1]

    def moves(self) -> None:
        promoted = {p.pair for p in self.ladder.promotions}
        for index, source, target in self.edges("moves", self.ladder.moves, "move"):
            path = ("moves", index)
            if (source.id, target.id) in promoted:
                self.add(
                    "move-is-promotion",
                    f"{_q(source.id)} -> {_q(target.id)} in {self.show(path)} is both a "
                    "promotion and a lateral move; keep one",
                    path,
                )
            elif source.id == target.id or (
                _is_level(source.level) and _is_level(target.level) and source.level != target.level
            ):
                self.add(
                    "level-not-equal",
                    f"move {_q(source.id)} -> {_q(target.id)} in {self.show(path)} is not "
                    f"lateral: {_q(target.id)} is level {target.level} and {_q(source.id)} is "
                    f"level {source.level}; a move joins two roles on the same level (a rise is "
                    "a promotion: promotes_to)",
                    path,
                )

    def scale(self) -> None:
        self.steps(self.ladder.scale, ("scale",))

    def steps(self, scale: tuple[Proficiency, ...], where: DocPath) -> None:
        """Check the steps of a proficiency scale: named, in words, each once."""
        if not scale and where == ("scale",):
            self.add(
                "invalid-scale", "scale is empty; name at least one level, lowest first", where
            )
            return
        seen: set[str] = set()
        for index, step in enumerate(scale):
            path = (*where, index)
            name = step.name
            if not self.text(name, path, "level a name"):
                continue
            if name.strip().isdigit():
                self.add(
                    "invalid-scale",
                    f"scale level {_q(name)} in {self.show(path)} is a number; name levels with "
                    "words so that a level can be given by number or by name",
                    path,
                )
            elif name.casefold() in seen:
                self.add(
                    "invalid-scale",
                    f"scale level {_q(name)} in {self.show(path)} appears twice",
                    path,
                )
            seen.add(name.casefold())

    def references(self) -> None:
        refs = self.ladder.references
        for ref in refs:
            path = ("references", ref.id)
            self.ident(ref.id, path, "reference")
            self.text(ref.title, (*path, "title"), "reference a title")
        self.unique(((r.id, ("references", r.id)) for r in refs), "reference")
        self.reference_ids = {r.id for r in refs}

    def competencies(self) -> None:
        competencies = self.ladder.competencies
        for index, competency in enumerate(competencies):
            path = ("competencies", index)
            self.ident(competency.id, (*path, "id"), "competency")
            self.text(competency.name, (*path, "name"), "competency a name")
            self.steps(competency.scale, (*path, "scale"))
            self.sources(competency.sources, path)
        self.unique(
            ((c.id, ("competencies", i, "id")) for i, c in enumerate(competencies)), "competency"
        )
        self.competency_ids = {c.id for c in competencies}
        #: Each competency's scale: its own, else the ladder's.
        self.scales = {c.id: c.scale or self.ladder.scale for c in competencies}

    def roles(self) -> None:
        roles = self.ladder.roles
        owner: dict[str, tuple[str, DocPath]] = {}  # folded title -> (role id, path)
        for index, role in enumerate(roles):
            path = ("roles", index)
            self.ident(role.id, (*path, "id"), "role")
            self.number(role.level, (*path, "level"))
            self.sources(role.sources, path)
            for title_path, title in (
                ((*path, "title"), role.title),
                *(((*path, "aliases", i), a) for i, a in enumerate(role.aliases)),
            ):
                if not self.text(title, title_path, "role a title"):
                    continue
                holder = owner.setdefault(title.casefold(), (role.id, title_path))
                if holder[0] != role.id:
                    self.add(
                        "duplicate-title",
                        f"title {_q(title)} in {self.show(title_path)} also names role "
                        f"{_q(holder[0])} ({self.show(holder[1])}); a title or alias must name "
                        "one role",
                        title_path,
                    )
            self.expectations(role, path)
        self.unique(((r.id, ("roles", i, "id")) for i, r in enumerate(roles)), "role")

    def expectations(self, role: Role, role_path: DocPath) -> None:
        sizes = {cid: len(scale) for cid, scale in self.scales.items()}
        seen: set[str] = set()
        known, references = self.competency_ids, self.reference_ids
        for expectation in role.expectations:
            cid, level = expectation.competency, expectation.level
            # The common case, checked without building a path: most ladders
            # are valid, and a large one has hundreds of thousands of these.
            if (
                type(cid) is str
                and cid in known
                and cid not in seen
                and type(level) is int
                and 1 <= level <= sizes[cid]
                and all(source in references for source in expectation.sources)
            ):
                seen.add(cid)
                continue
            path = (*role_path, "expectations", cid)
            if not self.text(cid, path, "expectation a competency"):
                continue
            if cid in seen:
                self.add(
                    "duplicate-expectation",
                    f"role {_q(role.id)} expects competency {_q(cid)} twice ({self.show(path)}); "
                    "keep one",
                    path,
                )
            seen.add(cid)
            if cid not in self.competency_ids:
                hint = self.hint(cid, self.competency_ids, "add it under competencies")
                self.add(
                    "unknown-competency",
                    f"unknown competency {_q(cid)} in {self.show(path)}{hint}",
                    path,
                )
            scale = self.scales.get(cid) or self.ladder.scale
            self.level(expectation.level, (*path, "level"), scale)
            self.sources(expectation.sources, path)

    def level(self, level: object, path: DocPath, scale: tuple[Proficiency, ...]) -> None:
        """Check an expectation's level against its competency's scale."""
        size = len(scale)
        if isinstance(level, str):
            # A ladder turns step names into numbers; a ladder that could not be built
            # (another problem) is checked with its names as written.
            if level.casefold() in {step.name.casefold() for step in scale}:
                return
            self.add(
                "level-off-scale",
                f"level {_q(level)} in {self.show(path)} is not on the scale; expected a number "
                f"from 1 to {size} or one of: {', '.join(step.name for step in scale)}",
                path,
            )
        elif self.integer(level, path) and not 1 <= level <= size:  # type: ignore[operator]
            names = ", ".join(f"{i} {step.name}" for i, step in enumerate(scale, 1))
            self.add(
                "level-off-scale",
                f"level {level} in {self.show(path)} is off the scale; expected 1 to {size} "
                f"({names})",
                path,
            )

    def promotions(self) -> None:
        # Levels that rise along every promotion cannot loop, so the cycle
        # search below runs only when some promotion does not rise.
        self.all_rise = True
        edges: dict[tuple[str, str], int] = {}
        for index, source, target in self.edges("promotions", self.ladder.promotions, "promotion"):
            edges.setdefault((source.id, target.id), index)
            rises = _rises(source, target)
            self.all_rise = self.all_rise and rises is True
            if rises is False:
                path = ("promotions", index)
                self.add(
                    "level-not-rising",
                    f"promotion {_q(source.id)} -> {_q(target.id)} in {self.show(path)} does not "
                    f"rise: {_q(target.id)} is level {target.level} and {_q(source.id)} is level "
                    f"{source.level}; a promotion must go to a higher level",
                    path,
                )
        if not self.all_rise:
            self.cycles(edges)

    def cycles(self, edges: dict[tuple[str, str], int]) -> None:
        import graphlib  # noqa: PLC0415 -- only when some promotion does not rise

        remaining = dict(edges)
        for _ in range(MAX_CYCLES):
            sorter: graphlib.TopologicalSorter[str] = graphlib.TopologicalSorter()
            for source, target in remaining:
                sorter.add(target, source)
            try:
                sorter.prepare()
            except graphlib.CycleError as error:
                cycle: list[str] = error.args[1]
            else:
                return
            # graphlib lists each node before the one it is promoted to, ending
            # where it began. Blame the promotion declared last, and start the
            # cycle where that promotion leads, so it reads in order.
            nodes = cycle[:-1]
            closing = max(itertools.pairwise(cycle), key=remaining.__getitem__)
            start = nodes.index(closing[1])
            cycle = [*nodes[start:], *nodes[:start], closing[1]]
            path = ("promotions", remaining.pop(closing))
            self.add(
                "cycle",
                f"promotions form a cycle: {' -> '.join(cycle)}; remove the promotion "
                f"{_q(closing[0])} -> {_q(closing[1])} in {self.show(path)} or another one on "
                "the cycle",
                path,
            )


def _is_level(value: object) -> bool:
    # bool is an int to Python, never to a reader of a ladder; a level is finite.
    if isinstance(value, bool):
        return False
    return isinstance(value, int) or (isinstance(value, float) and math.isfinite(value))


def _rises(source: Role, target: Role) -> bool | None:
    """Whether *target* is more senior; ``None`` if a level is not a number."""
    if _is_level(source.level) and _is_level(target.level):
        return target.level > source.level
    return None


def _fragments(role: Role) -> list[str]:
    """
    One-word aliases that look cut from a longer title at a comma (a valid role).

    YAML reads ``aliases: [EVP, Product]`` as two aliases; the second of such a
    pair of one-word aliases is a word of the title ("Chief Product Officer").
    A lone one-word alias ("Principal") is a nickname, and is left alone.
    """
    words = re.split(r"[\s,/()-]+", role.title.casefold())
    return [
        alias
        for before, alias in itertools.pairwise(role.aliases)
        if " " not in before.strip()
        and " " not in alias.strip()
        and alias.strip().casefold() in words
    ]


def check(ladder: Parts, where: Callable[[DocPath], DocPath] = _same) -> list[Problem]:
    """
    Return every broken invariant of *ladder*.

    *where* turns a path of the model into the path its reader sees (a ladder
    read from a file shows the file's paths); messages and paths use it.
    """
    return _Checker(ladder, where).run()


def lint(ladder: Parts, where: Callable[[DocPath], DocPath] = _same) -> list[Problem]:
    """Return what *ladder* should fix but may keep, as warnings; *where* as for `check`."""
    linter = _Linter(ladder, where)
    linter.drops()
    linter.roles()
    linter.competencies()
    return linter.problems


class _Linter:
    """Collects the lints of one valid ladder."""

    def __init__(self, ladder: Parts, where: Callable[[DocPath], DocPath]) -> None:
        self.ladder = ladder
        self.where = where
        self.problems: list[Problem] = []
        # Under the points rule any competency earns points and a role may
        # expect none: what it takes is min_points.
        self.points = ladder.promotion_rule.kind == "points"

    def show(self, path: DocPath) -> str:
        return format_path(self.where(path))

    def warn(self, code: str, message: str, path: DocPath) -> None:
        self.problems.append(
            Problem(severity="warning", code=code, message=message, path=self.where(path))
        )

    def drops(self) -> None:
        roles = {role.id: (i, role) for i, role in enumerate(self.ladder.roles)}
        for position, promotion in enumerate(self.ladder.promotions):
            (_, source), (t, target) = roles[promotion.source], roles[promotion.target]
            # A promotion onto another track (a senior engineer to engineering manager)
            # trades some expectations for others, as a move does.
            if None not in (source.track, target.track) and source.track != target.track:
                continue
            for expectation in target.expectations:
                before = source.expectation(expectation.competency)
                if before is not None and before.level > expectation.level:
                    path = ("roles", t, "expectations", expectation.competency)
                    self.warn(
                        "expectation-drops",
                        f"competency {_q(expectation.competency)} drops from level "
                        f"{before.level} in {_q(source.id)} to level {expectation.level} in "
                        f"{_q(target.id)} ({self.show(path)}) along "
                        f"{self.show(('promotions', position))}; a promotion should not lower "
                        "an expectation",
                        path,
                    )

    def roles(self) -> None:
        ladder = self.ladder
        entered = {m.target for m in ladder.moves} | {p.target for p in ladder.promotions}
        lowest = min((role.level for role in ladder.roles), default=0)
        for i, role in enumerate(ladder.roles):
            here = ("roles", i)
            if role.level > lowest and role.id not in entered and not role.entry:
                self.warn(
                    "unreachable-role",
                    f"no entry role reaches role {_q(role.id)} ({self.show(here)}): no "
                    f"promotion or move leads to it and its level {role.level} is above the "
                    f"entry level {lowest}; add a promotion into it, or mark it 'entry: true' "
                    "if people are hired into it",
                    here,
                )
            for fragment in _fragments(role):
                alias = (*here, "aliases", role.aliases.index(fragment))
                self.warn(
                    "alias-fragment",
                    f"alias {_q(fragment)} of role {_q(role.id)} ({self.show(alias)}) is one "
                    "word of its title; if it was cut from a longer title at a comma (aliases: "
                    '[EVP, Product]), quote that title: ["EVP, Product"]',
                    alias,
                )
            if not role.expectations and not self.points:
                self.warn(
                    "no-expectations",
                    f"role {_q(role.id)} ({self.show(here)}) has no expectations; say what it "
                    "expects of at least one competency",
                    here,
                )

    def competencies(self) -> None:
        if self.points:
            return
        used = {e.competency for role in self.ladder.roles for e in role.expectations}
        for i, competency in enumerate(self.ladder.competencies):
            if competency.id not in used:
                here = ("competencies", i)
                self.warn(
                    "unused-competency",
                    f"no role expects competency {_q(competency.id)} ({self.show(here)}); add "
                    "an expectation for it or remove it",
                    here,
                )
