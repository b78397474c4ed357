"""Layout mistakes the rules share: a section whose keys lost their indentation."""

from __future__ import annotations

from mcli_lint.rules.base import Context
from mcli_lint.schema import properties_at

# Sections whose own keys are known (their keys must be the section's fields) and free-form ones.
_FIELDED = ("compute", "scheduling", "experiment_tracker")
_FREE = ("env_variables", "parameters", "metadata", "dependent_deployment")


def unindented(ctx: Context) -> dict[str, list[str]]:
    """Empty top-level sections -> the keys right below them, written at the top level, that belong
    in them (`compute:` then `gpus: 8` at column 1)."""
    if not any(ctx.data.get(name, 0) is None for name in (*_FIELDED, *_FREE)):
        return {}
    top = properties_at(())
    found: dict[str, list[str]] = {}
    section: str | None = None
    for key, value in ctx.data.items():
        if section is not None and isinstance(key, str) and _belongs(key, section, top):
            found.setdefault(section, []).append(key)
            continue
        section = key if isinstance(key, str) and key in (*_FIELDED, *_FREE) and value is None else None
    return found


def _belongs(key: str, section: str, top: dict[str, object]) -> bool:
    if section in _FIELDED:
        return key in properties_at((section,))
    return key not in top
