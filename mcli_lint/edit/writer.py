"""Reading a file to rewrite it, and replacing it safely: atomically, keeping its mode, owner, ACLs and
extended attributes, through symlinks inside the tree given (never out of it), never over a read-only
file or an edit made meanwhile, never half-written."""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from collections.abc import Callable
from dataclasses import dataclass

from mcli_lint.loader import Kind, Limits, LoadProblem
from mcli_lint.loader.source import read_path
from mcli_lint.rules import describe
from mcli_lint.text import escape

__all__ = ["Snapshot", "create_or_replace", "read", "replace"]

TEMP_SUFFIX = ".mcli-fmt"
# The temporary file is ".NAME.XXXXXXXX.mcli-fmt" when that fits the file system's longest name,
# else ".mcli-lint.XXXXXXXX.mcli-fmt": a file with the longest allowed name is written too.
_TEMP_EXTRA = len(".") + len(".XXXXXXXX") + len(TEMP_SUFFIX)
_SHORT_PREFIX = ".mcli-lint."


@dataclass(frozen=True)
class Snapshot:
    """A file's bytes and status as they were read; ``target`` is the real file behind any symlink."""

    target: str
    data: bytes
    info: os.stat_result


def read(path: str, limits: Limits) -> Snapshot | LoadProblem:
    """The file's bytes and status; anything ``check`` could not read is its problem, word for word."""
    target = os.path.realpath(path)
    try:
        fd = os.open(target, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    except OSError:
        return _problem(path, limits)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            return _problem(path, limits)
        with os.fdopen(fd, "rb", closefd=False) as stream:
            data = stream.read(limits.max_file_size + 1)
    except OSError:
        return _problem(path, limits)
    finally:
        os.close(fd)
    return Snapshot(target, data, info)


def _problem(path: str, limits: Limits) -> LoadProblem:
    found = read_path(path, limits)
    return found if isinstance(found, LoadProblem) else LoadProblem(Kind.CANNOT_READ)


def _changed_since(snapshot: Snapshot) -> bool:
    """Whether the file is no longer what was read: another inode (an editor's atomic save), other bytes."""
    try:
        now = os.stat(snapshot.target)
        with open(snapshot.target, "rb") as stream:
            data = stream.read(len(snapshot.data) + 1)
    except OSError:
        return True
    before = snapshot.info
    same = (now.st_dev, now.st_ino, now.st_size, now.st_mtime_ns) == (
        before.st_dev,
        before.st_ino,
        before.st_size,
        before.st_mtime_ns,
    )
    return not same or data != snapshot.data


def outside(target: str, tree: str | None) -> bool:
    """Whether the real file ``target`` lies outside the directory ``tree`` (None: a file named itself)."""
    if tree is None:
        return False
    root = os.path.realpath(tree)
    return os.path.commonpath([root, target]) != root


def replace(
    snapshot: Snapshot,
    data: bytes,
    before_rename: Callable[[], None] | None = None,
    tree: str | None = None,
) -> str | None:
    """Put ``data`` in place of the file read as ``snapshot``; None when done, else why it was left alone.

    The new bytes go to a temporary file in the same directory, given the old file's owner, mode,
    ACLs and extended attributes and flushed to disk, which is then renamed over the old one:
    readers see the old file or the new one, never a mix, and a failed write (disk full, file-size
    limit) leaves the old one as it was. A file found in the directory ``tree`` is written only if
    it is really there: a symlink out of the tree is left alone. ``before_rename`` runs just before
    the last check for a concurrent edit (the tests edit there).
    """
    if outside(snapshot.target, tree):
        assert tree is not None
        return f"is a symlink to {escape(snapshot.target)}, outside {escape(tree)}; left unchanged"
    mode = stat.S_IMODE(snapshot.info.st_mode)
    # Root may write anything and a rename ignores the file's own bits: check the bits themselves.
    if not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
        return "is read-only (no write permission bit); left unchanged"
    if not os.access(snapshot.target, os.W_OK):
        return "permission denied; left unchanged"
    directory, name = os.path.split(snapshot.target)
    try:
        fd, temp = tempfile.mkstemp(prefix=_temp_prefix(directory, name), suffix=TEMP_SUFFIX, dir=directory)
    except OSError as error:
        return f"cannot create a file in {directory or '.'}: {error.strerror or error}; left unchanged"
    pending: str | None = temp
    try:
        try:
            with os.fdopen(fd, "wb") as stream:
                stream.write(data)
                stream.flush()
                with contextlib.suppress(PermissionError):  # only root may keep another user's ownership
                    os.fchown(stream.fileno(), snapshot.info.st_uid, snapshot.info.st_gid)
                os.fchmod(stream.fileno(), mode)  # after chown, which may clear set-id bits
                kept = _copy_attributes(snapshot.target, stream.fileno())
                if kept is not None:
                    return f"{kept}; left unchanged"
                os.fsync(stream.fileno())
        except OSError as error:
            return f"cannot write: {error.strerror or error}; left unchanged"
        if before_rename is not None:
            before_rename()
        if _changed_since(snapshot):
            return "changed on disk while being formatted; left as it is now"
        os.replace(temp, snapshot.target)
        pending = None
    finally:
        if pending is not None:
            with contextlib.suppress(OSError):
                os.unlink(pending)
    _sync(directory)
    return None


def _temp_prefix(directory: str, name: str) -> str:
    try:
        longest = os.pathconf(directory or ".", "PC_NAME_MAX")
    except (OSError, ValueError):
        longest = 255
    return f".{name}." if len(os.fsencode(name)) + _TEMP_EXTRA <= longest else _SHORT_PREFIX


# Extended attributes a file system may refuse to copy without any loss: the security label is
# given by policy to the new file, as to the old.
_GIVEN_BY_POLICY = frozenset({"security.selinux"})


def _copy_attributes(source: str, fd: int) -> str | None:
    """Copy the extended attributes (POSIX ACLs among them: ``system.posix_acl_access``) of
    ``source`` to the open file ``fd``; None when done, else why they cannot be kept."""
    if not hasattr(os, "listxattr"):  # no extended attributes on this platform
        return None
    try:
        names = os.listxattr(source)
    except OSError as error:
        if error.errno in (errno.ENOTSUP, errno.ENOSYS):
            return None
        return f"cannot read its extended attributes: {error.strerror or error}"
    for name in names:
        try:
            os.setxattr(fd, name, os.getxattr(source, name))
        except OSError as error:
            if name in _GIVEN_BY_POLICY:
                continue
            return f"cannot keep its extended attribute {escape(name)}: {error.strerror or error}"
    return None


def _sync(directory: str) -> None:
    """Make the rename itself durable (best effort: not every platform lets a directory be opened)."""
    try:
        fd = os.open(directory or ".", os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def create_or_replace(path: str, data: bytes, limits: Limits) -> str | None:
    """Make ``data`` the content of ``path``, a file that may not exist yet; None when done, else why not.

    An existing file is replaced as ``replace`` does. A new one is written to a temporary file in
    its directory, given the mode a new file gets (0o666 less the umask), and renamed into place:
    whatever fails, there is never a half-written file at ``path``.
    """
    if os.path.lexists(path):
        snapshot = read(path, limits)
        if isinstance(snapshot, LoadProblem):
            return f"cannot replace it: {describe(snapshot).message}"
        return replace(snapshot, data)
    directory, name = os.path.split(os.path.abspath(path))
    try:
        fd, temp = tempfile.mkstemp(prefix=_temp_prefix(directory, name), suffix=TEMP_SUFFIX, dir=directory)
    except OSError as error:
        return f"cannot create a file in {directory}: {error.strerror or error}"
    pending: str | None = temp
    try:
        try:
            with os.fdopen(fd, "wb") as stream:
                stream.write(data)
                stream.flush()
                os.fsync(stream.fileno())
                os.fchmod(stream.fileno(), 0o666 & ~_umask())
            os.replace(temp, path)
            pending = None
        except OSError as error:
            return f"cannot write: {error.strerror or error}"
    finally:
        if pending is not None:
            with contextlib.suppress(OSError):
                os.unlink(pending)
    _sync(directory)
    return None


def _umask() -> int:
    mask = os.umask(0o022)  # there is no way to read the umask but to set it
    os.umask(mask)
    return mask
