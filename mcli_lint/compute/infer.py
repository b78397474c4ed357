"""Compute inference: the (cluster, instance, size) a run's compute request leaves, and why not exactly one.

Pure functions over plain data: a request read from a run's data, the clusters, and an Outcome
holding the candidates, the completed compute when there is exactly one, and the problems found, as
facts (compute/reasons.py): the MCL3xx rules word them.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from mcli_lint.compute.clusters import Cluster, Clusters, Instance
from mcli_lint.compute.reasons import (
    Candidate,
    EmptyCluster,
    Kind,
    NoCpus,
    NodesApart,
    NoInstances,
    NoSize,
    NoSizeAnywhere,
    NoSuchGpuType,
    NoSuchInstance,
    NotForTraining,
    NoTrainingCluster,
    Offer,
    Place,
    Problem,
    Refused,
    Several,
    UnavailableNode,
    UnknownCluster,
    UnknownNode,
    Unsized,
    Why,
)
from mcli_lint.diagnostics import Path
from mcli_lint.schema import deprecated_fields
from mcli_lint.schema.errors import schema_errors
from mcli_lint.text import numbers

# The fields inference completes, in the order they are shown and written.
FIELDS = ("cluster", "instance", "gpu_type", "gpus", "nodes")
_REQUEST_FIELDS = (*FIELDS, "cpus", "node_names")
_INTEGERS = ("gpus", "nodes", "cpus")


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
        problem = Problem(Kind.UNSATISFIABLE, ("compute",), NoInstances(clusters.source))
        return Outcome(request, problems=(problem,))
    refused = _refused(request, clusters)
    if refused is not None:
        return Outcome(request, problems=(refused,))
    # Only clusters that take training runs are candidates; the others are named when they would have fit.
    runnable = [(c, i) for c, i in every if c.takes_runs]
    if not runnable:
        ordered = sorted(clusters.clusters, key=lambda c: c.name)
        takes = tuple((c.name, c.submission_types) for c in ordered)
        problem = Problem(Kind.UNSATISFIABLE, ("compute",), NoTrainingCluster(clusters.source, takes))
        return Outcome(request, problems=(problem,))
    pool = runnable
    elsewhere = [(c, i) for c, i in every if not c.takes_runs]
    stages = _stages(request)
    for index, (stage, keep) in enumerate(stages):
        kept = [pair for pair in pool if keep(*pair)]
        if not kept:
            problems = _unsatisfiable(stage, pool, request, runnable, clusters.source)
            fits = [pair for pair in elsewhere if all(k(*pair) for _, k in stages[: index + 1])]
            return Outcome(request, problems=_also_refused(problems, fits))
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


# -- the facts explanations name -------------------------------------------------------------------


def place(cluster: Cluster, instance: Instance) -> Place:
    return Place(cluster.name, instance.name)


def offer(cluster: Cluster, instance: Instance) -> Offer:
    shapes = legal_shapes(cluster, instance)
    return Offer(
        place(cluster, instance),
        instance.gpu_type,
        instance.is_cpu,
        instance.gpus,
        instance.nodes,
        instance.cpus,
        tuple(s.gpus for s in shapes),
        tuple(s.nodes for s in shapes),
    )


def legal_counts(cluster: Cluster, instance: Instance) -> str:
    return numbers(s.gpus for s in legal_shapes(cluster, instance))


def _ordered(pairs: Iterable[Pair]) -> list[Pair]:
    return sorted(pairs, key=lambda pair: (pair[0].name, pair[1].name))


# -- no candidate: an unknown cluster, or no instance that takes the run ---------------------------


def _unknown_cluster(request: Request, clusters: Clusters) -> Problem:
    reason = UnknownCluster(request.cluster or "", tuple(sorted(clusters.names)), clusters.source)
    return Problem(Kind.UNKNOWN_CLUSTER, request.path("cluster"), reason)


def _refused(request: Request, clusters: Clusters) -> Problem | None:
    """The cluster the run names, when it takes no training runs (the platform's allowedSubmissionTypes)."""
    named = next((c for c in clusters.clusters if c.name == request.cluster), None)
    if named is None or named.takes_runs:
        return None
    taking = tuple(c.name for c in sorted(clusters.clusters, key=lambda c: c.name) if c.takes_runs)
    reason = NotForTraining(named.name, named.submission_types, taking)
    return Problem(Kind.UNSATISFIABLE, request.path("cluster"), reason)


def _also_refused(problems: tuple[Problem, ...], fits: list[Pair]) -> tuple[Problem, ...]:
    """The problems, the first saying what would fit on clusters that take no training runs."""
    if not fits:
        return problems
    ordered = _ordered(fits)
    refused = Refused(tuple(dict.fromkeys(c.name for c, _ in ordered)), tuple(place(c, i) for c, i in ordered))
    return (dataclasses.replace(problems[0], refused=refused), *problems[1:])


def _unsatisfiable(
    stage: str, pool: list[Pair], request: Request, every: list[Pair], source: str
) -> tuple[Problem, ...]:
    if stage == "cluster":  # it is known (else unknown-cluster), takes runs (else refused): it has no instance
        assert request.cluster is not None
        others = tuple(sorted({c.name for c, _ in every}))
        reason = EmptyCluster(request.cluster, source, others)
        return (Problem(Kind.UNSATISFIABLE, request.path("cluster"), reason),)
    if stage == "instance":
        return (_no_instance(pool, request, every),)
    if stage == "gpu_type":
        return (_no_gpu_type(pool, request, every),)
    if stage == "size":
        return (_no_size(pool, request, every),)
    if stage == "cpus":
        return (_no_cpus(pool, request, every),)
    return _no_nodes(pool, request)


def _no_instance(pool: list[Pair], request: Request, every: list[Pair]) -> Problem:
    wanted = request.instance or ""
    on = tuple(sorted({c.name for c, i in every if i.name == wanted}))
    reason = NoSuchInstance(wanted, on, tuple(sorted({i.name for _, i in pool})))
    return Problem(Kind.UNSATISFIABLE, request.path("instance"), reason)


def _no_gpu_type(pool: list[Pair], request: Request, every: list[Pair]) -> Problem:
    wanted = request.gpu_type or ""
    on = tuple(place(c, i) for c, i in every if i.gpu_type.lower() == wanted.lower())
    asked = offer(*pool[0]) if request.instance is not None else None
    by_type = sorted(pool, key=lambda pair: (pair[1].gpu_type.lower(), pair[0].name, pair[1].name))
    types = tuple(sorted({i.gpu_type for _, i in every}))
    reason = NoSuchGpuType(wanted, asked, on, types, tuple(offer(c, i) for c, i in by_type))
    return Problem(Kind.UNSATISFIABLE, request.path("gpu_type"), reason)


def _no_size(pool: list[Pair], request: Request, every: list[Pair]) -> Problem:
    # Instances without nodes, CPU instances for a GPU count and GPU instances for 0 GPUs are out at
    # once: explain the others.
    relevant = [
        (c, i) for c, i in pool if legal_shapes(c, i) and (request.gpus is None or (request.gpus == 0) == i.is_cpu)
    ] or pool
    if len(relevant) == 1:
        cluster, instance = relevant[0]
        path, why, needed = _why_not(request, cluster, instance)
        sized = Request(gpus=request.gpus, nodes=request.nodes)
        fits = [(c, i) for c, i in _ordered(every) if (c, i) != (cluster, instance) and fitting_shapes(sized, c, i)]
        nodes = request.nodes
        reason = NoSize(
            why,
            offer(cluster, instance),
            needed,
            tuple(s.gpus for s in legal_shapes(cluster, instance) if s.nodes == nodes),
            tuple(place(c, i) for c, i in fits if request.cluster in (None, c.name)),
            tuple(place(c, i) for c, i in fits if request.cluster not in (None, c.name)),
        )
        return Problem(Kind.UNSATISFIABLE, path, reason)
    reason_all = NoSizeAnywhere(
        tuple(offer(c, i) for c, i in _ordered(relevant)), tuple(place(c, i) for c, i in _ordered(pool))
    )
    if request.gpus is not None:
        return Problem(Kind.UNSATISFIABLE, request.path("gpus"), reason_all)
    if request.nodes is not None:
        return Problem(Kind.UNSATISFIABLE, request.path("nodes"), reason_all)
    return Problem(Kind.UNSATISFIABLE, ("compute",), reason_all)


def _why_not(request: Request, cluster: Cluster, instance: Instance) -> tuple[Path, Why, int]:
    """Why one instance cannot take the requested size: the field at fault, the reason, the nodes needed."""
    g, available = instance.gpus, instance.nodes
    gpus, nodes = request.gpus, request.nodes
    if available < 1:
        return ("compute",), Why.NO_NODES, 0
    if gpus is not None and gpus == 0 and g > 0:
        return request.path("gpus"), Why.CPU_RUN_ON_GPUS, 0
    if gpus is not None and gpus > 0 and g == 0:
        return request.path("gpus"), Why.GPUS_ON_CPU, 0
    if by_platform(instance):
        if gpus is None:
            return request.path("nodes"), Why.COUNTED_NODES, 0
        if nodes is not None and any(s.gpus == gpus for s in legal_shapes(cluster, instance)):
            return request.path("gpus"), Why.COUNTED_SPLIT, nodes_for(gpus, g)
        return request.path("gpus"), Why.COUNTED_GPUS, 0
    needed = nodes if nodes is not None else nodes_for(gpus or 0, g)
    if needed > 1 and not cluster.allow_multinode:
        if nodes is not None:
            return request.path("nodes"), Why.SINGLE_NODE_NODES, needed
        return request.path("gpus"), Why.SINGLE_NODE_GPUS, needed
    if needed > available:
        if nodes is not None:
            return request.path("nodes"), Why.TOO_FEW_NODES_NODES, needed
        return request.path("gpus"), Why.TOO_FEW_NODES_GPUS, needed
    if gpus is not None and nodes is not None:
        return request.path("gpus"), Why.SPLIT, needed
    return request.path("gpus"), Why.PER_NODE, needed


def _no_cpus(pool: list[Pair], request: Request, every: list[Pair]) -> Problem:
    wanted = request.cpus or 0
    roomy = tuple(
        place(c, i)
        for c, i in _ordered(every)
        if i.is_cpu and (request.cluster is None or c.name == request.cluster) and _enough_cpus(wanted, i)
    )
    reason = NoCpus(wanted, tuple(offer(c, i) for c, i in (pool if len(pool) == 1 else _ordered(pool))), roomy)
    return Problem(Kind.UNSATISFIABLE, request.path("cpus"), reason)


def _no_nodes(pool: list[Pair], request: Request) -> tuple[Problem, ...]:
    names = request.node_names or ()
    base = request.path("node_names")
    owners = {
        n.name: tuple(place(c, i) for c, i in _ordered(pool) if n in i.node_details)
        for _, i in pool
        for n in i.node_details
    }
    # Suggest and list only nodes a run can start on: a dead or cordoned node is no help.
    available = tuple(sorted({n.name for _, i in pool for n in i.available_nodes}))
    unknown = [(k, name) for k, name in enumerate(names) if name not in owners]
    if unknown:
        single = place(*pool[0]) if len(pool) == 1 else None
        every_node = tuple(sorted(owners))
        return tuple(
            Problem(Kind.UNKNOWN_NODE, (*base, k), UnknownNode(name, single, every_node, available))
            for k, name in unknown
        )
    spread = tuple((name, owners[name]) for name in dict.fromkeys(names))
    return (Problem(Kind.UNSATISFIABLE, base, NodesApart(spread)),)


# -- several candidates, unavailable nodes ---------------------------------------------------------


def _ambiguity(outcome: Outcome) -> list[Problem]:
    choices, request = outcome.choices, outcome.request
    if len(choices) == 1 and len(choices[0].shapes) > 1:
        choice = choices[0]
        unsized = Unsized(place(choice.cluster, choice.instance), tuple(s.gpus for s in choice.shapes))
        return [Problem(Kind.AMBIGUOUS, ("compute",), unsized)]
    if len(choices) < 2:
        return []
    candidates = tuple(Candidate(offer(c.cluster, c.instance), tuple(s.gpus for s in c.shapes)) for c in choices)
    pickers, together = _pickers(request, choices)
    return [Problem(Kind.AMBIGUOUS, ("compute",), Several(candidates, pickers, together))]


def _value(choice: Choice, name: str) -> str:
    if name == "cluster":
        return choice.cluster.name
    if name == "instance":
        return choice.instance.name
    return choice.instance.gpu_type.lower()


def _pickers(request: Request, choices: Sequence[Choice]) -> tuple[tuple[str, ...], bool]:
    """The unset field(s) whose values tell the choices apart: one alone if any does (any of them),
    else a pair (together)."""
    unset = [name for name in ("cluster", "instance", "gpu_type") if not request.given(name)]
    if not unset:  # names are unique per cluster, so two choices always leave one unset: defensive
        return ("cluster", "instance"), True
    alone = [name for name in unset if len({_value(c, name) for c in choices}) == len(choices)]
    if alone:
        return tuple(alone), False
    for first_index, first in enumerate(unset):
        for second in unset[first_index + 1 :]:
            if len({(_value(c, first), _value(c, second)) for c in choices}) == len(choices):
                return (first, second), True
    return tuple(unset), True


def _unavailable_nodes(request: Request, choices: Sequence[Choice]) -> list[Problem]:
    if request.node_names is None or len(choices) != 1:
        return []
    choice = choices[0]
    details = {n.name: n for n in choice.instance.node_details}
    healthy = [n.name for n in choice.instance.node_details if n.is_alive and n.is_schedulable]
    spare = tuple(n for n in healthy if n not in request.node_names)
    problems = []
    for k, name in enumerate(request.node_names):
        node = details.get(name)
        if node is None or (node.is_alive and node.is_schedulable):
            continue
        reason = UnavailableNode(
            name, place(choice.cluster, choice.instance), node.is_alive, node.is_schedulable, spare
        )
        problems.append(Problem(Kind.UNAVAILABLE_NODE, (*request.path("node_names"), k), reason))
    return problems
