"""
Measure careerladder beside its peers, in one run, and print a table.

Usage: python benchmarks/run.py [--repeat N] [--smoke]

Every figure is the median of N runs in a fresh process (so imports and caches
start cold), with the spread (max - min) and the peak memory of the process.
Each figure stands beside the peer it is compared with, and each target is
checked as a ratio measured in the same run, so a noisy machine slows both
sides alike. --smoke runs everything once on tiny inputs, to keep the script
from rotting: it checks that every measurement runs, and judges no target, as
its figures mean nothing.
"""

from __future__ import annotations

import argparse
import compileall
import json
import shutil
import statistics
import subprocess
import sys
import textwrap
from pathlib import Path

HERE = Path(__file__).parent
ROOT = HERE.parent
PY = sys.executable

#: Runs a snippet in a fresh interpreter and prints {"seconds", "peak_mb"}.
_HARNESS = """
import json, resource, time
{setup}
start = time.perf_counter()
{work}
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.{who}).ru_maxrss / 1024
print(json.dumps({{"seconds": seconds, "peak_mb": peak}}))
"""


def measure(
    work: str, setup: str = "", repeat: int = 5, *, children: bool = False
) -> dict[str, float]:
    """Run *work* after *setup* in *repeat* fresh processes; median, spread and peak."""
    who = "RUSAGE_CHILDREN" if children else "RUSAGE_SELF"
    code = _HARNESS.format(setup=textwrap.dedent(setup), work=textwrap.dedent(work), who=who)
    runs = []
    for _ in range(repeat):
        out = subprocess.run(
            [PY, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
        ).stdout
        runs.append(json.loads(out.splitlines()[-1]))
    seconds = [r["seconds"] for r in runs]
    return {
        "median": statistics.median(seconds),
        "spread": max(seconds) - min(seconds),
        "peak_mb": max(r["peak_mb"] for r in runs),
    }


def command(argv: list[str], repeat: int) -> dict[str, float]:
    """Time a whole command, interpreter start included, with the command's peak memory."""
    work = f"subprocess.run({argv!r}, check=False, capture_output=True)"
    return measure(work, "import subprocess", repeat, children=True)


def commands(argvs: list[list[str]], repeat: int) -> list[dict[str, float]]:
    """Time several commands taking turns, so that a busy moment slows each alike."""
    runs = [[command(argv, 1) for argv in argvs] for _ in range(repeat)]
    found = []
    for i in range(len(argvs)):
        seconds = [run[i]["median"] for run in runs]
        found.append(
            {
                "median": statistics.median(seconds),
                "spread": max(seconds) - min(seconds),
                "peak_mb": max(run[i]["peak_mb"] for run in runs),
            }
        )
    return found


class Table:
    """Collects rows and targets and prints them."""

    def __init__(self, *, smoke: bool = False) -> None:
        """Start an empty table; a smoke run's table judges no target."""
        self.rows: list[tuple[str, dict[str, float]]] = []
        self.verdicts: list[str] = []
        self.smoke = smoke

    def add(self, name: str, figures: dict[str, float]) -> dict[str, float]:
        """Add a row; return its figures."""
        self.rows.append((name, figures))
        print(f"  measured: {name}", file=sys.stderr, flush=True)
        return figures

    def target(self, text: str, value: float, limit: float, unit: str = "x") -> None:
        """Check a figure against its target (not in a smoke run: tiny inputs prove nothing)."""
        if self.smoke:
            return
        verdict = "met   " if value <= limit else "MISSED"
        if unit == "x":
            shown, bound = f"{value:.2f}x", f"{limit:g}x"
        else:
            shown, bound = f"{value:.3g} {unit}", f"{limit:g} {unit}"
        self.verdicts.append(f"{verdict}  {text}: {shown} (target <= {bound})")

    def print(self) -> None:
        """Print the rows, then the verdicts."""
        width = max(len(name) for name, _ in self.rows)
        print(f"{'measurement':<{width}}  {'median':>10}  {'spread':>10}  {'peak MB':>8}")
        for name, f in self.rows:
            peak = f"{f['peak_mb']:8.0f}"
            print(f"{name:<{width}}  {_time(f['median']):>10}  {_time(f['spread']):>10}  {peak:>8}")
        print()
        if self.smoke:
            print(
                "smoke run: every measurement ran once on tiny inputs; no target is judged "
                "(run without --smoke for that)"
            )
        for verdict in self.verdicts:
            print(verdict)


def _time(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms" if seconds < 1 else f"{seconds:.2f} s"


def cold_start(table: Table, repeat: int, *, smoke: bool) -> None:
    """
    Cold start of a small validate, against the floor of its own stack.

    The command as installed (the console script), the two taking turns, more
    runs than elsewhere as each is short and a shared machine is noisy.
    """
    script = Path(PY).parent / "careerladder"
    validate = [str(script)] if script.exists() else [PY, "-m", "careerladder"]
    floor_figures, cold_figures = commands(
        [
            [PY, "-c", "import attrs, cattrs, yaml"],
            [*validate, "validate", "examples/ladders/acme.yaml"],
        ],
        1 if smoke else max(repeat, 5) * 4,
    )
    floor = table.add("python -c 'import attrs, cattrs, yaml'", floor_figures)
    cold = table.add("careerladder validate examples/ladders/acme.yaml", cold_figures)
    table.target("cold validate / import floor", cold["median"] / floor["median"], 1.3)


def main(argv: list[str] | None = None) -> int:
    """Generate inputs if needed, measure, and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=5, help="runs per figure (default: 5)")
    parser.add_argument(
        "--smoke",
        action="store_true",
        help="tiny inputs, one run each: checks that it runs, judges no target",
    )
    args = parser.parse_args(argv)
    repeat = 1 if args.smoke else args.repeat
    data = HERE / ("data-smoke" if args.smoke else "data")
    sizes = (
        {"roles": 200, "tracks": 20, "people": 200}
        if args.smoke
        else {"roles": 5_000, "tracks": 500, "people": 100_000}
    )
    if not (data / "people.csv").exists():
        subprocess.run(
            [
                PY,
                str(HERE / "generate.py"),
                "--out",
                str(data),
                *[f"--{k}={v}" for k, v in sizes.items()],
            ],
            check=True,
        )
    yaml_file, json_file = data / "benchmark.yaml", data / "benchmark.json"
    people = data / "people.csv"
    # An installed package has its bytecode compiled, like the libraries it is
    # measured against; an editable checkout may not (PYTHONDONTWRITEBYTECODE).
    import careerladder  # noqa: PLC0415 -- only to find it

    compileall.compile_dir(Path(careerladder.__file__).parent, quiet=1)
    table = Table(smoke=args.smoke)
    # The words match the inputs: a smoke run's are tiny.
    big = "tiny" if args.smoke else "large"

    cold_start(table, repeat, smoke=args.smoke)

    # 2. Load and validate the large file, against parsing alone.
    parse_yaml = table.add(
        f"yaml.load (CSafeLoader) of the {big} YAML",
        measure(
            f"yaml.load(open({str(yaml_file)!r}), Loader=yaml.CSafeLoader)", "import yaml", repeat
        ),
    )
    load_yaml = table.add(
        f"careerladder.load of the {big} YAML (every check)",
        measure(f"careerladder.load({str(yaml_file)!r})", "import careerladder", repeat),
    )
    table.target(
        "large YAML load / CSafeLoader parse", load_yaml["median"] / parse_yaml["median"], 1.3
    )
    # Peak memory per role: what the default limits are set from (docs/security.md).
    per_role = subprocess.run(
        [
            PY,
            "-c",
            (
                "import tracemalloc, careerladder\n"
                "tracemalloc.start()\n"
                f"ladder = careerladder.load({str(yaml_file)!r})\n"
                "print(tracemalloc.get_traced_memory()[1] / len(ladder))"
            ),
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    print(f"peak memory per role, loading the {big} YAML: {float(per_role):,.0f} bytes")
    parse_json = table.add(
        f"json.load of the {big} JSON",
        measure(f"json.load(open({str(json_file)!r}))", "import json", repeat),
    )
    load_json = table.add(
        f"careerladder.load of the {big} JSON (every check)",
        measure(f"careerladder.load({str(json_file)!r})", "import careerladder", repeat),
    )
    table.target("large JSON load / json.load", load_json["median"] / parse_json["median"], 3.0)

    # 3. What a user would run instead: check-jsonschema with the project's schema.
    checker = shutil.which("check-jsonschema", path=str(Path(PY).parent)) or shutil.which(
        "check-jsonschema"
    )
    if checker:
        schema = str(ROOT / "careerladder.schema.json")
        other = table.add(
            f"check-jsonschema of the {big} YAML (shape only)",
            command([checker, "--schemafile", schema, str(yaml_file)], min(repeat, 3)),
        )
        table.target(
            "large YAML load / check-jsonschema", load_yaml["median"] / other["median"], 1.0
        )
    else:
        table.verdicts.append(
            "skipped  check-jsonschema is not installed (pip install check-jsonschema)"
        )

    # 4. Queries on the large ladder, and readiness of a whole team.
    setup = f"""
        import careerladder
        ladder = careerladder.load({str(json_file)!r})
        first, last = ladder.roles[0].id, ladder.roles[9].id
        person = careerladder.Assessment(levels={{c.id: 3 for c in ladder.competencies}})
        list(ladder.paths(first, last))
        # The collector's first pass over the million objects just loaded comes due at
        # whatever allocates next; settled here, so that the figure is the query's own.
        import gc
        gc.collect()
    """
    for name, work in (
        (f"paths (every promotion path) on the {big} ladder", "list(ladder.paths(first, last))"),
        (f"gap between two roles of the {big} ladder", "ladder.gap(first, last)"),
        (f"next_steps on the {big} ladder", "ladder.next_steps(person, first)"),
    ):
        figure = table.add(name, measure(work, setup, repeat))
        table.target(name, figure["median"] * 1000, 50.0, "ms")
    batch = table.add(
        f"readiness of {sizes['people']:,} people x 50 competencies (CLI, to CSV)",
        command(
            [
                PY,
                "-m",
                "careerladder",
                "readiness",
                str(json_file),
                str(people),
                "--role",
                "t000-l05",
                "--out",
                str(data / "report.csv"),
                # A team file is streamed, in constant memory: it may pass the
                # default byte limit, which is set for ladder files.
                "--max-bytes",
                "1_000_000_000",
            ],
            repeat,
        ),
    )
    table.target("team readiness", batch["median"], 10.0, "s")

    # 5. Scaling: time grows linearly with the file.
    if not args.smoke:
        per_role = []
        for roles in (1_000, 5_000, 20_000):
            folder = HERE / f"data-{roles}"
            if not (folder / "benchmark.json").exists():
                subprocess.run(
                    [
                        PY,
                        str(HERE / "generate.py"),
                        "--out",
                        str(folder),
                        f"--roles={roles}",
                        f"--tracks={roles // 10}",
                        "--people=1",
                    ],
                    check=True,
                )
            figure = table.add(
                f"careerladder.load of {roles:,} roles (YAML)",
                measure(
                    f"careerladder.load({str(folder / 'benchmark.yaml')!r})",
                    "import careerladder",
                    min(repeat, 3),
                ),
            )
            per_role.append(figure["median"] / roles)
        table.target("time per role, 20,000 roles / 1,000 roles", per_role[-1] / per_role[0], 1.5)
    table.print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
