"""
The one way every output is written: whole or not at all.

The bytes go to a new file with a random name beside the target, created with
``O_EXCL`` (never an existing file or a link planted there), are flushed to
disk, and then replace the target in one rename. A link at the target is
replaced, never written through; two writers at once each write their own
file, and the last rename wins whole.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import IO, TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterator

#: The temporary name is short, so a target name up to the system's limit still fits.
_SUFFIX_BYTES = 8


def write_atomic(target: str | os.PathLike[str], data: bytes) -> None:
    """
    Write *data* to *target* whole or not at all, through a new file beside it.

    Raises:
        OSError: If the folder does not exist or cannot be written; no file
            is left behind.
    """
    with atomic_writer(target) as stream:
        stream.write(data)


@contextlib.contextmanager
def atomic_writer(target: str | os.PathLike[str]) -> Iterator[IO[bytes]]:
    """
    A binary stream whose bytes replace *target* when the block ends without an error.

    Raises:
        OSError: If the folder does not exist or cannot be written; no file
            is left behind.
    """
    path = Path(target)
    folder = path.parent
    if not folder.is_dir():
        msg = f"cannot write {os.fspath(target)}: the folder {os.fspath(folder)} does not exist"
        raise FileNotFoundError(msg)
    # Not tempfile.mkstemp: its files are private (0600). Created like any new
    # file (0666 less the umask), or with the mode of the file it replaces.
    temporary = folder / f".{os.urandom(_SUFFIX_BYTES // 2).hex()}.tmp"
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    handle = os.open(temporary, flags, 0o666)
    try:
        with os.fdopen(handle, "wb") as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        if path.is_file() and not path.is_symlink():
            temporary.chmod(path.stat().st_mode & 0o7777)
        temporary.replace(path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
