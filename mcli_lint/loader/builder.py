"""Building data from composed nodes in one pass, for the common shapes of run files.

It reads the same as PyYAML's SafeConstructor (the pure path still uses that one, and the fast
path's differential test compares the two), and steps aside for anything less common: merge
keys, tags other than YAML 1.1's scalars, sequences and mappings, unhashable keys, recursion.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

_PREFIX = "tag:yaml.org,2002:"
STR, SEQ, MAP, MERGE = _PREFIX + "str", _PREFIX + "seq", _PREFIX + "map", _PREFIX + "merge"
_SCALARS = {_PREFIX + kind for kind in ("null", "bool", "int", "float", "timestamp")}
_CONSTRUCTOR = SafeConstructor()


class StepAside(Exception):
    """This graph is not one the builder handles: construct it the general way."""


class Built:
    def __init__(self) -> None:
        # Constructed keys of each mapping node, in pair order (positions are found from them).
        self.mapping_keys: dict[int, list[Any]] = {}
        # (first key node, repeated key node) for keys a mapping repeats.
        self.duplicates: list[tuple[Node, Node]] = []


def build(root: Node) -> tuple[Any, Built]:
    """The data SafeConstructor would build from ``root``; raises StepAside when unsure."""
    built = Built()
    done: dict[int, Any] = {}
    busy: set[int] = set()

    def scalar(node: ScalarNode) -> Any:
        if node.tag == STR:
            return node.value
        if node.tag in _SCALARS:
            return _CONSTRUCTOR.yaml_constructors[node.tag](_CONSTRUCTOR, node)
        raise StepAside

    def value(node: Node) -> Any:
        key = id(node)
        if key in done:
            return done[key]
        if isinstance(node, ScalarNode):
            result = done[key] = scalar(node)
            return result
        if key in busy:
            raise StepAside  # recursive
        busy.add(key)
        if isinstance(node, SequenceNode) and node.tag == SEQ:
            items: list[Any] = []
            done[key] = items
            items.extend(value(child) for child in node.value)
        elif isinstance(node, MappingNode) and node.tag == MAP:
            mapping: dict[Any, Any] = {}
            done[key] = mapping
            keys = []
            for key_node, value_node in node.value:
                if key_node.tag == MERGE:
                    raise StepAside
                item = value(key_node)
                if not isinstance(item, Hashable) or isinstance(item, (list, dict)):
                    raise StepAside
                keys.append(item)
                mapping[item] = value(value_node)
            built.mapping_keys[key] = keys
            if len(mapping) < len(keys):
                _repeats(node, keys, built)
        else:
            raise StepAside
        busy.discard(key)
        return done[key]

    return value(root), built


def _repeats(node: MappingNode, keys: list[Any], built: Built) -> None:
    first: dict[Any, Node] = {}
    for item, (key_node, _) in zip(keys, node.value, strict=True):
        if item in first:
            built.duplicates.append((first[item], key_node))
        else:
            first[item] = key_node
