"""MCL112 changed-by-mcli: a value mcli 0.8.3 rewrites or drops before it submits the run."""

from __future__ import annotations

from tests.rules.helpers import HEAD, reported


def test_an_empty_parent_name() -> None:
    assert reported(HEAD + "parent_name: ''\n") == [
        (
            "MCL112",
            6,
            14,
            6,
            16,
            "`parent_name` is empty: mcli replaces it (with the current run's name inside a run, else nothing)",
            "remove the line, or name the parent run",
        )
    ]


def test_a_camel_case_deployment_key() -> None:
    assert reported(HEAD + "dependent_deployment:\n  replicaCount: 2\n") == [
        (
            "MCL112",
            7,
            3,
            7,
            15,
            "`dependent_deployment.replicaCount` is sent as `replicacount`: mcli rewrites keys into camelCase",
            "write it in snake_case, as mcli expects: `replica_count`",
        )
    ]


def test_a_null_metadata_value() -> None:
    assert reported(HEAD + "metadata:\n  a:\n  b: 1\n") == [
        (
            "MCL112",
            7,
            5,
            7,
            5,
            "`metadata.a` is empty (null): mcli removes it, so the run has no such key",
            "write a value, or remove the line",
        )
    ]


def test_snake_case_keys_and_filled_values_are_kept() -> None:
    assert reported(HEAD + "parent_name: base\ndependent_deployment:\n  replica_count: 2\nmetadata:\n  a: 1\n") == []
