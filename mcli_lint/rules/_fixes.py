"""What the rules' fixes share: where a value is written, whether it can be edited in place (no
anchor shares it with other paths), and the text edits that quote, unquote or replace one."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.resolver import Resolver

from mcli_lint.diagnostics import Applicability, Edit, Fix, Path, Position
from mcli_lint.loader.document import mark_position
from mcli_lint.rules.base import Context
from mcli_lint.text import yaml_quote

_BREAKS = re.compile(r"\r\n|[\r\n\x85\u2028\u2029]")
# Text that may be written plain: what image references, field names and enum values are made of.
_PLAIN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._/@-]*(?::[A-Za-z0-9._/@-]+)*")
_STR = "tag:yaml.org,2002:str"
_RESOLVER = Resolver()  # PyYAML's YAML 1.1 resolution of plain scalars, as mcli reads them


def _shared(ctx: Context) -> frozenset[int]:
    """Nodes reached by more than one path (through an alias or a `<<` merge): an edit there shows
    at every path that reaches it."""
    assert ctx.document is not None
    text = ctx.document.text
    if "&" not in text or "*" not in text:
        return frozenset()  # no anchor or no alias: nothing is reached twice
    seen: Counter[int] = Counter()
    stack: list[Node] = [ctx.document.root]
    while stack:
        node = stack.pop()
        children: list[Node] = []
        if isinstance(node, MappingNode):
            children = [part for pair in node.value for part in pair]
        elif isinstance(node, SequenceNode):
            children = list(node.value)
        for child in children:
            seen[id(child)] += 1
            if seen[id(child)] == 1:
                stack.append(child)
    return frozenset(key for key, count in seen.items() if count > 1)


def lines(ctx: Context) -> list[str]:
    """The file's lines as YAML counts them (1-based through ``line``), the BOM left out."""
    assert ctx.document is not None
    text = ctx.document.text
    if not any(c in text for c in "\r\x85\u2028\u2029\ufeff"):
        return ctx.document.lines  # the document's own split, shared with the other rules
    return _BREAKS.split(text.removeprefix("\ufeff"))


def line(ctx: Context, number: int) -> str:
    found = ctx.derived(lines)
    return found[number - 1] if 0 < number <= len(found) else ""


@dataclass(frozen=True)
class Written:
    """A node the file writes once, at one place: its value node, its key node (in a mapping)."""

    node: Node
    key: Node | None


def local(ctx: Context, path: Path, key_only: bool = False) -> Written | None:
    """The node at ``path`` when it, and every collection on the way to it, is written for this path
    alone (no anchor aliased elsewhere, no merge), so that a text edit changes this path only. With
    ``key_only`` (an edit of the key), the value may be shared: it stays as it is."""
    if ctx.document is None:
        return None
    trail = ctx.document.trail(path)
    if trail is None:
        return None
    shared = ctx.derived(_shared)
    checked = [(None if key_only and index == len(trail) - 1 else node, key) for index, (node, key) in enumerate(trail)]
    if any(
        (node is not None and id(node) in shared) or (key is not None and id(key) in shared) for node, key in checked
    ):
        return None
    node, key = trail[-1]
    return Written(node, key)


def scalar_text(ctx: Context, node: Node) -> tuple[Position, Position, str] | None:
    """Where a one-line scalar is written and its text as written (quotes included); None for a
    multi-line scalar, or one with an anchor or a tag before it."""
    if not isinstance(node, ScalarNode) or node.style not in (None, "", "'", '"'):
        return None
    start, end = mark_position(node.start_mark), mark_position(node.end_mark)
    if start.line != end.line or start == end:
        return None
    written = line(ctx, start.line)[start.column - 1 : end.column - 1]
    expected = node.value if not node.style else None
    if expected is not None and written != expected:
        return None  # an anchor or a tag is written first: the edit would drop it
    if node.style and not (len(written) >= 2 and written[0] == written[-1] == node.style):
        return None
    return start, end, written


def rest_of_line(ctx: Context, end: Position) -> str | None:
    """What follows a value on its line: nothing or a comment (kept, spaced as written); else None."""
    rest = line(ctx, end.line)[end.column - 1 :].rstrip()
    return rest if rest == "" or rest.lstrip().startswith("#") else None


def one_line_entry(ctx: Context, key: Node | None, value: Node) -> tuple[int, str, str] | None:
    """A one-line `key: value  # comment` entry: its line, its value as written, what follows it."""
    if not isinstance(key, ScalarNode) or key.start_mark.line != value.start_mark.line:
        return None
    written = scalar_text(ctx, value)
    if written is None:
        return None
    rest = rest_of_line(ctx, written[1])
    return (written[0].line, written[2], rest) if rest is not None else None


def replace_scalar(ctx: Context, path: Path, text: str, at_key: bool = False) -> Edit | None:
    """An edit writing ``text`` in place of the one-line scalar at ``path`` (or its key)."""
    found = local(ctx, path, key_only=at_key)
    if found is None:
        return None
    node = found.key if at_key else found.node
    where = scalar_text(ctx, node) if node is not None else None
    if where is None:
        return None
    start, end, _ = where
    return Edit(start, end, text)


def plain_tag(text: str) -> str:
    """The tag YAML 1.1 gives ``text`` written plain (`yes` is a bool, `010` an int)."""
    tag: str = _RESOLVER.resolve(ScalarNode, text, (True, False))  # type: ignore[no-untyped-call]
    return tag


def scalar(text: str) -> str:
    """``text`` as a YAML scalar that reads back as exactly that string: plain when it can be."""
    if _PLAIN.fullmatch(text) and plain_tag(text) == _STR:
        return text
    return yaml_quote(text)


def replace_text(ctx: Context, path: Path, value: str) -> Edit | None:
    """An edit writing the string ``value`` in place of the one-line scalar at ``path``, in the
    quotes it was written with when it can (`'Low'` becomes `'low'`), else as :func:`scalar` does."""
    found = local(ctx, path)
    node = found.node if found is not None else None
    where = scalar_text(ctx, node) if isinstance(node, ScalarNode) else None
    if not isinstance(node, ScalarNode) or where is None:
        return None
    quote = node.style
    keeps = quote in ("'", '"') and value.isprintable() and "\\" not in value and quote not in value
    written = f"{quote}{value}{quote}" if keeps else scalar(value)
    return Edit(where[0], where[1], written)


def edit_fix(title: str, edit: Edit | None, applicability: Applicability, *changes: Path) -> Fix:
    """The fix an edit makes, or, without one, the fix that cannot be made as the file is written."""
    return Fix(title, (edit,) if edit is not None else (), applicability, changes)
