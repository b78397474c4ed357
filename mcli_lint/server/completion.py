"""Completion: the fields a mapping still lacks, allowed values, integration snippets where an item starts,
the "New run" snippet in an empty file, names from the clusters file, and the variables mcli sets."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from lsprotocol import types

from mcli_lint.schema import definition, platform_env, run_schema
from mcli_lint.server import compute_values, fields, outline
from mcli_lint.server.positions import units

if TYPE_CHECKING:
    from mcli_lint.compute.clusters import Clusters


def complete(
    lines: list[str], line: int, column: int, encoding: str, clusters: Clusters | None
) -> list[types.CompletionItem]:
    """``column`` is the cursor's code-point column in its line."""
    context = outline.at(lines, line, column)
    text = lines[line] if line < len(lines) else ""
    start = column - len(context.prefix)
    replace = types.Range(
        types.Position(line, units(text[:start], encoding)), types.Position(line, units(text[:column], encoding))
    )
    integration_type = (
        context.siblings.get("integration_type") if context.parents[:1] == (fields.INTEGRATIONS,) else None
    )
    if context.block or (context.where == "value" and context.key == "command"):
        return _platform_env(context.prefix, replace) if "$" in context.prefix else []
    if context.where == "value" and context.key is not None:
        return _values(context, integration_type, clusters, replace)
    if context.where == "item":
        owner = fields.schema_at(context.parents[:-1])
        if owner is not None and owner.get("type") == "array" and (owner.get("items") or {}).get("type") == "string":
            if context.parents[-2:-1] != ("node_names",) or context.owner_line is None:
                return []
            # The cluster the nodes are in is named beside `node_names:`, in the mapping that owns it.
            around = outline.at(lines, context.owner_line, len(lines[context.owner_line]))
            return _named("node", around, clusters, replace)
        if context.parents[:1] == (fields.INTEGRATIONS,) and len(context.parents) == 2 and context.item_start:
            return _integration_snippets(column, replace)
    if context.where in ("new", "key", "item"):
        items = _keys(context, integration_type, replace)
        if not context.parents and not context.siblings and _empty(lines, line):
            items.insert(0, _new_run(replace))
        return items
    return []


def _insert(name: str, spec: dict[str, Any], indent: int) -> str:
    """The key, and where its value goes: after it, or on the next line for a mapping or a list."""
    below = "\n" + " " * (indent + 2)
    if spec.get("type") == "object" and spec.get("properties"):
        return f"{name}:{below}"
    if spec.get("type") == "array":
        return f"{name}:{below}- "
    return f"{name}: "


def _keys(context: outline.Context, integration_type: str | None, replace: types.Range) -> list[types.CompletionItem]:
    present = set(context.siblings)
    indent = replace.start.character  # where the key starts: indentation is spaces, one unit each
    items = []
    for order, (name, spec) in enumerate(fields.fields_at(context.parents, integration_type).items()):
        if name in present:
            continue
        items.append(
            types.CompletionItem(
                label=name,
                kind=types.CompletionItemKind.Field,
                detail=spec.get("title"),
                documentation=types.MarkupContent(types.MarkupKind.Markdown, fields.documentation(spec)),
                tags=[types.CompletionItemTag.Deprecated] if fields.deprecated(spec) else None,
                sort_text=f"{1 if fields.deprecated(spec) else 0}{order:03d}",
                text_edit=types.TextEdit(replace, _insert(name, spec, indent) if context.where != "key" else name),
            )
        )
    return items


def _value_items(
    values: dict[str, str], replace: types.Range, kind: types.CompletionItemKind
) -> list[types.CompletionItem]:
    return [
        types.CompletionItem(
            label=value,
            kind=kind,
            detail=detail or None,
            sort_text=f"{order:03d}",
            text_edit=types.TextEdit(replace, value),
        )
        for order, (value, detail) in enumerate(values.items())
    ]


def _values(
    context: outline.Context, integration_type: str | None, clusters: Clusters | None, replace: types.Range
) -> list[types.CompletionItem]:
    assert context.key is not None
    if context.key in compute_values.VALUE_FIELDS and context.parents in ((), ("compute",)):
        named = _named(compute_values.VALUE_FIELDS[context.key], context, clusters, replace)
        if named:
            return named
    spec = fields.fields_at(context.parents, integration_type).get(context.key)
    if spec is None:
        return []
    if "enum" in spec:
        described = spec.get("enumDescriptions", [])
        values = {str(v): (described[i] if i < len(described) else "") for i, v in enumerate(spec["enum"])}
        return _value_items(values, replace, types.CompletionItemKind.EnumMember)
    # Values the schema names in a branch (`scheduling.priority`: the known ones, or any string).
    branches = {
        str(v): branch.get("description", "") for branch in spec.get("anyOf", []) for v in branch.get("enum", [])
    }
    if branches:
        return _value_items(branches, replace, types.CompletionItemKind.EnumMember)
    if spec.get("type") == "boolean":
        return _value_items({"true": "", "false": ""}, replace, types.CompletionItemKind.Value)
    return []


def _named(
    kind: str | None, context: outline.Context, clusters: Clusters | None, replace: types.Range
) -> list[types.CompletionItem]:
    if kind is None or clusters is None:
        return []
    cluster = context.siblings.get("cluster") if kind != "cluster" else None
    return _value_items(
        compute_values.values(kind, clusters, outline.unquote(cluster) if cluster else None),
        replace,
        types.CompletionItemKind.Value,
    )


def _platform_env(prefix: str, replace: types.Range) -> list[types.CompletionItem]:
    """In a command: the variables the platform sets, to read (setting them in env_variables warns)."""
    typed = prefix[: prefix.rfind("$")]
    return [
        types.CompletionItem(
            label=f"${name}",
            kind=types.CompletionItemKind.Variable,
            detail="set by the platform in every run",
            text_edit=types.TextEdit(replace, f"{typed}${name}"),
        )
        for name in sorted(platform_env())
    ]


def _empty(lines: list[str], line: int) -> bool:
    """Nothing but comments and this line's word in the file: where a whole run may start."""
    return all(not text.strip() or text.lstrip().startswith("#") for n, text in enumerate(lines) if n != line)


def _snippet_yaml(value: Any, indent: str) -> list[str]:
    out = []
    for key, item in value.items():
        if isinstance(item, dict):
            out.append(f"{indent}{key}:")
            out += _snippet_yaml(item, indent + "  ")
        elif isinstance(item, list):
            out.append(f"{indent}{key}:")
            for element in item:
                if isinstance(element, dict):
                    nested = _snippet_yaml(element, indent + "    ")
                    out.append(f"{indent}  - {nested[0].lstrip()}")
                    out += nested[1:]
                else:
                    out.append(f"{indent}  - {element}")
        else:
            out.append(f"{indent}{key}: {item}")
    return out


def _snippet(label: str, description: str, body: list[str], replace: types.Range, sort: str) -> types.CompletionItem:
    return types.CompletionItem(
        label=label,
        kind=types.CompletionItemKind.Snippet,
        detail=description,
        insert_text_format=types.InsertTextFormat.Snippet,
        text_edit=types.TextEdit(replace, "\n".join(body)),
        sort_text=sort,
    )


def _new_run(replace: types.Range) -> types.CompletionItem:
    snippet = run_schema()["defaultSnippets"][0]
    return _snippet(snippet["label"], snippet["description"], _snippet_yaml(snippet["body"], ""), replace, "!")


def _integration_snippets(column: int, replace: types.Range) -> list[types.CompletionItem]:
    """One snippet per integration type, for the item the cursor starts (continuation lines under the item)."""
    items = []
    for order, snippet in enumerate(definition("integration").get("defaultSnippets", [])):
        body = _snippet_yaml(snippet["body"], " " * column)
        body[0] = body[0].lstrip()
        items.append(_snippet(snippet["label"], snippet["description"], body, replace, f"!{order}"))
    return items
