"""A mapping repeats a key.

## What it does
Reports a key that a mapping (at any depth) already holds. Keys are compared after YAML 1.1
resolution, as mcli reads them: `on:` and `yes:` are both `true`, `1:` and `true:` are equal keys
to Python. Keys brought in by a `<<` merge and then overridden are not duplicates. The diagnostic
is at the repeated key and names the line of the first.

## Why is this bad?
mcli silently keeps the last value: the first one is ignored without a word.

## Example
```yaml
name: duplicated
image: mosaicml/pytorch:latest
command: echo hi
compute:
  gpus: 8
  gpus: 16
```

Output of `mcli-lint check run.yaml`:
```text
run.yaml:6:3: MCL002 duplicate key 'gpus' (first at line 5); mcli silently keeps the last one
  help: remove one of the two
Found 1 error and 0 warnings in 1 file.
```

## Use instead
```yaml
name: single
image: mosaicml/pytorch:latest
command: echo hi
compute:
  gpus: 16
```
"""

from __future__ import annotations

from mcli_lint.loader import Kind, LoadProblem
from mcli_lint.rules.base import input_rule
from mcli_lint.text import escape


def _duplicate(problem: LoadProblem) -> tuple[str, str | None]:
    written, earlier, line = escape(problem.fact("written")), escape(problem.fact("earlier")), problem.fact("line")
    if written == earlier:
        message = f"duplicate key '{written}' (first at line {line}); mcli silently keeps the last one"
    else:
        message = (
            f"duplicate key '{written}': YAML 1.1 reads it as the same key as '{earlier}'"
            f" at line {line}; mcli silently keeps the last one"
        )
    return message, "remove one of the two"


RULE = input_rule("MCL002", "duplicate-key", __doc__, {Kind.DUPLICATE_KEY: _duplicate})
