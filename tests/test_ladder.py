from __future__ import annotations

from typing import TYPE_CHECKING

import attrs
import networkx as nx
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from careerladder import Competency, Expectation, Ladder, LadderError, Promotion, Role
from careerladder.testing import ladders

if TYPE_CHECKING:
    from collections.abc import Callable


def ids(roles: object) -> list[str]:
    return [role.id for role in roles]  # type: ignore[attr-defined]


# -- queries -----------------------------------------------------------------------------


def test_iteration_is_lowest_level_first_and_stable(ladder: Ladder) -> None:
    assert ids(ladder) == ["pm", "senior-pm", "staff-pm", "gpm", "principal-pm", "director"]


def test_len_and_contains(ladder: Ladder) -> None:
    assert len(ladder) == 6
    assert "senior pm" in ladder
    assert "Group Product Manager" in ladder
    assert ladder.role("gpm") in ladder
    assert Role(id="gpm", title="Imposter", level=3) not in ladder
    assert "vp" not in ladder
    assert 3 not in ladder


@pytest.mark.parametrize("key", ["senior-pm", "SENIOR-PM", "Senior Product Manager", "senior pm"])
def test_role_by_id_title_or_alias_in_any_case(ladder: Ladder, key: str) -> None:
    assert ladder.role(key).id == "senior-pm"


def test_role_accepts_a_role_of_the_ladder(ladder: Ladder) -> None:
    role = ladder.role("pm")
    assert ladder.role(role) is role


def test_a_role_with_a_known_id_but_other_values_is_looked_up_by_id(ladder: Ladder) -> None:
    assert ladder.role(Role(id="pm", title="Other", level=1)) == ladder.role("pm")


def test_unknown_role_suggests_the_closest(ladder: Ladder) -> None:
    with pytest.raises(LadderError) as caught:
        ladder.role("Principle PM")
    [problem] = caught.value.problems
    assert problem.code == "unknown-role"
    assert problem.message == (
        "no role 'Principle PM' on ladder 'dual'; did you mean 'principal-pm'?"
    )


def test_ids_win_over_titles() -> None:
    ladder = Ladder(
        id="l",
        name="L",
        roles=[Role(id="lead", title="Manager", level=1), Role(id="b", title="Lead ", level=2)],
    )
    assert ladder.role("LEAD").id == "lead"


def test_next_and_previous_roles(ladder: Ladder) -> None:
    assert ids(ladder.next_roles("Senior PM")) == ["staff-pm", "gpm"]
    assert ids(ladder.previous_roles("director")) == ["staff-pm", "gpm"]
    assert ladder.previous_roles("pm") == ()


def test_entry_and_top_roles(ladder: Ladder) -> None:
    assert ids(ladder.entry_roles()) == ["pm"]
    assert ids(ladder.top_roles()) == ["principal-pm", "director"]


def test_paths_shortest_first(ladder: Ladder) -> None:
    found = [ids(path) for path in ladder.paths("pm", "director")]
    assert sorted(found) == [
        ["pm", "senior-pm", "gpm", "director"],
        ["pm", "senior-pm", "staff-pm", "director"],
    ]
    assert [ids(p) for p in ladder.paths("pm", "principal-pm")] == [
        ["pm", "senior-pm", "staff-pm", "principal-pm"]
    ]
    assert [ids(p) for p in ladder.paths("pm", "pm")] == [["pm"]]
    assert list(ladder.paths("director", "pm")) == []


def test_paths_check_roles_before_iteration(ladder: Ladder) -> None:
    with pytest.raises(LadderError):
        ladder.paths("pm", "nobody")


def test_expectation_and_competency_lookup(ladder: Ladder) -> None:
    assert ladder.expectation("staff-pm", "Craft") == Expectation(competency="craft", level=4)
    assert ladder.expectation("pm", "people") is None
    assert ladder.competency(Competency(id="people", name="x")).name == "People leadership"
    with pytest.raises(LadderError, match=r"no competency 'peple' on ladder 'dual'; did you"):
        ladder.expectation("pm", "peple")


def test_gap_lists_the_rising_expectations_of_the_target(ladder: Ladder) -> None:
    assert ladder.gap("pm", "senior-pm") == (
        Expectation(competency="craft", level=3),
        Expectation(competency="people", level=1),
    )
    assert ladder.gap("staff-pm", "principal-pm") == ladder.role("principal-pm").expectations
    assert ladder.gap("principal-pm", "staff-pm") == ()


def test_repr_is_short(ladder: Ladder) -> None:
    assert repr(ladder) == "<Ladder 'dual': 6 roles, 2 competencies, 6 promotions>"


def test_promotions_accept_pairs_and_promotion_objects() -> None:
    roles = [Role(id="a", title="A", level=1), Role(id="b", title="B", level=2)]
    by_pair = Ladder(id="l", name="L", roles=roles, promotions=[("a", "b")])
    by_object = Ladder(
        id="l", name="L", roles=roles, promotions=[Promotion(source="a", target="b")]
    )
    assert by_pair == by_object
    assert hash(by_pair) == hash(by_object)


# -- the graph ---------------------------------------------------------------------------


def test_graph_nodes_carry_roles_and_edges_carry_promotions(ladder: Ladder) -> None:
    graph = ladder.graph
    assert set(graph.nodes) == set(ids(ladder))
    assert graph.nodes["gpm"]["role"] == ladder.role("gpm")
    assert graph.edges["pm", "senior-pm"]["promotion"] == Promotion(source="pm", target="senior-pm")
    assert graph.graph == {"id": "dual", "name": "Dual track"}
    assert ladder.graph is graph


def test_graph_is_frozen(ladder: Ladder) -> None:
    assert nx.is_frozen(ladder.graph)
    with pytest.raises(nx.NetworkXError):
        ladder.graph.add_edge("director", "pm")


# -- evolving ----------------------------------------------------------------------------


def test_add_role_with_promotions(ladder: Ladder) -> None:
    vp = Role(id="vp", title="VP of Product", level=5, track="management")
    bigger = ladder.add_role(vp, promoted_from=["director"], promotes_to=[])
    assert ids(bigger.next_roles("director")) == ["vp"]
    assert "vp" not in ladder


def test_add_role_promoting_to_an_existing_role(ladder: Ladder) -> None:
    intern = Role(id="intern", title="Intern", level=0)
    assert ids(ladder.add_role(intern, promotes_to=["pm"]).entry_roles()) == ["intern"]


def test_add_role_with_an_existing_id_fails(ladder: Ladder) -> None:
    with pytest.raises(LadderError, match="duplicate role id 'pm'"):
        ladder.add_role(Role(id="pm", title="Another", level=1))


def test_remove_role_drops_its_promotions(ladder: Ladder) -> None:
    smaller = ladder.remove_role("gpm")
    assert "gpm" not in smaller
    assert ids(smaller.next_roles("senior-pm")) == ["staff-pm"]
    assert ids(smaller.previous_roles("director")) == ["staff-pm"]


def test_remove_role_can_bridge_its_promotions(ladder: Ladder) -> None:
    bridged = ladder.remove_role("staff-pm", bridge=True)
    assert ids(bridged.next_roles("senior-pm")) == ["gpm", "principal-pm", "director"]
    # gpm -> director existed; bridging never duplicates a promotion.
    assert ids(bridged.previous_roles("director")) == ["senior-pm", "gpm"]


def test_add_and_remove_promotion(ladder: Ladder) -> None:
    changed = ladder.add_promotion("pm", "staff-pm", criteria=["Exceptional impact"])
    assert changed.graph.edges["pm", "staff-pm"]["promotion"].criteria == ("Exceptional impact",)
    assert changed.remove_promotion("PM", "Staff Product Manager") == ladder


def test_remove_a_promotion_that_does_not_exist(ladder: Ladder) -> None:
    with pytest.raises(LadderError) as caught:
        ladder.remove_promotion("pm", "director")
    assert str(caught.value) == (
        "error unknown-promotion: no promotion 'pm' -> 'director' on ladder 'dual'"
    )


def test_add_promotion_closing_a_cycle_fails(ladder: Ladder) -> None:
    with pytest.raises(LadderError) as caught:
        ladder.add_promotion("director", "pm")
    assert {p.code for p in caught.value.problems} == {"level-not-rising", "cycle"}


def test_competencies_and_expectations(ladder: Ladder) -> None:
    changed = ladder.add_competency(Competency(id="vision", name="Vision")).add_expectation(
        "director", Expectation(competency="vision", level=3)
    )
    assert changed.expectation("director", "vision") == Expectation(competency="vision", level=3)
    raised = changed.add_expectation("director", Expectation(competency="vision", level=4))
    assert raised.expectation("director", "vision").level == 4  # type: ignore[union-attr]
    assert len(raised.role("director").expectations) == 3
    assert raised.remove_expectation("director", "vision").remove_competency("vision") == ladder
    without = ladder.remove_competency("people")
    assert all(e.competency == "craft" for role in without for e in role.expectations)


def test_remove_an_expectation_a_role_does_not_have(ladder: Ladder) -> None:
    with pytest.raises(LadderError, match="role 'pm' has no expectation for competency 'people'"):
        ladder.remove_expectation("pm", "people")


def test_evolve_validates(ladder: Ladder) -> None:
    with pytest.raises(LadderError, match="unknown role"):
        attrs.evolve(ladder, roles=ladder.roles[:1])


# -- properties --------------------------------------------------------------------------


@given(ladders())
def test_every_generated_ladder_is_a_dag_that_rises(ladder: Ladder) -> None:
    assert nx.is_directed_acyclic_graph(ladder.graph)
    for source, target in ladder.graph.edges:
        assert ladder.role(source).level < ladder.role(target).level
    assert ids(ladder) == sorted(ids(ladder), key=lambda i: ladder.role(i).level)
    # The roles of the lowest level are always entry roles, moves between them or not.
    lowest = min(role.level for role in ladder)
    assert {r.id for r in ladder if r.level == lowest} <= set(ids(ladder.entry_roles()))
    starts = ladder.entry_roles()[:1]
    for role in ladder:
        assert ladder.role(role.title) == role
        for start in starts:
            for path in ladder.paths(start, role):
                assert path[-1] == role


@given(ladders(min_roles=2), st.data())
def test_an_edge_that_closes_a_cycle_raises_a_cycle_problem(
    ladder: Ladder, data: st.DataObject
) -> None:
    reachable = [(a, b) for a in ladder.graph for b in nx.descendants(ladder.graph, a)]
    assume(reachable)
    source, target = data.draw(st.sampled_from(reachable))
    with pytest.raises(LadderError) as caught:
        ladder.add_promotion(target, source)
    assert "cycle" in {p.code for p in caught.value.problems}


@given(ladders(), st.data())
def test_evolving_never_yields_an_invalid_ladder(ladder: Ladder, data: st.DataObject) -> None:
    roles = ids(ladder)
    operations: list[Callable[[], Ladder]] = [
        lambda: ladder.remove_role(
            data.draw(st.sampled_from(roles)), bridge=data.draw(st.booleans())
        ),
        lambda: ladder.add_promotion(
            data.draw(st.sampled_from(roles)), data.draw(st.sampled_from(roles))
        ),
        lambda: ladder.add_role(
            Role(
                id=data.draw(st.text(max_size=4)), title="New", level=data.draw(st.integers(-2, 20))
            ),
            promoted_from=data.draw(st.lists(st.sampled_from(roles))),
        ),
        lambda: ladder.add_expectation(
            data.draw(st.sampled_from(roles)),
            Expectation(
                competency=data.draw(
                    st.sampled_from([c.id for c in ladder.competencies] + ["nope"])
                ),
                level=data.draw(st.integers(-1, 7)),
            ),
        ),
        lambda: attrs.evolve(ladder, scale=data.draw(st.lists(st.text(max_size=3), max_size=6))),
    ]
    operation = data.draw(st.sampled_from(operations))
    try:
        changed = operation()
    except LadderError:
        return
    # Whatever succeeded is a valid ladder: rebuilding it checks every invariant again.
    assert attrs.evolve(changed) == changed
    assert nx.is_directed_acyclic_graph(changed.graph)
