"""Pictures drawn with matplotlib on the Agg backend: not blank, labelled, legible."""

from __future__ import annotations

import io
import itertools
import sys
from typing import TYPE_CHECKING, cast

import matplotlib.image
import matplotlib.text
import numpy as np
import pytest
from hypothesis import given, settings
from matplotlib.figure import Figure

from careerladder import Assessment, Competency, Expectation, Ladder, Role, load, presets
from careerladder._plot import _passes_a_box, figure
from careerladder.testing import ladders

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.patches import FancyArrowPatch, Rectangle

    from careerladder import Readiness


def png(ax: Axes) -> np.ndarray:
    """Render the axes' figure to PNG and read the pixels back."""
    buffer = io.BytesIO()
    ax.get_figure(root=True).savefig(buffer, format="png")  # type: ignore[union-attr]
    assert buffer.getvalue().startswith(b"\x89PNG")
    buffer.seek(0)
    return np.asarray(matplotlib.image.imread(buffer, format="png"))


def assert_not_blank(pixels: np.ndarray) -> None:
    rgb = pixels[..., :3]
    inked = (rgb < 0.95).any(axis=-1).mean()
    assert inked > 0.01, f"only {inked:.2%} of the picture is drawn on"
    assert len(np.unique(rgb.reshape(-1, 3), axis=0)) > 10


def boxes(ax: Axes) -> dict[str, tuple[float, float, float, float]]:
    """The drawn extent of every role box, by its text."""
    renderer = ax.figure.canvas.get_renderer()  # type: ignore[attr-defined]
    found = {}
    for text in ax.texts:
        patch = text.get_bbox_patch()
        if patch is not None and text.get_text():
            extent = patch.get_window_extent(renderer)
            found[text.get_text().replace("\n", " ")] = (extent.x0, extent.y0, extent.x1, extent.y1)
    return found


def overlap(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def assert_legible(ax: Axes, ladder: Ladder) -> None:
    ax.figure.canvas.draw()
    drawn = boxes(ax)
    assert sorted(drawn) == sorted(" ".join(filter(None, (r.title, r.grade))) for r in ladder)
    width, height = ax.figure.canvas.get_width_height()
    for title, box in drawn.items():
        assert min(box[0], box[1]) >= 0, title
        assert box[2] <= width, title
        assert box[3] <= height, title
    titles = list(drawn)
    for i, a in enumerate(titles):
        for b in titles[i + 1 :]:
            assert not overlap(drawn[a], drawn[b]), (a, b)


def test_ladder_plot_draws_every_role_legibly(ladder: Ladder) -> None:
    ax = ladder.plot()
    assert_legible(ax, ladder)
    assert_not_blank(png(ax))
    labels = {text.get_text() for text in ax.texts if text.get_bbox_patch() is None}
    assert {"ic", "management", "(no track)"} <= labels
    assert [t.get_text() for t in ax.get_yticklabels()] == [f"level {n}" for n in range(1, 5)]
    arrows = [text for text in ax.texts if not text.get_text()]
    assert len(arrows) == len(ladder.promotions)
    assert ax.get_title() == "Dual track"


def test_levels_go_up_and_tracks_sit_side_by_side(ladder: Ladder) -> None:
    ax = ladder.plot()
    place = {text.get_text().replace("\n", " "): text.get_position() for text in ax.texts}
    assert place["Product Manager"][1] < place["Senior Product Manager"][1]
    assert place["Staff Product Manager"][1] == place["Group Product Manager"][1]
    assert place["Staff Product Manager"][0] < place["Group Product Manager"][0]
    assert place["Principal Product Manager"][0] == place["Staff Product Manager"][0]


def test_roles_sharing_a_rung_and_track_stand_side_by_side(ladder: Ladder) -> None:
    crowded = ladder
    for i in range(3):
        crowded = crowded.add_role(
            Role(id=f"lead-{i}", title=f"Lead Product Manager of Area {i}", level=3, track="ic"),
            promoted_from=["senior-pm"],
        )
    assert_legible(crowded.plot(), crowded)


def test_every_preset_plots_legibly() -> None:
    for name in presets.names():
        ladder = presets.load(name)
        ax = ladder.plot()
        assert_legible(ax, ladder)
        assert_not_blank(png(ax))


@settings(max_examples=10)
@given(ladders(tracks=[None, "ic", "management"], max_roles=6))
def test_any_ladder_plots_legibly(ladder: Ladder) -> None:
    ax = ladder.plot(Figure(figsize=(1, 1)).add_subplot()) if len(ladder) == 1 else ladder.plot()
    if len(ladder) > 1:
        assert_legible(ax, ladder)


def test_plot_draws_on_the_axes_given(ladder: Ladder) -> None:
    fig = Figure()
    ax = fig.add_subplot()
    assert ladder.plot(ax) is ax
    assert ladder.plot_matrix(fig.add_subplot(2, 1, 2)) is not ax


def test_an_empty_ladder_plots_an_empty_picture() -> None:
    ax = Ladder(id="e", name="Empty").plot()
    assert len(ax.texts) == 0
    png(ax)


def test_matrix_heatmap_holds_the_expected_levels(ladder: Ladder) -> None:
    ax = ladder.plot_matrix()
    # The roles of a track together, lowest level first: IC and management never interleave.
    assert [t.get_text() for t in ax.get_yticklabels()] == [
        "Product Manager",
        "Senior Product Manager",
        "Staff Product Manager",
        "Principal Product Manager",
        "Group Product Manager",
        "Director of Product",
    ]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["Craft", "People leadership"]
    (image,) = ax.get_images()
    data = np.asarray(image.get_array())
    assert data[0].tolist() == [2, 0]  # Product Manager expects no people leadership
    assert data[-1].tolist() == [4, 4]
    cells = [text.get_text() for text in ax.texts]
    assert len(cells) == sum(len(role.expectations) for role in ladder)
    colour_bar = ax.figure.axes[-1]
    assert [t.get_text() for t in colour_bar.get_yticklabels()] == [
        "none",
        *(step.name for step in ladder.scale),
    ]
    assert_not_blank(png(ax))


def test_readiness_plot_shows_expected_and_demonstrated() -> None:
    ladder = presets.load("six-step")
    report = ladder.readiness(Assessment(levels={"communication": 3}, person="Bo"), "apm")
    ax = report.plot()
    names = [e.competency for e in report.role.expectations]
    # The report knows its ladder: rows show the competencies' names, as the matrix does.
    shown = [ladder.competency(name).name for name in names]
    assert [t.get_text() for t in ax.get_yticklabels()] == shown
    bars = cast("list[Rectangle]", list(ax.patches))
    assert [bar.get_width() for bar in bars[: len(names)]] == [
        e.level for e in report.role.expectations
    ]
    assert [bar.get_width() for bar in bars[len(names) :]] == [
        report.demonstrated[name] for name in names
    ]
    assert ax.get_title() == "Bo for Associate Product Manager\nnot ready (score 0.12)"
    legend = ax.get_legend()
    assert legend is not None
    assert [t.get_text() for t in legend.get_texts()] == [
        "expected",
        "demonstrated, met",
        "demonstrated, short",
    ]
    assert_not_blank(png(ax))
    anonymous = ladder.readiness(Assessment(levels={}), "apm").plot()
    assert anonymous.get_title().startswith("Associate Product Manager\nnot ready")


def test_a_bare_figure_needs_no_pyplot() -> None:
    fig = figure(presets.load("six-step"))
    assert_not_blank(png(fig.axes[0]))


def test_without_matplotlib_the_error_names_the_extra(
    monkeypatch: pytest.MonkeyPatch, ladder: Ladder
) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    with pytest.raises(ModuleNotFoundError, match=r"pip install 'careerladder\[plot\]'"):
        ladder.plot()
    with pytest.raises(ModuleNotFoundError, match="plotting needs matplotlib"):
        figure(ladder)


# -- pictures that a plain savefig keeps whole ---------------------------------------------


def few_competencies() -> Ladder:
    """Two roles, one competency, and a name far wider than the cells below it."""
    return Ladder(
        id="few",
        name="The product management career ladder of a rather large organization, in full",
        competencies=[Competency(id="craft", name="Craft")],
        roles=[
            Role(
                id="a", title="A", level=1, expectations=[Expectation(competency="craft", level=1)]
            ),
            Role(
                id="b", title="B", level=2, expectations=[Expectation(competency="craft", level=2)]
            ),
        ],
        promotions=[("a", "b")],
    )


def some_ladders() -> list[Ladder]:
    return [
        few_competencies(),
        load("examples/ladders/acme.yaml"),
        *(presets.load(name) for name in presets.names()),
    ]


def assert_inside(ax: Axes) -> None:
    """Every piece of text lies inside the figure, as a plain savefig writes it."""
    fig = ax.get_figure(root=True)
    assert fig is not None
    png(ax)  # draws, with the figure's own layout
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    width, height = fig.canvas.get_width_height()
    texts = [
        text for text in fig.findobj(matplotlib.text.Text) if text.get_visible() and text.get_text()
    ]
    assert texts
    for text in texts:
        box = text.get_window_extent(renderer)
        inside = box.x0 >= -1 and box.y0 >= -1 and box.x1 <= width + 1 and box.y1 <= height + 1
        assert inside, (text.get_text(), box, (width, height))


@pytest.mark.parametrize("picture", ["plot", "plot_matrix"])
def test_no_text_is_cut_off(picture: str) -> None:
    for ladder in some_ladders():
        ax = getattr(ladder, picture)()
        assert_inside(ax)


def test_a_long_title_wraps_instead_of_running_off() -> None:
    ax = few_competencies().plot_matrix()
    assert ax.get_title() == (
        "The product management career\n"
        "ladder of a rather large\n"
        "organization, in full\n"
        "expected levels"
    )


def reports() -> list[tuple[Ladder, Readiness]]:
    six = presets.load("six-step")
    full = Assessment(levels={c.id: 5 for c in six.competencies}, person="Someone " * 8)
    ada = Assessment(levels={"communication": 4, "leadership": 2, "data-analysis": 3}, person="Ada")
    acme = load("examples/ladders/acme.yaml")
    return [
        (six, six.readiness(full, "cpo")),
        (six, six.readiness(ada, "senior-pm")),
        (six, six.readiness(Assessment(levels={}), "apm")),
        (acme, acme.readiness(Assessment(levels={"communication": 5}), "director")),
    ]


@pytest.mark.parametrize("with_ladder", [True, False])
def test_the_legend_covers_no_bar(with_ladder: bool) -> None:
    for ladder, report in reports():
        ax = report.plot(ladder=ladder if with_ladder else None)
        assert_inside(ax)
        fig = ax.get_figure(root=True)
        assert fig is not None
        renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
        legend = ax.get_legend()
        assert legend is not None
        box = legend.get_window_extent(renderer)
        for bar in cast("list[Rectangle]", list(ax.patches)):
            if bar.get_width() > 0:
                assert not box.overlaps(bar.get_window_extent(renderer)), report.role.id


def test_readiness_runs_to_the_top_of_the_scale_with_names() -> None:
    ladder = presets.load("six-step")
    report = ladder.readiness(Assessment(levels={"communication": 2}), "apm")
    ax = report.plot(ladder=ladder)
    assert ax.get_xlim() == (0, 5)
    assert [t.get_text() for t in ax.get_xticklabels()] == ["0", "1", "2", "3", "4", "5"]
    names = {c.id: c.name for c in ladder.competencies}
    assert [t.get_text() for t in ax.get_yticklabels()] == [
        names[e.competency] for e in report.role.expectations
    ]
    lowly = Ladder(
        id="s",
        name="Short",
        scale=["learning", "doing", "leading"],
        competencies=[Competency(id="craft", name="Craft")],
        roles=[
            Role(
                id="a", title="A", level=1, expectations=[Expectation(competency="craft", level=2)]
            )
        ],
    )
    drawn = lowly.readiness(Assessment(levels={"craft": 1}), "a").plot(ladder=lowly)
    assert drawn.get_xlim() == (0, 3)
    # Without the ladder: the default scale's top, or the highest level drawn.
    assert report.plot().get_xlim() == (0, 5)
    empty = Ladder(id="e", name="E", roles=[Role(id="a", title="A", level=1)])
    assert empty.readiness(Assessment(levels={}), "a").plot().get_xlim() == (0, 5)


def test_level_one_stands_apart_from_none() -> None:
    ax = few_competencies().plot_matrix()
    (image,) = ax.get_images()
    none, one = (np.asarray(image.to_rgba(np.array([[v]]))[0, 0, :3]) for v in (0, 1))
    assert none.tolist() == [1.0, 1.0, 1.0]
    assert float(np.abs(none - one).sum()) > 0.3  # a tint, not near white
    top = np.asarray(image.to_rgba(np.array([[5]]))[0, 0, :3])
    steps = [np.asarray(image.to_rgba(np.array([[v]]))[0, 0, :3]) for v in range(6)]
    assert all(float(np.abs(a - b).sum()) > 0.1 for a, b in itertools.pairwise(steps))
    assert float(top.sum()) < float(one.sum())


def test_moves_are_dashed_and_grades_stand_under_titles() -> None:
    ladder = load("examples/ladders/engineering.yaml")
    ax = ladder.plot()
    assert_legible(ax, ladder)
    assert_not_blank(png(ax))
    arrows = [text.arrow_patch for text in ax.texts if not text.get_text()]  # type: ignore[attr-defined]
    styles = sorted(arrow.get_linestyle() for arrow in arrows)
    # Seven promotions drawn solid, two two-way moves dashed (each once, headed at both ends).
    assert styles == ["--"] * 2 + ["solid"] * 7
    assert "Director of\nEngineering\nM3" in {text.get_text() for text in ax.texts}
    assert "level 5.5" in [t.get_text() for t in ax.get_yticklabels()]
    report = ladder.readiness(Assessment(levels={"people": 5}), "director")
    assert report.plot(ladder=ladder).get_title().startswith("Director of Engineering (M3)")
    matrix_rows = [t.get_text() for t in ladder.plot_matrix().get_yticklabels()]
    assert matrix_rows[0] == "Engineer I (L1)"


def along(arrow: FancyArrowPatch) -> np.ndarray:
    """Points every few pixels along an arrow as drawn, straight or curved."""
    points = []
    for polygon in arrow.get_path().to_polygons(closed_only=False):
        corners = np.asarray(polygon, dtype=float)
        points += [np.linspace(a, b, 20) for a, b in itertools.pairwise(corners)]
    return np.concatenate(points)


def test_a_skip_level_promotion_goes_round_the_box_between() -> None:
    ladder = Ladder(
        id="skip",
        name="Skip",
        ignore=["no-expectations"],
        roles=[
            Role(id="sem", title="Senior Engineering Manager", level=9),
            Role(id="multi", title="Senior EM, Multiple Teams", level=9.5),
            Role(id="director", title="Director of Engineering", level=10),
        ],
        promotions=[("sem", "multi"), ("multi", "director"), ("sem", "director")],
    )
    ax = ladder.plot()
    ax.get_figure(root=True).canvas.draw()  # type: ignore[union-attr]
    [middle] = [t for t in ax.texts if t.get_text().startswith("Senior EM")]
    # Inside the middle box, edges excepted (arrows into and out of it end there).
    box = middle.get_bbox_patch().get_window_extent().padded(-2)  # type: ignore[union-attr]
    arrows = [text.arrow_patch for text in ax.texts if not text.get_text()]  # type: ignore[attr-defined]
    assert len(arrows) == 3
    # No arrow runs behind the middle box: the skip-level one goes round it.
    clear = [arrow for arrow in arrows if not any(box.contains(x, y) for x, y in along(arrow))]
    assert len(clear) == 3


def test_only_a_box_on_the_line_bends_a_skip_level_promotion() -> None:
    places = {"low": (0.5, 0), "beside": (1.5, 1), "high": (0.5, 2), "next": (0.5, 1)}
    assert _passes_a_box(places, "low", "high")  # "next" stands in the way
    del places["next"]
    assert not _passes_a_box(places, "low", "high")  # "beside" is a column away
    assert not _passes_a_box(places, "low", "beside")  # the next rung: nothing between
