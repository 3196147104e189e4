"""
Write the hashes of every eight-word run of the source documents.

The preset tests check that no eight consecutive words of a source appear in a
preset, without the sources themselves: only these hashes are kept.

Usage: python tests/data/make_source_hashes.py [SOURCES_FOLDER]
(default: ../shared/sources beside the repository)
"""

from __future__ import annotations

import hashlib
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterator

RUN = 8
HERE = Path(__file__).parent
TARGET = HERE / "source-runs.txt"
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z0-9]+)*")


def words(text: str) -> list[str]:
    """Lowercase words, with curly apostrophes made straight."""
    return _WORD.findall(text.lower().replace("\u2019", "'"))


def runs(text: str) -> Iterator[str]:
    """Hash every run of RUN consecutive words of *text*."""
    found = words(text)
    for start in range(len(found) - RUN + 1):
        run = " ".join(found[start : start + RUN])
        yield hashlib.blake2b(run.encode(), digest_size=8).hexdigest()


def main() -> None:
    """Hash the runs of every source document into TARGET."""
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE.parents[2] / "shared" / "sources"
    hashes = {h for path in sorted(folder.glob("*.txt")) for h in runs(path.read_text())}
    TARGET.write_text("".join(f"{h}\n" for h in sorted(hashes)))
    print(f"{len(hashes)} runs from {folder} written to {TARGET}")  # noqa: T201


if __name__ == "__main__":
    main()
