"""MCL106 deprecated-field: old top-level compute fields and the list form of `env_variables`, and the
fix that writes them the current way."""

from __future__ import annotations

from mcli_lint.config import Config
from mcli_lint.format.fixes import fix_text
from tests.rules.helpers import HEAD, reported

TOP = "name: run\nimage: mosaicml/pytorch:latest\ncommand: echo hi\n"


def test_each_old_field_at_its_key() -> None:
    assert reported(TOP + "cluster: r1\ngpu_type: a100\ncompute:\n  gpus: 8\n") == [
        (
            "MCL106",
            4,
            1,
            4,
            8,
            "top-level `cluster` is deprecated; use `compute.cluster`",
            "move it under `compute:` as `cluster`",
        ),
        (
            "MCL106",
            5,
            1,
            5,
            9,
            "top-level `gpu_type` is deprecated; use `compute.gpu_type`",
            "move it under `compute:` as `gpu_type`",
        ),
    ]


def test_a_list_of_key_value_pairs_shows_the_mapping() -> None:
    assert reported(HEAD + "env_variables:\n  - key: A\n    value: b\n  - key: C\n    value: 'on'\n") == [
        (
            "MCL106",
            6,
            1,
            6,
            14,
            "`env_variables` is a list of {key, value}: mcli 0.8.3 turns it into a mapping, with a deprecation warning",
            'write the mapping instead: `env_variables: {A: b, C: "on"}`',
        )
    ]


def test_an_empty_old_field_is_absent_to_mcli() -> None:
    assert reported(TOP + "compute:\n  gpus: 8\ngpu_num:\n") == []


def test_the_fix_moves_an_old_field_under_compute() -> None:
    outcome = fix_text(TOP + "cpus: 4\ncompute:\n  gpus: 8\n", Config())
    assert (outcome.text, outcome.fixed) == (TOP + "compute:\n  gpus: 8\n  cpus: 4\n", ("MCL106 /cpus",))


def test_the_fix_turns_the_list_into_a_mapping() -> None:
    outcome = fix_text(HEAD + "env_variables:\n  - key: A\n    value: b\n", Config())
    assert (outcome.text, outcome.fixed) == (HEAD + "env_variables:\n  A: b\n", ("MCL106 /env_variables",))
