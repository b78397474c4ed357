"""One open document, linted exactly as ``check`` lints the same bytes from standard input."""

from __future__ import annotations

import io
from dataclasses import dataclass

from mcli_lint.diagnostics import Diagnostic
from mcli_lint.engine.files import RUN_SUFFIXES
from mcli_lint.engine.lint import lint_loaded, screen
from mcli_lint.loader import LoadResult, load_stream
from mcli_lint.server.settings import Resolved


@dataclass(frozen=True)
class Analysis:
    # The text as the linter read it (BOM kept, newlines normalised to \n), or None if it could not be.
    text: str | None
    loaded: LoadResult
    diagnostics: list[Diagnostic]


def analyze(text: str, resolved: Resolved) -> Analysis:
    # Through the bytes, as `check -` reads them: the size limit, binary and UTF-8 checks all apply.
    # An editor may hold lone surrogates; passed through, they make the UTF-8 problem check would report.
    data = text.encode("utf-8", "surrogatepass")
    loaded = load_stream(io.BytesIO(data), resolved.config.limits)
    if resolved.problem is not None:
        return Analysis(loaded.text, loaded, [])
    # Other YAML is left alone, by the detection `check` uses. An open document is one the user
    # named, as a path on the command line is: one that cannot be read as YAML text says so.
    if not resolved.path.endswith(RUN_SUFFIXES) and not screen(loaded, named=True).is_run:
        return Analysis(loaded.text, loaded, [])
    return Analysis(loaded.text, loaded, lint_loaded(resolved.path, loaded, resolved.config, resolved.clusters))
