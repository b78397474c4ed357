"""MCL302 unsatisfiable-compute: a compute request no instance of the clusters can run."""

from __future__ import annotations

import json
from pathlib import Path

from mcli_lint.compute.clusters import load_clusters
from tests.rules.helpers import EXAMPLE_CLUSTERS, example_clusters, reported

TOP = "name: run\nimage: mosaicml/pytorch:latest\ncommand: echo hi\n"


def test_a_gpu_type_the_cluster_does_not_have() -> None:
    text = TOP + "compute:\n  cluster: r1z1\n  gpu_type: h100_80gb\n  gpus: 8\n"
    assert reported(text, clusters=example_clusters()) == [
        (
            "MCL302",
            6,
            13,
            6,
            22,
            "`compute.gpu_type` is 'h100_80gb', but no instance on r1z1 has it",
            "h100_80gb is on r7z2 (instance h100-8x); r1z1 has a100_80gb (a100-8x), none (cpu)",
        )
    ]


def test_more_nodes_than_the_instance_has() -> None:
    text = TOP + "compute:\n  cluster: r1z1\n  gpus: 64\n"
    assert reported(text, clusters=example_clusters()) == [
        (
            "MCL302",
            6,
            9,
            6,
            11,
            "`compute.gpus` is 64, which needs 8 nodes, but instance a100-8x on r1z1 has only 4 (legal: 8, 16, 24, 32)",
            "use 32 GPUs",
        )
    ]


def test_a_request_that_fits() -> None:
    assert reported(TOP + "compute:\n  cluster: r1z1\n  gpus: 32\n", clusters=example_clusters()) == []


def test_a_cluster_the_file_lists_without_instances(tmp_path: Path) -> None:
    listed = json.loads(EXAMPLE_CLUSTERS.read_text(encoding="utf-8"))
    empty = {"name": "spare", "provider": "MosaicML", "allow_fractional": False, "allow_multinode": True}
    listed["clusters"].append({**empty, "submission_types": ["TRAINING"], "cluster_instances": []})
    (tmp_path / "clusters.json").write_text(json.dumps(listed), encoding="utf-8")
    text = TOP + "compute:\n  cluster: spare\n  gpus: 8\n"
    assert reported(text, clusters=load_clusters(tmp_path / "clusters.json")) == [
        (
            "MCL302",
            5,
            12,
            5,
            17,
            "`compute.cluster` is 'spare', which lists no instances"
            f" in the clusters file ({tmp_path / 'clusters.json'})",
            "clusters with instances: r1z1, r7z2, r9z1",
        )
    ]
