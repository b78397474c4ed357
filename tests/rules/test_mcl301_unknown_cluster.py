"""MCL301 unknown-cluster: a cluster the clusters file does not list (examples/clusters.json here)."""

from __future__ import annotations

from tests.rules.helpers import example_clusters, reported

TOP = "name: run\nimage: mosaicml/pytorch:latest\ncommand: echo hi\n"


def test_a_cluster_nobody_has() -> None:
    text = TOP + "compute:\n  cluster: nowhere\n  gpus: 8\n"
    assert reported(text, clusters=example_clusters()) == [
        (
            "MCL301",
            5,
            12,
            5,
            19,
            "`compute.cluster` is 'nowhere', which is not a known cluster",
            "known clusters: r1z1, r7z2, r9z1",
        )
    ]


def test_the_deprecated_top_level_cluster_in_the_wrong_case() -> None:
    text = TOP + "cluster: R1Z1\ngpu_num: 8\n"
    assert reported(text, "MCL301", clusters=example_clusters()) == [
        (
            "MCL301",
            4,
            10,
            4,
            14,
            "`cluster` is 'R1Z1', which is not a known cluster",
            "did you mean 'r1z1'? known clusters: r1z1, r7z2, r9z1",
        )
    ]


def test_a_known_cluster_and_no_clusters_file() -> None:
    assert reported(TOP + "compute:\n  cluster: r1z1\n  gpus: 8\n", clusters=example_clusters()) == []
    assert reported(TOP + "compute:\n  cluster: nowhere\n  gpus: 8\n") == []
