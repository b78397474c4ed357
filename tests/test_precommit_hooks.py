"""The hooks users get (.pre-commit-hooks.yaml) work through real pre-commit, from a git repository.

A snapshot of this checkout is committed into a throwaway git repository (tests/precommit.py, one
a session, with one pre-commit store); a second throwaway repository, full of run files and
unrelated YAML, points its ``.pre-commit-config.yaml`` at it.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from tests.precommit import ROOT, git, pre_commit

MANIFEST = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())

GOOD = (ROOT / "examples" / "hello-composer.yaml").read_text()
BAD = "name: x\nimage: mosaicml/pytorch:latest\ncommand: hi\ncompute: {gpu: 8}\n"
UNFORMATTED = "name: x\nimage: mosaicml/pytorch:latest\ncompute:\n    gpus: 8\ncommand: >-\n  echo hi\n"
FORMATTED = "name: x\nimage: mosaicml/pytorch:latest\ncompute:\n  gpus: 8\ncommand: >-\n  echo hi\n"
OLD_STYLE = "run_name: eval\ngpu_num: 8\nimage: mosaicml/pytorch:latest\ncommand: composer eval.py\n"
# Run files where real repositories keep them: the hooks must find every one by its content.
RUNS = {
    "hello.mcli.yaml": GOOD,
    "mcloud.yaml": GOOD,
    "yamls/train.yaml": GOOD,
    "mcli-yamls/01_process.yaml": GOOD,
    "mcli_yamls/finetune/chat.yml": GOOD,
    "configs/mcli/eval.yaml": GOOD,
    "scripts/mcloud/precompute.yaml": GOOD,
    ".github/workflows/regression_yamls/eval.yaml": GOOD,
}
# YAML that lives beside them and must be left alone, unformatted and unlinted, whatever it holds.
UNRELATED = {
    ".github/workflows/ci.yml": "on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n",
    "k8s/deployment.yaml": "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas:   2\n",
    "docker-compose.yml": "services:\n  web:\n    image:   nginx\n",
    "mkdocs.yml": "site_name:   Docs\n",
    "charts/web/Chart.yaml": "apiVersion: v2\nname: web\nversion: 0.1.0\n",
    "charts/web/values.yaml": "replicaCount: 1\nimage:\n    repository: nginx\n",
    "charts/web/templates/svc.yaml": "apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ .Release.Name }}\n",
    "yamls/pretrain/mpt-1b.yaml": "max_seq_len: 2048\nmodel:\n    name: mpt\noptimizer:\n  lr: 0.1\n",
    "mcli-yamls/06_deploy.yaml": "name: llm\nreplicas: 1\nimage: inference\ndefault_model:\n    model_type: mpt\n",
    "mosaic-yamls/sweep.yaml": "name: sweep-{{ lr }}\nimage: i\ncommand: python train.py --lr {{ lr }}\n",
    # Committed, but excluded by default (node_modules): --force-exclude keeps the hooks off it.
    "node_modules/pkg/run.yaml": BAD,
}
# Never given to the hooks: git ignores them.
IGNORED = {".gitignore": "build/\n", "build/run.yaml": BAD}


def write(repo: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        (repo / name).write_text(text)
    git(repo, "add", ".")


@pytest.fixture
def project(tmp_path: Path, hooks_repo: tuple[Path, str]) -> Path:
    """A user's repository laid out like real ones: run files where they keep them, beside other YAML."""
    path, rev = hooks_repo
    repo = tmp_path / "project"
    repo.mkdir()
    git(repo, "init", "-q")
    config = f"repos:\n  - repo: {path}\n    rev: {rev}\n    hooks:\n      - id: mcli-lint\n      - id: mcli-lint-fmt\n"
    write(repo, {".pre-commit-config.yaml": config, **RUNS, **UNRELATED, **IGNORED})
    return repo


def test_manifest_declares_the_two_hooks_for_every_yaml_file() -> None:
    assert [(h["id"], h["entry"], h["language"], h["types"]) for h in MANIFEST] == [
        ("mcli-lint", "mcli-lint check --force-exclude --quiet", "python", ["yaml"]),
        ("mcli-lint-fmt", "mcli-lint fmt --force-exclude --quiet", "python", ["yaml"]),
    ]
    assert all(h["require_serial"] is False and "files" not in h for h in MANIFEST)


def test_the_project_runs_its_own_hooks_on_its_examples() -> None:
    """Same ids, entries and types as the manifest; only `files:` (and the dev environment) differ."""
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text())
    local = {hook["id"]: hook for repo in config["repos"] for hook in repo["hooks"]}
    for hook in MANIFEST:
        own = local[hook["id"]]
        assert (own["entry"], own["types"], own["files"]) == (hook["entry"], hook["types"], r"^examples/.*\.ya?ml$")


def test_good_runs_pass_and_unrelated_yaml_is_left_alone(project: Path, pre_commit_home: Path) -> None:
    done = pre_commit(project, pre_commit_home, "run", "--all-files")
    assert done.returncode == 0, done.stdout + done.stderr
    assert re.findall(r"^(mcli-lint(?: fmt)?)\.+(\w+)$", done.stdout, re.MULTILINE) == [
        ("mcli-lint", "Passed"),
        ("mcli-lint fmt", "Passed"),
    ]
    assert all((project / name).read_text() == text for name, text in {**UNRELATED, **IGNORED}.items())


def test_the_check_hook_finds_every_run_file_and_only_those(project: Path, pre_commit_home: Path) -> None:
    """Every run file made bad: the failing hook's report names exactly the run files."""
    write(project, dict.fromkeys(RUNS, BAD) | {"mcli-yamls/02_old.yaml": OLD_STYLE})
    done = pre_commit(project, pre_commit_home, "run", "mcli-lint", "--all-files")
    assert done.returncode == 1, done.stdout + done.stderr
    reported = set(re.findall(r"^(\S+):\d+:\d+: MCL", done.stdout, re.MULTILINE))
    assert reported == {*RUNS, "mcli-yamls/02_old.yaml"}
    # --quiet: the diagnostics and nothing else (no note for the files skipped, no summary).
    assert "mcli-yamls/06_deploy.yaml" not in done.stdout
    assert "skipped (not run files)" not in done.stdout
    assert "mcloud.yaml:4:11: MCL102 unknown field `gpu` in `compute`; did you mean `gpus`?" in done.stdout


def test_the_format_hook_fixes_an_unformatted_run_and_then_passes(project: Path, pre_commit_home: Path) -> None:
    write(project, {"jobs/messy.yaml": UNFORMATTED})
    done = pre_commit(project, pre_commit_home, "run", "mcli-lint-fmt", "--all-files")
    assert done.returncode == 1
    assert "- files were modified by this hook" in done.stdout
    assert (project / "jobs" / "messy.yaml").read_text() == FORMATTED
    assert (project / "hello.mcli.yaml").read_text() == GOOD
    git(project, "add", ".")
    assert pre_commit(project, pre_commit_home, "run", "mcli-lint-fmt", "--all-files").returncode == 0


def test_try_repo_runs_the_hooks_straight_from_the_checkout(
    project: Path, pre_commit_home: Path, hooks_repo: tuple[Path, str]
) -> None:
    # try-repo builds the hook's environment afresh in a store of its own each time: one run
    # shows both that the good runs pass and that the broken one fails.
    path, rev = hooks_repo
    write(project, {"runs/broken.mcli.yml": "name: x\nimage: i\ncommand: [1]\n"})
    done = pre_commit(project, pre_commit_home, "try-repo", str(path), "mcli-lint", "--ref", rev, "--all-files")
    assert done.returncode == 1, done.stdout + done.stderr
    assert "runs/broken.mcli.yml:3:10: MCL103" in done.stdout
    assert set(re.findall(r"^([\w./-]+):\d+:\d+: MCL\d+", done.stdout, re.MULTILINE)) == {"runs/broken.mcli.yml"}


def test_the_projects_own_config_runs_both_hooks_on_its_examples(tmp_path: Path, pre_commit_home: Path) -> None:
    repo = tmp_path / "self"
    shutil.copytree(ROOT / "examples", repo / "examples")
    shutil.copy(ROOT / ".pre-commit-config.yaml", repo / ".pre-commit-config.yaml")
    git(repo, "init", "-q")
    git(repo, "add", ".")
    for hook in ("mcli-lint", "mcli-lint-fmt"):
        done = pre_commit(repo, pre_commit_home, "run", hook, "--all-files")
        assert done.returncode == 0, done.stdout + done.stderr
