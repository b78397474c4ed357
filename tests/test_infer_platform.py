"""Inference with what the platform says: gpuNums, allowedSubmissionTypes, and nodes that are down.

Each case is a run's compute under a fixed head, checked with the PLATFORM clusters below; it
resolves to the listed compute or yields exactly the listed MCL3xx diagnostics (code, line,
column, message, help).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from mcli_lint.compute.clusters import Cluster, Clusters, Instance, Node, load_clusters
from mcli_lint.compute.infer import Request, Shape, infer, infer_data, legal_shapes
from mcli_lint.compute.reasons import Kind
from mcli_lint.engine.lint import lint_text
from mcli_lint.rules import explain

HEAD = "name: run\nimage: mosaicml/pytorch:latest\ncommand: echo hi\n"
PLATFORM_YAML = """\
clusters:
  - name: east
    allow_multinode: true
    submission_types: [TRAINING]
    cluster_instances:
      - {name: a100-8x, gpu_type: a100_80gb, gpus: 8, nodes: 4, gpu_nums: [1, 2, 4, 8, 16, 32]}
      - {name: cpu, gpu_type: none, gpus: 0, nodes: 2, gpu_nums: [3]}
  - name: west
    allow_multinode: true
    submission_types: [training, INFERENCE]
    cluster_instances:
      - name: h100-8x
        gpu_type: h100_80gb
        gpus: 8
        nodes: 4
        node_details:
          - {name: west-h100-1}
          - {name: west-h100-2, is_alive: false}
          - {name: west-h100-3}
          - {name: west-h100-4, is_schedulable: false}
      - name: l40-2x
        gpu_type: l40
        gpus: 2
        nodes: 2
        node_details:
          - {name: west-l40-1, is_alive: false}
          - {name: west-l40-2, is_schedulable: false}
  - name: serve
    allow_fractional: true
    submission_types: [INFERENCE]
    cluster_instances:
      - {name: l4-1x, gpu_type: l4, gpus: 1, nodes: 2}
      - {name: a100-8x, gpu_type: a100_80gb, gpus: 8, nodes: 2}
"""


@pytest.fixture(scope="module")
def platform(tmp_path_factory: pytest.TempPathFactory) -> Clusters:
    path = tmp_path_factory.mktemp("platform") / "clusters.yaml"
    path.write_text(PLATFORM_YAML)
    return load_clusters(path)


def resolved(cluster: str, instance: str, gpu_type: str, gpus: int, nodes: int) -> dict[str, Any]:
    return {"cluster": cluster, "instance": instance, "gpu_type": gpu_type, "gpus": gpus, "nodes": nodes}


CASES: list[tuple[str, str, dict[str, Any] | list[tuple[str, int, int, str, str | None]]]] = [
    # -- gpuNums are the legal GPU counts
    (
        "a count only gpuNums allows",
        "compute:\n  gpu_type: a100_80gb\n  gpus: 2\n",
        resolved("east", "a100-8x", "a100_80gb", 2, 1),
    ),
    (
        "more than a node: ceil(count / gpus) nodes",
        "compute:\n  cluster: east\n  gpus: 16\n",
        resolved("east", "a100-8x", "a100_80gb", 16, 2),
    ),
    (
        "a count gpuNums leaves out",
        "compute:\n  cluster: east\n  gpus: 24\n",
        [
            (
                "MCL302",
                6,
                9,
                "`compute.gpus` is 24, but the platform takes 1, 2, 4, 8, 16, 32 GPUs on instance a100-8x on east",
                "use 16 or 32 GPUs; instances on other clusters that fit 24 GPUs: h100-8x on west",
            )
        ],
    ),
    (
        "nodes that mean a count gpuNums leaves out",
        "compute:\n  instance: a100-8x\n  nodes: 3\n",
        [
            (
                "MCL302",
                6,
                10,
                "`compute.nodes` is 3, which means 24 GPUs on instance a100-8x on east,"
                " but the platform takes 1, 2, 4, 8, 16, 32 GPUs there",
                "use 2 or 4 nodes, or an instance that fits 3 nodes: h100-8x on west",
            )
        ],
    ),
    (
        "a legal count on the wrong number of nodes",
        "compute:\n  instance: a100-8x\n  gpus: 16\n  nodes: 1\n",
        [
            (
                "MCL302",
                6,
                9,
                "`compute.gpus` is 16 but `compute.nodes` is 1: instance a100-8x on east has 8 GPUs per node,"
                " so 16 GPUs take 2 nodes",
                "use 8 or 32 GPUs",
            )
        ],
    ),
    (
        "without gpuNums the cluster's flags still decide",
        "compute:\n  cluster: west\n  gpu_type: h100_80gb\n  gpus: 2\n",
        [
            (
                "MCL302",
                7,
                9,
                "`compute.gpus` is 2, but instance h100-8x on west takes 8 GPUs per node (legal: 8, 16, 24, 32)",
                "use 8 GPUs, or an instance that fits 2 GPUs: l40-2x on west",
            )
        ],
    ),
    (
        "a CPU instance's gpuNums are not its counts",
        "compute:\n  cluster: east\n  gpus: 0\n",
        resolved("east", "cpu", "none", 0, 1),
    ),
    # -- allowedSubmissionTypes
    (
        "a cluster that takes no training runs, named",
        "compute:\n  cluster: serve\n",
        [
            (
                "MCL302",
                5,
                12,
                "`compute.cluster` is 'serve', which takes no training runs (it takes INFERENCE)",
                "clusters that take runs: east, west",
            )
        ],
    ),
    (
        "only a cluster that takes no training runs has the instance",
        "compute:\n  instance: l4-1x\n",
        [
            (
                "MCL302",
                5,
                13,
                "`compute.instance` is 'l4-1x', but only serve has it, and it takes no training runs",
                "instances: a100-8x, cpu, h100-8x, l40-2x",
            )
        ],
    ),
    (
        "a GPU count only a cluster that takes no training runs takes",
        "compute:\n  instance: a100-8x\n  gpus: 3\n",
        [
            (
                "MCL302",
                6,
                9,
                "`compute.gpus` is 3, but the platform takes 1, 2, 4, 8, 16, 32 GPUs on instance a100-8x on east",
                "use 2 or 4 GPUs; a100-8x on serve would fit, but serve takes no training runs",
            )
        ],
    ),
    (
        "an instance of a cluster that takes no training runs is no candidate",
        "compute:\n  gpu_type: a100_80gb\n  gpus: 8\n",
        resolved("east", "a100-8x", "a100_80gb", 8, 1),
    ),
    (
        "the other candidates are listed without it",
        "compute:\n  gpus: 8\n",
        [
            (
                "MCL303",
                5,
                3,
                "`compute` matches 2 instances: a100-8x on east (a100_80gb), h100-8x on west (h100_80gb)",
                "set `cluster`, `instance` or `gpu_type` to pick one",
            )
        ],
    ),
    # -- nodes that are down are never suggested
    (
        "a mistyped node: the dead one next to it is not suggested",
        "compute:\n  cluster: west\n  gpus: 8\n  node_names: [west-h100-22]\n",
        [
            (
                "MCL304",
                7,
                16,
                "node 'west-h100-22' is not a node of instance h100-8x on west",
                "did you mean 'west-h100-3'? its available nodes: west-h100-1, west-h100-3",
            )
        ],
    ),
    (
        "every node down",
        "compute:\n  instance: l40-2x\n  node_names: [west-l40-3]\n",
        [
            (
                "MCL304",
                6,
                16,
                "node 'west-l40-3' is not a node of instance l40-2x on west",
                "none of its nodes is alive and schedulable",
            )
        ],
    ),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_platform_facts(text: str, expected: dict[str, Any] | list[Any], platform: Clusters) -> None:
    run = HEAD + text
    found = [
        (d.code, d.span.start.line, d.span.start.column, d.message, d.help)
        for d in lint_text(run, clusters=platform)
        if d.code.startswith("MCL3")
    ]
    outcome = infer_data(yaml.safe_load(run), platform)
    if isinstance(expected, dict):
        assert (outcome.compute, found) == (expected, [])
    else:
        assert (outcome.compute, found) == (None, expected)


def test_gpu_nums_sizes() -> None:
    cluster = Cluster("c", allow_fractional=False, allow_multinode=False)
    counted = Instance("i", "a100", 8, 4, gpu_nums=(0, 12, 2, 8, 2))
    # Zero is no GPU count for a GPU instance; 12 takes two nodes of 8; repeats count once.
    assert legal_shapes(cluster, counted) == (Shape(2, 1), Shape(8, 1), Shape(12, 2))
    # An instance with no nodes is unusable, whatever the platform's counts.
    assert legal_shapes(cluster, Instance("i", "a100", 8, 0, gpu_nums=(8,))) == ()
    # An empty list (mcli reads an absent gpuNums as one) leaves the cluster's flags in charge.
    assert legal_shapes(cluster, Instance("i", "a100", 8, 4, gpu_nums=())) == (Shape(8, 1),)


def test_submission_types() -> None:
    assert Cluster("c").takes_runs
    assert Cluster("c", submission_types=("Training",)).takes_runs
    assert not Cluster("c", submission_types=("INFERENCE", "FINETUNING")).takes_runs


def test_no_cluster_takes_training_runs() -> None:
    clusters = Clusters(
        (
            Cluster("b", submission_types=("INFERENCE",), cluster_instances=(Instance("i", "l4", 1, 1),)),
            Cluster("a", submission_types=("INFERENCE", "FINETUNING"), cluster_instances=(Instance("i", "l4", 1, 1),)),
        ),
        "pulled.yaml",
    )
    outcome = infer(Request(gpus=1), clusters)
    assert [(p.kind, p.path, *explain(p, outcome.request)[1:]) for p in outcome.problems] == [
        (
            Kind.UNSATISFIABLE,
            ("compute",),
            "no cluster in the clusters file (pulled.yaml) takes training runs",
            "a takes INFERENCE, FINETUNING; b takes INFERENCE",
        )
    ]


def test_a_named_node_that_is_down_is_still_known(platform: Clusters) -> None:
    # Down is MCL305's business: the node exists, so it is never "unknown" (MCL304).
    run = HEAD + "compute:\n  cluster: west\n  gpus: 8\n  node_names: [west-h100-2]\n"
    found = [(d.code, d.message, d.help) for d in lint_text(run, clusters=platform) if d.code.startswith("MCL3")]
    assert found == [
        (
            "MCL305",
            "node 'west-h100-2' of instance h100-8x on west is not alive",
            "the run cannot start on it until it is back; available nodes: west-h100-1, west-h100-3",
        )
    ]


def test_node_records(tmp_path: Path) -> None:
    instance = Instance("i", "a", 1, 3, node_details=(Node("a"), Node("b", is_alive=False), Node("c", True, False)))
    assert instance.available_nodes == (Node("a"),)
