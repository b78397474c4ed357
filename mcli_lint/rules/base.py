"""What a rule is, and the context every rule reads."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any, TypeVar

from mcli_lint.diagnostics import Applicability, Finding, Path, Severity
from mcli_lint.directives import Suppressions
from mcli_lint.loader import Document, Kind, LoadProblem
from mcli_lint.schema.errors import SchemaError, schema_errors

if TYPE_CHECKING:
    from mcli_lint.compute.clusters import Clusters
    from mcli_lint.compute.infer import Outcome

T = TypeVar("T")


@dataclass
class Context:
    """One file, loaded; rules read it and never change it."""

    document: Document | None
    load_problems: list[LoadProblem] = field(default_factory=list)
    # The clusters runs go to, when a clusters file is given, and how to infer a run's compute on
    # them (the engine passes compute inference in: rules never import it). The MCL3xx rules read
    # the outcome.
    clusters: Clusters | None = None
    infer: Callable[[Context], Outcome] | None = None
    # The file's suppression comments, once the other rules' diagnostics went through them: set
    # (for the rules that need the other rules' diagnostics) only when the file has a directive.
    suppressions: Suppressions | None = None

    @cached_property
    def inference(self) -> Outcome | None:
        """The file's compute inference, worked out once; None without clusters."""
        return self.infer(self) if self.infer is not None and self.clusters is not None else None

    @property
    def data(self) -> dict[str, Any]:
        assert self.document is not None
        data: dict[str, Any] = self.document.data
        return data

    @cached_property
    def schema_errors(self) -> list[SchemaError]:
        return schema_errors(self.data) if self.document is not None else []

    @cached_property
    def failed_paths(self) -> frozenset[Path]:
        """Paths whose value failed a type or range check: cross-field rules leave them alone."""
        return frozenset(e.path for e in self.schema_errors if e.keyword not in ("required", "additionalProperties"))

    def derived(self, compute: Callable[[Context], T]) -> T:
        """A value derived from the file once and shared by the rules that need it."""
        cache: dict[object, Any] = self.__dict__.setdefault("_derived", {})
        if compute not in cache:
            cache[compute] = compute(self)
        value: T = cache[compute]
        return value

    def failed(self, path: Path) -> bool:
        return any(path[: len(p)] == p for p in self.failed_paths)

    def get(self, *path: object) -> Any:
        """The value at ``path``, or None when any step is missing."""
        value: Any = self.data
        for part in path:
            if isinstance(value, dict):
                value = value.get(part)
            elif isinstance(value, list) and isinstance(part, int) and 0 <= part < len(value):
                value = value[part]
            else:
                return None
        return value


Check = Callable[[Context], Iterable[Finding]]
# An input rule's wording of one kind of load problem: (message, help).
Words = Callable[[LoadProblem], tuple[str, str | None]]


@dataclass(frozen=True)
class Fixes:
    """What a rule's fixes are: how often it offers one, and whether they keep what mcli sends."""

    # "always": every problem it reports comes with a fix; "sometimes": some do.
    availability: str
    # None: some of its fixes are safe, others unsafe.
    applicability: Applicability | None

    @property
    def safety(self) -> str:
        return self.applicability.value if self.applicability is not None else "mixed"

    @property
    def sentence(self) -> str:
        """ruff's words: "Fix is sometimes available (unsafe)."."""
        return f"Fix is {self.availability} available ({self.safety})."


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: Severity
    check: Check
    doc: str
    # Input rules report load problems; every other rule needs a loaded mapping.
    needs_data: bool = True
    # An input rule's words for the kinds of load problem it owns.
    words: Mapping[Kind, Words] = field(default_factory=dict)
    # Runs only with a clusters file (the MCL3xx checks).
    needs_clusters: bool = False
    # Reads the other rules' diagnostics (through ``Context.suppressions``): runs after them.
    needs_diagnostics: bool = False
    # The fixes its findings carry (`check --fix`, the editor's quick fixes); None: it has none.
    fixes: Fixes | None = None

    @property
    def fixable(self) -> str:
        """ "always", "sometimes" or "never", as `rules --format json` says."""
        return self.fixes.availability if self.fixes is not None else "never"

    @property
    def fix_safety(self) -> str | None:
        """ "safe", "unsafe", "mixed", or None for a rule without fixes."""
        return self.fixes.safety if self.fixes is not None else None

    @property
    def summary(self) -> str:
        return self.doc.strip().splitlines()[0]


def input_rule(code: str, name: str, doc: str, words: Mapping[Kind, Words]) -> Rule:
    """An input rule (MCL001-MCL007): it reports the load problems of the kinds it words."""

    def check(ctx: Context) -> Iterator[Finding]:
        for problem in ctx.load_problems:
            word = words.get(problem.kind)
            if word is not None:
                message, help = word(problem)
                yield Finding((), message, help, span=problem.span)

    return Rule(code, name, Severity.ERROR, check, doc, needs_data=False, words=words)
