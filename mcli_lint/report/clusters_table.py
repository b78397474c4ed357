"""`mcli-lint clusters show`: the clusters as inference sees them, one instance a row."""

from __future__ import annotations

from mcli_lint.compute.clusters import Cluster, Clusters, Instance
from mcli_lint.compute.infer import by_platform, legal_counts
from mcli_lint.text import escape

HEADINGS = ("CLUSTER", "INSTANCE", "GPU TYPE", "GPUS/NODE", "NODES", "LEGAL GPUS", "NOTES")


def render(clusters: Clusters) -> str:
    rows = [HEADINGS]
    for cluster in sorted(clusters.clusters, key=lambda c: c.name):
        if not cluster.cluster_instances:
            rows.append((escape(cluster.name), "-", "-", "-", "-", "none", _notes(cluster, None)))
        for instance in sorted(cluster.cluster_instances, key=lambda i: i.name):
            rows.append(
                (
                    escape(cluster.name),
                    escape(instance.name),
                    escape(instance.gpu_type),
                    str(instance.gpus),
                    _nodes(instance),
                    legal_counts(cluster, instance) or "none",
                    _notes(cluster, instance),
                )
            )
    widths = [max(len(row[k]) for row in rows) for k in range(len(HEADINGS))]
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip() for row in rows]
    instances = sum(len(c.cluster_instances) for c in clusters.clusters)
    count = f"{_plural(len(clusters.clusters), 'cluster')}, {_plural(instances, 'instance')}"
    title = f"{escape(clusters.source)}: {count}" if clusters.source else count
    return "\n".join([title, *lines]) + "\n"


def _nodes(instance: Instance) -> str:
    down = len(instance.node_details) - len(instance.available_nodes)
    return f"{instance.nodes} ({down} unavailable)" if down else str(instance.nodes)


def _notes(cluster: Cluster, instance: Instance | None) -> str:
    notes = []
    if not cluster.takes_runs:
        notes.append(f"takes no training runs ({', '.join(escape(t) for t in cluster.submission_types)})")
    if instance is not None and by_platform(instance):
        notes.append("GPU counts from the platform")
    if instance is not None and instance.nodes < 1:
        notes.append("no nodes")
    return "; ".join(notes)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"
