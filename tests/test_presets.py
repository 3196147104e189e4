from __future__ import annotations

import importlib.util
import itertools
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from careerladder import LadderError, dumps, loads, presets

if TYPE_CHECKING:
    from collections.abc import Iterator

    from careerladder import Competency, Ladder

DATA = Path(__file__).parent / "data"
_spec = importlib.util.spec_from_file_location("source_hashes", DATA / "make_source_hashes.py")
assert _spec is not None
assert _spec.loader is not None
source_hashes = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(source_hashes)
SOURCE_RUNS = frozenset((DATA / "source-runs.txt").read_text().split())

ORDER = {
    "six-step": [
        "Associate Product Manager",
        "Product Manager",
        "Senior Product Manager",
        "Director of Product",
        "VP of Product",
        "Chief Product Officer",
    ],
    "seven-step-gpm": [
        "Associate Product Manager",
        "Product Manager",
        "Senior Product Manager",
        "Group Product Manager",
        "Director of Product",
        "VP of Product",
        "Chief Product Officer",
    ],
    "head-senior-director": [
        "Product Manager",
        "Senior Product Manager",
        "Director of Product",
        "Senior Director of Product",
        "Head of Product",
        "VP of Product",
        "Chief Product Officer",
    ],
}

#: The fifteen criteria for evaluating and promoting product people (torabi-2023).
CRITERIA = [
    "Strategic thinking",
    "Leadership",
    "Scope management",
    "Collaboration and influence",
    "Vision and innovation",
    "Team management",
    "Decision-making",
    "Communication",
    "Customer focus",
    "Adaptability and resilience",
    "Data analysis",
    "Business acumen",
    "Domain knowledge",
    "Strategic partnerships",
    "Self-reflection and continuous learning",
]


def test_names() -> None:
    assert presets.names() == tuple(sorted(ORDER))


def test_unknown_preset_lists_the_known_ones() -> None:
    with pytest.raises(LadderError) as caught:
        presets.load("seven-step")
    [problem] = caught.value.problems
    assert problem.code == "unknown-preset"
    assert problem.message == (
        "no preset 'seven-step'; did you mean 'seven-step-gpm'? (known presets: "
        "head-senior-director, seven-step-gpm, six-step)"
    )


@pytest.mark.parametrize("name", ORDER)
def test_roles_in_order_each_promoting_to_the_next(name: str) -> None:
    ladder = presets.load(name)
    assert [role.title for role in ladder] == ORDER[name]
    roles = list(ladder)
    assert {p.pair for p in ladder.promotions} == {
        (a.id, b.id) for a, b in itertools.pairwise(roles)
    }


@pytest.mark.parametrize("name", ORDER)
def test_presets_are_strict_clean(name: str) -> None:
    assert presets.load(name).lint() == ()


@pytest.mark.parametrize("name", ORDER)
@pytest.mark.parametrize("kind", ["yaml", "json", "toml"])
def test_presets_round_trip(name: str, kind: str) -> None:
    ladder = presets.load(name)
    assert loads(dumps(ladder, kind), kind) == ladder


@pytest.mark.parametrize("name", ORDER)
def test_preset_files_are_written_as_dumps_writes_them(name: str) -> None:
    folder = Path(presets.__file__).parent
    text = (folder / f"{name}.yaml").read_text()
    assert text.split("\n", 1)[1] == dumps(presets.load(name))


@pytest.mark.parametrize("name", ORDER)
def test_every_item_cites_a_reference_with_a_title(name: str) -> None:
    ladder = presets.load(name)
    assert all(ref.title for ref in ladder.references)
    for competency in ladder.competencies:
        assert competency.sources, competency.id
        assert competency.description, competency.id
        assert competency.category, competency.id
    for role in ladder:
        assert role.sources, role.id
        assert role.summary, role.id
        assert role.responsibilities, role.id
        assert len(role.expectations) >= 5, role.id
        for expectation in role.expectations:
            assert expectation.sources, (role.id, expectation.competency)
            assert expectation.description.endswith("."), (role.id, expectation.competency)


def test_one_competency_catalogue_is_shared() -> None:
    catalogue: dict[str, Competency] = {}
    for name in ORDER:
        for competency in presets.load(name).competencies:
            assert catalogue.setdefault(competency.id, competency) == competency
    names = {c.name for c in catalogue.values()}
    assert set(CRITERIA) <= names
    assert {"Technical acumen", "Process improvement", "Product execution"} <= names


def test_head_senior_director_measures_all_fifteen_criteria() -> None:
    ladder = presets.load("head-senior-director")
    assert [c.name for c in ladder.competencies] == CRITERIA


@pytest.mark.parametrize(
    ("name", "alias", "role"),
    [
        ("six-step", "APM", "apm"),
        ("six-step", "Junior PM", "apm"),
        ("six-step", "Director of Product Management", "director-product"),
        ("seven-step-gpm", "GPM", "group-pm"),
        ("seven-step-gpm", "Director PM", "director-product"),
        ("head-senior-director", "Junior PM", "pm"),
        ("head-senior-director", "Product Lead", "senior-pm"),
        ("head-senior-director", "Group PM", "senior-pm"),
        ("head-senior-director", "Vice President of Products", "vp-product"),
        ("head-senior-director", "head of products", "head-of-product"),
    ],
)
def test_alternate_titles_from_the_sources_are_aliases(name: str, alias: str, role: str) -> None:
    assert presets.load(name).role(alias).id == role


def texts(ladder: Ladder) -> Iterator[str]:
    """Every piece of prose in a ladder except the titles of the documents it cites."""
    yield ladder.name
    yield ladder.description
    for competency in ladder.competencies:
        yield f"{competency.name}. {competency.description}"
    for role in ladder:
        yield role.summary
        yield from role.responsibilities
        yield " ".join(e.description for e in role.expectations)
    for promotion in ladder.promotions:
        yield from promotion.criteria


def copied(text: str, known: frozenset[str]) -> list[str]:
    found = source_hashes.words(text)
    return [
        " ".join(found[i : i + source_hashes.RUN])
        for i, digest in enumerate(source_hashes.runs(text))
        if digest in known
    ]


def test_the_copy_check_finds_a_copied_run() -> None:
    sentence = "One two three four five six seven eight nine ten eleven"
    known = frozenset(source_hashes.runs("x " + sentence.upper()))
    assert copied(f"Before. {sentence}!", known) == [
        "one two three four five six seven eight",
        "two three four five six seven eight nine",
        "three four five six seven eight nine ten",
        "four five six seven eight nine ten eleven",
    ]


@pytest.mark.parametrize("name", ORDER)
def test_presets_are_in_our_own_words(name: str) -> None:
    assert len(SOURCE_RUNS) > 10_000
    runs = [run for text in texts(presets.load(name)) for run in copied(text, SOURCE_RUNS)]
    assert runs == []
