"""Write each rule's documented Example output into its module's docstring: what `mcli-lint check`
prints for the Example, whole. tests/rules/test_rule_docs.py compares the two.

    python scripts/rule_docs.py          # rewrite the outputs after a message changed (review the diff)
    python scripts/rule_docs.py --check  # exit 1 if a documented output is out of date
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


def main(argv: list[str]) -> int:
    stale = []
    for path in sorted(RULES_DIR.glob("mcl[0-9][0-9][0-9]_*.py")):
        text = updated(path)
        if text != path.read_text(encoding="utf-8"):
            stale.append(path)
            if "--check" not in argv:
                path.write_text(text, encoding="utf-8")
    for path in stale:
        verb = "is out of date" if "--check" in argv else "updated"
        print(f"{path.relative_to(ROOT)}: documented output {verb}")
    return 1 if stale and "--check" in argv else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
