"""MCL108 coerced-scalar: a string field whose unquoted value YAML 1.1 turns into something else, and
the fix that quotes it."""

from __future__ import annotations

from mcli_lint.config import Config
from mcli_lint.format.fixes import fix_text
from tests.rules.helpers import HEAD, reported

GIT = HEAD + "integrations:\n  - integration_type: git_repo\n    git_repo: a/b\n"


def test_a_branch_yaml_reads_as_a_boolean() -> None:
    assert reported(GIT + "    git_branch: on\n") == [
        (
            "MCL108",
            9,
            17,
            9,
            19,
            "`integrations[0].git_branch` must be a string, but YAML 1.1 reads the unquoted `on` as a boolean, true",
            'quote it to keep what was written: "on"',
        )
    ]


def test_a_list_item_yaml_reads_as_a_number() -> None:
    text = HEAD + "integrations:\n  - integration_type: pip_packages\n    packages: [1.10]\n"
    assert reported(text) == [
        (
            "MCL108",
            8,
            16,
            8,
            20,
            "`integrations[0].packages[0]` must be a string, but YAML 1.1 reads the unquoted `1.10` as a number, 1.1",
            'quote it to keep what was written: "1.10"',
        )
    ]


def test_a_quoted_value_is_fine() -> None:
    assert reported(GIT + '    git_branch: "1.10"\n') == []


def test_the_fix_quotes_what_was_written() -> None:
    outcome = fix_text(GIT + "    git_branch: on  # the release branch\n", Config())
    assert (outcome.text, outcome.fixed) == (
        GIT + '    git_branch: "on"  # the release branch\n',
        ("MCL108 /integrations/0/git_branch",),
    )
