"""fmt's layout, made by rewriting only the gaps between the scanner's tokens: keys, values and their order stay.

Every token (key, scalar, indicator, anchor, tag) is copied as written. What changes:

- indentation: two spaces per block mapping level; a sequence under a key keeps the file's style (``- ``
  at the key's column, or two spaces in), decided by the first such sequence;
- one space after ``:``, ``-``, an anchor or a tag, none between a key and its ``:``;
- an end-of-line comment two spaces after what precedes it; a comment on a line of its own at the
  indentation of the block it was written in (see :func:`_comment_column`);
- no trailing whitespace, at most one blank line in a row, none at the top or bottom, one final newline;
- multi-line plain and quoted scalars and flow collections get canonical continuation indentation (their
  leading whitespace is not data); a block scalar's content lines move with their block, otherwise as
  written, header and chomping included.

A file with a directive (``%YAML``, ``%TAG``) raises :class:`LayoutRefused`.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import yaml

from mcli_lint.format.tokens import Token, scan

__all__ = ["LayoutRefused", "normalise"]

STEP = 2


class LayoutRefused(Exception):
    """fmt does not lay out this text; the message says why."""


@dataclass
class _Block:
    kind: str  # "map" or "seq"
    old: int  # its column as written
    new: int  # its column in the output


_ZERO_WIDTH = frozenset([yaml.BlockMappingStartToken, yaml.BlockSequenceStartToken, yaml.BlockEndToken])
# Tokens that change no structure and need no more than the spacing before them when on a line already begun.
_INLINE = frozenset(
    [yaml.ScalarToken, yaml.ValueToken, yaml.FlowEntryToken, yaml.AliasToken, yaml.AnchorToken, yaml.TagToken]
)
_FLOW_START = (yaml.FlowSequenceStartToken, yaml.FlowMappingStartToken)
_FLOW_END = (yaml.FlowSequenceEndToken, yaml.FlowMappingEndToken)
# After these, on the same line, exactly one space.
_ONE_SPACE_AFTER = frozenset(
    [
        yaml.ValueToken,
        yaml.BlockEntryToken,
        yaml.KeyToken,  # an explicit `? `
        yaml.AnchorToken,
        yaml.TagToken,
        yaml.DocumentStartToken,
    ]
)


def _indentless_file(tokens: list[Token]) -> bool:
    """Whether the file writes a sequence under a key with ``- `` at the key's column (its first one does)."""
    for before, token in itertools.pairwise(tokens):
        if isinstance(before, yaml.ValueToken):
            if isinstance(token, yaml.BlockEntryToken):
                return True
            if isinstance(token, yaml.BlockSequenceStartToken):
                return False
    return False


def _column(text: str, index: int) -> int:
    return index - (text.rfind("\n", 0, index) + 1)


def _trim_end(line: str, style: str | None) -> str:
    """``line`` of a multi-line flow scalar without the trailing whitespace folding drops anyway."""
    trimmed = line.rstrip(" \t")
    if style == '"' and trimmed.endswith("\\"):
        return line  # the whitespace may be escaped
    return trimmed


class _Layout:
    def __init__(self, text: str, tokens: list[Token]) -> None:
        self.text = text
        self.tokens = tokens
        self.indentless = _indentless_file(tokens)
        self.out: list[str] = []
        self.stack: list[_Block] = []
        self.flow = 0  # flow collections open
        self.flow_base = 0  # indentation of the line the outermost flow collection starts on
        self.line_indent = 0  # indentation of the output's current line
        self.at_line_start = True
        self.started = False  # anything but blank lines written yet
        self.blank = False  # a blank line is due before what comes next
        self.previous: Token | None = None
        self.previous_started_line = False  # whether the previous token was the first on its line
        self.line_start_token = False
        self.final_newline = True  # false only after a block scalar ending the file without a line break

    # Structure.

    def _child(self, kind: str, compact: bool = False) -> int:
        """The column of a collection opening here; ``compact``: on the line of an explicit `? ` or `: `."""
        if not self.stack:
            return 0
        parent = self.stack[-1]
        if parent.kind == "map" and kind == "seq" and self.indentless and not compact:
            return parent.new
        return parent.new + STEP

    def _structure(self, token: Token, column: int, compact: bool) -> None:
        if isinstance(token, yaml.BlockEndToken):
            self.stack.pop()
        elif isinstance(token, yaml.BlockMappingStartToken):
            self.stack.append(_Block("map", column, self._child("map", compact)))
        elif isinstance(token, yaml.BlockSequenceStartToken):
            self.stack.append(_Block("seq", column, self._child("seq", compact)))

    def _close_indentless(self) -> None:
        # A sequence written at its key's column has no BLOCK-END: the next key (or the mapping's end) ends it.
        while self.stack and self.stack[-1].kind == "seq-indentless":
            self.stack.pop()

    # Columns.

    def _flow_column(self, closing: bool) -> int:
        depth = self.flow - 1 if closing else self.flow
        return self.flow_base + STEP * max(1, depth)

    def _token_column(self, token: Token, keyed: bool) -> int:
        """The column of ``token`` when it starts a line."""
        if self.flow:
            return self._flow_column(isinstance(token, _FLOW_END))
        if isinstance(token, (yaml.DocumentStartToken, yaml.DocumentEndToken, yaml.StreamEndToken)):
            return 0
        if keyed or isinstance(token, (yaml.BlockEntryToken, yaml.KeyToken, yaml.ValueToken)):
            return self.stack[-1].new  # a key, an item, or an explicit key's `? ` or `: `
        return self.stack[-1].new + STEP if self.stack else 0  # a value on the line below its key or `-`

    def _comment_column(self, column: int, before: list[_Block], token_old: int, token_new: int) -> int:
        """Where a comment on a line of its own goes.

        Not deeper than what follows it: it is that key's or item's comment, at its indentation. Deeper:
        it belongs to a block that ends here (a commented-out key at the end of `compute:`), at that
        block's indentation, or is written under a key as its only "value", one step in from that key.
        """
        if self.flow:
            return self._flow_column(False)
        if column <= token_old:
            return token_new
        home = next((block for block in reversed(before) if block.old <= column), None)
        if home is None:
            return token_new
        return home.new if column == home.old else home.new + STEP

    # Output.

    def _write(self, piece: str) -> None:
        if not piece:
            return
        self.out.append(piece)
        self.started = True
        self.at_line_start = piece.endswith("\n")

    def _newline(self) -> None:
        self._write("\n")

    def _start_line(self, column: int) -> None:
        if self.blank and self.started:
            self.out.append("\n")
        self.blank = False
        self.line_indent = column
        self.started = True
        self._write(" " * column)

    def _gap(self, gap: str, token: Token, column: int, before: list[_Block], old_column: int) -> None:
        """Rewrite the text between the previous token and ``token`` (which goes at ``column`` if it starts a line)."""
        self.line_start_token = "\n" in gap or self.at_line_start
        if not self.line_start_token:
            self._inline_gap(gap, token)
            return
        lines = gap.split("\n")
        if not self.at_line_start:
            first = lines.pop(0)
            if "#" in first:
                self._write("  " + first[first.index("#") :].rstrip())
            self._newline()
        ending = isinstance(token, yaml.StreamEndToken)  # then the last line may hold a comment too
        for line in lines if ending else lines[:-1]:
            stripped = line.strip(" \t")
            if not stripped:
                self.blank = True
                continue
            self._start_line(self._comment_column(len(line) - len(line.lstrip(" \t")), before, old_column, column))
            self._write(stripped.rstrip() + "\n")
        if not ending:
            self._start_line(column)

    def _inline_gap(self, gap: str, token: Token) -> None:
        previous = self.previous
        if isinstance(token, yaml.StreamEndToken):  # the last line, without a line break: one is added at the end
            if "#" in gap:
                self._write("  " + gap[gap.index("#") :].rstrip())
            return
        if self.flow:
            self._write(gap)  # inside a flow collection, spacing is the author's
        elif isinstance(token, yaml.ValueToken):
            self._write(" " if isinstance(previous, yaml.AliasToken) else "")
        elif type(previous) in _ONE_SPACE_AFTER:
            self._write(" ")
        else:
            self._write(gap)

    def _continuation(self) -> int:
        if self.flow:
            return self._flow_column(False)
        return self.stack[-1].new + STEP if self.stack else 0

    def _scalar(self, token: Token, source: str) -> None:
        if "\n" not in source:
            self._write(source)
        elif token.style in ("|", ">"):
            self._block_scalar(source)
        else:
            lines = source.split("\n")
            indent = " " * self._continuation()
            pieces = [_trim_end(lines[0], token.style)]
            for line in lines[1:-1]:
                stripped = _trim_end(line, token.style).lstrip(" \t")
                pieces.append(indent + stripped if stripped else "")
            pieces.append(indent + lines[-1].lstrip(" \t"))
            self._write("\n".join(pieces))

    def _block_scalar(self, source: str) -> None:
        header, _, body = source.partition("\n")
        lines = body.split("\n")
        # What follows the last line break is empty, but for a scalar ending the file without one: that
        # last line stays without a line break (adding one would change the value).
        unterminated = lines.pop()
        shift = self.stack[-1].new - self.stack[-1].old if self.stack else 0
        written = [line for line in [*lines, unterminated] if line.strip(" ")]
        indent = len(written[0]) - len(written[0].lstrip(" ")) if written else 0
        keep = "+" in header.split("#", 1)[0]
        out = []
        for line in lines:
            if not line.strip(" ") and len(line) <= indent:
                out.append("")  # an empty line: its spaces are not content
            elif shift >= 0:
                out.append(" " * shift + line)
            else:
                out.append(line[-shift:])
        ending = len(out)
        if not keep and not unterminated.strip(" "):
            # Without `+`, the blank lines after the last one are not content: they are gap. Before a
            # last line written without a line break, they are content.
            while ending and out[ending - 1] == "":
                ending -= 1
            self.blank = self.blank or ending < len(out)
        self._write(header.rstrip() + "\n" + "".join(line + "\n" for line in out[:ending]))
        if unterminated:
            self._write(" " * shift + unterminated if shift >= 0 else unterminated[-shift:])
            self.final_newline = False

    def run(self) -> str:
        text = self.text
        out = self.out
        position = 0
        pending: list[Token] = []
        for token in self.tokens:
            kind = type(token)
            start, end = token.start_mark.index, token.end_mark.index
            if kind in _ZERO_WIDTH or (kind is yaml.KeyToken and end == start):
                pending.append(token)
                continue
            gap = text[position:start]
            if not pending and not self.at_line_start and kind in _INLINE and "\n" not in gap:
                # The common case, inlined: a token on the line of the one before it.
                source = text[start:end]
                if kind is not yaml.ScalarToken or "\n" not in source:
                    previous = type(self.previous)
                    if self.flow:
                        out.append(gap)
                    elif kind is yaml.ValueToken:
                        out.append(" " if previous is yaml.AliasToken else "")
                    else:
                        out.append(" " if previous in _ONE_SPACE_AFTER else gap)
                    out.append(source)
                    self.previous = token
                    self.previous_started_line = self.line_start_token = False
                    position = end
                    continue
            if (
                pending
                and kind is yaml.ScalarToken
                and type(pending[-1]) is yaml.KeyToken
                and not self.flow
                and not self.at_line_start
                and not self.blank
                and "#" not in gap
                and gap.count("\n") == 1
                and "\n" not in text[start:end]
            ):
                # The next common case, inlined: a one-line key starting the next line, nothing between.
                for structural in pending:
                    structure = type(structural)
                    if structure is yaml.BlockEndToken:
                        self._close_indentless()
                        self.stack.pop()
                    elif structure is yaml.KeyToken:
                        self._close_indentless()
                    else:
                        self._structure(structural, _column(text, structural.start_mark.index), False)
                column = self.line_indent = self.stack[-1].new
                out.append("\n" + " " * column + text[start:end])
                self.previous = token
                self.previous_started_line = self.line_start_token = True
                pending = []
                position = end
                continue
            if kind is yaml.StreamStartToken:
                continue
            if kind is yaml.DirectiveToken:
                raise LayoutRefused("has a %YAML or %TAG directive, which fmt leaves alone")
            self._place(token, pending, gap)
            pending = []
            self._emit(token, text[start:end])
            position = max(position, end)
        if self.final_newline and not "".join(self.out[-1:]).endswith("\n"):
            self._write("\n")
        return "".join(self.out).lstrip("\n")

    def _place(self, token: Token, pending: list[Token], gap: str) -> None:
        before = self.stack[:] if "#" in gap else []  # needed only to place a comment
        keyed = False
        explicit = isinstance(self.previous, (yaml.KeyToken, yaml.ValueToken)) and self.previous_started_line
        compact = explicit and not self.flow and "\n" not in gap
        for structural in pending:
            if isinstance(structural, yaml.BlockEndToken):
                self._close_indentless()
            elif isinstance(structural, yaml.KeyToken) and not self.flow:
                self._close_indentless()
                keyed = True
            if isinstance(structural, yaml.KeyToken):
                continue
            self._structure(structural, _column(self.text, structural.start_mark.index), compact)
        if isinstance(token, yaml.KeyToken) and not self.flow:
            self._close_indentless()
        if (
            isinstance(token, yaml.BlockEntryToken)
            and not self.flow
            and (not self.stack or self.stack[-1].kind == "map")
        ):
            column = _column(self.text, token.start_mark.index)
            self.stack.append(_Block("seq-indentless", column, self._child("seq", compact)))
        old = 0 if isinstance(token, yaml.StreamEndToken) else _column(self.text, token.start_mark.index)
        self._gap(gap, token, self._token_column(token, keyed), before, old)

    def _emit(self, token: Token, source: str) -> None:
        if isinstance(token, _FLOW_START):
            if not self.flow:  # continuation lines go deeper than the block around the collection
                self.flow_base = max(self.line_indent, self.stack[-1].new if self.stack else 0)
            self.flow += 1
        elif isinstance(token, _FLOW_END):
            self.flow -= 1
        if isinstance(token, yaml.ScalarToken):
            self._scalar(token, source)
        else:
            self._write(source)
        self.previous = token
        self.previous_started_line = self.line_start_token


def normalise(text: str) -> str:
    """``text`` (one document, BOM and CR removed, as the loader accepted it) in fmt's layout."""
    return _Layout(text, scan(text)).run()
