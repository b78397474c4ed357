"""The ``mcli-lint`` command line, the program's one parser (typer): arguments in, a command run, an exit code out.

Start-up is part of every pre-commit run, so nothing here costs more than typer itself: command
bodies are imported when their command runs (``commands.run``), and help texts name no module
that would pull in the linter.
"""

# No `from __future__ import annotations`: typer reads every command's annotations at each start,
# and string annotations would be compiled and evaluated there (half its set-up time).
import enum
import itertools
import sys
from collections.abc import Iterator
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from mcli_lint import __version__
from mcli_lint.commands import (
    COMMANDS,
    EXIT_FINDINGS,
    EXIT_INTERNAL,
    EXIT_OK,
    EXIT_USAGE,
    CheckOptions,
    ClustersPullOptions,
    ClustersShowOptions,
    FmtOptions,
    InferOptions,
    ToPythonOptions,
    ToYamlOptions,
    internal_error,
    run,
)
from mcli_lint.environment import CLUSTERS_ENV

if TYPE_CHECKING:
    from typer._click import Command  # the click typer carries (pinned in pyproject.toml)

__all__ = ["EXIT_FINDINGS", "EXIT_INTERNAL", "EXIT_OK", "EXIT_USAGE", "app", "main"]

PROGRAM = "mcli-lint"
COMPLETION_OPTIONS = ("--install-completion", "--show-completion")
SHELLS = ("bash", "zsh", "fish", "powershell", "pwsh")


app = typer.Typer(
    # --install-completion and --show-completion, as typer gives them (bash, zsh, fish, PowerShell).
    add_completion=True,
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


# Options several commands share.
ConfigFile = Annotated[
    Optional[str],  # noqa: UP045 - typer needs Optional here
    typer.Option(
        "--config", metavar="FILE", help="pyproject.toml to read [tool.mcli-lint] from [default: nearest one]."
    ),
]
StdinFilename = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option(metavar="NAME", help="The name to report for input read from stdin."),
]
ForceExclude = Annotated[
    bool,
    typer.Option("--force-exclude", help="Apply exclude patterns to files named on the command line too (pre-commit)."),
]
ForceRun = Annotated[
    bool,
    typer.Option("--force-run", help="Treat every file as a run file, whatever its content looks like."),
]
Quiet = Annotated[
    bool,
    typer.Option("--quiet", "-q", help="No note for files named but skipped as not run files (pre-commit)."),
]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"mcli-lint {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool, typer.Option("--version", "-V", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """Lint Databricks Mosaic AI (mcli) run YAML files before you submit them."""


@app.command()
def check(
    paths: Annotated[
        Optional[list[str]],  # noqa: UP045
        typer.Argument(
            help="Files, directories (searched for run files), or - for stdin [default: .].", show_default=False
        ),
    ] = None,
    output_format: Annotated[
        Optional[Format],  # noqa: UP045 - typer needs Optional here
        typer.Option("--format", "-f", help="Report format [default: text, github under GitHub Actions]."),
    ] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Warnings fail the run too (exit 1).")] = False,
    select: Annotated[
        Optional[list[str]],  # noqa: UP045
        typer.Option(metavar="CODES", help="Only these rules (codes, prefixes, names)."),
    ] = None,
    ignore: Annotated[
        Optional[list[str]],  # noqa: UP045
        typer.Option(metavar="CODES", help="Skip these rules (codes, prefixes, names)."),
    ] = None,
    config_file: ConfigFile = None,
    stdin_filename: StdinFilename = None,
    show_source: Annotated[
        Optional[bool],  # noqa: UP045
        typer.Option(
            "--show-source/--no-show-source",
            help="Show the source line under each problem [default: on a terminal].",
        ),
    ] = None,
    color: Annotated[
        Color, typer.Option(help="Color the text report; auto: FORCE_COLOR, else NO_COLOR, else on a terminal.")
    ] = Color.auto,
    fix: Annotated[
        bool,
        typer.Option(
            "--fix",
            help="Make the rules' safe fixes first (`mcli-lint rules` says which rules have fixes).",
        ),
    ] = False,
    clusters_file: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--clusters",
            metavar="FILE",
            help=f"Clusters file for the MCL3xx checks [default: pyproject, ${CLUSTERS_ENV}].",
        ),
    ] = None,
    exclude: Annotated[
        Optional[list[str]],  # noqa: UP045
        typer.Option(help="Skip what these gitignore-style patterns name (replaces the configured exclude)."),
    ] = None,
    extend_exclude: Annotated[
        Optional[list[str]],  # noqa: UP045
        typer.Option(help="Skip what these patterns name, besides the configured exclude."),
    ] = None,
    include: Annotated[
        Optional[list[str]],  # noqa: UP045
        typer.Option(help="Files these patterns name are run files, whatever their content looks like."),
    ] = None,
    force_exclude: ForceExclude = False,
    force_run: ForceRun = False,
    verbose: Annotated[
        bool,
        typer.Option(
            "--verbose", "-v", help="List the files skipped and why, the fixes made, the files checked, the time."
        ),
    ] = False,
    exit_zero: Annotated[bool, typer.Option("--exit-zero", help="Exit 0 even when there are findings.")] = False,
    statistics: Annotated[
        bool, typer.Option("--statistics", help="Count the diagnostics of each rule instead of listing them.")
    ] = False,
    output_file: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--output-file", "-o", metavar="FILE", help="Write the report to this file instead of standard output."
        ),
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print the diagnostics and nothing else.")] = False,
    silent: Annotated[bool, typer.Option("--silent", "-s", help="Print nothing; the exit code tells.")] = False,
    extend_select: Annotated[
        Optional[list[str]],  # noqa: UP045
        typer.Option(metavar="CODES", help="Also these rules, on top of the selection (codes, prefixes, names)."),
    ] = None,
    extend_ignore: Annotated[
        Optional[list[str]],  # noqa: UP045
        typer.Option(metavar="CODES", help="Also skip these rules, on top of the selection (codes, prefixes, names)."),
    ] = None,
    watch: Annotated[
        bool, typer.Option("--watch", "-w", help="Check again whenever a file changes (Ctrl-C stops).")
    ] = False,
    unsafe_fixes: Annotated[
        Optional[bool],  # noqa: UP045
        typer.Option(
            "--unsafe-fixes/--no-unsafe-fixes",
            help="Also make fixes that change what mcli sends [default: `unsafe-fixes` in pyproject].",
        ),
    ] = None,
    diff: Annotated[
        bool, typer.Option("--diff", help="Print the fixes as a unified diff, write nothing; exit 1 if any.")
    ] = False,
    show_fixes: Annotated[bool, typer.Option("--show-fixes", help="List the fixes made, file by file.")] = False,
    exit_non_zero_on_fix: Annotated[
        bool, typer.Option("--exit-non-zero-on-fix", help="Exit 1 when a file was fixed, even if nothing is left.")
    ] = False,
) -> None:
    """Check run files against the run schema and the platform's rules."""
    options = CheckOptions(
        tuple(paths or (".",)),
        output_format.value if output_format is not None else None,
        strict,
        tuple(select or ()),
        tuple(ignore or ()),
        config_file,
        stdin_filename,
        show_source,
        color.value,
        fix,
        clusters_file,
        exit_zero,
        statistics,
        output_file,
        quiet,
        silent,
        tuple(exclude or ()),
        tuple(extend_exclude or ()),
        tuple(include or ()),
        force_exclude,
        force_run,
        verbose,
        tuple(extend_select or ()),
        tuple(extend_ignore or ()),
        watch,
        unsafe_fixes=unsafe_fixes,
        diff=diff,
        show_fixes=show_fixes,
        exit_non_zero_on_fix=exit_non_zero_on_fix,
    )
    raise typer.Exit(run(options))


class RulesFormat(enum.StrEnum):
    text = "text"
    json = "json"


@app.command()
def rules(
    output_format: Annotated[
        RulesFormat, typer.Option("--format", "-f", help="text, or json: a list of {code, name, severity, ...}.")
    ] = RulesFormat.text,
) -> None:
    """List every rule: code, name, severity, whether its fixes are safe, and what it reports."""
    # Lazy: --help and every other command start without the rules (see benchmarks/startup.py).
    from mcli_lint.report.rules import table, table_json
    from mcli_lint.rules import RULES

    sys.stdout.write(table_json(RULES) if output_format is RulesFormat.json else table(RULES))
    raise typer.Exit(EXIT_OK)


@app.command()
def rule(code: Annotated[str, typer.Argument(help="A rule code (MCL103) or name (wrong-type).")]) -> None:
    """Show a rule's documentation."""
    # Lazy: --help and every other command start without the rules (see benchmarks/startup.py).
    from mcli_lint.rules import find

    found = find(code)
    if found is None:
        typer.echo(f"mcli-lint: unknown rule {code!r}; `mcli-lint rules` lists them", err=True)
        raise typer.Exit(EXIT_USAGE)
    from mcli_lint.report.rules import page  # Lazy: as the rules above

    sys.stdout.write(page(found))
    raise typer.Exit(EXIT_OK)


@app.command()
def schema() -> None:
    """Print the run schema (JSON Schema draft-07) for editors and other tools."""
    # Lazy: the schema package (about 11 ms measured), for this command alone.
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
        Optional[str],  # noqa: UP045
        typer.Option("--clusters", help=f"Clusters file [default: pyproject's `clusters`, then ${CLUSTERS_ENV}]."),
    ] = None,
    write: Annotated[bool, typer.Option("--write", help="Write the inferred fields into each file.")] = False,
    output_format: Annotated[InferFormat, typer.Option("--format", "-f", help="Report format.")] = InferFormat.text,
    config_file: ConfigFile = None,
) -> None:
    """Complete each run's compute from the clusters available, and say why when it cannot."""
    raise typer.Exit(run(InferOptions(tuple(paths), clusters_file, write, output_format.value, config_file)))


@app.command()
def fmt(
    paths: Annotated[
        Optional[list[str]],  # noqa: UP045
        typer.Argument(
            help="Files, directories (searched for run files), or - for stdin to stdout [default: .].",
            show_default=False,
        ),
    ] = None,
    check_only: Annotated[
        bool, typer.Option("--check", help="Write nothing; exit 1 if any file would change.")
    ] = False,
    diff: Annotated[bool, typer.Option("--diff", help="Print a unified diff, write nothing; exit 1 if any.")] = False,
    config_file: ConfigFile = None,
    stdin_filename: StdinFilename = None,
    force_exclude: ForceExclude = False,
    force_run: ForceRun = False,
    quiet: Quiet = False,
    sort_keys: Annotated[
        bool | None,
        typer.Option(
            "--sort-keys/--no-sort-keys",
            help="Put keys in the schema's order (default: keep the author's; `sort-keys` in [tool.mcli-lint]).",
        ),
    ] = None,
) -> None:
    """Normalise the layout of run files, keeping key order, every comment and exactly what mcli reads."""
    options = FmtOptions(
        tuple(paths or ["."]),
        check_only,
        diff,
        config_file,
        stdin_filename,
        force_exclude=force_exclude,
        force_run=force_run,
        quiet=quiet,
        sort_keys=sort_keys,
    )
    raise typer.Exit(run(options))


@app.command(name="to-python")
def to_python(
    path: Annotated[str, typer.Argument(help="A run file, or - for stdin.")],
    output: Annotated[
        Optional[str], typer.Option("--output", "-o", help="Write the module here [default: stdout].")  # noqa: UP045
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Convert anything mcli can load, errors or not.")] = False,
) -> None:
    """Convert a run file to Python code building the same mcli RunConfig."""
    raise typer.Exit(run(ToPythonOptions(path, output, force)))


@app.command(name="to-yaml")
def to_yaml(
    path: Annotated[str, typer.Argument(help="A Python file with config = RunConfig(...), or - for stdin.")],
    output: Annotated[
        Optional[str], typer.Option("--output", "-o", help="Write the YAML here [default: stdout].")  # noqa: UP045
    ] = None,
) -> None:
    """Convert a RunConfig(...) of literals (read, never run) back to the canonical run YAML."""
    raise typer.Exit(run(ToYamlOptions(path, output)))


clusters_app = typer.Typer(
    help="The clusters inference uses: pull them from the platform, show what inference sees.",
    no_args_is_help=True,
)
app.add_typer(clusters_app, name="clusters")


@clusters_app.command()
def pull(
    output: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--output", "-o", help="Write the clusters file here, atomically [default: stdout]."),
    ] = None,
    timeout: Annotated[
        Optional[float],  # noqa: UP045
        typer.Option(help="Seconds to wait for the platform's answer [default: $MCLI_TIMEOUT, else 10]."),
    ] = None,
) -> None:
    """Fetch your organisation's clusters through mcli's SDK (your mcli API key and endpoint) as a clusters file."""
    raise typer.Exit(run(ClustersPullOptions(output, timeout)))


@clusters_app.command()
def show(
    path: Annotated[
        Optional[str],  # noqa: UP045
        typer.Argument(help=f"A clusters file [default: pyproject's `clusters`, then ${CLUSTERS_ENV}]."),
    ] = None,
    config_file: ConfigFile = None,
) -> None:
    """Show clusters, instances, GPU types and the legal GPU counts, as inference sees them."""
    raise typer.Exit(run(ClustersShowOptions(path, config_file)))


@app.command()
def server(
    stdio: Annotated[bool, typer.Option("--stdio", help="Talk over stdin/stdout (the default; the only way).")] = False,
) -> None:
    """Run the language server (LSP over stdio): check's diagnostics, fixes, fmt, hover and completion in editors."""
    # Lazy: the server's command module (which keeps pygls lazy itself), for `server` alone.
    from mcli_lint.commands.server import serve

    raise typer.Exit(serve())


def main(argv: list[str] | None = None) -> int:
    """Run ``mcli-lint ARGV``: the exit code (usage errors 2, the tool's own failures 3, one line each)."""
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        if len(args) == 2 and args[0] in COMPLETION_OPTIONS:
            return _completion(args[0], args[1])
        command = typer.main.get_command(app)
        args = list(_short_values_split(command, _with_command(command, args)))
        # Not standalone: typer.Exit comes back as the exit code, and usage errors as exceptions.
        code = command.main(args, prog_name=PROGRAM, standalone_mode=False)
    except SystemExit as done:  # shell completion, --install-completion and --show-completion end so
        return done.code if isinstance(done.code, int) else EXIT_OK if done.code is None else EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except Exception as error:  # the promise: never a traceback
        return _failed(error, args)
    return code if isinstance(code, int) else EXIT_OK


def _completion(option: str, shell: str) -> int:
    """``--show-completion SHELL`` and ``--install-completion SHELL``: for the shell named, where
    typer's own options take the shell they run from (and would ignore the name)."""
    # Lazy: typer's completion scripts, only for --show-completion / --install-completion SHELL.
    from typer._completion_shared import get_completion_script, install

    if shell not in SHELLS:
        sys.stderr.write(f"{PROGRAM}: {option}: no completion for {shell!r}; one of: {', '.join(SHELLS)}\n")
        return EXIT_USAGE
    variable = "_{}_COMPLETE".format(PROGRAM.replace("-", "_").upper())  # the one typer's completion reads
    if option == "--show-completion":
        sys.stdout.write(get_completion_script(prog_name=PROGRAM, complete_var=variable, shell=shell) + "\n")
        return EXIT_OK
    _, path = install(shell=shell, prog_name=PROGRAM, complete_var=variable)
    sys.stdout.write(
        f"{shell} completion installed in {path}\nCompletion will take effect once you restart the terminal\n"
    )
    return EXIT_OK


LOG_LEVELS = frozenset({"-v", "--verbose", "-q", "--quiet", "-s", "--silent"})


def _with_command(command: "Command", args: list[str]) -> list[str]:
    """``mcli-lint run.yaml`` means ``mcli-lint check run.yaml``: anything but a command or one of
    the program's own options (--help, --version, completion) starts a ``check``."""
    own = {name for param in command.params for name in (*param.opts, *param.secondary_opts)}
    own.update(command.context_settings.get("help_option_names", ["--help"]))
    # ruff's log-level flags may come before the command: `mcli-lint -v check` is `mcli-lint check -v`.
    flags = list(itertools.takewhile(LOG_LEVELS.__contains__, args))
    rest = args[len(flags) :]
    if flags and rest and rest[0] in COMMANDS:
        return [rest[0], *flags, *rest[1:]]
    first = args[0] if args else None
    if first is not None and (first in COMMANDS or first in own or first.partition("=")[0] in own):
        return args
    return ["check", *args]


def _short_values_split(command: "Command", args: list[str]) -> Iterator[str]:
    """``-f=json`` as ``-f json``, as ruff's parser reads it (click would take ``=json`` for the
    value), for every short option that takes a value; every other token as it is."""
    tokens = iter(args)
    for token in tokens:
        if token == "--":
            yield token
            yield from tokens
            return
        subcommands: dict[str, Command] | None = getattr(command, "commands", None)
        if subcommands is not None and token in subcommands:
            command = subcommands[token]
            yield token
        elif token[:1] == "-" and token[2:3] == "=" and _takes_a_value(command, token[:2]):
            yield from (token[:2], token[3:])
        else:
            yield token
            if _takes_a_value(command, token):  # the next token is its value, whatever it looks like
                yield from itertools.islice(tokens, 1)


def _takes_a_value(command: "Command", name: str) -> bool:
    return any(
        name in param.opts and not getattr(param, "is_flag", False) and not getattr(param, "count", False)
        for param in command.params
        if param.param_type_name == "option"
    )


def _failed(error: Exception, args: list[str]) -> int:
    """A usage error as one line (exit 2); anything else is the tool's own failure (exit 3)."""
    # Lazy: only when something failed.
    from typer._click.exceptions import ClickException

    if not isinstance(error, ClickException):
        return internal_error(error)
    context = getattr(error, "ctx", None)
    where = context.command_path if context is not None else _command_path(args)
    message = " ".join(error.format_message().split())
    sys.stderr.write(f"{PROGRAM}: {message} (`{where} --help` lists the options)\n")
    return error.exit_code


def _command_path(args: list[str]) -> str:
    """``mcli-lint`` and the (sub)commands ``args`` start with, for errors click raises without one."""
    command = typer.main.get_command(app)
    words = [PROGRAM]
    for token in args:
        subcommands: dict[str, Command] | None = getattr(command, "commands", None)
        if subcommands is None or token not in subcommands:
            break
        command = subcommands[token]
        words.append(token)
    return " ".join(words)
