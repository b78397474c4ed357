"""Shared test set-up: Hypothesis profiles (quick locally, thorough in CI)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests import profiles

profiles.load()


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A scratch working directory with its own pyproject.toml, free of CI settings."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.delenv("MCLI_LINT_CLUSTERS", raising=False)
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'scratch'\n")
    return tmp_path
