"""MCL304 unknown-node: a `node_names` entry that is not a node of the instance the run resolves to."""

from __future__ import annotations

from tests.rules.helpers import example_clusters, reported

TOP = "name: run\nimage: mosaicml/pytorch:latest\ncommand: echo hi\n"


def test_a_name_like_no_node() -> None:
    text = TOP + "compute:\n  cluster: r1z1\n  gpus: 16\n  node_names: [r1z1-a100-1, nope]\n"
    assert reported(text, clusters=example_clusters()) == [
        (
            "MCL304",
            7,
            29,
            7,
            33,
            "node 'nope' is not a node of instance a100-8x on r1z1",
            "its available nodes: r1z1-a100-1, r1z1-a100-2, r1z1-a100-4",
        )
    ]


def test_a_node_of_another_cluster() -> None:
    text = TOP + "compute:\n  cluster: r7z2\n  gpus: 8\n  node_names: [r1z1-a100-1]\n"
    assert reported(text, clusters=example_clusters()) == [
        (
            "MCL304",
            7,
            16,
            7,
            27,
            "node 'r1z1-a100-1' is not a node of instance h100-8x on r7z2",
            "did you mean 'r7z2-h100-1'? its nodes: r7z2-h100-1, r7z2-h100-2, r7z2-h100-3, r7z2-h100-4",
        )
    ]


def test_a_node_of_the_instance() -> None:
    text = TOP + "compute:\n  cluster: r1z1\n  gpus: 8\n  node_names: [r1z1-a100-1]\n"
    assert reported(text, clusters=example_clusters()) == []
