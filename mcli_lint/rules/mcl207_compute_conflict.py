"""Compute fields that contradict each other.

## What it does
Reports, in `compute`: `gpus` that is not a multiple of `nodes`; a `node_names` list whose length
is not `nodes`; `gpus: 0` with a `gpu_type` other than `none`. It also reports a deprecated
top-level field (`cluster`, `gpu_type`, `gpu_num`, `cpus`) whose value differs from the `compute`
field that replaces it. Values that already failed a type or range check are left alone.

## Why is this bad?
The platform spreads GPUs evenly over nodes and refuses a request it cannot split; with two
different values for one setting, the run gets one of them — maybe not the one you meant.

## Example
```yaml
name: uneven
image: mosaicml/pytorch:latest
command: echo hi
compute:
  gpus: 12
  nodes: 8
```

Output of `mcli-lint check run.yaml`:
```text
run.yaml:5:9: MCL207 `compute.gpus` is 12, which is not a multiple of `compute.nodes` (8)
  help: every node gets the same number of GPUs: use a multiple of 8, e.g. 8 or 16
Found 1 error and 0 warnings in 1 file.
```

## Use instead
```yaml
name: even
image: mosaicml/pytorch:latest
command: echo hi
compute:
  gpus: 16
  nodes: 2
```
"""

from collections.abc import Iterator
from typing import Any

from mcli_lint.diagnostics import Finding, Path, Severity
from mcli_lint.rules._placeholders import is_placeholder
from mcli_lint.rules.base import Context, Rule
from mcli_lint.schema import deprecated_fields, properties_at
from mcli_lint.text import show_value


def _int(ctx: Context, path: Path) -> int | None:
    value = ctx.get(*path)
    if isinstance(value, int) and not isinstance(value, bool) and not ctx.failed(path):
        return value
    return None


def _typed(ctx: Context, path: Path, schema: dict[str, Any]) -> object:
    """The value at ``path`` when it has the schema's (integer or string) type and passed its checks."""
    value = ctx.get(*path)
    kind = schema.get("type")
    if value is None or ctx.failed(path):
        return None
    if kind == "integer" and isinstance(value, int) and not isinstance(value, bool):
        return value
    if kind == "string" and isinstance(value, str):
        return value
    return None


def _shape(ctx: Context, compute: dict[Any, Any]) -> Iterator[Finding]:
    gpus = _int(ctx, ("compute", "gpus"))
    nodes = _int(ctx, ("compute", "nodes"))
    if gpus is not None and nodes is not None and nodes > 0 and gpus % nodes:
        lower = gpus // nodes * nodes
        options = f"{lower} or {lower + nodes}" if lower else f"{nodes}"
        yield Finding(
            ("compute", "gpus"),
            f"`compute.gpus` is {gpus}, which is not a multiple of `compute.nodes` ({nodes})",
            f"every node gets the same number of GPUs: use a multiple of {nodes}, e.g. {options}",
        )
    names = compute.get("node_names")
    listed = names if isinstance(names, list) and not ctx.failed(("compute", "node_names")) else None
    if listed is not None and nodes is not None and len(listed) != nodes:
        yield Finding(
            ("compute", "node_names"),
            f"`compute.node_names` lists {len(listed)} node{'s' if len(listed) != 1 else ''}"
            f" but `compute.nodes` is {nodes}",
            f"list exactly one name per node, or set `nodes: {len(listed)}`",
        )
    gpu_type = compute.get("gpu_type")
    typed = isinstance(gpu_type, str) and not ctx.failed(("compute", "gpu_type"))
    if gpus == 0 and typed and str(gpu_type).lower() != "none":
        yield Finding(
            ("compute", "gpu_type"),
            f"`compute.gpu_type` is {show_value(gpu_type)} but `compute.gpus` is 0",
            "for a CPU-only run remove `gpu_type` (or write `gpu_type: none`); else set `gpus`",
        )


def _twins(ctx: Context) -> Iterator[Finding]:
    top = properties_at(())
    compute = properties_at(("compute",))
    for name, replacement in deprecated_fields().items():
        twin = tuple(replacement.split("."))
        old = _typed(ctx, (name,), top.get(name, {}))
        new = _typed(ctx, twin, compute.get(twin[-1], {}))
        if old is None or new is None or old == new or is_placeholder(old) or is_placeholder(new):
            continue  # a placeholder on either side is unfilled-placeholder's
        yield Finding(
            (name,),
            f"top-level `{name}` is {show_value(old)} but `{replacement}` is {show_value(new)}",
            f"remove the deprecated top-level `{name}` and keep the value you mean in `{replacement}`",
        )


def check(ctx: Context) -> Iterator[Finding]:
    compute = ctx.data.get("compute")
    if isinstance(compute, dict):
        yield from _shape(ctx, compute)
    yield from _twins(ctx)


RULE = Rule("MCL207", "compute-conflict", Severity.ERROR, check, __doc__)
