"""
Renderings of ladders and reports: Markdown, HTML, Mermaid and DOT.

The HTML is well-formed XML (every tag closed, only the five XML entities and
numeric references), so that notebooks, static-site generators and tests can
all parse it; every piece of text from a ladder goes through `html.escape`.
"""

from __future__ import annotations

import html
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Sequence

    from ._diff import LadderDiff
    from ._ladder import Ladder
    from ._mapping import RoleMapping
    from ._model import Competency, Expectation, Move, Proficiency, Role
    from ._readiness import Readiness

#: The column name for roles without a track.
NO_TRACK = "(no track)"


def tracks(ladder: Ladder) -> list[str | None]:
    """The tracks in the order their first role appears, lowest level first."""
    seen: dict[str | None, None] = {}
    for role in ladder:
        seen.setdefault(role.track, None)
    return list(seen)


def rungs(ladder: Ladder) -> list[int | float]:
    """The distinct levels, lowest first."""
    return sorted({role.level for role in ladder.roles})


def by_rung(ladder: Ladder) -> list[tuple[int | float, list[list[Role]]]]:
    """For each level (lowest first), the roles of each track."""
    columns = tracks(ladder)
    grid: dict[int | float, list[list[Role]]] = {
        level: [[] for _ in columns] for level in rungs(ladder)
    }
    for role in ladder:
        grid[role.level][columns.index(role.track)].append(role)
    return list(grid.items())


def graded(role: Role) -> str:
    """
    The role's title, with its grade in brackets where it has one.

    Example:
        >>> from careerladder import Role
        >>> graded(Role(id="d4", title="Developer 4", level=4, grade="L4"))
        'Developer 4 (L4)'
    """
    return f"{role.title} ({role.grade})" if role.grade else role.title


def level_text(role: Role) -> str:
    """
    The role's level as written (``9.5``, ``10``), and its grade where it has one.

    Example:
        >>> from careerladder import Role
        >>> level_text(Role(id="pm", title="PM", level=9.5, grade="M2"))
        'level 9.5, grade M2'
    """
    return f"level {role.level}" + (f", grade {role.grade}" if role.grade else "")


def moves(ladder: Ladder) -> list[tuple[Move, bool]]:
    """
    The lateral moves to draw, each with whether it runs both ways.

    A two-way move (both directions listed) is drawn once, from the role that
    comes first in the ladder's order; moves are in that order.
    """
    order = {role.id: i for i, role in enumerate(ladder)}
    pairs = {move.pair for move in ladder.moves}
    drawn = []
    for move in sorted(ladder.moves, key=lambda m: (order[m.source], order[m.target])):
        both = (move.target, move.source) in pairs
        if both and order[move.source] > order[move.target]:
            continue
        drawn.append((move, both))
    return drawn


def matrix(ladder: Ladder) -> list[tuple[Role, list[int | None]]]:
    """Each role (lowest first) with its expected level of each competency."""
    ids = [competency.id for competency in ladder.competencies]
    rows = []
    for role in ladder:
        levels = {e.competency: e.level for e in role.expectations}
        rows.append((role, [levels.get(c) for c in ids]))
    return rows


def scales(ladder: Ladder, escape: Callable[[str], str]) -> str:
    """
    The steps the matrix's numbers stand for: the ladder's, then each competency's own.

    ``1 aware, 2 practicing, …``, or with competencies that have their own
    steps, ``1 aware, …; Technology: 1 adopts, 2 specializes``.
    """

    def steps(scale: tuple[Proficiency, ...]) -> str:
        return ", ".join(f"{i} {escape(step.name)}" for i, step in enumerate(scale, 1))

    own = [f"{escape(c.name)}: {steps(c.scale)}" for c in ladder.competencies if c.scale]
    if own and all(c.scale for c in ladder.competencies):
        return "; ".join(own)
    return "; ".join([steps(ladder.scale), *own])


def step_name(ladder: Ladder, competency: Competency, level: int) -> str:
    """The name of step *level* on *competency*'s scale (its own, or the ladder's)."""
    return (competency.scale or ladder.scale)[level - 1].name


# -- Markdown -----------------------------------------------------------------------


def md(text: str) -> str:
    """Make *text* safe inside a Markdown table cell."""
    return (
        text.replace("\\", "\\\\")
        .replace("|", "\\|")
        .replace("<", "&lt;")
        .replace("\r", " ")
        .replace("\n", " ")
    )


def md_table(header: Sequence[str], rows: Iterable[Sequence[str]]) -> list[str]:
    """A Markdown table; cells must already be escaped."""
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return lines


def _track_name(track: str | None) -> str:
    return track if track is not None else NO_TRACK


def ladder_markdown(ladder: Ladder) -> str:
    """Name, description, roles by level and track, and the competency matrix."""
    lines = [f"**{md(ladder.name)}** (`{ladder.id}`)"]
    if ladder.description:
        lines += ["", md(ladder.description)]
    lines += ["", "Roles by level and track:", ""]
    header = ["Level", *(md(_track_name(t)) for t in tracks(ladder))]
    lines += md_table(
        header,
        (
            [str(level), *("<br>".join(md(graded(r)) for r in cell) for cell in cells)]
            for level, cells in reversed(by_rung(ladder))
        ),
    )
    if ladder.competencies:
        lines += ["", f"Expected levels ({scales(ladder, md)}):", ""]
        lines += md_table(
            ["Role", *(md(c.name) for c in ladder.competencies)],
            (
                [md(graded(role)), *("" if v is None else str(v) for v in values)]
                for role, values in matrix(ladder)
            ),
        )
    return "\n".join(lines) + "\n"


def role_markdown(role: Role) -> str:
    """A role's facts, then its expectations as a table."""
    track = f", track {md(role.track)}" if role.track else ""
    lines = [f"**{md(role.title)}** (`{role.id}`): {md(level_text(role))}{track}"]
    if role.aliases:
        lines += ["", "Also called: " + ", ".join(md(a) for a in role.aliases)]
    if role.summary:
        lines += ["", md(role.summary)]
    if role.expectations:
        lines.append("")
        lines += md_table(
            ["Competency", "Level", "Behaviour"],
            ([md(e.competency), str(e.level), md(behaviour(e))] for e in role.expectations),
        )
    return "\n".join(lines) + "\n"


def behaviour(expectation: Expectation) -> str:
    """The expectation's line and its observable behaviours, as one line of text."""
    parts = [expectation.description] if expectation.description else []
    if expectation.examples:
        parts.append("e.g. " + "; ".join(expectation.examples))
    return " ".join(parts)


# -- HTML ---------------------------------------------------------------------------

_STYLE = (
    "border-collapse:collapse;margin:0.3em 0;font-size:0.9em",
    "border:1px solid #bbb;padding:2px 6px;text-align:left;vertical-align:top",
)


# Characters that no HTML or XML document may hold, even escaped.
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def esc(text: object) -> str:
    """Escape any value for HTML text or a quoted attribute; forbidden characters become U+FFFD."""
    escaped = html.escape(str(text), quote=True).replace("\r", "&#13;")
    return _FORBIDDEN.sub("\ufffd", escaped)


def html_table(
    header: Sequence[str], rows: Iterable[Sequence[str]], *, caption: str | None = None
) -> str:
    """An HTML table; cells must already be escaped."""
    table, cell = _STYLE
    parts = [f'<table style="{table}">']
    if caption:
        parts.append(f'<caption style="text-align:left">{caption}</caption>')
    parts.append("<thead><tr>")
    parts += [f'<th style="{cell}">{h}</th>' for h in header]
    parts.append("</tr></thead><tbody>")
    for row in rows:
        parts.append("<tr>" + "".join(f'<td style="{cell}">{c}</td>' for c in row) + "</tr>")
    parts.append("</tbody></table>")
    return "".join(parts)


def _heading(text: str) -> str:
    return f'<p style="margin:0.2em 0"><strong>{text}</strong></p>'


def _titled(role: Role) -> str:
    return f'<span title="{esc(role.id)}">{esc(graded(role))}</span>'


def ladder_html(ladder: Ladder) -> str:
    """The HTML of `Ladder._repr_html_`."""
    parts = [
        "<div>",
        _heading(
            f"{esc(ladder.name)} <code>{esc(ladder.id)}</code>: {len(ladder.roles)} roles, "
            f"{len(ladder.competencies)} competencies, {len(ladder.promotions)} promotions"
            + (f", {len(ladder.moves)} lateral moves" if ladder.moves else "")
        ),
    ]
    if ladder.description:
        parts.append(f"<p>{esc(ladder.description)}</p>")
    parts.append(
        html_table(
            ["Level", *(esc(_track_name(t)) for t in tracks(ladder))],
            (
                [
                    str(level),
                    *("<br/>".join(_titled(r) for r in c) for c in cells),
                ]
                for level, cells in reversed(by_rung(ladder))
            ),
            caption="Roles by level and track",
        )
    )
    if ladder.competencies:
        names = [
            f'<span title="{esc(c.description or c.id)}">{esc(c.name)}</span>'
            for c in ladder.competencies
        ]
        scale = scales(ladder, esc)
        parts.append(
            html_table(
                ["Role", *names],
                (
                    [
                        esc(graded(role)),
                        *(
                            ""
                            if v is None
                            else f'<span title="{esc(step_name(ladder, c, v))}">{v}</span>'
                            for c, v in zip(ladder.competencies, values, strict=True)
                        ),
                    ]
                    for role, values in matrix(ladder)
                ),
                caption=f"Expected levels ({scale})",
            )
        )
    parts.append("</div>")
    return "".join(parts)


def _behaviour_html(expectation: Expectation) -> str:
    items = "".join(f"<li>{esc(example)}</li>" for example in expectation.examples)
    listed = f'<ul style="margin:0;padding-left:1.2em">{items}</ul>' if items else ""
    return esc(expectation.description) + listed


def role_html(role: Role) -> str:
    """The HTML of `Role._repr_html_`."""
    track = f", track {esc(role.track)}" if role.track else ""
    parts = [
        "<div>",
        _heading(f"{esc(role.title)} <code>{esc(role.id)}</code>: {esc(level_text(role))}{track}"),
    ]
    if role.aliases:
        parts.append(f"<p>Also called: {esc(', '.join(role.aliases))}</p>")
    if role.summary:
        parts.append(f"<p>{esc(role.summary)}</p>")
    if role.expectations:
        # A column of empty cells says nothing: behaviours show only where some are written.
        described = any(e.description or e.examples for e in role.expectations)
        header = ["Competency", "Level", *(["Behaviour"] if described else [])]
        parts.append(
            html_table(
                header,
                (
                    [
                        esc(e.competency),
                        str(e.level),
                        *([_behaviour_html(e)] if described else []),
                    ]
                    for e in role.expectations
                ),
            )
        )
    parts.append("</div>")
    return "".join(parts)


def readiness_html(report: Readiness) -> str:
    """The HTML of `Readiness._repr_html_`."""
    who = f"{esc(report.person)} for " if report.person else ""
    verdict = "ready" if report.ready else "not ready"
    gaps = {gap.competency: gap for gap in report.gaps}
    rows = []
    for expectation in report.role.expectations:
        gap = gaps.get(expectation.competency)
        actual = report.demonstrated.get(expectation.competency, 0)
        rows.append(
            [
                esc(expectation.competency),
                str(expectation.level),
                str(actual),
                f"{gap.shortfall} short" if gap else "met",
            ]
        )
    return (
        "<div>"
        + _heading(f"{who}{esc(graded(report.role))}: {verdict} (score {report.score:.2f})")
        + html_table(["Competency", "Expected", "Demonstrated", "Result"], rows)
        + "</div>"
    )


def diff_markdown(changes: LadderDiff) -> str:
    """The Markdown of `LadderDiff.to_markdown`: a summary, then a table."""
    if not changes:
        return "**No changes** to the ladder."
    counts: dict[tuple[str, str], int] = {}
    for change in changes:
        counts[change.part, change.kind] = counts.get((change.part, change.kind), 0) + 1
    # A change to the ladder itself is a change to one of its fields.
    summary = ", ".join(
        f"{n} {'ladder field' if part == 'ladder' else part}{'' if n == 1 else 's'} {kind}"
        for (part, kind), n in counts.items()
    )
    noun = "change" if len(changes) == 1 else "changes"
    rows = ([md(c.kind), md(c.part), f"`{md(c.key)}`", md(c.summary())] for c in changes)
    return "\n".join(
        [
            f"**{len(changes)} {noun}** to the ladder: {summary}.",
            "",
            *md_table(["Change", "What", "Which", "Details"], rows),
        ]
    )


def diff_html(changes: LadderDiff) -> str:
    """The HTML of `LadderDiff._repr_html_`."""
    if not changes:
        return "<div><p>No changes to the ladder.</p></div>"
    noun = "change" if len(changes) == 1 else "changes"
    return (
        "<div>"
        + _heading(f"{len(changes)} {noun} to the ladder")
        + html_table(
            ["Change", "What", "Which", "Details"],
            (
                [esc(c.kind), esc(c.part), f"<code>{esc(c.key)}</code>", esc(c.summary())]
                for c in changes
            ),
        )
        + "</div>"
    )


def mapping_rows(mapping: RoleMapping, top: int) -> list[tuple[str, str, str, str]]:
    """
    Rows of (source title or "", target, score, reasons) for the best *top* matches.

    The source's title is on its first row only. A role with no match has one
    row whose target says "no equivalent"; a tied score reads "0.80 (tie)".
    """
    rows = []
    for role_id, matches in mapping.items():
        title = mapping.sources[role_id].title
        if not matches:
            rows.append((title, "no equivalent", "", ""))
        for rank, match in enumerate(matches[:top]):
            target = f"{match.target.title} ({match.target.id})"
            score = f"{match.score:.2f}" + (" (tie)" if match.tied else "")
            rows.append((title if rank == 0 else "", target, score, "; ".join(match.reasons)))
    return rows


def mapping_html(mapping: RoleMapping, top: int = 2) -> str:
    """The HTML of `RoleMapping._repr_html_`."""
    return html_table(
        ["Role", "Match", "Score", "Why"],
        ([esc(cell) for cell in row] for row in mapping_rows(mapping, top)),
    )


def mapping_markdown(mapping: RoleMapping, top: int = 2) -> str:
    """The Markdown of `RoleMapping.to_markdown`."""
    lines = md_table(
        ["Role", "Match", "Score", "Why"],
        ([md(cell) for cell in row] for row in mapping_rows(mapping, top)),
    )
    return "\n".join(lines) + "\n"


# -- Diagrams -----------------------------------------------------------------------


def _mermaid_label(text: str) -> str:
    # Inside a quoted Mermaid label only '"' needs an entity; '#' starts one.
    return text.replace("#", "#35;").replace('"', "#quot;")


def ladder_mermaid(ladder: Ladder) -> str:
    """A Mermaid flowchart: a node per role, an arrow per promotion, a dotted one per move."""
    names = {role.id: f"r{i}" for i, role in enumerate(ladder)}
    lines = ["flowchart BT"]

    def node(role: Role) -> str:
        level = f"{role.level}, {role.grade}" if role.grade else str(role.level)
        label = _mermaid_label(f"{role.title} ({level})")
        return f'{names[role.id]}["{label}"]'

    columns = tracks(ladder)
    for track in columns:
        members = [role for role in ladder if role.track == track]
        if track is None or len(columns) == 1:
            lines += [f"    {node(role)}" for role in members]
            continue
        lines.append(f'    subgraph t{columns.index(track)}["{_mermaid_label(track)}"]')
        lines += [f"        {node(role)}" for role in members]
        lines.append("    end")
    order = {role.id: i for i, role in enumerate(ladder)}
    edges = sorted(ladder.promotions, key=lambda p: (order[p.source], order[p.target]))
    lines += [f"    {names[p.source]} --> {names[p.target]}" for p in edges]
    lines += [
        f"    {names[m.source]} {'<-.->' if both else '-.->'} {names[m.target]}"
        for m, both in moves(ladder)
    ]
    return "\n".join(lines) + "\n"


def _dot_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def _dot_label(role: Role) -> str:
    return f"{role.title}\n{level_text(role)}"


def ladder_dot(ladder: Ladder) -> str:
    """
    A Graphviz digraph: a node per role, an edge per promotion, tracks as clusters.

    Each lateral move is a dashed edge (with arrows at both ends for a two-way
    move) that leaves the ranks to the promotions.
    """
    lines = [
        f"digraph {_dot_string(ladder.id)} {{",
        f"    label={_dot_string(ladder.name)};",
        "    labelloc=t;",
        "    rankdir=BT;",
        '    node [shape=box, style="rounded,filled", fillcolor="#eef3fb", fontname="Helvetica"];',
    ]
    columns = tracks(ladder)
    for track in columns:
        members = [role for role in ladder if role.track == track]
        indent = "    "
        if track is not None and len(columns) > 1:
            lines.append(f"    subgraph cluster_{columns.index(track)} {{")
            lines.append(f"        label={_dot_string(track)};")
            indent = "        "
        lines += [
            f"{indent}{_dot_string(r.id)} [label={_dot_string(_dot_label(r))}];" for r in members
        ]
        if indent != "    ":
            lines.append("    }")
    order = {role.id: i for i, role in enumerate(ladder)}
    edges = sorted(ladder.promotions, key=lambda p: (order[p.source], order[p.target]))
    lines += [f"    {_dot_string(p.source)} -> {_dot_string(p.target)};" for p in edges]
    lines += [
        f"    {_dot_string(m.source)} -> {_dot_string(m.target)} "
        f"[style=dashed{', dir=both' if both else ''}, constraint=false];"
        for m, both in moves(ladder)
    ]
    lines.append("}")
    return "\n".join(lines) + "\n"
