"""``check --fix``'s layout (format.legacy) of a round-trip tree: key order and block style from the run schema.

- Top level: the schema's current (not deprecated) fields in the schema's order, then every other key
  (deprecated fields, unknown keys) in the order it was written.
- Inside ``compute``, ``scheduling``, each integration (``integration_type`` first, then that type's
  fields) and ``experiment_tracker`` (and each tracker): the schema's order, then unknown keys as written.
- Every collection the schema describes is written in block style; user content (``parameters``,
  ``metadata``, anything the schema leaves free-form) keeps its order and style, except that a flow
  collection holding a comment becomes block so the comment keeps a line of its own.
- A multi-line ``command`` becomes a literal block scalar when the emitter can write its value that way.
"""

from __future__ import annotations

from typing import Any

import yaml
from ruamel.yaml.comments import CommentedMap, CommentedSeq, merge_attrib
from ruamel.yaml.scalarstring import (
    DoubleQuotedScalarString,
    FoldedScalarString,
    LiteralScalarString,
    SingleQuotedScalarString,
)

from mcli_lint import schema
from mcli_lint.format.roundtrip import Tagged, Verbatim, allows_literal
from mcli_lint.format.schema_order import branch, structured, top_level_order, variant

__all__ = ["arrange", "key_name", "top_level_order"]

_STR = "tag:yaml.org,2002:str"
_RESOLVER = yaml.resolver.Resolver()
Spec = dict[str, Any]


def key_name(key: object) -> str | None:
    """The string a key is to PyYAML (so to mcli), or None when it is not a string (`yes:` is a boolean)."""
    if isinstance(key, Verbatim):
        tag = _RESOLVER.resolve(yaml.ScalarNode, str(key), (True, False))  # type: ignore[no-untyped-call]
        return str(key) if tag == _STR else None
    if isinstance(key, (SingleQuotedScalarString, DoubleQuotedScalarString, LiteralScalarString)):
        return str(key)
    if isinstance(key, Tagged) and str(key.yaml_tag) in ("!!str", _STR):
        return str(key)
    return None


def _reorder(mapping: CommentedMap, order: list[str] | tuple[str, ...]) -> None:
    if getattr(mapping, merge_attrib, None):
        return  # a `<<` merge is positional in ruamel's tree; leave such a mapping as written
    rank = {name: position for position, name in enumerate(order)}
    keys = list(mapping.keys())

    def sort_key(item: tuple[int, Any]) -> tuple[int, int]:
        written, key = item
        name = key_name(key)
        return (0, rank[name]) if name is not None and name in rank else (1, written)

    for _, key in sorted(enumerate(keys), key=sort_key):
        mapping.move_to_end(key)


def _kind(value: object) -> str:
    return "map" if isinstance(value, dict) else "seq" if isinstance(value, list) else "scalar"


def _values(mapping: CommentedMap) -> dict[str | None, str | None]:
    return {key_name(key): key_name(value) for key, value in mapping.items()}


def _arrange(value: object, spec: Spec, order: list[str] | tuple[str, ...] | None = None) -> None:
    spec = branch(spec, _kind(value))
    if isinstance(value, CommentedMap) and order is None:
        spec, order = variant(spec, _values(value))
    if not structured(spec):
        return
    if isinstance(value, CommentedMap):
        value.fa.set_block_style()
        properties: Spec = spec.get("properties", {})
        if properties or order:
            _reorder(value, order if order is not None else list(properties))
        extra = spec.get("additionalProperties")
        for key, child in value.items():
            name = key_name(key)
            child_spec = properties.get(name) if name is not None else None
            if child_spec is None and isinstance(extra, dict):
                child_spec = extra
            if child_spec is not None:
                _arrange(child, child_spec)
    elif isinstance(value, CommentedSeq) and "items" in spec:
        value.fa.set_block_style()
        for item in value:
            _arrange(item, spec["items"])


def _blocks_with_comments(value: object, positions: set[tuple[int, int]]) -> None:
    """Block style for the flow collections (anywhere) that hold a comment, found by where they start."""
    if isinstance(value, (CommentedMap, CommentedSeq)):
        if (value.lc.line, value.lc.col) in positions:
            value.fa.set_block_style()
        children = value.values() if isinstance(value, CommentedMap) else value
        for child in children:
            _blocks_with_comments(child, positions)


def _literal_command(tree: CommentedMap) -> None:
    for key, value in tree.items():
        # Only a string written plain, quoted or folded; never one with a tag or an anchor.
        convertible = (Verbatim, SingleQuotedScalarString, DoubleQuotedScalarString, FoldedScalarString)
        if key_name(key) != "command" or type(value) not in convertible or value.yaml_anchor() is not None:
            continue
        text = str(value)
        if "\n" in text.rstrip("\n") and allows_literal(text):
            tree[key] = LiteralScalarString(text)


def arrange(tree: CommentedMap, flow_with_comments: set[tuple[int, int]]) -> None:
    """Put ``tree`` (the whole document) in the canonical layout, in place."""
    _blocks_with_comments(tree, flow_with_comments)
    _arrange(tree, schema.run_schema(), top_level_order())
    _literal_command(tree)
