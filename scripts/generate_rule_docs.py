"""Generate ``docs/rules.md``: every rule's documentation on one page, the page editors link to.

    python scripts/generate_rule_docs.py          # rewrite the page
    python scripts/generate_rule_docs.py --check  # exit 1 if it is out of date

Each rule is a section headed ``CODE name`` (anchor ``#mcl102-unknown-field``), with the text
`mcli-lint rule CODE` prints. The language server's diagnostics link there (``codeDescription``).
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "docs" / "rules.md"


def render() -> str:
    sys.path.insert(0, str(ROOT))
    from mcli_lint.rules import RULES

    parts = [
        "# Rules\n",
        "Generated from the rule modules by `scripts/generate_rule_docs.py`; `mcli-lint rule CODE` prints the same.\n",
    ]
    for rule in RULES:
        body = "\n".join("#" + line if line.startswith("## ") else line for line in rule.doc.strip().splitlines())
        parts.append(f"## {rule.code} {rule.name}\n\nSeverity: {rule.severity.value}.\n\n{body}\n")
    return "\n".join(parts)


def main(argv: list[str]) -> int:
    text = render()
    if "--check" in argv:
        if not TARGET.is_file() or TARGET.read_text(encoding="utf-8") != text:
            sys.stderr.write(f"{TARGET.relative_to(ROOT)} is out of date: run python scripts/generate_rule_docs.py\n")
            return 1
        return 0
    TARGET.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
