"""What the rule tests share: a run no rule reports, and a rule's findings as the tests compare them."""

from __future__ import annotations

from pathlib import Path

from mcli_lint.compute.clusters import Clusters, load_clusters
from mcli_lint.config import Config
from mcli_lint.diagnostics import Diagnostic
from mcli_lint.engine.fix import fix_key, fix_text
from mcli_lint.engine.lint import lint_text
from mcli_lint.loader import load_text
from mcli_lint.rules.base import Context, Rule

# What every case starts from: a complete run that no rule reports.
HEAD = "name: run\nimage: mosaicml/pytorch:latest\ncommand: echo hi\ncompute:\n  gpus: 8\n"
# The clusters the MCL3xx tests lint against: the ones the project ships as its example.
EXAMPLE_CLUSTERS = Path(__file__).resolve().parent.parent.parent / "examples" / "clusters.json"

# One diagnostic as the rule tests compare it: (code, line, column, end line, end column, message, help).
Seen = tuple[str, int, int, int, int, str, "str | None"]


def reported(text: str, *codes: str, clusters: Clusters | None = None) -> list[Seen]:
    """Every diagnostic `mcli-lint check` gives on ``text`` (only those of ``codes`` when given)."""
    return [
        (d.code, d.span.start.line, d.span.start.column, d.span.end.line, d.span.end.column, d.message, d.help)
        for d in lint_text(text, clusters=clusters)
        if not codes or d.code in codes
    ]


def example_clusters() -> Clusters:
    return load_clusters(EXAMPLE_CLUSTERS)


def findings(rule: Rule, text: str) -> list[tuple[int, int, str, str | None]]:
    """(line, column, message, help) of what ``rule``'s check alone finds in ``text``."""
    loaded = load_text(text)
    assert loaded.document is not None, loaded.problems
    ctx = Context(loaded.document, loaded.problems)
    result = []
    for f in rule.check(ctx):
        start = loaded.document.locate(f.path, f.at_key).start
        result.append((start.line, start.column, f.message, f.help))
    return result


def where_and_what(rule: Rule, text: str) -> list[tuple[int, int, str]]:
    return [(line, column, message) for line, column, message, _ in findings(rule, text)]


def with_top(name: str = "run", image: str = "mosaicml/pytorch:latest", command: str = "echo hi") -> str:
    return f"name: {name}\nimage: {image}\ncommand: {command}\ncompute:\n  gpus: 8\n"


def env(body: str) -> str:
    """A run with ``env_variables:`` followed by ``body``."""
    return HEAD + "env_variables:\n" + body


def only_finding(text: str, code: str) -> Diagnostic:
    """The one diagnostic of ``code`` in ``text``."""
    (found,) = [d for d in lint_text(text) if d.code == code]
    return found


def fixed_alone(text: str, code: str) -> str | None:
    """The text once the one ``code`` problem in it is fixed (safe or not), as the editor asks for it."""
    return fix_text(text, Config(), only=frozenset({fix_key(only_finding(text, code))})).text
