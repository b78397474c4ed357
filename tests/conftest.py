"""Shared test set-up: Hypothesis profiles (quick locally, thorough in CI)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile("quick", max_examples=60)
settings.register_profile("ci", max_examples=300, suppress_health_check=[HealthCheck.too_slow], print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "quick"))


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A scratch working directory with its own pyproject.toml, free of CI settings."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.delenv("MCLI_LINT_CLUSTERS", raising=False)
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'scratch'\n")
    return tmp_path
