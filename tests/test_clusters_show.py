"""`mcli-lint clusters show`: the table of what inference sees, and where the file comes from."""

from __future__ import annotations

from pathlib import Path

import pytest

from mcli_lint.cli import EXIT_OK, EXIT_USAGE
from tests.cli_helpers import run

CLUSTERS = """\
clusters:
  - name: west
    allow_multinode: true
    submission_types: [TRAINING, INFERENCE]
    cluster_instances:
      - name: h100-8x
        gpu_type: h100_80gb
        gpus: 8
        nodes: 4
        gpu_nums: [1, 2, 4, 8, 16, 32]
        node_details: [{name: w-1}, {name: w-2, is_alive: false}, {name: w-3, is_schedulable: false}, {name: w-4}]
      - {name: cpu, gpu_type: none, gpus: 0, nodes: 2}
  - name: east
    allow_fractional: true
    cluster_instances:
      - {name: a10-4x, gpu_type: a10, gpus: 4, nodes: 2}
      - {name: retired, gpu_type: v100, gpus: 8, nodes: 0}
  - name: serve
    submission_types: [INFERENCE]
    cluster_instances:
      - {name: l4-1x, gpu_type: l4, gpus: 1, nodes: 3}
  - name: empty
"""

TABLE = """\
clusters.yaml: 4 clusters, 5 instances
CLUSTER  INSTANCE  GPU TYPE   GPUS/NODE  NODES              LEGAL GPUS          NOTES
east     a10-4x    a10        4          2                  1 to 4
east     retired   v100       8          0                  none                no nodes
empty    -         -          -          -                  none
serve    l4-1x     l4         1          3                  1                   takes no training runs (INFERENCE)
west     cpu       none       0          2                  0
west     h100-8x   h100_80gb  8          4 (2 unavailable)  1, 2, 4, 8, 16, 32  GPU counts from the platform
"""


@pytest.fixture
def clusters(work: Path) -> Path:
    path = work / "clusters.yaml"
    path.write_text(CLUSTERS)
    return path


def test_the_table(clusters: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["clusters", "show", "clusters.yaml"], capsys) == (EXIT_OK, TABLE, "")


def test_the_configured_file(clusters: Path, work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (work / "pyproject.toml").write_text('[tool.mcli-lint]\nclusters = "clusters.yaml"\n')
    code, out, err = run(["clusters", "show"], capsys)
    assert (code, out.splitlines()[1:], err) == (EXIT_OK, TABLE.splitlines()[1:], "")


def test_the_environment(clusters: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("MCLI_LINT_CLUSTERS", "clusters.yaml")
    assert run(["clusters", "show"], capsys) == (EXIT_OK, TABLE, "")


def test_no_file(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["clusters", "show"], capsys) == (
        EXIT_USAGE,
        "",
        'mcli-lint: clusters show needs a clusters file: FILE, `clusters = "…"` in [tool.mcli-lint],'
        " or $MCLI_LINT_CLUSTERS (`mcli-lint clusters pull -o FILE` makes one)\n",
    )


def test_a_malformed_file(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (work / "clusters.yaml").write_text(
        "clusters:\n  - name: a\n    cluster_instances:\n      - {name: i, gpu_type: a10, gpus: '4', nodes: 1}\n"
    )
    assert run(["clusters", "show", "clusters.yaml"], capsys) == (
        EXIT_USAGE,
        "",
        "mcli-lint: clusters.yaml:4:40: `clusters[0].cluster_instances[0].gpus` must be an integer,"
        " not a string ('4')\n",
    )


def test_names_with_control_characters_are_escaped(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (work / "c.json").write_text(
        '[{"name": "a\\u001b[31m", "cluster_instances": [{"name": "i", "gpu_type": "t", "gpus": 1, "nodes": 1}]}]'
    )
    code, out, _ = run(["clusters", "show", "c.json"], capsys)
    assert (code, out.splitlines()[2]) == (EXIT_OK, "a\\x1b[31m  i         t         1          1      1")


def test_the_documented_table_is_the_real_one(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root = Path(__file__).resolve().parent.parent
    monkeypatch.chdir(root)
    monkeypatch.delenv("MCLI_LINT_CLUSTERS", raising=False)
    docs = (root / "docs" / "infer.md").read_text(encoding="utf-8")
    shown = docs.split("$ mcli-lint clusters show examples/clusters.json\n", 1)[1].split("```", 1)[0]
    assert run(["clusters", "show", "examples/clusters.json"], capsys) == (EXIT_OK, shown, "")
