"""``textDocument/formatting``: ``fmt``'s layout, as edits; nothing when fmt would leave the file alone."""

from __future__ import annotations

from lsprotocol import types

from mcli_lint.loader.limits import Limits
from mcli_lint.server.edits import text_edits


def format_document(text: str, limits: Limits, encoding: str) -> tuple[list[types.TextEdit], str | None]:
    """The edits, and why there are none when fmt refuses the text or cannot read it."""
    from mcli_lint.format import format_text
    from mcli_lint.loader import LoadProblem
    from mcli_lint.loader.source import decode

    # As fmt reads a file: bytes over the size limit, binary or not UTF-8 are problems, never formatted.
    if isinstance(decode(text.encode("utf-8", "surrogatepass"), limits), LoadProblem):
        return [], "not formatted: the file cannot be read as a run file (see its diagnostics)"
    result = format_text(text, limits)
    if result.formatted is None:
        if result.problems:
            return [], "not formatted: the file has problems (see its diagnostics)"
        return [], f"not formatted: {result.refusal}" if result.refusal else None
    return text_edits(text, result.formatted, encoding), None
