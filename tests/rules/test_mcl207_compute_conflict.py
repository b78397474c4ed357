"""MCL207 compute-conflict: where it reports, what it says, and what it leaves alone."""

from __future__ import annotations

import pytest

from mcli_lint.rules import mcl207_compute_conflict as m207
from tests.rules.helpers import HEAD, findings


def test_the_head_is_clean() -> None:
    assert findings(m207.RULE, HEAD) == []


def run_with(compute: str, top: str = "") -> str:
    return f"name: run\nimage: mosaicml/pytorch:latest\ncommand: echo hi\n{top}compute:\n{compute}"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            run_with("  gpus: 12\n  nodes: 8\n"),
            (
                5,
                9,
                "`compute.gpus` is 12, which is not a multiple of `compute.nodes` (8)",
                "every node gets the same number of GPUs: use a multiple of 8, e.g. 8 or 16",
            ),
        ),
        (
            run_with("  gpus: 3\n  nodes: 4\n"),
            (
                5,
                9,
                "`compute.gpus` is 3, which is not a multiple of `compute.nodes` (4)",
                "every node gets the same number of GPUs: use a multiple of 4, e.g. 4",
            ),
        ),
        (
            run_with("  gpus: 16\n  nodes: 3\n  node_names: [a, b, c]\n"),
            (
                5,
                9,
                "`compute.gpus` is 16, which is not a multiple of `compute.nodes` (3)",
                "every node gets the same number of GPUs: use a multiple of 3, e.g. 15 or 18",
            ),
        ),
        (
            run_with("  nodes: 1\n  node_names:\n    - a\n    - b\n"),
            (
                7,
                5,
                "`compute.node_names` lists 2 nodes but `compute.nodes` is 1",
                "list exactly one name per node, or set `nodes: 2`",
            ),
        ),
        (
            run_with("  nodes: 2\n  node_names: [a]\n"),
            (
                6,
                15,
                "`compute.node_names` lists 1 node but `compute.nodes` is 2",
                "list exactly one name per node, or set `nodes: 1`",
            ),
        ),
        (
            run_with("  gpus: 0\n  gpu_type: a100_80gb\n"),
            (
                6,
                13,
                "`compute.gpu_type` is 'a100_80gb' but `compute.gpus` is 0",
                "for a CPU-only run remove `gpu_type` (or write `gpu_type: none`); else set `gpus`",
            ),
        ),
        (
            run_with("  gpus: 16\n", top="gpu_num: 8\n"),
            (
                4,
                10,
                "top-level `gpu_num` is 8 but `compute.gpus` is 16",
                "remove the deprecated top-level `gpu_num` and keep the value you mean in `compute.gpus`",
            ),
        ),
        (
            run_with("  gpus: 8\n  cluster: r2\n", top="cluster: r1\n"),
            (
                4,
                10,
                "top-level `cluster` is 'r1' but `compute.cluster` is 'r2'",
                "remove the deprecated top-level `cluster` and keep the value you mean in `compute.cluster`",
            ),
        ),
        (
            run_with("  gpus: 8\n  gpu_type: a100_40gb\n", top="gpu_type: a100_80gb\n"),
            (
                4,
                11,
                "top-level `gpu_type` is 'a100_80gb' but `compute.gpu_type` is 'a100_40gb'",
                "remove the deprecated top-level `gpu_type` and keep the value you mean in `compute.gpu_type`",
            ),
        ),
        (
            run_with("  gpus: 8\n  cpus: 2\n", top="cpus: 4\n"),
            (
                4,
                7,
                "top-level `cpus` is 4 but `compute.cpus` is 2",
                "remove the deprecated top-level `cpus` and keep the value you mean in `compute.cpus`",
            ),
        ),
    ],
)
def test_207_conflicts(text: str, expected: tuple[int, int, str, str]) -> None:
    assert findings(m207.RULE, text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        run_with("  gpus: 16\n  nodes: 2\n  node_names: [a, b]\n"),
        run_with("  gpus: 0\n  nodes: 3\n"),
        run_with("  gpus: 0\n  gpu_type: none\n"),
        run_with("  gpus: 0\n  gpu_type: None\n"),
        run_with("  gpus: 0\n  gpu_type: NONE\n"),
        run_with("  gpus: 8\n  gpu_type: a100_80gb\n"),
        run_with("  node_names: [a, b, c]\n"),  # no nodes: nothing to compare
        run_with("  gpus: 8\n", top="gpu_num: 8\n"),
        run_with("  gpus: 8\n  cluster: r1\n", top="cluster: r1\n"),
        run_with("  cpus: 2\n", top="gpu_num: 8\n"),  # no twin set
        # Values that failed a type or range check are the schema rules' business.
        run_with('  gpus: "12"\n  nodes: 8\n'),
        run_with("  gpus: 12\n  nodes: 0\n"),
        run_with("  gpus: -3\n  nodes: 2\n"),
        run_with("  gpus: 12.0\n  nodes: 8\n"),
        run_with("  gpus: true\n  nodes: 8\n"),
        run_with("  nodes: 2\n  node_names: a\n"),
        run_with("  gpus: 0\n  gpu_type: 3090\n"),
        run_with("  gpus: 16\n", top="gpu_num: 8.0\n"),
        run_with("  gpus: 16\n", top='gpu_num: "8"\n'),
        run_with("  gpus: -1\n", top="gpu_num: 8\n"),
        run_with("  cluster: 5\n", top="cluster: r1\n"),
        "name: run\nimage: mosaicml/pytorch:latest\ncommand: echo hi\ncompute: 8\ngpu_num: 8\n",
    ],
)
def test_207_passes(text: str) -> None:
    assert findings(m207.RULE, text) == []
