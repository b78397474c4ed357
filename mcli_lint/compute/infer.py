"""Compute inference: the (cluster, instance, size) a run's compute request leaves, and why not exactly one.

Pure functions over plain data: a request read from a run's data, the clusters, and an Outcome
holding the candidates, the completed compute when there is exactly one, and the problems found.
"""

from __future__ import annotations

import dataclasses
import enum
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from mcli_lint.compute.clusters import Cluster, Clusters, Instance
from mcli_lint.diagnostics import Path
from mcli_lint.schema import deprecated_fields
from mcli_lint.text import did_you_mean, escape, field_name, show_value

# The fields inference completes, in the order they are shown and written.
FIELDS = ("cluster", "instance", "gpu_type", "gpus", "nodes")
_REQUEST_FIELDS = (*FIELDS, "cpus", "node_names")
_INTEGERS = ("gpus", "nodes", "cpus")
# Lists of numbers longer than this are shortened in the middle.
_LONGEST_LIST = 6


class Kind(enum.StrEnum):
    """What went wrong; each kind is the name of the rule that reports it."""

    UNKNOWN_CLUSTER = "unknown-cluster"
    UNSATISFIABLE = "unsatisfiable-compute"
    AMBIGUOUS = "ambiguous-compute"
    UNKNOWN_NODE = "unknown-node"
    UNAVAILABLE_NODE = "unavailable-node"


@dataclass(frozen=True)
class Problem:
    kind: Kind
    path: Path
    message: str
    help: str | None = None


@dataclass(frozen=True)
class Request:
    """The run's compute request: what it gives, and where each given field was read from."""

    cluster: str | None = None
    instance: str | None = None
    gpu_type: str | None = None
    gpus: int | None = None
    nodes: int | None = None
    cpus: int | None = None
    node_names: tuple[str, ...] | None = None
    # field -> the data path it came from: ("compute", "gpus"), or ("gpu_num",) for a deprecated field.
    paths: tuple[tuple[str, Path], ...] = ()
    # Fields given with a value of the wrong type or out of range: nothing is inferred until they are fixed.
    unreadable: tuple[Path, ...] = ()

    def path(self, name: str) -> Path:
        return dict(self.paths).get(name, ("compute", name))

    def given(self, name: str) -> bool:
        return getattr(self, name) is not None

    def field(self, name: str) -> str:
        return f"`{field_name(self.path(name))}`"


@dataclass(frozen=True, order=True)
class Shape:
    """A legal size for a run on an instance: total GPUs, on this many nodes."""

    gpus: int
    nodes: int


@dataclass(frozen=True)
class Choice:
    """A candidate: an instance on a cluster, with the sizes on it that fit the request."""

    cluster: Cluster
    instance: Instance
    shapes: tuple[Shape, ...]

    @property
    def label(self) -> str:
        return label(self.cluster, self.instance)


@dataclass(frozen=True)
class Outcome:
    request: Request
    # The candidates, ordered by cluster name then instance name.
    choices: tuple[Choice, ...] = ()
    problems: tuple[Problem, ...] = ()

    @property
    def resolved(self) -> bool:
        return not self.request.unreadable and len(self.choices) == 1 and len(self.choices[0].shapes) == 1

    @property
    def compute(self) -> dict[str, str | int] | None:
        """The completed compute (given fields as written), when the request resolves."""
        if not self.resolved:
            return None
        choice = self.choices[0]
        shape = choice.shapes[0]
        found: dict[str, str | int] = {
            "cluster": choice.cluster.name,
            "instance": choice.instance.name,
            "gpu_type": choice.instance.gpu_type,
            "gpus": shape.gpus,
            "nodes": shape.nodes,
        }
        return {name: getattr(self.request, name) if self.request.given(name) else found[name] for name in FIELDS}

    @property
    def inferred(self) -> tuple[str, ...]:
        """The fields of the completed compute that the request did not give."""
        return tuple(name for name in FIELDS if not self.request.given(name)) if self.resolved else ()


# -- reading the request ---------------------------------------------------------------------------


def read_request(data: Mapping[Any, Any], failed_paths: Iterable[Path] | None = None) -> Request:
    """The compute request of a run's data, deprecated top-level fields merged in where compute lacks them.

    ``failed_paths`` are the paths whose values failed the run schema (computed when not given).
    """
    failures = tuple(_schema_failures(data) if failed_paths is None else failed_paths)
    compute = data.get("compute")
    if compute is not None and not isinstance(compute, dict):
        return Request(unreadable=(("compute",),))
    compute = compute or {}
    # As mcli does: a deprecated field counts where compute has no such key at all.
    twins = {replacement.split(".", 1)[1]: name for name, replacement in deprecated_fields().items()}
    values: dict[str, Any] = {}
    paths: list[tuple[str, Path]] = []
    unreadable: list[Path] = []
    for name in _REQUEST_FIELDS:
        path: Path = ("compute", name)
        value = compute.get(name)
        if name not in compute and name in twins:
            path, value = (twins[name],), data.get(twins[name])
        if value is None:
            continue
        if _failed(path, failures) or not _well_typed(name, value):
            unreadable.append(path)
            continue
        values[name] = tuple(value) if name == "node_names" else value
        paths.append((name, path))
    return Request(**values, paths=tuple(paths), unreadable=tuple(unreadable))


def _schema_failures(data: Mapping[Any, Any]) -> list[Path]:
    from mcli_lint.schema.errors import schema_errors

    return [e.path for e in schema_errors(data) if e.keyword not in ("required", "additionalProperties")]


def _failed(path: Path, failures: Sequence[Path]) -> bool:
    """A failure at the field, inside it (a node name), or around it (compute itself)."""
    return any(f[: len(path)] == path or path[: len(f)] == f for f in failures)


def _well_typed(name: str, value: object) -> bool:
    if name in _INTEGERS:
        return isinstance(value, int) and not isinstance(value, bool)
    if name == "node_names":
        return isinstance(value, list) and all(isinstance(v, str) for v in value)
    return isinstance(value, str)


# -- legal sizes -----------------------------------------------------------------------------------


def legal_shapes(cluster: Cluster, instance: Instance) -> tuple[Shape, ...]:
    """Every size a run may take on an instance, by GPU count then nodes."""
    g, available = instance.gpus, instance.nodes
    if available < 1:
        return ()
    if by_platform(instance):
        return tuple(sorted({Shape(count, nodes_for(count, g)) for count in instance.gpu_nums if count > 0}))
    single = range(1, g + 1) if cluster.allow_fractional and g > 0 else (g,)
    shapes = [Shape(count, 1) for count in single]
    if cluster.allow_multinode:
        shapes += [Shape(k * g, k) for k in range(2, available + 1)]
    return tuple(shapes)


def by_platform(instance: Instance) -> bool:
    """Whether the platform's own GPU counts (gpuNums) decide the instance's sizes, not the cluster's flags."""
    return instance.gpus > 0 and any(count > 0 for count in instance.gpu_nums)


def nodes_for(gpus: int, per_node: int) -> int:
    """How many nodes a GPU count takes: ⌈gpus/g⌉, and one node for a CPU instance or part of a node."""
    return max(1, -(-gpus // per_node)) if per_node else 1


def fitting_shapes(request: Request, cluster: Cluster, instance: Instance) -> tuple[Shape, ...]:
    """The legal sizes that agree with the request's gpus and nodes."""
    g = instance.gpus
    return tuple(s for s in legal_shapes(cluster, instance) if _fits(request.gpus, request.nodes, s, g))


def _fits(gpus: int | None, nodes: int | None, shape: Shape, per_node: int) -> bool:
    if nodes is not None:
        # nodes alone means nodes·g GPUs; with gpus, both must agree.
        return shape.nodes == nodes and shape.gpus == (gpus if gpus is not None else nodes * per_node)
    wanted = shape.gpus if gpus is None else gpus
    # gpus alone means ⌈gpus/g⌉ nodes; with neither, a CPU instance's only size is one node.
    return shape.gpus == wanted and shape.nodes == nodes_for(wanted, per_node)


# -- inference -------------------------------------------------------------------------------------

Pair = tuple[Cluster, Instance]


def infer_data(data: Mapping[Any, Any], clusters: Clusters, failed_paths: Iterable[Path] | None = None) -> Outcome:
    return infer(read_request(data, failed_paths), clusters)


def infer(request: Request, clusters: Clusters) -> Outcome:
    if request.unreadable:
        return Outcome(request)
    if request.cluster is not None and request.cluster not in clusters.names:
        return Outcome(request, problems=(_unknown_cluster(request, clusters),))
    every: list[Pair] = [(c, i) for c in clusters.clusters for i in c.cluster_instances]
    if not every:
        problem = Problem(Kind.UNSATISFIABLE, ("compute",), f"{_source(clusters)} lists no instances at all")
        return Outcome(request, problems=(problem,))
    refused = _refused(request, clusters)
    if refused is not None:
        return Outcome(request, problems=(refused,))
    # Only clusters that take training runs are candidates; the others are named when they would have fit.
    runnable = [(c, i) for c, i in every if c.takes_runs]
    if not runnable:
        ordered = sorted(clusters.clusters, key=lambda c: c.name)
        takes = "; ".join(f"{escape(c.name)} takes {_takes(c)}" for c in ordered)
        problem = Problem(
            Kind.UNSATISFIABLE, ("compute",), f"no cluster in {_source(clusters)} takes training runs", takes
        )
        return Outcome(request, problems=(problem,))
    pool = runnable
    elsewhere = [(c, i) for c, i in every if not c.takes_runs]
    stages = _stages(request)
    for index, (stage, keep) in enumerate(stages):
        kept = [pair for pair in pool if keep(*pair)]
        if not kept:
            problems = _unsatisfiable(stage, pool, request, runnable)
            fits = [pair for pair in elsewhere if all(k(*pair) for _, k in stages[: index + 1])]
            return Outcome(request, problems=_also_refused(stage, request, problems, fits))
        pool = kept
    choices = tuple(
        sorted(
            (Choice(c, i, fitting_shapes(request, c, i)) for c, i in pool),
            key=lambda choice: (choice.cluster.name, choice.instance.name),
        )
    )
    outcome = Outcome(request, choices)
    found = (*_ambiguity(outcome), *_unavailable_nodes(request, choices))
    return Outcome(request, choices, found)


def _stages(request: Request) -> list[tuple[str, Callable[[Cluster, Instance], bool]]]:
    """The request's filters, in the order a failure is explained."""
    stages: list[tuple[str, Callable[[Cluster, Instance], bool]]] = []
    if request.cluster is not None:
        stages.append(("cluster", lambda c, i: c.name == request.cluster))
    if request.instance is not None:
        stages.append(("instance", lambda c, i: i.name == request.instance))
    if request.gpu_type is not None:
        wanted = request.gpu_type.lower()
        stages.append(("gpu_type", lambda c, i: i.gpu_type.lower() == wanted))
    stages.append(("size", lambda c, i: bool(fitting_shapes(request, c, i))))
    if request.cpus is not None:
        stages.append(("cpus", lambda c, i: _enough_cpus(request.cpus, i)))
    if request.node_names is not None:
        names = set(request.node_names)
        stages.append(("node_names", lambda c, i: names <= {n.name for n in i.node_details}))
    return stages


def _enough_cpus(cpus: int | None, instance: Instance) -> bool:
    # Only a CPU instance's CPUs are the run's; a GPU run's CPUs come with its GPUs.
    return not instance.is_cpu or cpus is None or instance.cpus is None or instance.cpus >= cpus


# -- words -----------------------------------------------------------------------------------------


def label(cluster: Cluster, instance: Instance) -> str:
    return f"{escape(instance.name)} on {escape(cluster.name)}"


def _source(clusters: Clusters) -> str:
    return f"the clusters file ({escape(clusters.source)})" if clusters.source else "the clusters file"


def numbers(values: Iterable[int]) -> str:
    """Sorted integers for people: runs of three or more as `1 to 8`, long lists shortened in the middle."""
    ordered = sorted(set(values))
    parts: list[str] = []
    start = 0
    while start < len(ordered):
        end = start
        while end + 1 < len(ordered) and ordered[end + 1] == ordered[end] + 1:
            end += 1
        if end - start >= 2:
            parts.append(f"{ordered[start]} to {ordered[end]}")
        else:
            parts.extend(str(v) for v in ordered[start : end + 1])
        start = end + 1
    if len(parts) > _LONGEST_LIST:
        parts = [*parts[:3], "…", parts[-1]]
    return ", ".join(parts)


def legal_counts(cluster: Cluster, instance: Instance) -> str:
    return numbers(s.gpus for s in legal_shapes(cluster, instance))


def _legal_nodes(cluster: Cluster, instance: Instance) -> str:
    return numbers(s.nodes for s in legal_shapes(cluster, instance))


def _gpu_kind(instance: Instance) -> str:
    return "CPU only" if instance.is_cpu else escape(instance.gpu_type)


def _either(names: Sequence[str], word: str = "or") -> str:
    quoted = [f"`{n}`" for n in names]
    return quoted[0] if len(quoted) == 1 else f"{', '.join(quoted[:-1])} {word} {quoted[-1]}"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _suggest(word: str, candidates: Iterable[str]) -> str:
    match = did_you_mean(word, list(candidates))
    return f"did you mean {escape(repr(match))}? " if match is not None and match != word else ""


# -- explaining: unknown cluster, no candidate -----------------------------------------------------


def _unknown_cluster(request: Request, clusters: Clusters) -> Problem:
    known = sorted(clusters.names)
    listed = ", ".join(escape(n) for n in known) if known else f"none ({_source(clusters)} lists no clusters)"
    return Problem(
        Kind.UNKNOWN_CLUSTER,
        request.path("cluster"),
        f"{request.field('cluster')} is {show_value(request.cluster)}, which is not a known cluster",
        f"{_suggest(request.cluster or '', known)}known clusters: {listed}",
    )


def _takes(cluster: Cluster) -> str:
    return ", ".join(escape(t) for t in cluster.submission_types)


def _refused(request: Request, clusters: Clusters) -> Problem | None:
    """The cluster the run names, when it takes no training runs (the platform's allowedSubmissionTypes)."""
    named = next((c for c in clusters.clusters if c.name == request.cluster), None)
    if named is None or named.takes_runs:
        return None
    taking = [escape(c.name) for c in sorted(clusters.clusters, key=lambda c: c.name) if c.takes_runs]
    return Problem(
        Kind.UNSATISFIABLE,
        request.path("cluster"),
        f"{request.field('cluster')} is {show_value(request.cluster)}, which takes no training runs"
        f" (it takes {_takes(named)})",
        f"clusters that take runs: {', '.join(taking)}" if taking else "no cluster in the file takes training runs",
    )


def _also_refused(stage: str, request: Request, problems: tuple[Problem, ...], fits: list[Pair]) -> tuple[Problem, ...]:
    """Problems that also name what would fit, on clusters that take no training runs."""
    if not fits:
        return problems
    clusters = list(dict.fromkeys(escape(c.name) for c, _ in _ordered(fits)))
    verb = "takes" if len(clusters) == 1 else "take"
    first = problems[0]
    if stage in ("instance", "gpu_type"):
        # The name is there, only not where a run may go: say so, and suggest no look-alike.
        has = "has" if len(clusters) == 1 else "have"
        message = (
            f"{request.field(stage)} is {show_value(getattr(request, stage))}, but only {', '.join(clusters)}"
            f" {has} it, and {'it' if len(clusters) == 1 else 'they'} {verb} no training runs"
        )
        help = re.sub(r"^did you mean .*?\? ", "", first.help or "") or None
        return (dataclasses.replace(first, message=message, help=help), *problems[1:])
    fitting = ", ".join(label(c, i) for c, i in _ordered(fits))
    note = f"{fitting} would fit, but {', '.join(clusters)} {verb} no training runs"
    help = f"{first.help}; {note}" if first.help else note
    return (dataclasses.replace(first, help=help), *problems[1:])


def _unsatisfiable(stage: str, pool: list[Pair], request: Request, every: list[Pair]) -> tuple[Problem, ...]:
    if stage == "instance":
        return (_no_instance(pool, request, every),)
    if stage == "gpu_type":
        return (_no_gpu_type(pool, request, every),)
    if stage == "size":
        return (_no_size(pool, request, every),)
    if stage == "cpus":
        return (_no_cpus(pool, request, every),)
    return _no_nodes(pool, request)


def _where(request: Request) -> str:
    return f" on {escape(request.cluster)}" if request.cluster is not None else ""


def _no_instance(pool: list[Pair], request: Request, every: list[Pair]) -> Problem:
    wanted = request.instance or ""
    elsewhere = sorted({c.name for c, i in every if i.name == wanted})
    names = sorted({i.name for _, i in pool})
    if request.cluster is not None:
        message = f"{request.field('instance')} is {show_value(wanted)}, which is not an instance of {request.cluster}"
    else:
        message = f"{request.field('instance')} is {show_value(wanted)}, which no cluster has"
    found = f"{escape(wanted)} is on {', '.join(escape(c) for c in elsewhere)}; " if elsewhere else ""
    listed = ", ".join(escape(n) for n in names)
    return Problem(
        Kind.UNSATISFIABLE,
        request.path("instance"),
        message,
        f"{found or _suggest(wanted, names)}instances{_where(request)}: {listed}",
    )


def _no_gpu_type(pool: list[Pair], request: Request, every: list[Pair]) -> Problem:
    wanted = request.gpu_type or ""
    where = sorted(
        f"{escape(c.name)} (instance {escape(i.name)})" for c, i in every if i.gpu_type.lower() == wanted.lower()
    )
    if request.instance is not None:
        cluster, instance = pool[0]
        has = "is a CPU instance" if instance.is_cpu else f"has {escape(instance.gpu_type)} GPUs"
        message = f"{request.field('gpu_type')} is {show_value(wanted)}, but instance {label(cluster, instance)} {has}"
    elif request.cluster is not None:
        message = f"{request.field('gpu_type')} is {show_value(wanted)}, but no instance on {request.cluster} has it"
    else:
        message = f"{request.field('gpu_type')} is {show_value(wanted)}, but no cluster has it"
    found = f"{escape(wanted)} is on {', '.join(where)}; " if where else ""
    types = sorted({i.gpu_type for _, i in every})
    suggestion = "" if where else _suggest(wanted, types)
    by_type = sorted(pool, key=lambda pair: (pair[1].gpu_type.lower(), pair[0].name, pair[1].name))
    if request.cluster is not None:
        listed = f"{escape(request.cluster)} has " + ", ".join(
            f"{escape(i.gpu_type)} ({escape(i.name)})" for _, i in by_type
        )
    else:
        listed = "GPU types: " + ", ".join(f"{escape(i.gpu_type)} ({label(c, i)})" for c, i in by_type)
    return Problem(Kind.UNSATISFIABLE, request.path("gpu_type"), message, f"{found}{suggestion}{listed}")


def _ordered(pairs: Iterable[Pair]) -> list[Pair]:
    return sorted(pairs, key=lambda pair: (pair[0].name, pair[1].name))


def _size_words(request: Request) -> str:
    if request.gpus is not None:
        return _plural(request.gpus, "GPU")
    return _plural(request.nodes or 0, "node")


def _no_size(pool: list[Pair], request: Request, every: list[Pair]) -> Problem:
    # Instances without nodes, CPU instances for a GPU count and GPU instances for 0 GPUs are out at
    # once: explain the others.
    relevant = [
        (c, i) for c, i in pool if legal_shapes(c, i) and (request.gpus is None or (request.gpus == 0) == i.is_cpu)
    ] or pool
    if len(relevant) == 1:
        cluster, instance = relevant[0]
        path, message = _why_not(request, cluster, instance)
        sized = Request(gpus=request.gpus, nodes=request.nodes)
        fits = [(c, i) for c, i in _ordered(every) if (c, i) != (cluster, instance) and fitting_shapes(sized, c, i)]
        others = [label(c, i) for c, i in fits if request.cluster in (None, c.name)]
        elsewhere = [label(c, i) for c, i in fits if request.cluster not in (None, c.name)]
        if not legal_shapes(cluster, instance):
            help = f"instances{_where(request)} that fit: {', '.join(others)}" if others else None
        else:
            help = _nearest(request, cluster, instance, path)
            if others:
                help += f", or an instance that fits {_size_words(request)}: {', '.join(others)}"
            elif elsewhere:
                help += f"; instances on other clusters that fit {_size_words(request)}: {', '.join(elsewhere)}"
        return Problem(Kind.UNSATISFIABLE, path, message, help)
    narrowed = any(request.given(name) for name in ("cluster", "instance", "gpu_type"))
    matching = "matching instance" if narrowed else "instance"
    if request.gpus is not None:
        both = f" on {_plural(request.nodes, 'node')}" if request.nodes is not None else ""
        what = "0 (a CPU-only run)" if request.gpus == 0 else str(request.gpus)
        message = f"{request.field('gpus')} is {what}{both}, which no {matching} takes"
        listed = "; ".join(f"{label(c, i)}: {legal_counts(c, i) or 'none'}" for c, i in _ordered(relevant))
        return Problem(Kind.UNSATISFIABLE, request.path("gpus"), message, f"legal GPU counts: {listed}")
    if request.nodes is not None:
        message = f"{request.field('nodes')} is {request.nodes}, which no {matching} takes"
        listed = "; ".join(f"{label(c, i)}: {_legal_nodes(c, i) or 'none'}" for c, i in _ordered(relevant))
        return Problem(Kind.UNSATISFIABLE, request.path("nodes"), message, f"legal node counts: {listed}")
    listed = ", ".join(label(c, i) for c, i in _ordered(pool))
    return Problem(Kind.UNSATISFIABLE, ("compute",), f"no {matching} has any nodes: {listed}")


def _nearest(request: Request, cluster: Cluster, instance: Instance, path: Path) -> str:
    """The legal sizes next to the one asked for: `use 8 or 16 GPUs`."""
    shapes = legal_shapes(cluster, instance)
    by_nodes = path == request.path("nodes") and request.nodes is not None
    wanted = (request.nodes if by_nodes else request.gpus) or 0
    legal = sorted({s.nodes if by_nodes else s.gpus for s in shapes})
    below = [v for v in legal if v < wanted][-1:]
    above = [v for v in legal if v > wanted][:1]
    near = [*below, *above]
    if not near:
        return "use a legal size"
    unit = "node" if by_nodes else "GPU"
    return f"use {' or '.join(str(v) for v in near)} {unit}{'' if near == [1] else 's'}"


def _why_not(request: Request, cluster: Cluster, instance: Instance) -> tuple[Path, str]:
    """Why one instance cannot take the requested size: (the field at fault, the sentence)."""
    name = f"instance {label(cluster, instance)}"
    g, available = instance.gpus, instance.nodes
    if available < 1:
        return ("compute",), f"{name} has no nodes, so no run can use it"
    legal = f"(legal: {legal_counts(cluster, instance)})"
    gpus, nodes = request.gpus, request.nodes
    if gpus is not None and gpus == 0 and g > 0:
        gpus_path = request.path("gpus")
        return gpus_path, f"{request.field('gpus')} is 0 (a CPU-only run), but {name} has {_plural(g, 'GPU')} per node"
    if gpus is not None and gpus > 0 and g == 0:
        return request.path("gpus"), f"{request.field('gpus')} is {gpus}, but {name} is a CPU instance (no GPUs)"
    if by_platform(instance):
        return _why_not_counted(request, cluster, instance)
    needed = nodes if nodes is not None else nodes_for(gpus or 0, g)
    if needed > 1 and not cluster.allow_multinode:
        if nodes is not None:
            return request.path("nodes"), (
                f"{request.field('nodes')} is {nodes}, but {escape(cluster.name)} does not allow multinode runs"
                " (legal: 1)"
            )
        return request.path("gpus"), (
            f"{request.field('gpus')} is {gpus}, but {escape(cluster.name)} does not allow multinode runs"
            f" and {name} has {_plural(g, 'GPU')} per node {legal}"
        )
    if needed > available:
        if nodes is not None:
            return request.path("nodes"), (
                f"{request.field('nodes')} is {nodes}, but {name} has only {_plural(available, 'node')}"
                f" (legal: {_legal_nodes(cluster, instance)})"
            )
        return request.path("gpus"), (
            f"{request.field('gpus')} is {gpus}, which needs {needed} nodes, but {name} has only {available} {legal}"
        )
    if gpus is not None and nodes is not None:
        fitting = numbers(s.gpus for s in legal_shapes(cluster, instance) if s.nodes == nodes)
        return request.path("gpus"), (
            f"{request.field('gpus')} is {gpus} but {request.field('nodes')} is {nodes}: {name} has"
            f" {_plural(g, 'GPU')} per node, so {_plural(nodes, 'node')} means {fitting}"
            f" GPU{'' if fitting == '1' else 's'}"
        )
    message = f"{request.field('gpus')} is {gpus}, but {name} takes {_plural(g, 'GPU')} per node {legal}"
    return request.path("gpus"), message


def _why_not_counted(request: Request, cluster: Cluster, instance: Instance) -> tuple[Path, str]:
    """Why an instance whose GPU counts the platform gives (gpuNums) cannot take the requested size."""
    name = f"instance {label(cluster, instance)}"
    g, gpus, nodes = instance.gpus, request.gpus, request.nodes
    counts = legal_counts(cluster, instance)
    if gpus is None:
        return request.path("nodes"), (
            f"{request.field('nodes')} is {nodes}, which means {_plural((nodes or 0) * g, 'GPU')} on {name},"
            f" but the platform takes {counts} GPUs there"
        )
    if nodes is not None and any(s.gpus == gpus for s in legal_shapes(cluster, instance)):
        needed = nodes_for(gpus, g)
        return request.path("gpus"), (
            f"{request.field('gpus')} is {gpus} but {request.field('nodes')} is {nodes}: {name} has"
            f" {_plural(g, 'GPU')} per node, so {gpus} GPUs take {_plural(needed, 'node')}"
        )
    return request.path("gpus"), f"{request.field('gpus')} is {gpus}, but the platform takes {counts} GPUs on {name}"


def _no_cpus(pool: list[Pair], request: Request, every: list[Pair]) -> Problem:
    wanted = request.cpus or 0
    if len(pool) == 1:
        cluster, instance = pool[0]
        message = (
            f"{request.field('cpus')} is {wanted}, but instance {label(cluster, instance)} has {instance.cpus} CPUs"
        )
    else:
        message = f"{request.field('cpus')} is {wanted}, but no matching CPU instance has that many"
    roomy = [
        label(c, i)
        for c, i in _ordered(every)
        if i.is_cpu and (request.cluster is None or c.name == request.cluster) and _enough_cpus(wanted, i)
    ]
    if roomy:
        help = f"CPU instances{_where(request)} with {wanted} CPUs: {', '.join(roomy)}"
    else:
        listed = ", ".join(f"{label(c, i)}: {i.cpus}" for c, i in _ordered(pool))
        help = f"no CPU instance{_where(request)} has that many (CPUs per node: {listed})"
    return Problem(Kind.UNSATISFIABLE, request.path("cpus"), message, help)


def _no_nodes(pool: list[Pair], request: Request) -> tuple[Problem, ...]:
    names = request.node_names or ()
    base = request.path("node_names")
    owners = {
        n.name: [label(c, i) for c, i in _ordered(pool) if n in i.node_details] for _, i in pool for n in i.node_details
    }
    every_node = sorted(owners)
    # Suggest and list only nodes a run can start on: a dead or cordoned node is no help.
    available = sorted({n.name for _, i in pool for n in i.available_nodes})
    unknown = [(k, name) for k, name in enumerate(names) if name not in owners]
    if unknown:
        if len(pool) == 1:
            cluster, instance = pool[0]
            where, its, them = f"instance {label(cluster, instance)}", "its", "it"
        else:
            where, its, them = "any matching instance", "their", "them"
        if not every_node:
            listed = f"the clusters file lists no nodes for {them}"
        elif not available:
            listed = f"none of {its} nodes is alive and schedulable"
        else:
            which = "nodes" if available == every_node else "available nodes"
            listed = f"{its} {which}: {', '.join(escape(n) for n in available)}"
        return tuple(
            Problem(
                Kind.UNKNOWN_NODE,
                (*base, k),
                f"node {show_value(name)} is not a node of {where}",
                f"{_suggest(name, available)}{listed}",
            )
            for k, name in unknown
        )
    spread = ", ".join(f"{show_value(name)} ({' / '.join(owners[name])})" for name in dict.fromkeys(names))
    return (
        Problem(
            Kind.UNSATISFIABLE,
            base,
            f"`{field_name(base)}` names nodes of different instances: {spread}",
            "a run's nodes all belong to one instance",
        ),
    )


# -- explaining: several candidates, unavailable nodes ---------------------------------------------


def _ambiguity(outcome: Outcome) -> list[Problem]:
    choices, request = outcome.choices, outcome.request
    if len(choices) == 1 and len(choices[0].shapes) > 1:
        choice = choices[0]
        counts = numbers(s.gpus for s in choice.shapes)
        return [
            Problem(
                Kind.AMBIGUOUS,
                ("compute",),
                f"`compute` does not say how many GPUs: instance {choice.label} takes {counts}",
                "set `gpus` (or `nodes`) to pick one",
            )
        ]
    if len(choices) < 2:
        return []
    sized = any(len(c.shapes) > 1 for c in choices)
    listed = ", ".join(f"{c.label} ({_gpu_kind(c.instance)}{_sizes(c)})" for c in choices)
    pickers = _pickers(request, choices)
    then = ", then `gpus` (or `nodes`) for its size" if sized else ""
    if request.paths:
        message = f"`compute` matches {len(choices)} instances: {listed}"
    else:
        message = f"nothing in the run narrows its compute, and {len(choices)} instances could take it: {listed}"
    return [
        Problem(
            Kind.AMBIGUOUS,
            ("compute",),
            message,
            f"set {pickers} to pick one{then}",
        )
    ]


def _sizes(choice: Choice) -> str:
    return f": {numbers(s.gpus for s in choice.shapes)} GPUs" if len(choice.shapes) > 1 else ""


def _value(choice: Choice, name: str) -> str:
    if name == "cluster":
        return choice.cluster.name
    if name == "instance":
        return choice.instance.name
    return choice.instance.gpu_type.lower()


def _pickers(request: Request, choices: Sequence[Choice]) -> str:
    """The unset field(s) whose values tell the choices apart: one alone if any does, else a pair."""
    unset = [name for name in ("cluster", "instance", "gpu_type") if not request.given(name)]
    if not unset:  # names are unique per cluster, so two choices always leave one unset: defensive
        return "`cluster` and `instance`"
    alone = [name for name in unset if len({_value(c, name) for c in choices}) == len(choices)]
    if alone:
        return _either(alone)
    for first_index, first in enumerate(unset):
        for second in unset[first_index + 1 :]:
            if len({(_value(c, first), _value(c, second)) for c in choices}) == len(choices):
                return _either([first, second], "and")
    return _either(unset, "and")


def _unavailable_nodes(request: Request, choices: Sequence[Choice]) -> list[Problem]:
    if request.node_names is None or len(choices) != 1:
        return []
    choice = choices[0]
    details = {n.name: n for n in choice.instance.node_details}
    healthy = [n.name for n in choice.instance.node_details if n.is_alive and n.is_schedulable]
    spare = [escape(n) for n in healthy if n not in request.node_names]
    problems = []
    for k, name in enumerate(request.node_names):
        node = details.get(name)
        if node is None or (node.is_alive and node.is_schedulable):
            continue
        if not node.is_alive and not node.is_schedulable:
            state = "is neither alive nor schedulable"
        elif not node.is_alive:
            state = "is not alive"
        else:
            state = "is not schedulable"
        problems.append(
            Problem(
                Kind.UNAVAILABLE_NODE,
                (*request.path("node_names"), k),
                f"node {show_value(name)} of instance {choice.label} {state}",
                "the run cannot start on it until it is back"
                + (f"; available nodes: {', '.join(spare)}" if spare else ""),
            )
        )
    return problems
