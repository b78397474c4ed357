"""``mcli-lint fmt``: one canonical layout for run files, keeping every comment and exactly the data mcli reads.

Data flows one way: bytes -> the project's loader (so unreadable input is reported as ``check`` reports it,
and bombs or binary never reach the round-trip library) -> comments collected -> round-trip tree ->
layout -> emitted text -> comments put back -> verified (read back as mcli reads it, compared with the
input; comments compared) -> written atomically. Anything that fails the verification is refused.
"""

from __future__ import annotations

import dataclasses
import enum
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, BinaryIO

from mcli_lint.loader import Kind, Limits, LoadProblem, load_text
from mcli_lint.loader.source import decode

__all__ = [
    "FileOutcome",
    "FormatResult",
    "Status",
    "Transform",
    "format_bytes",
    "format_path",
    "format_stream",
    "format_text",
]

BOM = "\ufeff"


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


# A change made to the round-trip tree before the layout (the --fix fixes). It returns how comment homes
# move (a function of mcli_lint.format.comments.Home) and the data the result must read back as.
Transform = Callable[[Any], tuple[Callable[[Any], Any], Any]]


def _uses_crlf(text: str) -> bool:
    crlf = text.count("\r\n")
    return crlf > 0 and crlf >= text.count("\n") - crlf


def _tidy(text: str) -> str:
    """No trailing whitespace, exactly one final newline."""
    lines = [line.rstrip() for line in text.split("\n")]
    while lines and lines[-1] == "":
        lines.pop()
    return "\n".join(lines) + "\n"


def _layouts(body: str, transform: Transform | None) -> tuple[list[str], Any]:
    """Candidate outputs for ``body`` (BOM and CR removed), best first, and the data they must read as."""
    from mcli_lint.format import comments, layout, roundtrip

    source = comments.scan(body)
    if source.directives:
        raise Refused("has a %YAML or %TAG directive, which fmt leaves alone")
    attachments = comments.attach(source)
    try:
        tree = roundtrip.load(body)
        expected = None
        if transform is not None:
            rename, expected = transform(tree)
            attachments = attachments.moved(rename)
        layout.arrange(tree, comments.flow_holding_comments(source))
        placed = comments.insert(roundtrip.dump(tree), attachments)
    except roundtrip.RoundTripError as error:
        raise Refused(f"{error}; left unchanged") from error
    except comments.CommentError as error:
        raise Refused(f"cannot keep every comment in place ({error}); left unchanged") from error
    # Stripping can only matter inside a block scalar kept with `|+`; the untidy text is the fallback.
    return [_tidy(placed), placed], expected


def format_text(text: str, limits: Limits | None = None, transform: Transform | None = None) -> FormatResult:
    """Format ``text`` (a file's bytes decoded as UTF-8, line endings and BOM as in the file)."""
    from mcli_lint.format import verify

    limits = limits or Limits()
    normalized = text.replace("\r\n", "\n").replace("\r", "\n")
    loaded = load_text(normalized, limits)
    if loaded.problems:
        return FormatResult(text, None, tuple(loaded.problems))
    assert loaded.document is not None
    bom = normalized.startswith(BOM)
    body = normalized.removeprefix(BOM)
    try:
        candidates, expected = _layouts(body, transform)
    except Refused as error:
        return FormatResult(text, None, refusal=str(error))
    wanted = loaded.document.data if transform is None else expected
    problem = None
    for candidate in candidates:
        out = (BOM if bom else "") + candidate
        if _uses_crlf(text):
            out = out.replace("\n", "\r\n")
        problem = verify.check(wanted, body, out.encode("utf-8"), limits)
        if problem is None:
            return FormatResult(text, out)
    return FormatResult(text, None, refusal=f"{problem}; left unchanged")


def format_bytes(data: bytes, limits: Limits | None = None, transform: Transform | None = None) -> FormatResult:
    """Format a file's bytes; undecodable input is reported with the loader's own problem (MCL005)."""
    limits = limits or Limits()
    source = decode(data, limits)
    if isinstance(source, LoadProblem):
        return FormatResult(data.decode("utf-8", "replace"), None, (source,))
    return format_text(data.decode("utf-8"), limits, transform)


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


def outcome(path: str, result: FormatResult) -> FileOutcome:
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
) -> FileOutcome:
    """Format one file, rewriting it in place when ``write`` and it is not already formatted."""
    from mcli_lint.edit import writer

    limits = limits or Limits()
    snapshot = writer.read(path, limits)
    if isinstance(snapshot, LoadProblem):
        return FileOutcome(path, Status.PROBLEMS, problems=(snapshot,))
    done = outcome(path, format_bytes(snapshot.data, limits))
    if write and done.status is Status.REFORMATTED:
        error = writer.replace(snapshot, done.formatted.encode("utf-8"), before_rename)
        if error is not None:
            return FileOutcome(path, Status.REFUSED, done.original, message=error)
    return done


def format_stream(stream: BinaryIO, name: str, limits: Limits | None = None) -> FileOutcome:
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
    return dataclasses.replace(outcome(name, format_bytes(data, limits)), data=data)
