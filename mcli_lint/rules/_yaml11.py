"""YAML 1.1 coercion facts shared by the rules: where a plain scalar became a non-string that mcli
then hands on (MCL103, MCL108, MCL109, MCL110 and the fix that quotes it)."""

from __future__ import annotations

import datetime
import json
import math
from collections.abc import Iterator

from mcli_lint.diagnostics import Path
from mcli_lint.rules.base import Context
from mcli_lint.schema.errors import SchemaError

_COERCED = (bool, int, float, type(None), datetime.date)


def is_coerced(ctx: Context, error: SchemaError) -> bool:
    """A type error on a plain scalar that YAML typed, where a string was expected."""
    if error.keyword != "type" or not isinstance(error.instance, _COERCED):
        return False
    expected = error.expected if isinstance(error.expected, list) else [error.expected]
    if "string" not in expected or ctx.document is None:
        return False
    source = ctx.document.scalar(error.path)
    return source is not None and source.plain


def coerced_paths(ctx: Context) -> set[Path]:
    return {error.path for error in ctx.schema_errors if is_coerced(ctx, error)}


def keeps_text(written: str, value: object) -> bool:
    """Whether the typed value reads back as the very text written (``1``, ``true``, ``1.5``): the
    platform then gets the same characters, only typed; ``010``, ``yes``, ``1:30`` change them."""
    if isinstance(value, float) and not math.isfinite(value):
        return False
    return isinstance(value, (bool, int, float)) and json.dumps(value) == written


def coerced_scalars(ctx: Context) -> Iterator[tuple[SchemaError, str]]:
    """Each coerced-scalar error, with the scalar's text as written (MCL108 and MCL110 split them)."""
    for error in ctx.schema_errors:
        if is_coerced(ctx, error):
            assert ctx.document is not None
            source = ctx.document.scalar(error.path)
            yield error, source.text if source else ""
