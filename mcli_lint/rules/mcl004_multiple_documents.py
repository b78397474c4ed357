"""The file holds more than one YAML document.

## What it does
Reports the start of the second document (`---`) in a file.

## Why is this bad?
mcli reads exactly one run from a file and refuses a stream of several.

## Example
```yaml
name: first
image: mosaicml/pytorch:latest
command: echo one
---
name: second
image: mosaicml/pytorch:latest
command: echo two
```

Output of `mcli-lint check run.yaml`:
```text
run.yaml:4:1: MCL004 more than one YAML document: mcli reads exactly one run per file
  help: put each run in its own file
Found 1 error and 0 warnings in 1 file.
```

## Use instead
```yaml
name: first
image: mosaicml/pytorch:latest
command: echo one
compute:
  gpus: 8
```
"""

from __future__ import annotations

from mcli_lint.loader import Kind
from mcli_lint.rules.base import input_rule

RULE = input_rule(
    "MCL004",
    "multiple-documents",
    __doc__,
    {
        Kind.MULTIPLE_DOCUMENTS: lambda _: (
            "more than one YAML document: mcli reads exactly one run per file",
            "put each run in its own file",
        )
    },
)
