"""`mcli-lint infer` and `check --clusters` from the command line: output, exit codes, and --write's bytes.

Golden files: each ``tests/golden_infer/<case>.yaml`` is written with ``infer --write`` (with the shipped
example clusters, or ``<case>.clusters.json`` when there is one) and must then equal ``<case>.out`` byte
for byte. Regenerate after a reviewed change with ``MCLI_LINT_UPDATE_GOLDEN=1``.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
from pathlib import Path

import pytest

from mcli_lint.cli import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE
from tests.cli_helpers import run

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
CLUSTERS = EXAMPLES / "clusters.json"
GOLDEN = Path(__file__).parent / "golden_infer"
CASES = sorted(GOLDEN.glob("*.yaml"))
HEAD = "name: run\nimage: mosaicml/pytorch:latest\ncommand: echo hi\n"


# -- --write: golden files -------------------------------------------------------------------------


def clusters_for(case: Path) -> Path:
    own = case.with_suffix(".clusters.json")
    return own if own.exists() else CLUSTERS


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_write_golden(case: Path, work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = work / case.name
    shutil.copyfile(case, target)
    code, _, err = run(["infer", "--clusters", str(clusters_for(case)), "--write", str(target)], capsys)
    assert err == ""
    written = target.read_bytes()
    expected = case.with_suffix(".out")
    if os.environ.get("MCLI_LINT_UPDATE_GOLDEN"):
        expected.write_bytes(written)
    assert written == expected.read_bytes()
    assert written != case.read_bytes()
    # Written once, there is nothing left to infer: a second --write changes nothing.
    again = run(["infer", "--clusters", str(clusters_for(case)), "--write", str(target)], capsys)
    assert target.read_bytes() == written
    assert "nothing to infer" in again[1]
    assert code in (EXIT_OK, EXIT_FINDINGS)


def test_every_golden_output_has_its_case() -> None:
    assert {p.stem for p in GOLDEN.glob("*.out")} == {c.stem for c in CASES}


@pytest.mark.parametrize("case", ["block_compute", "deprecated_four_spaces", "no_trailing_newline"])
def test_write_keeps_crlf_newlines(case: str, work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = (GOLDEN / f"{case}.yaml").read_bytes().replace(b"\n", b"\r\n")
    target = work / "run.yaml"
    target.write_bytes(source)
    run(["infer", "--clusters", str(CLUSTERS), "--write", str(target)], capsys)
    assert target.read_bytes() == (GOLDEN / f"{case}.out").read_bytes().replace(b"\n", b"\r\n")


def test_write_keeps_the_file_mode_and_a_symlink(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    real = work / "real.yaml"
    real.write_text(HEAD + "compute:\n  cluster: r7z2\n  gpus: 8\n")
    real.chmod(0o640)
    link = work / "link.yaml"
    link.symlink_to(real)
    assert run(["infer", "--clusters", str(CLUSTERS), "--write", str(link)], capsys)[0] == EXIT_OK
    assert link.is_symlink()
    assert stat.S_IMODE(real.stat().st_mode) == 0o640
    assert real.read_text().endswith("  gpus: 8\n  instance: h100-8x\n  gpu_type: h100_80gb\n  nodes: 1\n")
    assert [p.name for p in work.iterdir() if p.name.startswith(".")] == []


def test_write_refuses_a_read_only_file_as_fmt_does(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = HEAD + "compute:\n  cluster: r7z2\n  gpus: 8\n"
    target = work / "run.yaml"
    target.write_text(text)
    target.chmod(0o444)
    code, out, err = run(["infer", "--clusters", str(CLUSTERS), "--write", "run.yaml"], capsys)
    assert (code, err) == (
        EXIT_FINDINGS,
        "mcli-lint: run.yaml: not written: is read-only (no write permission bit); left unchanged\n",
    )
    assert out.startswith("run.yaml: compute resolves; inferred instance, gpu_type, nodes\n")
    assert target.read_text() == text
    assert stat.S_IMODE(target.stat().st_mode) == 0o444


def test_a_file_that_cannot_be_edited_safely_is_left_alone(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = HEAD + "base: &base {cluster: r7z2, gpus: 8}\ncompute: *base\n"
    (work / "run.yaml").write_text(text)
    code, out, err = run(["infer", "--clusters", str(CLUSTERS), "--write", "run.yaml"], capsys)
    assert code == EXIT_FINDINGS
    assert err == (
        "mcli-lint: run.yaml: not written: `compute` is an alias of a mapping written elsewhere; edit it there\n"
    )
    assert out.startswith("run.yaml: compute resolves; inferred instance, gpu_type, nodes\n")
    assert (work / "run.yaml").read_text() == text


def test_write_refuses_standard_input(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["infer", "--clusters", str(CLUSTERS), "--write", "-"], capsys)
    assert (code, out, err) == (EXIT_USAGE, "", "mcli-lint: --write cannot write to standard input\n")


# -- infer: the report -----------------------------------------------------------------------------


def test_infer_completes_the_shipped_examples(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["infer", "--clusters", str(CLUSTERS), str(EXAMPLES)], capsys)
    assert (code, err) == (EXIT_OK, "")
    assert out == "".join(
        [
            f"{EXAMPLES}/cpu-debug.yaml: compute resolves; inferred instance, gpu_type, nodes\n",
            "  compute:\n    cluster: r1z1\n    instance: cpu  # inferred\n    gpu_type: none  # inferred\n",
            "    gpus: 0\n    nodes: 1  # inferred\n",
            f"{EXAMPLES}/hello-composer.yaml: compute resolves; inferred instance, nodes\n",
            "  compute:\n    cluster: r1z1\n    instance: cpu  # inferred\n    gpu_type: none\n",
            "    gpus: 0\n    nodes: 1  # inferred\n",
            f"{EXAMPLES}/llm-finetune.yaml: compute resolves; inferred instance\n",
            "  compute:\n    cluster: r7z2\n    instance: h100-8x  # inferred\n    gpu_type: h100_80gb\n",
            "    gpus: 16\n    nodes: 2\n",
            "3 of 3 files resolved.\n",
        ]
    )


def test_infer_explains_a_run_that_does_not_resolve(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (work / "run.yaml").write_text(HEAD + "compute:\n  cluster: r1z1\n  gpus: 12\n")
    code, out, _ = run(["infer", "--clusters", str(CLUSTERS), "run.yaml"], capsys)
    assert code == EXIT_FINDINGS
    assert out == (
        "run.yaml:6:9: MCL302 `compute.gpus` is 12, but instance a100-8x on r1z1 takes 8 GPUs per node"
        " (legal: 8, 16, 24, 32)\n"
        "  help: use 8 or 16 GPUs\n"
        "run.yaml: compute does not resolve\n"
        "0 of 1 file resolved.\n"
    )


def test_infer_json(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (work / "a.yaml").write_text(HEAD + "compute:\n  gpus: 0\n  cpus: 4\n")
    (work / "b.yaml").write_text(HEAD + "compute:\n  gpus: 8\n")
    code, out, _ = run(["infer", "--clusters", str(CLUSTERS), "--format", "json", "a.yaml", "b.yaml"], capsys)
    assert code == EXIT_FINDINGS
    assert json.loads(out) == {
        "version": 1,
        "results": [
            {
                "path": "a.yaml",
                "compute": {"cluster": "r1z1", "instance": "cpu", "gpu_type": "none", "gpus": 0, "nodes": 1},
                "inferred": ["cluster", "instance", "gpu_type", "nodes"],
                "diagnostics": [],
            },
            {
                "path": "b.yaml",
                "compute": None,
                "inferred": [],
                "diagnostics": [
                    {
                        "path": "b.yaml",
                        "code": "MCL303",
                        "name": "ambiguous-compute",
                        "severity": "error",
                        "message": "`compute` matches 2 instances: a100-8x on r1z1 (a100_80gb),"
                        " h100-8x on r7z2 (h100_80gb)",
                        "help": "set `cluster`, `instance` or `gpu_type` to pick one",
                        "pointer": "/compute",
                        "start": {"line": 5, "column": 3},
                        "end": {"line": 5, "column": 10},
                        "fix": None,
                    }
                ],
            },
        ],
    }


def test_infer_shows_only_what_concerns_the_compute(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # A bad name (MCL201) and the missing-compute warning are check's business, not infer's; a
    # mistyped compute field is, as it stops inference.
    (work / "a.yaml").write_text("name: Bad_Name\nimage: x\ncommand: y\ncluster: r7z2\ngpu_num: 8\n")
    (work / "b.yaml").write_text(HEAD + "compute:\n  cluster: r7z2\n  gpus: '8'\n")
    code, out, _ = run(["infer", "--clusters", str(CLUSTERS), "a.yaml", "b.yaml"], capsys)
    assert code == EXIT_FINDINGS
    assert out.splitlines()[0] == "a.yaml: compute resolves; inferred instance, gpu_type, nodes"
    assert out.splitlines()[-4:] == [
        "b.yaml:6:9: MCL103 `compute.gpus` must be an integer, not a string ('8')",
        "  help: remove the quotes: 8",
        "b.yaml: compute does not resolve",
        "1 of 2 files resolved.",
    ]


def test_infer_reads_standard_input(
    work: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import io
    import sys

    stdin = io.TextIOWrapper(io.BytesIO((HEAD + "compute:\n  gpus: 3\n").encode()))
    monkeypatch.setattr(sys, "stdin", stdin)
    code, out, _ = run(["infer", "--clusters", str(CLUSTERS), "-"], capsys)
    assert code == EXIT_OK
    assert out.splitlines()[0] == "-: compute resolves; inferred cluster, instance, gpu_type, nodes"


# -- where the clusters come from ------------------------------------------------------------------


def test_infer_without_clusters_is_a_usage_error(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (work / "run.yaml").write_text(HEAD)
    code, out, err = run(["infer", "run.yaml"], capsys)
    assert (code, out) == (EXIT_USAGE, "")
    assert err == (
        'mcli-lint: infer needs a clusters file: --clusters FILE, `clusters = "…"` in [tool.mcli-lint],'
        " or $MCLI_LINT_CLUSTERS (`mcli-lint clusters pull -o FILE` makes one)\n"
    )


@pytest.mark.parametrize("command", ["check", "infer"])
def test_a_malformed_clusters_file_is_a_usage_error(
    command: str, work: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (work / "run.yaml").write_text(HEAD + "compute:\n  gpus: 8\n")
    (work / "clusters.yaml").write_text("clusters:\n  - name: r1\n    cluster_instances:\n      - name: a\n")
    code, out, err = run([command, "--clusters", "clusters.yaml", "run.yaml"], capsys)
    assert (code, out) == (EXIT_USAGE, "")
    assert err == "mcli-lint: clusters.yaml:4:9: `clusters[0].cluster_instances[0]` has no `gpu_type` (nor `gpuType`)\n"


def test_clusters_option_then_pyproject_then_environment(
    work: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def single(cluster: str) -> str:
        instance = {"name": "i", "gpu_type": "t4", "gpus": 1, "nodes": 1}
        return json.dumps({"clusters": [{"name": cluster, "cluster_instances": [instance]}]})

    (work / "run.yaml").write_text(HEAD + "compute:\n  gpus: 1\n")
    (work / "env.json").write_text(single("from-env"))
    (work / "conf").mkdir()
    (work / "conf" / "project.json").write_text(single("from-pyproject"))
    (work / "option.json").write_text(single("from-option"))

    def cluster(*args: str) -> str:
        _, out, _ = run(["infer", "--format", "json", *args, "run.yaml"], capsys)
        return str(json.loads(out)["results"][0]["compute"]["cluster"])

    monkeypatch.setenv("MCLI_LINT_CLUSTERS", "env.json")
    assert cluster() == "from-env"
    (work / "pyproject.toml").write_text('[tool.mcli-lint]\nclusters = "conf/project.json"\n')
    assert cluster() == "from-pyproject"
    assert cluster("--clusters", "option.json") == "from-option"


def test_pyproject_clusters_must_be_a_string(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (work / "pyproject.toml").write_text("[tool.mcli-lint]\nclusters = 3\n")
    (work / "run.yaml").write_text(HEAD)
    code, _, err = run(["check", "run.yaml"], capsys)
    assert code == EXIT_USAGE
    assert err.endswith("[tool.mcli-lint] clusters must be a string (a file path)\n")


# -- check --clusters ------------------------------------------------------------------------------


def test_check_adds_the_compute_checks_only_with_clusters(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (work / "run.yaml").write_text(HEAD + "compute:\n  cluster: r1z2\n  gpus: 8\n")
    assert run(["check", "--no-show-source", "run.yaml"], capsys)[:2] == (
        EXIT_OK,
        "No problems in 1 file.\n",
    )
    code, out, _ = run(["check", "--no-show-source", "--clusters", str(CLUSTERS), "run.yaml"], capsys)
    assert code == EXIT_FINDINGS
    assert out == (
        "run.yaml:5:12: MCL301 `compute.cluster` is 'r1z2', which is not a known cluster\n"
        "  help: did you mean 'r7z2'? known clusters: r1z1, r7z2, r9z1\n"
        "Found 1 error and 0 warnings in 1 file.\n"
    )


def test_shipped_examples_pass_check_with_the_example_clusters(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["check", "--no-show-source", "--clusters", str(CLUSTERS), str(EXAMPLES)], capsys)
    assert (code, out) == (EXIT_OK, "No problems in 3 files.\n")


def test_infer_is_a_command(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["infer", "--help"], capsys)
    assert code == EXIT_OK
    assert "--write" in out
