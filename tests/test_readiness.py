from __future__ import annotations

import io

import pytest
from hypothesis import given
from hypothesis import strategies as st

from careerladder import (
    Assessment,
    Gap,
    Ladder,
    LadderError,
    Role,
    iter_assessments,
    presets,
    team_readiness,
    write_readiness_csv,
)
from careerladder.testing import assessments, ladders

SIX = presets.load("six-step")


def expected_levels(ladder: Ladder, role: str) -> dict[str, int | str]:
    return {e.competency: e.level for e in ladder.role(role).expectations}


def test_gaps_are_largest_first_and_name_what_is_missing() -> None:
    levels = expected_levels(SIX, "senior-pm") | {"communication": 1, "leadership": 2}
    del levels["team-management"]
    report = SIX.readiness(Assessment(levels=levels, person="Ada"), "Senior PM")
    assert report.gaps == (
        Gap(competency="team-management", expected=3, actual=0),
        Gap(competency="leadership", expected=4, actual=2),
        Gap(competency="communication", expected=3, actual=1),
    )
    assert not report.ready
    assert report.score == pytest.approx(1 - 7 / 51)
    assert report.to_text().splitlines()[:2] == [
        "Ada for Senior Product Manager: not ready (score 0.86)",
        "missing: team-management 0 of 3 (3 short), leadership 2 of 4 (2 short), "
        "communication 1 of 3 (2 short)",
    ]
    assert str(report) == report.to_text()
    assert "| communication | 3 | 1 | 2 |" in report.to_markdown()
    assert "| strategic-thinking | 4 | 4 |  |" in report.to_markdown()
    assert "| team-management | 3 | 0 | 3 |" in report.to_markdown()
    assert report.demonstrated == {
        e.competency: levels.get(e.competency, 0) for e in report.role.expectations
    }


def test_a_role_without_expectations_is_never_silently_ready() -> None:
    ladder = SIX.add_role(Role(id="intern", title="Intern", level=0), promotes_to=["apm"])
    report = ladder.readiness(Assessment(levels={}), "intern")
    assert (report.ready, report.judged, report.score, report.met) == (False, False, 0.0, ())
    assert report.to_text() == (
        "Intern: not judged (score 0.00; nothing to judge by: the role expects nothing)"
    )


def test_unknown_role_or_competency() -> None:
    with pytest.raises(LadderError, match="no role 'ceo'"):
        SIX.readiness(Assessment(levels={}), "ceo")
    with pytest.raises(LadderError, match="unknown competency 'charm'"):
        SIX.readiness(Assessment(levels={"charm": 5}), "pm")


def test_next_steps_most_ready_first() -> None:
    ladder = SIX.add_role(
        Role(
            id="principal-pm",
            title="Principal PM",
            level=4,
            track="ic",
            expectations={"communication": 4},
        ),
        promoted_from=["senior-pm"],
    )
    steps = ladder.next_steps(Assessment(levels={"communication": 4}), "senior-pm")
    assert [r.role.id for r in steps] == ["principal-pm", "director-product"]
    assert ladder.next_steps(Assessment(levels={}), "cpo") == ()


def test_team_readiness_for_a_role_next_steps_or_every_role() -> None:
    people = list(iter_assessments("examples/assessments/team.csv"))
    by_role = list(team_readiness(SIX, people, role="apm"))
    assert [(r.person, r.role.id) for r in by_role] == [
        ("Ada", "apm"),
        ("Grace", "apm"),
        ("Linus", "apm"),
    ]
    nexts = list(team_readiness(SIX, people, current="pm"))
    assert [(r.person, r.role.id) for r in nexts] == [
        ("Ada", "senior-pm"),
        ("Grace", "senior-pm"),
        ("Linus", "senior-pm"),
    ]
    every = list(team_readiness(SIX, people))
    assert len(every) == 3 * len(SIX)
    with pytest.raises(TypeError, match="give role or current, not both"):
        list(team_readiness(SIX, people, role="pm", current="pm"))


def test_team_readiness_names_the_person_with_a_bad_assessment() -> None:
    people = [Assessment(levels={"communication": 9}, person="Bo")]
    with pytest.raises(LadderError) as caught:
        list(team_readiness(SIX, people, role="pm"))
    assert caught.value.problems[0].message.endswith("(the assessment of 'Bo')")
    with pytest.raises(LadderError, match=r"\(the assessment\)$"):
        list(team_readiness(SIX, [Assessment(levels={"x": 1})], role="pm"))


def test_csv_rows() -> None:
    out = io.StringIO()
    people = [Assessment(levels=expected_levels(SIX, "apm"), person="Ada"), Assessment(levels={})]
    assert write_readiness_csv(team_readiness(SIX, people, role="apm"), out) == 2
    lines = out.getvalue().splitlines()
    assert lines[0] == "person,role,ready,score,missing"
    assert lines[1] == "Ada,apm,yes,1.000,"
    assert lines[2].startswith(",apm,no,0.000,collaboration-influence 0/2;")


@given(st.data())
def test_meeting_every_expectation_is_ready_with_score_one(data: st.DataObject) -> None:
    ladder = data.draw(ladders())
    role = data.draw(st.sampled_from(ladder.roles))
    report = ladder.readiness(Assessment(levels=expected_levels(ladder, role.id)), role)
    if role.expectations:
        assert (report.ready, report.score, report.gaps) == (True, 1.0, ())
    else:  # nothing to judge by: never silently ready
        assert (report.ready, report.judged) == (False, False)


@given(st.data())
def test_raising_a_level_never_lowers_readiness(data: st.DataObject) -> None:
    ladder = data.draw(ladders())
    role = data.draw(st.sampled_from(ladder.roles))
    before = data.draw(assessments(ladder))
    competency = data.draw(st.sampled_from([c.id for c in ladder.competencies]))
    levels = before.resolve(ladder)
    levels[competency] = data.draw(st.integers(levels.get(competency, 1), len(ladder.scale)))
    after = Assessment(levels=levels)
    old, new = ladder.readiness(before, role), ladder.readiness(after, role)
    assert new.score >= old.score
    assert new.ready or not old.ready
    assert len(new.gaps) <= len(old.gaps)
    assert 0 <= new.score <= 1


@given(st.data())
def test_the_fast_csv_writes_what_the_reports_say(data: st.DataObject) -> None:
    from careerladder._readiness import team_csv  # noqa: PLC0415

    ladder = data.draw(ladders())
    people = data.draw(st.lists(assessments(ladder), max_size=4))
    role = data.draw(st.sampled_from(ladder.roles))
    # Read against the ladder, as the command line reads them: levels become numbers.
    resolved = [Assessment(levels=p.resolve(ladder), person=p.person) for p in people]
    for target, current in ((role.id, None), (None, role.id), (None, None)):
        slow, fast, checked = io.StringIO(), io.StringIO(), io.StringIO()
        reports = team_readiness(ladder, people, role=target, current=current)
        count = write_readiness_csv(reports, slow)
        assert team_csv(ladder, people, fast, role=target, current=current) == count
        assert fast.getvalue() == slow.getvalue()
        written = team_csv(ladder, resolved, checked, role=target, current=current, checked=True)
        assert written == count
        assert checked.getvalue() == slow.getvalue()


def test_a_boolean_is_not_a_level_even_in_bulk() -> None:
    with pytest.raises(LadderError, match=r"level True in levels\.communication is off the scale"):
        list(team_readiness(SIX, [Assessment(levels={"communication": True})], role="pm"))
