"""Schema validation of loaded data, as plain records the rules can read.

jsonschema's errors are flattened here once: ``anyOf`` is resolved to the branch whose type
matches, missing and unknown keys become one record each, and repeats are dropped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from mcli_lint.diagnostics import Path
from mcli_lint.schema import _validator as _schema_validator
from mcli_lint.schema import resolve, validator

if TYPE_CHECKING:
    from jsonschema.exceptions import ValidationError


@dataclass(frozen=True)
class SchemaError:
    keyword: str
    # The value at fault; for ``required`` and ``additionalProperties``, the mapping holding the key.
    path: Path
    instance: Any
    schema: dict[str, Any]
    expected: Any
    # The missing or unknown key, for ``required`` and ``additionalProperties``.
    key: object = None


def is_valid(data: Any) -> bool:
    """The fast answer, from the compiled schema."""
    try:
        _schema_validator.validate(data)  # type: ignore[no-untyped-call]
    except _schema_validator.SchemaViolation:
        return False
    return True


def schema_errors(data: Any) -> list[SchemaError]:
    if is_valid(data):
        return []
    return detailed_errors(data)


def detailed_errors(data: Any) -> list[SchemaError]:
    """Every error, from the reference validator (jsonschema)."""
    seen: set[tuple[str, Path, object]] = set()
    result = []
    for error in _flatten(validator().iter_errors(data)):
        ident = (error.keyword, error.path, error.key)
        if ident not in seen:
            seen.add(ident)
            result.append(error)
    # One finding per fault: a value of the wrong type is not also out of range or not in an enum.
    mistyped = {e.path for e in result if e.keyword == "type"}
    return [e for e in result if e.keyword == "type" or e.path not in mistyped]


def _flatten(errors: Iterable[ValidationError]) -> Iterator[SchemaError]:
    for error in errors:
        path = tuple(error.absolute_path)
        keyword = str(error.validator)
        schema: dict[str, Any] = error.schema if isinstance(error.schema, dict) else {}
        expected: Any = error.validator_value
        if keyword in ("anyOf", "oneOf"):
            yield from _branch(error, path)
        elif keyword == "required":
            for key in expected:
                if isinstance(error.instance, dict) and key not in error.instance:
                    yield SchemaError(keyword, path, error.instance, schema, expected, key)
        elif keyword == "additionalProperties":
            for key in _unknown_keys(error.instance, schema):
                yield SchemaError(keyword, path, error.instance, schema, expected, key)
        else:
            yield SchemaError(keyword, path, error.instance, schema, expected)


def _unknown_keys(instance: Any, schema: dict[str, Any]) -> list[object]:
    declared = schema.get("properties", {})
    patterns = [re.compile(p) for p in schema.get("patternProperties", {})]
    return [
        key
        for key in instance
        if key not in declared and not (isinstance(key, str) and any(p.search(key) for p in patterns))
    ]


def _branch(error: ValidationError, path: Path) -> Iterator[SchemaError]:
    """The errors of the one branch whose type fits the value; else a type error naming them all."""
    by_branch: dict[int, list[ValidationError]] = {}
    for sub in error.context or []:
        by_branch.setdefault(int(sub.relative_schema_path[0]), []).append(sub)
    fitting = [
        errors
        for errors in by_branch.values()
        if not any(e.validator == "type" and tuple(e.absolute_path) == path for e in errors)
    ]
    if len(fitting) == 1:
        yield from _flatten(fitting[0])
        return
    types: list[str] = []
    branches: Any = error.validator_value
    for branch in branches:
        kind = resolve(branch).get("type")
        types.extend(kind if isinstance(kind, list) else [kind] if kind else [])
    schema = error.schema if isinstance(error.schema, dict) else {}
    yield SchemaError("type", path, error.instance, schema, types)
