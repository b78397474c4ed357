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
"""

from collections.abc import Iterator

from mcli_lint.diagnostics import Finding, Severity
from mcli_lint.rules._layout import unindented
from mcli_lint.rules.base import Context, Rule
from mcli_lint.schema import deprecated_fields
from mcli_lint.text import escape, yaml_quote


def check(ctx: Context) -> Iterator[Finding]:
    moved = {key for keys in unindented(ctx).values() for key in keys}  # unknown-field says "indent"
    for name, replacement in deprecated_fields().items():
        if ctx.data.get(name) is not None and name not in moved:  # a null is absent to mcli: no warning, nothing sent
            yield Finding(
                (name,),
                f"top-level `{name}` is deprecated; use `{replacement}`",
                f"move it under `compute:` as `{replacement.split('.', 1)[1]}`",
                at_key=True,
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
        )


def _flow(value: object) -> str:
    """A value as it stands in a flow mapping, quoted unless it is plain text that reads back as itself."""
    text = value if isinstance(value, str) else "" if value is None else str(value)
    plain = text and all(c.isalnum() or c in "_-./" for c in text) and not text[0].isdigit() and text[0] not in "-."
    return escape(text) if plain and text.lower() not in _WORDS else yaml_quote(text)


# Plain words YAML 1.1 reads as something other than text.
_WORDS = frozenset({"yes", "no", "on", "off", "true", "false", "y", "n", "null", "~"})


RULE = Rule("MCL106", "deprecated-field", Severity.WARNING, check, __doc__)
