"""`mcli-lint rules` and `mcli-lint rule CODE`: the registry as a table, as JSON, one rule's page."""

from __future__ import annotations

import json
from collections.abc import Sequence

from mcli_lint.rules.base import Rule

__all__ = ["fix_sentence", "page", "table", "table_json"]


def fix_sentence(rule: Rule) -> str:
    """ruff's words: "Fix is sometimes available (unsafe)." / "Fix is not available."."""
    return rule.fixes.sentence if rule.fixes is not None else "Fix is not available."


def table(rules: Sequence[Rule]) -> str:
    """One line a rule: code, name, severity, its fixes' safety (`-`: none), summary."""
    return "".join(
        f"{r.code}  {r.name:<26} {r.severity.value:<8} {r.fix_safety or '-':<7} {r.summary}\n" for r in rules
    )


def table_json(rules: Sequence[Rule]) -> str:
    """A list of {code, name, severity, fixable ("always", "sometimes", "never"), fix_safety ("safe",
    "unsafe", "mixed", or null), summary}."""
    rows = [
        {
            "code": r.code,
            "name": r.name,
            "severity": r.severity.value,
            "fixable": r.fixable,
            "fix_safety": r.fix_safety,
            "summary": r.summary,
        }
        for r in rules
    ]
    return json.dumps(rows, indent=2) + "\n"


def page(rule: Rule) -> str:
    """What `mcli-lint rule CODE` prints: a heading, the rule's documentation, whether it fixes."""
    return f"# {rule.code} {rule.name} ({rule.severity.value})\n\n{rule.doc.strip()}\n\n{fix_sentence(rule)}\n"
