"""ruamel.yaml set up to read and write YAML exactly as PyYAML (so mcli) does: the only importer of ruamel.

ruamel resolves plain scalars differently from PyYAML, in its default YAML 1.2 mode (`yes`, `010`, `1:30`)
and even in its 1.1 mode (`1e-4` is a float there, `n` is false; both are strings to PyYAML). Three
things close that gap:

- ruamel's resolver is replaced by :class:`PyYAMLResolver`: PyYAML's own 1.1 table, and ruamel's
  scanner and parser switched to their YAML 1.1 behaviour;
- no scalar is ever converted: a plain one is kept as the exact text written (:class:`Verbatim`) and
  written back as that text, a tagged one keeps its tag, text and quotes (:class:`Tagged`), quoted and
  block scalars keep their style (``preserve_quotes``);
- the caller reads the output back with PyYAML and compares (``mcli_lint.format.verify``).

The dumper works in YAML 1.1 too, but never writes the ``%YAML`` directive that would announce it.
"""

from __future__ import annotations

import io
from types import SimpleNamespace
from typing import Any

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import Comment, CommentedBase, comment_attrib
from ruamel.yaml.composer import Composer
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.emitter import RoundTripEmitter
from ruamel.yaml.events import DocumentStartEvent
from ruamel.yaml.nodes import Node, ScalarNode
from ruamel.yaml.representer import RoundTripRepresenter
from ruamel.yaml.resolver import BaseResolver
from ruamel.yaml.scalarstring import FoldedScalarString, LiteralScalarString, ScalarString
from ruamel.yaml.scanner import Scanner
from ruamel.yaml.tag import Tag

__all__ = ["PyYAMLResolver", "RoundTripError", "Tagged", "Verbatim", "allows_literal", "dump", "load"]

# Wide enough that no scalar or flow collection is ever folded onto a second line.
_NEVER_WRAP = 1_000_000_000


class RoundTripError(Exception):
    """ruamel could not read or write the document the way fmt needs."""


class Verbatim(ScalarString):
    """A plain (unquoted, untagged) scalar, exactly as written; never resolved by ruamel."""

    __slots__ = ()
    style = ""


class Tagged(ScalarString):
    """A scalar with an explicit tag (`!!float '1'`), kept with its tag and quoting, never converted."""

    __slots__ = ("quote", "yaml_tag")
    quote: str
    yaml_tag: Any

    def __new__(cls, value: str, yaml_tag: Any, quote: str, anchor: Any = None) -> Tagged:
        made: Tagged = ScalarString.__new__(cls, value, anchor=anchor)
        made.yaml_tag = yaml_tag
        made.quote = quote
        return made


# What a Tagged value resolves to: a tag no text resolves to, so the emitter always writes the real one.
_NEVER_IMPLICIT = "tag:mcli-lint.dev,2024:explicit"


class PyYAMLResolver(BaseResolver):
    """PyYAML's own YAML 1.1 resolution table (the one mcli reads with), for ruamel's loader and dumper.

    ruamel's own 1.1 table differs (`y` and `n` are booleans there, not in PyYAML). Resolving with
    PyYAML's table makes every decision ruamel takes on a plain scalar (is `<<` a merge key? must this
    text be quoted or tagged to keep its type?) the decision PyYAML would take.
    """

    def __init__(self, version: Any = None, loader: Any = None, loadumper: Any = None) -> None:
        super().__init__(loader if loader is not None else loadumper)

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        if isinstance(value, Tagged):
            return Tag(suffix=_NEVER_IMPLICIT)
        return super().resolve(kind, value, implicit)

    @property
    def processing_version(self) -> Any:
        return (1, 1)  # ruamel's scanner and parser then follow YAML 1.1, as PyYAML's do


for _first, _pairs in yaml.resolver.Resolver.yaml_implicit_resolvers.items():
    for _tag, _regexp in _pairs:
        PyYAMLResolver.add_implicit_resolver_base(_tag, _regexp, [_first])


class _Composer(Composer):
    """Remembers which scalar nodes carried no tag at all: only those are resolved from their text."""

    def __init__(self, loader: Any = None) -> None:
        super().__init__(loader)
        self.untagged: set[int] = set()

    def compose_scalar_node(self, anchor: Any) -> Any:
        untagged = self.parser.peek_event().ctag is None
        node = super().compose_scalar_node(anchor)
        if untagged:
            self.untagged.add(id(node))
        return node


class _Constructor(RoundTripConstructor):
    def construct_object(self, node: Node, deep: bool = False) -> Any:
        untagged = id(node) in self.composer.untagged
        if isinstance(node, ScalarNode) and (node.style is None or not untagged):
            if node in self.constructed_objects:  # an alias of an anchored scalar
                return self.constructed_objects[node]
            if untagged:
                value: ScalarString = Verbatim(node.value, anchor=node.anchor)
            else:
                value = Tagged(node.value, node.tag, node.style or "", anchor=node.anchor)
            self.constructed_objects[node] = value
            return value
        data = super().construct_object(node, deep)
        # ruamel drops an anchor nothing refers to unless told to keep it; the user wrote it.
        if node.anchor is not None and hasattr(data, "yaml_set_anchor"):
            data.yaml_set_anchor(node.anchor, always_dump=True)
        return data


class _Representer(RoundTripRepresenter):
    pass


def _represent_verbatim(representer: Any, data: Verbatim) -> Any:
    # Tag the node with whatever the dumper's own resolver makes of the text, so the serializer sees
    # an implicit scalar and the emitter writes the text plain, unchanged.
    tag = representer.dumper.resolver.resolve(ScalarNode, str(data), (True, False))
    return representer.represent_scalar(tag, data, style="", anchor=data.yaml_anchor())


class _Emitter(RoundTripEmitter):
    """Writes YAML 1.1 (the dumper is given version 1.1, which the plain-scalar checks follow) but
    never the ``%YAML`` directive that version would add: the user did not write one."""

    def emit(self, event: Any) -> None:
        if isinstance(event, DocumentStartEvent):
            event.version = None
        super().emit(event)


def _represent_tagged(representer: Any, data: Tagged) -> Any:
    return representer.represent_scalar(data.yaml_tag, data, style=data.quote, anchor=data.yaml_anchor())


_Representer.add_representer(Verbatim, _represent_verbatim)
_Representer.add_representer(Tagged, _represent_tagged)


def load(text: str) -> Any:
    """The round-trip tree of ``text`` (one document, BOM and CR already removed), without comments.

    Comments are handled by :mod:`mcli_lint.format.comments` from PyYAML's own scan, so ruamel's
    comment-collecting scanner is swapped for its plain one.
    """
    rt = YAML(typ="rt", pure=True)
    rt.version = (1, 1)  # load only: the dumper gets no version, so it writes no %YAML directive
    rt.Scanner = Scanner
    rt.Resolver = PyYAMLResolver
    rt.Composer = _Composer
    rt.Constructor = _Constructor
    rt.preserve_quotes = True
    try:
        tree = rt.load(text)
    except Exception as error:  # ruamel raises more than YAMLError on odd input; any of them means: refuse
        raise RoundTripError(f"ruamel.yaml cannot read it ({type(error).__name__})") from error
    _forget_comments(tree, set())
    return tree


def _forget_comments(value: Any, seen: set[int]) -> None:
    # A few comments (after a block scalar's `|`) reach the tree even from the plain scanner.
    if isinstance(value, (LiteralScalarString, FoldedScalarString)):
        value.comment = None  # type: ignore[union-attr]  # a __slots__ attribute the stubs do not declare
    if id(value) in seen or not isinstance(value, CommentedBase):
        return
    seen.add(id(value))
    setattr(value, comment_attrib, Comment())
    if isinstance(value, dict):
        for key, child in value.items():
            _forget_comments(key, seen)
            _forget_comments(child, seen)
    elif isinstance(value, list):
        for child in value:
            _forget_comments(child, seen)


def dump(tree: Any) -> str:
    """``tree`` in fmt's layout: two-space mappings, sequences indented under their key, no wrapping."""
    rt = YAML(typ="rt", pure=True)
    rt.Resolver = PyYAMLResolver
    rt.Representer = _Representer
    rt.Emitter = _Emitter
    rt.version = (1, 1)
    rt.width = _NEVER_WRAP
    rt.allow_unicode = True
    rt.indent(mapping=2, sequence=4, offset=2)
    rt.brace_single_entry_mapping_in_flow_sequence = True
    stream = io.StringIO()
    try:
        rt.dump(tree, stream)
    except Exception as error:  # as above: refuse the file, never crash the run
        raise RoundTripError(f"ruamel.yaml cannot write it ({type(error).__name__})") from error
    return stream.getvalue()


def allows_literal(value: str) -> bool:
    """Whether the emitter can write ``value`` as a literal block scalar (else it falls back to quotes)."""
    # The emitter reads the YAML version from its dumper's serializer; a stand-in gives it 1.1.
    dumper = SimpleNamespace(_serializer=SimpleNamespace(use_version=(1, 1)))
    emitter = RoundTripEmitter(io.StringIO(), allow_unicode=True, dumper=dumper)
    return bool(emitter.analyze_scalar(value).allow_block)
