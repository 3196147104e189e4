"""
Pictures of ladders and reports, drawn with matplotlib (the ``plot`` extra).

Nothing here selects a backend: with no display, matplotlib falls back to a
non-interactive one, and the command line draws on a bare `Figure`, which
needs none at all.
"""

from __future__ import annotations

import io
import textwrap
from typing import TYPE_CHECKING, Any, Literal

from ._display import NO_TRACK, by_rung, graded, matrix, moves, tracks
from ._model import DEFAULT_SCALE

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from matplotlib.text import Text

    from ._ladder import Ladder
    from ._model import Role
    from ._readiness import Readiness

#: Inches per track column and per rung of the promotion diagram.
COLUMN_WIDTH, RUNG_HEIGHT = 2.4, 0.9
#: Characters per line of a role title in a box.
WRAP = 18
#: How a role's box looks.
BOX = {"boxstyle": "round,pad=0.4", "facecolor": "#eef3fb", "edgecolor": "#4a6fa5"}
#: A heatmap cell no expectation fills; level 1 starts at a tint well apart from it.
EMPTY, LIGHTEST, DARKEST = "#ffffff", 0.3, 1.0
#: Inches a character of a title takes at matplotlib's default title size.
TITLE_CHAR = 0.1
#: The share of its axes' width a title line may take: the layout still moves the axes.
TITLE_SHARE = 0.8


def _title(ax: Axes, *parts: str) -> None:
    """
    Set the title: each part on lines of its own, wrapped to the axes.

    A title is centred on its axes, and no layout shrinks text: a line wider
    than the figure would be cut off by a plain ``savefig``.
    """
    fig = ax.get_figure(root=True)
    assert fig is not None  # noqa: S101 -- every axes drawn on here has a figure
    inches = ax.get_position().width * fig.get_size_inches()[0] * TITLE_SHARE
    width = max(16, int(inches / TITLE_CHAR))
    ax.set_title("\n".join(textwrap.fill(part, width, break_on_hyphens=False) for part in parts))


def _matplotlib() -> Any:  # noqa: ANN401 -- the module
    try:
        import matplotlib as mpl  # noqa: PLC0415 -- an optional extra
    except ModuleNotFoundError:
        msg = (
            "plotting needs matplotlib, in the plot extra: pip install -e '.[plot]' from a clone, "
            "or pip install "
            "'careerladder[plot] @ git+https://github.com/careerladder/careerladder' "
            "(once published: pip install 'careerladder[plot]')"
        )
        raise ModuleNotFoundError(msg) from None
    return mpl


def _axes(ax: Axes | None, size: tuple[float, float]) -> Axes:
    """*ax*, or the axes of a new pyplot figure of *size* inches."""
    if ax is not None:
        return ax
    _matplotlib()
    import matplotlib.pyplot as plt  # noqa: PLC0415 -- an optional extra

    _, new = plt.subplots(figsize=size, layout="constrained")
    return new


def _widths(grid: list[tuple[int | float, list[list[Role]]]]) -> list[int]:
    """How many boxes side by side each track column needs (at least one)."""
    columns = len(grid[0][1]) if grid else 0
    return [max(1, *(len(cells[i]) for _, cells in grid)) for i in range(columns)]


def ladder_size(ladder: Ladder) -> tuple[float, float]:
    """A figure size that gives every box of the promotion diagram room."""
    grid = by_rung(ladder)
    return (
        # Wide enough for the boxes, and for the ladder's name above them.
        max(5.0, COLUMN_WIDTH * sum(_widths(grid)), 1.5 + 0.1 * len(ladder.name)),
        max(3.0, RUNG_HEIGHT * len(grid) + 0.8),
    )


def box_text(role: Role) -> str:
    """What a role's box says: its title, wrapped, and its grade below where it has one."""
    return textwrap.fill(role.title, WRAP) + (f"\n{role.grade}" if role.grade else "")


def _arrow(  # noqa: PLR0913 -- the two boxes, and how the arrow between them looks
    ax: Axes,
    source: Text,
    target: Text,
    *,
    lateral: bool = False,
    both: bool = False,
    curved: bool = False,
) -> None:
    """
    An arrow from box to box, from edge to edge.

    A lateral move's is dashed and curved: it stays on its row and may pass
    other boxes there; a two-way move has a head at each end. A *curved*
    promotion goes round the boxes a straight one would pass behind.
    """
    ax.annotate(
        "",
        xy=(0.5, 0.5),
        xycoords=target,
        xytext=(0.5, 0.5),
        textcoords=source,
        arrowprops={
            "arrowstyle": "<|-|>" if both else "-|>",
            "linestyle": "--" if lateral else "solid",
            "connectionstyle": f"arc3,rad={0.3 if lateral else 0.9 if curved else 0.0}",
            "color": "#555555",
            "shrinkA": 0,
            "shrinkB": 0,
            "patchA": source.get_bbox_patch(),
            "patchB": target.get_bbox_patch(),
        },
        zorder=2,
    )


def _passes_a_box(places: dict[str, tuple[float, int]], source: str, target: str) -> bool:
    """Whether the straight line between two boxes crosses a box on a row between them."""
    (x0, row0), (x1, row1) = places[source], places[target]
    if abs(row1 - row0) < 2:
        return False
    for x, row in places.values():
        if min(row0, row1) < row < max(row0, row1):
            on_line = x0 + (x1 - x0) * (row - row0) / (row1 - row0)
            if abs(x - on_line) < 0.5:
                return True
    return False


def plot_ladder(ladder: Ladder, ax: Axes | None = None) -> Axes:
    """
    Draw the promotion DAG: one row per level, one column per track.

    Promotions are solid arrows; lateral moves dashed, curved ones along a
    row, with a head at each end for a two-way move.
    """
    ax = _axes(ax, ladder_size(ladder))
    columns = tracks(ladder)
    grid = by_rung(ladder)
    widths = _widths(grid)
    starts = [sum(widths[:i]) for i in range(len(columns))]
    boxes = {}
    places: dict[str, tuple[float, int]] = {}
    for row, (_, cells) in enumerate(grid):
        for column, cell in enumerate(cells):
            for slot, role in enumerate(cell):
                x = starts[column] + (widths[column] - len(cell)) / 2 + slot + 0.5
                places[role.id] = (x, row)
                boxes[role.id] = ax.text(
                    x,
                    row,
                    box_text(role),
                    ha="center",
                    va="center",
                    fontsize=9,
                    zorder=3,
                    bbox=BOX,
                )
    for promotion in ladder.promotions:
        curved = _passes_a_box(places, promotion.source, promotion.target)
        _arrow(ax, boxes[promotion.source], boxes[promotion.target], curved=curved)
    for move, both in moves(ladder):
        _arrow(ax, boxes[move.source], boxes[move.target], lateral=True, both=both)
    total = sum(widths)
    if len(columns) > 1:
        for column, track in enumerate(columns):
            ax.text(
                starts[column] + widths[column] / 2,
                len(grid) - 0.4,
                track if track is not None else NO_TRACK,
                ha="center",
                va="bottom",
                fontsize=10,
                fontweight="bold",
                color="#333333",
            )
    ax.set_xlim(0, max(total, 1))
    ax.set_ylim(-0.6, len(grid) - 0.1)
    ax.set_yticks(range(len(grid)), [f"level {level}" for level, _ in grid])
    ax.set_xticks([])
    ax.tick_params(axis="y", length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    ax.set_title(ladder.name)  # the figure is sized for it: see ladder_size
    return ax


def _grouped(ladder: Ladder) -> list[tuple[Role, list[int | None]]]:
    """The matrix rows, each track's together (in `tracks` order), lowest level first."""
    order = {track: i for i, track in enumerate(tracks(ladder))}
    return sorted(matrix(ladder), key=lambda row: (order[row[0].track], row[0].level))


def plot_matrix(ladder: Ladder, ax: Axes | None = None) -> Axes:
    """Draw the role x competency heatmap of expected levels, the roles of a track together."""
    rows = _grouped(ladder)
    names = [competency.name for competency in ladder.competencies]
    # Room for the cells, the slanted competency names below and the role titles beside.
    longest = max((len(name) for name in names), default=0)
    widest = max((len(graded(role)) for role, _ in rows), default=0)
    size = (
        max(5.0, 2.0 + 0.07 * widest + 0.45 * len(names)),
        max(3.0, 1.2 + 0.06 * longest + 0.4 * len(rows)),
    )
    ax = _axes(ax, size)
    from matplotlib import colormaps  # noqa: PLC0415 -- an optional extra
    from matplotlib.colors import BoundaryNorm, ListedColormap, to_hex  # noqa: PLC0415

    steps = len(ladder.scale)
    # One colour per step: none is white, level 1 already a clear tint.
    blues = colormaps["Blues"]
    tints = [
        to_hex(blues(LIGHTEST + (DARKEST - LIGHTEST) * i / max(steps - 1, 1))) for i in range(steps)
    ]
    colours = ListedColormap([EMPTY, *tints])
    norm = BoundaryNorm([i - 0.5 for i in range(steps + 2)], steps + 1)
    values = [[0 if v is None else v for v in levels] for _, levels in rows]
    image = ax.imshow(values or [[0]], cmap=colours, norm=norm, aspect="auto")
    # Thin lines between cells, so that an empty cell reads as a cell.
    ax.set_xticks([x - 0.5 for x in range(1, len(names))], minor=True)
    ax.set_yticks([y - 0.5 for y in range(1, len(rows))], minor=True)
    ax.grid(which="minor", color="#d0d0d0", linewidth=0.8)
    ax.tick_params(which="minor", length=0)
    for y in range(1, len(rows)):
        if rows[y][0].track != rows[y - 1][0].track:
            ax.axhline(y - 0.5, color="#333333", linewidth=1.5)
    for y, (_, levels) in enumerate(rows):
        for x, level in enumerate(levels):
            if level is not None:
                dark = level > steps / 2
                ax.text(
                    x,
                    y,
                    str(level),
                    ha="center",
                    va="center",
                    fontsize=8,
                    color="white" if dark else "black",
                )
    ax.set_xticks(range(len(names)), names, rotation=60, ha="right", rotation_mode="anchor")
    ax.set_yticks(range(len(rows)), [graded(role) for role, _ in rows])
    _title(
        ax, ladder.name, "expected levels"
    )  # wrapped to the axes before a colour bar narrows them
    bar = ax.figure.colorbar(image, ax=ax, ticks=range(steps + 1))
    bar.ax.set_yticklabels(["none", *(step.name for step in ladder.scale)])
    bar.outline.set_edgecolor("#999999")  # the white "none" step needs an edge to show
    return ax


def plot_readiness(report: Readiness, ax: Axes | None = None, ladder: Ladder | None = None) -> Axes:
    """
    Draw expected against demonstrated levels, one pair of bars per competency.

    With the *ladder* the report was made on, rows show the competencies' names
    and the level axis runs to the top of its scale; without, the ids, and the
    top of the default scale (or the highest level drawn, if higher).
    """
    expectations = report.role.expectations
    # Room beside the bars for the legend, which stands outside them.
    ax = _axes(ax, (7.5, max(3.0, 1.2 + 0.4 * len(expectations))))
    known = {} if ladder is None else {c.id: c.name for c in ladder.competencies}
    names = [known.get(e.competency, e.competency) for e in expectations]
    expected = [e.level for e in expectations]
    shown = [report.demonstrated.get(e.competency, 0) for e in expectations]
    places = range(len(names))
    palette = {"expected": "#c9d6ea", "met": "#2e7d32", "short": "#c62828"}
    ax.barh([p + 0.2 for p in places], expected, height=0.4, color=palette["expected"])
    colours = [
        palette["met"] if s >= e else palette["short"] for s, e in zip(shown, expected, strict=True)
    ]
    ax.barh([p - 0.2 for p in places], shown, height=0.4, color=colours)
    ax.set_yticks(list(places), names)
    ax.invert_yaxis()
    ax.set_xlabel("level")
    scale = DEFAULT_SCALE if ladder is None else ladder.scale
    top = max(len(scale), *expected, *shown) if expectations else len(scale)
    ax.set_xlim(0, top)
    ax.set_xticks(range(top + 1))
    from matplotlib.patches import Patch  # noqa: PLC0415 -- an optional extra

    # Beside the axes, never over a bar: a bar may reach the top of the scale.
    ax.legend(
        handles=[
            Patch(color=palette["expected"], label="expected"),
            Patch(color=palette["met"], label="demonstrated, met"),
            Patch(color=palette["short"], label="demonstrated, short"),
        ],
        loc="upper left",
        bbox_to_anchor=(1.02, 1.0),
        fontsize=8,
        frameon=False,
    )
    who = f"{report.person} for " if report.person else ""
    # The rule that decided says why where it is not a plain checklist.
    why = f"; {report.reason}" if report.reason else ""
    _title(ax, f"{who}{graded(report.role)}", f"{report.verdict} (score {report.score:.2f}{why})")
    return ax


def picture(ladder: Ladder, kind: Literal["png", "svg"]) -> bytes:
    """The promotion diagram as PNG or SVG, the same bytes for the same ladder."""
    fig = figure(ladder)
    # No date or tool version in the file, and fixed SVG element ids.
    metadata = {"Software": None} if kind == "png" else {"Date": None, "Creator": None}
    buffer = io.BytesIO()
    with _matplotlib().rc_context({"svg.hashsalt": "careerladder"}):
        fig.savefig(buffer, format=kind, metadata=metadata)
    return buffer.getvalue()


def figure(ladder: Ladder) -> Figure:
    """A bare figure of the promotion diagram, for writing to a file."""
    _matplotlib()
    from matplotlib.figure import Figure  # noqa: PLC0415 -- an optional extra

    fig = Figure(figsize=ladder_size(ladder), layout="constrained")
    plot_ladder(ladder, fig.add_subplot())
    return fig
