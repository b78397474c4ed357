"""MCL202 run-name-too-long: where it reports, what it says, and what it leaves alone."""

from __future__ import annotations

import pytest

from mcli_lint.rules import mcl202_run_name_too_long as m202
from tests.rules.helpers import HEAD, findings, where_and_what, with_top


def test_the_head_is_clean() -> None:
    assert findings(m202.RULE, HEAD) == []


def test_202_too_long() -> None:
    [(line, column, message, help_text)] = findings(m202.RULE, with_top(name="a" * 57))
    assert (line, column, message) == (1, 7, "`name` is 57 characters long; run names can be at most 56")
    assert help_text is not None and help_text.startswith("shorten it by 1 or more")


def test_202_counts_characters_not_bytes() -> None:
    assert where_and_what(m202.RULE, with_top(name="é" * 60)) == [
        (1, 7, "`name` is 60 characters long; run names can be at most 56")
    ]


@pytest.mark.parametrize("name", ["a" * 56, "My_Run", "12345"])
def test_202_passes(name: str) -> None:
    assert findings(m202.RULE, with_top(name=name)) == []
