"""Writing inferred compute fields into a run file, changing nothing else: comments, bytes and newlines stay."""

from __future__ import annotations

import copy
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from mcli_lint.loader import Document, Limits, LoadProblem, load_text
from mcli_lint.rules import describe
from mcli_lint.schema import deprecated_fields
from mcli_lint.text import yaml_quote

Value = str | int
_PLAIN = re.compile(r"[A-Za-z][A-Za-z0-9_./-]*")
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")
_DEFAULT_INDENT = 2


class WriteError(Exception):
    """The fields cannot be written into this file safely; nothing was written."""


@dataclass(frozen=True)
class _Edit:
    """Replace the text between two (0-based line, column) points of the file with ``text``."""

    line: int
    column: int
    end_line: int
    end_column: int
    text: str


def scalar(value: Value) -> str:
    """A value as YAML that reads back the same under YAML 1.1 (mcli) and 1.2 (editors)."""
    if isinstance(value, int):
        return str(value)
    if _PLAIN.fullmatch(value) and yaml.safe_load(value) == value and value.lower() not in ("y", "n"):
        return value
    return yaml_quote(value)


def with_compute(raw: str, document: Document, values: Mapping[str, Value]) -> str:
    """``raw`` (the file's text, original newlines kept) with ``values`` written into its compute section."""
    if _normalized(raw) != document.text:
        raise WriteError("the file changed while it was being read")
    if not values:
        return raw
    lines = _LINE.findall(raw)
    newline = next((line[len(line.rstrip("\r\n")) :] for line in lines if line.endswith(("\n", "\r"))), "\n")
    edits = _edits(document, lines, dict(values), newline)
    edited = _apply(lines, edits)
    _verify(edited, document, values)
    return edited


def write_compute(
    path: str, document: Document, values: Mapping[str, Value], limits: Limits | None = None, tree: str | None = None
) -> None:
    """Write the fields into the file at ``path`` through the one writer (edit/writer.py): atomically,
    keeping mode, owner, ACLs and extended attributes, never over a read-only file, a concurrent edit
    or, for a file found in the directory ``tree``, out of that tree through a symlink."""
    # Lazy: the writer (about 80 ms measured) is for `infer --write` alone.
    from mcli_lint.edit import writer

    snapshot = writer.read(path, limits or Limits())
    if isinstance(snapshot, LoadProblem):
        raise WriteError(describe(snapshot).message)
    try:
        raw = snapshot.data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise WriteError("the file is not UTF-8 text") from error
    edited = with_compute(raw, document, values)
    refused = writer.replace(snapshot, edited.encode("utf-8"), tree=tree)
    if refused is not None:
        raise WriteError(refused)


def _normalized(raw: str) -> str:
    # As the loader reads it: universal newlines.
    return raw.replace("\r\n", "\n").replace("\r", "\n")


# -- where the fields go ---------------------------------------------------------------------------


def _edits(document: Document, lines: list[str], values: dict[str, Value], newline: str) -> list[_Edit]:
    root = document.root
    if not isinstance(root, MappingNode):
        raise WriteError("the top level is not a mapping")
    pair = _pair(root, "compute")
    if pair is None:
        return [_new_compute(document, lines, root, values, newline)]
    key, compute = pair
    if _before(compute, key):
        raise WriteError("`compute` is an alias of a mapping written elsewhere; edit it there")
    if isinstance(compute, ScalarNode):
        return _fill_null_compute(lines, key, compute, values, newline, _indent_unit(root))
    if not isinstance(compute, MappingNode):
        raise WriteError("`compute` is not a mapping")
    edits = []
    for name in list(values):
        existing = _pair(compute, name)
        if existing is not None and not _before(existing[1], key):
            edits.append(_fill_null(lines, existing[0], existing[1], scalar(values.pop(name))))
    if values:
        edits.append(_add_entries(lines, key, compute, values, newline, _indent_unit(root)))
    return edits


def _pair(mapping: MappingNode, name: str) -> tuple[Node, Node] | None:
    found = None
    for key, value in mapping.value:
        if isinstance(key, ScalarNode) and key.value == name and key.tag.endswith(":str"):
            found = (key, value)
    return found


def _before(node: Node, key: Node) -> bool:
    """True when a value starts before its own key: an alias of a node written earlier."""
    return (node.start_mark.line, node.start_mark.column) < (key.start_mark.line, key.start_mark.column)


def _own_pairs(mapping: MappingNode, key: Node) -> list[tuple[Node, Node]]:
    """The entries written in the mapping itself, not merged in from an anchor elsewhere."""
    return [(k, v) for k, v in mapping.value if not _before(k, key)]


def _entry(name: str, value: Value) -> str:
    return f"{name}: {scalar(value)}"


def _fill_null(lines: list[str], key: Node, value: Node, text: str) -> _Edit:
    """A field written with no value (`gpus:`, `gpus: ~`): put the value after its colon."""
    if not isinstance(value, ScalarNode) or value.tag != "tag:yaml.org,2002:null":
        raise WriteError("a field to write already has a value")
    start, end = value.start_mark, value.end_mark
    if (start.line, start.column) != (end.line, end.column):
        return _Edit(start.line, start.column, end.line, end.column, text)
    line = lines[key.end_mark.line]
    colon = line.find(":", key.end_mark.column)
    if colon < 0:
        raise WriteError("cannot find the colon after a key")
    return _Edit(key.end_mark.line, colon + 1, key.end_mark.line, colon + 1, " " + text)


def _add_entries(
    lines: list[str], key: Node, mapping: MappingNode, values: dict[str, Value], newline: str, unit: int
) -> _Edit:
    entries = [_entry(name, value) for name, value in values.items()]
    if mapping.flow_style:
        return _flow_insert(lines, mapping, ", ".join(entries))
    own = _own_pairs(mapping, key)
    if own:
        indent = own[0][0].start_mark.column
        after = _last_line(lines, own[-1][1], indent)
    else:  # only merged entries: the new ones go first, under the key
        indent = key.start_mark.column + unit
        after = key.end_mark.line
    return _insert_lines(lines, after, [" " * indent + e for e in entries], newline)


def _fill_null_compute(
    lines: list[str], key: Node, compute: ScalarNode, values: dict[str, Value], newline: str, unit: int
) -> list[_Edit]:
    """`compute:` with nothing under it: the fields go below it, as a block."""
    if compute.tag != "tag:yaml.org,2002:null":
        raise WriteError("`compute` is not a mapping")
    indent = " " * (key.start_mark.column + unit)
    block = [indent + _entry(name, value) for name, value in values.items()]
    edits = [_insert_lines(lines, key.end_mark.line, block, newline)]
    start, end = compute.start_mark, compute.end_mark
    if (start.line, start.column) != (end.line, end.column):  # an explicit `~` or `null` goes
        line = lines[start.line]
        begin = len(line[: start.column].rstrip(" "))
        edits.append(_Edit(start.line, begin, end.line, end.column, ""))
    return edits


def _new_compute(
    document: Document, lines: list[str], root: MappingNode, values: dict[str, Value], newline: str
) -> _Edit:
    entries = [_entry(name, value) for name, value in values.items()]
    if root.flow_style:
        return _flow_insert(lines, root, "compute: {" + ", ".join(entries) + "}")
    own = [(k, v) for k, v in root.value]
    if not own:
        raise WriteError("the top level has no entries")
    # After the deprecated compute fields the request already uses, else after the last entry.
    deprecated = [pair for pair in own if isinstance(pair[0], ScalarNode) and pair[0].value in deprecated_fields()]
    value = (deprecated or own)[-1][1]
    indent = own[0][0].start_mark.column
    unit = _indent_unit(root)
    block = [" " * indent + "compute:", *(" " * (indent + unit) + e for e in entries)]
    if isinstance(value, ScalarNode) and value.style in ("|", ">"):
        # Lines added right after a block scalar could change its kept trailing newlines: go to the end.
        return _insert_lines(lines, len(lines) - 1, block, newline)
    return _insert_lines(lines, _last_line(lines, value, indent), block, newline)


def _indent_unit(root: MappingNode) -> int:
    """The file's indentation step, from its first nested block collection; 2 when it has none."""
    for key, value in root.value:
        # A compact sequence (`- item` under its key, not indented) says nothing about the step.
        if isinstance(value, (MappingNode, SequenceNode)) and not value.flow_style:
            step = int(value.start_mark.column - key.start_mark.column)
            if step > 0:
                return step
    return _DEFAULT_INDENT


def _last_line(lines: list[str], value: Node, indent: int) -> int:
    """The last line (0-based) holding the value's text, not the comments and blank lines after it."""
    end = value.end_mark
    last = end.line - 1 if end.column == 0 and end.line > value.start_mark.line else end.line
    last = min(last, len(lines) - 1)
    while last > value.start_mark.line:
        text = lines[last].rstrip("\r\n")
        stripped = text.lstrip(" ")
        # A comment indented no deeper than the entries belongs after them, not inside the value.
        if stripped and not (stripped.startswith("#") and len(text) - len(stripped) <= indent):
            break
        last -= 1
    return last


def _insert_lines(lines: list[str], after: int, block: list[str], newline: str) -> _Edit:
    """Whole lines after line ``after`` (0-based); a last line without a newline gets one first."""
    if after < 0:
        return _Edit(0, 0, 0, 0, "".join(line + newline for line in block))
    line = lines[after]
    content = line.rstrip("\r\n")
    if line != content:
        return _Edit(after + 1, 0, after + 1, 0, "".join(b + newline for b in block))
    return _Edit(after, len(content), after, len(content), "".join(newline + b for b in block))


def _flow_insert(lines: list[str], mapping: MappingNode, entries: str) -> _Edit:
    """Entries added at the end of a flow mapping, after its last entry (or inside an empty one)."""
    line, column = mapping.end_mark.line, mapping.end_mark.column - 1  # at the closing brace
    if not lines[line][column:].startswith("}"):
        raise WriteError("cannot find the end of a flow mapping")
    while True:  # back over blanks to the last character before the brace
        before = lines[line][:column].rstrip(" \t\r\n")
        if before or line == mapping.start_mark.line:
            break
        line -= 1
        column = len(lines[line])
    column = len(before)
    last = before[-1:]
    text = entries if last == "{" else f" {entries}," if last == "," else f", {entries}"
    return _Edit(line, column, line, column, text)


# -- applying and checking -------------------------------------------------------------------------


def _apply(lines: list[str], edits: list[_Edit]) -> str:
    text = "".join(lines)
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))

    def offset(line: int, column: int) -> int:
        return starts[line] + column if line < len(lines) else len(text)

    for edit in sorted(edits, key=lambda e: (e.line, e.column), reverse=True):
        text = text[: offset(edit.line, edit.column)] + edit.text + text[offset(edit.end_line, edit.end_column) :]
    return text


def _verify(edited: str, document: Document, values: Mapping[str, Value]) -> None:
    """The edited file must read back as the old data plus the new fields, and nothing else."""
    loaded = load_text(_normalized(edited))
    expected: dict[Any, Any] = copy.deepcopy(document.data)
    compute = expected.get("compute")
    expected["compute"] = {**(compute if isinstance(compute, dict) else {}), **values}
    problems = [p.kind for p in loaded.problems]
    if (
        loaded.document is None
        or problems != [p.kind for p in load_text(document.text).problems]
        or (loaded.document.data != expected)
    ):
        raise WriteError("the fields could not be added without changing something else; add them by hand")
