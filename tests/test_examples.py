from __future__ import annotations

import runpy
import sys
from pathlib import Path

import matplotlib.image
import nbclient
import nbformat
import numpy as np
import pytest

from careerladder import Assessment, load, loads, presets
from careerladder._cli import main

TOUR = Path("examples/tour.ipynb")


def test_quickstart_prints_the_ladder_it_builds(capsys: pytest.CaptureFixture[str]) -> None:
    namespace = runpy.run_path("examples/quickstart.py")
    out = capsys.readouterr().out
    head, _, text = out.partition("\n\n")
    assert head.splitlines() == [
        "After Senior PM: Staff Product Manager, Group Product Manager",
        "To become a Group PM, raise people-leadership to level 3",
    ]
    assert loads(text) == namespace["ladder"]


def test_tour_script_takes_every_step(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(sys, "argv", ["tour.py", str(tmp_path)])
    namespace = runpy.run_path("examples/tour.py")
    out = capsys.readouterr().out
    ladder = namespace["ladder"]
    assert [role.id for role in ladder if role.track == "ic"] == [
        "apm",
        "pm",
        "senior-pm",
        "staff-pm",
        "principal-pm",
    ]
    assert len(ladder) == len(presets.load("six-step")) + 2
    assert not [p for p in ladder.lint() if p.code != "expectation-drops"]
    assert "error unknown-role: unknown role 'staf-pm'" in out
    assert "did you mean 'staff-pm'?" in out
    assert "error level-off-scale: level 7" in out
    assert "Ada for Staff Product Manager: not ready" in out
    for name in ("ladder", "matrix", "readiness"):
        pixels = matplotlib.image.imread(tmp_path / f"{name}.png")
        assert (np.asarray(pixels)[..., :3] < 0.95).any(axis=-1).mean() > 0.01, name


def outputs(cell: nbformat.NotebookNode) -> dict[str, str]:
    """Every output of a cell by MIME type (stream text under "stream")."""
    found: dict[str, str] = {}
    for output in cell.get("outputs", []):
        if output.output_type == "stream":
            found["stream"] = found.get("stream", "") + output.text
        elif output.output_type in {"execute_result", "display_data"}:
            found.update(output.data)
    return found


@pytest.mark.skipif(sys.platform == "win32", reason="the kernel's event loop needs care there")
def test_tour_notebook_runs_and_shows_tables_and_pictures(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JUPYTER_PLATFORM_DIRS", "1")  # the layout Jupyter moves to
    monkeypatch.delenv("MPLBACKEND", raising=False)  # the kernel draws inline
    notebook = nbformat.read(TOUR, as_version=4)  # type: ignore[no-untyped-call]
    assert not any(cell.get("outputs") for cell in notebook.cells), "commit it without outputs"
    client = nbclient.NotebookClient(
        notebook, timeout=120, kernel_name="python3", resources={"metadata": {"path": "."}}
    )
    client.execute()  # raises CellExecutionError, with the cell, if any cell fails
    by_source = {
        cell.source.splitlines()[-1]: outputs(cell)
        for cell in notebook.cells
        if cell.cell_type == "code"
    }
    assert "Staff Product Manager" in by_source["ladder"]["text/html"]
    assert "<table" in by_source['ladder.role("staff-pm")']["text/html"]
    for picture in ("ladder.plot();", "ladder.plot_matrix();", "report.plot(ladder=ladder);"):
        assert "image/png" in by_source[picture], picture
    assert "flowchart BT" in by_source["print(ladder.to_mermaid())"]["stream"]
    assert "unknown-role" in by_source["    print(error)"]["stream"]
    assert "Ada for Staff Product Manager" in by_source["report"]["text/html"]
    assert "Principal Product Manager" in by_source["diff(base, ladder)"]["text/html"]
    assert (
        "Director of Product (director-product)"
        in by_source['map_roles(ladder, presets.load("seven-step-gpm"))']["text/html"]
    )


@pytest.mark.parametrize("path", sorted(Path("examples/ladders").iterdir()), ids=str)
def test_every_example_ladder_is_strict_clean(
    path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["validate", "--strict", str(path)]) == 0, capsys.readouterr().out


def test_the_engineering_example_answers_as_a_dual_track_ladder() -> None:
    ladder = load("examples/ladders/engineering.yaml")
    assert [r.id for r in ladder.next_roles("senior")] == ["staff", "manager"]
    assert [r.id for r in ladder.lateral_roles("Tech Lead")] == ["manager"]
    assert [r.id for r in ladder.lateral_roles("manager")] == ["staff"]
    assert [r.id for r in ladder.entry_roles()] == ["engineer-1", "senior", "director"]
    assert ladder.role("director").level == 5.5
    assert {r.grade for r in ladder} == {"L1", "L2", "L3", "L4", "L5", "M1", "M2", "M3"}
    people = Assessment(levels={e.competency: e.level for e in ladder.role("manager").expectations})
    steps = ladder.next_steps(people, "staff")
    assert [(r.role.id, r.step, r.ready) for r in steps] == [
        ("manager", "move", True),
        ("principal", "promotion", False),
    ]
