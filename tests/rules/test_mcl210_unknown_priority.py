"""MCL210 unknown-priority: where it reports, what it says, and what it leaves alone."""

from __future__ import annotations

import pytest

from mcli_lint.diagnostics import Applicability
from mcli_lint.rules import mcl210_unknown_priority as m210
from tests.rules.helpers import HEAD, findings, fixed_alone, only_finding


def test_the_head_is_clean() -> None:
    assert findings(m210.RULE, HEAD) == []


def priority(value: str) -> str:
    return HEAD + f"scheduling:\n  priority: {value}\n"


@pytest.mark.parametrize(
    ("value", "help_text"),
    [
        ("Low", "did you mean `low`?"),
        ("LOWEST", "did you mean `lowest`?"),
        ("lowst", "did you mean `lowest`?"),
        ("atuo", "did you mean `auto`?"),
        ("high", "use one of auto, low, lowest"),
    ],
)
def test_210_unknown(value: str, help_text: str) -> None:
    assert findings(m210.RULE, priority(value)) == [
        (
            7,
            13,
            f"`scheduling.priority` is '{value}', which is not a known priority; the platform falls back to auto",
            help_text,
        )
    ]


def test_210_escapes() -> None:
    [(_, _, message, _)] = findings(m210.RULE, priority('"lo\\u202ew"'))
    assert "'lo\\u202ew'" in message and "\u202e" not in message


@pytest.mark.parametrize("value", ["auto", "low", "lowest", "5", "true", "[low]"])
def test_210_passes(value: str) -> None:
    assert findings(m210.RULE, priority(value)) == []


# ------------------------------------------------------------------------- the fix


@pytest.mark.parametrize(
    ("written", "after"),
    [("'Low'", "'low'"), ('"LOWEST"', '"lowest"'), ("loww", "low")],
    ids=["single", "double", "plain"],
)
def test_the_fix_writes_the_suggestion_in_the_same_quotes(written: str, after: str) -> None:
    text = HEAD + f"scheduling:\n  priority: {written}  # why\n"
    fix = only_finding(text, "MCL210").fix
    assert fix is not None and fix.applicability is Applicability.UNSAFE
    assert fixed_alone(text, "MCL210") == HEAD + f"scheduling:\n  priority: {after}  # why\n"


def test_no_fix_without_a_suggestion() -> None:
    assert only_finding(HEAD + "scheduling:\n  priority: urgent\n", "MCL210").fix is None
