"""`mcli-lint check .` in a repository laid out like real ones: exactly its run files are linted.

The tree holds run files where repositories keep them (yamls/, mcli-yamls/, mcli_yamls/,
configs/mcli/, mcloud.yaml, a *.mcli.yaml), beside every other kind of YAML found there, and
folders that git, the defaults or the configuration exclude.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from mcli_lint.commands import EXIT_FINDINGS, EXIT_OK
from mcli_lint.engine.files import Candidate, Patterns, Selection, discover
from tests.cli_helpers import run

# Each run file has at least one finding (no compute: MCL107; old fields: MCL102, MCL106), so the
# report names every file that was linted.
RUN = "name: train\nimage: mosaicml/pytorch:latest\ncommand: python train.py\n"
OLD_RUN = "run_name: eval\ngpu_num: 8\ncluster: r1z1\nimage: mosaicml/pytorch:latest\ncommand: |\n  composer eval.py\n"
BROKEN_RUN = "name: broken\nimage: mosaicml/pytorch:latest\ncommand: [unclosed\ncompute:\n  gpus: 8\n"

RUNS = {
    "mcloud.yaml": RUN,
    ".github/regression/eval.yaml": RUN,
    "yamls/train.yaml": RUN,
    "mcli-yamls/01_process.yaml": OLD_RUN,
    "mcli_yamls/finetune/broken.yaml": BROKEN_RUN,
    "configs/mcli/eval.yml": RUN,
    "sub/run.yaml": RUN,
    # Named a run: linted whatever it holds (here, a training config: many unknown fields).
    "jobs/nightly.mcli.yaml": "model:\n  name: mpt\noptimizer:\n  lr: 0.1\n",
}
TRAINING = "max_seq_len: 2048\nmodel:\n  name: mpt\noptimizer:\n  lr: 0.1\n"
SERVICE = "apiVersion: v1\nkind: Service\nmetadata:\n  name: a\n"
# Walked, read, and left alone: (what it is).
OTHERS = {
    ".pre-commit-config.yaml": ("repos:\n  - repo: local\n    hooks: []\n", "pre-commit"),
    "yamls/pretrain/mpt-1b.yaml": (
        "max_seq_len: 2048\nmodel:\n  name: mpt\noptimizer:\n  lr: 0.1\n",
        "training-config",
    ),
    "mcli-yamls/06_deploy.yaml": (
        "name: llm\ncompute:\n  gpus: 1\nreplicas: 1\nimage: mosaicml/inference\ndefault_model:\n  model_type: mpt\n",
        "deployment",
    ),
    "mosaic-yamls/sweep.yaml": ("name: sweep-{{ lr }}\nimage: i\ncommand: python train.py --lr {{ lr }}\n", "template"),
    "k8s/deployment.yaml": (
        SERVICE + "---\n" + SERVICE,
        "kubernetes",
    ),
    "docker-compose.yml": ("services:\n  web:\n    image: nginx\n", "compose"),
    "mkdocs.yml": ("site_name: Docs\nnav:\n  - Home: index.md\n", "mkdocs"),
    "charts/web/Chart.yaml": ("apiVersion: v2\nname: web\nversion: 0.1.0\n", "helm"),
    "charts/web/values.yaml": ("replicaCount: 1\nimage:\n  repository: nginx\n", "helm"),
    "charts/web/templates/deployment.yaml": (
        "apiVersion: apps/v1\nkind: Deployment\nspec:\n  replicas: {{ .Values.replicaCount }}\n",
        "template",
    ),
    "notes/greeting.yaml": ("greeting: hello\n", "unknown"),
    ".github/workflows/ci.yml": ("on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n", "workflow"),
}
# Never read: hidden, excluded by default, ignored by git, or excluded by the configuration.
UNSEEN = {
    ".hidden/run.yaml": RUN,
    ".venv/lib/run.yaml": RUN,
    "node_modules/pkg/run.yaml": RUN,
    "build/run.yaml": RUN,
    "local/dev.local.yaml": RUN,
    "sub/scratch/run.yaml": RUN,
    "generated/run.yaml": RUN,
    "private/run.yaml": RUN,
    "tmp.swp.yaml": RUN,
    "legacy/old.yaml": RUN,
}
SUPPORT = {
    ".gitignore": "build/\n*.local.yaml\n",
    "sub/.gitignore": "scratch/\n",
    ".ignore": "generated/\n",
    "pyproject.toml": "[project]\nname = 'scratch'\n\n[tool.mcli-lint]\nextend-exclude = ['legacy/']\n",
}


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "repo"
    root.mkdir()
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    files = {**RUNS, **{name: text for name, (text, _) in OTHERS.items()}, **UNSEEN, **SUPPORT}
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    (root / ".git" / "info" / "exclude").write_text("private/\n")
    home = tmp_path / "home"
    (home / ".config" / "git").mkdir(parents=True)
    (home / ".config" / "git" / "ignore").write_text("*.swp.yaml\n")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.chdir(root)
    return root


def report(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, dict[str, Any]]:
    code, out, _ = run([*args, "--format", "json"], capsys)
    return code, json.loads(out)


def linted(data: dict[str, Any]) -> set[str]:
    diagnostics = data["diagnostics"]
    assert isinstance(diagnostics, list)
    return {d["path"] for d in diagnostics}


def skipped(data: dict[str, Any]) -> dict[str, str]:
    entries = data["skipped"]
    assert isinstance(entries, list)
    return {entry["path"]: entry["what"] for entry in entries}


@pytest.mark.parametrize("args", [[], ["check"], ["check", "."], ["."]])
def test_check_dot_lints_exactly_the_run_files(repo: Path, capsys: pytest.CaptureFixture[str], args: list[str]) -> None:
    code, data = report(args, capsys)
    assert code == EXIT_FINDINGS
    assert linted(data) == set(RUNS)
    assert skipped(data) == {name: what for name, (_, what) in OTHERS.items()}
    assert data["summary"] == {"files": 8, "errors": 7, "warnings": 8, "skipped": 12}


def test_the_broken_run_is_recognised_and_its_syntax_error_reported(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(["--no-show-source", "mcli_yamls/"], capsys)
    assert (code, out) == (
        EXIT_FINDINGS,
        "mcli_yamls/finetune/broken.yaml:4:8: MCL001 a `[` list is not closed, or its items are not"
        " separated by commas\n  help: close it with `]`, separate items with `, `, and quote items that"
        " hold `:` (the parser says: expected ',' or ']', but got ':' (while parsing a flow sequence))\n"
        "Found 1 error and 0 warnings in 1 file.\n",
    )


def test_the_text_summary_counts_skipped_files_and_verbose_lists_them(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(["--no-show-source", "--select", "MCL107", "yamls", "k8s", "charts"], capsys)
    assert (code, out) == (
        EXIT_OK,
        "yamls/train.yaml:1:1: MCL107 no `compute` section: the platform will try to infer one at submission\n"
        "  help: add `compute:` with at least `gpus:` (and `cluster:` if you have several)\n"
        "Found 0 errors and 1 warning in 1 file checked, 5 skipped (not run files).\n",
    )
    code, out, _ = run(["-v", "--no-show-source", "--select", "MCL107", "yamls", "k8s", "charts"], capsys)
    notes = [line for line in out.splitlines() if "run file:" in line]
    assert notes == [
        "yamls/pretrain/mpt-1b.yaml: does not look like a run file: a training configuration (model, optimizer,"
        " max_seq_len; no image or command); lint it anyway with --force-run",
        "k8s/deployment.yaml: does not look like a run file: a Kubernetes manifest (apiVersion, kind);"
        " lint it anyway with --force-run",
        "charts/web/Chart.yaml: does not look like a run file: a Helm chart or Kubernetes-style file (apiVersion);"
        " lint it anyway with --force-run",
        "charts/web/values.yaml: does not look like a run file: Helm chart values (replicaCount, image.repository);"
        " lint it anyway with --force-run",
        "charts/web/templates/deployment.yaml: does not look like a run file: a template: `{{ }}` or `{% %}`"
        " placeholders (Helm, Jinja); lint it anyway with --force-run",
    ]


def test_a_named_file_that_is_not_a_run_says_so_in_one_line(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["yamls/pretrain/mpt-1b.yaml", "mcli-yamls/06_deploy.yaml"], capsys)
    assert (code, err) == (EXIT_OK, "")
    assert out == (
        "yamls/pretrain/mpt-1b.yaml: does not look like a run file: a training configuration (model, optimizer,"
        " max_seq_len; no image or command); lint it anyway with --force-run\n"
        "mcli-yamls/06_deploy.yaml: not a run file: an mcli inference deployment (replicas, default_model);"
        " deployments are not linted\n"
        "No problems in 0 files checked, 2 skipped (not run files).\n"
    )
    code, data = report(["--force-run", "yamls/pretrain/mpt-1b.yaml"], capsys)
    assert code == EXIT_FINDINGS
    codes = [d["code"] for d in data["diagnostics"]]
    assert codes == ["MCL101", "MCL101", "MCL101", "MCL102", "MCL107", "MCL102", "MCL102"]


def test_a_named_run_in_a_hidden_folder_is_linted(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, data = report([".hidden/run.yaml", ".github/workflows/ci.yml"], capsys)
    assert code == EXIT_OK
    assert linted(data) == {".hidden/run.yaml"}
    assert skipped(data) == {".github/workflows/ci.yml": "workflow"}


def test_force_exclude_drops_excluded_files_named_on_the_command_line(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    named = ["legacy/old.yaml", "node_modules/pkg/run.yaml", "yamls/train.yaml"]
    assert linted(report(named, capsys)[1]) == set(named)
    assert linted(report(["--force-exclude", *named], capsys)[1]) == {"yamls/train.yaml"}
    # Ignored by git is not excluded: a file named is linted, as ruff does.
    assert linted(report(["--force-exclude", "build/run.yaml"], capsys)[1]) == {"build/run.yaml"}


def test_exclude_on_the_command_line_replaces_the_defaults_and_extend_exclude_adds(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, data = report(["--exclude", "yamls/", "--extend-exclude", "mcli-*/"], capsys)
    assert linted(data) == (set(RUNS) - {"yamls/train.yaml", "mcli-yamls/01_process.yaml"}) | {
        "node_modules/pkg/run.yaml"
    }


def test_include_patterns_make_files_runs(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / "notes" / "todo.txt").write_text(RUN)
    _, data = report(["--include", "notes/*", "notes"], capsys)
    assert linted(data) == {"notes/greeting.yaml", "notes/todo.txt"}
    assert skipped(data) == {}


def test_include_and_exclude_in_the_configuration(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / "pyproject.toml").write_text("[tool.mcli-lint]\ninclude = ['notes/*.yaml']\nexclude = ['yamls']\n")
    _, data = report([], capsys)
    expected = set(RUNS) - {"yamls/train.yaml"} | {
        "notes/greeting.yaml",
        "legacy/old.yaml",
        "node_modules/pkg/run.yaml",
    }
    assert linted(data) == expected
    (repo / "pyproject.toml").write_text("[tool.mcli-lint]\nforce-exclude = true\nexclude = ['yamls']\n")
    assert linted(report(["yamls/train.yaml", "mcloud.yaml"], capsys)[1]) == {"mcloud.yaml"}


def test_fmt_formats_only_the_run_files(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = {name: (repo / name).read_bytes() for name in OTHERS}
    messy = "name: x\nimage: mosaicml/pytorch:latest\ncompute:\n    gpus: 8\ncommand: >-\n  echo hi\n"
    (repo / "yamls" / "messy.yaml").write_text(messy)
    code, out, err = run(["fmt", "."], capsys)
    assert code == EXIT_FINDINGS  # the broken run cannot be formatted
    assert "reformatted yamls/messy.yaml\n" in err
    assert err.endswith(", 1 file not formatted, 12 skipped (not run files).\n")
    assert {name: (repo / name).read_bytes() for name in OTHERS} == before
    code, out, err = run(["fmt", "--check", "k8s/deployment.yaml"], capsys)
    assert (code, out, err) == (
        EXIT_OK,
        "",
        "k8s/deployment.yaml: does not look like a run file: a Kubernetes manifest (apiVersion, kind);"
        " format it anyway with --force-run\n"
        "0 files would be reformatted, 0 files already formatted, 1 skipped (not run files).\n",
    )


@pytest.mark.parametrize("flag", ["-v", "--verbose", "-q", "-s"])
def test_a_log_level_flag_may_come_before_the_command(
    repo: Path, capsys: pytest.CaptureFixture[str], flag: str
) -> None:
    """As with ruff: `mcli-lint -v check` is `mcli-lint check -v`, never a file named `check`."""
    args = ["--no-show-source", "--select", "MCL107", "yamls", "k8s"]
    before, after = run([flag, "check", *args], capsys), run(["check", flag, *args], capsys)
    timing = re.compile(r"in \d+ ms")  # -v's log ends with how long the check took
    assert before[:2] == after[:2] and timing.sub("", before[2]) == timing.sub("", after[2])
    assert "check:" not in before[1]


def test_fmt_with_no_path_formats_the_run_files_below_here(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["fmt", "--check"], capsys)
    assert (code, (out + err).splitlines()[-1]) == (
        EXIT_FINDINGS,  # the broken run cannot be formatted
        "0 files would be reformatted, 7 files already formatted, 1 file not formatted, 12 skipped (not run files).",
    )


def test_fix_never_rewrites_a_file_that_is_not_a_run(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    coerced = "apiVersion: v1\nkind: ConfigMap\ndata:\n  enabled: yes\n"
    (repo / "k8s" / "config.yaml").write_text(coerced)
    run(["check", "--fix", "k8s"], capsys)
    assert (repo / "k8s" / "config.yaml").read_text() == coerced


def test_discover_marks_named_walked_and_forced_files(repo: Path) -> None:
    selection = Selection(include=(Patterns(".", ("notes/*.yaml",)),))
    found = list(discover(["jobs", "notes", "yamls/train.yaml", "-"], selection))
    assert found == [
        Candidate("jobs/nightly.mcli.yaml", named=False, forced=True, tree="jobs"),
        Candidate("notes/greeting.yaml", named=False, forced=True, tree="notes"),
        Candidate("yamls/train.yaml", named=True, forced=False),
        Candidate("-", named=True, forced=False),
    ]


def test_a_walk_below_the_git_root_still_honours_the_ignore_files_above_it(repo: Path) -> None:
    (repo / "sub" / "build").mkdir()
    (repo / "sub" / "build" / "x.yaml").write_text(RUN)
    found = [c.path for c in discover(["sub"])]
    assert found == ["sub/run.yaml"]


def test_gitignore_is_not_read_outside_a_git_repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".gitignore").write_text("*.yaml\n")
    (tmp_path / ".ignore").write_text("b.yaml\n")
    (tmp_path / "a.yaml").write_text(RUN)
    (tmp_path / "b.yaml").write_text(RUN)
    assert [c.path for c in discover(["."])] == ["a.yaml"]


def test_quiet_prints_the_diagnostics_and_no_notes(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["--quiet", "--no-show-source", "k8s/deployment.yaml", "mkdocs.yml", "mcloud.yaml"], capsys)
    assert (code, out) == (
        EXIT_OK,
        "mcloud.yaml:1:1: MCL107 no `compute` section: the platform will try to infer one at submission\n"
        "  help: add `compute:` with at least `gpus:` (and `cluster:` if you have several)\n",
    )


def test_standard_input_is_screened_unless_its_name_says_run(repo: Path) -> None:
    manifest = (repo / "k8s" / "deployment.yaml").read_bytes()
    command = [sys.executable, "-m", "mcli_lint", "--no-show-source", "-"]
    done = subprocess.run(command, cwd=repo, input=manifest, capture_output=True, check=False)
    assert (done.returncode, done.stdout.decode()) == (
        EXIT_OK,
        "-: does not look like a run file: a Kubernetes manifest (apiVersion, kind); lint it anyway with --force-run\n"
        "No problems in 0 files checked, 1 skipped (not run files).\n",
    )
    forced = [*command, "--stdin-filename", "k8s.mcli.yaml", "--select", "MCL004"]
    done = subprocess.run(forced, cwd=repo, input=manifest, capture_output=True, check=False)
    assert done.stdout.decode().splitlines()[0].startswith("k8s.mcli.yaml:5:1: MCL004 ")


def test_infer_walks_past_files_that_are_not_runs(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    clusters = Path(__file__).resolve().parent.parent / "examples" / "clusters.json"
    _, out, _ = run(["infer", "--clusters", str(clusters), "--format", "json", "yamls", "mcli-yamls"], capsys)
    paths = [result["path"] for result in json.loads(out)["results"]]
    assert paths == ["yamls/train.yaml", "mcli-yamls/01_process.yaml"]


def test_a_walk_reports_what_it_cannot_read_and_skips_big_yaml_that_is_not_a_run(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    os.mkfifo(repo / "yamls" / "pipe.yaml")
    (repo / "yamls" / "data.yaml").write_text("rows:\n" + "  - 1\n" * 300_000)  # over 1 MiB
    code, data = report(["yamls"], capsys)
    assert code == EXIT_FINDINGS
    pipe = [d for d in data["diagnostics"] if d["path"] == "yamls/pipe.yaml"]
    assert [(d["code"], d["start"]["line"]) for d in pipe] == [("MCL005", 1)]
    assert skipped(data)["yamls/data.yaml"] == "unreadable"
