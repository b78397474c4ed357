"""The reports of `mcli-lint infer`: the completed compute of each file, as text or as versioned JSON."""

from __future__ import annotations

import json
from collections.abc import Sequence

from mcli_lint.compute.files import FileResult
from mcli_lint.compute.infer import FIELDS
from mcli_lint.compute.write import scalar
from mcli_lint.report.json_report import VERSION, diagnostic_data
from mcli_lint.text import escape


def render_text(results: Sequence[FileResult]) -> str:
    out: list[str] = []
    for result in results:
        shown = escape(result.path)
        for d in result.diagnostics:
            out.append(f"{escape(d.path)}:{d.span.start.line}:{d.span.start.column}: {d.code} {d.message}")
            if d.help:
                out.append(f"  help: {d.help}")
        if result.compute is None:
            out.append(f"{shown}: compute does not resolve")
            continue
        if not result.inferred:
            done = "nothing to infer"
        else:
            done = f"{'wrote' if result.written else 'inferred'} {', '.join(result.inferred)}"
        out.append(f"{shown}: compute resolves; {done}")
        out.append("  compute:")
        for name in FIELDS:
            note = "  # inferred" if name in result.inferred else ""
            out.append(f"    {name}: {escape(scalar(result.compute[name]))}{note}")
    resolved = sum(1 for r in results if r.compute is not None)
    out.append(f"{resolved} of {len(results)} file{'' if len(results) == 1 else 's'} resolved.")
    return "\n".join(out) + "\n"


def render_json(results: Sequence[FileResult]) -> str:
    report = {
        "version": VERSION,
        "results": [
            {
                "path": r.path,
                "compute": r.compute,
                "inferred": list(r.inferred),
                "diagnostics": [diagnostic_data(d) for d in r.diagnostics],
            }
            for r in results
        ],
    }
    return json.dumps(report, indent=2, ensure_ascii=False) + "\n"
