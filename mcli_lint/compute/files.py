"""`mcli-lint infer` over files: load each, lint it, infer its compute, and write the inferred fields when asked."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import BinaryIO

from mcli_lint.compute.clusters import Clusters
from mcli_lint.compute.infer import infer_data
from mcli_lint.compute.write import WriteError, write_compute
from mcli_lint.config import Config
from mcli_lint.diagnostics import Diagnostic, Severity
from mcli_lint.engine.files import Selection, discover
from mcli_lint.engine.lint import lint_loaded, screen
from mcli_lint.loader import load_path, load_stream
from mcli_lint.rules import BY_CODE
from mcli_lint.schema import deprecated_fields


@dataclass(frozen=True)
class FileResult:
    path: str
    # The completed compute (cluster, instance, gpu_type, gpus, nodes) when the request resolves.
    compute: dict[str, str | int] | None
    inferred: tuple[str, ...]
    # What stands in the way of inference, or comes with it: load problems, errors in the request's
    # fields, and the MCL3xx findings.
    diagnostics: tuple[Diagnostic, ...]
    written: bool = False
    write_error: str | None = None

    @property
    def ok(self) -> bool:
        errors = any(d.severity is Severity.ERROR for d in self.diagnostics)
        return self.compute is not None and not errors and self.write_error is None


def infer_paths(
    paths: list[str],
    config: Config,
    clusters: Clusters,
    write: bool = False,
    stdin: BinaryIO | None = None,
    selection: Selection | None = None,
) -> list[FileResult]:
    # Every rule runs, whatever `select` says: an explanation must not be switched off with its check.
    every_rule = dataclasses.replace(config, select=frozenset(BY_CODE), per_file_ignores=())
    results = []
    for candidate in discover(paths, selection):
        path = candidate.path
        tree = candidate.tree
        from_stdin = path == "-" and stdin is not None
        loaded = load_stream(stdin, config.limits) if from_stdin and stdin else load_path(path, config.limits)
        if not (candidate.named or candidate.forced or screen(loaded, False).is_run):
            continue  # found by walking a directory, and not a run: not this command's business
        diagnostics = tuple(d for d in lint_loaded(path, loaded, every_rule, clusters) if _relevant(d))
        if loaded.document is None:
            results.append(FileResult(path, None, (), diagnostics))
            continue
        outcome = infer_data(loaded.document.data, clusters)
        result = FileResult(path, outcome.compute, outcome.inferred, diagnostics)
        if write and outcome.compute is not None and outcome.inferred and not from_stdin:
            values = {name: outcome.compute[name] for name in outcome.inferred}
            try:
                write_compute(path, loaded.document, values, config.limits, tree)
                result = dataclasses.replace(result, written=True)
            except (WriteError, OSError) as error:
                result = dataclasses.replace(result, write_error=str(error))
        results.append(result)
    return results


def _relevant(d: Diagnostic) -> bool:
    if d.code.startswith(("MCL0", "MCL3")):
        return True
    fields = ("compute", *deprecated_fields())
    in_request = any(d.pointer == f"/{name}" or d.pointer.startswith(f"/{name}/") for name in fields)
    return in_request and d.severity is Severity.ERROR
