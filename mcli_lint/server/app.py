"""The server's wiring: LSP messages in, the engine's answers out. Each feature lives in its own module."""

from __future__ import annotations

import asyncio
import logging
import threading
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from mcli_lint import __version__
from mcli_lint.server import FIX_ALL, SOURCE
from mcli_lint.server.positions import UTF16, Lines, column_of, split_lines

if TYPE_CHECKING:  # the engine is imported after start-up, in the background (see warm_up)
    # Lazy: the server answers `initialize` at once; warm_up() imports the engine meanwhile (130-210 ms measured).
    from mcli_lint.server.actions import Target
    from mcli_lint.server.analysis import Analysis
    from mcli_lint.server.settings import Resolved, Settings

# The files settings come from: pyproject.toml, and clusters files (JSON, or YAML named for clusters).
WATCHED = ("**/pyproject.toml", "**/*.json", "**/*clusters*.{yaml,yml}")

# Wait this long after a keystroke for the next one before linting (a typical file lints in a few ms).
DEBOUNCE_SECONDS = 0.015

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class State:
    """One document version, linted: what was published and how it pairs with the engine's diagnostics."""

    version: int | None
    text: str
    resolved: Resolved
    analysis: Analysis
    targets: list[Target]


class McliLintServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__(SOURCE, __version__, text_document_sync_kind=types.TextDocumentSyncKind.Incremental)
        self.states: dict[str, State] = {}
        self.pending: dict[str, asyncio.TimerHandle] = {}
        self.told: set[str] = set()

    @cached_property
    def settings(self) -> Settings:
        # Lazy: the server answers `initialize` at once; warm_up() imports the engine meanwhile (130-210 ms measured).
        from mcli_lint.server.settings import Settings

        return Settings()

    @property
    def encoding(self) -> str:
        encoding = self.workspace.position_encoding
        return str(encoding.value if isinstance(encoding, types.PositionEncodingKind) else encoding or UTF16)

    def state(self, uri: str) -> State:
        """The analysis of the document as it is now (linted again only if it changed)."""
        document = self.workspace.get_text_document(uri)
        known = self.states.get(uri)
        if known is not None and known.version == document.version and known.text == document.source:
            return known
        return self.lint(uri)

    def lint(self, uri: str) -> State:
        # Lazy: the server answers `initialize` at once; warm_up() imports the engine meanwhile (130-210 ms measured).
        from mcli_lint.server.actions import Target
        from mcli_lint.server.analysis import analyze
        from mcli_lint.server.diagnostics import to_lsp

        document = self.workspace.get_text_document(uri)
        text = document.source
        resolved = self.settings.for_file(_file(uri))
        if resolved.problem is not None and resolved.problem not in self.told:
            self.told.add(resolved.problem)
            self.window_show_message(types.ShowMessageParams(types.MessageType.Error, f"mcli-lint: {resolved.problem}"))
        analysis = analyze(text, resolved)
        lines = Lines(analysis.text if analysis.text is not None else "\n".join(split_lines(text)), self.encoding)
        targets = [Target(ours, to_lsp(ours, lines)) for ours in analysis.diagnostics]
        state = State(document.version, text, resolved, analysis, targets)
        self.states[uri] = state
        return state

    def publish(self, uri: str) -> None:
        self.pending.pop(uri, None)
        if uri not in self.states and uri not in self.workspace.text_documents:
            return
        try:
            state = self.lint(uri)
        except Exception as error:  # never let one document take the server down
            logger.exception("linting %s failed", uri)
            self.window_log_message(types.LogMessageParams(types.MessageType.Error, f"mcli-lint: {uri}: {error!r}"))
            return
        diagnostics = [target.client for target in state.targets]
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri, diagnostics, state.version))

    def schedule(self, uri: str) -> None:
        waiting = self.pending.pop(uri, None)
        if waiting is not None:
            waiting.cancel()
        self.pending[uri] = asyncio.get_running_loop().call_later(DEBOUNCE_SECONDS, self.publish, uri)

    def forget(self, uri: str) -> None:
        waiting = self.pending.pop(uri, None)
        if waiting is not None:
            waiting.cancel()
        self.states.pop(uri, None)
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri, []))


def create_server() -> McliLintServer:
    server = McliLintServer()

    @server.feature(types.INITIALIZED)
    def initialized(ls: McliLintServer, params: types.InitializedParams) -> None:
        threading.Thread(target=warm_up, name="mcli-lint warm-up", daemon=True).start()
        watching = ls.client_capabilities.workspace and ls.client_capabilities.workspace.did_change_watched_files
        if watching and watching.dynamic_registration:
            # The settings a document is linted with live in these files: lint again when they change.
            watchers = [types.FileSystemWatcher(glob) for glob in WATCHED]
            options = types.DidChangeWatchedFilesRegistrationOptions(watchers)
            registration = types.Registration("mcli-lint-settings", types.WORKSPACE_DID_CHANGE_WATCHED_FILES, options)
            ls.client_register_capability(types.RegistrationParams([registration]))

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def watched_files_changed(ls: McliLintServer, params: types.DidChangeWatchedFilesParams) -> None:
        ls.told.clear()
        ls.settings.forget()
        for uri in list(ls.states):
            ls.publish(uri)

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: McliLintServer, params: types.DidOpenTextDocumentParams) -> None:
        ls.publish(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: McliLintServer, params: types.DidChangeTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: McliLintServer, params: types.DidSaveTextDocumentParams) -> None:
        ls.publish(params.text_document.uri)  # a pyproject or clusters file may have changed meanwhile

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: McliLintServer, params: types.DidCloseTextDocumentParams) -> None:
        ls.forget(params.text_document.uri)

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix, FIX_ALL]),
    )
    def code_action(ls: McliLintServer, params: types.CodeActionParams) -> list[types.CodeAction]:
        # Lazy: the server answers `initialize` at once; warm_up() imports the engine meanwhile (130-210 ms measured).
        from mcli_lint.server.actions import Request, code_actions

        uri = params.text_document.uri
        state = ls.state(uri)
        request = Request(uri, state.text, state.analysis, state.resolved, ls.encoding)
        return code_actions(request, _targets(state, params), params.context.only)

    @server.feature(types.TEXT_DOCUMENT_FORMATTING)
    def formatting(ls: McliLintServer, params: types.DocumentFormattingParams) -> list[types.TextEdit]:
        # Lazy: the server answers `initialize` at once; warm_up() imports the engine meanwhile (130-210 ms measured).
        from mcli_lint.server.formatting import format_document

        state = ls.state(params.text_document.uri)
        edits, refusal = format_document(state.text, state.resolved.config, ls.encoding)
        if refusal is not None:
            ls.window_show_message(types.ShowMessageParams(types.MessageType.Warning, f"mcli-lint: {refusal}"))
        return edits

    @server.feature(types.TEXT_DOCUMENT_RANGE_FORMATTING)
    def range_formatting(ls: McliLintServer, params: types.DocumentRangeFormattingParams) -> list[types.TextEdit]:
        # Lazy: the server answers `initialize` at once; warm_up() imports the engine meanwhile (130-210 ms measured).
        from mcli_lint.server.formatting import format_range

        state = ls.state(params.text_document.uri)
        start, end = params.range.start, params.range.end
        # A selection that ends at the start of a line does not take that line.
        last = end.line - 1 if end.character == 0 and end.line > start.line else end.line
        edits, refusal = format_range(state.text, state.resolved.config, ls.encoding, range(start.line, last + 1))
        if refusal is not None:
            ls.window_show_message(types.ShowMessageParams(types.MessageType.Warning, f"mcli-lint: {refusal}"))
        return edits

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def hover(ls: McliLintServer, params: types.HoverParams) -> types.Hover | None:
        # Lazy: the server answers `initialize` at once; warm_up() imports the engine meanwhile (130-210 ms measured).
        from mcli_lint.server.hover import hover

        state = ls.state(params.text_document.uri)
        lines = split_lines(state.text)
        column = _column(lines, params.position, ls.encoding)
        return hover(lines, params.position, column, state.targets, state.resolved.clusters)

    @server.feature(types.TEXT_DOCUMENT_COMPLETION, types.CompletionOptions(trigger_characters=["$"]))
    def completion(ls: McliLintServer, params: types.CompletionParams) -> types.CompletionList:
        # Lazy: the server answers `initialize` at once; warm_up() imports the engine meanwhile (130-210 ms measured).
        from mcli_lint.server.completion import complete

        document = ls.workspace.get_text_document(params.text_document.uri)
        lines = split_lines(document.source)
        column = _column(lines, params.position, ls.encoding)
        clusters = ls.settings.for_file(_file(params.text_document.uri)).clusters
        items = complete(lines, params.position.line, column, ls.encoding, clusters)
        return types.CompletionList(is_incomplete=False, items=items)

    return server


def warm_up() -> None:
    """Import the engine and run it once while the editor is busy opening files, so the first
    diagnostics come as fast as the next ones; start-up itself does nothing but answer."""
    # Lazy on purpose: warm_up() is where the server imports what it deferred (see above).
    from mcli_lint.engine.lint import lint_text
    from mcli_lint.server import actions, completion, diagnostics, formatting, hover, settings

    del actions, completion, diagnostics, formatting, hover, settings
    lint_text("name: warm-up\nimage: ubuntu\ncommand: ls\ncompute: {gpus: 0}\n")
    # Lazy on purpose: warm_up() is where the server imports what it deferred (see above).
    from mcli_lint.compute import clusters
    from mcli_lint.engine import fix

    del fix
    clusters.clusters_schema()


def _file(uri: str) -> Path | None:
    path = to_fs_path(uri) if uri.startswith("file:") else None
    return Path(path) if path else None


def _column(lines: list[str], position: types.Position, encoding: str) -> int:
    text = lines[position.line] if position.line < len(lines) else ""
    return column_of(text, position.character, encoding)


def _targets(state: State, params: types.CodeActionParams) -> list[Target]:
    """The problems the client asks about: those it names, else those overlapping the range."""
    asked = [d for d in params.context.diagnostics if d.source == SOURCE]
    if asked:
        known = {(t.client.code, _key(t.client.range), t.client.message): t for t in state.targets}
        return [known[found] for d in asked if (found := (d.code, _key(d.range), d.message)) in known]
    wanted = params.range
    return [
        t
        for t in state.targets
        if _key(t.client.range)[:2] <= _key(wanted)[2:] and _key(wanted)[:2] <= _key(t.client.range)[2:]
    ]


def _key(where: types.Range) -> tuple[int, int, int, int]:
    return (where.start.line, where.start.character, where.end.line, where.end.character)
