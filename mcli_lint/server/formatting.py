"""``textDocument/formatting`` and ``rangeFormatting``: ``fmt``'s layout, as edits; nothing when fmt
would leave the file alone."""

from __future__ import annotations

from lsprotocol import types

from mcli_lint.config import Config
from mcli_lint.format import format_text, verify
from mcli_lint.loader import LoadProblem, load_text
from mcli_lint.loader.source import decode
from mcli_lint.server.edits import Hunk, applied, as_edits, hunks, lines_with_ends, text_edits


def format_document(text: str, config: Config, encoding: str) -> tuple[list[types.TextEdit], str | None]:
    """The edits, and why there are none when fmt refuses the text or cannot read it."""
    formatted, refusal = _formatted(text, config)
    return (text_edits(text, formatted, encoding) if formatted is not None else []), refusal


def format_range(text: str, config: Config, encoding: str, lines: range) -> tuple[list[types.TextEdit], str | None]:
    """fmt's changes to the ``lines`` asked for (0-based), when the file keeps its data and comments with
    only those made; otherwise every change fmt makes (layout such as indentation is not always local)."""
    formatted, refusal = _formatted(text, config)
    if formatted is None:
        return [], refusal
    before, after = lines_with_ends(text), lines_with_ends(formatted)
    every = [line for hunk in hunks(before, after) for line in _by_line(hunk)]
    chosen = [hunk for hunk in every if _touches(hunk, lines)]
    if chosen != every:
        body = text.replace("\r\n", "\n").replace("\r", "\n").removeprefix("\ufeff")
        document = load_text(body, config.limits).document
        partial = applied(before, after, chosen).encode("utf-8")
        if document is None or verify.check(document.data, body, partial, config.limits) is not None:
            chosen = every
    return as_edits(before, after, chosen, encoding), None


def _by_line(hunk: Hunk) -> list[Hunk]:
    """A run of lines each replaced by one line, as one hunk a line: a selection takes only its own."""
    i1, i2, j1, j2 = hunk
    if i2 - i1 != j2 - j1:
        return [hunk]
    return [(i1 + k, i1 + k + 1, j1 + k, j1 + k + 1) for k in range(i2 - i1)]


def _touches(hunk: Hunk, lines: range) -> bool:
    i1, i2, _, _ = hunk
    return i1 <= lines.stop - 1 and max(i2 - 1, i1) >= lines.start


def _formatted(text: str, config: Config) -> tuple[str | None, str | None]:
    """fmt's output for ``text`` (None if refused or unreadable), and why it was refused."""
    limits = config.limits

    # As fmt reads a file: bytes over the size limit, binary or not UTF-8 are problems, never formatted.
    if isinstance(decode(text.encode("utf-8", "surrogatepass"), limits), LoadProblem):
        return None, "not formatted: the file cannot be read as a run file (see its diagnostics)"
    result = format_text(text, limits, sort_keys=config.sort_keys)
    if result.formatted is None:
        if result.problems:
            return None, "not formatted: the file has problems (see its diagnostics)"
        return None, f"not formatted: {result.refusal}" if result.refusal else None
    return result.formatted, None
