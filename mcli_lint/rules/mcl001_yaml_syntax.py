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

## Use instead
```yaml
name: fixed
image: mosaicml/pytorch:latest
command: echo hi
compute:
  gpus: 8
```
"""

from mcli_lint.diagnostics import Severity
from mcli_lint.rules.base import Rule, from_load

RULE = Rule("MCL001", "yaml-syntax", Severity.ERROR, from_load("MCL001"), __doc__, needs_data=False)
