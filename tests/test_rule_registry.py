"""The registry (``mcli_lint.rules.RULES``) is the one list of rules: ``mcli-lint rules`` prints it
and the README's rule table shows it, code, name and severity, in its order."""

from __future__ import annotations

import importlib
import json
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
    assert [line.split(None, 4)[3] for line in lines] == [rule.fix_safety or "-" for rule in RULES]
    assert [line.split(None, 4)[4] for line in lines] == [rule.summary for rule in RULES]


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


def test_the_rules_command_prints_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["rules", "--format", "json"], capsys)
    assert (code, err) == (0, "")
    listed = json.loads(out)
    assert [(r["code"], r["name"], r["severity"]) for r in listed] == REGISTRY
    assert [r["summary"] for r in listed] == [rule.summary for rule in RULES]
    by_code = {r["code"]: r for r in listed}
    assert set(by_code["MCL001"]) == {"code", "name", "severity", "fixable", "fix_safety", "summary"}
    assert (by_code["MCL001"]["fixable"], by_code["MCL001"]["fix_safety"]) == ("never", None)
    assert (by_code["MCL401"]["fixable"], by_code["MCL401"]["fix_safety"]) == ("always", "safe")
    assert (by_code["MCL108"]["fixable"], by_code["MCL108"]["fix_safety"]) == ("sometimes", "unsafe")
    assert (by_code["MCL106"]["fixable"], by_code["MCL106"]["fix_safety"]) == ("sometimes", "mixed")
    assert run(["rules", "-f", "json"], capsys)[1] == out


def test_rule_says_whether_it_fixes(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["rule", "MCL108"], capsys)[1].endswith("\n\nFix is sometimes available (unsafe).\n")
    assert run(["rule", "unused-suppression"], capsys)[1].endswith("\n\nFix is always available (safe).\n")
    assert run(["rule", "MCL001"], capsys)[1].endswith("\n\nFix is not available.\n")


@pytest.mark.parametrize("rule", [r for r in RULES if r.fixes is not None], ids=lambda r: r.code)
def test_a_fixable_rule_documents_its_fix(rule: object) -> None:
    from mcli_lint.rules.base import Rule

    assert isinstance(rule, Rule) and rule.fixes is not None
    section = rule.doc.split("\n## Fix\n", 1)[1]
    safety = {"safe": ["safe"], "unsafe": ["unsafe"], "mixed": ["safe", "unsafe"]}[rule.fixes.safety]
    assert all(word in section.lower() for word in safety), section
