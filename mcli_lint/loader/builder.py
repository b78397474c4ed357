"""Building data from composed nodes in one pass, for the common shapes of run files.

It reads the same as PyYAML's SafeConstructor (the pure path still uses that one, and the fast
path's differential test compares the two), and steps aside for anything less common: merge
keys, tags other than YAML 1.1's scalars, sequences and mappings, unhashable keys, recursion.
"""

from __future__ import annotations

from typing import Any

from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from mcli_lint.loader.limits import Limits

_PREFIX = "tag:yaml.org,2002:"
STR, SEQ, MAP, MERGE = _PREFIX + "str", _PREFIX + "seq", _PREFIX + "map", _PREFIX + "merge"
_SCALARS = {_PREFIX + kind for kind in ("null", "bool", "int", "float", "timestamp")}
INT, BOOL = _PREFIX + "int", _PREFIX + "bool"
_BOOLEANS = {"true": True, "false": False, "True": True, "False": False}
_CONSTRUCTOR = SafeConstructor()
# Longer numbers and times go the general way, where their limits are checked (a hex integer of
# this length has at most 256 bits).
_SHORT = 64


class StepAside(Exception):
    """This graph is not one the builder handles: construct it the general way."""


class OverLimit(Exception):
    """The tree is deeper or larger than the limits allow: the pure loader will say so."""


class Built:
    def __init__(self) -> None:
        # Constructed keys of each mapping node, in pair order (positions are found from them).
        self.mapping_keys: dict[int, list[Any]] = {}
        # (first key node, repeated key node) for keys a mapping repeats.
        self.duplicates: list[tuple[Node, Node]] = []


def build(root: Node, limits: Limits | None = None) -> tuple[Any, Built]:
    """The data SafeConstructor would build from ``root``; raises StepAside when unsure.

    With ``limits`` (for a tree: text without anchors), depth and node count are checked on the
    way, and OverLimit raised past them.
    """
    built = Built()
    max_depth = limits.max_depth if limits is not None else None
    max_nodes = limits.max_nodes if limits is not None else 0
    count = 1  # the root; each collection adds its children
    # Collections built so far (aliases share them, as with SafeConstructor), and those in progress.
    done: dict[int, Any] = {}
    busy: set[int] = set()

    def scalar(node: ScalarNode) -> Any:
        tag, text = node.tag, node.value
        if tag == STR:
            return text
        # The common spellings, read as SafeConstructor reads them; the rest goes through it.
        if tag == INT and len(text) <= _SHORT and text.isdigit() and (text[0] != "0" or text == "0"):
            return int(text)
        if tag == BOOL and text in _BOOLEANS:
            return _BOOLEANS[text]
        if tag in _SCALARS and len(text) <= _SHORT:
            return _CONSTRUCTOR.yaml_constructors[tag](_CONSTRUCTOR, node)
        raise StepAside  # merge keys and explicit tags among them

    def value(node: Node, depth: int) -> Any:
        nonlocal count
        # `type(...) is` and the inlined str case below: this runs for every node of every file.
        if type(node) is ScalarNode:
            return scalar(node)
        key = id(node)
        if key in done:
            return done[key]
        if key in busy:
            raise StepAside  # recursive
        if max_depth is not None:
            count += len(node.value) * (2 if type(node) is MappingNode else 1)
            if depth > max_depth or count > max_nodes:
                raise OverLimit
        busy.add(key)
        if type(node) is SequenceNode and node.tag == SEQ:
            items: list[Any] = []
            done[key] = items
            items.extend(value(child, depth + 1) for child in node.value)
        elif type(node) is MappingNode and node.tag == MAP:
            mapping: dict[Any, Any] = {}
            done[key] = mapping
            keys = []
            for key_node, value_node in node.value:
                if type(key_node) is ScalarNode:
                    item = key_node.value if key_node.tag == STR else scalar(key_node)
                else:
                    raise StepAside  # a collection as a key: unhashable, or rare
                keys.append(item)
                if type(value_node) is ScalarNode and value_node.tag == STR:
                    mapping[item] = value_node.value
                else:
                    mapping[item] = value(value_node, depth + 1)
            built.mapping_keys[key] = keys
            if len(mapping) < len(keys):
                _repeats(node, keys, built)
        else:
            raise StepAside
        busy.discard(key)
        return done[key]

    return value(root, 1), built


def _repeats(node: MappingNode, keys: list[Any], built: Built) -> None:
    first: dict[Any, Node] = {}
    for item, (key_node, _) in zip(keys, node.value, strict=True):
        if item in first:
            built.duplicates.append((first[item], key_node))
        else:
            first[item] = key_node
