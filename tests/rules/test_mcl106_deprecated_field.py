"""MCL106 deprecated-field: old top-level compute fields and the list form of `env_variables`, and the
fix that writes them the current way."""

from __future__ import annotations

import pytest

from mcli_lint.config import Config
from mcli_lint.diagnostics import Applicability
from mcli_lint.engine.fix import fix_text
from tests.rules.helpers import HEAD, fixed_alone, only_finding, reported

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
    # Unsafe (mcli sends `cpus` inside `compute` rather than at the top); the line goes last in `compute`.
    assert fix_text(TOP + "cpus: 4\ncompute:\n  gpus: 8\n", Config()).text is None
    outcome = fix_text(TOP + "cpus: 4  # four\ncompute:\n  gpus: 8\n", Config(), unsafe=True)
    assert (outcome.text, outcome.fixed) == (TOP + "compute:\n  gpus: 8\n  cpus: 4  # four\n", ("MCL106 /cpus",))


def test_the_fix_turns_the_list_into_a_mapping() -> None:
    outcome = fix_text(HEAD + "env_variables:\n  - key: A\n    value: b\n", Config())
    assert (outcome.text, outcome.fixed) == (HEAD + "env_variables:\n  A: b\n", ("MCL106 /env_variables",))


# ------------------------------------------------------------------------- the fix


def test_mcl106_makes_compute_for_the_first_and_moves_the_rest_into_it() -> None:
    text = "# old style\ngpu_num: 8  # eight\nname: run\ncluster: r1z1\nimage: bash\ncommand: c\n"
    done = fix_text(text, Config(), unsafe=True)
    assert done.fixed == ("MCL106 /gpu_num", "MCL106 /cluster")
    assert (
        done.text == "# old style\ncompute:\n  gpus: 8  # eight\n  cluster: r1z1\nname: run\nimage: bash\ncommand: c\n"
    )


@pytest.mark.parametrize(
    ("compute", "after"),
    [
        ("compute:\n    nodes: 1\n", "compute:\n    nodes: 1\n    gpu_type: a100_80gb\n"),
        (
            "compute:\n  nodes: 1\n  # gpu_type: h100_80gb  (for later)\n",
            "compute:\n  nodes: 1\n  gpu_type: a100_80gb\n  # gpu_type: h100_80gb  (for later)\n",
        ),
        ("compute:\n  node_names:\n    - a\n", "compute:\n  gpu_type: a100_80gb\n  node_names:\n    - a\n"),
        ("compute: {nodes: 1}\n", "compute: {gpu_type: a100_80gb, nodes: 1}\n"),
        ("compute: {}\n", "compute: {gpu_type: a100_80gb}\n"),
        ("compute:  # soon\n", "compute:  # soon\n  gpu_type: a100_80gb\n"),
    ],
    ids=["block", "before-comments", "after-a-list", "flow", "empty-flow", "empty"],
)
def test_mcl106_moves_into_compute_as_written(compute: str, after: str) -> None:
    text = TOP + "gpu_type: a100_80gb\n" + compute
    fix = only_finding(text, "MCL106").fix
    assert fix is not None
    assert (fix.title, fix.applicability) == ("Move it under `compute:` as `gpu_type`", Applicability.UNSAFE)
    assert fixed_alone(text, "MCL106") == TOP + after


def test_mcl106_leaves_a_field_compute_sets() -> None:
    fix = only_finding(TOP + "gpu_num: 8\ncompute:\n  gpus: 16\n", "MCL106").fix
    assert fix is not None and not fix.available


def test_mcl106_writes_the_env_mapping_safely() -> None:
    text = (
        HEAD
        + "env_variables:\n  # first\n  - key: FOO  # the first one\n    value: bar\n\n  - value: 'x y'\n    key: B\n"
    )
    fix = only_finding(text, "MCL106").fix
    assert fix is not None and fix.applicability is Applicability.SAFE
    done = fix_text(text, Config())
    assert done.text == HEAD + "env_variables:\n  # first\n  FOO: bar  # the first one\n\n  B: 'x y'\n"
    assert done.fixed == ("MCL106 /env_variables",)


def test_mcl106_env_list_at_column_one_and_empty() -> None:
    text = TOP + "env_variables:\n- key: A\n  value: b\n"
    assert fix_text(text, Config()).text == TOP + "env_variables:\n  A: b\n"
    assert fix_text(TOP + "env_variables: []\n", Config()).text == TOP + "env_variables: {}\n"


def test_mcl106_env_list_it_cannot_rewrite_line_by_line() -> None:
    for items in (
        "  - {key: A, value: b}\n",
        "  - key: A\n    # why\n    value: b\n",
        "  - key: A\n    value: |\n      b\n",
    ):
        fix = only_finding(TOP + "env_variables:\n" + items, "MCL106").fix
        assert fix is not None and not fix.available, items
