"""
From a file to text: at most the bytes the limits allow, decoded as UTF-8.

A validator reads files anyone can put in a pull request, so a read is bounded
whatever the file is: a size reported as 0 (devices, pipes, stdin) proves
nothing, and a device or FIFO is refused before a byte is read.
"""

from __future__ import annotations

import codecs
import errno
import io
import os
import stat
import sys
from pathlib import Path
from typing import Any, BinaryIO

from .._limits import DEFAULT_LIMITS, Limits
from .._problems import fail

#: The name that means standard input.
STDIN = "-"


class NotAFileError(OSError):
    """The path names a device, a FIFO, a socket or a folder, not a file."""


def too_large(size: int | str, limits: Limits) -> str:
    """Say that a document of *size* bytes is over the limit."""
    shown = f"{size:,}" if isinstance(size, int) else size
    return (
        f"the document is {shown} bytes, more than the limit of {limits.max_bytes:,} "
        "(Limits.max_bytes, --max-bytes)"
    )


def read_bytes(name: str, limits: Limits = DEFAULT_LIMITS) -> bytes:
    """
    Read at most ``limits.max_bytes`` bytes of a regular file, or of stdin for ``-``.

    Raises:
        LadderError: If there are more bytes than the limit allows.
        NotAFileError: If *name* is a device, FIFO, socket or folder.
        OSError: If the file cannot be read.
    """
    if name == STDIN:
        stream = getattr(sys.stdin, "buffer", None)
        if stream is None:  # a text stream put in its place, as tests and notebooks do
            data = sys.stdin.read(limits.max_bytes + 1).encode("utf-8", "surrogatepass")
        else:
            data = _read_chunks(stream, limits.max_bytes + 1)
    else:
        with _open_file(name) as stream:
            # One buffer of the file's size, not of the limit; a file that
            # grows while it is read is read on, up to the limit.
            size = os.fstat(stream.fileno()).st_size
            data = stream.read(min(size, limits.max_bytes) + 1)
            if len(data) > size:
                data += _read_chunks(stream, limits.max_bytes + 1 - len(data))
    if len(data) > limits.max_bytes:
        raise _over(name, len(data), limits)
    return data


def _read_chunks(stream: BinaryIO, most: int) -> bytes:
    """Read up to *most* bytes in chunks: a pipe's size is not known, and *most* may be large."""
    chunks = []
    while most > 0 and (chunk := stream.read(min(most, 1 << 20))):
        chunks.append(chunk)
        most -= len(chunk)
    return b"".join(chunks)


def _open_file(name: str) -> BinaryIO:
    """Open a regular file for reading; refuse anything else before reading a byte."""
    # O_NONBLOCK: opening a FIFO must not wait for a writer that never comes.
    handle = os.open(name, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    mode = os.fstat(handle).st_mode
    if not stat.S_ISREG(mode):
        os.close(handle)
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(errno.EISDIR, "Is a directory", name)
        raise NotAFileError(
            errno.EINVAL,
            "it is a device, FIFO or socket, not a file; give a file, or '-' for stdin",
            name,
        )
    return os.fdopen(handle, "rb")


def _over(name: str, read: int, limits: Limits) -> Exception:
    message = too_large(_size(name, read), limits)
    return fail("too-large", message, file=name, line=1, column=1)


class _Bounded(io.RawIOBase):
    """A file read as a stream, which fails once it has given more than the limit."""

    def __init__(self, raw: BinaryIO, name: str, limits: Limits) -> None:
        super().__init__()
        self.raw = raw
        self.name_ = name
        self.limits = limits
        self.seen = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:  # noqa: ANN401 -- a writable buffer
        count = self.raw.readinto(buffer)  # type: ignore[attr-defined]
        self.seen += count
        if self.seen > self.limits.max_bytes:
            raise _over(self.name_, self.seen, self.limits)
        return int(count)

    def close(self) -> None:
        self.raw.close()
        super().close()


def open_bounded(name: str, limits: Limits = DEFAULT_LIMITS) -> BinaryIO:
    """
    Open a regular file as a stream that gives at most ``limits.max_bytes`` bytes.

    For readers that stream a file too large to hold: reading past the limit
    raises the same located ``too-large`` problem `read_bytes` gives.

    Raises:
        NotAFileError: If *name* is a device, FIFO, socket or folder.
        OSError: If the file cannot be opened.
    """
    return io.BufferedReader(_Bounded(_open_file(name), name, limits), 1 << 16)


def _size(name: str, read: int) -> int | str:
    """The size of a file over the limit, as far as it can be told without reading it."""
    try:
        return Path(name).stat().st_size if name != STDIN else f"more than {read - 1:,}"
    except OSError:  # pragma: no cover - the file was read a moment ago
        return f"more than {read - 1:,}"


def decode(data: bytes, name: str | None) -> str:
    """
    Decode *data* as UTF-8 (a byte-order mark is allowed).

    Raises:
        LadderError: If it is not UTF-8, saying where the first bad byte is.
    """
    # Not the utf-8-sig codec: its module is one more to load on every start.
    bom = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
    try:
        return str(memoryview(data)[bom:], "utf-8")
    except UnicodeDecodeError as error:
        raise not_utf8(data, bom + error.start, name) from None


def not_utf8(data: bytes, offset: int, name: str | None) -> Exception:
    """Say where the first byte that is not UTF-8 is."""
    start = data.rfind(b"\n", 0, offset) + 1
    return fail(
        "not-utf8",
        f"the file is not UTF-8: byte 0x{data[offset]:02x} at offset {offset} cannot be "
        "decoded; save the file as UTF-8",
        file=name,
        line=data.count(b"\n", 0, offset) + 1,
        column=offset - start + 1,
    )


def not_utf8_file(name: str) -> Exception:
    """
    Say where the first byte of a file that is not UTF-8 is.

    For readers that stream a file: it is read again in chunks, so this works
    for a file of any size; it is called only once decoding has failed.
    """
    decoder = codecs.getincrementaldecoder("utf-8")()
    line, start_of_line, offset = 1, 0, 0
    with open(name, "rb") as stream:  # noqa: PTH123 -- a name as the user gave it
        while chunk := stream.read(1 << 20):
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError as error:
                bad = max(error.start - len(decoder.getstate()[0]), 0)
                before = chunk[:bad]
                last = before.rfind(b"\n")
                start_of_line = offset + last + 1 if last >= 0 else start_of_line
                return fail(
                    "not-utf8",
                    f"the file is not UTF-8: byte 0x{chunk[bad]:02x} at offset {offset + bad} "
                    "cannot be decoded; save the file as UTF-8",
                    file=name,
                    line=line + before.count(b"\n"),
                    column=offset + bad - start_of_line + 1,
                )
            line += chunk.count(b"\n")
            last = chunk.rfind(b"\n")
            start_of_line = offset + last + 1 if last >= 0 else start_of_line
            offset += len(chunk)
    msg = f"{name} decodes as UTF-8"  # pragma: no cover - called only after a failure
    raise AssertionError(msg)  # pragma: no cover


def first_surrogate(text: str) -> int | None:
    r"""
    Where *text* holds half of a surrogate pair, which no UTF-8 output can carry.

    A file decoded as UTF-8 never does; a ``str`` given by a program, or a JSON
    escape such as ``"\ud800"``, may.

    Example:
        >>> first_surrogate("ok"), first_surrogate("a\ud800b")
        (None, 1)
    """
    if text.isascii():
        return None
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as error:
        return error.start
    return None
