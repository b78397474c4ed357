"""The run schema: where it lives, its validator, and the facts the rules derive from it."""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from jsonschema.protocols import Validator

SCHEMA_FILE = "run.schema.json"


def schema_path(name: str = SCHEMA_FILE) -> Path:
    """The copy installed inside this package (the wheel puts it here), else the source checkout's
    top-level ``schema/``."""
    here = Path(__file__).resolve().parent
    packaged = here / name
    return packaged if packaged.is_file() else here.parent.parent / "schema" / name


@functools.cache
def run_schema() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(schema_path().read_text(encoding="utf-8"))
    return loaded


def _strict_integer(_checker: object, instance: object) -> bool:
    # mcli's fields are Python ints: 8.0 is a float to it, whatever JSON Schema's draft 6+ says.
    return isinstance(instance, int) and not isinstance(instance, bool)


@functools.cache
def validator() -> Validator:
    """The reference validator (jsonschema), for detailed errors; imported only when needed."""
    import jsonschema

    cls = jsonschema.Draft7Validator
    checker = cls.TYPE_CHECKER.redefine("integer", _strict_integer)
    strict = jsonschema.validators.extend(cls, type_checker=checker)  # type: ignore[no-untyped-call]
    return strict(run_schema())  # type: ignore[no-any-return]


def resolve(schema: dict[str, Any]) -> dict[str, Any]:
    """Follow a local ``$ref`` (``#/definitions/...``) to its target."""
    while "$ref" in schema:
        target: Any = run_schema()
        for part in schema["$ref"].lstrip("#/").split("/"):
            target = target[part]
        schema = target
    return schema


def definition(name: str) -> dict[str, Any]:
    found: dict[str, Any] = run_schema()["definitions"][name]
    return found


def properties_at(path: tuple[object, ...]) -> dict[str, Any]:
    """The properties the schema declares for the mapping at a (mapping-key only) path."""
    schema = resolve(run_schema())
    for part in path:
        schema = resolve(schema.get("properties", {}).get(part, {}))
    props: dict[str, Any] = schema.get("properties", {})
    return props


def integration_schemas() -> dict[str, dict[str, Any]]:
    """integration_type -> the schema of that integration."""
    result = {}
    for branch in definition("integration").get("allOf", []):
        kind = branch["if"]["properties"]["integration_type"]["const"]
        result[kind] = resolve(branch["then"])
    return result


def integration_types() -> list[str]:
    kinds: list[str] = definition("integration")["properties"]["integration_type"]["enum"]
    return kinds


def platform_env() -> frozenset[str]:
    return frozenset(definition("env_variables").get("x-platform-set", []))


def is_deprecated(spec: dict[str, Any]) -> bool:
    """A deprecated field: the schema gives it a deprecation message. Not the editors' `deprecationMessage`:
    yaml-language-server reports every schema warning as an error, and mcli accepts these fields."""
    return "x-deprecated" in spec


def deprecated_fields() -> dict[str, str]:
    """Deprecated top-level field -> the ``compute.*`` field that replaces it."""
    return {name: spec["x-replaced-by"] for name, spec in run_schema()["properties"].items() if "x-replaced-by" in spec}


def priorities() -> list[str]:
    """The priorities the platform knows: the enum branch of `scheduling.priority` (any other
    string is accepted, and falls back to `auto`)."""
    branches = properties_at(("scheduling",))["priority"]["anyOf"]
    values: list[str] = next(branch["enum"] for branch in branches if "enum" in branch)
    return values
