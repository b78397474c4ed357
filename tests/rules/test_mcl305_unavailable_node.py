"""MCL305 unavailable-node: a `node_names` entry whose node is down or not schedulable now."""

from __future__ import annotations

from tests.rules.helpers import example_clusters, reported

TOP = "name: run\nimage: mosaicml/pytorch:latest\ncommand: echo hi\n"


def test_a_node_that_is_not_schedulable() -> None:
    text = TOP + "compute:\n  cluster: r1z1\n  gpus: 16\n  node_names: [r1z1-a100-1, r1z1-a100-3]\n"
    assert reported(text, clusters=example_clusters()) == [
        (
            "MCL305",
            7,
            29,
            7,
            40,
            "node 'r1z1-a100-3' of instance a100-8x on r1z1 is not schedulable",
            "the run cannot start on it until it is back; available nodes: r1z1-a100-2, r1z1-a100-4",
        )
    ]


def test_available_nodes() -> None:
    text = TOP + "compute:\n  cluster: r1z1\n  gpus: 16\n  node_names: [r1z1-a100-1, r1z1-a100-2]\n"
    assert reported(text, clusters=example_clusters()) == []
