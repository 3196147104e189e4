"""
Build the sdist and the wheel; run the README's first command on the wheel alone.

The wheel is installed by itself (with its dependencies, not the checkout) into a
fresh virtual environment.

Usage: python .ci/package.py  (from anywhere; it needs the dev extra's ``build``)

The wheel is built from the sdist, as an installer building from an sdist would,
and the command runs in the unpacked sdist: a file missing from either fails here.
"""

from __future__ import annotations

import subprocess
import sys
import tarfile
import tempfile
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: The README's first command, less its install step: run in the unpacked sdist.
README_COMMAND = "careerladder validate examples/ladders/* && careerladder show six-step"


def run(*command: str | Path, cwd: Path = ROOT) -> None:
    """Run *command*, echoing it; a failure stops the script."""
    print("$", *command, flush=True)
    subprocess.run([str(part) for part in command], cwd=cwd, check=True)


def main() -> int:
    """Build, install into a fresh venv, run the README's command; 0 when all worked."""
    with tempfile.TemporaryDirectory(prefix="careerladder-package-") as folder:
        work = Path(folder)
        dist = work / "dist"
        run(sys.executable, "-m", "build", "--outdir", dist, ROOT)
        (sdist,) = dist.glob("careerladder-*.tar.gz")
        (wheel,) = dist.glob("careerladder-*.whl")
        with tarfile.open(sdist) as archive:
            archive.extractall(work / "sdist", filter="data")
        (unpacked,) = (work / "sdist").iterdir()

        venv.create(work / "venv", with_pip=True)
        bin_ = work / "venv" / "bin"
        run(bin_ / "python", "-m", "pip", "install", "--quiet", wheel)
        # The shell expands the glob as the README's reader's shell does.
        run("bash", "-c", f'PATH="{bin_}:$PATH"; {README_COMMAND}', cwd=unpacked)
    return 0


if __name__ == "__main__":
    sys.exit(main())
