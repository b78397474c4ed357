"""The registry (``mcli_lint.rules.RULES``) is the one list of rules: ``mcli-lint rules`` prints it
and the README's rule table shows it, code, name and severity, in its order."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from mcli_lint.rules import RULES
from tests.cli_helpers import run

README = Path(__file__).resolve().parent.parent / "README.md"
REGISTRY = [(rule.code, rule.name, rule.severity.value) for rule in RULES]


def readme_table() -> list[tuple[str, str, str]]:
    """The rows of the README's table under ``## Rules``: (code, name, severity cell)."""
    section = README.read_text(encoding="utf-8").split("\n## Rules\n", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\| (MCL\d{3}) \| ([a-z0-9-]+) \| ([^|]+?) \|$", section, re.M)
    assert len(rows) == section.count("\n| MCL"), "a row of the table is not `| code | name | severity |`"
    return [(code, name, severity) for code, name, severity in rows]


def test_the_readme_table_is_the_registry() -> None:
    table = readme_table()
    assert [(code, name, severity.removesuffix(" (with clusters)")) for code, name, severity in table] == REGISTRY
    # The rules that need a clusters file say so, and only they.
    assert [code for code, _, severity in table if severity.endswith(" (with clusters)")] == [
        code for code, _, _ in REGISTRY if code.startswith("MCL3")
    ]


def test_the_rules_command_prints_the_registry(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["rules"], capsys)
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert [tuple(line.split()[:3]) for line in lines] == REGISTRY
    assert [line.split(None, 3)[3] for line in lines] == [rule.summary for rule in RULES]
