from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import NoReturn

import pytest

from careerladder import dumps, load, presets
from careerladder._cli import main
from careerladder._cli import run as run_command

ACME = "examples/ladders/acme.yaml"
BROKEN = "id: l\nname: L\nroles:\n  - {id: a, title: A, level: 1, promotes_to: [b]}\n"
LINTY = (
    "id: l\nname: L\ncompetencies: [{id: c, name: C}]\n"
    "roles:\n  - {id: a, title: A, level: 1, expectations: {c: 1}}\n"
)


@pytest.fixture
def broken(tmp_path: Path) -> str:
    path = tmp_path / "broken.yaml"
    path.write_text(BROKEN)
    return str(path)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_validate_valid_files(capsys: pytest.CaptureFixture[str]) -> None:
    files = [str(p) for p in sorted(Path("examples/ladders").iterdir())]
    assert run(capsys, "validate", *files) == (0, f"checked {len(files)} files: all valid\n", "")


def test_validate_reports_every_problem_and_exits_1(
    capsys: pytest.CaptureFixture[str], broken: str
) -> None:
    code, out, _ = run(capsys, "validate", ACME, broken)
    assert code == 1
    assert out == (
        f"{broken}:4:47: error unknown-role: unknown role 'b' in roles[0].promotes_to[0]; "
        "expected one of: a\n"
        "checked 2 files: 1 error, 0 warnings\n"
    )


def test_validate_json(capsys: pytest.CaptureFixture[str], broken: str) -> None:
    code, out, _ = run(capsys, "validate", "--format", "json", broken)
    assert code == 1
    assert json.loads(out) == [
        {
            "file": broken,
            "line": 4,
            "column": 47,
            "path": "roles[0].promotes_to[0]",
            "severity": "error",
            "code": "unknown-role",
            "message": "unknown role 'b' in roles[0].promotes_to[0]; expected one of: a",
        }
    ]


def test_validate_github_annotations_escape_and_summarize(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "a,b.yaml"
    path.write_text("id: l\nname: L\nroles:\n  - {id: a, title: A, level: 1, promotes_to: [b]}\n")
    code, out, _ = run(capsys, "validate", "--format", "github", str(path))
    name = str(path).replace(",", "%2C").replace(":", "%3A")
    lines = out.splitlines()
    assert code == 1
    assert lines[0] == (
        f"::error file={name},line=4,col=47,title=careerladder unknown-role::unknown role 'b' in "
        "roles[0].promotes_to[0]; expected one of: a"
    )
    assert lines[1].startswith(f"{path}:4:47: error unknown-role")
    assert lines[-1] == "checked 1 file: 1 error, 0 warnings"


def test_warnings_pass_unless_strict(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "l.yaml"
    path.write_text(LINTY.replace("{c: 1}", "{}"))
    code, out, _ = run(capsys, "validate", str(path))
    assert code == 0
    assert "warning no-expectations" in out
    assert "warning unused-competency" in out
    code, out, _ = run(capsys, "validate", "--strict", str(path))
    assert code == 1
    assert "error no-expectations" in out
    assert out.endswith("checked 1 file: 2 errors, 0 warnings\n")


def test_validate_stdin(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    text = dumps(load(ACME), "json")
    monkeypatch.setattr(sys, "stdin", io.StringIO(text))
    assert run(capsys, "validate", "--stdin-format", "json", "-")[0] == 0
    monkeypatch.setattr(sys, "stdin", io.StringIO(BROKEN))
    code, out, _ = run(capsys, "validate", "-")
    assert code == 1
    assert out.startswith("<stdin>:4:47: error unknown-role")


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda _: None, "cannot read the file: No such file or directory"),
        (lambda p: p.mkdir(), "cannot read the file: Is a directory"),
        (lambda p: p.write_bytes(b"id: \xff\n"), "the file is not UTF-8"),
    ],
)
def test_unreadable_files_exit_2_and_the_others_are_still_checked(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, make: object, message: str, broken: str
) -> None:
    path = tmp_path / "x.yaml"
    make(path)  # type: ignore[operator]
    code, out, _ = run(capsys, "validate", str(path), broken)
    assert code == 2
    assert message in out
    assert "unknown-role" in out


def test_unknown_suffix_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "validate", "README.md")
    assert code == 2
    assert "cannot tell the format of 'README.md'" in out


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "validate")[0] == 2
    assert run(capsys, "frobnicate")[0] == 2
    code, _, err = run(capsys, "validate", "--format", "xml", ACME)
    assert code == 2
    assert "invalid choice: 'xml'" in err


@pytest.mark.parametrize("command", ["validate", "show", "presets", "schema"])
def test_every_command_has_help_with_an_example(
    capsys: pytest.CaptureFixture[str], command: str
) -> None:
    code, out, _ = run(capsys, command, "--help")
    assert code == 0
    assert "example" in out
    assert "careerladder " + command in out


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--version")
    assert code == 0
    assert out.startswith("careerladder ")


def test_show_tree_of_a_file(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "show", ACME)
    assert code == 0
    assert out == (
        "ACME product management (acme-product)\n"
        "└── 1  Associate Product Manager (apm)\n"
        "    └── 2  Product Manager (pm)\n"
        "        └── 3  Senior Product Manager (senior-pm)\n"
        "            ├── 4  Staff Product Manager (staff-pm) [ic]\n"
        "            │   └── 5  Principal Product Manager (principal-pm) [ic]\n"
        "            └── 4  Group Product Manager (group-pm) [management]\n"
        "                └── 5  Director of Product (director) [management]\n"
    )


def test_show_tree_marks_roles_seen_before(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    ladder = load(ACME).add_promotion("staff-pm", "director")
    path = tmp_path / "l.yaml"
    path.write_text(dumps(ladder))
    out = run(capsys, "show", str(path))[1]
    assert "            │   ├── 5  Principal Product Manager (principal-pm) [ic]\n" in out
    assert "            │   └── 5  Director of Product (director) [management]\n" in out
    assert out.endswith(
        "                └── 5  Director of Product (director) [management], see above\n"
    )


@pytest.mark.parametrize("kind", ["yaml", "json", "toml"])
def test_show_a_preset_in_each_format(capsys: pytest.CaptureFixture[str], kind: str) -> None:
    code, out, _ = run(capsys, "show", "six-step", "--as", kind)
    assert code == 0
    assert out == dumps(presets.load("six-step"), kind)


def test_show_to_a_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    assert run(capsys, "show", ACME, "--as", "json", "-o", str(target)) == (0, "", "")
    assert load(target) == load(ACME)


def test_show_unknown_name_or_invalid_file_exits_2(
    capsys: pytest.CaptureFixture[str], broken: str
) -> None:
    code, _, err = run(capsys, "show", "sixstep")
    assert code == 2
    assert err == (
        "careerladder: error unreadable: no file or preset named 'sixstep'; did you mean "
        "'six-step'? (presets: head-senior-director, seven-step-gpm, six-step)\n"
    )
    code, _, err = run(capsys, "show", broken)
    assert code == 2
    assert "unknown-role" in err


def test_show_to_an_unwritable_place_exits_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    target = tmp_path / "no" / "such" / "dir.txt"
    code, _, err = run(capsys, "show", ACME, "-o", str(target))
    assert code == 2
    assert err == (
        f"careerladder: error: cannot write '{target}': "
        f"the directory '{target.parent}' does not exist\n"
    )
    for kind in ("yaml", "png"):
        code, _, err = run(capsys, "show", ACME, "--as", kind, "-o", str(tmp_path))
        assert code == 2
        assert err == f"careerladder: error: cannot write '{tmp_path}': Is a directory\n"


def test_presets_lists_names_and_role_counts(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "presets")
    assert code == 0
    for name in presets.names():
        ladder = presets.load(name)
        assert any(
            line.split()[:3] == [name, str(len(ladder)), "roles"] for line in out.splitlines()
        )


def test_schema_prints_the_schema_file(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "schema")
    assert code == 0
    assert out == Path("careerladder.schema.json").read_text()


def test_installed_script_runs() -> None:
    script = shutil.which("careerladder", path=str(Path(sys.executable).parent))
    assert script is not None
    result = subprocess.run(  # noqa: S603 -- our own script
        [script, "validate", ACME], capture_output=True, text=True, check=False
    )
    assert (result.returncode, result.stdout) == (0, "checked 1 file: all valid\n")
    result = subprocess.run(
        [sys.executable, "-m", "careerladder", "presets"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0
    assert "six-step" in result.stdout


def test_github_annotation_without_a_line(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "validate", "--format", "github", "missing.yaml")
    assert code == 2
    assert out.splitlines()[0] == (
        "::error file=missing.yaml,title=careerladder unreadable::cannot read the file: No such "
        "file or directory"
    )


def _exit_raises(monkeypatch: pytest.MonkeyPatch) -> None:
    """The command ends with `os._exit`, which would end the tests too."""

    def exit_(code: int) -> NoReturn:
        raise SystemExit(code)

    monkeypatch.setattr(os, "_exit", exit_)


def test_python_dash_m(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    import runpy  # noqa: PLC0415

    _exit_raises(monkeypatch)
    monkeypatch.setattr(sys, "argv", ["careerladder", "validate", ACME])
    with pytest.raises(SystemExit) as exit_:
        runpy.run_module("careerladder", run_name="__main__")
    assert exit_.value.code == 0
    assert capsys.readouterr().out == "checked 1 file: all valid\n"


def test_the_command_flushes_what_it_wrote_before_it_ends(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    _exit_raises(monkeypatch)
    monkeypatch.setattr(sys, "argv", ["careerladder", "validate", "missing.yaml"])
    with (tmp_path / "out").open("w") as out, (tmp_path / "err").open("w") as err:
        monkeypatch.setattr(sys, "stdout", out)
        monkeypatch.setattr(sys, "stderr", err)
        with pytest.raises(SystemExit) as exit_:
            run_command()
        # Not closed yet: only the flush has put it in the file.
        assert (tmp_path / "out").read_text() == (
            "missing.yaml: error unreadable: cannot read the file: No such file or directory\n"
            "checked 1 file: 1 error, 0 warnings\n"
        )
    assert exit_.value.code == 2


def test_a_closed_pipe_does_not_stop_the_command_ending(monkeypatch: pytest.MonkeyPatch) -> None:
    _exit_raises(monkeypatch)
    monkeypatch.setattr(sys, "argv", ["careerladder", "presets"])

    class Closed(io.StringIO):
        def flush(self) -> None:
            raise BrokenPipeError(32, "Broken pipe")

    monkeypatch.setattr(sys, "stdout", Closed())
    with pytest.raises(SystemExit) as exit_:
        run_command()
    # As a shell reports a command that a closed pipe stops: 128 + SIGPIPE.
    assert exit_.value.code == 141


def test_output_that_cannot_be_written_is_an_error_not_a_success(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _exit_raises(monkeypatch)
    monkeypatch.setattr(sys, "argv", ["careerladder", "presets"])

    class Full(io.StringIO):
        def flush(self) -> None:
            raise OSError(28, "No space left on device")

    monkeypatch.setattr(sys, "stdout", Full())
    with pytest.raises(SystemExit) as exit_:
        run_command()
    assert exit_.value.code == 2
    assert capsys.readouterr().err == (
        "careerladder: error: cannot write the output: [Errno 28] No space left on device\n"
    )


def test_a_stream_closed_before_the_command_started_is_left_alone(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _exit_raises(monkeypatch)
    monkeypatch.setattr(sys, "argv", ["careerladder", "validate", ACME])
    monkeypatch.setattr(sys, "stderr", None)
    with pytest.raises(SystemExit) as exit_:
        run_command()
    assert exit_.value.code == 0


def test_a_pipe_closed_midway_is_not_a_file_that_cannot_be_read(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    class Closed(io.StringIO):
        def write(self, _: str) -> int:
            raise BrokenPipeError(32, "Broken pipe")

    monkeypatch.setattr(sys, "stdout", Closed())
    assert main(["show", "six-step"]) == 141
    assert capsys.readouterr().err == ""


def test_limits_are_options(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "validate", "--max-bytes", "1_000", ACME)
    assert code == 1
    size = Path(ACME).stat().st_size
    assert out.startswith(
        f"{ACME}:1:1: error too-large: the document is {size:,} bytes, more than the limit of "
        "1,000 (Limits.max_bytes, --max-bytes)\n"
    )
    code, _, err = run(capsys, "show", "--max-depth", "3", ACME)
    assert code == 2
    assert "error too-deep" in err
    assert run(capsys, "validate", "--max-nodes", "100000", ACME)[0] == 0


@pytest.mark.parametrize("value", ["0", "-3", "many"])
def test_limits_must_be_positive_numbers(capsys: pytest.CaptureFixture[str], value: str) -> None:
    code, _, err = run(capsys, "validate", "--max-nodes", value, ACME)
    assert code == 2
    assert f"expected a whole number above 0, got '{value}'" in err


# -- analysis commands -------------------------------------------------------------------


def test_readiness_of_one_person_for_a_role(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys, "readiness", "six-step", "examples/assessments/ada.yaml", "--role", "Senior PM"
    )
    assert code == 0
    assert out.splitlines()[0] == "Ada for Senior Product Manager: not ready (score 0.57)"
    assert " ".join(out.split()).startswith(
        "Ada for Senior Product Manager: not ready (score 0.57) missing: collaboration-influence "
        "0 of 4 (4 short), problem-solving 0 of 4 (4 short), continuous-learning 0 of 3 (3 short)"
    )
    assert all(len(line) <= 100 for line in out.splitlines())


def test_readiness_from_a_role_in_markdown(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys,
        "readiness",
        "six-step",
        "examples/assessments/ada.yaml",
        "--from",
        "pm",
        "--format",
        "markdown",
    )
    assert code == 0
    assert out.startswith(
        "**Ada for Senior Product Manager**: not ready (score 0.57)\n\n| Competency"
    )


def test_readiness_of_a_team_to_csv(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "report.csv"
    code, out, err = run(
        capsys,
        "readiness",
        "six-step",
        "examples/assessments/team.csv",
        "--role",
        "pm",
        "--out",
        str(target),
    )
    assert (code, out) == (0, "")
    assert err == f"wrote 3 rows to {target}\n"
    assert target.read_text().splitlines()[1].startswith("Ada,pm,no,0.279,")


def test_readiness_shows_progress_for_a_large_input_on_a_terminal(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    people = tmp_path / "people.csv"
    rows = [f"p{i:06},communication,{i % 5 + 1}" for i in range(60_000)]
    people.write_text("person,competency,level\n" + "\n".join(rows) + "\n")
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    code, _, err = run(
        capsys,
        "readiness",
        "six-step",
        str(people),
        "--role",
        "apm",
        "--out",
        str(tmp_path / "out.csv"),
    )
    assert code == 0
    assert "\r[##########                    ]  33%  20,000 people" in err
    assert err.endswith(
        "\r[##############################] 100%  60,000 people\nwrote 60,000 rows to "
        f"{tmp_path / 'out.csv'}\n"
    )


def test_readiness_with_a_bad_assessment_exits_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "bo.yaml"
    path.write_text("levels: {communication: 11}\n")
    code, _, err = run(capsys, "readiness", "six-step", str(path), "--role", "pm")
    assert code == 2
    assert "level 11 in levels.communication is off the scale" in err
    assert run(capsys, "readiness", "six-step", str(path), "--role", "pm", "--from", "apm")[0] == 2


def test_diff_exit_codes_and_formats(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert run(capsys, "diff", "six-step", "six-step") == (0, "no changes\n", "")
    new = tmp_path / "new.yaml"
    new.write_text(dumps(presets.load("six-step").remove_promotion("pm", "senior-pm")))
    assert run(capsys, "diff", "six-step", str(new)) == (
        1,
        "removed promotion 'pm -> senior-pm'\n",
        "",
    )
    code, out, _ = run(capsys, "diff", "--format", "markdown", "six-step", str(new))
    assert (code, out.splitlines()[0]) == (1, "**1 change** to the ladder: 1 promotion removed.")
    code, out, _ = run(capsys, "diff", "--format", "json", "six-step", str(new))
    assert json.loads(out) == [
        {"kind": "removed", "part": "promotion", "key": "pm -> senior-pm", "fields": {}}
    ]
    assert run(capsys, "diff", "six-step", "nothing.yaml")[0] == 2


def test_map_prints_a_table_with_reasons(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "map", "seven-step-gpm", "head-senior-director", "--top", "2")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split()[:6] == [
        "role",
        "of",
        "seven-step-gpm",
        "match",
        "in",
        "head-senior-director",
    ]
    assert max(len(line) for line in lines) <= 100
    group = next(i for i, line in enumerate(lines) if line.startswith("Group Product Manager"))
    assert "Director of Product (director…" in lines[group]  # shortened to fit
    assert "seniority: group manager here," in lines[group]
    assert lines[group + 1].startswith(" ")


def test_map_says_no_equivalent_and_ties(capsys: pytest.CaptureFixture[str]) -> None:
    data = Path(__file__).parent / "data" / "mapping"
    dual, small = str(data / "product-dual-track.yaml"), str(data / "product-small.yaml")
    code, out, _ = run(capsys, "map", dual, small)
    assert code == 0
    assert out.splitlines()[-1].split() == ["Chief", "Product", "Officer", "no", "equivalent"]
    code, out, _ = run(capsys, "map", small, dual, "--format", "markdown", "--top", "2")
    assert "| Product 4 | Senior Product Manager (senior-pm) | 0.82 (tie) |" in out
    assert "|  | Principal Product Manager (principal-pm) | 0.82 (tie) |" in out
    code, out, _ = run(
        capsys, "map", dual, small, "--format", "json", "--min-score", "0.9", "--top", "3"
    )
    document = json.loads(out)
    assert (document["a"], document["b"], document["min_score"]) == (
        "product-dual-track",
        "product-small",
        0.9,
    )
    apm = document["roles"][0]
    assert apm["role"] == "apm"
    assert apm["matches"][0]["role"] == "p1"
    assert apm["matches"][0]["tied"] is False
    assert document["roles"][-1] == {"role": "cpo", "title": "Chief Product Officer", "matches": []}
    code, out, _ = run(capsys, "map", "six-step", "six-step", "--min-score", "0.99")
    assert code == 0
    assert "no equivalent" not in out


@pytest.mark.parametrize("score", ["1.5", "-0.1", "high"])
def test_map_takes_a_score_from_0_to_1(capsys: pytest.CaptureFixture[str], score: str) -> None:
    code, _, err = run(capsys, "map", "six-step", "six-step", "--min-score", score)
    assert code == 2
    assert f"expected a score from 0 to 1, got {score!r}" in err


def test_a_bad_row_leaves_no_partial_report(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    people = tmp_path / "people.csv"
    people.write_text("person,competency,level\nAda,communication,4\nBo,charm,2\n")
    target = tmp_path / "report.csv"
    code, _, err = run(
        capsys, "readiness", "six-step", str(people), "--role", "pm", "--out", str(target)
    )
    assert code == 2
    assert f"{people}:3:2: error unknown-competency" in err
    assert list(tmp_path.iterdir()) == [people]


def test_writing_toml_without_the_extra_is_a_clean_error(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "tomli_w", None)
    code, out, err = run(capsys, "show", "six-step", "--as", "toml")
    assert (code, out) == (2, "")
    assert err == (
        "careerladder: error: writing TOML needs tomli-w, in the toml extra: "
        "pip install -e '.[toml]' from a clone, "
        "or pip install 'careerladder[toml] @ git+https://github.com/careerladder/careerladder' "
        "(once published: pip install 'careerladder[toml]')\n"
    )


@pytest.mark.parametrize("kind", ["markdown", "mermaid", "dot"])
def test_show_renders_diagrams_and_tables(capsys: pytest.CaptureFixture[str], kind: str) -> None:
    render = getattr(load(ACME), f"to_{kind}")
    assert run(capsys, "show", ACME, "--as", kind) == (0, render(), "")


def test_show_writes_pictures(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "six.png"
    assert run(capsys, "show", "six-step", "--as", "png", "-o", str(target)) == (0, "", "")
    picture = target.read_bytes()
    assert picture.startswith(b"\x89PNG\r\n\x1a\n")
    assert len(picture) > 10_000
    # The same ladder gives the same bytes: pictures can be committed and compared.
    assert run(capsys, "show", "six-step", "--as", "png", "-o", str(target))[0] == 0
    assert target.read_bytes() == picture

    code, svg, _ = run(capsys, "show", ACME, "--as", "svg")
    assert code == 0
    assert svg.startswith("<?xml")
    assert run(capsys, "show", ACME, "--as", "svg")[1] == svg
    assert run(capsys, "show", ACME, "--as", "svg", "-o", str(tmp_path / "a.svg"))[0] == 0
    assert (tmp_path / "a.svg").read_text(encoding="utf-8") == svg


def test_show_png_needs_a_file(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "show", "six-step", "--as", "png") == (
        2,
        "",
        "careerladder: error: --as png writes a binary picture: add -o FILE\n",
    )


def test_show_picture_without_matplotlib(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    code, out, err = run(capsys, "show", "six-step", "--as", "png", "-o", str(tmp_path / "x.png"))
    assert (code, out) == (2, "")
    assert err == (
        "careerladder: error: plotting needs matplotlib, in the plot extra: "
        "pip install -e '.[plot]' from a clone, "
        "or pip install 'careerladder[plot] @ git+https://github.com/careerladder/careerladder' "
        "(once published: pip install 'careerladder[plot]')\n"
    )
    assert not (tmp_path / "x.png").exists()


def test_convert_between_every_format(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    original = load(ACME)
    chain = ["a.json", "a.toml", "a.csv", "a.xlsx", "a.case.json", "b.yaml"]
    source = ACME
    for name in chain:
        target = str(tmp_path / name)
        code, out, err = run(capsys, "convert", source, target)
        assert (code, out) == (0, "")
        assert err.startswith(f"wrote {target}\n")
        source = target
    back = load(source)
    assert [(r.id, r.level) for r in back.roles] == [(r.id, r.level) for r in original.roles]
    assert {p.pair for p in back.promotions} == {p.pair for p in original.promotions}
    names = tmp_path / "names.csv"
    assert run(capsys, "convert", "six-step", str(names), "--levels", "names")[0] == 0
    assert ",practicing," in names.read_text()
    assert run(capsys, "validate", str(names), str(tmp_path / "a.xlsx"))[1] == (
        "checked 2 files: all valid\n"
    )


def test_convert_says_what_a_matrix_leaves_out(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "100")
    target = tmp_path / "acme.csv"
    assert run(capsys, "convert", ACME, str(target)) == (
        0,
        "",
        f"wrote {target}\n"
        "the CSV role x competency matrix leaves out: the ladder's id, name and description; "
        "the names,\n"
        "  categories and descriptions of 4 competencies; aliases of 6 roles; summaries of 7 "
        "roles;\n"
        "  responsibilities of 1 role; descriptions of 1 expectation; criteria of 1 promotion. "
        "Keep them in a\n"
        "  ladder file (YAML, JSON or TOML) or a CASE package\n",
    )
    target = tmp_path / "acme.xlsx"
    assert run(capsys, "convert", ACME, str(target))[2] == (
        f"wrote {target}\n"
        "the XLSX workbook leaves out: aliases of 6 roles; summaries of 7 roles; responsibilities "
        "of 1 role;\n"
        "  descriptions of 1 expectation; criteria of 1 promotion. Keep them in a ladder file "
        "(YAML, JSON or\n"
        "  TOML) or a CASE package\n"
    )
    # What a matrix holds whole, it converts without a word more; so do the other formats.
    bare = tmp_path / "bare.csv"
    bare.write_text("id,title,level,moves_to,craft\na,A,1,b,2\nb,B,1,,3\n")
    (tmp_path / "copy").mkdir()
    for name in ("copy/bare.csv", "bare.yaml", "bare.case.json"):
        target = tmp_path / name
        assert run(capsys, "convert", str(bare), str(target)) == (0, "", f"wrote {target}\n")
    assert run(capsys, "convert", str(bare), str(tmp_path / "other.csv"))[2].endswith(
        "leaves out: the ladder's id and name. Keep them in a ladder file\n"
        "  (YAML, JSON or TOML) or a CASE package\n"
    )
    assert load(tmp_path / "copy" / "bare.csv") == load(bare)


def test_convert_an_invalid_sheet_writes_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    sheet = tmp_path / "bad.csv"
    sheet.write_text("id,title,level,promotes_to\na,A,1,b\n")
    target = tmp_path / "out.yaml"
    assert run(capsys, "convert", str(sheet), str(target)) == (
        1,
        "",
        f"{sheet}:2:4: error unknown-role: unknown role 'b' in D2; expected one of: a\n",
    )
    assert not target.exists()
    assert run(capsys, "convert", str(tmp_path / "none.csv"), str(target))[0] == 2
    code, _, err = run(capsys, "convert", ACME, str(tmp_path / "x.txt"))
    assert code == 2
    assert "cannot tell the format" in err


def help_lines(capsys: pytest.CaptureFixture[str]) -> int:
    code, out, _ = run(capsys, "validate", "--help")
    assert code == 0
    return len(out.splitlines())


def test_help_wraps_to_the_terminal(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "50")
    narrow = help_lines(capsys)
    monkeypatch.setenv("COLUMNS", "wide")  # not a number: ask the terminal
    monkeypatch.setattr(os, "get_terminal_size", lambda _: os.terminal_size((160, 40)))
    wide = help_lines(capsys)
    monkeypatch.delenv("COLUMNS")
    monkeypatch.setattr(sys, "__stdout__", None)  # no terminal at all: 80 columns
    usual = help_lines(capsys)
    monkeypatch.setenv("COLUMNS", "80")
    assert help_lines(capsys) == usual
    assert narrow > usual > wide


# -- within a terminal -----------------------------------------------------------------

COMMANDS = ["validate", "show", "convert", "presets", "readiness", "diff", "map", "schema"]


@pytest.mark.parametrize("command", [[], *([c] for c in COMMANDS)])
def test_every_help_fits_80_columns(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, command: list[str]
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    code, out, _ = run(capsys, *command, "--help")
    assert code == 0
    assert max(len(line) for line in out.splitlines()) <= 80
    if command:
        # The description is prose: wrapped, never cut short.
        description = out.split("\n\n")[1]
        assert len(description.splitlines()) >= 1
        assert "  " not in description.strip()


def test_help_keeps_the_examples_one_per_line(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    _, out, _ = run(capsys, "validate", "--help")
    assert out.endswith(
        "\nexamples:\n"
        "  careerladder validate ladders/*.yaml\n"
        "  careerladder validate --strict --format github ladder.toml\n"
        "  cat ladder.json | careerladder validate --stdin-format json -\n"
    )
    assert (
        "Check ladder files (YAML, JSON, TOML) and report every problem with its file,\n"
        "line and column."
    ) in out


def test_readiness_lines_fit_100_columns(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "250")  # a wide terminal: still at most 100
    code, out, _ = run(capsys, "readiness", "six-step", "examples/assessments/team.csv")
    assert code == 0
    lines = out.splitlines()
    assert max(len(line) for line in lines) <= 100
    missing = lines.index(next(line for line in lines if line.startswith("missing: ")))
    assert lines[missing + 1].startswith("  ")  # continued, indented
    monkeypatch.setenv("COLUMNS", "80")
    _, out, _ = run(capsys, "readiness", "six-step", "examples/assessments/team.csv")
    assert max(len(line) for line in out.splitlines()) <= 80


def test_presets_fit_80_columns(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    code, out, _ = run(capsys, "presets")
    assert code == 0
    assert out == (
        "head-senior-director  7 roles  Product management ladder with Senior Director\n"
        "                               and Head of Product\n"
        "seven-step-gpm        7 roles  Seven-step product management ladder with Group\n"
        "                               PM\n"
        "six-step              6 roles  Six-step product management ladder\n"
    )
    monkeypatch.setenv("COLUMNS", "120")
    _, out, _ = run(capsys, "presets")
    assert out.splitlines()[0] == (
        "head-senior-director  7 roles  "
        "Product management ladder with Senior Director and Head of Product"
    )


def test_readiness_from_a_top_role_says_there_is_no_next_role(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    for people in ("examples/assessments/ada.yaml", "examples/assessments/team.csv"):
        code, out, _ = run(capsys, "readiness", "six-step", people, "--from", "cpo")
        assert code == 0
        assert out == (
            "No promotion or move leads from Chief Product Officer (cpo) on six-step, so\n"
            "there is no next role to compare with; give --role to compare with any role.\n"
        )


# -- messages that say what to do --------------------------------------------------------


def test_validate_a_preset_name_says_it_is_a_preset(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "validate", "six-step")
    assert code == 2
    assert out == (
        "six-step: error unreadable: 'six-step' is the name of a preset, not a file; validate "
        "checks files: give a ladder file's path, or print the preset with "
        "'careerladder show six-step'\n"
        "checked 1 file: 1 error, 0 warnings\n"
    )


def test_an_unknown_suffix_lists_every_format(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    every = (
        "YAML (.yaml, .yml), JSON (.json), TOML (.toml), CSV (.csv), XLSX (.xlsx) "
        "and CASE 1.1 (.case.json)"
    )
    target = tmp_path / "out.txt"
    code, _, err = run(capsys, "convert", ACME, str(target))
    assert code == 2
    assert err == (
        f"careerladder: {target}: error unknown-format: cannot tell the format of "
        f"'{target}' from its suffix; convert writes {every}\n"
    )
    assert not target.exists()
    code, out, _ = run(capsys, "validate", "README.md")
    assert code == 2
    assert out.splitlines()[0] == (
        "README.md: error unknown-format: cannot tell the format of 'README.md' from its "
        f"suffix; validate reads {every}"
    )
    code, _, err = run(capsys, "show", "README.md")
    assert code == 2
    assert err == (
        "careerladder: README.md: error unknown-format: cannot tell the format of 'README.md' "
        f"from its suffix; careerladder reads {every}\n"
    )
    code, out, _ = run(capsys, "validate", "no-such-ladder")  # neither a file nor a preset
    assert code == 2
    assert "cannot read the file" not in out
    assert "validate reads YAML" in out


def test_show_format_points_to_as(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "show", "--format", "yaml", "six-step")
    assert (code, out) == (2, "")
    assert err.endswith(
        "careerladder show: error: show has no --format option; to choose the output, "
        "use --as yaml\n"
    )


def test_an_unknown_role_lists_the_roles(capsys: pytest.CaptureFixture[str]) -> None:
    ada = "examples/assessments/ada.yaml"
    code, out, err = run(capsys, "readiness", "six-step", ada, "--role", "Staff PM")
    assert (code, out) == (2, "")
    assert err == (
        "careerladder: error unknown-role: no role 'Staff PM' on ladder 'six-step' (roles: apm, "
        "pm, senior-pm, director-product, vp-product, cpo; give an id, a title or an alias)\n"
    )
    code, _, err = run(capsys, "readiness", "six-step", ada, "--from", "Senior PN")
    assert code == 2
    assert err.startswith(
        "careerladder: error unknown-role: no role 'Senior PN' on ladder 'six-step'; "
        "did you mean 'Senior PM'? (roles: apm, "
    )


def test_an_unknown_role_on_a_large_ladder_counts_the_rest(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    roles = "".join(f"  - {{id: r{i:02}, title: R{i:02}, level: {i + 1}}}\n" for i in range(20))
    ladder = tmp_path / "big.yaml"
    ladder.write_text(f"id: big\nname: Big\nroles:\n{roles}")
    person = tmp_path / "p.yaml"
    person.write_text("levels: {}\n")
    code, _, err = run(capsys, "readiness", str(ladder), str(person), "--role", "zzz")
    assert code == 2
    assert err == (
        "careerladder: error unknown-role: no role 'zzz' on ladder 'big' (roles: r00, r01, r02, "
        "r03, r04, r05, r06, r07, r08, r09, r10, r11 and 8 more; give an id, a title or an "
        "alias)\n"
    )


def test_a_missing_file_reads_as_in_validate(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    missing = tmp_path / "nobody.yaml"
    code, out, _ = run(capsys, "validate", str(missing))
    assert code == 2
    message = f"{missing}: error unreadable: cannot read the file: No such file or directory"
    assert out.splitlines()[0] == message
    for people in (missing, tmp_path / "nobody.csv"):
        code, _, err = run(capsys, "readiness", "six-step", str(people), "--role", "pm")
        assert code == 2
        assert err == f"careerladder: {message.replace(str(missing), str(people))}\n"
        assert "Errno" not in err


def test_a_missing_output_directory_is_named(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    folder = tmp_path / "reports"
    for argv in (
        ["convert", "six-step", str(folder / "six-step.yaml")],
        ["convert", "six-step", str(folder / "six-step.csv")],
        ["readiness", "six-step", "examples/assessments/team.csv", "--out", str(folder / "r.csv")],
    ):
        code, _, err = run(capsys, *argv)
        assert code == 2
        assert err == (
            f"careerladder: error: cannot write '{argv[-1]}': "
            f"the directory '{folder}' does not exist\n"
        )
    assert list(tmp_path.iterdir()) == []


def test_a_report_that_cannot_replace_its_target_leaves_nothing_behind(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    target = tmp_path / "report.csv"
    target.mkdir()
    argv = ["readiness", "six-step", "examples/assessments/team.csv", "--out", str(target)]
    code, _, err = run(capsys, *argv)
    assert code == 2
    assert err == f"careerladder: error: cannot write '{target}': Is a directory\n"
    assert list(tmp_path.iterdir()) == [target]


def test_one_row_is_a_row(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    people = tmp_path / "one.csv"
    people.write_text("person,competency,level\nAda,communication,4\n")
    target = tmp_path / "r.csv"
    code, _, err = run(
        capsys, "readiness", "six-step", str(people), "--role", "pm", "--out", str(target)
    )
    assert code == 0
    assert err == f"wrote 1 row to {target}\n"


def test_readiness_text_and_csv_say_the_same_of_a_level_not_assessed(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    people = tmp_path / "one.csv"
    people.write_text("person,competency,level\nAda,communication,2\n")
    _, out, _ = run(capsys, "readiness", "six-step", str(people), "--role", "apm")
    assert "collaboration-influence 0 of 2 (2 short)" in out
    target = tmp_path / "r.csv"
    run(capsys, "readiness", "six-step", str(people), "--role", "apm", "--out", str(target))
    assert "collaboration-influence 0/2" in target.read_text()


def test_show_tree_lists_moves_grades_and_entry_roles(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "100")
    code, out, _ = run(capsys, "show", "examples/ladders/engineering.yaml")
    assert code == 0
    assert out == (
        "Example engineering ladder (example-engineering)\n"
        "└── 1 (L1)  Engineer I (engineer-1) [ic]\n"
        "    └── 2 (L2)  Engineer II (engineer-2) [ic]\n"
        "        └── 3 (L3)  Senior Engineer (senior) [ic], entry role\n"
        "            ├── 4 (L4)  Staff Engineer (staff) [ic]\n"
        "            │   ├── ↔ moves to Engineering Manager\n"
        "            │   └── 5 (L5)  Principal Engineer (principal) [ic]\n"
        "            │       └── ↔ moves to Senior Engineering Manager\n"
        "            └── 4 (M1)  Engineering Manager (manager) [management]\n"
        "                ├── ↔ moves to Staff Engineer\n"
        "                └── 5 (M2)  Senior Engineering Manager (senior-manager) [management]\n"
        "                    ├── ↔ moves to Principal Engineer\n"
        "                    └── 5.5 (M3)  Director of Engineering (director) [management], "
        "entry role\n"
    )


def test_show_tree_wraps_long_lines_and_keeps_its_branches_whole(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "60")
    code, out, _ = run(capsys, "show", "examples/ladders/engineering.yaml")
    assert code == 0
    assert max(len(line) for line in out.splitlines()) <= 60
    # A role with branches goes on beside the line down to them; a leaf, under its text.
    assert (
        "            │   └── 5 (L5)  Principal Engineer (principal)\n"
        "            │       │   [ic]\n"
        "            │       └── ↔ moves to Senior Engineering\n"
        "            │               Manager\n"
    ) in out
    assert out.endswith(
        "                    └── 5.5 (M3)  Director of Engineering\n"
        "                            (director) [management], entry\n"
        "                            role\n"
    )


def test_show_tree_keeps_lines_whole_for_a_pipe_or_a_file(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # grep finds a role's whole line in what goes to a pipe or a file.
    monkeypatch.delenv("COLUMNS", raising=False)

    def no_terminal(_: int) -> os.terminal_size:
        raise OSError(25, "Inappropriate ioctl for device")

    monkeypatch.setattr(os, "get_terminal_size", no_terminal)
    code, out, _ = run(capsys, "show", "examples/ladders/engineering.yaml")
    assert code == 0
    whole = "5.5 (M3)  Director of Engineering (director) [management], entry role"
    assert whole in out
    monkeypatch.setenv("COLUMNS", "60")
    target = tmp_path / "tree.txt"
    assert run(capsys, "show", "examples/ladders/engineering.yaml", "-o", str(target))[0] == 0
    assert whole in target.read_text()


@pytest.mark.parametrize("columns", ["0", "-5", "wide"])
def test_a_columns_setting_that_is_no_width_is_ignored(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, columns: str
) -> None:
    monkeypatch.setenv("COLUMNS", columns)
    code, out, _ = run(capsys, "presets")
    assert code == 0
    assert "six-step" in out


def test_show_tree_leaves_a_line_long_where_wrapping_would_leave_no_room(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "30")
    code, out, _ = run(capsys, "show", "examples/ladders/engineering.yaml")
    assert code == 0
    # Twenty columns deep, ten are left: the line stays whole rather than a word a line.
    assert "                    └── 5.5 (M3)  Director of Engineering (director) " in out


def test_show_tree_of_a_chain_deeper_than_the_recursion_limit(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    rungs = sys.getrecursionlimit() + 10
    roles = "".join(
        f"  - {{id: r{i}, title: Rung {i}, level: {i}, promotes_to: [r{i + 1}]}}\n"
        for i in range(rungs - 1)
    )
    path = tmp_path / "chain.yaml"
    path.write_text(
        f"id: c\nname: C\nroles:\n{roles}  - {{id: r{rungs - 1}, title: Top, level: {rungs}}}\n"
    )
    code, out, _ = run(capsys, "show", str(path))
    assert code == 0
    lines = out.splitlines()
    assert len(lines) == rungs + 1
    assert lines[-1] == " " * 4 * (rungs - 1) + f"└── {rungs}  Top (r{rungs - 1})"


def test_show_tree_gives_the_thresholds_of_a_points_ladder(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "100")
    code, out, _ = run(capsys, "show", "examples/ladders/platform-points.yaml")
    assert code == 0
    assert "│   └── 2 (E2)  Engineer II (e2) [ic], from 6 points\n" in out


def test_show_tree_grows_no_wider_than_a_hundred_columns(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("COLUMNS", "300")
    long = "Senior Engineering Manager of Several Teams Across Regions and Products " * 2
    path = tmp_path / "wide.yaml"
    path.write_text(
        "careerladder: 1\nid: wide\nname: Wide\nignore: [no-expectations]\n"
        f"roles:\n  - {{id: a, title: {long.strip()}, level: 1}}\n"
    )
    code, out, _ = run(capsys, "show", str(path))
    assert code == 0
    assert max(len(line) for line in out.splitlines()) <= 100
