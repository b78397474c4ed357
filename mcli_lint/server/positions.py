"""Positions: ours are 1-based lines and code-point columns, LSP's 0-based lines and code units."""

from __future__ import annotations

import re
from bisect import bisect_right

from lsprotocol import types

from mcli_lint.diagnostics import Position, Span

UTF8, UTF16, UTF32 = "utf-8", "utf-16", "utf-32"

# PyYAML also ends a line at NEL, LINE SEPARATOR and PARAGRAPH SEPARATOR; LSP only at \n, \r\n and \r.
_YAML_ONLY_BREAKS = re.compile("[\x85\u2028\u2029]")
_YAML_BREAKS = re.compile("[\n\x85\u2028\u2029]")


def units(text: str, encoding: str) -> int:
    """How many code units of ``encoding`` the text takes."""
    if encoding == UTF32 or text.isascii():
        return len(text)
    if encoding == UTF8:
        return len(text.encode("utf-8", "surrogatepass"))
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def column_of(line_text: str, character: int, encoding: str) -> int:
    """The client's character offset into a line -> a 0-based code-point index into it."""
    if encoding == UTF32 or line_text.isascii():
        return min(character, len(line_text))
    count = 0
    for index, char in enumerate(line_text):
        if count >= character:
            return index
        count += units(char, encoding)
    return len(line_text)


def split_lines(text: str) -> list[str]:
    """The lines as LSP counts them (\\n, \\r\\n and \\r end a line), without their endings."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.split("\n")


class Lines:
    """A text (newlines already normalised to \\n) for turning our positions into the client's."""

    def __init__(self, text: str, encoding: str) -> None:
        self.lines = text.split("\n")
        self.encoding = encoding
        # Only when PyYAML counts lines differently: where each of its lines starts, and each of ours.
        self._yaml_starts: list[int] | None = None
        if _YAML_ONLY_BREAKS.search(text):
            self._text = text
            self._yaml_starts = [0, *(match.end() for match in _YAML_BREAKS.finditer(text))]
            self._starts = [0, *(match.end() for match in re.finditer("\n", text))]

    def to_lsp(self, position: Position) -> types.Position:
        line, column = max(position.line - 1, 0), max(position.column - 1, 0)
        if self._yaml_starts is not None and line < len(self._yaml_starts):
            offset = self._yaml_starts[line] + column
            line = bisect_right(self._starts, offset) - 1
            column = offset - self._starts[line]
        text = self.lines[line] if line < len(self.lines) else ""
        return types.Position(line, units(text[:column], self.encoding) + max(column - len(text), 0))

    def range(self, span: Span) -> types.Range:
        return types.Range(self.to_lsp(span.start), self.to_lsp(span.end))

    def end(self) -> types.Position:
        """The position just past the text's last character."""
        return types.Position(len(self.lines) - 1, units(self.lines[-1], self.encoding))
