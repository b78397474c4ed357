"""The registry (``mcli_lint.rules.RULES``) is the one list of rules: ``mcli-lint rules`` prints it
and the README's rule table shows it, code, name and severity, in its order."""

from __future__ import annotations

import importlib
import pkgutil
import re
from pathlib import Path

import pytest

import mcli_lint.rules
from mcli_lint.rules import RULES
from tests.cli_helpers import run

README = Path(__file__).resolve().parent.parent / "README.md"
RULE_TESTS = Path(__file__).resolve().parent / "rules"
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


def rule_modules() -> dict[str, str]:
    """Code -> module name of every rule module in ``mcli_lint/rules/`` (``mclNNN_name.py``)."""
    found = {}
    for info in pkgutil.iter_modules(mcli_lint.rules.__path__):
        if re.fullmatch(r"mcl\d{3}_[a-z0-9_]+", info.name):
            rule = importlib.import_module(f"mcli_lint.rules.{info.name}").RULE
            assert info.name.startswith(rule.code.lower() + "_"), info.name
            found[rule.code] = info.name
    return found


def test_every_rule_module_is_registered() -> None:
    assert sorted(rule_modules()) == [rule.code for rule in RULES]


def test_every_rule_has_its_test_file_and_every_rule_test_file_its_rule() -> None:
    """A rule's tests live in ``tests/rules/test_<its module name>.py``, and only there."""
    expected = {f"test_{name}.py" for name in rule_modules().values()}
    present = {path.name for path in RULE_TESTS.glob("test_mcl*.py")}
    assert sorted(expected - present) == [], "rules without a test file"
    assert sorted(present - expected) == [], "test files of no rule"
