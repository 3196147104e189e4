"""Proficiency scales per competency, behaviours, promotion rules and best fit."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

import pytest
from hypothesis import given
from hypothesis import strategies as st

from careerladder import (
    Assessment,
    Competency,
    Expectation,
    Ladder,
    LadderError,
    Proficiency,
    PromotionRule,
    Role,
    dumps,
    load,
    loads,
    team_readiness,
    write_readiness_csv,
)
from careerladder._cli import main
from careerladder._problems import format_path
from careerladder.testing import assessments, ladders

if TYPE_CHECKING:
    from pathlib import Path

POINTS = load("examples/ladders/platform-points.yaml")
AXES = load("examples/ladders/data-axes.yaml")
STEPS = [0, 1, 3, 6, 10]
THRESHOLDS = {"e1": 0, "e2": 6, "se": 14, "staff": 24}


def codes(**fields: object) -> list[tuple[str, str, str]]:
    with pytest.raises(LadderError) as caught:
        Ladder(id="l", name="L", **fields)  # type: ignore[arg-type]
    return [(p.code, format_path(p.path), p.message) for p in caught.value.problems]


# -- points --------------------------------------------------------------------------


@given(st.lists(st.integers(0, 4), min_size=4, max_size=4))
def test_under_points_ready_iff_the_sum_reaches_min_points(steps: list[int]) -> None:
    levels = dict(zip(["delivery", "systems", "operations", "mentoring"], steps, strict=True))
    total = sum(STEPS[s] for s in steps)
    for role in POINTS:
        report = POINTS.readiness(Assessment(levels=levels), role)
        assert report.points == total
        assert report.ready == (total >= role.min_points)  # type: ignore[operator]
        assert report.rule == "points"


@given(st.lists(st.integers(0, 4), min_size=4, max_size=4))
def test_a_points_total_gets_the_title_the_framework_gives(steps: list[int]) -> None:
    levels = dict(zip(["delivery", "systems", "operations", "mentoring"], steps, strict=True))
    total = sum(STEPS[s] for s in steps)
    title = max((t for t, n in THRESHOLDS.items() if total >= n), key=THRESHOLDS.__getitem__)
    [best] = POINTS.best_fit(Assessment(levels=levels), top=1)
    # On the IC track the title is the highest reached; a management rung of the
    # same level and threshold may stand beside it.
    assert best.role.min_points == THRESHOLDS[title]
    assert best.ready


def test_thirteen_points_is_an_engineer_two_and_not_more() -> None:
    kim = Assessment(levels={"delivery": "leading", "systems": 2, "operations": 1}, person="Kim")
    fits = POINTS.best_fit(kim)
    assert [(r.role.id, r.ready, r.reason) for r in fits] == [
        ("e2", True, "10 points, 6 needed"),
        ("e1", True, "10 points, 0 needed"),
        ("se", False, "10 of 14 points"),
    ]
    assert str(fits[0]) == "Kim for Engineer II (E2): ready (score 1.00; 10 points, 6 needed)"


def test_a_role_with_no_threshold_under_points_is_not_judged() -> None:
    ladder = Ladder(
        id="l",
        name="L",
        promotion_rule=PromotionRule(kind="points", points=[0, 1, 2, 3, 4, 5]),
        competencies=[Competency(id="c", name="C")],
        roles=[Role(id="a", title="A", level=1)],
    )
    report = ladder.readiness(Assessment(levels={"c": 5}), "a")
    assert (report.ready, report.judged, report.verdict) == (False, False, "not judged")
    assert report.reason == "nothing to judge by: the role has no min_points under the points rule"
    assert ladder.best_fit(Assessment(levels={"c": 5})) == ()
    assert ladder.lint() == ()  # no expectations and an unused competency are fine here


def test_the_points_rule_is_checked() -> None:
    roles = [Role(id="a", title="A", level=1, min_points=-1)]
    assert codes(roles=roles, promotion_rule=PromotionRule(kind="points", points=[0, 1])) == [
        (
            "invalid-rule",
            "promotion_rule.points",
            "promotion_rule.points gives 2 values; give 6: one for step 0 (not yet) and one "
            "for each of the 5 steps of the longest scale",
        ),
        (
            "wrong-type",
            "roles[0].min_points",
            "roles[0].min_points must be a number from 0, got -1",
        ),
    ]
    rule = PromotionRule(kind="points", points=[0, 1, 2, -3, 4, 5])
    assert [c for c, _, _ in codes(promotion_rule=rule)] == ["invalid-rule"]


def test_min_points_only_with_the_points_rule() -> None:
    assert codes(roles=[Role(id="a", title="A", level=1, min_points=3)]) == [
        (
            "invalid-rule",
            "roles[0].min_points",
            "roles[0].min_points is given, but the ladder's promotion rule is 'all'; "
            "min_points counts only under promotion_rule {kind: points, points: [...]}",
        )
    ]


# -- most ----------------------------------------------------------------------------


@given(st.lists(st.integers(0, 3), min_size=3, max_size=3), st.integers(0, 3), st.floats(0.1, 1))
def test_under_most_ready_iff_within_the_gaps_and_the_share(
    shown: list[int], gaps: int, share: float
) -> None:
    ladder = Ladder(
        id="l",
        name="L",
        promotion_rule=PromotionRule(kind="most", allowed_gaps=gaps, min_share=share),
        competencies=[Competency(id=c, name=c) for c in "abc"],
        roles=[Role(id="r", title="R", level=1, expectations={"a": 2, "b": 2, "c": 2})],
    )
    report = ladder.readiness(Assessment(levels=dict(zip("abc", shown, strict=True))), "r")
    met = sum(s >= 2 for s in shown)
    assert report.ready == (3 - met <= gaps and met / 3 >= share)


def test_most_of_says_why() -> None:
    person = Assessment(levels={"analysis": "frames", "modelling": "adapts", "influence": 1})
    report = AXES.readiness(person, "senior-analyst")
    assert str(report).splitlines()[0] == (
        "Senior Data Analyst: ready (score 0.83; 2 of 3 expectations met; the rule asks at "
        "most 1 unmet)"
    )
    rule = PromotionRule(kind="most", min_share=0.5)
    report = attrs_evolve(AXES, promotion_rule=rule).readiness(person, "senior-analyst")
    assert report.reason == "2 of 3 expectations met; the rule asks at least 50% met"


def attrs_evolve(ladder: Ladder, **changes: object) -> Ladder:
    import attrs  # noqa: PLC0415

    return attrs.evolve(ladder, **changes)  # type: ignore[arg-type]


def test_the_most_rule_is_checked() -> None:
    assert [m for _, _, m in codes(promotion_rule=PromotionRule(kind="most"))] == [
        "the 'most' rule in promotion_rule needs allowed_gaps, min_share or both"
    ]
    bad = PromotionRule(kind="most", allowed_gaps=-1, min_share=1.5)
    assert [p for _, p, _ in codes(promotion_rule=bad)] == [
        "promotion_rule.allowed_gaps",
        "promotion_rule.min_share",
    ]
    unknown = PromotionRule(kind="some")  # type: ignore[arg-type]
    assert [p for _, p, _ in codes(promotion_rule=unknown)] == ["promotion_rule.kind"]


# -- scales --------------------------------------------------------------------------


def test_levels_by_step_name_on_each_competency_scale() -> None:
    assert AXES.expectation("senior-analyst", "analysis").level == 2  # type: ignore[union-attr]
    assert AXES.expectation("lead-analyst", "influence").level == 3  # type: ignore[union-attr]
    steps = Assessment(levels={"analysis": "directs", "modelling": "not yet"}).resolve(AXES)
    assert steps == {"analysis": 3, "modelling": 0}
    with pytest.raises(LadderError, match="expected 0 \\(not yet\\) to 3 or one of: applies"):
        Assessment(levels={"modelling": "masters"}).resolve(AXES)


def test_a_step_name_not_on_the_competency_scale_is_a_problem() -> None:
    text = (
        "id: l\nname: L\ncompetencies:\n  - {id: t, name: T, scale: [adopts, specializes]}\n"
        "roles: [{id: a, title: A, level: 1, expectations: {t: masters}}]\n"
    )
    with pytest.raises(LadderError) as caught:
        loads(text, file="f")
    assert [str(p) for p in caught.value.problems] == [
        "f:5:55: error level-off-scale: level 'masters' in roles[0].expectations.t is not on "
        "the scale; expected a number from 1 to 2 or one of: adopts, specializes"
    ]


def test_steps_in_python_take_names() -> None:
    ladder = Ladder(
        id="l",
        name="L",
        competencies=[Competency(id="t", name="T", scale=["adopts", "specializes"])],
        roles=[Role(id="a", title="A", level=1, expectations={"t": "Specializes"})],
    )
    assert ladder.expectation("a", "t") == Expectation(competency="t", level=2)
    assert ladder.scale_of("t") == (Proficiency(name="adopts"), Proficiency(name="specializes"))


def test_a_competency_scale_is_checked_like_the_ladder_scale() -> None:
    assert [
        (c, p)
        for c, p, _ in codes(competencies=[Competency(id="t", name="T", scale=["a", "3", "a"])])
    ] == [
        ("invalid-scale", "competencies[0].scale[1]"),
        ("invalid-scale", "competencies[0].scale[2]"),
    ]


def test_steps_and_behaviours_round_trip_through_every_text_format() -> None:
    for ladder in (POINTS, AXES):
        for kind in ("yaml", "json", "toml", "case"):
            assert loads(dumps(ladder, kind), kind) == ladder
    text = dumps(AXES)
    assert "- {name: answers" not in text  # a step with a description is a mapping
    assert "  - applies\n" in text  # a step with only a name is its name
    assert AXES.expectation("analyst", "analysis").examples == (  # type: ignore[union-attr]
        "Writes queries others can rerun",
        "Checks results against a second source",
    )


def test_a_step_of_the_wrong_kind_is_a_problem() -> None:
    with pytest.raises(LadderError, match="expected a step name or a mapping with a 'name'"):
        loads("id: l\nname: L\nscale: [a, [b]]\n")


def test_behaviours_are_shown() -> None:
    markdown = AXES.role("analyst").to_markdown()
    assert (
        "e.g. Writes queries others can rerun; Checks results against a second source" in markdown
    )
    assert "<li>Writes queries others can rerun</li>" in AXES.role("analyst")._repr_html_()


# -- command line --------------------------------------------------------------------


def test_best_fit_from_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    person = tmp_path / "kim.yaml"
    person.write_text("person: Kim\nlevels: {delivery: leading, systems: 2, operations: 1}\n")
    assert (
        main(["readiness", "examples/ladders/platform-points.yaml", str(person), "--best-fit", "1"])
        == 0
    )
    assert (
        capsys.readouterr().out
        == "Kim for Engineer II (E2): ready (score 1.00; 10 points, 6 needed)\n"
    )
    team = tmp_path / "team.csv"
    team.write_text("person,competency,level\nKim,delivery,3\nLee,delivery,0\n")
    out = tmp_path / "fit.csv"
    args = ["readiness", "examples/ladders/platform-points.yaml", str(team), "--best-fit", "1"]
    assert main([*args, "--out", str(out)]) == 0
    assert out.read_text().splitlines() == [
        "person,role,ready,score,missing",
        "Kim,e2,yes,1.000,6 of 6 points",
        "Lee,e1,yes,1.000,0 of 0 points",
    ]


def test_the_csv_report_says_when_a_role_is_not_judged() -> None:
    ladder = Ladder(
        id="l", name="L", roles=[Role(id="a", title="A", level=1)], ignore=["no-expectations"]
    )
    out = io.StringIO()
    write_readiness_csv(team_readiness(ladder, [Assessment(levels={})]), out)
    assert (
        out.getvalue().splitlines()[1]
        == ",a,not judged,0.000,nothing to judge by: the role expects nothing"
    )


def test_competency_scales_round_trip_through_case() -> None:
    back = loads(dumps(AXES, "case"), "case")
    assert [c.scale for c in back.competencies] == [c.scale for c in AXES.competencies]


def test_a_step_with_examples_is_written_as_a_mapping() -> None:
    step = Proficiency(name="leads", examples=["Runs the weekly review"])
    ladder = Ladder(id="l", name="L", competencies=[Competency(id="c", name="C", scale=step)])
    assert ladder.competencies[0].scale == (step,)
    assert "  - name: leads\n    examples:\n    - Runs the weekly review\n" in dumps(ladder)
    assert loads(dumps(ladder)) == ladder


def test_the_picture_of_a_report_says_which_rule_decided() -> None:
    pytest.importorskip("matplotlib")
    kim = Assessment(levels={"delivery": 3}, person="Kim")
    ax = POINTS.readiness(kim, "se").plot(ladder=POINTS)
    assert "6 of 14 points" in ax.get_title()
    ax.figure.clf()


def test_diff_reports_a_new_promotion_rule() -> None:
    from careerladder import diff  # noqa: PLC0415

    changed = AXES.replace(promotion_rule=PromotionRule(kind="most", min_share=0.5))
    assert [c.key for c in diff(AXES, changed)] == ["promotion_rule"]


def test_a_matrix_says_it_leaves_out_the_rule_scales_and_examples() -> None:
    from careerladder._formats._sheet import left_out  # noqa: PLC0415

    assert left_out(POINTS, "x.csv")[-3:] == [
        "min_points of 6 roles",
        "the descriptions and examples of the scale's steps",
        "the promotion rule (points)",
    ]
    assert "the own scales of 3 competencies" in left_out(AXES, "x.csv")
    assert "examples of 2 expectations" in left_out(AXES, "x.csv")


def test_a_person_s_two_rows_for_one_competency_take_the_slow_path(tmp_path: Path) -> None:
    from careerladder import iter_assessments  # noqa: PLC0415

    team = tmp_path / "team.csv"
    team.write_text("person,competency,level\nKim,delivery,1\nKim,delivery,2\n")
    with pytest.raises(LadderError, match="duplicate competency 'delivery'"):
        list(iter_assessments(team, POINTS))


def test_a_case_rubric_level_with_a_score_that_is_not_a_number_is_a_located_problem() -> None:
    import json  # noqa: PLC0415

    package = json.loads(dumps(AXES, "case"))
    level = package["CFRubrics"][0]["CFRubricCriteria"][0]["CFRubricCriterionLevels"][0]
    level["score"] = "one"
    with pytest.raises(LadderError) as caught:
        loads(json.dumps(package), "case")
    # The step is left out of the competency's scale, and the levels that used it are located.
    assert {p.code for p in caught.value.problems} == {"level-off-scale"}
    assert all(p.line == 1 for p in caught.value.problems)


@given(ladders(rich=True))
def test_rich_ladders_round_trip_through_every_text_format(ladder: Ladder) -> None:
    for kind in ("yaml", "json", "toml", "case"):
        assert loads(dumps(ladder, kind), kind) == ladder


@given(st.data())
def test_under_every_rule_the_verdict_is_the_rule_s(data: st.DataObject) -> None:
    ladder = data.draw(ladders(rich=True))
    person = data.draw(assessments(ladder))
    levels = person.resolve(ladder)
    rule = ladder.promotion_rule
    for role in ladder:
        report = ladder.readiness(person, role)
        assert report.rule == rule.kind
        if rule.kind == "points":
            total = sum(rule.points[min(v, len(rule.points) - 1)] for v in levels.values())
            judged = role.min_points is not None
            assert report.ready == (judged and total >= role.min_points)  # type: ignore[operator]
        elif not role.expectations:
            assert (report.ready, report.judged) == (False, False)
        elif rule.kind == "all":
            assert report.ready == (not report.gaps)
        else:
            assert report.ready == (len(report.gaps) <= rule.allowed_gaps)  # type: ignore[operator]


@given(ladders(rich=True, scale=["low", "high"]))
def test_rich_ladders_on_a_short_scale_are_valid(ladder: Ladder) -> None:
    assert len(ladder.scale) == 2


def test_the_matrix_names_each_competency_s_own_steps() -> None:
    assert (
        "Expected levels (Analysis: 1 answers, 2 frames, 3 directs; Modelling: 1 applies, "
        "2 adapts, 3 invents; Influence: 1 informs, 2 persuades, 3 sets-direction):"
    ) in AXES.to_markdown()
    mixed = AXES.add_competency(Competency(id="craft", name="Craft"))
    assert "Expected levels (1 aware, 2 practicing" in mixed.to_markdown()
    assert 'title="frames"' in AXES._repr_html_()


def test_a_report_knows_its_ladder_for_pictures() -> None:
    pytest.importorskip("matplotlib")
    report = AXES.readiness(Assessment(levels={"analysis": 1}), "senior-analyst")
    assert report.ladder is AXES
    ax = report.plot()
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Analysis", "Modelling", "Influence"]
    ax.figure.clf()
