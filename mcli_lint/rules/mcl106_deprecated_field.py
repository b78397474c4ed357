"""A deprecated way of writing a field.

## What it does
Reports the deprecated top-level `cluster`, `gpu_type`, `gpu_num` and `cpus` (saying which
`compute.*` field replaces each), and `env_variables` written as the legacy list of
`{key, value}` mappings (one diagnostic, whose help is the mapping to write instead).

## Why is this bad?
mcli still reads them but warns, and will stop reading them; `compute` is where the platform
looks first.

## Example
```yaml
name: old-style
image: mosaicml/pytorch:latest
command: echo hi
gpu_num: 8
```

Output of `mcli-lint check run.yaml`:
```text
run.yaml:4:1: MCL106 top-level `gpu_num` is deprecated; use `compute.gpus`
  help: move it under `compute:` as `gpus`
Found 0 errors and 1 warning in 1 file.
```

## Use instead
```yaml
name: new-style
image: mosaicml/pytorch:latest
command: echo hi
compute:
  gpus: 8
```

## Fix
`check --fix` rewrites only the lines concerned, and leaves alone a field an anchor shares with other
paths, or one `compute` already sets:

- safe: the list of `{key, value}` becomes the mapping mcli makes of it, one `NAME: value` line for
  each item, values as written (mcli sends the very same request);
- unsafe (`--unsafe-fixes`): a top-level `cluster`, `gpu_type`, `gpu_num` or `cpus` line moves under
  `compute:` as its new name, end-of-line comment included (a `compute:` is added when there is
  none). mcli then sends the field inside `compute` rather than at the top of the request.
"""

import re
from collections.abc import Iterator

from yaml.nodes import MappingNode, Node, SequenceNode

from mcli_lint.diagnostics import Applicability, Edit, Finding, Fix, Position, Severity
from mcli_lint.rules._fixes import line, local, one_line_entry
from mcli_lint.rules._layout import unindented
from mcli_lint.rules._moves import move_into_compute
from mcli_lint.rules.base import Context, Fixes, Rule
from mcli_lint.schema import deprecated_fields
from mcli_lint.text import escape, yaml_quote


def check(ctx: Context) -> Iterator[Finding]:
    moved = {key for keys in unindented(ctx).values() for key in keys}  # unknown-field says "indent"
    # A null is absent to mcli: no warning, nothing sent.
    found = [name for name in deprecated_fields() if ctx.data.get(name) is not None and name not in moved]
    for name in found:
        replacement = deprecated_fields()[name]
        yield Finding(
            (name,),
            f"top-level `{name}` is deprecated; use `{replacement}`",
            f"move it under `compute:` as `{replacement.split('.', 1)[1]}`",
            at_key=True,
            fix=move_fix(ctx, name, replacement.split(".", 1)[1], found),
        )
    env = ctx.data.get("env_variables")
    if isinstance(env, list):
        pairs = [f"{_flow(item.get('key'))}: {_flow(item.get('value'))}" for item in env[:3] if isinstance(item, dict)]
        example = "{" + ", ".join(pairs) + (", …" if len(env) > 3 else "") + "}"
        yield Finding(
            ("env_variables",),
            "`env_variables` is a list of {key, value}: mcli 0.8.3 turns it into a mapping, with a deprecation warning",
            f"write the mapping instead: `env_variables: {example}`" if pairs else "write a mapping of name to value",
            at_key=True,
            fix=env_mapping_fix(ctx),
        )


def _flow(value: object) -> str:
    """A value as it stands in a flow mapping, quoted unless it is plain text that reads back as itself."""
    text = value if isinstance(value, str) else "" if value is None else str(value)
    plain = text and all(c.isalnum() or c in "_-./" for c in text) and not text[0].isdigit() and text[0] not in "-."
    return escape(text) if plain and text.lower() not in _WORDS else yaml_quote(text)


# Plain words YAML 1.1 reads as something other than text.
_WORDS = frozenset({"yes", "no", "on", "off", "true", "false", "y", "n", "null", "~"})


# ----------------------------------------------------------------------------------------- the fixes

_DASH = re.compile(r"[ ]*-[ ]+")


def move_fix(ctx: Context, name: str, target: str, found: list[str]) -> Fix:
    """Move the top-level ``name: value`` line under `compute:` as ``target``; without `compute`,
    the first of them in the file makes it."""
    title = f"Move it under `compute:` as `{target}`"
    first = min(found, key=lambda other: _key_line(ctx, other))
    edits = move_into_compute(ctx, name, target, creates=first == name)
    changes = ((name,), ("compute", target) if isinstance(ctx.data.get("compute"), dict) else ("compute",))
    return Fix(title, edits or (), Applicability.UNSAFE, changes)


def _key_line(ctx: Context, name: str) -> int:
    assert ctx.document is not None
    return ctx.document.locate((name,), True).start.line


def env_mapping_fix(ctx: Context) -> Fix:
    """Each `- key: NAME` / `value: VALUE` item as one `NAME: VALUE` line."""
    edits = _env_mapping(ctx)
    title = "Write the mapping mcli makes of the list"
    return Fix(title, edits or (), Applicability.SAFE, (("env_variables",),))


def _env_mapping(ctx: Context) -> tuple[Edit, ...] | None:
    here = local(ctx, ("env_variables",))
    if here is None or not isinstance(here.node, SequenceNode):
        return None
    if here.node.flow_style:
        written = _empty_flow_list(ctx, here.node)
        return (Edit(written[0], written[1], "{}"),) if written is not None else None
    edits = [_item(ctx, item) for item in here.node.value]
    names = [edit[1] for edit in edits if edit is not None]
    if any(edit is None for edit in edits) or len(set(names)) != len(names):
        return None
    return tuple(edit[0] for edit in edits if edit is not None)


def _empty_flow_list(ctx: Context, node: SequenceNode) -> tuple[Position, Position] | None:
    """Where an empty flow list `[]` is written."""
    start = Position(node.start_mark.line + 1, node.start_mark.column + 1)
    end = Position(node.end_mark.line + 1, node.end_mark.column + 1)
    if node.value or start.line != end.line or line(ctx, start.line)[start.column - 1 : end.column - 1] != "[]":
        return None
    return start, end


def _item(ctx: Context, item: Node) -> tuple[Edit, str] | None:
    """One `{key, value}` item's lines rewritten as a mapping entry, and the name it writes."""
    if not isinstance(item, MappingNode) or item.flow_style or len(item.value) != 2:
        return None
    parts: dict[str, tuple[int, str, str]] = {}
    for key, value in item.value:
        entry = one_line_entry(ctx, key, value)
        if entry is None or key.style or key.value not in ("key", "value") or key.value in parts:
            return None
        parts[key.value] = entry
    first, last = sorted(entry[0] for entry in parts.values())
    dash = line(ctx, first)[: item.start_mark.column]
    name = parts["key"][1]
    if (
        last - first > 1
        or not _DASH.fullmatch(dash)
        or name in ("", "<<", "?", "-")
        or name.startswith(("&", "*", "!"))
    ):
        return None
    indent = max(len(dash) - len(dash.lstrip()), 2)
    comments = parts["key"][2] + parts["value"][2] if first == parts["key"][0] else parts["value"][2] + parts["key"][2]
    text = f"{' ' * indent}{name}: {parts['value'][1]}{comments}\n"
    return Edit(Position(first, 1), Position(last + 1, 1), text), name


RULE = Rule("MCL106", "deprecated-field", Severity.WARNING, check, __doc__, fixes=Fixes("sometimes", None))
