"""What the clusters file says about a cluster, instance, GPU type or node: for hover and completion."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mcli_lint.compute.clusters import Cluster, Clusters, Instance

# The compute fields whose values the clusters file names (the deprecated top-level spellings too).
VALUE_FIELDS = {"cluster": "cluster", "instance": "instance", "gpu_type": "gpu_type", "node_names": "node"}


def _instance_line(instance: Instance) -> str:
    gpus = f"{instance.gpus} x {instance.gpu_type} per node" if instance.gpus else "no GPUs"
    extra = ", ".join(
        part
        for part in (
            f"{instance.cpus} CPUs" if instance.cpus is not None else "",
            f"{instance.memory} memory" if instance.memory else "",
            f"{instance.storage} storage" if instance.storage else "",
        )
        if part
    )
    nodes = "node" if instance.nodes == 1 else "nodes"
    return f"`{instance.name}`: {gpus}, {instance.nodes} {nodes}" + (f" ({extra})" if extra else "")


def _cluster_text(cluster: Cluster) -> str:
    flags = [
        "fractional GPUs" if cluster.allow_fractional else "whole nodes only",
        "multi-node" if cluster.allow_multinode else "single node",
    ]
    provider = f" ({cluster.provider})" if cluster.provider else ""
    lines = [f"**Cluster `{cluster.name}`**{provider}: {', '.join(flags)}", ""]
    lines += [f"- {_instance_line(instance)}" for instance in cluster.cluster_instances]
    return "\n".join(lines)


def describe(kind: str, value: str, clusters: Clusters) -> str | None:
    """Markdown saying what ``clusters`` knows of a value of ``kind`` (cluster, instance, gpu_type, node)."""
    if kind == "cluster":
        found = [c for c in clusters.clusters if c.name == value]
        return _cluster_text(found[0]) if found else None
    lines = []
    for cluster in clusters.clusters:
        for instance in cluster.cluster_instances:
            named = instance.name if kind == "instance" else instance.gpu_type if kind == "gpu_type" else None
            if named == value:
                lines.append(f"- in `{cluster.name}`: {_instance_line(instance)}")
            elif kind == "node":
                for node in instance.node_details:
                    if node.name == value:
                        state = ", ".join(
                            [
                                "alive" if node.is_alive else "not alive",
                                "schedulable" if node.is_schedulable else "not schedulable",
                            ]
                        )
                        lines.append(f"- `{cluster.name}` / instance `{instance.name}`: {state}")
    if not lines:
        return None
    title = {"instance": "Instance", "gpu_type": "GPU type", "node": "Node"}[kind]
    return "\n".join([f"**{title} `{value}`** in {clusters.source or 'the clusters file'}:", "", *lines])


def values(kind: str, clusters: Clusters, cluster: str | None = None) -> dict[str, str]:
    """Value -> a one-line detail, for completion; within one cluster when the run names a known one."""
    chosen = [c for c in clusters.clusters if c.name == cluster] or list(clusters.clusters)
    found: dict[str, str] = {}
    if kind == "cluster":
        for c in clusters.clusters:
            found[c.name] = ", ".join(i.name for i in c.cluster_instances) or (c.provider or "cluster")
        return found
    for c in chosen:
        for instance in c.cluster_instances:
            if kind == "instance":
                found.setdefault(instance.name, f"{c.name}: {_instance_line(instance).split(': ', 1)[1]}")
            elif kind == "gpu_type" and instance.gpu_type:
                found.setdefault(instance.gpu_type, f"{c.name} / {instance.name}")
            elif kind == "node":
                for node in instance.node_details:
                    usable = node.is_alive and node.is_schedulable
                    found.setdefault(node.name, f"{c.name} / {instance.name}" + ("" if usable else " (unavailable)"))
    return found
