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
from mcli_lint.loader.fast_path import eligible, within_limits
from mcli_lint.loader.limits import Limits
from mcli_lint.loader.problems import LoadProblem, point, position_of_offset
from mcli_lint.loader.source import Source, read_path, read_stream
from mcli_lint.loader.yaml_loader import (
    FastLoader,
    LimitExceeded,
    MappingKeys,
    PureLoader,
    UnsupportedTag,
)
from mcli_lint.text import escape

__all__ = ["Document", "Limits", "LoadProblem", "LoadResult", "load_path", "load_stream", "load_text"]


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


def _span_at(mark: Any) -> Span:
    return point(mark_position(mark)) if mark is not None else point(Position(1, 1))


def _yaml_error(error: yaml.MarkedYAMLError) -> LoadProblem:
    message = error.problem or error.context or "invalid YAML"
    if error.context and error.problem:
        message = f"{error.problem} ({error.context})"
    return LoadProblem("MCL001", escape(message), _span_at(error.problem_mark or error.context_mark))


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
            return LoadResult(text, None, [LoadProblem("MCL003", "the file is empty")])
        # Without anchors the graph is a tree, and the builder checks the limits as it goes.
        tree = "&" not in text
        if not tree and not within_limits(text, root, limits):
            return None
        try:
            data, built = build(root, limits if tree else None)
            keys, duplicates = built.mapping_keys, built.duplicates
        except OverLimit:
            return None
        except StepAside:
            if tree and not within_limits(text, root, limits):
                return None
            data = loader.construct_document(root)
            keys, duplicates = loader.mapping_keys, loader.duplicates
    except Exception:  # the pure loader will say what it is
        return None
    finally:
        loader.dispose()
    return _result(text, root, data, keys, duplicates)


def _load_pure(text: str, limits: Limits) -> LoadResult:
    try:
        loader = PureLoader(text, limits.max_depth, limits.max_nodes)
    except yaml.reader.ReaderError as error:
        where = point(position_of_offset(text, error.position))
        return LoadResult(
            text,
            None,
            [LoadProblem("MCL005", f"contains the non-printable character U+{error.character:04X}", where)],
        )
    try:
        return _compose_and_construct(loader, text)
    except LimitExceeded as error:
        return LoadResult(text, None, [LoadProblem("MCL006", error.message, _span_at(error.mark))])
    except UnsupportedTag as error:
        return LoadResult(
            text,
            None,
            [
                LoadProblem(
                    "MCL007",
                    f"tag {escape(short_tag(error.tag))} is not one mcli's safe loader accepts",
                    _span_at(error.mark),
                    help="remove the tag; run files hold plain data",
                )
            ],
        )
    except yaml.MarkedYAMLError as error:
        return LoadResult(text, None, [_yaml_error(error)])
    except (ValueError, KeyError, OverflowError, TypeError, RecursionError, MemoryError) as error:
        # A constructor (or the scanner) failed on a value: `!!bool maybe`, `2024-02-30`, a huge int.
        node = loader.current
        mark = node.start_mark if node is not None else loader.get_mark()
        value = escape(str(getattr(node, "value", "")))[:80] if node is not None else ""
        tag = short_tag(str(getattr(node, "tag", "")))
        detail = f"cannot read {value!r} as {tag}" if node is not None else "invalid escape or value"
        reason = "not a valid value for that tag" if isinstance(error, KeyError) else str(error).split(";")[0]
        reason = escape(reason)[:120]
        return LoadResult(text, None, [LoadProblem("MCL001", f"{detail}: {reason}", _span_at(mark))])
    finally:
        loader.dispose()


def _compose_and_construct(loader: PureLoader, text: str) -> LoadResult:
    loader.get_event()  # type: ignore[no-untyped-call]  # stream start
    if loader.check_event(StreamEndEvent):
        return LoadResult(text, None, [LoadProblem("MCL003", "the file is empty")])
    root = loader.compose_document()
    assert root is not None  # the stream is not empty
    if not loader.check_event(StreamEndEvent):
        event = loader.get_event()  # type: ignore[no-untyped-call]
        return LoadResult(
            text,
            None,
            [
                LoadProblem(
                    "MCL004",
                    "more than one YAML document: mcli reads exactly one run per file",
                    _span_at(event.start_mark),
                    help="put each run in its own file",
                )
            ],
        )
    data = loader.construct_document(root)
    return _result(text, root, data, loader.mapping_keys, loader.duplicates)


def _result(text: str, root: Node, data: object, keys: MappingKeys, duplicates: list[tuple[Node, Node]]) -> LoadResult:
    """The document and the problems of loaded data: repeated keys, no data, not a mapping."""
    ordered = sorted(duplicates, key=lambda pair: (pair[1].start_mark.line, pair[1].start_mark.column))
    problems = [_duplicate(first, repeat) for first, repeat in ordered]
    if data is None:
        problems.append(LoadProblem("MCL003", "the file is empty: its only document is null"))
        return LoadResult(text, None, problems)
    if not isinstance(data, dict):
        kind = type(data).__name__
        problems.append(
            LoadProblem(
                "MCL003",
                f"the top level is a {_kind(kind)}, not a mapping of run fields",
                point(mark_position(root.start_mark)),
                help="a run file is a mapping: `name:`, `image:`, `command:`, `compute:` …",
            )
        )
        return LoadResult(text, None, problems)
    return LoadResult(text, Document(text, data, root, keys), problems)


def _duplicate(first: Node, repeat: Node) -> LoadProblem:
    written, earlier = escape(str(repeat.value)), escape(str(first.value))
    line = first.start_mark.line + 1
    if written == earlier:
        message = f"duplicate key '{written}' (first at line {line}); mcli silently keeps the last one"
    else:
        message = (
            f"duplicate key '{written}': YAML 1.1 reads it as the same key as '{earlier}'"
            f" at line {line}; mcli silently keeps the last one"
        )
    return LoadProblem("MCL002", message, node_span(repeat), help="remove one of the two", fatal=False)


def short_tag(tag: str) -> str:
    return tag.replace("tag:yaml.org,2002:", "!!")


def _kind(python_type: str) -> str:
    return {"list": "list", "str": "string", "int": "number", "float": "number", "bool": "boolean"}.get(
        python_type, python_type
    )
