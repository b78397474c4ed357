"""A loaded run file: its data, and the way back from any data path to the source text."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from mcli_lint.diagnostics import Path, Position, Span
from mcli_lint.loader.yaml_loader import MappingKeys

# (key node, value node) of a mapping, by constructed key, the last pair winning as in the data.
MappingIndex = dict[Any, tuple[Node, Node]]


def mark_position(mark: yaml.Mark) -> Position:
    return Position(mark.line + 1, mark.column + 1)


def node_span(node: Node) -> Span:
    return Span(mark_position(node.start_mark), mark_position(node.end_mark))


@dataclass(frozen=True)
class ScalarSource:
    """How a scalar was written: its text as in the file, whether it was quoted, its YAML 1.1 tag."""

    text: str
    plain: bool
    tag: str
    span: Span


@dataclass
class Document:
    text: str
    data: Any
    root: Node
    mapping_keys: MappingKeys

    def __post_init__(self) -> None:
        self._indexes: dict[int, MappingIndex] = {}

    def _index(self, node: MappingNode) -> MappingIndex:
        index = self._indexes.get(id(node))
        if index is None:
            keys = self.mapping_keys.get(id(node), [])
            index = self._indexes[id(node)] = dict(zip(keys, node.value, strict=False))
        return index

    @cached_property
    def lines(self) -> list[str]:
        return self.text.split("\n")

    def span(self, node: Node) -> Span:
        """Where a node is; a block collection is shown by its first line (where it ends depends on
        what follows it, which parsers report differently)."""
        if isinstance(node, (MappingNode, SequenceNode)) and not node.flow_style:
            start = mark_position(node.start_mark)
            line = self.lines[start.line - 1] if start.line <= len(self.lines) else ""
            return Span(start, Position(start.line, max(len(line.rstrip()) + 1, start.column + 1)))
        return node_span(node)

    def _children(self, node: Node) -> Iterator[tuple[object, Node, Node | None]]:
        """(path part, value node, key node) for each child, as the data holds them."""
        if isinstance(node, MappingNode):
            for key, (key_node, value_node) in self._index(node).items():
                yield key, value_node, key_node
        elif isinstance(node, SequenceNode):
            for position, child in enumerate(node.value):
                yield position, child, None

    def _step(self, node: Node, part: object) -> tuple[Node, Node | None] | None:
        if isinstance(node, MappingNode):
            index = self._index(node)
            try:
                pair = index.get(part)
            except TypeError:
                return None
            if pair is None:
                return None
            return pair[1], pair[0]
        if (
            isinstance(node, SequenceNode)
            and isinstance(part, int)
            and not isinstance(part, bool)
            and 0 <= part < len(node.value)
        ):
            return node.value[part], None
        return None

    def find(self, path: Path) -> tuple[Node, Node | None, int]:
        """The deepest node along ``path``, its key node, and how many parts were followed."""
        node, key_node, followed = self.root, None, 0
        for part in path:
            step = self._step(node, part)
            if step is None:
                break
            node, key_node = step
            followed += 1
        return node, key_node, followed

    def trail(self, path: Path) -> list[tuple[Node, Node | None]] | None:
        """Each (value node, key node) along ``path``, root first; None when a step is missing."""
        node: Node = self.root
        steps: list[tuple[Node, Node | None]] = [(node, None)]
        for part in path:
            step = self._step(node, part)
            if step is None:
                return None
            node = step[0]
            steps.append(step)
        return steps

    def locate(self, path: Path, at_key: bool = False) -> Span:
        """The source span of the value at ``path`` (or of its key). The top level is line 1."""
        if not path:
            return Span(Position(1, 1), Position(1, 1))
        node, key_node, followed = self.find(path)
        if followed == 0:
            return Span(Position(1, 1), Position(1, 1))
        if (at_key or followed < len(path)) and key_node is not None:
            return self.span(key_node)
        return self.span(node)

    def scalar(self, path: Path) -> ScalarSource | None:
        node, _, followed = self.find(path)
        if followed != len(path) or not isinstance(node, ScalarNode):
            return None
        return _scalar_source(node)

    def key_scalar(self, path: Path) -> ScalarSource | None:
        """How the last key of ``path`` was written."""
        _, key_node, followed = self.find(path)
        if followed != len(path) or not isinstance(key_node, ScalarNode):
            return None
        return _scalar_source(key_node)

    def scalars(self) -> Iterator[tuple[Path, ScalarSource, bool]]:
        """Every scalar node once, keys included (``True`` flags a key), with its first path."""
        seen: set[int] = set()
        stack: list[tuple[Path, Node]] = [((), self.root)]
        while stack:
            path, node = stack.pop()
            if id(node) in seen:
                continue
            seen.add(id(node))
            if isinstance(node, ScalarNode):
                yield path, _scalar_source(node), False
                continue
            children = list(self._children(node))
            for part, value_node, key_node in reversed(children):
                stack.append(((*path, part), value_node))
                if isinstance(key_node, ScalarNode) and id(key_node) not in seen:
                    seen.add(id(key_node))
                    yield (*path, part), _scalar_source(key_node), True


def _scalar_source(node: ScalarNode) -> ScalarSource:
    return ScalarSource(text=str(node.value), plain=not node.style, tag=str(node.tag), span=node_span(node))
