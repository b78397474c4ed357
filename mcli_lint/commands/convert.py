"""`to-python` and `to-yaml`: the same run as mcli's Python RunConfig, and back."""

from __future__ import annotations

import sys
from pathlib import Path

from mcli_lint.commands.common import (
    EXIT_FINDINGS,
    EXIT_OK,
    Streams,
    ToPythonOptions,
    ToYamlOptions,
    UsageError,
    load_config_for,
)
from mcli_lint.convert.to_python import ConvertError, comments_of
from mcli_lint.convert.to_python import to_python as convert_to_python
from mcli_lint.convert.to_yaml import NotLiteral, convert
from mcli_lint.diagnostics import Severity
from mcli_lint.engine.lint import lint_loaded
from mcli_lint.loader import load_path, load_stream
from mcli_lint.loader.limits import Limits
from mcli_lint.loader.source import Source, read_path, read_stream
from mcli_lint.report import summarize, text
from mcli_lint.rules import describe
from mcli_lint.text import escape


def _write(text: str, output: str | None, streams: Streams) -> None:
    if output is None or output == "-":
        streams.stdout.write(text)
        return
    try:
        Path(output).write_text(text, encoding="utf-8")
    except OSError as error:
        raise UsageError(f"cannot write {output}: {error.strerror or error}") from None


def to_python(options: ToPythonOptions, streams: Streams) -> int:
    config = load_config_for(None)
    stdin = options.path == "-"
    loaded = load_stream(sys.stdin.buffer, config.limits) if stdin else load_path(options.path, config.limits)
    diagnostics = lint_loaded(options.path, loaded, config)
    errors = sum(d.severity is Severity.ERROR for d in diagnostics)
    if loaded.document is None or (errors and not options.force):
        streams.stderr.write(text.render(diagnostics, summarize(1, diagnostics)))
        if loaded.document is not None:
            streams.stderr.write("mcli-lint: not converted: fix the errors, or --force to convert what mcli reads\n")
        return EXIT_FINDINGS
    try:
        converted = convert_to_python(loaded.document.data, comments_of(loaded.text))
    except ConvertError as error:
        streams.stderr.write(f"mcli-lint: {escape(options.path)}: not converted: {error}\n")
        return EXIT_FINDINGS
    if errors:
        streams.stderr.write(f"mcli-lint: {escape(options.path)}: converted with --force despite {errors} error(s)\n")
    for note in converted.notes:
        streams.stderr.write(f"mcli-lint: {escape(options.path)}: {note}\n")
    _write(converted.text, options.output, streams)
    return EXIT_OK


def to_yaml(options: ToYamlOptions, streams: Streams) -> int:
    shown = escape(options.path)
    # Read as run files are read: never blocking on a FIFO, bounded in size, UTF-8 or a clear no.
    read = read_stream(sys.stdin.buffer, Limits()) if options.path == "-" else read_path(options.path, Limits())
    if not isinstance(read, Source):
        where = read.span.start
        streams.stderr.write(f"{shown}:{where.line}:{where.column}: {describe(read).message}\n")
        return EXIT_FINDINGS
    source = read.text
    try:
        converted = convert(source)
    except NotLiteral as error:
        streams.stderr.write(f"{shown}:{error.line}:{error.column}: {escape(error.message)}\n")
        return EXIT_FINDINGS
    _write(converted, options.output, streams)
    return EXIT_OK
