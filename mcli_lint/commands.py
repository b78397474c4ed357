"""The commands' bodies, free of any argument parser: options in, output and an exit code out.

Both front ends call these: ``cli.py`` (typer: every command, help, usage errors) and
``entry.py`` (plain ``check``, ``fmt``, ``to-python`` and ``to-yaml`` invocations, parsed without typer).
"""

from __future__ import annotations

import dataclasses
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from mcli_lint.config import CLUSTERS_ENV

if TYPE_CHECKING:
    from mcli_lint.clusters import Clusters
    from mcli_lint.config import Config

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2

FORMATS = ("text", "json", "sarif", "github")
COLORS = ("auto", "always", "never")
INFER_FORMATS = ("text", "json")
_REPORTERS = {
    "json": "mcli_lint.report.json_report",
    "sarif": "mcli_lint.report.sarif",
    "github": "mcli_lint.report.github",
}


class UsageError(Exception):
    """Bad options or configuration: reported on stderr, exit 2."""


@dataclass(frozen=True)
class CheckOptions:
    paths: tuple[str, ...]
    output_format: str | None = None
    strict: bool = False
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    config_file: str | None = None
    stdin_filename: str | None = None
    show_source: bool | None = None
    color: str = "auto"
    fix: bool = False
    clusters_file: str | None = None


@dataclass(frozen=True)
class FmtOptions:
    paths: tuple[str, ...]
    check: bool = False
    diff: bool = False
    config_file: str | None = None
    stdin_filename: str | None = None


@dataclass(frozen=True)
class InferOptions:
    paths: tuple[str, ...]
    clusters_file: str | None = None
    write: bool = False
    output_format: str = "text"
    config_file: str | None = None


@dataclass(frozen=True)
class ToPythonOptions:
    path: str
    output: str | None = None
    force: bool = False


@dataclass(frozen=True)
class ToYamlOptions:
    path: str
    output: str | None = None


Options = CheckOptions | FmtOptions | InferOptions | ToPythonOptions | ToYamlOptions


@dataclass
class Streams:
    stdout: TextIO = field(default_factory=lambda: sys.stdout)
    stderr: TextIO = field(default_factory=lambda: sys.stderr)


def _codes(values: tuple[str, ...]) -> list[str]:
    return [part for value in values for part in value.split(",") if part.strip()]


def _config(config_file: str | None) -> Config:
    from mcli_lint.config import ConfigError, find_pyproject, load_config

    try:
        return load_config(Path(config_file) if config_file is not None else find_pyproject(Path.cwd()))
    except ConfigError as error:
        raise UsageError(str(error)) from None


def _clusters(option: str | None, config: Config) -> Clusters | None:
    """The clusters (option, else pyproject, else environment), or a usage error if malformed."""
    from mcli_lint.config import clusters_path

    path = clusters_path(Path(option) if option is not None else None, config.clusters, os.environ)
    if path is None:
        return None
    from mcli_lint.clusters import ClustersError, load_clusters

    try:
        return load_clusters(path, config.limits)
    except ClustersError as error:
        raise UsageError(str(error)) from None


def internal_error(error: Exception) -> int:
    sys.stderr.write(f"mcli-lint: internal error: {type(error).__name__}: {error}\n")
    return EXIT_USAGE


def run(options: Options, streams: Streams | None = None) -> int:
    """Run the command the options are for; a usage error becomes one line on stderr, exit 2."""
    streams = streams or Streams()
    try:
        if isinstance(options, CheckOptions):
            return _check(options, streams)
        if isinstance(options, FmtOptions):
            return _fmt(options, streams)
        if isinstance(options, ToPythonOptions):
            return _to_python(options, streams)
        if isinstance(options, ToYamlOptions):
            return _to_yaml(options, streams)
        return _infer(options, streams)
    except UsageError as error:
        streams.stderr.write(f"mcli-lint: {error}\n")
        return EXIT_USAGE


def _check(options: CheckOptions, streams: Streams) -> int:
    from mcli_lint.config import ConfigError, expand
    from mcli_lint.lint import check_paths
    from mcli_lint.report import summarize

    config = _config(options.config_file)
    try:
        if options.select:
            config = dataclasses.replace(config, select=expand(_codes(options.select), "--select"))
        if options.ignore:
            config = dataclasses.replace(config, select=config.select - expand(_codes(options.ignore), "--ignore"))
    except ConfigError as error:
        raise UsageError(str(error)) from None
    clusters = _clusters(options.clusters_file, config)
    if options.fix:
        _fix(options, config, clusters, streams)
    from mcli_lint.batch import quiet_collector

    quiet_collector()
    chosen = options.output_format or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")
    terminal = streams.stdout.isatty()
    show = chosen == "text" and (terminal if options.show_source is None else options.show_source)
    result = check_paths(list(options.paths), config, sys.stdin.buffer, options.stdin_filename, clusters, show)
    summary = summarize(result.files, result.diagnostics)
    if chosen == "text":
        from mcli_lint.report import text

        painted = options.color == "always" or (options.color == "auto" and terminal and "NO_COLOR" not in os.environ)
        streams.stdout.write(text.render(result.diagnostics, summary, result.sources.get if show else None, painted))
    else:
        from importlib import import_module

        reporter = import_module(_REPORTERS[chosen])
        streams.stdout.write(reporter.render(result.diagnostics, summary))
    failing = summary.errors or (summary.warnings and (options.strict or config.strict))
    return EXIT_FINDINGS if failing else EXIT_OK


def _fix(options: CheckOptions, config: Config, clusters: Clusters | None, streams: Streams) -> None:
    if "-" in options.paths:
        raise UsageError("--fix cannot rewrite standard input")
    from mcli_lint.files import discover
    from mcli_lint.format.fixes import fix_path

    for path in discover(list(options.paths)):
        fixed = fix_path(path, config, clusters)
        if fixed.fixed:
            streams.stderr.write(f"{path}: fixed {', '.join(fixed.fixed)}\n")
        if fixed.message is not None:
            streams.stderr.write(f"{path}: {fixed.message}\n")


def _fmt(options: FmtOptions, streams: Streams) -> int:
    from mcli_lint.files import discover
    from mcli_lint.format import Status, format_path, format_stream
    from mcli_lint.format.report import render

    paths = list(options.paths)
    if "-" in paths and len(paths) > 1:
        raise UsageError("fmt: - (stdin) cannot be combined with other paths")
    config = _config(options.config_file)
    writing = not (options.check or options.diff)
    if paths == ["-"]:
        outcomes = [format_stream(sys.stdin.buffer, options.stdin_filename or "-", config.limits)]
        if writing:  # unformattable input is passed through unchanged, so a pipe never loses it
            done = outcomes[0]
            streams.stdout.flush()
            sys.stdout.buffer.write(done.formatted.encode("utf-8") if done.formatted else done.data)
            sys.stdout.flush()
    else:
        outcomes = [format_path(path, config.limits, write=writing) for path in discover(paths)]
    rendered = render(outcomes, writing, options.diff, stdin=paths == ["-"])
    streams.stdout.write(rendered.stdout)
    streams.stderr.write(rendered.stderr)
    failed = any(o.status in (Status.PROBLEMS, Status.REFUSED) for o in outcomes)
    pending = not writing and any(o.status is Status.REFORMATTED for o in outcomes)
    return EXIT_FINDINGS if failed or pending else EXIT_OK


def _infer(options: InferOptions, streams: Streams) -> int:
    from mcli_lint.infer_files import infer_paths
    from mcli_lint.report import infer_report

    config = _config(options.config_file)
    clusters = _clusters(options.clusters_file, config)
    if clusters is None:
        raise UsageError(
            f'infer needs a clusters file: --clusters FILE, `clusters = "…"` in [tool.mcli-lint], or ${CLUSTERS_ENV}'
        )
    if options.write and "-" in options.paths:
        raise UsageError("--write cannot write to standard input")
    results = infer_paths(list(options.paths), config, clusters, options.write, sys.stdin.buffer)
    render = infer_report.render_json if options.output_format == "json" else infer_report.render_text
    streams.stdout.write(render(results))
    for result in results:
        if result.write_error is not None:
            streams.stderr.write(f"mcli-lint: {result.path}: not written: {result.write_error}\n")
    return EXIT_OK if all(r.ok for r in results) else EXIT_FINDINGS


def _write(text: str, output: str | None, streams: Streams) -> None:
    if output is None or output == "-":
        streams.stdout.write(text)
        return
    try:
        Path(output).write_text(text, encoding="utf-8")
    except OSError as error:
        raise UsageError(f"cannot write {output}: {error.strerror or error}") from None


def _to_python(options: ToPythonOptions, streams: Streams) -> int:
    from mcli_lint.convert.to_python import ConvertError, comments_of, to_python
    from mcli_lint.diagnostics import Severity
    from mcli_lint.lint import lint_loaded
    from mcli_lint.loader import load_path, load_stream
    from mcli_lint.report import summarize, text
    from mcli_lint.text import escape

    config = _config(None)
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
        converted = to_python(loaded.document.data, comments_of(loaded.text))
    except ConvertError as error:
        streams.stderr.write(f"mcli-lint: {escape(options.path)}: not converted: {error}\n")
        return EXIT_FINDINGS
    if errors:
        streams.stderr.write(f"mcli-lint: {escape(options.path)}: converted with --force despite {errors} error(s)\n")
    for note in converted.notes:
        streams.stderr.write(f"mcli-lint: {escape(options.path)}: {note}\n")
    _write(converted.text, options.output, streams)
    return EXIT_OK


def _to_yaml(options: ToYamlOptions, streams: Streams) -> int:
    from mcli_lint.convert.to_yaml import NotLiteral, from_python, to_yaml
    from mcli_lint.loader.limits import Limits
    from mcli_lint.loader.source import Source, read_path, read_stream
    from mcli_lint.text import escape

    shown = escape(options.path)
    # Read as run files are read: never blocking on a FIFO, bounded in size, UTF-8 or a clear no.
    read = read_stream(sys.stdin.buffer, Limits()) if options.path == "-" else read_path(options.path, Limits())
    if not isinstance(read, Source):
        where = read.span.start
        streams.stderr.write(f"{shown}:{where.line}:{where.column}: {read.message}\n")
        return EXIT_FINDINGS
    source = read.text
    try:
        converted = to_yaml(from_python(source))
    except NotLiteral as error:
        streams.stderr.write(f"{shown}:{error.line}:{error.column}: {escape(error.message)}\n")
        return EXIT_FINDINGS
    _write(converted, options.output, streams)
    return EXIT_OK
