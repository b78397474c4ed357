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

## Use instead
```yaml
name: first
image: mosaicml/pytorch:latest
command: echo one
compute:
  gpus: 8
```
"""

from mcli_lint.diagnostics import Severity
from mcli_lint.rules.base import Rule, from_load

RULE = Rule("MCL004", "multiple-documents", Severity.ERROR, from_load("MCL004"), __doc__, needs_data=False)
