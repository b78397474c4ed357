"""MCL101 missing-field: a required field that is not there, at the mapping that lacks it."""

from __future__ import annotations

from tests.rules.helpers import HEAD, reported


def test_a_missing_top_level_field_is_reported_at_line_1() -> None:
    assert reported("image: b\ncommand: c\ncompute:\n  gpus: 1\n") == [
        ("MCL101", 1, 1, 1, 1, "missing required field `name`", None)
    ]


def test_a_missing_field_of_an_integration_names_it() -> None:
    assert reported(HEAD + "integrations:\n  - integration_type: git_repo\n") == [
        ("MCL101", 7, 5, 7, 31, "missing required field `git_repo` in `integrations[0]`", None)
    ]


def test_a_misspelt_field_is_left_to_unknown_field() -> None:
    assert reported("nmae: run\nimage: b\ncommand: c\ncompute:\n  gpus: 1\n", "MCL101") == []


def test_an_old_name_is_left_to_unknown_field() -> None:
    assert reported("run_name: x\nimage: b\ncommand: c\ncompute:\n  gpus: 1\n", "MCL101") == []
