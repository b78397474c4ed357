"""SARIF 2.1.0 for code-scanning services, built as data."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import PurePath
from typing import Any

from mcli_lint import __version__
from mcli_lint.diagnostics import Diagnostic, Severity
from mcli_lint.report import Summary
from mcli_lint.rules import RULES

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/mcli-lint/mcli-lint"


def _level(severity: Severity) -> str:
    return "error" if severity is Severity.ERROR else "warning"


def _uri(path: str) -> str:
    return PurePath(path).as_posix() if path != "-" else "stdin"


def render(diagnostics: Sequence[Diagnostic], summary: Summary) -> str:
    index = {rule.code: position for position, rule in enumerate(RULES)}
    rules = [
        {
            "id": rule.code,
            "name": rule.name,
            "shortDescription": {"text": rule.summary},
            "fullDescription": {"text": rule.doc.strip()},
            "help": {"text": rule.doc.strip(), "markdown": rule.doc.strip()},
            "defaultConfiguration": {"level": _level(rule.severity)},
        }
        for rule in RULES
    ]
    results: list[dict[str, Any]] = []
    for d in diagnostics:
        message = d.message + (f" (help: {d.help})" if d.help else "")
        results.append(
            {
                "ruleId": d.code,
                "ruleIndex": index.get(d.code, 0),
                "level": _level(d.severity),
                "message": {"text": message},
                "locations": [
                    {
                        "physicalLocation": {
                            "artifactLocation": {"uri": _uri(d.path)},
                            "region": {
                                "startLine": d.span.start.line,
                                "startColumn": d.span.start.column,
                                "endLine": d.span.end.line,
                                "endColumn": max(d.span.end.column, 1),
                            },
                        },
                        "logicalLocations": [{"fullyQualifiedName": d.pointer or "/", "kind": "member"}],
                    }
                ],
            }
        )
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "mcli-lint",
                        "version": __version__,
                        "informationUri": INFORMATION_URI,
                        "rules": rules,
                    }
                },
                "results": results,
                "columnKind": "unicodeCodePoints",
            }
        ],
    }
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"
