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

from ._display import NO_TRACK, by_rung, matrix, tracks

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from ._ladder import Ladder
    from ._model import Role
    from ._readiness import Readiness

#: Inches per track column and per rung of the promotion diagram.
COLUMN_WIDTH, RUNG_HEIGHT = 2.4, 0.9
#: Characters per line of a role title in a box.
WRAP = 18
#: How a role's box looks.
BOX = {"boxstyle": "round,pad=0.4", "facecolor": "#eef3fb", "edgecolor": "#4a6fa5"}


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


def _widths(grid: list[tuple[int, list[list[Role]]]]) -> list[int]:
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


def plot_ladder(ladder: Ladder, ax: Axes | None = None) -> Axes:
    """Draw the promotion DAG: one row per level, one column per track."""
    ax = _axes(ax, ladder_size(ladder))
    columns = tracks(ladder)
    grid = by_rung(ladder)
    widths = _widths(grid)
    starts = [sum(widths[:i]) for i in range(len(columns))]
    boxes = {}
    for row, (_, cells) in enumerate(grid):
        for column, cell in enumerate(cells):
            for slot, role in enumerate(cell):
                x = starts[column] + (widths[column] - len(cell)) / 2 + slot + 0.5
                boxes[role.id] = ax.text(
                    x,
                    row,
                    textwrap.fill(role.title, WRAP),
                    ha="center",
                    va="center",
                    fontsize=9,
                    zorder=3,
                    bbox=BOX,
                )
    for promotion in ladder.promotions:
        ax.annotate(
            "",
            xy=(0.5, 0.5),
            xycoords=boxes[promotion.target],
            xytext=(0.5, 0.5),
            textcoords=boxes[promotion.source],
            arrowprops={
                "arrowstyle": "-|>",
                "color": "#555555",
                "shrinkA": 0,
                "shrinkB": 0,
                "patchA": boxes[promotion.source].get_bbox_patch(),
                "patchB": boxes[promotion.target].get_bbox_patch(),
            },
            zorder=2,
        )
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
    ax.set_title(ladder.name)
    return ax


def plot_matrix(ladder: Ladder, ax: Axes | None = None) -> Axes:
    """Draw the role x competency heatmap of expected levels."""
    rows = matrix(ladder)
    names = [competency.name for competency in ladder.competencies]
    # Room for the cells, the slanted competency names below and the role titles beside.
    longest = max((len(name) for name in names), default=0)
    widest = max((len(role.title) for role, _ in rows), default=0)
    size = (
        max(5.0, 2.0 + 0.07 * widest + 0.45 * len(names)),
        max(3.0, 1.2 + 0.06 * longest + 0.4 * len(rows)),
    )
    ax = _axes(ax, size)
    values = [[0 if v is None else v for v in levels] for _, levels in rows]
    image = ax.imshow(values or [[0]], cmap="Blues", vmin=0, vmax=len(ladder.scale), aspect="auto")
    for y, (_, levels) in enumerate(rows):
        for x, level in enumerate(levels):
            if level is not None:
                dark = level > len(ladder.scale) / 2
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
    ax.set_yticks(range(len(rows)), [role.title for role, _ in rows])
    bar = ax.figure.colorbar(image, ax=ax, ticks=range(len(ladder.scale) + 1))
    bar.ax.set_yticklabels(["none", *ladder.scale])
    ax.set_title(f"{ladder.name}: expected levels")
    return ax


def plot_readiness(report: Readiness, ax: Axes | None = None) -> Axes:
    """Draw expected against demonstrated levels, one pair of bars per competency."""
    expectations = report.role.expectations
    ax = _axes(ax, (6.0, max(2.5, 0.9 + 0.4 * len(expectations))))
    names = [e.competency for e in expectations]
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
    from matplotlib.ticker import MaxNLocator  # noqa: PLC0415 -- an optional extra

    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    from matplotlib.patches import Patch  # noqa: PLC0415 -- an optional extra

    ax.legend(
        handles=[
            Patch(color=palette["expected"], label="expected"),
            Patch(color=palette["met"], label="demonstrated, met"),
            Patch(color=palette["short"], label="demonstrated, short"),
        ],
        loc="lower right",
        fontsize=8,
    )
    who = f"{report.person} for " if report.person else ""
    verdict = "ready" if report.ready else "not ready"
    ax.set_title(f"{who}{report.role.title}: {verdict} (score {report.score:.2f})")
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
