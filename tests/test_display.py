"""Markdown, HTML, Mermaid and DOT renderings, and the notebook display hooks."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING

import attrs
import pydot
from hypothesis import given
from hypothesis import strategies as st

from careerladder import (
    Assessment,
    Competency,
    Expectation,
    Ladder,
    Role,
    diff,
    map_roles,
    presets,
)
from careerladder.testing import ladders

if TYPE_CHECKING:
    from hypothesis.strategies import DrawFn

HOSTILE = 'A <b>bold</b> & "quoted" | piped #1'


def hostile_ladder() -> Ladder:
    return Ladder(
        id="odd",
        name="Odd <ladder> & co",
        description="Uses <script>alert(1)</script> & more",
        competencies=[Competency(id="craft", name="Craft & <care>", description="a < b")],
        roles=[
            Role(
                id="a",
                title=HOSTILE,
                level=1,
                track="ic & <x>",
                aliases=["<alias>"],
                summary="Does <things> & stuff",
                expectations=[Expectation(competency="craft", level=2, description="x | y <z>")],
            ),
            Role(
                id="b",
                title="Second",
                level=2,
                expectations=[Expectation(competency="craft", level=3)],
            ),
        ],
        promotions=[("a", "b")],
    )


def parse(html: str) -> ET.Element:
    """Parse HTML as XML: it must be well formed."""
    return ET.fromstring(f"<root>{html}</root>")  # noqa: S314 -- our own output


def texts(element: ET.Element) -> str:
    return "".join(element.itertext())


def tags(element: ET.Element) -> set[str]:
    return {child.tag for child in element.iter()}


SAFE_TAGS = {"root", "div", "p", "strong", "code", "table", "caption", "thead", "tbody", "tr",
             "th", "td", "span", "br"}  # fmt: skip


def test_html_of_every_object_is_well_formed_and_escaped() -> None:
    ladder = hostile_ladder()
    report = ladder.readiness(Assessment(levels={"craft": 1}, person="<Ada> & co"), "a")
    renderings = [
        ladder._repr_html_(),
        ladder.role("a")._repr_html_(),
        report._repr_html_(),
        diff(ladder, ladder.remove_role("b"))._repr_html_(),
        map_roles(ladder, ladder)._repr_html_(),
    ]
    for html in renderings:
        tree = parse(html)
        assert tags(tree) <= SAFE_TAGS, html
        assert "<b>" not in html
        assert "<script>" not in html
    whole = texts(parse(renderings[0]))
    for text in (HOSTILE, "Odd <ladder> & co", "<script>alert(1)</script>", "Craft & <care>"):
        assert text in whole
    assert HOSTILE in texts(parse(renderings[1]))
    assert "x | y <z>" in texts(parse(renderings[1]))
    assert "<Ada> & co" in texts(parse(renderings[2]))


def test_ladder_html_shows_roles_by_level_and_track_and_the_matrix(ladder: Ladder) -> None:
    tree = parse(ladder._repr_html_())
    roles, matrix = tree.iter("table")
    header = [texts(th) for th in roles.iter("th")]
    assert header == ["Level", "(no track)", "ic", "management"]
    rows = [[texts(td) for td in tr.iter("td")] for tr in roles.iter("tr")][1:]
    assert rows == [
        ["4", "", "Principal Product Manager", "Director of Product"],
        ["3", "", "Staff Product Manager", "Group Product Manager"],
        ["2", "Senior Product Manager", "", ""],
        ["1", "Product Manager", "", ""],
    ]
    cells = {
        row[0]: row[1:]
        for row in ([texts(td) for td in tr.iter("td")] for tr in matrix.iter("tr"))
        if row
    }
    assert cells["Group Product Manager"] == ["3", "3"]
    assert cells["Product Manager"] == ["2", ""]
    assert "1 aware, 2 practicing" in texts(matrix)


def test_roles_sharing_a_level_and_track_share_a_cell(ladder: Ladder) -> None:
    wider = ladder.add_role(
        Role(id="lead-pm", title="Lead Product Manager", level=3, track="ic"),
        promoted_from=["senior-pm"],
    )
    assert "| 3 |  | Staff Product Manager<br>Lead Product Manager |" in wider.to_markdown()


def test_markdown_escapes_table_cells() -> None:
    text = hostile_ladder().to_markdown()
    assert "<b>" not in text
    assert r'| A &lt;b>bold&lt;/b> & "quoted" \| piped #1 |' in text
    role = hostile_ladder().role("a").to_markdown()
    assert r"| craft | 2 | x \| y &lt;z> |" in role
    assert "Also called: &lt;alias>" in role
    assert hostile_ladder().role("a")._repr_markdown_() == role


def test_markdown_of_the_dual_track_ladder(ladder: Ladder) -> None:
    assert ladder.to_markdown() == (
        "**Dual track** (`dual`)\n"
        "\n"
        "Roles by level and track:\n"
        "\n"
        "| Level | (no track) | ic | management |\n"
        "|---|---|---|---|\n"
        "| 4 |  | Principal Product Manager | Director of Product |\n"
        "| 3 |  | Staff Product Manager | Group Product Manager |\n"
        "| 2 | Senior Product Manager |  |  |\n"
        "| 1 | Product Manager |  |  |\n"
        "\n"
        "Expected levels (1 aware, 2 practicing, 3 proficient, 4 advanced, 5 expert):\n"
        "\n"
        "| Role | Craft | People leadership |\n"
        "|---|---|---|\n"
        "| Product Manager | 2 |  |\n"
        "| Senior Product Manager | 3 | 1 |\n"
        "| Staff Product Manager | 4 | 1 |\n"
        "| Group Product Manager | 3 | 3 |\n"
        "| Principal Product Manager | 5 | 2 |\n"
        "| Director of Product | 4 | 4 |\n"
    )
    assert ladder._repr_markdown_() == ladder.to_markdown()


def test_a_ladder_without_competencies_has_no_matrix() -> None:
    bare = Ladder(id="b", name="Bare", roles=[Role(id="a", title="A", level=1)])
    assert "Expected levels" not in bare.to_markdown()
    assert len(list(parse(bare._repr_html_()).iter("table"))) == 1


def test_mermaid_of_the_dual_track_ladder(ladder: Ladder) -> None:
    assert ladder.to_mermaid() == (
        "flowchart BT\n"
        '    r0["Product Manager (1)"]\n'
        '    r1["Senior Product Manager (2)"]\n'
        '    subgraph t1["ic"]\n'
        '        r2["Staff Product Manager (3)"]\n'
        '        r4["Principal Product Manager (4)"]\n'
        "    end\n"
        '    subgraph t2["management"]\n'
        '        r3["Group Product Manager (3)"]\n'
        '        r5["Director of Product (4)"]\n'
        "    end\n"
        "    r0 --> r1\n"
        "    r1 --> r2\n"
        "    r1 --> r3\n"
        "    r2 --> r4\n"
        "    r2 --> r5\n"
        "    r3 --> r5\n"
    )


def test_mermaid_labels_cannot_break_out_of_their_quotes() -> None:
    text = hostile_ladder().to_mermaid()
    assert 'r0["A <b>bold</b> & #quot;quoted#quot; | piped #35;1 (1)"]' in text


MERMAID_NODE = re.compile(r'^\s+(r\d+)\["[^"]*"\]$', re.MULTILINE)
MERMAID_EDGE = re.compile(r"^\s+(r\d+) --> (r\d+)$", re.MULTILINE)


@st.composite
def odd_ladders(draw: DrawFn) -> Ladder:
    """Generated ladders whose titles and tracks hold any text."""
    base = draw(ladders(tracks=[None, "ic", "management"]))
    odd = st.text(max_size=12)
    roles = [
        attrs.evolve(
            role,
            title=f"{draw(odd)} #{i}",
            track=draw(st.one_of(st.none(), odd.map(lambda text: f"{text}!"))),
        )
        for i, role in enumerate(base.roles)
    ]
    return attrs.evolve(base, name=f"{draw(odd)}!", roles=roles)


@given(odd_ladders())
def test_mermaid_has_a_node_per_role_and_an_edge_per_promotion(ladder: Ladder) -> None:
    text = ladder.to_mermaid()
    nodes = MERMAID_NODE.findall(text)
    assert len(nodes) == len(set(nodes)) == len(ladder.roles)
    names = {f"r{i}": role.id for i, role in enumerate(ladder)}
    edges = {(names[a], names[b]) for a, b in MERMAID_EDGE.findall(text)}
    assert edges == {p.pair for p in ladder.promotions}
    assert len(MERMAID_EDGE.findall(text)) == len(ladder.promotions)


def parse_dot(text: str) -> pydot.Dot:
    graphs = pydot.graph_from_dot_data(text)
    assert graphs is not None
    (graph,) = graphs
    return graph


def nodes_of(graph: pydot.Dot | pydot.Subgraph) -> list[pydot.Node]:
    found = [n for n in graph.get_nodes() if n.get_name() not in {"node", "edge", "graph"}]
    for sub in graph.get_subgraphs():
        found += nodes_of(sub)
    return found


@given(odd_ladders())
def test_dot_parses_with_a_node_per_role_and_an_edge_per_promotion_and_move(
    ladder: Ladder,
) -> None:
    graph = parse_dot(ladder.to_dot())
    names = [node.get_name().strip('"') for node in nodes_of(graph)]
    assert sorted(names) == sorted(role.id for role in ladder)
    edges = [(str(e.get_source()).strip('"'), str(e.get_destination()).strip('"'))
             for e in graph.get_edges()]  # fmt: skip
    pairs = {m.pair for m in ladder.moves}
    # A two-way move is one edge with a head at each end.
    two_way = {pair for pair in pairs if pair[::-1] in pairs}
    assert len(edges) == len(ladder.promotions) + len(pairs) - len(two_way) // 2
    assert all(pair in edges or pair[::-1] in edges for pair in pairs)
    assert set(edges) <= {p.pair for p in ladder.promotions} | pairs


@given(odd_ladders())
def test_html_is_well_formed_for_any_text(ladder: Ladder) -> None:
    tree = parse(ladder._repr_html_())
    assert tags(tree) <= SAFE_TAGS
    whole = texts(tree)
    # Characters XML forbids (control characters) show as U+FFFD; everything else as is.
    forbidden = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
    assert all(forbidden.sub("\ufffd", role.title) in whole for role in ladder)


def test_dot_of_a_preset_names_its_tracks_as_clusters(ladder: Ladder) -> None:
    graph = parse_dot(ladder.to_dot())
    labels = sorted(str(sub.get("label")).strip('"') for sub in graph.get_subgraphs())
    assert labels == ["ic", "management"]
    six = presets.load("six-step").to_dot()
    assert '"pm" [label="Product Manager\\nlevel 2"];' in six
    assert six.count("subgraph") == 2


def test_readiness_renders_demonstrated_levels() -> None:
    ladder = presets.load("six-step")
    report = ladder.readiness(Assessment(levels={"communication": 3}, person="Bo"), "apm")
    tree = parse(report._repr_html_())
    rows = {
        row[0]: row[1:]
        for row in ([texts(td) for td in tr.iter("td")] for tr in tree.iter("tr"))
        if row
    }
    assert rows["communication"] == ["2", "3", "met"]
    assert rows["decision-making"] == ["2", "0", "2 short"]
    assert "Bo for Associate Product Manager: not ready" in texts(tree)
    assert report._repr_markdown_() == report.to_markdown()


def test_diff_and_mapping_render(ladder: Ladder) -> None:
    changes = diff(ladder, ladder.remove_role("director"))
    tree = parse(changes._repr_html_())
    assert "3 changes to the ladder" in texts(tree)
    assert changes._repr_markdown_() == changes.to_markdown()
    assert texts(parse(diff(ladder, ladder)._repr_html_())) == "No changes to the ladder."
    one = diff(ladder, ladder.remove_promotion("gpm", "director"))
    assert "1 change to the ladder" in texts(parse(one._repr_html_()))

    mapping = map_roles(ladder, ladder)
    assert isinstance(mapping, dict)
    rows = [[texts(td) for td in tr.iter("td")] for tr in parse(mapping._repr_html_()).iter("tr")]
    assert rows[1][:3] == ["Product Manager", "Product Manager (pm)", "1.00"]
    assert rows[2][0] == ""  # the second match of the same role
    assert mapping._repr_markdown_() == mapping.to_markdown()
    assert len(mapping.to_markdown(top=1).splitlines()) == 2 + len(ladder)
    none = map_roles(ladder, ladder, min_score=1.01)
    assert none.to_markdown().splitlines()[2] == "| Product Manager | no equivalent |  |  |"


def test_a_bare_role_shows_only_its_facts() -> None:
    role = Role(id="a", title="Analyst", level=1)
    assert role.to_markdown() == "**Analyst** (`a`): level 1\n"
    assert texts(parse(role._repr_html_())) == "Analyst a: level 1"
    assert len(list(parse(role._repr_html_()).iter("table"))) == 0


def test_role_html_shows_behaviours_only_where_some_are_written() -> None:
    plain = Role(
        id="pm", title="PM", level=1, expectations=[Expectation(competency="craft", level=2)]
    )
    headers = [texts(th) for th in parse(plain._repr_html_()).iter("th")]
    assert headers == ["Competency", "Level"]
    assert [texts(td) for td in parse(plain._repr_html_()).iter("td")] == ["craft", "2"]
    described = hostile_ladder().role("a")
    headers = [texts(th) for th in parse(described._repr_html_()).iter("th")]
    assert headers == ["Competency", "Level", "Behaviour"]


def test_every_readiness_html_column_has_a_header() -> None:
    ladder = hostile_ladder()
    report = ladder.readiness(Assessment(levels={"craft": 1}), "a")
    table = parse(report._repr_html_())
    assert [texts(th) for th in table.iter("th")] == [
        "Competency",
        "Expected",
        "Demonstrated",
        "Result",
    ]
    assert [texts(td) for td in table.iter("td")] == ["craft", "2", "1", "1 short"]


def lateral() -> Ladder:
    """Two tracks at level 4 joined by a two-way move, and a one-way move at 9.5."""
    return Ladder(
        id="lat",
        name="Lateral",
        roles=[
            Role(id="d4", title="Developer 4", level=4, grade="L4", track="ic"),
            Role(id="tl4", title="Tech Lead 4", level=4, grade="M1", track="lead"),
            Role(id="p", title="Principal", level=9.5, track="ic"),
            Role(id="gm", title="Group Manager", level=9.5, track="lead", entry=True),
        ],
        promotions=[("d4", "p"), ("tl4", "gm")],
        moves=[("d4", "tl4"), ("tl4", "d4"), ("p", "gm")],
    )


def test_mermaid_draws_moves_dotted_and_grades_in_labels() -> None:
    assert lateral().to_mermaid() == (
        "flowchart BT\n"
        '    subgraph t0["ic"]\n'
        '        r0["Developer 4 (4, L4)"]\n'
        '        r2["Principal (9.5)"]\n'
        "    end\n"
        '    subgraph t1["lead"]\n'
        '        r1["Tech Lead 4 (4, M1)"]\n'
        '        r3["Group Manager (9.5)"]\n'
        "    end\n"
        "    r0 --> r2\n"
        "    r1 --> r3\n"
        "    r0 <-.-> r1\n"
        "    r2 -.-> r3\n"
    )


def test_dot_draws_moves_dashed_outside_the_ranks() -> None:
    dot = lateral().to_dot()
    assert '"d4" [label="Developer 4\\nlevel 4, grade L4"];' in dot
    assert '"p" [label="Principal\\nlevel 9.5"];' in dot
    edges = [line.strip() for line in dot.splitlines() if "->" in line]
    assert edges == [
        '"d4" -> "p";',
        '"tl4" -> "gm";',
        '"d4" -> "tl4" [style=dashed, dir=both, constraint=false];',
        '"p" -> "gm" [style=dashed, constraint=false];',
    ]
    (graph,) = pydot.graph_from_dot_data(dot)  # type: ignore[misc]
    assert len(graph.get_edges()) == 4


def test_tables_show_grades_and_levels_as_written() -> None:
    ladder = lateral()
    text = ladder.to_markdown()
    assert "| 9.5 | Principal | Group Manager |" in text
    assert "| 4 | Developer 4 (L4) | Tech Lead 4 (M1) |" in text
    assert (
        ladder.role("d4")
        .to_markdown()
        .startswith("**Developer 4** (`d4`): level 4, grade L4, track ic\n")
    )
    assert "Principal</span>" in ladder._repr_html_()
    assert "2 promotions, 3 lateral moves" in ladder._repr_html_()
    assert "level 4, grade M1, track lead" in ladder.role("tl4")._repr_html_()
    report = ladder.readiness(Assessment(levels={}), "d4")
    assert report.to_text().startswith("Developer 4 (L4): ")
    assert report.to_markdown().startswith("**Developer 4 (L4)**: ")
    assert "Developer 4 (L4): " in report._repr_html_()
