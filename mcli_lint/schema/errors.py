"""Schema validation of loaded data, as plain records the rules can read.

jsonschema's errors are flattened here once: ``anyOf`` is resolved to the branch whose type
matches, missing and unknown keys become one record each, and repeats are dropped.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from mcli_lint.diagnostics import Path
from mcli_lint.schema import _validator as _schema_validator
from mcli_lint.schema import integration_aliases, null_means, resolve, validator

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
    """The errors of the data as mcli 0.8.3 reads it: nulls it drops are absent, aliases renamed."""
    view, aliased = as_mcli_reads(data)
    if is_valid(view):
        return []
    errors = detailed_errors(view)
    return [_alias_back(e, aliased) for e in errors] if aliased else errors


# The mappings whose null values mcli drops (their fields say ``x-null: absent`` in the schema).
_NULLS_DROPPED = frozenset({"compute", "scheduling"})


def as_mcli_reads(data: Any) -> tuple[Any, dict[Path, str]]:
    """The data with the nulls mcli drops removed and integration aliases (``type``) renamed, and
    where each alias stood. The data itself when there is nothing to change (the common case)."""
    if not isinstance(data, dict):
        return data, {}
    view = data
    if any(v is None or (isinstance(v, dict) and k in _NULLS_DROPPED and None in v.values()) for k, v in data.items()):
        view = {k: _drop_nulls((k,), v) for k, v in data.items() if not (v is None and null_means((k,)) == "absent")}
    aliased: dict[Path, str] = {}
    integrations = view.get("integrations")
    if isinstance(integrations, list) and any(isinstance(i, dict) and _has_alias(i) for i in integrations):
        renamed = []
        for index, item in enumerate(integrations):
            if isinstance(item, dict) and _has_alias(item):
                item, spelled = _rename(item)
                aliased.update({("integrations", index, own): alias for own, alias in spelled.items()})
            renamed.append(item)
        view = {**view, "integrations": renamed}
    return view, aliased


def _drop_nulls(path: Path, value: Any) -> Any:
    if not isinstance(value, dict) or not any(v is None for v in value.values()):
        return value
    return {k: v for k, v in value.items() if not (v is None and null_means((*path, k)) == "absent")}


def _has_alias(item: dict[Any, Any]) -> bool:
    return any(alias in item for alias in integration_aliases())


def _rename(item: dict[Any, Any]) -> tuple[dict[Any, Any], dict[str, str]]:
    """An integration with each alias under its own key; the alias wins when both are written."""
    spelled = {own: alias for alias, own in integration_aliases().items() if alias in item}
    renamed = {k: v for k, v in item.items() if k not in spelled and k not in spelled.values()}
    for own, alias in spelled.items():
        renamed[own] = item[alias]
    return renamed, spelled


def _alias_back(error: SchemaError, aliased: dict[Path, str]) -> SchemaError:
    spelled = aliased.get(error.path)
    if spelled is None:
        return error
    return dataclasses.replace(error, path=(*error.path[:-1], spelled))


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
