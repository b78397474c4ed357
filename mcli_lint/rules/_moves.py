"""Moving a top-level `name: value` line under `compute:` as a text edit (deprecated fields, MCL106;
old names, MCL102): the line goes, its entry is added to `compute` as written there (block, flow or
empty), or a `compute:` is made in its place."""

from __future__ import annotations

import re

from yaml.nodes import MappingNode, Node, ScalarNode

from mcli_lint.diagnostics import Edit, Position
from mcli_lint.rules._fixes import line, local, one_line_entry
from mcli_lint.rules.base import Context


def move_into_compute(ctx: Context, name: str, target: str, creates: bool) -> tuple[Edit, ...] | None:
    """The edits that move the top-level ``name`` line under `compute:` as ``target``, or None when
    that cannot be done as written. Without `compute`, the move makes it only when ``creates`` (when
    several lines move, the first makes it and the others follow on the next pass)."""
    here = local(ctx, (name,))
    if here is None or here.key is None or here.key.start_mark.column != 0:
        return None
    entry = one_line_entry(ctx, here.key, here.node)
    if entry is None:
        return None
    number, value, rest = entry
    moved = f"{target}: {value}{rest}"
    line_out = Edit(Position(number, 1), Position(number + 1, 1))
    if "compute" not in ctx.data:
        return (Edit(line_out.start, line_out.end, f"compute:\n  {moved}\n"),) if creates else None
    compute = local(ctx, ("compute",))
    data = ctx.data["compute"]
    if compute is None or (isinstance(data, dict) and target in data):
        return None
    into = _into(ctx, compute.node, compute.key, moved, rest)
    if into is None:
        return None
    if into.start == line_out.start:  # `compute` ends right above it: the line is rewritten in place
        return (Edit(line_out.start, line_out.end, into.text),)
    return (line_out, into)


def _into(ctx: Context, node: Node, key: Node | None, moved: str, rest: str) -> Edit | None:
    """The edit that adds the ``moved`` entry to the `compute` mapping ``node``."""
    if isinstance(node, MappingNode) and not node.flow_style and node.value:
        # After the last entry when it is one line (the moved fields then keep their order), else
        # before the first; at the entries' indentation.
        first = node.value[0][0]
        indent = first.start_mark.column
        last = one_line_entry(ctx, *node.value[-1])
        start = Position(last[0] + 1 if last is not None else first.start_mark.line + 1, 1)
        if line(ctx, first.start_mark.line + 1)[:indent].strip():
            return None
        return Edit(start, start, f"{' ' * indent}{moved}\n")
    if isinstance(node, MappingNode) and node.flow_style and not rest:
        at = Position(node.start_mark.line + 1, node.start_mark.column + 2)
        if line(ctx, at.line)[at.column - 2 : at.column - 1] != "{":
            return None
        return Edit(at, at, moved + (", " if node.value else ""))
    if isinstance(node, ScalarNode) and node.tag.endswith(":null") and node.start_mark.index == node.end_mark.index:
        after = line(ctx, key.start_mark.line + 1)[key.end_mark.column :] if key is not None else ""
        if key is None or key.start_mark.column != 0 or not re.fullmatch(r"[ ]*:[ ]*(#.*)?", after):
            return None
        below = Position(key.start_mark.line + 2, 1)
        return Edit(below, below, f"  {moved}\n")
    return None
