"""The file is empty, or its top level is not a mapping.

## What it does
Reports a file with no document (empty or only comments), a document that is null, and a top
level that is a list or a scalar.

## Why is this bad?
A run file is a mapping of run fields; mcli stops with an assertion error on anything else, and
reads an empty file as a run with no name, image or command.

## Example
```yaml
- name: a-list-is-not-a-run
  image: mosaicml/pytorch:latest
```

## Use instead
```yaml
name: a-run
image: mosaicml/pytorch:latest
command: echo hi
compute:
  gpus: 8
```
"""

from mcli_lint.diagnostics import Severity
from mcli_lint.rules.base import Rule, from_load

RULE = Rule("MCL003", "not-a-mapping", Severity.ERROR, from_load("MCL003"), __doc__, needs_data=False)
