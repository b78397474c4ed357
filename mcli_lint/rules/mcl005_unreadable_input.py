"""The input cannot be read as a run file.

## What it does
Reports a path that does not exist, is not a regular file (a directory, a FIFO, a device: none
is ever opened for a blocking read), cannot be read, is over the size limit (10 MiB by default,
`max-file-size` in `[tool.mcli-lint]`), or is not UTF-8 text: UTF-16, invalid UTF-8, NUL bytes
and characters YAML forbids. A UTF-8 byte-order mark is fine.

## Why is this bad?
mcli opens the file as UTF-8 text; anything else fails before the run is built.
"""

from mcli_lint.diagnostics import Severity
from mcli_lint.rules.base import Rule, from_load

RULE = Rule("MCL005", "unreadable-input", Severity.ERROR, from_load("MCL005"), __doc__, needs_data=False)
