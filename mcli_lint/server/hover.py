"""Hover: a key's documentation from the schema, a problem's rule and fix, and what the clusters file
says of a cluster, instance, GPU type or node named at the cursor."""

from __future__ import annotations

from typing import TYPE_CHECKING

from lsprotocol import types

from mcli_lint.rules import BY_CODE
from mcli_lint.server import compute_values, fields, outline
from mcli_lint.server.diagnostics import rule_url

if TYPE_CHECKING:
    from mcli_lint.compute.clusters import Clusters
    from mcli_lint.server.actions import Target


def _problem(target: Target) -> str:

    ours = target.ours
    rule = BY_CODE[ours.code]
    lines = [f"**{ours.code}** [{rule.name}]({rule_url(ours.code, rule.name)}) ({rule.severity.value}): {rule.summary}"]
    lines.append(ours.message)
    if ours.help:
        lines.append(f"Fix: {ours.help}")
    if ours.fix is not None and ours.fix.available:
        command = "mcli-lint check --fix" + ("" if ours.fix.safe else " --unsafe-fixes")
        safety = "" if ours.fix.safe else " (unsafe: it changes what mcli sends)"
        lines.append(f"`{command}` (and the quick fix here) can fix this{safety}: {ours.fix.title}.")
    return "\n\n".join(lines)


def _contains(where: types.Range, position: types.Position) -> bool:
    start, end = (where.start.line, where.start.character), (where.end.line, where.end.character)
    return start <= (position.line, position.character) <= end


def hover(
    lines: list[str], position: types.Position, column: int, targets: list[Target], clusters: Clusters | None
) -> types.Hover | None:
    """``column`` is the cursor's code-point column in its line."""
    parts = [_problem(t) for t in targets if _contains(t.client.range, position)]
    context = outline.at(lines, position.line, column)
    kind = integration_type = None
    if context.parents[:1] == (fields.INTEGRATIONS,):
        integration_type = context.siblings.get("integration_type")
    if context.where == "key" and context.key is not None:
        spec = fields.fields_at(context.parents, integration_type).get(context.key)
        if spec is not None:
            parts.insert(0, fields.documentation(spec))
    elif context.where == "value" and context.key in compute_values.VALUE_FIELDS:
        kind = compute_values.VALUE_FIELDS[context.key]
    elif context.where == "value" and context.key is not None:
        spec = fields.fields_at(context.parents, integration_type).get(context.key) or {}
        value = outline.unquote(context.value)
        meanings = dict(zip(spec.get("enum", []), spec.get("enumDescriptions", []), strict=False))
        if value in meanings:
            parts.insert(0, f"`{value}`: {meanings[value]}")
    elif context.where == "item" and context.parents[-2:-1] == ("node_names",):
        kind = "node"
    if kind is not None and clusters is not None and context.parents[:1] in ((), ("compute",)):
        described = compute_values.describe(kind, outline.unquote(context.value), clusters)
        if described is not None:
            parts.append(described)
    if not parts:
        return None
    return types.Hover(types.MarkupContent(types.MarkupKind.Markdown, "\n\n---\n\n".join(parts)))
