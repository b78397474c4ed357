"""The file is not valid YAML.

## What it does
Reports the first syntax error PyYAML's pure-Python safe loader (the one mcli uses) finds, at the
position of the parser's problem mark. Values that cannot be built (`!!bool maybe`, `2024-02-30`,
`!!int ''`, `!!timestamp yesterday`, an out-of-range `\\U` escape, a bare `=`) are reported here
too, and so is a lone surrogate (`"\\ud800"`): mcli reads it, but no UTF-8 text can carry it to
the platform. (Numbers too long to build are MCL006.)

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
run.yaml:4:1: MCL001 expected ',' or ']', but got '<stream end>' (while parsing a flow sequence)
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

from mcli_lint.loader import Kind, LoadProblem
from mcli_lint.rules.base import input_rule
from mcli_lint.text import escape


def _syntax(problem: LoadProblem) -> tuple[str, str | None]:
    said, context = problem.fact("problem"), problem.fact("context")
    message = f"{said} ({context})" if said and context else said or context or "invalid YAML"
    return escape(message), None


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
