"""``check --statistics``: how many diagnostics each rule reported, most first (ruff's layout)."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence

from mcli_lint.diagnostics import Diagnostic


def render(diagnostics: Sequence[Diagnostic], output_format: str) -> str:
    """One line per code (``count<TAB>code<TAB>name``) for text, a list of records for json."""
    counts = Counter((d.code, d.name) for d in diagnostics)
    rows = sorted(counts.items(), key=lambda item: (-item[1], item[0][0]))
    if output_format == "json":
        records = [{"code": code, "name": name, "count": count} for (code, name), count in rows]
        return json.dumps(records, indent=2) + "\n"
    return "".join(f"{count:>5}\t{code}\t{name}\n" for (code, name), count in rows)
