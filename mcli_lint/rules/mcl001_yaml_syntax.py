"""The file is not valid YAML.

## What it does
Reports the first syntax error PyYAML's pure-Python safe loader (the one mcli uses) finds, at the
position of the parser's problem mark. Values that cannot be built (`!!bool maybe`, `2024-02-30`,
an integer of 5 000 digits, an out-of-range `\\U` escape) are reported here too.

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


RULE = input_rule("MCL001", "yaml-syntax", __doc__, {Kind.SYNTAX: _syntax, Kind.BAD_VALUE: _bad_value})
