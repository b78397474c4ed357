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

Output of `mcli-lint check run.yaml`:
```text
run.yaml:1:1: MCL003 the top level is a list, not a mapping of run fields
  help: a run file is a mapping: `name:`, `image:`, `command:`, `compute:` …
Found 1 error and 0 warnings in 1 file.
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

from __future__ import annotations

from mcli_lint.loader import Kind, LoadProblem
from mcli_lint.rules.base import input_rule


def _not_a_mapping(problem: LoadProblem) -> tuple[str, str | None]:
    return (
        f"the top level is a {problem.fact('kind')}, not a mapping of run fields",
        "a run file is a mapping: `name:`, `image:`, `command:`, `compute:` …",
    )


RULE = input_rule(
    "MCL003",
    "not-a-mapping",
    __doc__,
    {
        Kind.EMPTY: lambda _: ("the file is empty", None),
        Kind.NULL_DOCUMENT: lambda _: ("the file is empty: its only document is null", None),
        Kind.NOT_A_MAPPING: _not_a_mapping,
    },
)
