"""Comments and blank lines: found by PyYAML's own scanner, tied to a node, put back after the layout changes.

A comment's home is a node, named by its data path, so it follows that node wherever the layout moves it:

- an end-of-line comment belongs to the node it follows on its line (the value, or the key of a block
  collection, or a whole flow collection) and is written at the end of that node's line in the output
  (for a block collection, its key's line); when nothing precedes it on its line (`- # ...`), it goes
  to the end of the next node's line;
- a comment on a line of its own, and a blank line, belong to the first node that starts after it (so a
  comment above a key travels with the key) and are written above that node, at its indentation;
- what comes before the first node is the file's header up to its last blank line (it stays on top),
  and what follows the last node stays at the bottom.

Blank lines are kept, several in a row becoming one. Anything that cannot be put back where its node now
is raises :class:`CommentError`, so the file is refused rather than changed.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

__all__ = [
    "Attachments",
    "Comment",
    "CommentError",
    "Home",
    "Path",
    "Scan",
    "attach",
    "comment_texts",
    "flow_holding_comments",
    "insert",
    "key_step",
    "scan",
    "scan_tokens",
]

_LINE_END = "\0\r\n\x85\u2028\u2029"

# A path step: ("k", identity of the key node) in a mapping, ("i", index) in a sequence.
Step = tuple[str, Any]
Path = tuple[Step, ...]
# Where a comment lives: the key of the mapping entry at a path, or the node at a path.
Role = str  # "key" | "value"
Home = tuple[Path, Role]

_STR = "tag:yaml.org,2002:str"


class CommentError(Exception):
    """A comment could not be put back next to its node."""


@dataclass(frozen=True)
class Comment:
    line: int  # 0-based, as PyYAML marks count
    column: int
    text: str  # from '#' to the end of the line, trailing whitespace removed
    own_line: bool  # nothing but indentation before it


class _CommentLoader(yaml.SafeLoader):
    """PyYAML's safe loader, recording every comment its scanner skips (the scanning itself is unchanged)."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.comments: list[Comment] = []
        self.directives = 0
        self._text = text
        self.max_flow_level: int | None = None

    def _skip_comment(self) -> None:
        # The body of PyYAML's three comment-skipping loops, with the comment written down.
        if self.peek() != "#":
            return
        start = self.index
        line, column = self.line, self.column
        while self.peek() not in _LINE_END:
            self.forward()
        before = self._text[self._text.rfind("\n", 0, start) + 1 : start]
        text = self._text[start : self.index].rstrip()
        self.comments.append(Comment(line, column, text, before.strip(" \t\ufeff") == ""))

    def scan_to_next_token(self) -> None:
        if self.index == 0 and self.peek() == "\ufeff":
            self.forward()
        found = False
        while not found:
            while self.peek() == " ":
                self.forward()
            self._skip_comment()
            if self.scan_line_break():  # type: ignore[no-untyped-call]
                if not self.flow_level:
                    self.allow_simple_key = True
            else:
                found = True

    def scan_block_scalar_ignored_line(self, start_mark: Any) -> None:
        while self.peek() == " ":
            self.forward()
        self._skip_comment()
        if self.peek() not in _LINE_END:
            raise yaml.scanner.ScannerError(
                "while scanning a block scalar",
                start_mark,
                f"expected a comment or a line break, but found {self.peek()!r}",
                self.get_mark(),
            )
        self.scan_line_break()  # type: ignore[no-untyped-call]

    def fetch_flow_collection_start(self, TokenClass: Any) -> None:
        # PyYAML's scanner is quadratic in flow nesting: a bounded scan stops where the loader refuses.
        if self.max_flow_level is not None and self.flow_level >= self.max_flow_level:
            raise yaml.scanner.ScannerError(None, None, "flow collections nested too deep", self.get_mark())
        super().fetch_flow_collection_start(TokenClass)

    def scan_directive(self) -> Any:
        self.directives += 1
        return super().scan_directive()

    def scan_directive_ignored_line(self, start_mark: Any) -> None:
        while self.peek() == " ":
            self.forward()
        self._skip_comment()
        if self.peek() not in _LINE_END:
            raise yaml.scanner.ScannerError(
                "while scanning a directive",
                start_mark,
                f"expected a comment or a line break, but found {self.peek()!r}",
                self.get_mark(),
            )
        self.scan_line_break()  # type: ignore[no-untyped-call]


@dataclass
class Scan:
    """One document as composed by PyYAML (never constructed: merge keys stay as written), and its comments."""

    text: str
    root: Node | None
    comments: list[Comment]
    directives: int


def scan(text: str) -> Scan:
    """Compose ``text`` (already checked by the loader: it parses) and collect its comments."""
    loader = _CommentLoader(text)
    try:
        root = loader.get_single_node()
        return Scan(text, root, loader.comments, loader.directives)
    finally:
        loader.dispose()


@dataclass(frozen=True)
class Tokens:
    """What PyYAML's scanner alone sees in a text (as far as it could scan it)."""

    comments: list[Comment]
    # Where the first token of content (not a directive or `---`) starts; None when there is none.
    first: tuple[int, int] | None
    # (first line, last line), 0-based, of every scalar written over several lines.
    scalars: list[tuple[int, int]]


def scan_tokens(text: str, max_depth: int) -> Tokens:
    """The comments of ``text`` and where its content is, from the scanner alone: no parsing, so a text
    that does not parse still gives the comments before the point where scanning stopped (as does
    flow nesting deeper than ``max_depth``)."""
    try:
        loader = _CommentLoader(text)
    except yaml.reader.ReaderError as error:  # a character YAML does not allow: scan up to it
        return scan_tokens(text[: error.position], max_depth) if error.position > 0 else Tokens([], None, [])
    loader.max_flow_level = max_depth
    first: tuple[int, int] | None = None
    scalars: list[tuple[int, int]] = []
    try:
        while True:
            token = loader.get_token()  # type: ignore[no-untyped-call]
            if token is None or isinstance(token, yaml.StreamEndToken):
                break
            if first is None and not isinstance(
                token, (yaml.StreamStartToken, yaml.DirectiveToken, yaml.DocumentStartToken)
            ):
                first = (token.start_mark.line, token.start_mark.column)
            if isinstance(token, yaml.ScalarToken) and token.end_mark.line > token.start_mark.line:
                end = token.end_mark
                last = end.line - 1 if end.column == 0 else end.line
                scalars.append((token.start_mark.line, last))
    except yaml.YAMLError:
        pass  # the loader reports it; the comments before it still count
    finally:
        loader.dispose()
    return Tokens(loader.comments, first, scalars)


def comment_texts(text: str) -> list[str]:
    """Every comment in ``text``, sorted: the multiset fmt must keep."""
    return sorted(c.text for c in scan(text).comments)


# -------------------------------------------------------------------------------------------- node paths


def identity(node: Node) -> Any:
    """What a key node means, independent of how it is laid out (tag and value, recursively)."""
    if isinstance(node, ScalarNode):
        return (str(node.tag), node.value)
    if isinstance(node, SequenceNode):
        return (str(node.tag), tuple(identity(child) for child in node.value))
    assert isinstance(node, MappingNode)
    return (str(node.tag), tuple((identity(k), identity(v)) for k, v in node.value))


def key_step(name: str) -> Step:
    """The path step of a plain string key, for paths built by hand (the fixes)."""
    return ("k", (_STR, name))


@dataclass(frozen=True, order=True)
class _Start:
    """A node's start, ordered as in the text; among nodes starting at one place, the deepest sorts last."""

    line: int
    column: int
    depth: int
    path: Path = field(compare=False)
    role: Role = field(compare=False)
    end: tuple[int, int] = field(compare=False)


def _starts(root: Node) -> list[_Start]:
    """Every key and value, each node once (an alias is not a node of its own: its node is at its anchor)."""
    found: list[_Start] = []
    seen: set[int] = set()

    def add(node: Node, depth: int, path: Path, role: Role) -> None:
        start, end = node.start_mark, node.end_mark
        found.append(_Start(start.line, start.column, depth, path, role, (end.line, end.column)))

    def visit(node: Node, path: Path) -> None:
        if id(node) in seen:
            return
        seen.add(id(node))
        add(node, 2 * len(path) + 1, path, "value")
        if isinstance(node, MappingNode):
            for key, value in node.value:
                child = (*path, ("k", identity(key)))
                add(key, 2 * len(child), child, "key")
                visit(value, child)
        elif isinstance(node, SequenceNode):
            for index, item in enumerate(node.value):
                visit(item, (*path, ("i", index)))

    visit(root, ())
    return sorted(found)


def _end_of_line_home(ends: dict[int, list[_Start]], comment: Comment) -> _Start | None:
    """The node an end-of-line comment follows: of those ending on its line before it, the last to end
    (the outermost, when several end there: a flow collection rather than its last item)."""
    ending = [s for s in ends.get(comment.line, []) if s.end[1] <= comment.column]
    if not ending:
        return None
    return max(ending, key=lambda s: (s.end, -s.depth))


def _walk(root: Node, path: Path) -> tuple[Node, Node | None] | None:
    """The node at ``path`` and its key node; aliases are followed, so the node is where it is written."""
    node, key = root, None
    for kind, step in path:
        if kind == "k" and isinstance(node, MappingNode):
            pair = next(((k, v) for k, v in node.value if identity(k) == step), None)
            if pair is None:
                return None
            key, node = pair
        elif kind == "i" and isinstance(node, SequenceNode) and 0 <= step < len(node.value):
            key, node = None, node.value[step]
        else:
            return None
    return node, key


# ------------------------------------------------------------------------------------------ attachment

BLANK = ""  # a kept blank line, among the comment texts of a home


@dataclass
class Attachments:
    head: list[str] = field(default_factory=list)
    above: dict[Home, list[str]] = field(default_factory=dict)
    after: dict[Home, list[str]] = field(default_factory=dict)
    tail: list[str] = field(default_factory=list)

    def moved(self, rename: Callable[[Home], Home]) -> Attachments:
        """The same comments, their homes passed through ``rename`` (for fixes that move data)."""
        above: dict[Home, list[str]] = {}
        after: dict[Home, list[str]] = {}
        for old, new in ((self.above, above), (self.after, after)):
            for home, texts in old.items():
                new.setdefault(rename(home), []).extend(texts)
        return Attachments(list(self.head), above, after, list(self.tail))


def _protected_lines(root: Node) -> set[int]:
    """Lines inside a multi-line scalar or flow collection: a blank line there is content, or meaningless."""
    lines: set[int] = set()
    for node in _nodes(root):
        if isinstance(node, ScalarNode) or getattr(node, "flow_style", False):
            lines.update(range(node.start_mark.line + 1, _last_line(node) + 1))
    return lines


def _last_line(node: Node) -> int:
    # A block scalar ends at the start of the line after its last one.
    end = node.end_mark
    return int(end.line) - 1 if end.column == 0 and end.line > node.start_mark.line else int(end.line)


def _nodes(root: Node) -> Iterator[Node]:
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        yield node
        if isinstance(node, MappingNode):
            for key, value in node.value:
                stack.extend((key, value))
        elif isinstance(node, SequenceNode):
            stack.extend(node.value)


def _next(starts: list[_Start], positions: list[tuple[int, int]], at: tuple[int, int]) -> _Start | None:
    """The node starting first after ``at``; of several starting there, the deepest (a key, not its mapping)."""
    index = bisect.bisect_right(positions, at)
    if index == len(starts):
        return None
    while index + 1 < len(starts) and positions[index + 1] == positions[index]:
        index += 1
    return starts[index]


def attach(source: Scan) -> Attachments:
    """Give every comment (and blank line) of ``source`` a home."""
    assert source.root is not None
    starts = _starts(source.root)
    positions = [(s.line, s.column) for s in starts]
    ends: dict[int, list[_Start]] = {}
    for start in starts:
        ends.setdefault(start.end[0], []).append(start)
    result = Attachments()

    for comment in source.comments:
        if comment.own_line:
            continue
        at = (comment.line, comment.column)
        # Nothing before it on its line (`- # ...`): it goes with the next node; before any node, on top.
        found = _end_of_line_home(ends, comment) or (_next(starts, positions, at) if positions[0] < at else None)
        if found is None:
            (result.head if positions[0] > at else result.tail).append(comment.text)
        else:
            result.after.setdefault((found.path, found.role), []).append(comment.text)

    # Everything on lines of its own, in text order: comments, and blank lines outside scalars.
    protected = _protected_lines(source.root)
    own_lines = [(c.line, c.column, c.text) for c in source.comments if c.own_line]
    own_lines += [(n, 0, BLANK) for n, line in enumerate(source.text.split("\n")) if not line.strip()]
    first = _next(starts, positions, (-1, -1))
    leading: list[str] = []
    for line, column, text in sorted(own_lines):
        if text == BLANK and line in protected:
            continue
        target = _next(starts, positions, (line, column))
        if target is None:
            result.tail.append(text)
        elif target is first:
            leading.append(text)
        else:
            result.above.setdefault((target.path, target.role), []).append(text)
    if leading and first is not None:
        # The file's header (up to its last blank line) stays on top; the rest belongs to the first key.
        cut = max((i + 1 for i, text in enumerate(leading) if text == BLANK), default=0)
        result.head.extend(leading[:cut])
        if leading[cut:]:
            home = (first.path, first.role)
            result.above[home] = leading[cut:] + result.above.get(home, [])
    return result


# ------------------------------------------------------------------------------------------- insertion


def _block_lines(texts: list[str], indent: int) -> list[str]:
    """Comment lines at ``indent``; runs of blank lines become one."""
    out: list[str] = []
    for text in texts:
        if text == BLANK:
            if out and out[-1] == "":
                continue
            out.append("")
        else:
            out.append(" " * indent + text)
    return out


def _eol_unsafe(root: Node) -> set[int]:
    """Output lines whose end is inside a scalar: a comment appended there would become part of it."""
    unsafe: set[int] = set()
    for node in _nodes(root):
        if not isinstance(node, ScalarNode) or _last_line(node) == node.start_mark.line:
            continue
        if node.style in ("|", ">"):
            unsafe.update(range(node.start_mark.line + 1, _last_line(node) + 1))
        else:
            unsafe.update(range(node.start_mark.line, _last_line(node)))
    return unsafe


def insert(output: str, attachments: Attachments) -> str:
    """``output`` (written without comments) with every attached comment put back next to its node."""
    composed = scan(output)
    if composed.comments:
        raise CommentError("the emitter wrote a comment of its own")
    assert composed.root is not None
    lines = output.split("\n")
    if lines[-1] == "":
        lines.pop()  # the final newline ends the last line; it does not start another
    above: dict[int, list[str]] = {}
    after: dict[int, list[str]] = {}
    unsafe = _eol_unsafe(composed.root)

    def line_of(home: Home, end_of_line: bool = False) -> int:
        path, role = home
        found = _walk(composed.root, path) if composed.root is not None else None
        if found is None or (role == "key" and found[1] is None):
            raise CommentError(f"a comment's node ({_show(path)}) is not in the output")
        node, key = found
        # A block collection begins on the line after its key: the key's line is where it is named.
        named_by_key = role == "key" or (end_of_line and key is not None and _is_block_collection(node))
        target = key if named_by_key else node
        assert target is not None
        return int(target.start_mark.line)

    # Attachments are dicts filled in text order, so comments sharing a line keep their order.
    for home, texts in attachments.above.items():
        above.setdefault(line_of(home), []).extend(texts)
    for home, texts in attachments.after.items():
        number = line_of(home, end_of_line=True)
        if number in unsafe:
            above.setdefault(number, []).extend(texts)
        else:
            after.setdefault(number, []).extend(texts)

    out: list[str] = _block_lines(attachments.head, 0)
    for number, line in enumerate(lines):
        indent = _indent(line)
        if number in above:
            block = _block_lines(above[number], indent)
            if number > 0 and indent > _indent(lines[number - 1]):
                # The first entry of a nested collection: no blank line under its parent's key.
                while block and block[0] == "":
                    block.pop(0)
            out.extend(block)
        trailing = after.get(number, [])
        if trailing:
            # One comment fits at the end of a line; any others go on lines of their own just above it.
            out.extend(_block_lines(trailing[1:], indent))
            line = f"{line.rstrip()}  {trailing[0]}"
        out.append(line)
    out.extend(_block_lines(attachments.tail, 0))
    while out and out[0] == "":
        out.pop(0)
    return "\n".join(out) + "\n"


def _is_block_collection(node: Node) -> bool:
    return isinstance(node, (MappingNode, SequenceNode)) and not node.flow_style and bool(node.value)


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _show(path: Path) -> str:
    parts = []
    for kind, step in path:
        parts.append(f"[{step}]" if kind == "i" else str(step[1]) if isinstance(step, tuple) else str(step))
    return ".".join(parts) or "the top level"


def flow_holding_comments(source: Scan) -> set[tuple[int, int]]:
    """Where the flow collections that have a comment inside start (line, column)."""
    if source.root is None:
        return set()
    found: set[tuple[int, int]] = set()
    for node in _nodes(source.root):
        if isinstance(node, ScalarNode) or not getattr(node, "flow_style", False):
            continue
        start = (node.start_mark.line, node.start_mark.column)
        end = (node.end_mark.line, node.end_mark.column)
        if any(start < (c.line, c.column) < end for c in source.comments):
            found.add(start)
    return found
