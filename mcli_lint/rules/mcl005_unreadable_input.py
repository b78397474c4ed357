"""The input cannot be read as a run file.

## What it does
Reports a path that does not exist, is not a regular file (a directory, a FIFO, a device: none
is ever opened for a blocking read), cannot be read, is over the size limit (10 MiB by default,
`max-file-size` in `[tool.mcli-lint]`), or is not UTF-8 text: UTF-16, invalid UTF-8, NUL bytes
and characters YAML forbids. A UTF-8 byte-order mark is fine.

## Why is this bad?
mcli opens the file as UTF-8 text; anything else fails before the run is built.
"""

from __future__ import annotations

from mcli_lint.loader import Kind, LoadProblem
from mcli_lint.rules.base import Words, input_rule


def _not_regular(problem: LoadProblem) -> tuple[str, str | None]:
    what = problem.fact("what")
    return (f"not a regular file ({what})" if what else "not a regular file"), None


def _too_large(problem: LoadProblem) -> tuple[str, str | None]:
    return (
        f"file is {problem.fact('size')} bytes, over the {problem.fact('limit')}-byte limit",
        "run files are small; raise `max-file-size` in [tool.mcli-lint] if this one is real",
    )


def _not_utf8(problem: LoadProblem) -> tuple[str, str | None]:
    return (
        f"not UTF-8 text: byte 0x{int(problem.facts['byte']):02x} cannot be decoded",
        "mcli reads run files as UTF-8; save the file as UTF-8",
    )


WORDS: dict[Kind, Words] = {
    Kind.NO_SUCH_FILE: lambda _: ("no such file", None),
    Kind.IS_DIRECTORY: lambda _: ("is a directory, not a file", None),
    Kind.PERMISSION_DENIED: lambda _: ("permission denied", None),
    Kind.NOT_REGULAR: _not_regular,
    Kind.CANNOT_OPEN: lambda problem: (f"cannot open: {problem.fact('reason')}", None),
    Kind.CANNOT_READ: lambda problem: (f"cannot read: {problem.fact('reason')}", None),
    Kind.TOO_LARGE: _too_large,
    Kind.UTF16: lambda _: ("file is UTF-16 text; mcli reads UTF-8 only", "save it as UTF-8"),
    Kind.NOT_UTF8: _not_utf8,
    Kind.NUL_BYTE: lambda _: ("binary data: the file contains a NUL byte", None),
    Kind.NON_PRINTABLE: lambda problem: (
        f"contains the non-printable character U+{int(problem.facts['character']):04X}",
        None,
    ),
}

RULE = input_rule("MCL005", "unreadable-input", __doc__, WORDS)
