"""The clusters a run can go to: reading and validating a clusters file into plain frozen records."""

from __future__ import annotations

import functools
import json
import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from mcli_lint.diagnostics import Path as DataPath
from mcli_lint.loader import Document, load_path, load_text
from mcli_lint.loader.limits import Limits
from mcli_lint.loader.problems import START, Kind, LoadProblem
from mcli_lint.rules import describe
from mcli_lint.schema import schema_path
from mcli_lint.text import escape, expected_types, field_name, show_value, value_kind

if TYPE_CHECKING:  # jsonschema is imported when a clusters file is read, not by every lint run
    from jsonschema.exceptions import ValidationError
    from jsonschema.protocols import Validator

SCHEMA_FILE = "clusters.schema.json"


class ClustersError(Exception):
    """A clusters file that cannot be used; the message starts with ``file:line:col:`` when it can."""


@dataclass(frozen=True)
class Node:
    name: str
    is_alive: bool = True
    is_schedulable: bool = True


@dataclass(frozen=True)
class Instance:
    name: str
    gpu_type: str
    # GPUs per node, and how many nodes there are.
    gpus: int
    nodes: int
    cpus: int | None = None
    memory: str | None = None
    storage: str | None = None
    node_details: tuple[Node, ...] = ()
    # The GPU counts the platform accepts here (its gpuNums); empty when it does not say.
    gpu_nums: tuple[int, ...] = ()

    @property
    def is_cpu(self) -> bool:
        return self.gpus == 0

    @property
    def available_nodes(self) -> tuple[Node, ...]:
        """The nodes a run can start on now: alive and schedulable."""
        return tuple(n for n in self.node_details if n.is_alive and n.is_schedulable)


@dataclass(frozen=True)
class Cluster:
    name: str
    provider: str = ""
    allow_fractional: bool = False
    allow_multinode: bool = False
    cluster_instances: tuple[Instance, ...] = ()
    # What the platform lets the cluster take (TRAINING, INFERENCE, ...); empty when it does not say.
    submission_types: tuple[str, ...] = ()

    @property
    def takes_runs(self) -> bool:
        """Whether a training run (what a run file submits) may go here."""
        return not self.submission_types or any(t.upper() == "TRAINING" for t in self.submission_types)


@dataclass(frozen=True)
class Clusters:
    clusters: tuple[Cluster, ...]
    # Where they were read from, for messages.
    source: str = ""

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.clusters]


# -- the schema ------------------------------------------------------------------------------------


@functools.cache
def clusters_schema() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(schema_path().with_name(SCHEMA_FILE).read_text(encoding="utf-8"))
    return loaded


def _strict_integer(_checker: object, instance: object) -> bool:
    # As for run files: 8.0 is not a GPU count, whatever JSON Schema's draft 6+ says.
    return isinstance(instance, int) and not isinstance(instance, bool)


@functools.cache
def _validator() -> Validator:
    # Lazy: jsonschema (about 70 ms measured) only for a clusters file that needs checking.
    import jsonschema

    cls = jsonschema.Draft7Validator
    strict = jsonschema.validators.extend(  # type: ignore[no-untyped-call]
        cls, type_checker=cls.TYPE_CHECKER.redefine("integer", _strict_integer)
    )
    return strict(clusters_schema())  # type: ignore[no-any-return]


@functools.cache
def _aliases(definition: str) -> dict[str, str]:
    """camelCase name -> mcli's snake_case name, for one definition, as the schema's x-mcli-name says."""
    properties = clusters_schema()["definitions"][definition]["properties"]
    return {name: spec["x-mcli-name"] for name, spec in properties.items() if "x-mcli-name" in spec}


# -- reading ---------------------------------------------------------------------------------------


def load_clusters(path: str | os.PathLike[str], limits: Limits | None = None) -> Clusters:
    """Read, validate and convert a clusters file (YAML or JSON); raise ClustersError if it is malformed."""
    source = _read(str(path), limits or Limits())
    errors = sorted(_validator().iter_errors(source.document.data), key=lambda e: source.position(e.absolute_path))
    if errors:
        message = _describe(errors[0], source.name, source.wrapped)
        raise ClustersError(source.located(tuple(errors[0].absolute_path), message))
    entries, prefix = _entries(source.document.data)
    row = _display_row(entries)
    if row is not None:
        raise ClustersError(source.located((*prefix, row), f"{source.name((*prefix, row))} {_DISPLAY_ROW}"))
    repeated = _repeated_name(entries, prefix)
    if repeated is not None:
        at, first, what = repeated
        line = source.position(first)[0]
        raise ClustersError(source.located(at, f"{what} is listed twice (first at line {line})"))
    return Clusters(tuple(_cluster(entry) for entry in entries), source.shown)


@dataclass(frozen=True)
class _Source:
    shown: str
    document: Document
    # A top-level list is loaded as the value of a `clusters:` line added above it (the run loader
    # wants a mapping); positions and paths are turned back into the file's own.
    wrapped: bool = False
    # A wrapped flow list gets a space before its `[`: that character's line and column in the file.
    flow_start: tuple[int, int] | None = None
    problems: tuple[LoadProblem, ...] = ()

    def position(self, path: Iterable[object]) -> tuple[int, int]:
        start = self.document.locate(tuple(path)).start
        return self.shifted(start.line, start.column)

    def shifted(self, line: int, column: int) -> tuple[int, int]:
        """A position in the loaded text, as a position in the file."""
        if not self.wrapped:
            return line, column
        line -= 1
        if self.flow_start is not None and line == self.flow_start[0] and column > self.flow_start[1]:
            column -= 1
        return max(line, 1), column

    def name(self, path: DataPath) -> str:
        shown = path[1:] if self.wrapped else path
        return f"`{field_name(shown)}`" if shown else "the file"

    def located(self, path: DataPath, message: str) -> str:
        line, column = self.position(path)
        return f"{self.shown}:{line}:{column}: {message}"


def _read(shown: str, limits: Limits) -> _Source:
    loaded = load_path(shown, limits)
    wrapped = _wrapped(shown, loaded.text, limits) if loaded.document is None and loaded.text is not None else None
    if wrapped is not None:
        source = wrapped
    elif loaded.document is not None:
        source = _Source(shown, loaded.document, problems=tuple(loaded.problems))
    else:
        problem = loaded.problems[0]
        if problem.kind is Kind.NOT_A_MAPPING:
            raise ClustersError(f"{shown}:{problem.span.start.line}:{problem.span.start.column}: {_ENVELOPE}")
        where = shown if problem.span == START else f"{shown}:{problem.span.start.line}:{problem.span.start.column}"
        raise ClustersError(f"{where}: {describe(problem).message}")
    for problem in source.problems:
        # A repeated key: one of two values would be silently dropped.
        line, column = source.shifted(problem.span.start.line, problem.span.start.column)
        message = describe(problem).message.split(";")[0]
        if source.wrapped:  # the message names a line of the loaded text, one below the file's
            message = re.sub(r"at line (\d+)", lambda m: f"at line {int(m[1]) - 1}", message)
        raise ClustersError(f"{shown}:{line}:{column}: {message}")
    return source


def _wrapped(shown: str, text: str, limits: Limits) -> _Source | None:
    """A top-level list, loaded under an added `clusters:` line; None for anything else."""
    body = text.removeprefix("\ufeff")
    offset = _first_significant(body)
    if offset is None or body[offset] not in "-[":
        return None
    if body[offset] == "-":
        loaded = load_text("clusters:\n" + body, limits)
        flow_start = None
    else:
        # A flow collection may not start at column 1 under a key; one space moves it in.
        loaded = load_text("clusters:\n" + body[:offset] + " " + body[offset:], limits)
        line = body.count("\n", 0, offset) + 1
        flow_start = (line, offset - (body.rfind("\n", 0, offset) + 1) + 1)
    if loaded.document is None or list(loaded.document.data) != ["clusters"]:
        return None
    return _Source(shown, loaded.document, True, flow_start, tuple(loaded.problems))


def _first_significant(text: str) -> int | None:
    """The offset of the first character that is neither blank nor in a comment."""
    for match in re.finditer(r"[^\s]", text):
        start = match.start()
        line_start = text.rfind("\n", 0, start) + 1
        if "#" not in text[line_start:start] and text[start] != "#":
            return start
    return None


_ENVELOPE = (
    "a clusters file is a list of clusters, a mapping with `clusters:` (that list),"
    ' or the API answer {"data": {"getClusters": [...]}}; `mcli-lint clusters pull -o FILE` writes one'
)
_DISPLAY_ROW = (
    "is a row of `mcli get clusters` (display text: one instance a row, GPU counts as words), not a"
    " cluster; `mcli-lint clusters pull -o FILE` writes a clusters file"
)


def check_data(data: Any) -> str | None:
    """Why clusters data built in memory (a pulled answer) would not load from a file; None if it would."""
    errors = list(_validator().iter_errors(data))
    if errors:
        first = min(errors, key=lambda e: tuple(str(p) for p in e.absolute_path))
        return _describe(first, _named, wrapped=False)
    entries, prefix = _entries(data)
    repeated = _repeated_name(entries, prefix)
    return None if repeated is None else f"{repeated[2]} is listed twice"


def _named(path: DataPath) -> str:
    return f"`{field_name(path)}`" if path else "the answer"


def _describe(error: ValidationError, name: Callable[[DataPath], str], wrapped: bool) -> str:
    path = tuple(error.absolute_path)
    where = name(path)
    keyword = str(error.validator)
    expected: Any = error.validator_value
    value = show_value(error.instance)
    if keyword == "type":
        return f"{where} must be {expected_types(expected)}, not {value_kind(error.instance)}" + (
            f" ({value})" if value else ""
        )
    if keyword == "minimum":
        return f"{where} must be at least {expected}, not {value}"
    if keyword == "required":
        missing = [k for k in expected if isinstance(error.instance, dict) and k not in error.instance]
        return f"{where} has no `{escape(missing[0])}`"
    if keyword == "anyOf":
        # The mcli name or the API's camelCase name: either will do.
        names = [name for branch in expected for name in branch.get("required", [])]
        return f"{where} has no `{names[0]}` (nor `{names[1]}`)"
    if keyword == "oneOf" and (not path or wrapped):
        return _ENVELOPE
    return f"{where}: {escape(error.message)}"


def _entries(data: Any) -> tuple[list[Any], DataPath]:
    if isinstance(data, list):
        return data, ()
    if "clusters" in data:
        return data["clusters"], ("clusters",)
    return data["data"]["getClusters"], ("data", "getClusters")


def _field(entry: dict[str, Any], name: str, definition: str, default: Any = None) -> Any:
    """A field by mcli's name, else by the API's camelCase name for it."""
    if name in entry:
        return entry[name]
    for camel, snake in _aliases(definition).items():
        if snake == name and camel in entry:
            return entry[camel]
    return default


def _cluster(entry: dict[str, Any]) -> Cluster:
    return Cluster(
        name=entry["name"],
        provider=entry.get("provider") or "",
        allow_fractional=bool(_field(entry, "allow_fractional", "cluster", False)),
        allow_multinode=bool(_field(entry, "allow_multinode", "cluster", False)),
        cluster_instances=tuple(_instance(i) for i in _field(entry, "cluster_instances", "cluster", [])),
        submission_types=tuple(_field(entry, "submission_types", "cluster", [])),
    )


def _instance(entry: dict[str, Any]) -> Instance:
    # `nodes` is the count in mcli's model and the list of node details in the API's answer.
    listed = entry.get("nodes")
    count = listed if isinstance(listed, int) else entry["numNodes"]
    details = listed if isinstance(listed, list) else entry.get("node_details", [])
    return Instance(
        name=entry["name"],
        gpu_type=_field(entry, "gpu_type", "instance"),
        gpus=_field(entry, "gpus", "instance"),
        nodes=count,
        cpus=entry.get("cpus"),
        memory=_text(entry.get("memory")),
        storage=_text(entry.get("storage")),
        node_details=tuple(_node(n) for n in details),
        gpu_nums=tuple(_field(entry, "gpu_nums", "instance", [])),
    )


def _text(value: object) -> str | None:
    return None if value is None else str(value)


def _node(entry: dict[str, Any]) -> Node:
    return Node(
        name=entry["name"],
        is_alive=bool(_field(entry, "is_alive", "node", True)),
        is_schedulable=bool(_field(entry, "is_schedulable", "node", True)),
    )


def _display_row(entries: list[Any]) -> int | None:
    """The first entry that is a row of `mcli get clusters -o json`, which the schema alone would take
    for a cluster with no instances: it has the instance's name and no instances."""
    for index, entry in enumerate(entries):
        if "instance" in entry and not any(k in entry for k in ("cluster_instances", "allowedInstances")):
            return index
    return None


def _repeated_name(entries: list[Any], prefix: DataPath) -> tuple[DataPath, DataPath, str] | None:
    """(where, where first, what) for the first cluster name, or instance name within a cluster, given twice."""
    groups: list[tuple[DataPath, list[Any], str]] = [(prefix, entries, "cluster")]
    for position, entry in enumerate(entries):
        key = "cluster_instances" if "cluster_instances" in entry else "allowedInstances"
        groups.append(((*prefix, position, key), entry.get(key, []), "instance"))
    for at, items, what in groups:
        first: dict[str, int] = {}
        for index, item in enumerate(items):
            name = item["name"]
            if name in first:
                return (*at, index, "name"), (*at, first[name], "name"), f"{what} {escape(repr(name))}"
            first[name] = index
    return None
