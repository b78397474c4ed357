"""``mcli-lint fmt``: one canonical layout for run files, keeping every comment and exactly the data mcli reads.

Data flows one way: bytes -> the project's loader (so unreadable input is reported as ``check`` reports it,
and bombs or binary are never laid out) -> the scanner's tokens, copied as written, with the gaps between
them rewritten (:mod:`mcli_lint.format.normalise`; keys in the schema's order only when asked) -> a
second pass must change nothing -> verified when anything changed (read back as mcli reads it, compared
with the input; comments compared) -> written atomically by the one writer. Anything that fails is refused.
"""

from __future__ import annotations

import dataclasses
import enum
import functools
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import BinaryIO

from mcli_lint.loader import Kind, Limits, LoadProblem, LoadResult, load_text
from mcli_lint.loader.source import decode

__all__ = [
    "FileOutcome",
    "FormatResult",
    "Item",
    "Screen",
    "Skip",
    "Status",
    "format_bytes",
    "format_many",
    "format_path",
    "format_stream",
    "format_text",
]

BOM = "\ufeff"


@dataclass(frozen=True)
class Skip:
    """A file that is not a run: left alone, with the note to print (None: none)."""

    note: str | None


# Decides from the file as loaded (the load fmt needs anyway) whether it is a run: None to format it.
Screen = Callable[[LoadResult], "Skip | None"]


@dataclass(frozen=True)
class FormatResult:
    """The text as read (BOM and line endings included) and what fmt makes of it."""

    original: str
    # None when the input has problems or fmt refuses it.
    formatted: str | None
    problems: tuple[LoadProblem, ...] = ()
    refusal: str | None = None

    @property
    def changed(self) -> bool:
        return self.formatted is not None and self.formatted != self.original


class Refused(Exception):
    """fmt cannot guarantee its promises for this input; the message says why."""


def _uses_crlf(text: str) -> bool:
    crlf = text.count("\r\n")
    return crlf > 0 and crlf >= text.count("\n") - crlf


def _laid_out(body: str, sort_keys: bool) -> str:
    """``body`` in fmt's layout (keys in the schema's order when ``sort_keys``)."""
    # Lazy: every import of a format module runs this one (suppression's scanner is one): the layout
    from mcli_lint.format import normalise

    # code (normalise, tokens, order, verify: 10-130 ms measured) loads only to format.
    from mcli_lint.format.tokens import ScanError

    try:
        out = normalise.normalise(body)
        if sort_keys:
            # Lazy: as normalise above, and only to sort keys.
            from mcli_lint.format import order

            out = normalise.normalise(order.sort_keys(out))
    except normalise.LayoutRefused as error:
        raise Refused(f"{error}; left unchanged") from error
    except ScanError as error:
        raise Refused(f"cannot scan it ({error}); left unchanged") from error
    return out


def _with_ends(text: str, body: str) -> str:
    """``body`` with the BOM and line endings of ``text``."""
    out = (BOM if text.startswith(BOM) else "") + body
    return out.replace("\n", "\r\n") if _uses_crlf(text) else out


# The layout and the comment checks are pure Python: fmt and --fix rewrite files up to this size,
# far above any run file, and leave larger ones alone, saying so.
MAX_FORMAT_CHARACTERS = 262_144
# YAML 1.1 line breaks other than LF: PyYAML counts lines by them, editors (and the output) do not.
_OTHER_BREAKS = ("\x85", "\u2028", "\u2029")


def format_text(
    text: str,
    limits: Limits | None = None,
    *,
    sort_keys: bool = False,
    verified: bool = True,
) -> FormatResult:
    """Format ``text`` (a file's bytes decoded as UTF-8, line endings and BOM as in the file).

    The author's key order is kept unless ``sort_keys`` (the schema's order). Without ``verified``
    (`fmt --check`, which writes and shows nothing), a changed layout is not read back: only a write
    needs that.
    """
    result = _format_text(text, limits, sort_keys=sort_keys, verified=verified, screen=None)
    assert isinstance(result, FormatResult)  # nothing skips without a screen
    return result


def _format_text(
    text: str,
    limits: Limits | None,
    *,
    sort_keys: bool,
    verified: bool,
    screen: Screen | None,
) -> FormatResult | Skip:
    """:func:`format_text`; with ``screen``, a file it says is not a run is skipped."""
    # Lazy: as normalise above (verify brings the loader and the rules: about 130 ms measured).
    from mcli_lint.format import verify

    limits = limits or Limits()
    normalized = text.replace("\r\n", "\n").replace("\r", "\n")
    loaded = load_text(normalized, limits)
    skip = screen(loaded) if screen is not None else None
    if skip is not None:
        return skip
    if loaded.problems:
        return FormatResult(text, None, tuple(loaded.problems))
    brk = next((c for c in _OTHER_BREAKS if c in normalized), None)
    if brk is not None:
        return FormatResult(
            text,
            None,
            refusal=f"contains U+{ord(brk):04X}, a line break to YAML 1.1 but not to editors,"
            " so comments cannot be kept in place; left unchanged",
        )
    if len(normalized) > MAX_FORMAT_CHARACTERS:
        return FormatResult(
            text, None, refusal=f"is over {MAX_FORMAT_CHARACTERS} characters, more than fmt rewrites; left unchanged"
        )
    assert loaded.document is not None
    body = normalized.removeprefix(BOM)
    try:
        laid_out = _laid_out(body, sort_keys)
    except Refused as error:
        return FormatResult(text, None, refusal=str(error))
    out = _with_ends(text, laid_out)
    if out == text or not verified:
        return FormatResult(text, out)  # nothing changes, or nothing is written: nothing to verify
    problem = verify.check(loaded.document.data, body, out.encode("utf-8"), limits, moved=sort_keys)
    if problem is None and _laid_out(laid_out, sort_keys) != laid_out:
        problem = "its layout would not settle in one pass (please report this file)"
    if problem is not None:
        return FormatResult(text, None, refusal=f"{problem}; left unchanged")
    return FormatResult(text, out)


def format_bytes(
    data: bytes,
    limits: Limits | None = None,
    *,
    sort_keys: bool = False,
    verified: bool = True,
) -> FormatResult:
    """Format a file's bytes; undecodable input is reported with the loader's own problem (MCL005)."""
    result = _format_bytes(data, limits, sort_keys=sort_keys, verified=verified, screen=None)
    assert isinstance(result, FormatResult)  # nothing skips without a screen
    return result


def _format_bytes(
    data: bytes, limits: Limits | None, *, sort_keys: bool, verified: bool, screen: Screen | None
) -> FormatResult | Skip:
    limits = limits or Limits()
    source = decode(data, limits)
    if isinstance(source, LoadProblem):
        skip = screen(LoadResult(None, None, [source])) if screen is not None else None
        return skip if skip is not None else FormatResult(data.decode("utf-8", "replace"), None, (source,))
    return _format_text(data.decode("utf-8"), limits, sort_keys=sort_keys, verified=verified, screen=screen)


class Status(enum.Enum):
    UNCHANGED = "unchanged"  # already in the canonical layout
    REFORMATTED = "reformatted"  # rewritten (or, without writing, would be)
    PROBLEMS = "problems"  # unreadable input (MCL0xx), left alone
    REFUSED = "refused"  # fmt cannot keep its promises here, or could not write; left alone
    SKIPPED = "skipped"  # not a run file; left alone (message: why, for a file named on the command line)


@dataclass(frozen=True)
class FileOutcome:
    path: str
    status: Status
    original: str = ""
    formatted: str = ""
    problems: tuple[LoadProblem, ...] = ()
    message: str | None = None
    # The bytes read, for standard input: what is passed through when it cannot be formatted.
    data: bytes = b""


def outcome(path: str, result: FormatResult | Skip) -> FileOutcome:
    if isinstance(result, Skip):
        return FileOutcome(path, Status.SKIPPED, message=result.note)
    if result.problems:
        return FileOutcome(path, Status.PROBLEMS, result.original, problems=result.problems)
    if result.refusal is not None or result.formatted is None:
        return FileOutcome(path, Status.REFUSED, result.original, message=result.refusal)
    status = Status.REFORMATTED if result.changed else Status.UNCHANGED
    return FileOutcome(path, status, result.original, result.formatted)


def format_path(
    path: str,
    limits: Limits | None = None,
    write: bool = True,
    before_rename: Callable[[], None] | None = None,
    *,
    sort_keys: bool = False,
    verified: bool = True,
    tree: str | None = None,
    screen: Screen | None = None,
) -> FileOutcome:
    """Format one file, rewriting it in place when ``write`` and it is not already formatted (and,
    when it was found in the directory ``tree``, really lies in it); with ``screen``, only a run."""
    # Lazy: the writer (about 170 ms measured) only for files on disk.
    from mcli_lint.edit import writer

    limits = limits or Limits()
    snapshot = writer.read(path, limits)
    if isinstance(snapshot, LoadProblem):
        skip = screen(LoadResult(None, None, [snapshot])) if screen is not None else None
        return outcome(path, skip) if skip is not None else FileOutcome(path, Status.PROBLEMS, problems=(snapshot,))
    result = _format_bytes(snapshot.data, limits, sort_keys=sort_keys, verified=verified or write, screen=screen)
    done = outcome(path, result)
    if write and done.status is Status.REFORMATTED:
        error = writer.replace(snapshot, done.formatted.encode("utf-8"), before_rename, tree)
        if error is not None:
            return FileOutcome(path, Status.REFUSED, done.original, message=error)
    return done


# A file to format: its path, the directory given it was found in (or None), and how to tell whether
# it is a run (None: it is one). The screen runs in the worker, on the load fmt needs anyway.
Item = tuple[str, "str | None", "Screen | None"]


def _format_one(item: Item, limits: Limits, write: bool, sort_keys: bool, texts: bool) -> FileOutcome:
    path, tree, screen = item
    done = format_path(path, limits, write, sort_keys=sort_keys, verified=texts, tree=tree, screen=screen)
    return done if texts else dataclasses.replace(done, original="", formatted="")


def format_many(
    files: list[Item], limits: Limits, write: bool, *, sort_keys: bool = False, texts: bool = True
) -> Iterator[FileOutcome]:
    """Each file's outcome (``files``: see :data:`Item`), in the order given, across worker processes
    as ``check`` lints; without ``texts``, the outcomes leave out the file's text (only a diff needs it)."""
    # Lazy: the worker pool (about 130 ms measured) only for many files.
    from mcli_lint.engine.batch import each

    job = functools.partial(_format_one, limits=limits, write=write, sort_keys=sort_keys, texts=texts)
    return each(job, files)


def format_stream(stream: BinaryIO, name: str, limits: Limits | None = None, *, sort_keys: bool = False) -> FileOutcome:
    """Format standard input (nothing is written: the caller prints the result)."""
    limits = limits or Limits()
    try:
        data = stream.read(limits.max_file_size + 1)
    except OSError as error:
        return FileOutcome(
            name,
            Status.PROBLEMS,
            problems=(LoadProblem(Kind.CANNOT_READ, facts={"reason": str(error.strerror or error)}),),
        )
    return dataclasses.replace(outcome(name, format_bytes(data, limits, sort_keys=sort_keys)), data=data)
