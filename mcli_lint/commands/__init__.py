"""The commands' bodies, free of any argument parser: options in, output and an exit code out.

One module a command; ``run`` picks the one the options are for, and ``cli.py`` (typer, the one
parser) calls it. Command modules are imported when their command runs: each pulls in its own
part of the package, and ``--help`` none of them.
"""

from __future__ import annotations

from mcli_lint.commands.common import (
    COLORS,
    COMMANDS,
    EXIT_FINDINGS,
    EXIT_INTERNAL,
    EXIT_OK,
    EXIT_USAGE,
    FORMATS,
    INFER_FORMATS,
    CheckOptions,
    ClustersPullOptions,
    ClustersShowOptions,
    FmtOptions,
    InferOptions,
    Options,
    Streams,
    ToPythonOptions,
    ToYamlOptions,
    UsageError,
    internal_error,
)

__all__ = [
    "COLORS",
    "COMMANDS",
    "EXIT_FINDINGS",
    "EXIT_INTERNAL",
    "EXIT_OK",
    "EXIT_USAGE",
    "FORMATS",
    "INFER_FORMATS",
    "CheckOptions",
    "ClustersPullOptions",
    "ClustersShowOptions",
    "FmtOptions",
    "InferOptions",
    "Options",
    "Streams",
    "ToPythonOptions",
    "ToYamlOptions",
    "UsageError",
    "internal_error",
    "run",
]


def run(options: Options, streams: Streams | None = None) -> int:
    """Run the command the options are for; a usage error becomes one line on stderr, exit 2."""
    streams = streams or Streams()
    try:
        if isinstance(options, CheckOptions) and options.watch:
            # Lazy: only with --watch.
            from mcli_lint.commands.watch import watch

            return watch(options, streams)
        if isinstance(options, CheckOptions):
            # Lazy: only the command run is imported; each brings its own libraries (200-400 ms measured).
            from mcli_lint.commands.check import check

            return check(options, streams)
        if isinstance(options, FmtOptions):
            # Lazy: only the command run is imported; each brings its own libraries (200-400 ms measured).
            from mcli_lint.commands.fmt import fmt

            return fmt(options, streams)
        if isinstance(options, ToPythonOptions):
            # Lazy: only the command run is imported; each brings its own libraries (200-400 ms measured).
            from mcli_lint.commands.convert import to_python

            return to_python(options, streams)
        if isinstance(options, ToYamlOptions):
            # Lazy: only the command run is imported; each brings its own libraries (200-400 ms measured).
            from mcli_lint.commands.convert import to_yaml

            return to_yaml(options, streams)
        if isinstance(options, ClustersPullOptions):
            # Lazy: only the command run is imported; each brings its own libraries (200-400 ms measured).
            from mcli_lint.commands.clusters import pull

            return pull(options, streams)
        if isinstance(options, ClustersShowOptions):
            # Lazy: only the command run is imported; each brings its own libraries (200-400 ms measured).
            from mcli_lint.commands.clusters import show

            return show(options, streams)
        # Lazy: only the command run is imported; each brings its own libraries (200-400 ms measured).
        from mcli_lint.commands.infer import infer

        return infer(options, streams)
    except UsageError as error:
        streams.stderr.write(f"mcli-lint: {error}\n")
        return EXIT_USAGE
