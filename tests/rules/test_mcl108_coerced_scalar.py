"""MCL108 coerced-scalar: a string field whose unquoted value YAML 1.1 turns into something else, and
the fix that quotes it."""

from __future__ import annotations

from mcli_lint.config import Config
from mcli_lint.diagnostics import Applicability
from mcli_lint.engine.fix import fix_text
from mcli_lint.engine.lint import lint_text
from tests.rules.helpers import HEAD, fixed_alone, only_finding, reported

GIT = HEAD + "integrations:\n  - integration_type: git_repo\n    git_repo: a/b\n"

TOP = "name: run\nimage: mosaicml/pytorch:latest\ncommand: echo hi\n"


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
    outcome = fix_text(GIT + "    git_branch: on  # the release branch\n", Config(), unsafe=True)
    assert (outcome.text, outcome.fixed) == (
        GIT + '    git_branch: "on"  # the release branch\n',
        ("MCL108 /integrations/0/git_branch",),
    )


# ------------------------------------------------------------------------- the fix


def test_mcl108_quotes_what_was_written() -> None:
    text = TOP + "env_variables:\n  DEBUG: yes  # on\n  PORT: 010\n"
    found = [d for d in lint_text(text) if d.code == "MCL108"]
    assert [(d.fix.title, d.fix.applicability) for d in found if d.fix] == [
        ('Quote it: "yes"', Applicability.UNSAFE),
        ('Quote it: "010"', Applicability.UNSAFE),
    ]
    done = fix_text(text, Config(), unsafe=True)
    assert done.text == TOP + 'env_variables:\n  DEBUG: "yes"  # on\n  PORT: "010"\n'
    assert done.fixed == ("MCL108 /env_variables/DEBUG", "MCL108 /env_variables/PORT")


def test_mcl108_flow_and_list_items() -> None:
    text = TOP + "integrations:\n  - {integration_type: git_repo, git_repo: a/b, git_branch: 1.10}\n"
    assert fixed_alone(text, "MCL108") == text.replace("1.10}", '"1.10"}')


def test_mcl108_declines_a_null_an_anchor_and_a_tag() -> None:
    assert only_finding(TOP + "env_variables:\n  A:\n", "MCL108").fix is None  # nothing written to keep
    anchored = TOP + "env_variables:\n  A: &a yes\nparameters:\n  b: *a\n"
    fix = only_finding(anchored, "MCL108").fix
    assert fix is not None and not fix.available  # the alias would change too
    assert fix_text(anchored, Config(), unsafe=True).message == (
        "not fixed: the fixes do not apply to how this file is written (MCL108 /env_variables/A)"
    )
    tagged = TOP + "env_variables:\n  A: !!bool yes\n"
    assert not [d for d in lint_text(tagged) if d.code == "MCL108" and d.fix and d.fix.available]
