"""Compute inference: every sentence of docs/infer.md's semantics as a case, and its invariants.

Each case is a run's compute written as YAML under a fixed head, linted with the LAB clusters below;
it either resolves (to the completed compute, with the inferred fields) or yields exactly the listed
MCL3xx diagnostics (code, line, column, message, help).
"""

from __future__ import annotations

import dataclasses
import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from mcli_lint.compute.clusters import Cluster, Clusters, Instance, Node, load_clusters
from mcli_lint.compute.files import infer_paths
from mcli_lint.compute.infer import FIELDS, Request, infer, infer_data, legal_shapes, read_request
from mcli_lint.compute.reasons import Kind, NoInstances, Several
from mcli_lint.config import Config
from mcli_lint.engine.lint import lint_text
from mcli_lint.loader import load_text
from mcli_lint.rules import BY_NAME, explain
from mcli_lint.text import numbers

HEAD = "name: run\nimage: mosaicml/pytorch:latest\ncommand: echo hi\n"
LAB_YAML = """\
clusters:
  - name: solo
    cluster_instances:
      - {name: v100-1x, gpu_type: V100_32GB, gpus: 1, nodes: 1}
  - name: frac
    allow_fractional: true
    cluster_instances:
      - {name: a10-4x, gpu_type: a10, gpus: 4, nodes: 2}
  - name: multi
    allow_multinode: true
    cluster_instances:
      - name: a100-8x
        gpu_type: a100_80gb
        gpus: 8
        nodes: 4
        node_details:
          - {name: m-1}
          - {name: m-2, is_alive: false}
          - {name: m-3, is_schedulable: false}
          - {name: m-4, is_alive: false, is_schedulable: false}
      - name: cpu
        gpu_type: none
        gpus: 0
        nodes: 3
        cpus: 16
        node_details: [{name: c-1}, {name: c-2}, {name: c-3}]
      - {name: retired, gpu_type: h100_80gb, gpus: 8, nodes: 0}
  - name: both
    allow_fractional: true
    allow_multinode: true
    cluster_instances:
      - {name: h100-8x, gpu_type: h100_80gb, gpus: 8, nodes: 2}
"""


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Clusters:
    path = tmp_path_factory.mktemp("lab") / "clusters.yaml"
    path.write_text(LAB_YAML)
    return load_clusters(path)


def resolved(cluster: str, instance: str, gpu_type: str, gpus: int, nodes: int, *inferred: str) -> dict[str, Any]:
    return {
        "compute": {"cluster": cluster, "instance": instance, "gpu_type": gpu_type, "gpus": gpus, "nodes": nodes},
        "inferred": inferred,
    }


Problem = tuple[str, int, int, str, "str | None"]

# (what the case proves, the YAML after HEAD, the result: resolved(...) or [diagnostics])
CASES: list[tuple[str, str, dict[str, Any] | list[Problem]]] = [
    # -- legal sizes
    (
        "without fractional, g GPUs is legal",
        "compute:\n  cluster: solo\n  gpus: 1\n",
        resolved("solo", "v100-1x", "V100_32GB", 1, 1, "instance", "gpu_type", "nodes"),
    ),
    (
        "without fractional, fewer than g GPUs is not",
        "compute:\n  cluster: multi\n  gpus: 4\n",
        [
            (
                "MCL302",
                6,
                9,
                "`compute.gpus` is 4, but instance a100-8x on multi takes 8 GPUs per node (legal: 8, 16, 24, 32)",
                "use 8 GPUs; instances on other clusters that fit 4 GPUs: h100-8x on both, a10-4x on frac",
            )
        ],
    ),
    (
        "with fractional, any count from 1 to g is legal, on one node",
        "compute:\n  cluster: frac\n  gpus: 3\n",
        resolved("frac", "a10-4x", "a10", 3, 1, "instance", "gpu_type", "nodes"),
    ),
    (
        "without multinode, more than g GPUs is not legal",
        "compute:\n  cluster: frac\n  gpus: 8\n",
        [
            (
                "MCL302",
                6,
                9,
                "`compute.gpus` is 8, but frac does not allow multinode runs and instance a10-4x on frac has"
                " 4 GPUs per node (legal: 1 to 4)",
                "use 4 GPUs; instances on other clusters that fit 8 GPUs: h100-8x on both, a100-8x on multi",
            )
        ],
    ),
    (
        "with multinode, k·g is legal for 2 ≤ k ≤ N, on k nodes",
        "compute:\n  cluster: multi\n  gpus: 32\n",
        resolved("multi", "a100-8x", "a100_80gb", 32, 4, "instance", "gpu_type", "nodes"),
    ),
    (
        "with multinode, k·g for k > N is not legal",
        "compute:\n  cluster: multi\n  gpus: 40\n",
        [
            (
                "MCL302",
                6,
                9,
                "`compute.gpus` is 40, which needs 5 nodes, but instance a100-8x on multi has only 4"
                " (legal: 8, 16, 24, 32)",
                "use 32 GPUs",
            )
        ],
    ),
    (
        "with fractional and multinode, part of one node or whole nodes",
        "compute:\n  cluster: both\n  gpus: 5\n",
        resolved("both", "h100-8x", "h100_80gb", 5, 1, "instance", "gpu_type", "nodes"),
    ),
    (
        "with fractional and multinode, part of several nodes is not legal",
        "compute:\n  cluster: both\n  gpus: 12\n",
        [
            (
                "MCL302",
                6,
                9,
                "`compute.gpus` is 12, but instance h100-8x on both takes 8 GPUs per node (legal: 1 to 8, 16)",
                "use 8 or 16 GPUs",
            )
        ],
    ),
    (
        "g = 0 is a CPU instance: 0 GPUs on one node",
        "compute:\n  cluster: multi\n  gpus: 0\n",
        resolved("multi", "cpu", "none", 0, 1, "instance", "gpu_type", "nodes"),
    ),
    (
        "a CPU instance on a multinode cluster takes up to N nodes when nodes asks",
        "compute:\n  cluster: multi\n  gpus: 0\n  nodes: 3\n",
        resolved("multi", "cpu", "none", 0, 3, "instance", "gpu_type"),
    ),
    (
        "a CPU instance has no more than N nodes",
        "compute:\n  cluster: multi\n  gpus: 0\n  nodes: 4\n",
        [
            (
                "MCL302",
                7,
                10,
                "`compute.nodes` is 4, but instance cpu on multi has only 3 nodes (legal: 1 to 3)",
                "use 3 nodes",
            )
        ],
    ),
    (
        "an instance with no nodes is unusable",
        "compute:\n  cluster: multi\n  instance: retired\n  gpus: 8\n",
        [
            (
                "MCL302",
                5,
                3,
                "instance retired on multi has no nodes, so no run can use it",
                "instances on multi that fit: a100-8x on multi",
            )
        ],
    ),
    # -- gpus and nodes
    (
        "nodes alone means nodes·g GPUs",
        "compute:\n  cluster: multi\n  instance: a100-8x\n  nodes: 3\n",
        resolved("multi", "a100-8x", "a100_80gb", 24, 3, "gpu_type", "gpus"),
    ),
    (
        "gpus alone means ⌈gpus/g⌉ nodes",
        "compute:\n  cluster: multi\n  gpus: 24\n",
        resolved("multi", "a100-8x", "a100_80gb", 24, 3, "instance", "gpu_type", "nodes"),
    ),
    (
        "gpus and nodes together must agree",
        "compute:\n  cluster: multi\n  gpus: 24\n  nodes: 2\n",
        [
            (
                "MCL302",
                6,
                9,
                "`compute.gpus` is 24 but `compute.nodes` is 2: instance a100-8x on multi has 8 GPUs per node,"
                " so 2 nodes means 16 GPUs",
                "use 16 or 32 GPUs",
            )
        ],
    ),
    (
        "more nodes than the instance has",
        "compute:\n  cluster: multi\n  instance: a100-8x\n  nodes: 5\n",
        [
            (
                "MCL302",
                7,
                10,
                "`compute.nodes` is 5, but instance a100-8x on multi has only 4 nodes (legal: 1 to 4)",
                "use 4 nodes",
            )
        ],
    ),
    (
        "nodes on a cluster without multinode",
        "compute:\n  cluster: frac\n  nodes: 2\n",
        [
            (
                "MCL302",
                6,
                10,
                "`compute.nodes` is 2, but frac does not allow multinode runs (legal: 1)",
                "use 1 node; instances on other clusters that fit 2 nodes: h100-8x on both, a100-8x on multi,"
                " cpu on multi",
            )
        ],
    ),
    (
        "a count no instance takes lists every instance's legal counts",
        "compute:\n  gpus: 9\n",
        [
            (
                "MCL302",
                5,
                9,
                "`compute.gpus` is 9, which no instance takes",
                "legal GPU counts: h100-8x on both: 1 to 8, 16; a10-4x on frac: 1 to 4;"
                " a100-8x on multi: 8, 16, 24, 32; v100-1x on solo: 1",
            )
        ],
    ),
    # -- CPU instances and cpus
    (
        "gpus 0 needs a CPU instance",
        "compute:\n  cluster: solo\n  gpus: 0\n",
        [
            (
                "MCL302",
                6,
                9,
                "`compute.gpus` is 0 (a CPU-only run), but instance v100-1x on solo has 1 GPU per node",
                "use 1 GPU; instances on other clusters that fit 0 GPUs: cpu on multi",
            )
        ],
    ),
    (
        "GPUs on a CPU instance",
        "compute:\n  cluster: multi\n  instance: cpu\n  gpus: 8\n",
        [
            (
                "MCL302",
                7,
                9,
                "`compute.gpus` is 8, but instance cpu on multi is a CPU instance (no GPUs)",
                "use 0 GPUs, or an instance that fits 8 GPUs: a100-8x on multi",
            )
        ],
    ),
    (
        "a CPU instance with enough cpus",
        "compute:\n  cluster: multi\n  gpus: 0\n  cpus: 16\n",
        resolved("multi", "cpu", "none", 0, 1, "instance", "gpu_type", "nodes"),
    ),
    (
        "a CPU instance with too few cpus",
        "compute:\n  cluster: multi\n  gpus: 0\n  cpus: 17\n",
        [
            (
                "MCL302",
                7,
                9,
                "`compute.cpus` is 17, but instance cpu on multi has 16 CPUs",
                "no CPU instance on multi has that many (CPUs per node: cpu on multi: 16)",
            )
        ],
    ),
    (
        "cpus does not constrain a GPU instance",
        "compute:\n  cluster: solo\n  gpus: 1\n  cpus: 999\n",
        resolved("solo", "v100-1x", "V100_32GB", 1, 1, "instance", "gpu_type", "nodes"),
    ),
    # -- cluster, instance, gpu_type
    (
        "gpu_type matches ignoring case, and stays as written",
        "compute:\n  gpu_type: v100_32gb\n",
        resolved("solo", "v100-1x", "v100_32gb", 1, 1, "cluster", "instance", "gpus", "nodes"),
    ),
    (
        "a gpu type the cluster does not have: where it is",
        "compute:\n  cluster: solo\n  gpu_type: A10\n",
        [
            (
                "MCL302",
                6,
                13,
                "`compute.gpu_type` is 'A10', but no instance on solo has it",
                "A10 is on frac (instance a10-4x); solo has V100_32GB (v100-1x)",
            )
        ],
    ),
    (
        "a gpu type no cluster has",
        "compute:\n  gpu_type: a100_40gb\n",
        [
            (
                "MCL302",
                5,
                13,
                "`compute.gpu_type` is 'a100_40gb', but no cluster has it",
                "did you mean 'a100_80gb'? GPU types: a10 (a10-4x on frac), a100_80gb (a100-8x on multi),"
                " h100_80gb (h100-8x on both), h100_80gb (retired on multi), none (cpu on multi),"
                " V100_32GB (v100-1x on solo)",
            )
        ],
    ),
    (
        "the instance's gpu type is not the one asked for",
        "compute:\n  cluster: multi\n  instance: a100-8x\n  gpu_type: h100_80gb\n",
        [
            (
                "MCL302",
                7,
                13,
                "`compute.gpu_type` is 'h100_80gb', but instance a100-8x on multi has a100_80gb GPUs",
                "h100_80gb is on both (instance h100-8x), multi (instance retired); multi has a100_80gb (a100-8x)",
            )
        ],
    ),
    (
        "an instance the cluster does not have: where it is",
        "compute:\n  cluster: solo\n  instance: a10-4x\n",
        [
            (
                "MCL302",
                6,
                13,
                "`compute.instance` is 'a10-4x', which is not an instance of solo",
                "a10-4x is on frac; instances on solo: v100-1x",
            )
        ],
    ),
    (
        "an instance no cluster has",
        "compute:\n  instance: a100-9x\n",
        [
            (
                "MCL302",
                5,
                13,
                "`compute.instance` is 'a100-9x', which no cluster has",
                "did you mean 'a100-8x'? instances: a10-4x, a100-8x, cpu, h100-8x, retired, v100-1x",
            )
        ],
    ),
    (
        "an unknown cluster",
        "compute:\n  cluster: mutli\n  gpus: 8\n",
        [
            (
                "MCL301",
                5,
                12,
                "`compute.cluster` is 'mutli', which is not a known cluster",
                "did you mean 'multi'? known clusters: both, frac, multi, solo",
            )
        ],
    ),
    # -- node_names
    (
        "node_names picks the instance that has the nodes",
        "compute:\n  cluster: multi\n  node_names: [c-1]\n",
        resolved("multi", "cpu", "none", 0, 1, "instance", "gpu_type", "gpus", "nodes"),
    ),
    (
        "a node the instance does not have",
        "compute:\n  cluster: multi\n  gpus: 8\n  node_names:\n    - m-1\n    - n-1\n",
        [
            (
                "MCL304",
                9,
                7,
                "node 'n-1' is not a node of instance a100-8x on multi",
                "did you mean 'm-1'? its available nodes: m-1",
            )
        ],
    ),
    (
        "nodes of two instances",
        "compute:\n  cluster: multi\n  node_names: [m-1, c-1]\n",
        [
            (
                "MCL302",
                6,
                15,
                "`compute.node_names` names nodes of different instances: 'm-1' (a100-8x on multi),"
                " 'c-1' (cpu on multi)",
                "a run's nodes all belong to one instance",
            )
        ],
    ),
    (
        "named nodes that are not alive or not schedulable",
        "compute:\n  cluster: multi\n  gpus: 32\n  node_names: [m-1, m-2, m-3, m-4]\n",
        [
            (
                "MCL305",
                7,
                21,
                "node 'm-2' of instance a100-8x on multi is not alive",
                "the run cannot start on it until it is back",
            ),
            (
                "MCL305",
                7,
                26,
                "node 'm-3' of instance a100-8x on multi is not schedulable",
                "the run cannot start on it until it is back",
            ),
            (
                "MCL305",
                7,
                31,
                "node 'm-4' of instance a100-8x on multi is neither alive nor schedulable",
                "the run cannot start on it until it is back",
            ),
        ],
    ),
    # -- completeness
    (
        "neither gpus nor nodes: one instance with one legal count is complete",
        "compute:\n  cluster: solo\n",
        resolved("solo", "v100-1x", "V100_32GB", 1, 1, "instance", "gpu_type", "gpus", "nodes"),
    ),
    (
        "neither gpus nor nodes: one instance with several legal counts is not",
        "compute:\n  cluster: frac\n",
        [
            (
                "MCL303",
                5,
                3,
                "`compute` does not say how many GPUs: instance a10-4x on frac takes 1 to 4",
                "set `gpus` (or `nodes`) to pick one",
            )
        ],
    ),
    (
        "several instances: listed by cluster then instance, with the field that picks one",
        "compute:\n  gpus: 8\n",
        [
            (
                "MCL303",
                5,
                3,
                "`compute` matches 2 instances: h100-8x on both (h100_80gb), a100-8x on multi (a100_80gb)",
                "set `cluster`, `instance` or `gpu_type` to pick one",
            )
        ],
    ),
    (
        "several instances and sizes",
        "compute:\n  cluster: multi\n",
        [
            (
                "MCL303",
                5,
                3,
                "`compute` matches 2 instances: a100-8x on multi (a100_80gb: 8, 16, 24, 32 GPUs),"
                " cpu on multi (CPU only)",
                "set `instance` or `gpu_type` to pick one, then `gpus` (or `nodes`) for its size",
            )
        ],
    ),
    # -- deprecated fields, no compute
    (
        "deprecated top-level fields are the request when compute lacks them",
        "cluster: solo\ngpu_num: 1\n",
        resolved("solo", "v100-1x", "V100_32GB", 1, 1, "instance", "gpu_type", "nodes"),
    ),
    (
        "compute wins over a deprecated field it has",
        "cluster: solo\ncompute:\n  cluster: frac\n  gpus: 2\n",
        resolved("frac", "a10-4x", "a10", 2, 1, "instance", "gpu_type", "nodes"),
    ),
    (
        "a deprecated field at fault is pointed at",
        "cluster: solo\ngpu_num: 3\n",
        [
            (
                "MCL302",
                5,
                10,
                "`gpu_num` is 3, but solo does not allow multinode runs and instance v100-1x on solo has"
                " 1 GPU per node (legal: 1)",
                "use 1 GPU; instances on other clusters that fit 3 GPUs: h100-8x on both, a10-4x on frac",
            )
        ],
    ),
    (
        "no compute at all: every usable instance is a candidate",
        "",
        [
            (
                "MCL303",
                1,
                1,
                "nothing in the run narrows its compute, and 5 instances could take it:"
                " h100-8x on both (h100_80gb: 1 to 8, 16 GPUs), a10-4x on frac (a10: 1 to 4 GPUs),"
                " a100-8x on multi (a100_80gb: 8, 16, 24, 32 GPUs),"
                " cpu on multi (CPU only), v100-1x on solo (V100_32GB)",
                "set `instance` or `gpu_type` to pick one, then `gpus` (or `nodes`) for its size",
            )
        ],
    ),
    (
        "a mistyped field stops inference (MCL103 says why)",
        "compute:\n  cluster: multi\n  gpus: '8'\n",
        [],
    ),
    (
        "a field out of range stops inference (MCL104 says why)",
        "compute:\n  cluster: multi\n  nodes: 0\n",
        [],
    ),
    (
        "a field with no value is not given",
        "compute:\n  cluster: solo\n  gpus:\n",
        resolved("solo", "v100-1x", "V100_32GB", 1, 1, "instance", "gpu_type", "gpus", "nodes"),
    ),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_semantics(text: str, expected: dict[str, Any] | list[Problem], lab: Clusters) -> None:
    run = HEAD + text
    found = [
        (d.code, d.span.start.line, d.span.start.column, d.message, d.help)
        for d in lint_text(run, clusters=lab)
        if d.code.startswith("MCL3")
    ]
    outcome = infer_data(yaml.safe_load(run), lab)
    if isinstance(expected, dict):
        assert (outcome.compute, outcome.inferred) == (expected["compute"], expected["inferred"])
        assert [f for f in found if f[0] != "MCL305"] == []
    else:
        assert outcome.compute is None or {f[0] for f in found} == {"MCL305"}
        assert found == expected


def test_case_names_are_unique() -> None:
    assert len({c[0] for c in CASES}) == len(CASES)


def test_every_kind_is_a_rule() -> None:
    assert {kind.value for kind in Kind} <= set(BY_NAME)


def test_without_clusters_the_compute_rules_are_silent() -> None:
    assert [d.code for d in lint_text(HEAD + "compute:\n  cluster: nowhere\n  gpus: 7\n")] == []


def test_two_fields_together_pick_one() -> None:
    # Two clusters with the same two instances: neither cluster nor instance alone tells four apart.
    pair = (Instance("p", "a100", 8, 1), Instance("q", "h100", 8, 1))
    clusters = Clusters((Cluster("x", cluster_instances=pair), Cluster("y", cluster_instances=pair)))
    outcome = infer(Request(gpus=8), clusters)
    assert [(p.kind, explain(p, outcome.request).help) for p in outcome.problems] == [
        (Kind.AMBIGUOUS, "set `cluster` and `instance` to pick one")
    ]
    [problem] = outcome.problems
    assert isinstance(problem.reason, Several)
    assert (problem.reason.pickers, problem.reason.together) == (("cluster", "instance"), True)


def test_no_instances_at_all() -> None:
    outcome = infer(Request(gpus=8), Clusters((Cluster("x"),), "c.yaml"))
    assert [(p.kind, p.path, p.reason) for p in outcome.problems] == [
        (Kind.UNSATISFIABLE, ("compute",), NoInstances("c.yaml"))
    ]
    assert [explain(p, outcome.request) for p in outcome.problems] == [
        ("MCL302", "the clusters file (c.yaml) lists no instances at all", None)
    ]


def test_the_request_reads_deprecated_fields_only_where_compute_has_no_key() -> None:
    data = {"cluster": "a", "gpu_num": 8, "gpu_type": "t4", "cpus": 2, "compute": {"gpus": None, "cluster": "b"}}
    request = read_request(data, ())
    assert (request.cluster, request.gpus, request.gpu_type, request.cpus) == ("b", None, "t4", 2)
    assert dict(request.paths) == {"cluster": ("compute", "cluster"), "gpu_type": ("gpu_type",), "cpus": ("cpus",)}


@pytest.mark.parametrize(
    ("values", "shown"),
    [
        ([8], "8"),
        ([1, 2], "1, 2"),
        ([1, 2, 3, 4, 16], "1 to 4, 16"),
        ([8 * k for k in range(1, 11)], "8, 16, 24, …, 80"),
        ([], ""),
    ],
)
def test_numbers(values: list[int], shown: str) -> None:
    assert numbers(values) == shown


# -- properties ------------------------------------------------------------------------------------

GPU_TYPES = ["a100_80gb", "A100_80GB", "h100_80gb", "t4", "none"]


@st.composite
def cluster_sets(draw: st.DrawFn) -> Clusters:
    names = draw(st.lists(st.sampled_from(["r1z1", "r7z2", "r9z1", "on", "1e3"]), min_size=1, max_size=3, unique=True))
    clusters = []
    for name in names:
        instances = []
        for instance_name in draw(
            st.lists(st.sampled_from(["a", "b", "cpu", "yes"]), min_size=1, max_size=3, unique=True)
        ):
            gpus = draw(st.sampled_from([0, 1, 2, 4, 8]))
            gpu_type = "none" if gpus == 0 else draw(st.sampled_from(GPU_TYPES[:-1]))
            nodes = draw(st.integers(0, 4))
            cpus = draw(st.none() | st.integers(1, 64))
            details = tuple(Node(f"{name}-{instance_name}-{k}") for k in range(nodes))
            instances.append(Instance(instance_name, gpu_type, gpus, nodes, cpus, node_details=details))
        fractional, multinode = draw(st.booleans()), draw(st.booleans())
        clusters.append(Cluster(name, "test", fractional, multinode, tuple(instances)))
    return Clusters(tuple(clusters))


@st.composite
def chosen(draw: st.DrawFn) -> tuple[Clusters, Cluster, Instance, tuple[int, int]]:
    clusters = draw(cluster_sets().filter(lambda cs: bool(_usable(cs))))
    cluster, instance = draw(st.sampled_from(_usable(clusters)))
    shape = draw(st.sampled_from(legal_shapes(cluster, instance)))
    return clusters, cluster, instance, (shape.gpus, shape.nodes)


def _usable(clusters: Clusters) -> list[tuple[Cluster, Instance]]:
    return [(c, i) for c in clusters.clusters for i in c.cluster_instances if legal_shapes(c, i)]


def full_request(cluster: Cluster, instance: Instance, size: tuple[int, int], upper: bool) -> dict[str, Any]:
    gpu_type = instance.gpu_type.upper() if upper else instance.gpu_type
    return {"cluster": cluster.name, "instance": instance.name, "gpu_type": gpu_type, "gpus": size[0], "nodes": size[1]}


@given(chosen(), st.booleans())
def test_a_full_request_resolves_to_itself(
    picked: tuple[Clusters, Cluster, Instance, tuple[int, int]], upper: bool
) -> None:
    clusters, cluster, instance, size = picked
    compute = full_request(cluster, instance, size, upper)
    outcome = infer_data({"compute": compute}, clusters, ())
    assert outcome.compute == compute
    assert outcome.inferred == ()


@given(chosen(), st.sets(st.sampled_from(FIELDS)))
def test_dropping_fields_never_contradicts_the_rest(
    picked: tuple[Clusters, Cluster, Instance, tuple[int, int]], dropped: set[str]
) -> None:
    clusters, cluster, instance, size = picked
    compute = {k: v for k, v in full_request(cluster, instance, size, False).items() if k not in dropped}
    outcome = infer_data({"compute": compute}, clusters, ())
    assert (cluster.name, instance.name) in {(c.cluster.name, c.instance.name) for c in outcome.choices}
    for choice in outcome.choices:
        assert compute.get("cluster", choice.cluster.name) == choice.cluster.name
        assert compute.get("instance", choice.instance.name) == choice.instance.name
        assert str(compute.get("gpu_type", choice.instance.gpu_type)).lower() == choice.instance.gpu_type.lower()
        for shape in choice.shapes:
            assert compute.get("gpus", shape.gpus) == shape.gpus
            assert compute.get("nodes", shape.nodes) == shape.nodes
    if outcome.compute is not None:
        assert {k: outcome.compute[k] for k in compute} == compute


def run_text(compute: dict[str, Any], deprecated: bool, layout: str) -> str:
    """A run file holding ``compute`` in one of several layouts (block, flow, deprecated top-level)."""
    head = "# generated\n" + HEAD
    fields = dict(compute)
    top = ""
    if deprecated:
        for old, new in (("cluster", "cluster"), ("gpu_num", "gpus"), ("gpu_type", "gpu_type")):
            if new in fields:
                top += yaml.safe_dump({old: fields.pop(new)})
    if not fields:
        return head + top + "env_variables:\n    A: b  # four spaces\n"
    if layout == "flow":
        return head + top + "compute: " + yaml.safe_dump(fields, default_flow_style=True)
    block = yaml.safe_dump({"compute": fields}, default_flow_style=False, sort_keys=False)
    return head + top + block + "# the end\n"


@given(chosen(), st.sets(st.sampled_from(FIELDS)), st.booleans(), st.sampled_from(["block", "flow"]))
def test_write_gives_a_file_that_checks_clean_and_infers_to_itself(
    picked: tuple[Clusters, Cluster, Instance, tuple[int, int]], dropped: set[str], deprecated: bool, layout: str
) -> None:
    clusters, cluster, instance, size = picked
    compute = {k: v for k, v in full_request(cluster, instance, size, False).items() if k not in dropped}
    text = run_text(compute, deprecated, layout)
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "run.yaml"
        path.write_text(text)
        [first] = infer_paths([str(path)], Config(), clusters, write=True)
        if first.compute is None:
            assert path.read_text() == text
            return
        assert first.write_error is None
        written = path.read_text()
        assert [d.code for d in lint_text(written, clusters=clusters) if d.code.startswith("MCL3")] == []
        [again] = infer_paths([str(path)], Config(), clusters, write=True)
        assert (again.compute, again.inferred) == (first.compute, ())
        assert path.read_text() == written
        # Everything that was there is still there, byte for byte, in order.
        assert _is_subsequence(text.splitlines(), written.splitlines()) or layout == "flow"


def _is_subsequence(small: list[str], big: list[str]) -> bool:
    remaining = iter(big)
    return all(any(line == other for other in remaining) for line in small)


def test_a_loaded_request_agrees_with_yaml_safe_load(lab: Clusters) -> None:
    text = HEAD + "compute:\n  cluster: multi\n  gpus: 16\n"
    loaded = load_text(text).document
    assert loaded is not None
    assert infer_data(loaded.data, lab) == infer_data(yaml.safe_load(text), lab)
    assert dataclasses.asdict(read_request(loaded.data))["gpus"] == 16
