"""MCL002 duplicate-key: a key written twice in one mapping, at the second one, naming the first."""

from __future__ import annotations

from pathlib import Path

import pytest

from mcli_lint.commands import EXIT_FINDINGS
from tests.cli_helpers import run
from tests.rules.helpers import HEAD, reported

SAME = "mcli silently keeps the last one"


def test_a_top_level_key_twice() -> None:
    assert reported(HEAD + "name: again\n") == [
        ("MCL002", 6, 1, 6, 5, f"duplicate key 'name' (first at line 1); {SAME}", "remove one of the two")
    ]


def test_two_spellings_yaml_11_reads_as_one_key() -> None:
    assert reported(HEAD + "parameters:\n  on: 1\n  yes: 2\n", "MCL002") == [
        (
            "MCL002",
            8,
            3,
            8,
            6,
            f"duplicate key 'yes': YAML 1.1 reads it as the same key as 'on' at line 7; {SAME}",
            "remove one of the two",
        )
    ]


def test_in_a_flow_mapping() -> None:
    assert reported(HEAD + "parameters: {x: 1, x: 2}\n") == [
        ("MCL002", 6, 20, 6, 21, f"duplicate key 'x' (first at line 6); {SAME}", "remove one of the two")
    ]


def test_a_key_that_overrides_a_merged_one_is_not_a_duplicate() -> None:
    assert reported(HEAD + "base: &b {k: 1}\nparameters:\n  <<: *b\n  k: 2\n", "MCL002") == []


def test_an_alias_as_a_key_is_reported_where_the_alias_is(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = "name: a\nimage: b\ncommand: c\nx: &k key\nparameters:\n  *k : 1\n  other: 2\n  *k : 3\n"
    (work / "a.yaml").write_text(text)
    assert run(["check", "--no-show-source", "--select", "MCL002", "a.yaml"], capsys)[:2] == (
        EXIT_FINDINGS,
        "a.yaml:8:3: MCL002 duplicate key 'key' (first at line 6); mcli silently keeps the last one\n"
        "  help: remove one of the two\nFound 1 error and 0 warnings in 1 file.\n",
    )
