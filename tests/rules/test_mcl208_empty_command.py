"""MCL208 empty-command: where it reports, what it says, and what it leaves alone."""

from __future__ import annotations

import pytest

from mcli_lint.rules import mcl208_empty_command as m208
from tests.rules.helpers import HEAD, findings, where_and_what, with_top


def test_the_head_is_clean() -> None:
    assert findings(m208.RULE, HEAD) == []


EMPTY_HELP = "write the command the run executes, e.g. `command: composer train.py`"


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        ('""', (3, 10, "`command` is empty; the run has nothing to execute", EMPTY_HELP)),
        ("''", (3, 10, "`command` is empty; the run has nothing to execute", EMPTY_HELP)),
        ('"   "', (3, 10, "`command` holds only whitespace; the run has nothing to execute", EMPTY_HELP)),
        ('"\\t\\n \\u3000"', (3, 10, "`command` holds only whitespace; the run has nothing to execute", EMPTY_HELP)),
    ],
)
def test_208_empty(command: str, expected: tuple[int, int, str, str]) -> None:
    assert findings(m208.RULE, with_top(command=command)) == [expected]


def test_208_empty_block() -> None:
    text = "name: run\nimage: mosaicml/pytorch:latest\ncommand: |\n\ncompute:\n  gpus: 8\n"
    assert where_and_what(m208.RULE, text) == [(3, 10, "`command` is empty; the run has nothing to execute")]


@pytest.mark.parametrize("command", ["echo hi", "' x '", "|\n  composer train.py\n", "", "[a]", "0"])
def test_208_passes(command: str) -> None:
    # `command:` with nothing is null, a list or a number is a type error: the schema rules report those.
    assert findings(m208.RULE, with_top(command=command)) == []
