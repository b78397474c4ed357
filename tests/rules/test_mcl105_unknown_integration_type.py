"""MCL105 unknown-integration-type: an `integration_type` mcli does not know, at the value."""

from __future__ import annotations

from mcli_lint.schema import integration_types
from tests.rules.helpers import HEAD, reported


def integration(kind: str) -> str:
    return HEAD + f"integrations:\n  - integration_type: {kind}\n"


def test_a_near_miss_gets_a_suggestion() -> None:
    assert reported(integration("wandbb")) == [
        ("MCL105", 7, 23, 7, 29, "unknown integration type 'wandbb'", "did you mean `wandb`?")
    ]


def test_anything_else_gets_the_known_types() -> None:
    assert integration_types() == ["git_repo", "pip_packages", "apt_packages", "wandb", "comet_ml", "mlflow"]
    assert reported(integration("zzz")) == [
        (
            "MCL105",
            7,
            23,
            7,
            26,
            "unknown integration type 'zzz'",
            "known types: git_repo, pip_packages, apt_packages, wandb, comet_ml, mlflow",
        )
    ]


def test_a_known_type_is_fine() -> None:
    assert reported(integration("git_repo") + "    git_repo: a/b\n") == []
