"""The project lints its own examples and checks its own schema, through real pre-commit; it ships."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.needs import fetched
from tests.precommit import ROOT, git, pre_commit


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    repo.mkdir()
    for part in (".pre-commit-config.yaml", "examples", "schema"):
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, repo / part)
        else:
            shutil.copy(source, repo / part)
    git(repo, "init", "-q")
    git(repo, "add", ".")
    return repo


def run_hook(repo: Path, home: Path, hook: str) -> subprocess.CompletedProcess[str]:
    return pre_commit(repo, home, "run", hook, "--all-files")


def test_own_examples_pass_own_hook_and_a_bad_one_fails(repo: Path, pre_commit_home: Path) -> None:
    assert run_hook(repo, pre_commit_home, "mcli-lint").returncode == 0
    bad = "name: x\nimage: mosaicml/pytorch:latest\ncommand: hi\ncompute: {gpu: 8}\n"
    (repo / "examples" / "bad.yaml").write_text(bad)
    git(repo, "add", ".")
    done = run_hook(repo, pre_commit_home, "mcli-lint")
    assert done.returncode == 1
    assert "examples/bad.yaml:4:11: MCL102 unknown field `gpu` in `compute`; did you mean `gpus`?" in done.stdout


def test_own_schema_passes_the_metaschema_hook_and_a_broken_one_fails(repo: Path, pre_commit_home: Path) -> None:
    assert run_hook(repo, pre_commit_home, "run-schema-metaschema").returncode == 0
    schema = repo / "schema" / "run.schema.json"
    schema.write_text(schema.read_text().replace('"type": "object"', '"type": "mapping"', 1))
    git(repo, "add", ".")
    done = run_hook(repo, pre_commit_home, "run-schema-metaschema")
    assert done.returncode == 1
    assert "is not valid under any of the given schemas" in done.stdout


def test_the_wheel_carries_the_schema_and_works_installed(tmp_path: Path) -> None:
    """A non-editable install (here: the built wheel, unpacked alone) finds its schema."""
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(tmp_path / "dist"), str(ROOT)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    fetched(built, "the build backend (hatchling), to build the wheel")
    [wheel] = (tmp_path / "dist").glob("mcli_lint-*.whl")
    assert "mcli_lint/schema/run.schema.json" in zipfile.ZipFile(wheel).namelist()
    site = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(site), str(wheel)],
        check=True,
        capture_output=True,
        timeout=600,
    )
    program = (
        "import sys; from mcli_lint.schema import schema_path; from mcli_lint.cli import main;"
        f" assert str(schema_path()).startswith({str(site)!r}), schema_path();"
        f" sys.exit(main(['--no-show-source', {str(ROOT / 'examples')!r}]))"
    )
    done = subprocess.run(
        [sys.executable, "-c", program],
        env={**os.environ, "PYTHONPATH": str(site)},
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"No problems in {len(list((ROOT / 'examples').glob('*.yaml')))} files.")
