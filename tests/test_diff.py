from __future__ import annotations

import json

import attrs
from hypothesis import given
from hypothesis import strategies as st

from careerladder import Competency, Ladder, Reference, Role, diff, load, presets
from careerladder.testing import ladders
from helpers import dual_track


def test_no_changes() -> None:
    changes = diff(dual_track(), dual_track())
    assert not changes
    assert len(changes) == 0
    assert changes.to_text() == "no changes"
    assert changes.to_markdown() == "**No changes** to the ladder."
    assert changes.to_json() == []


def test_every_part_added_removed_or_changed() -> None:
    old = dual_track()
    new = (
        old.remove_role("gpm")
        .add_role(Role(id="vp", title="VP", level=5), promoted_from=["director"])
        .add_competency(Competency(id="vision", name="Vision"))
        .add_promotion("pm", "staff-pm", criteria=["Exceptional"])
    )
    new = attrs.evolve(
        new,
        name="Dual track, revised",
        roles=[attrs.evolve(r, title="Staff PM") if r.id == "staff-pm" else r for r in new.roles],
        references=[Reference(id="book", title="Book")],
    )
    people = old.expectation("director", "people")
    assert people is not None
    raised = attrs.evolve(people, level=5)
    new = new.add_expectation("director", raised)
    expected = [
        "changed ladder 'name': Dual track -> Dual track, revised",
        "added competency 'vision'",
        "changed role 'staff-pm'",
        "  title: Staff Product Manager -> Staff PM",
        "removed role 'gpm'",
        "added role 'vp'",
        "removed promotion 'senior-pm -> gpm'",
        "removed promotion 'gpm -> director'",
        "added promotion 'director -> vp'",
        "added promotion 'pm -> staff-pm'",
        "changed expectation 'director / people'",
        "  level: 4 -> 5",
        "added reference 'book'",
    ]
    assert diff(old, new).to_text().splitlines() == expected


def test_reordering_roles_or_competencies_is_a_change_but_promotions_are_a_set() -> None:
    old = dual_track()
    new = attrs.evolve(old, roles=old.roles[::-1], promotions=old.promotions[::-1])
    [change] = diff(old, new)
    assert (change.kind, change.part, change.key) == ("reordered", "role", "roles")
    assert not diff(old, attrs.evolve(old, promotions=old.promotions[::-1]))


def test_markdown_for_a_pull_request_and_json() -> None:
    old = presets.load("six-step")
    new = old.add_promotion("senior-pm", "vp-product", criteria=["Founder | operator"])
    markdown = diff(old, new).to_markdown()
    assert markdown.splitlines() == [
        "**1 change** to the ladder: 1 promotion added.",
        "",
        "| Change | What | Which | Details |",
        "|---|---|---|---|",
        "| added | promotion | `senior-pm -> vp-product` |  |",
    ]
    changed = attrs.evolve(old, scale=("a", "b", "c", "d", "e"))
    assert json.loads(json.dumps(diff(old, changed).to_json())) == [
        {
            "kind": "changed",
            "part": "ladder",
            "key": "scale",
            "fields": {
                "value": {
                    "old": ["aware", "practicing", "proficient", "advanced", "expert"],
                    "new": ["a", "b", "c", "d", "e"],
                }
            },
        }
    ]
    assert (
        "| changed | ladder | `scale` | value: aware, practicing"
        in diff(old, changed).to_markdown()
    )


def test_json_of_changed_roles_and_dates() -> None:
    import datetime as dt  # noqa: PLC0415

    old = Ladder(id="l", name="L", references=[Reference(id="r", title="T")])
    new = attrs.evolve(old, references=[Reference(id="r", title="T", date=dt.date(2024, 1, 2))])
    assert diff(old, new).to_json()[0]["fields"] == {"date": {"old": None, "new": "2024-01-02"}}
    role = Role(id="a", title="A", level=1)
    old, new = (
        Ladder(id="l", name="L", roles=[role]),
        Ladder(id="l", name="L", roles=[attrs.evolve(role, aliases=["x"])]),
    )
    assert diff(old, new).to_json()[0]["fields"] == {"aliases": {"old": [], "new": ["x"]}}


@given(ladders())
def test_a_ladder_has_no_differences_from_itself(ladder: Ladder) -> None:
    assert not diff(ladder, ladder)


@given(ladders(), ladders())
def test_the_diff_is_empty_only_for_equal_ladders(a: Ladder, b: Ladder) -> None:
    assert bool(diff(a, b)) == (a != b)


@given(ladders(), st.data())
def test_one_edit_gives_a_non_empty_diff(ladder: Ladder, data: st.DataObject) -> None:
    role = data.draw(st.sampled_from(ladder.roles))
    edited = attrs.evolve(
        ladder,
        roles=[
            attrs.evolve(r, level=r.level)
            if r is not role
            else attrs.evolve(r, summary=r.summary + "!")
            for r in ladder.roles
        ],
    )
    changes = diff(ladder, edited)
    assert [(c.kind, c.part, c.key) for c in changes] == [("changed", "role", role.id)]


def test_changed_ladder_fields_are_counted_as_fields() -> None:
    old = presets.load("six-step")
    new = attrs.evolve(old, id="six", name="Six", description="Six rungs.")
    assert diff(old, new).to_markdown().splitlines()[0] == (
        "**3 changes** to the ladder: 3 ladder fields changed."
    )
    one = attrs.evolve(old, name="Six")
    assert diff(old, one).to_markdown().splitlines()[0] == (
        "**1 change** to the ladder: 1 ladder field changed."
    )


def test_moves_grades_entry_flags_and_ignores() -> None:
    old = load("examples/ladders/engineering.yaml")
    director = attrs.evolve(old.role("director"), entry=False, grade="D1")
    new = (
        old.remove_move("staff", "manager")
        .add_move("staff", "manager", criteria=["Has run planning"])
        .remove_move("principal", "senior-manager")
        .add_role(Role(id="em2", title="Manager II", level=4, track="management"))
        .add_move("manager", "em2")
    )
    new = attrs.evolve(
        new,
        roles=[director if r.id == "director" else r for r in new.roles],
        ignore=["no-expectations"],
    )
    assert diff(old, new).to_text() == (
        "changed ladder 'ignore': (none) -> no-expectations\n"
        "changed role 'director'\n"
        "  grade: M3 -> D1\n"
        "  entry: True -> False\n"
        "added role 'em2'\n"
        "changed move 'staff -> manager'\n"
        "  criteria: Has led a team's planning for a quarter -> Has run planning\n"
        "removed move 'principal -> senior-manager'\n"
        "added move 'manager -> em2'"
    )
    summary = diff(old, new).to_markdown().splitlines()[0]
    assert summary == (
        "**6 changes** to the ladder: 1 ladder field changed, 1 role changed, 1 role added, "
        "1 move changed, 1 move removed, 1 move added."
    )
