"""``sort-keys``: the schema's key order, made by moving whole entries (key, value, comments) as lines of text.

Applied to text already in fmt's layout. Which mappings are sorted, and how, is :mod:`mcli_lint.format.schema_order`'s
canonical order: the top level and the collections the schema describes (``compute``, ``scheduling``, each
integration by its ``integration_type``, ``experiment_tracker``...); user content (``parameters``,
``metadata``, ``env_variables``) keeps the author's order, and so does a mapping with a ``<<`` merge key.

An entry is its key's line through its value's last line, with the comment lines written just above the
key at its indentation (and blank lines before them); comments deeper than the next key stay with the
entry they close; comments after a mapping's last entry, at its indentation, stay at its end, and so does
a file's header (down to its last blank line). Lines are only permuted, never added or removed, so the
line numbers of the entries around a sorted mapping stay valid.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Any

import yaml

from mcli_lint import schema
from mcli_lint.format.schema_order import branch, structured, top_level_order, variant
from mcli_lint.format.tokens import Token, scan

__all__ = ["sort_keys"]

_STR = "tag:yaml.org,2002:str"
Spec = dict[str, Any]


@dataclass
class _Node:
    kind: str  # "map", "seq", "scalar" or "other"
    end: int  # index just past its last token
    text: str | None = None  # a scalar's string value, when it is a string to PyYAML
    entries: list[_Entry] = field(default_factory=list)
    items: list[_Node] = field(default_factory=list)
    merge: bool = False
    # It ends with a block scalar kept with `+`: the blank lines after it are its value, nothing may follow.
    kept: bool = False


@dataclass
class _Entry:
    name: str | None
    start: int  # index of the key
    value: _Node


def _string(token: Token) -> str | None:
    if not isinstance(token, yaml.ScalarToken):
        return None
    if not token.plain:
        return str(token.value)
    resolved = yaml.resolver.Resolver().resolve(yaml.ScalarNode, token.value, (True, False))  # type: ignore[no-untyped-call]
    return str(token.value) if resolved == _STR else None


class _Reader:
    """A block-structure reader over the tokens: enough of the parser to find mappings and their entries."""

    def __init__(self, text: str, tokens: list[Token]) -> None:
        self.text = text
        self.tokens = tokens
        self.at = 0
        self.last = 0

    def _peek(self) -> Token:
        return self.tokens[self.at]

    def _take(self) -> Token:
        token = self.tokens[self.at]
        self.at += 1
        end = token.end_mark.index
        if isinstance(token, yaml.ScalarToken) and token.style in ("|", ">") and "+" not in self._header(token):
            # Blank lines after a block scalar are in its token but not its value (unless kept with `+`).
            end = token.start_mark.index + len(self.text[token.start_mark.index : end].rstrip("\n")) + 1
        if end > token.start_mark.index:
            self.last = end
        return token

    def _header(self, token: Token) -> str:
        start = token.start_mark.index
        return self.text[start : self.text.find("\n", start) % (len(self.text) + 1)].split("#", 1)[0]

    def node(self) -> _Node:
        tagged = False
        while isinstance(self._peek(), (yaml.AnchorToken, yaml.TagToken)):
            tagged = tagged or isinstance(self._peek(), yaml.TagToken)
            self._take()
        token = self._peek()
        if isinstance(token, yaml.BlockMappingStartToken):
            return self._mapping()
        if isinstance(token, (yaml.BlockSequenceStartToken, yaml.BlockEntryToken)):
            return self._sequence()
        if isinstance(token, (yaml.FlowSequenceStartToken, yaml.FlowMappingStartToken)):
            depth = 0
            while True:
                token = self._take()
                if isinstance(token, (yaml.FlowSequenceStartToken, yaml.FlowMappingStartToken)):
                    depth += 1
                elif isinstance(token, (yaml.FlowSequenceEndToken, yaml.FlowMappingEndToken)):
                    depth -= 1
                    if not depth:
                        return _Node("other", self.last)
        if isinstance(token, yaml.ScalarToken):
            self._take()
            kept = token.style in ("|", ">") and "+" in self._header(token)
            return _Node("scalar", self.last, None if tagged else _string(token), kept=kept)
        if isinstance(token, yaml.AliasToken):
            self._take()
        return _Node("other", self.last)  # an alias, or nothing (null)

    def _mapping(self) -> _Node:
        self._take()
        node = _Node("map", 0)
        while isinstance(self._peek(), yaml.KeyToken):
            start = self._take().start_mark.index
            head = self._peek()
            node.merge = node.merge or (isinstance(head, yaml.ScalarToken) and head.plain and head.value == "<<")
            key = self.node()
            value = _Node("other", self.last)
            if isinstance(self._peek(), yaml.ValueToken):
                self._take()
                value = self.node()
            node.entries.append(_Entry(key.text if key.kind == "scalar" else None, start, value))
        self._take()  # BLOCK-END
        node.end = self.last
        node.kept = bool(node.entries) and node.entries[-1].value.kept
        return node

    def _sequence(self) -> _Node:
        node = _Node("seq", 0)
        indentless = isinstance(self._peek(), yaml.BlockEntryToken)
        if not indentless:
            self._take()
        while isinstance(self._peek(), yaml.BlockEntryToken):
            self._take()
            if isinstance(self._peek(), (yaml.BlockEntryToken, yaml.BlockEndToken, yaml.KeyToken)):
                node.items.append(_Node("other", self.last))
            else:
                node.items.append(self.node())
        if not indentless:
            self._take()  # BLOCK-END
        node.end = self.last
        node.kept = bool(node.items) and node.items[-1].kept
        return node


def _order(node: _Node, spec: Spec, order: list[str] | tuple[str, ...] | None) -> tuple[Spec, list[str] | None]:
    spec = branch(spec, node.kind)
    if node.kind == "map" and order is None:
        names = {entry.name: entry.value.text for entry in node.entries}
        spec, order = variant(spec, names)
    if not structured(spec):
        return spec, None
    return spec, list(order) if order is not None else list(spec.get("properties", {}))


class _Sorter:
    def __init__(self, text: str, uses: list[tuple[int, int]]) -> None:
        self.text = text
        self.lines = text.split("\n")
        self.origin = list(range(len(self.lines)))  # the line each line now was in ``text``
        self.uses = uses  # (line of an anchor, line of an alias to it) in ``text``
        self.starts = [0]
        for line in self.lines[:-1]:
            self.starts.append(self.starts[-1] + len(line) + 1)

    def _line(self, index: int) -> int:
        return bisect.bisect_right(self.starts, index) - 1

    def _comment_at(self, number: int) -> int | None:
        """The column of the comment on line ``number`` when that line holds only a comment."""
        line = self.lines[number]
        stripped = line.lstrip(" ")
        return len(line) - len(stripped) if stripped.startswith("#") else None

    def visit(self, node: _Node, spec: Spec, order: list[str] | tuple[str, ...] | None = None) -> None:
        spec, wanted = _order(node, spec, order)
        if node.kind == "map":
            properties: Spec = spec.get("properties", {})
            extra = spec.get("additionalProperties")
            for entry in node.entries:
                child = properties.get(entry.name) if entry.name is not None else None
                if child is None and isinstance(extra, dict):
                    child = extra
                if child is not None:
                    self.visit(entry.value, child)
            if wanted and not node.merge and not any(entry.value.kept for entry in node.entries):
                self._sort(node, wanted)
        elif node.kind == "seq" and wanted is not None and "items" in spec:
            for item in node.items:
                self.visit(item, spec["items"])

    def _sort(self, node: _Node, wanted: list[str]) -> None:
        rank = {name: position for position, name in enumerate(wanted)}
        entries = node.entries
        keyed = sorted(range(len(entries)), key=lambda i: (0, rank[n]) if (n := entries[i].name) in rank else (1, i))
        if keyed == list(range(len(entries))):
            return
        first_line = self._line(entries[0].start)
        column = entries[0].start - self.starts[first_line]
        on_item_line = bool(self.lines[first_line][:column].strip())  # `- key: ...`: the first key follows `- `
        regions = self._regions(node, column)
        chosen = self.lines[regions[keyed[0]][0]]
        if on_item_line and (not chosen.strip() or chosen.lstrip().startswith("#")):
            return  # the entry to put first has lines above its key, which cannot go on the `- ` line
        out: list[str] = []
        origin: list[int] = []
        blank: list[int] = []
        for position, i in enumerate(keyed):
            numbers = list(range(*regions[i]))
            if position == 0:  # the blank lines above the entry put first go to the entry that was first
                while numbers and not self.lines[numbers[0]].strip():
                    blank.append(numbers.pop(0))
            if i == 0:
                numbers = blank + numbers
            lines = [self.lines[number] for number in numbers]
            origin += [self.origin[number] for number in numbers]
            if on_item_line and i == 0:
                lines[0] = " " * column + lines[0][column:]
            if on_item_line and position == 0:
                lines[0] = self.lines[first_line][:column] + lines[0].lstrip(" ")
            out += lines
        moved = self.origin[: regions[0][0]] + origin + self.origin[regions[-1][1] :]
        where = {line: number for number, line in enumerate(moved)}
        if any(where[anchor] > where[alias] for anchor, alias in self.uses):
            return  # an alias would come before its anchor: this mapping keeps its order
        self.lines[regions[0][0] : regions[-1][1]] = out
        self.origin = moved

    def _regions(self, node: _Node, column: int) -> list[tuple[int, int]]:
        """Each entry's lines [first, end): blank and comment lines above its key, the key, the value, and
        comments after the value deeper than the key (they close its block). The first entry starts at its key."""
        keys = [self._line(entry.start) for entry in node.entries]
        regions = []
        begin = keys[0]
        while begin > 0 and self._comment_at(begin - 1) == column:
            begin -= 1  # the first key's own comments, written just above it
        for i, entry in enumerate(node.entries):
            end = self._line(max(entry.value.end - 1, entry.start)) + 1
            limit = keys[i + 1] if i + 1 < len(keys) else len(self.lines)
            for number in range(end, limit):
                found = self._comment_at(number)
                if found is None and self.lines[number].strip():
                    break
                if found is not None and found < column:
                    break
                if found is not None and found > column:
                    end = number + 1
            regions.append((begin, end))
            begin = end
        return regions

    def result(self) -> str:
        return "\n".join(self.lines)


def sort_keys(text: str) -> str:
    """``text`` (in fmt's layout) with the keys of the mappings the schema describes in the schema's order."""
    if not text.endswith("\n"):
        return text  # it ends inside a block scalar without a line break: that entry cannot move
    root = _Reader(text, scan(text))
    root._take()  # STREAM-START
    while isinstance(root._peek(), yaml.DocumentStartToken):
        root._take()
    tree = root.node()
    if tree.kind != "map":
        return text
    tokens = root.tokens
    anchors = {t.value: t.start_mark.line for t in tokens if isinstance(t, yaml.AnchorToken)}
    uses = [
        (anchors[t.value], t.start_mark.line) for t in tokens if isinstance(t, yaml.AliasToken) and t.value in anchors
    ]
    sorter = _Sorter(text, uses)
    sorter.visit(tree, schema.run_schema(), top_level_order())
    return sorter.result()
