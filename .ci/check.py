"""
Run every check the project holds itself to, and report them all.

Usage: python .ci/check.py  (from anywhere; it runs from the repository root)
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable

SPHINX = [PY, "-m", "sphinx", "-n", "-W", "--keep-going", "-q"]
STEPS = [
    ("tests and coverage", [PY, "-m", "pytest", "--cov", "--cov-report=term-missing"]),
    ("ruff check", [PY, "-m", "ruff", "check", "."]),
    ("ruff format", [PY, "-m", "ruff", "format", "--check", "."]),
    ("mypy", [PY, "-m", "mypy"]),
    ("benchmark smoke run", [PY, "benchmarks/run.py", "--smoke"]),
    # The sdist and the wheel, the wheel alone in a fresh environment, the README's command.
    ("package", [PY, ".ci/package.py"]),
    # Warnings are errors (-W), and every reference must resolve (-n).
    *(
        (f"docs {builder}", [*SPHINX, "-b", builder, "docs", f"docs/_build/{builder}"])
        for builder in ("doctest", "html")
    ),
]


def main() -> int:
    """Run each step, then print a summary; exit 1 if any step failed."""
    env = {**os.environ, "HYPOTHESIS_PROFILE": os.environ.get("HYPOTHESIS_PROFILE", "ci")}
    results = []
    for name, command in STEPS:
        print(f"\n=== {name}: {' '.join(command[2:])}", flush=True)
        start = time.monotonic()
        code = subprocess.run(command, cwd=ROOT, env=env, check=False).returncode
        results.append((name, code, time.monotonic() - start))
    print("\n=== summary")
    for name, code, seconds in results:
        print(f"{'ok  ' if code == 0 else 'FAIL'}  {name} ({seconds:.0f} s)")
    return 0 if all(code == 0 for _, code, _ in results) else 1


if __name__ == "__main__":
    sys.exit(main())
