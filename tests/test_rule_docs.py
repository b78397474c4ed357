"""Every rule is documented in its module, and the documentation's examples are executed."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path
from types import ModuleType

import pytest

from mcli_lint.compute.clusters import Clusters, load_clusters
from mcli_lint.engine.lint import lint_text
from mcli_lint.rules import RULES
from mcli_lint.rules.base import Rule

SECTIONS = ["## What it does", "## Why is this bad?"]
# Rules about bytes and files, whose bad input no YAML block can show.
NO_YAML_EXAMPLE = {"MCL005"}
# The MCL3xx rules check runs against clusters: their examples are linted with the shipped ones.
ROOT = Path(__file__).resolve().parent.parent
EXAMPLE_CLUSTERS = ROOT / "examples" / "clusters.json"


def clusters_for(rule: Rule) -> Clusters | None:
    return load_clusters(EXAMPLE_CLUSTERS) if rule.code.startswith("MCL3") else None


def yaml_block(rule: Rule, heading: str) -> str | None:
    match = re.search(rf"## {re.escape(heading)}\n```yaml\n(.*?)```", rule.doc, re.S)
    return match.group(1) if match else None


@pytest.mark.parametrize("rule", RULES, ids=[r.code for r in RULES])
def test_rule_is_documented(rule: Rule) -> None:
    assert re.fullmatch(r"MCL\d{3}", rule.code)
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", rule.name)
    assert rule.summary.endswith(".")
    for section in SECTIONS:
        assert section in rule.doc, f"{rule.code} lacks {section!r}"


@pytest.mark.parametrize("rule", [r for r in RULES if r.code not in NO_YAML_EXAMPLE], ids=lambda r: r.code)
def test_doc_has_a_short_summary_and_one_example_each_way(rule: Rule) -> None:
    first = rule.doc.strip().splitlines()[0]
    assert first.endswith(".") and len(first) < 100
    for heading in ("## What it does", "## Why is this bad?", "## Example", "## Use instead"):
        assert heading in rule.doc
    assert len(re.findall(r"```yaml\n(.*?)```", rule.doc, re.S)) == 2


@pytest.mark.parametrize("rule", [r for r in RULES if r.code not in NO_YAML_EXAMPLE], ids=lambda r: r.code)
def test_documented_example_triggers_the_rule(rule: Rule) -> None:
    example = yaml_block(rule, "Example")
    assert example is not None, f"{rule.code} has no ```yaml Example"
    assert rule.code in {d.code for d in lint_text(example, clusters=clusters_for(rule))}


@pytest.mark.parametrize("rule", [r for r in RULES if r.code not in NO_YAML_EXAMPLE], ids=lambda r: r.code)
def test_documented_fix_is_clean(rule: Rule) -> None:
    fixed = yaml_block(rule, "Use instead")
    assert fixed is not None, f"{rule.code} has no ```yaml Use instead"
    assert [(d.code, d.message) for d in lint_text(fixed, clusters=clusters_for(rule))] == []


def test_codes_and_names_are_unique_and_ordered() -> None:
    codes = [r.code for r in RULES]
    assert codes == sorted(codes)
    assert len(set(codes)) == len(codes)
    assert len({r.name for r in RULES}) == len(RULES)


def test_public_table_of_codes() -> None:
    """Codes, names and severities are a public interface: this table may only grow."""
    table = {
        "MCL001": ("yaml-syntax", "error"),
        "MCL002": ("duplicate-key", "error"),
        "MCL003": ("not-a-mapping", "error"),
        "MCL004": ("multiple-documents", "error"),
        "MCL005": ("unreadable-input", "error"),
        "MCL006": ("resource-limit", "error"),
        "MCL007": ("unsupported-tag", "error"),
        "MCL101": ("missing-field", "error"),
        "MCL102": ("unknown-field", "error"),
        "MCL103": ("wrong-type", "error"),
        "MCL104": ("invalid-value", "error"),
        "MCL105": ("unknown-integration-type", "error"),
        "MCL106": ("deprecated-field", "warning"),
        "MCL107": ("missing-compute", "warning"),
        "MCL108": ("coerced-scalar", "error"),
        "MCL109": ("yaml-version-ambiguous", "warning"),
        "MCL110": ("unquoted-string", "warning"),
        "MCL111": ("unencodable-value", "error"),
        "MCL112": ("changed-by-mcli", "warning"),
        "MCL201": ("run-name-invalid", "warning"),
        "MCL202": ("run-name-too-long", "error"),
        "MCL203": ("image-reference", "error"),
        "MCL204": ("env-name", "warning"),
        "MCL205": ("reserved-env", "warning"),
        "MCL206": ("metadata-limit", "error"),
        "MCL207": ("compute-conflict", "error"),
        "MCL208": ("empty-command", "error"),
        "MCL209": ("git-repo-format", "error"),
        "MCL210": ("unknown-priority", "warning"),
        "MCL211": ("experiment-path", "warning"),
        "MCL212": ("suspicious-character", "warning"),
        "MCL213": ("unfilled-placeholder", "error"),
        "MCL214": ("unusual-value", "warning"),
        "MCL301": ("unknown-cluster", "error"),
        "MCL302": ("unsatisfiable-compute", "error"),
        "MCL303": ("ambiguous-compute", "error"),
        "MCL304": ("unknown-node", "error"),
        "MCL305": ("unavailable-node", "warning"),
        "MCL401": ("unused-suppression", "warning"),
        "MCL402": ("invalid-suppression", "warning"),
        "MCL403": ("blanket-suppression", "warning"),
    }
    assert {r.code: (r.name, r.severity.value) for r in RULES} == table


def _rule_docs_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("rule_docs", ROOT / "scripts" / "rule_docs.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("rule", [r for r in RULES if r.code not in NO_YAML_EXAMPLE], ids=lambda r: r.code)
def test_documented_output_is_what_check_prints_whole(rule: Rule) -> None:
    """The Example's output in the doc is exactly what `mcli-lint check` prints for it
    (regenerate with scripts/rule_docs.py and review the diff when a message changes)."""
    example = yaml_block(rule, "Example")
    assert example is not None
    documented = re.search(r"```\n\nOutput of `(mcli-lint check [^`]*)`:\n```text\n(.*?)```", rule.doc, re.S)
    assert documented is not None, f"{rule.code}: no documented output after the Example"
    command, output = _rule_docs_script().example_output(rule.code, example)
    assert (documented.group(1), documented.group(2)) == (command, output)
    assert "run.yaml:" in output and f" {rule.code} " in output
