"""Reading a file's bytes and decoding them the way mcli does (UTF-8 text, universal newlines)."""

from __future__ import annotations

import codecs
import errno
import os
import stat
from dataclasses import dataclass
from typing import BinaryIO

from mcli_lint.loader.limits import Limits
from mcli_lint.loader.problems import Kind, LoadProblem, point, position_of_offset


@dataclass(frozen=True)
class Source:
    """Decoded text as mcli's ``open(path, encoding='utf8')`` would return it."""

    text: str


def _too_large(size: int, limits: Limits) -> LoadProblem:
    return LoadProblem(Kind.TOO_LARGE, facts={"size": size, "limit": limits.max_file_size})


def read_path(path: str, limits: Limits) -> Source | LoadProblem:
    """Read a file without ever blocking on a FIFO or device, refusing anything but regular files."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    except FileNotFoundError:
        return LoadProblem(Kind.NO_SUCH_FILE)
    except IsADirectoryError:
        return LoadProblem(Kind.IS_DIRECTORY)
    except PermissionError:
        return LoadProblem(Kind.PERMISSION_DENIED)
    except OSError as error:
        if error.errno == errno.ENXIO:  # a socket or a FIFO with no writer on some systems
            return LoadProblem(Kind.NOT_REGULAR)
        return LoadProblem(Kind.CANNOT_OPEN, facts={"reason": str(error.strerror or error)})
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            return LoadProblem(Kind.IS_DIRECTORY)
        if not stat.S_ISREG(info.st_mode):
            kind = "a FIFO" if stat.S_ISFIFO(info.st_mode) else "a device or socket"
            return LoadProblem(Kind.NOT_REGULAR, facts={"what": kind})
        if info.st_size > limits.max_file_size:
            return _too_large(info.st_size, limits)
        return decode(_read_fd(fd, info.st_size, limits), limits)
    except OSError as error:
        return LoadProblem(Kind.CANNOT_READ, facts={"reason": str(error.strerror or error)})
    finally:
        os.close(fd)


def _read_fd(fd: int, size: int, limits: Limits) -> bytes:
    """Up to one byte past the limit, straight from the descriptor, to the end of the file (which
    may have grown since it was measured)."""
    wanted = limits.max_file_size + 1
    chunks: list[bytes] = []
    total = 0
    request = min(size + 1, wanted)
    while total < wanted:
        chunk = os.read(fd, request)
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
        request = wanted - total
    return b"".join(chunks)


def read_stream(stream: BinaryIO, limits: Limits) -> Source | LoadProblem:
    try:
        return decode(_read_bounded(stream, limits), limits)
    except OSError as error:
        return LoadProblem(Kind.CANNOT_READ, facts={"reason": str(error.strerror or error)})


def _read_bounded(stream: BinaryIO, limits: Limits) -> bytes:
    return stream.read(limits.max_file_size + 1)


def decode(data: bytes, limits: Limits) -> Source | LoadProblem:
    if len(data) > limits.max_file_size:
        return _too_large(len(data), limits)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return LoadProblem(Kind.UTF16)
    nul = data.find(b"\x00")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        prefix = _as_read(data[: error.start].decode("utf-8", "replace"))
        where = point(position_of_offset(prefix, len(prefix)))
        if nul != -1 and nul < error.start:
            return _nul_problem(data, nul)
        return LoadProblem(Kind.NOT_UTF8, where, {"byte": data[error.start]})
    if nul != -1:
        return _nul_problem(data, nul)
    # Python's text mode, which mcli reads through, turns CRLF and lone CR into LF.
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return Source(text)


def _as_read(prefix: str) -> str:
    """Text before a problem, its lines ended as mcli's text mode ends them (CRLF, lone CR, LF)."""
    return prefix.replace("\r\n", "\n").replace("\r", "\n") if "\r" in prefix else prefix


def _nul_problem(data: bytes, offset: int) -> LoadProblem:
    prefix = _as_read(data[:offset].decode("utf-8", "replace"))
    return LoadProblem(Kind.NUL_BYTE, point(position_of_offset(prefix, len(prefix))))
