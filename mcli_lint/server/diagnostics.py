"""The linter's diagnostics as LSP diagnostics: same code, range, message; severity mapped; a link to the rule."""

from __future__ import annotations

from lsprotocol import types

from mcli_lint.diagnostics import Diagnostic, Severity
from mcli_lint.report.sarif import INFORMATION_URI
from mcli_lint.server import SOURCE
from mcli_lint.server.positions import Lines

_SEVERITY = {Severity.ERROR: types.DiagnosticSeverity.Error, Severity.WARNING: types.DiagnosticSeverity.Warning}


def rule_url(code: str, name: str) -> str:
    """Where a rule's documentation is published (docs/rules.md, one section a rule)."""
    return f"{INFORMATION_URI}/blob/main/docs/rules.md#{code.lower()}-{name}"


def to_lsp(diagnostic: Diagnostic, lines: Lines) -> types.Diagnostic:
    return types.Diagnostic(
        range=lines.range(diagnostic.span),
        message=diagnostic.message,
        severity=_SEVERITY[diagnostic.severity],
        code=diagnostic.code,
        code_description=types.CodeDescription(href=rule_url(diagnostic.code, diagnostic.name)),
        source=SOURCE,
        # What the code actions and hover need back from the client: the help line and the data path.
        data={"name": diagnostic.name, "help": diagnostic.help, "pointer": diagnostic.pointer},
    )
