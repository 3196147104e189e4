from __future__ import annotations

import importlib.util
import itertools
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

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
    assert {
        "Technical acumen",
        "Process improvement",
        "Product execution",
        "Problem solving",
        "User-experience design",
    } <= names


def test_head_senior_director_measures_all_fifteen_criteria() -> None:
    ladder = presets.load("head-senior-director")
    assert [c.name for c in ladder.competencies] == CRITERIA


# -- the facts users rely on, as the sources give them ------------------------------


class Rung(NamedTuple):
    """One role of a preset as its sources describe it."""

    id: str
    title: str
    track: str
    #: Other titles a source gives the rung.
    aliases: list[str]
    #: Abbreviations and spellings in no source, kept because people type them.
    conventional: list[str]
    #: The competencies the sources name for the rung.
    competencies: list[str]


# six-step: esoft-career-paths (000) for the roles and their skills, journey-2023
# (002) for its three stages (entry: APM; mid: PM, Senior PM; senior: Director,
# CPO) and for continuous learning at every stage, torabi-2023 (003) for aliases
# and the VP's product organization.
SIX_STEP = [
    Rung(
        "apm",
        "Associate Product Manager",
        "ic",
        aliases=["APM", "Junior Product Manager", "Junior PM"],
        conventional=["Associate PM"],
        competencies=[
            "business-acumen",
            "collaboration-influence",
            "communication",
            "continuous-learning",
            "customer-focus",
            "data-analysis",
            "decision-making",
            "problem-solving",
            "product-execution",
        ],
    ),
    Rung(
        "pm",
        "Product Manager",
        "ic",
        aliases=["PM"],
        conventional=[],
        competencies=[
            "business-acumen",
            "collaboration-influence",
            "communication",
            "continuous-learning",
            "customer-focus",
            "data-analysis",
            "decision-making",
            "domain-knowledge",
            "leadership",
            "problem-solving",
            "product-execution",
            "scope-management",
            "strategic-thinking",
            "technical-acumen",
            "ux-design",
        ],
    ),
    Rung(
        "senior-pm",
        "Senior Product Manager",
        "ic",
        aliases=["Senior PM", "Product Lead", "Group PM"],
        conventional=["Sr. PM", "Group Product Manager"],
        competencies=[
            "business-acumen",
            "collaboration-influence",
            "communication",
            "continuous-learning",
            "customer-focus",
            "data-analysis",
            "decision-making",
            "domain-knowledge",
            "leadership",
            "problem-solving",
            "product-execution",
            "scope-management",
            "strategic-thinking",
            "team-management",
        ],
    ),
    Rung(
        "director-product",
        "Director of Product",
        "management",
        aliases=["Director of Product Management", "Director of Products"],
        conventional=["Product Director"],
        competencies=[
            "business-acumen",
            "collaboration-influence",
            "communication",
            "continuous-learning",
            "customer-focus",
            "decision-making",
            "domain-knowledge",
            "leadership",
            "process-improvement",
            "scope-management",
            "strategic-thinking",
            "team-management",
            "technical-acumen",
            "vision-innovation",
        ],
    ),
    Rung(
        "vp-product",
        "VP of Product",
        "management",
        aliases=["VP of Products", "Vice President of Products"],
        conventional=["Vice President of Product", "VP Product"],
        competencies=[
            "business-acumen",
            "collaboration-influence",
            "communication",
            "continuous-learning",
            "customer-focus",
            "decision-making",
            "leadership",
            "scope-management",
            "strategic-thinking",
            "team-management",
            "technical-acumen",
            "vision-innovation",
        ],
    ),
    Rung(
        "cpo",
        "Chief Product Officer",
        "management",
        aliases=["CPO"],
        conventional=[],
        competencies=[
            "business-acumen",
            "collaboration-influence",
            "communication",
            "continuous-learning",
            "customer-focus",
            "data-analysis",
            "decision-making",
            "domain-knowledge",
            "leadership",
            "scope-management",
            "strategic-thinking",
            "team-management",
            "technical-acumen",
            "vision-innovation",
        ],
    ),
]

# seven-step-gpm: pm-career-path (001) for the roles, ewing-ladder (004) for APM to
# Director, esoft-career-paths (000) for VP and CPO; journey-2023 (002) for Junior PM
# and mid-stage learning, torabi-2023 (003) for Product Lead, Director of Products,
# VP of Products and the CPO's organization.
SEVEN_STEP_GPM = [
    Rung(
        "apm",
        "Associate Product Manager",
        "ic",
        aliases=["APM", "Junior Product Manager", "Junior PM"],
        conventional=["Associate PM"],
        competencies=[
            "adaptability-resilience",
            "collaboration-influence",
            "communication",
            "continuous-learning",
            "customer-focus",
            "data-analysis",
            "product-execution",
        ],
    ),
    Rung(
        "pm",
        "Product Manager",
        "ic",
        aliases=["PM"],
        conventional=[],
        competencies=[
            "business-acumen",
            "collaboration-influence",
            "communication",
            "continuous-learning",
            "customer-focus",
            "data-analysis",
            "decision-making",
            "problem-solving",
            "product-execution",
            "scope-management",
            "strategic-thinking",
            "ux-design",
            "vision-innovation",
        ],
    ),
    Rung(
        "senior-pm",
        "Senior Product Manager",
        "ic",
        aliases=["Senior PM", "Product Lead"],
        conventional=["Sr. PM"],
        competencies=[
            "collaboration-influence",
            "communication",
            "continuous-learning",
            "decision-making",
            "leadership",
            "product-execution",
            "scope-management",
            "strategic-thinking",
            "ux-design",
            "vision-innovation",
        ],
    ),
    Rung(
        "group-pm",
        "Group Product Manager",
        "management",
        aliases=["Group PM", "GPM"],
        conventional=[],
        competencies=[
            "collaboration-influence",
            "communication",
            "data-analysis",
            "decision-making",
            "leadership",
            "scope-management",
            "strategic-thinking",
            "team-management",
            "vision-innovation",
        ],
    ),
    Rung(
        "director-product",
        "Director of Product",
        "management",
        aliases=["Director of Product Management", "Director PM", "Director of Products"],
        conventional=[],
        competencies=[
            "business-acumen",
            "collaboration-influence",
            "communication",
            "data-analysis",
            "decision-making",
            "leadership",
            "problem-solving",
            "scope-management",
            "strategic-thinking",
            "team-management",
            "vision-innovation",
        ],
    ),
    Rung(
        "vp-product",
        "VP of Product",
        "management",
        aliases=["Vice President of Product", "VP of Products", "Vice President of Products"],
        conventional=["VP Product"],
        competencies=[
            "business-acumen",
            "collaboration-influence",
            "communication",
            "customer-focus",
            "decision-making",
            "leadership",
            "process-improvement",
            "scope-management",
            "strategic-partnerships",
            "strategic-thinking",
            "team-management",
            "technical-acumen",
            "vision-innovation",
        ],
    ),
    Rung(
        "cpo",
        "Chief Product Officer",
        "management",
        aliases=["CPO"],
        conventional=[],
        competencies=[
            "business-acumen",
            "collaboration-influence",
            "communication",
            "customer-focus",
            "data-analysis",
            "decision-making",
            "leadership",
            "scope-management",
            "strategic-partnerships",
            "strategic-thinking",
            "team-management",
            "technical-acumen",
            "vision-innovation",
        ],
    ),
]

# head-senior-director: torabi-2023 (003) throughout; journey-2023 (002) only for
# the alias Director of Product Management.
HEAD_SENIOR_DIRECTOR = [
    Rung(
        "pm",
        "Product Manager",
        "ic",
        aliases=["PM", "Junior PM", "Junior Product Manager"],
        conventional=[],
        competencies=[
            "adaptability-resilience",
            "business-acumen",
            "collaboration-influence",
            "communication",
            "continuous-learning",
            "customer-focus",
            "data-analysis",
            "decision-making",
            "domain-knowledge",
            "leadership",
            "scope-management",
            "strategic-thinking",
            "team-management",
            "vision-innovation",
        ],
    ),
    Rung(
        "senior-pm",
        "Senior Product Manager",
        "ic",
        aliases=["Senior PM", "Product Lead", "Group PM"],
        conventional=["Group Product Manager"],
        competencies=[
            "collaboration-influence",
            "communication",
            "customer-focus",
            "data-analysis",
            "decision-making",
            "leadership",
            "scope-management",
            "strategic-thinking",
            "team-management",
        ],
    ),
    Rung(
        "director-product",
        "Director of Product",
        "management",
        aliases=["Director of Products", "Director of Product Management"],
        conventional=["Product Director"],
        competencies=[
            "adaptability-resilience",
            "business-acumen",
            "collaboration-influence",
            "communication",
            "continuous-learning",
            "customer-focus",
            "data-analysis",
            "decision-making",
            "domain-knowledge",
            "leadership",
            "scope-management",
            "strategic-partnerships",
            "strategic-thinking",
            "team-management",
            "vision-innovation",
        ],
    ),
    Rung(
        "senior-director-product",
        "Senior Director of Product",
        "management",
        aliases=["Senior Director of Products", "Senior Director"],
        conventional=[],
        competencies=[
            "collaboration-influence",
            "decision-making",
            "scope-management",
            "strategic-thinking",
            "vision-innovation",
        ],
    ),
    Rung(
        "head-of-product",
        "Head of Product",
        "management",
        aliases=["Head of Products"],
        conventional=[],
        competencies=[
            "collaboration-influence",
            "customer-focus",
            "leadership",
            "scope-management",
            "strategic-thinking",
            "team-management",
            "vision-innovation",
        ],
    ),
    Rung(
        "vp-product",
        "VP of Product",
        "management",
        aliases=["Vice President of Products", "VP of Products"],
        conventional=["Vice President of Product"],
        competencies=[
            "adaptability-resilience",
            "business-acumen",
            "collaboration-influence",
            "communication",
            "continuous-learning",
            "customer-focus",
            "data-analysis",
            "decision-making",
            "domain-knowledge",
            "leadership",
            "scope-management",
            "strategic-partnerships",
            "strategic-thinking",
            "team-management",
            "vision-innovation",
        ],
    ),
    Rung(
        "cpo",
        "Chief Product Officer",
        "management",
        aliases=["CPO"],
        conventional=[],
        competencies=[
            "adaptability-resilience",
            "business-acumen",
            "collaboration-influence",
            "communication",
            "continuous-learning",
            "customer-focus",
            "data-analysis",
            "decision-making",
            "domain-knowledge",
            "leadership",
            "scope-management",
            "strategic-partnerships",
            "strategic-thinking",
            "team-management",
            "vision-innovation",
        ],
    ),
]


def check_facts(name: str, rungs: list[Rung]) -> None:
    ladder = presets.load(name)
    assert [(r.id, r.title, r.track) for r in ladder] == [(r.id, r.title, r.track) for r in rungs]
    for role, rung in zip(ladder, rungs, strict=True):
        assert set(role.aliases) == {*rung.aliases, *rung.conventional}, role.id
        assert sorted(e.competency for e in role.expectations) == rung.competencies, role.id
        for alias in rung.aliases:
            assert ladder.role(alias) == role


def test_six_step_holds_the_facts_of_its_sources() -> None:
    check_facts("six-step", SIX_STEP)


def test_seven_step_gpm_holds_the_facts_of_its_sources() -> None:
    check_facts("seven-step-gpm", SEVEN_STEP_GPM)


def test_head_senior_director_holds_the_facts_of_its_sources() -> None:
    check_facts("head-senior-director", HEAD_SENIOR_DIRECTOR)


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
