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


# Where editors (YAML 1.2 readers, with every schema violation an error) must accept more than
# mcli does, the schema's `type` is the editor's and `x-mcli-type` is mcli's: `LR: 1e-4` is the
# string "1e-4" to mcli but a number to yaml-language-server, and `LR: 0.5` is only a warning here.
MCLI_TYPE = "x-mcli-type"


def for_mcli(node: Any) -> Any:
    """The schema as mcli reads values: each ``type`` replaced by its ``x-mcli-type``, if any."""
    if isinstance(node, dict):
        narrowed = {key: for_mcli(value) for key, value in node.items() if key != MCLI_TYPE}
        if MCLI_TYPE in node:
            narrowed["type"] = node[MCLI_TYPE]
        return narrowed
    if isinstance(node, list):
        return [for_mcli(item) for item in node]
    return node


@functools.cache
def run_schema() -> dict[str, Any]:
    """The run schema as mcli reads values (see :data:`MCLI_TYPE`); ``mcli-lint schema`` prints the file."""
    loaded: dict[str, Any] = for_mcli(json.loads(schema_path().read_text(encoding="utf-8")))
    return loaded


def _strict_integer(_checker: object, instance: object) -> bool:
    # mcli's fields are Python ints: 8.0 is a float to it, whatever JSON Schema's draft 6+ says.
    return isinstance(instance, int) and not isinstance(instance, bool)


@functools.cache
def validator() -> Validator:
    """The reference validator (jsonschema), for detailed errors; imported only when needed."""
    # Lazy: jsonschema (about 80 ms measured) only for detailed errors; the generated validator decides.
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


def property_schema(path: tuple[object, ...]) -> dict[str, Any]:
    """The schema written for the field at a (mapping-key only) path, annotations kept; {} if none."""
    if not path or not all(isinstance(part, str) for part in path):
        return {}
    found: dict[str, Any] = properties_at(path[:-1]).get(str(path[-1]), {})
    return found


def null_means(path: tuple[object, ...]) -> str | None:
    """What mcli 0.8.3 does with a null at ``path``: "absent" (drops it) or "crash"; None if not said."""
    value = property_schema(path).get("x-null")
    return str(value) if value is not None else None


@functools.cache
def old_names() -> dict[str, str]:
    """Old top-level field names mcli 0.8.3 no longer reads -> the field to write instead."""
    names: dict[str, str] = run_schema().get("x-old-names", {})
    return names


@functools.cache
def top_level_fields() -> frozenset[str]:
    """Every top-level field name a run may hold, old names included."""
    return frozenset(run_schema()["properties"]) | frozenset(old_names())


@functools.cache
def dropped_by_mcli() -> dict[str, dict[str, str]]:
    """Top-level fields the platform documents but mosaicml-cli 0.8.3 drops -> ``effect``, ``instead``."""
    return {
        name: spec["x-dropped-by-mcli"]
        for name, spec in run_schema()["properties"].items()
        if "x-dropped-by-mcli" in spec
    }


@functools.cache
def integration_aliases() -> dict[str, str]:
    """Keys mcli accepts in place of an integration's own (``type`` for ``integration_type``)."""
    aliases: dict[str, str] = definition("integration").get("x-aliases", {})
    return aliases


def warn_only(path: tuple[object, ...], keyword: str) -> bool:
    """Whether a bound the schema gives at ``path`` is advice (the platform accepts the value)."""
    return keyword in property_schema(path).get("x-warn-only", [])


def integration_kind(item: object) -> object:
    """An integration item's type as mcli reads it: an alias (``type``) wins over ``integration_type``."""
    if not isinstance(item, dict):
        return None
    for alias, own in integration_aliases().items():
        if own == "integration_type" and alias in item:
            return item[alias]
    return item.get("integration_type")


def is_integration_type(path: tuple[object, ...]) -> bool:
    """Whether ``path`` is the type key of an integration (as written: ``integration_type`` or an alias)."""
    names = {"integration_type", *(a for a, own in integration_aliases().items() if own == "integration_type")}
    return len(path) == 3 and path[0] == "integrations" and path[2] in names


def expected_type(data: object, path: tuple[object, ...]) -> object:
    """The type the schema gives the value at ``path`` of ``data`` (an env variable's value, an
    integration's parameter, a field); None when the schema does not say."""
    if len(path) == 2 and path[0] == "env_variables" and isinstance(path[1], str):
        return "string"
    if len(path) == 3 and path[0] == "integrations" and isinstance(data, dict):
        items = data.get("integrations")
        index = path[1]
        if isinstance(items, list) and isinstance(index, int) and 0 <= index < len(items):
            kind = integration_kind(items[index])
            if isinstance(kind, str) and kind in integration_schemas():
                return integration_schemas()[kind].get("properties", {}).get(path[2], {}).get("type")
        return None
    return resolve(property_schema(path)).get("type")
