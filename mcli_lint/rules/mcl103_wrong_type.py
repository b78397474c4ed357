"""A value of the wrong type.

## What it does
Reports a value whose type is not the one the schema gives: `gpus: "8"` (a quoted number),
`integrations:` written as a mapping instead of a list, `preemptible: "true"` (a quoted boolean),
`compute: 8`. Unquoted scalars in string fields are reported by coerced-scalar (MCL108) instead.
Integer fields take integers only: `gpus: 8.0` is a float to mcli.

## Why is this bad?
mcli passes the value along as written and the platform rejects the run, or reads it in a way
you did not mean.

## Example
```yaml
name: wrong-type
image: mosaicml/pytorch:latest
command: echo hi
compute:
  gpus: "8"
```

Output of `mcli-lint check run.yaml`:
```text
run.yaml:5:9: MCL103 `compute.gpus` must be an integer, not a string ('8')
  help: remove the quotes: 8
Found 1 error and 0 warnings in 1 file.
```

## Use instead
```yaml
name: right-type
image: mosaicml/pytorch:latest
command: echo hi
compute:
  gpus: 8
```

## Fix
Unsafe: where the help says "remove the quotes" or "write N", `check --fix --unsafe-fixes` writes
that in place of the value (`gpus: "8"` becomes `gpus: 8`; `gpus: 8.0` becomes `gpus: 8`). It is
unsafe because mcli then sends a number where it sent a string (or a float).
"""

import re
from collections.abc import Iterator

from mcli_lint.diagnostics import Applicability, Finding, Fix, Severity
from mcli_lint.rules._fixes import edit_fix, plain_tag, replace_scalar
from mcli_lint.rules._placeholders import placeholder_text
from mcli_lint.rules._yaml11 import is_coerced
from mcli_lint.rules.base import Context, Fixes, Rule
from mcli_lint.schema import null_means
from mcli_lint.text import expected_types, field_name, show_value, value_kind

_UNQUOTE = {"integer": int, "number": float}
_DECIMAL = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")


def _replacement(expected: object, value: object) -> tuple[str, str] | None:
    """(the help, the text to write instead) when the value has a spelling of the right type."""
    kinds = expected if isinstance(expected, list) else [expected]
    if isinstance(value, str):
        stripped = value.strip()
        for kind in kinds:
            if kind in _UNQUOTE:
                try:
                    _UNQUOTE[str(kind)](stripped)
                except ValueError:
                    continue
                return f"remove the quotes: {stripped}", stripped
        if "boolean" in kinds and stripped.lower() in ("true", "false"):
            return f"remove the quotes: {stripped.lower()}", stripped.lower()
    if "integer" in kinds and isinstance(value, float) and value.is_integer():
        return f"write {int(value)}", str(int(value))
    return None


def _hint(expected: object, value: object) -> str | None:
    replacement = _replacement(expected, value)
    if replacement is not None:
        return replacement[0]
    kinds = expected if isinstance(expected, list) else [expected]
    if "array" in kinds and isinstance(value, dict):
        return "write a list: start each item with `- `"
    return None


def _fix(ctx: Context, path: tuple[object, ...], expected: object, value: object) -> Fix | None:
    """Write the value's spelling of the right type in its place, when YAML 1.1 reads it as meant."""
    replacement = _replacement(expected, value)
    if replacement is None or not _reads_as(replacement[1], expected):
        return None
    text = replacement[1]
    return edit_fix(f"Write {text}", replace_scalar(ctx, path, text), Applicability.UNSAFE, path)


def _reads_as(text: str, expected: object) -> bool:
    """Whether YAML 1.1 reads ``text``, written plain, as a value of the expected type (`010` is 8,
    `1e3` a string: those are not offered)."""
    tag = plain_tag(text)
    kinds = expected if isinstance(expected, list) else [expected]
    if tag == "tag:yaml.org,2002:bool":
        return "boolean" in kinds
    if tag == "tag:yaml.org,2002:int":  # decimal as written: `010`, `0x1F`, `1_000`, `1:30` read otherwise
        return ("integer" in kinds or "number" in kinds) and _DECIMAL.fullmatch(text) is not None
    return tag == "tag:yaml.org,2002:float" and "number" in kinds


def check(ctx: Context) -> Iterator[Finding]:
    for error in ctx.schema_errors:
        if error.keyword != "type" or is_coerced(ctx, error):
            continue
        if error.instance is None and null_means(error.path) == "crash":
            continue  # unencodable-value: mcli crashes on it
        if isinstance(error.instance, dict) and placeholder_text(error.instance) is not None:
            continue  # `{YOUR ENTITY HERE}`: unfilled-placeholder
        shown = show_value(error.instance) if error.instance is not None else ""
        actual = value_kind(error.instance) + (f" ({shown})" if shown else "")
        yield Finding(
            error.path,
            f"`{field_name(error.path)}` must be {expected_types(error.expected)}, not {actual}",
            _hint(error.expected, error.instance),
            fix=_fix(ctx, error.path, error.expected, error.instance),
        )


RULE = Rule("MCL103", "wrong-type", Severity.ERROR, check, __doc__, fixes=Fixes("sometimes", Applicability.UNSAFE))
