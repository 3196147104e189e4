"""CASE 1.1 packages: the required fields, stable identifiers, and the way back."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from careerladder import (
    Ladder,
    LadderError,
    from_case,
    load,
    presets,
    to_case,
)
from careerladder._formats._files import read_ladder as read
from careerladder._problems import format_path
from careerladder.testing import ladders

WHEN = dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.UTC)
LINK = {"title", "identifier", "uri"}
# What CASE 1.1 requires of each entity this package writes.
REQUIRED = {
    "CFDocument": {"identifier", "uri", "creator", "title", "lastChangeDateTime", "CFPackageURI"},
    "CFItems": {"identifier", "uri", "fullStatement", "lastChangeDateTime", "CFDocumentURI"},
    "CFAssociations": {
        "identifier", "uri", "associationType", "originNodeURI", "destinationNodeURI",
        "lastChangeDateTime",
    },
    "CFRubrics": {"identifier", "uri", "lastChangeDateTime"},
    "CFRubricCriteria": {"identifier", "uri", "lastChangeDateTime"},
    "CFRubricCriterionLevels": {"identifier", "uri", "lastChangeDateTime"},
}  # fmt: skip
# The CASE 1.1 association types the export uses (each one the standard defines).
ASSOCIATION_TYPES = {"isChildOf", "precedes", "isPeerOf", "hasSkillLevel", "isRelatedTo"}


def check_required(package: dict[str, Any]) -> None:
    assert REQUIRED["CFDocument"] <= package["CFDocument"].keys()
    assert package["CFDocument"]["CFPackageURI"].keys() == LINK
    for key in ("CFItems", "CFAssociations", "CFRubrics"):
        for entity in package[key]:
            assert REQUIRED[key] <= entity.keys(), (key, entity)
            assert entity["lastChangeDateTime"] == "2026-01-02T03:04:05Z"
    for association in package["CFAssociations"]:
        assert association["associationType"] in ASSOCIATION_TYPES
        assert association["originNodeURI"].keys() == LINK
        assert association["destinationNodeURI"].keys() == LINK
    for rubric in package["CFRubrics"]:
        for criterion in rubric["CFRubricCriteria"]:
            assert REQUIRED["CFRubricCriteria"] <= criterion.keys()
            for level in criterion["CFRubricCriterionLevels"]:
                assert REQUIRED["CFRubricCriterionLevels"] <= level.keys()
    identifiers = [e["identifier"] for k in ("CFItems", "CFAssociations") for e in package[k]]
    assert len(identifiers) == len(set(identifiers))


@given(ladders(tracks=[None, "ic", "management"]))
def test_every_ladder_comes_back_whole(ladder: Ladder) -> None:
    package = json.loads(json.dumps(to_case(ladder, changed=WHEN)))
    check_required(package)
    assert from_case(package) == ladder


def test_the_package_maps_each_part(ladder: Ladder) -> None:
    package = to_case(ladder, changed=WHEN, base_uri="https://case.example/uri/")
    items = {item["humanCodingScheme"]: item for item in package["CFItems"]}
    assert items["craft"]["CFItemType"] == "Competency"
    assert items["senior-pm"]["CFItemType"] == "Job Role"
    assert items["senior-pm/people"]["CFItemType"] == "Expectation"
    assert (
        items["senior-pm"]["uri"] == "https://case.example/uri/" + items["senior-pm"]["identifier"]
    )
    kinds: dict[str, int] = {}
    for association in package["CFAssociations"]:
        kinds[association["associationType"]] = kinds.get(association["associationType"], 0) + 1
    expectations = sum(len(role.expectations) for role in ladder)
    assert kinds == {
        "isChildOf": len(ladder.competencies) + len(ladder) + expectations,
        "hasSkillLevel": expectations,
        "precedes": len(ladder.promotions),
    }
    precedes = {
        (a["originNodeURI"]["title"], a["destinationNodeURI"]["title"])
        for a in package["CFAssociations"]
        if a["associationType"] == "precedes"
    }
    assert ("Senior Product Manager", "Staff Product Manager") in precedes
    (rubric,) = package["CFRubrics"]
    assert [c["category"] for c in rubric["CFRubricCriteria"]] == ["Craft", "People leadership"]
    levels = rubric["CFRubricCriteria"][0]["CFRubricCriterionLevels"]
    assert [(lv["quality"], lv["score"]) for lv in levels] == list(
        zip([step.name for step in ladder.scale], range(1, 6), strict=True)
    )
    assert package["CFDocument"]["caseVersion"] == "1.1"


def test_identifiers_are_stable_and_references_are_source_urls() -> None:
    six = presets.load("six-step")
    ladder = attrs.evolve(
        six,
        references=[
            attrs.evolve(r, url=f"https://example.org/{r.id}") if i % 2 else r
            for i, r in enumerate(six.references)
        ],
    )
    first, second = to_case(ladder, changed=WHEN), to_case(ladder)
    ids = [[e["identifier"] for e in p["CFItems"]] for p in (first, second)]
    assert ids[0] == ids[1]
    assert first["CFDocument"]["identifier"] == second["CFDocument"]["identifier"]
    urls = {r.url for r in ladder.references if r.url}
    cited = {
        a["destinationNodeURI"]["uri"]
        for a in first["CFAssociations"]
        if a["associationType"] == "isRelatedTo"
    }
    assert urls <= cited
    assert first["CFDocument"]["officialSourceURL"] in urls
    assert from_case(first) == ladder


def test_a_package_missing_parts_says_which(tmp_path: Any) -> None:
    package = to_case(load("examples/ladders/acme.yaml"), changed=WHEN)
    del package["CFItems"][0]["fullStatement"]
    package["CFItems"][1] = "not an item"
    path = tmp_path / "acme.case.json"
    path.write_text(json.dumps(package, indent=2))
    with pytest.raises(LadderError) as caught:
        read(str(path))
    assert [(p.code, format_path(p.path), p.line) for p in caught.value.problems] == [
        ("missing-field", "CFItems[0].fullStatement", 32),
        ("missing-field", "CFItems[1]", 53),
        # The criterion of the competency whose item is gone no longer resolves.
        ("unknown-item", "CFRubrics[0].CFRubricCriteria[1].CFItemURI", 2331),
    ]
    with pytest.raises(LadderError, match="CFDocument: expected an object"):
        from_case([])


def test_a_package_that_is_not_json(tmp_path: Any) -> None:
    path = tmp_path / "x.case.json"
    path.write_text('{"CFDocument": ')
    with pytest.raises(LadderError) as caught:
        read(str(path))
    assert str(caught.value.problems[0]).endswith(
        "x.case.json:1:16: error syntax: not JSON: Expecting value"
    )


def test_parts_that_cannot_be_read_back_are_named() -> None:
    package = to_case(load("examples/ladders/acme.yaml"), changed=WHEN)
    role = next(i for i in package["CFItems"] if i["CFItemType"] == "Job Role")
    del role["extensions"]
    child = next(
        (n, a)
        for n, a in enumerate(package["CFAssociations"])
        if a["associationType"] == "isChildOf"
        and "/" in a["originNodeURI"]["title"] + "/"
        and a["destinationNodeURI"]["identifier"] != package["CFDocument"]["identifier"]
    )
    del package["CFAssociations"][child[0]]
    package["CFRubrics"] = {}
    with pytest.raises(LadderError) as caught:
        from_case(package)
    assert sorted((p.code, format_path(p.path)) for p in caught.value.problems) == [
        ("missing-field", f"CFItems[{package['CFItems'].index(role)}].extensions"),
        ("wrong-type", "CFRubrics"),
    ]
    package["CFRubrics"] = to_case(load("examples/ladders/acme.yaml"), changed=WHEN)["CFRubrics"]
    role["extensions"] = {"careerladder": {"level": 1}}
    with pytest.raises(LadderError) as caught:
        from_case(package)
    (problem,) = caught.value.problems
    assert problem.code == "orphan-item"
    assert problem.message.endswith("(no isChildOf association from it to a Job Role)")


def test_problems_of_the_ladder_point_into_the_package(tmp_path: Any) -> None:
    package = to_case(load("examples/ladders/acme.yaml"), changed=WHEN)
    senior = next(i for i in package["CFItems"] if i.get("humanCodingScheme") == "senior-pm")
    senior["extensions"]["careerladder"]["level"] = 9  # above the roles it promotes to
    path = tmp_path / "acme.case.json"
    path.write_text(json.dumps(package, indent=2))
    with pytest.raises(LadderError) as caught:
        read(str(path))
    onward = [
        f"CFAssociations[{n}]"
        for n, a in enumerate(package["CFAssociations"])
        if a["associationType"] == "precedes"
        and a["originNodeURI"]["identifier"] == senior["identifier"]
    ]
    assert len(onward) == 2
    assert sorted((p.code, format_path(p.path)) for p in caught.value.problems) == [
        ("level-not-rising", where) for where in sorted(onward)
    ]
    lines = path.read_text().splitlines()
    for problem in caught.value.problems:
        assert format_path(problem.path) in problem.message
        assert problem.line is not None
        assert lines[problem.line - 1].strip() == "{"  # where the association starts


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=5),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=6,
)


def places(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path inside a JSON value, the value itself included."""
    found = [path]
    if isinstance(node, dict):
        for key, value in node.items():
            found += places(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += places(value, (*path, index))
    return found


SMALL = json.loads(json.dumps(to_case(presets.load("six-step").remove_role("cpo"), changed=WHEN)))
EVERY_PLACE = places(SMALL)


@settings(max_examples=200)
@given(st.sampled_from(EVERY_PLACE[1:]), JSON)
def test_any_damaged_package_is_a_ladder_error_never_a_crash(
    path: tuple[Any, ...], value: object
) -> None:
    package = json.loads(json.dumps(SMALL))
    node = package
    for part in path[:-1]:
        node = node[part]
    node[path[-1]] = value
    # Either a ladder (the value did not matter) or problems with their places.
    problems: tuple[Any, ...] = ()
    try:
        from_case(package)
    except LadderError as error:
        problems = error.problems
        assert problems
    assert all(p.path for p in problems)


def test_moves_grades_entries_decimal_levels_and_ignores_come_back() -> None:
    ladder = attrs.evolve(load("examples/ladders/engineering.yaml"), ignore=["no-expectations"])
    package = json.loads(json.dumps(to_case(ladder, changed=WHEN)))
    check_required(package)
    assert from_case(package) == ladder
    items = {item["identifier"]: item for item in package["CFItems"]}
    peers = sorted(
        (
            items[a["originNodeURI"]["identifier"]]["humanCodingScheme"],
            items[a["destinationNodeURI"]["identifier"]]["humanCodingScheme"],
            a.get("extensions"),
        )
        for a in package["CFAssociations"]
        if a["associationType"] == "isPeerOf"
    )
    assert peers == [
        ("manager", "staff", None),
        ("principal", "senior-manager", None),
        ("senior-manager", "principal", None),
        (
            "staff",
            "manager",
            {"careerladder": {"criteria": ["Has led a team's planning for a quarter"]}},
        ),
    ]
    director = next(i for i in items.values() if i["humanCodingScheme"] == "director")
    assert director["extensions"] == {
        "careerladder": {"level": 5.5, "grade": "M3", "track": "management", "entry": True}
    }
    assert package["CFDocument"]["extensions"]["careerladder"]["ignore"] == ["no-expectations"]
