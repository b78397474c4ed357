"""The canonical key order read from the run schema: which mappings it orders, and in which order.

- Top level: the schema's current (not deprecated) fields in the schema's order, then every other key.
- A collection the schema describes (``compute``, ``scheduling``, ``experiment_tracker``...): its
  ``properties`` in order; a mapping whose fields depend on one field's value (an integration on its
  ``integration_type``): that field first, then the chosen branch's fields.
- User content (``parameters``, ``metadata``, anything free-form) has no order: the author's is kept.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any

from mcli_lint import schema

__all__ = ["branch", "structured", "top_level_order", "variant"]

Spec = dict[str, Any]


@functools.cache
def top_level_order() -> tuple[str, ...]:
    return tuple(name for name, spec in schema.run_schema()["properties"].items() if not schema.is_deprecated(spec))


def branch(spec: Spec, kind: str) -> Spec:
    """The ``anyOf`` branch that describes a collection of ``kind`` ("map" or "seq"): env_variables is either."""
    spec = schema.resolve(spec)
    wanted = {"map": "object", "seq": "array"}.get(kind)
    for option in spec.get("anyOf", []):
        option = schema.resolve(option)
        if wanted is not None and option.get("type") == wanted:
            return option
    return spec


def structured(spec: Spec) -> bool:
    """Whether the schema describes the collection's shape (else it is the user's free-form content)."""
    return bool(spec.get("properties")) or isinstance(spec.get("additionalProperties"), dict) or "items" in spec


def variant(spec: Spec, values: Mapping[str | None, str | None]) -> tuple[Spec, list[str] | None]:
    """For a schema whose fields depend on one field's value (`allOf` of `if: {properties: {F: {const}}}`,
    `then:` ...): the chosen branch's schema and its order, that field first. ``values`` maps each key
    name to its value when both are strings. Without a matching branch: the schema, and no order."""
    for option in spec.get("allOf", []):
        for name, test in option.get("if", {}).get("properties", {}).items():
            if "const" in test and values.get(name) == test["const"]:
                chosen = schema.resolve(option["then"])
                return chosen, [name, *(other for other in chosen.get("properties", {}) if other != name)]
    return spec, None
