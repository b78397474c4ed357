"""PyYAML's safe loader, instrumented: limits enforced while composing, sources kept for every node.

The data built here is exactly ``yaml.safe_load``'s (YAML 1.1 resolution): the classes below only
observe, except where they refuse input (limits, unsupported tags) before any data is built.
Two loaders share the observing constructor:

- ``PureLoader`` composes with PyYAML's pure-Python parser, mcli's own, counting as it goes;
- ``FastLoader`` composes with libyaml. It is used only for text ``fast_path.eligible`` admits,
  where a differential test shows both read the same data at the same positions.
"""

from __future__ import annotations

import bisect
import collections.abc
import functools
import re
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.events import AliasEvent, CollectionStartEvent, NodeEvent
from yaml.nodes import MappingNode, Node, ScalarNode
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.resolver import Resolver
from yaml.scanner import Scanner

from mcli_lint.loader.limits import MAX_INT_DIGITS, too_many_digits
from mcli_lint.loader.problems import Facts, Kind

MERGE_TAG = "tag:yaml.org,2002:merge"
VALUE_TAG = "tag:yaml.org,2002:value"
KNOWN_TAGS = frozenset(yaml.SafeLoader.yaml_constructors) - {None} | {MERGE_TAG, VALUE_TAG}

_SURROGATE = re.compile("[\ud800-\udfff]")

# The stubs type marks loosely (C or Python Mark, or None); only .line and .column are read.
Mark = Any


class LimitExceeded(Exception):
    def __init__(self, kind: Kind, facts: Facts, mark: Mark) -> None:
        super().__init__(kind)
        self.kind = kind
        self.facts = facts
        self.mark = mark


class Unreadable(Exception):
    """A value mcli's loader cannot build, or builds into data no run can hold (a lone surrogate)."""

    def __init__(self, kind: Kind, facts: Facts, mark: Mark) -> None:
        super().__init__(kind)
        self.kind = kind
        self.facts = facts
        self.mark = mark


class UnsupportedTag(Exception):
    def __init__(self, tag: str, mark: Mark) -> None:
        super().__init__(tag)
        self.tag = tag
        self.mark = mark


# Constructed keys of each mapping node (by id), in the order of its pairs after merges.
MappingKeys = dict[int, list[Any]]


class ObservingConstructor(SafeConstructor):
    """SafeConstructor, recording each mapping's keys and nodes, repeated keys, the current node."""

    def __init__(self) -> None:
        super().__init__()
        self._own_pairs: dict[int, int] = {}
        self.mapping_keys: MappingKeys = {}
        # (first key node, repeated key node) for keys a mapping repeats, merges aside.
        self.duplicates: list[tuple[Node, Node]] = []
        self.current: Node | None = None

    def construct_object(self, node: Node, deep: bool = False) -> Any:
        self.current = node
        return super().construct_object(node, deep)

    # Numbers and times, checked before PyYAML builds them: an empty or sign-only `!!int`, a
    # `!!timestamp` that is no date would crash it; digits past the limit would take it seconds
    # (sexagesimal chains) and could not be printed (Python spells at most 4300 digits).
    def construct_yaml_int(self, node: Node) -> Any:
        _check_number(node)
        value = super().construct_yaml_int(node)  # type: ignore[arg-type]
        if too_many_digits(value):
            raise LimitExceeded(Kind.TOO_MANY_DIGITS, {"limit": MAX_INT_DIGITS}, node.start_mark)
        return value

    def construct_yaml_float(self, node: Node) -> Any:
        _check_number(node)
        return super().construct_yaml_float(node)  # type: ignore[arg-type]

    def construct_yaml_timestamp(self, node: Node) -> Any:
        if not isinstance(node.value, str) or self.timestamp_regexp.match(node.value) is None:
            raise ValueError("not a date or a date and time (YYYY-MM-DD[ HH:MM:SS])")
        return super().construct_yaml_timestamp(node)  # type: ignore[arg-type]

    def construct_yaml_str(self, node: Node) -> Any:
        value = super().construct_yaml_str(node)
        if not value.isascii():
            lone = _SURROGATE.search(value)
            if lone is not None:  # only a "\ud800" escape makes one: UTF-8 cannot encode it
                raise Unreadable(Kind.LONE_SURROGATE, {"value": value, "character": ord(lone.group())}, node.start_mark)
        return value

    def construct_undefined(self, node: Node) -> Any:
        if node.tag == VALUE_TAG:
            raise Unreadable(Kind.VALUE_INDICATOR, {}, node.start_mark)
        raise UnsupportedTag(str(node.tag), node.start_mark)

    def flatten_mapping(self, node: MappingNode) -> None:
        # Remember how many pairs the mapping itself wrote, before merges are spliced in front.
        if id(node) not in self._own_pairs:
            self._own_pairs[id(node)] = sum(1 for key, _ in node.value if key.tag != MERGE_TAG)
        super().flatten_mapping(node)

    def construct_mapping(self, node: Node, deep: bool = False) -> dict[Any, Any]:
        if not isinstance(node, MappingNode):
            return super().construct_mapping(node, deep=deep)  # type: ignore[arg-type]  # raises
        self.flatten_mapping(node)
        first_own = len(node.value) - self._own_pairs[id(node)]
        mapping: dict[Any, Any] = {}
        keys: list[Any] = []
        own: dict[Any, Node] = {}
        for position, (key_node, value_node) in enumerate(node.value):
            key = self.construct_object(key_node, deep=deep)
            if not isinstance(key, collections.abc.Hashable):
                raise yaml.constructor.ConstructorError(
                    "while constructing a mapping",
                    node.start_mark,
                    "found unhashable key",
                    key_node.start_mark,
                )
            mapping[key] = self.construct_object(value_node, deep=deep)
            keys.append(key)
            if position >= first_own:
                if key in own:
                    self.duplicates.append((own[key], key_node))
                else:
                    own[key] = key_node
        self.mapping_keys[id(node)] = keys
        return mapping


def _check_number(node: Node) -> None:
    text = node.value
    if not isinstance(text, str):
        return  # a collection tagged as a number: PyYAML's own error says so
    if len(text) > MAX_INT_DIGITS:
        raise LimitExceeded(Kind.LONG_NUMBER, {"limit": MAX_INT_DIGITS}, node.start_mark)
    if not text.replace("_", "").lstrip("+-"):
        raise ValueError("no digits")


# PyYAML dispatches through its table of constructors, not through methods.
ObservingConstructor.add_constructor(None, ObservingConstructor.construct_undefined)  # type: ignore[type-var]
for _kind in ("int", "float", "timestamp", "str"):
    ObservingConstructor.add_constructor(
        f"tag:yaml.org,2002:{_kind}", getattr(ObservingConstructor, f"construct_yaml_{_kind}")
    )


class LimitedComposer(Composer):
    """PyYAML's composer, counting nodes (aliases expanded) and depth before recursing further."""

    def __init__(self, max_depth: int, max_nodes: int) -> None:
        super().__init__()
        self._max_depth = max_depth
        self._max_nodes = max_nodes
        self._depth = 0
        self._deepest = 0
        self._total = 0
        # (expanded size, collection height) of anchored nodes, once complete.
        self._measured: dict[int, tuple[int, int]] = {}

    def _count(self, amount: int, mark: Mark) -> None:
        self._total += amount
        if self._total > self._max_nodes:
            raise LimitExceeded(Kind.TOO_MANY_NODES, {"limit": self._max_nodes}, mark)

    def _reach(self, depth: int, mark: Mark) -> None:
        if depth > self._max_depth:
            raise LimitExceeded(Kind.TOO_DEEP, {"limit": self._max_depth}, mark)
        self._deepest = max(self._deepest, depth)

    def compose_node(self, parent: Node | None, index: Any) -> Node:
        event = self.peek_event()  # type: ignore[attr-defined]
        if isinstance(event, AliasEvent):
            target = self.anchors.get(event.anchor)
            if target is not None:
                measured = self._measured.get(id(target))
                if measured is None:
                    raise LimitExceeded(Kind.RECURSIVE_ALIAS, {"anchor": str(event.anchor)}, event.start_mark)
                size, height = measured
                self._count(size, event.start_mark)
                self._reach(self._depth + height, event.start_mark)
                if isinstance(target, ScalarNode) and isinstance(parent, MappingNode) and index is None:
                    # An alias as a key: the same scalar, placed where the alias is written (a
                    # repeated or unknown key is reported there, not at its anchor).
                    self.get_event()  # type: ignore[attr-defined]
                    return ScalarNode(target.tag, target.value, event.start_mark, event.end_mark, target.style)  # type: ignore[arg-type]
            return self._compose(parent, index)
        assert isinstance(event, NodeEvent)
        tag = getattr(event, "tag", None)
        if tag is not None and tag != "!" and tag not in KNOWN_TAGS:
            raise UnsupportedTag(tag, event.start_mark)
        entry_depth, saved_deepest, before = self._depth, self._deepest, self._total
        self._deepest = entry_depth
        self._count(1, event.start_mark)
        collection = isinstance(event, CollectionStartEvent)
        if collection:
            self._depth += 1
            self._reach(self._depth, event.start_mark)
        node = self._compose(parent, index)
        if collection:
            self._depth -= 1
        if event.anchor is not None:
            self._measured[id(node)] = (self._total - before, self._deepest - entry_depth)
        self._deepest = max(saved_deepest, self._deepest)
        return node

    def _compose(self, parent: Node | None, index: Any) -> Node:
        node = super().compose_node(parent, index)
        assert node is not None  # PyYAML returns None only at the end of a stream
        return node


assert not Resolver.yaml_path_resolvers, "the safe loader has no path resolvers"
_RESOLVER = Resolver()


@functools.lru_cache(maxsize=4096)
def _resolve(kind: Any, value: Any, implicit: Any) -> Any:
    return _RESOLVER.resolve(kind, value, implicit)  # type: ignore[no-untyped-call]


class CachedResolver(Resolver):
    """PyYAML's resolver, remembered: without path resolvers a node's tag depends on its kind,
    text and implicit flags alone. The parsers call these for every node, so they are C-level
    callables: an LRU cache, and built-ins that accept the arguments and do nothing."""

    resolve = staticmethod(_resolve)
    # Path resolution, which the safe loader does not use: (parent, index) in, nothing done.
    descend_resolver = staticmethod(slice)  # type: ignore[assignment]
    ascend_resolver = staticmethod(tuple)  # type: ignore[assignment]


# Line breaks YAML 1.1 counts besides LF (CR is gone: the text is newline-normalised). PyYAML's
# marks count lines by them, while a file's lines (editors, this tool) end at LF only.
_OTHER_BREAKS = ("\x85", "\u2028", "\u2029")


class PureLoader(Reader, Scanner, Parser, LimitedComposer, ObservingConstructor, CachedResolver):
    """mcli's loader (PyYAML's pure-Python SafeLoader), instrumented."""

    def __init__(self, text: str, max_depth: int, max_nodes: int) -> None:
        # Offsets of the LFs, when the text has other line breaks: marks are then placed by them.
        self._newlines: list[int] | None = None
        if any(brk in text for brk in _OTHER_BREAKS):
            self._newlines = [i for i, char in enumerate(text) if char == "\n"]
        Reader.__init__(self, text)
        Scanner.__init__(self)
        Parser.__init__(self)
        LimitedComposer.__init__(self, max_depth, max_nodes)
        ObservingConstructor.__init__(self)
        CachedResolver.__init__(self)

    def get_mark(self) -> Mark:
        """PyYAML's mark, its line and column counted as the file's own lines (LF only): the
        scanner still reads U+0085, U+2028 and U+2029 as line breaks, as mcli does."""
        mark = super().get_mark()
        if self._newlines is None:
            return mark
        line = bisect.bisect_left(self._newlines, mark.index)
        column = mark.index - (self._newlines[line - 1] + 1 if line else 0)
        return yaml.Mark(mark.name, mark.index, line, column, None, 0)


if yaml.__with_libyaml__:
    from yaml.cyaml import CParser  # type: ignore[attr-defined]

    class FastLoader(CParser, ObservingConstructor, CachedResolver):
        """libyaml's parser and composer, with the same observing constructor."""

        def __init__(self, text: str) -> None:
            CParser.__init__(self, text)
            ObservingConstructor.__init__(self)
            CachedResolver.__init__(self)

else:  # PyYAML built without libyaml: the pure loader serves every file
    FastLoader = None  # type: ignore[assignment,misc]
