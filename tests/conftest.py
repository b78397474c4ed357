"""Shared test set-up: Hypothesis profiles (quick locally, thorough in CI), a scratch directory, and
real pre-commit's throwaway hooks repository and store, one per session."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests import precommit, profiles

profiles.load()


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A scratch working directory with its own pyproject.toml, free of CI settings."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.delenv("MCLI_LINT_CLUSTERS", raising=False)
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'scratch'\n")
    return tmp_path


@pytest.fixture(scope="session")
def hooks_repo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """This checkout's shipped files, committed in a throwaway repository: (path, commit)."""
    repo = tmp_path_factory.mktemp("hooks") / "mcli-lint"
    return repo, precommit.snapshot(repo)


@pytest.fixture(scope="session")
def pre_commit_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One pre-commit store for the session, so the hooks' environment is built once."""
    return tmp_path_factory.mktemp("pre-commit-home")
