"""MCL102 unknown-field: a key the schema does not have, at the key, with what mcli does with it."""

from __future__ import annotations

from pathlib import Path

import pytest

from mcli_lint.commands import EXIT_FINDINGS
from mcli_lint.diagnostics import Applicability
from mcli_lint.schema import properties_at
from tests.cli_helpers import run
from tests.rules.helpers import HEAD, fixed_alone, only_finding, reported

TOP = "name: run\nimage: mosaicml/pytorch:latest\ncommand: echo hi\n"


def test_a_misspelt_key_in_scheduling() -> None:
    assert reported(HEAD + "scheduling:\n  priorty: low\n") == [
        (
            "MCL102",
            7,
            3,
            7,
            10,
            "unknown field `priorty` in `scheduling`; did you mean `priority`?",
            "rename it to `priority`",
        )
    ]


def test_an_unknown_top_level_key_lists_the_known_ones() -> None:
    known = ", ".join(k for k in properties_at(()) if not k.startswith("_"))
    assert reported(HEAD + "extra: 1\n") == [
        ("MCL102", 6, 1, 6, 6, "unknown field `extra` at the top level; mcli drops it", f"known fields: {known}")
    ]


def test_in_an_integration_it_names_the_integration() -> None:
    text = HEAD + "integrations:\n  - integration_type: git_repo\n    git_repo: a/b\n    branch: main\n"
    assert reported(text) == [
        (
            "MCL102",
            9,
            5,
            9,
            11,
            "unknown field `branch` in the git_repo integration; did you mean `git_branch`?",
            "rename it to `git_branch`",
        )
    ]


def test_an_old_name_says_what_it_became() -> None:
    assert reported("run_name: x\nimage: b\ncommand: c\ncompute:\n  gpus: 1\n") == [
        (
            "MCL102",
            1,
            1,
            1,
            9,
            "`run_name` is the old name of `name`: mcli 0.8.3 drops it, so the run is submitted without it",
            "write it as `name`",
        )
    ]


def test_keys_below_an_empty_section_are_told_to_be_indented() -> None:
    assert reported(TOP + "compute:\ngpus: 8\n", "MCL102") == [
        (
            "MCL102",
            4,
            1,
            4,
            8,
            "`compute:` is empty, and `gpus` below it is at the top level: indent it under `compute:`",
            "indent the line below `compute:` by two spaces",
        )
    ]


def test_a_cyrillic_a_in_name_is_escaped_and_named(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (work / "a.yaml").write_text("n\u0430me: a\nimage: b\ncommand: c\ncompute:\n  g\u0440us: 1\n")
    assert run(["check", "--no-show-source", "a.yaml"], capsys)[:2] == (
        EXIT_FINDINGS,
        "a.yaml:1:1: MCL102 unknown field `n\\u0430me` (U+0430 CYRILLIC SMALL LETTER A) at the top level;"
        " did you mean `name`? `name` is required\n"
        "  help: rename it to `name`\n"
        "a.yaml:5:3: MCL102 unknown field `g\\u0440us` (U+0440 CYRILLIC SMALL LETTER ER) in `compute`;"
        " did you mean `gpus`?\n"
        "  help: rename it to `gpus`\n"
        "Found 2 errors and 0 warnings in 1 file.\n",
    )


def test_an_alias_as_a_key_is_reported_where_the_alias_is(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = "name: a\nimage: b\ncommand: c\nparameters:\n  x: &k gpuz\n  *k : 1\ncompute:\n  gpus: 1\n  *k : 3\n"
    (work / "a.yaml").write_text(text)
    assert run(["check", "--no-show-source", "a.yaml"], capsys)[:2] == (
        EXIT_FINDINGS,
        "a.yaml:9:3: MCL102 unknown field `gpuz` in `compute`; did you mean `gpus`?\n  help: rename it to `gpus`\n"
        "Found 1 error and 0 warnings in 1 file.\n",
    )


def test_any_key_under_parameters_is_fine() -> None:
    assert reported(HEAD + "parameters:\n  priorty: low\n") == []


# ------------------------------------------------------------------------- the fix


def test_mcl102_renames_to_the_suggestion() -> None:
    text = TOP + "compute:\n  gpu: 8  # typo\n"
    fix = only_finding(text, "MCL102").fix
    assert fix is not None and (fix.title, fix.applicability) == ("Rename it to `gpus`", Applicability.UNSAFE)
    assert fixed_alone(text, "MCL102") == TOP + "compute:\n  gpus: 8  # typo\n"


def test_mcl102_renames_an_old_name() -> None:
    text = "run_name: run\nimage: bash\ncommand: c\ncompute:\n  gpus: 8\n"
    assert fixed_alone(text, "MCL102") == "name: run\nimage: bash\ncommand: c\ncompute:\n  gpus: 8\n"


def test_mcl102_does_not_make_a_duplicate_key() -> None:
    assert only_finding(TOP + "compute:\n  gpus: 8\n  gpu: 8\n", "MCL102").fix is None
    assert only_finding("name: a\nrun_name: a\nimage: b\ncommand: c\ncompute:\n  gpus: 8\n", "MCL102").fix is None


def test_mcl102_renames_a_key_whose_value_an_alias_shares() -> None:
    # The value stays where it is (and the alias with it); only the key's text changes.
    text = "run_name: &n run\nimage: bash\ncommand: c\ncompute:\n  gpus: 8\nparameters:\n  run: *n\n"
    assert fixed_alone(text, "MCL102") == text.replace("run_name:", "name:")


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (
            "platform: r1z1  # where\nname: run\nimage: bash\ncommand: c\n",
            "compute:\n  cluster: r1z1  # where\nname: run\nimage: bash\ncommand: c\n",
        ),
        (
            "name: run\nplatform: r1z1\nimage: bash\ncommand: c\ncompute:\n  gpus: 8\n",
            "name: run\nimage: bash\ncommand: c\ncompute:\n  gpus: 8\n  cluster: r1z1\n",
        ),
    ],
    ids=["makes-compute", "into-compute"],
)
def test_mcl102_moves_platform_under_compute_as_cluster(before: str, after: str) -> None:
    fix = only_finding(before, "MCL102").fix
    assert fix is not None and (fix.title, fix.applicability) == (
        "Move it under `compute:` as `cluster`",
        Applicability.UNSAFE,
    )
    assert fixed_alone(before, "MCL102") == after


def test_mcl102_leaves_platform_when_compute_names_a_cluster() -> None:
    fix = only_finding("name: run\nplatform: a\nimage: b\ncommand: c\ncompute:\n  cluster: b\n", "MCL102").fix
    assert fix is None
