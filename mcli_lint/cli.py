"""The ``mcli-lint`` command: parse arguments, call the core, pick a reporter, return an exit code."""

from __future__ import annotations

import enum
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Optional

import typer

from mcli_lint import __version__

if TYPE_CHECKING:
    from mcli_lint.clusters import Clusters
    from mcli_lint.config import Config

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2
CLUSTERS_ENV = "MCLI_LINT_CLUSTERS"

COMMANDS = ("check", "infer", "rule", "rules", "schema", "fmt")

app = typer.Typer(
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    help="Lint Databricks Mosaic AI (mcli) run YAML files before you submit them.",
    context_settings={"help_option_names": ["-h", "--help"]},
)


class Format(enum.StrEnum):
    text = "text"
    json = "json"
    sarif = "sarif"
    github = "github"


class Color(enum.StrEnum):
    auto = "auto"
    always = "always"
    never = "never"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"mcli-lint {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """Lint Databricks Mosaic AI (mcli) run YAML files before you submit them."""


def _codes(values: list[str] | None) -> list[str]:
    return [part for value in values or [] for part in value.split(",") if part.strip()]


@app.command()
def check(
    paths: Annotated[
        list[str], typer.Argument(help="Files, directories (searched for *.yaml, *.yml), or - for stdin.")
    ],
    output_format: Annotated[
        Optional[Format],  # noqa: UP045 - typer needs Optional here
        typer.Option("--format", "-f", help="Report format [default: text, github under GitHub Actions]."),
    ] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Warnings fail the run too (exit 1).")] = False,
    select: Annotated[Optional[list[str]], typer.Option(help="Only these rules (codes, prefixes, names).")] = None,  # noqa: UP045
    ignore: Annotated[Optional[list[str]], typer.Option(help="Skip these rules (codes, prefixes, names).")] = None,  # noqa: UP045
    config_file: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option("--config", help="pyproject.toml to read [tool.mcli-lint] from [default: nearest one]."),
    ] = None,
    stdin_filename: Annotated[
        Optional[str], typer.Option(help="The name to report for input read from stdin.")  # noqa: UP045
    ] = None,
    show_source: Annotated[
        Optional[bool],  # noqa: UP045
        typer.Option(
            "--show-source/--no-show-source",
            help="Show the source line under each problem [default: on a terminal].",
        ),
    ] = None,
    color: Annotated[Color, typer.Option(help="Color the text report.")] = Color.auto,
    fix: Annotated[
        bool, typer.Option("--fix", help="Fix coerced scalars (MCL108) and deprecated fields (MCL106) in place first.")
    ] = False,
    clusters_file: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option("--clusters", help=f"Clusters file for the MCL3xx checks [default: pyproject, ${CLUSTERS_ENV}]."),
    ] = None,
) -> None:
    """Check run files against the run schema and the platform's rules."""
    from mcli_lint.config import ConfigError, expand, find_pyproject, load_config
    from mcli_lint.lint import check_paths
    from mcli_lint.report import summarize

    try:
        config = load_config(config_file if config_file is not None else find_pyproject(Path.cwd()))
        if select:
            config = _replace(config, select=expand(_codes(select), "--select"))
        if ignore:
            config = _replace(config, select=config.select - expand(_codes(ignore), "--ignore"))
    except ConfigError as error:
        typer.echo(f"mcli-lint: {error}", err=True)
        raise typer.Exit(EXIT_USAGE) from None
    clusters = _clusters(clusters_file, config)
    if fix:
        if "-" in paths:
            typer.echo("mcli-lint: --fix cannot rewrite standard input", err=True)
            raise typer.Exit(EXIT_USAGE)
        from mcli_lint.files import discover
        from mcli_lint.format.fixes import fix_path

        for path in discover(paths):
            fixed = fix_path(path, config, clusters)
            if fixed.fixed:
                typer.echo(f"{path}: fixed {', '.join(fixed.fixed)}", err=True)
            if fixed.message is not None:
                typer.echo(f"{path}: {fixed.message}", err=True)
    result = check_paths(paths, config, sys.stdin.buffer, stdin_filename, clusters)
    summary = summarize(result.files, result.diagnostics)
    chosen = output_format or (Format.github if os.environ.get("GITHUB_ACTIONS") == "true" else Format.text)
    terminal = sys.stdout.isatty()
    if chosen is Format.text:
        from mcli_lint.report import text

        show = terminal if show_source is None else show_source
        painted = color is Color.always or (color is Color.auto and terminal and "NO_COLOR" not in os.environ)
        sys.stdout.write(text.render(result.diagnostics, summary, result.sources.get if show else None, painted))
    elif chosen is Format.json:
        from mcli_lint.report import json_report

        sys.stdout.write(json_report.render(result.diagnostics, summary))
    elif chosen is Format.sarif:
        from mcli_lint.report import sarif

        sys.stdout.write(sarif.render(result.diagnostics, summary))
    else:
        from mcli_lint.report import github

        sys.stdout.write(github.render(result.diagnostics, summary))
    failing = summary.errors or (summary.warnings and (strict or config.strict))
    raise typer.Exit(EXIT_FINDINGS if failing else EXIT_OK)


def _clusters(option: Path | None, config: Config) -> Clusters | None:
    """The clusters file's clusters (option, else pyproject, else environment), or exit 2 if it is malformed."""
    from mcli_lint.clusters import ClustersError, clusters_path, load_clusters

    path = clusters_path(option, config.clusters, os.environ)
    try:
        return load_clusters(path, config.limits) if path is not None else None
    except ClustersError as error:
        typer.echo(f"mcli-lint: {error}", err=True)
        raise typer.Exit(EXIT_USAGE) from None


def _replace(config: Config, **changes: Any) -> Config:
    import dataclasses

    return dataclasses.replace(config, **changes)


@app.command()
def rules() -> None:
    """List every rule: code, name, severity and what it reports."""
    from mcli_lint.rules import RULES

    for rule in RULES:
        typer.echo(f"{rule.code}  {rule.name:<26} {rule.severity.value:<8} {rule.summary}")
    raise typer.Exit(EXIT_OK)


@app.command()
def rule(code: Annotated[str, typer.Argument(help="A rule code (MCL103) or name (wrong-type).")]) -> None:
    """Show a rule's documentation."""
    from mcli_lint.rules import find

    found = find(code)
    if found is None:
        typer.echo(f"mcli-lint: unknown rule {code!r}; `mcli-lint rules` lists them", err=True)
        raise typer.Exit(EXIT_USAGE)
    typer.echo(f"# {found.code} {found.name} ({found.severity.value})\n")
    typer.echo(found.doc.strip())
    raise typer.Exit(EXIT_OK)


@app.command()
def schema() -> None:
    """Print the run schema (JSON Schema draft-07) for editors and other tools."""
    from mcli_lint.schema import schema_path

    sys.stdout.write(schema_path().read_text(encoding="utf-8"))
    raise typer.Exit(EXIT_OK)


class InferFormat(enum.StrEnum):
    text = "text"
    json = "json"


@app.command()
def infer(
    paths: Annotated[list[str], typer.Argument(help="Run files, or directories searched for *.yaml, *.yml.")],
    clusters_file: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option("--clusters", help=f"Clusters file [default: pyproject's `clusters`, then ${CLUSTERS_ENV}]."),
    ] = None,
    write: Annotated[bool, typer.Option("--write", help="Write the inferred fields into each file.")] = False,
    output_format: Annotated[InferFormat, typer.Option("--format", "-f", help="Report format.")] = InferFormat.text,
    config_file: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option("--config", help="pyproject.toml to read [tool.mcli-lint] from [default: nearest one]."),
    ] = None,
) -> None:
    """Complete each run's compute from the clusters available, and say why when it cannot."""
    from mcli_lint.config import ConfigError, find_pyproject, load_config
    from mcli_lint.infer_files import infer_paths
    from mcli_lint.report import infer_report

    try:
        config = load_config(config_file if config_file is not None else find_pyproject(Path.cwd()))
    except ConfigError as error:
        typer.echo(f"mcli-lint: {error}", err=True)
        raise typer.Exit(EXIT_USAGE) from None
    clusters = _clusters(clusters_file, config)
    if clusters is None:
        typer.echo(
            f'mcli-lint: infer needs a clusters file: --clusters FILE, `clusters = "…"` in [tool.mcli-lint],'
            f" or ${CLUSTERS_ENV}",
            err=True,
        )
        raise typer.Exit(EXIT_USAGE)
    if write and "-" in paths:
        typer.echo("mcli-lint: --write cannot write to standard input", err=True)
        raise typer.Exit(EXIT_USAGE)
    results = infer_paths(paths, config, clusters, write, sys.stdin.buffer)
    render = infer_report.render_json if output_format is InferFormat.json else infer_report.render_text
    sys.stdout.write(render(results))
    for result in results:
        if result.write_error is not None:
            typer.echo(f"mcli-lint: {result.path}: not written: {result.write_error}", err=True)
    raise typer.Exit(EXIT_OK if all(r.ok for r in results) else EXIT_FINDINGS)


@app.command()
def fmt(
    paths: Annotated[
        list[str], typer.Argument(help="Files, directories (searched for *.yaml, *.yml), or - for stdin to stdout.")
    ],
    check_only: Annotated[
        bool, typer.Option("--check", help="Write nothing; exit 1 if any file would change.")
    ] = False,
    diff: Annotated[bool, typer.Option("--diff", help="Print a unified diff, write nothing; exit 1 if any.")] = False,
    config_file: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option("--config", help="pyproject.toml to read [tool.mcli-lint] from [default: nearest one]."),
    ] = None,
    stdin_filename: Annotated[
        Optional[str], typer.Option(help="The name to report for input read from stdin.")  # noqa: UP045
    ] = None,
) -> None:
    """Rewrite run files in one canonical layout, keeping every comment and exactly what mcli reads."""
    from mcli_lint.config import ConfigError, find_pyproject, load_config
    from mcli_lint.files import discover
    from mcli_lint.format import Status, format_path, format_stream
    from mcli_lint.format.report import render

    if "-" in paths and len(paths) > 1:
        typer.echo("mcli-lint: fmt: - (stdin) cannot be combined with other paths", err=True)
        raise typer.Exit(EXIT_USAGE)
    try:
        config = load_config(config_file if config_file is not None else find_pyproject(Path.cwd()))
    except ConfigError as error:
        typer.echo(f"mcli-lint: {error}", err=True)
        raise typer.Exit(EXIT_USAGE) from None
    writing = not (check_only or diff)
    if paths == ["-"]:
        outcomes = [format_stream(sys.stdin.buffer, stdin_filename or "-", config.limits)]
        if writing:  # unformattable input is passed through unchanged, so a pipe never loses it
            done = outcomes[0]
            sys.stdout.buffer.write(done.formatted.encode("utf-8") if done.formatted else done.data)
            sys.stdout.flush()
    else:
        outcomes = [format_path(path, config.limits, write=writing) for path in discover(paths)]
    rendered = render(outcomes, writing, diff, stdin=paths == ["-"])
    sys.stdout.write(rendered.stdout)
    sys.stderr.write(rendered.stderr)
    failed = any(o.status in (Status.PROBLEMS, Status.REFUSED) for o in outcomes)
    pending = not writing and any(o.status is Status.REFORMATTED for o in outcomes)
    raise typer.Exit(EXIT_FINDINGS if failed or pending else EXIT_OK)


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    # `mcli-lint run.yaml` means `mcli-lint check run.yaml`.
    if not args or (args[0] not in COMMANDS and args[0] not in ("-h", "--help", "--version")):
        args.insert(0, "check")
    command = typer.main.get_command(app)
    try:
        # Standalone mode prints usage errors and exits 2; commands end by raising typer.Exit.
        command.main(args, prog_name="mcli-lint", standalone_mode=True)
    except SystemExit as done:
        code = done.code
        return code if isinstance(code, int) else EXIT_OK if code is None else EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except Exception as error:  # the promise: never a traceback
        print(f"mcli-lint: internal error: {type(error).__name__}: {error}", file=sys.stderr)
        return EXIT_USAGE
    return EXIT_OK
