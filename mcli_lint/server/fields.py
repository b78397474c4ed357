"""The schema's word on a place in a run file: the fields a mapping takes, and what one field is."""

from __future__ import annotations

from typing import Any

from mcli_lint.schema import definition, integration_schemas, is_deprecated, resolve, run_schema

INTEGRATIONS = "integrations"


def _integration(kind: str | None) -> dict[str, Any]:
    """An integration item's schema: the common part, and the part of its type when it is known."""
    common = definition("integration")
    chosen = integration_schemas().get(kind or "")
    properties = {**common.get("properties", {}), **(chosen or {}).get("properties", {})}
    return {**common, "properties": properties}


def schema_at(path: tuple[str | int, ...], integration_type: str | None = None) -> dict[str, Any] | None:
    """The schema of the value at ``path``; ``integration_type`` is that of the integration on the path."""
    schema: dict[str, Any] = resolve(run_schema())
    for index, part in enumerate(path):
        if isinstance(part, int):
            items = schema.get("items")
            if not isinstance(items, dict):
                return None
            schema = resolve(items)
            if path[:index] == (INTEGRATIONS,):
                schema = _integration(integration_type)
            continue
        properties = schema.get("properties", {})
        if part not in properties:
            return None
        schema = resolve(properties[part])
    return schema


def fields_at(path: tuple[str | int, ...], integration_type: str | None = None) -> dict[str, dict[str, Any]]:
    """Field name -> schema, for the mapping at ``path`` (free-form mappings have none)."""
    schema = schema_at(path, integration_type)
    if schema is None:
        return {}
    return {name: resolve(spec) | _own(spec) for name, spec in schema.get("properties", {}).items()}


def _own(spec: dict[str, Any]) -> dict[str, Any]:
    """A property's own words (title, description) over those of the definition it refers to."""
    return {key: value for key, value in spec.items() if key != "$ref"}


def documentation(spec: dict[str, Any]) -> str:
    """A field's documentation as Markdown: its title, description, deprecation, default and allowed values."""
    parts = []
    if spec.get("title"):
        parts.append(f"**{spec['title']}**")
    described = spec.get("markdownDescription") or spec.get("description")
    if described:
        parts.append(str(described))
    if spec.get("x-deprecated") and "deprecated" not in str(described).lower():
        parts.append(f"*Deprecated:* {spec['x-deprecated']}")
    if "default" in spec:
        parts.append(f"Default: `{_yaml(spec['default'])}`")
    if "enum" in spec:
        parts.append("One of: " + ", ".join(f"`{_yaml(value)}`" for value in spec["enum"]))
    return "\n\n".join(parts)


def _yaml(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return "null" if value is None else str(value)


def deprecated(spec: dict[str, Any]) -> bool:
    return is_deprecated(spec)
