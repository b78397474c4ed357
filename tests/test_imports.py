"""The package's modules form no import cycle: each imports on its own, in a fresh interpreter, and
the graph of every import that can run (at module level or in a function, not those under
``if TYPE_CHECKING:``, which only name types for annotations) has no cycle."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from collections.abc import Iterator
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "mcli_lint"
# Running it is its import: it starts the command line.
NOT_IMPORTABLE = {"mcli_lint.__main__"}

# One interpreter forks once per module, and the child imports that module alone: a fresh
# `python -c "import X"` each, without starting Python 90 times. The parent first imports the
# other libraries the package uses (they cannot be part of its cycles) and nothing of the package,
# so each child runs only the package's own module code; as many children at a time as CPUs.
FORK_EACH = """
import importlib, os, sys, traceback
others, modules = sys.argv[1].split(), sys.argv[2:]
for other in others:
    try:
        importlib.import_module(other)
    except Exception:
        pass  # optional, or for type checking only
assert not [name for name in sys.modules if name.startswith("mcli_lint")]
running = set()
for name in modules:
    if len(running) >= (os.cpu_count() or 1):
        running.discard(os.wait()[0])
    pid = os.fork()
    if pid == 0:
        try:
            importlib.import_module(name)
        except BaseException:
            print(f"--- {name}\\n{traceback.format_exc()}", end="", flush=True)
            os._exit(1)
        os._exit(0)
    running.add(pid)
while running:
    running.discard(os.wait()[0])
"""


def module_names() -> dict[str, Path]:
    """Every module of the package (packages by their ``__init__``), by dotted name."""
    names = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        names[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return names


def runnable(tree: ast.AST) -> Iterator[ast.AST]:
    """The nodes below ``tree``, except the bodies of ``if TYPE_CHECKING:`` (never run)."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.If) and ast.unparse(node.test) in ("TYPE_CHECKING", "typing.TYPE_CHECKING"):
            for other in node.orelse:
                yield other
                yield from runnable(other)
            continue
        yield node
        yield from runnable(node)


def imports(name: str, path: Path) -> set[str]:
    """Every module ``name`` (at ``path``) imports where it can run, by absolute dotted name."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in runnable(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parents = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parents, base] if base else parents)
            targets = [base, *(f"{base}.{alias.name}" for alias in node.names)]
        else:
            continue
        found.update(targets)
    return found


def imported(name: str, path: Path, known: set[str]) -> set[str]:
    """The package's modules that ``name`` imports."""
    found = set()
    for target in imports(name, path):
        while target and target not in known:  # `from a.b import name`: the module a.b
            target = target.rpartition(".")[0]
        if target and target != name:
            found.add(target)
    return found


def test_every_module_imports_on_its_own() -> None:
    names = module_names()
    modules = sorted(set(names) - NOT_IMPORTABLE)
    assert len(modules) > 80
    others = {target for name, path in names.items() for target in imports(name, path)}
    others = {target for target in others if target and target.partition(".")[0] != "mcli_lint"}
    done = subprocess.run(
        [sys.executable, "-c", FORK_EACH, " ".join(sorted(others)), *modules],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=PACKAGE.parent,
    )
    assert (done.returncode, done.stderr) == (0, ""), done.stderr
    assert done.stdout == "", done.stdout  # each module that failed, and its traceback


def test_the_import_graph_has_no_cycle() -> None:
    modules = module_names()
    graph = {name: imported(name, path, set(modules)) for name, path in modules.items()}
    assert graph["mcli_lint.engine.check"] >= {"mcli_lint.engine.batch", "mcli_lint.engine.lint"}
    try:
        order = list(TopologicalSorter(graph).static_order())
    except CycleError as error:
        raise AssertionError(f"import cycle: {' -> '.join(error.args[1])}") from None
    assert set(order) == set(modules)


# Modules other work is deleting (issue 10: the fixes move into the rules; the fast entry is
# rewritten): they are held to this rule once they are gone or rewritten.
UNCHECKED = {"mcli_lint.entry", "mcli_lint.format.fixes", "mcli_lint.format.legacy"}
# A comment that says why an import waits for its function.
WHY_LAZY = re.compile(r"#\s*(Lazy\b|Optional dependency\b)")


def function_level_imports(tree: ast.AST) -> Iterator[list[ast.stmt]]:
    """Each run of consecutive import statements inside a function body (a comment above the first
    speaks for the run)."""
    for node in ast.walk(tree):
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        for inner in ast.walk(node):
            for body in (getattr(inner, name, None) for name in ("body", "orelse", "finalbody", "handlers")):
                run: list[ast.stmt] = []
                for statement in body if isinstance(body, list) else []:
                    if isinstance(statement, ast.Import | ast.ImportFrom):
                        run.append(statement)
                        continue
                    if run:
                        yield run
                    run = []
                if run:
                    yield run


def unexplained_imports(source: str) -> list[int]:
    """The lines of function-level imports with no comment saying why: on the line, or in the
    comment lines just above the run of imports it belongs to."""
    lines = source.splitlines()
    bad = []
    for run in function_level_imports(ast.parse(source)):
        above = run[0].lineno - 2
        comments = []
        while above >= 0 and lines[above].strip().startswith("#"):
            comments.append(lines[above])
            above -= 1
        if any(WHY_LAZY.search(comment) for comment in comments):
            continue
        bad += [s.lineno for s in run if not WHY_LAZY.search(lines[s.lineno - 1])]
    return sorted(set(bad))


def test_every_function_level_import_says_why() -> None:
    """An import inside a function is there for start-up time (measured) or an optional dependency,
    and a comment says which; any other import belongs at the top of its module."""
    found = {
        name: unexplained_imports(path.read_text(encoding="utf-8"))
        for name, path in module_names().items()
        if name not in UNCHECKED
    }
    assert {name: lines for name, lines in found.items() if lines} == {}


def test_the_import_check_sees_an_unexplained_import() -> None:
    source = (
        "def a():\n    import json\n\n"
        "def b():\n    # Lazy: 40 ms, measured.\n    import csv\n    import json\n\n"
        "def c():\n    if True:\n        import csv  # Optional dependency: extra.\n        import json\n\n"
        "def d():\n    # a comment that gives no reason\n    import json\n\n"
        "def e():\n    # Lazy: 2 ms, measured,\n    # and only here.\n    import json\n"
    )
    assert unexplained_imports(source) == [2, 12, 16]
