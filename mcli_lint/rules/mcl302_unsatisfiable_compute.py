"""No instance on any cluster can take the compute the run asks for.

## What it does
With a clusters file, reports a compute request that no instance satisfies, and says why: a GPU
count the instance cannot take (with its legal counts), a GPU type the cluster does not have (and
where it is), a multinode run on a cluster that does not allow them, more nodes than the instance
has, too few CPUs, node names spread over several instances, a cluster that takes no training runs
(the platform's allowed submission types). GPU counts the platform lists for an instance (its
gpuNums, in a pulled clusters file) are the legal ones. It lists what is available instead.
`mcli-lint infer` documents the exact rules (docs/infer.md).

## Why is this bad?
The platform tries to infer the compute from the clusters available to you; when nothing fits, the
run is refused at submission and is not created.

## Example
```yaml
name: twelve-gpus
image: mosaicml/pytorch:latest
command: echo hi
compute:
  cluster: r1z1
  gpus: 12
```

Output of `mcli-lint check run.yaml --clusters clusters.json`:
```text
run.yaml:6:9: MCL302 `compute.gpus` is 12, but instance a100-8x on r1z1 takes 8 GPUs per node (legal: 8, 16, 24, 32)
  help: use 8 or 16 GPUs
Found 1 error and 0 warnings in 1 file.
```

## Use instead
```yaml
name: sixteen-gpus
image: mosaicml/pytorch:latest
command: echo hi
compute:
  cluster: r1z1
  gpus: 16
```
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from mcli_lint.diagnostics import Finding, Severity
from mcli_lint.rules._inference import (
    field,
    findings,
    label,
    labels,
    plural,
    source,
    suggest,
    verb,
    where,
    with_refused,
)
from mcli_lint.rules.base import Context, Rule
from mcli_lint.text import escape, field_name, numbers, show_value

if TYPE_CHECKING:
    from mcli_lint.compute.infer import Request
    from mcli_lint.compute.reasons import (
        NoCpus,
        NoSize,
        NoSizeAnywhere,
        NoSuchGpuType,
        NoSuchInstance,
        Problem,
        Refused,
    )

Words = tuple[str, str | None]


def words(problem: Problem, request: Request) -> Words:
    # Lazy: compute.reasons costs 8-16 ms to import (python -X importtime), paid only with clusters.
    from mcli_lint.compute.reasons import NoSuchGpuType, NoSuchInstance

    reason = problem.reason
    if isinstance(reason, NoSuchInstance) and problem.refused is not None:
        return _only_on_refused("instance", request, problem.refused), _instances(reason, request, suggesting=False)
    if isinstance(reason, NoSuchGpuType) and problem.refused is not None:
        return _only_on_refused("gpu_type", request, problem.refused), _gpu_types(reason, request, suggesting=False)
    message, help = _words(problem, request)
    return message, with_refused(help, problem.refused)


def _words(problem: Problem, request: Request) -> Words:
    # Lazy: compute.reasons costs 8-16 ms to import (python -X importtime), paid only with clusters.
    from mcli_lint.compute.reasons import (
        EmptyCluster,
        NoCpus,
        NodesApart,
        NoInstances,
        NoSize,
        NoSizeAnywhere,
        NoSuchGpuType,
        NoSuchInstance,
        NotForTraining,
        NoTrainingCluster,
    )

    reason = problem.reason
    if isinstance(reason, NoInstances):
        return f"{source(reason.source)} lists no instances at all", None
    if isinstance(reason, EmptyCluster):
        others = ", ".join(escape(c) for c in reason.others)
        return (
            f"{field(request, 'cluster')} is {show_value(reason.asked)}, which lists no instances"
            f" in {source(reason.source)}",
            f"clusters with instances: {others}" if others else None,
        )
    if isinstance(reason, NoTrainingCluster):
        takes = "; ".join(f"{escape(name)} takes {_takes(types)}" for name, types in reason.takes)
        return f"no cluster in {source(reason.source)} takes training runs", takes
    if isinstance(reason, NotForTraining):
        taking = ", ".join(escape(c) for c in reason.taking)
        return (
            f"{field(request, 'cluster')} is {show_value(reason.asked)}, which takes no training runs"
            f" (it takes {_takes(reason.takes)})",
            f"clusters that take runs: {taking}" if taking else "no cluster in the file takes training runs",
        )
    if isinstance(reason, NoSuchInstance):
        return _no_instance(reason, request), _instances(reason, request, suggesting=True)
    if isinstance(reason, NoSuchGpuType):
        return _no_gpu_type(reason, request), _gpu_types(reason, request, suggesting=True)
    if isinstance(reason, NoSize):
        return _why_not(reason, request), _sizes(problem, reason, request)
    if isinstance(reason, NoSizeAnywhere):
        return _no_size_anywhere(reason, request)
    if isinstance(reason, NoCpus):
        return _no_cpus(reason, request)
    assert isinstance(reason, NodesApart)
    spread = ", ".join(f"{show_value(name)} ({' / '.join(label(p) for p in places)})" for name, places in reason.owners)
    return (
        f"`{field_name(problem.path)}` names nodes of different instances: {spread}",
        "a run's nodes all belong to one instance",
    )


def _takes(types: tuple[str, ...]) -> str:
    return ", ".join(escape(t) for t in types)


def _only_on_refused(stage: str, request: Request, refused: Refused) -> str:
    """The name is there, only not where a run may go: say so (and the help suggests no look-alike)."""
    one = len(refused.clusters) == 1
    return (
        f"{field(request, stage)} is {show_value(getattr(request, stage))}, but only"
        f" {', '.join(escape(c) for c in refused.clusters)} {'has' if one else 'have'} it,"
        f" and {'it' if one else 'they'} {verb(refused)} no training runs"
    )


# -- an instance or a GPU type no instance left has ------------------------------------------------


def _no_instance(reason: NoSuchInstance, request: Request) -> str:
    asked = f"{field(request, 'instance')} is {show_value(reason.asked)}"
    if request.cluster is not None:
        return f"{asked}, which is not an instance of {request.cluster}"
    return f"{asked}, which no cluster has"


def _instances(reason: NoSuchInstance, request: Request, suggesting: bool) -> str:
    found = f"{escape(reason.asked)} is on {', '.join(escape(c) for c in reason.on)}; " if reason.on else ""
    hint = found or (suggest(reason.asked, reason.names) if suggesting else "")
    return f"{hint}instances{where(request)}: {', '.join(escape(n) for n in reason.names)}"


def _no_gpu_type(reason: NoSuchGpuType, request: Request) -> str:
    asked = f"{field(request, 'gpu_type')} is {show_value(reason.asked)}"
    if reason.instance is not None:
        instance = reason.instance
        has = "is a CPU instance" if instance.is_cpu else f"has {escape(instance.gpu_type)} GPUs"
        return f"{asked}, but instance {label(instance.place)} {has}"
    if request.cluster is not None:
        return f"{asked}, but no instance on {request.cluster} has it"
    return f"{asked}, but no cluster has it"


def _gpu_types(reason: NoSuchGpuType, request: Request, suggesting: bool) -> str:
    on = sorted(f"{escape(p.cluster)} (instance {escape(p.instance)})" for p in reason.on)
    found = f"{escape(reason.asked)} is on {', '.join(on)}; " if on else ""
    suggestion = "" if on or not suggesting else suggest(reason.asked, reason.types)
    if request.cluster is not None:
        listed = f"{escape(request.cluster)} has " + ", ".join(
            f"{escape(o.gpu_type)} ({escape(o.place.instance)})" for o in reason.offers
        )
    else:
        listed = "GPU types: " + ", ".join(f"{escape(o.gpu_type)} ({label(o.place)})" for o in reason.offers)
    return f"{found}{suggestion}{listed}"


# -- a size the one instance left cannot take ------------------------------------------------------


def _why_not(reason: NoSize, request: Request) -> str:
    # Lazy: compute.reasons costs 8-16 ms to import (python -X importtime), paid only with clusters.
    from mcli_lint.compute.reasons import Why

    offer, why = reason.offer, reason.why
    name = f"instance {label(offer.place)}"
    per_node = f"{plural(offer.gpus, 'GPU')} per node"
    legal = f"(legal: {numbers(offer.legal_gpus)})"
    gpus, nodes = f"{field(request, 'gpus')} is {request.gpus}", f"{field(request, 'nodes')} is {request.nodes}"
    if why is Why.NO_NODES:
        return f"{name} has no nodes, so no run can use it"
    if why is Why.CPU_RUN_ON_GPUS:
        return f"{field(request, 'gpus')} is 0 (a CPU-only run), but {name} has {per_node}"
    if why is Why.GPUS_ON_CPU:
        return f"{gpus}, but {name} is a CPU instance (no GPUs)"
    if why is Why.COUNTED_NODES:
        means = plural((request.nodes or 0) * offer.gpus, "GPU")
        return f"{nodes}, which means {means} on {name}, but the platform takes {numbers(offer.legal_gpus)} GPUs there"
    if why is Why.COUNTED_SPLIT:
        return f"{gpus} but {nodes}: {name} has {per_node}, so {request.gpus} GPUs take {plural(reason.needed, 'node')}"
    if why is Why.COUNTED_GPUS:
        return f"{gpus}, but the platform takes {numbers(offer.legal_gpus)} GPUs on {name}"
    if why is Why.SINGLE_NODE_NODES:
        return f"{nodes}, but {escape(offer.place.cluster)} does not allow multinode runs (legal: 1)"
    if why is Why.SINGLE_NODE_GPUS:
        return (
            f"{gpus}, but {escape(offer.place.cluster)} does not allow multinode runs and {name} has {per_node} {legal}"
        )
    if why is Why.TOO_FEW_NODES_NODES:
        return f"{nodes}, but {name} has only {plural(offer.nodes, 'node')} (legal: {numbers(offer.legal_nodes)})"
    if why is Why.TOO_FEW_NODES_GPUS:
        return f"{gpus}, which needs {reason.needed} nodes, but {name} has only {offer.nodes} {legal}"
    if why is Why.SPLIT:
        fitting = numbers(reason.fitting)
        spread = f"{plural(request.nodes or 0, 'node')} means {fitting} GPU{'' if fitting == '1' else 's'}"
        return f"{gpus} but {nodes}: {name} has {per_node}, so {spread}"
    return f"{gpus}, but {name} takes {per_node} {legal}"


def _sizes(problem: Problem, reason: NoSize, request: Request) -> str | None:
    others, elsewhere = labels(reason.others), labels(reason.elsewhere)
    if not reason.offer.legal_gpus:
        return f"instances{where(request)} that fit: {others}" if others else None
    help = _nearest(problem, reason, request)
    if others:
        return f"{help}, or an instance that fits {_size(request)}: {others}"
    if elsewhere:
        return f"{help}; instances on other clusters that fit {_size(request)}: {elsewhere}"
    return help


def _size(request: Request) -> str:
    return plural(request.gpus, "GPU") if request.gpus is not None else plural(request.nodes or 0, "node")


def _nearest(problem: Problem, reason: NoSize, request: Request) -> str:
    """The legal sizes next to the one asked for: `use 8 or 16 GPUs`."""
    by_nodes = problem.path == request.path("nodes") and request.nodes is not None
    wanted = (request.nodes if by_nodes else request.gpus) or 0
    legal = sorted(set(reason.offer.legal_nodes if by_nodes else reason.offer.legal_gpus))
    near = [*[v for v in legal if v < wanted][-1:], *[v for v in legal if v > wanted][:1]]
    if not near:
        return "use a legal size"
    unit = "node" if by_nodes else "GPU"
    return f"use {' or '.join(str(v) for v in near)} {unit}{'' if near == [1] else 's'}"


# -- a size no instance left takes, too few CPUs ---------------------------------------------------


def _no_size_anywhere(reason: NoSizeAnywhere, request: Request) -> Words:
    narrowed = any(request.given(name) for name in ("cluster", "instance", "gpu_type"))
    matching = "matching instance" if narrowed else "instance"
    if request.gpus is not None:
        both = f" on {plural(request.nodes, 'node')}" if request.nodes is not None else ""
        what = "0 (a CPU-only run)" if request.gpus == 0 else str(request.gpus)
        listed = "; ".join(f"{label(o.place)}: {numbers(o.legal_gpus) or 'none'}" for o in reason.offers)
        return f"{field(request, 'gpus')} is {what}{both}, which no {matching} takes", f"legal GPU counts: {listed}"
    if request.nodes is not None:
        listed = "; ".join(f"{label(o.place)}: {numbers(o.legal_nodes) or 'none'}" for o in reason.offers)
        message = f"{field(request, 'nodes')} is {request.nodes}, which no {matching} takes"
        return message, f"legal node counts: {listed}"
    return f"no {matching} has any nodes: {labels(reason.pool)}", None


def _no_cpus(reason: NoCpus, request: Request) -> Words:
    asked = f"{field(request, 'cpus')} is {reason.wanted}"
    if len(reason.offers) == 1:
        only = reason.offers[0]
        message = f"{asked}, but instance {label(only.place)} has {only.cpus} CPUs"
    else:
        message = f"{asked}, but no matching CPU instance has that many"
    if reason.roomy:
        return message, f"CPU instances{where(request)} with {reason.wanted} CPUs: {labels(reason.roomy)}"
    listed = ", ".join(f"{label(o.place)}: {o.cpus}" for o in reason.offers)
    return message, f"no CPU instance{where(request)} has that many (CPUs per node: {listed})"


def check(ctx: Context) -> Iterator[Finding]:
    return findings(ctx, RULE.name, words)


RULE = Rule("MCL302", "unsatisfiable-compute", Severity.ERROR, check, __doc__, needs_clusters=True)
