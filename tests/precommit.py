"""Real pre-commit for the hook tests: this checkout committed in a throwaway repository (pre-commit
installs hooks from a commit, and the working tree may hold uncommitted changes), and the runner.

tests/conftest.py makes one snapshot and one ``PRE_COMMIT_HOME`` per session, so the hooks'
Python environment is built once for every test that runs the hooks from a config.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests.needs import offline, unavailable

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
SHIPPED = (".pre-commit-hooks.yaml", "pyproject.toml", "README.md", "mcli_lint", "schema")


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, text=True)
    return done.stdout.strip()


def snapshot(repo: Path) -> str:
    """Commit this checkout's shipped files into a new repository at ``repo``; the commit."""
    repo.mkdir(parents=True)
    for part in SHIPPED:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, repo / part, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copy(source, repo / part)
    git(repo, "init", "-q")
    git(repo, "add", ".")
    git(repo, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", "snapshot")
    return git(repo, "rev-parse", "HEAD")


def pre_commit(repo: Path, home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``pre-commit ARGS`` in ``repo`` with ``home`` as its store, outside GitHub Actions' settings.

    Installing a hook's environment downloads mcli-lint's dependencies: without the package index
    the test is skipped, saying so (a failure under CI=true)."""
    env = {key: value for key, value in os.environ.items() if key != "GITHUB_ACTIONS"}
    env.update(PATH=f"{BIN}{os.pathsep}{os.environ['PATH']}", PRE_COMMIT_HOME=str(home))
    done = subprocess.run(
        [str(BIN / "pre-commit"), *args, "--color", "never"],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    if done.returncode != 0 and offline(done.stdout + done.stderr):
        unavailable("pre-commit cannot install the hooks' environment: the package index is unreachable")
    return done
