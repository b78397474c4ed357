"""The rules' documentation, kept equal to the code:

- each rule module's docstring shows its Example's output: what `mcli-lint check` prints for the
  Example, whole (tests/test_rule_docs.py compares the two);
- ``docs/rules.md`` holds every rule's documentation on one page, the page the language server's
  diagnostics link to (``codeDescription``); each rule is a section headed ``CODE name`` (anchor
  ``#mcl102-unknown-field``) with the text `mcli-lint rule CODE` prints.

    python scripts/rule_docs.py          # rewrite both after a rule changed (review the diff)
    python scripts/rule_docs.py --check  # exit 1 if either is out of date
"""

from __future__ import annotations

import io
import os
import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RULES_DIR = ROOT / "mcli_lint" / "rules"
CLUSTERS = ROOT / "examples" / "clusters.json"
PAGE = ROOT / "docs" / "rules.md"
# The Example block in a module's source, and the documented output after it, if any.
EXAMPLE = re.compile(
    r"(## Example\n```yaml\n.*?```\n)(?:\nOutput of `mcli-lint check[^`]*`:\n```text\n.*?```\n)?", re.S
)


def example_output(code: str, example: str) -> tuple[str, str]:
    """The command a user would run on the example, and what it prints, whole."""
    from mcli_lint.commands import CheckOptions, Streams, run

    clusters = code.startswith("MCL3")
    command = "mcli-lint check run.yaml" + (" --clusters clusters.json" if clusters else "")
    with tempfile.TemporaryDirectory() as folder:
        Path(folder, "run.yaml").write_text(example, encoding="utf-8")
        # The defaults, whatever configuration surrounds the checkout.
        Path(folder, "pyproject.toml").write_text("[tool.mcli-lint]\n", encoding="utf-8")
        if clusters:
            Path(folder, "clusters.json").write_bytes(CLUSTERS.read_bytes())
        here = os.getcwd()
        os.chdir(folder)
        try:
            out = io.StringIO()
            options = CheckOptions(
                paths=("run.yaml",),
                output_format="text",
                show_source=False,
                clusters_file="clusters.json" if clusters else None,
            )
            run(options, Streams(stdout=out, stderr=io.StringIO()))
        finally:
            os.chdir(here)
    return command, out.getvalue()


def updated(path: Path) -> str:
    """The module's source with its documented output as the Example (as Python reads the
    docstring, escapes and all) gives today."""
    from importlib import import_module

    source = path.read_text(encoding="utf-8")
    rule = import_module(f"mcli_lint.rules.{path.stem}").RULE
    example = re.search(r"## Example\n```yaml\n(.*?)```", rule.doc, re.S)
    if example is None:
        return source
    command, output = example_output(rule.code, example.group(1))
    shown = output.replace("\\", "\\\\")  # the docstring is not raw
    block = f"\nOutput of `{command}`:\n```text\n{shown}```\n"
    return EXAMPLE.sub(lambda match: match.group(1) + block, source, count=1)


def page(docs: dict[str, str]) -> str:
    """docs/rules.md from each rule's documentation (``docs``: code -> docstring)."""
    from mcli_lint.report.rules import fix_sentence
    from mcli_lint.rules import RULES

    parts = [
        "# Rules\n",
        "Generated from the rule modules by `scripts/rule_docs.py`; `mcli-lint rule CODE` prints the same.\n",
    ]
    for rule in RULES:
        doc = docs.get(rule.code, rule.doc)
        body = "\n".join("#" + line if line.startswith("## ") else line for line in doc.strip().splitlines())
        parts.append(f"## {rule.code} {rule.name}\n\nSeverity: {rule.severity.value}. {fix_sentence(rule)}\n\n{body}\n")
    return "\n".join(parts)


def _docstring(source: str) -> str:
    """The docstring of a module's source, as Python reads it."""
    import ast

    return ast.get_docstring(ast.parse(source), clean=False) or ""


def main(argv: list[str]) -> int:
    checking = "--check" in argv
    stale: list[Path] = []
    docs: dict[str, str] = {}
    for path in sorted(RULES_DIR.glob("mcl[0-9][0-9][0-9]_*.py")):
        text = updated(path)
        docs["MCL" + path.name[3:6]] = _docstring(text)
        if text != path.read_text(encoding="utf-8"):
            stale.append(path)
            if not checking:
                path.write_text(text, encoding="utf-8")
    rendered = page(docs)
    if not PAGE.is_file() or PAGE.read_text(encoding="utf-8") != rendered:
        stale.append(PAGE)
        if not checking:
            PAGE.write_text(rendered, encoding="utf-8")
    for path in stale:
        print(f"{path.relative_to(ROOT)}: {'out of date' if checking else 'updated'}")
    return 1 if stale and checking else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
