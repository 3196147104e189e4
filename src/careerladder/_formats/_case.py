"""
Ladders as 1EdTech CASE 1.1 packages (Competencies and Academic Standards Exchange).

The mapping (the docs' Interchange page has it as a table):

- the ladder is the ``CFDocument``;
- each competency, each role and each expectation is a ``CFItem`` (item types
  ``Competency``, ``Job Role`` and ``Expectation``), its ``humanCodingScheme``
  the id (``role/competency`` for an expectation);
- ``isChildOf`` associations hang competencies and roles under the document
  and expectations under their role; ``precedes`` runs from a role to each
  role it promotes to; ``hasSkillLevel`` ties an expectation to its level;
- one ``CFRubric`` has a criterion per competency with a criterion level per
  step of the scale;
- each citation is an ``isRelatedTo`` association from the item to the
  reference, whose URI is the reference's URL where it has one; the first
  URL is also the document's ``officialSourceURL``.

Identifiers are UUIDs derived (version 5) from the ladder's and its parts'
ids, so that every export of a ladder names its parts the same. What CASE has
no field for (a role's level, grade, track and entry flag, edge criteria, the
ignored lint codes, the reference list) travels in the ``extensions`` object
CASE 1.1 allows on every entity.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import TYPE_CHECKING, Any

import attrs

from .._limits import DEFAULT_LIMITS, Limits
from .._model import DEFAULT_STEPS
from .._problems import DocPath, parse_path
from ._bounds import within_bounds
from ._converter import converter
from ._document import Origin, Problems, build_ladder
from ._json import parse as parse_json
from ._json import positions
from ._locate import nearest

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from .._ladder import Ladder
    from .._model import Move, Promotion, Role
    from ._locate import Locator

#: The namespace of every identifier this module derives.
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://careerladder.invalid/case")
CASE_VERSION = "1.1"
ITEM_TYPES = ("Competency", "Job Role", "Expectation")
#: A role's fields that CASE has a field of its own for, and which one.
ROLE_IN_CASE = {"id": "humanCodingScheme", "title": "fullStatement", "summary": "notes"}
#: A role's fields that CASE has none for: they go in the item's ``careerladder``
#: extension. With expectations (items) and sources (associations), every field of
#: the model is in one of the two (tests/test_fields.py).
ROLE_EXTENSION = ("level", "grade", "track", "entry", "min_points", "aliases", "responsibilities")


def _identifier(ladder_id: str, *parts: str) -> str:
    return str(uuid.uuid5(NAMESPACE, "/".join((ladder_id, *parts))))


def _link(entity: dict[str, Any]) -> dict[str, str]:
    """A LinkURI to *entity*: its title, identifier and URI."""
    title = entity.get("title") or entity.get("fullStatement") or entity.get("quality") or ""
    return {"title": title, "identifier": entity["identifier"], "uri": entity["uri"]}


class _Package:
    """
    A package being written: the entity maker, and the items and associations so far.

    Each concept of the mapping has its method: the document, the rubric,
    competencies, roles with their expectations, and the edges between roles.
    """

    def __init__(self, ladder: Ladder, base_uri: str, stamp: str) -> None:
        self.ladder = ladder
        self.base_uri = base_uri
        self.stamp = stamp
        self.items: list[dict[str, Any]] = []
        self.associations: list[dict[str, Any]] = []
        self.references = {r.id: r for r in ladder.references}
        self.doc_link: dict[str, str] = {}
        self.types: dict[str, dict[str, Any]] = {}
        self.competency_items: dict[str, dict[str, Any]] = {}
        self.role_items: dict[str, dict[str, Any]] = {}
        self.levels: dict[tuple[str, int], dict[str, Any]] = {}

    def entity(self, *parts: str, **fields: Any) -> dict[str, Any]:  # noqa: ANN401
        """An entity with its identifier, URI and time; empty fields left out."""
        identifier = _identifier(self.ladder.id, *parts)
        return {
            "identifier": identifier,
            "uri": f"{self.base_uri}{identifier}",
            "lastChangeDateTime": self.stamp,
            **{k: v for k, v in fields.items() if v not in (None, "", [], {})},
        }

    def item(self, kind: str, *parts: str, **fields: Any) -> dict[str, Any]:  # noqa: ANN401
        new = self.entity(
            *parts,
            CFDocumentURI=self.doc_link,
            CFItemType=kind,
            CFItemTypeURI=_link(self.types[kind]),
            **fields,
        )
        self.items.append(new)
        return new

    def associate(
        self,
        kind: str,
        origin: dict[str, Any],
        target: dict[str, str],
        *key: str,
        extensions: dict[str, Any] | None = None,
    ) -> None:
        self.associations.append(
            self.entity(
                "association",
                kind,
                *key,
                associationType=kind,
                originNodeURI=_link(origin),
                destinationNodeURI=target,
                CFDocumentURI=self.doc_link,
                sequenceNumber=len(self.associations) + 1,
                extensions=extensions,
            )
        )

    def cite(self, origin: dict[str, Any], sources: tuple[str, ...], *key: str) -> None:
        for source in sources:
            reference = self.references[source]
            identifier = _identifier(self.ladder.id, "reference", source)
            target = {
                "title": reference.title,
                "identifier": identifier,
                "uri": reference.url or f"{self.base_uri}{identifier}",
            }
            self.associate("isRelatedTo", origin, target, *key, source)

    def document(self, creator: str) -> dict[str, Any]:
        """The CFDocument: the ladder, with what CASE has no field for in its extension."""
        ladder = self.ladder
        linked = [r for r in ladder.references if r.url]
        listed = [
            {k: v for k, v in attrs.asdict(r).items() if v is not None}
            | ({"date": r.date.isoformat()} if r.date else {})
            for r in ladder.references
        ]
        extra: dict[str, Any] = {
            "id": ladder.id,
            "scale": [converter.unstructure(step) for step in ladder.scale],
        }
        if ladder.ignore:
            extra["ignore"] = list(ladder.ignore)
        if ladder.promotion_rule.kind != "all":
            extra["promotion_rule"] = converter.unstructure(ladder.promotion_rule)
        extra["references"] = listed
        document = self.entity(
            "document",
            title=ladder.name,
            creator=creator,
            description=ladder.description,
            officialSourceURL=linked[0].url if linked else None,
            language="en",
            adoptionStatus="Draft",
            caseVersion=CASE_VERSION,
            extensions={"careerladder": extra},
        )
        document["CFPackageURI"] = {
            "title": ladder.name,
            "identifier": document["identifier"],
            "uri": f"{self.base_uri}{document['identifier']}",
        }
        self.doc_link = _link(document)
        self.types = {
            name: self.entity("type", name, title=name, typeCode=name) for name in ITEM_TYPES
        }
        return document

    def competencies(self) -> None:
        for competency in self.ladder.competencies:
            found = self.item(
                "Competency",
                "competency",
                competency.id,
                fullStatement=competency.name,
                humanCodingScheme=competency.id,
                notes=competency.description,
                conceptKeywords=[competency.category] if competency.category else None,
            )
            self.competency_items[competency.id] = found
            self.associate("isChildOf", found, self.doc_link, "competency", competency.id)
            self.cite(found, competency.sources, "competency", competency.id)

    def rubric(self) -> dict[str, Any]:
        """The rubric: a criterion per competency, a criterion level per step of the scale."""
        ladder = self.ladder
        rubric_id = _identifier(ladder.id, "rubric")
        criteria = []
        for position, competency in enumerate(ladder.competencies, 1):
            criterion = self.entity(
                "criterion",
                competency.id,
                category=competency.name,
                description=competency.description,
                CFItemURI=_link(self.competency_items[competency.id]),
                position=position,
                rubricId=rubric_id,
            )
            criterion["CFRubricCriterionLevels"] = []
            for score, step in enumerate(competency.scale or ladder.scale, 1):
                level = self.entity(
                    "criterion-level",
                    competency.id,
                    str(score),
                    quality=step.name,
                    description=step.description or None,
                    score=score,
                    position=score,
                    rubricCriterionId=criterion["identifier"],
                )
                criterion["CFRubricCriterionLevels"].append(level)
                self.levels[competency.id, score] = level
            criteria.append(criterion)
        return self.entity(
            "rubric",
            title=f"{ladder.name}: proficiency",
            description="One criterion per competency, one level per step of the scale.",
            CFRubricCriteria=criteria,
        )

    def roles(self) -> None:
        for role in self.ladder.roles:
            # What CASE has no field for; a default (none, empty, not an entry role) is left out.
            extra = {
                k: list(v) if isinstance(v, tuple) else v
                for k in ROLE_EXTENSION
                if (v := getattr(role, k)) is not None and v is not False and v != ()
            }
            native = {case: getattr(role, field) for field, case in ROLE_IN_CASE.items()}
            found = self.item(
                "Job Role",
                "role",
                role.id,
                **native,
                alternativeLabel="; ".join(role.aliases),
                extensions={"careerladder": extra},
            )
            self.role_items[role.id] = found
            self.associate("isChildOf", found, self.doc_link, "role", role.id)
            self.cite(found, role.sources, "role", role.id)
            self.expectations(role, found)

    def expectations(self, role: Role, parent: dict[str, Any]) -> None:
        for expectation in role.expectations:
            competency = self.ladder.competency(expectation.competency)
            level_name = self.ladder.scale_of(competency)[expectation.level - 1].name
            statement = expectation.description or f"{competency.name}: {level_name}"
            key = ("expectation", role.id, competency.id)
            child = self.item(
                "Expectation",
                *key,
                fullStatement=statement,
                humanCodingScheme=f"{role.id}/{competency.id}",
                # Observable behaviours have no CASE field of their own.
                extensions={"careerladder": {"examples": list(expectation.examples)}}
                if expectation.examples
                else None,
            )
            self.associate("isChildOf", child, _link(parent), *key)
            self.associate(
                "hasSkillLevel", child, _link(self.levels[competency.id, expectation.level]), *key
            )
            self.cite(child, expectation.sources, *key)

    def edges(self, kind: str, key: str, edges: tuple[Promotion, ...] | tuple[Move, ...]) -> None:
        """An association of *kind* per edge, its criteria in the extension."""
        for edge in sorted(edges, key=lambda e: e.pair):
            self.associate(
                kind,
                self.role_items[edge.source],
                _link(self.role_items[edge.target]),
                key,
                edge.source,
                edge.target,
                extensions={"careerladder": {"criteria": list(edge.criteria)}}
                if edge.criteria
                else None,
            )


def to_case(
    ladder: Ladder,
    *,
    base_uri: str = "urn:uuid:",
    creator: str = "careerladder",
    changed: dt.datetime | None = None,
) -> dict[str, Any]:
    """
    Return *ladder* as a CASE 1.1 package: JSON-ready dictionaries.

    Args:
        ladder: The ladder to export.
        base_uri: Each entity's ``uri`` is this followed by its identifier.
        creator: The ``creator`` of the ``CFDocument``.
        changed: The ``lastChangeDateTime`` of every entity (default: now, UTC).

    Example:
        >>> import datetime as dt
        >>> from careerladder import from_case, presets, to_case
        >>> ladder = presets.load("six-step")
        >>> package = to_case(ladder, changed=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
        >>> package["CFDocument"]["title"]
        'Six-step product management ladder'
        >>> sorted({item["CFItemType"] for item in package["CFItems"]})
        ['Competency', 'Expectation', 'Job Role']
        >>> from_case(package) == ladder
        True

    .. versionadded:: 0.1.0
    """
    stamp = (changed or dt.datetime.now(dt.UTC)).isoformat(timespec="seconds")
    package = _Package(ladder, base_uri, stamp.replace("+00:00", "Z"))
    document = package.document(creator)
    package.competencies()
    rubric = package.rubric()
    package.roles()
    package.edges("precedes", "promotion", ladder.promotions)
    package.edges("isPeerOf", "move", ladder.moves)
    return {
        "CFDocument": document,
        "CFItems": package.items,
        "CFAssociations": package.associations,
        "CFDefinitions": {"CFItemTypes": list(package.types.values())},
        "CFRubrics": [rubric],
    }


# -- import --------------------------------------------------------------------------


def _extension(entity: dict[str, Any]) -> dict[str, Any]:
    found = entity.get("extensions", {})
    found = found.get("careerladder", {}) if isinstance(found, dict) else {}
    return found if isinstance(found, dict) else {}


def _target(association: dict[str, Any], end: str) -> str | None:
    node = association.get(end)
    found = node.get("identifier") if isinstance(node, dict) else None
    return found if isinstance(found, str) else None


def _objects(value: object) -> list[dict[str, Any]]:
    """The objects of a list; anything else in a package's lists is left to the checks."""
    return [entry for entry in value if isinstance(entry, dict)] if isinstance(value, list) else []


def _text(entry: dict[str, Any], name: str) -> str:
    value = entry.get(name)
    return value if isinstance(value, str) else ""


class _Importer:
    """Reads a package back into a ladder document, noting each missing part as a problem."""

    def __init__(
        self,
        package: object,
        file: str | None,
        find: Callable[[Sequence[DocPath]], Locator] | None = None,
    ) -> None:
        self.file = file
        origin = Origin(file=file, where=self.where)
        self.sink = Problems(attrs.evolve(origin, positions=find) if find else origin)
        data = package if isinstance(package, dict) else {}
        document = data.get("CFDocument")
        if not isinstance(document, dict):
            self.fail("CFDocument", "missing-field", "CFDocument: expected an object")
            document = {}
        self.data = data
        self.document = document
        self.extra = _extension(document)
        self.items = dict(self.entries("CFItems"))
        self.by_id = {entry["identifier"]: entry for entry in self.items.values()}
        self.associations = self.entries("CFAssociations")
        self.competencies: dict[str, dict[str, Any]] = {}
        self.roles: dict[str, dict[str, Any]] = {}
        self.sources = {
            _identifier(str(self.extra.get("id", "")), "reference", r["id"]): r["id"]
            for r in _objects(self.extra.get("references"))
            if isinstance(r.get("id"), str)
        }
        self.cites: dict[str, list[str]] = {}
        #: Each competency's steps, from its rubric criterion: score -> step.
        self.steps: dict[str, dict[int, object]] = {}
        #: Where each part of the ladder document came from in the package.
        self.places: dict[tuple[Any, ...], str] = {(): "CFDocument"}
        for _, association in self.associations:
            start = _target(association, "originNodeURI")
            if association.get("associationType") == "isRelatedTo" and start is not None:
                target = _target(association, "destinationNodeURI") or ""
                self.cites.setdefault(start, []).append(self.sources.get(target, ""))

    def fail(self, path: str, code: str, message: str) -> None:
        self.sink.add_shown(code, message, parse_path(path))

    def where(self, path: DocPath) -> DocPath:
        """The part of the package a path of the ladder document came from."""
        return parse_path(nearest(self.places, path, "CFDocument"))

    def entries(self, key: str) -> list[tuple[str, dict[str, Any]]]:
        value = self.data.get(key, [])
        if not isinstance(value, list):
            self.fail(key, "wrong-type", f"{key}: expected a list")
            return []
        found = []
        for index, entry in enumerate(value):
            path = f"{key}[{index}]"
            if not isinstance(entry, dict) or not isinstance(entry.get("identifier"), str):
                self.fail(path, "missing-field", f"{path}: expected an object with 'identifier'")
                continue
            found.append((path, entry))
        return found

    def field(self, path: str, entry: dict[str, Any], name: str) -> str:
        value = entry.get(name)
        if isinstance(value, str) and value:
            return value
        self.fail(f"{path}.{name}", "missing-field", f"{path}.{name}: expected a non-empty string")
        return ""

    def cited(self, identifier: str, fields: dict[str, Any]) -> dict[str, Any]:
        sources = [s for s in self.cites.get(identifier, []) if s]
        return {**fields, "sources": sources} if sources else fields

    def levels(self) -> dict[str, tuple[str, int]]:
        """Each rubric criterion level's identifier -> (competency id, level)."""
        found: dict[str, tuple[str, int]] = {}
        for path, rubric in self.entries("CFRubrics"):
            for i, criterion in enumerate(_objects(rubric.get("CFRubricCriteria"))):
                item = self.by_id.get(_target(criterion, "CFItemURI") or "")
                if item is None:
                    self.fail(
                        f"{path}.CFRubricCriteria[{i}].CFItemURI",
                        "unknown-item",
                        f"{path}.CFRubricCriteria[{i}] names no item of the package",
                    )
                    continue
                code = _text(item, "humanCodingScheme")
                for level in _objects(criterion.get("CFRubricCriterionLevels")):
                    found[_text(level, "identifier")] = (code, level.get("score", 0))
                    step = _text(level, "quality")
                    described = _text(level, "description")
                    score = level.get("score", 0)
                    if type(score) is not int:
                        continue  # the level itself is checked where it is used
                    self.steps.setdefault(code, {})[score] = (
                        {"name": step, "description": described} if described else step
                    )
        return found

    def read_items(self) -> None:
        for path, entry in self.items.items():
            kind = entry.get("CFItemType")
            if kind == "Competency":
                self.places["competencies", len(self.competencies)] = path
                self.competencies[entry["identifier"]] = self.competency(path, entry)
            elif kind == "Job Role":
                self.places["roles", len(self.roles)] = path
                self.roles[entry["identifier"]] = self.role(path, entry)

    def competency(self, path: str, entry: dict[str, Any]) -> dict[str, Any]:
        fields = {
            "id": self.field(path, entry, "humanCodingScheme"),
            "name": self.field(path, entry, "fullStatement"),
        }
        if entry.get("notes"):
            fields["description"] = entry["notes"]
        keywords = entry.get("conceptKeywords")
        if isinstance(keywords, list) and keywords:
            fields["category"] = keywords[0]
        return self.cited(entry["identifier"], fields)

    def role(self, path: str, entry: dict[str, Any]) -> dict[str, Any]:
        more = _extension(entry)
        if "level" not in more:
            self.fail(
                f"{path}.extensions",
                "missing-field",
                f"{path}: the role's level is missing (extensions.careerladder.level)",
            )
        role: dict[str, Any] = {
            "id": self.field(path, entry, ROLE_IN_CASE["id"]),
            "title": self.field(path, entry, ROLE_IN_CASE["title"]),
            "level": more.get("level", 0),
            "expectations": {},
            "promotes_to": [],
            "moves_to": [],
        }
        role.update({k: more[k] for k in ROLE_EXTENSION if k in more and k != "level"})
        if entry.get(ROLE_IN_CASE["summary"]):
            role["summary"] = entry[ROLE_IN_CASE["summary"]]
        return self.cited(entry["identifier"], role)

    def read_associations(self, levels: dict[str, tuple[str, int]]) -> None:
        parents = {
            _target(a, "originNodeURI"): _target(a, "destinationNodeURI")
            for _, a in self.associations
            if a.get("associationType") == "isChildOf"
        }
        names = {c["id"]: c["name"] for c in self.competencies.values()}
        rank = {identifier: index for index, identifier in enumerate(self.roles)}
        item_paths = {entry["identifier"]: path for path, entry in self.items.items()}
        for path, association in self.associations:
            kind = association.get("associationType")
            origin = _target(association, "originNodeURI") or ""
            target = _target(association, "destinationNodeURI") or ""
            edge = {"precedes": "promotes_to", "isPeerOf": "moves_to"}.get(str(kind))
            if edge and origin in self.roles and target in self.roles:
                criteria = _extension(association).get("criteria")
                end = self.roles[target]["id"]
                targets = self.roles[origin][edge]
                self.places["roles", rank[origin], edge, len(targets)] = path
                targets.append({"role": end, "criteria": criteria} if criteria else end)
            elif kind == "hasSkillLevel" and target in levels:
                parent = self.roles.get(parents.get(origin) or "")
                if parent is None:
                    self.fail(
                        path,
                        "orphan-item",
                        f"{path} gives a level to an item that no role holds "
                        "(no isChildOf association from it to a Job Role)",
                    )
                    continue
                competency, score = levels[target]
                statement = _text(self.by_id.get(origin, {}), "fullStatement")
                expectation: dict[str, Any] = {"level": score}
                if statement and not statement.startswith(f"{names.get(competency)}: "):
                    expectation["description"] = statement
                examples = _extension(self.by_id.get(origin, {})).get("examples")
                if examples:
                    expectation["examples"] = examples
                parent["expectations"][competency] = self.cited(origin, expectation)
                where = ("roles", rank[parents[origin] or ""], "expectations", competency)
                self.places[where] = item_paths.get(origin, path)

    def ladder_document(self) -> dict[str, Any]:
        self.read_items()
        self.read_associations(self.levels())
        document, extra = self.document, self.extra
        found: dict[str, Any] = {
            "id": extra.get("id") or self.field("CFDocument", document, "identifier"),
            "name": self.field("CFDocument", document, "title"),
            "competencies": list(self.competencies.values()),
            "roles": list(self.roles.values()),
        }
        if document.get("description"):
            found["description"] = document["description"]
        for key in ("scale", "ignore", "promotion_rule"):
            if extra.get(key):
                found[key] = extra[key]
        # A competency whose rubric names other steps than the ladder's has a scale of its own.
        ladder_steps = [converter.unstructure(s) for s in DEFAULT_STEPS]
        if isinstance(found.get("scale"), list):
            ladder_steps = found["scale"]
        for competency in found["competencies"]:
            steps = self.steps.get(str(competency.get("id")), {})
            written = [steps[score] for score in sorted(steps)]
            if written and written != ladder_steps:
                competency["scale"] = written
        references = _objects(extra.get("references"))
        if references:
            found["references"] = {
                str(r.get("id")): {k: v for k, v in r.items() if k != "id"} for r in references
            }
        if self.sink.found:
            raise self.sink.error()
        return found


def case_document(
    text: str, file: str | None, limits: Limits = DEFAULT_LIMITS
) -> tuple[dict[str, Any], Origin, Problems]:
    """
    Read a CASE package's JSON into the document a ladder file would hold.

    Raises:
        LadderError: If the text is not JSON, or the package lacks a part a
            ladder needs (each problem at its place in the package).
    """
    sink = Problems(Origin(file=file))
    package = parse_json(text, limits, sink, what="not JSON")
    within_bounds(package, limits, sink)
    importer = _Importer(package, file, positions(text))
    return importer.ladder_document(), importer.sink.origin, importer.sink


def from_case(package: object, *, file: str | None = None) -> Ladder:
    """
    Build a ladder from a CASE 1.1 package that `to_case` wrote.

    Roles, competencies, expectations, levels, promotions, the scale and the
    references come back; the ladder is checked as any other, and a package
    that lacks a part the ladder needs says which, by its path in the package.

    Raises:
        LadderError: If the package is not one this library can read back, or
            its ladder is not valid.

    Example:
        >>> from careerladder import from_case, presets, to_case
        >>> ladder = presets.load("seven-step-gpm")
        >>> from_case(to_case(ladder)) == ladder
        True

    .. versionadded:: 0.1.0
    """
    importer = _Importer(package, file)
    return build_ladder(importer.ladder_document(), importer.sink.origin, importer.sink)
