"""A value or key that mcli 0.8.3 crashes on, or cannot send as JSON.

## What it does
Reports, in every part of the file mcli sends: a date or timestamp (value or key), `!!binary`
data, a `!!set`, a number JSON cannot write (`.nan`, `.inf`, `-.inf`, `1.0e+999`), a key that
YAML 1.1 reads as something other than text in `parameters`, `metadata`, `dependent_deployment`
or an integration (`on:`, `1:`, `2024-01-05:`), and a null `integrations`, `env_variables` or
`parameters`. Keys of that kind at the top level, in `compute` or in `scheduling` are
unknown-field (MCL102). Unquoted dates in string fields are coerced-scalar (MCL108).

## Why is this bad?
mcli 0.8.3 turns the run into JSON before sending it. Dates, binary data and sets stop it with a
TypeError; NaN and infinity come out as `NaN`/`Infinity`, which are not JSON, so the platform
cannot read the request; a key `1` is sent as the text `"1"` (and a key `on` as `"true"`),
colliding with a key already written that way; and a null `integrations`, `env_variables` or
`parameters` makes mcli crash before sending anything.

## Example
```yaml
name: dated
image: mosaicml/pytorch:latest
command: echo hi
compute:
  gpus: 8
parameters:
  data_snapshot: 2024-01-05
```

Output of `mcli-lint check run.yaml`:
```text
run.yaml:7:18: MCL111 `parameters.data_snapshot` is a date: mcli 0.8.3 crashes (TypeError) turning the run into JSON
  help: quote it to send the text: "2024-01-05"
Found 1 error and 0 warnings in 1 file.
```

## Use instead
```yaml
name: dated
image: mosaicml/pytorch:latest
command: echo hi
compute:
  gpus: 8
parameters:
  data_snapshot: "2024-01-05"
```
"""

import datetime
import json
import math
from collections.abc import Iterator

from mcli_lint.diagnostics import Finding, Path, Severity
from mcli_lint.rules._layout import unindented
from mcli_lint.rules._yaml11 import coerced_paths
from mcli_lint.rules.base import Context, Rule
from mcli_lint.schema import dropped_by_mcli, null_means, properties_at
from mcli_lint.text import escape, field_name, value_kind, yaml_quote, yaml_scalar

# Where non-text keys are unknown-field's (mcli crashes in its unknown-key warning there).
# Environment variable names are env-name's (MCL204).
_KEYS_ELSEWHERE: frozenset[Path] = frozenset({(), ("compute",), ("scheduling",), ("env_variables",)})


def check(ctx: Context) -> Iterator[Finding]:
    lost = unindented(ctx)  # unknown-field says "indent" for a section whose keys lost it
    for name, value in ctx.data.items():
        if value is None and null_means((name,)) == "crash" and name not in lost:
            yield Finding(
                (name,),
                f"`{escape(str(name))}` is empty (null): mcli 0.8.3 crashes on it (TypeError) before sending the run",
                "remove the line, or write `[]`" if name == "integrations" else "remove the line, or write `{}`",
                at_key=True,
            )
    skip = coerced_paths(ctx)
    sent = [k for k in ctx.data if isinstance(k, str) and k in properties_at(()) and k not in dropped_by_mcli()]
    for name in sent:
        if _suspect(ctx.data[name]):
            yield from _walk(ctx, (name,), ctx.data[name], skip)


def _suspect(value: object) -> bool:
    """Whether anything below ``value`` may be unsendable: the cheap pass made on every file."""
    stack = [value]
    while stack:
        item = stack.pop()
        kind = type(item)
        if kind is dict:
            assert isinstance(item, dict)
            for key in item:
                if type(key) is not str:
                    return True
            stack.extend(item.values())
        elif kind is list:
            assert isinstance(item, list)
            stack.extend(item)
        elif kind is float:
            assert isinstance(item, float)
            if not math.isfinite(item):
                return True
        elif not (kind is str or kind is int or kind is bool or item is None):
            return True
    return False


def _walk(ctx: Context, path: Path, value: object, skip: set[Path]) -> Iterator[Finding]:
    if isinstance(value, dict):
        if path not in _KEYS_ELSEWHERE and not all(isinstance(k, str) for k in value):
            yield from _keys(ctx, path, value)
        for key, item in value.items():
            yield from _walk(ctx, (*path, key), item, skip)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _walk(ctx, (*path, index), item, skip)
    elif isinstance(value, _UNSENDABLE) and path not in skip:
        finding = _value(path, value, ctx)
        if finding is not None:
            yield finding


# Scalars JSON cannot carry (floats only when not finite): the one test made on every value.
_UNSENDABLE = (datetime.date, bytes, set, frozenset, float)


def _value(path: Path, value: object, ctx: Context) -> Finding | None:
    if isinstance(value, float) and math.isfinite(value):
        return None
    name = field_name(path)
    written = _written(ctx, path, at_key=False)
    if isinstance(value, (datetime.date, bytes, set, frozenset)):
        return Finding(
            path,
            f"`{name}` is {value_kind(value)}: mcli 0.8.3 crashes (TypeError) turning the run into JSON",
            f"quote it to send the text: {yaml_quote(written)}" if written else "write text, a number or a list",
        )
    if isinstance(value, float) and not math.isfinite(value):
        return Finding(
            path,
            f"`{name}` is {yaml_scalar(value)}: JSON has no NaN or infinity, so mcli 0.8.3 sends a request"
            " the platform cannot read",
            f"write a finite number, or quote it to send the text: {yaml_quote(written or yaml_scalar(value))}",
        )
    return None


def _keys(ctx: Context, path: Path, mapping: dict[object, object]) -> Iterator[Finding]:
    sent = [_as_text(k) for k in mapping if _jsonable_key(k)]
    where = f"in `{field_name(path)}`"
    for key in mapping:
        if isinstance(key, str):
            continue
        written = _written(ctx, (*path, key), at_key=True) or yaml_scalar(key)
        if not _jsonable_key(key) or _renamed_by_mcli(path):
            message = f"the key `{escape(written)}` {where} is {value_kind(key)}: mcli 0.8.3 crashes on it"
        else:
            text = _as_text(key)
            message = f"the key `{escape(written)}` {where} is read by YAML 1.1 as {value_kind(key)}; JSON sends it"
            message += f' as the text "{escape(text)}"'
            if sent.count(text) > 1:
                message += ", the same as another key: one of them is lost"
        yield Finding((*path, key), message, f"quote the key: {yaml_quote(written)}", at_key=True)


def _renamed_by_mcli(path: Path) -> bool:
    """Mappings whose keys mcli turns into camelCase: it crashes on a key that is not text."""
    if path[:1] == ("integrations",):
        return len(path) == 2
    return path == ("dependent_deployment",) or (len(path) == 2 and path[0] == "dependent_deployment")


def _as_text(key: object) -> str:
    """A mapping key as JSON writes it."""
    return key if isinstance(key, str) else json.dumps(key)


def _jsonable_key(key: object) -> bool:
    # Python's JSON encoder writes these keys as text; any other kind stops it.
    return key is None or isinstance(key, (str, int, float, bool))


def _written(ctx: Context, path: Path, at_key: bool) -> str:
    if ctx.document is None:
        return ""
    source = ctx.document.key_scalar(path) if at_key else ctx.document.scalar(path)
    return source.text if source is not None and source.plain else ""


RULE = Rule("MCL111", "unencodable-value", Severity.ERROR, check, __doc__)
