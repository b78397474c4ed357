"""The metadata is over the platform's size limits.

## What it does
Reports a `metadata` mapping with more than 200 keys, a key longer than 200 characters, or a
value whose compact JSON encoding is larger than 100 000 bytes (0.1 MB).

## Why is this bad?
The platform rejects the run at submission.

## Example
```yaml
name: huge-metadata
image: mosaicml/pytorch:latest
command: echo hi
compute:
  gpus: 8
metadata:
  ? "description_of_the_dataset_mixture_the_tokenizer_the_learning_rate_schedule_\\
    the_warmup_the_batch_size_the_sequence_length_the_optimizer_the_weight_decay_\\
    and_every_other_hyperparameter_of_this_run_which_belongs_in_parameters"
  : test
```

Output of `mcli-lint check run.yaml`:
```text
run.yaml:7:5: MCL206 `metadata` has a key of 223 characters; keys can be at most 200
  help: shorten the key to 200 characters or fewer
Found 1 error and 0 warnings in 1 file.
```

## Use instead
```yaml
name: small-metadata
image: mosaicml/pytorch:latest
command: echo hi
compute:
  gpus: 8
metadata:
  run_type: test
```
"""

import json
from collections.abc import Iterator
from typing import Any

from mcli_lint.diagnostics import Finding, Severity
from mcli_lint.rules.base import Context, Rule
from mcli_lint.text import field_name

MAX_KEYS = 200
MAX_KEY_LENGTH = 200
MAX_VALUE_BYTES = 100_000


def _string_keys(value: Any) -> Any:
    """``value`` with every mapping key made a string, as JSON needs."""
    if isinstance(value, dict):
        return {str(k): _string_keys(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_string_keys(v) for v in value]
    return value


def json_size(value: Any) -> int | None:
    """Bytes of the compact JSON encoding of ``value``; None when it has no encoding (a cycle)."""
    try:
        try:
            encoded = json.dumps(value, separators=(",", ":"), default=str)
        except TypeError:
            encoded = json.dumps(_string_keys(value), separators=(",", ":"), default=str)
    except (ValueError, TypeError, RecursionError):
        return None
    return len(encoded.encode("utf-8"))


def check(ctx: Context) -> Iterator[Finding]:
    metadata = ctx.data.get("metadata")
    if not isinstance(metadata, dict):
        return
    if len(metadata) > MAX_KEYS:
        yield Finding(
            ("metadata",),
            f"`metadata` has {len(metadata)} keys; the platform allows at most {MAX_KEYS}",
            "group related entries under fewer keys, or keep the data in `parameters` or a file",
            at_key=True,
        )
    for key, value in metadata.items():
        if isinstance(key, str) and len(key) > MAX_KEY_LENGTH:
            yield Finding(
                ("metadata", key),
                f"`metadata` has a key of {len(key)} characters; keys can be at most {MAX_KEY_LENGTH}",
                f"shorten the key to {MAX_KEY_LENGTH} characters or fewer",
                at_key=True,
            )
        size = json_size(value)
        if size is not None and size > MAX_VALUE_BYTES:
            name = field_name(("metadata", key))
            shown = name if len(name) <= 80 else name[:79] + "…"
            yield Finding(
                ("metadata", key),
                f"`{shown}` is {size} bytes as JSON; metadata values can be at most {MAX_VALUE_BYTES} bytes",
                "keep large data out of metadata: store it in a file or in `parameters`",
            )


RULE = Rule("MCL206", "metadata-limit", Severity.ERROR, check, __doc__)
