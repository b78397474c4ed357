"""When libyaml may compose a file in place of PyYAML's pure parser, and the limits it then needs.

libyaml and PyYAML's pure-Python parser disagree on some inputs (tabs, YAML 1.1 line breaks,
tags, complex keys, block scalar headers, directives...). Files using none of that are the
fast path's; everything else goes to the pure loader, mcli's own. A differential Hypothesis test
(tests/test_fast_path.py) holds the two to the same data and positions on every admitted text.
"""

from __future__ import annotations

import re

from yaml.nodes import MappingNode, Node, SequenceNode

from mcli_lint.loader.limits import Limits

# Constructs the two parsers are known to read differently, or that this module does not bound:
# each is looked for only when a character it needs is in the text (plain substring tests are
# far cheaper than one regex trying every alternative at every position).
_ODD_CHARACTERS = ("\t", "\r", "\x85", "\u2028", "\u2029", "\ufeff")  # tabs, other line breaks, a BOM
_GATED = (
    ("!", re.compile(r"(?:^|[\s\[\]{},:?-])!", re.M)),  # a tag
    ("?", re.compile(r"(?:^|[\s\[{,])\?(?:\s|$)", re.M)),  # a complex key
    ("%", re.compile(r"^%", re.M)),  # a directive
    ("#", re.compile(r"[|>][0-9+-]*#")),  # a block scalar header running into a comment
    ("---", re.compile(r"^---[ ]*(?:#.*)?(?:\n|$)(?:\s*(?:#.*)?(?:\n|$))*\Z|^---\S", re.M)),  # empty doc
    ("...", re.compile(r"^\.\.\.\S", re.M)),  # a marker glued to text
    ("*", re.compile(r"\*[\w-]+[ \t]*:(?:[ \t\n]|$)", re.M)),  # an alias as a key: placed at the alias
)
_EMPTY_FLOW_VALUE = re.compile(r":[ \n]+[,}\]]")  # placed differently by the two


def eligible(text: str) -> bool:
    body = text[1:] if text.startswith("\ufeff") else text
    if any(char in body for char in _ODD_CHARACTERS):
        return False
    if "\\u" in body or "\\U" in body:  # an escape may make a lone surrogate, which the pure loader refuses
        return False
    # In flow context PyYAML's pure scanner ends a plain scalar at `?`; libyaml does not.
    if ("[" in body or "{" in body) and ("?" in body or _EMPTY_FLOW_VALUE.search(body)):
        return False
    return not any(trigger in body and pattern.search(body) for trigger, pattern in _GATED)


_LINE_START = re.compile(r"^ *(?:[-?] +)*", re.M)


def depth_bound(text: str) -> int:
    """An upper bound on collection nesting, from the text alone.

    Along any chain of nested block collections the start column never decreases and grows but
    for a sequence directly under a mapping key; a collection starts at a line's indentation or
    after its compact ``- `` / ``? `` indicators. Flow collections add at most one level per
    bracket. Tab-free text only (``eligible`` rejects tabs).
    """
    widest = max(map(len, _LINE_START.findall(text)), default=0)
    return 2 * (widest + 1) + text.count("[") + text.count("{")


def within_limits(text: str, root: Node, limits: Limits) -> bool:
    """Whether the composed graph stays within the limits (counted after alias expansion)."""
    # Without anchors the graph is a tree of at most a few nodes per character: skip the walk
    # when neither bound can be exceeded.
    if "&" not in text and 4 * len(text) + 4 <= limits.max_nodes and depth_bound(text) <= limits.max_depth:
        return True
    measured: dict[int, tuple[int, int] | None] = {}

    def measure(node: Node, depth: int) -> tuple[int, int] | None:
        """(expanded size, collection height), or None when over a limit or recursive."""
        if depth > limits.max_depth:
            return None
        key = id(node)
        if key in measured:
            return measured[key]  # None here means: still being measured, so recursive
        measured[key] = None
        if isinstance(node, MappingNode):
            children = [part for pair in node.value for part in pair]
        elif isinstance(node, SequenceNode):
            children = list(node.value)
        else:
            measured[key] = (1, 0)
            return measured[key]
        size, height = 1, 0
        for child in children:
            result = measure(child, depth + 1)
            if result is None:
                return None
            size += result[0]
            height = max(height, result[1])
            if size > limits.max_nodes or height + 1 > limits.max_depth:
                return None
        measured[key] = (size, height + 1)
        return measured[key]

    return measure(root, 0) is not None


def first_over_limit(root: Node, limits: Limits) -> tuple[str, Node] | None:
    """In a tree (no anchors), where PyYAML's composer would stop: ("nodes" or "depth", the node),
    found in its order (depth first, a key before its value), or None within the limits.

    This answers a huge file over a limit at libyaml's speed, where the pure parser would take
    seconds to reach the same node."""
    count = 0
    stack: list[tuple[Node, int]] = [(root, 0)]
    while stack:
        node, depth = stack.pop()
        count += 1
        if count > limits.max_nodes:
            return "nodes", node
        if isinstance(node, MappingNode):
            children = [part for pair in node.value for part in pair]
        elif isinstance(node, SequenceNode):
            children = list(node.value)
        else:
            continue
        if depth + 1 > limits.max_depth:
            return "depth", node
        stack.extend((child, depth + 1) for child in reversed(children))
    return None
