"""MCL105 unknown-integration-type: an `integration_type` mcli does not know, at the value."""

from __future__ import annotations

from mcli_lint.diagnostics import Applicability
from mcli_lint.schema import integration_types
from tests.rules.helpers import HEAD, fixed_alone, only_finding, reported


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


# ------------------------------------------------------------------------- the fix


def test_the_fix_writes_the_suggested_type() -> None:
    text = HEAD + "integrations:\n  - integration_type: gitrepo  # typo\n    git_repo: a/b\n"
    fix = only_finding(text, "MCL105").fix
    assert fix is not None and (fix.title, fix.applicability) == ("Write `git_repo`", Applicability.UNSAFE)
    assert fixed_alone(text, "MCL105") == text.replace("gitrepo", "git_repo")
