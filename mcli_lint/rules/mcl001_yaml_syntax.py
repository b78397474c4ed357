"""The file is not valid YAML.

## What it does
Reports the first syntax error PyYAML's pure-Python safe loader (the one mcli uses) finds, at the
position of the parser's problem mark (for a line without its `:`, that line), in plain words: "tabs
cannot indent YAML; use spaces", "a `: ` where YAML does not expect one", "this line's indentation
does not match the lines above it". The help says how to fix it and ends with the parser's own words.
Values that cannot be built (`!!bool maybe`, `2024-02-30`, `!!int ''`, `!!timestamp yesterday`, an
out-of-range `\\U` escape, a bare `=`) are reported here too, and so is a lone surrogate
(`"\\ud800"`): mcli reads it, but no UTF-8 text can carry it to the platform. (Numbers too long to
build are MCL006.)

## Why is this bad?
mcli cannot read the file at all; the run is never submitted.

## Example
```yaml
name: broken
image: mosaicml/pytorch:latest
command: [echo hi
```

Output of `mcli-lint check run.yaml`:
```text
run.yaml:4:1: MCL001 a `[` list is not closed, or its items are not separated by commas
  help: close it with `]`, separate items with `, `, and quote items that hold `:` (the parser says: expected ',' or ']', but got '<stream end>' (while parsing a flow sequence))
Found 1 error and 0 warnings in 1 file.
```

## Use instead
```yaml
name: fixed
image: mosaicml/pytorch:latest
command: echo hi
compute:
  gpus: 8
```
"""

from __future__ import annotations

import re

from mcli_lint.loader import Kind, LoadProblem
from mcli_lint.rules.base import input_rule
from mcli_lint.text import escape

# (pattern on PyYAML's problem text, message, help). The first match wins.
_WORDS: list[tuple[re.Pattern[str], str, str]] = [
    (
        re.compile(r"mapping values are not allowed here"),
        "a `: ` where YAML does not expect one: a value that holds `: ` must be quoted",
        "quote the value, or put the key on its own line with the value indented below it",
    ),
    (
        re.compile(r"could not find expected ':'"),
        "this line is not `key: value`: the `:` is missing, or the lines of a value are not indented under its key",
        "write `key: value` (a space after the colon), or indent the continuation lines",
    ),
    (
        re.compile(r"expected <block end>, but found"),
        "this line's indentation does not match the lines above it",
        "indent it like the other keys (or list items) of its section, with spaces",
    ),
    (
        re.compile(r"found unexpected end of stream"),
        "a quoted value is never closed",
        "add the closing quote",
    ),
    (
        re.compile(r"expected ',' or '\]'"),
        "a `[` list is not closed, or its items are not separated by commas",
        "close it with `]`, separate items with `, `, and quote items that hold `:`",
    ),
    (
        re.compile(r"expected ',' or '\}'"),
        "a `{` mapping is not closed, or its entries are not separated by commas",
        "close it with `}`, and separate entries with `, `",
    ),
    (
        re.compile(r"found undefined alias"),
        "an alias (`*name`) refers to no anchor (`&name`) above it",
        "define the anchor before the alias, or quote the value if `*` is meant literally",
    ),
    (
        re.compile(r"found unknown escape character"),
        "an unknown escape in a double-quoted value",
        "use single quotes, or write the backslash twice (`\\\\`)",
    ),
    (
        re.compile(r"found character '(.)' that cannot start any token"),
        "a value cannot start with `{0}` unless it is quoted",
        "quote the value",
    ),
]

_TAB_INDENT = ("tabs cannot indent YAML; use spaces", "replace the tabs at the start of the line with spaces")
_TAB_AFTER = (
    "a tab where YAML's parser (mcli's) expects a value or the end of the line",
    "remove the tab, or use spaces",
)


def _syntax(problem: LoadProblem) -> tuple[str, str | None]:
    """PyYAML's problem in plain words; the help says how to fix it and ends with PyYAML's own words."""
    said, context = problem.fact("problem"), problem.fact("context")
    parser = f"{said} ({context})" if said and context else said or context or "invalid YAML"
    if "tab_indents" in problem.facts:
        message, help_text = _TAB_INDENT if problem.fact("tab_indents") == "yes" else _TAB_AFTER
        return message, f"{help_text} (the parser says: {escape(parser)})"
    for pattern, message, help_text in _WORDS:
        match = pattern.search(said)
        if match is not None:
            worded = message.format(*match.groups()) if match.groups() else message  # `{` in a message is text
            return escape(worded), f"{help_text} (the parser says: {escape(parser)})"
    return escape(parser), "fix the line, or quote the value at this position"


def _bad_value(problem: LoadProblem) -> tuple[str, str | None]:
    reason = escape(problem.fact("reason"))[:120]
    if "tag" not in problem.facts:
        return f"invalid escape or value: {reason}", None
    value = escape(problem.fact("value"))[:80]
    return f"cannot read {value!r} as {problem.fact('tag')}: {reason}", None


def _value_indicator(problem: LoadProblem) -> tuple[str, str | None]:
    return (
        "a plain `=` is YAML 1.1's value indicator, which mcli's loader cannot build",
        'quote it to write the text: "="',
    )


def _lone_surrogate(problem: LoadProblem) -> tuple[str, str | None]:
    code = int(problem.facts.get("character", 0))
    value = escape(problem.fact("value"))[:80]
    return (
        f"'{value}' holds U+{code:04X}, half of a UTF-16 surrogate pair: no UTF-8 text can carry it,"
        " so the run cannot be sent",
        "write the character itself, or its code point as one \\U escape (\\U0001F600, not \\ud83d\\ude00)",
    )


RULE = input_rule(
    "MCL001",
    "yaml-syntax",
    __doc__,
    {
        Kind.SYNTAX: _syntax,
        Kind.BAD_VALUE: _bad_value,
        Kind.VALUE_INDICATOR: _value_indicator,
        Kind.LONE_SURROGATE: _lone_surrogate,
    },
)
