"""`infer`: complete each file's compute from the clusters; `--write` edits the files."""

from __future__ import annotations

import sys

from mcli_lint.commands.common import (
    EXIT_FINDINGS,
    EXIT_OK,
    InferOptions,
    Streams,
    UsageError,
    Walking,
    load_clusters_for,
    load_config_for,
    selection_for,
)
from mcli_lint.compute.files import infer_paths
from mcli_lint.environment import CLUSTERS_ENV
from mcli_lint.report import infer_report


def infer(options: InferOptions, streams: Streams) -> int:
    config = load_config_for(options.config_file)
    clusters = load_clusters_for(options.clusters_file, config)
    if clusters is None:
        raise UsageError(
            f'infer needs a clusters file: --clusters FILE, `clusters = "…"` in [tool.mcli-lint], or ${CLUSTERS_ENV}'
            " (`mcli-lint clusters pull -o FILE` makes one)"
        )
    if options.write and "-" in options.paths:
        raise UsageError("--write cannot write to standard input")
    selection = selection_for(config, Walking())
    results = infer_paths(list(options.paths), config, clusters, options.write, sys.stdin.buffer, selection)
    render = infer_report.render_json if options.output_format == "json" else infer_report.render_text
    streams.stdout.write(render(results))
    for result in results:
        if result.write_error is not None:
            streams.stderr.write(f"mcli-lint: {result.path}: not written: {result.write_error}\n")
    return EXIT_OK if all(r.ok for r in results) else EXIT_FINDINGS
