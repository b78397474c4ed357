"""A node carries a tag mcli's safe loader refuses.

## What it does
Reports explicit tags other than YAML 1.1's standard ones (`!!str`, `!!int`, `!!map`, ...):
`!!python/object/apply:...`, CloudFormation's `!Ref`, any local `!tag`. Nothing is ever built from
such a node.

## Why is this bad?
mcli loads with `yaml.safe_load`, which stops at the first unknown tag; the run is not submitted.

## Example
```yaml
name: tagged
image: !Ref ImageName
command: echo hi
```

## Use instead
```yaml
name: untagged
image: mosaicml/pytorch:latest
command: echo hi
compute:
  gpus: 8
```
"""

from mcli_lint.diagnostics import Severity
from mcli_lint.rules.base import Rule, from_load

RULE = Rule("MCL007", "unsupported-tag", Severity.ERROR, from_load("MCL007"), __doc__, needs_data=False)
