from __future__ import annotations

import pytest

from careerladder import Rank, Title, TitleVocabulary, parse_title

IC, MGMT = "ic", "management"

# Each title with its function, seniority, track and grade.
TITLES = [
    # Product
    ("Associate Product Manager", "product", "associate", IC, None),
    ("APM", "product", "associate", IC, None),
    ("Junior PM", "product", "junior", IC, None),
    ("Product Manager", "product", None, IC, None),
    ("PM", "product", None, IC, None),
    ("Product Owner", "product", None, IC, None),
    ("Product Manager II", "product", None, IC, 2),
    ("Senior Product Manager", "product", "senior", IC, None),
    ("Sr. PM", "product", "senior", IC, None),
    ("Sr PM", "product", "senior", IC, None),
    ("Staff Product Manager", "product", "staff", IC, None),
    ("Lead Product Manager", "product", "lead", IC, None),
    ("Product Lead", "product", "lead", IC, None),
    ("Principal PM", "product", "principal", IC, None),
    ("Principal Product Manager", "product", "principal", IC, None),
    ("Senior Principal PM", "product", "senior principal", IC, None),
    ("Group Product Manager", "product", "group manager", MGMT, None),
    ("Group PM", "product", "group manager", MGMT, None),
    ("GPM", "product", "group manager", MGMT, None),
    ("Group Manager, Product Management", "product", "group manager", MGMT, None),
    ("Manager, Product Management", "product", "manager", MGMT, None),
    ("Senior Manager, Product Management", "product", "senior manager", MGMT, None),
    ("Director of Product", "product", "director", MGMT, None),
    ("Director of Product Management", "product", "director", MGMT, None),
    ("Director, Product Management", "product", "director", MGMT, None),
    ("Product Director", "product", "director", MGMT, None),
    ("Associate Director of Product", "product", "associate director", MGMT, None),
    ("Senior Director of Product Management", "product", "senior director", MGMT, None),
    ("Sr. Director, Product", "product", "senior director", MGMT, None),
    ("Head of Product", "product", "head", MGMT, None),
    ("VP of Product", "product", "vp", MGMT, None),
    ("VP, Product Management", "product", "vp", MGMT, None),
    ("Vice President of Product", "product", "vp", MGMT, None),
    ("SVP Product", "product", "svp", MGMT, None),
    ("EVP, Product", "product", "evp", MGMT, None),
    ("Chief Product Officer", "product", "chief", MGMT, None),
    ("CPO", "product", "chief", MGMT, None),
    # Engineering
    ("Junior Developer", "engineering", "junior", IC, None),
    ("Software Engineer", "engineering", None, IC, None),
    ("Engineer II", "engineering", None, IC, 2),
    ("Software Engineer III", "engineering", None, IC, 3),
    ("Software Engineer 2", "engineering", None, IC, 2),
    ("Developer 7", "engineering", None, IC, 7),
    ("SWE", "engineering", None, IC, None),
    ("Senior Software Engineer", "engineering", "senior", IC, None),
    ("Sr. Backend Engineer", "engineering", "senior", IC, None),
    ("Staff Engineer", "engineering", "staff", IC, None),
    ("Senior Staff Engineer", "engineering", "senior staff", IC, None),
    ("Tech Lead", "engineering", "lead", IC, None),
    ("Principal Engineer", "engineering", "principal", IC, None),
    ("Distinguished Engineer", "engineering", "distinguished", IC, None),
    ("Member of Technical Staff", "engineering", None, IC, None),
    ("Senior Member of Technical Staff", "engineering", "senior", IC, None),
    ("Engineering Manager", "engineering", "manager", MGMT, None),
    ("EM", "engineering", "manager", MGMT, None),
    ("Engineering Manager 2", "engineering", "manager", MGMT, 2),
    ("Senior Eng Mgr", "engineering", "senior manager", MGMT, None),
    ("Director of Engineering", "engineering", "director", MGMT, None),
    ("Head of Engineering", "engineering", "head", MGMT, None),
    ("SVP Engineering", "engineering", "svp", MGMT, None),
    ("CTO", "engineering", "chief", MGMT, None),
    ("Chief Technology Officer", "engineering", "chief", MGMT, None),
    # Design
    ("Product Designer", "design", None, IC, None),
    ("Senior UX Designer", "design", "senior", IC, None),
    ("Lead Product Designer", "design", "lead", IC, None),
    ("Design Manager", "design", "manager", MGMT, None),
    ("Head of Design", "design", "head", MGMT, None),
    ("VP of Design", "design", "vp", MGMT, None),
    # Data
    ("Data Scientist", "data", None, IC, None),
    ("Senior Data Analyst", "data", "senior", IC, None),
    ("Staff Data Engineer", "data", "staff", IC, None),
    ("Director of Data Science", "data", "director", MGMT, None),
    ("Head of Analytics", "data", "head", MGMT, None),
    # Program and project managers
    ("Program Manager", "program management", None, IC, None),
    ("Technical Program Manager", "program management", None, IC, None),
    ("TPM II", "program management", None, IC, 2),
    ("Senior Program Manager", "program management", "senior", IC, None),
    ("Director, Program Management", "program management", "director", MGMT, None),
    ("Project Manager", "project management", None, IC, None),
    ("Senior Project Manager", "project management", "senior", IC, None),
    # Titles without a function
    ("Senior Director", None, "senior director", MGMT, None),
    ("Fellow", None, "fellow", IC, None),
    ("Intern", None, "intern", IC, None),
    ("Chief Executive Officer", "executive", "chief", MGMT, None),
]


@pytest.mark.parametrize(("text", "function", "seniority", "track", "grade"), TITLES)
def test_real_titles_read_as_a_person_reads_them(
    text: str, function: str | None, seniority: str | None, track: str | None, grade: int | None
) -> None:
    title = parse_title(text)
    assert (title.text, title.function, title.seniority, title.track, title.grade) == (
        text,
        function,
        seniority,
        track,
        grade,
    )


def test_the_table_covers_sixty_titles() -> None:
    assert len(TITLES) >= 60


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Director, Product Management", "Director of Product Management"),
        ("Director of Product", "Product Director"),
        ("Sr. PM", "Senior Product Manager"),
        ("GPM", "Group Product Manager"),
        ("VP Product", "Vice President, Product"),
        ("CPO", "Chief Product Officer"),
        ("EM", "Engineering Manager"),
    ],
)
def test_word_order_abbreviations_and_punctuation_do_not_matter(one: str, other: str) -> None:
    a, b = parse_title(one), parse_title(other)
    assert (a.function, a.seniority, a.track, a.rank) == (b.function, b.seniority, b.track, b.rank)


def test_seniority_words_rise_in_order_on_each_track() -> None:
    ic = ["Junior PM", "PM", "Senior PM", "Staff PM", "Lead PM", "Principal PM"]
    ic += ["Distinguished Engineer", "Fellow"]
    management = ["Manager", "Senior Manager", "Group Manager", "Director", "Senior Director"]
    management += ["Head of Product", "VP", "SVP", "EVP", "Chief Product Officer"]
    for titles in (ic, management):
        ranks = [parse_title(t).rank for t in titles]
        assert ranks == sorted(ranks), titles  # type: ignore[type-var]
        assert len(set(ranks)) == len(ranks)
    assert parse_title("Associate PM").rank == parse_title("Junior PM").rank


def test_roman_and_arabic_grades() -> None:
    assert [parse_title(f"Engineer {n}").grade for n in ("I", "IV", "X", "3", "2.5")] == [
        1,
        4,
        10,
        3,
        2.5,
    ]
    assert parse_title("Engineer Level 3").grade == 3
    assert parse_title("Engineer II").rank is None  # a grade, not a seniority word
    assert parse_title("V").grade is None  # a lone numeral is no grade
    assert parse_title("Level 3") == Title(
        text="Level 3", function=None, seniority=None, track=None, grade=3
    )


def test_words_it_does_not_know_say_nothing() -> None:
    title = parse_title("Wizard of Light")
    assert (title.function, title.seniority, title.track, title.rank) == (None, None, None, None)
    assert parse_title("").function is None


def test_users_extend_the_vocabulary() -> None:
    words = TitleVocabulary.default().extend(
        abbreviations={"ds": "data scientist"},
        functions={"brand": "marketing"},
        roles={"copywriter": "marketing"},
        ranks={"maestro": Rank(track="ic", rank=5, plural="maestros")},
        tracks={"maker": "ic"},
        fillers={"team"},
    )
    assert parse_title("Senior DS", vocabulary=words).function == "data"
    assert parse_title("Head of Brand", vocabulary=words).function == "marketing"
    assert parse_title("Copywriter", vocabulary=words).track == "ic"
    assert parse_title("Maestro", vocabulary=words).rank == 5.0
    assert words.track("Maker") == "ic"
    assert "team" in words.fillers
    # The default is untouched.
    assert parse_title("Senior DS").function is None
    assert TitleVocabulary.default().seniority(None) is None
    assert TitleVocabulary.default().track(None) is None


def test_a_team_lead_runs_a_team_below_a_manager() -> None:
    team, manager = parse_title("Engineering Team Lead"), parse_title("Engineering Manager")
    assert (team.seniority, team.track) == ("team lead", "management")
    assert team.rank is not None
    assert manager.rank is not None
    assert team.rank < manager.rank
    assert parse_title("Tech Lead").track == "ic"


def test_a_senior_group_lead_ranks_above_a_group_lead() -> None:
    group, senior = parse_title("Group Lead"), parse_title("Senior Group Lead")
    assert (group.seniority, group.track) == ("group lead", "management")
    assert senior.seniority == "senior group lead"
    assert (group.rank, senior.rank) == (4, 5)  # beside staff, and beside principal
