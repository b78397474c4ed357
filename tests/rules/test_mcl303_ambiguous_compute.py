"""MCL303 ambiguous-compute: a compute request more than one instance could run, at `compute`."""

from __future__ import annotations

from tests.rules.helpers import example_clusters, reported

TOP = "name: run\nimage: mosaicml/pytorch:latest\ncommand: echo hi\n"


def test_a_gpu_count_two_instances_offer() -> None:
    assert reported(TOP + "compute:\n  gpus: 16\n", clusters=example_clusters()) == [
        (
            "MCL303",
            5,
            3,
            5,
            11,
            "`compute` matches 2 instances: a100-8x on r1z1 (a100_80gb), h100-8x on r7z2 (h100_80gb)",
            "set `cluster`, `instance` or `gpu_type` to pick one",
        )
    ]


def test_a_node_count_alone_matches_every_instance() -> None:
    assert reported(TOP + "compute:\n  nodes: 1\n", clusters=example_clusters()) == [
        (
            "MCL303",
            5,
            3,
            5,
            11,
            "`compute` matches 4 instances: a100-8x on r1z1 (a100_80gb), cpu on r1z1 (CPU only),"
            " h100-8x on r7z2 (h100_80gb), a10-4x on r9z1 (a10)",
            "set `instance` or `gpu_type` to pick one",
        )
    ]


def test_a_gpu_type_picks_one() -> None:
    assert reported(TOP + "compute:\n  gpus: 16\n  gpu_type: h100_80gb\n", clusters=example_clusters()) == []
