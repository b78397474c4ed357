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

Output of `mcli-lint check run.yaml`:
```text
run.yaml:2:8: MCL007 tag !Ref is not one mcli's safe loader accepts
  help: remove the tag; run files hold plain data
Found 1 error and 0 warnings in 1 file.
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

from __future__ import annotations

from mcli_lint.loader import Kind, LoadProblem
from mcli_lint.rules.base import input_rule
from mcli_lint.text import escape


def _tag(problem: LoadProblem) -> tuple[str, str | None]:
    return (
        f"tag {escape(problem.fact('tag'))} is not one mcli's safe loader accepts",
        "remove the tag; run files hold plain data",
    )


RULE = input_rule("MCL007", "unsupported-tag", __doc__, {Kind.UNSUPPORTED_TAG: _tag})
