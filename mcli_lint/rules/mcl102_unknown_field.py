"""A key the platform does not know.

## What it does
Reports an unknown key at the top level, in `compute`, in `scheduling`, in an integration of a
known type, or in `experiment_tracker` — with "did you mean" when a known key is close, and "is
required" when that key is a required field the mapping lacks (then missing-field, MCL101, stays
silent). `parameters` and `metadata` are free-form and never checked. Old field names get their
new name: `run_name` is now `name`, `platform` is now `compute.cluster`. A top-level
`experiment_tracker` is reported too: the platform documents it, but mosaicml-cli 0.8.3 does not
read it. Non-text keys are shown as written (`on`, not `true`). A section whose keys lost their
indentation (`compute:` and then `gpus: 8` at column 1) is one diagnostic, on the section: indent.

## Why is this bad?
mcli 0.8.3 drops unknown top-level keys, with only a warning on stderr, so the run silently
differs from the file: a misspelt `enviroment_variables:` runs without the variables, an old
`run_name:` runs without its name, and `experiment_tracker:` runs without tracking. Unknown keys
in `compute` and `scheduling` get a warning from mcli and no effect on the run.

## Example
```yaml
name: typo
image: mosaicml/pytorch:latest
command: echo hi
compute:
  gpu: 8
```

Output of `mcli-lint check run.yaml`:
```text
run.yaml:5:3: MCL102 unknown field `gpu` in `compute`; did you mean `gpus`?
  help: rename it to `gpus`
Found 1 error and 0 warnings in 1 file.
```

## Use instead
```yaml
name: no-typo
image: mosaicml/pytorch:latest
command: echo hi
compute:
  gpus: 8
```

## Fix
Unsafe: `check --fix --unsafe-fixes` renames the key in place when there is one answer: the
"did you mean" field (a misspelt key becomes `cluster`) or an old field's new name (`run_name` becomes `name`),
and only when the mapping does not have that field already; an old name of a `compute` field
(`platform`) moves under `compute:` as that field. It is unsafe because mcli then reads a field it
dropped before.
"""

from collections.abc import Iterator
from typing import Any

from mcli_lint.diagnostics import Applicability, Finding, Fix, Severity
from mcli_lint.rules._fixes import edit_fix, replace_scalar
from mcli_lint.rules._layout import unindented
from mcli_lint.rules._moves import move_into_compute
from mcli_lint.rules.base import Context, Fixes, Rule
from mcli_lint.schema import deprecated_fields, dropped_by_mcli, integration_kind, old_names
from mcli_lint.text import did_you_mean, escape, field_name, name_lookalikes, spell, yaml_quote, yaml_scalar

_WHAT_MCLI_DOES: dict[tuple[object, ...], str] = {
    (): "mcli drops it",
    ("compute",): "mcli warns and it has no effect",
    ("scheduling",): "mcli warns and it has no effect",
}


def check(ctx: Context) -> Iterator[Finding]:
    lost = unindented(ctx)
    for section, keys in lost.items():
        listed = ", ".join(f"`{escape(k)}`" for k in keys)
        yield Finding(
            (section,),
            f"`{section}:` is empty, and {listed} below it {'is' if len(keys) == 1 else 'are'} at the top level:"
            f" indent {'it' if len(keys) == 1 else 'them'} under `{section}:`",
            f"indent the line{'s' if len(keys) > 1 else ''} below `{section}:` by two spaces",
            at_key=True,
        )
    moved = {key for keys in lost.values() for key in keys}
    for error in ctx.schema_errors:
        if error.keyword != "additionalProperties" or (not error.path and error.key in moved):
            continue
        if not isinstance(error.key, str) and error.path not in _WHAT_MCLI_DOES:
            continue  # unencodable-value: a key JSON turns into text, or mcli crashes on
        yield _unknown(ctx, error.path, error.key, error.instance, error.schema)
    for name, what in dropped_by_mcli().items():
        if name in ctx.data:
            message = f"`{name}` is not read by mosaicml-cli 0.8.3: {what['effect']}"
            yield Finding((name,), message, what["instead"], at_key=True)


def _unknown(ctx: Context, path: tuple[object, ...], key: object, instance: Any, schema: dict[str, Any]) -> Finding:
    source = ctx.document.key_scalar((*path, key)) if ctx.document is not None else None
    written = spell(source.text if source is not None else str(key))
    where = f"in `{field_name(path)}`" if path else "at the top level"
    known = [k for k in schema.get("properties", {}) if not k.startswith("_")]
    integration = integration_kind(instance) if len(path) == 2 else None
    if path[:1] == ("integrations",) and isinstance(integration, str):
        where = f"in the {integration} integration"
        known = [k for k in known if k != "integration_type"]
    consequence = _WHAT_MCLI_DOES.get(path)
    renamed = old_names().get(key) if not path and isinstance(key, str) else None
    if renamed is not None:
        moved = isinstance(key, str) and renamed.startswith("compute.")
        return Finding(
            (*path, key),
            f"`{written}` is the old name of `{renamed}`: mcli 0.8.3 drops it, so the run is submitted without it",
            f"write it as `{renamed}`",
            at_key=True,
            fix=_move(ctx, str(key), renamed) if moved else _rename(ctx, path, key, renamed, instance),
        )
    if not isinstance(key, str):
        return Finding(
            (*path, key),
            f"unknown field `{written}` {where}: YAML 1.1 reads this key as {yaml_scalar(key)}, and mcli 0.8.3"
            " crashes (TypeError) on a key that is not text",
            f"remove it, or quote it: {yaml_quote(written)}",
            at_key=True,
        )
    suggestion = did_you_mean(key, known)
    message = f"unknown field `{written}`{name_lookalikes(str(key))} {where}"
    if suggestion is not None:
        message += f"; did you mean `{suggestion}`?"
        if suggestion in schema.get("required", []) and suggestion not in instance:
            message += f" `{suggestion}` is required"
    elif consequence is not None:
        message += f"; {consequence}"
    help_text = f"known fields: {', '.join(known)}" if suggestion is None else f"rename it to `{suggestion}`"
    fix = _rename(ctx, path, key, suggestion, instance) if suggestion is not None else None
    return Finding((*path, key), message, help_text, at_key=True, fix=fix)


def _move(ctx: Context, key: str, new: str) -> Fix | None:
    """Move an old top-level field under `compute:` as its new name (`platform: r1z1` becomes
    `compute.cluster`); a `compute:` is made when there is none and no deprecated field makes it."""
    target = new.split(".", 1)[1]
    data = ctx.data.get("compute")
    if "." in target or ctx.data.get(key) is None or (isinstance(data, dict) and target in data):
        return None
    creates = not any(ctx.data.get(name) is not None for name in deprecated_fields())
    edits = move_into_compute(ctx, key, target, creates)
    changes = ((key,), ("compute", target) if isinstance(data, dict) else ("compute",))
    return Fix(f"Move it under `compute:` as `{target}`", edits or (), Applicability.UNSAFE, changes)


def _rename(ctx: Context, path: tuple[object, ...], key: object, new: str, instance: Any) -> Fix | None:
    """Write the key as ``new``, unless the mapping has that key already."""
    if not isinstance(instance, dict) or new in instance or "." in new:
        return None
    edit = replace_scalar(ctx, (*path, key), new, at_key=True)
    return edit_fix(f"Rename it to `{new}`", edit, Applicability.UNSAFE, (*path, key), (*path, new))


RULE = Rule("MCL102", "unknown-field", Severity.ERROR, check, __doc__, fixes=Fixes("sometimes", Applicability.UNSAFE))
