"""
The one document builder: plain data (from any format) -> a checked `Ladder`.

Every reader (YAML, JSON, TOML, matrices, CASE) turns its input into the plain
data a ladder file holds, and says through an `Origin` where it came from: the
file, how a path of the document appears to the reader of that format (a
matrix shows a cell, a CASE package an item), and how to find its line and
column. The builder structures the data with the converter, translates it to
the model, and checks it, so every format gets the same problems, each with
its path and position.
"""

from __future__ import annotations

import contextlib
import types
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

import attrs
import cattrs

from .._check import check, lint
from .._ladder import Ladder
from .._model import Expectation, Move, Promotion, Reference, Role
from .._problems import DocPath, LadderError, Problem, Severity, by_place, format_path
from ._converter import converter, describe, detailed_converter, prune, shape_problems
from ._doc import (
    FORMAT_VERSION,
    LADDER_FIELDS,
    ROLE_FIELDS,
    DocExpectation,
    DocLadder,
    DocPromotion,
    DocReference,
    DocRole,
    DocTarget,
)
from ._locate import Locator

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Sequence

    from .._check import Parts

T = TypeVar("T")
Edge = TypeVar("Edge", Promotion, Move)


def _same(path: DocPath) -> DocPath:
    return path


def _nowhere(_: Sequence[DocPath]) -> Locator:
    return Locator()


@attrs.frozen(kw_only=True, eq=False, repr=False)
class Origin:
    """
    Where a document came from, and how its paths are shown and found.

    Attributes:
        file: The file's name, if it came from one.
        where: A document path -> the path a reader of this format sees (the
            same path for ladder files, a cell for a matrix).
        positions: Given the paths of the problems, where they are in the file.
    """

    file: str | None = None
    where: Callable[[DocPath], DocPath] = _same
    positions: Callable[[Sequence[DocPath]], Locator] = _nowhere


class Problems:
    """Collects problems with the paths a reader sees, and locates them all at once."""

    def __init__(self, origin: Origin) -> None:
        self.origin = origin
        self.found: list[Problem] = []
        #: Paths (as shown) whose problem the reader has reported already.
        self.said: set[DocPath] = set()

    def show(self, path: DocPath) -> str:
        """How a document path appears in a message."""
        return format_path(self.origin.where(path)) or "the top level"

    def add(
        self,
        code: str,
        message: str,
        path: DocPath = (),
        *,
        severity: Severity = "error",
        at: tuple[int, int] | None = None,
    ) -> None:
        """Add a problem of the document at *path* (or at *at*, a line and column)."""
        line, column = at or (None, None)
        shown = self.origin.where(path)
        if shown in self.said:
            return
        self.found.append(
            Problem(
                severity=severity,
                code=code,
                message=message,
                path=shown,
                file=self.origin.file,
                line=line,
                column=column,
            )
        )

    def add_shown(
        self, code: str, message: str, shown: DocPath, at: tuple[int, int] | None = None
    ) -> None:
        """
        Add a problem the reader found, at the path it shows (a cell, say).

        Problems the builder finds later at the same place are left out: the
        reader's says what is wrong there.
        """
        self.said.add(shown)
        line, column = at or (None, None)
        self.found.append(
            Problem(
                code=code,
                message=message,
                path=shown,
                file=self.origin.file,
                line=line,
                column=column,
            )
        )

    def extend(self, problems: Iterable[Problem]) -> None:
        """Add problems already in the reader's terms (from the checks)."""
        file = self.origin.file
        self.found += (
            p if p.file == file else attrs.evolve(p, file=file)
            for p in problems
            if p.path not in self.said
        )

    def located(self) -> list[Problem]:
        """Every problem so far, each with its line and column, in file order."""
        todo = [p.path for p in self.found if p.line is None]
        if todo:
            try:
                locator = self.origin.positions(todo)
            except (IndexError, ValueError, RecursionError):
                # Should a scanner meet input it cannot walk, the problems
                # still stand, with their paths, at the start of the file.
                locator = Locator()
            self.found = locator.place(self.found)
        return sorted(self.found, key=by_place)

    def error(self) -> LadderError:
        """The error that carries every problem so far."""
        return LadderError(self.located())


# -- document -> model ----------------------------------------------------------------


@attrs.frozen(eq=False, repr=False)
class Translation:
    """The fields of a `Ladder` built from a document, and where each promotion came from."""

    fields: dict[str, Any]
    #: ``promotions[k]`` of the model -> ``(role index, index in promotes_to, full form)``.
    promotions: list[tuple[int, int, bool]]
    #: ``moves[k]`` likewise, in ``moves_to``.
    moves: list[tuple[int, int, bool]]
    #: Expectations written in the short form ``competency: level``.
    short: set[tuple[int, str]]


def doc_to_fields(doc: DocLadder, sink: Problems) -> Translation:
    """Turn a structured document into the keyword arguments of `Ladder`."""
    if doc.careerladder != FORMAT_VERSION:
        sink.add(
            "unsupported-version",
            f"format version {doc.careerladder} in careerladder is not supported; this "
            f"careerladder reads version {FORMAT_VERSION}",
            ("careerladder",),
        )
    roles: list[Role] = []
    promotions: list[Promotion] = []
    places: list[tuple[int, int, bool]] = []
    moves: list[Move] = []
    move_places: list[tuple[int, int, bool]] = []
    short: set[tuple[int, str]] = set()
    for r, role in enumerate(doc.roles):
        expectations = _read_expectations(r, role, short)
        for promotion, place in _read_edges(Promotion, r, role.id, role.promotes_to):
            promotions.append(promotion)
            places.append(place)
        for move, place in _read_edges(Move, r, role.id, role.moves_to):
            moves.append(move)
            move_places.append(place)
        roles.append(
            Role(**{name: getattr(role, name) for name in ROLE_FIELDS}, expectations=expectations)
        )
    fields: dict[str, Any] = {
        **{name: getattr(doc, name) for name in LADDER_FIELDS},
        "roles": roles,
        "promotions": promotions,
        "moves": moves,
        "references": [
            Reference(id=key, **attrs.asdict(ref, recurse=False))
            for key, ref in doc.references.items()
        ],
    }
    return Translation(fields, places, move_places, short)


def _read_expectations(r: int, role: DocRole, short: set[tuple[int, str]]) -> list[Expectation]:
    """
    Role *r*'s expectations; those in the short form are noted in *short*.

    A level given by a step's name stays a name: the ladder turns it into the
    step's number on the competency's own scale, or reports it.
    """
    expectations = []
    for cid, value in role.expectations.items():
        # The short form `competency: level` is the common one: no detour.
        if not isinstance(value, DocExpectation):
            short.add((r, cid))
            expectations.append(Expectation(competency=cid, level=value))  # type: ignore[arg-type]
            continue
        expectations.append(
            Expectation(
                competency=cid,
                level=value.level,  # type: ignore[arg-type]
                description=value.description,
                examples=value.examples,
                sources=value.sources,
            )
        )
    return expectations


def _read_edges(
    kind: type[Edge], r: int, source: str, targets: tuple[DocTarget, ...]
) -> Iterator[tuple[Edge, tuple[int, int, bool]]]:
    """The edges role *r* lists (``promotes_to`` or ``moves_to``), each with where it is."""
    for t, target in enumerate(targets):
        full = target if isinstance(target, DocPromotion) else DocPromotion(role=target)
        yield (
            kind(source=source, target=full.role, criteria=full.criteria),
            (r, t, isinstance(target, DocPromotion)),
        )


def _written_edges(
    ladder: Ladder, edges: tuple[Promotion, ...] | tuple[Move, ...]
) -> dict[str, list[DocTarget]]:
    """Each role's outgoing edges in the short form, targets in the ladder's order."""
    rank = {role.id: i for i, role in enumerate(ladder)}
    outgoing: dict[str, list[DocTarget]] = {role.id: [] for role in ladder.roles}
    for edge in sorted(edges, key=lambda e: rank[e.target]):
        outgoing[edge.source].append(
            DocPromotion(role=edge.target, criteria=edge.criteria) if edge.criteria else edge.target
        )
    return outgoing


def _model_to_document(translation: Translation) -> Callable[[DocPath], DocPath]:
    """A path of the model -> the path of the same thing in the document."""

    def where(path: DocPath) -> DocPath:
        if path[:1] in (("promotions",), ("moves",)) and len(path) > 1:
            edges, key = (
                (translation.promotions, "promotes_to")
                if path[0] == "promotions"
                else (translation.moves, "moves_to")
            )
            r, t, full = edges[path[1]]
            end = path[2] if len(path) > 2 else None
            if end == "source":  # the role the edge sits in
                return ("roles", r, "id")
            if end == "target" and full:
                return ("roles", r, key, t, "role")
            return ("roles", r, key, t)
        if (
            len(path) == 5
            and path[0] == "roles"
            and path[2] == "expectations"
            and path[4] == "level"
            and (path[1], path[3]) in translation.short
        ):
            # The short form `communication: 3` has no `level` key to point at.
            return path[:4]
        return path

    return where


def build_ladder(data: object, origin: Origin, sink: Problems | None = None) -> Ladder:
    """
    Build the ladder from plain *data*, or raise every problem found, located.

    *sink* may hold the problems the reader found already; they are reported
    with the builder's.
    """
    return _build(data, origin, sink or Problems(origin), lints=False)[0]


def check_document(data: object, origin: Origin, sink: Problems | None = None) -> list[Problem]:
    """Every problem of a ladder document, lints included, each located."""
    sink = sink or Problems(origin)
    try:
        _, lints = _build(data, origin, sink, lints=True)
    except LadderError as error:
        return list(error.problems)
    sink.extend(lints)
    return sink.located()


def structure(data: object, cls: type[T], sink: Problems) -> T:
    """
    Structure plain *data* as *cls* with the format's converter.

    Unknown keys are reported and left out (a misspelt one read as the key it
    was meant to be); a value of the wrong kind stops the building.

    Raises:
        LadderError: If a value is of the wrong kind, with every problem so far.
    """
    found: list[tuple[DocPath, str, str]] = []
    data = prune(data, cls, (), sink.show, found)
    for path, code, message in found:
        sink.add(code, message, path)
    # The quick converter takes a valid document; on any failure the detailed one
    # runs again, to say every problem and where.
    with contextlib.suppress(Exception):
        return converter.structure(data, cls)
    try:
        return detailed_converter().structure(data, cls)
    except (cattrs.BaseValidationError, ValueError) as error:
        for path, code, message in shape_problems(error, (), sink.show):
            sink.add(code, message, path)
        raise sink.error() from None


def _build(
    data: object, origin: Origin, sink: Problems, *, lints: bool
) -> tuple[Ladder, list[Problem]]:
    if not isinstance(data, Mapping):
        kind = "empty" if data is None else describe(data)
        sink.add(
            "not-a-ladder",
            f"the document is {kind}; a ladder file is a mapping with at least 'id', 'name' "
            "and 'roles'",
            at=(1, 1),
        )
        raise sink.error()
    data = dict(data)
    schema = data.pop("$schema", None)
    if schema is not None and not isinstance(schema, str):
        sink.add("wrong-type", "$schema: expected a string (the schema's URL)", ("$schema",))
    doc = structure(data, DocLadder, sink)
    translation = doc_to_fields(doc, sink)
    to_document = _model_to_document(translation)

    def where(path: DocPath) -> DocPath:
        return origin.where(to_document(path))

    try:
        ladder = Ladder(**translation.fields)
    except LadderError:
        # Checked again, now with every path in the reader's terms.
        parts = cast("Parts", types.SimpleNamespace(**translation.fields))
        sink.extend(check(parts, where))
        raise sink.error() from None
    if sink.found:
        raise sink.error()
    ignored = set(ladder.ignore)
    warnings = [p for p in lint(ladder, where) if p.code not in ignored] if lints else []
    return ladder, warnings


# -- model -> document ----------------------------------------------------------------


def _not_id(attribute: attrs.Attribute[object], _: object) -> bool:
    return attribute.name != "id"


def ladder_to_doc(ladder: Ladder) -> dict[str, Any]:
    """Unstructure a `Ladder` into the short forms of the file format."""
    # Targets in the ladder's order and expectations in the catalogue's, so
    # that equal ladders give equal files.
    catalogue = {c.id: i for i, c in enumerate(ladder.competencies)}
    outgoing = _written_edges(ladder, ladder.promotions)
    lateral = _written_edges(ladder, ladder.moves)
    roles = [
        DocRole(
            **{name: getattr(role, name) for name in ROLE_FIELDS},
            expectations={
                e.competency: (
                    DocExpectation(
                        level=e.level,
                        description=e.description,
                        examples=e.examples,
                        sources=e.sources,
                    )
                    if e.description or e.sources or e.examples
                    else e.level
                )
                for e in sorted(role.expectations, key=lambda e: catalogue[e.competency])
            },
            promotes_to=tuple(outgoing[role.id]),
            moves_to=tuple(lateral[role.id]),
        )
        for role in ladder.roles
    ]
    doc = DocLadder(
        **{name: getattr(ladder, name) for name in LADDER_FIELDS},
        roles=tuple(roles),
        references={
            ref.id: DocReference(**attrs.asdict(ref, recurse=False, filter=_not_id))
            for ref in ladder.references
        },
    )
    data: dict[str, Any] = converter.unstructure(doc)
    # The version is what tells a reader which format this is: always write it.
    return {"careerladder": FORMAT_VERSION, **data}
