"""MCL212 suspicious-character: where it reports, what it says, and what it leaves alone."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mcli_lint.loader import load_text
from mcli_lint.rules import mcl212_suspicious_character as m212
from mcli_lint.text import is_hidden, yaml_quote
from tests.rules.helpers import HEAD, findings, where_and_what, with_top


def test_the_head_is_clean() -> None:
    assert findings(m212.RULE, HEAD) == []


HIDDEN_HELP = "delete it, or retype the text if it was pasted from elsewhere"


@pytest.mark.parametrize(
    ("tail", "expected"),
    [
        (
            'parameters:\n  lr: "1\\u200b"\n',
            (7, 7, "`parameters.lr` contains the hidden character U+200B (ZERO WIDTH SPACE): '1\\u200b'"),
        ),
        (
            'parameters:\n  "l\\u200br": 1\n',
            (
                7,
                3,
                "the key `parameters.l\\u200br` contains the hidden character U+200B (ZERO WIDTH SPACE): 'l\\u200br'",
            ),
        ),
        (
            'metadata:\n  note: "a\\x07b"\n',
            (7, 9, "`metadata.note` contains the hidden character U+0007 (control): 'a\\x07b'"),
        ),
        (
            'parameters:\n  steps:\n    - [x, "\\u202eabc"]\n',
            (
                8,
                11,
                "`parameters.steps[0][1]` contains the hidden character U+202E (RIGHT-TO-LEFT OVERRIDE): '\\u202eabc'",
            ),
        ),
        (
            'parameters:\n  s: "\\u2028\\ufeff\\u2028"\n',
            (
                7,
                6,
                "`parameters.s` contains the hidden characters U+2028 (LINE SEPARATOR),"
                " U+FEFF (ZERO WIDTH NO-BREAK SPACE): '\\u2028\\ufeff\\u2028'",
            ),
        ),
        (
            f'parameters:\n  long: "{"x" * 50}\\u200d{"y" * 50}"\n',
            (
                7,
                9,
                f"`parameters.long` contains the hidden character U+200D (ZERO WIDTH JOINER):"
                f" …'{'x' * 20}\\u200d{'y' * 39}'…",
            ),
        ),
    ],
)
def test_212_hidden(tail: str, expected: tuple[int, int, str]) -> None:
    assert where_and_what(m212.RULE, HEAD + tail) == [expected]


def test_212_help_and_plural() -> None:
    [(_, _, _, one)] = findings(m212.RULE, HEAD + 'parameters: {a: "\\u200b"}\n')
    [(_, _, _, two)] = findings(m212.RULE, HEAD + 'parameters: {a: "\\u200b\\u200c"}\n')
    assert one == HIDDEN_HELP
    assert two == "delete them, or retype the text if it was pasted from elsewhere"


def test_212_one_finding_per_key_and_value() -> None:
    text = HEAD + 'env_variables:\n  "A\\u200bB": "x\\u200by\\u200b"\ncommand2: 1\n'
    got = where_and_what(m212.RULE, text)
    assert [(line, column) for line, column, _ in got] == [(7, 3), (7, 15)]


def test_212_top_level_values() -> None:
    assert where_and_what(m212.RULE, with_top(command='"echo \\u202ehi"')) == [
        (3, 10, "`command` contains the hidden character U+202E (RIGHT-TO-LEFT OVERRIDE): 'echo \\u202ehi'")
    ]


def test_212_deep_nesting() -> None:
    depth = 60
    text = HEAD + "parameters: " + "[" * depth + '"\\u200b"' + "]" * depth + "\n"
    [(line, column, message)] = where_and_what(m212.RULE, text)
    assert (line, column) == (6, 13 + depth)
    assert message.startswith("`parameters" + "[0]" * depth + "` contains")


def test_212_aliases_reported_once() -> None:
    text = HEAD + 'parameters:\n  a: &x {k: "\\u200b"}\n  b: *x\n'
    assert len(findings(m212.RULE, text)) == 1


@pytest.mark.parametrize(
    "tail",
    [
        'parameters:\n  s: "tab\\there"\n  t: "line\\nbreak"\n',
        "parameters:\n  s: café ünïcödé 日本語 😀\n",
        'parameters:\n  1: "x"\n  2024-01-01: y\n',
        "metadata:\n  text: |\n    two\n    lines\n",
    ],
)
def test_212_passes(tail: str) -> None:
    assert findings(m212.RULE, HEAD + tail) == []


@given(st.text(max_size=20))
def test_212_flags_exactly_the_hidden_characters(value: str) -> None:
    text = HEAD + f"parameters:\n  v: {yaml_quote(value)}\n"
    loaded = load_text(text)
    if loaded.document is None:
        return
    stored = loaded.document.data["parameters"]["v"]
    flagged = bool(findings(m212.RULE, text))
    assert flagged == any(is_hidden(c) for c in stored)
