"""Load a run file as mcli does, keeping source positions; every problem becomes a LoadProblem."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, BinaryIO

import yaml
from yaml.events import StreamEndEvent
from yaml.nodes import Node

from mcli_lint.diagnostics import Position, Span
from mcli_lint.loader.builder import OverLimit, StepAside, build
from mcli_lint.loader.document import Document, mark_position, node_span
from mcli_lint.loader.fast_path import eligible, first_over_limit, within_limits
from mcli_lint.loader.limits import Limits
from mcli_lint.loader.problems import Kind, LoadProblem, point, position_of_offset
from mcli_lint.loader.source import Source, read_path, read_stream
from mcli_lint.loader.yaml_loader import (
    FastLoader,
    LimitExceeded,
    MappingKeys,
    PureLoader,
    Unreadable,
    UnsupportedTag,
)

__all__ = ["Document", "Kind", "Limits", "LoadProblem", "LoadResult", "load_path", "load_stream", "load_text"]


@dataclass
class LoadResult:
    text: str | None
    document: Document | None
    problems: list[LoadProblem] = field(default_factory=list)


def load_path(path: str, limits: Limits | None = None) -> LoadResult:
    return _from_source(read_path(path, limits or Limits()), limits or Limits())


def load_stream(stream: BinaryIO, limits: Limits | None = None) -> LoadResult:
    return _from_source(read_stream(stream, limits or Limits()), limits or Limits())


def _from_source(source: Source | LoadProblem, limits: Limits) -> LoadResult:
    if isinstance(source, LoadProblem):
        return LoadResult(None, None, [source])
    return load_text(source.text, limits)


def _span_at(mark: Any, text: str | None = None) -> Span:
    """One character at ``mark``; at the end of a line or of ``text``, where there is none, an empty span."""
    if mark is None:
        return point(Position(1, 1))
    position = mark_position(mark)
    if text is not None and (mark.index >= len(text) or text[mark.index] == "\n"):
        return Span(position, position)
    return point(position)


def _yaml_error(error: yaml.MarkedYAMLError, text: str) -> LoadProblem:
    facts = {"problem": error.problem or "", "context": error.context or ""}
    mark = error.problem_mark or error.context_mark
    if "could not find expected ':'" in str(error.problem) and error.context_mark is not None:
        mark = error.context_mark  # the line without its colon, not the one after it
    if "'\\t'" in str(error.problem) or "tab" in str(error.problem):  # PyYAML writes the tab as '\t'
        facts["tab_indents"] = "yes" if _in_indentation(mark) else "no"
    return LoadProblem(Kind.SYNTAX, _span_at(mark, text), facts)


def _in_indentation(mark: Any) -> bool:
    """Whether the mark stands in its line's indentation (only blanks and dashes before it)."""
    buffer, pointer = getattr(mark, "buffer", None), getattr(mark, "pointer", None)
    if not isinstance(buffer, str) or not isinstance(pointer, int):
        return True
    start = buffer.rfind("\n", 0, pointer) + 1
    return buffer[start:pointer].strip(" \t-") == ""


def load_text(text: str, limits: Limits | None = None, *, fast: bool = True) -> LoadResult:
    """Parse ``text`` (already decoded and newline-normalised) into a Document.

    libyaml composes the files the fast path admits; any doubt (an error, a limit, a tag) sends
    the file to PyYAML's pure loader, mcli's own, which alone words the problems.
    """
    limits = limits or Limits()
    if fast and eligible(text):
        quick = load_fast(text, limits)
        if quick is not None:
            return quick
    return _load_pure(text, limits)


def load_fast(text: str, limits: Limits) -> LoadResult | None:
    """libyaml's reading of an eligible text, or None where the pure loader must decide."""
    if FastLoader is None:
        return None
    loader = FastLoader(text)
    try:
        root = loader.get_single_node()
        if root is None:
            return LoadResult(text, None, [LoadProblem(Kind.EMPTY)])
        # Without anchors the graph is a tree, and the builder checks the limits as it goes.
        tree = "&" not in text
        if not tree and not within_limits(text, root, limits):
            return None
        try:
            data, built = build(root, limits if tree else None)
            keys, duplicates = built.mapping_keys, built.duplicates
        except OverLimit:
            return _over_limit(text, root, limits)
        except StepAside:
            if tree and not within_limits(text, root, limits):
                return _over_limit(text, root, limits)
            try:
                data = loader.construct_document(root)
            except (LimitExceeded, Unreadable) as error:  # where and as the pure loader says it
                return LoadResult(text, None, [LoadProblem(error.kind, _span_at(error.mark, text), error.facts)])
            keys, duplicates = loader.mapping_keys, loader.duplicates
    except Exception:  # the pure loader will say what it is
        return None
    finally:
        loader.dispose()
    return _result(text, root, data, keys, duplicates)


def _over_limit(text: str, root: Node, limits: Limits) -> LoadResult | None:
    """A tree over a limit, reported where the pure loader would report it, without its slow parse."""
    found = first_over_limit(root, limits)
    if found is None:
        return None
    what, node = found
    kind, limit = (Kind.TOO_MANY_NODES, limits.max_nodes) if what == "nodes" else (Kind.TOO_DEEP, limits.max_depth)
    return LoadResult(text, None, [LoadProblem(kind, _span_at(node.start_mark, text), {"limit": limit})])


def _load_pure(text: str, limits: Limits) -> LoadResult:
    try:
        loader = PureLoader(text, limits.max_depth, limits.max_nodes)
    except yaml.reader.ReaderError as error:
        where = point(position_of_offset(text, error.position))
        return LoadResult(
            text,
            None,
            [LoadProblem(Kind.NON_PRINTABLE, where, {"character": error.character})],
        )
    try:
        return _compose_and_construct(loader, text)
    except (LimitExceeded, Unreadable) as error:
        return LoadResult(text, None, [LoadProblem(error.kind, _span_at(error.mark, text), error.facts)])
    except UnsupportedTag as error:
        return LoadResult(
            text,
            None,
            [LoadProblem(Kind.UNSUPPORTED_TAG, _span_at(error.mark), {"tag": short_tag(error.tag)})],
        )
    except yaml.MarkedYAMLError as error:
        return LoadResult(text, None, [_yaml_error(error, text)])
    except (ValueError, KeyError, OverflowError, TypeError, RecursionError, MemoryError) as error:
        # A constructor (or the scanner) failed on a value: `!!bool maybe`, `2024-02-30`, a huge int.
        node = loader.current
        mark = node.start_mark if node is not None else loader.get_mark()
        facts: dict[str, str | int] = {
            "reason": "not a valid value for that tag" if isinstance(error, KeyError) else str(error).split(";")[0]
        }
        if node is not None:
            facts.update(value=str(getattr(node, "value", "")), tag=short_tag(str(getattr(node, "tag", ""))))
        return LoadResult(text, None, [LoadProblem(Kind.BAD_VALUE, _span_at(mark), facts)])
    finally:
        loader.dispose()


def _compose_and_construct(loader: PureLoader, text: str) -> LoadResult:
    loader.get_event()  # type: ignore[no-untyped-call]  # stream start
    if loader.check_event(StreamEndEvent):
        return LoadResult(text, None, [LoadProblem(Kind.EMPTY)])
    root = loader.compose_document()
    assert root is not None  # the stream is not empty
    if not loader.check_event(StreamEndEvent):
        event = loader.get_event()  # type: ignore[no-untyped-call]
        return LoadResult(
            text,
            None,
            [LoadProblem(Kind.MULTIPLE_DOCUMENTS, _span_at(event.start_mark))],
        )
    data = loader.construct_document(root)
    return _result(text, root, data, loader.mapping_keys, loader.duplicates)


def _result(text: str, root: Node, data: object, keys: MappingKeys, duplicates: list[tuple[Node, Node]]) -> LoadResult:
    """The document and the problems of loaded data: repeated keys, no data, not a mapping."""
    ordered = sorted(duplicates, key=lambda pair: (pair[1].start_mark.line, pair[1].start_mark.column))
    problems = [_duplicate(first, repeat) for first, repeat in ordered]
    if data is None:
        problems.append(LoadProblem(Kind.NULL_DOCUMENT))
        return LoadResult(text, None, problems)
    if not isinstance(data, dict):
        found = _kind(type(data).__name__)
        problems.append(LoadProblem(Kind.NOT_A_MAPPING, point(mark_position(root.start_mark)), {"kind": found}))
        return LoadResult(text, None, problems)
    return LoadResult(text, Document(text, data, root, keys), problems)


def _duplicate(first: Node, repeat: Node) -> LoadProblem:
    facts: dict[str, str | int] = {
        "written": str(repeat.value),
        "earlier": str(first.value),
        "line": first.start_mark.line + 1,
    }
    return LoadProblem(Kind.DUPLICATE_KEY, node_span(repeat), facts, fatal=False)


def short_tag(tag: str) -> str:
    return tag.replace("tag:yaml.org,2002:", "!!")


def _kind(python_type: str) -> str:
    return {"list": "list", "str": "string", "int": "number", "float": "number", "bool": "boolean"}.get(
        python_type, python_type
    )
