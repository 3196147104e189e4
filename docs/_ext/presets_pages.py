"""
Generate the preset reference from the preset files at build time.

Every table and diagram on the presets page is written here from the files
the package ships, so the page cannot drift from them.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from careerladder import presets
from careerladder._cli import _tree

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from careerladder import Ladder


def _escape(text: str) -> str:
    return text.replace("|", "\\|")


def matrix(ladder: Ladder) -> str:
    """Return the role x competency matrix of *ladder* as a Markdown table."""
    roles = list(ladder)
    used = [c for c in ladder.competencies if any(r.expectation(c.id) for r in roles)]
    head = "| Competency | " + " | ".join(_escape(r.title) for r in roles) + " |"
    rule = "|---|" + "---|" * len(roles)
    rows = []
    for competency in used:
        cells = []
        for role in roles:
            found = role.expectation(competency.id)
            cells.append(f"{found.level} {ladder.scale[found.level - 1]}" if found else "")
        rows.append(f"| {_escape(competency.name)} | " + " | ".join(cells) + " |")
    return "\n".join([head, rule, *rows])


def sources(ladder: Ladder) -> str:
    """
    Return which reference each role, competency and expectation of *ladder* cites.

    One row for the roles, then one per competency: its own sources, then those
    of each role's expectation of it (empty where the role expects nothing).
    """
    roles = list(ladder)

    def cited(ids: tuple[str, ...]) -> str:
        return ", ".join(f"`{i}`" for i in ids)

    head = "| | Defined by | " + " | ".join(_escape(r.title) for r in roles) + " |"
    rule = "|---|---|" + "---|" * len(roles)
    rows = ["| *the role* | | " + " | ".join(cited(r.sources) for r in roles) + " |"]
    for competency in ladder.competencies:
        cells = []
        for role in roles:
            found = role.expectation(competency.id)
            cells.append(cited(found.sources) if found else "")
        rows.append(
            f"| {_escape(competency.name)} | {cited(competency.sources)} | "
            + " | ".join(cells)
            + " |"
        )
    return "\n".join([head, rule, *rows])


def page(name: str) -> str:
    """Return the Markdown section for one preset."""
    ladder = presets.load(name)
    lines = [f"## `{name}`: {ladder.name}", "", ladder.description, ""]
    lines += ["```text", _tree(ladder).rstrip(), "```", ""]
    lines += ["| Level | Role | Track | Also called | Sources |", "|---|---|---|---|---|"]
    lines += [
        f"| {r.level} | {_escape(r.title)} | {r.track or ''} | {_escape(', '.join(r.aliases))} | "
        f"{', '.join(r.sources)} |"
        for r in ladder
    ]
    lines += ["", "### Competency matrix", "", matrix(ladder), ""]
    lines += ["### Where each item comes from", "", sources(ladder), ""]
    lines += ["### References", ""]
    for ref in ladder.references:
        bits = [f"*{ref.title}*", ref.author, str(ref.year) if ref.year else None]
        lines.append(f"- `{ref.id}`: " + ", ".join(b for b in bits if b))
    return "\n".join(lines) + "\n"


def generate(app: Sphinx) -> None:
    """Write docs/_generated/presets.md before the build reads the sources."""
    target = Path(app.srcdir) / "_generated" / "presets.md"
    target.parent.mkdir(exist_ok=True)
    text = "\n".join(page(name) for name in presets.names())
    if not target.exists() or target.read_text() != text:
        target.write_text(text)


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the generator."""
    app.connect("builder-inited", generate)
    return {"parallel_read_safe": True}
