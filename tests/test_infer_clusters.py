"""Clusters files: the shapes accepted (mcli's names, the API's camelCase answer, a bare list), and exact errors."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import jsonschema
import pytest

from mcli_lint.compute.clusters import (
    Cluster,
    Clusters,
    ClustersError,
    Instance,
    Node,
    clusters_schema,
    load_clusters,
)
from mcli_lint.config import clusters_path

ROOT = Path(__file__).resolve().parent.parent

SNAKE = """\
clusters:
  - name: r1z1
    provider: MosaicML
    allow_fractional: false
    allow_multinode: true
    submission_types: [TRAINING, INFERENCE]
    cluster_instances:
      - name: a100-8x
        gpu_type: a100_80gb
        gpus: 8
        nodes: 2
        cpus: 128
        memory: 1.5Ti
        storage: 7Ti
        gpu_nums: [1, 2, 4, 8]
        node_details:
          - {name: n-1, is_alive: true, is_schedulable: false}
          - {name: n-2}
"""

# The same cluster as the platform API answers getClusters, with fields mcli-lint does not read.
API = {
    "data": {
        "getClusters": [
            {
                "id": "c-123",
                "name": "r1z1",
                "provider": "MosaicML",
                "allowFractional": False,
                "allowMultinode": True,
                "isMultiTenant": True,
                "allowedSubmissionTypes": ["TRAINING", "INFERENCE"],
                "schedulerEnabled": True,
                "allowedInstances": [
                    {
                        "name": "a100-8x",
                        "gpuType": "a100_80gb",
                        "gpusPerNode": 8,
                        "numNodes": 2,
                        "cpus": 128,
                        "memory": "1.5Ti",
                        "storage": "7Ti",
                        "gpuNums": [1, 2, 4, 8],
                        "nodes": [
                            {"name": "n-1", "isAlive": True, "isSchedulable": False, "upTime": None},
                            {"name": "n-2", "isAlive": True, "isSchedulable": True},
                        ],
                    }
                ],
            }
        ]
    }
}

EXPECTED = (
    Cluster(
        "r1z1",
        "MosaicML",
        False,
        True,
        (
            Instance(
                "a100-8x",
                "a100_80gb",
                8,
                2,
                128,
                "1.5Ti",
                "7Ti",
                (Node("n-1", True, False), Node("n-2", True, True)),
                (1, 2, 4, 8),
            ),
        ),
        ("TRAINING", "INFERENCE"),
    ),
)


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_mcli_names(tmp_path: Path) -> None:
    path = write(tmp_path, "clusters.yaml", SNAKE)
    assert load_clusters(path) == Clusters(EXPECTED, str(path))


def test_an_api_answer_unchanged(tmp_path: Path) -> None:
    path = write(tmp_path, "answer.json", json.dumps(API, indent=2))
    assert load_clusters(path).clusters == EXPECTED


def test_a_bare_list_in_yaml_and_in_json(tmp_path: Path) -> None:
    block = SNAKE.replace("clusters:\n", "# mine\n").replace("\n  ", "\n")
    assert load_clusters(write(tmp_path, "list.yaml", block)).clusters == EXPECTED
    answer = json.dumps(API["data"]["getClusters"])
    assert load_clusters(write(tmp_path, "list.json", "\n  " + answer)).clusters == EXPECTED


def test_defaults() -> None:
    cluster = Cluster("c")
    assert (cluster.provider, cluster.allow_fractional, cluster.allow_multinode, cluster.cluster_instances) == (
        "",
        False,
        False,
        (),
    )
    assert Node("n") == Node("n", is_alive=True, is_schedulable=True)


def test_the_shipped_example_clusters_load() -> None:
    clusters = load_clusters(ROOT / "examples" / "clusters.json")
    assert clusters.names == ["r1z1", "r7z2", "r9z1"]
    assert [dataclasses.astuple(i)[:4] for c in clusters.clusters for i in c.cluster_instances] == [
        ("a100-8x", "a100_80gb", 8, 4),
        ("cpu", "none", 0, 2),
        ("h100-8x", "h100_80gb", 8, 4),
        ("a10-4x", "a10", 4, 2),
    ]


def test_the_schema_is_valid_draft_7() -> None:
    jsonschema.Draft7Validator.check_schema(clusters_schema())


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        (
            "type.yaml",
            "clusters:\n  - name: r1\n    cluster_instances:\n      - {name: a, gpu_type: t4, gpus: '8', nodes: 1}\n",
            "type.yaml:4:39: `clusters[0].cluster_instances[0].gpus` must be an integer, not a string ('8')",
        ),
        (
            "float.yaml",
            "clusters:\n  - name: r1\n    cluster_instances:\n      - {name: a, gpu_type: t4, gpus: 8.0, nodes: 1}\n",
            "float.yaml:4:39: `clusters[0].cluster_instances[0].gpus` must be an integer, not a number (8.0)",
        ),
        (
            "minimum.yaml",
            "clusters:\n  - name: r1\n    cluster_instances:\n      - {name: a, gpu_type: t4, gpus: 8, nodes: -1}\n",
            "minimum.yaml:4:49: `clusters[0].cluster_instances[0].nodes` must be at least 0, not -1",
        ),
        (
            "required.yaml",
            "clusters:\n  - provider: AWS\n",
            "required.yaml:2:5: `clusters[0]` has no `name`",
        ),
        (
            "either.yaml",
            "clusters:\n  - name: r1\n    cluster_instances:\n      - {name: a, gpu_type: t4, nodes: 1}\n",
            "either.yaml:4:9: `clusters[0].cluster_instances[0]` has no `gpus` (nor `gpusPerNode`)",
        ),
        (
            "node_list.json",
            '{"data": {"getClusters": [{"name": "r1", "allowedInstances":'
            ' [{"name": "a", "gpuType": "t4", "gpusPerNode": 1, "nodes": []}]}]}}',
            "node_list.json:1:63: `data.getClusters[0].allowedInstances[0]` has no `nodes` (nor `numNodes`)",
        ),
        (
            "bool.yaml",
            "- name: r1\n  allow_multinode: 'yes'\n",
            "bool.yaml:2:20: `[0].allow_multinode` must be a boolean (true or false), not a string ('yes')",
        ),
        (
            "flow_list.json",
            '\n  [{"name": "r1", "provider": 7}]',
            "flow_list.json:2:31: `[0].provider` must be a string, not an integer (7)",
        ),
        (
            "envelope.yaml",
            "instances: []\n",
            "envelope.yaml:1:1: a clusters file is a list of clusters, a mapping with `clusters:` (that list),"
            ' or the API answer {"data": {"getClusters": [...]}}; `mcli-lint clusters pull -o FILE` writes one',
        ),
        (
            "scalar.yaml",
            "r1z1\n",
            "scalar.yaml:1:1: a clusters file is a list of clusters, a mapping with `clusters:` (that list),"
            ' or the API answer {"data": {"getClusters": [...]}}; `mcli-lint clusters pull -o FILE` writes one',
        ),
        (
            "display.json",
            '[{"id": null, "name": "r1z1", "provider": "AWS", "instance": "a100-8x", "nodes": "\\u22644",\n'
            '  "gpu_type": "a100_80gb", "gpus": "8,16,24,32"}]\n',
            "display.json:1:2: `[0]` is a row of `mcli get clusters` (display text: one instance a row, GPU counts"
            " as words), not a cluster; `mcli-lint clusters pull -o FILE` writes a clusters file",
        ),
        (
            "twice.yaml",
            "clusters:\n  - name: r1\n  - name: r2\n  - name: r1\n",
            "twice.yaml:4:11: cluster 'r1' is listed twice (first at line 2)",
        ),
        (
            "instance_twice.yaml",
            "- name: r1\n  cluster_instances:\n"
            "    - {name: a, gpu_type: t4, gpus: 1, nodes: 1}\n    - {name: a, gpu_type: t4, gpus: 2, nodes: 1}\n",
            "instance_twice.yaml:4:14: instance 'a' is listed twice (first at line 3)",
        ),
        (
            "duplicate_key.yaml",
            "clusters: []\nclusters: []\n",
            "duplicate_key.yaml:2:1: duplicate key 'clusters' (first at line 1)",
        ),
        (
            "list_duplicate_key.yaml",
            "# a bare list\n- name: a\n  name: b\n",
            "list_duplicate_key.yaml:3:3: duplicate key 'name' (first at line 2)",
        ),
        ("syntax.yaml", "clusters: [\n", "syntax.yaml:2:1: expected the node content, but found '<stream end>'"),
        ("empty.yaml", "", "empty.yaml: the file is empty"),
    ],
)
def test_errors(name: str, text: str, message: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path, name, text)
    with pytest.raises(ClustersError) as raised:
        load_clusters(name)
    assert str(raised.value).startswith(message)


def test_a_missing_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ClustersError, match=r"^nowhere\.yaml: no such file$"):
        load_clusters("nowhere.yaml")


def test_where_the_clusters_file_comes_from() -> None:
    option, configured = Path("option.yaml"), Path("conf/clusters.yaml")
    environ = {"MCLI_LINT_CLUSTERS": "env.yaml"}
    assert clusters_path(option, configured, environ) == option
    assert clusters_path(None, configured, environ) == configured
    assert clusters_path(None, None, environ) == Path("env.yaml")
    assert clusters_path(None, None, {"MCLI_LINT_CLUSTERS": ""}) is None
    assert clusters_path(None, None, {}) is None
